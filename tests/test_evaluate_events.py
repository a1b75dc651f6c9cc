"""The events scorer on small hand-made cases, and the seeds at the level the engine reaches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newstables.evaluate import evaluate
from newstables.evaluate.events import date_ok, score

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "gold" / "seeds"


def gold_event(key: str, event_type: str, spans: list[tuple[int, int]], **fields: Any) -> dict:
    mentions = [
        {"article_id": "a", "char_start": s, "char_end": e, "sentence": ""} for s, e in spans
    ]
    base = {"key": key, "event_type": event_type, "date": None, "date_start": None,
            "date_end": None, "mentions": mentions}  # fmt: skip
    return base | fields


def tables(rows: list[tuple[str, str, str, list[tuple[int, int]]]]) -> dict[str, list[dict]]:
    """(event_id, type, date, mention spans) → events and event_mentions records."""
    empty = dict.fromkeys(("date_start", "date_end", "actor_id", "recipient_id", "summary"), "")
    events = [{"event_id": i, "event_type": t, "date": d} | empty for i, t, d, _ in rows]
    mentions = [{"event_id": i, "article_id": "a", "char_start": str(s), "char_end": str(e)}
                for i, _, _, spans in rows for s, e in spans]  # fmt: skip
    return {"events": events, "event_mentions": mentions}


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    gold = [
        gold_event("deploy", "MOBILIZE", [(0, 10), (20, 30)], date="2024-36"),
        gold_event("thanks", "SUPPORT", [(0, 10)], date="2025-04-28"),
        gold_event("treaty", "AGREE", [(40, 50)]),
        gold_event("denial", "REJECT", [(60, 70)]),
        gold_event("zelenskyy", "REJECT", [(80, 90)]),
    ]
    (tmp_path / "events.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_scores_found_split_merged_spurious_and_dates(bench: Path) -> None:
    rows = [
        ("e1", "MOBILIZE", "2024-36", [(0, 10)]),
        ("e2", "MOBILIZE", "", [(20, 30)]),  # the deployment again: split
        ("e3", "SUPPORT", "2025-04-27", [(0, 10)]),  # found, wrong date
        ("e4", "AGREE", "", [(40, 50)]),
        ("e5", "REJECT", "", [(60, 70), (80, 90)]),  # two denials in one row: one merged
        ("e6", "ASSAULT", "", [(0, 10)]),  # no gold ASSAULT: spurious
    ]
    metrics = score([], tables(rows), bench)
    assert metrics["gold"] == 5 and metrics["predicted"] == 6
    assert metrics["recall"] == 4 / 5 and metrics["precision"] == 5 / 6
    assert (metrics["split"], metrics["merged"], metrics["in_exactly_one_row"]) == (1, 1, 3)
    assert metrics["date_accuracy"] == 3 / 4
    kinds = sorted(e["error"] for e in metrics["errors"])
    assert kinds == ["date", "merged", "split", "spurious"]


def test_no_gold_events_no_scores(tmp_path: Path) -> None:
    assert score([], tables([]), tmp_path) == {}


def test_date_ok_by_value_or_bounds() -> None:
    gold = {"date": "2024-10/2024-12", "date_start": "2024-10-01", "date_end": "2024-12-31"}
    assert date_ok(gold, {"date": "2024-36", "date_start": "2024-10-01", "date_end": "2024-12-31"})
    assert not date_ok(
        gold, {"date": "2024-23", "date_start": "2024-09-01", "date_end": "2024-11-30"}
    )
    assert date_ok({"date": None}, {"date": ""})


def test_seeds_reach_the_targets() -> None:
    """Measured on the seeds (five articles, a few seconds): recall 17/17, 15 gold events in
    exactly one row, dates 17/17 against the gold of this commit, actor 12/17, recipient
    10/17. Precision is about .53: the whole PLOVER lexicon also codes events the seed gold
    does not list (fighting, killing, meetings)."""
    metrics = evaluate(SEEDS)["events"]
    assert metrics["recall"] == 1.0 and metrics["precision"] >= 0.45
    assert metrics["merged"] == 0 and metrics["split"] <= 3
    assert metrics["in_exactly_one_row"] >= metrics["gold"] - 3
    assert metrics["date_accuracy"] >= 0.6
    assert metrics["actor_accuracy"] >= 0.6 and metrics["recipient_accuracy"] >= 0.5


def test_actor_and_recipient_are_scored(bench: Path) -> None:
    rows = [("e1", "MOBILIZE", "2024-36", [(0, 10)]), ("e2", "SUPPORT", "2025-04-28", [(0, 10)])]
    found = tables(rows)
    found["events"][0] |= {"actor_id": "ardenia", "recipient_id": "belmora"}
    found["events"][1] |= {"actor_id": "belmora"}
    found["entities"] = [
        {"entity_id": "ardenia", "name": "Ardenia", "aliases": "[]"},
        {"entity_id": "belmora", "name": "Republic of Belmora", "aliases": "[]"},
    ]
    gold = json.loads((bench / "events.json").read_text())
    gold[0] |= {"actor": "Ardenia", "recipient": "Belmora"}
    gold[1] |= {"actor": "Ardenia", "recipient": None}
    (bench / "events.json").write_text(json.dumps(gold))
    metrics = score([], found, bench)
    assert metrics["actor_accuracy"] == 1 / 2  # the thanks row names Belmora, not Ardenia
    assert metrics["recipient_accuracy"] == 2 / 2
    assert [e["error"] for e in metrics["party_errors"]] == ["actor"]


def test_gold_articles_copies_only_what_the_gold_names(tmp_path: Path) -> None:
    from newstables.evaluate import gold_articles

    texts = tmp_path / "texts"
    texts.mkdir()
    for name in ("a1", "a2", "a3"):
        (texts / f"{name}.txt").write_text(f"Text {name}.", encoding="utf-8")
    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "events_gold.json").write_text(json.dumps([{"id": "a2", "events": []}]))
    (bench / "articles.json").write_text(json.dumps([{"id": "a2", "published": "2016-05-11",
                                                      "outlet": "example.org"}]))  # fmt: skip
    folder = gold_articles(bench, texts, tmp_path / "out")
    assert sorted(p.name for p in folder.iterdir()) == ["a2.txt", "articles.csv"]
    assert "a2,example.org,2016-05-11" in (folder / "articles.csv").read_text()
    (bench / "events_gold.json").write_text(json.dumps([{"id": "missing", "events": []}]))
    with pytest.raises(ValueError, match="missing.txt"):
        gold_articles(bench, texts, tmp_path / "again")
