"""Sources: the chain of rules that finds who said a quote, and who asserts other content.

>>> source = quote_source(art, quote)
>>> source = attribute(ctx, start, end)   # a quote or a number phrase

For a quote, a cue that governs the quote in the parse wins; otherwise the nearest cue in its
sentence; a ``NAME:`` label before it or opening its line (``transcripts``). Without a cue in
its sentence, a quote takes (in order) a quote tag of any verb (`"…," Roe beamed.`), the bare
attribution sentence that follows it (`"…" Roe said.`), the colon sentence that introduces
it, the subject of the clause it sits in, the speaker of the quote before it on the same line
(adjacent), or of the last quote when the paragraph is only quotation (carried), else the
subject of the previous sentence of its paragraph. A quote that continues a paragraph-spanning
quote keeps its speaker.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from ...models import Attribution, EntityType
from .. import ArticleContext
from ..quotemarks import QuoteSpan
from .cues import Cue, content_tokens, cues_in, governing, object_of, subject_of
from .lexicon import CUE_VERBS, FIRST_PERSON, NOT_AGENTS
from .mentions import index_mentions, speaker_mention
from .relays import make_source, merge_according
from .transcripts import alternates, label_intro, line_label
from .view import ArticleView, Source, article_view, cached_view, remember


def view(ctx: ArticleContext) -> ArticleView:
    """The (cached) indexes of one article: ``view(ctx).quotes``."""
    art = cached_view(ctx)
    if art is None:
        art = article_view(ctx)
        remember(ctx, art)
        index_mentions(art)
    return art


def in_sentence(art: ArticleView, start: int, end: int, for_quote: bool) -> Cue | None:
    """The cue of content [start, end) inside its own sentence."""
    s_start, s_end = art.sentences[art.sentence_of(start)]
    cues = cues_in(art, s_start, s_end)
    if not cues:
        return None
    chosen = governing(cues, content_tokens(art, start, end))
    if for_quote:
        chosen = _tag_after(art, end, cues) or chosen
    if chosen is None and not for_quote:  # "According to Seoul, North Korea sent 11,000"
        chosen = next((c for c in cues if c.words == "according to"), None)
    if chosen is None and for_quote and _colon_clause(art, s_start, start):
        return None  # `When Roe spoke, Stubbs fired back: "…"`: the colon clause, not Roe's cue
    if chosen is None and for_quote:
        chosen = min(
            cues,
            key=lambda c: start - c.token.idx if c.token.idx < start else c.token.idx - end,
        )
    if chosen is None:
        return None
    return merge_according(art, chosen, cues)


def _tag_after(art: ArticleView, end: int, cues: list[Cue]) -> Cue | None:
    """The cue of a tag right after a comma-closed quote (`"…," Roe said, after Smith said`):
    its subject opens the text after the closing mark and its verb follows that subject."""
    if not re.search(r",\W*$", art.text[:end]):
        return None
    after = art.tokens(end, min(end + 200, len(art.text)))
    first = next((t for t in after if not t.is_punct and not t.is_space), None)
    for cue in cues if first is not None else []:
        speaker = cue.speaker
        if speaker.left_edge.i == first.i and cue.token.i == speaker.right_edge.i + 1:
            return cue
    return None


def _colon_clause(art: ArticleView, s_start: int, start: int) -> bool:
    """Whether a colon introduces the content after a clause of its own that is not a copula
    ("Stubbs fired back:", not "His criticism was:")."""
    if not re.search(r":[\s“\"‘'«`]*$", art.text[s_start:start]):
        return False
    verbs = [t for t in art.tokens(s_start, start) if t.pos_ in ("VERB", "AUX")]
    return bool(verbs) and verbs[-1].lemma_.lower() != "be"


_TAG_END = re.compile(r"[,?!…—–-]\W*$")


def quote_tag(art: ArticleView, quote: QuoteSpan) -> Cue | None:
    """A quote tag of any verb: `"…," Roe beamed.`, `"…?" asked Roe.`, `"…," she riffed on …`.

    A quote that opens its sentence, closed by a comma (or by a question or exclamation mark,
    then with a speech verb), and followed on its line by a noun phrase and a finite verb
    (either order) within a few words: the verb's subject speaks, whatever the verb after a
    comma (the construction, not the word, makes it a speech verb).
    """
    closing = _TAG_END.search(quote.text.rstrip())
    s_start = art.sentences[art.sentence_of(quote.start)][0]
    if closing is None or re.search(r"\w", art.text[s_start : quote.start]):
        return None
    line_end = art.text.find("\n", quote.end)
    line_end = len(art.text) if line_end < 0 else line_end
    after = [t for t in art.tokens(quote.end, min(line_end, quote.end + 200)) if not t.is_space]
    words = [t for t in after[:12] if not t.is_punct]
    if not words or art.quote_at(words[0].idx) is not None:
        return None
    verb = next((t for t in words[:8] if t.tag_ in ("VBD", "VBZ", "VBP")), None)
    if verb is None or verb.lemma_.lower() == "be":
        return None
    if "," not in closing.group() and verb.lemma_.lower() not in CUE_VERBS:
        return None
    before = [t for t in words if t.i < verb.i]
    if before:
        noun = next((t for t in before if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
        while noun is not None and noun.dep_ == "compound" and noun.head.i < verb.i:
            noun = noun.head
    else:
        noun = next(
            (t for t in words if t.i > verb.i and t.pos_ in ("PROPN", "NOUN", "PRON")), None
        )
        while noun is not None and noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
    if noun is None or noun.lower_ in NOT_AGENTS or noun.tag_ in ("WDT", "WP"):
        return None
    return Cue(verb, noun, None, verb.text)


def _bare_attribution(art: ArticleView, sentence: int) -> Cue | None:
    """A sentence that only attributes what precedes it (`Trump said.`, `he added Monday.`)."""
    if sentence >= len(art.sentences):
        return None
    start, end = art.sentences[sentence]
    gap = art.text[art.sentences[sentence - 1][1] - 1 : start]
    if "\n" in gap and not art.text[start : start + 1].islower():
        return None
    if art.text[start:end].rstrip().endswith(":") or any(art.quotes_starting(start, end)):
        return None
    for cue in cues_in(art, start, end):
        if cue.token.pos_ not in ("VERB", "AUX"):
            continue
        complement = [
            c
            for c in cue.token.children
            if c.dep_ in ("ccomp", "dobj", "xcomp")
            and not (cue.words or "").startswith("told")
            and c.lower_ not in ("that", "this", "so", "it")
        ]
        after = art.text[cue.token.idx + len(cue.token.text) : cue.token.idx + len(cue.token) + 2]
        punctuated = after[:1] in (",", ".", ";")  # `Mr. Roe asked, repeating …`
        if (not complement or punctuated) and cue.token.idx - start < 60:
            return cue
    return None


def _colon_intro(art: ArticleView, sentence: int) -> Cue | None:
    """A colon sentence introducing the next quote ("He declared:", "…the following:"); its
    root is the head of any of its clauses, also one the parse hangs on a later sentence; a
    verbless heading ("Transcript as follows:") is its own source."""
    if sentence < 0:
        return None
    start, end = art.sentences[sentence]
    if not art.text[start:end].rstrip().endswith(":"):
        return None
    cues = cues_in(art, start, end)
    if cues:
        cue = max(cues, key=lambda c: c.token.i)
        return Cue(cue.token, cue.speaker, cue.channel, f"{cue.words}:")
    tokens = art.tokens(start, end)  # the parse may hang the sentence on a later one
    roots = [t for t in tokens if t.dep_ == "ROOT" or not start <= t.head.idx < end]
    roots = [t for t in roots if not t.is_space and not t.is_punct]
    subject = subject_of(roots[-1], art) if roots else None
    if subject is None and roots and roots[-1].pos_ in ("NOUN", "PROPN"):
        subject = roots[-1]  # a verbless heading: "Transcript as follows:", "Full statement:"
    return Cue(roots[-1], subject, None, ":") if subject is not None else None


def _line_is_quote_only(art: ArticleView, quote: QuoteSpan) -> bool:
    """Whether the quote's line holds nothing but quotation (a floating paragraph)."""
    line_start = art.text.rfind("\n", 0, quote.start) + 1
    line_end = art.text.find("\n", quote.end)
    line_end = len(art.text) if line_end < 0 else line_end
    outside = art.text[line_start:line_end]
    for other in art.quotes_starting(line_start, line_end):
        outside = outside.replace(other.text, " ")
    return not re.search(r"[^\W\d_]", outside)


