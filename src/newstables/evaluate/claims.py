"""Scores for figure claimants against a benchmark's attributions (``claims.json``).

>>> scores = score_claims(claims, figures_by_article)
>>> scores["inside_accuracy"], scores["outside_accuracy"]
(0.8, 0.95)

How it judges (../shared/benchmarks/README.md, polnear-train): every extracted, non-vague figure
is looked up among the article's annotated attributions.

- *Inside*: the figure's span lies inside a content stretch; the innermost (shortest) stretch
  holding it decides. Right when the figure's ``claimant_char_start/end`` overlaps that
  attribution's source mention. Attributions without a source mention cannot be judged and are
  counted apart (``inside_unjudged``).
- *Outside*: the figure lies in no content stretch (the outlet states it); right when the figure
  has no claimant.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Record = dict[str, str]


@dataclass(frozen=True)
class Stretch:
    """One content stretch of an attribution and its source mention (None when unannotated)."""

    start: int
    end: int
    source: tuple[int, int] | None
    source_text: str


def stretches(attributions: list[dict[str, Any]]) -> list[Stretch]:
    """Every content stretch of an article's attributions."""
    found = []
    for item in attributions:
        source = tuple(item["source"]) if item.get("source") else None
        for start, end in item.get("content") or ():
            found.append(Stretch(start, end, source, item.get("source_text") or ""))  # type: ignore[arg-type]
    return found


def innermost(found: list[Stretch], start: int, end: int) -> Stretch | None:
    """The shortest stretch holding the span [start, end), if any."""
    holding = [s for s in found if s.start <= start and end <= s.end]
    return min(holding, key=lambda s: s.end - s.start) if holding else None


def _int(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def judge(figure: Record, found: list[Stretch]) -> tuple[str, bool | None]:
    """("inside" | "outside", right) of one predicted figure; right is None when unjudged."""
    stretch = innermost(found, int(figure["char_start"]), int(figure["char_end"]))
    has_claimant = bool(figure.get("claimant_id") or figure.get("claimant_surface"))
    if stretch is None:
        return "outside", not has_claimant
    if stretch.source is None:
        return "inside", None
    start, end = _int(figure.get("claimant_char_start")), _int(figure.get("claimant_char_end"))
    if start is None or end is None:
        return "inside", False
    return "inside", _overlaps((start, end), stretch.source)


def score_claims(claims: list[dict[str, Any]], figures: dict[str, list[Record]]) -> dict[str, Any]:
    """Inside and outside shares over every non-vague figure of the articles with claims."""
    counts = dict.fromkeys(
        ("inside", "inside_right", "inside_unjudged", "outside", "outside_right"), 0
    )
    errors: list[dict[str, Any]] = []
    for article in claims:
        found = stretches(article.get("attributions") or [])
        for figure in figures.get(article["id"], []):
            if str(figure.get("vague")).lower() == "true":
                continue
            where, right = judge(figure, found)
            if right is None:
                counts["inside_unjudged"] += 1
                continue
            counts[where] += 1
            counts[f"{where}_right"] += right
            if not right:
                errors.append(_error(article["id"], where, figure, found))
    inside, outside = counts["inside"], counts["outside"]
    return {
        "figures_inside": inside,
        "inside_accuracy": counts["inside_right"] / inside if inside else 0.0,
        "inside_unjudged": counts["inside_unjudged"],
        "figures_outside": outside,
        "outside_accuracy": counts["outside_right"] / outside if outside else 0.0,
        "errors": errors,
    }


def _error(article_id: str, where: str, figure: Record, found: list[Stretch]) -> dict[str, Any]:
    stretch = innermost(found, int(figure["char_start"]), int(figure["char_end"]))
    return {
        "article_id": article_id,
        "where": where,
        "surface": figure.get("surface"),
        "char_start": figure.get("char_start"),
        "claimant_surface": figure.get("claimant_surface"),
        "gold_source": stretch.source_text if stretch else None,
        "gold_source_at": stretch.source if stretch else None,
    }


def score(
    gold: list[dict[str, Any]], tables: dict[str, list[Record]], bench: Path
) -> dict[str, Any]:
    """Claimant shares of a built package against ``bench/claims.json`` (absent: not scored)."""
    path = bench / "claims.json"
    if not path.exists():
        return {"scored": "no: this benchmark has no claims.json"}
    claims = json.loads(path.read_text(encoding="utf-8"))
    by_article: dict[str, list[Record]] = {}
    for row in tables.get("figures", []):
        by_article.setdefault(row["article_id"], []).append(row)
    return score_claims(claims, by_article)
