"""Claimants of agent-sourced figures, on made-up sentences (issue 12): an author named by "by",
a verb that lists or publishes, a noun of decision, a verb the tagger reads as a noun."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newstables.extract import ArticleContext

MakeContext = Callable[..., ArticleContext]


@pytest.mark.parametrize(
    ("text", "surface", "author"),
    [
        # data or a document "by" an author: the mention runs over the author (a year before
        # the noun is no count of the data's own)
        (
            "A 2019 estimate by the Harbour Trust projected that repairs will cost $40 million.",
            "$40 million",
            "the Harbour Trust",
        ),
        # "lists/ranks <object> as/with N": the subject sets the figure, like "put … at N"
        ("The agency lists the population of the island as 21,090.", "21,090", "The agency"),
        (
            "The registry lists the ferry company with $40 million in debts.",
            "$40 million",
            "The registry",
        ),
        # a verb of publishing or naming: what it puts out states the figure
        ("The harbour board published a list of 300 unsafe moorings.", "300", "The harbour board"),
        ("Jane Roe named five people to the ferry panel.", "five", "Jane Roe"),
        # putting out a document or list: the list's figures are its author's
        ("The council released a list of 250 donors.", "250", "The council"),
        # a noun of decision or willingness with its owner: what it intends is the owner's
        (
            "Jane Roe's decision to open the harbour to 40 more ferries drew protests.",
            "40",
            "Jane Roe",
        ),
        # a predicate of certainty: what its subject is sure or assured of is the subject's
        ("The mayor is confident that 4,000 visitors will come.", "4,000", "The mayor"),
        ("Jane Roe is now assured of winning at least 175 seats.", "at least 175", "Jane Roe"),
        # a poll with a participle of evidence: what it shows is its finding
        (
            "In the wake of a new poll showing support for the ferry down to 14 percent, the"
            " council met.",
            "14 percent",
            "a new poll",
        ),
        # a document with a speech participle: its author when it is "in" the author's act
        (
            "The ferry company hit back in an article stating that the harbour was the busiest,"
            " with 79 sailings a day.",
            "79",
            "The ferry company",
        ),
        # a reason given with what is said is part of it
        (
            "The levy is good news, the mayor said, because ferry traffic has grown by 40 percent.",
            "40 percent",
            "the mayor",
        ),
        # a verb of judgment: its that-clause is what the subject holds
        (
            "The judge ruled that the ferry company had overcharged 300 passengers.",
            "300",
            "The judge",
        ),
        # a relative clause on the subject of a reported clause is part of what is reported
        (
            "The harbour master says that Jane Roe, who owns 40 boats, has lost $100,000 this"
            " year.",
            "40",
            "The harbour master",
        ),
        # "in <poll>" on a word of the number's clause: the poll states it
        (
            "Just 18 percent of ferry riders have a favorable view of the levy in a new harbour"
            " poll.",
            "18 percent",
            "a new harbour poll",
        ),
        # "point out" says its object
        (
            "The harbour report also points out a ferry levy that raised $622 million.",
            "$622 million",
            "The harbour report",
        ),
        # a common-noun source named by example: the mention runs over the name
        (
            "Critics like Jane Roe urged the council to cut the fare to $2.",
            "$2",
            "Jane Roe",
        ),
        ("Analysts with the ferry agency say that 27 sailings will stop.", "27", "ferry agency"),
        # "reaffirm" is a verb of saying, and its clause runs on past a colon
        (
            "In Ohio, the survey reaffirmed that the ferry is popular: 42% of riders use it daily.",
            "42%",
            "the survey",
        ),
        # a month abbreviation ends no sentence: the clause after "Mar. 15" is still reported
        (
            "Jane Roe explained after the vote on Mar. 15, she would need 68 percent of the seats.",
            "68 percent",
            "Jane Roe",
        ),
        # a number hyphened to a modifier is no count of the mention: the poll can claim
        (
            "The ferry levy leads by 57 percent to 33 percent in the 50-state harbour poll.",
            "57 percent",
            "the 50-state harbour poll",
        ),
        # "N percent said they …" with the poll in what they said: the poll states it
        (
            "Sixty percent of riders said they had a poor view of the levy in a new harbour poll"
            " this month.",
            "Sixty percent",
            "a new harbour poll",
        ),
        # a noun of stance with its owner: the owner holds what its of/to phrase names
        (
            "Among the votes was Jane Roe's opposition to the $40 million ferry levy.",
            "$40 million",
            "Jane Roe",
        ),
        ("Her tentative embrace of a $2 ferry fare drew protests.", "$2", "Her"),
        # a name set off by commas before a subjectless speech verb is its subject, whatever
        # noun the parse hung it on
        (
            "As a part of her plea, Jane Roe, 44, said that she defrauded nearly 100 ferry riders.",
            "nearly 100",
            "Jane Roe",
        ),
        # a trailing report covers the descriptions in what comes before it
        (
            "Jane Roe stopped at the old pier, where 49 ferries were sunk in May, the Harbour"
            " Gazette reported Friday.",
            "49",
            "the Harbour Gazette",
        ),
        # a relative on the subject of a clause subordinate to a reported clause is reported
        (
            "The mayor pointed out that Jane Roe (who has 231 boats) must sell 58 percent of them,"
            " while John Doe (who has 110 boats) must sell 64 percent.",
            "110",
            "The mayor",
        ),
        # an "according to" inside a clause a speaker reports: the speaker claims it
        (
            "The Harbour Gazette reported that, according to an analysis of ferry logs, 85 of"
            " the 154 sailings were late.",
            "85",
            "The Harbour Gazette",
        ),
        # a given average of polls is data the clause is in
        (
            "Jane Roe leads John Doe by 46 percent to 37 percent in the Harbour Tribune average of"
            " recent ferry polls.",
            "46 percent",
            "the Harbour Tribune average",
        ),
        # pushing or lobbying for something is a stance: what is pushed for is the subject's
        (
            "The mayor is currently pushing for the city to require a $15 minimum wage.",
            "$15",
            "The mayor",
        ),
        (
            "Jane Roe has been lobbying Mayor Doe to embrace several of her proposals, including"
            " free ferries and a $2 minimum fare.",
            "$2",
            "Jane Roe",
        ),
        # a verb of disparagement: what the critic runs down is described by the critic
        (
            "Jane Roe belittled the issue of the $1 million in ferry loans.",
            "$1 million",
            "Jane Roe",
        ),
        (
            "Jane Roe rips the agreement to restructure the harbour's $70 million in debt.",
            "$70 million",
            "Jane Roe",
        ),
        # a vote is a stance: what is voted for or against, or voted to do, is the voter's
        (
            "He was among 25 senators in 2008 to vote against the $700 million ferry bailout.",
            "$700 million",
            "He",
        ),
        (
            "In May, the harbour board voted to pay $5.5 million to the fishermen.",
            "$5.5 million",
            "the harbour board",
        ),
        # blame: what is blamed is the blamer's account
        (
            "The storm, which the mayor blamed for the floods that sank more than 125 boats,"
            " passed.",
            "more than 125",
            "the mayor",
        ),
    ],
)
def test_agent_claims(
    claimants: Callable[[str], dict[str, str | None]], text: str, surface: str, author: str
) -> None:
    assert author in (claimants(text)[surface] or "")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # "ranks second with N" has no object: the outlet states the standing
        ("The ferry company ranks second with $74 million.", "$74 million"),
        # "in the poll" inside the number's own phrase says whom the poll asked
        ("Forty-six percent of riders in the poll blamed the levy.", "Forty-six percent"),
        # released pages are no document of the releaser's findings
        ("The council released 1,100 pages of emails on Friday.", "1,100"),
        # "an average of polls" as a bar to reach is no source
        ("Jane Roe needs to close in on 15 percent in an average of polls.", "15 percent"),
        # a tally of votes is no object of stance
        ("The harbour board voted 12 to 3 on the levy.", "12"),
    ],
)
def test_outlet_states(
    claimants: Callable[[str], dict[str, str | None]], text: str, surface: str
) -> None:
    assert claimants(text)[surface] is None


def test_verb_read_as_noun_is_a_cue() -> None:
    """A noun with a subject and a reported clause of its own is a verb the tagger misread
    ("Audit files show that …" tagged show/NOUN): it is a cue like its verb reading."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newstables.extract.claims.verbs import is_cue_verb

    words = ["Audit", "files", "show", "that", "two", "accounts", "made", "24", "searches"]
    heads = [1, 2, 2, 6, 5, 6, 2, 8, 6]
    deps = ["compound", "nsubj", "ROOT", "mark", "nummod", "nsubj", "ccomp", "nummod", "dobj"]
    pos = ["PROPN", "NOUN", "NOUN", "SCONJ", "NUM", "NOUN", "VERB", "NUM", "NOUN"]
    lemmas = ["audit", "file", "show", "that", "two", "account", "make", "24", "search"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert is_cue_verb(doc[2])
    assert not is_cue_verb(doc[8])  # a noun object without a clause stays a noun
    # "Roe estimates that he spent 45 million": the name read as a compound is the subject
    words = ["Roe", "estimates", "that", "he", "spent", "45", "million"]
    heads = [1, 1, 4, 4, 1, 6, 4]
    deps = ["compound", "ROOT", "mark", "nsubj", "ccomp", "compound", "dobj"]
    pos = ["NOUN", "NOUN", "SCONJ", "PRON", "VERB", "NUM", "NUM"]
    lemmas = ["roe", "estimate", "that", "he", "spend", "45", "million"]
    ents = ["B-PERSON", "O", "O", "O", "O", "O", "O"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)
    assert is_cue_verb(doc[1])


def test_object_conjoined_on_the_verb_is_content() -> None:
    """ "It showed $200,000 in payments, and $47,000 to …" parsed with the second amount as a
    conjunct of the verb: it is a second object, as much the finding as the first."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newstables.extract.claims.verbs import _content_edge

    words = ["It", "showed", "$", "200,000", ",", "and", "$", "47,000"]
    heads = [1, 1, 3, 1, 1, 1, 7, 1]
    deps = ["nsubj", "ROOT", "nmod", "dobj", "punct", "cc", "nmod", "conj"]
    pos = ["PRON", "VERB", "SYM", "NUM", "PUNCT", "CCONJ", "SYM", "NUM"]
    lemmas = ["it", "show", "$", "200,000", ",", "and", "$", "47,000"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    assert _content_edge(doc[1], doc[7])


def test_the_one_given_to_is_no_finding() -> None:
    """ "Twitter has given more than 200 organizations the ability …": a body that gives shows
    nothing by whom it gives to (the dative is no content, whatever the subject)."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newstables.extract.claims.verbs import _content_edge

    words = ["Twitter", "has", "given", "200", "organizations", "the", "ability"]
    heads = [2, 2, 2, 4, 2, 6, 2]
    deps = ["nsubj", "aux", "ROOT", "nummod", "dative", "det", "dobj"]
    pos = ["PROPN", "AUX", "VERB", "NUM", "NOUN", "DET", "NOUN"]
    lemmas = ["twitter", "have", "give", "200", "organization", "the", "ability"]
    ents = ["B-ORG", "O", "O", "O", "O", "O", "O"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)
    assert not _content_edge(doc[2], doc[4])


def test_opening_participle_read_as_a_subject_describes() -> None:
    """ "Boasting 108,000 residents, called the Crossroads, the county seems …" parsed with the
    participle as the subject of "called": a comma closes it, so it is still an opening
    description, whose numbers are the outlet's."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newstables.extract.claims.verbs import description

    words = ["Boasting", "108,000", "residents", ",", "called", "X", ",", "it", "seems", "big"]
    heads = [4, 2, 0, 0, 8, 4, 8, 8, 8, 8]
    deps = ["nsubj", "nummod", "dobj", "punct", "ccomp", "oprd", "punct", "nsubj", "ROOT", "acomp"]
    pos = ["VERB", "NUM", "NOUN", "PUNCT", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "ADJ"]
    tags = ["VBG", "CD", "NNS", ",", "VBD", "NNP", ",", "PRP", "VBZ", "JJ"]
    lemmas = ["boast", "108,000", "resident", ",", "call", "X", ",", "it", "seem", "big"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    found = description(doc[1])
    assert found is not None and found.i == 0


def test_speaker_of_a_relative_clause_on_another_noun(make_plain_context: MakeContext) -> None:
    """ "… given to the harbour board, which she said represented all her emails": a speaker
    whose verb heads a relative clause on another noun speaks only of that noun, not of the
    numbers elsewhere in the sentence."""
    from newstables.extract.claims import _relative_aside

    text = (
        "The files included 44 emails that were not among the pages Jane Roe had given to the"
        " harbour board, which she said represented all her emails."
    )
    ctx = make_plain_context(text)
    she, number = text.index("she said"), text.index("44")
    assert _relative_aside(ctx, she, number)
    assert not _relative_aside(ctx, text.index("Jane"), number)
