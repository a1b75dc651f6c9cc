"""``newstables site`` and ``newstables serve``: the Datasette site of a published package.

>>> main(["serve", "--port", "8001"])   # builds site/ from the published package, then serves it
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from .build import AUTO, build
from .curation import DEFAULT_ARTICLES, PROJECT_ROOT
from .publish.atomic import recover
from .publish.questions import QUESTIONS_FILE
from .publish.site import build_site


def project_questions(package: Path) -> Path | None:
    """``data/curation/questions.yaml`` when ``package`` is a dataset project folder (like this
    repository); else None, and the site keeps the questions its last build copied."""
    path = package / "data" / "curation" / QUESTIONS_FILE
    return path if path.is_file() else None


def site_for(package: Path) -> Path:
    """Build ``package/site`` from the published package; say where it is."""
    if note := recover(package):
        print(f"newstables: {note}", file=sys.stderr)
    if not (package / "datapackage.json").exists():
        raise FileNotFoundError(f"{package / 'datapackage.json'} not found: run newstables build")
    return build_site(package, questions=project_questions(package))


def datasette_command(site: Path, host: str, port: int) -> list[str]:
    """The ``datasette serve`` command line for a config directory.

    The database is immutable through the folder's ``inspect-data.json``; ``--immutable FILE``
    on top would open the same file a second time as ``newstables_2``.
    """
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(site),
        "--host",
        host,
        "--port",
        str(port),
    ]


def run_site(args: argparse.Namespace) -> int:
    """``newstables site [PACKAGE]``: write the config directory only."""
    try:
        site = site_for(args.package)
    except (OSError, ValueError) as err:
        print(f"newstables site: error: {err}", file=sys.stderr)
        return 1
    print(f"Datasette site written to {site.resolve()}  (serve it: datasette {site})")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """``newstables serve [--build] [--port N]``: (re)build, then serve on 127.0.0.1."""
    try:
        if args.build:
            build(args.articles, args.package, curation_dir=args.curation or AUTO)
        site = site_for(args.package)
    except Exception as err:  # noqa: BLE001 - any failure is reported, nothing is served
        print(f"newstables serve: error: {err}", file=sys.stderr)
        return 1
    command = datasette_command(site, args.host, args.port)
    print(f"Serving {site.resolve()} at http://{args.host}:{args.port}/  (Ctrl-C stops)")
    sys.stdout.flush()
    os.execv(command[0], command)  # Datasette takes over this process: signals go to it
    return 0  # pragma: no cover - execv does not return


def register(commands: Any) -> None:
    """Add the ``site`` and ``serve`` subcommands."""
    site = commands.add_parser("site", help="build the Datasette site folder (package/site/)")
    site.add_argument("package", type=Path, nargs="?", default=PROJECT_ROOT, help="package folder")
    site.set_defaults(run=run_site)

    serve = commands.add_parser("serve", help="build the site and serve it with Datasette")
    serve.add_argument("--package", type=Path, default=PROJECT_ROOT, help="package folder")
    serve.add_argument("--port", type=int, default=8001, help="port (default 8001)")
    serve.add_argument("--host", default="127.0.0.1", help="address (default 127.0.0.1)")
    serve.add_argument("--build", action="store_true", help="rebuild the package first")
    serve.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="with --build")
    serve.add_argument(
        "--curation", type=Path, help="with --build (default: the articles' own dataset)"
    )
    serve.set_defaults(run=run_serve)
