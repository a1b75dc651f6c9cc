"""Datasette plugin of the newstables site: the evidence view, evidence links, the home page.

Standalone (imports only datasette and markupsafe), so a built ``site/`` folder serves anywhere
with ``datasette site/``. Its configuration is ``plugins.newstables`` in the generated
metadata.yml: the database name, the downloads, and how each table points at its words.

    /-/evidence/quotations/q_0123456789abcdef#evidence   one row, its words highlighted
    /-/evidence/figures/f_1,f_2                          several rows (one section per article)
    /-/evidence/events/e_0123456789abcdef                every mention of an event
    /-/evidence/articles/000_dac3b4f1b009df78            the whole article
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

PLUGIN = "newstables"
EVIDENCE_PATH = re.compile(r"^/-/evidence/([a-z_]+)/([A-Za-z0-9_.,\-]+)$")
MAX_ROWS = 50
PAGE_PREFIX = "/newstables/speaker?entity="  # the sources question's links to the speaker page
SKIP = {"rowid"}
TEXTS = "article_texts"
NOUNS = {
    "quotations": "quotation",
    "figures": "figure",
    "events": "event",
    "event_mentions": "event mention",
    "articles": "article",
}


class Mark(NamedTuple):
    """A highlighted span of an article: ``kind`` is "span" (the row's words) or "who".

    A NamedTuple, not a dataclass: Datasette loads plugins/ files outside ``sys.modules``.
    """

    start: int
    end: int
    kind: str
    row: int  # index of the row it belongs to, for the legend


def config(datasette: Any) -> dict[str, Any]:
    """``plugins.newstables`` from metadata.yml (empty when the site is not a newstables site)."""
    return datasette.plugin_config(PLUGIN) or {}


def segments(text: str, marks: list[Mark], anchored: bool = False) -> list[dict[str, Any]]:
    """Cut ``text`` at every mark boundary; each piece knows the marks covering it.

    The first highlighted piece is the page's ``#evidence`` anchor, unless ``anchored`` (an
    earlier article of the page holds it).

    >>> [s["text"] for s in segments("abcdef", [Mark(1, 3, "span", 0)])]
    ['a', 'bc', 'def']
    """
    bounds = sorted(
        {0, len(text), *(max(0, min(len(text), p)) for m in marks for p in (m.start, m.end))}
    )
    pieces: list[dict[str, Any]] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        kinds = sorted({m.kind for m in marks if m.start <= start and end <= m.end})
        anchor = "span" in kinds and not anchored
        anchored = anchored or anchor
        pieces.append({"text": text[start:end], "classes": " ".join(kinds), "anchor": anchor})
    return pieces


def row_marks(row: dict[str, Any], spec: dict[str, Any], index: int) -> list[Mark]:
    """The row's own span and its speaker or claimant span, where the row has offsets."""
    marks = []
    if spec.get("start") and row.get(spec["start"]) is not None:
        marks.append(Mark(row[spec["start"]], row[spec["end"]], "span", index))
    for start, end in spec.get("extra", []):
        if row.get(start) is not None and row.get(end) is not None:
            marks.append(Mark(row[start], row[end], "who", index))
    return marks


async def fetch(db: Any, table: str, column: str, values: list[str]) -> list[dict[str, Any]]:
    """Rows of ``table`` whose ``column`` is one of ``values`` (identifiers come from config)."""
    marks = ", ".join("?" for _ in values)
    sql = f'SELECT * FROM "{table}" WHERE "{column}" IN ({marks})'
    return [dict(r) for r in (await db.execute(sql, values)).rows]


async def row_spans(
    db: Any, spans: dict[str, Any], table: str, row: dict[str, Any], index: int
) -> list[tuple[str, list[Mark]]]:
    """(article id, marks) of one row; an event has one pair per mention."""
    spec = spans[table]
    if via := spec.get("via"):
        mentions = await fetch(db, via, spec["pk"], [row[spec["pk"]]])
        mentions.sort(key=lambda m: (m["article_id"], m["char_start"]))
        return [(m["article_id"], row_marks(m, spans[via], index)) for m in mentions]
    return [(row["article_id"], row_marks(row, spec, index))] if row.get("article_id") else []


def describe(row: dict[str, Any], spec: dict[str, Any], spans: list, texts: dict) -> dict:
    """What the page says about one row: its words, its columns, whether its span matches."""
    words = row.get(spec["text"]) or ""
    own = [(texts.get(a, ""), m) for a, marks in spans for m in marks if m.kind == "span"]
    matches = all(t[m.start : m.end] == words for t, m in own) if spec.get("start") else None
    return {
        "id": row[spec["pk"]],
        "words": words,
        "matches": matches,
        "columns": [(k, v) for k, v in row.items() if v not in (None, "") and k not in SKIP],
    }


