"""The number grammar: each pattern as a small example sentence, traps included."""

from __future__ import annotations

import pytest

from newstables.extract.numbers import find_amounts, parse_number
from newstables.models import Qualifier


def one(text: str) -> tuple[str, float | None, float | None, float | None, str]:
    """The single amount in a sentence as (surface, value, low, high, qualifier)."""
    amounts = find_amounts(text)
    assert len(amounts) == 1, [a.surface for a in amounts]
    a = amounts[0]
    assert text[a.start : a.end] == a.surface
    return a.surface, a.value, a.low, a.high, a.qualifier.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pyongyang sent 14,000 troops.", ("14,000", 14000, None, None, "exact")),
        ("It lost 1.2 million shells.", ("1.2 million", 1.2e6, None, None, "exact")),
        ("Aid worth $1.5bn was pledged.", ("$1.5bn", 1.5e9, None, None, "exact")),
        ("It sent three thousand troops.", ("three thousand", 3000, None, None, "exact")),
        ("It sent a dozen tanks.", ("a dozen", 12, None, None, "exact")),
        ("It sent twenty-five missiles.", ("twenty-five", 25, None, None, "exact")),
        ("It sent two hundred and fifty men.", ("two hundred and fifty", 250, None, None, "exact")),
        ("It sent half a million rounds.", ("half a million", 5e5, None, None, "exact")),
        ("Some 40% of them were lost.", ("Some 40%", 40, None, None, "approx")),
    ],
)
def test_single_numbers(text: str, expected: tuple[object, ...]) -> None:
    assert one(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sent between 10,000 and 12,000 troops", "between 10,000 and 12,000"),
        ("sent between 10,000 to 12,000 soldiers", "between 10,000 to 12,000"),
        ("sent 10,000 to 12,000 troops", "10,000 to 12,000"),
        ("sent 10,000-12,000 troops", "10,000-12,000"),
        ("sent 10,000–12,000 troops", "10,000–12,000"),
        ("sent 10-12,000 troops", "10-12,000"),
        ("sent from 10,000 to 12,000 troops", "from 10,000 to 12,000"),
        ("sent 10 to 12 thousand troops", "10 to 12 thousand"),
    ],
)
def test_ranges_fill_low_and_high(text: str, expected: str) -> None:
    assert one(text) == (expected, None, 10000, 12000, "range")


def test_a_range_takes_the_scale_of_its_high_end() -> None:
    assert one("It fired 2-3 million shells.")[2:4] == (2e6, 3e6)
    assert one("two or three soldiers were captured")[2:] == (2, 3, "range")


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("about 1,200 were hurt", "about 1,200", Qualifier.approx),
        ("around 4,000 casualties", "around 4,000", Qualifier.approx),
        ("roughly 4,000 casualties", "roughly 4,000", Qualifier.approx),
        ("an estimated 4,000 casualties", "an estimated 4,000", Qualifier.approx),
        ("an estimated total of 14,000 troops", "an estimated total of 14,000", Qualifier.approx),
        ("some 11,000 soldiers", "some 11,000", Qualifier.approx),
        ("nearly 11,000 soldiers", "nearly 11,000", Qualifier.approx),
        ("almost 11,000 soldiers", "almost 11,000", Qualifier.approx),
        ("closer to 1,200", "closer to 1,200", Qualifier.approx),
        ("at least 500 were killed", "at least 500", Qualifier.at_least),
        ("no fewer than 500 were killed", "no fewer than 500", Qualifier.at_least),
        ("more than 10,000 troops", "more than 10,000", Qualifier.more_than),
        ("over 10,000 troops", "over 10,000", Qualifier.more_than),
        ("losses exceeded 10,000", "exceeded 10,000", Qualifier.more_than),
        ("up to 5,000 soldiers", "up to 5,000", Qualifier.at_most),
        ("as many as 5,000 soldiers", "as many as 5,000", Qualifier.at_most),
        ("fewer than 300 soldiers", "fewer than 300", Qualifier.less_than),
        ("less than 300 soldiers", "less than 300", Qualifier.less_than),
        ("10,000 or more soldiers", "10,000 or more", Qualifier.at_least),
        ("a 10,000-plus force", "10,000-plus", Qualifier.more_than),
        ("5,000 or so soldiers", "5,000 or so", Qualifier.approx),
        ("Another 3,000 soldiers", "3,000", Qualifier.exact),
    ],
)
def test_qualifier_words(text: str, surface: str, qualifier: Qualifier) -> None:
    found = one(text)
    assert found[0] == surface
    assert found[4] == qualifier.value


