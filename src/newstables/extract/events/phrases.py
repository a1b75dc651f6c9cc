"""The predicate of an event mention in words, for the summary line: the trigger verb in the
past tense with its particle, object and first argument phrase ("vetoed a water-rate cap",
"filed a lawsuit against the utility"); pronouns become the names they stand for.

>>> clause(article, hit)
'Thomas Whitfield vetoed a water-rate cap'
"""

from __future__ import annotations

from spacy.tokens import Token

from .entities import joined, resolve
from .parse import misparsed_subject, received_from, subject
from .patterns import particle
from .state import Article, Hit

_IRREGULAR = {
    "send": "sent", "hold": "held", "meet": "met", "give": "gave", "take": "took",
    "make": "made", "seek": "sought", "win": "won", "lead": "led", "bring": "brought",
    "begin": "began", "fight": "fought", "shoot": "shot", "strike": "struck", "tell": "told",
    "say": "said", "withdraw": "withdrew", "sell": "sold", "buy": "bought", "break": "broke",
    "put": "put", "set": "set", "cut": "cut", "quit": "quit", "keep": "kept", "leave": "left",
    "stand": "stood", "forbid": "forbade", "swear": "swore", "throw": "threw", "seize": "seized",
    "shut": "shut", "spend": "spent", "lend": "lent", "undertake": "undertook", "go": "went",
    "come": "came", "do": "did", "have": "had", "be": "was", "find": "found", "hit": "hit",
    "deal": "dealt", "fly": "flew", "flee": "fled", "speak": "spoke", "drive": "drove",
}  # fmt: skip
_DOUBLED = frozenset(
    {"ban", "plan", "stop", "drop", "ship", "bar", "grab", "slam", "rob", "cap", "commit", "admit",
     "permit", "submit", "rebut", "top"}
)  # fmt: skip
_OBJECT_STOP = frozenset({"relcl", "acl", "appos", "ccomp", "advcl", "punct", "cc", "conj"})
_PREPS = frozenset({"to", "with", "against", "on", "from", "for", "into", "of", "over", "in"})
_LIMIT = 8  # words of an object phrase
_NOUN_VERBS = {
    "CONSULT": "held", "ACCUSE": "brought", "REQUEST": "made", "PROTEST": "staged", "AGREE": "made",
    "ASSAULT": "carried out", "COERCE": "carried out",
}  # fmt: skip


def past(token: Token) -> str:
    """The verb in the simple past ("veto" → "vetoed", "send" → "sent")."""
    if token.tag_ in ("VBD", "VBN"):
        return token.lower_
    lemma = token.lemma_.lower()
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma in _DOUBLED:
        return lemma + (lemma[-1] if not lemma.endswith("o") else "") + "ed"
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def clause(article: Article, hit: Hit) -> str | None:
    """The event as a clause: who did what to whom ("Thomas Whitfield vetoed a water-rate
    cap"); None when the actor is not named."""
    names = [article.name(a) for a in (hit.actor, *hit.co_actors)]
    names = [n for n in names if n]
    if not names or hit.token.pos_ not in ("VERB", "AUX", "NOUN", "PROPN"):
        return None  # "despite Moscow claiming": the summary composes the type's phrase
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    article.speaking = hit.actor
    return f"{who} {predicate(article, hit)}"


