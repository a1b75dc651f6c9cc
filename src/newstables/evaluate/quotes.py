"""Scores for the quotations table (../shared/benchmarks/README.md, "How quality is judged").

>>> scores = score(gold, tables, bench)
>>> sorted(k for k in scores if k.startswith("f1"))
['f1@0.3', 'f1@0.8']

- A gold quote is *found* when a predicted quotation of the same article covers at least 80 %
  of its characters (also reported at 30 %).
- Precision counts predicted non-fragment quotations; predictions that are fragments or that
  cover a gold short quote (and no gold quote) are neither rewarded nor penalised.
- The speaker is right when the predicted speaker entity's name or an alias has the gold
  speaker's name key, or when the predicted speaker mention overlaps the gold mention (PolNeAR
  gold speakers are mentions such as "he"); a gold quote without a speaker wants none.
- *Attributed-quote F1* counts a quote only when span and speaker are both right.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from ..registry import name_key

Record = dict[str, Any]
THRESHOLDS = (0.8, 0.3)


def coverage(pred: Record, gold: Record) -> float:
    """Share of the gold span's characters the prediction covers: ``coverage(p, g) >= 0.8``."""
    start, end = int(gold["char_start"]), int(gold["char_end"])
    overlap = min(int(pred["char_end"]), end) - max(int(pred["char_start"]), start)
    return max(0, overlap) / max(1, end - start)


def _int(value: Any) -> int | None:
    """A CSV or JSON offset as int (empty → None)."""
    return None if value in (None, "") else int(value)


def speaker_right(pred: Record, gold: Record, names: dict[str, set[str]]) -> bool:
    """Whether the predicted speaker names or overlaps the gold speaker."""
    wanted = [gold.get("speaker"), *(gold.get("speakers") or [])]
    wanted_keys = {name_key(w) for w in wanted if w}
    if not wanted_keys:
        return not pred.get("speaker_id")
    if pred.get("speaker_id") and wanted_keys & names.get(pred["speaker_id"], set()):
        return True
    p_start, p_end = _int(pred.get("speaker_char_start")), _int(pred.get("speaker_char_end"))
    g_start, g_end = _int(gold.get("speaker_char_start")), _int(gold.get("speaker_char_end"))
    if None in (p_start, p_end, g_start, g_end):
        return False
    return min(p_end, g_end) > max(p_start, g_start)  # type: ignore[operator]


def _located(items: list[Record], text: str | None) -> list[Record]:
    """Gold items with offsets (found in the text by their words when they carry none)."""
    located = []
    for item in items:
        if item.get("char_start") is None and text is not None:
            start = text.find(item["text"])
            if start < 0:
                continue
            item = {**item, "char_start": start, "char_end": start + len(item["text"])}
        if item.get("char_start") is not None:
            located.append(item)
    return located


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from matched counts."""
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_articles(
    gold: list[Record],
    predictions: dict[str, list[Record]],
    names: dict[str, set[str]],
    texts: dict[str, str] | None = None,
) -> dict[str, Any]:
    """All quote metrics from gold items and predicted rows grouped by article."""
    counts: dict[str, int] = defaultdict(int)
    errors: list[Record] = []
    for article in gold:
        article_id = article["id"]
        text = (texts or {}).get(article_id)
        quotes = _located(article.get("quotations", []), text)
        shorts = _located(article.get("short_quotes", []), text)
        preds = predictions.get(article_id, [])
        counts["gold"] += len(quotes)
        for threshold in THRESHOLDS:
            tag = f"@{threshold}"
            for item in quotes:
                matches = [p for p in preds if coverage(p, item) >= threshold]
                if matches:
                    counts["found" + tag] += 1
                    best = max(matches, key=lambda p: coverage(p, item))
                    right = any(speaker_right(p, item, names) for p in matches)
                    counts["speaker_right" + tag] += right
                    if threshold == 0.8 and not right:
                        errors.append(_error("wrong_speaker", article_id, item, best))
                elif threshold == 0.8:
                    errors.append(_error("missed", article_id, item, None))
            for pred in preds:
                if str(pred.get("is_fragment")).lower() == "true":
                    continue
                hits = [g for g in quotes if coverage(pred, g) >= threshold]
                if not hits and any(coverage(pred, s) >= threshold for s in shorts):
                    continue
                counts["pred" + tag] += 1
                counts["pred_right" + tag] += bool(hits)
                counts["pred_attributed" + tag] += any(speaker_right(pred, g, names) for g in hits)
                if threshold == 0.8 and not hits:
                    errors.append(_error("spurious", article_id, None, pred))
    return _metrics(counts) | {"errors": errors}


def _metrics(counts: dict[str, int]) -> dict[str, Any]:
    """The reported numbers from the raw counts."""
    result: dict[str, Any] = {"gold_quotes": counts["gold"]}
    for threshold in THRESHOLDS:
        tag = f"@{threshold}"
        p, r, f = _prf(
            counts["pred_right" + tag], counts["pred" + tag], counts["found" + tag], counts["gold"]
        )
        result |= {f"precision{tag}": p, f"recall{tag}": r, f"f1{tag}": f}
        found = counts["found" + tag]
        result[f"speaker_accuracy{tag}"] = counts["speaker_right" + tag] / found if found else 0.0
        ap, ar, af = _prf(
            counts["pred_attributed" + tag],
            counts["pred" + tag],
            counts["speaker_right" + tag],
            counts["gold"],
        )
        result |= {f"attributed_precision{tag}": ap, f"attributed_recall{tag}": ar}
        result[f"attributed_f1{tag}"] = af
    result["predicted_quotes"] = counts["pred@0.8"]
    result["speaker_accuracy"] = result["speaker_accuracy@0.8"]
    result["attributed_f1"] = result["attributed_f1@0.8"]
    return result


def _error(kind: str, article_id: str, gold: Record | None, pred: Record | None) -> Record:
    """One error for debugging: what the gold wanted and what was predicted."""
    error: Record = {"kind": kind, "article_id": article_id}
    if gold is not None:
        error["gold"] = {
            k: gold.get(k)
            for k in ("text", "char_start", "speaker", "speaker_surface", "speaker_char_start")
        }
    if pred is not None:
        error["predicted"] = {
            k: pred.get(k)
            for k in (
                "text",
                "char_start",
                "speaker_id",
                "speaker_surface",
                "speaker_char_start",
                "cue",
                "attribution",
            )
        }
    return error


def score(
    gold: list[Record], tables: dict[str, list[dict[str, str]]], bench: Path
) -> dict[str, Any]:
    """Quote metrics of a built package against a benchmark's gold."""
    from . import entity_names

    predictions: dict[str, list[Record]] = defaultdict(list)
    for row in tables.get("quotations", []):
        predictions[row["article_id"]].append(row)
    texts = {}
    for article in gold:
        path = bench / "articles" / f"{article['id']}.txt"
        if path.exists():
            texts[article["id"]] = path.read_text(encoding="utf-8")
    return score_articles(gold, predictions, entity_names(tables), texts)
