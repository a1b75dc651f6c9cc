"""Figure-specific shapes: "put … at N", "according to X", an estimate's owner, a poll or
tally the clause is in.

>>> put_at(ctx, number)        # "Zelenskyy has put the number of killed or wounded at 4,000"
>>> according_to(ctx, number)  # "According to X, North Korea sent about 11,000 soldiers"
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ...models import EntityType
from ..attribution import mention_span, view
from ..attribution.lexicon import (
    CUE_VERBS,
    DATA_NOUNS,
)
from .base import (
    POLL_NOUNS,
    Claim,
    resolve,
)
from .verbs import (
    POLL_DETAILS,
    governed,
    has_object,
)

if TYPE_CHECKING:
    from .. import ArticleContext

# "<subject> put the number … at N"
PUT_VERBS = frozenset(
    {"put", "place", "estimate", "peg", "set", "assess", "fix", "calculate", "list", "rank"}
)


# "<owner> estimates are …, at N": nouns whose owner is the claimant
ESTIMATE_NOUNS = frozenset(
    {"estimate", "figure", "assessment", "count", "tally", "calculation", "data", "statistic"}
)


RELAY_VERBS = frozenset({"share", "provide", "give", "leak", "send", "show", "supply"})


_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})


def put_at(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "X has put the number of … at 4,000", "Wealth-X has it at $4.5 billion": the subject of
    put/estimate when "at" leads to N; also "as" or "with" after an object ("The agency lists
    the population as 21,090", "Forbes lists the Kochs with $40 billion", not "ranks second
    with $74 billion")."""
    through_at = through_as = False
    for ancestor in number.ancestors:
        through_at = through_at or ancestor.lower_ == "at"
        through_as = through_as or ancestor.lower_ in ("as", "with")
        reaching = through_at or (through_as and has_object(ancestor))
        if reaching and ancestor.pos_ in ("VERB", "AUX") and _puts(ancestor):
            subject = _subject(ancestor)
            return resolve(ctx, subject) if subject is not None else None
        if ancestor.dep_ in ("ccomp", "advcl", "relcl", "parataxis"):
            return None
    return None


def _puts(verb: Token) -> bool:
    """A verb that sets a figure: put/estimate/peg …, or "have" with a pronoun object ("Wealth-X
    has it at $4.5 billion", "Bloomberg has him at $2.9 billion")."""
    if verb.lemma_.lower() in PUT_VERBS:
        return verb.pos_ == "VERB"
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return verb.lemma_.lower() == "have" and any(o.pos_ == "PRON" for o in objects)


def _subject(verb: Token) -> Token | None:
    """The active subject of a verb, looking through "has put" and coordinated verbs."""
    while True:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            return subjects[0]
        if verb.dep_ not in ("conj", "xcomp") or verb.head is verb:
            return None
        verb = verb.head


def according_to(ctx: ArticleContext, number: Token) -> Claim | None:
    """An "according to" claim; when it names a news outlet (not its poll or data) and a verb of
    speech or evidence names a voice ("X said …, according to KCNA"), X claims and the outlet
    relays."""
    claim = _according(ctx, number)
    if claim is None or claim.new_entity is None or claim.new_entity.type != EntityType.media:
        return claim
    if _data_mention(ctx, claim):
        return claim  # "…, according to a CNN poll": the outlet's poll is the source itself
    voice = governed(ctx, number)
    if voice is None or voice.entity_id == claim.entity_id:
        return claim
    return replace(voice, channel_id=claim.entity_id, channel_entity=claim.new_entity)


