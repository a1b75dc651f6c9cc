"""Documents: who speaks through "the statement", "the suit" or "“…,” it reads".

>>> document_source(art, head)     # the token naming who issued an earlier same document
>>> document_voice(art, pronoun)   # the token naming who wrote, sent or held the document

Each returns the token of the source (the mentions module resolves it to an entity): the
possessor ("Roe's statement", "his website"), the agent ("a statement issued by Roe", "was sent
by Bash"), the subject that holds it ("Dawson lifted a sign", "In a statement, Roe announced");
``issuer`` is the fallback (the last non-media subject before the document).
"""

from __future__ import annotations

from spacy.tokens import Token

from ...models import EntityType
from .lexicon import DOCUMENT_NOUNS, SUBJECTS
from .view import ArticleView, Mention

DOCUMENT_REACH = 400  # tokens "the statement" looks back for the statement it repeats
FILINGS = frozenset({"suit", "lawsuit", "complaint", "petition"})  # documents that "read"
SIGNS = frozenset({"sign", "placard", "banner", "website", "site", "page", "shirt", "card"})
READING_VERBS = frozenset({"read", "say", "state", "declare", "proclaim", "add", "continue"})
POSSESSIVES = {"his": "he", "her": "she"}


def issuer(art: ArticleView, offset: int) -> Mention | None:
    """Who issued "the statement": the last non-media agent that was a subject before it."""
    registry = art.ctx.curation.registry
    for mention in reversed(art.mentions_before(offset, 12)):
        entry = registry.get(mention.entity_id)
        media = (entry and entry.type == EntityType.media) or (
            mention.new_entity is not None and mention.new_entity.type == EntityType.media
        )
        if mention.subject and not media:
            return mention
    return None


def document_source(art: ArticleView, head: Token) -> Token | None:
    """ "the statement said" → who issued the same kind of document named before it: its
    possessor ("Roe's statement"), its agent ("a statement issued by Roe") or the subject of
    the verb it hangs on ("In a statement, Roe announced …", "Roe said in a statement")."""
    lemma = head.lemma_.lower()
    for token in reversed(art.doc[max(0, head.i - DOCUMENT_REACH) : head.i]):
        if token.lemma_.lower() != lemma or art.in_quote(token):
            continue
        source = _document_agent(token)
        if source is not None:
            return source
    return None


def document_voice(art: ArticleView, pronoun: Token, depth: int = 0) -> Token | None:
    """ "“…,” it reads": the document named in this or the previous two sentences speaks for
    whoever wrote, sent, held or owns it ("Dawson lifted a sign", "The email was sent by Bash",
    "On his website, Sanders …"); an earlier "it reads" there passes its document on."""
    first = art.sentences[max(0, art.sentence_of(pronoun.idx) - 2)][0]
    for token in reversed(art.tokens(first, pronoun.idx)):
        if token.lower_ == "it" and reads(token) and depth < 8:
            return document_voice(art, token, depth + 1)
        if token.pos_ != "NOUN" or token.lemma_.lower() not in DOCUMENT_NOUNS | SIGNS:
            continue
        return _holder(token) or _document_agent(token)
    return None


def reads(pronoun: Token) -> bool:
    """Whether "it" is the subject of a verb a document speaks with ("it reads", "it says")."""
    return pronoun.dep_ in SUBJECTS and pronoun.head.lemma_.lower() in READING_VERBS


def _holder(token: Token) -> Token | None:
    """Who holds a document: the agent of the verb it is the passive subject of ("was sent by
    Bash"), or the subject of the verb it is the object of ("Dawson lifted a sign")."""
    verb = token.head
    if token.dep_ == "nsubjpass":
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
    while (
        token.dep_ == "dobj"
        and verb.dep_ == "conj"
        and not any(c.dep_ in SUBJECTS for c in verb.children)
    ):
        verb = verb.head  # "Dawson smiled and lifted a sign": the subject they share
    if token.dep_ == "dobj":
        return next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    return None


def _document_agent(token: Token) -> Token | None:
    """The possessor, "by" agent or issuing subject of a document mention (see above)."""
    for child in token.children:
        if child.dep_ == "poss" and (
            child.pos_ in ("PROPN", "NOUN") or child.lower_ in POSSESSIVES
        ):
            return child
        for grand in child.children if child.dep_ == "acl" else ():
            pobj = [c for c in grand.children if c.dep_ == "pobj"]
            if grand.dep_ == "agent" and pobj:
                return pobj[0]
    prep = token.head
    if token.dep_ == "pobj" and prep.lower_ in ("in", "via", "through"):
        verb = prep.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.pos_ == "VERB" and subjects and subjects[0].pos_ in ("PROPN", "NOUN"):
            return subjects[0]
    return None
