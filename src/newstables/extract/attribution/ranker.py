"""A learned speaker-mention ranker over the rules' pick (``speaker_ranker.json``).

>>> source = rerank(art, quote, source)   # the rules' source, or a better mention nearby

The rules (``sources``) name one speaker mention per quote. The ranker scores every noun
phrase outside quotes in the quote's sentence and the sentences before and after it, plus "no
speaker", with a linear model over parse features (the rules' pick, the dependency relation,
subject of a speech verb, governs the quote, position and distance, pronoun, entity type,
"according to", poll numbers …) and over the quote's cue structure (the speaker of the cue that
governs the quote, of another cue, a cue's addressee or relay, the noun and the issuer of `a
statement saying "…"`, the speakers of the quotes before it, what the candidate hangs on) and
keeps the best. The weights are a small JSON file trained
by ``scripts/train_speaker_ranker.py`` (conditional logistic regression, k-fold by article);
without the file the rules' pick stands.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

from spacy.tokens import Token

from ...models import Attribution
from ...registry import name_key
from ..quotemarks import QuoteSpan
from .cues import Cue, content_tokens, cues_in, governing
from .lexicon import CUE_VERBS, DOCUMENT_NOUNS, FIRST_PERSON, SPEECH_NOUNS, SUBJECTS
from .mentions import mention_span
from .relays import author, make_source
from .view import ArticleView, Source

WEIGHTS = "speaker_ranker.json"
Features = dict[str, float]
_DEPS = ("nsubj", "nsubjpass", "pobj", "dobj", "poss", "appos", "attr", "conj", "npadvmod")
_RULE_PAIRS = ("subject_of_cue", "nearest_speech_subject", "relative", "according_to")
_ENTS = ("PERSON", "ORG", "GPE", "NORP", "PERCENT", "CARDINAL", "DATE", "WORK_OF_ART")
_SENT = {offset: f"sent{offset:+d}" for offset in (-1, 0, 1)}  # the candidate's sentence


@dataclass(frozen=True)
class Candidate:
    """One possible speaker mention (token None: no speaker) and its features."""

    token: Token | None
    start: int
    end: int
    features: Features


@dataclass
class _Context:
    """What one quote's candidates are compared with (built once per quote)."""

    governors: set[int]  # the tokens the quote hangs on (ancestors of its attachment points)
    cues: dict[int, str]  # speaker token of a cue around the quote → "governing" | "cue"
    channels: set[int]  # addressees and relays of those cues ("told X", "according to X")
    carriers: dict[int, str]  # "a statement saying": the noun → "noun", its issuer → "host"
    previous: list[tuple[int, int, str]]  # the rules' speakers of the quotes before (span, key)


def _governors(art: ArticleView, quote: QuoteSpan) -> set[int]:
    """The tokens the quote hangs on in the parse (ancestors of its attachment points)."""
    found: set[int] = set()
    for token in content_tokens(art, quote.start, quote.end):
        found.update(a.i for a in token.ancestors if not art.in_quote(a))
    return found


def _cues(art: ArticleView, quote: QuoteSpan, sentence: int) -> tuple[dict[int, str], set[int]]:
    """The speakers (and channels) of the cues in the quote's sentence, the one that governs
    the quote marked: `Roe told Doe that "…"`: Roe governing, Doe a channel."""
    start, end = art.sentences[sentence]
    found = cues_in(art, start, end)
    chosen = governing(found, content_tokens(art, quote.start, quote.end))
    speakers: dict[int, str] = {}
    channels: set[int] = set()
    for cue in found:
        speaker = author(cue.speaker).i
        if speakers.get(speaker) != "governing":
            speakers[speaker] = "governing" if cue is chosen else "cue"
        if cue.channel is not None:
            channels.add(cue.channel.i)
    return speakers, channels


def _carriers(art: ArticleView, governors: set[int]) -> dict[int, str]:
    """`issued a statement saying "…"`, `held a sign reading "…"`: the noun a speech participle
    governing the quote modifies, and the subject of the verb that has that noun as object."""
    found: dict[int, str] = {}
    for i in governors:
        verb = art.doc[i]
        if verb.dep_ != "acl" or verb.head.pos_ not in ("NOUN", "PROPN"):
            continue
        if verb.lemma_.lower() not in CUE_VERBS:
            continue
        noun = verb.head
        found[noun.i] = "noun"
        if noun.dep_ in ("dobj", "pobj"):
            host = noun.head.head if noun.dep_ == "pobj" else noun.head
            for child in host.children:
                if child.dep_ in SUBJECTS:
                    found[child.i] = "host"
    return found


