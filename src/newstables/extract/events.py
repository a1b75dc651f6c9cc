"""Event mentions: codebook triggers, arguments from the parse and the registry, clause dates,
factuality (issue: events).

One draft per event mention: the sentence, the trigger word, the PLOVER type (+ mode, + key),
who acted (subject, "by" agent, possessor), upon whom ("to", "with", object), where ("in" a
place), the date of the trigger's own clause (``dates.find_dates``; none in the clause means
an unknown date, never the publication date) and whether the text says it happened. The rules
and word lists live in ``data/curation/codebook.yaml`` (``events:``); see its header comment.

>>> drafts = extract_events(ctx)
>>> [(d.event_type.value, d.actor_id, d.trigger) for d in drafts][:1]
[('SUPPORT', 'vladimir-putin', 'thanked')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from ..models import DateBasis, EntityType, EventType, Factuality
from ..registry import Registry
from .dates import DateValue, find_dates
from .quotemarks import find_quotes, furniture_at
from .spans import entity_at

if TYPE_CHECKING:
    from . import ArticleContext, EventDraft

_POS = {"VERB": "verbs", "AUX": "verbs", "NOUN": "nouns", "PROPN": "nouns", "ADJ": "adjectives"}
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_PERSONAL = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
_FIRST_PERSON = frozenset({"we", "i", "our", "us", "my", "me"})
_THING_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_QUANTITY_NOUNS = frozenset({"quantity", "total", "number", "amount", "lot", "range", "batch"})
_NOT_ACTORS = frozenset({EntityType.place})
_ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
_HELPERS = frozenset(
    {"help", "helps", "helped", "helping", "assist", "assists", "assisted", "assisting", "aid"}
)


# --- the codebook ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TriggerRule:
    """One codebook trigger entry: what fires it and what it codes."""

    type: EventType
    key: str | None
    mode: str | None = None
    objects: frozenset[str] = frozenset()
    nouns_need_objects: bool = True
    clause: bool = False
    refine: tuple[tuple[str, frozenset[str]], ...] = ()


@dataclass(frozen=True)
class EventCodebook:
    """The ``events:`` section of the codebook, indexed for look-up."""

    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]
    first_time: tuple[str, ...] = ()
    idioms: tuple[str, ...] = ()
    offers: frozenset[str] = frozenset()
    request_verbs: frozenset[str] = frozenset()
    request_modals: frozenset[str] = frozenset()
    contradicts: frozenset[str] = frozenset()
    speech: frozenset[EventType] = frozenset()
    reporting: frozenset[str] = frozenset()
    modality: dict[Factuality, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_section(cls, section: dict[str, Any]) -> EventCodebook:
        """Index the ``events:`` section: ``EventCodebook.from_section(codebook["events"])``."""
        rules: dict[tuple[str, str], list[TriggerRule]] = {}
        for item in section.get("triggers") or []:
            rule = TriggerRule(
                type=EventType(item["type"]),
                key=item.get("key"),
                mode=item.get("mode"),
                objects=_words(item.get("objects")),
                nouns_need_objects=item.get("nouns_need_objects", True),
                clause=bool(item.get("clause")),
                refine=tuple((k, _words(v)) for k, v in (item.get("refine") or {}).items()),
            )
            for pos in ("verbs", "nouns", "adjectives"):
                for lemma in item.get(pos) or []:
                    rules.setdefault((lemma.lower(), pos), []).append(rule)
        requests = section.get("requests") or {}
        return cls(
            rules={k: tuple(v) for k, v in rules.items()},
            first_time=tuple(sorted(section.get("first_time") or [], key=len, reverse=True)),
            idioms=tuple(i.lower() for i in section.get("idioms") or []),
            offers=_words(section.get("offers")),
            request_verbs=_words(requests.get("verbs")),
            request_modals=_words(requests.get("modals")),
            contradicts=_words(section.get("contradicts")),
            speech=frozenset(EventType(t) for t in section.get("speech") or []),
            reporting=_words(section.get("reporting")),
            modality={Factuality(k): _words(v) for k, v in (section.get("modality") or {}).items()},
        )


def _words(items: Iterable[str] | None) -> frozenset[str]:
    return frozenset(w.lower() for w in items or [])


_BOOKS: dict[int, tuple[dict[str, Any], EventCodebook]] = {}


def load_codebook(codebook: dict[str, Any]) -> EventCodebook:
    """The events codebook, compiled once per curation: ``load_codebook(ctx.curation.codebook)``."""
    cached = _BOOKS.get(id(codebook))
    if cached is None or cached[0] is not codebook:
        _BOOKS.clear()
        cached = _BOOKS[id(codebook)] = (
            codebook,
            EventCodebook.from_section(codebook.get("events") or {}),
        )
    return cached[1]


# --- one fired trigger ---------------------------------------------------------------------


@dataclass
class Hit:
    """A trigger token with the rule it fired and the arguments found so far."""

    token: Token
    rule: TriggerRule
    type: EventType
    key: str | None
    mode: str | None
    actor: str | None = None
    co_actors: tuple[str, ...] = ()
    recipient: str | None = None
    location: str | None = None
    date: DateValue | None = None
    factuality: Factuality = Factuality.asserted
    anchor: Token | None = None  # the verb of saying that governs a speech act
    reported: bool = False  # the sayer acts: "X said the deployment must end"


@dataclass(frozen=True)
class Article:
    """What the argument finders need about one article."""

    doc: Doc
    registry: Registry
    book: EventCodebook
    published: date | None
    quotes: tuple[tuple[int, int], ...]
    people: tuple[tuple[int, str, str | None, bool], ...]  # (start, entity id, gender, subject)
    lower: str  # the article text, lower-cased once (Doc.text rebuilds the string per call)

    def in_quote(self, token: Token) -> bool:
        """Whether the token lies between quote marks."""
        return any(s <= token.idx < e for s, e in self.quotes)


def extract_events(ctx: ArticleContext) -> list[EventDraft]:
    """Every event mention in the article, one draft per (sentence, type, key)."""
    book = load_codebook(ctx.curation.codebook)
    if not book.rules:
        return []
    article = _article(ctx, book)
    drafts: list[EventDraft] = []
    previous: list[Hit] = []
    for sent in _segments(ctx.doc):
        if not sent.text.strip() or furniture_at(ctx.text, sent.start_char):
            previous = []
            continue
        hits = _collapse(_sentence_hits(article, sent))
        hits += _continuations(article, sent, previous, hits)
        drafts.extend(_draft(ctx, sent, hit) for hit in hits)
        previous = hits
    return drafts


def _draft(ctx: ArticleContext, sent: Span, hit: Hit) -> EventDraft:
    from . import EventDraft

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
    )


def _continuations(article: Article, sent: Span, previous: list[Hit], hits: list[Hit]) -> list[Hit]:
    """A quotation right after a speech act, said by the same actor, is another mention of it
    ("South Korea's Defense Ministry condemned ... . 'North Korea has admitted to its own
    criminal acts,' the ministry said in a statement Monday"); its verb of saying dates it."""
    if not any(article.in_quote(t) for t in sent):
        return []
    found = []
    for word in sent:
        if word.lemma_.lower() not in article.book.reporting or article.in_quote(word):
            continue
        subject = _dobj(word) if word.lemma_.lower() == "quote" else None
        speaker = (
            _resolve(article, subject or _subject(word)) if (subject or _subject(word)) else None
        )
        for hit in previous:
            taken = any(h.type == hit.type for h in hits + found)
            if speaker and hit.actor == speaker and hit.type in article.book.speech and not taken:
                again = Hit(word, hit.rule, hit.type, hit.key, hit.mode, actor=hit.actor,
                            recipient=hit.recipient, location=hit.location,
                            factuality=hit.factuality, anchor=word)  # fmt: skip
                _dates(article, sent, [again])
                found.append(again)
    return found


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
    return Article(
        doc=ctx.doc,
        registry=registry,
        book=book,
        published=ctx.article.published,
        quotes=tuple((q.start, q.end) for q in find_quotes(ctx.text)),
        people=tuple(people),
        lower=ctx.text.lower(),
    )


def _segments(doc: Doc) -> Iterator[Span]:
    """The sentences, cut at line breaks too (a headline is its own mention)."""
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if "\n" in token.text_with_ws and token.i + 1 < sent.end:
                if token.i + 1 > start:
                    yield doc[start : token.i + 1]
                start = token.i + 1
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


# --- triggers -------------------------------------------------------------------------------


def _sentence_hits(article: Article, sent: Span) -> list[Hit]:
    """Every trigger that fires in a sentence, with its arguments, date and factuality."""
    hits = []
    for token in sent:
        for hit in _fire(article, token):
            if _negated(hit.token):
                continue
            _arguments(article, hit)
            hit.factuality = _factuality(article.book, hit)
            hits.append(hit)
    _inherit_actors(hits)
    _dates(article, sent, hits)
    return hits


def _inherit_actors(hits: list[Hit]) -> None:
    """A noun trigger inside the phrase of a same-type verb trigger shares its actor ("North
    Korea sent 14,000 troops, including 3,000 reinforcements")."""
    for hit in hits:
        if hit.actor or hit.token.pos_ not in ("NOUN", "PROPN"):
            continue
        for other in hits:
            same = other.type == hit.type and other.key == hit.key
            if same and other.actor and other.token in hit.token.ancestors:
                hit.actor = other.actor
                break


def _fire(article: Article, token: Token) -> Iterator[Hit]:
    """The hits a token fires: codebook triggers, requests, contradictions."""
    book = article.book
    pos = _POS.get(token.pos_)
    if _idiom(article, token):
        return
    if pos:
        words = dict.fromkeys((token.lemma_.lower(), token.lower_))  # irregular forms too
        for rule in (r for w in words for r in book.rules.get((w, pos), ())):
            key = _fires(book, rule, token, pos)
            if key is not False:
                yield _offer(book, Hit(token, rule, rule.type, key, rule.mode))
    if token.lemma_.lower() in book.request_verbs and any(
        c.dep_ == "aux" and c.lower_ in book.request_modals for c in token.children
    ):
        rule = TriggerRule(EventType.REQUEST, "demand")
        yield Hit(token, rule, rule.type, rule.key, None, reported=True)
    if token.lower_ in book.contradicts and _claim_after(token) is not None:
        rule = TriggerRule(EventType.REJECT, "denial")
        yield Hit(token, rule, rule.type, rule.key, None, reported=True)


def _fires(book: EventCodebook, rule: TriggerRule, token: Token, pos: str) -> str | None | bool:
    """The key the rule codes for this token, or False when its conditions fail."""
    objects = list(_objects(token))
    needs = rule.objects and (pos != "nouns" or rule.nouns_need_objects)
    matched = [o for o in objects if o.lemma_.lower() in rule.objects or o.lower_ in rule.objects]
    if rule.clause and pos == "verbs":
        clausal = any(c.dep_ == "ccomp" for c in token.children)
        if not (clausal or matched or _first_time(book, token)):
            return False
    elif needs and not matched:
        return False
    for key, words in rule.refine:
        if any(w.lower_ in words for o in matched for w in o.subtree if w.i < o.i):
            return key
    return rule.key


def _idiom(article: Article, token: Token) -> bool:
    """Whether the token starts or sits in a fixed phrase that is no event ("thanks to")."""
    text = article.lower
    for idiom in article.book.idioms:
        start = text.rfind(idiom, max(0, token.idx - len(idiom)), token.idx + len(idiom))
        if start >= 0 and start <= token.idx < start + len(idiom):
            return True
    return False


def _offer(book: EventCodebook, hit: Hit) -> Hit:
    """ "ready to provide assistance": an offer (AGREE), not aid given."""
    if hit.type not in (EventType.AID, EventType.COOPERATE):
        return hit
    head = hit.token.head
    if hit.token.dep_ == "xcomp" and head.lemma_.lower() in book.offers:
        hit.type, hit.key, hit.mode = EventType.AGREE, "offer", None
        hit.factuality = Factuality.planned
    return hit


def _first_time(book: EventCodebook, token: Token) -> bool:
    sent = token.sent
    window = sent.text[max(0, token.idx - sent.start_char - 40) :].lower()
    return any(phrase in window for phrase in book.first_time)


def _objects(token: Token) -> Iterator[Token]:
    """The trigger's objects: direct object, passive subject, with/of/to complements, the noun
    a participle modifies, a relative pronoun's antecedent; looked through "quantities of"."""
    heads = []
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("with", "of", "to"):
            heads.extend(c for c in child.children if c.dep_ == "pobj")
    if token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN"):
        heads.append(token.head)
    if token.dep_ == "relcl":
        heads.append(token.head)
    for head in heads:
        yield from _expand(head)


def _expand(token: Token) -> Iterator[Token]:
    """A noun, its conjuncts, and the noun counted by a quantity noun ("a total of troops")."""
    yield token
    yield from token.conjuncts
    if token.lemma_.lower() in _QUANTITY_NOUNS or token.pos_ == "NUM":
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        yield from _expand(pobj)


def _negated(token: Token) -> bool:
    """ "had not confirmed", "neither ... nor ... confirmed": nothing happened, no mention."""
    for node in (token, token.head if token.dep_ == "conj" else token):
        if any(c.dep_ == "neg" or c.lower_ in ("never", "not") for c in node.children):
            return True
        if any(
            c.lower_ == "neither" for s in node.children if s.dep_ in _SUBJECTS for c in s.subtree
        ):
            return True
    return False


# --- arguments ------------------------------------------------------------------------------


def _arguments(article: Article, hit: Hit) -> None:
    """Fill actor, co-actors, recipient and location from the parse and the registry."""
    token, book = hit.token, article.book
    agent = _agent_token(book, token)
    actors = _agents(article, agent)
    if hit.reported:  # "X said ... despite Y claiming", "X said the deployment must end"
        hit.recipient = _first(actors)
        agent, actors = None, []
    if agent is None and hit.type in book.speech:
        hit.anchor = _reporting_anchor(book, token)
        actors = _agents(article, _subject(hit.anchor))
    if not actors:
        actors = _parties(article, token)
    if actors:
        hit.actor, hit.co_actors = actors[0], tuple(actors[1:])
    hit.recipient = hit.recipient or _recipient(article, hit)
    hit.location = _location(article, token)


def _agent_token(book: EventCodebook, token: Token) -> Token | None:
    """The phrase that names who acts: subject, "by" agent or possessor, found up the parse
    through control verbs, conjunctions and the verb whose object a noun trigger is."""
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_agent(book, token)
    return _verb_agent(book, token)


def _verb_agent(book: EventCodebook, token: Token) -> Token | None:
    """Subject (raised or controlled subjects included) or passive agent."""
    if token.lower_ in book.contradicts:
        claim = _claim_after(token)
        return _subject(claim) or _pobj(token) if claim is not None else None
    if any(c.dep_ == "aux" and c.lower_ in _HELPERS for c in token.children):
        return None  # "forces helped recapture": helpers are not the agent
    subject = _subject(token) or _by_agent(token)
    if subject is not None:
        return subject
    head = token.head
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "for":
        return _dobj(head.head)  # "thanked Kim for deploying troops": Kim deployed
    if token.dep_ == "xcomp" and head.lower_ in _HELPERS:
        return _dobj(head)  # "helping Russia reclaim": Russia acts
    if token.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head  # "Russia was ready to provide"
    elif token.dep_ == "xcomp" and (raised := _child(head, "nsubjpass")) is not None:
        return raised  # "North Korea is believed to have dispatched"
    inherits = token.dep_ in ("xcomp", "conj") or (token.dep_ == "advcl" and not _infinitive(token))
    if inherits and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in book.reporting:
        return _verb_agent(book, head)
    return None


def _noun_agent(book: EventCodebook, token: Token) -> Token | None:
    """Possessor, "by"/"from" agent, a named modifier, else the subject of the verb whose object
    (or object's complement) the noun is."""
    for child in token.children:
        if child.dep_ == "poss":
            return child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and _pobj(child) is not None:
            return _pobj(child)
        if child.dep_ == "acl" and _by_agent(child) is not None:
            return _by_agent(child)
    for child in token.children:
        if child.dep_ in ("compound", "amod") and _ent_of(child) is not None:
            return child
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "in":
        head = head.head  # "in a significant announcement, North Korea acknowledged"
    elif token.dep_ != "dobj":
        return None
    return _subject(head) if head.pos_ in ("VERB", "AUX") else None


def _claim_after(token: Token) -> Token | None:
    """The claim verb or noun a "despite" introduces ("despite Moscow claiming ...")."""
    for word in token.doc[token.i + 1 : token.i + 5]:
        if word.lemma_.lower() == "claim":
            return word
    return None


def _parties(article: Article, token: Token) -> list[str]:
    """ "signed between X and Y": both parties (for a noun trigger, via its participle)."""
    for node in (token, *(c for c in token.children if c.dep_ == "acl")):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                return _agents(article, _pobj(child))
    return []


def _child(token: Token, dep: str) -> Token | None:
    """The child with this relation nearest to the token (parses of merged lines repeat them)."""
    found = [c for c in token.children if c.dep_ == dep]
    return min(found, key=lambda c: abs(c.i - token.i)) if found else None


def _dobj(token: Token) -> Token | None:
    return _child(token, "dobj")


def _subject(token: Token | None) -> Token | None:
    if token is None:
        return None
    return _child(token, "nsubj") or _child(token, "csubj")


def _by_agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return _pobj(child)
    return None


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _first(items: list[str]) -> str | None:
    return items[0] if items else None


def _agents(article: Article, token: Token | None) -> list[str]:
    """The entities a subject or agent phrase denotes, conjuncts included (agents: metonyms
    apply, places never act)."""
    if token is None:
        return []
    found = []
    for node in (token, *token.conjuncts):
        entity = _resolve(article, node)
        if entity and entity not in found:
            found.append(entity)
    return found


def _resolve(article: Article, token: Token, depth: int = 0) -> str | None:
    """The entity a noun phrase's head denotes; pronouns resolved; None for places."""
    lower = token.lower_
    if depth > 3:
        return None
    if lower in _RELATIVE and token.head.dep_ == "relcl":
        return _antecedent(article, token.head.head)
    if lower in _PERSONAL:
        return _person_before(article, token.idx, _PERSONAL[lower])
    if lower in _FIRST_PERSON:
        return _speaker(article, token)
    if lower in _THING_PRONOUNS:
        return _governing_subject(article, token, depth)
    entity = _entity(article, token, agent=True)
    if entity:
        return entity
    for child in token.children:  # "the Kremlin's statement", "remarks made by Gerasimov"
        if child.dep_ == "poss":
            return _resolve(article, child, depth + 1)
    return None


def _antecedent(article: Article, noun: Token) -> str | None:
    """What a relative pronoun stands for: the outermost noun of the phrase it attaches to
    ("Gerasimov, the chief of the General Staff, who ..." is Gerasimov), else an inner one."""
    chain = [noun]
    while chain[-1].dep_ in ("pobj", "prep", "appos", "compound") and chain[-1].head != chain[-1]:
        chain.append(chain[-1].head)
    for node in reversed(chain):
        if node.pos_ in ("NOUN", "PROPN") and (entity := _resolve(article, node)):
            return entity
    return None


def _governing_subject(article: Article, token: Token, depth: int) -> str | None:
    """ "North Korea confirmed that it sent troops": "it" is the nearest governing subject."""
    node, crossed = token, False
    while node.head != node:
        clausal = node.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl")
        crossed = crossed or (clausal and node.pos_ in ("VERB", "AUX"))
        node = node.head
        subject = _subject(node)
        if not crossed or node.pos_ not in ("VERB", "AUX"):
            continue
        if subject is not None and subject != token:
            entity = _resolve(article, subject, depth + 1)
            if entity:
                return entity
    return None


def _entity(article: Article, token: Token, agent: bool = True) -> str | None:
    """A registry entity for the token: its named-entity span, else its phrase as a role."""
    registry = article.registry
    ent = _ent_of(token)
    if ent is not None:
        entry = registry.resolve(ent.text, agent=agent) or registry.get(ent.ent_id_)
        if entry is not None:
            return None if agent and entry.type in _NOT_ACTORS else entry.entity_id
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    phrase = token.doc[token.left_edge.i : token.i + 1].text
    entry = registry.resolve(phrase, agent=agent)
    if entry is None or (agent and entry.type in _NOT_ACTORS):
        return None
    return entry.entity_id


def _ent_of(token: Token) -> Span | None:
    ent = entity_at(token)
    return ent if ent is not None and ent.ent_id_ else None


def _person_before(article: Article, offset: int, gender: str) -> str | None:
    """The last registry person of this gender named before the offset, preferring the last
    one named as a subject (the topic) in this or the previous sentence."""
    found = topic = None
    for start, entity_id, person_gender, subject in article.people:
        if start >= offset:
            break
        if person_gender in (None, gender):
            found = entity_id
            if subject:
                topic = (start, entity_id)
    if topic and _sentences_between(article.doc, topic[0], offset) <= 1:
        return topic[1]
    return found


def _sentences_between(doc: Doc, start: int, end: int) -> int:
    """How many sentence breaks lie between two offsets."""
    return sum(1 for sent in doc.sents if start < sent.start_char <= end)


def _speaker(article: Article, token: Token) -> str | None:
    """ "we" in a quotation: the subject of the sentence's verb of saying (or the previous
    sentence's, for a quote introduced there)."""
    if not article.in_quote(token):
        return None
    sent = token.sent
    for candidate in (sent, _previous_sentence(sent)):
        if candidate is None:
            continue
        for word in candidate:
            if word.lemma_.lower() in article.book.reporting and not article.in_quote(word):
                subject = _subject(word)
                if word.lemma_.lower() == "quote" and _dobj(word) is not None:
                    subject = _dobj(word)  # "the Kremlin quoted Putin as saying"
                if subject is not None and subject.lower_ not in _FIRST_PERSON:
                    return _resolve(article, subject)
    return None


def _previous_sentence(sent: Span) -> Span | None:
    if sent.start == 0:
        return None
    return sent.doc[sent.start - 1].sent


def _reporting_anchor(book: EventCodebook, token: Token) -> Token | None:
    """The nearest verb of saying that governs the token (its own head chain)."""
    node = token
    while node.head != node:
        node = node.head
        if node.lemma_.lower() in book.reporting and node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _recipient(article: Article, hit: Hit) -> str | None:
    """Object entity (or the object's possessor), else a "to"/"with"/"between" party."""
    token = hit.token
    for child in token.children:
        if child.dep_ in ("dobj", "dative"):
            entity = _resolve(article, child)
            if entity and entity != hit.actor:
                return entity
    preps = [c for c in token.children if c.dep_ == "prep"]
    preps += [p for o in token.children if o.dep_ == "dobj" for p in o.children if p.dep_ == "prep"]
    for child in preps:
        if child.lower_ in ("to", "with", "between", "from", "for"):
            for party in _agents(article, _pobj(child)):
                if party != hit.actor and party not in hit.co_actors:
                    return party
    return None


def _location(article: Article, token: Token) -> str | None:
    """A registry place in an "in"/"of" phrase or object of the trigger (one level down)."""
    candidates = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "into"):
            candidates.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in ("dobj", "nsubjpass"):
            candidates.append(child)
    for candidate in candidates:
        for node in candidate.subtree:
            entity = _entity(article, node, agent=False)
            entry = article.registry.get(entity)
            if entry is not None and entry.type == EntityType.place:
                return entry.entity_id
    return None