def section(
    article: dict[str, Any], text: str, marks: list[Mark], anchored: bool
) -> dict[str, Any]:
    """One article of the page: its metadata and its text cut into highlighted pieces."""
    pieces = segments(text, marks, anchored)
    return {"article": article, "pieces": pieces, "n_marks": len(marks)}


async def evidence_page(
    db: Any, spans: dict[str, Any], table: str, ids: list[str]
) -> tuple[list[dict], list[dict]]:
    """(described rows, article sections) for the requested rows of ``table``."""
    spec = spans[table]
    rows = await fetch(db, table, spec["pk"], ids)
    rows.sort(key=lambda r: ids.index(r[spec["pk"]]))
    located = [await row_spans(db, spans, table, row, i) for i, row in enumerate(rows)]
    if table == "articles":
        located = [[(row["article_id"], [])] for row in rows]
    article_ids = sorted({a for pairs in located for a, _ in pairs})
    texts = {r["article_id"]: r["text"] for r in await fetch(db, TEXTS, "article_id", article_ids)}
    meta = {r["article_id"]: r for r in await fetch(db, "articles", "article_id", article_ids)}
    described = [describe(r, spec, pairs, texts) for r, pairs in zip(rows, located, strict=True)]
    sections: list[dict[str, Any]] = []
    for a in (a for a in article_ids if a in texts):
        marks = [m for pairs in located for b, found in pairs if b == a for m in found]
        anchored = any(p["anchor"] for s in sections for p in s["pieces"])
        sections.append(section(meta.get(a, {"article_id": a}), texts[a], marks, anchored))
    return described, sections


async def not_found(datasette: Any, request: Any, message: str) -> Response:
    """Datasette's own error page with status 404."""
    context = {"ok": False, "error": message, "status": 404, "title": "Not found"}
    html = await datasette.render_template("error.html", context, request=request)
    return Response.html(html, status=404)


async def evidence_view(request: Any, datasette: Any) -> Response:
    """``/-/evidence/{table}/{id[,id…]}``: the article(s) with the rows' words highlighted."""
    settings = config(datasette)
    spans = settings.get("spans", {})
    table = request.url_vars["table"]
    ids = list(dict.fromkeys(request.url_vars["ids"].split(",")))[:MAX_ROWS]
    if table not in spans:
        return await not_found(datasette, request, f"There is no evidence view for {table!r}.")
    db = datasette.get_database(settings["database"])
    rows, sections = await evidence_page(db, spans, table, ids)
    if not rows:
        return await not_found(datasette, request, f"No {table} row with id {', '.join(ids)}.")
    context = {
        "table": table,
        "table_url": datasette.urls.table(settings["database"], table),
        "row_base": datasette.urls.table(settings["database"], table),
        "rows": rows,
        "sections": sections,
        "noun": NOUNS.get(table, table),
        "database": settings["database"],
    }
    html = await datasette.render_template("evidence.html", context, request=request)
    return Response.html(html)


def evidence_link(datasette: Any, path: str, label: str) -> Markup:
    """An escaped link to an evidence page, scrolled to the first highlight."""
    href = datasette.urls.path(path) + "#evidence"
    return Markup('<a class="evidence-link" href="{}">{}</a>').format(href, label)


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette):
    """Link a row's words to the evidence view; turn canned queries' ``evidence`` paths to links."""
    settings = config(datasette)
    if database != settings.get("database") or value in (None, ""):
        return None
    if table is None:
        if column == "evidence" and isinstance(value, str) and EVIDENCE_PATH.match(value):
            return evidence_link(datasette, value, "show in article →")
        if column == "page" and isinstance(value, str) and value.startswith(PAGE_PREFIX):
            href = datasette.urls.path(value)
            return Markup('<a class="evidence-link" href="{}">everything they said →</a>').format(
                href
            )
        return None
    if table == "articles" and column == "label":
        link = evidence_link(datasette, f"/-/evidence/articles/{row['article_id']}", "read it →")
        return Markup("{} {}").format(value, link)
    spec = settings.get("spans", {}).get(table)
    if not spec or column != spec["text"] or table == "articles":
        return None
    words = str(value)
    limit = datasette.setting("truncate_cells_html") or 0
    shown = words[:limit] + "…" if limit and len(words) > limit else words
    link = evidence_link(datasette, f"/-/evidence/{table}/{row[spec['pk']]}", "in context →")
    return Markup("{} {}").format(shown, link)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    """The evidence view."""
    return [(r"^/-/evidence/(?P<table>[a-z_]+)/(?P<ids>[A-Za-z0-9_.,\-]+)$", evidence_view)]


def reader_columns(settings: dict[str, Any], table: str | None, request: Any) -> list | None:
    """The reader-first columns of a table page, None for every column (``?_all=1``)."""
    if request is not None and request.args.get("_all"):
        return None
    return settings.get("reader", {}).get(table or "")


