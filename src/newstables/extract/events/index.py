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

from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, POS
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
    sent_start: list[int]  # where the word's spaCy sentence (``token.sent``) starts
    sent_end: list[int]
    line_breaks: list[int]  # the words whose text with its trailing space holds a line break

    @classmethod
    def of(cls, doc: Doc, text: str) -> TokenIndex:
        """Read the Doc's arrays once (strings looked up once per distinct hash); `text` is
        the Doc's text (``doc.text`` would rebuild it from every Token).

        >>> TokenIndex.of(doc, text).lower[:2]
        ['the', 'mayor']
        """
        columns = doc.to_array([POS, LEMMA, LOWER, IDX, HEAD, DEP]).T.tolist()
        pos, lemma, lower, idx, head, dep = columns
        strings = doc.vocab.strings
        names = {key: strings[key] for key in {*pos, *lower, *dep}}
        lemmas = {key: strings[key].lower() for key in set(lemma)}
        starts = [0] * len(idx)
        ends = [0] * len(idx)
        for sent in doc.sents:
            starts[sent.start : sent.end] = [sent.start] * len(sent)
            ends[sent.start : sent.end] = [sent.end] * len(sent)
        return cls(
            pos=[names[key] for key in pos],
            lemma=[lemmas[key] for key in lemma],
            lower=[names[key] for key in lower],
            idx=idx,
            head=[i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(head)],  # offsets
            dep=[names[key] for key in dep],
            sent_start=starts,
            sent_end=ends,
            line_breaks=_line_breaks(text, idx),
        )

    def children(self, i: int) -> list[int]:
        """The words whose head is word i (not i itself), in order; built once per Doc."""
        kids = self.__dict__.get("_kids")
        if kids is None:
            kids = [[] for _ in self.head]
            for j, h in enumerate(self.head):
                if h != j:
                    kids[h].append(j)
            object.__setattr__(self, "_kids", kids)
        return kids[i]


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
