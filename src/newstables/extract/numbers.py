"""The number grammar: numerals, ranges, qualifiers and vague amounts in running English text.

Pure text work (no parse): digits with thousands separators and decimals, scale words and
abbreviations ("1.2 million", "$3bn"), numbers in words ("three thousand", "a dozen"), ranges
("between 10,000 and 12,000", "10,000 to 12,000", "10-12,000"), qualifier words before or after
("about", "more than", "up to", "or more") and vague amounts ("thousands", "tens of thousands");
a hyphenated scale word is a scale, not a range ("some 12-thousand" is 12,000). Years, year
ranges ("1950-53"), dates ("June 23", "9/11"), clock times, ordinals, ages, durations, labels
and numbers inside names ("resolution 2231", "F-16", "Big 10", "AFSCME Local 3300") are not
amounts. Offsets index the text exactly as given.

>>> [(a.surface, a.value, a.qualifier.value) for a in find_amounts("about 1,200 soldiers")]
[('about 1,200', 1200.0, 'approx')]
>>> [(a.low, a.high) for a in find_amounts("between 10-12,000 troops")]
[(10000.0, 12000.0)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..models import Qualifier
from .lowered import searchable

__all__ = ["Amount", "find_amounts", "parse_number"]

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
_ABBREVIATIONS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "tn": 1e12}
_CURRENCIES = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "₩": "KRW", "₽": "RUB"}

# Words before a number that say how it bounds the value; longest phrases win.
QUALIFIER_WORDS: dict[Qualifier, tuple[str, ...]] = {
    Qualifier.approx: (
        "an estimated total of", "an estimated", "estimated at", "estimated", "about",
        "around", "roughly", "approximately", "approx.", "some", "nearly", "almost",
        "close to", "closer to", "circa", "an approximate", "upwards of some",
    ),
    Qualifier.more_than: (
        "more than", "over", "well over", "just over", "in excess of", "upwards of",
        "upward of", "above", "exceeding", "exceeded", "exceeds", "greater than",
    ),
    Qualifier.at_least: ("at least", "no fewer than", "no less than", "not less than",
                         "a minimum of", "a minimum"),
    Qualifier.at_most: ("up to", "as many as", "as much as", "at most", "no more than",
                        "not more than", "a maximum of"),
    Qualifier.less_than: ("less than", "fewer than", "under", "below", "just under",
                          "just below"),
    Qualifier.exact: ("a total of", "total of", "exactly", "precisely"),
}  # fmt: skip
# Words after a number: "10,000 or more", "10,000-plus", "10,000 or so".
SUFFIX_WORDS: dict[Qualifier, tuple[str, ...]] = {
    Qualifier.at_least: ("or more", "and more", "or above"),
    Qualifier.more_than: ("-plus", "+"),
    Qualifier.approx: ("or so", "-odd"),
    Qualifier.at_most: ("or fewer", "or less", "at most"),
}
# Plural number words that give no value: "thousands of troops", "tens of thousands".
VAGUE = (
    "tens of thousands", "hundreds of thousands", "tens of millions", "hundreds of millions",
    "several thousand", "several hundred", "a few thousand", "a few hundred", "many thousands",
    "several dozen", "a few dozen", "thousands", "hundreds", "dozens", "millions", "scores",
)  # fmt: skip
# A number right after one of these words names something ("resolution 2231", "aged 40").
LABELS = (
    "resolution", "resolutions", "no", "no.", "nos.", "article", "articles", "page", "pages",
    "image", "photo", "slide", "picture",
    "chapter", "section", "paragraph", "clause", "route", "highway", "flight", "room", "vol",
    "vol.", "volume", "episode", "season", "phase", "part", "item", "unit", "hill", "level",
    "aged", "age", "ages", "grade", "class", "gate", "platform", "line", "block", "brigade",
    "division", "regiment", "battalion", "corps", "model", "version", "type", "covid", "tier",
    "local", "big", "fortune", "district", "ward", "precinct", "interstate", "channel",
    "proposition", "prop", "amendment", "title", "group of", "apollo", "air force", "studio",
)  # fmt: skip
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.",
    "sep.", "sept.", "oct.", "nov.", "dec.",
)  # fmt: skip
# A number followed by one of these is a duration, an age or a time of day.
TIME_UNITS = (
    "second", "minute", "hour", "day", "night", "week", "weekend", "fortnight", "month",
    "year", "decade", "century", "centuries", "millennium", "a.m.", "p.m.", "am", "pm", "min",
    "mins", "sec", "secs", "hr", "hrs", "yr", "yrs",
    "o'clock", "gmt", "utc", "kst", "msk", "h",
)  # fmt: skip


@dataclass(frozen=True)
class Amount:
    """A number phrase: offsets, surface, value or bounds, qualifier and what was written."""

    start: int
    end: int
    surface: str
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = Qualifier.exact
    vague: bool = False
    words: bool = False  # written in words ("three", "a dozen")
    currency: str | None = None
    percent: bool = False
    number_start: int = 0  # offsets of the numerals alone, without qualifier words
    number_end: int = 0


def _alternation(phrases: Iterable[str]) -> str:
    """Regex alternation, longest first, any whitespace between words.

    >>> _alternation(["a", "abc"])
    'abc|a'
    """
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace("\\ ", r"\s+") for p in ordered)


_WORD = rf"(?:(?:{_alternation(_TENS)})(?:-(?:{_alternation(_ONES)}))?|{_alternation(_ONES)})"
_SCALE_WORD = _alternation(_SCALES)
_WORD_NUMBER = (
    rf"(?:(?:a\s+)?half(?:\s+a\s+|[\s-]+)(?=dozen|{_SCALE_WORD})|(?:a|one)\s+(?=dozen|{_SCALE_WORD}))?"
    rf"(?:{_WORD}|dozen|{_SCALE_WORD})"
    rf"(?:(?:\s+|-)(?:and\s+)?(?:{_WORD}|dozen|{_SCALE_WORD}))*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# The first letters a number in words or a vague plural can start with: a cheap look-ahead
# lets the scan skip every other position (it changes no match, only what is tried).
_INITIALS = "".join(
    sorted({w[0] for ws in (_ONES, _TENS, _SCALES, VAGUE) for w in ws} | set("adho"))
)
_NUMERAL_PATTERN = (
    rf"(?=[\d$£€₩₽]|[Uu][Ss]\$|\b[{_INITIALS}])"
    rf"(?P<cur>[Uu][Ss]\$|[$£€₩₽])?"
    rf"(?:(?P<digits>{_DIGITS})(?:(?:\s+|-)(?P<scale>{_SCALE_WORD})\b"
    rf"|(?P<abbr>{_alternation(_ABBREVIATIONS)})\b)?"
    rf"|(?P<words>\b{_WORD_NUMBER}\b)(?![-'’]\w)|(?P<vague>\b(?:{_alternation(VAGUE)})\b))"
    rf"(?P<pct>\s?%|\s+per\s?cent\b|\s+percent\b)?"
)
_NUMERAL = re.compile(_NUMERAL_PATTERN, re.IGNORECASE)
_NUMERAL_LOWERED = re.compile(_NUMERAL_PATTERN)  # its letters are lower-case (for lowered text)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through)\s*|\s+(?:and|or)\s+", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_QUALIFIER_BEFORE = re.compile(
    rf"(?<![\w-])(?P<q>{_alternation(w for ws in QUALIFIER_WORDS.values() for w in ws)})\s+$",
    re.IGNORECASE,
)
_LABEL_BEFORE = re.compile(rf"(?<![\w-])(?:{_alternation(LABELS)})\s*#?$", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"(?<![\w-])(?:{_alternation(MONTHS)})\s*$", re.IGNORECASE)
_TIME_AFTER = re.compile(rf"[\s-]*(?:{_alternation(TIME_UNITS)})s?(?!\w)", re.IGNORECASE)
_PAGINATION_BEFORE = re.compile(
    r"\b(?:image|photo|picture|slide|page|part|item|step)\s+\d+\s+(?:of|/)\s*$", re.IGNORECASE
)
_RATIO_AFTER = re.compile(rf"\s+(?:in|out\s+of)\s+(?:\d+|{_WORD})\b(?!,\d)", re.IGNORECASE)
_RATIO_BEFORE = re.compile(rf"\b(?:\d+|{_WORD})\s+(?:in|out\s+of)\s+$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"[A-Za-z][\w.'’-]*,\s*$")  # "Cory James, 22,", "The defendant, 34,"
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<!\S)\S+@\S+\.\w+")  # emails from a word start: linear
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
# Around a numeral in digits (the *_AFTER patterns are matched where the numeral ends).
_CODE_BEFORE = re.compile(r"[A-Za-z][-/]?$|\d[:./]$|[:.]\d*$")  # F-16, KN-23, G7, 10:30, v1.2
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b|[:/]\d|[A-Za-z]")  # 3rd, 10:30, 28/4, 155mm
_DECIMAL_AFTER = re.compile(r"\.\d")
_COMMA_AFTER = re.compile(r"\s*,")


def _qualifier_of(phrase: str) -> Qualifier:
    """The qualifier a phrase before (or after) a number expresses.

    >>> _qualifier_of("More  than").value
    'more_than'
    """
    key = " ".join(phrase.lower().split())
    for table in (QUALIFIER_WORDS, SUFFIX_WORDS):
        for qualifier, words in table.items():
            if key in (w.strip() for w in words):
                return qualifier
    return Qualifier.exact


def _match_value(m: re.Match[str]) -> float | None:
    """Value of a numeral match: digits times their scale, or words; None for vague plurals."""
    if m["digits"]:
        scale = (m["scale"] or m["abbr"] or "").lower()
        factor = _SCALES.get(scale) or _ABBREVIATIONS.get(scale) or 1.0
        return float(m["digits"].replace(",", "")) * factor
    return _words_value(m["words"]) if m["words"] else None


def parse_number(text: str) -> float | None:
    """The value of a numeral in digits or words; None for vague or unknown phrases.

    >>> parse_number("1.2 million"), parse_number("two hundred and fifty"), parse_number("a dozen")
    (1200000.0, 250.0, 12.0)
    """
    m = _NUMERAL.fullmatch(text.strip())
    return _match_value(m) if m else None


def _words_value(text: str) -> float | None:
    """Value of a number in words: "three thousand" → 3000, "half a million" → 500000.

    >>> _words_value("twenty-five"), _words_value("one hundred thousand")
    (25.0, 100000.0)
    """
    total, current = 0.0, 0.0
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and":
            continue
        if word in ("a", "an"):
            current = current or 1.0
        elif word == "half":
            current = 0.5
        elif word in _ONES or word in _TENS:
            current += _ONES.get(word, _TENS.get(word, 0))
        elif word == "dozen":
            current = (current or 1.0) * 12
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word in _SCALES:
            total += (current or 1.0) * _SCALES[word]
            current = 0.0
        else:
            return None
    return total + current


@dataclass(frozen=True)
class _Numeral:
    start: int
    end: int
    text: str
    value: float | None
    digits: str | None
    words: bool
    vague: bool
    scaled: bool
    currency: str | None
    percent: bool


def _numerals(text: str) -> list[_Numeral]:
    """Every numeral, scale word and vague plural in the text, left to right."""
    found = []
    source, copy = searchable(text)  # the same matches ("ſeven" as "seven"), groups in ASCII
    for m in _NUMERAL.finditer(source) if copy is None else _NUMERAL_LOWERED.finditer(copy):
        start = m.start()
        found.append(
            _Numeral(
                start=start,
                end=m.end(),
                text=text[start : m.end()],
                value=_match_value(m),
                digits=m["digits"],
                words=bool(m["words"]),
                vague=bool(m["vague"]),
                scaled=bool(m["scale"] or m["abbr"]),
                currency=_CURRENCIES.get((m["cur"] or "").lower()),
                percent=bool(m["pct"]),
            )
        )
    return found


def _is_year(numeral: _Numeral) -> bool:
    """A bare four-digit number between 1800 and 2099 reads as a year."""
    return bool(numeral.digits and not numeral.scaled and not numeral.currency) and bool(
        _YEAR.match(numeral.digits)
    )


def _not_an_amount(text: str, numeral: _Numeral) -> bool:
    """Labels, codes, times, ordinals, durations, ages: numerals that count nothing."""
    before, end = text[max(0, numeral.start - 30) : numeral.start], numeral.end
    if numeral.digits is not None:
        if _CODE_BEFORE.search(before) and not numeral.currency:
            return True  # F-16, KN-23, G7, 10:30, v1.2, 9/11
        if _MONTH_BEFORE.search(before) and "," not in numeral.digits and len(numeral.digits) <= 2:
            return True  # June 23: a date
        if _ORDINAL_AFTER.match(text, end):
            return True  # 3rd, 10:30, 28/4, 155mm
        if _DECIMAL_AFTER.match(text, end):
            return True
        age = not (numeral.percent or numeral.currency) and (numeral.value or 0) < 120
        if age and _AGE_BEFORE.search(before) and _COMMA_AFTER.match(text, end):
            return True  # "Cory James, 22, of Flint", "The defendant, 34,": an age in apposition
    if numeral.vague:
        return False
    if _LABEL_BEFORE.search(before) or _PAGINATION_BEFORE.search(before):
        return True
    if _RATIO_AFTER.match(text, end) or _RATIO_BEFORE.search(before):
        return True  # "one in three soldiers": a ratio, not a count
    return bool(_TIME_AFTER.match(text, end))


def _scaled_low(low: _Numeral, high: _Numeral) -> float | None:
    """The low end of a range, taking the high end's scale ("10-12,000", "2-3 million")."""
    if low.value is None or high.value is None:
        return None
    value = low.value
    if high.scaled and not low.scaled and high.digits and low.digits:
        value *= high.value / float(high.digits.replace(",", ""))
    while (
        0 < value < 1000
        and value * 1000 <= high.value
        and high.value >= 1000
        and "," in (high.digits or "")
    ):
        value *= 1000
    return value