def _previous(art: ArticleView, quote: QuoteSpan, limit: int = 10) -> list[tuple[int, int, str]]:
    """The rules' speakers of the (up to ``limit``) quotes before this one, nearest first."""
    found = []
    previous = art.previous_quote(quote)
    while previous is not None and len(found) < limit:
        source = art.sources.get(previous.start)
        if source is not None and source.start is not None and source.end is not None:
            found.append((source.start, source.end, _last_key(source.surface or "")))
        previous = art.previous_quote(previous)
    return found


def _last_key(surface: str) -> str:
    """The last word of a mention's name key (a surname): "Sen. Jane Roe's" → "roe"."""
    words = name_key(surface).split()
    return words[-1] if words else ""


def _context(art: ArticleView, quote: QuoteSpan, sentence: int) -> _Context:
    """The per-quote facts the candidate features compare with."""
    governors = _governors(art, quote)
    cues, channels = _cues(art, quote, sentence)
    return _Context(governors, cues, channels, _carriers(art, governors), _previous(art, quote))


def _head_class(head: Token) -> str:
    """What a candidate hangs on (its head): a speech verb, another verb, a noun, a preposition."""
    if head.pos_ in ("VERB", "AUX"):
        return "cue" if head.lemma_.lower() in CUE_VERBS else "verb"
    if head.pos_ in ("NOUN", "PROPN"):
        return "speech_noun" if head.lemma_.lower() in SPEECH_NOUNS else "noun"
    return "adp" if head.pos_ == "ADP" else "other"


class _Head(NamedTuple):
    """A candidate head token with what it says whatever the quote (read once per article):
    its mention span (characters and tokens), parse relations, line and feature names."""

    token: Token
    idx: int
    start: int
    end: int
    tokens: range  # the token indices of the mention span
    dep: str  # the dependency label, "other" outside _DEPS
    pos: str
    dep_name: str  # its feature names: "dep=nsubj", "pos=PROPN", "ent=PERSON", "hc=cue|nsubj"
    pos_name: str  # and "PROPN|nsubj"
    ent_name: str
    class_name: str
    pos_dep_name: str
    subject: bool
    cue_head: bool  # hangs on a speech verb
    head: int
    object_of_cue: bool
    according_to: bool
    agent: bool
    relative: bool
    first_person: float
    number: float
    document: float
    last_key: str  # of a proper noun's mention ("" otherwise)
    name_line: float  # its line has at most six words (`— Jane Roe.` under a quotation)
    own_quote: bool  # its sentence has a quote of its own


def _entity_class(label: str) -> str:
    """A named-entity label folded to ``_ENTS``, "none" or "x" (another label)."""
    return label if label in _ENTS else ("none" if not label else "x")


def _read_head(art: ArticleView, token: Token) -> _Head:
    """The quote-independent facts of one candidate head token."""
    span = mention_span(art, token)
    start, end = span.start_char, span.end_char
    head = token.head
    cue_head = head.lemma_.lower() in CUE_VERBS and head.pos_ in ("VERB", "AUX")
    idx, raw_dep, pos, lemma = token.idx, token.dep_, token.pos_, token.lemma_.lower()
    dep = raw_dep if raw_dep in _DEPS else "other"
    s_start, s_end = art.sentences[art.sentence_of(idx)]
    return _Head(
        token=token,
        idx=idx,
        start=start,
        end=end,
        tokens=range(span.start, span.end)
        if len(span)
        else range(*_token_range(art, (start, end))),
        dep=dep,
        pos=pos,
        dep_name=f"dep={dep}",
        pos_name=f"pos={pos}",
        ent_name=f"ent={_entity_class(token.ent_type_)}",
        class_name=f"hc={_head_class(head)}|{dep}",
        pos_dep_name=f"{pos}|{dep}",
        subject=raw_dep in SUBJECTS,
        cue_head=cue_head,
        head=head.i,
        object_of_cue=raw_dep in ("dobj", "dative") and cue_head,
        according_to=head.lower_ == "to" and head.head.lower_ == "according",
        agent=head.dep_ == "agent",
        relative=head.dep_ == "relcl" or token.tag_ in ("WP", "WDT"),
        first_person=float(token.lower_ in FIRST_PERSON),
        number=float(token.like_num or lemma in ("percent", "%")),
        document=float(lemma in DOCUMENT_NOUNS),
        last_key=_last_key(art.text[start:end]) if pos == "PROPN" else "",
        name_line=float(_short_line(art, idx)),
        own_quote=bool(art.quotes_starting(s_start, s_end)),
    )


