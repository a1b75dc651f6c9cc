"""EDTF date values as words a reader understands: one formatter for summaries, site and chart.

>>> label("2024-23")
'autumn 2024'
>>> label("2025-01/2025-04")
'January–April 2025'
>>> label(None)
'unknown'
"""

from __future__ import annotations

import calendar
import re

__all__ = ["label"]

UNKNOWN = "unknown"
_SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_QUARTERS = {33: "Q1", 34: "Q2", 35: "Q3", 36: "Q4"}
_PART = re.compile(r"^(?P<year>\d{4})(?:-(?P<sub>\d{2})(?:-(?P<day>\d{2}))?)?$")
_DECADE = re.compile(r"^(?P<prefix>\d{3})X$")


def label(edtf: str | None) -> str:
    """A reader's label for an EDTF value; ``"unknown"`` when empty, the value itself if unreadable.

    >>> [label(v) for v in ("2025-04-28", "2024-08", "2024-36", "2024-11~", "../2025-04-28")]
    ['28 April 2025', 'August 2024', 'Q4 2024', 'about November 2024', 'until 28 April 2025']
    """
    value = (edtf or "").strip()
    if not value:
        return UNKNOWN
    if "/" not in value:
        return _single(value) or value
    first, _, last = value.partition("/")
    if first.endswith("~") and last.endswith("~"):
        inner = _interval(first[:-1], last[:-1])
        return f"about {inner}" if inner else value
    if first in ("", ".."):
        return f"until {_single(last) or last}"
    if last in ("", ".."):
        return f"from {_single(first) or first}"
    return _interval(first, last) or value


def _single(part: str) -> str | None:
    """One date: day, month, season, quarter, year or decade, with ~ (about) and ? (uncertain)."""
    core = part.rstrip("~?%")
    marks = part[len(core) :]
    words = _plain(core)
    if words is None:
        return None
    if "~" in marks or "%" in marks:
        words = f"about {words}"
    if "?" in marks or "%" in marks:
        words = f"{words} (uncertain)"
    return words


def _plain(core: str) -> str | None:
    if decade := _DECADE.match(core):
        return f"the {decade['prefix']}0s"
    match = _PART.match(core)
    if not match:
        return None
    year, sub, day = match["year"], match["sub"], match["day"]
    if sub is None:
        return year
    number = int(sub)
    if day is not None and 1 <= number <= 12:
        return f"{int(day)} {calendar.month_name[number]} {year}"
    if 1 <= number <= 12:
        return f"{calendar.month_name[number]} {year}"
    if number == 24:
        return f"winter {year}–{(int(year) + 1) % 100:02d}"
    if number in _SEASONS:
        return f"{_SEASONS[number]} {year}"
    if number in _QUARTERS:
        return f"{_QUARTERS[number]} {year}"
    return None


def _interval(first: str, last: str) -> str | None:
    """Both ends in words, the shared year said once: "January–April 2025", "26–27 April 2025"."""
    start, end = _single(first), _single(last)
    if start is None or end is None:
        return None
    a, b = _PART.match(first), _PART.match(last)
    if a and b and not a["sub"] and not b["sub"]:
        return f"{start}–{end}"
    if a and b and a["year"] == b["year"] and bool(a["day"]) == bool(b["day"]):
        if a["day"] and a["sub"] == b["sub"]:
            return f"{int(a['day'])}–{end}"
        if a["sub"] and int(a["sub"]) <= 12 and int(b["sub"] or 0) <= 12:
            return f"{start.removesuffix(' ' + a['year'])}–{end}"
    return f"{start} – {end}"