@pytest.mark.parametrize(
    "text",
    ["thousands of troops", "tens of thousands of troops", "hundreds of soldiers",
     "several thousand troops", "dozens of missiles"],
)  # fmt: skip
def test_vague_amounts_have_no_value(text: str) -> None:
    [amount] = find_amounts(text)
    assert amount.vague and amount.value is None and amount.qualifier is Qualifier.approx


@pytest.mark.parametrize(
    "text",
    [
        "its first significant involvement since the Korean War of 1950-53",
        "a treaty signed in June 2024",
        "In 2024 the war went on; by 2025 it had not ended.",
        "the war grinds on into its third year",
        "Ukrainian units hold several square kilometres of territory",
        "confirming months of speculation",
        "for three years, within 24 hours, a 72-hour truce",
        "a 19-year-old soldier, aged 40",
        "F-16 jets, the G7, KN-23 missiles and Covid-19",
        "under resolution 2231 at 10:30",
        "the 3rd Assault Brigade and 155mm shells",
        "the 1990s",
        "see https://example.com/2024/04/28/story-123",
        "Cory James, 22, of Flint, and Sanders, 74, said so",
        "delegates meet between 10-11 a.m. on Saturday",
        "Image 3 of 12",
        "about one in three soldiers is injured",
        "By John Smith, 3 min read",
    ],
)
def test_traps_are_not_amounts(text: str) -> None:
    assert find_amounts(text) == []


def test_offsets_index_the_original_text() -> None:
    text = "Seoul — “about 11,000” soldiers; between 10,000 and 12,000 troops."
    amounts = find_amounts(text)
    assert [a.surface for a in amounts] == ["about 11,000", "between 10,000 and 12,000"]
    for amount in amounts:
        assert text[amount.start : amount.end] == amount.surface
        assert text[amount.number_start : amount.number_end] in amount.surface


def test_parse_number() -> None:
    assert parse_number("10,000") == 10000
    assert parse_number("1.2 million") == 1.2e6
    assert parse_number("a dozen") == 12
    assert parse_number("thousands") is None


def test_a_range_from_zero_ends() -> None:
    """A low end of 0 once looped for ever while taking the high end's scale (found by fuzzing)."""
    [amount] = find_amounts("It sent 0-12,000 troops.")
    assert (amount.low, amount.high) == (0, 12000)


def test_numerals_of_lowered_text_are_those_found_ignoring_case():
    """Numerals are searched in the lower-cased text: same offsets, values and kinds as an
    IGNORECASE search of the text itself (capitals, currency codes, scale words, vague plurals)."""
    from newstables.extract import numbers
    from newstables.extract.lowered import lowered

    text = (
        "US$5 Million went to Twenty-Five Towns; THOUSANDS marched, and us$3 BN more. Half A "
        "Dozen said Ten Percent; Tens Of Thousands left (2,500 In All), One In Three stayed."
    )
    found = numbers._numerals(text)
    plain = [m.span() for m in numbers._NUMERAL.finditer(text)]
    assert [(n.start, n.end) for n in found] == plain
    assert [n.value for n in found] == [
        numbers._match_value(m) for m in numbers._NUMERAL.finditer(text)
    ]
    assert {n.currency for n in found} == {"USD", None}
    assert lowered(text) is not None  # the lower-cased search was the one tested


def test_a_number_word_with_a_letter_matching_an_ascii_one_has_its_value():
    """ "ſ" matches "s" when case is ignored: "ſeven hundred" is found and must be valued as
    "seven hundred" (it was found with no value); the surface keeps the text's own letters."""
    [odd] = find_amounts("About ſeven hundred ſoldiers left.")
    [ascii_] = find_amounts("About seven hundred soldiers left.")
    assert (odd.start, odd.end, odd.value, odd.qualifier) == (
        ascii_.start,
        ascii_.end,
        ascii_.value,
        ascii_.qualifier,
    )
    assert odd.value == 700 and odd.surface == "About ſeven hundred"
