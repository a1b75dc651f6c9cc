"""How much quote scores move between disjoint samples of a benchmark: the basis of test floors.

python scripts/polnear_floors.py BENCH PACKAGE [--size 60]
(PACKAGE: the whole benchmark built once, e.g. `newstables evaluate BENCH --keep PACKAGE`.)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from newstables.evaluate import quotes, read_tables, sample

METRICS = ("f1@0.8", "speaker_accuracy", "attributed_f1")


def main(argv: list[str] | None = None) -> int:
    """Print each disjoint sample's scores, then min, mean and standard deviation per metric."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument("package", type=Path)
    parser.add_argument("--size", type=int, default=60)
    args = parser.parse_args(argv)
    gold = json.loads((args.bench / "gold.json").read_text(encoding="utf-8"))
    tables = read_tables(args.package)
    rows = []
    for offset in range(max(1, len(gold) // args.size)):
        scores = quotes.score(sample(gold, args.size, offset), tables, args.bench)
        rows.append([scores[m] for m in METRICS])
        print(
            f"sample {offset:>2}: "
            + "  ".join(f"{m} {v:.3f}" for m, v in zip(METRICS, rows[-1], strict=True))
        )
    for index, metric in enumerate(METRICS):
        values = [row[index] for row in rows]
        low, mean, sd = min(values), statistics.mean(values), statistics.pstdev(values)
        print(f"{metric:<18} min {low:.3f}  mean {mean:.3f}  sd {sd:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
