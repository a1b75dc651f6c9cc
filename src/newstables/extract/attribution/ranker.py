"""A learned speaker-mention ranker over the rules' pick (``speaker_ranker.json``).

>>> source = rerank(art, quote, source)   # the rules' source, or a better mention nearby

The rules (``sources``) name one speaker mention per quote. The ranker scores every noun
phrase outside quotes in the quote's sentence and the sentences before and after it, plus "no
speaker", with a linear model over parse features (the rules' pick, the dependency relation,
subject of a speech verb, governs the quote, position and distance, pronoun, entity type,
"according to", poll numbers …) and keeps the best. The weights are a small JSON file trained
by ``scripts/train_speaker_ranker.py`` (conditional logistic regression, k-fold by article);
without the file the rules' pick stands.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Token

from ...models import Attribution
from ..quotemarks import QuoteSpan
from .cues import Cue, content_tokens
from .lexicon import CUE_VERBS, DOCUMENT_NOUNS, FIRST_PERSON, SUBJECTS
from .mentions import mention_span
from .relays import make_source
from .view import ArticleView, Source

WEIGHTS = "speaker_ranker.json"
Features = dict[str, float]
_DEPS = ("nsubj", "nsubjpass", "pobj", "dobj", "poss", "appos", "attr", "conj", "npadvmod")
_RULE_PAIRS = ("subject_of_cue", "nearest_speech_subject", "relative", "according_to")
_ENTS = ("PERSON", "ORG", "GPE", "NORP", "PERCENT", "CARDINAL", "DATE", "WORK_OF_ART")


@dataclass(frozen=True)
class Candidate:
    """One possible speaker mention (token None: no speaker) and its features."""

    token: Token | None
    start: int
    end: int
    features: Features


def _governors(art: ArticleView, quote: QuoteSpan) -> set[int]:
    """The tokens the quote hangs on in the parse (ancestors of its attachment points)."""
    found: set[int] = set()
    for token in content_tokens(art, quote.start, quote.end):
        found.update(a.i for a in token.ancestors if not art.in_quote(a))
    return found


def _token_features(
    art: ArticleView, quote: QuoteSpan, token: Token, offset: int, governors: set[int]
) -> Features:
    """The parse features of one candidate head token."""
    f: Features = {f"sent{offset:+d}": 1.0}
    dep = token.dep_ if token.dep_ in _DEPS else "other"
    f[f"dep={dep}"] = 1.0
    f[f"pos={token.pos_}"] = 1.0
    ent = token.ent_type_ if token.ent_type_ in _ENTS else ("none" if not token.ent_type_ else "x")
    f[f"ent={ent}"] = 1.0
    head = token.head
    cue_head = head.lemma_.lower() in CUE_VERBS and head.pos_ in ("VERB", "AUX")
    if token.dep_ in SUBJECTS:
        f["subject"] = 1.0
        f["subject_of_cue"] = float(cue_head)
        f["subject_governs"] = float(head.i in governors)
    if token.dep_ in ("dobj", "dative") and cue_head:
        f["object_of_cue"] = 1.0
    if head.lower_ == "to" and head.head.lower_ == "according":
        f["according_to"] = 1.0
    if head.dep_ == "agent":
        f["agent"] = 1.0
    if head.dep_ == "relcl" or token.tag_ in ("WP", "WDT"):
        f["relative"] = 1.0
    lower = token.lower_
    f["first_person"] = float(lower in FIRST_PERSON)
    f["number"] = float(token.like_num or token.lemma_.lower() in ("percent", "%"))
    f["document"] = float(token.lemma_.lower() in DOCUMENT_NOUNS)
    before = token.idx < quote.start
    f["before"] = float(before)
    gap = quote.start - token.idx if before else token.idx - quote.end
    f["distance"] = math.log1p(max(0, gap)) / 5
    f["near_after"] = float(not before and 0 <= gap < 30)
    f["near_before"] = float(before and 0 <= gap < 30)
    line_of = art.text.count("\n", min(token.idx, quote.start), max(token.idx, quote.start))
    f["same_line"] = float(line_of == 0)
    f[f"{dep}|{offset:+d}|{'before' if before else 'after'}"] = 1.0
    f[f"{token.pos_}|{dep}"] = 1.0
    return f


def _nearest_speech_subject(found: list[Candidate]) -> None:
    """Mark the subject of a speech verb nearest to the quote in its own sentence."""
    pool = [c for c in found if c.features.get("subject_of_cue") and c.features.get("sent+0")]
    if pool:
        nearest = min(pool, key=lambda c: c.features["distance"])
        nearest.features["nearest_speech_subject"] = 1.0


def _null_features(art: ArticleView, quote: QuoteSpan, method: str) -> Features:
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
    }


def candidates(art: ArticleView, quote: QuoteSpan, source: Source | None) -> list[Candidate]:
    """The rules' pick, "no speaker" and every noun phrase head near the quote."""
    sentence = art.sentence_of(quote.start)
    governors = _governors(art, quote)
    rule_span = (source.start, source.end) if source and source.start is not None else None
    method = source.method.value if source else "none"
    found = [Candidate(None, -1, -1, _null_features(art, quote, method))]
    seen_rule = False
    for offset in (-1, 0, 1):
        index = sentence + offset
        if not 0 <= index < len(art.sentences):
            continue
        start, end = art.sentences[index]
        for token in art.tokens(start, end):
            if token.pos_ not in ("PROPN", "NOUN", "PRON") or token.dep_ == "compound":
                continue
            span = mention_span(art, token)
            features = _token_features(art, quote, token, offset, governors)
            if rule_span and span.start_char < rule_span[1] and rule_span[0] < span.end_char:
                features |= {"rule": 1.0, f"rule={method}": 1.0}
                seen_rule = True
            found.append(Candidate(token, span.start_char, span.end_char, features))
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
    """The linear score of one candidate."""
    return sum(w.get(name, 0.0) * value for name, value in candidate.features.items())


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
