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
from .sqlite import DB_NAME, FACETS, FTS, MATERIALIZED, TEXTS, TEXTS_SCHEMA, build_database

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
    "max_returned_rows": 1000,
    "sql_time_limit_ms": 1000,
    "facet_time_limit_ms": 500,
    "default_page_size": 50,
    "truncate_cells_html": 300,
    "default_cache_ttl": 3600,
}
# FK labels: names for entities, summaries for events; articles show their id (titles are
# mostly unknown, and Datasette would otherwise guess the title column and print "None").
LABELS = {"entities": "name", "events": "summary", "articles": "article_id"}
HIDDEN = {TEXTS}  # whole articles: searched through the search_articles query (with passages)
SORTS: dict[str, tuple[str, str]] = {  # table -> (sort | sort_desc, column)
    "articles": ("sort", "article_id"),
    "entities": ("sort_desc", "mentions"),
    "quotations": ("sort", "article_id"),
    "figures": ("sort", "quantity"),
    "events": ("sort", "date_start"),
    "event_mentions": ("sort", "article_id"),
}
TROOPS = "('troops_deployed', 'reinforcements', 'workers_sent')"
CASUALTIES = "('casualties_killed_or_wounded', 'killed', 'wounded', 'captured', 'missing')"
PHRASE = "'\"' || replace(:{0}, '\"', '\"\"') || '\"'"  # a user's words as one FTS5 phrase


@dataclass(frozen=True)
class Query:
    """A canned query; it is published only when the tables and views it ``needs`` exist."""

    name: str
    title: str
    description: str
    sql: str
    needs: tuple[str, ...]


def _estimates_sql(kinds: str) -> str:
    return f"""SELECT estimate, claimant, '/-/evidence/figures/' || figure_ids AS evidence,
  n_articles, as_of, unit, surfaces, outlets, article_ids, quantity
FROM estimates_materialized
WHERE quantity IN {kinds}
ORDER BY quantity, vague, sort_value, claimant"""


QUOTE_COLUMNS = """q.text AS quotation, COALESCE(s.name, q.speaker_surface, '(unknown)') AS speaker,
  q.cue, c.name AS relayed_by, a.outlet, q.article_id, q.cluster_id,
  '/-/evidence/quotations/' || q.quotation_id AS evidence"""
QUOTE_JOINS = """LEFT JOIN entities AS s ON s.entity_id = q.speaker_id
LEFT JOIN entities AS c ON c.entity_id = q.channel_id
LEFT JOIN articles AS a ON a.article_id = q.article_id"""

