"""Precision of events on political prose (issue 13): constructions that look like an event
and are not one, or name the wrong actor — made-up sentences through the engine lexicon only."""

from __future__ import annotations

import test_events_general as general
from test_events_general import Extract, only

from newstables.models import EventType

bare = general.bare  # the fixtures: engine defaults only, no registry
extract = general.extract


def types(drafts: list) -> list[str]:
    return sorted(d.event_type.value for d in drafts)


def test_a_promise_of_a_coded_act_is_that_act_only(extract: Extract) -> None:
    drafts, _ = extract("Senator Ada Rowe has repeatedly pledged to ban all imports from Elbonia.")
    assert EventType.AGREE not in {d.event_type for d in drafts}
    assert only(drafts, EventType.THREATEN).actor_id == "ada-rowe"


def test_the_subject_of_a_predicate_noun_is_the_relative_clauses_actor(extract: Extract) -> None:
    drafts, _ = extract(
        "Mayor Thomas Whitfield is a bully and a liar who has threatened to arrest the protesters."
    )
    assert only(drafts, EventType.THREATEN).actor_id == "thomas-whitfield"


def test_a_headline_without_its_event_in_the_body_codes_nothing(extract: Extract) -> None:
    text = (
        "Governor restores voting rights to felons\n\n"
        "Governor Ann Park signed an order on Friday that returns the vote to 200,000 people."
    )
    drafts, _ = extract(text)
    assert all(d.char_start > 40 for d in drafts), drafts


def test_a_headline_told_again_in_the_body_keeps_its_mention(extract: Extract) -> None:
    text = (
        "Ann Park endorses Bill Stone\n\n"
        "Governor Ann Park endorsed Bill Stone for the Senate on Friday."
    )
    drafts, _ = extract(text)
    support = [d for d in drafts if d.event_type == EventType.SUPPORT]
    assert [d.char_start for d in support] == [0, 30]


def test_a_phrasal_verb_is_not_its_bare_verb(extract: Extract) -> None:
    drafts, _ = extract("Senator Ada Rowe has pulled off a string of primary victories.")
    assert drafts == []
    drafts, _ = extract("The Rowe campaign pushed back against the mayor's claims on Monday.")
    assert EventType.REQUEST not in {d.event_type for d in drafts}


def test_in_order_to_is_no_preposition_of_the_verb(extract: Extract) -> None:
    drafts, _ = extract("Ada Rowe stepped aside as chair in order to run for mayor.")
    assert EventType.AID not in {d.event_type for d in drafts}


def test_a_linking_verb_with_a_participle_is_passive(extract: Extract) -> None:
    drafts, _ = extract("Union president Bill Stone felt compelled last July to issue a memo.")
    assert EventType.COERCE not in {d.event_type for d in drafts}


def test_an_event_noun_a_negated_verb_takes_did_not_happen(extract: Extract) -> None:
    drafts, _ = extract("Bill Stone had not received a single endorsement from the council.")
    assert drafts == []


def test_a_verb_looked_through_a_quantity_meets_its_idiom(extract: Extract) -> None:
    drafts, _ = extract("In her address, Ann Park struck many of the same notes.")
    assert drafts == []


def test_beginning_a_coded_act_is_that_act(extract: Extract) -> None:
    drafts, _ = extract("In 2012 the Elbonian army began shelling the border villages.")
    assert types(drafts) == ["ASSAULT"]


def test_a_plural_event_noun_with_only_a_possessor_is_a_series(extract: Extract) -> None:
    drafts, _ = extract("Half of Ann Park's meetings as minister were with donors.")
    assert drafts == []
    drafts, _ = extract("Ann Park's meeting with the donors lasted an hour on Friday.")
    assert types(drafts) == ["CONSULT"]


def test_a_participle_before_a_noun_needs_a_possessor(extract: Extract) -> None:
    drafts, _ = extract(
        "The Elbonians reject proposed Freedonian changes to the border deal, negotiator Bill "
        "Stone said."
    )
    assert types(drafts) == ["REJECT"]


def test_admitting_wrongdoing_supports_no_one(extract: Extract) -> None:
    drafts, _ = extract("Bill Stone admitted to hacking about 100 accounts from his home.")
    assert EventType.SUPPORT not in {d.event_type for d in drafts}


def test_praise_or_blame_in_the_simple_present_is_a_stance(extract: Extract) -> None:
    text = (
        "Mayor Ann Park spoke on Friday. Unions distrust her because she favors the new "
        "zoning rules and opposes a minimum wage increase."
    )
    drafts, _ = extract(text)
    assert not {EventType.SUPPORT, EventType.ACCUSE} & {d.event_type for d in drafts}


def test_the_first_sentence_tells_its_news_in_the_present(extract: Extract) -> None:
    drafts, _ = extract("Mayor Ann Park condemns the attack on the Elbonian embassy.")
    assert only(drafts, EventType.ACCUSE).actor_id == "ann-park"


