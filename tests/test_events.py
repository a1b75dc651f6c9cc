"""Events from small example sentences (triggers, arguments, dates, factuality), merging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstables.assemble.events import (
    apply_decisions,
    choose_date,
    cluster_block,
    compatible,
    merge_events,
    related,
)
from newstables.curation import Curation
from newstables.edtf import label
from newstables.extract import ArticleContext, EventDraft
from newstables.extract.events import extract_events
from newstables.models import DateBasis, EventType, Factuality

MakeContext = Callable[..., ArticleContext]  # the conftest fixture make_context

PUBLISHED = dt.date(2025, 4, 28)  # a Monday


Extract = Callable[[str], list[EventDraft]]


@pytest.fixture(scope="module")
def events(make_context: MakeContext) -> Extract:
    def run(text: str) -> list[EventDraft]:
        found = extract_events(make_context(text, published=PUBLISHED))
        for d in found:
            assert text[d.char_start : d.char_end] == d.text
            assert d.trigger in d.text
        return found

    return run


def one(found: list[EventDraft], event_type: EventType) -> EventDraft:
    matching = [d for d in found if d.event_type == event_type]
    assert len(matching) == 1, found
    return matching[0]


# --- triggers and arguments -----------------------------------------------------------------


def test_deployment_with_actor_recipient_and_clause_date(events: Extract) -> None:
    d = one(events("North Korea sent about 11,000 soldiers to Russia late last year."), "MOBILIZE")
    assert (d.actor_id, d.recipient_id, d.mode, d.key) == (
        "north-korea",
        "russia",
        "troops",
        "deployment",
    )
    assert (d.date, d.date_start, d.date_end) == (
        "2024-10/2024-12",
        dt.date(2024, 10, 1),
        dt.date(2024, 12, 31),
    )
    assert d.date_basis == DateBasis.relative and d.trigger == "sent"


def test_another_contingent_is_a_reinforcement(events: Extract) -> None:
    d = one(events("Another 3,000 soldiers were reportedly sent in early 2025."), "MOBILIZE")
    assert d.key == "reinforcement" and d.date_basis == DateBasis.explicit
    assert d.factuality == Factuality.claimed  # "reportedly"


def test_send_needs_troops_not_letters(events: Extract) -> None:
    assert all(d.event_type != EventType.MOBILIZE for d in events("Kim sent a letter to Putin."))


def test_no_date_in_the_clause_is_unknown_not_the_publication_date(events: Extract) -> None:
    d = one(events("Putin thanked Kim Jong Un for sending troops."), "SUPPORT")
    assert d.date is None and d.date_basis == DateBasis.unknown
    mobilize = one(events("Putin thanked Kim Jong Un for sending troops."), "MOBILIZE")
    assert mobilize.actor_id == "kim-jong-un"  # thanked X for doing: X did it


def test_the_date_belongs_to_its_own_clause(events: Extract) -> None:
    found = events("Putin on Monday thanked Kim for deploying troops.")
    assert one(found, "SUPPORT").date == "2025-04-28"
    assert one(found, "MOBILIZE").date is None


def test_condemnation_targets_the_possessor(events: Extract) -> None:
    d = one(events("South Korea's Defense Ministry condemned North Korea's admission."), "ACCUSE")
    assert (d.actor_id, d.recipient_id) == ("south-korea-defense-ministry", "north-korea")


def test_first_confirmation_is_a_statement(events: Extract) -> None:
    text = "Russia confirmed on Saturday for the first time that North Korean soldiers had fought."
    d = one(events(text), "STATEMENT")
    assert (d.actor_id, d.date, d.key) == ("russia", "2025-04-26", "confirmation")


def test_negated_trigger_gives_no_mention(events: Extract) -> None:
    found = events("Neither Russia nor North Korea had previously confirmed or denied it.")
    assert not [d for d in found if d.event_type in (EventType.STATEMENT, EventType.REJECT)]


def test_must_end_is_a_request_by_whoever_says_it(events: Extract) -> None:
    d = one(
        events("The US state department said Pyongyang's military deployment must end."), "REQUEST"
    )
    assert (d.actor_id, d.recipient_id) == ("us-state-department", "north-korea")


def test_ready_to_provide_assistance_is_an_offer(events: Extract) -> None:
    d = one(
        events("The Kremlin said Russia was ready to provide assistance to North Korea."), "AGREE"
    )
    assert (d.key, d.factuality, d.actor_id, d.recipient_id) == (
        "offer", Factuality.planned, "russia", "north-korea"
    )  # fmt: skip


def test_weapons_supply_that_continues_is_open_until_publication(events: Extract) -> None:
    d = one(events("North Korea continues to supply Russia with shells and missiles."), "AID")
    assert (d.actor_id, d.recipient_id, d.date) == ("north-korea", "russia", "../2025-04-28")
    assert d.date_start is None and d.date_end == PUBLISHED


def test_planned_monument_honouring_troops(events: Extract) -> None:
    text = "Kim Jong Un said a monument honoring the soldiers would soon be erected in Pyongyang."
    d = one(events(text), "SUPPORT")
    assert (d.actor_id, d.factuality) == ("kim-jong-un", Factuality.planned)


def test_hypothetical_and_claimed(events: Extract) -> None:
    could = one(events("North Korea could send more troops to Russia."), "MOBILIZE")
    assert could.factuality == Factuality.hypothetical
    claim = one(events("Russia claimed that Ukrainian forces had been expelled."), "ASSAULT")
    assert (claim.key, claim.factuality) == ("recapture", Factuality.claimed)


def test_offensive_and_recapture_are_different_keys(events: Extract) -> None:
    text = (
        "Russia retook the areas that Ukrainian forces had seized during an offensive last August."
    )
    found = {d.key: d for d in events(text) if d.event_type == EventType.ASSAULT}
    assert found["offensive"].actor_id == "ukrainian-military"
    assert found["offensive"].date == "2024-08"
    assert found["recapture"].actor_id == "russia"


def test_despite_a_claim_is_a_rejection(events: Extract) -> None:
    text = (
        "Zelenskyy said on Sunday that his army was still fighting despite Moscow claiming victory."
    )
    d = one(events(text), "REJECT")
    assert (d.actor_id, d.recipient_id, d.date) == ("volodymyr-zelenskyy", "russia", "2025-04-27")


def test_we_in_a_quote_is_the_speaker(events: Extract) -> None:
    d = one(events("“We appreciate it greatly,” the Kremlin quoted Putin as saying."), "SUPPORT")
    assert d.actor_id == "vladimir-putin"


def test_quote_after_a_condemnation_is_its_mention_and_dates_it(events: Extract) -> None:
    text = (
        "South Korea's Defense Ministry condemned North Korea's admission.\n"
        "“It is a crime,” South Korea's Defense Ministry said in a statement Monday."
    )
    found = [d for d in events(text) if d.event_type == EventType.ACCUSE]
    assert [d.date for d in found] == [None, "2025-04-28"]


def test_thanks_to_is_no_thanks(events: Extract) -> None:
    assert events("Victory was achieved thanks to their involvement.") == []


def test_related_links_are_not_prose(events: Extract) -> None:
    assert events("++ Guterres condemns Gaza crisis amid aid dispute") == []


# --- the merge rule ---------------------------------------------------------------------------


def draft(**fields: object) -> EventDraft:
    base = {"event_type": EventType.MOBILIZE, "key": "deployment", "article_id": "a",
            "text": "x", "char_start": 0, "char_end": 1, "trigger": "x"}  # fmt: skip
    return EventDraft(**(base | fields))


def dated(edtf: str, start: dt.date, end: dt.date, **fields: object) -> EventDraft:
    return draft(date=edtf, date_start=start, date_end=end, date_basis=DateBasis.relative, **fields)


def test_related_actors(curation: Curation) -> None:
    registry = curation.registry
    assert related("north-korea", "kim-jong-un", registry)  # a state and its leader
    assert related("the-kremlin", "vladimir-putin", registry)  # same country, one person
    assert not related("vladimir-putin", "valery-gerasimov", registry)  # two people
    assert not related("russia", "north-korea", registry)


def test_compatible_uses_coordinated_subjects_and_symmetric_pairs(curation: Curation) -> None:
    registry = curation.registry
    both = draft(actor_id="vladimir-putin", co_actor_ids=["kim-jong-un"])
    assert compatible(both, draft(actor_id="north-korea"), registry)
    assert compatible(draft(actor_id=None), draft(actor_id="russia"), registry)
    treaty = {"event_type": EventType.AGREE, "key": "treaty"}
    a = draft(actor_id="north-korea", recipient_id="russia", **treaty)
    b = draft(actor_id="vladimir-putin", recipient_id="kim-jong-un", **treaty)
    assert compatible(a, b, registry)


def test_cluster_block_separates_disjoint_dates_and_joins_unknown(curation: Curation) -> None:
    autumn = dated("2024-23", dt.date(2024, 9, 1), dt.date(2024, 11, 30), actor_id="north-korea")
    late = dated("2024-36", dt.date(2024, 10, 1), dt.date(2024, 12, 31), actor_id="kim-jong-un",
                 article_id="b")  # fmt: skip
    later = dated("2025-06", dt.date(2025, 6, 1), dt.date(2025, 6, 30), actor_id="north-korea",
                  article_id="c")  # fmt: skip
    undated = draft(article_id="b", char_start=5, char_end=6)
    clusters = cluster_block([autumn, late, later, undated], curation.registry)
    sizes = sorted(len(c.drafts) for c in clusters)
    assert sizes == [1, 3]


def test_undated_anaphor_joins_the_nearest_event_in_its_article(curation: Curation) -> None:
    stat = {"event_type": EventType.STATEMENT, "key": "confirmation"}
    russia = dated("2025-04-26", dt.date(2025, 4, 26), dt.date(2025, 4, 26), actor_id="russia",
                   article_id="a", char_start=100, char_end=110, **stat)  # fmt: skip
    monday = dt.date(2025, 4, 28)
    korea = dated("2025-04-28", monday, monday, actor_id="north-korea", article_id="b",
                  char_start=0, char_end=10, **stat)  # fmt: skip
    admission = draft(article_id="b", char_start=20, char_end=30, **stat)
    clusters = cluster_block([russia, korea, admission], curation.registry)
    joined = next(c for c in clusters if admission in c.drafts)
    assert korea in joined.drafts and russia not in joined.drafts


def test_choose_date_nested_then_majority() -> None:
    week = dated("2025-04-21/2025-04-27", dt.date(2025, 4, 21), dt.date(2025, 4, 27))
    saturday = dated("2025-04-26", dt.date(2025, 4, 26), dt.date(2025, 4, 26), article_id="b")
    assert choose_date([week, saturday]).date == "2025-04-26"
    autumn = dated("2024-23", dt.date(2024, 9, 1), dt.date(2024, 11, 30))
    late = dated("2024-36", dt.date(2024, 10, 1), dt.date(2024, 12, 31), article_id="b")
    late2 = dated("2024-36", dt.date(2024, 10, 1), dt.date(2024, 12, 31), article_id="c")
    assert choose_date([autumn, late, late2]).date == "2024-36"
    assert choose_date([draft()]) is None


def test_merge_events_rows_ids_and_summary(curation: Curation) -> None:
    a = dated("2024-36", dt.date(2024, 10, 1), dt.date(2024, 12, 31), actor_id="north-korea",
              recipient_id="russia", mode="troops")  # fmt: skip
    b = draft(article_id="b", actor_id="north-korea", mode="troops")
    events, mentions = merge_events([a, b], curation)
    assert len(events) == 1 and len(mentions) == 2
    event = events[0]
    assert event.n_articles == 2 and event.date == "2024-36"
    assert event.summary == "North Korea deployed troops to Russia (Q4 2024)"
    again, _ = merge_events([b, a], curation)
    assert again[0].event_id == event.event_id  # stable: order of input does not matter
    assert {m.event_id for m in mentions} == {event.event_id}


def test_decisions_split_then_merge(curation: Curation) -> None:
    a = draft(actor_id="north-korea", article_id="a", char_start=0, char_end=10)
    b = draft(actor_id="north-korea", article_id="b", char_start=0, char_end=10)
    clusters = cluster_block([a, b], curation.registry)
    assert len(clusters) == 1
    split = apply_decisions(clusters, {"split": [["b@3"]]})
    assert sorted(len(c.drafts) for c in split) == [1, 1]
    merged = apply_decisions(split, {"merge": [["a@0", "b@9:MOBILIZE"]]})
    assert [len(c.drafts) for c in merged] == [2]
    with pytest.raises(ValueError, match="bad event mention reference"):
        apply_decisions(merged, {"split": [["b-3"]]})


def test_date_words() -> None:
    assert label("2024-23") == "autumn 2024"
    assert label("2024-08") == "August 2024"
    assert label("../2025-04-28") == "until 28 April 2025"


# --- the indexed merge equals the plain rule ----------------------------------------------------


def reference_clusters(drafts: list[EventDraft], registry) -> list[list[EventDraft]]:
    """The merge rule written plainly (every draft against every cluster), for comparison."""
    from newstables.assemble.events import _specificity

    clusters: list[list[EventDraft]] = []

    def bounds(members: list[EventDraft]) -> tuple[dt.date, dt.date]:
        dated_ = [m for m in members if m.date_end is not None]
        start = max((m.date_start or dt.date.min for m in dated_), default=dt.date.min)
        return start, min((m.date_end for m in dated_), default=dt.date.max)

    def distance(draft_: EventDraft, members: list[EventDraft]) -> tuple[int, int, int]:
        same = [m.char_start for m in members if m.article_id == draft_.article_id]
        before = [draft_.char_start - s for s in same if s <= draft_.char_start]
        after = [s - draft_.char_start for s in same if s > draft_.char_start]
        if before:
            return 0, min(before), 0
        if after:
            return 1, min(after), 0
        return 2, 0, -len(members)

    for d in sorted(drafts, key=_specificity):
        fitting = []
        for members in clusters:
            start, end = bounds(members)
            overlaps = (
                d.date_end is None or (d.date_start or dt.date.min) <= end and start <= d.date_end
            )
            if overlaps and all(compatible(d, m, registry) for m in members):
                fitting.append(members)
        if not fitting:
            clusters.append([])
            fitting = clusters[-1:]
        min(fitting, key=lambda members: distance(d, members)).append(d)
    return clusters


ACTORS = [None, "north-korea", "kim-jong-un", "russia", "vladimir-putin", "the-kremlin",
          "valery-gerasimov", "ukraine"]  # fmt: skip


@st.composite
def some_drafts(draw: st.DrawFn) -> list[EventDraft]:
    drafts = []
    for index in range(draw(st.integers(1, 25))):
        fields = {
            "article_id": draw(st.sampled_from("abcd")),
            "char_start": index * 10,
            "char_end": index * 10 + 5,
            "actor_id": draw(st.sampled_from(ACTORS)),
            "co_actor_ids": draw(st.lists(st.sampled_from(ACTORS[1:]), max_size=1)),
            "recipient_id": draw(st.sampled_from(ACTORS)),
        }
        if draw(st.booleans()):
            start = dt.date(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 900)))
            end = start + dt.timedelta(days=draw(st.sampled_from([0, 6, 30, 91, 365, 1000])))
            drafts.append(dated(f"{start}/{end}", start, end, **fields))
        else:
            drafts.append(draft(**fields))
    return drafts


@settings(max_examples=150, deadline=None)
@given(drafts=some_drafts(), symmetric=st.booleans())
def test_indexed_merge_equals_the_plain_rule(
    curation: Curation, drafts: list[EventDraft], symmetric: bool
) -> None:
    if symmetric:
        drafts = [d.model_copy(update={"event_type": EventType.AGREE}) for d in drafts]
    same_day = dict.fromkeys("abcd", dt.date(2025, 4, 28))
    got = cluster_block(drafts, curation.registry, same_day)
    expected = reference_clusters(drafts, curation.registry)
    assert sorted(sorted(id(d) for d in c.drafts) for c in got) == sorted(
        sorted(id(d) for d in c) for c in expected
    )


def test_undated_mentions_join_only_events_reported_within_the_window(
    curation: Curation,
) -> None:
    april = dated("2025-04-26", dt.date(2025, 4, 26), dt.date(2025, 4, 26), actor_id="russia")
    soon = draft(article_id="b", actor_id="russia")
    later = draft(article_id="c", actor_id="russia")
    published = {"a": dt.date(2025, 4, 28), "b": dt.date(2025, 5, 12), "c": dt.date(2026, 4, 1)}
    clusters = cluster_block([april, soon, later], curation.registry, published)
    by_draft = {id(d): index for index, c in enumerate(clusters) for d in c.drafts}
    assert by_draft[id(april)] == by_draft[id(soon)]  # two weeks on: the same event
    assert by_draft[id(later)] != by_draft[id(april)]  # a year on: not compared at all
