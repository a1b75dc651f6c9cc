"""Scores for the events table against PLOVER-style gold (``events_gold.json``): the
``plover-dev`` benchmark and event gold written the same way for real articles.

A gold event is *found* when an event mentioned in its article has the same type (or a near
type: ACCUSE~PROTEST, AID~COOPERATE, MOBILIZE~AID) and an actor whose name or alias names one of
the gold actors (the words of one name are a subset of the other's, case and punctuation
ignored). Recall is over gold events (and over ``core`` ones); precision is over the (article,
event) pairs the build published: right when they find some gold event of that article.
The recipient is checked the same way on found events that have a gold recipient.

Gold format: ``[{id, events: [{event_type, actor, actors, recipient, recipients, core, …}]}]``.

>>> metrics = score_gold(gold, read_tables(package))
>>> sorted(metrics)[:3]
['actor_named', 'core', 'core_recall']
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from ..registry import name_key

Record = dict[str, str]
NEAR = {
    frozenset({"ACCUSE", "PROTEST"}),
    frozenset({"AID", "COOPERATE"}),
    frozenset({"MOBILIZE", "AID"}),
}


def same_type(gold: str, predicted: str) -> bool:
    """Same PLOVER type, or a near one."""
    return gold == predicted or frozenset({gold, predicted}) in NEAR


def names_match(names: set[str], gold_names: list[str]) -> bool:
    """Whether any name's words are a subset of a gold name's words, or the reverse."""
    for name in names:
        words = set(name_key(name).split())
        for gold in gold_names:
            other = set(name_key(gold).split())
            if words and other and (words <= other or other <= words):
                return True
    return False


def entity_name_sets(tables: dict[str, list[Record]]) -> dict[str, set[str]]:
    """Entity id → its name and aliases."""
    names: dict[str, set[str]] = {}
    for row in tables.get("entities", []):
        names[row["entity_id"]] = {row["name"], *json.loads(row["aliases"] or "[]")}
    return names


def article_events(tables: dict[str, list[Record]]) -> dict[str, list[Record]]:
    """Article id → the event rows mentioned in it (each once)."""
    events = {row["event_id"]: row for row in tables.get("events", [])}
    found: dict[str, dict[str, Record]] = defaultdict(dict)
    for mention in tables.get("event_mentions", []):
        row = events.get(mention["event_id"])
        if row is not None:
            found[mention["article_id"]][row["event_id"]] = row
    return {article: list(rows.values()) for article, rows in found.items()}


def _matches(gold: dict[str, Any], row: Record, names: dict[str, set[str]]) -> bool:
    if not same_type(gold["event_type"], row["event_type"]):
        return False
    actors = gold.get("actors") or [gold.get("actor")]
    return names_match(names.get(row.get("actor_id") or "", set()), [a for a in actors if a])


def score_gold(gold: list[dict[str, Any]], tables: dict[str, list[Record]]) -> dict[str, Any]:
    """Recall (all, core, per type), precision, recipient accuracy and the errors."""
    names = entity_name_sets(tables)
    by_article = article_events(tables)
    found = core = core_found = recipients = recipients_right = 0
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    right: set[tuple[str, str]] = set()
    errors: list[dict[str, Any]] = []
    n_gold = 0
    for article in gold:
        rows = by_article.get(article["id"], [])
        for event in article["events"]:
            n_gold += 1
            core += bool(event.get("core", True))
            matched = [r for r in rows if _matches(event, r, names)]
            per_type[event["event_type"]]["gold"] += 1
            for row in rows:
                if _matches(event, row, names):
                    right.add((article["id"], row["event_id"]))
            if not matched:
                errors.append({"error": "missed", "article": article["id"],
                               "gold": _gold(event), "rows": [_show(r) for r in rows]})  # fmt: skip
                continue
            found += 1
            core_found += bool(event.get("core", True))
            per_type[event["event_type"]]["found"] += 1
            gold_recipients = [r for r in event.get("recipients") or [event.get("recipient")] if r]
            if gold_recipients:
                recipients += 1
                recipients_right += any(
                    names_match(names.get(r.get("recipient_id") or "", set()), gold_recipients)
                    for r in matched
                )
    pairs = [(a, r["event_id"]) for a, rows in sorted(by_article.items()) for r in rows]
    gold_ids = {a["id"] for a in gold}
    pairs = [p for p in pairs if p[0] in gold_ids]
    rows_by_id = {r["event_id"]: r for r in tables.get("events", [])}
    for article, event_id in pairs:
        if (article, event_id) not in right:
            errors.append(
                {"error": "spurious", "article": article, "row": _show(rows_by_id[event_id])}
            )
    named = sum(1 for _, e in pairs if rows_by_id[e].get("actor_id"))
    return {
        "gold": n_gold,
        "core": core,
        "predicted": len(pairs),
        "recall": found / n_gold if n_gold else 0.0,
        "core_recall": core_found / core if core else 0.0,
        "precision": len(right) / len(pairs) if pairs else 0.0,
        "recipient_accuracy": recipients_right / recipients if recipients else 0.0,
        "actor_named": named / len(pairs) if pairs else 0.0,
        "per_type": {t: f"{c['found']}/{c['gold']}" for t, c in sorted(per_type.items())},
        "errors": errors,
    }


def _gold(event: dict[str, Any]) -> dict[str, Any]:
    keys = ("event_type", "actors", "recipients", "evidence")
    return {k: event.get(k) for k in keys}


def _show(row: Record) -> dict[str, str]:
    keys = ("event_id", "event_type", "actor_id", "recipient_id", "date", "summary")
    return {k: row.get(k, "") for k in keys}
