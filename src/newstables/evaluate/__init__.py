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
from ..curation import DEFAULT_CURATION, PROJECT_ROOT
from ..registry import name_key
from . import claims, events, figures, names, quotes

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


def score_package(
    bench: Path, package: Path, names_gold: Path | None = None
) -> dict[str, dict[str, Any]]:
    """Score an already built package against ``bench``'s gold (and a names gold folder)."""
    gold = json.loads((bench / "gold.json").read_text(encoding="utf-8"))
    tables = read_tables(package)
    scores = {name: scorer(gold, tables, bench) for name, scorer in SCORERS.items()}
    if names_gold is not None and names_gold.is_dir():
        result = names.score(names_gold, tables)
        if result["gold_quotes"]:
            scores["names"] = result
    return scores


def evaluate(
    bench: Path,
    curation: Path = DEFAULT_CURATION,
    n_process: int = 1,
    keep: Path | None = None,
    names_gold: Path | None = NAMES_GOLD,
) -> dict[str, dict[str, Any]]:
    """Build a package from ``bench/articles`` and score every table that has gold."""
    with tempfile.TemporaryDirectory(prefix="newstables-eval-") as scratch:
        out = keep or Path(scratch)
        build(bench / "articles", out, curation_dir=curation, n_process=n_process)
        return score_package(bench, out, names_gold)


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
    scores = evaluate(args.bench, args.curation, args.processes, args.keep, args.names)
    print(render(scores))
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"scores written to {args.json}", file=sys.stderr)
    return 0


def register(commands: Any) -> None:
    """Add the ``evaluate`` subcommand."""
    parser = commands.add_parser("evaluate", help="score a build against a benchmark's gold")
    parser.add_argument("bench", type=Path, help="folder with articles/ and gold.json")
    parser.add_argument("--curation", type=Path, default=DEFAULT_CURATION)
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
