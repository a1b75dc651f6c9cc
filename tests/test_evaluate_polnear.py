"""Regression floor on a fixed sample of the public PolNeAR train split (../shared/benchmarks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstables.evaluate import evaluate

BENCH = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "polnear-train"
SAMPLE = 60  # every 14th article of 840: outlets and years spread, about a minute to build


@pytest.fixture(scope="module")
def sample_bench(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not BENCH.exists():
        pytest.skip(f"benchmark not found at {BENCH} (it ships beside the repository in shared/)")
    gold = json.loads((BENCH / "gold.json").read_text(encoding="utf-8"))
    chosen = sorted(gold, key=lambda a: a["id"])[:: len(gold) // SAMPLE][:SAMPLE]
    bench = tmp_path_factory.mktemp("polnear-sample")
    (bench / "articles").mkdir()
    for article in chosen:
        name = f"{article['id']}.txt"
        (bench / "articles" / name).write_bytes((BENCH / "articles" / name).read_bytes())
    (bench / "gold.json").write_text(json.dumps(chosen), encoding="utf-8")
    return bench


def test_polnear_sample_stays_at_the_level_reached(sample_bench: Path) -> None:
    scores = evaluate(sample_bench)["quotations"]
    assert scores["gold_quotes"] > 500
    assert scores["f1@0.8"] >= 0.97
    assert scores["speaker_accuracy"] >= 0.92
    assert scores["attributed_f1"] >= 0.90
