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
    kids: list[list[int]]  # the words whose head is this word (``token.children``)
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
        head = (numpy.arange(len(idx)) + array[:, 6].astype(numpy.int64)).tolist()  # offsets
        strings = doc.vocab.strings
        names = {key: strings[key] for key in {*pos, *lower, *dep, *ent_type}}
        lemmas = {key: strings[key].lower() for key in set(lemma)}
        kids: list[list[int]] = [[] for _ in idx]
        for j, h in enumerate(head):
            if h != j:
                kids[h].append(j)
        starts, ends = _sentences(array[:, 7].astype(numpy.int64).tolist())
        return cls(
            pos=[names[key] for key in pos],
            lemma=[lemmas[key] for key in lemma],
            lower=[names[key] for key in lower],
            idx=idx,
            head=head,
            dep=[names[key] for key in dep],
            ent_type=[names[key] for key in ent_type],
            kids=kids,
            sent_start=starts,
            sent_end=ends,
            sent_chars=[idx[start] for start in sorted(set(starts))],
            line_breaks=_line_breaks(text, idx),
        )

    def children(self, i: int) -> list[int]:
        """The words whose head is word i (not i itself), in order (``token.children``)."""
        return self.kids[i]

    def below(self, i: int) -> list[int]:
        """Word i and every word below it (``token.subtree``, in no particular order)."""
        found, stack = [], [i]
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(self.kids[node])
        return found


def _sentences(flags: list[int]) -> tuple[list[int], list[int]]:
    """Per word, where its sentence starts and ends, from the sentence-start flags (a sentence
    starts at the first word and wherever the flag is 1, as ``doc.sents`` reads them).

    >>> _sentences([1, 0, -1, 1, -1])
    ([0, 0, 0, 3, 3], [3, 3, 3, 5, 5])
    """
    bounds = [0] + [i for i, flag in enumerate(flags) if i and flag == 1] + [len(flags)]
    starts: list[int] = []
    ends: list[int] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        starts += [start] * (end - start)
        ends += [end] * (end - start)
    return starts, ends


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
