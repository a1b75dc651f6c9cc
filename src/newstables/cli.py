"""The ``newstables`` command: one subcommand per job, each ``main``-style returning an exit code.

The loader commands (``load``, ``diff``, ``validate``, ``init``) need only the loader's
dependencies; the rest say which extra to install when it is missing.

>>> main(["build", "--articles", "data/articles", "--out", "."])
0
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .curation import DEFAULT_ARTICLES, DEFAULT_CURATION, PROJECT_ROOT, curation_for

EXTRAS = {"datasette": "site", "sqlite_utils": "site", "datasette_vega": "site"}
# Subcommands registered by their own modules: (module, name, help when its extra is missing).
OPTIONAL_COMMANDS = (
    ("evaluate", "evaluate", "score a build against a benchmark's gold"),
    ("diff", "diff", "compare two packages row by row"),
    ("release", "release", "check the semver bump and write dist/<name>-<version>.zip"),
    ("benchmark", "benchmark", "speed and memory of the build"),
    ("serve", "serve", "build the site and serve it with Datasette"),
)

Command = Callable[[argparse.Namespace], int]


def say(message: str) -> None:
    """A progress line on stderr (stdout stays for results)."""
    print(message, file=sys.stderr)


def install_hint(module: str | None) -> str:
    """The pip command that installs the extra a missing module belongs to."""
    extra = EXTRAS.get((module or "").split(".")[0], "build")
    return f'pip install "newstables[{extra}]"'


def dataset_project(folder: Path) -> Path | None:
    """``folder`` when it is a dataset project (``articles/`` beside ``curation/``), else None."""
    return folder if (folder / "articles").exists() and (folder / "curation").is_dir() else None


def build_inputs(args: argparse.Namespace) -> tuple[Path, Path, Path | None]:
    """(articles, out, curation) of a build: flags first, then the project the command runs in.

    In a dataset project no flag is needed; ``--articles DIR`` elsewhere uses DIR's sibling
    ``curation/`` if there is one, else the engine defaults alone (this repository's curation
    only for this repository's articles); the package goes where ``--out`` says.
    """
    articles, out = args.articles, args.out
    if articles is None:
        here = Path.cwd()
        project = here if (here / "articles").is_dir() else None
        if project is None and not DEFAULT_ARTICLES.is_dir():
            raise ValueError("no articles/ folder here: give --articles, or `newstables init DIR`")
        articles = project / "articles" if project else DEFAULT_ARTICLES
        if out is None:
            out = project or PROJECT_ROOT
    if out is None:
        project = dataset_project(articles.resolve().parent)
        if project is None and articles.resolve() != DEFAULT_ARTICLES.resolve():
            raise ValueError(f"give --out DIR: where to publish the package of {articles}")
        out = project or PROJECT_ROOT
    return articles, out, args.curation or curation_for(articles)


def undated_line(undated: list[str]) -> str:
    """The summary line about articles without a publication date (empty when all have one)."""
    if not undated:
        return ""
    shown = ", ".join(undated[:5]) + (", ..." if len(undated) > 5 else "")
    return (
        f"relative dates left unresolved in {len(undated)} article{'s' * (len(undated) != 1)} "
        f"(no publication date: "
        f"{shown}); give `published` in articles.csv or --published-default YYYY-MM-DD"
    )


def run_build(args: argparse.Namespace) -> int:
    """Build, validate and publish; print the summary."""
    from .build import BuildError, build
    from .corpus import CorpusError
    from .executor import ExtractionError, meter_for

    try:
        articles, out, curation = build_inputs(args)
        summary = build(
            articles,
            out,
            curation_dir=curation,
            published_default=args.published_default,
            warn=say,
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
    if line := undated_line(summary.undated):
        say(line)
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
    if importlib.util.find_spec("frictionless") is None:
        report = validate_without_frictionless(descriptor)
    else:
        report = validate_package(descriptor)
    print(report.render())
    print("valid" if report.ok else "INVALID")
    return 0 if report.ok else 1


def validate_without_frictionless(descriptor: Path):  # -> validate.Report
    """The descriptor and evidence checks alone (a loader-only install), saying so."""
    from .validate import Report, check_descriptor, check_evidence

    say(
        f"newstables validate: frictionless is not installed ({install_hint(None)}): "
        "checking the descriptor, hashes and evidence only"
    )
    report = Report()
    report.add("descriptor", check_descriptor(descriptor))
    if report.ok:
        report.add("evidence", check_evidence(descriptor))
    return report


def run_load(args: argparse.Namespace) -> int:
    """``newstables load TABLE``: a verified table of a package as CSV on stdout."""
    from .load import LoaderError, load

    try:
        frame = load(args.table, package=args.package, version=args.version)
    except (LoaderError, OSError) as err:
        print(f"newstables load: error: {err}", file=sys.stderr)
        return 1
    frame.head(args.limit or None).to_csv(sys.stdout, index=False)
    return 0


def missing_extra(commands, name: str, summary: str, module: str | None) -> None:
    """A stand-in subcommand for one whose extra is not installed: it says what to install."""
    command = commands.add_parser(name, help=f"{summary} (needs {install_hint(module)})")
    command.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)

    def run(args: argparse.Namespace) -> int:
        print(f"newstables {name}: needs {module!r}: {install_hint(module)}", file=sys.stderr)
        return 1

    command.set_defaults(run=run)


def register_optional(commands) -> None:
    """Register each optional module's subcommands, or a stand-in when its extra is missing."""
    for module_name, name, summary in OPTIONAL_COMMANDS:
        try:
            module = importlib.import_module(f".{module_name}", __package__)
        except ModuleNotFoundError as err:
            missing_extra(commands, name, summary, err.name)
            if module_name == "serve":
                missing_extra(commands, "site", "build the Datasette site folder", err.name)
            continue
        module.register(commands)


def project_defaults(commands) -> None:
    """Inside a dataset project (articles/ + curation/), the commands default to it."""
    here = dataset_project(Path("."))
    if here is None:
        return
    curation = here / "curation"
    defaults = {
        "validate": {"path": here},
        "load": {"package": str(here)},
        "release": {"package": here, "curation": curation},
        "site": {"package": here},
        "serve": {"package": here, "articles": here / "articles", "curation": curation},
        "evaluate": {"curation": curation},
    }
    for name, values in defaults.items():
        if name in commands.choices:
            commands.choices[name].set_defaults(**values)


def parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    top = argparse.ArgumentParser(prog="newstables", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the data package from a folder of articles")
    build.add_argument(
        "--articles",
        type=Path,
        help="folder of .txt/.html/.htm/.jsonl/.csv articles, or one .jsonl/.csv file "
        "(default: ./articles in a dataset project, else this repository's data/articles)",
    )
    build.add_argument("--out", type=Path, help="package folder (default: the dataset project)")
    build.add_argument(
        "--curation",
        type=Path,
        help="curation folder (default: the curation/ beside the articles, else engine defaults; "
        f"{DEFAULT_CURATION} for this repository's articles)",
    )
    build.add_argument(
        "--published-default",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="publication date of articles that give none (relative dates resolve against it)",
    )
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

    load = commands.add_parser("load", help="print a verified table of a package as CSV")
    load.add_argument("table", help="articles, entities, quotations, figures, events ...")
    load.add_argument("--package", help="folder, datapackage.json or release .zip")
    load.add_argument("--version", help="a release found locally (see the README)")
    load.add_argument("--limit", type=int, default=0, help="first N rows only")
    load.set_defaults(run=run_load)

    from . import init

    init.register(commands)
    register_optional(commands)
    project_defaults(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    command: Command = args.run
    try:
        return command(args)
    except BrokenPipeError:  # `newstables build | head`: results go to stdout after the work
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush quiet
        return 0
    except ModuleNotFoundError as err:
        print(
            f"newstables {args.command}: needs {err.name!r}: {install_hint(err.name)}",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
