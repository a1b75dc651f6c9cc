"""Build ``newstables.db`` from a validated package: typed tables, keys, indexes, FTS5, views.

The CSVs are read with the Table Schemas inline in ``datapackage.json`` (no pandas, no
frictionless round trip). The database holds one table more than the package,
``article_texts`` (the article texts, so search and the evidence view need no files), and
every ``publish/views/*.sql``. Same package in, same bytes out.

>>> build_database(Path("."), Path("site/newstables.db"))
PosixPath('site/newstables.db')
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..edtf import label as edtf_label

DB_NAME = "newstables.db"
VIEWS_DIR = Path(__file__).resolve().parent / "views"
TEXTS = "article_texts"
TEXTS_SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "article_id", "type": "string", "description": "The article (see articles)."},
        {
            "name": "text",
            "type": "string",
            "description": "The full article text exactly as stored in data/articles/; every "
            "char_start/char_end offset indexes it.",
        },
    ],
    "primaryKey": ["article_id"],
    "foreignKeys": [
        {"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}}
    ],
}

# Columns a reader filters by: the site offers them as facets, the database indexes them.
FACETS: dict[str, tuple[str, ...]] = {
    "articles": ("outlet", "published"),
    "entities": ("type", "origin"),
    "quotations": ("speaker_id", "channel_id", "cue", "attribution", "article_id"),
    "figures": ("quantity", "claimant_id", "qualifier", "unit", "article_id", "in_quote"),
    "events": ("event_type", "actor_id", "date", "factuality", "date_basis"),
    "event_mentions": ("event_id", "article_id", "trigger"),
}
# Full-text search (FTS5, porter stemming): table -> searchable columns.
FTS: dict[str, tuple[str, ...]] = {
    "quotations": ("text",),
    TEXTS: ("text",),
    "entities": ("name", "aliases", "description"),
    "events": ("summary",),
    "event_mentions": ("text",),
}
# Columns the database adds for readers (the CSVs keep their EDTF and ids): table -> descriptions.
READER_COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "label": "The article as a reader names it: outlet, headline (or first line), date.",
        "published_label": "The publication date in words (e.g. '28 April 2025').",
    },
    "figures": {"as_of_label": "The date the figure refers to, in words (as_of is its EDTF)."},
}
HEADLINE_CHARS = 48
# NUMERIC, not REAL: 4000 stays the integer 4000 (shown "4000", not "4000.0"), 0.5 stays real.
_SQL_TYPES = {"integer": "INTEGER", "number": "NUMERIC", "boolean": "INTEGER"}
_TRUE = {"true", "True", "TRUE", "1"}


def quote(name: str) -> str:
    """A quoted SQL identifier: ``quote("text")`` → ``'"text"'``."""
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(name: str, schema: dict[str, Any]) -> str:
    """``CREATE TABLE`` with typed columns, the primary key and the foreign keys of a schema."""
    lines = [f"{quote(f['name'])} {_SQL_TYPES.get(f['type'], 'TEXT')}" for f in schema["fields"]]
    lines.append(f"PRIMARY KEY ({', '.join(quote(c) for c in schema['primaryKey'])})")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        lines.append(
            f"FOREIGN KEY ({', '.join(map(quote, fk['fields']))}) "
            f"REFERENCES {quote(ref['resource'])} ({', '.join(map(quote, ref['fields']))})"
        )
    return f"CREATE TABLE {quote(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def typed(value: str, field_type: str) -> Any:
    """One CSV cell as its SQLite value: ``typed("12", "integer")`` → ``12``; ``""`` → None."""
    if value == "":
        return None
    if field_type == "integer":
        return int(value)
    if field_type == "number":
        return float(value)
    if field_type == "boolean":
        return 1 if value in _TRUE else 0
    return value


def read_rows(path: Path, schema: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """The typed rows of one CSV, in file order, columns in schema order."""
    fields = [(f["name"], f["type"]) for f in schema["fields"]]
    with open(path, encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            yield tuple(typed(record[name] or "", kind) for name, kind in fields)


def insert(db: sqlite3.Connection, name: str, schema: dict[str, Any], rows: Any) -> None:
    """Create one table and fill it."""
    db.execute(create_table_sql(name, schema))
    columns = [f["name"] for f in schema["fields"]]
    marks = ", ".join("?" for _ in columns)
    db.executemany(
        f"INSERT INTO {quote(name)} ({', '.join(map(quote, columns))}) VALUES ({marks})", rows
    )


def article_texts(package: Path, texts_dir: Path | None) -> Iterator[tuple[str, str]]:
    """(article_id, text) of every article in the package's articles.csv."""
    with open(package / "data" / "articles.csv", encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            article_id, path = record["article_id"], package / record["path"]
            if texts_dir is not None and not path.exists():  # the stored name, e.g. x.TXT
                path = texts_dir / Path(record["path"]).name
            yield article_id, path.read_bytes().decode("utf-8")


def headline(title: str | None, text: str | None) -> str:
    """The title, else the text's first line, cut at a word near ``HEADLINE_CHARS``.

    >>> headline(None, "Harbour wall finished after three winters of storms\\nMore")
    'Harbour wall finished after three winters of…'
    """
    line = (title or "").strip() or next(
        (s.strip() for s in (text or "").splitlines() if s.strip()), ""
    )
    if len(line) <= HEADLINE_CHARS:
        return line
    return line[:HEADLINE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:—–-") + "…"


def article_label(
    outlet: str | None, title: str | None, published: str | None, text: str | None
) -> str:
    """ "dpa/MIA · Putin thanks North Korea … · 28 April 2025": outlet, headline, date."""
    date = edtf_label(published) if published else None
    return " · ".join(part for part in (outlet, headline(title, text), date) if part)


def add_reader_columns(db: sqlite3.Connection, tables: set[str]) -> None:
    """Fill ``READER_COLUMNS``: article labels and dates in words (``newstables.edtf.label``)."""
    db.create_function("edtf_label", 1, edtf_label, deterministic=True)
    db.create_function("article_label", 4, article_label, deterministic=True)
    for table, columns in READER_COLUMNS.items():
        if table in tables:
            for column in columns:
                db.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(column)} TEXT")
    if "articles" in tables:
        db.execute(
            f"""UPDATE articles SET published_label = edtf_label(NULLIF(published, '')),
            label = article_label(outlet, title, published,
              (SELECT text FROM {TEXTS} AS t WHERE t.article_id = articles.article_id))"""
        )
    if "figures" in tables:
        db.execute("UPDATE figures SET as_of_label = edtf_label(as_of) WHERE as_of != ''")


def add_indexes(db: sqlite3.Connection, schemas: dict[str, dict[str, Any]]) -> None:
    """An index on every foreign-key column and every facet column."""
    for name, schema in schemas.items():
        keyed = [c for fk in schema.get("foreignKeys", []) for c in fk["fields"]]
        present = {f["name"] for f in schema["fields"]}
        for column in dict.fromkeys([*keyed, *FACETS.get(name, ())]):
            if column in present and [column] != schema["primaryKey"]:
                db.execute(
                    f"CREATE INDEX {quote(f'idx_{name}_{column}')} "
                    f"ON {quote(name)} ({quote(column)})"
                )


def add_fts(db: sqlite3.Connection, tables: set[str]) -> None:
    """An external-content FTS5 table (porter tokenizer) per searchable table, filled once."""
    for name, columns in FTS.items():
        if name not in tables:
            continue
        cols = ", ".join(map(quote, columns))
        fts = quote(f"{name}_fts")
        db.execute(
            f"CREATE VIRTUAL TABLE {fts} USING FTS5 ({cols}, content={quote(name)}, "
            "content_rowid='rowid', tokenize='porter unicode61')"
        )
        db.execute(f"INSERT INTO {fts} (rowid, {cols}) SELECT rowid, {cols} FROM {quote(name)}")
        db.execute(f"INSERT INTO {fts} ({fts}) VALUES ('optimize')")


def add_views(db: sqlite3.Connection, views_dir: Path = VIEWS_DIR) -> list[str]:
    """Run every ``views_dir/*.sql`` in name order; return the file names."""
    names = []
    for path in sorted(views_dir.glob("*.sql")):
        try:
            db.executescript(path.read_text(encoding="utf-8"))
        except sqlite3.Error as err:
            raise ValueError(f"{path}: the view does not load: {err}") from err
        names.append(path.name)
    return names


# The database is an immutable snapshot: views the canned queries read are also stored as
# tables ("<view>_materialized", indexed), so a query does not regroup every row each time.
MATERIALIZED = {"estimates": ("quantity",)}
# EDTF columns of the stored views that get a "<column>_label" in words beside them.
MATERIALIZED_DATES = {"estimates": ("as_of",)}
# Extra indexes the canned queries need (beyond foreign keys and facets): table → columns.
QUERY_INDEXES = {"quotations": ("cluster_id", "article_id", "char_start")}


def add_query_support(db: sqlite3.Connection) -> None:
    """Materialize the views in ``MATERIALIZED`` and add ``QUERY_INDEXES``."""
    present = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    for view, columns in MATERIALIZED.items():
        if view in present:
            table = quote(f"{view}_materialized")
            db.execute(f"CREATE TABLE {table} AS SELECT * FROM {quote(view)}")
            db.execute(
                f"CREATE INDEX {quote(f'idx_{view}_materialized')} "
                f"ON {table} ({', '.join(map(quote, columns))})"
            )
            for column in MATERIALIZED_DATES.get(view, ()):
                labelled = quote(f"{column}_label")
                db.execute(f"ALTER TABLE {table} ADD COLUMN {labelled} TEXT")
                db.execute(
                    f"UPDATE {table} SET {labelled} = edtf_label({quote(column)}) "
                    f"WHERE {quote(column)} IS NOT NULL"
                )
    for name, columns in QUERY_INDEXES.items():
        if name in present:
            db.execute(
                f"CREATE INDEX {quote(f'idx_{name}_' + '_'.join(columns))} "
                f"ON {quote(name)} ({', '.join(map(quote, columns))})"
            )


def check_foreign_keys(db: sqlite3.Connection) -> None:
    """Fail loudly if a row points at a missing key (the package validator should prevent it)."""
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        shown = "; ".join(f"{t} rowid {r} → {p}" for t, r, p, _ in problems[:10])
        raise ValueError(f"{len(problems)} broken foreign keys in the database: {shown}")


def tabular_resources(package: Path) -> dict[str, dict[str, Any]]:
    """Table name → its resource in datapackage.json (descriptor order), schemas inline."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: r for r in descriptor["resources"] if r.get("schema")}


def build_database(package: Path, target: Path, texts_dir: Path | None = None) -> Path:
    """Write ``target`` from the package in ``package`` (article texts from ``texts_dir``)."""
    resources = tabular_resources(package)
    schemas = {name: r["schema"] for name, r in resources.items()}
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(target.name + ".tmp")
    scratch.unlink(missing_ok=True)
    db = sqlite3.connect(scratch)
    try:
        with db:
            for name, schema in schemas.items():
                insert(db, name, schema, read_rows(package / resources[name]["path"], schema))
            insert(db, TEXTS, TEXTS_SCHEMA, article_texts(package, texts_dir))
            add_reader_columns(db, set(schemas))
            add_indexes(db, {**schemas, TEXTS: TEXTS_SCHEMA})
            add_fts(db, {*schemas, TEXTS})
            add_views(db)
            add_query_support(db)
        check_foreign_keys(db)
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(scratch, target)
    return target