# --- dates and factuality -------------------------------------------------------------------


def _dates(article: Article, sent: Span, hits: list[Hit]) -> None:
    """Give each hit the date expression of its own clause (the first verb or trigger above the
    date is the hit's token, its governing verb for a noun trigger, or its verb of saying)."""
    if not hits:
        return
    triggers = {hit.token.i for hit in hits}
    found = find_dates(sent.text, article.published)
    for mention in found:
        span = sent.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        anchor = _date_anchor(span.root, triggers)
        for hit in hits:
            if hit.date is None and anchor is not None and _owns(hit, anchor):
                hit.date = mention.value
    for hit in hits:
        if hit.date is None and _ongoing(hit.token) and article.published:
            hit.date = _until(article.published)


def _date_anchor(token: Token, triggers: set[int]) -> Token | None:
    node = token
    while node.head != node:
        node = node.head
        if node.i in triggers or node.pos_ in ("VERB", "AUX"):
            return node
    return node if node.i in triggers or node.pos_ in ("VERB", "AUX") else None


def _owns(hit: Hit, anchor: Token) -> bool:
    """Whether a date anchored at this word dates the hit: the trigger itself, the first verb
    above a noun trigger ("declared the recapture complete on Saturday"), or the verb of saying
    whose subject a speech act took."""
    token = hit.token
    if anchor == token or (hit.anchor is not None and anchor == hit.anchor):
        return True
    if anchor.head == token and anchor.dep_ in ("advcl", "xcomp") and _infinitive(anchor):
        return True  # "deployed troops to support operations late last year"
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in _ARGUMENTS:
        return False
    predicate = token.head
    return anchor == predicate or (predicate.pos_ == "ADJ" and anchor == predicate.head)


