"""Events on any news, without the seed registry or the bundled curation: made-up sentences
(local politics, courts, regulators, protests, armies) through the engine's PLOVER lexicon."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pytest

from newstables.assemble.events import merge_events
from newstables.curation import Curation
from newstables.extract import ArticleContext, EventDraft, NewEntity
from newstables.extract.events import event_mentions
from newstables.models import Article, EntityType, EventType, Factuality
from newstables.nlp import build_pipeline
from newstables.registry import Registry

PUBLISHED = dt.date(2026, 2, 23)  # a Monday
Extract = Callable[[str], tuple[list[EventDraft], list[NewEntity]]]


@pytest.fixture(scope="module")
def bare() -> Curation:
    """A dataset with no registry and no codebook: engine defaults only."""
    return Curation(registry=Registry())


@pytest.fixture(scope="module")
def extract(bare: Curation) -> Extract:
    nlp = build_pipeline(bare.registry)

    def run(text: str) -> tuple[list[EventDraft], list[NewEntity]]:
        article = Article(
            article_id="x", outlet=None, url=None, title=None, published=PUBLISHED,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(), chars=len(text),
            words=len(text.split()), path="x.txt", notes=None,
        )  # fmt: skip
        drafts, entities = event_mentions(ArticleContext(article, text, nlp(text), bare))
        for d in drafts:
            assert text[d.char_start : d.char_end] == d.text
            assert d.actor_id, d  # never a row without the actor the sentence names
        return drafts, entities

    return run


def only(drafts: list[EventDraft], event_type: EventType) -> EventDraft:
    found = [d for d in drafts if d.event_type == event_type]
    assert len(found) == 1, drafts
    return found[0]


def test_a_mayors_veto_reads_as_a_sentence(extract: Extract) -> None:
    drafts, entities = extract("Mayor Thomas Whitfield vetoed a water-rate cap on Friday.")
    veto = only(drafts, EventType.REJECT)
    assert veto.actor_id == "thomas-whitfield" and veto.date == "2026-02-20"
    assert veto.phrase == "Thomas Whitfield vetoed a water-rate cap"
    assert [(e.entity_id, e.type) for e in entities] == [("thomas-whitfield", EntityType.person)]


def test_a_lawsuit_noun_with_its_filer_and_target(extract: Extract) -> None:
    drafts, _ = extract(
        "The Riverside tenants' union filed a lawsuit against the Harlow Housing Trust."
    )
    suit = only(drafts, EventType.ACCUSE)
    assert suit.actor_id == "riverside-tenants-union"
    assert suit.recipient_id == "harlow-housing-trust"


def test_a_regulators_inquiry(extract: Extract) -> None:
    drafts, _ = extract("The state utilities regulator opened an inquiry into Harbor Power.")
    inquiry = only(drafts, EventType.ACCUSE)
    assert (inquiry.actor_id, inquiry.recipient_id) == ("state-utilities-regulator", "harbor-power")


def test_nationality_and_group_noun_is_an_entity(extract: Extract) -> None:
    drafts, entities = extract("Israeli soldiers attacked a convoy near the border.")
    assert only(drafts, EventType.ASSAULT).actor_id == "israeli-soldiers"
    assert {e.entity_id: e.type for e in entities}["israeli-soldiers"] == EntityType.armed_force


def test_authorities_detaining_people_coerce(extract: Extract) -> None:
    drafts, entities = extract("Turkish authorities detained two reporters in Izmir on Sunday.")
    detention = only(drafts, EventType.COERCE)
    assert detention.actor_id == "turkish-authorities" and detention.date == "2026-02-22"
    assert {e.entity_id: e.type for e in entities}["turkish-authorities"] == (
        EntityType.government_body
    )


def test_coordinated_nationalities_are_each_an_actor(extract: Extract) -> None:
    drafts, _ = extract("Senior Hungarian and Romanian officials agreed to share border data.")
    deal = only(drafts, EventType.AGREE)
    assert [deal.actor_id, *deal.co_actor_ids] == ["hungarian-officials", "romanian-officials"]


def test_a_group_placed_by_a_name(extract: Extract) -> None:
    drafts, _ = extract("Lawmakers in Lisbon rejected the fishing quota on Tuesday.")
    assert only(drafts, EventType.REJECT).actor_id == "lawmakers-in-lisbon"


def test_a_refusal_is_a_rejection(extract: Extract) -> None:
    drafts, _ = extract("The Corvale city council refused to meet the striking bus drivers.")
    assert only(drafts, EventType.REJECT).actor_id == "corvale-city-council"


def test_announced_talks_are_an_intention_to_meet(extract: Extract) -> None:
    drafts, _ = extract("Governor Elena Marsh will hold talks with the Brackley teachers' union.")
    talks = only(drafts, EventType.AGREE)  # PLOVER: an announced meeting is an AGREE
    assert talks.actor_id == "elena-marsh" and talks.factuality == Factuality.planned


def test_a_threat_to_sue(extract: Extract) -> None:
    drafts, _ = extract("The Kalmar Fishing Cooperative threatened to sue the port authority.")
    assert only(drafts, EventType.THREATEN).actor_id == "kalmar-fishing-cooperative"


def test_a_pronoun_goes_to_the_person_named_before(extract: Extract) -> None:
    text = "Governor Elena Marsh met the nurses on Monday. She vetoed the pension bill on Friday."
    drafts, _ = extract(text)
    assert only(drafts, EventType.REJECT).actor_id == "elena-marsh"


def test_a_passive_agent_acts(extract: Extract) -> None:
    drafts, _ = extract("The clinic's director was arrested by Peruvian police on Monday.")
    assert only(drafts, EventType.COERCE).actor_id == "peruvian-police"


def test_an_attack_on_a_person_is_words(extract: Extract) -> None:
    drafts, _ = extract("Senator Ada Brennan attacked Governor Lewis Oduya over the budget.")
    accusation = only(drafts, EventType.ACCUSE)
    assert (accusation.actor_id, accusation.recipient_id) == ("ada-brennan", "lewis-oduya")
    assert not [d for d in drafts if d.event_type == EventType.ASSAULT]


def test_words_of_blame_accuse_whom_they_are_about(extract: Extract) -> None:
    text = "Senator Rosa Imbert said Mayor Thomas Whitfield's budget was reckless."
    blame = only(extract(text)[0], EventType.ACCUSE)
    assert (blame.actor_id, blame.recipient_id) == ("rosa-imbert", "thomas-whitfield")
    assert extract("Senator Rosa Imbert said the budget would pass.")[0] == []


def test_travelling_for_talks_is_consulting(extract: Extract) -> None:
    drafts, _ = extract("Chilean and Peruvian ministers flew to Quito for talks on Monday.")
    talks = only(drafts, EventType.CONSULT)
    assert [talks.actor_id, *talks.co_actor_ids] == ["chilean-ministers", "peruvian-ministers"]


def test_nobody_named_no_event(extract: Extract) -> None:
    assert extract("A lawsuit was filed on Tuesday.")[0] == []


def test_negation_questions_and_hypotheses_report_nothing(extract: Extract) -> None:
    assert extract("Ardenia did not attack the convoy.")[0] == []
    assert extract("Will Ardenia attack the convoy?")[0] == []
    assert extract("Ardenia could attack the convoy if the talks fail.")[0] == []


def test_same_type_actor_and_day_but_different_events_stay_apart(
    extract: Extract, bare: Curation
) -> None:
    """Two vetoes by one mayor on one day (different bills) in two articles: the merge rule
    keeps them apart when their recipients differ."""
    one, _ = extract("Mayor Thomas Whitfield vetoed the Harlow Housing Trust's budget on Friday.")
    two, _ = extract(
        "Mayor Thomas Whitfield vetoed the Corvale Transit Board's fare plan on Friday."
    )
    drafts = [only(one, EventType.REJECT), only(two, EventType.REJECT).model_copy(
        update={"article_id": "y"})]  # fmt: skip
    assert drafts[0].recipient_id != drafts[1].recipient_id
    events, mentions = merge_events(drafts, bare)
    assert len(events) == 2 and len(mentions) == 2
    assert all(e.summary.startswith("Thomas Whitfield vetoed") for e in events)


@pytest.mark.parametrize(
    ("text", "kind", "actor"),
    [
        ("Governor Alma Reyes lifted the curfew in Port Elara on Sunday.", "CONCEDE", "alma-reyes"),
        ("Mayor Lena Ostrova eased the water restrictions.", "CONCEDE", "lena-ostrova"),
        ("The Marlow Dockworkers Union called off its strike.", "CONCEDE",
         "marlow-dockworkers-union"),
        ("President Oskar Lindqvist declared a state of emergency.", "COERCE", "oskar-lindqvist"),
        ("Police in Varnholt prevented a rally by farmers.", "COERCE", "police-in-varnholt"),
    ],
)  # fmt: skip
def test_easing_and_imposing_restrictions(
    extract: Extract, text: str, kind: str, actor: str
) -> None:
    """Lifting a curfew or calling off a strike yields (CONCEDE); declaring an emergency or
    stopping a rally restricts (COERCE)."""
    assert only(extract(text)[0], EventType(kind)).actor_id == actor


def test_accusing_of_a_delay_in_talks_stays_an_accusation(extract: Extract) -> None:
    """A word of another CAMEO verb's pattern ("negotiations" of "delay") deep in the "of"
    phrase does not recode the accusation (the CAMEO block headers are read whole)."""
    text = "Councillor Ada Brenner accused the harbour board of hiding the delays in the talks."
    drafts = extract(text)[0]
    assert only(drafts, EventType.ACCUSE).recipient_id == "harbour-board"
    assert not [d for d in drafts if d.event_type == EventType.SANCTION]


def test_what_a_request_asks_for_has_not_happened(extract: Extract) -> None:
    drafts = extract("Councillor Mira Patel urged the transit chief to resign.")[0]
    assert [d.event_type for d in drafts] == [EventType.REQUEST]
    drafts = extract("The Harlow Tenants Union asked the attorney general to investigate.")[0]
    assert {d.event_type for d in drafts} == {EventType.REQUEST, EventType.ACCUSE}


def test_calling_on_someone_to_act_is_a_request(extract: Extract) -> None:
    text = "Brigid Olsen, a spokeswoman for the mayor, called on the council to drop the levy."
    request = only(extract(text)[0], EventType.REQUEST)
    assert (request.actor_id, request.recipient_id) == ("brigid-olsen", "council")


def test_calling_someone_a_liar_accuses_and_asks_nothing(extract: Extract) -> None:
    drafts = extract("Alderman Pete Rourke called the developer a liar for hiding the costs.")[0]
    assert only(drafts, EventType.ACCUSE).actor_id == "pete-rourke"
    assert not [d for d in drafts if d.event_type == EventType.REQUEST]


@pytest.mark.parametrize(
    "text",
    [
        "Senator Hal Brandt declined to comment on the merger.",
        "Mayor Ines Varga struck a conciliatory tone at the meeting.",
        "Governor Dana Whitcomb praised the voting rights group.",
    ],
)
def test_idioms_and_silence_are_no_events(extract: Extract, text: str) -> None:
    """Declining to comment is no refusal, a struck tone no blow, a gerund modifier no act."""
    kinds = {d.event_type for d in extract(text)[0]}
    assert kinds <= {EventType.SUPPORT}


def test_wrecking_things_coerces_and_hurting_people_assaults(extract: Extract) -> None:
    fire = extract("Settlers from Dunmore set fire to the tax office on Friday.")[0]
    assert only(fire, EventType.COERCE).actor_id == "settlers-from-dunmore"
    assert not [d for d in fire if d.event_type == EventType.ASSAULT]
    shelled = extract("The Velmar army shelled the border town.")[0]
    assert only(shelled, EventType.ASSAULT).actor_id == "velmar-army"


def test_preparing_an_attack_is_a_show_of_force(extract: Extract) -> None:
    drafts = extract("The Velmar army prepared to shell the border town.")[0]
    readied = only(drafts, EventType.MOBILIZE)
    assert readied.factuality == Factuality.asserted
    assert readied.phrase == "Velmar army prepared to shell the border town"
    assert not [d for d in drafts if d.event_type in (EventType.ASSAULT, EventType.AGREE)]


def test_a_passive_without_its_agent_names_no_actor(extract: Extract) -> None:
    """Who arrested the farmers is not said: no event rather than the farmers as actors."""
    assert extract("Six farmers were arrested outside the Corvale courthouse.")[0] == []
    drafts = extract("Six farmers were arrested by the Corvale police.")[0]
    assert only(drafts, EventType.COERCE).actor_id == "corvale-police"


def test_opinions_and_lone_meetings_are_no_events(extract: Extract) -> None:
    assert extract("Mayor Ines Varga agreed with the critics' remarks.")[0] == []
    assert extract("The Brenton school board meets on Thursday.")[0] == []
    deal = extract("Mayor Ines Varga agreed with the union on a wage deal.")[0]
    assert only(deal, EventType.AGREE).actor_id == "ines-varga"


def test_a_named_owners_offer_under_a_rejection_is_its_own_event(extract: Extract) -> None:
    text = "The Corvale mayor rejected Governor Ada Lind's offer to pay for the bridge."
    drafts = extract(text)[0]
    assert only(drafts, EventType.REJECT).recipient_id == "ada-lind"
    offer = only(drafts, EventType.AGREE)
    assert (offer.actor_id, offer.factuality, offer.phrase) == (
        "ada-lind", Factuality.asserted, "Ada Lind made an offer")  # fmt: skip


def test_his_attack_carried_out_is_the_subjects(extract: Extract) -> None:
    text = "Governor Ada Lind met the press after Tomas Varn carried out his attack on the depot."
    assault = only(extract(text)[0], EventType.ASSAULT)
    assert assault.actor_id == "tomas-varn"


def test_a_dateline_does_not_hide_who_called_for_what(extract: Extract) -> None:
    text = "ARLOW (AP) — Ada Lind called Wednesday for Judge Tomas Varn to resign."
    drafts = extract(text)[0]
    assert only(drafts, EventType.REQUEST).actor_id == "ada-lind"
    assert not [d for d in drafts if d.event_type == EventType.CONCEDE]


def test_restoring_rights_concedes_and_helping_oneself_aids_no_one(extract: Extract) -> None:
    text = "Governor Ada Lind has helped restore voting rights to 9,000 former inmates."
    drafts = extract(text)[0]
    assert only(drafts, EventType.CONCEDE).actor_id == "ada-lind"
    assert not [d for d in drafts if d.event_type == EventType.AID]


@pytest.mark.parametrize(
    "text",
    [
        "Ines Varga said on Monday that a new stadium tax is out of the question.",
        "Senator Hal Brandt showed no sign that he would withdraw the amendment.",
    ],
)
def test_words_of_refusal_reject(extract: Extract, text: str) -> None:
    refusal = only(extract(text)[0], EventType.REJECT)
    assert refusal.actor_id in ("ines-varga", "hal-brandt")
    assert extract("Ines Varga said on Monday that a new stadium tax is likely.")[0] == []


def test_a_received_endorsement_is_the_givers(extract: Extract) -> None:
    drafts = extract("Ada Lind received the endorsement of Gov. Tomas Varn on Friday.")[0]
    support = only(drafts, EventType.SUPPORT)
    assert support.actor_id == "tomas-varn"
    assert support.phrase == "Tomas Varn gave an endorsement to Ada Lind"


def test_campaigning_with_someone_supports_and_hosting_a_thing_meets_no_one(
    extract: Extract,
) -> None:
    drafts = extract("Pete Rourke campaigned with Ada Lind on Wednesday.")[0]
    assert only(drafts, EventType.SUPPORT).recipient_id == "ada-lind"
    assert extract("The Arlow Herald hosted a town hall on Monday.")[0] == []


def test_a_titled_description_is_the_person_titled_so_before(extract: Extract) -> None:
    text = (
        "The party praised Varnland Gov. Ada Lind on Monday. "
        "Hours later the Varnland governor endorsed Pete Rourke."
    )
    support = [d for d in extract(text)[0] if d.trigger == "endorsed"]
    assert [d.actor_id for d in support] == ["ada-lind"]


def test_going_to_of_the_future_is_no_journey(extract: Extract) -> None:
    text = "Asked about the merger, Ines Varga said she was not going to jump to conclusions."
    assert extract(text)[0] == []
    trip = extract("Ines Varga is going to Lisbon for talks with Pete Rourke.")[0]
    assert only(trip, EventType.CONSULT).actor_id == "ines-varga"


def test_a_verb_coordinated_with_a_passive_belongs_to_its_patient(extract: Extract) -> None:
    drafts = extract("Judge Tomas Varn was censured by the bar and resigned on Friday.")[0]
    assert only(drafts, EventType.CONCEDE).actor_id == "tomas-varn"


def test_an_embedded_post_is_someone_elses_words(extract: Extract) -> None:
    post = '<tweet id="1" author="@arlow">Ada Lind vetoed the budget.</tweet>'
    assert extract(post)[0] == []
    assert only(extract("Ada Lind vetoed the budget.")[0], EventType.REJECT).actor_id == "ada-lind"
