"""Who asserts a figure: claim shapes peculiar to numbers, then the shared attribution.

A thin layer over ``attribution.attribute``: it knows only the shapes in which a source is
named by the number itself rather than by a verb of saying —

* "Zelenskyy has put the number of killed or wounded at 4,000" (put/place/estimate/peg … at N);
* "US estimates are lower, at about 1,200", "Seoul's figures show 4,000" (the estimate's owner);
* "According to X, North Korea sent about 11,000 soldiers" (a sentence-wide "according to");

and hands everything else (cue verbs, "according to", pronouns, descriptions) to the shared code.

>>> claim = claimant(ctx, start, end)
>>> claim.entity_id, claim.surface
('volodymyr-zelenskyy', 'Zelenskyy')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .attribution import attribute, mention_span, resolve_mention, view

if TYPE_CHECKING:
    from . import ArticleContext, NewEntity

# "<subject> put the number … at N"
PUT_VERBS = frozenset({"put", "place", "estimate", "peg", "set", "assess", "fix", "calculate"})
# "<owner> estimates are …, at N": nouns whose owner is the claimant
ESTIMATE_NOUNS = frozenset(
    {"estimate", "figure", "assessment", "count", "tally", "calculation", "data", "statistic"}
)
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


@dataclass(frozen=True)
class Claim:
    """The claimant of a figure: entity, mention as printed, and a proposed new entity."""

    entity_id: str | None
    surface: str | None
    start: int | None = None
    end: int | None = None
    new_entity: NewEntity | None = None


def resolve(ctx: ArticleContext, token: Token, phrase: Span | None = None) -> Claim | None:
    """The entity a claimant token names, through the shared resolution: the given phrase or
    the token's whole phrase ("intelligence assessments from U.S., … officials"), then its noun
    phrase."""
    art = view(ctx)
    for span in (phrase or _subtree_span(token), mention_span(art, token)):
        entity_id, new_entity, _ = resolve_mention(art, span)
        if entity_id:
            return Claim(entity_id, span.text, span.start_char, span.end_char, new_entity)
    return None


def _subject(verb: Token) -> Token | None:
    """The active subject of a verb, looking through "has put" and coordinated verbs."""
    while True:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            return subjects[0]
        if verb.dep_ not in ("conj", "xcomp") or verb.head is verb:
            return None
        verb = verb.head


def _subtree_span(token: Token) -> Span:
    """The phrase a token heads (without trailing punctuation or relative clauses)."""
    tokens = [t for t in token.subtree if not (t.dep_ in ("relcl", "punct") and t is not token)]
    doc = token.doc
    return doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1]


def put_at(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "X has put the number of … at 4,000": the subject of put/estimate when "at" leads to N."""
    through_at = False
    for ancestor in number.ancestors:
        through_at = through_at or ancestor.lower_ == "at"
        if through_at and ancestor.lemma_.lower() in PUT_VERBS and ancestor.pos_ == "VERB":
            subject = _subject(ancestor)
            return resolve(ctx, subject) if subject is not None else None
        if ancestor.dep_ in ("ccomp", "advcl", "relcl", "parataxis"):
            return None
    return None


def estimate_owner(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "US estimates are lower, at about 1,200": the owner of the estimate the clause is about."""
    clause = number
    while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "parataxis", "conj"):
        if clause.head is clause:
            break
        clause = clause.head
    for noun in clause.children:
        if noun.dep_ not in ("nsubj", "nsubjpass") or noun.lemma_.lower() not in ESTIMATE_NOUNS:
            continue
        if "\n" in number.doc[min(noun.i, number.i) : max(noun.i, number.i)].text_with_ws:
            continue  # a headline glued on by the parse ("Intelligence estimates on …")
        owners = [c for c in noun.children if c.dep_ in _OWNER_DEPS]
        owners += [
            o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("from", "by", "of")
            for o in p.children if o.dep_ == "pobj"
        ]  # fmt: skip
        for owner in owners:
            if claim := resolve(ctx, owner):
                return claim
    return None


def _according_claim(ctx: ArticleContext, according: Token) -> Claim | None:
    """The source an "according to" names: all the phrase it covers (parses split long ones)."""
    objects = [o for to in according.children if to.lower_ == "to" for o in to.children]
    objects = [o for o in objects if o.dep_ == "pobj"]
    if not objects:
        return None
    tokens = [t for t in according.subtree if t.i >= objects[0].left_edge.i]
    while len(tokens) > 1 and tokens[-1].is_punct:
        tokens.pop()
    return resolve(ctx, objects[0], according.doc[objects[0].left_edge.i : tokens[-1].i + 1])


def according_to(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "According to South Korea's intelligence agency, North Korea sent about 11,000 soldiers":
    an "according to X" on a clause above the number, or opening the number's sentence."""
    ancestors = list(number.ancestors)
    for ancestor in ancestors:
        for child in ancestor.children:
            if child.lower_ == "according" and child not in ancestors:
                return _according_claim(ctx, child)
    art = view(ctx)
    start, _ = art.sentences[art.sentence_of(number.idx)]
    first = number.doc.char_span(start, start + 9, alignment_mode="expand")
    if first is not None and first[0].lower_ == "according" and first[0].i < number.i:
        return _according_claim(ctx, first[0])
    return None


def shared_attribution(ctx: ArticleContext, start: int, end: int) -> Claim | None:
    """The shared attribution machinery (cue verbs, "according to", pronouns, descriptions)."""
    source = attribute(ctx, start, end)
    if source is None or (source.entity_id is None and source.new_entity is None):
        return None
    entity_id = source.entity_id or (source.new_entity.entity_id if source.new_entity else None)
    return Claim(entity_id, source.surface, source.start, source.end, source.new_entity)


def claimant(ctx: ArticleContext, start: int, end: int) -> Claim | None:
    """Who asserts the figure at text[start:end]; None when the outlet states it itself."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        number = span[-1]
        for shape in (put_at, according_to, estimate_owner):
            if claim := shape(ctx, number):
                return claim
    return shared_attribution(ctx, start, end)