def _carry(source: Source | None, method: Attribution) -> Source | None:
    """The same speaker, attributed by carrying it over."""
    return replace(source, method=method) if source else None


def quote_source(art: ArticleView, quote: QuoteSpan) -> Source | None:
    """The attribution of one quoted piece (memoised per article)."""
    if quote.start in art.sources:
        return art.sources[quote.start]
    art.sources[quote.start] = None  # guards against cycles
    result = _quote_source(art, quote)
    art.sources[quote.start] = result
    mention = speaker_mention(art, result) if result is not None else None
    if mention is not None:
        art.add_speaker(mention)
    return result


def _quote_source(art: ArticleView, quote: QuoteSpan) -> Source | None:
    """Own sentence, then the sentences around, then the previous quote (see module doc)."""
    previous = art.previous_quote(quote)
    if quote.continues and previous is not None:
        return _carry(quote_source(art, previous), Attribution.carried)
    sentence = art.sentence_of(quote.start)
    s_start, s_end = art.sentences[sentence]
    cue = in_sentence(art, quote.start, quote.end, for_quote=True)
    label = label_intro(art, s_start, quote)
    line = line_label(art, quote) if label is None else None
    if line is not None and (cue is None or cue.speaker.lower_ in FIRST_PERSON):
        return make_source(art, line, Attribution.named)  # `ROE: I said "…"`: ROE is the "I"
    if label is not None and (cue is None or cue.token.idx < label.token.idx):
        return make_source(art, label, Attribution.named)
    if cue is not None:
        source = make_source(art, cue)
        if alternates(cue) and source.method == Attribution.pronoun and previous is not None:
            source = _other_party(art, previous, source)
        return relayed(art, quote, source)
    tag = quote_tag(art, quote)
    if tag is not None:
        return relayed(art, quote, make_source(art, tag, Attribution.adjacent))
    ends_sentence = not re.search(r"\w", art.text[quote.end : s_end])
    starts_sentence = not re.search(r"\w", art.text[s_start : quote.start])
    introduced = re.search(r"\w.*:[\s“\"‘'«`]*$", art.text[s_start : quote.start])
    if ends_sentence and not introduced:  # `Roe replied: "…"` is not the next sentence's
        cue = _bare_attribution(art, sentence + 1)
        if cue is not None:
            return relayed(art, quote, make_source(art, cue, Attribution.adjacent))
    if starts_sentence:
        cue = _colon_intro(art, sentence - 1)
        if cue is not None:
            return make_source(art, cue, Attribution.adjacent)
    else:
        cue = _governing_subject(art, quote)
        if cue is not None:
            return make_source(art, cue, Attribution.adjacent)
    if previous is not None and previous.line == quote.line:
        return _carry(quote_source(art, previous), Attribution.adjacent)
    if _line_is_quote_only(art, quote):
        return _floating(art, quote, previous)
    return _previous_subject(art, sentence)


