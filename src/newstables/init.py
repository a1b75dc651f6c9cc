"""``newstables init DIR``: scaffold a dataset project that builds with no flags.

A dataset project is ``articles/`` (the input) beside ``curation/`` (package metadata, an empty
entity registry, a codebook extension, site questions, decisions), plus a README. Everything
in ``curation/`` extends the engine's defaults; nothing of any other dataset is copied.

>>> scaffold(Path("water-rates"))
[PosixPath('water-rates/README.md'), ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .registry import slugify

PACKAGE_YAML = """\
# Package metadata of this dataset: datapackage.json is generated from it.
# `newstables build` warns while a value below still says TODO; `version` follows the Data
# Package semver recipe (`newstables release` checks the bump).
name: {name}
title: "TODO: a title for the dataset"
description: >-
  TODO: which articles, from where and when, and what the tables hold. Built by newstables;
  extraction is automatic and may contain errors, which the files in curation/ correct.
version: 0.1.0
keywords: [news]
licenses:
  - name: CC-BY-4.0
    path: https://creativecommons.org/licenses/by/4.0/
    title: Creative Commons Attribution 4.0 (the extracted tables)
sources:
  - title: "TODO: where the articles come from; their texts remain their publishers'"
contributors:
  - title: "TODO: your name"
    roles: [creator]
"""

ENTITIES_YAML = """\
# Entity registry: the people, bodies, states ... your articles name, so that every mention
# ("Mayor Dana Whitfield", "Whitfield", "the mayor") resolves to one entity row.
# Entities not listed here are still found, named as the text names them.
# types: person, organization, government_body, state, armed_force, media, place, group
# aliases: other names; roles: descriptions ("the mayor"); metonyms: a place standing for the
# entity ("City Hall said"); wikidata_id only when verified.
#
# - id: dana-whitfield
#   name: Dana Whitfield
#   type: person
#   aliases: ["Whitfield", "Mayor Whitfield"]
#   roles: ["the mayor"]
#   gender: female
#   description: Mayor of Millbrook.
[]
"""

CODEBOOK_YAML = """\
# Codebook extension: what this dataset adds to the engine's defaults (quantity kinds for any
# news: money, percentages, counts of people, votes, seats, distances, areas ...; the event
# lexicon). Kinds listed here are tried before the engine's; word lists are added to its
# lists; `name: null` removes a default kind. The engine's own file says how a figure gets its
# kind: python -c "import newstables.curation as c; print(c.ENGINE_CODEBOOK)"
#
# quantities:
#   kinds:
#     water_rate_increase:
#       description: Rises in water rates.
#       unit: percent
#       nouns: [rate increase, rate rise]
{{}}
"""

QUESTIONS_YAML = """\
# Site questions: canned queries the Datasette site (`newstables serve`) offers on top of the
# engine's generic ones. A list under `questions:`; each entry has `name` (its URL name,
# lower_case_with_underscores), `title` (the question as a reader asks it), an optional
# `description`, and exactly one of `quantities` (codebook kinds: every claim about them, with
# its claimant), `view` (a table or view: every row) or `sql` (one read-only SELECT; `:word`
# marks a parameter the reader types).
#
# questions:
#   - name: rate_claims
#     title: What rise in water rates does each side claim?
#     description: Every percentage in the articles, with who claimed it.
#     quantities: [share_percent]
questions: []
"""

DECISIONS_YAML = """\
# Human decisions as data: corrections the build applies on top of the automatic rules
# (events: split / merge lists of event mentions, named "ARTICLE_ID@OFFSET").
# Never edit the published tables; edit here and rebuild.
{{}}
"""

METADATA_CSV = "article_id,outlet,url,title,published,notes\n"

README_MD = """\
# {title}

A dataset project of [newstables](https://pypi.org/project/newstables/): news articles in,
validated tables of quotations, figures and events out, every row pointing at its words.

1. Put the articles in `articles/`: `.txt` files (UTF-8, the file name is the article id),
   `.html`/`.htm` pages (their main text is extracted), or one `.jsonl`/`.csv` file of
   articles (fields `id`, `text` or `html`, `title`, `url`, `published`, `outlet`).
   `articles/articles.csv` may add `outlet, url, title, published, notes` per article id;
   relative dates ("on Monday") resolve against `published`.
2. Fill in `curation/package.yaml` (the build warns while it says TODO), and, as you read the
   output, `curation/entities.yaml`, `curation/codebook.yaml`, `curation/questions.yaml`.
3. `newstables build` (here, no flags) writes `datapackage.json`, `data/`, `schema/` and
   `site/`; `newstables validate`; `newstables serve` to browse; `newstables release` to
   write `dist/{name}-<version>.zip`.
"""

GITIGNORE = ".newstables-cache/\n.newstables-staging/\n"


def files(name: str) -> dict[str, str]:
    """The scaffold: relative path → contents."""
    return {
        "README.md": README_MD.format(title=name, name=name),
        ".gitignore": GITIGNORE,
        "articles/articles.csv": METADATA_CSV,
        "curation/package.yaml": PACKAGE_YAML.format(name=name),
        "curation/entities.yaml": ENTITIES_YAML,
        "curation/codebook.yaml": CODEBOOK_YAML.format(),
        "curation/questions.yaml": QUESTIONS_YAML,
        "curation/decisions.yaml": DECISIONS_YAML.format(),
    }


def scaffold(folder: Path) -> list[Path]:
    """Write a new dataset project into ``folder`` (which must be missing or empty)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(f"{folder} exists and is not empty")
    name = slugify(folder.resolve().name)
    written = []
    for relative, text in files(name).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def run(args: argparse.Namespace) -> int:
    """``newstables init DIR``: write the scaffold and say what to do next."""
    try:
        scaffold(args.folder)
    except OSError as err:
        print(f"newstables init: error: {err}", file=sys.stderr)
        return 1
    print(f"Created dataset project {args.folder}/ (articles/, curation/, README.md)")
    print(f"Next: put articles in {args.folder}/articles/, edit curation/package.yaml, then")
    print(f"  cd {args.folder} && newstables build")
    return 0


def register(commands: Any) -> None:
    """Add the ``init`` subcommand."""
    command = commands.add_parser("init", help="scaffold a dataset project (articles + curation)")
    command.add_argument("folder", type=Path, help="new (or empty) folder")
    command.set_defaults(run=run)
