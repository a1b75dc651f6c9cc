"""Who asserts a figure: the source of the innermost attribution whose content holds it.

Shapes are tried in order (``claimant``; the shapes in ``shapes``, the verbs in ``verbs``, the
asides and owned nouns in ``asides``, the mention in ``base``):

* "Zelenskyy has put the number of killed or wounded at 4,000" (put/place/estimate/peg … at N);
* "According to X, North Korea sent about 11,000 soldiers" (an "according to" on the clause or
  opening the sentence, within its paragraph; not one inside a clause a verb of speech reports:
  "The AP reported that, according to an analysis, 85 …" is the AP's);
* "US estimates are lower, at about 1,200", "Seoul's figures show 4,000" (the estimate's owner);
* "A Quinnipiac poll found that … 46 percent", "Cruz hopes to finish his 99-county tour" (the
  nearest verb of speech, evidence or attitude above the number that takes it as content:
  a clause, an object unless the verb's literal sense takes amounts, ``_content_edge``);
* "Mr. Trump's claims that his net worth exceeds $10 billion", "Berlin's pledge to add 7,000
  soldiers", "Murphy's opposition to the $1.1 billion proposal" (the owner of a noun of claim
  or intent whose clause holds the number, or of a noun of stance whose of/to/for phrase does);
* "A report noted that immigrants are optimistic: 70 percent believe …" (a reported clause
  that runs up to a colon goes on past it);
* "As the Times noted, …", "…, the poll found." (an aside or trailing attribution, ``aside``);
* "Roe had 38 percent in a Fox poll", "In a CNN poll released Monday, 31 percent …; …" (the
  poll or tally the clause is in, or that opens the sentence);
* else the shared attribution when it names a speech cue ("…, according to FEC records").

A number in a description whose claimant stands outside it is the outlet's: a comma-set
apposition headed by a common noun ("Officials say Mateen, the man who killed 49, held …") or
a participle clause opening the sentence ("Sharing a 1,100-mile border, the two nations, Xi
said, …"). So is a number counting whom a poll or study asked ("In an online poll of 800
voters, X found …").

A cue verb above the number that does not take it as content ("Roe wrote to her 20,000
followers", "the club charged a $100 fee", "…, who has given $4,000,") leaves the figure to the
outlet. A claimant must be an agent or a source of data: a mention that is the number itself
("79 percent of Democrats said"), a share ("most", "a quarter") or a bare "that" or dummy
"it" is no claimant, and the figure is the outlet's ("It showed $200,000 in payments" claims).

>>> claim = claimant(ctx, start, end)
>>> claim.entity_id, claim.surface
('volodymyr-zelenskyy', 'Zelenskyy')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..attribution import attribute
from ..attribution.lexicon import CUE_FORMS, words_of
from .asides import aside, owned_claim, past_colon
from .base import Claim, source_claim
from .shapes import (
    according_to,
    bracketed_apart,
    by_law,
    estimate_owner,
    in_data,
    opening_data,
    put_at,
)
from .verbs import (
    description,
    governed,
    is_cue_verb,
    quoted_report,
)

if TYPE_CHECKING:
    from .. import ArticleContext

__all__ = ["Claim", "claimant", "quoted_claimant", "shared_attribution"]

# Data that ask a sample: a number of its "of" is whom it asked ("a poll of 800 voters").
SAMPLE_NOUNS = words_of("poll survey study analysis review audit sample")

# The figure-specific shapes, in the order they are tried.
SHAPES = (
    put_at,
    according_to,
    estimate_owner,
    governed,
    owned_claim,
    past_colon,
    aside,
    in_data,
    by_law,
    opening_data,
)


def shared_attribution(ctx: ArticleContext, start: int, end: int) -> Claim | None:
    """The shared attribution machinery, when it names a cue of speech ("…, according to FEC
    records", "…, Roe said"): a subject carried over without a cue says nothing of a number."""
    source = attribute(ctx, start, end)
    words = (source.cue or "").lower().split() if source is not None else []
    if not words or not ("according" in words or words[0] in CUE_FORMS):
        return None
    if source is not None and _relative_aside(ctx, source.start, start):
        return None
    return source_claim(ctx, source)


def _relative_aside(ctx: ArticleContext, speaker_at: int | None, start: int) -> bool:
    """A speaker whose verb heads a relative clause on another noun of the number's sentence
    ("The documents included 44 emails that were not among the 55,000 pages given to the State
    Department, which she said represented all her emails"): it speaks only of that noun."""
    if speaker_at is None:
        return False
    speaker = ctx.doc.char_span(speaker_at, speaker_at + 1, alignment_mode="expand")
    number = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
    if speaker is None or number is None or not len(speaker) or not len(number):
        return False
    verb, figure = speaker[0].head, number[0]
    return (
        verb.dep_ == "relcl"
        and verb.sent.start == figure.sent.start
        and not (verb.left_edge.i <= figure.i <= verb.right_edge.i)
    )


def claimant(ctx: ArticleContext, start: int, end: int) -> Claim | None:
    """Who asserts the figure at text[start:end]; None when the outlet states it itself.

    A number inside an "according to" phrase describes the source, not what it says; one
    outside the parentheses an "according to" stands in is the outlet's. The
    figure-specific shapes first; a cue verb above the number that did not take it as
    content ("Roe wrote to her 20,000 followers", "the club charged a $100 fee") leaves it
    to the outlet; else the shared attribution (a cue after it: "…, officials said")."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        number = span[-1]
        if _in_according(number) or _sample(number):
            return None  # "according to three people briefed", "a poll of 800 voters"
        if any(t.lower_ == "according" and bracketed_apart(t, number) for t in number.sent):
            return None  # "Iowa (93 percent, according to exit polls), Ohio (79 percent)"
        for shape in SHAPES:
            claim = shape(ctx, number)
            if claim is not None and not _overlaps(claim, start, end):
                return None if _apart(claim, number) else claim
        if any(is_cue_verb(a) for a in number.ancestors):
            return None
    claim = shared_attribution(ctx, start, end)
    if claim is None or _overlaps(claim, start, end):
        return None
    return None if span is not None and len(span) and _apart(claim, span[-1]) else claim


def quoted_claimant(
    ctx: ArticleContext, start: int, end: int, quote: tuple[int, int]
) -> Claim | None:
    """Who a quotation (text[quote[0]:quote[1]]) says claims the figure at text[start:end]: a
    named person whose speech verb inside the quotation reports it; None leaves the figure to
    the quotation's speaker."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return quoted_report(ctx, span[-1], *quote)


def _apart(claim: Claim, number: Token) -> bool:
    """A number in a description (``description``: "Officials say Mateen, the man who killed
    49, held two licenses", "Sharing a 1,100-mile border, the two nations, Xi said, …") whose
    claimant stands outside it: the outlet describes."""
    root = description(number)
    if root is None or claim.start is None:
        return False
    doc = number.doc
    inside = doc[root.left_edge.i].idx <= claim.start < doc[root.right_edge.i].idx + 1
    return not inside


def _in_according(number: Token) -> bool:
    """A number in the source phrase of an "according to", with no comma between ("according
    to three people briefed", "according to a poll of 400 voters")."""
    for according in (a for a in number.ancestors if a.lower_ == "according"):
        between = number.doc[according.i : number.i]
        return not any(t.is_punct for t in between)
    return False


def _sample(number: Token) -> bool:
    """A number counting whom a poll or study asked ("In an online poll of 800 voters, X
    found", "a study based on 1,500 interviews"): it describes the data, not a finding."""
    noun = number if number.dep_ == "pobj" else number.head
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("of", "among", "on"):
        return False
    data = noun.head.head
    if data.lemma_.lower() == "base" and data.dep_ == "acl":
        data = data.head  # "a study based on 1,500 interviews"
    return data.lemma_.lower() in SAMPLE_NOUNS


def _overlaps(claim: Claim, start: int, end: int) -> bool:
    """A claimant mention holding the figure itself ("a group which has 25,000 members")."""
    return (
        claim.start is not None
        and claim.end is not None
        and claim.start < end
        and start < claim.end
    )
