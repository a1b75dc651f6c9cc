"""Scores for the figures table (../shared/benchmarks/README.md, "How quality is judged").

A gold figure is found when a predicted figure of the same article overlaps its span. Vague gold
amounts and unit conversions are neither rewarded nor penalised (nor are vague predictions); on
found figures, value (low/high for ranges), qualifier and claimant are each checked, and a claim
counts only when all three are right.

>>> metrics = score(gold, read_tables(package), Path("tests/gold/seeds"))
>>> sorted(metrics)[:3]
['claim_f1', 'claim_precision', 'claim_recall']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..registry import name_key

Record = dict[str, str]
_IGNORED_FLAGS = ("vague", "conversion", "unit_conversion")


@dataclass(frozen=True)
class GoldFigure:
    """One gold figure with its span located in the article text."""

    item: dict[str, Any]
    start: int
    end: int

    @property
    def ignored(self) -> bool:
        """Vague amounts and unit conversions are neither rewarded nor penalised."""
        return any(self.item.get(flag) for flag in _IGNORED_FLAGS)


def locate(items: list[dict[str, Any]], text: str) -> list[GoldFigure]:
    """Gold figures with offsets: given ones, else the next occurrence of the surface."""
    located, cursor = [], {}
    for item in items:
        start = item.get("char_start")
        if start is None:
            surface = item["surface"]
            start = text.find(surface, cursor.get(surface, 0))
            if start < 0:
                start = text.find(surface)
            cursor[surface] = start + 1
        end = item.get("char_end") or start + len(item["surface"])
        located.append(GoldFigure(item, start, end))
    return located


def _number(value: Any) -> float | None:
    """A gold (JSON) or predicted (CSV) number; None when empty."""
    if value in (None, ""):
        return None
    return float(value)


def _same(a: Any, b: Any) -> bool:
    x, y = _number(a), _number(b)
    return (x is None and y is None) or (
        x is not None and y is not None and math.isclose(x, y, rel_tol=1e-9)
    )


def value_ok(gold: dict[str, Any], pred: Record) -> bool:
    """Value right: low/high for a gold range, else the single value."""
    if gold.get("qualifier") == "range" or gold.get("low") is not None:
        return _same(gold.get("low"), pred["low"]) and _same(gold.get("high"), pred["high"])
    return _same(gold.get("value"), pred["value"])


def claimant_ok(gold: dict[str, Any], pred: Record, names: dict[str, set[str]]) -> bool:
    """Claimant right: the predicted entity's name or alias is the gold name, or both empty."""
    wanted, entity = gold.get("claimant"), pred.get("claimant_id") or ""
    if not wanted:
        return not entity
    return name_key(wanted) in names.get(entity, set())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list[GoldFigure], preds: list[Record]) -> dict[int, int]:
    """Gold index → predicted index, one-to-one, by largest overlap first."""
    pairs = sorted(
        (
            (-_overlap((g.start, g.end), (int(p["char_start"]), int(p["char_end"]))), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(preds)
        ),
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for negative, gi, pi in pairs:
        if negative < 0 and gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _show(pred: Record) -> dict[str, str]:
    keys = ("surface", "value", "low", "high", "qualifier", "claimant_id", "quantity")
    return {k: pred.get(k, "") for k in keys}


def score(
    gold: list[dict[str, Any]], tables: dict[str, list[Record]], bench: Path
) -> dict[str, Any]:
    """Detection P/R/F1, value/qualifier/claimant accuracy, value and claim F1, and the errors."""
    from . import entity_names  # the package's shared helper (imported late: it imports us)

    if not any(article.get("figures") for article in gold):
        return {"gold": 0, "scored": "no: this benchmark annotates no figures"}
    names = entity_names(tables)
    by_article: dict[str, list[Record]] = {}
    for row in tables.get("figures", []):
        by_article.setdefault(row["article_id"], []).append(row)
    counts = dict.fromkeys(("tp", "fp", "fn", "value", "qualifier", "claimant", "claim"), 0)
    errors: list[dict[str, Any]] = []
    for article in gold:
        text_path = bench / "articles" / f"{article['id']}.txt"
        text = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
        golds = locate(article.get("figures", []), text)
        preds = by_article.get(article["id"], [])
        matched = match(golds, preds)
        claimed = set(matched.values())
        for gi, g in enumerate(golds):
            if g.ignored:
                continue
            if gi not in matched:
                counts["fn"] += 1
                errors.append({"article": article["id"], "error": "missed", "gold": g.item})
                continue
            pred = preds[matched[gi]]
            counts["tp"] += 1
            checks = {
                "value": value_ok(g.item, pred),
                "qualifier": g.item.get("qualifier") == pred["qualifier"],
                "claimant": claimant_ok(g.item, pred, names),
            }
            for name, ok in checks.items():
                counts[name] += ok
            counts["claim"] += all(checks.values())
            wrong = [name for name, ok in checks.items() if not ok]
            if wrong:
                errors.append(
                    {"article": article["id"], "error": "+".join(wrong), "gold": g.item,
                     "pred": _show(pred)}
                )  # fmt: skip
        for pi, pred in enumerate(preds):
            span = (int(pred["char_start"]), int(pred["char_end"]))
            near_ignored = any(g.ignored and _overlap((g.start, g.end), span) for g in golds)
            if pi in claimed or near_ignored or pred.get("vague") == "true":
                continue
            counts["fp"] += 1
            errors.append({"article": article["id"], "error": "spurious", "pred": _show(pred)})
    return metrics(counts) | {"errors": errors}


def metrics(counts: dict[str, int]) -> dict[str, Any]:
    """The published numbers from the raw counts."""
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    value_p, value_r = _ratio(counts["value"], tp + fp), _ratio(counts["value"], tp + fn)
    claim_p, claim_r = _ratio(counts["claim"], tp + fp), _ratio(counts["claim"], tp + fn)
    return {
        "gold": tp + fn,
        "predicted": tp + fp,
        "detection_precision": precision,
        "detection_recall": recall,
        "detection_f1": _f1(precision, recall),
        "value_accuracy": _ratio(counts["value"], tp),
        "qualifier_accuracy": _ratio(counts["qualifier"], tp),
        "claimant_accuracy": _ratio(counts["claimant"], tp),
        "value_f1": _f1(value_p, value_r),
        "claim_precision": claim_p,
        "claim_recall": claim_r,
        "claim_f1": _f1(claim_p, claim_r),
    }