def test_dismissing_a_person_as_something_accuses_them(extract: Extract) -> None:
    drafts, _ = extract(
        "Ann Park on Tuesday dismissed Senator Bill Stone as an ineffective leader."
    )
    assert only(drafts, EventType.ACCUSE).actor_id == "ann-park"
    drafts, _ = extract("On Tuesday, Ann Park dismissed the report as baseless.")
    assert only(drafts, EventType.REJECT).actor_id == "ann-park"


def test_protesters_gathering_is_a_demonstration(extract: Extract) -> None:
    drafts, _ = extract("Hundreds of Elbonian protesters gathered outside the embassy on Monday.")
    assert types(drafts) == ["PROTEST"]


def test_a_pattern_word_in_a_phrase_of_place_is_not_its_object(extract: Extract) -> None:
    drafts, _ = extract(
        "The council must resign now, Ann Park stated in a press release on Tuesday."
    )
    assert EventType.RETREAT not in {d.event_type for d in drafts}


def test_an_infinitive_completing_a_noun_did_not_happen(extract: Extract) -> None:
    drafts, _ = extract("Ann Park cleared the way for Bill Stone to take on the governor in May.")
    assert EventType.ACCUSE not in {d.event_type for d in drafts}


def test_a_particle_pattern_is_the_phrasal_verbs_code(extract: Extract) -> None:
    drafts, _ = extract("Bill Stone was backing down from the controversial proposal on Monday.")
    assert EventType.SUPPORT not in {d.event_type for d in drafts}


def test_a_participle_clause_of_its_own_names_no_actor(extract: Extract) -> None:
    drafts, _ = extract(
        "Mayor Ann Park sent a letter, addressed to Governor Bill Stone, on Friday."
    )
    assert EventType.AGREE not in {d.event_type for d in drafts}
    drafts, _ = extract(
        "Ann Park and Bill Stone echoed similar themes and took the stage together united "
        "against the common enemy."
    )
    assert drafts == []


def test_words_of_blame_about_no_one_accuse_no_one(extract: Extract) -> None:
    drafts, _ = extract(
        'Governor Ann Park spoke on Friday. "Some people will make reckless accusations," '
        "Park said."
    )
    assert EventType.ACCUSE not in {d.event_type for d in drafts}


def test_has_long_done_is_a_habit_not_an_event(extract: Extract) -> None:
    drafts, _ = extract("Ann Park, who has long targeted the Stone family, filed the suit.")
    assert [d.trigger for d in drafts] == ["filed"]


def test_claiming_that_something_happened_accuses_no_one(extract: Extract) -> None:
    drafts, _ = extract("Elbonia claimed last week that Freedonian forces had left the village.")
    assert EventType.ACCUSE not in {d.event_type for d in drafts}


def test_releasing_a_statement_frees_no_one(extract: Extract) -> None:
    drafts, _ = extract("Kim spoke, Ann Park said in a statement released by the Kremlin.")
    assert drafts == []
    drafts, _ = extract("The Elbonian government released 20 prisoners on Monday.")
    assert types(drafts) == ["RETREAT"]


def test_a_conjunct_of_a_passive_is_passive(extract: Extract) -> None:
    drafts, _ = extract("About 400 Elbonian soldiers have been killed or injured in the fighting.")
    assert drafts == []


def test_it_said_of_a_thing_is_no_actor(extract: Extract) -> None:
    text = (
        "The Elbonian Workers Union endorsed Ann Park on Friday. One advantage of waiting is "
        "that it gave Bill Stone's campaign time to push her policy stances to the left."
    )
    drafts, _ = extract(text)
    assert {d.actor_id for d in drafts} <= {"elbonian-workers-union"}
    assert [d.event_type for d in drafts] == [EventType.SUPPORT]


def test_a_planned_attack_has_not_happened(extract: Extract) -> None:
    drafts, _ = extract("Elbonia's planned attack on the border town was reported on Friday.")
    assert drafts == []
    drafts, _ = extract("Elbonia today mounted its long-threatened invasion of the border town.")
    assert types(drafts) == ["ASSAULT"]


def test_what_someone_holds_off_on_is_not_done(extract: Extract) -> None:
    drafts, _ = extract(
        "Union president Bill Stone issued a memo instructing affiliates to hold off on issuing "
        "their own endorsements."
    )
    assert drafts == []


def test_it_after_a_sentence_about_a_thing_is_that_thing(extract: Extract) -> None:
    text = (
        "Ann Park and Bill Stone filed a lawsuit against the Elbonian Mining Company on Monday. "
        "The lawsuit contends that the company ignored safety rules. It goes on to fault the "
        "company's board."
    )
    drafts, _ = extract(text)
    assert [d.trigger for d in drafts if d.event_type == EventType.ACCUSE] == ["filed"]


def test_he_or_his_is_no_organisation(extract: Extract) -> None:
    text = (
        "The Elbonian Times reported on Monday. When asked how his proposed ban would affect Ann "
        'Park, Bill Stone said: "There will always be exceptions," the Times reported.'
    )
    drafts, _ = extract(text)
    assert "elbonian-times" not in {d.actor_id for d in drafts}


