"""Seed quotation clusters match the hand-read clusters gold; the engine has no word list."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from newstables.assemble import quotes

GOLD = Path(__file__).parent / "gold" / "seeds" / "clusters.json"


def test_seed_statements_share_one_cluster_each(built_package: Path) -> None:
    with open(built_package / "data" / "quotations.csv", encoding="utf-8", newline="") as handle:
        rows = {(r["article_id"], int(r["char_start"])): r for r in csv.DictReader(handle)}
    clusters = []
    for statement in json.loads(GOLD.read_text(encoding="utf-8")):
        ids = {rows[(q["id"], q["char_start"])]["cluster_id"] for q in statement["quotations"]}
        assert len(ids) == 1, statement["statement"]
        clusters.append(ids.pop())
    assert len(set(clusters)) == len(clusters), "two different statements share a cluster"


def test_engine_carries_no_subject_word_list() -> None:
    assert not hasattr(quotes, "SYNONYMS")
    assert quotes.content_words("We are thankful") == frozenset({"thankful"})


def test_british_and_american_spellings_are_one_word() -> None:
    assert quotes.content_words("the honour of the centre") == quotes.content_words(
        "the honor of the center"
    )
