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
from ..curation import curation_for
from ..registry import name_key
from . import events, figures, quotes

Tables = dict[str, list[dict[str, str]]]
Scorer = Callable[[list[dict[str, Any]], Tables, Path], dict[str, Any]]
SCORERS: dict[str, Scorer] = {
    "quotations": quotes.score,
    "figures": figures.score,
    "events": events.score,
}


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


def evaluate(
    bench: Path, curation: Path | None = None, n_process: int = 1, keep: Path | None = None
) -> dict[str, dict[str, Any]]:
    """Build a package from ``bench/articles`` and score every table that has gold.

    ``curation`` None: the benchmark's own (``curation_for``: a ``curation/`` beside its
    articles, this repository's for its own articles), else the engine defaults alone.
    """
    gold = json.loads((bench / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="newstables-eval-") as scratch:
        out = keep or Path(scratch)
        articles = bench / "articles"
        build(articles, out, curation_dir=curation or curation_for(articles), n_process=n_process)
        tables = read_tables(out)
        return {name: scorer(gold, tables, bench) for name, scorer in SCORERS.items()}


def render(scores: dict[str, dict[str, Any]]) -> str:
    """A plain table: one line per metric."""
    lines = []
    for table, metrics in scores.items():
        for metric, value in metrics.items():
            if isinstance(value, float):
                value = f"{value:.3f}"
            if not isinstance(value, (list, dict)):
                lines.append(f"{table:<11} {metric:<28} {value}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """``newstables evaluate BENCH_DIR``: print the scores and write them as JSON."""
    scores = evaluate(args.bench, args.curation, args.processes, args.keep)
    print(render(scores))
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"scores written to {args.json}", file=sys.stderr)
    return 0


def register(commands: Any) -> None:
    """Add the ``evaluate`` subcommand."""
    parser = commands.add_parser("evaluate", help="score a build against a benchmark's gold")
    parser.add_argument("bench", type=Path, help="folder with articles/ and gold.json")
    parser.add_argument("--curation", type=Path, help="default: the benchmark's own, else none")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write the scores here as JSON")
    parser.add_argument("--keep", type=Path, help="keep the built package in this folder")
    parser.set_defaults(run=run)