async def outlet_shares(datasette: Any, name: str) -> list[dict[str, Any]]:
    """The rows of the sources_by_outlet question (for the sources page's chart)."""
    query = await datasette.get_canned_query(name, "sources_by_outlet", None)
    if query is None:
        return []
    return [dict(r) for r in (await datasette.get_database(name).execute(query["sql"])).rows]


async def speaker(datasette: Any, name: str, who: str) -> dict[str, Any] | None:
    """The entity the speaker page is about (by id or name, as the speaker question matches)."""
    if not who:
        return None
    found = await datasette.get_database(name).execute(
        "SELECT name, type, description, anonymous FROM entities "
        "WHERE entity_id = :who OR lower(name) = lower(:who) ORDER BY entity_id LIMIT 1",
        {"who": who},
    )
    return dict(found.rows[0]) if found.rows else None


async def home(datasette: Any, settings: dict[str, Any]) -> dict[str, Any]:
    """The home page's tables (with counts, hidden ones left out), questions and articles."""
    name = settings["database"]
    db = datasette.get_database(name)
    meta = datasette.metadata(database=name) or {}
    counts = await db.table_counts(limit=1000)
    tables = [
        {
            "name": table,
            "title": info.get("title", table),
            "description": info.get("description", ""),
            "count": counts.get(table),
            "url": datasette.urls.table(name, table),
        }
        for table, info in meta.get("tables", {}).items()
        if not info.get("hidden")
    ]
    queries = [
        {
            "name": key,
            "title": q.get("title", key),
            "description": q.get("description", ""),
            "url": datasette.urls.query(name, key),
        }
        for key, q in meta.get("queries", {}).items()
    ]
    articles = await db.execute(
        "SELECT article_id, label, outlet, title, published, published_label, words "
        "FROM articles ORDER BY article_id"
    )
    return {
        "site": settings,
        "site_tables": tables,
        "site_queries": queries,
        "site_articles": [dict(r) for r in articles.rows],
        "site_db": name,
    }


@hookimpl
def extra_template_vars(
    template: str, database: str | None, table: str | None, request: Any, datasette: Any
) -> Any:
    """Home page data, reader columns of table pages, the sources page's per-outlet shares."""
    settings = config(datasette)
    if not settings:
        return None

    async def variables() -> dict[str, Any]:
        found: dict[str, Any] = {"nt_reader": None, "nt_outlets": [], "nt_speaker": None}
        if template == "index.html":
            found.update(await home(datasette, settings))
        elif template == "table.html" and database == settings["database"]:
            found["nt_reader"] = reader_columns(settings, table, request)
        elif template.startswith("query-") and template.endswith("-sources.html"):
            found["nt_outlets"] = await outlet_shares(datasette, settings["database"])
        elif template.startswith("query-") and template.endswith("-speaker.html"):
            who = request.args.get("entity", "") if request is not None else ""
            found["nt_speaker"] = await speaker(datasette, settings["database"], who)
        return found

    return variables


SEARCH_ALL_SCRIPT = """
(function () {
  var q = new URLSearchParams(window.location.search).get("q");
  var results = document.getElementById("search-all-results");
  if (!q || !results) { return; }
  var link = document.createElement("a");
  link.href = %s + "?phrase=" + encodeURIComponent(q);
  link.textContent = "Search the full article texts for \u201c" + q +
    "\u201d (matching passages) \u2192";
  var note = document.createElement("p");
  note.className = "nt-more";
  note.appendChild(link);
  results.parentNode.insertBefore(note, results);
  // Each table's results keep its id and its reader columns, under the reader headings.
  var reader = %s;
  function tidy(block) {
    var title = block.querySelector("h2"), table = block.querySelector("table");
    if (!title || !table) { return; }
    var columns = reader[title.textContent.split(": ").pop().trim()];
    if (!columns) { return; }
    var rows = table.querySelectorAll("tr"), names = [];
    rows[0].querySelectorAll("th").forEach(function (th) { names.push(th.textContent); });
    var keep = {0: names[0]};
    columns.forEach(function (c) { var i = names.indexOf(c[0]); if (i > 0) { keep[i] = c[1]; } });
    rows.forEach(function (row, r) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (!(i in keep)) { cell.style.display = "none"; }
        else if (r === 0) { cell.textContent = keep[i]; }
      });
    });
    table.classList.add("nt-search-results");
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) { change.addedNodes.forEach(function (node) {
      if (node.querySelector) { tidy(node); } }); });
  }).observe(results, {childList: true});
})();
"""


@hookimpl
def extra_body_script(template: str, datasette: Any) -> str | None:
    """On the search-everything page, offer the article-text search (passages, not whole texts)."""
    settings = config(datasette)
    if template != "search_all.html" or not settings:
        return None
    target = datasette.urls.query(settings["database"], "search_articles")
    return SEARCH_ALL_SCRIPT % (json.dumps(target), json.dumps(settings.get("reader", {})))
