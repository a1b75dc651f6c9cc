"""Interviews, transcripts and labels: who speaks when no verb says it.

>>> cue = label_intro(art, sentence_start, quote)      # `Roe: "We will build it."`
>>> cue = line_label(art, quote)                       # a quote inside a `ROE: …` line

- A name and a colon right before a quote speaks it (`Roe: "…"`, `- Daily Bugle: "…"`).
- Transcript lines: a line opening with ``NAME:`` (capitals or a title and surname) is that
  person's; ``Q:`` lines are the interviewer's, ``A:`` lines the interviewee's (the person the
  last ``NAME:`` label or the article's "interview with X" named).
- Asked/replied alternation: a pronoun with "replied"/"answered" (or "asked" after a reply)
  names the other party of the exchange, not the one who spoke the quote before.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..quotemarks import QuoteSpan
from .cues import Cue
from .lexicon import TRANSCRIPT_ANSWER, TRANSCRIPT_QUESTION
from .view import ArticleView

_NAME_LABEL = re.compile(
    r"^\s*((?:[A-Z][a-z]{0,3}\.\s+)?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s*:\s"
)
ALTERNATING = frozenset({"reply", "answer", "respond", "ask", "counter", "retort"})


def label_intro(art: ArticleView, s_start: int, quote: QuoteSpan) -> Cue | None:
    """A name and a colon right before the quote: `Trump: 'We will win.'`, `- HuffPollster: "`."""
    before = re.sub(r"[\s“\"‘'«`]+$", "", art.text[s_start : quote.start])
    if not before.endswith(":"):
        return None
    tokens = art.tokens(s_start, s_start + len(before) - 1)
    if not tokens or tokens[-1].pos_ not in ("PROPN", "NOUN"):
        return None
    label: list[Token] = []
    for token in reversed(tokens):
        if token.pos_ in ("VERB", "AUX"):
            return None
        spaced = token.whitespace_ or token.i == 0 or token.doc[token.i - 1].whitespace_
        if token.text in ("-", "–", "—", "|") and spaced:  # not the hyphen of "three-year"
            break
        label.insert(0, token)
    label = _before_topic(label)
    if not label:
        return None
    tokens = label
    nouns = [t for t in tokens if t.pos_ in ("PROPN", "NOUN", "PRON") and t.i in art.chunks]
    if not nouns:
        nouns = [t for t in tokens if t.pos_ in ("PROPN", "NOUN")][-1:]
    return Cue(nouns[-1], nouns[-1], None, ":") if nouns else None


def _line_start(art: ArticleView, offset: int) -> int:
    return art.text.rfind("\n", 0, offset) + 1


def _before_topic(label: list[Token]) -> list[Token]:
    """A label without its topic: `CNN President On Trump:` is CNN President's."""
    cut = next((i for i, t in enumerate(label) if t.lower_ == "on" and i > 0), len(label))
    return label[:cut]


def _label_token(art: ArticleView, start: int, end: int) -> Token | None:
    """The last name token of a label in text[start:end] (a capitalised word the parse
    mis-tagged counts: `Issa:` read as an adjective)."""
    label = _before_topic(art.tokens(start, end))
    tokens = [t for t in label if t.pos_ in ("PROPN", "NOUN")]
    if not tokens and not any(t.pos_ == "DET" for t in label):  # not "The Latest:"
        tokens = [t for t in label if t.is_title]
    return tokens[-1] if tokens else None


def line_label(art: ArticleView, quote: QuoteSpan) -> Cue | None:
    """A quote inside a transcript line: the line's ``NAME:`` label speaks it; ``A:`` lines go
    to the last named label of the transcript, ``Q:`` lines to the interviewer's label."""
    start = _line_start(art, quote.start)
    line = art.text[start : quote.start]
    if TRANSCRIPT_QUESTION.match(line) or TRANSCRIPT_ANSWER.match(line):
        return _answer_label(art, start, question=bool(TRANSCRIPT_QUESTION.match(line)))
    match = _NAME_LABEL.match(line)
    if match is None or match.end() > len(line):
        return None
    token = _label_token(art, start + match.start(1), start + match.end(1))
    return Cue(token, token, None, ":") if token is not None else None


def _answer_label(art: ArticleView, line_start: int, question: bool) -> Cue | None:
    """The party of a Q:/A: line: the last ``NAME:`` label before it of the wanted side."""
    cursor = line_start
    for _ in range(40):  # look back over at most 40 lines
        if cursor <= 0:
            return None
        cursor = _line_start(art, cursor - 1)
        end = art.text.find("\n", cursor)
        line = art.text[cursor : end if end >= 0 else len(art.text)]
        turn = TRANSCRIPT_QUESTION.match(line) or TRANSCRIPT_ANSWER.match(line)
        match = _NAME_LABEL.match(line)
        if match is not None and not turn:
            token = _label_token(art, cursor + match.start(1), cursor + match.end(1))
            if token is not None and not question:
                return Cue(token, token, None, "A:")
    return None


def alternates(cue: Cue | None) -> bool:
    """Whether a cue is a turn of an exchange ("he replied", "she asked")."""
    return cue is not None and cue.token.lemma_.lower() in ALTERNATING
