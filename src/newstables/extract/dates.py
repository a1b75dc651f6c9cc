"""Resolve date expressions in English news text to EDTF values with ISO day bounds.

Relative expressions ("on Monday", "last August", "late last year") are resolved against the
article's publication date and flagged ``relative``; absolute ones ("28 April 2025", "1950-53")
need no anchor. Conventions:

* weekdays and bare months mean the most recent one on or before publication, or the coming
  one when their clause speaks of the future ("will vote on Friday", "is due to open in May");
* seasons are northern-hemisphere meteorological seasons with EDTF codes 21-24; winter ``Y-24``
  runs from 1 December of Y to the end of February of Y+1;
* "early", "mid" and "late" split a year symmetrically by quarters: early is the first quarter,
  late the last, mid the two between (month intervals ``Y-01/Y-03``, ``Y-04/Y-09``,
  ``Y-10/Y-12``); they split a month in thirds (days 1-10, 11-20, 21-end);
* a day and month without a year take the year that puts the date closest to publication.

>>> resolve("last August", date(2025, 4, 28)).edtf
'2024-08'
>>> [m.surface for m in find_dates("Troops sent late last year left on Monday.", date(2025, 4, 28))]
['late last year', 'Monday']
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .lowered import plain, searchable

__all__ = ["DateMention", "DateValue", "find_dates", "resolve"]


@dataclass(frozen=True)
class DateValue:
    """A resolved date: EDTF string, inclusive day bounds, precision and provenance."""

    edtf: str
    start: date
    end: date
    precision: str  # "day" | "month" | "season" | "quarter" | "year" | "interval"
    relative: bool  # True when inferred from the publication date


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text: str offsets, surface text and resolved value."""

    start: int
    end: int
    surface: str
    value: DateValue


Resolver = Callable[[re.Match[str], date | None], DateValue | None]

# --- vocabulary -------------------------------------------------------------------------------

_MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_SEASON_FIRST_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}
_OFFSETS = {"last": -1, "this past": -1, "the previous": -1, "this": 0, "next": 1}
_DAY_WORDS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "tomorrow": 1,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "final": 4,
}  # fmt: skip
_PARTS = {
    "early": "early", "start": "early", "beginning": "early",
    "mid": "mid", "middle": "mid", "late": "late", "end": "late",
}  # fmt: skip
_YEAR_PART_MONTHS = {"early": (1, 3), "mid": (4, 9), "late": (10, 12)}
_MONTH_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_HOLIDAY_WORDS = ("Good", "Black", "Bloody", "Super", "Cyber", "Ash", "Palm", "Easter", "Holy")
_NEWSPAPER_WORDS = ("Times", "Telegraph", "Express", "Mirror", "Herald", "Post", "Mail", "Star")


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation, longest first, spaces matching any whitespace.

    >>> _alternation(["a", "abc"])
    'abc|a'
    """
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace("\\ ", " ").replace(" ", r"\s+") for w in ordered)


def _capitalised(words: Iterable[str]) -> str:
    """Alternation whose words must start with a capital (keeps the modal "may" out).

    >>> re.fullmatch(_capitalised(["may"]), "may", re.I) is None
    True
    """
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(f"(?-i:{w[0].upper()}){w[1:]}" for w in ordered)


# --- regex fragments --------------------------------------------------------------------------

_MONTH = rf"(?:{_capitalised(_MONTH_NAMES)}|(?:{_capitalised(_MONTH_ABBREVIATIONS)})\.?)"
_WEEKDAY = _alternation(_WEEKDAYS)
_SEASON = _alternation(_SEASONS)
_YEAR = r"(?:1\d{3}|20\d{2})"
_BARE_YEAR = r"(?:1[6-9]\d{2}|20\d{2})"
_YEAR_REF = rf"(?:(?P<yr>{_YEAR})|(?P<ymod>last|this|next|the\s+previous)\s+year)"
_MOD = rf"(?P<mod>{_alternation(_OFFSETS)})"
_NUM = rf"(?:\d{{1,3}}|{_alternation(_NUMBERS)})"
_ORD = r"(?:st|nd|rd|th)?"
_PART = r"(?P<part>early|late|mid|(?:the\s+)?(?:start|beginning|middle|end)\s+of)(?:\s*-\s*|\s+)"
_UNIT = r"(?P<unit>day|week|month|quarter|year)"
_APPROX = r"around|approximately|roughly|circa|ca?\."
_PREP = (
    r"on|in|during|over|since|until|till|by|before|after|through|throughout|from|for|of|at"
    rf"|as\s+of|{_APPROX}"
)
_LEFT = r"(?<![\w$£€/-])"
_RIGHT = r"(?![\w%/]|[.,]\d|-\w)"
_NOT_HOLIDAY = "".join(rf"(?<!{w}\s)" for w in _HOLIDAY_WORDS)
_NOT_NEWSPAPER = rf"(?!\s+(?-i:{'|'.join(_NEWSPAPER_WORDS)})\b)"
_APPROX_BEFORE = re.compile(rf"\b(?:{_APPROX})\s+$", re.IGNORECASE)

# --- value builders ---------------------------------------------------------------------------


def _g(m: re.Match[str], name: str) -> str | None:
    """Group text, or None when the group is absent from this rule or did not take part."""
    return m.groupdict().get(name)


def _norm(text: str | None) -> str:
    """Lower-case text with single spaces.

    >>> _norm("This  Past")
    'this past'
    """
    return " ".join((text or "").lower().split())


def _add_months(d: date, months: int) -> date:
    """Shift by whole months, clamping the day.

    >>> _add_months(date(2025, 3, 31), -1)
    datetime.date(2025, 2, 28)
    """
    year, index = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(year, index + 1, min(d.day, calendar.monthrange(year, index + 1)[1]))


def _safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when it does not exist.

    >>> _safe_date(2025, 2, 30) is None
    True
    """
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(d: date, relative: bool) -> DateValue:
    """A single day.

    >>> _day(date(2025, 4, 28), False).edtf
    '2025-04-28'
    """
    return DateValue(d.isoformat(), d, d, "day", relative)


