"""The figures scorer on small hand-made cases, and the seeds at the level the engine reaches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newstables.evaluate import evaluate
from newstables.evaluate.figures import score

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "gold" / "seeds"
TEXT = "Officials said about 1,200 died; thousands fled; 10,000-12,000 troops went. Also 7 tanks."


def gold_figure(surface: str, **fields: Any) -> dict[str, Any]:
    start = TEXT.index(surface)
    base = {"surface": surface, "char_start": start, "char_end": start + len(surface)}
    empty = {"value": None, "low": None, "high": None, "qualifier": "exact", "claimant": None}
    return base | empty | fields


def row(surface: str, **fields: str) -> dict[str, str]:
    start = TEXT.index(surface)
    base = {"article_id": "a", "surface": surface, "char_start": str(start),
            "char_end": str(start + len(surface)), "value": "", "low": "", "high": "",
            "qualifier": "exact", "claimant_id": "", "quantity": "", "vague": "false"}  # fmt: skip
    return base | fields


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


ENTITIES = [{"entity_id": "us-officials", "name": "US officials", "aliases": '["Officials"]'}]
GOLD = [
    {
        "id": "a",
        "figures": [
            gold_figure("about 1,200", value=1200, qualifier="approx", claimant="officials"),
            gold_figure("thousands", qualifier="approx", vague=True),
            gold_figure("10,000-12,000", low=10000, high=12000, qualifier="range"),
        ],
    }
]


def test_perfect_predictions_score_one(bench: Path) -> None:
    tables = {
        "entities": ENTITIES,
        "figures": [
            row("1,200", value="1200", qualifier="approx", claimant_id="us-officials"),
            row("10,000-12,000", low="10000", high="12000", qualifier="range"),
        ],
    }
    result = score(GOLD, tables, bench)
    assert result["detection_f1"] == result["claim_f1"] == result["claimant_accuracy"] == 1.0
    assert result["errors"] == []


def test_vague_amounts_are_neither_rewarded_nor_penalised(bench: Path) -> None:
    tables = {
        "entities": ENTITIES,
        "figures": [
            row("1,200", value="1200", qualifier="approx", claimant_id="us-officials"),
            row("thousands", qualifier="approx", vague="true"),
            row("10,000-12,000", low="10000", high="12000", qualifier="range"),
        ],
    }
    assert score(GOLD, tables, bench)["detection_precision"] == 1.0


def test_wrong_parts_and_spurious_rows_are_counted(bench: Path) -> None:
    tables = {
        "entities": ENTITIES,
        "figures": [
            row("about 1,200", value="1200", qualifier="exact"),
            row("10,000-12,000", value="12000", qualifier="exact"),
            row("7", value="7"),
        ],
    }
    result = score(GOLD, tables, bench)
    assert result["detection_recall"] == 1.0
    assert result["detection_precision"] == pytest.approx(2 / 3)
    assert result["value_accuracy"] == 0.5
    assert result["qualifier_accuracy"] == 0.0
    assert result["claimant_accuracy"] == 0.5
    assert result["claim_f1"] == 0.0
    assert {e["error"] for e in result["errors"]} == {
        "qualifier+claimant",
        "value+qualifier",
        "spurious",
    }


def test_missed_figures_lower_recall(bench: Path) -> None:
    result = score(GOLD, {"entities": ENTITIES, "figures": []}, bench)
    assert (result["detection_recall"], result["gold"]) == (0.0, 2)
    assert [e["error"] for e in result["errors"]] == ["missed", "missed"]


@pytest.fixture(scope="module")
def seed_scores() -> dict[str, Any]:
    return evaluate(SEEDS)["figures"]


def test_seeds_detection_and_values(seed_scores: dict[str, Any]) -> None:
    errors = json.dumps(seed_scores["errors"], indent=1, ensure_ascii=False)
    assert seed_scores["detection_f1"] == 1.0, errors
    assert seed_scores["value_accuracy"] == 1.0, errors
    assert seed_scores["qualifier_accuracy"] == 1.0, errors


def test_seeds_claimants(seed_scores: dict[str, Any]) -> None:
    errors = json.dumps(seed_scores["errors"], indent=1, ensure_ascii=False)
    assert seed_scores["claimant_accuracy"] == 1.0, errors
    assert seed_scores["claim_f1"] == 1.0, errors
