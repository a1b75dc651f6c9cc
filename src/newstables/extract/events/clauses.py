"""Clause-level readings of a fired trigger: its date, whether the text says it happened
(planned / hypothetical / claimed / denied), negation, and PLOVER's reading of intentions
("will release" is an AGREE, "threatened to ban" a THREATEN, "refused to meet" a REJECT).

>>> dates(article, sent, hits); hits[0].date.edtf
'2025-04-28'
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from ...models import EntityType, EventType, Factuality
from ..dates import DateValue, find_dates
from .index import indexed
from .lexicon import EventCodebook
from .parse import dobj, infinitive
from .state import Article, Hit

_ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
_FAILING = frozenset({"fail", "refuse", "decline"})
_MARKING = frozenset({"aux", "advmod", "mark", "neg"})
COOPERATIVE = frozenset(
    {EventType.AID, EventType.COOPERATE, EventType.RETREAT, EventType.CONCEDE, EventType.CONSULT,
     EventType.SUPPORT, EventType.AGREE}
)  # fmt: skip
HOSTILE = frozenset(
    {EventType.ASSAULT, EventType.COERCE, EventType.SANCTION, EventType.MOBILIZE,
     EventType.PROTEST}
)  # fmt: skip
_SPEECH_ACTS = frozenset(
    {EventType.AGREE, EventType.THREATEN, EventType.REQUEST, EventType.STATEMENT,
     EventType.ACCUSE, EventType.REJECT}
)  # fmt: skip


def negated(token: Token) -> bool:
    """ "had not confirmed", "neither ... nor ... confirmed": nothing happened, no mention."""
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _FAILING:
        return True  # "failed to reach agreement"
    index = indexed(token.doc)
    dep, lower = index.dep, index.lower
    for node in (token.i, index.head[token.i] if token.dep_ == "conj" else token.i):
        below = index.children(node)
        if any(dep[c] == "neg" or lower[c] in ("never", "not") for c in below):
            return True
        subjects = [s for s in below if dep[s] in _SUBJECTS]
        if any(lower[w] == "neither" for s in subjects for w in index.below(s)):
            return True
    return False


def dates(article: Article, sent: Span, hits: list[Hit]) -> None:
    """Give each hit the date expression of its own clause (the first verb or trigger above the
    date is the hit's token, its governing verb for a noun trigger, or its verb of saying)."""
    if not hits:
        return
    triggers = {hit.token.i for hit in hits}
    found = find_dates(article.text_of(sent), article.published)
    for mention in found:
        span = sent.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        anchor = _date_anchor(span.root, triggers)
        for hit in hits:
            if hit.date is None and anchor is not None and _owns(hit, anchor):
                hit.date = mention.value
    for hit in hits:
        if hit.date is None and _ongoing(hit.token) and article.published:
            hit.date = _until(article.published)


def _date_anchor(token: Token, triggers: set[int]) -> Token | None:
    node = token
    while node.head != node:
        node = node.head
        if node.i in triggers or node.pos_ in ("VERB", "AUX"):
            return node
    return node if node.i in triggers or node.pos_ in ("VERB", "AUX") else None


def _owns(hit: Hit, anchor: Token) -> bool:
    """Whether a date anchored at this word dates the hit: the trigger itself, the first verb
    above a noun trigger ("declared the recapture complete on Saturday"), or the verb of saying
    whose subject a speech act took."""
    token = hit.token
    if anchor == token or (hit.anchor is not None and anchor == hit.anchor):
        return True
    if anchor.head == token and anchor.dep_ in ("advcl", "xcomp") and infinitive(anchor):
        return True  # "deployed troops to support operations late last year"
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in _ARGUMENTS:
        return False
    predicate = token.head
    return anchor == predicate or (predicate.pos_ == "ADJ" and anchor == predicate.head)


def _ongoing(token: Token) -> bool:
    """ "continues to supply": still happening when the article was published."""
    head = token.head
    return (
        token.dep_ == "xcomp" and head.lemma_.lower() == "continue" and head.tag_ in ("VBZ", "VBP")
    )


def _until(published: date) -> DateValue:
    """An open interval ending on the publication date (EDTF ``../YYYY-MM-DD``)."""
    return DateValue(f"../{published.isoformat()}", date.min, published, "interval", True)


def _governors(token: Token) -> list[tuple[Token, bool]]:
    """The trigger and the words above it in its sentence, each with whether its own lemma
    counts: a noun that a participle modifies does not ("claims contested by Ukraine": the
    claims are claimed, the contest is not); a relative clause's noun ends the chain."""
    chain = [(token, False)]
    node = token
    if token.pos_ == "NOUN" and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in token.children):
        return chain  # "rejected Trump's offer": the offer itself was made
    while node.head != node and node.dep_ != "ROOT":
        if node.dep_ == "relcl":
            break
        modifier = node.dep_ == "acl" and not any(c.dep_ == "mark" for c in node.children)
        node = node.head
        chain.append((node, not modifier))
    return chain


