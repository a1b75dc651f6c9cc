"""Regenerate the engine's event lexicon from the CAMEO dictionary and the PLOVER mapping.

python scripts/build_event_lexicon.py [--dictionary FILE] [--mapping FILE] [--out FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newstables.extract.events.cameo import LEXICON, convert, dumps

SOURCES = Path(__file__).resolve().parent / "sources"


def main(argv: list[str] | None = None) -> int:
    """Convert and write the lexicon; print where it went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionary", type=Path, default=SOURCES / "CAMEO.2.0.txt")
    parser.add_argument("--mapping", type=Path, default=SOURCES / "CAMEO2PLOVER-2021.txt")
    parser.add_argument("--out", type=Path, default=LEXICON)
    args = parser.parse_args(argv)
    text = dumps(convert(args.dictionary.read_text("utf-8"), args.mapping.read_text("utf-8")))
    args.out.write_text(text, encoding="utf-8")
    print(f"event lexicon written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
