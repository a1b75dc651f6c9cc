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