def factuality(book: EventCodebook, hit: Hit) -> Factuality:
    """Planned, hypothetical, claimed or denied from the words governing the trigger: the
    first level (denied, hypothetical, planned, claimed) whose words mark a word of the chain."""
    if hit.factuality != Factuality.asserted:
        return hit.factuality
    marks = [_marks(book, node, counts) for node, counts in _governors(hit.token)]
    for level in (
        Factuality.denied,
        Factuality.hypothetical,
        Factuality.planned,
        Factuality.claimed,
    ):
        words = book.modality.get(level, frozenset())
        if any(not found.isdisjoint(words) for found in marks):
            return level
    if hit.token.pos_ in ("NOUN", "PROPN") and hit.token.head.lemma_.lower() == "claim":
        return Factuality.claimed
    if _noun_infinitive(hit.token):
        return Factuality.hypothetical
    return Factuality.asserted


def _marks(book: EventCodebook, node: Token, counts: bool) -> set[str]:
    """The words that may mark a chain word's status: its own lemma (when it counts), its
    auxiliaries, adverbs, markers and negations, and the participles qualifying it."""
    index = indexed(node.doc)
    found = {index.lower[c] for c in index.children(node.i) if index.dep[c] in _MARKING}
    if counts:
        found.add(index.lemma[node.i])
    return found | _qualifiers(book, node)


def _qualifiers(book: EventCodebook, node: Token) -> set[str]:
    """An event noun whose participle says its status: "Elbonia's planned attack", "his
    proposed ban" (planned), "the alleged bribery" (claimed) — unless a light verb says it
    was carried out ("mounted its long-threatened invasion")."""
    if node.dep_ == "dobj" and node.head.lemma_.lower() in book.light_verbs:
        return set()
    if node.pos_ not in ("NOUN", "PROPN"):
        return set()
    return {c.lemma_.lower() for c in node.children if c.dep_ == "amod" and c.tag_ in ("VBN", "JJ")}


def _noun_infinitive(token: Token) -> bool:
    """An infinitive that completes a noun tells what was meant or made possible, not what
    anyone did or promised ("her intent to violate the law", "cleared the way for Kasich to take on
    Trump")."""
    return (
        token.pos_ == "VERB"
        and token.dep_ in ("acl", "relcl")
        and token.head.pos_ == "NOUN"
        and infinitive(token)
    )


def intention(book: EventCodebook, hit: Hit) -> None:
    """PLOVER codes a promised or threatened act by its intent: a cooperative one is an AGREE,
    a hostile one (or any made conditional with "unless") a THREATEN; speech acts keep theirs.
    A mere plan ("intends to", "plans to") is no commitment and stays planned, nor is a
    readiness that only dates something ("long before the union was ready to endorse")."""
    if hit.factuality != Factuality.planned or hit.curated or hit.type in _SPEECH_ACTS:
        return
    chain = [node for node, _ in _governors(hit.token)]
    marks = {n.lemma_.lower() for n in chain[1:]} | {
        c.lower_ for n in chain for c in n.children if c.dep_ == "aux"
    }
    if not marks & book.commitments or _time_clause(chain):
        return
    unless = any(
        g.lower_ in ("unless", "until") for node in chain for c in node.children for g in c.children
    )
    if unless or hit.type in HOSTILE:
        hit.type, hit.key = EventType.THREATEN, None
    elif hit.type in COOPERATIVE:
        hit.type, hit.key = EventType.AGREE, None