QUERIES: tuple[Query, ...] = (
    Query(
        "troop_estimates",
        "How many North Korean troops? Every claim and who made it",
        "Each distinct number of troops (deployed or sent as reinforcements) with its claimant, "
        "the date it refers to and the articles that repeat it. 'the outlet itself' means the "
        "article states the number without attributing it.",
        _estimates_sql(TROOPS),
        ("estimates_materialized",),
    ),
    Query(
        "casualty_estimates",
        "How many casualties? Every claim and who made it",
        "Each distinct number of killed, wounded, captured or missing with its claimant and the "
        "articles that repeat it. Estimates differ by source: compare the claimant column.",
        _estimates_sql(CASUALTIES),
        ("estimates_materialized",),
    ),
    Query(
        "who_said_what",
        "Who said what about …",
        "Every quotation whose words contain the phrase you type (word forms match: 'hero' "
        "finds 'heroes'), with its speaker and who relayed it.",
        f"""SELECT {QUOTE_COLUMNS}
FROM quotations AS q
JOIN quotations_fts AS fts ON fts.rowid = q.rowid
{QUOTE_JOINS}
WHERE quotations_fts MATCH {PHRASE.format("topic")}
ORDER BY speaker, q.article_id, q.char_start""",
        ("quotations", "quotations_fts", "entities", "articles"),
    ),
    Query(
        "statement_versions",
        "Every version of a statement across outlets",
        "Type words from a quotation to see every version of the same statement (translations "
        "and partial quotes included) in every article. Leave empty to list every statement "
        "quoted in more than one article.",
        f"""WITH matched AS (
  SELECT q.cluster_id FROM quotations AS q JOIN quotations_fts AS fts ON fts.rowid = q.rowid
  WHERE :words != '' AND quotations_fts MATCH {PHRASE.format("words")}
  UNION
  SELECT cluster_id FROM quotations WHERE :words = ''
  GROUP BY cluster_id HAVING COUNT(DISTINCT article_id) > 1
)
SELECT {QUOTE_COLUMNS}
FROM quotations AS q
{QUOTE_JOINS}
WHERE q.cluster_id IN (SELECT cluster_id FROM matched)
ORDER BY q.cluster_id, q.article_id, q.char_start""",
        ("quotations", "quotations_fts", "entities", "articles"),
    ),
    Query(
        "timeline",
        "Timeline of events",
        "Every event in date order (undated events last), with who acted, on whom, where, and "
        "how many articles report it. Dates are EDTF: '2024-11~' is approximate, '2024-23' "
        "autumn 2024; date_basis 'relative' means resolved from the publication date.",
        """SELECT e.date, e.date_start, e.date_end, e.event_type, e.mode, e.summary,
  actor.name AS actor, recipient.name AS recipient, place.name AS location,
  e.factuality, e.date_basis, e.n_articles, '/-/evidence/events/' || e.event_id AS evidence
FROM events AS e
LEFT JOIN entities AS actor ON actor.entity_id = e.actor_id
LEFT JOIN entities AS recipient ON recipient.entity_id = e.recipient_id
LEFT JOIN entities AS place ON place.entity_id = e.location_id
ORDER BY e.date_start IS NULL, e.date_start, e.date_end, e.event_type, e.event_id""",
        ("events", "entities"),
    ),
    Query(
        "article_contents",
        "Everything one article says",
        "Every quotation, figure and event mention of one article, in reading order. Type the "
        "article id or just its number, e.g. 001.",
        """SELECT kind, char_start, words, who, detail, evidence FROM (
  SELECT q.article_id, 'quotation' AS kind, q.char_start, q.text AS words,
    COALESCE(s.name, q.speaker_surface) AS who, q.cue AS detail,
    '/-/evidence/quotations/' || q.quotation_id AS evidence
  FROM quotations AS q LEFT JOIN entities AS s ON s.entity_id = q.speaker_id
  UNION ALL
  SELECT f.article_id, 'figure', f.char_start, f.surface,
    COALESCE(c.name, f.claimant_surface, '(the outlet itself)'),
    f.quantity || ' · ' || f.qualifier, '/-/evidence/figures/' || f.figure_id
  FROM figures AS f LEFT JOIN entities AS c ON c.entity_id = f.claimant_id
  UNION ALL
  SELECT m.article_id, 'event', m.char_start, m.text, actor.name,
    e.event_type || ': ' || e.summary, '/-/evidence/event_mentions/' || m.mention_id
  FROM event_mentions AS m JOIN events AS e ON e.event_id = m.event_id
  LEFT JOIN entities AS actor ON actor.entity_id = e.actor_id
)
WHERE article_id = :article OR article_id LIKE :article || '\\_%' ESCAPE '\\'
ORDER BY article_id, char_start, kind""",
        ("quotations", "figures", "events", "event_mentions", "entities"),
    ),
    Query(
        "search_articles",
        "Search the article texts",
        "Every article that contains the phrase you type, with the matching passage in "
        "[brackets]. Open the evidence link to read the whole article.",
        f"""SELECT t.article_id, a.outlet, a.published,
  snippet(article_texts_fts, 0, '[', ']', ' … ', 24) AS passage,
  '/-/evidence/articles/' || t.article_id AS evidence
FROM article_texts AS t
JOIN article_texts_fts AS fts ON fts.rowid = t.rowid
LEFT JOIN articles AS a ON a.article_id = t.article_id
WHERE article_texts_fts MATCH {PHRASE.format("phrase")}
ORDER BY rank""",
        (TEXTS, f"{TEXTS}_fts", "articles"),
    ),
)


def table_metadata(name: str, schema: dict[str, Any], title: str, description: str) -> dict:
    """Datasette metadata of one table: the schema's descriptions, facets, sort, label, search."""
    meta: dict[str, Any] = {
        "title": title,
        "description": description,
        "columns": {f["name"]: f.get("description", "") for f in schema["fields"]},
    }
    if name in FACETS:
        meta["facets"] = list(FACETS[name])
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


def canned_queries(present: set[str]) -> dict[str, dict[str, str]]:
    """The canned queries whose tables and views exist in the database."""
    return {
        q.name: {"title": q.title, "description": q.description, "sql": q.sql, "hide_sql": True}
        for q in QUERIES
        if set(q.needs) <= present
    }


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
    descriptor: dict[str, Any], present: set[str], downloads: list[str]
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
                "queries": canned_queries(present),
            }
        },
        "plugins": {
            "newstables": {
                "database": DATABASE,
                "version": descriptor.get("version", ""),
                "citation": citation(descriptor),
                "downloads": downloads,
                "spans": evidence_spans(),
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


def database_contents(db_path: Path) -> tuple[set[str], dict[str, int]]:
    """(names of tables and views, row count of every table) of a database."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')")
        names = {name: kind for name, kind in rows}
        counts = {
            name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name, kind in names.items()
            if kind == "table"
        }
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


def build_site(package: Path, site: Path | None = None, texts_dir: Path | None = None) -> Path:
    """Write the Datasette config directory for ``package`` (default ``package/site``)."""
    site = site or package / SITE_DIR
    site.mkdir(parents=True, exist_ok=True)
    db_path = build_database(package, site / DB_NAME, texts_dir)
    present, counts = database_contents(db_path)
    copy_assets(site)
    downloads = copy_downloads(package, site)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    metadata = site_metadata(descriptor, present, downloads)
    (site / "metadata.yml").write_text(dump_yaml(metadata), encoding="utf-8")
    (site / "settings.json").write_text(json.dumps(SETTINGS, indent=2) + "\n", encoding="utf-8")
    inspect = json.dumps(inspect_data(db_path, counts), indent=2) + "\n"
    (site / "inspect-data.json").write_text(inspect, encoding="utf-8")
    return site
