"""Scores for resolved speaker names against a names gold (``tests/gold/polnear-names/*.json``).

>>> scores = score_names(gold, quotations_by_article, names)
>>> scores["accuracy"]
0.9

The gold is a folder of JSON files (one per annotator), each a list of
``{"id", "quotations": [{"text", "char_start", "char_end", "speaker", "aliases", …}]}`` whose
source mention is a pronoun, a surname or a description, resolved by reading the article.

- A gold quote is *found* when a predicted quotation of the same article covers ≥ 80 % of its
  characters (the best-covering one is judged).
- It is *right* when the predicted speaker entity's name or one of its aliases matches the gold
  speaker or one of its aliases: the words of one are a subset of the words of the other, case
  and punctuation ignored (the benchmark README's name matching).
- Only articles the build holds are scored (a sample of the benchmark scores its share).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..registry import name_key
from .quotes import coverage

Record = dict[str, Any]
FOUND = 0.8


def read_gold(folder: Path) -> list[Record]:
    """Every file of a names gold folder, concatenated (articles may repeat across files)."""
    gold: list[Record] = []
    for path in sorted(folder.glob("*.json")):
        try:
            gold += json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ValueError(f"{path}: not a names gold file ({error})") from error
    return gold


def _words(name: str) -> frozenset[str]:
    return frozenset(name_key(name).split())


def names_match(predicted: set[str] | list[str], wanted: list[str]) -> bool:
    """Whether any predicted name's words ⊆ a wanted name's words or the other way round.

    >>> names_match(["Donald Trump"], ["Trump"])
    True
    """
    wanted_words = [w for w in map(_words, wanted) if w]
    for name in predicted:
        words = _words(name)
        if words and any(words <= w or w <= words for w in wanted_words):
            return True
    return False


def entity_display_names(tables: dict[str, list[dict[str, str]]]) -> dict[str, list[str]]:
    """Entity id → its name and aliases as printed."""
    names: dict[str, list[str]] = {}
    for row in tables.get("entities", []):
        names[row["entity_id"]] = [row["name"], *json.loads(row.get("aliases") or "[]")]
    return names


def score_names(
    gold: list[Record], predictions: dict[str, list[Record]], names: dict[str, list[str]]
) -> dict[str, Any]:
    """Found share and speaker-name accuracy of the gold quotes of the built articles."""
    counts = dict.fromkeys(("gold", "found", "right"), 0)
    errors: list[Record] = []
    for article in gold:
        if article["id"] not in predictions:
            continue
        preds = predictions[article["id"]]
        for item in article.get("quotations") or ():
            counts["gold"] += 1
            matches = [p for p in preds if coverage(p, item) >= FOUND]
            if not matches:
                continue
            counts["found"] += 1
            best = max(matches, key=lambda p: coverage(p, item))
            wanted = [item["speaker"], *(item.get("aliases") or [])]
            right = names_match(names.get(best.get("speaker_id") or "", []), wanted)
            counts["right"] += right
            if not right:
                errors.append(_error(article["id"], item, best, names))
    found = counts["found"]
    return {
        "gold_quotes": counts["gold"],
        "found": found,
        "accuracy": counts["right"] / found if found else 0.0,
        "errors": errors,
    }


def _error(article_id: str, item: Record, pred: Record, names: dict[str, list[str]]) -> Record:
    return {
        "article_id": article_id,
        "text": item["text"][:60],
        "char_start": item["char_start"],
        "gold_surface": item.get("speaker_surface"),
        "gold_speaker": item["speaker"],
        "predicted_surface": pred.get("speaker_surface"),
        "predicted_id": pred.get("speaker_id"),
        "predicted_names": names.get(pred.get("speaker_id") or "", [])[:3],
    }


def score(folder: Path, tables: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    """Speaker-name accuracy of a built package against a names gold folder."""
    predictions: dict[str, list[Record]] = defaultdict(list)
    for row in tables.get("articles", []):
        predictions[row["article_id"]] = []
    for row in tables.get("quotations", []):
        predictions[row["article_id"]].append(row)
    return score_names(read_gold(folder), predictions, entity_display_names(tables))
