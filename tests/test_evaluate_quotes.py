"""The quotes scorer on hand-made cases, and the seeds at the level the engine reaches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newstables.evaluate import read_tables
from newstables.evaluate.quotes import score, score_articles

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "gold" / "seeds"
TEXT = '"We won the war," he said. Putin called it "heroism." "It is over," Kim added.'
NAMES = {"vladimir-putin": {"vladimir putin", "putin"}, "kim-jong-un": {"kim jong un", "kim"}}


def span(text: str) -> tuple[int, int]:
    start = TEXT.index(text) if text != "he" else TEXT.index(" he ") + 1
    return start, start + len(text)


def gold_quote(text: str, speaker: str | None, surface: str | None = None) -> dict[str, Any]:
    start, end = span(text)
    item = {"text": text, "char_start": start, "char_end": end, "speaker": speaker}
    if surface:
        item["speaker_char_start"], item["speaker_char_end"] = span(surface)
    return item


def pred(text: str, speaker: str = "", surface: str | None = None, fragment: bool = False) -> dict:
    start, end = span(text)
    row = {"article_id": "a", "text": text, "char_start": str(start), "char_end": str(end),
           "speaker_id": speaker, "speaker_char_start": "", "speaker_char_end": "",
           "is_fragment": str(fragment).lower()}  # fmt: skip
    if surface:
        s_start, s_end = span(surface)
        row["speaker_char_start"], row["speaker_char_end"] = str(s_start), str(s_end)
    return row


GOLD = [
    {
        "id": "a",
        "quotations": [gold_quote("We won the war,", "he", "he"), gold_quote("It is over,", "Kim")],
        "short_quotes": [gold_quote("heroism.", "Vladimir Putin")],
    }
]


def test_speaker_by_mention_overlap_and_by_name() -> None:
    preds = [pred("We won the war,", surface="he said"), pred("It is over,", "kim-jong-un")]
    scores = score_articles(GOLD, {"a": preds}, NAMES)
    assert scores["f1@0.8"] == 1.0
    assert scores["speaker_accuracy"] == 1.0
    assert scores["attributed_f1"] == 1.0


def test_wrong_speaker_missed_and_spurious_are_reported() -> None:
    preds = [pred("We won the war,", "vladimir-putin", surface="Putin"), pred("Putin called it")]
    scores = score_articles(GOLD, {"a": preds}, NAMES)
    assert scores["recall@0.8"] == 0.5 and scores["precision@0.8"] == 0.5
    assert scores["speaker_accuracy"] == 0.0 and scores["attributed_f1"] == 0.0
    assert sorted(e["kind"] for e in scores["errors"]) == ["missed", "spurious", "wrong_speaker"]


def test_short_quotes_and_fragments_are_neither_rewarded_nor_penalised() -> None:
    preds = [pred("We won the war,", surface="he"), pred("It is over,", "kim-jong-un")]
    extra = [pred("heroism.", "vladimir-putin"), pred("Kim added", fragment=True)]
    assert score_articles(GOLD, {"a": preds + extra}, NAMES)["precision@0.8"] == 1.0


def test_partial_cover_counts_at_0_3_only() -> None:
    partial = {"a": [pred("We won", surface="he")]}
    scores = score_articles(GOLD, partial, NAMES)
    assert scores["recall@0.8"] == 0.0
    assert scores["recall@0.3"] == 0.5


def test_seeds_evaluate_at_the_level_reached(built_package: Path) -> None:
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    scores = score(gold, read_tables(built_package), SEEDS)
    assert scores["gold_quotes"] >= 25
    assert scores["f1@0.8"] >= 0.97
    assert scores["speaker_accuracy"] >= 0.96
    assert scores["attributed_f1"] >= 0.95
