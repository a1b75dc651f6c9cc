"""Train the speaker-mention ranker (``extract/attribution/speaker_ranker.json``) on PolNeAR train.

    NEWSTABLES_PARSE_CACHE=/work/parse-cache .venv/bin/python scripts/train_speaker_ranker.py \
        ../shared/benchmarks/polnear-train [--folds 5] [--write]

Prints the 5-fold held-out accuracy of the rules and of the ranker; ``--write`` trains on all
articles and writes the weights. The training itself is ``newstables.evaluate.ranker``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newstables.evaluate.ranker import OUT, cross_validate, examples, write_weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = parser.parse_args()
    data, kept = examples(args.bench)
    print("\n".join(cross_validate(data, kept, args.folds)))
    if args.write:
        count = write_weights(data, args.bench.name, args.folds)
        print(f"wrote {OUT} ({count} weights)")


if __name__ == "__main__":
    main()
