"""Over the public plover-dev sentences: every published event row names the actor the
sentence names (never an empty actor or a placeholder)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newstables.assemble.event_summary import NO_ACTOR
from newstables.build import build

BENCH = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "plover-dev"


def test_no_event_row_without_its_actor(tmp_path: Path) -> None:
    if not BENCH.exists():
        pytest.skip(f"benchmark not found at {BENCH} (it ships beside the repository in shared/)")
    curation = tmp_path / "curation"  # a dataset with no curation at all
    curation.mkdir()
    build(BENCH / "articles", tmp_path / "out", curation_dir=curation, n_process=1)
    with open(tmp_path / "out" / "data" / "events.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 100
    for row in rows:
        assert row["actor_id"], row
        assert NO_ACTOR not in row["summary"] and "Someone" not in row["summary"], row
        assert not row["summary"].lower().startswith(("it ", "they ")), row
