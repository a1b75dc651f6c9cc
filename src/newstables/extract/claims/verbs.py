"""Verbs of speech, evidence and attitude above a number: when their content holds it.

>>> governed(ctx, number)   # "A Quinnipiac poll found that Roe leads 46 to 40 percent"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..attribution import Cue, attribute, read_cue, view
from ..attribution.cues import subject_of
from ..attribution.lexicon import (
    CUE_VERBS,
    DATA_NOUNS,
    DOCUMENT_NOUNS,
    EVIDENCE_VERBS,
    words_of,
)
from ..attribution.relays import make_source
from ..attribution.view import ArticleView
from .base import (
    POLL_NOUNS,
    Claim,
    source_claim,
)

if TYPE_CHECKING:
    from .. import ArticleContext

# Dependency labels by which a reported clause hangs on its verb of speech or attitude.
CONTENT_EDGES = frozenset({"ccomp", "xcomp", "parataxis", "csubj"})


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
    know realize realise recognize recognise understand remember imagine wish push lobby vote
    """
) | words_of(
    # verbs of disparagement and blame: what is run down or blamed is described by the critic
    # ("rips the agreement to restructure the island's $70 billion in debt", "belittled the $1
    # million in loans", "blamed for the attacks that killed more than 125 people")
    "rip knock belittle deride disparage ridicule assail bash fault scorn blame"
)


# Cue verbs whose literal sense takes an amount as object ("added 292,000 jobs", "claimed 41
# percent of the vote", "charged a $100 fee", "gave $250"): only a clause under them is
# reported content.
LITERAL_OBJECT_VERBS = words_of(
    """
    add charge give continue shoot record place put order call press begin boast post read
    cast count list measure document hit strike fire push raise spend pay thank point answer
    question interrupt echo claim vote
    """
)


# Verbs of publishing and naming: what they put out or name is what the subject states
# ("Hurun publishes more than 20 magazines", "Time named him on its list of the world's 100").
PUBLISH_VERBS = words_of("publish name identify")


# Verbs of putting out a document: a document or list object states what it holds ("released
# a list of more than 200,000 donors"; not "released 1,100 pages", "unveiled a $275 billion
# proposal").
RELEASE_VERBS = words_of("release unveil issue")
LIST_NOUNS = DOCUMENT_NOUNS | DATA_NOUNS | words_of("list lists roster tally")


# Verbs of judgment: a that-clause under them is what the subject holds ("a federal judge
# ruled that the school scammed more than 100,000 students"); nothing else is.
JUDGMENT_VERBS = words_of("rule determine decide")


# Verbs whose subject is their source whatever the attribution machinery reads.
SUBJECT_SOURCE_VERBS = EVIDENCE_VERBS | PUBLISH_VERBS | RELEASE_VERBS | JUDGMENT_VERBS


def is_cue_verb(verb: Token) -> bool:
    """A verb of speech, evidence or attitude (the ones whose content a figure can be), or any
    verb of a poll ("the poll has Roe leading", "a CNN poll giving Roe a 30-point lead")."""
    lemma = verb.lemma_.lower()
    if _certain_of(verb) is not None:
        return True
    return (verb.pos_ in ("VERB", "AUX") or _verb_read_as_noun(verb)) and (
        lemma in CUE_VERBS
        or lemma in EVIDENCE_VERBS
        or attitude(verb)
        or _data_subject(verb)
        or lemma in SUBJECT_SOURCE_VERBS
    )


# Words of certainty and confidence: "X is assured of winning 175", "X is confident that …".
CERTAINTY_WORDS = words_of("assured convinced confident certain sure")


