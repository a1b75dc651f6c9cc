"""Speaker mention → entity on made-up news (issue 12): pronouns, surnames and descriptions.

Every text is parsed with an empty registry (``make_plain_context``): the engine must find the
person a pronoun, a bare surname or a description stands for from the article alone.
"""

from __future__ import annotations

from spacy.tokens import Span

from newstables.extract import ArticleContext
from newstables.extract.quotes import extract_quotations
from newstables.models import Quotation

INTRO = "The harbour council met on Monday.\n\n"  # a first line, so no quote sits in a headline


def speakers(make_plain_context, text: str) -> list[Quotation]:  # noqa: ANN001
    rows, _ = extract_quotations(make_plain_context(INTRO + text))
    return rows


def relabel(ctx: ArticleContext, words: str, label: str | None, after: int = 0) -> ArticleContext:
    """The parse with the entity over ``words`` (first found from ``after``) relabelled, or
    dropped when ``label`` is None: tests a rule whatever the tagger happened to do."""
    doc = ctx.doc
    start = ctx.text.index(words, after)
    span = doc.char_span(start, start + len(words))
    assert span is not None
    kept = [e for e in doc.ents if e.end <= span.start or e.start >= span.end]
    doc.ents = kept + ([Span(doc, span.start, span.end, label=label)] if label else [])
    return ctx


