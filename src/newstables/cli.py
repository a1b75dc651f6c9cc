"""The ``newstables`` command: one subcommand per job, each ``main``-style returning an exit code.

>>> main(["build", "--articles", "data/articles", "--out", "."])
0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .curation import DEFAULT_ARTICLES, DEFAULT_CURATION, PROJECT_ROOT

Command = Callable[[argparse.Namespace], int]


def say(message: str) -> None:
    """A progress line on stderr (stdout stays for results)."""
    print(message, file=sys.stderr)


def run_build(args: argparse.Namespace) -> int:
    """Build, validate and publish; print the summary."""
    from .build import BuildError, build
    from .corpus import CorpusError
    from .executor import ExtractionError, meter_for

    try:
        summary = build(
            args.articles,
            args.out,
            curation_dir=args.curation,
            keep_going=args.keep_going,
            n_process=args.processes or os.cpu_count() or 1,
            progress=(lambda m: None) if args.quiet else say,
            executor=args.executor,
            scheduler=args.scheduler,
            cache=not args.no_cache,
            meter=meter_for(args.quiet, say),
        )
    except (CorpusError, BuildError, ExtractionError, OSError, ValueError) as err:
        print(f"newstables build: error: {err}", file=sys.stderr)
        print(
            "newstables build: nothing was published; previous tables are intact.", file=sys.stderr
        )
        return 1
    for error in summary.skipped:
        print(f"skipped: {error}", file=sys.stderr)
    if summary.unchanged:
        print(f"Unchanged: data package version {summary.version} at {summary.out.resolve()}")
    else:
        print(f"Published data package version {summary.version} to {summary.out.resolve()}")
    width = max(len(name) for name in summary.counts)
    for name, count in summary.counts.items():
        print(f"  {name:<{width}}  {count:>6} rows   data/{name}.csv  data/{name}.json")
    print(f"  descriptor: {(summary.out / 'datapackage.json').resolve()}")
    return 2 if summary.skipped else 0


def run_validate(args: argparse.Namespace) -> int:
    """Run the descriptor, frictionless and evidence checks on a built package."""
    from .publish.atomic import recover
    from .validate import validate_package

    descriptor = args.path / "datapackage.json" if args.path.is_dir() else args.path
    if note := recover(descriptor.parent):
        say(f"newstables validate: {note}")
    if not descriptor.exists():
        print(f"newstables validate: error: {descriptor} not found", file=sys.stderr)
        return 1
    report = validate_package(descriptor)
    print(report.render())
    print("valid" if report.ok else "INVALID")
    return 0 if report.ok else 1


def parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    top = argparse.ArgumentParser(prog="newstables", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the data package from a folder of articles")
    build.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="folder of .txt")
    build.add_argument("--out", type=Path, default=PROJECT_ROOT, help="package folder")
    build.add_argument("--curation", type=Path, default=DEFAULT_CURATION, help="curation folder")
    build.add_argument("--keep-going", action="store_true", help="skip bad articles, exit 2")
    build.add_argument("--processes", type=int, default=0, help="worker processes (0: all cores)")
    build.add_argument("--executor", choices=("local", "dask"), default="local", help="backend")
    build.add_argument("--scheduler", help="dask scheduler address (default: a LocalCluster)")
    build.add_argument("--no-cache", action="store_true", help="re-extract every article")
    build.add_argument("--quiet", action="store_true", help="no progress lines")
    build.set_defaults(run=run_build)

    validate = commands.add_parser("validate", help="validate a built package")
    validate.add_argument("path", type=Path, nargs="?", default=PROJECT_ROOT)
    validate.set_defaults(run=run_validate)
    # Further subcommands register themselves here, one line each: module.register(commands)
    from . import benchmark, diff, evaluate, release, serve

    evaluate.register(commands)
    diff.register(commands)
    release.register(commands)
    benchmark.register(commands)
    serve.register(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    command: Command = args.run
    try:
        return command(args)
    except ModuleNotFoundError as err:
        print(
            f"newstables {args.command}: needs {err.name!r}, an optional extra: "
            'pip install "newstables[build,site]"',
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
