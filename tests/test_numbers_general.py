"""Number grammar on made-up news (issue 12): scales, dates, names and scores."""

from __future__ import annotations

import pytest

from newstables.extract.numbers import find_amounts


def amounts(text: str) -> list[tuple[str, float | None, float | None, float | None, str]]:
    return [(a.surface, a.value, a.low, a.high, a.qualifier.value) for a in find_amounts(text)]


def test_hyphenated_thousand_is_a_scale_not_a_range() -> None:
    assert amounts("The ferry carried some 12-thousand visitors.") == [
        ("some 12-thousand", 12000.0, None, None, "approx")
    ]


def test_hyphenated_hundred_is_a_scale_not_a_range() -> None:
    assert amounts("Some 15-hundred dockers walked out.") == [
        ("Some 15-hundred", 1500.0, None, None, "approx")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Harbour security changed after 9/11 for good.",
        "The Big 10 rowing final moved to the bay.",
        "Members of AFSCME Local 3300 joined the picket.",
        "The council votes on June 23 about the pier.",
        "The harbour team won 24-17 on Saturday.",
    ],
)
def test_dates_names_and_scores_are_not_amounts(text: str) -> None:
    assert amounts(text) == []


def test_decimal_percent_is_an_amount() -> None:
    assert amounts("Fares rose 2.5 percent this year.") == [
        ("2.5 percent", 2.5, None, None, "exact")
    ]


def test_ranges_still_read_as_ranges() -> None:
    assert amounts("between 10-12,000 boats") == [
        ("between 10-12,000", None, 10000.0, 12000.0, "range")
    ]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A half-dozen ferries were cancelled.", "A half-dozen"),
        ("Half a dozen dockers walked out.", "Half a dozen"),
        ("More than a half dozen piers were closed.", "More than a half dozen"),
    ],
)
def test_half_a_dozen_is_six(text: str, surface: str) -> None:
    [(found, value, *_)] = amounts(text)
    assert (found, value) == (surface, 6.0)


@pytest.mark.parametrize(
    "text",
    [
        "The harbour master, 61, retired on Friday.",
        "Her eldest daughter, 34, runs the ferry company.",
    ],
)
def test_an_age_after_a_common_noun_is_not_an_amount(text: str) -> None:
    assert amounts(text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Among the dockers, about two-thirds, 67 percent, voted to strike.", "67 percent"),
        ("The port has the most berths, 247, of any on the coast.", "247"),
    ],
)
def test_a_share_or_count_in_apposition_stays_an_amount(text: str, surface: str) -> None:
    assert [a[0] for a in amounts(text)] == [surface]
