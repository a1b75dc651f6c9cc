"""The Datasette site: a config directory generated from a validated package.

``site/`` holds ``newstables.db``, ``metadata.yml`` (titles, descriptions, facets, sorts, labels
and canned queries, all from ``datapackage.json`` and the row models), ``settings.json``
(read-only limits), ``inspect-data.json`` (so the database is served immutably), the templates,
plugin and static files of ``publish/site/``, and the downloads under ``static/download/``.
Serve it with ``datasette site/`` (plus ``datasette-vega`` and ``datasette-search-all``).

>>> build_site(Path("."))
PosixPath('site')
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..models import TABLES
from .questions import (
    GENERIC,
    QUESTIONS_FILE,
    Query,
    canned_queries,
    check_sql,
    dataset_questions,
)
from .sqlite import (
    DB_NAME,
    FACETS,
    FTS,
    MATERIALIZED,
    READER_COLUMNS,
    TEXTS,
    TEXTS_SCHEMA,
    build_database,
)

SITE_DIR = "site"
DATABASE = DB_NAME.removesuffix(".db")
ASSETS = Path(__file__).resolve().parent / "site"
ASSET_DIRS = ("templates", "plugins", "static")
DOWNLOADS = "static/download"
SETTINGS: dict[str, Any] = {
    "default_allow_sql": False,
    "allow_download": True,
    "allow_facet": True,
    "suggest_facets": False,
    "default_facet_size": 6,
    "max_returned_rows": 1000,
    "sql_time_limit_ms": 1000,
    "facet_time_limit_ms": 500,
    "default_page_size": 50,
    "truncate_cells_html": 300,
    "default_cache_ttl": 3600,
}
# FK labels: names for entities, summaries for events, "outlet · headline · date" for articles.
LABELS = {"entities": "name", "events": "summary", "articles": "label"}
HIDDEN = {TEXTS}  # whole articles: searched through the search_articles query (with passages)
SORTS: dict[str, tuple[str, str]] = {  # table -> (sort | sort_desc, column)
    "articles": ("sort", "article_id"),
    "entities": ("sort_desc", "mentions"),
    "quotations": ("sort", "article_id"),
    "figures": ("sort", "quantity"),
    "events": ("sort_desc", "date_start"),  # latest first, undated last
    "event_mentions": ("sort", "article_id"),
}
# The facets a table page opens with (a few short lists above the rows); every other column of
# FACETS stays one click away in the column menu, and indexed.
SHOWN_FACETS: dict[str, tuple[str, ...]] = {
    "quotations": ("speaker_id", "channel_id", "article_id"),
    "figures": ("quantity", "claimant_id", "article_id"),
    "events": ("event_type", "actor_id"),
    "event_mentions": ("article_id",),
    "entities": ("type",),
    "articles": ("outlet",),
}
# Reader-first table pages: the columns answering who / what / when / where in the article, in
# this order, under these headings; ids, offsets and hashes stay behind the row link and the
# page's "all columns" link (?_all=1). The JSON and CSV exports keep every column.
READER: dict[str, list[tuple[str, str]]] = {
    "quotations": [
        ("text", "quotation"),
        ("speaker_id", "speaker"),
        ("cue", "cue"),
        ("channel_id", "relayed by"),
        ("article_id", "article"),
    ],
    "figures": [
        ("surface", "figure"),
        ("quantity", "quantity"),
        ("claimant_id", "claimed by"),
        ("as_of_label", "as of"),
        ("article_id", "article"),
    ],
    "events": [
        ("date_label", "when"),
        ("summary", "what"),
        ("actor_id", "who"),
        ("recipient_id", "to whom"),
        ("location_id", "where"),
        ("n_articles", "articles"),
    ],
    "event_mentions": [
        ("text", "words"),
        ("event_id", "event"),
        ("trigger", "trigger"),
        ("article_id", "article"),
    ],
    "articles": [
        ("label", "article"),
        ("outlet", "outlet"),
        ("published_label", "published"),
        ("words", "words"),
    ],
    "entities": [
        ("name", "name"),
        ("type", "type"),
        ("anonymous", "anonymous"),
        ("mentions", "mentions"),
        ("description", "description"),
    ],
}


def table_metadata(name: str, schema: dict[str, Any], title: str, description: str) -> dict:
    """Datasette metadata of one table: the schema's descriptions, facets, sort, label, search."""
    meta: dict[str, Any] = {
        "title": title,
        "description": description,
        "columns": {f["name"]: f.get("description", "") for f in schema["fields"]},
    }
    meta["columns"].update(READER_COLUMNS.get(name, {}))
    if name in FACETS:
        meta["facets"] = [c for c in FACETS[name] if c in SHOWN_FACETS.get(name, FACETS[name])]
    if name in SORTS:
        key, column = SORTS[name]
        meta[key] = column
    if name in LABELS:
        meta["label_column"] = LABELS[name]
    if name in HIDDEN:
        meta["hidden"] = True
    if name in FTS:
        meta["fts_table"], meta["fts_pk"] = f"{name}_fts", "rowid"
    return meta