def _short_line(art: ArticleView, offset: int) -> bool:
    """Whether the line holding an offset has at most six words (`— Jane Roe.` under a
    quotation); memoised per line."""
    start = art.text.rfind("\n", 0, offset) + 1

    def read() -> bool:
        end = art.text.find("\n", start)
        return len(art.text[start : end if end >= 0 else len(art.text)].split(maxsplit=6)) <= 6

    return art.cached(("short line", start), read)


def _heads(art: ArticleView, sentence: int) -> list[_Head]:
    """The candidate heads of one sentence: nouns, proper nouns and pronouns outside quotes,
    not compounds, not an apposition to a name (the name speaks); memoised per article."""

    def read() -> list[_Head]:
        start, end = art.sentences[sentence]
        return [
            _read_head(art, token)
            for token in art.tokens(start, end)
            if token.pos_ in ("PROPN", "NOUN", "PRON")
            and token.dep_ != "compound"
            and not (token.dep_ == "appos" and token.head.pos_ == "PROPN")
        ]

    return art.cached(("heads", sentence), read)


def _context_features(head: _Head, offset: int, ctx: _Context) -> Features:
    """The candidate against the quote's cues, carriers and earlier speakers."""
    f: Features = {}
    inside = head.tokens
    for i, kind in ctx.cues.items():
        if i in inside:
            f[f"cue_{kind}"] = 1.0
    if any(i in inside for i in ctx.channels):
        f["cue_channel"] = 1.0
    for i, kind in ctx.carriers.items():
        if i in inside:
            f[f"carrier_{kind}"] = 1.0
    if ctx.previous:
        start, end, _ = ctx.previous[0]
        if start < head.end and head.start < end:
            f["previous_speaker"] = 1.0
    if head.pos == "PROPN":
        key = head.last_key
        if key and any(key == k for _, _, k in ctx.previous):
            f["recent_speaker"] = 1.0
    f[head.class_name] = 1.0
    f["name_line"] = head.name_line
    if offset and head.own_quote:
        f["own_quote"] = 1.0  # the sentence before or after has a quote of its own
    return f


def _token_range(art: ArticleView, span: tuple[int, int]) -> tuple[int, int]:
    """The token indices of a character span."""
    found = art.doc.char_span(span[0], span[1], alignment_mode="expand")
    return (found.start, found.end) if found is not None else (0, 0)


def _token_features(
    art: ArticleView, quote: QuoteSpan, head: _Head, offset: int, governors: set[int]
) -> Features:
    """The parse features of one candidate head token against the quote."""
    f: Features = {_SENT[offset]: 1.0, head.dep_name: 1.0, head.pos_name: 1.0, head.ent_name: 1.0}
    if head.subject:
        f["subject"] = 1.0
        f["subject_of_cue"] = float(head.cue_head)
        f["subject_governs"] = float(head.head in governors)
    if head.object_of_cue:
        f["object_of_cue"] = 1.0
    if head.according_to:
        f["according_to"] = 1.0
    if head.agent:
        f["agent"] = 1.0
    if head.relative:
        f["relative"] = 1.0
    f["first_person"] = head.first_person
    f["number"] = head.number
    f["document"] = head.document
    idx = head.idx
    before = idx < quote.start
    f["before"] = float(before)
    gap = quote.start - idx if before else idx - quote.end
    f["distance"] = math.log1p(max(0, gap)) / 5
    f["near_after"] = float(not before and 0 <= gap < 30)
    f["near_before"] = float(before and 0 <= gap < 30)
    line_of = art.text.count("\n", min(idx, quote.start), max(idx, quote.start))
    f["same_line"] = float(line_of == 0)
    f[f"{head.dep}|{offset:+d}|{'before' if before else 'after'}"] = 1.0
    f[head.pos_dep_name] = 1.0
    return f


