"""Numeric claims (issue: figures): amount, counted thing, codebook kind, claimant and date.

The number grammar (``numbers.find_amounts``) finds the amounts in the text; the spaCy parse
finds what each counts and in which clause it sits; the codebook's ``quantities`` section maps
the counted noun and the clause's words onto a kind; the claimant comes from the quotation the
figure sits in, from a few figure-specific claim shapes (``claims``), or from the shared
attribution machinery; ``as_of`` is the date expression of the figure's clause.

>>> figures, new_entities = extract_figures(ctx, quotations)
>>> [(f.surface, f.quantity, f.claimant_id) for f in figures][:1]
[('more than 10,000', 'troops_deployed', 'western-and-south-korean-intelligence')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from ..models import Figure, Quotation, content_id
from .claims import Claim, claimant, quoted_claimant
from .dates import DateMention, find_dates
from .numbers import Amount, find_amounts
from .quotemarks import furniture_at

if TYPE_CHECKING:
    from . import ArticleContext, NewEntity

# Dependency labels that open a clause: the figure's clause is the subtree of the nearest one.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "xcomp", "relcl", "parataxis", "csubj"})
# Labels linking a counted noun up to the verb it is an argument of.
_ARGUMENT_DEPS = frozenset(
    {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "conj", "prep", "oprd", "npadvmod"}
)
_NOUN_PREMODIFIERS = frozenset({"ADJ", "PROPN", "ADV", "PUNCT", "NUM", "X", "SYM"})
_NOUN_MODIFIER_DEPS = frozenset({"amod", "det", "acl", "relcl", "advmod", "compound", "nmod"})
_DETERMINERS = frozenset(
    {"the", "these", "those", "its", "their", "his", "her", "our", "both", "my", "your"}
)
SMALL = 10  # numbers below this, and numbers in words, must count a codebook noun


@dataclass(frozen=True)
class Kind:
    """One codebook quantity kind."""

    name: str
    unit: str | None
    nouns: frozenset[str]
    people: bool
    context: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class QuantityRules:
    """The codebook's ``quantities`` section, ready for look-ups."""

    kinds: tuple[Kind, ...]
    people: frozenset[str]
    forces: frozenset[str]
    not_counts: frozenset[str]

    @classmethod
    def from_codebook(cls, codebook: dict[str, Any]) -> QuantityRules:
        """Read ``codebook["quantities"]``: ``QuantityRules.from_codebook(curation.codebook)``."""
        section = codebook.get("quantities") or {}
        kinds = tuple(
            Kind(
                name=name,
                unit=spec.get("unit"),
                nouns=_lowered(spec.get("nouns")),
                people=bool(spec.get("people")),
                context=tuple(_lowered(group) for group in spec.get("context") or ()),
            )
            for name, spec in (section.get("kinds") or {}).items()
        )
        return cls(
            kinds=kinds,
            people=_lowered(section.get("people")),
            forces=_lowered(section.get("forces")),
            not_counts=_lowered(section.get("not_counts")),
        )

    @cached_property
    def words(self) -> frozenset[str]:
        """Every counted word the codebook names (people and the kinds' nouns)."""
        return self.people.union(*(kind.nouns for kind in self.kinds))

    def countable(self, keys: set[str]) -> bool:
        """Whether a counted noun (its keys) is one the codebook knows."""
        return bool(keys & self.people) or any(keys & kind.nouns for kind in self.kinds)

    def classify(self, keys: set[str], context: set[str]) -> Kind | None:
        """The kind of a figure from its counted noun keys and its clause's words.

        >>> rules.classify({"casualty"}, set()).name
        'casualties_killed_or_wounded'
        """
        for kind in self.kinds:
            if keys & kind.nouns:
                return kind
        if keys and not keys & self.people:
            return None
        for kind in self.kinds:
            if kind.people and kind.context and all(group & context for group in kind.context):
                return kind
        for kind in self.kinds:  # "4,700 soldiers were casualties"
            if kind.people and context & kind.nouns:
                return kind
        if keys & self.forces:
            return next((k for k in self.kinds if k.name == "troops_deployed"), None)
        return None


def _lowered(words: Iterable[str] | None) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words or ())