def predicate(article: Article, hit: Hit) -> str:
    """The predicate of the hit in words (see the module docstring)."""
    token = hit.token
    if token.pos_ in ("NOUN", "PROPN"):
        head = token.head
        owned = any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in token.children)
        taker = subject(head) if received_from(token) is not None else None
        if taker is not None:  # "X received the endorsement of Y" → "Y gave an endorsement to X"
            return f"gave {_an(token)} {token.lower_} to {_phrase(article, taker)}"
        if head.pos_ == "VERB" and token.dep_ in ("dobj", "nsubjpass", "attr") and not owned:
            return " ".join([past(head), *_particles(head), _phrase(article, token)]).strip()
        verb = _NOUN_VERBS.get(hit.type.value, "announced")
        if owned:  # "Trump's offer" → "Donald Trump made an offer"
            return f"{verb} {_an(token)} {token.lower_}"
        return f"{verb} {_phrase(article, token)}"
    if hit.reported and (asked := subject(token)) is not None:
        # "X said Y must end": "X demanded that Y end"
        done = [token.lemma_.lower(), *_particles(token), *_object_of(article, token)]
        return " ".join(["demanded that", _phrase(article, asked), *done])
    words = [past(token), *_particles(token)]
    obj = next((c for c in token.children if c.dep_ in ("dobj", "dative")), None)
    if obj is None and token.dep_ == "acl" and token.tag_ == "VBN" and not misparsed_subject(token):
        obj = token.head  # "claims contested by Ukraine": Ukraine contested claims
    if obj is not None:
        words.append(_phrase(article, obj))
    prep = next((c for c in token.children if _argument_prep(c)), None)
    if prep is not None and len(words) < 4:
        inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if inner is not None and inner.ent_type_ not in ("DATE", "TIME"):
            words += [prep.lower_, _phrase(article, inner)]
    complement = next((c for c in token.children if c.dep_ == "xcomp"), None)
    if obj is None and prep is None and complement is not None:
        words += ["to", complement.lemma_.lower(), *_particles(complement)]
        words += _object_of(article, complement)
    elif obj is None and complement is None and (said := _that_clause(token)):
        words.append(said)  # "warned that the move could trigger sanctions"
    return " ".join(w for w in words if w)


_SAID_LIMIT = 10  # words of a reported clause in a summary


def _that_clause(token: Token) -> str | None:
    """A that-clause the verb takes, short ("that the move could trigger more sanctions")."""
    said = next((c for c in token.children if c.dep_ == "ccomp" and c.i > token.i), None)
    if said is None or not any(m.dep_ == "mark" and m.lower_ == "that" for m in said.children):
        return None
    words = [t for t in said.subtree if not t.is_punct]
    text = joined(words[:_SAID_LIMIT])
    return text + (" …" if len(words) > _SAID_LIMIT else "")


def _an(token: Token) -> str:
    return "an" if token.lower_[0] in "aeiou" else "a"


def _argument_prep(token: Token) -> bool:
    """A preposition that introduces an argument, not a date ("on Friday")."""
    if token.dep_ != "prep" or token.lower_ not in _PREPS:
        return False
    return not any(g.ent_type_ in ("DATE", "TIME") for g in token.children)


def _object_of(article: Article, token: Token) -> list[str]:
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    return [_phrase(article, obj)] if obj is not None else []


def _particles(token: Token) -> list[str]:
    """The verb's particle ("stepped down", "called off")."""
    found = particle(token)
    return [found] if found else []


def _phrase(article: Article, token: Token) -> str:
    """A noun phrase, short: its head with the modifiers before it (and an "of" phrase);
    a pronoun becomes the name it stands for."""
    if token.pos_ == "PRON":
        entity = resolve(article, token, agent=False)
        if entity is not None and entity == article.speaking:
            return token.lower_  # "vetoed his own bill": the actor's own pronoun stays
        name = article.name(entity)
        if name:
            return name + ("'s" if token.dep_ == "poss" else "")
        return token.lower_
    chosen = [token]
    stack = [c for c in token.children if c.dep_ not in _OBJECT_STOP]
    while stack and len(chosen) < _LIMIT:
        node = stack.pop()
        if node.dep_ == "prep" and node.lower_ not in ("of", "against", "on", "into", "to"):
            continue
        if node.ent_type_ in ("DATE", "TIME"):
            continue
        chosen.append(node)
        stack.extend(c for c in node.children if c.dep_ not in _OBJECT_STOP)
    inside = range(min(t.i for t in chosen), max(t.i for t in chosen) + 1)
    chosen += [token.doc[i] for i in inside if token.doc[i].text in ("-", "–", "'s", "’s")]
    pronouns = [t for t in chosen if t.pos_ == "PRON" and t.dep_ == "poss" and t != token]
    if not pronouns:
        return joined(chosen)
    pronoun = pronouns[0]  # "its nationals": the owner's name
    before = joined([t for t in chosen if t.i < pronoun.i])
    after = joined([t for t in chosen if t.i > pronoun.i])
    return " ".join(w for w in (before, _phrase(article, pronoun), after) if w)
