"""Event mentions: triggers from the engine's PLOVER lexicon (and a dataset's curated rules),
arguments from the parse, clause dates, factuality (issue: events).

One draft per event mention: the sentence, the trigger word, the PLOVER type (+ mode, + key),
who acted, upon whom, where, the date of the trigger's own clause (``dates.find_dates``; none
in the clause means an unknown date, never the publication date), whether the text says it
happened, and the predicate in words for the summary. A mention whose actor cannot be found
is not kept (a curated trigger's is kept and its summary says the actor is not named).

Modules: ``lexicon`` (engine lexicon + curation), ``triggers`` (which words fire),
``arguments`` and ``entities`` (who and whom), ``clauses`` (dates, factuality, intentions),
``readings`` (what looks like an event and is none: habits, opinions, refrained acts),
``phrases`` (the predicate in words), ``cameo`` (the lexicon's conversion).

>>> drafts, new_entities = event_mentions(ctx)
>>> [(d.event_type.value, d.actor_id, d.trigger) for d in drafts][:1]
[('REJECT', 'thomas-whitfield', 'vetoed')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ...models import DateBasis, EntityType, EventType, Factuality
from ..attribution.view import cached_view
from ..dates import DateValue
from ..quotemarks import QuoteSpan, find_quotes, furniture_at
from .arguments import fill, inherit_actors
from .clauses import (
    asked_for,
    dates,
    factuality,
    idle,
    intention,
    kept_silent,
    negated,
    no_party,
    property_attack,
    readied,
    refusal,
    verbal_attack,
)
from .entities import agents
from .index import TokenIndex, covered
from .lexicon import EventCodebook, load_codebook
from .parse import dobj, subject
from .phrases import clause
from .readings import (
    belittled,
    demonstration,
    long_since,
    promised,
    refrained,
    stance,
    surmised,
    unreceived,
)
from .state import Article, Hit
from .triggers import BLAMING, fire, may_fire

if TYPE_CHECKING:
    from .. import ArticleContext, EventDraft, NewEntity

__all__ = ["event_mentions", "extract_events", "load_codebook"]


def extract_events(ctx: ArticleContext) -> list[EventDraft]:
    """Every event mention in the article, one draft per (sentence, type, key)."""
    return event_mentions(ctx)[0]


def event_mentions(ctx: ArticleContext) -> tuple[list[EventDraft], list[NewEntity]]:
    """The drafts and the entities they name that the registry does not know."""
    book = load_codebook(ctx.curation.codebook)
    article = _article(ctx, book)
    drafts: list[EventDraft] = []
    previous: list[Hit] = []
    for sent in _segments(article):
        if not article.text_of(sent).strip() or furniture_at(ctx.text, sent.start_char):
            previous = []
            continue
        hits = _collapse(_sentence_hits(article, sent))
        hits += _continuations(article, sent, previous, hits)
        drafts.extend(_draft(ctx, sent, hit) for hit in hits)
        previous = hits
    drafts = _told_in_body(drafts, _headline_end(ctx.text))
    used = {a for d in drafts for a in (d.actor_id, d.recipient_id, *d.co_actor_ids) if a}
    return drafts, [e for i, e in sorted(article.proposed.items()) if i in used]


_HEADLINE_WORDS = 20


def _headline_end(text: str) -> int:
    """Where the headline ends: the article's first line when it is short (at most 20 words)
    and the text goes on after it with a new sentence (a hard-wrapped first line that goes on
    in lower case is no headline); 0 when there is none.

    >>> _headline_end("Mayor vetoes rate cap\n\nThe mayor vetoed ...")
    21
    """
    end = text.find("\n")
    rest = text[end:].lstrip() if end >= 0 else ""
    if not rest or rest[0].islower() or len(text[:end].split()) > _HEADLINE_WORDS:
        return 0
    return end


def _told_in_body(drafts: list[EventDraft], headline_end: int) -> list[EventDraft]:
    """A headline's telegraphic words only announce what the body tells: a headline mention
    is kept when the body has a mention of the same type by the same actor ("Governor
    restores voting rights" is no event of its own before "McAuliffe restored ...")."""
    told = {(d.event_type, d.actor_id) for d in drafts if d.char_start >= headline_end}
    return [d for d in drafts if d.char_start >= headline_end or (d.event_type, d.actor_id) in told]


def _sentence_hits(article: Article, sent: Span) -> list[Hit]:
    """Every trigger that fires in a sentence, with its arguments, date and factuality; verbs
    first, then nouns that no fired verb governs."""
    hits: list[Hit] = []
    may, pos = may_fire(article), article.index.pos
    order = sorted(
        (i for i in range(sent.start, sent.end) if may[i]),
        key=lambda i: (pos[i] in ("NOUN", "PROPN"), i),
    )
    fired: set[int] = set()
    for token in (article.doc[i] for i in order):
        if token.head.i in fired and token.pos_ == "NOUN" and not _owned(token):
            continue
        for fired_hit in fire(article, token):
            hit = _read(article, fired_hit)
            if hit is not None:
                hits.append(hit)
                fired.add(token.i)
    inherit_actors(hits)
    kept = promised(article.book, [h for h in hits if h.curated or _publishable(article, sent, h)])
    for hit in kept:
        hit.phrase = clause(article, hit)
    dates(article, sent, kept)
    return kept


def _owned(token: Token) -> bool:
    """A noun trigger with a named possessor is that one's own event, even under another
    trigger ("rejected Trump's offer": Trump's offer is an AGREE of its own)."""
    if token.head.i == token.i:
        return True
    return any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in token.children)