def _interval(first: DateValue, last: DateValue) -> DateValue:
    """EDTF interval from the start of one value to the end of another.

    >>> _interval(_year(1950, False), _year(1953, False)).edtf
    '1950/1953'
    """
    relative = first.relative or last.relative
    return DateValue(f"{first.edtf}/{last.edtf}", first.start, last.end, "interval", relative)


def _span(first: date, last: date, relative: bool) -> DateValue:
    """Interval of days (a single day when they coincide).

    >>> _span(date(2025, 4, 26), date(2025, 4, 27), True).edtf
    '2025-04-26/2025-04-27'
    """
    if first == last:
        return _day(first, relative)
    return _interval(_day(first, relative), _day(last, relative))


def _block(edtf: str, year: int, month: int, count: int, precision: str, rel: bool) -> DateValue:
    """Value covering `count` whole months from year-month.

    >>> _block("2024-36", 2024, 10, 3, "quarter", False).end
    datetime.date(2024, 12, 31)
    """
    first = date(year, month, 1)
    last = _add_months(first, count - 1)
    end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    return DateValue(edtf, first, end, precision, rel)


def _month(year: int, month: int, relative: bool) -> DateValue:
    """A calendar month.

    >>> _month(2024, 8, True).edtf
    '2024-08'
    """
    return _block(f"{year:04d}-{month:02d}", year, month, 1, "month", relative)


def _season(year: int, code: int, relative: bool) -> DateValue:
    """A northern-hemisphere meteorological season, EDTF codes 21-24.

    >>> _season(2024, 24, True).end
    datetime.date(2025, 2, 28)
    """
    return _block(f"{year:04d}-{code}", year, _SEASON_FIRST_MONTH[code], 3, "season", relative)


def _quarter(year: int, quarter: int, relative: bool) -> DateValue:
    """A quarter, EDTF level-2 codes 33-36.

    >>> _quarter(2024, 4, True).edtf
    '2024-36'
    """
    return _block(f"{year:04d}-{32 + quarter}", year, 3 * quarter - 2, 3, "quarter", relative)


def _year(year: int, relative: bool) -> DateValue:
    """A calendar year.

    >>> _year(2024, False).edtf
    '2024'
    """
    return _block(f"{year:04d}", year, 1, 12, "year", relative)


def _months(year: int, first: int, last: int, relative: bool) -> DateValue:
    """Interval of whole months in one year.

    >>> _months(2025, 1, 4, False).edtf
    '2025-01/2025-04'
    """
    return _interval(_month(year, first, relative), _month(year, last, relative))


def _approximate(value: DateValue) -> DateValue:
    """Mark every endpoint approximate.

    >>> _approximate(_months(2025, 1, 4, False)).edtf
    '2025-01~/2025-04~'
    """
    edtf = "/".join(part if part.endswith("~") else f"{part}~" for part in value.edtf.split("/"))
    return replace(value, edtf=edtf)


