"""Dates in made-up sentences about everyday news, resolved against one publication date.

Each case is one sentence with one date expression: what a reader would underline and the days
it allows. The publication date is Wednesday 18 June 2031.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from newstables.extract import ArticleContext
from newstables.extract.dates import find_dates
from newstables.extract.figures import extract_figures

MakeContext = Callable[..., ArticleContext]  # the conftest fixture make_plain_context
PUB = date(2031, 6, 18)  # a Wednesday
D = date

# sentence, the date expression in it, EDTF, first and last day it allows
CASES = [
    # absolute, several formats
    ("The council approved the new water rates on 14 March 2031.",
     "14 March 2031", "2031-03-14", D(2031, 3, 14), D(2031, 3, 14)),
    ("The hospital strike began on March 3, 2031, after talks failed.",
     "March 3, 2031", "2031-03-03", D(2031, 3, 3), D(2031, 3, 3)),
    ("The bottling plant closed on Sept. 30, 2030.",
     "Sept. 30, 2030", "2030-09-30", D(2030, 9, 30), D(2030, 9, 30)),
    ("The court set the appeal hearing for 2031-09-02.",
     "2031-09-02", "2031-09-02", D(2031, 9, 2), D(2031, 9, 2)),
    ("The verdict came on Tuesday, 10 June 2031.",
     "Tuesday, 10 June 2031", "2031-06-10", D(2031, 6, 10), D(2031, 6, 10)),
    ("The science agency launched the probe in October 2030.",
     "October 2030", "2030-10", D(2030, 10, 1), D(2030, 10, 31)),
    ("Polls open on 2 November for the general election.",
     "2 November", "2031-11-02", D(2031, 11, 2), D(2031, 11, 2)),
    # weekdays and days relative to publication
    ("Nurses walked out on Monday over pay.",
     "Monday", "2031-06-16", D(2031, 6, 16), D(2031, 6, 16)),
    ("The storm knocked out power on Sunday night.",
     "Sunday night", "2031-06-15", D(2031, 6, 15), D(2031, 6, 15)),
    ("The club unveiled its new striker last Thursday.",
     "last Thursday", "2031-06-12", D(2031, 6, 12), D(2031, 6, 12)),
    ("The school board met yesterday to discuss the budget.",
     "yesterday", "2031-06-17", D(2031, 6, 17), D(2031, 6, 17)),
    ("The appeal hearing resumes next Tuesday.",
     "next Tuesday", "2031-06-24", D(2031, 6, 24), D(2031, 6, 24)),
    ("Voting ends at midnight on Sunday, June 22.",
     "Sunday, June 22", "2031-06-22", D(2031, 6, 22), D(2031, 6, 22)),
    # months and longer stretches relative to publication
    ("Water bills went up last month.",
     "last month", "2031-05", D(2031, 5, 1), D(2031, 5, 31)),
    ("Rainfall was light earlier this month.",
     "earlier this month", "2031-06-01/2031-06-18", D(2031, 6, 1), PUB),
    ("The farm has lost half its herd over the past two years.",
     "the past two years", "2029-06-18/2031-06-18", D(2029, 6, 18), PUB),
    ("Forecasters expect the rain to return by mid-June.",
     "mid-June", "2031-06-11/2031-06-20", D(2031, 6, 11), D(2031, 6, 20)),
    # seasons (northern hemisphere) and quarters
    ("The barley crop failed last summer.",
     "last summer", "2030-22", D(2030, 6, 1), D(2030, 8, 31)),
    ("The stadium roof will be rebuilt this winter.",
     "this winter", "2031-24", D(2031, 12, 1), D(2032, 2, 29)),
    ("The club moved to its new ground in the spring of 2030.",
     "the spring of 2030", "2030-21", D(2030, 3, 1), D(2030, 5, 31)),
    ("The software maker's revenue fell in the first quarter of 2031.",
     "the first quarter of 2031", "2031-33", D(2031, 1, 1), D(2031, 3, 31)),
    ("The layoffs are due to be completed in Q4 2031.",
     "Q4 2031", "2031-36", D(2031, 10, 1), D(2031, 12, 31)),
    ("The airline's profits fell in the second half of 2030.",
     "the second half of 2030", "2030-07/2030-12", D(2030, 7, 1), D(2030, 12, 31)),
    # ranges
    ("The food festival ran May 3-9 on the harbour front.",
     "May 3-9", "2031-05-03/2031-05-09", D(2031, 5, 3), D(2031, 5, 9)),
    ("Water use in the city rose between 2019 and 2022.",
     "between 2019 and 2022", "2019/2022", D(2019, 1, 1), D(2022, 12, 31)),
    ("The reservoir was closed between June and August 2030.",
     "between June and August 2030", "2030-06/2030-08", D(2030, 6, 1), D(2030, 8, 31)),
    ("Ticket prices for the 2031-32 season were frozen.",
     "2031-32", "2031/2032", D(2031, 1, 1), D(2032, 12, 31)),
    ("The water-rate dispute dates back to the 1990s.",
     "the 1990s", "199X", D(1990, 1, 1), D(1999, 12, 31)),
    # approximations
    ("The council first discussed the rate rise around November 2030.",
     "around November 2030", "2030-11~", D(2030, 11, 1), D(2030, 11, 30)),
    ("Farmers first noticed the wells running low around November.",
     "around November", "2030-11~", D(2030, 11, 1), D(2030, 11, 30)),
    # the future: the coming weekday or month, not the last one
    ("The board will vote on Friday.",
     "Friday", "2031-06-20", D(2031, 6, 20), D(2031, 6, 20)),
    ("The agency will publish its report in September.",
     "September", "2031-09", D(2031, 9, 1), D(2031, 9, 30)),
    # but a past clause inside a future sentence keeps the past
    ("Officials will inspect the pier that collapsed on Monday.",
     "Monday", "2031-06-16", D(2031, 6, 16), D(2031, 6, 16)),
    # ranges of days in words, a day and month with "last year", decades ago
    ("The food festival ran from May 3 to May 9.",
     "from May 3 to May 9", "2031-05-03/2031-05-09", D(2031, 5, 3), D(2031, 5, 9)),
    ("The pier was damaged between March 1 and March 15.",
     "between March 1 and March 15", "2031-03-01/2031-03-15", D(2031, 3, 1), D(2031, 3, 15)),
    ("Shops closed early on Dec. 24 last year.",
     "Dec. 24 last year", "2030-12-24", D(2030, 12, 24), D(2030, 12, 24)),
    ("The plant was built a decade ago.",
     "a decade ago", "2021~", D(2021, 1, 1), D(2021, 12, 31)),
]  # fmt: skip


# early / mid / late split a year by quarters (extract/dates.py): Jan-Mar, Apr-Sep, Oct-Dec
YEAR_PARTS = [
    ("The school opened its new science wing in early 2031.",
     "early 2031", "2031-01/2031-03", D(2031, 1, 1), D(2031, 3, 31)),
    ("The new reservoir should be full by mid-2031.",
     "mid-2031", "2031-04/2031-09", D(2031, 4, 1), D(2031, 9, 30)),
    ("The general election is expected in late 2031.",
     "late 2031", "2031-10/2031-12", D(2031, 10, 1), D(2031, 12, 31)),
    ("The tech firm announced the layoffs late last year.",
     "late last year", "2030-10/2030-12", D(2030, 10, 1), D(2030, 12, 31)),
    ("Rates have been frozen since early this year.",
     "early this year", "2031-01/2031-03", D(2031, 1, 1), D(2031, 3, 31)),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "surface", "edtf", "start", "end"), CASES + YEAR_PARTS)
def test_one_date_per_sentence(
    sentence: str, surface: str, edtf: str, start: date, end: date
) -> None:
    [mention] = find_dates(sentence, PUB)
    assert sentence[mention.start : mention.end] == mention.surface
    assert (mention.surface, mention.value.edtf) == (surface, edtf)
    assert (mention.value.start, mention.value.end) == (start, end)


def test_two_weeks_ago_is_around_the_fourth_of_june() -> None:
    [mention] = find_dates("The club signed the goalkeeper two weeks ago.", PUB)
    assert mention.surface == "two weeks ago"
    assert mention.value.relative
    assert mention.value.start <= D(2031, 6, 4) <= mention.value.end
    assert (mention.value.end - mention.value.start).days < 7


def test_since_a_month_names_the_month_it_started() -> None:
    [mention] = find_dates("The nurses have been on strike since March.", PUB)
    assert mention.surface.endswith("March")
    assert (mention.value.start, mention.value.end) == (D(2031, 3, 1), D(2031, 3, 31))


def test_relative_dates_need_the_publication_date() -> None:
    text = "Nurses walked out on Monday, and the talks of 14 March 2031 had failed."
    assert [m.surface for m in find_dates(text, None)] == ["14 March 2031"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Judge April Winters ruled on the tenancy case.",
        "The March for Clean Water drew a large crowd.",
        "The mayor may run again.",
        "The strike has lasted three weeks.",
        "The club finished its fourth season in the top division.",
    ],
)
def test_no_date_in_names_modal_verbs_and_durations(sentence: str) -> None:
    assert find_dates(sentence, PUB) == []


def test_a_figure_takes_the_date_of_its_clause(make_plain_context: MakeContext) -> None:
    text = "The water utility lost 1,500 customers last year."
    [figure], _ = extract_figures(make_plain_context(text, published=PUB), [])
    assert (figure.value, figure.as_of) == (1500, "2030")
    assert (figure.as_of_start, figure.as_of_end) == (D(2030, 1, 1), D(2030, 12, 31))