def _other_party(art: ArticleView, previous: QuoteSpan, source: Source) -> Source:
    """ "…?" he asked. "…," he replied: the reply goes to the other party of the exchange."""
    before = quote_source(art, previous)
    if before is None or before.entity_id != source.entity_id:
        return source
    if not previous.text.rstrip().endswith("?"):
        return source  # only a quoted question and its answer alternate
    for _ in range(6):
        previous = art.previous_quote(previous)  # type: ignore[assignment]
        if previous is None:
            break
        earlier = quote_source(art, previous)
        named = earlier is not None and not (earlier.new_entity and earlier.new_entity.anonymous)
        if named and earlier.entity_id not in (None, source.entity_id):  # type: ignore[union-attr]
            return replace(source, entity_id=earlier.entity_id, new_entity=earlier.new_entity)
    for mention in reversed(art.mentions_before(source.start or 0, 20)):
        if mention.kind == "person" and mention.entity_id != source.entity_id:
            return replace(source, entity_id=mention.entity_id, new_entity=mention.new_entity)
    return source


def _governing_subject(art: ArticleView, quote: QuoteSpan) -> Cue | None:
    """No cue word: the subject of the clause the quote sits in (`The ad targets a "…"`), or
    of the clause that introduces it with a colon (`She went on: "…"`)."""
    s_start = art.sentences[art.sentence_of(quote.start)][0]
    before = re.sub(r"[\s“\"‘'«`]+$", "", art.text[s_start : quote.start])
    if before.endswith(":"):
        roots = [t for t in art.tokens(s_start, quote.start) if t.pos_ in ("VERB", "AUX")]
        for root in reversed(roots):
            subject = subject_of(root, art)
            if subject is not None and subject.tag_ not in ("WP", "WDT"):  # not "what was:"
                return Cue(root, subject, None, f"{root.text}:")
    for token in content_tokens(art, quote.start, quote.end):
        reporting = _reporting_clause(art, token)
        if reporting is not None:
            return reporting
        for ancestor in token.ancestors:
            if art.in_quote(ancestor) or ancestor.pos_ not in ("VERB", "AUX"):
                continue
            if ancestor.dep_ == "ccomp" and ancestor.head.lemma_.lower() in CUE_VERBS:
                continue  # `a statement saying it took "…"`: "it" is reported, not speaking
            subject = subject_of(ancestor, art)
            if subject is not None and subject.lower_ in NOT_AGENTS:
                continue
            if subject is not None and subject.pos_ in ("PROPN", "NOUN", "PRON"):
                return Cue(ancestor, subject, None, None)
    sentence = art.sentence_of(quote.start)
    for mention in art.mentions_in(sentence):  # `When Trump wrapped up — "…" — the balloons fell`
        if mention.sentence == sentence and mention.subject and mention.kind == "person":
            token = art.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if token is not None:
                return Cue(token.root, token.root, None, None)
    return None


