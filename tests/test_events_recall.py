"""Recall of events on international and political news: constructions whose event or actor
the engine missed — made-up sentences through the engine lexicon only."""

from __future__ import annotations

import test_events_general as general
from test_events_general import Extract, only

from newstables.models import EventType

bare = general.bare  # the fixtures: engine defaults only, no registry
extract = general.extract


def test_a_plain_modifier_of_an_event_noun_names_no_actor(extract: Extract) -> None:
    drafts, _ = extract(
        "The Elbonian high court opened a landmark hearing into the interrogation methods."
    )
    assert only(drafts, EventType.ACCUSE).actor_id == "elbonian-high-court"


def test_an_indefinite_title_is_the_person_the_article_names_later(extract: Extract) -> None:
    drafts, _ = extract(
        "The hacker was sentenced on Thursday to four years in prison by a U.S. district judge "
        "in Alexandria. U.S. District Judge Ann Whitcombe said the harm was great."
    )
    assert only(drafts, EventType.COERCE).actor_id == "ann-whitcombe"


def test_an_indefinite_title_is_not_another_judge_named_later(extract: Extract) -> None:
    drafts, _ = extract(
        "A federal judge sentenced the hacker to four years in prison. "
        "Circuit Judge Ann Whitcombe upheld the law in another case."
    )
    assert all(d.actor_id != "ann-whitcombe" for d in drafts if d.event_type == EventType.COERCE)


def test_a_sentence_misparsed_as_a_noun_phrase_keeps_its_subject(extract: Extract) -> None:
    drafts, _ = extract(
        "Doctors from two Elbonian charities donated and personally delivered $20,000 worth of "
        "medicine to Freedonia General Hospital, risking as much as five years in prison."
    )
    aid = only(drafts, EventType.AID)
    assert aid.actor_id == "doctors-from-two-elbonian-charities"
    assert EventType.THREATEN not in {d.event_type for d in drafts}  # risking is no threat


def test_blocking_streets_is_a_protest(extract: Extract) -> None:
    drafts, _ = extract("Farmers in Elbonia blocked highways with tractors on Monday.")
    assert only(drafts, EventType.PROTEST).actor_id == "farmers-in-elbonia"


def test_who_arrests_on_charges_accuses(extract: Extract) -> None:
    drafts, _ = extract("Elbonian police arrested Mayor Ann Rowe on charges of fraud.")
    accused = only(drafts, EventType.ACCUSE)
    assert (accused.actor_id, accused.recipient_id) == ("elbonian-police", "ann-rowe")
    assert only(drafts, EventType.COERCE).actor_id == "elbonian-police"


def test_an_arrest_without_its_agent_accuses_no_one(extract: Extract) -> None:
    drafts, _ = extract("Six protesters were arrested on charges of trespass, police said.")
    assert EventType.ACCUSE not in {d.event_type for d in drafts}


def test_a_lawyer_acts_for_the_possessor_but_is_not_them(extract: Extract) -> None:
    drafts, _ = extract("Mayor Ann Rowe's lawyer sued the city on Monday.")
    assert all(d.actor_id != "ann-rowe" for d in drafts), drafts


def test_a_name_the_parser_splits_still_names_the_actor(extract: Extract) -> None:
    drafts, _ = extract(
        "Elbonia's emir, Sheikh Hamad bin Khalifa al-Thani launched a mediation effort on "
        "Saturday between Freedonia and Sylvania."
    )
    assert only(drafts, EventType.CONSULT).actor_id == "hamad-bin-khalifa-al-thani"


def test_a_verb_shares_its_conjuncts_object_and_recipient(extract: Extract) -> None:
    drafts, _ = extract(
        "Local doctors from Elbonia donated and personally delivered medicine to the Freedonia "
        "General Hospital."
    )
    assert only(drafts, EventType.AID).recipient_id == "freedonia-general-hospital"