def _ascending(low: _Numeral, high: _Numeral) -> bool:
    """Whether two joined numerals run upwards, as a range does ("10-12,000", not "6-1")."""
    start = _scaled_low(low, high)
    return start is not None and high.value is not None and start < high.value


def _joins_range(text: str, low: _Numeral, high: _Numeral) -> bool:
    """Whether two numerals form a range ("between A and B", "A to B", "A-B")."""
    gap = text[low.end : high.start]
    if not _RANGE_JOIN.fullmatch(gap) or low.vague or high.vague:
        return False
    if re.fullmatch(r"\s+(?:and|or)\s+", gap, re.IGNORECASE):
        opened = _RANGE_OPEN.search(text, max(0, low.start - 12), low.start)
        return bool(opened) or (low.words and high.words and "or" in gap.lower())
    return True


def _years_joined(text: str, low: _Numeral, high: _Numeral) -> bool:
    """ "1950-53", "2024-2025", "from 2022 to 2024": a span of years, not an amount."""
    return _is_year(low) and bool(
        high.digits and (len(high.digits) == 2 or _is_year(high)) and not high.scaled
    )


def _prefix(text: str, start: int) -> tuple[int, Qualifier]:
    """Start of qualifier words right before a number, and the qualifier they express."""
    m = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
    if not m:
        return start, Qualifier.exact
    qualifier = _qualifier_of(m["q"])
    begin = m.start("q")
    if qualifier is Qualifier.exact:  # "a total of" may follow another qualifier
        outer = _QUALIFIER_BEFORE.search(text, max(0, begin - 40), begin)
        if outer and _qualifier_of(outer["q"]) is not Qualifier.exact:
            return outer.start("q"), _qualifier_of(outer["q"])
    return begin, qualifier