def _reporting_clause(art: ArticleView, token: Token) -> Cue | None:
    """`Roe worried that the net was becoming "a hammock"`: a quote in a that-clause
    complement goes to the subject of the verb that takes the complement."""
    for ancestor in token.ancestors:
        if ancestor.dep_ != "ccomp" or art.in_quote(ancestor.head):
            continue
        verb = ancestor.head
        if not any(c.dep_ == "mark" and c.lower_ == "that" for c in ancestor.children):
            continue
        reports = verb.pos_ == "VERB" and verb.lemma_.lower() != "be"
        subject = subject_of(verb, art) if reports else None
        if subject is not None and subject.lower_ not in NOT_AGENTS:
            return Cue(verb, subject, None, None)
    return None


def _floating(art: ArticleView, quote: QuoteSpan, previous: QuoteSpan | None) -> Source | None:
    """A paragraph of quotation only: the last attribution of the paragraph before it (its last
    cue, else its last quote), else the attribution opening the next paragraph."""
    line_start = art.text.rfind("\n", 0, quote.start)
    prev_start = art.text.rfind("\n", 0, max(0, line_start - 1)) + 1
    while prev_start > 0 and not art.text[prev_start:line_start].strip():
        line_start = prev_start - 1
        prev_start = art.text.rfind("\n", 0, max(0, line_start - 1)) + 1
    if line_start > 0:
        last = art.sentences[art.sentence_of(line_start - 1)]
        has_quote = previous is not None and previous.start >= prev_start
        cues = [c for c in cues_in(art, max(last[0], prev_start), line_start)]
        cues = [c for c in cues if not has_quote or c.token.idx > previous.end]  # type: ignore
        if cues and cues[-1].token.pos_ == "VERB":
            return make_source(art, cues[-1], Attribution.carried)
        if has_quote:
            return _carry(quote_source(art, previous), Attribution.carried)  # type: ignore
    following = art.next_quote(quote)
    if following is not None and following.line <= quote.line + 2:
        cue = in_sentence(art, following.start, following.end, for_quote=True)
        if cue is not None:
            return make_source(art, cue, Attribution.adjacent)
    return None


def _previous_subject(art: ArticleView, sentence: int) -> Source | None:
    """Last resort: the named subject of the previous sentence in the same paragraph."""
    if sentence == 0:
        return None
    start, end = art.sentences[sentence - 1]
    if "\n" in art.text[start:end].strip():
        return None
    if "\n" in art.text[end - 1 : art.sentences[sentence][0] + 1]:
        return None
    for mention in art.mentions_in(sentence - 1):
        if start <= mention.start < end and mention.subject:
            return Source(
                entity_id=mention.entity_id,
                surface=art.text[mention.start : mention.end],
                start=mention.start,
                end=mention.end,
                cue=None,
                channel_id=None,
                method=Attribution.adjacent,
                new_entity=mention.new_entity,
            )
    return None


def attribute(ctx: ArticleContext, start: int, end: int) -> Source | None:
    """Who the content at ``text[start:end]`` (a quote or a number phrase) is attributed to.

    >>> attribute(ctx, 281, 373).entity_id
    'vladimir-putin'
    """
    art = view(ctx)
    quote = art.quote_at(start)
    if quote is not None:
        return quote_source(art, quote)
    cue = in_sentence(art, start, end, for_quote=False)
    if cue is None:
        sentence = art.sentence_of(start)
        s_start, s_end = art.sentences[sentence]
        tail = [c for c in cues_in(art, end, s_end) if not object_of(c.token)]
        tail = [c for c in tail if not any(x.dep_ == "ccomp" for x in c.token.children)]
        cue = tail[-1] if tail else None
        if cue is not None and cue.token.idx < end:
            cue = None
    return make_source(art, cue) if cue is not None else None


def relayed(art: ArticleView, quote: QuoteSpan, source: Source) -> Source:
    """A media speaker that "added" a quote relays the voice of its previous quote."""
    registry = art.ctx.curation.registry
    entry = registry.get(source.entity_id)
    is_media = (entry is not None and entry.type == EntityType.media) or (
        source.new_entity is not None and source.new_entity.type == EntityType.media
    )
    if not is_media:
        return source
    previous = art.previous_quote(quote)
    while previous is not None and quote.start - previous.end < 1500:
        earlier = quote_source(art, previous)
        if earlier is not None and earlier.channel_id == source.entity_id:
            return replace(
                earlier, cue=source.cue, method=Attribution.adjacent, channel_id=source.entity_id
            )
        previous = art.previous_quote(previous)
    return source