def _infinitive(token: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _ongoing(token: Token) -> bool:
    """ "continues to supply": still happening when the article was published."""
    head = token.head
    return (
        token.dep_ == "xcomp" and head.lemma_.lower() == "continue" and head.tag_ in ("VBZ", "VBP")
    )


def _until(published: date) -> DateValue:
    """An open interval ending on the publication date (EDTF ``../YYYY-MM-DD``)."""
    return DateValue(f"../{published.isoformat()}", date.min, published, "interval", True)


def _governors(token: Token) -> list[tuple[Token, bool]]:
    """The trigger and the words above it in its sentence, each with whether its own lemma
    counts: a noun that a participle modifies does not ("claims contested by Ukraine": the
    claims are claimed, the contest is not); a relative clause's noun ends the chain."""
    chain = [(token, False)]
    node = token
    while node.head != node and node.dep_ != "ROOT":
        if node.dep_ == "relcl":
            break
        modifier = node.dep_ == "acl" and not any(c.dep_ == "mark" for c in node.children)
        node = node.head
        chain.append((node, not modifier))
    return chain


def _factuality(book: EventCodebook, hit: Hit) -> Factuality:
    """Planned, hypothetical, claimed or denied from the words governing the trigger."""
    if hit.factuality != Factuality.asserted:
        return hit.factuality
    chain = _governors(hit.token)
    for level in (
        Factuality.denied,
        Factuality.hypothetical,
        Factuality.planned,
        Factuality.claimed,
    ):
        words = book.modality.get(level, frozenset())
        for node, counts in chain:
            own = counts and node.lemma_.lower() in words
            marked = any(
                c.lower_ in words and c.dep_ in ("aux", "advmod", "mark", "neg")
                for c in node.children
            )
            if own or marked:
                return level
    if hit.token.pos_ in ("NOUN", "PROPN") and hit.token.head.lemma_.lower() == "claim":
        return Factuality.claimed
    return Factuality.asserted


# --- one draft per sentence, type and key ----------------------------------------------------


def _collapse(hits: list[Hit]) -> list[Hit]:
    """Hits of one type and key in one sentence are one mention: the first trigger, with the
    arguments any of them found."""
    merged: dict[tuple[EventType, str | None], Hit] = {}
    for hit in sorted(hits, key=lambda h: h.token.i):
        kept = merged.get((hit.type, hit.key))
        if kept is None:
            merged[(hit.type, hit.key)] = hit
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
