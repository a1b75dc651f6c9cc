"""Searching a lower-cased copy of a text with case-sensitive patterns instead of the text with
``re.IGNORECASE`` (several times faster: the regex engine compares characters directly and can
skip to the letters a pattern starts with).

>>> lowered("In May"), lowered("Auguſt")
('in may', None)

It finds the same matches at the same offsets when the patterns' letters are lower-case ASCII
and the text holds none of the letters outside ASCII that ``re.IGNORECASE`` matches with ASCII
ones ("ſ" with "s", the Kelvin sign with "k", "ı" and "İ" with "i"; a test checks every code
point), which ``lowered`` returns None for.
"""

from __future__ import annotations

import re

ODD_CASES = re.compile("[\u0130\u0131\u017f\u212a]")
# Each odd case as the ASCII letter re.IGNORECASE matches it with (one character for one).
ASCII_OF_ODD_CASES = str.maketrans({"\u0130": "I", "\u0131": "i", "\u017f": "s", "\u212a": "K"})


def plain(text: str) -> str:
    """The text with each odd case written as its ASCII letter (same length, same offsets), so
    that what a pattern ignoring case matched can be looked up by its lower-cased text.

    >>> plain("Auguſt")
    'August'
    """
    return text.translate(ASCII_OF_ODD_CASES) if ODD_CASES.search(text) else text


def searchable(text: str) -> tuple[str, str | None]:
    """What to search a text as: ``plain(text)`` (same offsets; what a pattern matches can be
    looked up by its letters) and that text's ``lowered`` copy, if there is one.

    >>> searchable("In Auguſt")
    ('In August', 'in august')
    """
    source = plain(text)
    return source, lowered(source)


def lowered(text: str) -> str | None:
    """The text lower-cased, when every character stays one character and none is an odd case;
    otherwise None (search the text itself, ignoring case)."""
    copy = text.lower()
    return copy if len(copy) == len(text) and not ODD_CASES.search(text) else None
