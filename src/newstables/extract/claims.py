"""Who asserts a figure: the source of the innermost attribution whose content holds it.

Shapes are tried in order (``claimant``):

* "Zelenskyy has put the number of killed or wounded at 4,000" (put/place/estimate/peg … at N);
* "According to X, North Korea sent about 11,000 soldiers" (an "according to" on the clause or
  opening the sentence, within its paragraph);
* "US estimates are lower, at about 1,200", "Seoul's figures show 4,000" (the estimate's owner);
* "A Quinnipiac poll found that … 46 percent", "Cruz hopes to finish his 99-county tour" (the
  nearest verb of speech, evidence or attitude above the number that takes it as content:
  a clause, an object unless the verb's literal sense takes amounts, ``_content_edge``);
* "As the Times noted, …", "…, the poll found." (an aside or trailing attribution, ``aside``);
* "Roe had 38 percent in a Fox poll", "In a CNN poll released Monday, 31 percent …; …" (the
  poll or tally the clause is in, or that opens the sentence);
* else the shared attribution when it names a speech cue ("…, according to FEC records").

A cue verb above the number that does not take it as content ("Roe wrote to her 20,000
followers", "the club charged a $100 fee", "…, who has given $4,000,") leaves the figure to the
outlet. A claimant must be an agent or a source of data: a mention that is the number itself
("79 percent of Democrats said"), a share ("most", "a quarter") or a bare "that"/"it" is no
claimant, and the figure is the outlet's.

>>> claim = claimant(ctx, start, end)
>>> claim.entity_id, claim.surface
('volodymyr-zelenskyy', 'Zelenskyy')
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..models import EntityType
from .attribution import Cue, Source, attribute, mention_span, read_cue, resolve_mention, view
from .attribution.cues import subject_of
from .attribution.lexicon import (
    CUE_FORMS,
    CUE_VERBS,
    DATA_NOUNS,
    EVIDENCE_VERBS,
    NOT_AGENTS,
    words_of,
)
from .attribution.relays import make_source
from .attribution.view import ArticleView
from .spans import entity_at

if TYPE_CHECKING:
    from . import ArticleContext, NewEntity

# "<subject> put the number … at N"
PUT_VERBS = frozenset(
    {"put", "place", "estimate", "peg", "set", "assess", "fix", "calculate", "list", "rank"}
)
# "<owner> estimates are …, at N": nouns whose owner is the claimant
ESTIMATE_NOUNS = frozenset(
    {"estimate", "figure", "assessment", "count", "tally", "calculation", "data", "statistic"}
)
# Dependency labels by which a reported clause hangs on its verb of speech or attitude.
CONTENT_EDGES = frozenset({"ccomp", "xcomp", "parataxis", "csubj"})
# Subjects that are polls or data: what they "have" or "give" is their numbers.
POLL_NOUNS = DATA_NOUNS | words_of("average")
# Number words that count speakers rather than state amounts ("one source", "two officials").
PLACE_PREPOSITIONS = words_of("at from in of for")
SMALL_NUMBERS = words_of("one two three four five six seven eight nine ten")
# What a poll "has" that is no finding of it.
POLL_DETAILS = words_of("margin error interval sample")
# Cue verbs whose object is the one spoken to ("told a crowd of 1,300", "we ask 30 experts").
ADDRESSEE_VERBS = words_of("tell ask inform remind warn urge assure thank")
# Cue verbs that are also aspect verbs: "continues to trail by 300" reports nothing.
ASPECT_VERBS = words_of("continue begin start")
# Verbs of belief, intention, expectation and stance: what they take is what the subject holds.
ATTITUDE_VERBS = words_of(
    """
    believe think expect hope fear plan want seek intend aim consider deem advocate favor
    favour support oppose back endorse anticipate doubt worry assume prefer envision
    know realize realise recognize recognise understand remember imagine wish
    """
)
# Verbs of will and stance, not of thought: what someone wants, plans or backs inside another's
# speech is part of what that other says ("Roe claimed Lee wanted to admit 250,000").
VOLITION_VERBS = words_of(
    """
    hope plan want seek intend aim advocate favor favour support oppose back endorse prefer
    wish envision
    """
)
# Cue verbs whose literal sense takes an amount as object ("added 292,000 jobs", "claimed 41
# percent of the vote", "charged a $100 fee", "gave $250"): only a clause under them is
# reported content.
LITERAL_OBJECT_VERBS = words_of(
    """
    add charge give continue shoot record place put order call press begin boast post read
    cast count list measure document hit strike fire push raise spend pay thank point answer
    question interrupt echo claim
    """
)
RELAY_VERBS = frozenset({"share", "provide", "give", "leak", "send", "show", "supply"})
_OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# Heads that are never a claimant: shares, quantifiers, relative and dummy pronouns.
NOT_CLAIMANTS = NOT_AGENTS | words_of(
    """
    which who whom whose percent % quarter third half majority minority share most many some
    all few none number total one any each both either neither name
    """
)


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
    if head.lower_ in NOT_CLAIMANTS or head.lemma_.lower() in NOT_CLAIMANTS:
        return False
    if head.ent_type_ in ("DATE", "TIME"):
        return False  # "at 7:00 p.m.", "this week": a time, not a voice
    return not any((t.like_num and not _determiner(t)) or t.text in ("%", "$") for t in span)


def _determiner(token: Token) -> bool:
    """A year, a date word or a small number word before a noun ("a 2009 report", "one
    source", "two officials"): no amount of the mention's own."""
    if token.lower_ in SMALL_NUMBERS and token.head.i > token.i:
        return True
    return token.ent_type_ == "DATE" or (
        len(token.text) == 4 and token.text.isdigit() and 1900 <= int(token.text) <= 2099
    )


def _content_edge(verb: Token, below: Token) -> bool:
    """Whether the path from a number enters a cue verb through what it reports: a clause
    ("said that …", "hopes to …"), an object unless the verb's literal sense takes amounts
    ("estimated 40 bottles", not "added 292,000 jobs"), or "for/about/against" ("called for a
    $15 wage"); not a circumstance ("wrote to her 20,000 followers", "…, while 475 voted").
    A poll or a named body that shows or finds takes any non-subject ("shows Roe with 47
    percent")."""
    lemma = verb.lemma_.lower()
    if below.dep_ in CONTENT_EDGES:
        return not (below.dep_ == "xcomp" and lemma in ASPECT_VERBS)
    if attitude(verb) and _split(verb, below):
        return False  # "Republicans favored Trump, 82 percent to 6 percent": how a group split
    if below.dep_ in ("dobj", "oprd"):
        return lemma not in LITERAL_OBJECT_VERBS and lemma not in ADDRESSEE_VERBS
    if below.dep_ == "prep" and below.lower_ in ("for", "about", "against"):
        return True
    if below.dep_ in ("nsubj", "nsubjpass", "relcl"):
        return False
    if _data_subject(verb) is not None:
        return True
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        lemma in EVIDENCE_VERBS
        and subject is not None
        and (subject.lemma_.lower() in POLL_NOUNS or subject.ent_type_ == "ORG")
    )


