"""Quotations: one small example per attribution pattern, run through the real pipeline."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstables.assemble.quotes import cluster_quotations, content_words, same_statement
from newstables.curation import Curation
from newstables.extract import ArticleContext
from newstables.extract.attribution import attribute
from newstables.extract.quotemarks import find_quotes
from newstables.extract.quotes import extract_quotations
from newstables.models import Attribution, Quotation

MakeContext = Callable[..., ArticleContext]  # the conftest fixture make_context

Run = Callable[[str], list[Quotation]]
INTRO = "Officials met in Seoul on Monday.\n"  # a first line, so no quote sits in a headline


@pytest.fixture(scope="module")
def run(make_context: MakeContext) -> Run:
    def extract(text: str) -> list[Quotation]:
        rows, _ = extract_quotations(make_context(INTRO + text))
        for row in rows:
            full = INTRO + text
            assert full[row.char_start : row.char_end] == row.text
            if row.speaker_surface is not None:
                assert full[row.speaker_char_start : row.speaker_char_end] == row.speaker_surface
        return rows

    return extract


def test_said_after_the_quote(run: Run) -> None:
    (quote,) = run("“We will never forget the heroes,” Putin said.")
    assert quote.text == "We will never forget the heroes,"
    assert (quote.speaker_id, quote.speaker_surface, quote.cue) == (
        "vladimir-putin",
        "Putin",
        "said",
    )
    assert quote.attribution == Attribution.named


def test_said_before_the_quote_with_inverted_name(run: Run) -> None:
    before, inverted = run(
        "Putin said that the troops had shown “courage and dedication in battle.”\n"
        '"The deployment must end now," said Kim Jong Un, speaking in Pyongyang.'
    )
    assert before.speaker_id == "vladimir-putin"
    assert inverted.speaker_id == "kim-jong-un"


def test_said_in_a_statement(run: Run) -> None:
    (quote,) = run(
        "“North Korea has admitted to its own criminal acts,” the South Korean Defense Ministry "
        "said in a statement."
    )
    assert quote.speaker_id == "south-korea-defense-ministry"
    assert quote.cue == "said in a statement"


def test_quoted_as_saying_gives_speaker_and_channel(run: Run) -> None:
    (quote,) = run("“Our friends acted with real solidarity,” the Kremlin quoted Putin as saying.")
    assert (quote.speaker_id, quote.channel_id) == ("vladimir-putin", "the-kremlin")
    assert quote.cue == "quoted … as saying"


def test_told_a_news_agency(run: Run) -> None:
    (quote,) = run(
        "“The two countries agreed to disclose it,” Yang Moo-jin told Agence France-Presse."
    )
    assert (quote.speaker_id, quote.cue, quote.channel_id) == ("yang-moo-jin", "told", "afp")


def test_according_to(run: Run) -> None:
    (quote,) = run(
        "The mission was a “sacred duty for the defence of the motherland,” according to "
        "the Central Military Commission."
    )
    assert quote.speaker_id == "central-military-commission-wpk"
    assert quote.cue == "according to"


def test_according_to_a_news_agency_makes_it_the_channel(run: Run) -> None:
    (quote,) = run(
        "Kim described the soldiers as “heroes and representatives of the motherland,” "
        "according to KCNA."
    )
    assert (quote.speaker_id, quote.channel_id) == ("kim-jong-un", "kcna")


def test_colon_introduction_on_the_previous_line(run: Run) -> None:
    (quote,) = run(
        "In a speech in Moscow, the Russian leader declared:\n“We will always honour the heroes "
        "who gave their lives.”"
    )
    assert quote.speaker_id == "vladimir-putin"
    assert quote.speaker_surface == "the Russian leader"
    assert quote.cue == "declared in a speech:"


def test_pronoun_goes_to_the_salient_subject(run: Run) -> None:
    _, quote = run(
        "Zelenskyy spoke after Putin’s “victory” claim.\n"
        "“Our military continues to perform tasks in the Kursk region,” he said."
    )
    assert (quote.speaker_surface, quote.speaker_id) == ("he", "volodymyr-zelenskyy")
    assert quote.attribution == Attribution.pronoun


def test_nominal_description_from_the_registry(run: Run) -> None:
    (quote,) = run("“The Korean friends acted with solidarity,” the Russian leader said.")
    assert quote.speaker_id == "vladimir-putin"
    assert quote.attribution == Attribution.nominal


def test_unknown_speaker_becomes_a_new_entity_and_surnames_find_the_full_name(
    make_context: MakeContext,
) -> None:
    text = (
        INTRO + "Analyst Maria Gonzalez of the Lowy Institute studied the deal.\n"
        "“The deal is a turning point for the region,” Gonzalez said."
    )
    rows, new = extract_quotations(make_context(text))
    assert rows[0].speaker_id == "maria-gonzalez"
    assert [(e.entity_id, e.name, e.surface) for e in new] == [
        ("maria-gonzalez", "Maria Gonzalez", "Gonzalez")
    ]


def test_cue_in_the_next_sentence(run: Run) -> None:
    (quote,) = run("“We are ready to help our allies in every way.” Putin said that on Monday.")
    assert quote.speaker_id == "vladimir-putin"
    assert quote.attribution == Attribution.adjacent


def test_floating_paragraph_carries_the_previous_speaker(run: Run) -> None:
    first, floating = run(
        "“We appreciate it greatly,” Putin said in a televised address.\n"
        "“We will always remember the North Korean soldiers who were killed.”"
    )
    assert floating.speaker_id == first.speaker_id == "vladimir-putin"
    assert floating.attribution == Attribution.carried
    assert floating.statement_id != first.statement_id


def test_two_pieces_around_one_cue_share_a_statement(run: Run) -> None:
    first, second = run(
        "“The operation is over,” Gerasimov said, “and the region is fully under our control.”"
    )
    assert first.speaker_id == second.speaker_id == "valery-gerasimov"
    assert first.statement_id == second.statement_id


def test_multi_paragraph_quote_is_one_statement(run: Run) -> None:
    first, second = run(
        "Putin said: “The Korean friends acted out of solidarity and comradeship.\n"
        "“We will never forget their heroism and their sacrifice.”"
    )
    assert first.speaker_id == second.speaker_id == "vladimir-putin"
    assert first.statement_id == second.statement_id


def test_apostrophes_and_odd_quote_counts_never_stop_the_pairing() -> None:
    text = (
        "Kyiv’s officials’ view: the ’90s are over. He said “the talks failed.\n"
        "She called it ‘a farce’ and said “it’s over” twice."
    )
    assert [q.text for q in find_quotes(INTRO + text)] == [
        "the talks failed.",
        "a farce",
        "it’s over",
    ]
    assert find_quotes(INTRO + text)[0].unclosed


def test_straight_and_doubled_apostrophe_quotes() -> None:
    text = "He said \"we won\" and ''we will win again,'' Mr. Smith added."
    assert [q.text for q in find_quotes(INTRO + text)] == ["we won", "we will win again,"]


def test_an_opening_curly_mark_typed_for_a_closing_one_closes_the_quote() -> None:
    text = "“The bridge is safe,“ said Ana Ruiz. She called the plan “reckless“ in a letter."
    assert [q.text for q in find_quotes(INTRO + text)] == ["The bridge is safe,", "reckless"]


def test_page_furniture_holds_no_quotations(run: Run) -> None:
    rows = run(
        "Related: Putin hails “heroes” of Kursk\n"
        "++ Guterres condemns Gaza crisis as “Killing Field” amid aid dispute\n"
        "“We will win,” Putin said in the city."
    )
    assert [q.text for q in rows] == ["We will win,"]


def test_scare_quotes_are_fragments(run: Run) -> None:
    scare, clause = run("Moscow claimed the “liberation” of Kursk. Putin said “we won it.”")
    assert scare.is_fragment and not clause.is_fragment


def test_attribute_serves_number_phrases_too(make_context: MakeContext) -> None:
    text = INTRO + "Ukrainian officials said North Korea sent about 11,000 soldiers."
    start = text.index("about 11,000")
    source = attribute(make_context(text), start, start + len("about 11,000"))
    assert source is not None and source.entity_id == "ukrainian-officials"


def test_translations_of_one_statement_share_a_cluster(
    make_context: MakeContext, curation: Curation
) -> None:
    """With the dataset's translation synonyms (its curation), two translations are one."""
    first, _ = extract_quotations(
        make_context(
            INTRO + "“The Korean friends acted, guided by sentiments of solidarity, justice, and "
            "real camaraderie,” the Kremlin quoted Putin as saying.",
            "a",
        )
    )
    second, _ = extract_quotations(
        make_context(
            INTRO + '"Our Korean friends acted out of a sense of solidarity, justice, and genuine '
            'comradeship," Putin said.\n"Sanctions will not stop the partnership," Putin added.',
            "b",
        )
    )
    clustered = cluster_quotations([*first, *second], curation.codebook["quotation_synonyms"])
    by_text = {q.text[:12]: q.cluster_id for q in clustered}
    assert by_text["The Korean f"] == by_text["Our Korean f"]
    assert by_text["Sanctions wi"] != by_text["Our Korean f"]


