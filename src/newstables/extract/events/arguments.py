"""Event arguments from the parse: who acted (subject, coordinated subjects, passive "by"
agent, possessor of a noun trigger, the subject of the verb a noun trigger is the object of),
upon whom (object, "to/with/against/from/for" party), and where (a registry place).

>>> fill(article, hit); hit.actor, hit.recipient
('thomas-whitfield', 'riverside-council')
"""

from __future__ import annotations

from spacy.tokens import Token

from ...models import EntityType
from .entities import agents, registry_entity, resolve
from .lexicon import EventCodebook
from .parse import by_agent, dobj, infinitive, misparsed_subject, pobj, received_from, subject
from .parse import child as nearest
from .state import Article, Hit
from .triggers import claim_after, grounds_of, journey_verb

_HELPERS = frozenset(
    {"help", "helps", "helped", "helping", "assist", "assists", "assisted", "assisting", "aid"}
)
_RECIPIENT_PREPS = ("to", "with", "between", "from", "for", "against", "on", "at", "into")


def fill(article: Article, hit: Hit) -> None:
    """Fill actor, co-actors, recipient and location from the parse and the registry."""
    token, book = hit.token, article.book
    if _agentless_passive(hit):
        return  # "six protesters were arrested": who arrested them is not said
    agent = _agent_token(book, token)
    actors = agents(article, agent)
    if hit.reported:  # "X said ... despite Y claiming", "X said the deployment must end"
        hit.recipient = _first(actors)
        agent, actors = None, []
    if not actors and not hit.curated and _purpose(token):
        actors = agents(article, _verb_agent(book, token.head))
    if agent is None and not actors and hit.type in book.speech:
        hit.anchor = _reporting_anchor(book, token)
        actors = agents(article, subject(hit.anchor))
    if not actors:
        actors = _parties(article, token)
    if actors:
        hit.actor, hit.co_actors = actors[0], tuple(actors[1:])
    if hit.target is not None:
        hit.recipient = next(iter(agents(article, hit.target, agent=False)), None)
    hit.recipient = hit.recipient or _recipient(article, hit)
    hit.location = _location(article, token)


def _agentless_passive(hit: Hit) -> bool:
    """A passive verb without a "by" agent: its subject is acted upon, and no one else in the
    sentence is the actor (dropped rather than misattributed)."""
    token = hit.token
    if hit.curated or token.pos_ != "VERB" or by_agent(token) is not None:
        return False
    if misparsed_subject(token) is not None:
        return False
    for verb in (token, token.head if token.dep_ == "conj" and token.tag_ == "VBN" else token):
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return True  # "were killed or injured": the conjunct is passive too
    return _passive_complement(token)


_LINKING = frozenset(
    {"feel", "felt", "feels", "seem", "seems", "seemed", "get", "got", "gets", "become",
     "became", "becomes", "appear", "appears", "appeared", "remain", "remains", "remained"}
)  # fmt: skip


def _passive_complement(token: Token) -> bool:
    """A past participle after a linking verb is passive too: "felt compelled to issue a memo",
    "got arrested" (its subject underwent the act); so is one that modifies a noun or a
    clause on its own ("a letter addressed to", "took the stage united against")."""
    if token.tag_ != "VBN":
        return False
    if any(c.dep_ == "aux" and c.lower_ in _LINKING for c in token.children):
        return True
    if token.dep_ in ("advcl", "acl") and not any(
        c.dep_ in ("aux", "nsubj", "mark") for c in token.children
    ):
        return True  # "a letter addressed to conservatives", "took the stage united against"
    return token.dep_ in ("acomp", "xcomp", "oprd") and token.head.lower_ in _LINKING


def _purpose(token: Token) -> bool:
    """ "Farmers blocked the road to protest the tax": the purpose clause's act is the main
    subject's."""
    return token.dep_ == "advcl" and infinitive(token) and token.head.pos_ == "VERB"


def _agent_token(book: EventCodebook, token: Token) -> Token | None:
    """The phrase that names who acts: subject, "by" agent or possessor, found up the parse
    through control verbs, conjunctions and the verb whose object a noun trigger is."""
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_agent(book, token)
    return _verb_agent(book, token)


def _verb_agent(book: EventCodebook, token: Token) -> Token | None:
    """Subject (raised or controlled subjects included) or passive agent."""
    if token.lower_ in book.contradicts:
        claim = claim_after(token)
        return subject(claim) or pobj(token) if claim is not None else None
    if any(c.dep_ == "aux" and c.lower_ in _HELPERS for c in token.children):
        return None  # "forces helped recapture": helpers are not the agent
    if _listed_gerund(token):
        return None  # "accused X of violating rights, ignoring the law": X ignored, allegedly
    found = misparsed_subject(token) or subject(token) or by_agent(token)
    if found is not None:
        return found
    head = token.head
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "for":
        return dobj(head.head)  # "thanked Kim for deploying troops": Kim deployed
    if token.dep_ == "xcomp" and head.lower_ in _HELPERS and dobj(head) is not None:
        return dobj(head)  # "helping Russia reclaim": Russia acts
    if token.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        head = head.head  # "Russia was ready to provide"
    elif token.dep_ == "xcomp" and (raised := nearest(head, "nsubjpass")) is not None:
        return raised  # "North Korea is believed to have dispatched"
    if token.dep_ == "acl" and head.dep_ in ("dobj", "attr") and not infinitive(token):
        return subject(head.head)  # "issued a declaration demanding that …": the issuer
    if token.dep_ == "acl" and token.tag_ == "VBD" and head.pos_ == "PROPN":
        return head  # "WASHINGTON — Donald Trump called …" misread as a modifier of the name
    if token.dep_ == "conj" and (patient := nearest(head, "nsubjpass")) is not None:
        return patient  # "was indicted by the court and will resign": the indicted resigns
    inherits = token.dep_ in ("xcomp", "conj") or (token.dep_ == "advcl" and not infinitive(token))
    if inherits and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in book.reporting:
        return _verb_agent(book, head)
    return None


