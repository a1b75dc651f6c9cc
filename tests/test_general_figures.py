"""Figures on made-up sentences about everyday news, with an empty entity registry.

Each case checks what a reader would write down for the number: value or bounds, qualifier,
what is counted, who claims it and whether it sits in a quotation (not the codebook kind).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newstables.extract import ArticleContext, NewEntity
from newstables.extract.figures import extract_figures
from newstables.extract.quotes import extract_quotations
from newstables.models import Figure

MakeContext = Callable[..., ArticleContext]  # the conftest fixture make_plain_context
Extract = Callable[[str], tuple[list[Figure], list[NewEntity]]]
PUBLISHED = dt.date(2031, 6, 18)
M = 1_000_000


@pytest.fixture(scope="module")
def figures(make_plain_context: MakeContext) -> Extract:
    """Quotations first, then figures, as a build runs them."""

    def run(text: str) -> tuple[list[Figure], list[NewEntity]]:
        ctx = make_plain_context(text, published=PUBLISHED)
        quotations, speakers = extract_quotations(ctx)
        found, claimants = extract_figures(ctx, quotations)
        for f in found:
            assert text[f.char_start : f.char_end] == f.surface
            if f.claimant_surface is not None:
                assert text[f.claimant_char_start : f.claimant_char_end] == f.claimant_surface
        return found, [*speakers, *claimants]

    return run


@pytest.mark.parametrize(
    ("text", "surface", "value", "qualifier", "unit"),
    [
        ("The hospital employs about 3,400 nurses, and most joined the strike.",
         "about 3,400", 3400, "approx", "nurses"),
        ("More than 1,200 households had their water shut off.",
         "More than 1,200", 1200, "more_than", "households"),
        ("Forecasters warned that up to 40 mm of rain could fall overnight.",
         "up to 40", 40, "at_most", "mm"),
        ("Season ticket sales showed a 12 per cent rise.",
         "12 per cent", 12, "exact", "percent"),
        ("The software maker will cut some 600 jobs at its Dublin office.",
         "some 600", 600, "approx", "jobs"),
        ("At least 75 trees came down across the valley.",
         "At least 75", 75, "at_least", "trees"),
        ("The school board hired 1,050 new teachers.",
         "1,050", 1050, "exact", "teachers"),
        ("The stadium holds fewer than 20,000 spectators.",
         "fewer than 20,000", 20_000, "less_than", "spectators"),
        ("The club sold 2.3 million shirts worldwide.",
         "2.3 million", 2.3 * M, "exact", "shirts"),
        ("The club agreed an £18 million fee for the winger.",
         "£18 million", 18 * M, "exact", "GBP"),
        ("The airline reported a loss of $1.2 billion for the year.",
         "$1.2 billion", 1200 * M, "exact", "USD"),
        # small percentages, and numbers in words counting any plural (known misses F1, F2)
        ("Water bills will rise by 2.5 percent in January.",
         "2.5 percent", 2.5, "exact", "percent"),
        ("Nearly half a million voters cast their ballots by post.",
         "Nearly half a million", 500_000, "approx", "voters"),
        ("Two dozen farms have sold their cattle since the wells ran dry.",
         "Two dozen", 24, "exact", "farms"),
        ("Three thousand fans greeted the new signing at the airport.",
         "Three thousand", 3000, "exact", "fans"),
    ],
)  # fmt: skip
def test_one_figure_with_its_qualifier_and_counted_noun(
    figures: Extract, text: str, surface: str, value: float, qualifier: str, unit: str
) -> None:
    [figure], _ = figures(text)
    assert (figure.surface, figure.value, figure.qualifier.value, figure.unit) == (
        surface,
        value,
        qualifier,
        unit,
    )
    assert (figure.low, figure.high, figure.vague, figure.in_quote) == (None, None, False, False)


def test_a_money_range(figures: Extract) -> None:
    [figure], _ = figures(
        "The council expects the new treatment plant to cost between $55 million and $60 million."
    )
    assert figure.surface == "between $55 million and $60 million"
    assert (figure.value, figure.low, figure.high) == (None, 55 * M, 60 * M)
    assert figure.qualifier.value == "range"


def test_a_range_of_people(figures: Extract) -> None:
    [figure], _ = figures("Between 30 and 40 parents spoke at the school board hearing.")
    assert (figure.low, figure.high, figure.qualifier.value, figure.unit) == (
        30,
        40,
        "range",
        "parents",
    )


def test_a_number_in_words(figures: Extract) -> None:
    [figure], _ = figures("The warehouse will lay off three thousand workers next spring.")
    assert (figure.surface, figure.value, figure.unit) == ("three thousand", 3000, "workers")


def test_claimant_from_name_said(figures: Extract) -> None:
    [figure], new = figures("The club paid 45 million euros for the midfielder, Marco Silva said.")
    assert figure.value == 45 * M
    assert (figure.claimant_surface, figure.in_quote) == ("Marco Silva", False)
    assert next(e.name for e in new if e.entity_id == figure.claimant_id) == "Marco Silva"


def test_claimant_from_according_to_an_organisation(figures: Extract) -> None:
    [figure], new = figures(
        "Some 90 mm of rain fell in six hours, according to the National Weather Service."
    )
    assert (figure.value, figure.qualifier.value, figure.unit) == (90, "approx", "mm")
    assert (figure.claimant_surface, figure.in_quote) == ("the National Weather Service", False)
    name = next(e.name for e in new if e.entity_id == figure.claimant_id)
    assert name == "National Weather Service"


def test_claimant_named_with_a_title(figures: Extract) -> None:
    [figure], new = figures("Ticket prices rose 15 percent this season, Coach Dario Ferri said.")
    assert (figure.value, figure.unit) == (15, "percent")
    assert next(e.name for e in new if e.entity_id == figure.claimant_id) == "Dario Ferri"


def test_a_figure_the_outlet_states_has_no_claimant(figures: Extract) -> None:
    [figure], _ = figures("The hospital treated 412 patients in its emergency ward.")
    assert (figure.value, figure.claimant_id, figure.claimant_surface) == (412, None, None)


def test_a_figure_inside_a_quotation_belongs_to_its_speaker(figures: Extract) -> None:
    [figure], new = figures("“We will hire 150 more teachers next year,” said Alicia Moreno.")
    assert (figure.value, figure.unit, figure.in_quote) == (150, "teachers", True)
    assert figure.claimant_surface == "Alicia Moreno"
    assert next(e.name for e in new if e.entity_id == figure.claimant_id) == "Alicia Moreno"


def test_a_figure_quoted_from_a_pronoun_speaker(figures: Extract) -> None:
    [figure], new = figures(
        "Lena Sorensen runs the city's water utility.\n"
        "“We lose 30 percent of our water to leaks,” she said."
    )
    assert (figure.value, figure.unit, figure.in_quote) == (30, "percent", True)
    assert figure.claimant_surface == "she"
    assert next(e.name for e in new if e.entity_id == figure.claimant_id) == "Lena Sorensen"


@pytest.mark.parametrize(
    "text",
    [
        "The stadium first opened in 1998.",
        "The trial is set to begin on June 23.",
        "The mayor came fourth in the race and the club finished 5th in the league.",
        "City won 3-1 at home on Saturday.",
        "The council meeting starts at 7 p.m.",
        "The club's manager, aged 52, signed a new contract.",
        "The storm lasted three days.",
        # names, ages and codes (known miss F6)
        "The defendant, 34, pleaded not guilty.",
        "Members of Local 3300 walked off the job.",
        "The Big 10 released its football schedule.",
        "Visitors left flowers at the 9/11 memorial.",
        "Residents can call the helpline on 555-0142.",
    ],
)
def test_not_figures(figures: Extract, text: str) -> None:
    found, _ = figures(text)
    assert [f.surface for f in found] == []


def test_a_vague_amount_of_a_noun_the_codebook_does_not_list(figures: Extract) -> None:
    [figure], _ = figures("Thousands of residents lost power when the storm hit.")
    assert (figure.vague, figure.value, figure.unit) == (True, None, "residents")


@pytest.mark.parametrize(
    ("text", "surface", "name", "value", "qualifier", "unit"),
    [
        ("About 800 homes were still without power, according to Helen Park, a spokeswoman "
         "for the utility.", "Helen Park", "Helen Park", 800, "approx", "homes"),
        ("The strike has cost the hospital about $2 million a week, according to Marta "
         "Kowalski, the union's treasurer.", "Marta Kowalski", "Marta Kowalski", 2 * M,
         "approx", "USD"),
    ],
)  # fmt: skip
def test_claimant_of_according_to_a_name_with_an_apposition(
    figures: Extract, text: str, surface: str, name: str, value: float, qualifier: str, unit: str
) -> None:
    [figure], new = figures(text)
    assert (figure.value, figure.qualifier.value, figure.unit) == (value, qualifier, unit)
    assert figure.claimant_surface == surface
    assert next(e.name for e in new if e.entity_id == figure.claimant_id) == name


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "year"),
    [
        ("The hospital says 2,000 staff have joined the strike.",
         "The hospital", 2000, "staff", None),
        ("Officials at the science agency said 14 satellites would be launched next year.",
         "Officials at the science agency", 14, "satellites", 2032),
    ],
)  # fmt: skip
def test_a_claimant_that_is_not_a_named_person(
    figures: Extract, text: str, surface: str, value: float, unit: str, year: int | None
) -> None:
    [figure], _ = figures(text)
    assert (figure.value, figure.unit, figure.claimant_surface) == (value, unit, surface)
    if year is not None:
        assert figure.as_of is not None and str(figure.as_of).startswith(str(year))