def evidence_spans() -> dict[str, dict[str, Any]]:
    """How the evidence view finds a row's words, from the row models' span declarations."""
    spans: dict[str, dict[str, Any]] = {}
    for name, model in TABLES.items():
        meta = model.TABLE
        if meta.span:
            spans[name] = {
                "pk": meta.primary_key,
                "text": meta.span[0],
                "start": meta.span[1],
                "end": meta.span[2],
                "extra": [[start, end] for _, start, end in meta.extra_spans],
            }
    spans["events"] = {"pk": "event_id", "text": "summary", "via": "event_mentions"}
    spans["articles"] = {"pk": "article_id", "text": "title"}
    return spans


def citation(descriptor: dict[str, Any]) -> str:
    """A plain citation line from the descriptor (no dates: the build writes no timestamps)."""
    creators = ", ".join(c.get("title", "") for c in descriptor.get("contributors", []))
    licenses = ", ".join(lic.get("name", "") for lic in descriptor.get("licenses", []))
    return (
        f"{creators or 'newstables'}. {descriptor.get('title', '')}. Data package "
        f"{descriptor.get('name', '')}, version {descriptor.get('version', '')}. "
        f"Licence: {licenses or 'see datapackage.json'}."
    )


def site_metadata(
    descriptor: dict[str, Any], present: set[str], downloads: list[str], queries: list[Query]
) -> dict[str, Any]:
    """The whole ``metadata.yml``: one database, its tables, canned queries and plugin config."""
    resources = {r["name"]: r for r in descriptor["resources"] if r.get("schema")}
    tables = {
        name: table_metadata(name, r["schema"], r.get("title", name), r.get("description", ""))
        for name, r in resources.items()
    }
    tables[TEXTS] = table_metadata(
        TEXTS, TEXTS_SCHEMA, "Article texts", "The full text of every article (for search)."
    )
    for view in MATERIALIZED:  # the stored copy of a view serves the canned queries only
        tables[f"{view}_materialized"] = {"hidden": True}
    license_ = (descriptor.get("licenses") or [{}])[0]
    source = (descriptor.get("sources") or [{}])[0]
    return {
        "title": descriptor.get("title", "newstables"),
        "description": descriptor.get("description", ""),
        "license": license_.get("name", ""),
        "license_url": license_.get("path", ""),
        "source": source.get("title", ""),
        "source_url": f"/{DATABASE}/articles",
        "allow_sql": False,
        "extra_css_urls": ["/static/newstables.css"],
        "databases": {
            DATABASE: {
                "title": descriptor.get("title", DATABASE),
                "description": "Every table of the data package, plus the article texts.",
                "tables": tables,
                "queries": canned_queries(queries, present),
            }
        },
        "plugins": {
            "newstables": {
                "database": DATABASE,
                "version": descriptor.get("version", ""),
                "citation": citation(descriptor),
                "downloads": downloads,
                "spans": evidence_spans(),
                "reader": {table: [list(c) for c in columns] for table, columns in READER.items()},
            }
        },
    }


