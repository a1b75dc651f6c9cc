"""Score a built package against a benchmark's gold (../shared/benchmarks/README.md).

>>> scores = evaluate(Path("tests/gold/seeds"))
>>> scores["quotations"]["attributed_f1"] >= 0.95
True
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..build import build
from ..curation import PROJECT_ROOT, curation_for
from ..registry import name_key
from . import claims, events, figures, names, plover, quotes

Tables = dict[str, list[dict[str, str]]]
Scorer = Callable[[list[dict[str, Any]], Tables, Path], dict[str, Any]]
SCORERS: dict[str, Scorer] = {
    "quotations": quotes.score,
    "figures": figures.score,
    "claims": claims.score,
    "events": events.score,
}
NAMES_GOLD = PROJECT_ROOT / "tests" / "gold" / "polnear-names"


def read_tables(package: Path) -> Tables:
    """Every table of a built package as lists of CSV records (strings)."""
    tables: Tables = {}
    for path in sorted((package / "data").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            tables[path.stem] = list(csv.DictReader(handle))
    return tables


def entity_names(tables: Tables) -> dict[str, set[str]]:
    """Entity id → the name keys of its name and aliases (for matching gold speaker names)."""
    names: dict[str, set[str]] = {}
    for row in tables.get("entities", []):
        aliases = json.loads(row["aliases"] or "[]")
        names[row["entity_id"]] = {name_key(n) for n in (row["name"], *aliases)}
    return names


def f1(precision: float, recall: float) -> float:
    """Harmonic mean; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


EVENTS_GOLD = "events_gold.json"  # PLOVER-style event gold (plover-dev, polnear-events)


def score_package(
    bench: Path, package: Path, names_gold: Path | None = None
) -> dict[str, dict[str, Any]]:
    """Score an already built package against ``bench``'s gold (``gold.json`` and/or
    ``events_gold.json``) and a names gold folder."""
    tables = read_tables(package)
    scores: dict[str, dict[str, Any]] = {}
    if (path := bench / "gold.json").exists():
        gold = json.loads(path.read_text(encoding="utf-8"))
        scores = {name: scorer(gold, tables, bench) for name, scorer in SCORERS.items()}
    if (path := bench / EVENTS_GOLD).exists():
        events_gold = json.loads(path.read_text(encoding="utf-8"))
        scores["events_gold"] = plover.score_gold(events_gold, tables)
    if names_gold is not None and names_gold.is_dir():
        result = names.score(names_gold, tables)
        if result["gold_quotes"]:
            scores["names"] = result
    return scores


def sample(gold: list[dict[str, Any]], size: int, offset: int = 0) -> list[dict[str, Any]]:
    """Every (n // size)-th gold article by id from ``offset``; offsets give disjoint samples.

    >>> [a["id"] for a in sample([{"id": str(i)} for i in range(6)], 2, 1)]
    ['1', '4']
    """
    ordered = sorted(gold, key=lambda article: article["id"])
    return ordered[offset :: max(1, len(ordered) // size)][:size]


def evaluate(
    bench: Path,
    curation: Path | None = None,
    n_process: int = 1,
    keep: Path | None = None,
    articles: Path | None = None,
    names_gold: Path | None = NAMES_GOLD,
) -> dict[str, dict[str, Any]]:
    """Build a package from the benchmark's articles and score every table that has gold.

    A benchmark folder holds ``gold.json`` (quotes, figures, events.json), ``events_gold.json``
    (PLOVER-style events, scored as ``events_gold``) or both. ``articles`` is where the texts
    are when the folder has none: only the articles the gold names are built. ``curation``
    None: the benchmark's own (``curation_for``: a ``curation/`` beside its articles, this
    repository's for its own articles), else the engine defaults alone. ``names_gold``: a
    folder of resolved speaker names (scored where its articles were built).
    """
    paths = [bench / "gold.json", bench / EVENTS_GOLD]
    if not any(p.exists() for p in paths):
        raise ValueError(f"{bench}: no gold.json or {EVENTS_GOLD}")
    with tempfile.TemporaryDirectory(prefix="newstables-eval-") as scratch:
        source = articles or bench / "articles"
        if articles is not None:
            source = gold_articles(bench, articles, Path(scratch) / "articles")
        out = keep or Path(scratch) / "package"
        build(source, out, curation_dir=curation or curation_for(source), n_process=n_process)
        return score_package(bench, out, names_gold)


def gold_articles(bench: Path, articles: Path, folder: Path) -> Path:
    """Copy the articles the gold names (and their metadata) into a folder to build."""
    ids = [a["id"] for a in json.loads((bench / EVENTS_GOLD).read_text(encoding="utf-8"))]
    if (bench / "gold.json").exists():
        ids += [a["id"] for a in json.loads((bench / "gold.json").read_text(encoding="utf-8"))]
    folder.mkdir(parents=True)
    for article_id in sorted(set(ids)):
        path = articles / f"{article_id}.txt"
        if not path.exists():
            raise ValueError(f"{path}: article named by the gold is missing")
        (folder / path.name).write_bytes(path.read_bytes())
    meta = _metadata(bench, articles, set(ids))
    if meta:
        with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["article_id", "outlet", "published"])
            writer.writeheader()
            writer.writerows(meta)
    return folder


def _metadata(bench: Path, articles: Path, ids: set[str]) -> list[dict[str, str]]:
    """Outlet and publication date of the gold's articles, from an ``articles.json`` next to
    the gold or the texts."""
    for path in (bench / "articles.json", articles.parent / "articles.json"):
        if path.exists():
            items = json.loads(path.read_text(encoding="utf-8"))
            rows = [
                {"article_id": i["id"], "outlet": i.get("outlet") or "",
                 "published": i.get("published") or ""}
                for i in items if isinstance(i, dict) and i.get("id") in ids
            ]  # fmt: skip
            if rows:
                return sorted(rows, key=lambda r: r["article_id"])
    return []


def render(scores: dict[str, dict[str, Any]]) -> str:
    """A plain table: one line per metric."""
    lines = []
    for table, metrics in scores.items():
        for metric, value in metrics.items():
            if isinstance(value, float):
                value = f"{value:.3f}"
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                value = " ".join(f"{k} {v}" for k, v in value.items())
            if not isinstance(value, (list, dict)):
                lines.append(f"{table:<11} {metric:<28} {value}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """``newstables evaluate BENCH_DIR``: print the scores and write them as JSON."""
    scores = evaluate(
        args.bench, args.curation, args.processes, args.keep, args.articles, args.names
    )
    print(render(scores))
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"scores written to {args.json}", file=sys.stderr)
    return 0


def register(commands: Any) -> None:
    """Add the ``evaluate`` subcommand."""
    parser = commands.add_parser("evaluate", help="score a build against a benchmark's gold")
    parser.add_argument(
        "bench", type=Path, help="folder with articles/ and gold.json and/or events_gold.json"
    )
    parser.add_argument("--articles", type=Path, help="the texts, when the folder has none")
    parser.add_argument("--curation", type=Path, help="default: the benchmark's own, else none")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the scores here as JSON")
    parser.add_argument("--keep", type=Path, help="keep the built package in this folder")
    parser.add_argument(
        "--names",
        type=Path,
        default=NAMES_GOLD,
        help="names gold folder (resolved speaker names); default tests/gold/polnear-names",
    )
    parser.set_defaults(run=run)
