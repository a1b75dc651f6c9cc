"""What the event rules test on every word, read from a Doc once per article.

``doc[i]`` and ``for t in sent`` build a spaCy Token object per word per call, and
``token.sent`` walks to the sentence's edges each time; the rules that look at every word of
every sentence (which words may fire, which lie inside quotation marks) read these plain lists
instead, and build Tokens only for the few words that pass.

>>> index = TokenIndex.of(doc)
>>> index.lemma[1], index.pos[1]
('veto', 'VERB')
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, POS, SENT_START
from spacy.tokens import Doc


@dataclass(frozen=True)
class TokenIndex:
    """Per-word lists of one Doc (position = ``token.i``); lemmas are lower-cased."""

    pos: list[str]
    lemma: list[str]
    lower: list[str]
    idx: list[int]
    head: list[int]
    dep: list[str]
    ent_type: list[str]
    kids: list[int]  # every word's children, word after word (``children`` cuts them out)
    kid_start: list[int]  # where word i's children start in ``kids`` (word i + 1's: the end)
    sent_start: list[int]  # where the word's spaCy sentence (``token.sent``) starts
    sent_end: list[int]
    sent_chars: list[int]  # where each sentence starts in the text (``sent.start_char``)
    line_breaks: list[int]  # the words whose text with its trailing space holds a line break

    @classmethod
    def of(cls, doc: Doc, text: str) -> TokenIndex:
        """Read the Doc's arrays once (strings looked up once per distinct hash); `text` is
        the Doc's text (``doc.text`` would rebuild it from every Token).

        >>> TokenIndex.of(doc, text).lower[:2]
        ['the', 'mayor']
        """
        array = doc.to_array([POS, LEMMA, LOWER, IDX, DEP, ENT_TYPE, HEAD, SENT_START])
        pos, lemma, lower, idx, dep, ent_type = array[:, :6].T.tolist()
        heads = numpy.arange(len(idx)) + array[:, 6].astype(numpy.int64)  # offsets
        strings = doc.vocab.strings
        names = {key: strings[key] for key in {*pos, *lower, *dep, *ent_type}}
        lemmas = {key: strings[key].lower() for key in set(lemma)}
        kids, kid_start = _children(heads)
        starts, ends = _sentences(array[:, 7].astype(numpy.int64))
        index = cls(
            pos=[names[key] for key in pos],
            lemma=[lemmas[key] for key in lemma],
            lower=[names[key] for key in lower],
            idx=idx,
            head=heads.tolist(),
            dep=[names[key] for key in dep],
            ent_type=[names[key] for key in ent_type],
            kids=kids,
            kid_start=kid_start,
            sent_start=starts,
            sent_end=ends,
            sent_chars=[idx[start] for start in sorted(set(starts))],
            line_breaks=_line_breaks(text, idx),
        )
        _LAST.clear()
        _LAST[id(doc)] = (doc, index)
        return index

    def children(self, i: int) -> list[int]:
        """The words whose head is word i (not i itself), in order (``token.children``)."""
        return self.kids[self.kid_start[i] : self.kid_start[i + 1]]

    def below(self, i: int) -> list[int]:
        """Word i and every word below it (``token.subtree``, in no particular order)."""
        found, stack = [], [i]
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(self.kids[self.kid_start[node] : self.kid_start[node + 1]])
        return found


_LAST: dict[int, tuple[Doc, TokenIndex]] = {}  # the Doc indexed last, with its index


def indexed(doc: Doc) -> TokenIndex:
    """The word index of the Doc being read (the one indexed last; indexed now if another)."""
    last = _LAST.get(id(doc))
    if last is None or last[0] is not doc:
        return TokenIndex.of(doc, doc.text)
    return last[1]


def _children(heads: numpy.ndarray) -> tuple[list[int], list[int]]:
    """The words under each word, in text order, as one list and each word's start in it
    (one list for the article instead of one per word).

    >>> _children(numpy.array([1, 1, 1, 4, 4]))
    ([0, 2, 3], [0, 0, 2, 2, 2, 3])
    """
    words = numpy.arange(len(heads))
    below = words[heads != words]
    order = below[numpy.argsort(heads[below], kind="stable")]
    counts = numpy.bincount(heads[below], minlength=len(heads))
    return order.tolist(), [0, *numpy.cumsum(counts).tolist()]


def _sentences(flags: numpy.ndarray) -> tuple[list[int], list[int]]:
    """Per word, where its sentence starts and ends, from the sentence-start flags (a sentence
    starts at the first word and wherever the flag is 1, as ``doc.sents`` reads them).

    >>> _sentences(numpy.array([1, 0, -1, 1, -1]))
    ([0, 0, 0, 3, 3], [3, 3, 3, 5, 5])
    """
    flags = numpy.asarray(flags)
    inside = numpy.flatnonzero(flags[1:] == 1) + 1
    bounds = numpy.concatenate(([0], inside, [len(flags)])).astype(numpy.int64)
    lengths = numpy.diff(bounds)
    starts = numpy.repeat(bounds[:-1], lengths).tolist()
    return starts, numpy.repeat(bounds[1:], lengths).tolist()


def _line_breaks(text: str, idx: list[int]) -> list[int]:
    """The words (by position) whose stretch of text up to the next word holds a "\\n".

    >>> _line_breaks("Hi\\n\\nA b\\nc", [0, 4, 6, 8])
    [0, 2]
    """
    found = {bisect_right(idx, m.start()) - 1 for m in _NEWLINE.finditer(text)}
    return sorted(found)


_NEWLINE = re.compile("\n")


def covered(spans: tuple[tuple[int, int], ...], offsets: list[int]) -> list[bool]:
    """For each offset, whether some half-open span [start, end) holds it.

    >>> covered(((3, 5), (4, 9)), [0, 4, 8, 9])
    [False, True, True, False]
    """
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [s for s, _ in merged]
    flags = []
    for offset in offsets:
        n = bisect_right(starts, offset) - 1
        flags.append(n >= 0 and offset < merged[n][1])
    return flags