def test_indications_and_appearances_are_not_events(extract: Extract) -> None:
    drafts, _ = extract(
        "Despite some indications that Bill Stone was backing down from the proposal, Stone "
        "said on Friday that his position had not changed."
    )
    assert EventType.CONCEDE not in {d.event_type for d in drafts}
    drafts, _ = extract("Senator Bill Stone appeared to attack Governor Ann Park on Friday.")
    assert drafts == []


def test_an_attack_that_says_something_is_an_accusation(extract: Extract) -> None:
    drafts, _ = extract(
        "The race turned bitter, with Senator Bill Stone now pressing his attack that Ann Park "
        "is not qualified to be governor."
    )
    assert only(drafts, EventType.ACCUSE).actor_id == "bill-stone"
    assert EventType.THREATEN not in {d.event_type for d in drafts}


def test_readiness_in_a_time_clause_promises_nothing(extract: Extract) -> None:
    drafts, _ = extract(
        "Long before the Elbonian Workers Union was ready to endorse a candidate, Bill Stone "
        "was campaigning against Ann Park."
    )
    assert EventType.AGREE not in {d.event_type for d in drafts}


def test_summaries_of_speech_read_as_a_sentence(extract: Extract) -> None:
    drafts, _ = extract(
        "The Elbonian Defense Ministry warned that the move could trigger new sanctions."
    )
    warned = only(drafts, EventType.THREATEN)
    assert warned.phrase == (
        "Elbonian Defense Ministry warned that the move could trigger new sanctions"
    )
    drafts, _ = extract(
        "The Elbonian State Department said on Monday that Freedonia's deployment must end."
    )
    demand = only(drafts, EventType.REQUEST)
    assert demand.phrase == "Elbonian State Department demanded that Freedonia's deployment end"


def test_a_participle_summary_names_what_it_acts_on(extract: Extract) -> None:
    drafts, _ = extract("The Elbonian army took the town, in an attack ordered by Bill Stone.")
    ordered = [d for d in drafts if d.trigger == "ordered"]
    assert [d.phrase for d in ordered] == ["Bill Stone ordered an attack"]


def test_suggesting_that_something_is_so_asks_nothing(extract: Extract) -> None:
    drafts, _ = extract(
        "Elbonian analysts suggest that the deployment could set a troubling precedent."
    )
    assert EventType.REQUEST not in {d.event_type for d in drafts}
    drafts, _ = extract(
        "Elbonian analysts suggested that the government should end the deployment."
    )
    assert only(drafts, EventType.REQUEST).actor_id == "elbonian-analysts"


def test_a_hard_wrapped_first_line_is_no_headline(extract: Extract) -> None:
    text = "Governor Ann Park endorsed Bill Stone for the Senate\non Friday, her office said."
    drafts, _ = extract(text)
    assert types(drafts) == ["SUPPORT"]


def test_expressing_appreciation_accuses_no_one(extract: Extract) -> None:
    drafts, _ = extract("Ann Park expressed her appreciation to Bill Stone for his help on Friday.")
    assert EventType.ACCUSE not in {d.event_type for d in drafts}


def test_what_troops_are_sent_to_do_is_the_deployments_mission(extract: Extract) -> None:
    drafts, _ = extract("Elbonia has sent troops to fight for Freedonia in the war with Ruritania.")
    assert [d.trigger for d in drafts] == ["sent"]


def test_a_vow_to_fight_curses_no_one(extract: Extract) -> None:
    drafts, _ = extract(
        "Elbonian rebels have sworn to fight until they control the border villages."
    )
    assert EventType.ACCUSE not in {d.event_type for d in drafts}, drafts
    assert only(drafts, EventType.THREATEN).actor_id == "elbonian-rebels"


def test_shunning_work_to_protest_coerces_no_one(extract: Extract) -> None:
    drafts, _ = extract("Elbonian farmers shunned work on Monday to protest the new land tax.")
    assert types(drafts) == ["PROTEST"], drafts


def test_a_list_of_accused_acts_is_the_accused_ones(extract: Extract) -> None:
    drafts, _ = extract(
        "The Elbonian Bar Association accused the city of breaking the rules, ignoring the law "
        "and silencing critics."
    )
    assert types(drafts) == ["ACCUSE"], drafts


def test_a_phrase_of_time_is_no_patterns_preposition(extract: Extract) -> None:
    drafts, _ = extract("Senator Ada Rowe took office on Monday.")
    assert EventType.ACCUSE not in {d.event_type for d in drafts}, drafts  # not "took on"
    drafts, _ = extract("Senator Ada Rowe took on Governor Bill Marsh on Monday.")
    assert only(drafts, EventType.ACCUSE).recipient_id == "bill-marsh"


def test_what_one_threatens_to_do_is_the_threat_only(extract: Extract) -> None:
    drafts, _ = extract("Mayor Thomas Whitfield threatened to institute a curfew in the old town.")
    assert types(drafts) == ["THREATEN"], drafts


def test_a_summary_keeps_the_verbs_particle(extract: Extract) -> None:
    drafts, _ = extract("Mayor Thomas Whitfield stepped down on Friday.")
    assert only(drafts, EventType.CONCEDE).phrase == "Thomas Whitfield stepped down"
