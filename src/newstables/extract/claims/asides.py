"""Claims around a number's clause: an aside or trailing attribution, a reported clause run on
past a colon, and the owner of a noun of claim, intent or stance.

>>> aside(ctx, number)        # "As the Times noted, Roe raised $1.1 million"
>>> owned_claim(ctx, number)  # "Murphy's opposition to the $1.1 billion proposal"
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..attribution import Cue, view
from ..attribution.lexicon import SPEECH_NOUNS, words_of
from ..attribution.relays import make_source
from .base import Claim, source_claim
from .verbs import CONTENT_EDGES, LITERAL_OBJECT_VERBS, cue_at, is_cue_verb

if TYPE_CHECKING:
    from .. import ArticleContext


# Nouns of claim and intent whose "that …" or "to …" clause is their owner's content.
CLAIM_NOUNS = SPEECH_NOUNS | words_of(
    """
    proposal assertion argument prediction contention insistence suggestion demand
    threat boast allegation decision willingness intention
    """
)


# Nouns of stance whose "of/to/for" phrase is what their owner holds ("Her tentative embrace
# of a $15 minimum wage", "Murphy's opposition to the $1.1 billion proposal").
STANCE_NOUNS = words_of("embrace opposition support endorsement rejection")


def owned_claim(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "Mr. Trump's claims that his net worth exceeds $10 billion", "Berlin's pledge to add
    almost 7,000 soldiers", "Murphy's opposition to the $1.1 billion proposal": the owner of a
    noun of claim or intent whose clause holds the number, or of a noun of stance whose
    "of/to/for" phrase holds it."""
    art = view(ctx)
    below = number
    for noun in number.ancestors:
        if art.sentence_of(noun.idx) != art.sentence_of(number.idx):
            return None
        if noun.pos_ in ("VERB", "AUX") and below.dep_ in CONTENT_EDGES:
            return None  # a clause of its own came first
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if noun.pos_ == "NOUN" and owner is not None and _owns(noun, below):
            claim = source_claim(ctx, make_source(art, Cue(noun, owner, None, noun.text)))
            return _without_case(claim)
        below = noun
    return None


def _owns(noun: Token, below: Token) -> bool:
    """Whether a noun of claim, intent or stance takes what lies below it as its content."""
    lemma = noun.lemma_.lower()
    if lemma in CLAIM_NOUNS:
        return below.dep_ in ("acl", "ccomp", "xcomp")
    return lemma in STANCE_NOUNS and below.dep_ == "prep" and below.lower_ in ("of", "to", "for")


def past_colon(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "A report noted that immigrants are optimistic: 70 percent believe …": a reported
    clause that runs up to a colon goes on past it, so its speaker claims what follows."""
    art = view(ctx)
    colons = [t for t in number.sent if t.text == ":" and t.i < number.i]
    if not colons or art.in_quote(number):
        return None
    colon = colons[-1]
    for verb in number.doc[number.sent.start : colon.i]:
        reaching = any(
            c.dep_ in CONTENT_EDGES and c.right_edge.i == colon.i - 1 for c in verb.children
        )
        if reaching and is_cue_verb(verb) and verb.lemma_.lower() not in LITERAL_OBJECT_VERBS:
            cue = cue_at(art, verb)
            if cue is not None and not art.in_quote(cue.speaker):
                return source_claim(ctx, make_source(art, cue))
    return None


def _without_case(claim: Claim | None) -> Claim | None:
    """The mention without its possessive ending ("Jane Roe's" → "Jane Roe")."""
    if claim is None or claim.surface is None or claim.end is None:
        return claim
    for ending in ("'s", "’s", "'", "’"):
        if claim.surface.endswith(ending):
            cut = len(ending)
            return replace(claim, surface=claim.surface[:-cut].rstrip(), end=claim.end - cut)
    return claim


def aside(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "As the Times noted, Roe raised $1.1 million", "84 percent …, the poll found", "The
    tag, he said, was used 6.7 million times": a cue verb without content of its own that hangs
    on the number's clause (an aside or a trailing attribution) attributes that clause."""
    art = view(ctx)
    path = {number.i} | {a.i for a in number.ancestors}
    verbs = [v for c in number.ancestors for v in c.children]
    last = _trailing(number)
    if last is not None:
        verbs.append(last)
    for verb in verbs:
        if verb.i in path or verb.dep_ not in ("advcl", "parataxis", "conj", "relcl"):
            continue
        if art.sentence_of(verb.idx) != art.sentence_of(number.idx):
            continue  # a tree run over a sentence end
        if verb.dep_ == "relcl" and verb is not last:
            continue
        if not is_cue_verb(verb) or any(
            c.dep_ in ("ccomp", "xcomp", "dobj") and c.lower_ not in ("so", "it", "this")
            for c in verb.children
        ):
            continue
        if verb.dep_ == "conj" and verb.i < number.i:
            continue  # "Roe said so, and 400 …": only a trailing conjunct or clause
        if any(c.dep_ == "mark" and c.lower_ not in ("as", "than") for c in verb.children):
            continue  # "… since the recovery began", "… while Roe spoke": a circumstance
        if not any(c.dep_ == "nsubj" for c in verb.children):
            continue  # "Scott freed up $26 million and announced …": one actor's deeds
        cue = cue_at(art, verb)
        if cue is not None and not art.in_quote(cue.speaker):
            claim = source_claim(ctx, make_source(art, cue))
            if claim is not None:
                return claim
    return None


def _trailing(number: Token) -> Token | None:
    """The verb of a trailing ", the poll found." closing the number's sentence."""
    sentence = number.sent
    tokens = [t for t in sentence if not t.is_punct and t.i > number.i]
    if not tokens or tokens[-1].pos_ != "VERB" or tokens[-1].dep_ == "ROOT":
        return None
    verb = tokens[-1]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    before = number.doc[subject.left_edge.i - 1] if subject.left_edge.i > 0 else None
    return verb if before is not None and before.text == "," else None
