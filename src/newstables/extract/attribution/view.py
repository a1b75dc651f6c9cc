"""The per-article indexes every attribution reads (built once per article, linear time).

>>> art = view(ctx)
>>> art.quote_at(art.quotes[0].start) is art.quotes[0], art.previous_quote(art.quotes[0])
(True, None)

Sentences are cut on a copy of the text whose quotes are masked, so a quote is always inside
one sentence; a line that starts in lower case continues the previous line's sentence. Every
look-up (quote at an offset, quote before a quote, quotes on a line, mentions of a sentence,
the sentence of an offset) is a dictionary or a binary search: an article with 10,000
quotations costs 10,000 times one quotation, not 10,000 squared.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from ...models import Attribution
from .. import ArticleContext, NewEntity
from ..quotemarks import QuoteSpan, find_quotes
from .lexicon import ABBREVIATIONS, BOUNDARY

T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    """Who content is attributed to, through which cue and channel."""

    entity_id: str | None  # registry id, or a new slug for an unknown speaker
    surface: str | None  # the mention at the attribution point, exactly as printed
    start: int | None
    end: int | None
    cue: str | None  # "said", "quoted … as saying", "told", "according to", ":" …
    channel_id: str | None  # who relayed the words (KCNA, the Kremlin)
    method: Attribution
    new_entity: NewEntity | None  # when entity_id is not in the registry
    channel_entity: NewEntity | None = None  # when channel_id is not in the registry


@dataclass(frozen=True)
class Mention:
    """An agent mention outside quotes (an antecedent candidate)."""

    start: int
    end: int
    entity_id: str
    kind: str  # person | group
    gender: str | None
    subject: bool
    sentence: int
    new_entity: NewEntity | None


@dataclass
class ArticleView:
    """Per-article indexes shared by every attribution in one article (built once)."""

    ctx: ArticleContext
    quotes: list[QuoteSpan]
    sentences: list[tuple[int, int]]
    quote_starts: list[int] = field(default_factory=list)
    quote_index: dict[int, int] = field(default_factory=dict)  # quote start → position
    sentence_starts: list[int] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)  # token index → character offset
    token_quoted: list[bool] = field(default_factory=list)  # token index → inside a quote
    chunks: dict[int, Span] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)
    # role or title lemma → [(offset, entity id, new entity)] in text order
    descriptions: dict[str, list[tuple[int, str, NewEntity | None]]] = field(default_factory=dict)
    # surname (lower case) → {full name words: [first offset, mentions, gender]}
    names: dict[str, dict[tuple[str, ...], list]] = field(default_factory=dict)
    sources: dict[int, Source | None] = field(default_factory=dict)
    anonymous: dict[str, NewEntity] = field(default_factory=dict)  # description key → entity
    # results of pure look-ups of this article (token ranges, cues, mention spans), by key
    memo: dict[tuple, Any] = field(default_factory=dict)

    @property
    def doc(self) -> Doc:
        return self.ctx.doc

    @property
    def text(self) -> str:
        return self.ctx.text

    def quote_at(self, offset: int) -> QuoteSpan | None:
        """The quote whose content holds this offset."""
        index = bisect.bisect_right(self.quote_starts, offset) - 1
        if index >= 0 and self.quotes[index].start <= offset < self.quotes[index].end:
            return self.quotes[index]
        return None

    def previous_quote(self, quote: QuoteSpan) -> QuoteSpan | None:
        """The quote right before this one (a dictionary look-up, not a list scan)."""
        index = self.quote_index[quote.start]
        return self.quotes[index - 1] if index > 0 else None

    def next_quote(self, quote: QuoteSpan) -> QuoteSpan | None:
        """The quote right after this one."""
        index = self.quote_index[quote.start] + 1
        return self.quotes[index] if index < len(self.quotes) else None

    def quotes_starting(self, start: int, end: int) -> list[QuoteSpan]:
        """The quotes that start in [start, end) (binary search)."""
        low = bisect.bisect_left(self.quote_starts, start)
        high = bisect.bisect_left(self.quote_starts, end)
        return self.quotes[low:high]

    def in_quote(self, token: Token) -> bool:
        """Whether a token lies inside quote marks."""
        return self.quote_at(token.idx) is not None

    def sentence_of(self, offset: int) -> int:
        """Index of the masked sentence holding an offset."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def mentions_in(self, sentence: int) -> list[Mention]:
        """The agent mentions of one sentence, in text order."""
        return self.by_sentence.get(sentence, [])

    def mentions_before(self, offset: int, limit: int) -> list[Mention]:
        """The last ``limit`` agent mentions ending before an offset."""
        index = bisect.bisect_left(self.mention_starts, offset)
        return [m for m in self.mentions[max(0, index - limit) : index] if m.end <= offset]

    def cached(self, key: tuple, compute: Callable[[], T]) -> T:
        """A pure look-up of this article, computed once: ``art.cached(("cues", 0, 80), f)``."""
        if key in self.memo:
            return self.memo[key]
        found = self.memo[key] = compute()
        return found

    def token_indices(self, attr: int, values: Iterable[str]) -> list[int]:
        """Indices, in text order, of the tokens whose attribute (a ``spacy.attrs`` id: LOWER,
        POS, DEP) is one of ``values``: a whole-Doc scan over the parse's arrays, to test
        only those tokens (``for i in art.token_indices(DEP, SUBJECTS)``)."""
        column = self.cached(("column", attr), lambda: self.doc.to_array(attr))
        wanted = [self.doc.vocab.strings[value] for value in values]
        return np.flatnonzero(np.isin(column, wanted)).tolist() if len(self.doc) else []

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens starting in [start, end) and outside quotes (memoised: do not modify)."""
        return self.cached(("tokens", start, end), lambda: self._tokens(start, end))

    def _tokens(self, start: int, end: int) -> list[Token]:
        if start > end:  # no tokens; the parse's own checks decide about the error
            span = self.doc.char_span(start, end, alignment_mode="expand")
            return [t for t in span or () if start <= t.idx < end and not self.in_quote(t)]
        low = bisect.bisect_left(self.token_starts, start)
        high = bisect.bisect_left(self.token_starts, end)
        doc, quoted = self.doc, self.token_quoted
        return [doc[i] for i in range(low, high) if not quoted[i]]

    def add_speaker(self, mention: Mention) -> None:
        """Index a resolved speaker mention (a pronoun or a name the parser did not tag) so that
        later pronouns can chain through it; mentions already indexed are left alone."""
        pool = self.by_sentence.setdefault(mention.sentence, [])
        if any(m.start <= mention.start < m.end for m in pool):
            return
        pool.append(mention)
        pool.sort(key=lambda m: m.start)

    def add_mentions(self, mentions: list[Mention]) -> None:
        """Index the agent mentions (text order) by sentence and offset."""
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        for mention in self.mentions:
            self.by_sentence.setdefault(mention.sentence, []).append(mention)


_VIEW: dict[str, ArticleView] = {}
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]*$")
_WORD_CHAR = re.compile(r"[\w.!?…]")  # every character a _LAST_WORD match can hold


def _last_word(text: str, start: int, end: int) -> re.Match[str] | None:
    """``_LAST_WORD.search(text, start, end)``, searched only from where the run of characters
    it can hold ends at ``end`` begins (no match can start before it)."""
    begin = end
    while begin > start and _WORD_CHAR.match(text, begin - 1):
        begin -= 1
    return _LAST_WORD.search(text, begin, end)


def article_view(ctx: ArticleContext) -> ArticleView:
    """The bare indexes of one article (quotes, sentences, chunks); mentions come later."""
    quotes = find_quotes(ctx.text)
    art = ArticleView(ctx, quotes, sentences(ctx.text, quotes))
    art.quote_starts = [q.start for q in quotes]
    art.quote_index = {q.start: i for i, q in enumerate(quotes)}
    art.sentence_starts = [s for s, _ in art.sentences]
    art.token_starts = ctx.doc.to_array(IDX).tolist() if len(ctx.doc) else []
    art.token_quoted = _quoted(art.token_starts, quotes)
    for chunk in ctx.doc.noun_chunks:
        art.chunks[chunk.root.i] = chunk
    return art


def _quoted(starts: list[int], quotes: list[QuoteSpan]) -> list[bool]:
    """Per token (by its start offset): whether ``quote_at`` finds a quote there, i.e. the last
    quote starting at or before it has not ended yet (one pass over the quotes)."""
    quoted = [False] * len(starts)
    for index, quote in enumerate(quotes):
        following = quotes[index + 1].start if index + 1 < len(quotes) else quote.end
        end = min(quote.end, following) if following > quote.start else quote.start
        low = bisect.bisect_left(starts, quote.start)
        high = bisect.bisect_left(starts, end)
        quoted[low:high] = [True] * (high - low)
    return quoted


def cached_view(ctx: ArticleContext) -> ArticleView | None:
    """The view of the article last asked about, if it is this one."""
    return _VIEW.get(f"{ctx.article.article_id}:{id(ctx.doc)}")


def remember(ctx: ArticleContext, art: ArticleView) -> None:
    """Keep one article's view (the one being extracted)."""
    _VIEW.clear()
    _VIEW[f"{ctx.article.article_id}:{id(ctx.doc)}"] = art


def sentences(text: str, quotes: list[QuoteSpan]) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets cut outside quotes; lines starting lower-case continue.

    >>> sentences('He said: "Go. Now." Then he left.', [])[1]
    (14, 33)
    """
    masked = list(text)
    for quote in quotes:
        keep = text[quote.end - 1] if text[quote.end - 1] in ".!?…" else "X"
        masked[quote.start : quote.end] = "X" * (quote.end - quote.start - 1) + keep
    flat = "".join(masked)
    cuts = {0, len(text)}
    for match in BOUNDARY.finditer(flat):
        word = _last_word(flat, max(0, match.start() - 80), match.start() + 1)
        token = word.group(1).lower().rstrip(".") if word else ""
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        cuts.add(match.end())
    for match in re.finditer(r"\n\s*", flat):
        following = flat[match.end() : match.end() + 1]
        if following and not following.islower():
            cuts.add(match.end())
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if a < b]