_RULES: dict[int, tuple[dict[str, Any], QuantityRules]] = {}


def quantity_rules(codebook: dict[str, Any]) -> QuantityRules:
    """``QuantityRules.from_codebook``, read once per codebook (the one last asked about)."""
    cached = _RULES.get(id(codebook))
    if cached is None or cached[0] is not codebook:
        _RULES.clear()
        cached = _RULES[id(codebook)] = (codebook, QuantityRules.from_codebook(codebook))
    return cached[1]


def _keys(tokens: Iterable[Token]) -> set[str]:
    """Lemma and lower-case text of each token."""
    return {k for t in tokens for k in (t.lemma_.lower(), t.lower_)}


def noun_keys(noun: Token | None) -> set[str]:
    """Look-up keys of a counted noun: lemma, text, and with its modifiers ("square kilometre")."""
    if noun is None:
        return set()
    keys = _keys([noun])
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i:
            keys |= {f"{child.lower_} {noun.lemma_.lower()}", f"{child.lower_} {noun.lower_}"}
    return keys


def numeral_tokens(doc: Doc, amount: Amount) -> Span | None:
    """The tokens of the numerals of an amount (without its qualifier words)."""
    return doc.char_span(amount.number_start, amount.number_end, alignment_mode="expand")


def _noun_after(numerals: Span, words: frozenset[str]) -> Token | None:
    """The first noun within six tokens after a number ("10,000-strong force"), or a counted
    word of the codebook right after it ("about 1,000 wounded")."""
    last = numerals[-1]
    following = numerals.doc[last.i + 1 : last.i + 7]
    if len(following) and following[0].lower_ in words:
        return following[0]
    for token in following:  # over "North Korean", "KN-23 ballistic", "-strong"
        if token.pos_ == "NOUN" or token.tag_ == "NNPS":
            return token
        if token.pos_ not in _NOUN_PREMODIFIERS or token.text in (",", ";", ".", ":", "(", ")"):
            return None
    return None


def counted_noun(numerals: Span, words: frozenset[str] = frozenset()) -> Token | None:
    """What an amount counts: "14,000 troops", "thousands of troops", "4,000 North Koreans".

    ``words`` are the codebook's counted words, taken even when the parse makes them verbs.
    """
    last = numerals[-1]
    for child in last.children:  # "thousands of troops", "a dozen of the soldiers"
        if child.dep_ == "prep" and child.lower_ == "of":
            nouns = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if nouns:
                return nouns[0]
    head = last.head
    if (
        last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
        and head.i > last.i
        and head.pos_ in ("NOUN", "PROPN")
        and head.ent_type_ not in ("GPE", "LOC", "DATE")
    ):
        return head
    return _noun_after(numerals, words)


def clause_head(token: Token) -> Token:
    """The head of the clause a token sits in (climbs to the nearest clause-opening label)."""
    while token.dep_ not in CLAUSE_DEPS and token.head is not token:
        token = token.head
    return token


def _verb_words(verb: Token) -> list[Token]:
    """A verb with its coordinated verbs ("killed or injured") and copula complements ("were
    casualties"); a conjunct that counts its own number ("killed and 1,000 wounded") is left out."""
    first = verb.head if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") else verb
    tokens = [first, *(c for c in first.children if c.dep_ in ("attr", "acomp"))]
    for conj in first.conjuncts:
        near = abs(conj.i - first.i) <= 4  # "killed, injured or captured", not a later clause
        if conj is verb or (near and not any(t.like_num for t in conj.subtree)):
            tokens.append(conj)
    if verb is not first:
        tokens.append(verb)
    if first.dep_ == "xcomp":  # "is believed to have dispatched"
        tokens.append(first.head)
    return tokens


def noun_context(noun: Token, numerals: Span, start: int) -> set[str]:
    """Words that say what happened to a counted noun: modifiers and verb (with its conjuncts).

    Modifiers of the number itself count when they stand before the whole amount phrase, which
    starts at ``start`` ("Another 3,000 soldiers"; not the "more" of "more than 10,000").
    """
    inside = {t.i for t in numerals[-1].subtree}
    tokens = [c for c in noun.children if c.dep_ in _NOUN_MODIFIER_DEPS and c.i not in inside]
    for child in list(tokens):
        tokens += [c for c in child.subtree if c.i not in inside]
    tokens += [t for t in numerals[-1].subtree if t.idx < start]
    verb = noun
    while verb.dep_ in _ARGUMENT_DEPS and verb.pos_ not in ("VERB", "AUX") and verb != verb.head:
        verb = verb.head
    if verb.pos_ in ("VERB", "AUX"):
        tokens += _verb_words(verb)
    return _keys(tokens)


