"""Readings that keep a fired trigger from being an event, or recode it: what a negated verb
takes, what someone refrains from, a promise or start of an act coded itself, praise or
blame as a standing attitude, a habit, an opinion, dismissing someone as something,
protesters gathering (issue 13: precision on political prose).

>>> [h.type.value for h in promised(book, hits)]  # "vowed to block the bill"
['THREATEN']
"""

from __future__ import annotations

from spacy.tokens import Token

from ...models import EventType
from .clauses import person
from .lexicon import EventCodebook
from .parse import dobj, infinitive
from .state import Article, Hit


def unreceived(token: Token) -> bool:
    """An event noun that a negated verb takes: nothing happened ("hadn't received a single
    endorsement", "held no talks"), and nobody refused either."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in ("dobj", "nsubjpass", "attr"):
        return False
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return True
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not") for c in token.head.children)


_REFRAINING = frozenset({"refrain", "avoid", "abstain"})


_THROUGH = frozenset({"pcomp", "prep", "pobj", "xcomp", "dobj"})


def refrained(token: Token) -> bool:
    """What someone refrains from is not done ("hold off on issuing endorsements", "avoided
    criticizing the mayor", "refrained from attacking")."""
    node = token
    for _ in range(4):
        if node.dep_ not in _THROUGH or node.head is node:
            return False
        node = node.head
        lemma = node.lemma_.lower()
        held = lemma == "hold" and any(
            c.dep_ == "prt" and c.lower_ in ("off", "back") for c in node.children
        )
        if node.pos_ == "VERB" and (lemma in _REFRAINING or held):
            return True
    return False


def belittled(article: Article, hit: Hit) -> None:
    """Dismissing a person as something is calling them names: an ACCUSE ("dismissed the
    governor as an ineffective leader"); dismissing a claim as baseless stays a REJECT."""
    token = hit.token
    if hit.type != EventType.REJECT or hit.curated or token.pos_ != "VERB":
        return
    if not any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children):
        return
    named = any(c.dep_ == "dobj" and c.ent_type_ == "PERSON" for c in token.children)
    if named or person(article, hit.recipient):
        hit.type, hit.mode = EventType.ACCUSE, "disapprove"


_PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "marcher", "picketer"})


def demonstration(hit: Hit) -> None:
    """Protesters gathering or meeting is a demonstration: PROTEST ("hundreds of protesters
    gathered outside the hotel")."""
    if hit.type != EventType.CONSULT or hit.curated or hit.token.pos_ != "VERB":
        return
    subj = next((c for c in hit.token.children if c.dep_ == "nsubj"), None)
    if subj is not None and any(t.lemma_.lower() in _PROTESTERS for t in subj.subtree):
        hit.type, hit.mode = EventType.PROTEST, None


def promised(book: EventCodebook, hits: list[Hit]) -> list[Hit]:
    """A promise whose promised act is coded itself is that act's mention only: PLOVER codes a
    promise by what is promised ("pledged to ban Muslims" is a THREATEN, not also an AGREE);
    so is the start of an act ("began shelling the villages" is the shelling).

    >>> [h.type.value for h in promised(book, hits)]  # "vowed to block the bill"
    ['THREATEN']
    """
    wrappers = [h for h in hits if _wrapper(book, h)]
    acts = {h.token.i for h in hits if h not in wrappers}
    kept = [h for h in hits if h not in wrappers or not _wraps(h, acts)]
    sendings = {h.token.i for h in kept if _sends_troops(book, h)}
    threats = {h.token.i for h in kept if _threat_verb(h)}
    return [h for h in kept if not _mission(h, sendings) and not _threatened(h, threats)]


def _threat_verb(hit: Hit) -> bool:
    return hit.type == EventType.THREATEN and hit.token.lemma_.lower() == "threaten"


def _threatened(hit: Hit, threats: set[int]) -> bool:
    """What one threatens to do is the threat's content, told by the threat's own mention
    ("threatened to institute a curfew" is one THREATEN, not also a curfew promised)."""
    token = hit.token
    return not hit.curated and token.dep_ == "xcomp" and token.head.i in threats


def _sends_troops(book: EventCodebook, hit: Hit) -> bool:
    """A deployment: coded MOBILIZE, or a verb whose object is troops ("sent soldiers")."""
    obj = dobj(hit.token)
    troops = obj is not None and obj.lemma_.lower() in book.armed_nouns
    return hit.type == EventType.MOBILIZE or troops


def _mission(hit: Hit, sendings: set[int]) -> bool:
    """What troops are sent to do is their mission, told by the deployment's own mention
    ("sent troops to support Russia", "deploying troops to assist Russian forces")."""
    token = hit.token
    purpose = token.dep_ in ("advcl", "xcomp", "acl") and infinitive(token)
    sender = token.head.head if token.dep_ == "acl" else token.head  # "troops to fight"
    return not hit.curated and purpose and (token.head.i in sendings or sender.i in sendings)


_ASPECTUAL = frozenset({"begin", "start", "continue", "resume", "keep"})


def _wrapper(book: EventCodebook, hit: Hit) -> bool:
    """A promise verb coded AGREE, or a verb of beginning, fired by the lexicon."""
    lemma = hit.token.lemma_.lower()
    promise = hit.type == EventType.AGREE and lemma in book.offers
    return not hit.curated and (promise or lemma in _ASPECTUAL)


def _wraps(hit: Hit, acts: set[int]) -> bool:
    xcomps = [c for c in hit.token.children if c.dep_ == "xcomp"]
    return any(t.i in acts for c in xcomps for t in (c, *c.conjuncts))


_ATTITUDES = frozenset({EventType.SUPPORT, EventType.ACCUSE})


def stance(hit: Hit) -> bool:
    """Praise or blame in the simple present is a standing attitude, not an act that happened
    ("he favors right-to-work laws and opposes a wage increase", "he does respect her") —
    except in a text's first sentence, where the present tells the news ("Turkey condemns
    the raid")."""
    token = hit.token
    if hit.curated or hit.type not in _ATTITUDES or token.pos_ != "VERB" or token.sent.start == 0:
        return False
    if token.tag_ in ("VBZ", "VBP"):
        return not any(c.dep_ in ("aux", "auxpass") for c in token.children)
    return token.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lemma_.lower() == "do" and c.tag_ in ("VBZ", "VBP")
        for c in token.children
    )


_ASKING_MODALS = frozenset({"should", "must", "ought"})


def surmised(hit: Hit) -> bool:
    """ "Analysts suggest that the move could set a precedent": suggesting that something is
    so is an opinion; only suggesting that someone should act asks for anything."""
    token = hit.token
    if hit.type != EventType.REQUEST or hit.curated or token.lemma_.lower() != "suggest":
        return False
    said = [c for c in token.children if c.dep_ == "ccomp"]
    return bool(said) and not any(
        a.dep_ == "aux" and a.lower_ in _ASKING_MODALS for c in said for a in c.children
    )


def long_since(token: Token) -> bool:
    """ "who has long targeted the family": a perfect with "long" tells a habit of years, not
    one event."""
    children = list(token.children)
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children)
    return perfect and any(c.dep_ == "advmod" and c.lower_ == "long" for c in children)