def _draft(ctx: ArticleContext, sent: Span, hit: Hit) -> EventDraft:
    from .. import EventDraft

    start, end = _trimmed(ctx.text, sent.start_char, sent.end_char)
    value = hit.date
    return EventDraft(
        event_type=hit.type,
        mode=hit.mode,
        actor_id=hit.actor,
        co_actor_ids=list(hit.co_actors),
        recipient_id=hit.recipient,
        location_id=hit.location,
        date=value.edtf if value else None,
        date_start=value.start if value and value.start != date.min else None,
        date_end=value.end if value else None,
        date_basis=_basis(value),
        factuality=hit.factuality,
        key=hit.key,
        article_id=ctx.article.article_id,
        text=ctx.text[start:end],
        char_start=start,
        char_end=end,
        trigger=hit.token.text,
        phrase=hit.phrase,
    )


def _continuations(article: Article, sent: Span, previous: list[Hit], hits: list[Hit]) -> list[Hit]:
    """A quotation right after a speech act, said by the same actor, is another mention of it
    ("South Korea's Defense Ministry condemned ... . 'North Korea has admitted to its own
    criminal acts,' the ministry said in a statement Monday"); its verb of saying dates it."""
    inside, lemma = article.quoted, article.index.lemma
    if not any(inside[sent.start : sent.end]):
        return []
    found = []
    for i in range(sent.start, sent.end):
        if lemma[i] not in article.book.reporting or inside[i]:
            continue
        word = article.doc[i]
        quoted = dobj(word) if lemma[i] == "quote" else None
        speaker = _speaker_of(article, quoted or subject(word))
        for hit in previous:
            if hit.key:  # the engine's reading of the same words yields to the keyed mention
                hits[:] = [h for h in hits if not _echo(h, hit, word)]
            taken = any(h.type == hit.type for h in hits + found)
            if speaker and hit.actor == speaker and hit.type in article.book.speech and not taken:
                again = Hit(word, hit.rule, hit.type, hit.key, hit.mode, actor=hit.actor,
                            recipient=hit.recipient, location=hit.location,
                            factuality=hit.factuality, anchor=word, curated=hit.curated,
                            phrase=hit.phrase)  # fmt: skip
                dates(article, sent, [again])
                found.append(again)
    return found


def _echo(hit: Hit, earlier: Hit, word: object) -> bool:
    """A lexicon hit on the verb of saying that repeats an earlier keyed speech act."""
    return hit.token is word and not hit.key and hit.type == earlier.type


def _article(ctx: ArticleContext, book: EventCodebook) -> Article:
    registry = ctx.curation.registry
    people = []
    for ent in ctx.doc.ents:
        entry = registry.get(ent.ent_id_) if ent.ent_id_ else None
        if entry and entry.type == EntityType.person:
            root = ent.root
            while root.dep_ in ("appos", "compound") and root.head != root:
                root = root.head
            subject = root.dep_ in ("nsubj", "nsubjpass")
            people.append((ent.start_char, entry.entity_id, entry.gender, subject))
    quotes = tuple((q.start, q.end) for q in _quotes(ctx)) + _embedded(ctx.text)
    index = TokenIndex.of(ctx.doc, ctx.text)
    return Article(
        ctx=ctx,
        doc=ctx.doc,
        registry=registry,
        book=book,
        published=ctx.article.published,
        quotes=quotes,
        people=tuple(people),
        lower=ctx.text.lower(),
        index=index,
        quoted=covered(quotes, index.idx),
    )


def _quotes(ctx: ArticleContext) -> list[QuoteSpan]:
    """The article's quotes: those the quotation extractor already found (its view of this
    article, when it has one), else found here."""
    art = cached_view(ctx)
    return art.quotes if art is not None else find_quotes(ctx.text)


_EMBED = re.compile(r"<tweet\b[^>]*>.*?</tweet>", re.S)


