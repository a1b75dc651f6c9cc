"""Hostile inputs, each with a time budget: ``newstables benchmark --hostile`` builds each one
as its own corpus in a child process and prints its time and peak memory against the budget.

The budgets are for a whole ``newstables build`` (start-up included) on two shared cores; they
are checked here, by a benchmark, never by a timed test. The fuzz tests use the same inputs.

>>> main(["benchmark", "--hostile"])                    # every input: ~10 minutes on 2 cores
>>> main(["benchmark", "--hostile", "--only", "quote-run,cr-only"])
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .benchmark import build_command, measure

SENTENCE = "Harbour master Ilse Varga said: “Ferry {n} sails at dawn.” "
SLOW_NOTE = "(linear: most of the time is spaCy parsing the long article)"


def quoted_sentences(count: int) -> str:
    """``count`` short quoted sentences, each its own quotation, on lines of ten.

    >>> quoted_sentences(12).count("\\n"), quoted_sentences(12).count("“")
    (2, 12)
    """
    lines = []
    for start in range(0, count, 10):
        end = min(start + 10, count)
        lines.append("".join(SENTENCE.format(n=n) for n in range(start, end)) + "\n")
    return "".join(lines)


def sized_sentences(chars: int) -> str:
    """Quoted sentences up to about ``chars`` characters (500 KB, 5 MB …)."""
    return quoted_sentences(max(chars // len(SENTENCE.format(n=10_000)), 1))


def quote_run(marks: int) -> str:
    """A sentence around a run of ``marks`` quote marks, curly then straight, no space.

    >>> quote_run(4)
    'The clerk wrote ““"" and left.\\n'
    """
    run = "“" * (marks - marks // 2) + '"' * (marks // 2)
    return f"The clerk wrote {run} and left.\n"


CR_TEXT = "The clerk said: “The archive\ropens at nine.”\rShe left.\r"
Writer = Callable[[Path], None]


def text_input(text: str) -> Writer:
    """A corpus of one article holding ``text`` (UTF-8, bytes as given)."""
    return lambda folder: (folder / "hostile.txt").write_bytes(text.encode("utf-8"))


def symlink_input(folder: Path) -> None:
    """One good article and a symlink to a file outside the folder (must be refused)."""
    outside = folder.parent / f"{folder.name}-outside.txt"
    outside.write_text("A secret kept outside the articles folder.\n", encoding="utf-8")
    (folder / "good.txt").write_text("The clerk said: “All is well.”\n", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)


@dataclass(frozen=True)
class Hostile:
    """One hostile corpus: how to write it, the build's expected exit code, a time budget."""

    name: str
    write: Writer
    budget: float
    exit_code: int = 0
    note: str = ""


HOSTILE = (
    Hostile("bare-cr", text_input("The clerk said: “We remember\rthe flood.”\n"), 60),
    Hostile("cr-only", text_input(CR_TEXT * 200), 60),
    Hostile("crlf", text_input(CR_TEXT.replace("\r", "\r\n") * 200), 60),
    Hostile("quote-run", text_input(quote_run(100_000)), 120),
    Hostile("symlink", symlink_input, 60, exit_code=1),
    Hostile("10k-quotations", text_input(quoted_sentences(10_000)), 300, note=SLOW_NOTE),
    Hostile("500KB-quoted", text_input(sized_sentences(500_000)), 300, note=SLOW_NOTE),
    Hostile("5MB-quoted", text_input(sized_sentences(5_000_000)), 1800, note=SLOW_NOTE),
)


def run_one(hostile: Hostile, work: Path, processes: int, timeout: float) -> tuple[bool, str]:
    """Build one hostile corpus: within budget with the expected exit code, and one line
    saying time, peak memory, exit code and verdict."""
    folder = work / hostile.name
    folder.mkdir(parents=True)
    hostile.write(folder)
    command = [*build_command(folder, work / f"{hostile.name}-out", processes), "--no-cache"]
    try:
        run = measure(command, timeout=timeout)
    except TimeoutError:
        return (
            False,
            f"{hostile.name:<15} killed after {timeout:.0f}s (budget {hostile.budget:.0f}s) OVER",
        )
    ok = run.seconds <= hostile.budget and run.returncode == hostile.exit_code
    verdict = "ok" if ok else "OVER" if run.seconds > hostile.budget else "WRONG EXIT"
    return ok, (
        f"{hostile.name:<15} {run.seconds:>7.1f}s  {run.max_rss_mb:>6.0f} MB  exit {run.returncode}"
        f" (expected {hostile.exit_code})  budget {hostile.budget:>5.0f}s  {verdict} {hostile.note}"
    )


def run_hostile(args: argparse.Namespace) -> int:
    """Build every hostile input (or ``--only`` some); 1 if any is over budget or exits wrong."""
    wanted = set(args.only.split(",")) if args.only else {h.name for h in HOSTILE}
    processes = args.processes or os.cpu_count() or 1
    failed = False
    with tempfile.TemporaryDirectory(prefix="newstables-hostile-") as work:
        for hostile in (h for h in HOSTILE if h.name in wanted):
            timeout = min(args.timeout, 3 * hostile.budget)  # a hang is killed, not waited for
            ok, line = run_one(hostile, Path(work), processes, timeout)
            failed |= not ok
            print(line, flush=True)
    verdict = "some OVER budget or with a wrong exit code" if failed else "all within budget"
    print(f"hostile inputs: {verdict}")
    return 1 if failed else 0
