"""Benchmark the build on synthetic corpora: ``python scripts/benchmark.py [--sizes 100,1000]``.

A thin entry point: the work is ``newstables benchmark`` (src/newstables/benchmark.py).
"""

import sys

from newstables.cli import main

if __name__ == "__main__":
    sys.exit(main(["benchmark", *sys.argv[1:]]))
