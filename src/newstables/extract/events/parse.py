"""Small dependency-parse helpers shared by the event modules.

>>> subject(doc[1]).text      # "Seoul rejected the offer"
'Seoul'
"""

from __future__ import annotations

from spacy.tokens import Token

from .index import indexed


def child(token: Token, dep: str) -> Token | None:
    """The child with this relation nearest to the token (parses of merged lines repeat them);
    read on the word index (no Token built for the other children)."""
    doc, i = token.doc, token.i
    index = indexed(doc)
    found = [c for c in index.children(i) if index.dep[c] == dep]
    return doc[min(found, key=lambda c: abs(c - i))] if found else None


def dobj(token: Token) -> Token | None:
    """The direct object."""
    return child(token, "dobj")


def subject(token: Token | None) -> Token | None:
    """The nominal or clausal subject."""
    if token is None:
        return None
    return child(token, "nsubj") or child(token, "csubj")


def by_agent(token: Token) -> Token | None:
    """The noun of a passive "by" agent."""
    for node in token.children:
        if node.dep_ == "agent":
            return pobj(node)
    return None


def pobj(prep: Token) -> Token | None:
    """The object of a preposition."""
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def infinitive(token: Token) -> bool:
    """Whether a verb has an infinitive "to"."""
    index = indexed(token.doc)
    return any(index.dep[c] == "aux" and index.lower[c] == "to" for c in index.children(token.i))


RECEIVING = frozenset({"receive", "win", "get", "earn", "secure", "gain", "land", "accept"})


def received_from(token: Token) -> Token | None:
    """Who gave a received thing: "received the endorsement of Gov. Pence" → Pence."""
    if token.dep_ != "dobj" or token.head.lemma_.lower() not in RECEIVING:
        return None
    prep = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return pobj(prep) if prep is not None else None


def misparsed_subject(token: Token) -> Token | None:
    """ "Doctors from two aid groups donated and delivered goods to ...": a sentence the parser
    read as one noun phrase (its root a noun, the verbs modifiers of a word inside it) whose verb
    or a verb joined to it is past tense; the root noun is the subject."""
    if token.dep_ != "acl":
        return None
    root = token.sent.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    if not any(v.tag_ == "VBD" for v in (token, *(c for c in token.children if c.dep_ == "conj"))):
        return None
    node = token.head
    while node != root and node.dep_ in ("pobj", "prep"):
        node = node.head
    return root if node == root else None