def _certain_of(word: Token) -> Token | None:
    """The holder of a predicate of certainty ("Clinton is now assured of winning at least
    334", "the mayor is confident that 4,000 will come"): its subject, or the copula's."""
    if word.lower_ not in CERTAINTY_WORDS or word.pos_ not in ("VERB", "ADJ"):
        return None
    holder = word.head if word.dep_ == "acomp" else word
    return next((c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _verb_read_as_noun(token: Token) -> bool:
    """A verb the tagger read as a noun ("Trump claims he's worth $10 billion", "Audit files
    show that …", "Trump estimates that …" with the name read as a modifier): a noun with a
    subject and a reported clause of its own."""
    return (
        token.pos_ == "NOUN"
        and any(c.dep_ == "ccomp" for c in token.children)
        and (_noun_subject(token) is not None)
    )


def _noun_subject(token: Token) -> Token | None:
    """The subject of a verb read as a noun: its "nsubj", or a name before it read as a
    compound ("Trump estimates")."""
    for child in token.lefts:
        if child.dep_ == "nsubj" or (child.dep_ == "compound" and _named(child)):
            return child
    return None


def _named(token: Token) -> bool:
    """A name, by tag or by entity ("Trump" tagged as a common noun)."""
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG")


def attitude(verb: Token) -> bool:
    """A verb of attitude, by lemma or by its inflected form (the tagger reads "hopes" as a
    form of "hop")."""
    return _any_form_in(verb, ATTITUDE_VERBS)


def _any_form_in(verb: Token, lemmas: frozenset[str]) -> bool:
    """Whether the verb's lemma or a stem of its inflected form is one of ``lemmas``
    ("hopes", "backed", "hoping", "wanted")."""
    lower = verb.lower_
    forms = (verb.lemma_.lower(), lower, lower[:-1], lower[:-2], lower[:-3], lower[:-3] + "e")
    return any(f in lemmas for f in forms)


def _content_edge(verb: Token, below: Token) -> bool:
    """Whether the path from a number enters a cue verb through what it reports: a clause
    ("said that …", "hopes to …"), an object unless the verb's literal sense takes amounts
    ("estimated 40 bottles", not "added 292,000 jobs"), or "for/about/against" ("called for a
    $15 wage", "called for the wage to be raised to $15"); not a circumstance ("wrote to her
    20,000 followers", "…, while 475 voted").
    A poll or a named body that shows or finds takes any non-subject ("shows Roe with 47
    percent"), and what a poll gives is its finding ("giving Roe a 30-point lead")."""
    lemma = verb.lemma_.lower()
    if _certain_of(verb) is not None:
        return below.dep_ in CONTENT_EDGES or (below.dep_ == "prep" and below.lower_ == "of")
    if lemma in RELEASE_VERBS:
        return below.dep_ == "dobj" and below.lemma_.lower() in LIST_NOUNS
    if lemma in JUDGMENT_VERBS:
        return below.dep_ == "ccomp"
    if below.dep_ in CONTENT_EDGES:
        return not (below.dep_ == "xcomp" and lemma in ASPECT_VERBS)
    if below.dep_ == "conj" and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in below.children
    ):
        return True  # "said the U.S. needs …, but that he would not support …": a second clause
    if attitude(verb) and _split(verb, below):
        return False  # "Republicans favored Trump, 82 percent to 6 percent": how a group split
    if below.dep_ == "dobj" and _data_subject(verb) is not None:
        return True  # "a CNN poll giving Clinton a 30-point advantage"
    if below.dep_ == "conj" and below.pos_ in ("NUM", "NOUN") and has_object(verb):
        # "showed $200,000 …, and $47,000": an object the parse conjoined on the verb
        below = next(c for c in verb.children if c.dep_ == "dobj")
    if below.dep_ in ("dobj", "oprd"):
        if below.lemma_.lower() == "way":
            return False  # "finds its way to the city of 13,000": a motion, not a finding
        literal = lemma in LITERAL_OBJECT_VERBS and not _points_out(verb)
        return not literal and lemma not in ADDRESSEE_VERBS
    if below.dep_ == "prep" and below.lower_ in ("for", "about", "against"):
        return True
    if below.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "for" for c in below.children
    ):
        return True  # "called for the wage to be raised to $15", "… for 20,000 troops split …"
    if below.dep_ in ("nsubj", "nsubjpass", "relcl", "dative"):
        return False  # a subject, a description, or the one given to ("has given 200 groups")
    if _condition(verb, below):
        return True  # "threatened to skip the debate unless he is paid $5 million"
    if _data_subject(verb) is not None:
        return True
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "acl":
        subject = verb.head  # "a new poll showing Roe down to 14 percent"
    return (
        lemma in EVIDENCE_VERBS
        and subject is not None
        and (subject.lemma_.lower() in POLL_NOUNS or subject.ent_type_ == "ORG")
    )


def _points_out(verb: Token) -> bool:
    """ "point out", a verb of saying whose object is what it says ("points out another bill
    that made $622 million available"); not "call out" (criticize)."""
    return verb.lemma_.lower() == "point" and any(
        c.dep_ == "prt" and c.lower_ == "out" for c in verb.children
    )


def has_object(verb: Token) -> bool:
    """Whether a verb has a direct object ("lists the population as …")."""
    return any(c.dep_ == "dobj" for c in verb.children)


