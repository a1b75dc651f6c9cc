"""Training of the speaker-mention ranker (``extract/attribution/speaker_ranker.json``).

For every gold quotation of a benchmark the rules run as in extraction, the ranker's candidates
are built (``ranker.candidates``) and labelled as the scorer judges a speaker: overlap with the
gold speaker mention, or an entity that bears the gold speaker's name (another mention of the
same person), or "no speaker". A conditional logistic regression (softmax over each quote's
candidates, L2, full-batch Adam in numpy) is cross-validated k-fold by article
(``cross_validate``: held-out accuracy against the rules' on the same quotes);
``write_weights`` trains on all articles.

>>> data, kept = examples(Path("../shared/benchmarks/polnear-train"))
>>> report = cross_validate(data, kept, folds=5)
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import numpy as np

from ..curation import Curation
from ..executor import ParseCache, parse
from ..extract import ArticleContext
from ..extract.attribution import ArticleView, Cue, Source, quote_source, view
from ..extract.attribution.ranker import WEIGHTS, Candidate, candidates, protected
from ..extract.attribution.relays import make_source
from ..models import Article
from ..nlp import build_pipeline
from ..registry import name_key

OUT = Path(__file__).parents[1] / "extract" / "attribution" / WEIGHTS  # the package data file
Example = tuple[str, list[Candidate], list[int], bool]  # article, candidates, gold rows, rule ok


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _label(pool: list[Candidate], gold: dict) -> list[int]:
    """The candidates that match the gold speaker (the null one when it wants none)."""
    if gold.get("speaker_char_start") is None:
        return [i for i, c in enumerate(pool) if "null" in c.features]
    span = (int(gold["speaker_char_start"]), int(gold["speaker_char_end"]))
    return [i for i, c in enumerate(pool) if c.start >= 0 and _overlaps((c.start, c.end), span)]


def _same_name(
    art: ArticleView, pool: list[Candidate], gold: dict, source: Source | None
) -> list[int]:
    """The candidates whose entity, resolved as ``rerank`` would, bears the gold speaker's name
    (the scorer counts "Roe" right for a gold "Roe" elsewhere; a gold "he" only by overlap)."""
    wanted = name_key(gold.get("speaker") or "")
    found = []
    for i, candidate in enumerate(pool):
        if "rule" in candidate.features:
            picked = source
        elif candidate.token is not None:
            picked = make_source(art, Cue(candidate.token, candidate.token, None, None))
        else:
            continue
        new = picked.new_entity if picked is not None else None
        names = {name_key(picked.surface or "")} if picked is not None else set()
        names |= {name_key(new.name), name_key(new.surface)} if new is not None else set()
        if wanted and wanted in names:
            found.append(i)
    return found


def examples(bench: Path) -> tuple[list[Example], list[bool]]:
    """One example per gold quotation found by the quote finder, and whether the rules got
    each quote the ranker leaves alone right."""
    curation = Curation.load(Path(tempfile.mkdtemp()))
    nlp = build_pipeline(curation.registry)
    cache = ParseCache.from_env(curation)
    gold = json.loads((bench / "gold.json").read_text(encoding="utf-8"))
    texts = [(bench / "articles" / f"{a['id']}.txt").read_text(encoding="utf-8") for a in gold]
    found: list[Example] = []
    kept: list[bool] = []
    for article, text, doc in zip(gold, texts, parse(nlp, texts, cache), strict=True):
        meta = Article(
            article_id=article["id"], outlet=None, url=None, title=None, published=None,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(), chars=len(text),
            words=len(text.split()), path="x", notes=None,
        )  # fmt: skip
        art = view(ArticleContext(meta, text, doc, curation))
        sources = {q.start: quote_source(art, q) for q in art.quotes}
        for item in article.get("quotations", []):
            start, end = item.get("char_start"), item.get("char_end")
            if start is None:
                continue
            best = max(
                art.quotes,
                key=lambda q: min(q.end, end) - max(q.start, start),
                default=None,
            )
            if best is None or min(best.end, end) - max(best.start, start) < 0.8 * (end - start):
                continue
            source = sources[best.start]
            pool = candidates(art, best, source)
            rows = sorted(set(_label(pool, item)) | set(_same_name(art, pool, item, source)))
            if protected(source):  # the rules decide these (relayed voices, labels)
                ruled = {i for i, c in enumerate(pool) if "rule" in c.features}
                kept.append(bool(set(rows) & ruled))
                continue
            rule = [i for i, c in enumerate(pool) if "rule" in c.features] if source else [0]
            found.append((article["id"], pool, rows, bool(set(rows) & set(rule))))
    return found, kept


def _matrix(data: list[Example], names: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Stacked feature rows and each row's example index."""
    rows, groups = [], []
    for g, (_, pool, _, _) in enumerate(data):
        for candidate in pool:
            row = np.zeros(len(names))
            for name, value in candidate.features.items():
                if name in names:
                    row[names[name]] = value
            rows.append(row)
            groups.append(g)
    return np.array(rows), np.array(groups)