def test_a_subject_pronoun_carries_its_person_past_a_mention_in_passing(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = (
        "Nadia Farrow chairs the harbour board.\n\n"
        "She said the new plan was better than the one drafted by Agnes Whitby.\n\n"
        "“We will build the pier this year,” she said."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "nadia-farrow"


def test_the_subject_of_the_reported_clause_is_the_pronoun_speaker(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = (
        "Agnes Whitby chairs the council.\n\n"
        "Lena Marsh was shocked by “the sheer anger of the whole crowd at the meeting,” she "
        "said in an interview."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "lena-marsh"


def test_a_subject_two_sentences_back_beats_a_name_in_passing(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = (
        "Jake Sherman checks his phone all through every meeting.\n\n"
        "Like Tom Allen, the reporters start work at dawn and stop at midnight.\n\n"
        "“We like to work,” he said."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "jake-sherman"


def test_a_sentence_in_parentheses_is_not_an_antecedent(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "Anna Palmer covered the port for twelve years.\n\n"
        "(Nina Brandt hosts the Harbour Hour podcast.)\n\n"
        "“I covered lobbying before that,” she said."
    )
    ctx = relabel(make_plain_context(INTRO + text), "Nina Brandt", "PERSON")
    rows, _ = extract_quotations(ctx)
    assert rows[0].speaker_id == "anna-palmer"


def test_a_unisex_given_name_does_not_decide_the_pronoun(make_plain_context) -> None:  # noqa: ANN001
    text = "Pat Quinlan runs the ferry company.\n\n“Prices will rise in May,” she said."
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "pat-quinlan"


def test_a_name_tagged_as_an_organisation_is_still_a_person(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = "Carly Voss named the ferry as her favourite.\n\n“It never runs late,” she said."
    ctx = relabel(make_plain_context(INTRO + text), "Carly Voss", "ORG")
    rows, _ = extract_quotations(ctx)
    assert rows[0].speaker_id == "carly-voss"


def test_an_untagged_surname_is_an_antecedent(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "Carl Dunmore chairs the dock union, and Tom Pike leads the pilots.\n\n"
        "Dunmore described the offer from Pike as news to him.\n\n"
        "“We will strike on Friday,” he said."
    )
    ctx = make_plain_context(INTRO + text)
    relabel(ctx, "Dunmore", None, after=ctx.text.index("Dunmore described"))
    rows, _ = extract_quotations(ctx)
    assert rows[0].speaker_id == "carl-dunmore"


def test_an_acronym_is_not_a_surname(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "Harbour GOP leaders met on Friday.\n\n"
        "“The pier is a waste of money,” the GOP said in a statement."
    )
    ctx = relabel(make_plain_context(INTRO + text), "Harbour GOP", "PERSON")
    rows, _ = extract_quotations(ctx)
    assert rows[0].speaker_id == "gop"


def test_a_role_description_takes_the_main_subject_before_it(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "Harold Stubbs announced that Tom Reyes would run the new ferry line.\n\n"
        "“We need a steady hand at the helm,” the shipping tycoon said."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "harold-stubbs"


def test_the_person_in_view_beats_an_earlier_holder_of_the_title(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = (
        "Bank President Jim Okoro joined Barack Obama at the harbour.\n\n"
        "Obama said the deal would bring jobs to the coast.\n\n"
        "“Together we have shown what is possible,” the president said."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "barack-obama"


def test_a_person_holding_another_office_does_not_fit_the_title(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = (
        "Sen. Tom Reyes criticised the budget of Mayor Ann Poe.\n\n"
        "“It is reckless,” the mayor said."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "ann-poe"


def test_the_statement_goes_to_who_issued_it_in_a_statement(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "In a statement, Harold Stubbs announced that Tom Reyes would run the ferry line.\n\n"
        "“Mr. Reyes will oversee the timetable and the crews,” the statement said."
    )
    rows = speakers(make_plain_context, text)
    assert rows[-1].speaker_id == "harold-stubbs"


def test_the_suit_goes_to_whose_suit_it_is(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "Carl Dunmore's suit names the port authority and two of its managers.\n\n"
        "“The port ignored every warning about the crumbling quay,” the suit reads."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "carl-dunmore"


def test_a_description_below_a_subject_is_someone_else_named_beside_it(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = (
        "Tom Reyes leads the pilots.\n\n"
        "Reyes attacked Ann Poe on Sunday after the mayor had said the pilots were “paid far "
        "too much for the little work they do.”"
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "ann-poe"


def test_a_hyphenated_role_is_a_role(make_plain_context) -> None:  # noqa: ANN001
    text = "Ann Poe leads the race for mayor.\n\n“We will win in May,” the front-runner said."
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "ann-poe"


def test_the_lawmaker_is_the_person_in_view_when_no_lawmaker_was_unnamed(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = "Joey Salceda filed the bill on Monday.\n\n“It is a disgrace,” the lawmaker said."
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "joey-salceda"


def test_the_official_is_the_unnamed_official_met_before(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "A senior harbour official said the quay would close.\n\n"
        "Joey Salceda filed a complaint on Monday.\n\n"
        "“The quay is unsafe,” the official said."
    )
    rows, new = extract_quotations(make_plain_context(INTRO + text))
    entity = next(e for e in new if e.entity_id == rows[-1].speaker_id)
    assert entity.anonymous and "official" in entity.name


def test_an_unnamed_noun_that_did_not_speak_is_no_source(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "A harbour lawmaker has filed a bill to close the quay.\n\n"
        "Joey Salceda said the quay was no longer safe.\n\n"
        "“It is a disgrace,” the lawmaker said."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "joey-salceda"


def test_the_least_embedded_subject_is_the_topic_whatever_the_root(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = (
        "Asked whether Agnes Whitby would run, Lena Marsh replied that the race was open.\n\n"
        "“I really mean that,” she added when the interviewer laughed."
    )
    ctx = make_plain_context(INTRO + text)
    replied = next(t for t in ctx.doc if t.text == "replied")
    replied.head, replied.dep_ = ctx.doc[1], "ccomp"  # a parse that runs over the sentence
    rows, _ = extract_quotations(ctx)
    assert rows[-1].speaker_id == "lena-marsh"


def test_a_name_in_apposition_to_a_subject_is_a_subject(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "One of the men, Carl Dunmore, 70, said the ferry was too slow.\n\n"
        "The other man, his cousin Tom Reyes, 40, cited the cost of the tickets.\n\n"
        "“It is far too much for a family,” he said."
    )
    rows = speakers(make_plain_context, text)
    assert rows[-1].speaker_id == "tom-reyes"


def test_an_unnamed_person_subject_is_an_antecedent(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "Ann Poe chairs the ferry council.\n\n"
        "A 29-year-old Berlin woman was fined in July after she insulted the ferry crew.\n\n"
        "“They deserved every word of it,” she wrote."
    )
    rows, new = extract_quotations(make_plain_context(INTRO + text))
    entity = next(e for e in new if e.entity_id == rows[-1].speaker_id)
    assert entity.anonymous and "woman" in entity.name


def test_a_person_noun_is_not_the_place_that_modifies_it(make_plain_context) -> None:  # noqa: ANN001
    rows, new = extract_quotations(
        make_plain_context(INTRO + "“The ferry is late again,” a Berlin woman said.")
    )
    entity = next(e for e in new if e.entity_id == rows[0].speaker_id)
    assert entity.anonymous and "woman" in entity.name


def test_a_name_right_after_a_quote_is_its_speaker_whatever_the_parse(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = (
        "Tom Reyes runs the ferry.\n\n"
        "“It was wrong to wait so long,” Carl Dunmore, 58, told the Harbour Gazette on Monday."
        "\n\n“Many simply did not react to the danger,” he said."
    )
    ctx = make_plain_context(INTRO + text)
    dunmore = next(t for t in ctx.doc if t.text == "Dunmore")
    dunmore.dep_ = "npadvmod"  # a parse that misses the subject
    rows, _ = extract_quotations(ctx)
    assert rows[-1].speaker_id == "carl-dunmore"


def test_an_untagged_name_with_a_person_apposition_is_a_person(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = (
        "Ann Poe chairs the ferry council.\n\n"
        "Naureen Jahangir, a ferry supporter from Hemet, is among those who will not vote for "
        "Poe.\n\n“It is a false choice,” she said."
    )
    ctx = relabel(make_plain_context(INTRO + text), "Naureen Jahangir", None)
    rows, _ = extract_quotations(ctx)
    assert rows[-1].speaker_id == "naureen-jahangir"


def test_a_sign_speaks_for_who_holds_it(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "Lena Marsh smiled and lifted a sign of her own.\n\n"
        "“Ferries for all of us, and now,” it read."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "lena-marsh"


def test_an_email_speaks_for_who_sent_it_also_in_later_lines(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "The email was sent at noon by Tom Reyes, the harbour chief.\n\n"
        "“We need two more boats by Friday,” it reads.\n\n"
        "“Please confirm the order today,” it said."
    )
    rows = speakers(make_plain_context, text)
    assert [r.speaker_id for r in rows] == ["tom-reyes", "tom-reyes"]


def test_his_website_speaks_for_him(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "Carl Dunmore lost the vote on the quay in May.\n\n"
        "On his website, Dunmore has started a new campaign for the quay.\n\n"
        "“This is your harbour, not theirs,” it now says."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "carl-dunmore"


def test_an_unnamed_source_long_before_is_not_taken_up_again(make_plain_context) -> None:  # noqa: ANN001
    filler = "".join(f"The ferry ran late on day {n}.\n\n" for n in range(1, 8))
    text = (
        "A lawmaker in the harbour town is calling for the ferry to be banned.\n\n"
        + filler
        + "Joey Salceda said the ferry was no longer safe.\n\n"
        "“It is a disgrace,” the lawmaker said."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "joey-salceda"


def test_the_texan_is_a_person_not_the_texans(make_plain_context) -> None:  # noqa: ANN001
    text = (
        "Rick Dunmore served as governor for fourteen years.\n\n"
        "“The voters do not want a career politician this time,” the Texan said."
    )
    rows = speakers(make_plain_context, text)
    assert rows[0].speaker_id == "rick-dunmore"


def test_a_statement_carried_by_a_news_agency_speaks_for_its_issuer(
    make_plain_context,  # noqa: ANN001
) -> None:
    text = (
        "The Valmora Harbour Board said its pilots would strike on Monday, in a statement "
        "released by the Reuters news agency.\n\n"
        "“The pilots have waited long enough,” the statement said."
    )
    (quote,) = speakers(make_plain_context, text)
    assert quote.speaker_surface == "the statement"
    assert quote.speaker_id != "reuters"
    assert quote.speaker_id == "valmora-harbour-board"
