"""Who claims a number, on made-up sentences (issue 12): the source of the attribution whose
content holds the number; the outlet's own narration has no claimant."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("text", "surface", "claimant"),
    [
        # an attitude verb: what the subject hopes, expects or wants holds the number
        ("The mayor hopes to plant 5,000 trees by spring.", "5,000", "The mayor"),
        ("Jane Roe called for a 15 percent cut in ferry fares.", "15 percent", "Jane Roe"),
        # a verb of knowing: what the subject knows or remembers holds the number
        (
            "The harbour master remembers that the storm sank 40 boats.",
            "40",
            "The harbour master",
        ),
        # a pronoun that expects inside someone's speech yields to the speaker
        (
            "Jane Roe, the ferry operator's spokeswoman, said she expects up to 4,000 passengers.",
            "up to 4,000",
            "Jane Roe",
        ),
        # a pronoun that finds inside someone's speech yields to the speaker
        (
            "Harbour officials say they have found nearly 200 more leaks.",
            "nearly 200",
            "Harbour officials",
        ),
        # what another wants or backs inside someone's claim is the speaker's claim
        (
            "Jane Roe claimed that the mayor wanted to cut 300 ferry jobs.",
            "300",
            "Jane Roe",
        ),
        # ... and so is what another expects or believes
        (
            "Jane Roe said the harbour board expects 4,000 passengers a day.",
            "4,000",
            "Jane Roe",
        ),
        # a poll shows a small clause: any non-subject of the evidence verb is its content
        ("A harbour survey shows the mayor with 47 percent.", "47 percent", "A harbour survey"),
        # an aside or a trailing attribution attributes the clause it hangs on
        (
            "As the Daily Planet noted, the club raised more than $1.1 million.",
            "more than $1.1 million",
            "the Daily Planet",
        ),
        (
            "Eighty-four percent of ferry riders back the new timetable, the survey found.",
            "Eighty-four percent",
            "the survey",
        ),
        # a dated report is still a source ("a 2019 report"), and a poll parsed as a noun
        (
            "A 2019 report by the Harbour Institute found that the levy would raise $220 million.",
            "$220 million",
            "A 2019 report by the Harbour Institute",
        ),
        # a poll opening the sentence holds each of its numbers, past a semicolon
        (
            "In a harbour poll released Sunday, 8 percent of riders backed the fare rise; just "
            "3 percent of riders said they would stop taking the ferry.",
            "3 percent",
            "a harbour poll",
        ),
        # a relative pronoun names its noun's claim ("Roe, who estimated …")
        (
            "The levy was backed by Jane Roe, who estimated that it would raise $40 million.",
            "$40 million",
            "who",
        ),
        # a number word that counts the speakers is no amount of theirs
        (
            "According to one source, the firm guards 90 percent of the harbour's ferries.",
            "90 percent",
            "one source",
        ),
        ("Two officials said the levy would raise $40 million.", "$40 million", "Two officials"),
        # a poll or tally the clause is in, before or after the number
        (
            "In May, the mayor had 38 percent support in a harbour poll.",
            "38 percent",
            "a harbour poll",
        ),
        ("By the council's tally, the mayor now has 739 votes.", "739", "the council's tally"),
        # a common-noun source runs over the place it speaks from, unless that holds a number
        (
            "Analysts at the harbour bank, who met on Monday, expect 12 percent growth.",
            "12 percent",
            "Analysts at the harbour bank",
        ),
        # ... and over every place of a list, however the parser hung its last item
        (
            "Engineers from Valmora, Ostrava, and Lindau have estimated that 300 bridges "
            "need work.",
            "300",
            "Engineers from Valmora, Ostrava, and Lindau",
        ),
        # an outlet's poll after "according to" is the source, not a relay of a voice above it
        (
            "Surveys find the levy popular, with 56 percent of riders backing it, according to"
            " a Reuters poll.",
            "56 percent",
            "a Reuters poll",
        ),
        # "according to NAME, APPOSITION": the name is the mention
        (
            "The ferry lost $3 million, according to Jane Roe, the harbour board's treasurer.",
            "$3 million",
            "Jane Roe",
        ),
        # what a poll has or gives is its finding
        (
            "The latest harbour poll has the mayor at 41 percent.",
            "41 percent",
            "The latest harbour poll",
        ),
        # "call for X to …": what the speaker calls for is content
        (
            "Jane Roe has called for the ferry fare, now $3 a trip, to be cut to $2 by June.",
            "$2",
            "Jane Roe",
        ),
        # "X has it at N" sets a figure as "X puts it at N" does
        (
            "The union says the ferry carries 3,000 a day; the harbour board has it at 4,000.",
            "4,000",
            "the harbour board",
        ),
        # an "unless" condition of what is threatened is part of the threat
        (
            "Jane Roe threatened to close the port unless she is paid $5 million.",
            "$5 million",
            "Jane Roe",
        ),
        # "it" that shows or says (a document or body spoken of before) claims the number
        (
            "The harbour board filed its report on Monday. It showed $200,000 in payments to"
            " ferry firms.",
            "$200,000",
            "It",
        ),
        # a law the clause is under, or a law that allows or requires, sets its terms
        (
            "Under harbour law, ferries carrying more than 300 passengers need two crews.",
            "more than 300",
            "harbour law",
        ),
        (
            "The vote was held under a state law that allows towns with fewer than 100 voters"
            " to count by hand.",
            "fewer than 100",
            "a state law",
        ),
        # a named person whose speech verb inside a quotation reports the number claims it
        (
            'Lee wrote: "The board first approved 70,000 passengers. Then, in 2017, Jane Roe'
            ' said that 100,000 would be carried."',
            "100,000",
            "Jane Roe",
        ),
        # ... but what the quoted speaker saw someone say stays the quoted speaker's
        (
            'Lee said: "I saw in the news today that Roe said her approval was 41 percent."',
            "41 percent",
            "Lee",
        ),
        # a relative clause of "have" under a poll's finding goes on with the finding
        (
            "A new harbour poll shows Jane Roe with 47 percent versus Lee, who has 44 percent.",
            "44 percent",
            "A new harbour poll",
        ),
        # what a poll gives is its finding
        (
            "The mayor trails, with a harbour poll giving Jane Roe a lead of 1,200 votes.",
            "1,200",
            "a harbour poll",
        ),
        # "said A, but that B": the second "that" clause is content too
        (
            "The mayor said the town needs to secure the pier and create a ferry program, but"
            " that she would not support mass layoffs or cutting the entire 300-person"
            " harbour staff.",
            "300",
            "The mayor",
        ),
        # a reported clause that runs up to a colon goes on past it
        (
            "A survey by the union found that riders trust the ferry more than the bus: 70"
            " percent say it is safer.",
            "70 percent",
            "A survey by the union",
        ),
        # the owner of a claim or pledge holds the number in its clause
        (
            "The mayor's claim that the levy raised $40 million was disputed.",
            "$40 million",
            "The mayor",
        ),
        ("Jane Roe's pledge to plant 5,000 trees won praise.", "5,000", "Jane Roe"),
    ],
)
def test_content_of_attribution(
    claimants: Callable[[str], dict[str, str | None]], text: str, surface: str, claimant: str
) -> None:
    assert claimants(text)[surface] == claimant


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        # a clause of time or cause ("since …", "while …") is a circumstance, not an aside
        (
            "Ferry fares have fallen, and nearly 400 more harbour jobs have been created since"
            " the recovery began.",
            "nearly 400",
        ),
        # a number in an "according to" source phrase counts the source: the outlet's
        (
            "Ferry fares will rise next year, according to a poll of 400 harbour workers"
            " released on Friday by the union.",
            "400",
        ),
        # a cue verb the parser hung across a sentence end does not reach the next sentence
        (
            "Jane Roe said her husband \"said right from the beginning, 'You know, if you run you"
            " know you are going to win.'”\n\nWith 76 percent of the vote counted in the harbour"
            " primary, Roe was leading.",
            "76 percent",
        ),
        # ... nor does a trailing attribution of the next sentence reach a headline
        (
            "Falling Fares to Reverse Course in '16 as U.S. Ages.\n\nDOVER --  A six-year trend"
            " of falling ferry fares will end this year, sooner than expected, the harbour board"
            " reported on Tuesday -- a turn that raises new questions.",
            "16",
        ),
        # "claiming 41 percent of the vote": a share won, not a claim made
        ("Jane Roe took the harbour seat, claiming 41 percent of the vote.", "41 percent"),
        # how a group split ("favored Roe 46 percent to 32 percent") is the outlet's tally
        ("Officers favored Roe 46 percent to 32 percent.", "46 percent"),
        # an "according to" in parentheses sources only what those parentheses hold
        (
            "Harbour towns like Dover (93 percent of its ferries were late, according to port"
            " records), Hull (79 percent) and Rye (86 percent) top the list.",
            "79 percent",
        ),
        # a time is no claimant ("said by telephone this week")
        ("Jane Roe, now 81 and retired in Dover, said by telephone this week.", "81"),
        # a cue verb whose literal sense takes an amount: the outlet states it
        ("The harbour club charged a $2,000 joining fee.", "$2,000"),
        ("The county added 3,000 jobs last year.", "3,000"),
        # a non-restrictive relative clause is the outlet's description (on the subject of the
        # reported clause it is reported: test_claims_general)
        (
            "Jane Roe said that the board will meet the club, which has raised $4 million since"
            " May.",
            "$4 million",
        ),
        # a circumstance of a cue verb is no content of it
        ("Two days after a storm that killed 14 people, the mayor proposed a new levy.", "14"),
        (
            "Jane Roe, who has given $4,000 to the rowing club, said the regatta must go on.",
            "$4,000",
        ),
        # the object of "tell" and "ask" is who is spoken to
        ("The mayor told a crowd of 1,300 that the pier would reopen.", "1,300"),
        # how a group split is no attitude of the group
        ("Ferry riders favored Jane Roe, 82 percent to 6 percent.", "82 percent"),
        # "according to" does not reach past its paragraph
        ("According to the harbour office, the winners were:\nJane Roe, 62\nJohn Doe, 58", "58"),
        # a later verb that does not report ("promising to build", "have suggested") says
        # nothing of an earlier number
        (
            "As the ministers met in Ottawa, Jane Roe was 340 miles away in Bangor, promising "
            "to build a new pier.",
            "340",
        ),
        (
            "Still, the 125,000 suspensions are far higher than previous studies have suggested.",
            "125,000",
        ),
        # a conjoined verb of the same actor is no aside ("… and began March with")
        (
            "Jane Roe raised $11.9 million in February and, despite burning through $17.5 "
            "million over the month, began March with $8 million in cash.",
            "$11.9 million",
        ),
        # a dummy "it" claims nothing
        ("It is expected that the port will lose 300 jobs.", "300"),
        # ... but a relative clause of another verb stays the outlet's description
        ("A new harbour poll shows Jane Roe, who has given $4,000 to the club, ahead.", "$4,000"),
        # a poll's margin of error describes the poll
        ("The harbour poll has a margin of error of 3.5 percent.", "3.5 percent"),
        # "continue" as an aspect verb reports nothing
        ("The ferry line continues to trail its rival by 300 passengers a day.", "300"),
        # "find its way" is a motion, not a finding
        ("Each spring, a flock of geese finds its way to a lake of 300 acres.", "300"),
        # a participle clause opening the sentence describes its subject
        (
            "Sharing a 300-mile coastline, the two harbour towns, the mayor said, now trade"
            " more than ever.",
            "300",
        ),
        # a number counting whom a poll asked describes the poll
        ("In a harbour poll of 800 riders, the union found that the levy is popular.", "800"),
        (
            "In a study based on 1,500 interviews, the ferry union found wide support for"
            " the levy.",
            "1,500",
        ),
        # a comma-set apposition headed by a common noun is the outlet's description
        (
            "Harbour officials say the levy will pay for the sea wall, a 300-metre barrier the"
            " council has long wanted.",
            "300",
        ),
        (
            "Officials say Jane Roe, the skipper who rescued 49 sailors in May, held two licences.",
            "49",
        ),
        # ... or opened by an article before a name ("the Afghan-American who …")
        (
            "Officials say John Doe, the Afghan-American who rescued 49 sailors in May, held"
            " two licences.",
            "49",
        ),
        # a plain adjective or a counted noun before a tally is no owner of it
        ("The current ballot count is Jane Roe 384, John Doe 300, and Ann Lee 151.", "300"),
    ],
)
def test_narration_has_no_claimant(
    claimants: Callable[[str], dict[str, str | None]], text: str, surface: str
) -> None:
    assert claimants(text)[surface] is None


def test_markup_attributes_are_no_figures(
    claimants: Callable[[str], dict[str, str | None]],
) -> None:
    text = '<tweet id="672138506081275904" author="@harbour">Ferry fares rise 5 percent.</tweet>'
    assert list(claimants(text)) == ["5 percent"]