def clause_context(numerals: Span) -> set[str]:
    """Every word of the figure's clause (when the figure counts no noun of its own)."""
    return _keys(clause_head(numerals[-1]).subtree)


@dataclass(frozen=True)
class _Parsed:
    """An amount with what the parse says about it."""

    amount: Amount
    numerals: Span
    noun: Token | None
    keys: set[str]


def _determined(doc: Doc, numerals: Span) -> bool:
    """ "the two countries", "one of the soldiers": a known set or a member, not a count."""
    before = doc[numerals.start - 1] if numerals.start > 0 else None
    after = doc[numerals.end : numerals.end + 2]
    partitive = len(after) == 2 and after[0].lower_ == "of" and after[1].lower_ in _DETERMINERS
    return partitive or (before is not None and before.lower_ in _DETERMINERS)


def _counts_plural(amount: Amount, numerals: Span, noun: Token | None) -> bool:
    """A number in words that modifies a plain plural noun counts it ("Two dozen farms",
    "three thousand fans"), whatever the noun; "one day", "two of them", "first" do not.

    A number below SMALL ("two officials") still needs a codebook noun.
    """
    last = numerals[-1]
    return (
        noun is not None
        and last.head == noun
        and last.dep_ == "nummod"
        and noun.tag_ == "NNS"
        and (amount.value or 0) >= SMALL
    )


def in_markup(text: str, offset: int) -> bool:
    """Whether ``offset`` lies inside a markup tag (``<tweet id="6721…">``): an attribute, not a
    figure of the news.

    >>> in_markup('<tweet id="672" author="x">Hi 5</tweet>', 11)
    True
    """
    opened, closed = text.rfind("<", 0, offset), text.rfind(">", 0, offset)
    if opened <= closed or not re.match(r"</?[A-Za-z][\w:-]*[\s>/]", text[opened:]):
        return False
    end, next_open = text.find(">", offset), text.find("<", offset)
    return end >= 0 and (next_open < 0 or end < next_open)


def _candidates(
    ctx: ArticleContext, rules: QuantityRules, dates: list[DateMention]
) -> list[_Parsed]:
    """Amounts that are figures: not dates, furniture or uncounted small numbers."""
    found = []
    for amount in find_amounts(ctx.text):
        if any(d.start < amount.number_end and amount.number_start < d.end for d in dates):
            continue
        if furniture_at(ctx.text, amount.start) or in_markup(ctx.text, amount.start):
            continue
        numerals = numeral_tokens(ctx.doc, amount)
        if numerals is None or len(numerals) == 0:
            continue
        noun = counted_noun(numerals, rules.words)
        keys = noun_keys(noun)
        if keys & rules.not_counts:
            continue
        measured = amount.percent or amount.currency is not None  # "2.5 percent", "$3"
        small = not measured and (
            amount.words or (amount.value is not None and amount.value < SMALL)
        )
        needs_noun = small or amount.vague
        countable = rules.countable(keys) or (
            amount.words and _counts_plural(amount, numerals, noun)
        )
        if needs_noun and (not countable or _determined(ctx.doc, numerals)):
            continue
        found.append(_Parsed(amount, numerals, noun, keys))
    return found


def _quantity(
    rules: QuantityRules, parsed: _Parsed, previous: tuple[str | None, str | None]
) -> tuple[str | None, str | None]:
    """(kind, unit) of a figure; a figure with no noun and no context takes the previous one's."""
    if parsed.noun is not None:
        context = noun_context(parsed.noun, parsed.numerals, parsed.amount.start)
    else:
        context = clause_context(parsed.numerals)
    kind = rules.classify(parsed.keys, context)
    unit = parsed.noun.lower_ if parsed.noun is not None else None
    if parsed.amount.percent:
        return "share_percent", "percent"
    if parsed.amount.currency:
        return "money", parsed.amount.currency
    if kind is None and parsed.noun is None:
        return previous
    if kind is None:
        return None, unit
    return kind.name, unit or kind.unit