def _embedded(text: str) -> tuple[tuple[int, int], ...]:
    """Embedded posts (``<tweet …>…</tweet>``) are someone else's words, like a quotation."""
    return tuple((m.start(), m.end()) for m in _EMBED.finditer(text))


def _segments(article: Article) -> Iterator[Span]:
    """The sentences, cut at line breaks too (a headline is its own mention)."""
    doc, breaks = article.doc, article.index.line_breaks
    for sent in doc.sents:
        start = sent.start
        for i in breaks[bisect_left(breaks, sent.start) : bisect_left(breaks, sent.end - 1)]:
            if i + 1 > start:
                yield doc[start : i + 1]
            start = i + 1
        if start < sent.end:
            yield doc[start : sent.end]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _basis(value: DateValue | None) -> DateBasis:
    if value is None:
        return DateBasis.unknown
    return DateBasis.relative if value.relative else DateBasis.explicit


def _collapse(hits: list[Hit]) -> list[Hit]:
    """Hits of one type and key in one sentence are one mention: the first trigger, with the
    arguments any of them found."""
    merged: dict[tuple[EventType, str | None], Hit] = {}
    keyed = {h.type: h.key for h in hits if h.curated and h.key}
    for hit in sorted(hits, key=lambda h: (not h.curated, h.token.i)):
        kept = merged.get((hit.type, hit.key if hit.curated else keyed.get(hit.type)))
        if kept is None:
            merged[(hit.type, hit.key if hit.curated else keyed.get(hit.type))] = hit
            continue
        if kept.actor and hit.actor and kept.actor != hit.actor:
            continue  # two actors: keep the first's mention only
        kept.actor = kept.actor or hit.actor
        kept.co_actors = kept.co_actors or hit.co_actors
        kept.recipient = kept.recipient or hit.recipient
        kept.location = kept.location or hit.location
        kept.date = kept.date or hit.date
        if kept.factuality != Factuality.asserted and hit.factuality == Factuality.asserted:
            kept.factuality = Factuality.asserted
    return sorted(merged.values(), key=lambda h: h.token.i)


def _read(article: Article, hit: Hit) -> Hit | None:
    """The hit with its arguments and factuality; None when negated. A dataset's verb rule
    whose arguments the registry cannot name gives way to the engine's reading of the same
    verb when that one names the actor."""
    if unreceived(hit.token) or refrained(hit.token):
        return None
    if negated(hit.token) and not refusal(hit):
        return None
    book = article.book
    if (
        asked_for(book, hit)
        or kept_silent(book, hit.token)
        or idle(book, hit)
        or no_party(book, hit)
        or stance(hit)
        or long_since(hit.token)
        or surmised(hit)
    ):
        return None
    article.proposing = not hit.curated
    fill(article, hit)
    if hit.curated and hit.actor is None and hit.token.pos_ == "VERB":
        for other in fire(article, hit.token, curated=False):
            read = _read(article, other)
            if read is not None and read.actor:
                return read
    verbal_attack(article, hit)
    belittled(article, hit)
    demonstration(hit)
    property_attack(book, hit)
    hit.factuality = factuality(book, hit)
    if not readied(book, hit):
        intention(book, hit)
    return hit


def _publishable(article: Article, sent: Span, hit: Hit) -> bool:
    """A lexicon hit is kept when it names its actor, the text says it happened (or it is a
    promise or threat), it is no question and no words inside a quotation."""
    if (
        hit.actor is None
        or article.in_quote(hit.token)
        or article.text_of(sent).rstrip().endswith("?")
    ):
        return False
    if hit.factuality == Factuality.hypothetical or _blame_of_no_one(hit):
        return False
    return hit.factuality != Factuality.planned or hit.type in _INTENTS


def _blame_of_no_one(hit: Hit) -> bool:
    """Words of blame said about no one in particular are an opinion, not an accusation
    ("some people will make reckless accusations," he said)."""
    if hit.rule is not BLAMING or hit.recipient is not None:
        return False
    target = hit.target
    if target is None or target.tag_ in ("EX", "DT") or target.lower_ in _ANYONE:
        return True
    return any(c.dep_ == "det" and c.lower_ in _ANY for c in target.children)


_ANYONE = frozenset({"anyone", "anybody", "someone", "somebody", "everyone", "people", "nobody"})
_ANY = frozenset({"some", "any", "many", "few", "no", "other", "certain"})


_INTENTS = frozenset({EventType.AGREE, EventType.THREATEN, EventType.REQUEST, EventType.REJECT})


def _speaker_of(article: Article, token: object) -> str | None:
    """The entity a verb of saying's subject names."""
    found = agents(article, token) if token is not None else []  # type: ignore[arg-type]
    return found[0] if found else None