def _time_clause(chain: list[Token]) -> bool:
    """ "Long before the union was ready to endorse a candidate": a time clause tells when,
    it makes no promise."""
    return any(
        c.dep_ == "mark" and c.lower_ in ("before", "until") for n in chain for c in n.children
    )


def refusal(hit: Hit) -> bool:
    """A negated cooperative act is a refusal ("will not accept", "refused to meet"): the hit
    becomes a REJECT; True when it did."""
    if hit.type not in COOPERATIVE or hit.curated:
        return False
    hit.type, hit.key, hit.mode = EventType.REJECT, None, None
    return True


def verbal_attack(article: Article, hit: Hit) -> None:
    """An attack aimed at a person is an accusation in PLOVER ("Sanders attacked Clinton"):
    an ASSAULT or COERCE coded on a verb of attack becomes ACCUSE when its recipient is a
    person; so does an attack or threat made of words, that says something ("pressing his
    attack that Clinton is not qualified")."""
    if _forceful(hit) and _says(hit.token):
        hit.type, hit.mode = EventType.ACCUSE, None  # "pressing his attack that she is unfit"
        return
    if hit.type not in (EventType.ASSAULT, EventType.COERCE) or hit.curated or not hit.recipient:
        return
    if hit.token.lemma_.lower() not in article.book.verbal_attacks:
        return
    if person(article, hit.recipient):
        hit.type, hit.mode = EventType.ACCUSE, None


def person(article: Article, entity_id: str | None) -> bool:
    if not entity_id:
        return False
    entry = article.registry.get(entity_id)
    proposed = article.proposed.get(entity_id)
    kind = entry.type if entry else proposed.type if proposed else None
    return kind == EntityType.person


def _forceful(hit: Hit) -> bool:
    """An attack, or a threat of force (CAMEO 138), coded by the lexicon."""
    code = getattr(hit.rule, "code", "") or ""
    force = hit.type == EventType.ASSAULT or (
        hit.type == EventType.THREATEN and code.startswith("138")
    )
    return force and not hit.curated


def _says(token: Token) -> bool:
    """Whether a verb (or its object) takes a that-clause: words, not force."""
    heads = [token, *(c for c in token.children if c.dep_ == "dobj")]
    return any(
        c.dep_ in ("ccomp", "acl")
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for h in heads
        for c in h.children
    )


_ASKED = frozenset({"xcomp", "ccomp", "pobj", "prep", "advcl", "dobj"})


def asked_for(book: EventCodebook, hit: Hit) -> bool:
    """The act a request asks for has not happened: "urged the mayor to resign", "called for
    a ban", "demanded that the board resign" (the request is the event, not the act); asking
    for an inquiry into someone still accuses them."""
    node = hit.token
    if hit.type == EventType.ACCUSE:
        return False
    for _ in range(3):
        if node.dep_ not in _ASKED or node.head is node:
            return False
        if node.dep_ == "advcl" and not infinitive(node) and not _marked_for(node):
            return False
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in book.asking:
            return True
    return False


def _marked_for(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("for", "that") for c in token.children)


def kept_silent(book: EventCodebook, token: Token) -> bool:
    """Declining to comment is no rejection ("declined to say whether ...")."""
    if token.lemma_.lower() not in _FAILING:
        return False
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in book.silence for c in token.children)


def idle(book: EventCodebook, hit: Hit) -> bool:
    """A verb's bare code on an idiom's object ("struck a populist tone", "faced criticism"),
    a gerund that only modifies a noun ("voting rights", "the ruling party"), a participle
    that does so without naming whose act it was ("the proposed deal", not "his proposed
    ban") or "going to" of
    the future: no event."""
    token = hit.token
    if hit.curated or token.pos_ != "VERB":
        return False
    bare_participle = token.tag_ == "VBG" or (token.tag_ == "VBN" and not _possessed(token.head))
    if token.dep_ in ("amod", "compound") and token.i < token.head.i and bare_participle:
        return True
    if token.lemma_.lower() == "go" and token.tag_ == "VBG":  # "going to jump": the future
        return any(c.dep_ == "xcomp" and infinitive(c) for c in token.children)
    obj = _counted_object(token)
    if obj is None or obj.lemma_.lower() not in book.idle_objects:
        return False
    needed = {w for term in getattr(hit.rule, "after", ()) for w in term}
    return obj.lemma_.lower() not in needed and obj.lower_ not in needed


