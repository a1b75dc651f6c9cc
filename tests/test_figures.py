"""Figures from small example sentences: what counts, kind, claimant, date, quotes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from newstables.curation import Curation
from newstables.extract import ArticleContext
from newstables.extract.figures import QuantityRules, extract_figures
from newstables.models import Attribution, Figure, Quotation, content_id

MakeContext = Callable[..., ArticleContext]  # the conftest fixture make_context

PUBLISHED = dt.date(2025, 4, 28)
CASUALTIES = "casualties_killed_or_wounded"


Extract = Callable[..., list[Figure]]


@pytest.fixture(scope="module")
def figures(make_context: MakeContext) -> Extract:
    def run(text: str, quotations: list[Quotation] | None = None) -> list[Figure]:
        found, _ = extract_figures(make_context(text, published=PUBLISHED), quotations or [])
        for f in found:
            assert text[f.char_start : f.char_end] == f.surface
        return found

    return run


def test_two_figures_of_two_kinds_in_one_phrase(figures: Extract) -> None:
    text = (
        "North Korea sent an estimated total of 14,000 troops, including 3,000 reinforcements, "
        "to replace those killed, injured or captured."
    )
    found = figures(text)
    assert [(f.surface, f.value, f.qualifier.value, f.quantity) for f in found] == [
        ("an estimated total of 14,000", 14000, "approx", "troops_deployed"),
        ("3,000", 3000, "exact", "reinforcements"),
    ]


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("Around 4,000 North Korean soldiers have been killed or injured.", CASUALTIES),
        ("Seoul says the North has suffered around 4,000 casualties.", CASUALTIES),
        ("At least 300 North Korean soldiers have been killed.", "killed"),
        ("Ukraine captured two North Korean soldiers in January.", "captured"),
        ("Another 3,000 soldiers were sent in early 2025.", "reinforcements"),
        ("Pyongyang deployed more than 10,000 troops to Russia.", "troops_deployed"),
        ("Ukrainian units hold 1,000 square kilometres of territory.", "territory_km2"),
        ("North Korea shipped 9 million artillery shells to Russia.", "shells_supplied"),
        ("It also sent 250 rocket launchers.", "weapons_supplied"),
    ],
)  # fmt: skip
def test_quantity_kinds_from_the_codebook(figures: Extract, text: str, quantity: str) -> None:
    [figure] = figures(text)
    assert figure.quantity == quantity


def test_a_figure_with_no_noun_takes_the_kind_before_it(figures: Extract) -> None:
    text = (
        "Zelenskyy has put the number of killed or wounded North Koreans at 4,000, "
        "though US estimates are lower, at about 1,200."
    )
    found = figures(text)
    assert [(f.value, f.quantity) for f in found] == [
        (4000, "casualties_killed_or_wounded"),
        (1200, "casualties_killed_or_wounded"),
    ]


def test_claimants_named_by_the_number_itself(figures: Extract) -> None:
    text = (
        "Zelenskyy has put the number of killed or wounded North Koreans at 4,000, "
        "though US estimates are lower, at about 1,200."
    )
    assert [(f.claimant_id, f.claimant_surface) for f in figures(text)] == [
        ("volodymyr-zelenskyy", "Zelenskyy"),
        ("united-states", "US"),
    ]


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        (
            "North Korea sent about 11,000 soldiers to support Russia late last year.",
            "2024-10/2024-12",
        ),
        ("They sent between 10,000 and 12,000 troops last autumn.", "2024-23"),
        ("It dispatched 10,000 soldiers to Russia in the fall of the previous year.", "2024-23"),
        ("Another 3,000 soldiers were reportedly sent in early 2025.", "2025-01/2025-03"),
        ("Around 4,000 soldiers have been killed or injured.", None),
    ],
)
def test_as_of_is_the_date_of_the_figures_clause(figures: Extract, text: str, as_of: str) -> None:
    [figure] = figures(text)
    assert figure.as_of == as_of


@pytest.mark.parametrize(
    "text",
    [
        "This marks its first significant military involvement since the Korean War of 1950-53.",
        "The war grinds on into its third year.",
        "Ukrainian units continue to hold several square kilometres of territory.",
        "It confirmed months of speculation and intelligence reports.",
        "The treaty was signed in June 2024 between the two countries.",
        "Moscow, 28 April 2025 (dpa/MIA) - Putin spoke.",
        "One of the soldiers said the two nations were allies.",
        "++ Guterres condemns 12 killings in Gaza",
        "They fought for three days and two nights.",
        "The council voted 6-1 for the resolution.",
        "North Korean troops in Kursk: 5 things to know. Share 24 comments",
    ],
)
def test_not_figures(figures: Extract, text: str) -> None:
    assert [f.surface for f in figures(text)] == []


def test_a_vague_amount_is_a_row_without_value(figures: Extract) -> None:
    [figure] = figures("Kim sent thousands of troops to Russia.")
    assert (figure.vague, figure.value, figure.qualifier.value) == (True, None, "approx")


def test_a_figure_inside_a_quotation_belongs_to_the_speaker(figures: Extract) -> None:
    text = "“We sent 3,000 more soldiers,” Kim said."
    quote = Quotation(
        quotation_id=content_id("q", "t", 1, 27),
        article_id="t",
        text=text[1:27],
        char_start=1,
        char_end=27,
        speaker_id="kim-jong-un",
        speaker_surface="Kim",
        speaker_char_start=29,
        speaker_char_end=32,
        cue="said",
        channel_id=None,
        attribution=Attribution.named,
        is_fragment=False,
        statement_id="s",
        cluster_id="c",
    )
    [figure] = figures(text, [quote])
    assert figure.in_quote and figure.claimant_id == "kim-jong-un"
    assert figure.claimant_surface == "Kim"


def test_codebook_rules_load(curation: Curation) -> None:
    rules = QuantityRules.from_codebook(curation.codebook)
    assert rules.classify({"casualty"}, set()).name == "casualties_killed_or_wounded"
    assert rules.classify({"soldier"}, {"send"}).name == "troops_deployed"
    assert rules.classify({"soldier"}, {"kill", "wound"}).name == "casualties_killed_or_wounded"
    assert rules.classify({"banana"}, {"send"}) is None


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Seoul's estimate is higher, at around 4,000 casualties.", "south-korea"),
        ("Kyiv has put the number of North Korean dead at 300.", "ukraine"),
        ("North Korea sent 3,000 soldiers.", None),
    ],
)
def test_claim_shapes_of_numbers(figures: Extract, text: str, claimant: str | None) -> None:
    [figure] = figures(text)
    assert figure.claimant_id == claimant


def test_furniture_lines_inside_an_article_hold_no_figures(figures: Extract) -> None:
    text = (
        "North Korea sent 14,000 troops to Russia.\n"
        "++ Related: 12,000 soldiers crossed the border\n"
        "Comments (35)\n"
        "Kyiv said 4,000 of them were killed or wounded."
    )
    assert [f.surface for f in figures(text)] == ["14,000", "4,000"]
