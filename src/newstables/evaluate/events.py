"""Scores for the events table against ``BENCH/events.json`` (issue: events).

A predicted event (row) and a gold event *match* when they have the same type and a predicted
mention overlaps a gold mention. Each row is assigned to the matching gold event with which it
shares the most mentions (ties: the gold event with fewer mentions, the more specific one).

* recall: gold events that some row is assigned to; precision: rows assigned to a gold event;
* split: gold events that several rows are assigned to;
* merged: gold events no row is assigned to although a row assigned elsewhere matches them
  (their mentions were swallowed by another event's row);
* date accuracy: of the found gold events, those whose best row has the same EDTF date or the
  same day bounds (an open bound is empty on both sides);
* actor and recipient accuracy: of the found gold events, those whose best row's actor
  (recipient) entity names the gold one (the words of one name a subset of the other's, as in
  ``plover.names_match``); a gold event without a recipient wants a row without one;
* type is part of matching (a row of another type never finds a gold event).

Gold format: a list of {key, event_type, actor, recipient, location, date, date_start, date_end,
summary, mentions: [{article_id, char_start, char_end, sentence}]}.

>>> metrics = score(gold, read_tables(package), Path("tests/gold/seeds"))
>>> sorted(metrics)[:3]
['actor_accuracy', 'date_accuracy', 'errors']
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from .plover import entity_name_sets, names_match

Record = dict[str, str]
Span = tuple[str, int, int]


def score(
    gold: list[dict[str, Any]], tables: dict[str, list[Record]], bench: Path
) -> dict[str, Any]:
    """Event recall, precision, split, merged and date accuracy, with the errors; {} without
    ``bench/events.json``."""
    path = bench / "events.json"
    if not path.exists():
        return {}
    gold_events = json.loads(path.read_text(encoding="utf-8"))
    rows = tables.get("events", [])
    spans = _mention_spans(tables.get("event_mentions", []))
    shared = {
        row["event_id"]: _shared(row, spans.get(row["event_id"], []), gold_events) for row in rows
    }
    assigned: dict[int, list[str]] = defaultdict(list)
    for event_id, counts in shared.items():
        if counts:
            best = max(counts, key=lambda g: (counts[g], -len(gold_events[g]["mentions"]), -g))
            assigned[best].append(event_id)
    by_id = {row["event_id"]: row for row in rows}
    metrics = _metrics(gold_events, by_id, shared, assigned)
    metrics.update(_parties(gold_events, by_id, shared, assigned, entity_name_sets(tables)))
    return metrics


def party_ok(gold: str | None, entity_id: str, names: dict[str, set[str]]) -> bool:
    """Whether a row's entity names the gold party (both empty counts as right)."""
    if not gold:
        return not entity_id
    return names_match(names.get(entity_id, set()), [gold])


def _parties(
    gold_events: list[dict[str, Any]],
    rows: dict[str, Record],
    shared: dict[str, dict[int, int]],
    assigned: dict[int, list[str]],
    names: dict[str, set[str]],
) -> dict[str, Any]:
    """Actor and recipient accuracy over the found gold events, with the mismatches."""
    actors = recipients = 0
    wrong: list[dict[str, Any]] = []
    found = [i for i in range(len(gold_events)) if assigned.get(i)]
    for index in found:
        event = gold_events[index]
        best = rows[max(assigned[index], key=lambda e: shared[e][index])]
        for part, column in (("actor", "actor_id"), ("recipient", "recipient_id")):
            if party_ok(event.get(part), best.get(column) or "", names):
                actors += part == "actor"
                recipients += part == "recipient"
            else:
                wrong.append({"error": part, "gold": event["key"], "gold_" + part: event.get(part),
                              "row": _show(best)})  # fmt: skip
    n = len(found)
    return {
        "actor_accuracy": actors / n if n else 0.0,
        "recipient_accuracy": recipients / n if n else 0.0,
        "party_errors": wrong,
    }


def _mention_spans(mentions: list[Record]) -> dict[str, list[Span]]:
    spans: dict[str, list[Span]] = defaultdict(list)
    for m in mentions:
        spans[m["event_id"]].append((m["article_id"], int(m["char_start"]), int(m["char_end"])))
    return spans


def _overlap(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _shared(row: Record, spans: list[Span], gold_events: list[dict[str, Any]]) -> dict[int, int]:
    """Gold index → how many of the row's mentions overlap that (same-type) gold event's."""
    counts: dict[int, int] = {}
    for index, event in enumerate(gold_events):
        if event["event_type"] != row["event_type"]:
            continue
        golds = [(m["article_id"], m["char_start"], m["char_end"]) for m in event["mentions"]]
        n = sum(any(_overlap(s, g) for g in golds) for s in spans)
        if n:
            counts[index] = n
    return counts


def date_ok(gold: dict[str, Any], row: Record) -> bool:
    """Same EDTF value, or the same day bounds."""
    if (gold.get("date") or "") == (row.get("date") or ""):
        return True
    bounds = ((gold.get("date_start") or ""), (gold.get("date_end") or ""))
    return bool(any(bounds)) and bounds == (row.get("date_start") or "", row.get("date_end") or "")


def _metrics(
    gold_events: list[dict[str, Any]],
    rows: dict[str, Record],
    shared: dict[str, dict[int, int]],
    assigned: dict[int, list[str]],
) -> dict[str, Any]:
    errors: list[dict[str, Any]] = []
    found = split = merged = dates = 0
    for index, event in enumerate(gold_events):
        mine = assigned.get(index, [])
        if not mine:
            swallowed = [e for e, counts in shared.items() if index in counts]
            merged += bool(swallowed)
            errors.append(
                {"error": "merged" if swallowed else "missed", "gold": event["key"],
                 "rows": [_show(rows[e]) for e in swallowed]}
            )  # fmt: skip
            continue
        found += 1
        if len(mine) > 1:
            split += 1
            errors.append(
                {"error": "split", "gold": event["key"], "rows": [_show(rows[e]) for e in mine]}
            )
        best = max(mine, key=lambda e: shared[e][index])
        if date_ok(event, rows[best]):
            dates += 1
        else:
            errors.append(
                {"error": "date", "gold": event["key"], "gold_date": event.get("date"),
                 "row": _show(rows[best])}
            )  # fmt: skip
    matched = sum(len(v) for v in assigned.values())
    for event_id, counts in shared.items():
        if not counts:
            errors.append({"error": "spurious", "row": _show(rows[event_id])})
    n_gold, n_rows = len(gold_events), len(rows)
    precision = matched / n_rows if n_rows else 0.0
    recall = found / n_gold if n_gold else 0.0
    return {
        "gold": n_gold,
        "predicted": n_rows,
        "recall": recall,
        "precision": precision,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "split": split,
        "merged": merged,
        "in_exactly_one_row": sum(len(assigned.get(i, [])) == 1 for i in range(n_gold)),
        "date_accuracy": dates / found if found else 0.0,
        "errors": errors,
    }


def _show(row: Record) -> dict[str, str]:
    keys = ("event_id", "event_type", "actor_id", "recipient_id", "date", "summary")
    return {k: row.get(k, "") for k in keys}