def _suffix_pattern(word: str) -> re.Pattern[str]:
    """A suffix word after a number: spaces before it, any spacing inside, no word character after.

    >>> _suffix_pattern("or more").match("10 or  more", 2).end()
    11
    """
    body = re.escape(word).replace("\\ ", r"\s+")
    return re.compile(rf"\s*{body}(?!\w)", re.IGNORECASE)


_SUFFIXES = tuple((_suffix_pattern(w), q) for q, words in SUFFIX_WORDS.items() for w in words)


def _suffix(text: str, end: int) -> tuple[int, Qualifier | None]:
    """End of qualifier words right after a number ("or more", "-plus"), and their qualifier."""
    for pattern, qualifier in _SUFFIXES:
        if m := pattern.match(text, end):
            return m.end(), qualifier
    return end, None


def _amount(text: str, first: _Numeral, last: _Numeral) -> Amount:
    """One amount from one numeral or a range of two, with its qualifier words."""
    opened = _RANGE_OPEN.search(text, max(0, first.start - 12), first.start)
    if first is not last and opened:
        begin, qualifier = opened.start(), Qualifier.range
    else:
        begin, qualifier = _prefix(text, first.start)
    end, after = _suffix(text, last.end)
    value, low, high = first.value, None, None
    if first is not last:
        value, low, high, qualifier = None, _scaled_low(first, last), last.value, Qualifier.range
    elif first.vague:
        qualifier = Qualifier.approx
    elif after:
        qualifier = after
    return Amount(
        start=begin,
        end=end,
        surface=text[begin:end],
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        vague=first.vague,
        words=first.words or last.words,
        currency=first.currency or last.currency,
        percent=first.percent or last.percent,
        number_start=first.start,
        number_end=last.end,
    )