def _condition(verb: Token, below: Token) -> bool:
    """An "unless"/"if"/"because" clause of a verb that has a reported clause: a condition or
    reason of what is said, threatened or promised, so part of it ("that is cause for
    celebration, he said, because Russians now live to 71")."""
    return (
        below.dep_ == "advcl"
        and any(
            c.dep_ == "mark" and c.lower_ in ("unless", "if", "because") for c in below.children
        )
        and any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
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


def cue_at(art: ArticleView, verb: Token) -> Cue | None:
    """The cue of a speech, evidence or attitude verb; passives speak through their "by" agent
    ("is projected by the budget office"), agentless ones through nobody."""
    holder = _certain_of(verb)
    if holder is not None:
        return Cue(verb, holder, None, verb.text)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        return Cue(verb, by, None, verb.text) if by is not None else None
    cue = read_cue(art, verb)
    if cue is not None:
        return cue
    stray = _apposed_subject(verb)
    if stray is not None:
        return Cue(verb, stray, None, verb.text)
    data = _data_subject(verb)
    if data is not None:
        return Cue(verb, data, None, verb.text)
    if _verb_read_as_noun(verb):
        return Cue(verb, _noun_subject(verb), None, verb.text)
    document = _document_of(verb)
    if document is not None:
        return Cue(verb, document, None, verb.text)
    if verb.lemma_.lower() not in SUBJECT_SOURCE_VERBS and not attitude(verb):
        return None
    subject = subject_of(verb, art)
    if subject is None and verb.dep_ == "acl" and any(c.dep_ == "ccomp" for c in verb.children):
        subject = verb.head  # "A Quinnipiac poll found that …" parsed as a noun phrase
    if subject is None and verb.dep_ == "acl" and verb.head.lemma_.lower() in POLL_NOUNS:
        subject = verb.head  # "a new poll showing Roe down to 14 percent"
    return Cue(verb, subject, None, verb.text) if subject is not None else None


def _apposed_subject(verb: Token) -> Token | None:
    """The subject of a subjectless verb of speech that the parse hung as an apposition on the
    noun before it ("Two emails … have been placed in storage, Patrick Kennedy, the
    undersecretary, wrote", "As part of his plea, Marcel Lazar, 44, said that …"): the name set
    off by commas right before the verb, with only its own descriptions between."""
    if verb.lemma_.lower() not in CUE_VERBS or any(
        c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children
    ):
        return None
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    for name in reversed(doc[verb.sent.start : verb.i - 1]):
        if name.dep_ != "appos" or name.pos_ != "PROPN":
            continue
        between = doc[name.i + 1 : verb.i]
        if all(t.is_punct or _describes(t, name) for t in between):
            return name
        return None
    return None


def _describes(token: Token, name: Token) -> bool:
    """Whether a token lies in the name or in an apposition beside it ("Marcel Lazar, 44,")."""
    for above in (token, *token.ancestors):
        if above.i == name.i:
            return True
        if above.dep_ == "appos" and above.head.i in (name.i, name.head.i):
            return True
        if above.i == name.head.i:
            return False
    return False


def _document_of(verb: Token) -> Token | None:
    """The source of a speech participle on a document with a clause of its own ("a statement
    saying that 40 …"): the document; the subject of the verb it is "in", when it has one
    ("Forbes shot back in an article stating that …": Forbes)."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    if not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    place = noun.head
    if noun.dep_ == "pobj" and place.lower_ == "in":
        author = next((c for c in place.head.children if c.dep_ == "nsubj"), None)
        if author is not None:
            return author
    return noun


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
        if (
            found is None
            and _non_restrictive(below)
            and not _poll_standing(below)
            and not _on_reported_subject(below)
            and not _before_trailing_report(below)
        ):
            return None  # "…, who has given $4,000,": the outlet's description
        if art.sentence_of(verb.idx) != art.sentence_of(number.idx):
            break  # a parse that ran over a sentence end: no verb of another sentence
        if is_cue_verb(verb) and _content_edge(verb, below):
            if any(c.lemma_.lower() in ("cite", "quote") for c in verb.children):
                source = attribute(ctx, number.idx, number.idx + len(number))
                return found or source_claim(ctx, source)  # "Y reported, citing X": X, relayed by Y
            cue = cue_at(art, verb)
            if cue is not None and cue.speaker.i not in inside and not art.in_quote(cue.speaker):
                claim = source_claim(ctx, make_source(art, cue))
                if claim is not None and found is not None:
                    return claim
                if claim is not None and not _holds(verb, cue.speaker):
                    return claim
                found = found or claim
        below = verb
    return found


def _on_reported_subject(relative: Token) -> bool:
    """A relative clause on the subject of a reported clause ("says that Walker, who charges
    $20,000 a speech, has lost …", "pointed out that Cruz (who has 231 delegates) must win",
    also of a clause subordinate to it: "…, while Rubio (who has 110 delegates) must win"): it
    is part of what is reported."""
    noun = relative.head
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    clause = noun.head
    while clause.dep_ == "advcl" and clause.head is not clause:
        clause = clause.head
    return clause.dep_ in CONTENT_EDGES


def _before_trailing_report(relative: Token) -> bool:
    """A relative clause inside a clause reported by a verb of speech that follows it ("Clinton
    stopped at the nightclub, where 49 people were killed, the Associated Press reported"): the
    trailing report covers all that comes before it, descriptions included."""
    below = relative
    for verb in relative.ancestors:
        if verb.lemma_.lower() in CUE_VERBS and below.dep_ == "ccomp":
            return verb.i > relative.right_edge.i
        below = verb
    return False


def _poll_standing(relative: Token) -> bool:
    """A relative clause of "have" or "be" under a verb of evidence with a poll for subject
    ("a poll shows Roe with 47 percent versus Lee, who has 44 percent"): it goes on with the
    finding, not a description of the outlet's ("…, who has given $4,000,")."""
    if relative.lemma_.lower() not in ("have", "be"):
        return False
    for verb in relative.ancestors:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if (
            verb.lemma_.lower() in EVIDENCE_VERBS
            and subject is not None
            and subject.lemma_.lower() in POLL_NOUNS
        ):
            return True
    return False


def quoted_report(ctx: ArticleContext, number: Token, start: int, end: int) -> Claim | None:
    """A speech verb heading a sentence inside a quotation (text[start:end]) whose named
    subject, also inside it, reports the number ("… Then, in 2017, Kerry said that 100,000
    would be accepted."): the quoted speaker relays that person's claim, so the named person
    claims it; not a report the quoted speaker embeds ("I saw that Trump said …")."""
    art = view(ctx)
    below = number
    for verb in number.ancestors:
        if art.sentence_of(verb.idx) != art.sentence_of(number.idx):
            return None
        if verb.lemma_.lower() in CUE_VERBS and _content_edge(verb, below):
            cue = cue_at(art, verb)
            speaker = cue.speaker if cue is not None else None
            if speaker is None or speaker.pos_ != "PROPN" or not start <= speaker.idx < end:
                return None
            if verb.dep_ != "ROOT" or any(c.tag_ in ("WP", "WDT") for c in verb.children):
                return None  # "I saw that Trump said …", "what Obama said …, he was …"
            return source_claim(ctx, make_source(art, cue))
        below = verb
    return None


def _non_restrictive(token: Token) -> bool:
    """A relative clause or apposition set off by a comma or a dash ("Roe, who won 20
    states,")."""
    if token.dep_ != "relcl":
        return False
    edge = token.left_edge.i
    return edge > 0 and token.doc[edge - 1].text in (",", "—", "–", "-", "(")


def description(number: Token) -> Token | None:
    """The description the number lies in, when no verb of speech, evidence or attitude inside
    it could claim the number: a comma-set apposition headed by a common noun or opened by an
    article ("Mateen, the Afghan-American who killed 49, held …", "…, a 16-point margin"; not a
    share, a count or a name set beside another: "46 percent to 44 percent", "Rubio at 8
    percent"), or a participle clause opening the sentence ("Boasting 108,000 residents, the
    county …")."""
    for token in (number, *number.ancestors):
        if _opening_participle(token):
            return token
        if token.lower_ == "according" or (token is not number and is_cue_verb(token)):
            return None
        if token.dep_ != "appos" or token.i == number.i:
            continue
        edge = token.left_edge.i
        if not (edge > 0 and token.doc[edge - 1].text in (",", "(") and token.head.i < edge):
            continue
        described = token.pos_ == "NOUN" or token.left_edge.lower_ in ("a", "an", "the")
        if described and not _share(token) and not token.like_num:
            return token
    return None


def _opening_participle(verb: Token) -> bool:
    """A subjectless participle clause that opens the sentence before its head ("Sharing a
    1,100-mile border, the two nations …"), unless it reports ("Saying that …"); also one the
    parse took for a subject, when a comma closes it ("Boasting 108,000 residents …, the
    county …")."""
    if verb.tag_ not in ("VBG", "VBN") or verb.head.i < verb.i:
        return False
    if verb.dep_ in ("nsubj", "csubj"):
        edge = verb.right_edge.i
        closing = [verb.doc[edge]] + ([verb.doc[edge + 1]] if edge + 1 < len(verb.doc) else [])
        if not any(t.text == "," for t in closing):
            return False
    elif verb.dep_ != "advcl":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children):
        return False
    if is_cue_verb(verb) and verb.lemma_.lower() not in LITERAL_OBJECT_VERBS:
        return False
    return verb.left_edge.i == verb.sent.start


def _holds(verb: Token, speaker: Token) -> bool:
    """A verb of attitude or evidence, not of speech, whose subject is a pronoun ("officials
    say they have found 200 more": the officials say it), or a verb of attitude whatever its
    subject ("Roe claimed Lee wanted 250,000", "Roe said the board expects 4,000": Roe claims
    it); a speech verb above it, if any, claims instead."""
    if verb.lemma_.lower() in CUE_VERBS:
        return False
    return speaker.pos_ == "PRON" or attitude(verb)
