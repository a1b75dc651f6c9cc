"""Quoted spans that are not quotations: titles of works, cited headlines, subheads.

Each made-up article keeps a real quotation next to the non-quotation, so a rule that drops
too much fails as well as a rule that drops too little.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstables.extract import ArticleContext
from newstables.extract.quotes import extract_quotations

MakeContext = Callable[..., ArticleContext]
INTRO = "Local news in brief.\n"  # a first line, so no quote sits in a headline


@pytest.fixture(scope="module")
def texts(make_plain_context: MakeContext) -> Callable[[str], list[str]]:
    def extract(text: str) -> list[str]:
        rows, _ = extract_quotations(make_plain_context(INTRO + text))
        return [row.text for row in rows]

    return extract


def test_a_show_title_after_a_possessive_is_not_a_quotation(texts) -> None:
    found = texts(
        "\n“We will fix the roads this year,” Mayor Ruth Okafor said on WXYZ’s “Morning "
        "With Dan Miller” on Sunday."
    )
    assert found == ["We will fix the roads this year,"]


def test_a_book_title_after_book_is_not_a_quotation(texts) -> None:
    found = texts(
        "\nIn her book, “Rivers of the Long Valley,” Ruth Okafor wrote that the dam "
        "“should never have been built.”"
    )
    assert found == ["should never have been built."]


def test_a_title_case_quote_after_said_stays_a_quotation(texts) -> None:
    found = texts("\nThe governor said, “We Will Not Back Down From This Fight.”")
    assert found == ["We Will Not Back Down From This Fight."]


def test_a_cited_headline_with_its_byline_is_not_a_quotation(texts) -> None:
    found = texts(
        '\nREAD—"Council delays the vote on bus fares," by the Ledger’s Ann Lee.\n'
        '"The delay hurts riders," said Tom Reyes, a union official.'
    )
    assert found == ["The delay hurts riders,"]


def test_a_cited_headline_opening_or_closing_on_a_quoted_name_is_not_a_quotation(texts) -> None:
    found = texts(
        '\nSTAGE—"‘Cats’ returns to the Civic in a long run," by the Ledger’s Ann Lee.\n'
        '—"Ann Lee is leaving ‘Harbor Nights,’" by the Ledger’s Tom Reyes.\n'
        '"The delay hurts riders," said Tom Reyes, a union official.'
    )
    assert found == ["The delay hurts riders,"]


def test_a_subhead_in_single_marks_is_not_a_quotation(texts) -> None:
    found = texts(
        "\n“It was a hard winter,” said Ruth Okafor, a farmer.\n\n"
        "'A long way from home.'\n\nThe town was quiet on Monday."
    )
    assert found == ["It was a hard winter,"]


def test_a_capitalised_subhead_line_is_not_a_quotation(texts) -> None:
    found = texts(
        "\n“We are ready,” said Ruth Okafor, the coach.\n"
        "“NOBODY EXPECTED THIS TEAM TO WIN”\nThe season starts in May."
    )
    assert found == ["We are ready,"]


def test_a_title_after_author_of_or_before_a_work_apposition_is_not_a_quotation(texts) -> None:
    found = texts(
        "\nRuth Okafor, author of “Bread and Salt Roads,” said the law “will hurt farmers.”\n"
        "“Night Shift Stories,” a new HBO series, starts in May."
    )
    assert found == ["will hurt farmers."]


def test_a_slogan_on_a_hat_is_not_a_quotation_but_a_quote_before_a_sentence_is(texts) -> None:
    found = texts(
        "\nFans in “Go Team Go” hats cheered. The coach said simply, “We won.” T-shirts sold out."
    )
    assert found == ["We won."]


def test_a_span_opened_by_the_end_of_a_markup_attribute_is_not_a_quotation(texts) -> None:
    found = texts(
        '\n<tweet tweet-author="@cityhall" tweet-date="May 2\n">All main roads in the old town '
        "will close at nine tonight for the parade and reopen tomorrow.</tweet>"
    )
    assert found == []


def test_a_quote_continued_by_a_passive_agent_stays_a_quotation(texts) -> None:
    found = texts(
        "\n“If it had not been for that help” by the state, the town would have closed the "
        "clinic, Mayor Ruth Okafor said."
    )
    assert found == ["If it had not been for that help"]


def test_a_quote_followed_by_a_year_in_brackets_is_a_dated_work(texts) -> None:
    found = texts(
        "\nThe party's posters read “Close the borders now” (2009) and “Our homes first” "
        "(2014). “We never hid our aims,” its leader, Tom Reyes, said."
    )
    assert found == ["We never hid our aims,"]


def test_a_title_listed_after_another_quoted_name_is_not_a_quotation(texts) -> None:
    found = texts(
        "\nOkafor, who starred in “Blue Harbor” and “Days of the Long Thunder,” said the set "
        "was “the happiest place I ever worked.”"
    )
    assert "Days of the Long Thunder," not in found  # the first name is a (neutral) fragment
    assert "the happiest place I ever worked." in found


def test_a_capitalised_quote_before_star_and_a_name_is_a_title(texts) -> None:
    found = texts(
        "\n“Summer is for Strangers” star Ana Ruiz said the finale “will break some hearts.”"
    )
    assert found == ["will break some hearts."]


def test_a_translation_after_language_for_is_not_a_quotation(texts) -> None:
    found = texts(
        "\nThe mayor closed with “Fortes fortuna adiuvat,” Latin for “fortune favours the brave,"
        "” and said the bridge “will open on time.”"
    )
    assert "fortune favours the brave," not in found
    assert "will open on time." in found