def _possessed(token: Token) -> bool:
    return any(c.dep_ == "poss" for c in token.children)


def _counted_object(token: Token) -> Token | None:
    """A verb's object, looked through a quantity ("struck many of the same notes": notes)."""
    obj = dobj(token)
    if obj is not None and obj.pos_ in ("ADJ", "NUM", "PRON", "DET"):
        of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        return inner if inner is not None else obj
    return obj


_ACTOR_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE"})


def property_attack(book: EventCodebook, hit: Hit) -> None:
    """Wrecking a thing, not people, damages property: COERCE in PLOVER ("blew up power
    lines", "set fire to the offices", "defaced web sites")."""
    if (
        hit.type != EventType.ASSAULT
        or hit.curated
        or hit.token.lemma_.lower() not in book.wrecking
    ):
        return
    target = _wrecked(hit.token)
    if target is None or target.pos_ == "PRON" or target.ent_type_ in _ACTOR_ENTS:
        return
    if target.lemma_.lower() in book.group_nouns or any(
        t.ent_type_ in ("PERSON", "NORP") for t in target.children if t.dep_ != "prep"
    ):
        return
    hit.type, hit.mode = EventType.COERCE, None


def _wrecked(token: Token) -> Token | None:
    """What a verb of wrecking hits: its object, or what fire is set to."""
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.lemma_.lower() == "fire":
        prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    return obj


def readied(book: EventCodebook, hit: Hit) -> bool:
    """A hostile act someone prepares is a show of force, now ("the army prepared to resume
    shelling"): MOBILIZE, asserted. True when it was."""
    if hit.type not in HOSTILE or hit.curated or hit.type == EventType.MOBILIZE:
        return False
    chain = [n for n, _ in _governors(hit.token)[1:]]
    readying = next((n for n in chain if n.lemma_.lower() in book.readying), None)
    if readying is None:
        return False
    hit.type, hit.mode, hit.factuality = EventType.MOBILIZE, None, Factuality.asserted
    hit.token = readying  # the summary says what happened: "prepared to shell the town"
    return True


_NEED_PARTY = frozenset({"agree", "meet", "help", "host", "release"})


def no_party(book: EventCodebook, hit: Hit) -> bool:
    """Agreeing with remarks or that something is so is an opinion, not an agreement;
    releasing a statement frees no one; a body meeting alone ("the board meets June 16") or
    hosting a thing consults no one; helping to act, without anyone helped, aids no one."""
    token, lemma = hit.token, hit.token.lemma_.lower()
    if hit.curated or token.pos_ != "VERB" or lemma not in _NEED_PARTY:
        return False
    if lemma == "release":  # "released a statement" frees no one, "released 20 prisoners" does
        freed = dobj(token) or (token.head if token.dep_ == "acl" else None)
        return freed is not None and not _party(book, freed)
    if lemma == "host":  # hosting a party is a meeting, hosting a town hall is not
        guest = dobj(token) or (token.head if token.dep_ == "acl" else None)
        return guest is not None and not _party(book, guest)
    if lemma == "help":  # "helped restore voting rights": the act is the helper's own
        return dobj(token) is None and any(c.dep_ == "xcomp" for c in token.children)
    if lemma == "agree":
        if any(c.dep_ == "ccomp" for c in token.children):
            return True
        withs = [o for c in token.children if c.lower_ == "with" for o in c.children]
        return any(o.dep_ == "pobj" and not _party(book, o) for o in withs)
    if any(c.dep_ in ("dobj", "conj") or c.lower_ in ("with", "together") for c in token.children):
        return False
    subj = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return (
        subj is not None
        and subj.tag_ in ("NN", "NNP")
        and not any(c.dep_ == "conj" for c in subj.children)
    )


def _party(book: EventCodebook, token: Token) -> bool:
    """A noun that names someone who can be a party (a person, body, group or pronoun)."""
    if token.pos_ in ("PRON", "PROPN") or token.ent_type_ in _ACTOR_ENTS:
        return True
    if token.lemma_.lower() in book.group_nouns:
        return True
    return token.tag_ == "NNS" and not any(c.dep_ == "poss" for c in token.children)
