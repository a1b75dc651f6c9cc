"""The claimant mention: what can claim a number, the entity it names and how far it runs.

>>> claim = resolve(ctx, token)                # the entity a claimant token names, or None
>>> source_claim(ctx, attribute(ctx, start, end))  # a Claim from an attribution Source
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..attribution import Source, mention_span, resolve_mention, view
from ..attribution.lexicon import (
    DATA_NOUNS,
    DOCUMENT_NOUNS,
    NOT_AGENTS,
    words_of,
)
from ..spans import entity_at

if TYPE_CHECKING:
    from .. import ArticleContext, NewEntity

# Subjects that are polls or data: what they "have" or "give" is their numbers.
POLL_NOUNS = DATA_NOUNS | words_of("average")


# Prepositions by which a common-noun source names where it speaks from, or who it is
# ("Proponents like Mr. Eisenbrey", "interviews with a dozen party leaders").
PLACE_PREPOSITIONS = words_of("at from in of for like with")


# Number words that count speakers rather than state amounts ("one source", "two officials").
SMALL_NUMBERS = words_of("one two three four five six seven eight nine ten")


# Heads that are never a claimant: shares, quantifiers, relative and dummy pronouns.
NOT_CLAIMANTS = NOT_AGENTS | words_of(
    """
    which who whom whose percent % quarter third half majority minority share most many some
    all few none number total one any each both either neither name
    """
)


DESCRIPTIONS = frozenset({"relcl", "appos", "acl", "advcl", "parataxis"})


@dataclass(frozen=True)
class Claim:
    """The claimant of a figure: entity, mention as printed, and a proposed new entity."""

    entity_id: str | None
    surface: str | None
    start: int | None = None
    end: int | None = None
    new_entity: NewEntity | None = None
    channel_id: str | None = None  # who relayed the claim ("… shared with Y", "Y, citing X")
    channel_entity: NewEntity | None = None


def resolve(ctx: ArticleContext, token: Token, phrase: Span | None = None) -> Claim | None:
    """The entity a claimant token names, through the shared resolution: the given phrase or
    the token's whole phrase ("intelligence assessments from U.S., … officials"), then its noun
    phrase."""
    art = view(ctx)
    if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
        token, phrase = token.head.head, None  # "the poll, which found" → the poll
    if not agentive(mention_span(art, token)):
        return None
    for span in (phrase or _subtree_span(token), mention_span(art, token)):
        entity_id, new_entity, _ = resolve_mention(art, span)
        if entity_id:
            return Claim(entity_id, span.text, span.start_char, span.end_char, new_entity)
    return None


def agentive(span: Span) -> bool:
    """Whether a mention can claim a number (not a share, a number or a bare "that")."""
    head = span.root
    if head.lower_ == "it" and _says(head):
        return True  # "It showed $200,000 in payments": a document or body spoken of before
    if head.lower_ in NOT_CLAIMANTS or head.lemma_.lower() in NOT_CLAIMANTS:
        return False
    if head.ent_type_ in ("DATE", "TIME"):
        return False  # "at 7:00 p.m.", "this week": a time, not a voice
    return not any((t.like_num and not _determiner(t)) or t.text in ("%", "$") for t in span)


def _says(pronoun: Token) -> bool:
    """Whether "it" is the subject of an active verb other than a copula ("it says", "It
    showed"; not "it is expected", "it seems")."""
    verb = pronoun.head
    return (
        pronoun.dep_ == "nsubj"
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() not in ("be", "seem", "appear")
        and not any(c.dep_ == "auxpass" for c in verb.children)
    )


def _determiner(token: Token) -> bool:
    """A year, a date word, a small number word before a noun, or a number hyphened to the
    modifier it counts ("a 2009 report", "one source", "two officials", "the 50-state poll"):
    no amount of the mention's own."""
    if token.lower_ in SMALL_NUMBERS and token.head.i > token.i:
        return True
    if _hyphened(token):
        return True
    return token.ent_type_ == "DATE" or (
        len(token.text) == 4 and token.text.isdigit() and 1900 <= int(token.text) <= 2099
    )


def _hyphened(token: Token) -> bool:
    """A number hyphened to the word after it, which modifies a noun further on ("the 50-state
    poll", "a 10-year outlook"): part of a modifier, not a count of the mention."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text not in ("-", "–"):
        return False
    word = doc[token.i + 2]
    return token.head.i == word.i and word.dep_ in ("compound", "amod") and word.head.i > word.i


def _subtree_span(token: Token) -> Span:
    """The phrase a token heads (without trailing punctuation or relative clauses)."""
    tokens = [t for t in token.subtree if not (t.dep_ in ("relcl", "punct") and t is not token)]
    doc = token.doc
    return doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]


def source_claim(ctx: ArticleContext, source: Source | None) -> Claim | None:
    """A Claim from an attribution Source, when it names an agent."""
    if source is None or (source.entity_id is None and source.new_entity is None):
        return None
    span = ctx.doc.char_span(source.start or 0, source.end or 0, alignment_mode="expand")
    if span is not None and len(span):
        root = span.root
        if root.lower_ in ("who", "which") and root.head.dep_ == "relcl":
            root = root.head.head  # "Trump, who has threatened …": the relative's noun
        if not agentive(mention_span(view(ctx), root)):
            return None
        whole = _with_its_place(span, root)
        if whole is not None:
            entity_id, new_entity, _ = resolve_mention(view(ctx), whole)
            if entity_id:
                return Claim(
                    entity_id,
                    whole.text,
                    whole.start_char,
                    whole.end_char,
                    new_entity,
                    source.channel_id,
                    source.channel_entity,
                )
    entity_id = source.entity_id or (source.new_entity.entity_id if source.new_entity else None)
    return Claim(
        entity_id,
        source.surface,
        source.start,
        source.end,
        source.new_entity,
        source.channel_id,
        source.channel_entity,
    )


def _with_its_place(span: Span, root: Token) -> Span | None:
    """A common-noun source with the place it speaks from ("Officials at the science agency",
    "analysts from the bank"): the mention runs over that prepositional phrase up to a comma,
    unless the phrase holds a number ("a poll of 400 voters" stays "a poll")."""
    if root.pos_ != "NOUN" or root.i != span.end - 1:
        return None
    place = next((c for c in root.rights if c.dep_ == "prep" and c.i == span.end), None)
    if place is None or place.lower_ not in PLACE_PREPOSITIONS | _authors(root):
        return None
    objects = [c for c in place.children if c.dep_ == "pobj"]
    if not objects:
        return None
    end = _place_end(objects[0])
    for more in (c for c in root.rights if c.dep_ == "conj" and c.pos_ == "PROPN"):
        between = span.doc[end : more.i]
        if all(t.is_punct or t.dep_ == "cc" for t in between):  # ", and Ukraine" hung on root
            end = more.right_edge.i + 1
    named = entity_at(root)  # a name the tagger read whole, whatever the parse attached
    whole = span.doc[span.start : max(end, named.end if named is not None else 0)]
    counted = any(t.like_num and not _determiner(t) for t in whole)
    return None if counted else whole  # "a poll of 400 voters", not "a 2014 estimate"


def _authors(root: Token) -> frozenset[str]:
    """ "by" when the source is data or a document, whose author it names ("A 2014 estimate by
    Congress's Joint Committee on Taxation projected …": the committee speaks through it)."""
    return frozenset({"by"}) if root.lemma_.lower() in POLL_NOUNS | DOCUMENT_NOUNS else frozenset()


def _place_end(place: Token) -> int:
    """Where the place phrase ends: its noun with any coordinated places ("from the United
    States, South Korea, and Ukraine"), before a comma that opens a description."""
    end = place.i + 1
    for token in place.subtree:
        if token.i <= place.i:
            continue
        if token.is_punct and token.i == end and not _list_goes_on(token):
            break
        if any(a.dep_ in DESCRIPTIONS for a in _ancestors_to(token, place)):
            break
        end = token.i + 1
    while end > place.i + 1 and place.doc[end - 1].is_punct:
        end -= 1
    return end


def _list_goes_on(comma: Token) -> bool:
    """Whether a comma separates conjuncts ("the United States, South Korea, and Ukraine")."""
    after = comma.nbor(1) if comma.i + 1 < len(comma.doc) else None
    return after is not None and (after.dep_ in ("conj", "cc") or after.head.dep_ == "conj")


def _ancestors_to(token: Token, top: Token) -> list[Token]:
    """The tokens from ``token`` up to (not including) ``top``."""
    path = []
    while token.i != top.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path