# --- choosing among recurring periods ---------------------------------------------------------


def _choose(
    make: Callable[[int], DateValue], mod: str | None, published: date, future: bool = False
) -> DateValue:
    """Pick the instance of a recurring period meant by `mod` relative to publication.

    ``make(k)`` builds the instance k cycles after the one containing publication. "this" is
    k = 0, "last" the latest ending before publication, "next" the first starting after it, and
    no modifier the latest starting on or before it (with ``future``, the first not yet over).

    >>> _choose(lambda k: _month(2025 + k, 8, True), "last", date(2025, 4, 28)).edtf
    '2024-08'
    """
    offset = _OFFSETS.get(_norm(mod))
    if offset == 0:
        return make(0)
    options = [make(k) for k in range(-2, 3)]
    if offset == -1:
        return [v for v in options if v.end < published][-1]
    if offset == 1:
        return [v for v in options if v.start > published][0]
    if future and mod is None:
        return [v for v in options if v.end >= published][0]
    return [v for v in options if v.start <= published][-1]


def _period(unit: str, offset: int, published: date | None) -> DateValue | None:
    """The calendar unit containing publication, shifted by `offset` units.

    >>> _period("week", -1, date(2025, 4, 28)).edtf
    '2025-04-21/2025-04-27'
    """
    if published is None:
        return None
    if unit == "day":
        return _day(published + timedelta(days=offset), True)
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        return _span(monday, monday + timedelta(days=6), True)
    if unit == "month":
        first = _add_months(published.replace(day=1), offset)
        return _month(first.year, first.month, True)
    if unit == "quarter":
        year, index = divmod(published.year * 4 + (published.month - 1) // 3 + offset, 4)
        return _quarter(year, index + 1, True)
    return _year(published.year + offset, True)


def _year_ref(m: re.Match[str], published: date | None) -> tuple[int, bool] | None:
    """(year, relative) named by groups yr ("2024") or ymod ("last" year)."""
    if year := _g(m, "yr"):
        return int(year), False
    if published is None:
        return None
    return published.year + _OFFSETS[_norm(_g(m, "ymod"))], True


def _of_year(
    m: re.Match[str],
    published: date | None,
    build: Callable[[int, bool], DateValue],
    base: int = 0,
) -> DateValue | None:
    """``build(year, relative)`` for the year the match names, else the instance chosen by mod.

    `base` shifts the cycle containing publication (winter of Jan-Feb began the year before).
    """
    if _g(m, "yr") or _g(m, "ymod"):
        year = _year_ref(m, published)
        return build(*year) if year else None
    if published is None:
        return None
    mod = _g(m, "mod")
    return _choose(lambda k: build(published.year + base + k, True), mod, published, _future(m))


# --- resolvers: one per kind of expression ----------------------------------------------------


def _month_number(name: str) -> int:
    """Month number from a name, abbreviation or digits.

    >>> _month_number("Sept.")
    9
    """
    key = name.lower().rstrip(".")
    return int(key) if key.isdigit() else {**_MONTH_NAMES, **_MONTH_ABBREVIATIONS}[key]


_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|(?:is|are)\s+(?:due|set|scheduled|expected|slated|poised|going)\s+to"
    r"|plans?\s+to|intends?\s+to)\b|['’]ll\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"\b(?:that|which|who|whom|whose|after|since|because|when|while|ago|said|says)\b", re.IGNORECASE
)


def _closest_year(
    month: int, day: int, published: date | None, past: bool = False, future: bool = False
) -> int | None:
    """Year that puts month-day closest to publication (``past``: on or before it, ``future``:
    on or after it).

    >>> _closest_year(12, 28, date(2025, 1, 5))
    2024
    >>> _closest_year(8, 6, date(2025, 4, 28), past=True)    # "since August 6"
    2024
    """
    if published is None:
        return None
    years = (published.year - 1, published.year, published.year + 1)
    options = [d for y in years if (d := _safe_date(y, month, day))]
    if past:
        options = [d for d in options if d <= published]
    elif future:
        options = [d for d in options if d >= published]
    return min(options, key=lambda d: abs(d - published)).year if options else None