def _split(verb: Token, below: Token) -> bool:
    """A bare share beside the object ("backed Roe 57 percent to 22 percent"), or a share
    object set against another by "to" ("favored Roe 46 percent to 32 percent")."""
    if any(t.dep_ in ("npadvmod", "appos") and _share(t) for t in below.subtree):
        return True
    against = [p for p in (*verb.children, *below.children) if p.dep_ == "prep"]
    against = [o for p in against if p.lower_ == "to" for o in p.children if o.dep_ == "pobj"]
    return _share(below) and any(_share(o) for o in against)


def _share(token: Token) -> bool:
    """A percentage word ("percent", "%")."""
    return token.lemma_.lower() in ("percent", "%")


def _cue_at(art: ArticleView, verb: Token) -> Cue | None:
    """The cue of a speech, evidence or attitude verb; passives speak through their "by" agent
    ("is projected by the budget office"), agentless ones through nobody."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        return Cue(verb, by, None, verb.text) if by is not None else None
    cue = read_cue(art, verb)
    if cue is not None:
        return cue
    data = _data_subject(verb)
    if data is not None:
        return Cue(verb, data, None, verb.text)
    if verb.lemma_.lower() not in EVIDENCE_VERBS and not attitude(verb):
        return None
    subject = subject_of(verb, art)
    if subject is None and verb.dep_ == "acl" and any(c.dep_ == "ccomp" for c in verb.children):
        subject = verb.head  # "A Quinnipiac poll found that …" parsed as a noun phrase
    return Cue(verb, subject, None, verb.text) if subject is not None else None


def is_cue_verb(verb: Token) -> bool:
    """A verb of speech, evidence or attitude (the ones whose content a figure can be), or any
    verb of a poll ("the poll has Roe leading", "a CNN poll giving Roe a 30-point lead")."""
    lemma = verb.lemma_.lower()
    return verb.pos_ in ("VERB", "AUX") and (
        lemma in CUE_VERBS or lemma in EVIDENCE_VERBS or attitude(verb) or _data_subject(verb)
    )


def _data_subject(verb: Token) -> Token | None:
    """The subject of "have" or "give" when it is a poll, a survey or data ("the poll has Roe
    leading …", "a CNN poll giving Roe a 30-point lead")."""
    if verb.lemma_.lower() not in ("have", "give"):
        return None
    if any(t.lemma_.lower() in POLL_DETAILS for t in verb.children if t.dep_ == "dobj"):
        return None  # "the poll has a margin of error of 3 points": the outlet describes it
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("acl", "advcl") and verb.head.pos_ == "NOUN":
        subject = verb.head  # "with a CNN poll giving Roe a 30-point lead"
    return subject if subject is not None and subject.lemma_.lower() in POLL_NOUNS else None


def attitude(verb: Token) -> bool:
    """A verb of attitude, by lemma or by its inflected form (the tagger reads "hopes" as a
    form of "hop")."""
    lower = verb.lower_
    forms = (lower, lower[:-1], lower[:-2], lower[:-3], lower[:-3] + "e")  # hopes, backed, hoping
    return verb.lemma_.lower() in ATTITUDE_VERBS or any(f in ATTITUDE_VERBS for f in forms)


def governed(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "A Quinnipiac poll found that Roe leads 46 to 40 percent", "Wealth-X tallies 585",
    "Cruz hopes to finish his 99-county tour": the source of the nearest verb of speech,
    evidence or attitude whose content (``_content_edge``) holds the number. A pronoun that
    merely hopes or expects inside someone's speech ("Roe said she expects 4,000") yields to
    the speaker of the speech. Only verbs of the number's own sentence count (the parser may
    run a tree over a sentence end)."""
    art = view(ctx)
    inside = {t.i for t in number.subtree}
    below, found = number, None
    for verb in number.ancestors:
        if found is None and _non_restrictive(below):
            return None  # "…, who has given $4,000,": the outlet's description
        if art.sentence_of(verb.idx) != art.sentence_of(number.idx):
            break  # a parse that ran over a sentence end: no verb of another sentence
        if is_cue_verb(verb) and _content_edge(verb, below):
            if any(c.lemma_.lower() in ("cite", "quote") for c in verb.children):
                source = attribute(ctx, number.idx, number.idx + len(number))
                return found or _claim(ctx, source)  # "Y reported, citing X": X, relayed by Y
            cue = _cue_at(art, verb)
            if cue is not None and cue.speaker.i not in inside and not art.in_quote(cue.speaker):
                claim = _claim(ctx, make_source(art, cue))
                if claim is not None and found is not None:
                    return claim
                if claim is not None and not _holds(verb, cue.speaker):
                    return claim
                found = found or claim
        below = verb
    return found


def _non_restrictive(token: Token) -> bool:
    """A relative clause or apposition set off by a comma or a dash ("Roe, who won 20
    states,")."""
    if token.dep_ != "relcl":
        return False
    edge = token.left_edge.i
    return edge > 0 and token.doc[edge - 1].text in (",", "—", "–", "-", "(")


def _holds(verb: Token, speaker: Token) -> bool:
    """A verb of attitude or evidence, not of speech, whose subject is a pronoun ("officials
    say they have found 200 more": the officials say it), or a verb of will ("Roe claimed Lee
    wanted 250,000": Roe claims it); a speech verb above it, if any, claims instead."""
    if verb.lemma_.lower() in CUE_VERBS:
        return False
    return speaker.pos_ == "PRON" or _volition(verb)


def _volition(verb: Token) -> bool:
    """A verb of will or stance, by lemma or inflected form ("wanted", "hopes", "backing")."""
    lower = verb.lower_
    forms = (verb.lemma_.lower(), lower, lower[:-1], lower[:-2], lower[:-3], lower[:-3] + "e")
    return any(f in VOLITION_VERBS for f in forms)


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
        cue = _cue_at(art, verb)
        if cue is not None and not art.in_quote(cue.speaker):
            claim = _claim(ctx, make_source(art, cue))
            if claim is not None:
                return claim
    return None


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
        if obj.dep_ == "pobj" and obj.lemma_.lower() in DATA_NOUNS and obj.i < number.i:
            return resolve(ctx, obj, mention_span(art, obj))
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
            if (token.lower_ == "in" and lemma in DATA_NOUNS) or (
                token.lower_ == "by" and lemma in ESTIMATE_NOUNS
            ):
                return resolve(ctx, obj, mention_span(view(ctx), obj))
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


def _data_mention(ctx: ArticleContext, claim: Claim) -> bool:
    """Whether a claimant mention is headed by a poll or data noun ("a CNN/ORC poll")."""
    span = ctx.doc.char_span(claim.start or 0, claim.end or 0, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.lemma_.lower() in POLL_NOUNS


def _bracketed_apart(according: Token, number: Token) -> bool:
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


def _according(ctx: ArticleContext, number: Token) -> Claim | None:
    """ "According to South Korea's intelligence agency, North Korea sent about 11,000 soldiers":
    an "according to X" on a clause above the number, or opening the number's sentence."""
    art = view(ctx)
    ancestors = list(number.ancestors)
    for ancestor in ancestors:
        for child in ancestor.children:
            if child.lower_ == "according" and child not in ancestors:
                between = art.text[min(child.idx, number.idx) : max(child.idx, number.idx)]
                return None if "\n" in between else _according_claim(ctx, child)
    start, _ = art.sentences[art.sentence_of(number.idx)]
    first = number.doc.char_span(start, start + 9, alignment_mode="expand")
    opens = first is not None and first[0].lower_ == "according" and first[0].i < number.i
    if opens and "\n" not in art.text[start : number.idx]:  # not past its paragraph
        return _according_claim(ctx, first[0])
    return None


def _claim(ctx: ArticleContext, source: Source | None) -> Claim | None:
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
    if place is None or place.lower_ not in PLACE_PREPOSITIONS:
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
    return None if any(t.like_num for t in whole) else whole  # "a poll of 400 voters"


DESCRIPTIONS = frozenset({"relcl", "appos", "acl", "advcl", "parataxis"})


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


def shared_attribution(ctx: ArticleContext, start: int, end: int) -> Claim | None:
    """The shared attribution machinery, when it names a cue of speech ("…, according to FEC
    records", "…, Roe said"): a subject carried over without a cue says nothing of a number."""
    source = attribute(ctx, start, end)
    words = (source.cue or "").lower().split() if source is not None else []
    if not words or not ("according" in words or words[0] in CUE_FORMS):
        return None
    return _claim(ctx, source)


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
        if _in_according(number):
            return None  # "according to three people briefed": it counts the source
        if any(t.lower_ == "according" and _bracketed_apart(t, number) for t in number.sent):
            return None  # "Iowa (93 percent, according to exit polls), Ohio (79 percent)"
        for shape in (put_at, according_to, estimate_owner, governed, aside, in_data, opening_data):
            claim = shape(ctx, number)
            if claim is not None and not _overlaps(claim, start, end):
                return claim
        if any(is_cue_verb(a) for a in number.ancestors):
            return None
    claim = shared_attribution(ctx, start, end)
    return None if claim is None or _overlaps(claim, start, end) else claim


def _in_according(number: Token) -> bool:
    """A number in the source phrase of an "according to", with no comma between ("according
    to three people briefed", "according to a poll of 400 voters")."""
    for according in (a for a in number.ancestors if a.lower_ == "according"):
        between = number.doc[according.i : number.i]
        return not any(t.is_punct for t in between)
    return False


def _overlaps(claim: Claim, start: int, end: int) -> bool:
    """A claimant mention holding the figure itself ("a group which has 25,000 members")."""
    return (
        claim.start is not None
        and claim.end is not None
        and claim.start < end
        and start < claim.end
    )