def _grouped(text: str, numerals: list[_Numeral]) -> Iterable[tuple[_Numeral, _Numeral]]:
    """Numerals paired into ranges where they join; single numerals pair with themselves."""
    index = 0
    while index < len(numerals):
        current = numerals[index]
        following = numerals[index + 1] if index + 1 < len(numerals) else None
        if following and _joins_range(text, current, following):
            yield current, following
            index += 2
        else:
            yield current, current
            index += 1


def find_amounts(text: str) -> list[Amount]:
    """Every amount in the text (single, range or vague), left to right.

    >>> [a.surface for a in find_amounts("In 2024, some 3,000 of 10-12,000; the 1950-53 war")]
    ['some 3,000', '10-12,000']
    """
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
    numerals = [n for n in _numerals(text) if not any(s <= n.start < e for s, e in urls)]
    amounts = []
    for first, last in _grouped(text, numerals):
        if _years_joined(text, first, last) or _is_year(first) and first is last:
            continue
        if first is not last and not _ascending(first, last):
            if re.fullmatch(r"\s*[-–]\s*", text[first.end : last.start]):
                continue  # "a 3-1 vote", "won 24-17": a score, not an amount
            pairs = [(first, first), (last, last)]  # "46 to 40": two numbers, not a range
        else:
            pairs = [(first, last)]
        for low, high in pairs:
            if _not_an_amount(text, low) or _not_an_amount(text, high):
                continue
            if low is high and _is_year(low):
                continue
            amounts.append(_amount(text, low, high))
    return [_fix_range(a) for a in amounts]


def _fix_range(amount: Amount) -> Amount:
    """A "range" whose ends are equal is a single value."""
    if amount.qualifier is Qualifier.range and amount.low is not None and amount.low == amount.high:
        return replace(amount, value=amount.low, low=None, high=None, qualifier=Qualifier.exact)
    return amount
