"""Tests for newstables.extract.dates: EDTF resolution of news date expressions."""

import dataclasses
import doctest
import re
from datetime import date

import pytest

from newstables.extract import dates
from newstables.extract.dates import DateMention, DateValue, find_dates, resolve
from newstables.extract.lowered import ODD_CASES

PUB = date(2025, 4, 28)  # a Monday
D = date

# expression, edtf, start, end, precision, relative  (published PUB)
CASES = [
    # absolute
    ("28 April 2025", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", False),
    ("April 28, 2025", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", False),
    ("Monday, 28 April 2025", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", False),
    ("the 28th of April", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", True),
    ("April 28", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", True),
    ("May 9", "2025-05-09", D(2025, 5, 9), D(2025, 5, 9), "day", True),
    ("Sept. 11, 2001", "2001-09-11", D(2001, 9, 11), D(2001, 9, 11), "day", False),
    ("2025-04-28", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", False),
    ("June 2024", "2024-06", D(2024, 6, 1), D(2024, 6, 30), "month", False),
    ("Aug. 2024", "2024-08", D(2024, 8, 1), D(2024, 8, 31), "month", False),
    ("2025-03", "2025-03", D(2025, 3, 1), D(2025, 3, 31), "month", False),
    ("in 2024", "2024", D(2024, 1, 1), D(2024, 12, 31), "year", False),
    ("2024", "2024", D(2024, 1, 1), D(2024, 12, 31), "year", False),
    # weekdays: the most recent one on or before publication
    ("on Monday", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", True),
    ("Monday", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", True),
    ("earlier Monday", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", True),
    ("Monday night", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", True),
    ("on Saturday", "2025-04-26", D(2025, 4, 26), D(2025, 4, 26), "day", True),
    ("on Sunday", "2025-04-27", D(2025, 4, 27), D(2025, 4, 27), "day", True),
    ("earlier on Sunday", "2025-04-27", D(2025, 4, 27), D(2025, 4, 27), "day", True),
    ("Friday", "2025-04-25", D(2025, 4, 25), D(2025, 4, 25), "day", True),
    ("last Monday", "2025-04-21", D(2025, 4, 21), D(2025, 4, 21), "day", True),
    ("next Monday", "2025-05-05", D(2025, 5, 5), D(2025, 5, 5), "day", True),
    # weekends, weeks, days
    ("over the weekend", "2025-04-26/2025-04-27", D(2025, 4, 26), D(2025, 4, 27), "interval", True),
    ("the weekend", "2025-04-26/2025-04-27", D(2025, 4, 26), D(2025, 4, 27), "interval", True),
    ("last weekend", "2025-04-26/2025-04-27", D(2025, 4, 26), D(2025, 4, 27), "interval", True),
    ("this weekend", "2025-05-03/2025-05-04", D(2025, 5, 3), D(2025, 5, 4), "interval", True),
    ("last week", "2025-04-21/2025-04-27", D(2025, 4, 21), D(2025, 4, 27), "interval", True),
    ("this week", "2025-04-28/2025-05-04", D(2025, 4, 28), D(2025, 5, 4), "interval", True),
    ("yesterday", "2025-04-27", D(2025, 4, 27), D(2025, 4, 27), "day", True),
    ("last night", "2025-04-27", D(2025, 4, 27), D(2025, 4, 27), "day", True),
    ("today", "2025-04-28", D(2025, 4, 28), D(2025, 4, 28), "day", True),
    ("tomorrow morning", "2025-04-29", D(2025, 4, 29), D(2025, 4, 29), "day", True),
    ("three days ago", "2025-04-25", D(2025, 4, 25), D(2025, 4, 25), "day", True),
    # months
    ("last August", "2024-08", D(2024, 8, 1), D(2024, 8, 31), "month", True),
    ("in August", "2024-08", D(2024, 8, 1), D(2024, 8, 31), "month", True),
    ("August", "2024-08", D(2024, 8, 1), D(2024, 8, 31), "month", True),
    ("in April", "2025-04", D(2025, 4, 1), D(2025, 4, 30), "month", True),
    ("last April", "2024-04", D(2024, 4, 1), D(2024, 4, 30), "month", True),
    ("last March", "2025-03", D(2025, 3, 1), D(2025, 3, 31), "month", True),
    ("this August", "2025-08", D(2025, 8, 1), D(2025, 8, 31), "month", True),
    ("August last year", "2024-08", D(2024, 8, 1), D(2024, 8, 31), "month", True),
    ("last month", "2025-03", D(2025, 3, 1), D(2025, 3, 31), "month", True),
    ("next month", "2025-05", D(2025, 5, 1), D(2025, 5, 31), "month", True),
    ("two months ago", "2025-02~", D(2025, 2, 1), D(2025, 2, 28), "month", True),
    # seasons (northern hemisphere)
    ("last summer", "2024-22", D(2024, 6, 1), D(2024, 8, 31), "season", True),
    ("last autumn", "2024-23", D(2024, 9, 1), D(2024, 11, 30), "season", True),
    ("last fall", "2024-23", D(2024, 9, 1), D(2024, 11, 30), "season", True),
    ("the fall of the previous year", "2024-23", D(2024, 9, 1), D(2024, 11, 30), "season", True),
    ("in the fall of last year", "2024-23", D(2024, 9, 1), D(2024, 11, 30), "season", True),
    ("this spring", "2025-21", D(2025, 3, 1), D(2025, 5, 31), "season", True),
    ("last winter", "2024-24", D(2024, 12, 1), D(2025, 2, 28), "season", True),
    ("in the summer", "2024-22", D(2024, 6, 1), D(2024, 8, 31), "season", True),
    ("summer 2023", "2023-22", D(2023, 6, 1), D(2023, 8, 31), "season", False),
    ("the autumn of 2022", "2022-23", D(2022, 9, 1), D(2022, 11, 30), "season", False),
    # parts of years and months, quarters, halves
    ("late last year", "2024-10/2024-12", D(2024, 10, 1), D(2024, 12, 31), "interval", True),
    ("late 2024", "2024-10/2024-12", D(2024, 10, 1), D(2024, 12, 31), "interval", False),
    (
        "at the end of last year",
        "2024-10/2024-12",
        D(2024, 10, 1),
        D(2024, 12, 31),
        "interval",
        True,
    ),
    ("early 2025", "2025-01/2025-03", D(2025, 1, 1), D(2025, 3, 31), "interval", False),
    ("early this year", "2025-01/2025-03", D(2025, 1, 1), D(2025, 3, 31), "interval", True),
    ("the beginning of 2023", "2023-01/2023-03", D(2023, 1, 1), D(2023, 3, 31), "interval", False),
    ("mid-2024", "2024-04/2024-09", D(2024, 4, 1), D(2024, 9, 30), "interval", False),
    ("mid 2024", "2024-04/2024-09", D(2024, 4, 1), D(2024, 9, 30), "interval", False),
    ("earlier this year", "2025-01-01/2025-04-28", D(2025, 1, 1), PUB, "interval", True),
    ("later this month", "2025-04-28/2025-04-30", PUB, D(2025, 4, 30), "interval", True),
    ("early last month", "2025-03-01/2025-03-10", D(2025, 3, 1), D(2025, 3, 10), "interval", True),
    ("mid-August 2024", "2024-08-11/2024-08-20", D(2024, 8, 11), D(2024, 8, 20), "interval", False),
    (
        "late February 2024",
        "2024-02-21/2024-02-29",
        D(2024, 2, 21),
        D(2024, 2, 29),
        "interval",
        False,
    ),
    ("the first quarter of 2025", "2025-33", D(2025, 1, 1), D(2025, 3, 31), "quarter", False),
    ("Q3 2024", "2024-35", D(2024, 7, 1), D(2024, 9, 30), "quarter", False),
    ("last quarter", "2025-33", D(2025, 1, 1), D(2025, 3, 31), "quarter", True),
    (
        "the second half of last year",
        "2024-07/2024-12",
        D(2024, 7, 1),
        D(2024, 12, 31),
        "interval",
        True,
    ),
    # years
    ("last year", "2024", D(2024, 1, 1), D(2024, 12, 31), "year", True),
    ("this year", "2025", D(2025, 1, 1), D(2025, 12, 31), "year", True),
    ("the previous year", "2024", D(2024, 1, 1), D(2024, 12, 31), "year", True),
    ("a year ago", "2024~", D(2024, 1, 1), D(2024, 12, 31), "year", True),
    ("the 1990s", "199X", D(1990, 1, 1), D(1999, 12, 31), "year", False),
    # ranges
    ("1950-53", "1950/1953", D(1950, 1, 1), D(1953, 12, 31), "interval", False),
    ("1950–1953", "1950/1953", D(1950, 1, 1), D(1953, 12, 31), "interval", False),
    ("between 1950 and 1953", "1950/1953", D(1950, 1, 1), D(1953, 12, 31), "interval", False),
    ("2024-25", "2024/2025", D(2024, 1, 1), D(2025, 12, 31), "interval", False),
    (
        "between June and August 2024",
        "2024-06/2024-08",
        D(2024, 6, 1),
        D(2024, 8, 31),
        "interval",
        False,
    ),
    ("June–August 2024", "2024-06/2024-08", D(2024, 6, 1), D(2024, 8, 31), "interval", False),
    (
        "between November and February 2025",
        "2024-11/2025-02",
        D(2024, 11, 1),
        D(2025, 2, 28),
        "interval",
        False,
    ),
    (
        "from November 2023 to February 2024",
        "2023-11/2024-02",
        D(2023, 11, 1),
        D(2024, 2, 29),
        "interval",
        False,
    ),
    ("between June and August", "2024-06/2024-08", D(2024, 6, 1), D(2024, 8, 31), "interval", True),
    (
        "April 26-27, 2025",
        "2025-04-26/2025-04-27",
        D(2025, 4, 26),
        D(2025, 4, 27),
        "interval",
        False,
    ),
    ("26–27 April", "2025-04-26/2025-04-27", D(2025, 4, 26), D(2025, 4, 27), "interval", True),
    ("the past three years", "2022-04-28/2025-04-28", D(2022, 4, 28), PUB, "interval", True),
    # approximate
    ("around November 2024", "2024-11~", D(2024, 11, 1), D(2024, 11, 30), "month", False),
    ("circa 1950", "1950~", D(1950, 1, 1), D(1950, 12, 31), "year", False),
    ("around 1950-53", "1950~/1953~", D(1950, 1, 1), D(1953, 12, 31), "interval", False),
]


@pytest.mark.parametrize(("expression", "edtf", "start", "end", "precision", "relative"), CASES)
def test_resolve(expression, edtf, start, end, precision, relative):
    assert resolve(expression, PUB) == DateValue(edtf, start, end, precision, relative)


NOT_DATES = [
    "months of speculation",
    "three years",
    "third year",
    "its third year",
    "10,000",
    "14,000 troops",
    "Good Friday",
    "the Sunday Times",
    "the fall of Kabul",
    "fall",
    "may",
    "February 30",
    "1953-50",
    "",
    "   ",
]


@pytest.mark.parametrize("expression", NOT_DATES)
def test_non_dates_are_none(expression):
    assert resolve(expression, PUB) is None


@pytest.mark.parametrize(("expression", "edtf", "relative"), [(c[0], c[1], c[5]) for c in CASES])
def test_without_publication_only_absolute_resolve(expression, edtf, relative):
    value = resolve(expression, None)
    assert value is None if relative else value.edtf == edtf


@pytest.mark.parametrize(
    ("expression", "published", "edtf"),
    [
        ("on Sunday", D(2025, 4, 27), "2025-04-27"),  # a Sunday report's Sunday is that day
        ("over the weekend", D(2025, 4, 26), "2025-04-26/2025-04-27"),
        ("last weekend", D(2025, 4, 27), "2025-04-19/2025-04-20"),
        ("last week", D(2025, 5, 4), "2025-04-21/2025-04-27"),
        ("last summer", D(2024, 9, 15), "2024-22"),
        ("this summer", D(2024, 7, 1), "2024-22"),
        ("last spring", D(2025, 4, 28), "2024-21"),
        ("this winter", D(2025, 1, 10), "2024-24"),
        ("last winter", D(2025, 1, 10), "2023-24"),
        ("December 28", D(2025, 1, 5), "2024-12-28"),  # closest year to publication
        ("August 6", D(2025, 4, 28), "2025-08-06"),  # the coming August is closer
        ("since August 6", D(2025, 4, 28), "2024-08-06"),  # "since": on or before publication
        ("since 28 April", D(2025, 4, 28), "2025-04-28"),
        ("in December", D(2025, 1, 5), "2024-12"),
        ("last month", D(2025, 1, 5), "2024-12"),
        ("last quarter", D(2025, 2, 1), "2024-36"),
        ("earlier this week", D(2025, 4, 28), "2025-04-28"),  # collapses to one day
        ("yesterday", D(2024, 3, 1), "2024-02-29"),
    ],
)
def test_other_publication_dates(expression, published, edtf):
    assert resolve(expression, published).edtf == edtf


def test_resolve_ignores_surrounding_space_and_trailing_comma():
    assert resolve("  last August, ", PUB).edtf == "2024-08"


ARTICLE = (
    "MOSCOW — Russian President Vladimir Putin on Monday publicly thanked North Korean leader "
    "Kim Jong Un for deploying troops to assist Russian forces in reclaiming territory in "
    "Ukraine’s Kursk region. The admission revealed that North Korean soldiers had recaptured "
    "areas that Ukrainian forces had seized during a surprise offensive last August.\n"
    "General Valery Gerasimov also praised the North Korean forces over the weekend, lauding "
    "their “heroism”, confirming months of speculation. Agencies had estimated that Pyongyang "
    "deployed more than 10,000 troops late last year. The Defense Ministry said in a statement "
    "Monday that the war grinds on into its third year. Between 10,000 and 12,000 troops were "
    "sent last autumn, the first since the Korean War of 1950-53; more were sent in early 2025 "
    "and in the fall of the previous year, after the treaty signed in June 2024."
)


def test_find_dates_in_article():
    found = [(m.surface, m.value.edtf) for m in find_dates(ARTICLE, PUB)]
    assert found == [
        ("Monday", "2025-04-28"),
        ("last August", "2024-08"),
        ("the weekend", "2025-04-26/2025-04-27"),
        ("late last year", "2024-10/2024-12"),
        ("Monday", "2025-04-28"),
        ("last autumn", "2024-23"),
        ("1950-53", "1950/1953"),
        ("early 2025", "2025-01/2025-03"),
        ("the fall of the previous year", "2024-23"),
        ("June 2024", "2024-06"),
    ]


def test_find_dates_offsets_index_the_text_exactly():
    for mention in find_dates(ARTICLE, PUB):
        assert ARTICLE[mention.start : mention.end] == mention.surface
    text = "“Heroes,” he said — on Sunday — after the 2024-25 rotation… in 2024."
    mentions = find_dates(text, PUB)
    assert [(m.start, m.end, m.surface) for m in mentions] == [
        (23, 29, "Sunday"),
        (42, 49, "2024-25"),
        (63, 67, "2024"),
    ]
    assert all(text[m.start : m.end] == m.surface for m in mentions)


def test_find_dates_without_publication_keeps_absolute_only():
    found = [(m.surface, m.value.relative) for m in find_dates(ARTICLE, None)]
    assert found == [("1950-53", False), ("early 2025", False), ("June 2024", False)]


def test_find_dates_prefers_the_longest_non_overlapping_match():
    text = "between June and August 2024, earlier this year, Monday, 28 April 2025, late last year"
    surfaces = [m.surface for m in find_dates(text, PUB)]
    assert surfaces == [
        "between June and August 2024",
        "earlier this year",
        "Monday, 28 April 2025",
        "late last year",
    ]


def test_parts_of_a_year_are_symmetric_and_cover_it() -> None:
    """early / mid / late split a year by quarters, mirror images about its middle, no gaps."""
    parts = [resolve(f"{part} 2031", None) for part in ("early", "mid", "late")]
    assert [(p.start, p.end) for p in parts] == [
        (D(2031, 1, 1), D(2031, 3, 31)),
        (D(2031, 4, 1), D(2031, 9, 30)),
        (D(2031, 10, 1), D(2031, 12, 31)),
    ]
    early, mid, late = parts
    assert early.end.month - early.start.month == late.end.month - late.start.month
    assert mid.start.month - 1 == 12 - mid.end.month  # centred on the middle of the year


def test_find_dates_widens_to_approximation_words():
    [mention] = find_dates("Troops arrived around November 2024.", PUB)
    assert mention.surface == "around November 2024"
    assert mention.value.edtf == "2024-11~"


def test_find_dates_needs_a_trigger_for_bare_years_months_and_seasons():
    text = "Some 2024 troops may march; in 2024, in March and during the summer."
    found = [(m.surface, m.value.edtf) for m in find_dates(text, PUB)]
    assert found == [("2024", "2024"), ("March", "2025-03"), ("the summer", "2024-22")]


@pytest.mark.parametrize(
    "text",
    [
        "confirming months of speculation over three years",
        "the war grinds on into its third year",
        "more than 10,000 troops, then 14,000 troops",
        "on Good Friday the Sunday Times said",
        "after the fall of Kabul prices fall",
        "in May’s government",
        "",
    ],
)
def test_find_dates_ignores_non_dates(text):
    assert find_dates(text, PUB) == []


def test_values_are_frozen():
    mention = find_dates("on Monday", PUB)[0]
    assert isinstance(mention, DateMention)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.value.edtf = "2025"  # type: ignore[misc]


def test_docstring_examples():
    assert doctest.testmod(dates).failed == 0


def _stop_problems(items, flags: int) -> list[str]:
    """What in a parsed pattern could behave differently at a stop character than at the end
    of the text: a consuming item that matches one, an anchor other than a word boundary
    (look-arounds included)."""
    from re import _compiler, _constants, _parser

    stops = '"“”()[]{};:!?'
    problems: list[str] = []
    for op, av in items:
        if op in (_constants.LITERAL, _constants.NOT_LITERAL, _constants.IN, _constants.ANY):
            state = _parser.State()
            state.flags = flags
            one = _compiler.compile(_parser.SubPattern(state, [(op, av)]), flags)
            problems += [f"{op} takes {c!r}" for c in stops if one.fullmatch(c)]
        elif op is _constants.SUBPATTERN:
            problems += _stop_problems(av[3], flags)
        elif op is _constants.BRANCH:
            for branch in av[1]:
                problems += _stop_problems(branch, flags)
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
            problems += _stop_problems(av[2], flags)
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            problems += _stop_problems(av[1], flags)
        elif op is _constants.AT and av not in (_constants.AT_BOUNDARY, _constants.AT_NON_BOUNDARY):
            problems.append(f"anchor {av}")
    return problems


def test_no_rule_holds_or_looks_through_a_stop_character():
    """find_dates searches each rule between stop characters only: that finds what a search of
    the whole text finds when no rule consumes one and no look-around sees past one."""
    from re import _parser

    assert set(dates._STOPS.pattern) >= set('"“”()[]{};:!?')
    for rule in dates._RULES:
        parsed = _parser.parse(rule.search.pattern, rule.search.flags)
        assert _stop_problems(parsed, rule.search.flags) == [], rule.search.pattern[:60]


def _every_match(text: str, published: date | None) -> list[tuple[int, int, str]]:
    """Every rule searched over the whole text, ungated, then longest non-overlapping first
    (find_dates without its stretches and needs)."""
    found = []
    for order, rule in enumerate(dates._RULES):
        for m in rule.search.finditer(text):
            if value := rule.resolver(m, published):
                found.append((m.start("x"), m.end("x"), order, value))
    chosen: list[tuple] = []
    for item in sorted(found, key=lambda f: (f[0] - f[1], f[0], f[2])):
        if all(item[1] <= other[0] or item[0] >= other[1] for other in chosen):
            chosen.append(item)
    mentions = [dates._mention(text, start, end, value) for start, end, _, value in sorted(chosen)]
    return [(m.start, m.end, m.value.edtf) for m in mentions]


@pytest.mark.parametrize("stop", ['"', "“", "(", ";", ":", "?"])
def test_find_dates_between_stops_finds_what_a_whole_text_search_finds(stop):
    """Every expression of CASES in running text, cut by stop characters next to it or inside
    it: the gated, stretch-wise search agrees with the plain one."""
    parts = []
    for expression, *_ in CASES:
        words = expression.split(" ")
        cut = (
            " ".join(words[:1]) + f" {stop}" + " ".join(words[1:]) if len(words) > 1 else expression
        )
        parts.append(f"It happened on {expression}{stop} then {cut} and in {expression}")
    text = " ".join(parts)
    mentions = [(m.start, m.end, m.value.edtf) for m in find_dates(text, PUB)]
    assert mentions == _every_match(text, PUB)
    assert len(mentions) > len(CASES)


def test_odd_cases_are_every_letter_ignorecase_matches_with_ascii():
    """Needs are searched in the lower-cased text unless it holds one of these letters."""
    matching = {chr(c) for c in range(128, 0x110000) if re.match("[a-z]", chr(c), re.IGNORECASE)}
    assert matching == set(ODD_CASES.pattern.strip("[]"))


@pytest.mark.parametrize(
    "ascii_text",
    ["in August 2024", "last spring", "on Tuesday", "six weeks ago", "the first quarter of 2024"],
)
def test_a_letter_that_matches_an_ascii_one_resolves_like_it(ascii_text: str) -> None:
    # "ſ" matches "s" and the Kelvin sign "k" when case is ignored: the words must still be
    # looked up (this raised KeyError on "Auguſt"), and the surface keeps the text's own letters.
    odd = ascii_text.replace("s", "\u017f").replace("k", "\u212a")
    published = date(2025, 4, 28)
    expected = [(m.start, m.end, m.value) for m in find_dates(ascii_text, published)]
    found = find_dates(odd, published)
    assert expected and [(m.start, m.end, m.value) for m in found] == expected
    assert [m.surface for m in found] == [odd[m.start : m.end] for m in found]
    assert resolve(odd, published) == resolve(ascii_text, published)