def _future(m: re.Match[str]) -> bool:
    """Whether the match's clause speaks of the future: "will vote on Friday", "is due to … in May".

    The look-back stops at the sentence start and gives up at a relative or time clause
    ("will investigate the fire that started on Monday" is about a past Monday).
    """
    start = m.start("x")
    window = m.string[max(0, start - 80) : start]
    window = re.split(r"[.!?\n;]\s", window)[-1]
    markers = list(_FUTURE.finditer(window))
    return bool(markers) and not _CLAUSE_BREAK.search(window, markers[-1].end())


def _after_since(m: re.Match[str]) -> bool:
    """Whether "since" introduces the match ("since August 6": a day in the past)."""
    start = m.start("x")
    return bool(_SINCE.search(m.string, max(0, start - 16), start))


def _day_of_month(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "28 April 2025", "April 28", "26-27 April", "2025-04-28" (groups d, d2, mon, yr)."""
    month, day = _month_number(_g(m, "mon") or m["m1"]), int(m["d"])
    given = _g(m, "yr")
    if ymod := _g(m, "ymod"):
        year = published.year + _OFFSETS[_norm(ymod)] if published else None
    elif given:
        year = int(given)
    else:
        year = _closest_year(month, day, published, _after_since(m), _future(m))
    first = _safe_date(year, month, day) if year else None
    last = _safe_date(year, month, int(_g(m, "d2") or day)) if year else None
    if first is None or last is None or last < first:
        return None
    return _span(first, last, not given)


def _day_range(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "from May 3 to May 9", "between 1 and 15 March": one interval of days."""
    last = _day_of_month(m, published)
    if last is None:
        return None
    first = _safe_date(last.start.year, _month_number(_g(m, "m1") or m["mon"]), int(m["d1"]))
    if first is not None and first > last.start:
        first = _safe_date(first.year - 1, first.month, first.day)
    return _span(first, last.end, last.relative) if first and first < last.start else None


def _month_ref(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "June 2024", "last August", "in August", "August last year", "last month"."""
    if mmod := _g(m, "mmod"):
        return _period("month", _OFFSETS[_norm(mmod)], published)
    month = _month_number(m["mon"])
    return _of_year(m, published, lambda y, rel: _month(y, month, rel))


def _month_range(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "between June and August 2024": the start month takes the end's year unless given."""
    last = _month_ref(m, published)
    if last is None:
        return None
    first_month = _month_number(m["m1"])
    given = _g(m, "y1")
    year = int(given) if given else last.start.year - int(first_month > last.start.month)
    first = _month(year, first_month, last.relative)
    return _interval(first, last) if first.start < last.start else None


def _year_range(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "1950-53", "1950–1953", "between 1950 and 1953"; None unless the end is later."""
    first, end = int(m["y1"]), m["y2"]
    last = first // 100 * 100 + int(end) if len(end) == 2 else int(end)
    return _interval(_year(first, False), _year(last, False)) if last > first else None


def _bare_year(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "in 2024" -> 2024."""
    return _year(int(m["yr"]), False)


def _decade(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "the 1990s" -> 199X (a year of the decade, unspecified)."""
    first = int(m["dec"]) * 10
    return DateValue(f"{m['dec']}X", date(first, 1, 1), date(first + 9, 12, 31), "year", False)


def _season_ref(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "last summer", "the fall of the previous year", "summer 2023", "in the spring"."""
    code = _SEASONS[m["sea"].lower()]
    base = -1 if code == 24 and published and published.month <= 2 else 0
    return _of_year(m, published, lambda y, rel: _season(y, code, rel), base)


def _year_part(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "early 2025" (Jan-Mar), "mid-2024" (Apr-Sep), "late last year" (Oct-Dec)."""
    part = _PARTS[_norm(m["part"]).removeprefix("the ").removesuffix(" of")]
    first, last = _YEAR_PART_MONTHS[part]
    return _of_year(m, published, lambda y, rel: _months(y, first, last, rel))


def _month_part(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "early last month" (days 1-10), "mid-August" (11-20), "late March 2024" (21-end)."""
    month = _month_ref(m, published)
    if month is None:
        return None
    part = _PARTS[_norm(m["part"]).removeprefix("the ").removesuffix(" of")]
    first, last = _MONTH_PART_DAYS[part]
    start = month.start.replace(day=first)
    return _span(start, month.start.replace(day=min(last, month.end.day)), month.relative)


def _quarter_ref(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "the first quarter of 2025", "Q3 2024", "the fourth quarter of last year"."""
    quarter = int(_g(m, "qn") or 0) or _ORDINALS[_norm(m["q"])]
    return _of_year(m, published, lambda y, rel: _quarter(y, quarter, rel))


def _half_ref(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "the second half of last year", "H1 2024" -> month intervals Jan-Jun / Jul-Dec."""
    half = int(_g(m, "hn") or 0) or _ORDINALS[_norm(m["h"])]
    return _of_year(m, published, lambda y, rel: _months(y, 6 * half - 5, 6 * half, rel))


def _weekday(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "on Monday", "earlier Monday", "last Friday"; bare ones are on/before publication."""
    if published is None:
        return None
    monday = published - timedelta(days=published.weekday())
    day = _WEEKDAYS[m["wd"].lower()]
    return _choose(
        lambda k: _day(monday + timedelta(weeks=k, days=day), True),
        _g(m, "mod"),
        published,
        _future(m),
    )


def _weekend(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "over the weekend", "last weekend", "this weekend" -> a Saturday/Sunday interval."""
    if published is None:
        return None
    saturday = published + timedelta(days=5 - published.weekday())
    return _choose(lambda k: _weekend_of(saturday + timedelta(weeks=k)), _g(m, "mod"), published)


def _weekend_of(saturday: date) -> DateValue:
    """Saturday and Sunday as an interval.

    >>> _weekend_of(date(2025, 4, 26)).edtf
    '2025-04-26/2025-04-27'
    """
    return _span(saturday, saturday + timedelta(days=1), True)


def _unit_ref(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "last week", "this month", "next quarter", "last year", "the previous year"."""
    return _period(m["unit"].lower(), _OFFSETS[_norm(m["mod"])], published)


def _day_word(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "today", "yesterday", "last night", "tomorrow morning"."""
    return _period("day", _DAY_WORDS[_norm(m["dw"])], published)


def _part_of_current(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "earlier this year" (1 January to publication), "later this month" (to its end)."""
    period = _period(m["unit"].lower(), 0, published)
    if period is None or published is None:
        return None
    if _norm(m["dir"]) == "later":
        return _span(published, period.end, True)
    return _span(period.start, published, True)


def _ago(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "three days ago" (exact day); "two months ago", "a year ago" (approximate unit)."""
    unit, count = m["unit"].lower(), _number(m["n"])
    if unit == "decade":
        unit, count = "year", 10 * count
    value = _period(unit, -count, published)
    return value if value is None or unit == "day" else _approximate(value)


def _trailing(m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "the past three years", "the last 12 months" -> interval ending at publication."""
    if published is None:
        return None
    count, unit = _number(_g(m, "n") or _g(m, "n2") or "1"), m["unit"].lower()
    if unit in ("day", "week"):
        first = published - timedelta(days=count * (7 if unit == "week" else 1))
    else:
        first = _add_months(published, -count * {"month": 1, "quarter": 3, "year": 12}[unit])
    return _span(first, published, True)


def _number(text: str) -> int:
    """Digits or a number word.

    >>> _number("three")
    3
    """
    return int(text) if text.isdigit() else _NUMBERS[text.lower()]


# --- the rule table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    """One expression shape: `search` finds it in running text, `whole` matches a lone one;
    `needs` are parts every match holds (a stretch of text without all of them is not searched)."""

    search: re.Pattern[str]
    whole: re.Pattern[str]
    resolver: Resolver
    needs: tuple[_Need, ...]


def _rule(
    core: str,
    resolver: Resolver,
    needs: _Need | tuple[_Need, ...],
    trigger: bool = False,
) -> _Rule:
    """Compile `core` (named group x) behind up to two prepositions; with `trigger`, running
    text must supply one ("in 2024"), while a lone expression ("2024") needs none.

    >>> _rule(_BARE_YEAR, _bare_year, _NEEDS_DIGIT, trigger=True).search.search("since 2014")["x"]
    '2014'
    """
    body = rf"{_LEFT}(?P<x>{core}){_RIGHT}"
    prefix = rf"(?:\b(?:{_PREP})\s+)"
    # An optional prefix never changes group x, so running text is searched for the body alone
    # (a leading optional alternation made every rule try each preposition at every position).
    search = rf"{prefix}{{1,2}}{body}" if trigger else body
    flags = re.IGNORECASE
    whole = re.compile(rf"{prefix}{{0,2}}{body}", flags)
    return _Rule(
        re.compile(search, flags), whole, resolver, needs if isinstance(needs, tuple) else (needs,)
    )


@dataclass(frozen=True)
class _Need:
    """A part every match of some rules holds: `anycase` ignores case as the rules do, `lowered`
    is the same searched case-sensitively in the lower-cased text (faster: the regex engine can
    skip to the letters it starts with)."""

    anycase: re.Pattern[str]
    lowered: re.Pattern[str]


def _need(pattern: str, lowered: str | None = None) -> _Need:
    """A need from a pattern and its lower-case twin (by default the pattern lower-cased, which
    must then hold no upper-case escape such as ``\\S``).

    >>> _need("quarter").lowered.pattern, _need("(?-i:M)ay", "may").lowered.pattern
    ('quarter', 'may')
    """
    if lowered is None and re.search(r"\\[A-Z]", pattern):
        raise ValueError(f"upper-case escape in {pattern!r}")
    return _Need(re.compile(pattern, re.IGNORECASE), re.compile(lowered or pattern.lower()))


# What each rule's match must hold, searched once per stretch of text: most stretches hold no
# digit, year, month, season or time word, and their rules are not run.
_NEEDS_DIGIT = _need(r"\d")
_NEEDS_YEAR = _need(r"\d\d\d\d")  # every year (1\d{3}, 20\d{2}), decade ("1990s")
# a month name is never followed by a letter in a match (lower-cased, its capital is lost)
_NEEDS_MONTH = _need(
    _MONTH, rf"(?:{_alternation([*_MONTH_NAMES, *_MONTH_ABBREVIATIONS])})(?![a-z])"
)
_NEEDS_WEEKDAY = _need(_WEEKDAY)
_NEEDS_SEASON = _need(_SEASON)
_NEEDS_PART = _need(  # as in _PART; each branch starts with a letter, which the engine skips to
    r"early[\s-]|late[\s-]|mid[\s-]|start\s+of|beginning\s+of|middle\s+of|end\s+of"
)
_NEEDS_UNIT = _need(r"\s(?:day|week|month|quarter|year)")  # a unit always follows a space
_NEEDS_DAY_WORD = _need(_alternation(_DAY_WORDS))
_NEEDS_QUARTER = _need("quarter")
_NEEDS_HALF = _need("half")
_NEEDS_WEEKEND = _need("weekend")
_NEEDS_AGO = _need("ago")


# Characters no rule's match holds and every rule's look-arounds treat as the end of the text
# (tests/test_dates.py walks the rules to check it): each rule is searched only between them,
# in the stretches that hold all it needs.
_STOPS = re.compile(r'["“”()\[\]{};:!?]+')

_DAYS = rf"(?P<d>\d{{1,2}}){_ORD}(?:\s*[-–]\s*(?P<d2>\d{{1,2}}){_ORD})?"
_RANGE_WORD = r"(?:and|to|through|until|till)"
_DAY_YEAR = rf"(?:,?\s+(?P<yr>{_YEAR})|\s+(?P<ymod>last|this|next)\s+year)?"

_RULES: tuple[_Rule, ...] = (
    _rule(rf"(?P<yr>{_YEAR})-(?P<mon>\d\d)-(?P<d>\d\d)", _day_of_month, _NEEDS_YEAR),
    _rule(
        rf"(?:(?:{_WEEKDAY}),?\s+)?(?:the\s+)?{_DAYS}\s+(?:of\s+)?(?P<mon>{_MONTH})"
        rf"{_DAY_YEAR}",
        _day_of_month,
        (_NEEDS_DIGIT, _NEEDS_MONTH),
    ),
    _rule(
        rf"(?:(?:{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\s+{_DAYS}{_DAY_YEAR}",
        _day_of_month,
        (_NEEDS_DIGIT, _NEEDS_MONTH),
    ),
    _rule(
        rf"(?:between|from)\s+(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}){_ORD}\s+{_RANGE_WORD}\s+"
        rf"(?:(?P<mon>{_MONTH})\s+)?(?P<d>\d{{1,2}}){_ORD}{_DAY_YEAR}",
        _day_range,
        (_NEEDS_DIGIT, _NEEDS_MONTH),
    ),
    _rule(
        rf"(?:between|from)\s+(?:the\s+)?(?P<d1>\d{{1,2}}){_ORD}(?:\s+(?P<m1>{_MONTH}))?\s+"
        rf"{_RANGE_WORD}\s+(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH})"
        rf"{_DAY_YEAR}",
        _day_range,
        (_NEEDS_DIGIT, _NEEDS_MONTH),
    ),
    _rule(rf"(?P<y1>{_YEAR})[-–/](?P<y2>\d\d|{_YEAR})", _year_range, _NEEDS_YEAR),
    _rule(
        rf"(?:between|from)\s+(?P<y1>{_YEAR})\s+{_RANGE_WORD}\s+(?P<y2>{_YEAR})",
        _year_range,
        _NEEDS_YEAR,
    ),
    _rule(
        rf"(?:between|from)\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?\s+{_RANGE_WORD}\s+"
        rf"(?P<mon>{_MONTH})(?:,?\s+(?P<yr>{_YEAR}))?",
        _month_range,
        _NEEDS_MONTH,
    ),
    _rule(
        rf"(?P<m1>{_MONTH})\s*[-–]\s*(?P<mon>{_MONTH}),?\s+(?P<yr>{_YEAR})",
        _month_range,
        (_NEEDS_MONTH, _NEEDS_YEAR),
    ),
    _rule(rf"(?P<mon>{_MONTH}),?\s+(?:of\s+)?{_YEAR_REF}", _month_ref, _NEEDS_MONTH),
    _rule(rf"(?P<yr>{_YEAR})-(?P<mon>0[1-9]|1[0-2])", _month_ref, _NEEDS_YEAR),
    _rule(
        rf"{_PART}(?:in\s+)?(?:(?P<mon>{_MONTH})(?:,?\s+(?P<yr>{_YEAR}))?"
        rf"|(?P<mmod>last|this|next)\s+month)",
        _month_part,
        _NEEDS_PART,
    ),
    _rule(rf"{_PART}(?:in\s+)?{_YEAR_REF}", _year_part, _NEEDS_PART),
    _rule(
        rf"(?:the\s+)?(?P<q>{_alternation(_ORDINALS)})\s+quarter(?:\s+of)?\s+{_YEAR_REF}",
        _quarter_ref,
        _NEEDS_QUARTER,
    ),
    _rule(rf"(?-i:Q)(?P<qn>[1-4])(?:\s+of)?\s+(?P<yr>{_YEAR})", _quarter_ref, _NEEDS_YEAR),
    _rule(
        rf"(?:the\s+)?(?P<h>first|second|1st|2nd)\s+half\s+of\s+{_YEAR_REF}", _half_ref, _NEEDS_HALF
    ),
    _rule(rf"(?-i:H)(?P<hn>[12])\s+(?P<yr>{_YEAR})", _half_ref, _NEEDS_YEAR),
    _rule(rf"(?:the\s+)?(?P<sea>{_SEASON})\s+of\s+{_YEAR_REF}", _season_ref, _NEEDS_SEASON),
    _rule(rf"(?P<sea>{_SEASON}),?\s+(?P<yr>{_YEAR})", _season_ref, _NEEDS_SEASON),
    _rule(rf"{_MOD}\s+(?P<sea>{_SEASON})", _season_ref, _NEEDS_SEASON),
    _rule(rf"{_MOD}\s+(?P<mon>{_MONTH})", _month_ref, _NEEDS_MONTH),
    _rule(
        rf"(?:(?P<mod>{_alternation(_OFFSETS)}|(?:early|late|earlier|later)(?:\s+on)?)\s+)?"
        rf"{_NOT_HOLIDAY}(?P<wd>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?"
        rf"{_NOT_NEWSPAPER}",
        _weekday,
        _NEEDS_WEEKDAY,
    ),
    _rule(rf"(?:{_MOD}\s+|the\s+)weekend", _weekend, _NEEDS_WEEKEND),
    _rule(rf"{_MOD}\s+{_UNIT}", _unit_ref, _NEEDS_UNIT),
    _rule(
        rf"(?P<dw>{_alternation(_DAY_WORDS)})(?:\s+(?:morning|afternoon|evening|night))?",
        _day_word,
        _NEEDS_DAY_WORD,
    ),
    _rule(rf"(?P<dir>earlier|later|so\s+far)\s+this\s+{_UNIT}", _part_of_current, _NEEDS_UNIT),
    _rule(rf"(?P<n>{_NUM})\s+(?P<unit>day|week|month|year|decade)s?\s+ago", _ago, _NEEDS_AGO),
    _rule(
        rf"the\s+(?:past\s+(?:(?P<n>{_NUM})\s+)?|last\s+(?P<n2>{_NUM})\s+){_UNIT}s?",
        _trailing,
        _NEEDS_UNIT,
    ),
    _rule(r"(?:the\s+)?(?P<dec>1\d\d|20\d)0s", _decade, _NEEDS_YEAR),
    _rule(rf"(?P<mon>{_MONTH})(?!['’]s\b)", _month_ref, _NEEDS_MONTH, trigger=True),
    _rule(
        r"(?:the\s+)?(?P<sea>spring|summer|autumn|winter)", _season_ref, _NEEDS_SEASON, trigger=True
    ),
    _rule(rf"(?P<yr>{_BARE_YEAR})", _bare_year, _NEEDS_YEAR, trigger=True),
)

# --- public API -------------------------------------------------------------------------------


def _is_approximate(text: str, start: int) -> re.Match[str] | None:
    """The "around"/"circa" word just before `start`, if any."""
    return _APPROX_BEFORE.search(text, max(0, start - 24), start)


def resolve(expression: str, published: date | None) -> DateValue | None:
    """Resolve one expression; None when it is not a date or needs a missing publication date.

    >>> resolve("last August", date(2025, 4, 28)).edtf
    '2024-08'
    >>> resolve("around November 2024", None).edtf
    '2024-11~'
    """
    text = plain(expression.strip().rstrip(",;:").strip())
    for rule in _RULES:
        m = rule.whole.fullmatch(text)
        if m and (value := rule.resolver(m, published)):
            return _approximate(value) if _is_approximate(text, m.start("x")) else value
    return None


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every resolvable date expression in text, left to right, non-overlapping, longest first.

    Leading prepositions ("on", "in", "over") are left out of the surface; "around"/"circa"
    is kept and makes the value approximate.

    >>> [(m.surface, m.value.edtf) for m in find_dates("in 2024 and around 1950", None)]
    [('2024', '2024'), ('around 1950', '1950~')]
    """
    found: list[tuple[int, int, int, DateValue]] = []
    searched, lowered = searchable(text)  # "Auguſt" is matched and looked up as "August"
    stretches = _stretches(searched)
    held: dict[int, list[int]] = {}
    for order, rule in enumerate(_RULES):
        for index in _holding(rule.needs, (searched, lowered), stretches, held):
            for m in rule.search.finditer(searched, *stretches[index]):
                if value := rule.resolver(m, published):
                    found.append((m.start("x"), m.end("x"), order, value))
    chosen: list[tuple[int, int, int, DateValue]] = []
    for item in sorted(found, key=lambda f: (f[0] - f[1], f[0], f[2])):
        if all(item[1] <= other[0] or item[0] >= other[1] for other in chosen):
            chosen.append(item)
    return [_mention(text, start, end, value) for start, end, _, value in sorted(chosen)]


def _stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of text between stop characters, where every match lies.

    >>> _stretches('He said: "in 2024".')
    [(0, 7), (8, 9), (10, 17), (18, 19)]
    """
    if _STOPS.search(text) is None:
        return [(0, len(text))] if text else []
    found, start = [], 0
    for stop in _STOPS.finditer(text):
        if stop.start() > start:
            found.append((start, stop.start()))
        start = stop.end()
    if start < len(text):
        found.append((start, len(text)))
    return found


def _holding(
    needs: tuple[_Need, ...],
    texts: tuple[str, str | None],
    stretches: list[tuple[int, int]],
    held: dict[int, list[int]],
) -> list[int]:
    """Indices of the stretches holding a match of every need (texts: the text and its
    lower-cased copy; each need's stretches are remembered in ``held`` by the need's id)."""
    found: list[int] | None = None
    for need in needs:
        if id(need) not in held:
            held[id(need)] = _stretches_with(need, *texts, stretches)
        holding = held[id(need)]
        found = holding if found is None else [index for index in found if index in holding]
        if not found:
            return []
    return found or []


def _stretches_with(
    need: _Need, text: str, lowered: str | None, stretches: list[tuple[int, int]]
) -> list[int]:
    """Indices of the stretches a need (which holds no stop character) matches in: searched in
    the lower-cased text when there is one."""
    pattern, text = (need.anycase, text) if lowered is None else (need.lowered, lowered)
    if len(stretches) == 1:
        return [0] if pattern.search(text) else []
    starts = [start for start, _ in stretches]
    found: list[int] = []
    position = 0
    while (match := pattern.search(text, position)) is not None:
        found.append(bisect.bisect_right(starts, match.start()) - 1)
        position = stretches[found[-1]][1]
    return found


def _mention(text: str, start: int, end: int, value: DateValue) -> DateMention:
    """A mention, widened to an "around"/"circa" just before it (which makes it approximate)."""
    if approx := _is_approximate(text, start):
        start, value = approx.start(), _approximate(value)
    return DateMention(start, end, text[start:end], value)