def inspect_data(db_path: Path, counts: dict[str, int]) -> dict[str, Any]:
    """What ``datasette inspect`` writes, with the file name relative (the folder can move)."""
    return {
        DATABASE: {
            "hash": hashlib.sha256(db_path.read_bytes()).hexdigest(),
            "size": db_path.stat().st_size,
            "file": db_path.name,
            "tables": {name: {"count": count} for name, count in sorted(counts.items())},
        }
    }


def database_contents(db_path: Path, queries: list[Query] = ()) -> tuple[set[str], dict[str, int]]:
    """(names of tables and views, row count of every table) of a database; the ``queries``
    that it can answer must compile against it."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')")
        names = {name: kind for name, kind in rows}
        counts = {
            name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name, kind in names.items()
            if kind == "table"
        }
        check_sql(db, [q for q in queries or [] if set(q.needs) <= set(names)])
    finally:
        db.close()
    return set(names), counts


def copy_downloads(package: Path, site: Path) -> list[str]:
    """Copy datapackage.json, the data files, schemas and charts to ``static/download/``."""
    target = site / DOWNLOADS
    if target.exists():
        shutil.rmtree(target)
    patterns = ("datapackage.json", "data/*.csv", "data/*.json", "schema/*.json", "charts/*")
    copied = []
    for pattern in patterns:
        for path in sorted(package.glob(pattern)):
            relative = path.relative_to(package).as_posix()
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)
            copied.append(relative)
    return copied


def copy_assets(site: Path) -> None:
    """Copy the templates, plugin and static files shipped in the package into ``site``."""
    for name in ASSET_DIRS:
        shutil.copytree(ASSETS / name, site / name, dirs_exist_ok=True)


def dump_yaml(data: Any) -> str:
    """Stable, readable YAML (keys in insertion order, long lines kept)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def site_questions(site: Path, questions: Path | None) -> list[Query]:
    """The generic questions, then the dataset's: ``questions`` (the curation's questions.yaml),
    else the copy the last build left in ``site``; the copy is refreshed."""
    kept = site / QUESTIONS_FILE
    source = questions if questions is not None else kept
    dataset = dataset_questions(source)
    if source != kept:
        kept.unlink(missing_ok=True)
        if dataset:
            shutil.copyfile(source, kept)
    return [*dataset, *GENERIC]


@dataclass
class SiteDatabase:
    """The site's database, built (``build_database_of_site``), and what the rest of the site
    needs from it."""

    site: Path
    queries: list[Query]
    present: set[str]
    counts: dict[str, int]


def build_database_of_site(
    package: Path,
    site: Path | None = None,
    texts_dir: Path | None = None,
    questions: Path | None = None,
) -> SiteDatabase:
    """The first part of ``build_site``: the questions and the SQLite database, which need only
    the tables' resources of datapackage.json (a build makes it while its workbook is being
    written)."""
    site = site or package / SITE_DIR
    site.mkdir(parents=True, exist_ok=True)
    queries = site_questions(site, questions)
    db_path = build_database(package, site / DB_NAME, texts_dir)
    present, counts = database_contents(db_path, queries)
    return SiteDatabase(site, queries, present, counts)


def finish_site(package: Path, database: SiteDatabase) -> Path:
    """The rest of ``build_site``: assets, downloads (datapackage.json as published), metadata,
    settings and inspect data."""
    site = database.site
    copy_assets(site)
    downloads = copy_downloads(package, site)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    metadata = site_metadata(descriptor, database.present, downloads, database.queries)
    (site / "metadata.yml").write_text(dump_yaml(metadata), encoding="utf-8")
    (site / "settings.json").write_text(json.dumps(SETTINGS, indent=2) + "\n", encoding="utf-8")
    inspect = json.dumps(inspect_data(site / DB_NAME, database.counts), indent=2) + "\n"
    (site / "inspect-data.json").write_text(inspect, encoding="utf-8")
    return site


def build_site(
    package: Path,
    site: Path | None = None,
    texts_dir: Path | None = None,
    questions: Path | None = None,
) -> Path:
    """Write the Datasette config directory for ``package`` (default ``package/site``).

    ``questions`` is the dataset's ``curation/questions.yaml`` (the build passes it); without
    it the questions already in ``site/questions.yaml`` are kept.
    """
    database = build_database_of_site(package, site, texts_dir, questions)
    return finish_site(package, database)