def as_of(dates: list[DateMention], numerals: Span) -> DateMention | None:
    """The date expression of the figure's clause (nearest to the figure), if any."""
    clause = clause_head(numerals[-1])
    sentence = numerals.sent
    doc = numerals.doc
    best: tuple[int, DateMention] | None = None
    for mention in dates:
        if not (sentence.start_char <= mention.start < sentence.end_char):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not any(t.is_ancestor(span[0]) or t == span[0] for t in [clause]):
            continue
        distance = abs(mention.start - numerals.start_char)
        if best is None or distance < best[0]:
            best = (distance, mention)
    return best[1] if best else None


def _quotation_at(quotations: list[Quotation], start: int, end: int) -> Quotation | None:
    """The quotation a span lies inside, if any."""
    return next((q for q in quotations if q.char_start <= start and end <= q.char_end), None)


def _claim_of(
    ctx: ArticleContext, quotations: list[Quotation], amount: Amount
) -> tuple[Claim | None, bool]:
    """(claimant, in_quote): a quotation's speaker (or a named person the quotation says
    reports the figure), else the claim around the figure."""
    quotation = _quotation_at(quotations, amount.start, amount.end)
    if quotation is not None:
        quote = (quotation.char_start, quotation.char_end)
        inner = quoted_claimant(ctx, amount.number_start, amount.number_end, quote)
        if inner is not None:
            return inner, True
        claim = Claim(
            entity_id=quotation.speaker_id,
            surface=quotation.speaker_surface,
            start=quotation.speaker_char_start,
            end=quotation.speaker_char_end,
            channel_id=quotation.channel_id,
        )
        return claim, True
    return claimant(ctx, amount.number_start, amount.number_end), False


def _figure(
    ctx: ArticleContext,
    amount: Amount,
    quantity: tuple[str | None, str | None],
    claim: Claim | None,
    in_quote: bool,
    date: DateMention | None,
) -> Figure:
    """The published row."""
    article_id = ctx.article.article_id
    return Figure(
        figure_id=content_id("f", article_id, amount.start, amount.end, amount.surface),
        article_id=article_id,
        surface=amount.surface,
        char_start=amount.start,
        char_end=amount.end,
        value=amount.value,
        low=amount.low,
        high=amount.high,
        qualifier=amount.qualifier,
        unit=quantity[1],
        quantity=quantity[0],
        claimant_id=claim.entity_id if claim else None,
        claimant_surface=claim.surface if claim else None,
        claimant_char_start=claim.start if claim and claim.surface else None,
        claimant_char_end=claim.end if claim and claim.surface else None,
        channel_id=claim.channel_id if claim else None,
        as_of=date.value.edtf if date else None,
        as_of_start=date.value.start if date else None,
        as_of_end=date.value.end if date else None,
        in_quote=in_quote,
        vague=amount.vague,
    )


def extract_figures(
    ctx: ArticleContext, quotations: list[Quotation]
) -> tuple[list[Figure], list[NewEntity]]:
    """Every numeric claim in the article with its kind, claimant and date."""
    rules = quantity_rules(ctx.curation.codebook)
    dates = find_dates(ctx.text, ctx.article.published)
    figures: list[Figure] = []
    new_entities: list[NewEntity] = []
    previous: tuple[str | None, str | None] = (None, None)
    previous_sentence = -1
    for parsed in _candidates(ctx, rules, dates):
        sentence = parsed.numerals.sent.start
        if sentence != previous_sentence:
            previous = (None, None)
        quantity = _quantity(rules, parsed, previous)
        previous, previous_sentence = quantity, sentence
        claim, in_quote = _claim_of(ctx, quotations, parsed.amount)
        if claim is not None:
            new_entities += [e for e in (claim.new_entity, claim.channel_entity) if e is not None]
        date = as_of(dates, parsed.numerals)
        figures.append(_figure(ctx, parsed.amount, quantity, claim, in_quote, date))
    return figures, new_entities