def _according(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "According to South Korea's intelligence agency, North Korea sent about 11,000 soldiers":
    an "according to X" on a clause above the number, or opening the number's sentence."""
    art = view(ctx)
    ancestors = list(number.ancestors)
    for ancestor in ancestors:
        for child in ancestor.children:
            if child.lower_ == "according" and child not in ancestors:
                between = art.text[min(child.idx, number.idx) : max(child.idx, number.idx)]
                if "\n" in between or _reported(ancestor, child, number):
                    return None
                return _according_claim(ctx, child)
    start, _ = art.sentences[art.sentence_of(number.idx)]
    first = number.doc.char_span(start, start + 9, alignment_mode="expand")
    opens = first is not None and first[0].lower_ == "according" and first[0].i < number.i
    if opens and "\n" not in art.text[start : number.idx]:  # not past its paragraph
        return _according_claim(ctx, first[0])
    return None


def _reported(clause: Token, according: Token, number: Token) -> bool:
    """An "according to" opening a clause a verb of speech reports ("The AP reported that,
    according to an analysis …, 85 of the 154 meetings were …"): the speaker claims what the
    clause says, whatever the speaker bases it on; not a trailing one ("Roe said 40 ferries
    were idle, according to the Gazette": the Gazette relays Roe)."""
    verb = clause.head
    return (
        clause.dep_ == "ccomp"
        and verb.lemma_.lower() in CUE_VERBS
        and verb.i < according.i < number.i
    )


def _according_claim(ctx: ArticleContext, according: Token) -> Claim | None:
    """The source an "according to" names: all the phrase it covers (parses split long ones),
    up to a name's apposition ("according to Helen Park, a spokeswoman …" → Helen Park)."""
    objects = [o for to in according.children if to.lower_ == "to" for o in to.children]
    objects = [o for o in objects if o.dep_ == "pobj"]
    if not objects:
        return None
    relay = _shared_with(objects[0])
    cut = relay.head.head.i if relay is not None else _apposition(objects[0])
    tokens = [t for t in according.subtree if t.i >= objects[0].left_edge.i]
    tokens = [t for t in tokens if cut is None or t.i < cut]
    while len(tokens) > 1 and tokens[-1].is_punct:
        tokens.pop()
    claim = resolve(ctx, objects[0], according.doc[objects[0].left_edge.i : tokens[-1].i + 1])
    if claim is not None and relay is not None:
        channel = resolve(ctx, relay)
        if channel is not None and channel.entity_id != claim.entity_id:
            return replace(claim, channel_id=channel.entity_id, channel_entity=channel.new_entity)
    return claim


def _apposition(name: Token) -> int | None:
    """Where the comma before a name's apposition stands ("Marta Kowalski, the union's
    treasurer"): the name alone is the mention; a common noun keeps its whole phrase."""
    if name.pos_ != "PROPN":
        return None
    for child in name.rights:
        if child.dep_ == "appos" and child.left_edge.i > 0:
            comma = name.doc[child.left_edge.i - 1]
            if comma.text == "," and comma.i > name.i:
                return comma.i
    return None


def _shared_with(source: Token) -> Token | None:
    """The Y of "X shared with Y", "X provided to Y", "X given to Y" (the relay of a source)."""
    for acl in source.children:
        if acl.dep_ != "acl" or acl.lemma_.lower() not in RELAY_VERBS:
            continue
        for prep in acl.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ in ("with", "to"):
                return next((o for o in prep.children if o.dep_ == "pobj"), None)
    return None


def _data_mention(ctx: ArticleContext, claim: Claim) -> bool:
    """Whether a claimant mention is headed by a poll or data noun ("a CNN/ORC poll")."""
    span = ctx.doc.char_span(claim.start or 0, claim.end or 0, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.lemma_.lower() in POLL_NOUNS


def bracketed_apart(according: Token, number: Token) -> bool:
    """An "according to" inside parentheses that do not hold the number ("Iowa (93 percent,
    according to exit polls), Ohio (79 percent)": it sources only its own parenthesis)."""
    sentence = according.sent
    opening = [t for t in sentence if t.text == "(" and t.i < according.i]
    closing = [t for t in sentence if t.text == ")" and t.i > according.i]
    if not opening or not closing:
        return False
    start, end = opening[-1].i, closing[0].i
    if any(t.text == ")" for t in according.doc[start + 1 : according.i]):
        return False  # that parenthesis closed before the "according to"
    return not start < number.i < end


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
        owners = [c for c in noun.children if c.dep_ in _OWNER_DEPS and _owner_word(c)]
        owners += [
            o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("from", "by", "of")
            for o in p.children if o.dep_ == "pobj"
        ]  # fmt: skip
        for owner in owners:
            if claim := resolve(ctx, owner):
                return claim
    return None


def _owner_word(token: Token) -> bool:
    """A word before an estimate that can own it: a possessive ("Seoul's figures") or a name
    ("US estimates", "American estimates"); not a word that says what or when it counts ("the
    current delegate count")."""
    return token.dep_ == "poss" or token.pos_ == "PROPN" or bool(token.ent_type_)


def in_data(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "In a CNN/ORC poll released Monday, 31 percent said …", "Roe had 38 percent support in a
    Fox poll", "by the AP's tally, Roe has 739": the poll or tally the clause is in (not a
    poll's own margin of error)."""
    ancestors = {a.i for a in number.ancestors}
    if ancestors & {t.i for t in number.sent if t.lemma_.lower() in POLL_DETAILS}:
        return None
    for token in number.sent:
        if token.head.i not in ancestors or token.dep_ != "prep":
            continue
        for obj in token.children:
            if obj.dep_ != "pobj" or obj.i == number.i:
                continue
            lemma = obj.lemma_.lower()
            if (token.lower_ == "in" and _data(obj)) or (
                token.lower_ == "by" and lemma in ESTIMATE_NOUNS
            ):
                return resolve(ctx, obj, mention_span(view(ctx), obj))
    return _poll_in_clause(ctx, number)


def _data(noun: Token) -> bool:
    """A poll or data noun, or a given average of polls ("the RealClearPolitics average of New
    Hampshire polls"; not "needs 15 percent in an average of polls", a bar to reach)."""
    lemma = noun.lemma_.lower()
    if lemma in DATA_NOUNS:
        return True
    of = [o for p in noun.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    given = any(c.lower_ == "the" or c.dep_ in ("poss", "compound") for c in noun.children)
    return lemma == "average" and given and any(o.lemma_.lower() in DATA_NOUNS for o in of)


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb above a token (the clause it is in)."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _poll_in_clause(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "18 percent of Hispanic voters have a favorable view of Trump in a new poll", "Obama's
    rating in the latest poll stands at 53%", "67 percent said they had an unfavorable view in
    a new poll": an "in <poll>" phrase hung on a word of the number's own clause or of a clause
    it reports; not one inside the number's own phrase ("46 percent of people in the poll held
    …" says whom the poll asked)."""
    phrase = number
    while phrase.dep_ in ("nummod", "compound", "quantmod", "nmod") and phrase.head is not phrase:
        phrase = phrase.head
    own = {t.i for t in phrase.subtree}
    verb = _clause_verb(number)
    if verb is None:
        return None
    for token in number.sent:
        if token.dep_ != "prep" or token.lower_ != "in" or token.i in own:
            continue
        if not _same_clause(_clause_verb(token), verb, phrase):
            continue
        for obj in token.children:
            if obj.dep_ == "pobj" and _data(obj):
                return resolve(ctx, obj, mention_span(view(ctx), obj))
    return None


def _same_clause(inner: Token | None, verb: Token, phrase: Token) -> bool:
    """Whether ``inner`` is the clause verb ``verb``, or the clause that follows it when the
    number's phrase is its subject ("67 percent said they had …": what they said)."""
    if inner is None or inner.i == verb.i:
        return inner is not None
    return (
        phrase.dep_ == "nsubj"
        and inner.dep_ in ("ccomp", "xcomp")
        and inner.head.i == verb.i
        and inner.i > verb.i
    )


def opening_data(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "In a Post/ABC poll released Sunday, 8 percent said …; just 1 percent …": a poll that
    opens the sentence holds every number of it."""
    art = view(ctx)
    start, _ = art.sentences[art.sentence_of(number.idx)]
    first = number.doc.char_span(start, start + 2, alignment_mode="expand")
    if first is None or first[0].lower_ != "in" or first[0].i >= number.i:
        return None
    if "\n" in art.text[start : number.idx]:
        return None  # not past its paragraph
    for obj in first[0].children:
        if obj.dep_ == "pobj" and _data(obj) and obj.i < number.i:
            return resolve(ctx, obj, mention_span(art, obj))
    return None


# Instruments of law whose terms a number can be ("under Missouri law", "a law that allows").
LAW_NOUNS = frozenset({"law", "laws", "regulation", "regulations", "statute", "ordinance"})

# What a law does to its terms.
LAW_VERBS = frozenset({"allow", "require", "permit", "mandate", "bar", "forbid", "limit", "cap"})


def by_law(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "Under Missouri law, candidates trailing by less than 0.5 percent …", "a state law that
    allows towns with fewer than 100 voters …": the law whose terms the clause states."""
    for verb in number.ancestors:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "under":
                law = next((o for o in prep.children if o.dep_ == "pobj"), None)
                if law is not None and law.lemma_.lower() in LAW_NOUNS:
                    return resolve(ctx, law, mention_span(view(ctx), law))
        if verb.lemma_.lower() in LAW_VERBS:
            law = _subject(verb)
            if law is not None and law.tag_ == "WDT" and verb.dep_ == "relcl":
                law = verb.head  # "a state law that allows …"
            if law is not None and law.lemma_.lower() in LAW_NOUNS:
                return resolve(ctx, law, mention_span(view(ctx), law))
    return None