def _nearest_speech_subject(found: list[Candidate]) -> None:
    """Mark the subject of a speech verb nearest to the quote in its own sentence."""
    pool = [c for c in found if c.features.get("subject_of_cue") and c.features.get("sent+0")]
    if pool:
        nearest = min(pool, key=lambda c: c.features["distance"])
        nearest.features["nearest_speech_subject"] = 1.0


def _null_features(
    art: ArticleView, quote: QuoteSpan, method: str, cues: dict[int, str]
) -> Features:
    """ "No speaker": what the rules found, and whether the quote looks like a name or title
    (`a website called "…"`, capitalised words, a few words)."""
    words = quote.text.split()
    capitalised = sum(w[:1].isupper() for w in words) / max(1, len(words))
    before = art.text[max(0, quote.start - 12) : quote.start].lower()
    return {
        "null": 1.0,
        f"null_rule={method}": 1.0,
        "null_short": float(len(words) <= 6),
        "null_titlecase": capitalised,
        "null_named": float(any(w in before for w in ("called", "titled", "named", "dubbed"))),
        "null_no_cue": float(not cues),
    }


def candidates(art: ArticleView, quote: QuoteSpan, source: Source | None) -> list[Candidate]:
    """The rules' pick, "no speaker" and every noun phrase head near the quote."""
    sentence = art.sentence_of(quote.start)
    ctx = _context(art, quote, sentence)
    governors = ctx.governors
    rule_span = (source.start, source.end) if source and source.start is not None else None
    method = source.method.value if source else "none"
    found = [Candidate(None, -1, -1, _null_features(art, quote, method, ctx.cues))]
    seen_rule = False
    for offset in (-1, 0, 1):
        index = sentence + offset
        if not 0 <= index < len(art.sentences):
            continue
        for head in _heads(art, index):
            features = _token_features(art, quote, head, offset, governors)
            features |= _context_features(head, offset, ctx)
            if rule_span and head.start < rule_span[1] and rule_span[0] < head.end:
                features |= {"rule": 1.0, f"rule={method}": 1.0}
                seen_rule = True
            found.append(Candidate(head.token, head.start, head.end, features))
    _nearest_speech_subject(found)
    for candidate in found:
        if "rule" in candidate.features:
            for name in _RULE_PAIRS:
                if candidate.features.get(name):
                    candidate.features[f"rule&{name}"] = 1.0
    if rule_span and not seen_rule:
        found.append(Candidate(None, rule_span[0], rule_span[1], {"rule": 1.0, "rule_far": 1.0}))
    return found


@cache
def weights() -> dict[str, float]:
    """The trained weights (empty without the package data file)."""
    path = resources.files(__package__).joinpath(WEIGHTS)
    if not path.is_file():
        return {}
    return dict(json.loads(path.read_text("utf-8"))["weights"])


def score(candidate: Candidate, w: dict[str, float]) -> float:
    """The linear score of one candidate (summed in feature order)."""
    return sum([w.get(name, 0.0) * value for name, value in candidate.features.items()])


_RELAY_WORDS = ("quot", "cit", "according", ":")


def protected(source: Source | None) -> bool:
    """Whether the rules' source is a design decision the ranker leaves alone: a relayed voice
    (`KCNA quoted Kim as saying`, `…, according to the Gazette`: Kim speaks, the outlet relays),
    ``NAME:`` labels and relative clauses (`Kyiv, which contends "…"`: Kyiv, not who reports it).
    """
    if source is None:
        return False
    cue = source.cue or ""
    relative = (source.surface or "").lower() in ("who", "which", "that")
    return relative or source.channel_id is not None or any(w in cue for w in _RELAY_WORDS)


def rerank(art: ArticleView, quote: QuoteSpan, source: Source | None) -> Source | None:
    """The best-scoring mention for a quote: the rules' source unless another scores higher."""
    w = weights()
    if not w or protected(source):
        return source
    pool = candidates(art, quote, source)
    best = max(pool, key=lambda c: score(c, w))
    if "rule" in best.features:
        return source
    if best.token is None:
        return None
    cue = Cue(best.token, best.token, None, source.cue if source else None)
    return make_source(art, cue, Attribution.adjacent if source is None else None)
