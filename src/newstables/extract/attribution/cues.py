"""Cues: the words that attribute content, and who speaks, who relays, in the parse.

>>> cue = read_cue(art, token)        # None unless the token is a cue
>>> cue.speaker.text, cue.words
('Roe', 'said')

Cues are speech verbs (``CUE_VERBS``), "according to X", "X quoted/cited Y as saying",
"citing X", speech nouns with a possessor ("Roe's remarks"), evidence verbs for figures ("the
poll found", ``EVIDENCE_VERBS``) and colon introductions. The speaker is the cue's subject (or
the object of "quoted … as saying", the object of "according to"); a subject the parse put on
another line (page furniture glued on) yields to the first noun phrase of the cue's own line.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import (
    BACK_VERBS,
    CUE_FORMS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    MEDIUM_NOUNS,
    NOT_AGENTS,
    QUOTING_VERBS,
    SPEECH_NOUNS,
    SUBJECTS,
)
from .mentions import is_media
from .view import ArticleView

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def subject_of(token: Token, art: ArticleView | None = None, depth: int = 0) -> Token | None:
    """The subject of a verb (outside quotes), inherited from the verb it hangs on ("…, adding
    that"); a participle the parse hung in a reported clause inherits from the reporting verb
    (`Roe said the plan was "bold," adding …`: Roe); an infinitive after an object takes that
    object (`prompted the board to issue`: the board). Of two subjects the parse hung on one cue
    verb (a fronted clause's and the speaker's: `The vote signals "…," said Roe`), the nearer
    speaks."""
    subjects = [c for c in token.children if c.dep_ in SUBJECTS and not (art and art.in_quote(c))]
    if subjects:  # a relative "who" stays: _source resolves it through its noun
        if token.lemma_.lower() not in CUE_VERBS:
            return subjects[0]
        return min(subjects, key=lambda c: abs(c.i - token.i))  # `X signals Y, said Roe`: Roe
    if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN"):
        return token.head
    controller = object_of(token.head) if token.dep_ == "xcomp" else None
    if controller is not None and controller.lower_ not in NOT_AGENTS:
        return controller  # `prompted the tabloid to run a cover saying`: the tabloid
    if depth < 3 and token.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep", "acl", "dobj"):
        head = token.head
        clause = _first_conjunct(head) if token.tag_ == "VBG" else head
        if token.tag_ == "VBG" and clause.dep_ == "ccomp" and clause.head.pos_ in ("VERB", "AUX"):
            outer = subject_of(clause.head, art, depth + 1)  # `X said Y was "…," adding "…"`
            if outer is not None:
                return outer
        return subject_of(head, art, depth + 1)
    return None


def _first_conjunct(token: Token) -> Token:
    """The first verb of a coordination (`had … but was waylaid`: had)."""
    while token.dep_ == "conj":
        token = token.head
    return token


def _across_lines(token: Token) -> bool:
    """Whether the parse hung the verb on a head on another line (paragraphs glued together)."""
    head = token.head
    return "\n" in token.doc[min(head.i, token.i) : max(head.i, token.i)].text_with_ws


def line_subject(art: ArticleView, token: Token) -> Token | None:
    """When the parse found a subject on another line (page furniture glued on), the first noun
    phrase of the cue's own sentence."""
    start = art.sentences[art.sentence_of(token.idx)][0]
    for candidate in art.tokens(start, token.idx):
        if candidate.pos_ in ("PROPN", "PRON", "NOUN") and candidate.i in art.chunks:
            return candidate
    return None


def after_quote(art: ArticleView, token: Token) -> Token | None:
    """`"…," Jane Roe, a top adviser, said` parsed with the name inside the quote's clause: the
    first noun phrase between the quote's closing mark and the subject-less verb speaks (a
    relative clause on it may hold verbs of its own)."""
    start = art.sentences[art.sentence_of(token.idx)][0]
    previous = [q for q in art.quotes_starting(start, token.idx) if q.end <= token.idx]
    if not previous:
        return None
    quote = previous[-1]
    between = [t for t in art.tokens(quote.end, token.idx) if not t.is_punct]
    relative = {d.i for t in between if t.dep_ == "relcl" for d in t.subtree}
    between = [t for t in between if t.i not in relative]  # `a source, who was not …, told`
    if not between or len(between) > 25 or any(t.tag_ in _FINITE for t in between):
        return None
    if between[0].pos_ in ("CCONJ", "SCONJ", "PART", "ADP"):
        return None  # `"…" but to take the lead, says Roe`: the sentence goes on, no name
    first = next((t for t in between if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
    while first is not None and first.dep_ == "compound" and first.head.i < token.i:
        first = first.head
    return first


def _misread_name(art: ArticleView, token: Token) -> Token | None:
    """`…,” Will wrote`: a capitalised word inside the sentence, right before a subject-less cue
    verb, that the parse read as a modal or adverb is the name of its subject."""
    if token.i == 0:
        return None
    before = token.doc[token.i - 1]
    start = art.sentences[art.sentence_of(token.idx)][0]
    opening = not any(c.isalpha() for c in art.text[start : before.idx])
    if before.is_title and before.pos_ in ("AUX", "ADV") and not opening:
        return before
    return None


def _names_its_object(token: Token) -> bool:
    """`called Roe "a liar"`, `described Roe as "…"`: the name after the verb is its object."""
    return any(c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in token.children)


def object_of(token: Token) -> Token | None:
    """The direct object of a verb."""
    return next((c for c in token.children if c.dep_ in ("dobj", "dative")), None)


def _as_saying(token: Token) -> Token | None:
    """The "saying" of "quoted X as saying"."""
    for child in token.children:
        if child.lower_ == "as":
            return next((p for p in child.children if p.dep_ == "pcomp"), None)
    return None


def _as_phrase(token: Token) -> bool:
    """Whether the verb has an "as" phrase with a noun ("cited X as a reason"), not "as saying"."""
    return any(
        c.lower_ == "as" and any(p.dep_ == "pobj" for p in c.children) for c in token.children
    )


def _medium(token: Token) -> str | None:
    """ "in a statement", "in an email" attached to a cue verb."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in MEDIUM_NOUNS:
                    return f"{child.lower_} {obj.doc[obj.left_edge.i : obj.i + 1].text}"
    return None


def made_by(noun: Token) -> Token | None:
    """Y of "a statement released by Y", "a document filed by Y": the noun's passive agent."""
    for acl in noun.children:
        if acl.dep_ == "acl":
            for agent in acl.children:
                if agent.dep_ == "agent":
                    return next((p for p in agent.children if p.dep_ == "pobj"), None)
    return None


def _relay(token: Token) -> Token | None:
    """The relay of "in a statement released by the Kremlin" hanging on a cue verb."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                if (maker := made_by(obj)) is not None:
                    return maker
    return None


def _phrasal_cue(token: Token, lemma: str) -> bool:
    """A phrasal speech verb ending its clause: "fired back", "went on" (then punctuation,
    "that" or "at", or the text's end)."""
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    following = token.doc[token.i + 2] if token.i + 2 < len(token.doc) else None
    settled = following is None or following.is_punct or following.lower_ in ("that", "at")
    return settled and (
        (particle == "back" and lemma in BACK_VERBS) or (particle == "on" and lemma == "go")
    )


@dataclass(frozen=True)
class Cue:
    """A cue found in the parse: who speaks, who relays, and the cue words."""

    token: Token
    speaker: Token
    channel: Token | None
    words: str | None


def read_cue(art: ArticleView, token: Token) -> Cue | None:
    """The speaker, channel and cue words of a cue token, or None if it is not a cue (memoised
    per article: the same tokens are read for every quote around them)."""
    return art.cached(("cue", token.i), lambda: _read_cue(art, token))


def _read_cue(art: ArticleView, token: Token) -> Cue | None:
    lemma = token.lemma_.lower()
    if token.lower_ == "according":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        return Cue(token, obj, None, "according to") if obj is not None else None
    if token.pos_ == "NOUN" and lemma in SPEECH_NOUNS:
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is None or owner.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        return Cue(token, owner, None, f"{token.text}")
    if token.tag_ == "NNS" and token.dep_ == "ROOT" and lemma in CUE_VERBS:
        # a mis-tagged verb: `"…," Bozell answers.` parsed as a noun with a compound
        owner = next((c for c in token.lefts if c.pos_ in ("PROPN", "PRON")), None)
        return Cue(token, owner, None, token.text) if owner is not None else None
    if token.pos_ in ("PROPN", "NOUN") and token.lower_ in CUE_FORMS:
        # a capitalised or mis-tagged verb (`Murphy … Tweeted on Friday`)
        subject = line_subject(art, token)
        return Cue(token, subject, None, token.text) if subject is not None else None
    if lemma == "put" and not any(
        (c.lower_ == "it" and c.dep_ == "dobj") or (c.lower_ == "at" and c.dep_ == "prep")
        for c in token.children
    ):
        return None  # only "as X puts it" and "X put the toll at 4,000"
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if lemma not in CUE_VERBS and lemma != "put" and not _phrasal_cue(token, lemma):
        return None
    # "quoted/cited X as saying", "citing X", "X was quoted as saying"
    for quoting in (token, token.head.head, token.head):
        if quoting.lemma_.lower() not in QUOTING_VERBS or quoting.pos_ != "VERB":
            continue
        if quoting is token and _as_phrase(token):
            break  # `Roe cited the delays as "…"`: the delays are described; Roe speaks
        obj = object_of(quoting)
        subject = subject_of(quoting, art)
        if obj is not None:
            saying = token if quoting is not token else _as_saying(token)
            words = f"{quoting.text} … as {saying.text}" if saying is not None else quoting.text
            return Cue(token, obj, subject, words)
        passive = next((c for c in quoting.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            agent = next((c for c in quoting.children if c.dep_ == "agent"), None)
            relay = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            return Cue(token, passive, relay, f"{quoting.text} … as {token.text}")
    for child in token.children:  # "KCNA reported, citing the military leadership"
        if child.lemma_.lower() in QUOTING_VERBS and child.dep_ in ("advcl", "xcomp", "conj"):
            obj, reporter = object_of(child), subject_of(token, art)
            relays = reporter is not None and (
                is_media(art, reporter) or reporter.lemma_.lower() in DOCUMENT_NOUNS
            )
            if obj is not None and relays:
                return Cue(token, obj, reporter, f"{token.text}, {child.text}")
    subject = subject_of(token, art)
    if (
        subject is not None
        and "\n" in token.doc[min(subject.i, token.i) : max(subject.i, token.i)].text_with_ws
    ):
        subject = line_subject(art, token)
    if subject is None and _across_lines(token):  # `Roe, in a column, wrote` hung on a line above
        subject = line_subject(art, token)
    if subject is None:  # `"…," Jane Roe, a top adviser, told Smith`: not Smith
        subject = after_quote(art, token)
    elif subject.i < token.i and art.quotes_starting(subject.idx, token.idx):
        nearer = after_quote(art, token)  # `His verdict: "…," he said`: he, not the verdict
        subject = nearer if nearer is not None and nearer.tag_ == "PRP" else subject
    if subject is None and art.text[: token.idx].rstrip()[-1:] in (",", "”", '"', "'", "’"):
        subject = next(
            (
                c
                for c in token.rights
                if c.dep_ in ("dobj", "attr", "npadvmod", "nsubj")
                and c.pos_ in ("PROPN", "NOUN", "PRON")
            ),
            None,
        )
    if subject is None:  # `Bozell answers` parsed with a compound
        subject = next(
            (c for c in token.lefts if c.pos_ in ("PROPN", "PRON") and c.i == token.i - 1), None
        )
    if subject is None:
        subject = _misread_name(art, token)
    if subject is None and not _names_its_object(token):
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        modifies = following is not None and token.head.i == following.i  # `described Trump`
        if following is not None and following.pos_ == "PROPN" and not modifies:
            subject = following.head if following.head.pos_ == "PROPN" else following
    if subject is None:
        return None
    words = token.text
    particle = next((c for c in token.children if c.dep_ == "prt"), None)
    if particle is not None:
        words += f" {particle.text}"
    medium = _medium(token)
    if medium:
        words += f" {medium}"
    channel = _relay(token)
    if lemma == "tell":
        addressee = object_of(token)
        channel = channel or (addressee if addressee is not None else None)
    return Cue(token, subject, channel, words)


def cues_in(art: ArticleView, start: int, end: int) -> list[Cue]:
    """Every cue in [start, end) outside quotes (memoised per article: do not modify)."""
    return art.cached(("cues", start, end), lambda: _cues_in(art, start, end))


def _cues_in(art: ArticleView, start: int, end: int) -> list[Cue]:
    found = []
    for token in art.tokens(start, end):
        cue = read_cue(art, token)
        if cue is not None and not art.in_quote(cue.speaker):
            found.append(cue)
    return found


_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "dative"})


def governing(cues: list[Cue], tokens: list[Token]) -> Cue | None:
    """The cue that governs the content tokens in the parse (nearest ancestor).

    Punctuation the parse hangs on the main clause (a closing period inside the quote) does not
    outvote the words, unless the words' cue lies inside what the main clause's cue reports
    (`Roe said she referred to it as "…."`: Roe reports it all; `said Roe, who said "…."`: who).
    """
    words = _nearest(cues, [t for t in tokens if not t.is_punct])
    marks = _nearest(cues, [t for t in tokens if t.is_punct])
    if words is None or marks is None:
        return words or marks
    if _reports(marks.token, words.token):
        return marks
    return words


def _nearest(cues: list[Cue], tokens: list[Token]) -> Cue | None:
    """The cue nearest above any of the tokens in the parse."""
    by_token = {c.token.i: c for c in cues}
    best: tuple[int, Cue] | None = None
    for token in tokens:
        for depth, ancestor in enumerate(token.ancestors):
            if ancestor.i in by_token and (best is None or depth < best[0]):
                best = (depth, by_token[ancestor.i])
                break
    return best[1] if best else None


def _reports(outer: Token, inner: Token) -> bool:
    """Whether ``inner`` lies in a complement of ``outer`` (what it says, to whom); a relative
    clause on a name speaks for that name (`… met with skepticism from Kyiv, which contends`)."""
    if inner.dep_ == "relcl" and inner.head.pos_ == "PROPN":
        return False
    for ancestor in (inner, *inner.ancestors):
        if ancestor.head.i == outer.i and ancestor.i != outer.i:
            return ancestor.dep_ in _COMPLEMENTS
    return False


def content_tokens(art: ArticleView, start: int, end: int) -> list[Token]:
    """The content's tokens whose head lies outside it (its attachment points; memoised per
    article: do not modify)."""
    return art.cached(("content", start, end), lambda: _content_tokens(art, start, end))


def _content_tokens(art: ArticleView, start: int, end: int) -> list[Token]:
    span = art.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