def train(data: list[Example], l2: float = 1e-4, steps: int = 1000) -> dict[str, float]:
    """Conditional logistic regression over each example's candidates (Adam, full batch)."""
    data = [d for d in data if d[2]]
    names = {
        n: i for i, n in enumerate(sorted({n for d in data for c in d[1] for n in c.features}))
    }
    x, groups = _matrix(data, names)
    target = np.zeros(len(x))
    offset = 0
    for _, pool, gold_rows, _ in data:
        target[[offset + i for i in gold_rows]] = 1.0
        offset += len(pool)
    starts = np.r_[0, np.flatnonzero(np.diff(groups)) + 1]
    w, m, v = np.zeros(len(names)), np.zeros(len(names)), np.zeros(len(names))
    for step in range(1, steps + 1):
        s = x @ w
        s -= np.maximum.reduceat(s, starts)[groups]
        e = np.exp(s)
        p = e / np.add.reduceat(e, starts)[groups]
        pe = p * target
        q = pe / np.add.reduceat(pe, starts)[groups]  # posterior over the gold candidates
        grad = x.T @ (p - q) / len(starts) + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return {n: round(float(w[i]), 4) for n, i in names.items() if abs(w[i]) > 1e-4}


def accuracy(data: list[Example], w: dict[str, float]) -> float:
    """Share of examples whose best-scoring candidate matches the gold speaker."""
    right = 0
    for _, pool, gold_rows, _ in data:
        scores = [sum(w.get(n, 0.0) * v for n, v in c.features.items()) for c in pool]
        right += int(np.argmax(scores)) in gold_rows
    return right / len(data)


def fold_of(article_ids: set[str], folds: int) -> dict[str, int]:
    """A stable fold per article (by hash of its id), the same on every machine."""
    return {a: int(hashlib.sha256(a.encode()).hexdigest(), 16) % folds for a in sorted(article_ids)}


def cross_validate(data: list[Example], kept: list[bool], folds: int = 5) -> list[str]:
    """Held-out accuracy of the rules and of the ranker, per fold and overall, as report lines;
    ``kept`` are the quotes the ranker leaves to the rules (relayed voices, labels)."""
    fold = fold_of({d[0] for d in data}, folds)
    lines, ranker_right, rules_right = [], 0, 0
    for k in range(folds):
        held = [d for d in data if fold[d[0]] == k]
        w = train([d for d in data if fold[d[0]] != k])
        ranker_right += round(accuracy(held, w) * len(held))
        rules_right += sum(d[3] for d in held)
        rules, ranker = sum(d[3] for d in held) / len(held), accuracy(held, w)
        lines.append(f"fold {k}: {len(held)} quotes, rules {rules:.3f}, ranker {ranker:.3f}")
    total = len(data) + len(kept)
    rules, ranker = (rules_right + sum(kept)) / total, (ranker_right + sum(kept)) / total
    left = f"{total} quotes ({len(kept)} left to the rules)"
    lines.append(f"held-out speaker-mention accuracy, {left}:")
    lines.append(f"rules {rules:.3f}, ranker {ranker:.3f}")
    return lines


def write_weights(data: list[Example], bench: str, folds: int, out: Path = OUT) -> int:
    """Train on every example and write the weights file; returns the number of weights."""
    weights = train(data)
    meta = {"trained_on": bench, "quotes": len(data), "folds": folds}
    out.write_text(json.dumps({"meta": meta, "weights": weights}, indent=0, sort_keys=True))
    return len(weights)