def test_attribute_reads_a_leading_according_to_for_numbers(
    make_context: MakeContext,
) -> None:
    text = INTRO + "According to Seoul’s spy agency, North Korea sent about 11,000 soldiers."
    start = text.index("about 11,000")
    source = attribute(make_context(text), start, start + len("about 11,000"))
    assert source is not None
    assert (source.entity_id, source.cue) == ("south-korea-nis", "according to")


WORDS = ["troops", "kursk", "friends", "solidarity", "justice", "heroes", "liberation", "korea",
         "russia", "border", "victory", "sacrifice", "we", "the", "are"]  # fmt: skip


def quotation(index: int, words: list[str], speaker: str | None) -> Quotation:
    """Only the fields clustering reads."""
    text = " ".join(words) or "…"
    return Quotation.model_construct(quotation_id=f"q_{index:016x}", text=text, speaker_id=speaker)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(WORDS), max_size=9), st.sampled_from([None, "putin"])),
        max_size=30,
    )
)
def test_clusters_equal_all_pairs_compared(quotes: list[tuple[list[str], str | None]]) -> None:
    rows = [quotation(i, words, speaker) for i, (words, speaker) in enumerate(quotes)]
    parent = {q.quotation_id: q.quotation_id for q in rows}

    def root(item: str) -> str:
        while parent[item] != item:
            item = parent[item]
        return item

    for i, left in enumerate(rows):  # every pair of one block, no index, no prefixes
        for right in rows[i + 1 :]:
            same_block = left.speaker_id == right.speaker_id and (
                left.speaker_id or " ".join(left.text.split()) == " ".join(right.text.split())
            )
            if same_block and same_statement(content_words(left.text), content_words(right.text)):
                parent[root(left.quotation_id)] = root(right.quotation_id)
    expected = {q.quotation_id: root(q.quotation_id) for q in rows}
    got = {q.quotation_id: q.cluster_id for q in cluster_quotations(rows)}
    for a in rows:
        for b in rows:
            together = expected[a.quotation_id] == expected[b.quotation_id]
            assert (got[a.quotation_id] == got[b.quotation_id]) == together


def test_a_nested_quote_of_the_same_marks_ends_before_the_outer_one() -> None:
    text = "Ruiz wrote: “Voters who chanted “no more tolls” deserve better than this plan.”"
    assert [q.text for q in find_quotes(INTRO + text)] == [
        "Voters who chanted “no more tolls” deserve better than this plan."
    ]


def test_a_closing_mark_typed_for_an_opening_one_opens_the_quote() -> None:
    text = 'Aides wanted him to ”slow down on the tour.” Ruiz said."We were tired."'
    assert [q.text for q in find_quotes(INTRO + text)] == [
        "slow down on the tour.",
        "We were tired.",
    ]


def test_a_quote_opened_mid_sentence_inside_an_open_quote_nests_in_it() -> None:
    text = "The memo calls him “a rival who echoes claims “that cuts pay for themselves.”"
    quotes = find_quotes(INTRO + text)
    assert [q.text for q in quotes] == ["a rival who echoes claims “that cuts pay for themselves.”"]
    assert quotes[0].unclosed