def _listed_gerund(token: Token) -> bool:
    """A gerund adjunct that goes on a list begun by "of"/"for" + gerund on the same verb
    ("accused the US of violating rights, ignoring the law"): the object's act, like the first."""
    if token.dep_ != "advcl" or token.tag_ != "VBG" or subject(token) is not None:
        return False
    head = token.head
    return any(
        p.dep_ == "prep" and p.lower_ in ("of", "for") and p.i < token.i and
        any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in p.children)
        for p in head.children
    )  # fmt: skip


def _noun_agent(book: EventCodebook, token: Token) -> Token | None:
    """Possessor, "by"/"from" agent, a named modifier, else the subject of the verb whose object
    (or object's complement) the noun is."""
    for child in token.children:
        if child.dep_ == "poss":
            doer = subject(token.head) if token.dep_ == "dobj" else None
            return doer if child.pos_ == "PRON" and doer is not None else child
    if (giver := received_from(token)) is not None:
        return giver  # "received the endorsement of Gov. Pence": Pence endorsed
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from") and pobj(child) is not None:
            return pobj(child)
        if child.dep_ == "acl" and by_agent(child) is not None:
            return by_agent(child)
    for child in token.children:
        if child.dep_ in ("compound", "amod") and _named_child(child):
            return child  # a modifier that names no one ("a landmark hearing") is no agent
    head = token.head
    if journey_verb(token) is not None:
        head = journey_verb(token)  # "negotiators return to Geneva for talks"
    elif token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "in":
        head = head.head  # "in a significant announcement, North Korea acknowledged"
    elif (grounds := grounds_of(book, token)) is not None:
        head = grounds  # "police held him on charges of fraud": the police accuse
    elif token.dep_ != "dobj":
        return None
    return subject(head) if head.pos_ in ("VERB", "AUX") else None


def _parties(article: Article, token: Token) -> list[str]:
    """ "signed between X and Y": both parties (for a noun trigger, via its participle)."""
    for node in (token, *(c for c in token.children if c.dep_ == "acl")):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                return agents(article, pobj(child))
    return []


def _first(items: list[str]) -> str | None:
    return items[0] if items else None


def _reporting_anchor(book: EventCodebook, token: Token) -> Token | None:
    """The nearest verb of saying that governs the token (its own head chain)."""
    node = token
    while node.head != node:
        node = node.head
        if node.lemma_.lower() in book.reporting and node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _recipient(article: Article, hit: Hit) -> str | None:
    """Object entity (or the object's possessor), else a "to/with/against/…" party; looked for
    on the trigger, its infinitive complement ("offered to hand over to Britain") and, for a
    noun, the verb that governs it ("filed a lawsuit against the city")."""
    token = hit.token
    nodes = [token, *(c for c in token.children if c.dep_ == "xcomp")]
    if token.pos_ == "VERB" and dobj(token) is None:  # "donated and delivered goods to X"
        nodes += [c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass"):
        nodes.append(token.head)
    if (grounds := grounds_of(article.book, token)) is not None:
        nodes.append(grounds)  # "arrested the mayor on charges of fraud": the mayor is accused
    for node in nodes:
        for child in node.children:
            if child.dep_ in ("dobj", "dative") and child != token:
                entity = resolve(article, child)
                if entity and entity != hit.actor and entity not in hit.co_actors:
                    return entity
    preps = [c for n in nodes for c in n.children if c.dep_ == "prep"]
    preps += [p for n in nodes for o in n.children if o.dep_ == "dobj" for p in o.children
              if p.dep_ == "prep"]  # fmt: skip
    for child in preps:
        if child.lower_ in _RECIPIENT_PREPS:
            for party in agents(article, pobj(child)):
                if party != hit.actor and party not in hit.co_actors:
                    return party
    return None


def _location(article: Article, token: Token) -> str | None:
    """A registry place in an "in"/"of" phrase or object of the trigger (one level down)."""
    candidates = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "into"):
            candidates.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in ("dobj", "nsubjpass"):
            candidates.append(child)
    for candidate in candidates:
        for node in candidate.subtree:
            entity = registry_entity(article, node, agent=False)
            entry = article.registry.get(entity)
            if entry is not None and entry.type == EntityType.place:
                return entry.entity_id
    return None


def _named_child(token: Token) -> bool:
    """A modifier that names someone ("the Senate inquiry", "Israeli strikes")."""
    return bool(token.ent_type_) and token.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")


def inherit_actors(hits: list[Hit]) -> None:
    """A noun trigger inside the phrase of a same-type verb trigger shares its actor ("North
    Korea sent 14,000 troops, including 3,000 reinforcements")."""
    for hit in hits:
        if hit.actor or hit.token.pos_ not in ("NOUN", "PROPN"):
            continue
        for other in hits:
            same = other.type == hit.type and other.key == hit.key
            if same and other.actor and other.token in hit.token.ancestors:
                hit.actor = other.actor
                break
