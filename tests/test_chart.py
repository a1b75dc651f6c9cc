"""The estimates chart: both files written, every claim labelled, same bytes on every draw."""

from __future__ import annotations

import html
import json
from pathlib import Path

from newstables.models import Article, Entity, Figure, Qualifier
from newstables.publish.chart import MAX_ROWS, claims, draw_estimates, panels


def load(package: Path, table: str, model: type) -> list:
    rows = json.loads((package / "data" / f"{table}.json").read_text(encoding="utf-8"))
    return [model.model_validate(r) for r in rows]


def tables(package: Path) -> tuple[list[Figure], list[Entity], list[Article]]:
    return (
        load(package, "figures", Figure),
        load(package, "entities", Entity),
        load(package, "articles", Article),
    )


def test_the_build_publishes_the_chart(built_package: Path) -> None:
    for suffix in ("png", "svg"):
        assert (built_package / "charts" / f"estimates.{suffix}").stat().st_size > 1000


def test_draws_are_byte_identical(built_package: Path, tmp_path: Path) -> None:
    first = draw_estimates(*tables(built_package), tmp_path / "one")
    second = draw_estimates(*tables(built_package), tmp_path / "two")
    assert [p.name for p in first] == ["estimates.png", "estimates.svg"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_every_claim_is_labelled_with_its_claimant_and_sources(
    built_package: Path, tmp_path: Path
) -> None:
    figures, entities, articles = tables(built_package)
    [_, svg] = draw_estimates(figures, entities, articles, tmp_path)
    text = html.unescape(svg.read_text(encoding="utf-8"))
    rows = claims(figures, entities)
    assert rows
    for row in rows:
        assert f"{row.claimant}: {row.estimate}" in text
    for article_id in {a for row in rows for a in row.article_ids}:
        assert article_id in text
    assert "<dc:date>" not in text


def test_a_large_corpus_shows_the_most_carried_claims_per_panel(tmp_path: Path) -> None:
    figures = [
        Figure.model_construct(
            article_id=f"a{index:04d}",
            quantity="troops_deployed",
            value=1000.0 + index % 40,
            low=None,
            high=None,
            qualifier=Qualifier.exact,
            claimant_id=None,
            vague=False,
        )  # fmt: skip
        for index in range(400)
    ]
    figures += [figures[0].model_copy(update={"article_id": f"b{n}"}) for n in range(9)]
    rows = claims(figures, [])
    [(quantity, shown, total)] = panels(rows)
    assert (quantity, total, len(shown)) == ("troops_deployed", 40, MAX_ROWS)
    assert max(shown, key=lambda c: len(c.article_ids)).value == 1000.0  # carried by 19 articles
    [_, svg] = draw_estimates(figures, [], [], tmp_path)
    text = html.unescape(svg.read_text(encoding="utf-8"))
    assert f"the {MAX_ROWS} claims most articles carry, of 40" in text
    assert "+16]" in text  # 19 articles: three numbers, then the count of the rest
    assert text.count("unattributed (the outlet): ") == MAX_ROWS
