"""The Datasette site, through ``Datasette(...).client``: pages, canned queries, search, evidence.

Assertions about the data read the built package's CSVs, so they follow the tables as the
extractors improve; the casualty question must keep showing the competing ~4,000 and ~1,200.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

from newstables.cli import main
from newstables.curation import DEFAULT_CURATION
from newstables.edtf import label
from newstables.publish.questions import GENERIC, QuestionError, dataset_questions
from newstables.publish.site import READER, SETTINGS, build_site
from newstables.publish.sqlite import FACETS, FTS, READER_COLUMNS, VIEWS_DIR, build_database

DB = "newstables"
PARAMS = {
    "topic": "heroes",
    "words": "",
    "article": "001",
    "phrase": "heroes",
    "entity": "vladimir-putin",
    "outlet": "",
    "quantity": "",
}


def rows_of(package: Path, table: str) -> list[dict[str, str]]:
    with open(package / "data" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def view_names() -> list[str]:
    """Views declared by publish/views/*.sql."""
    pattern = re.compile(r"CREATE\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.I)
    return [m for p in sorted(VIEWS_DIR.glob("*.sql")) for m in pattern.findall(p.read_text())]


@pytest.fixture(scope="module")
def site(built_package: Path) -> Path:
    return built_package / "site"


@pytest.fixture
async def ds(site: Path) -> Datasette:
    datasette = Datasette(config_dir=site)
    await datasette.invoke_startup()
    return datasette


@pytest.fixture(scope="module")
def db(site: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{site / 'newstables.db'}?mode=ro", uri=True)


async def get_json(ds: Datasette, path: str) -> list[dict]:
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


# ---------------------------------------------------------------- the folder and the database


def test_site_folder_is_a_datasette_config_directory(site: Path) -> None:
    for name in ("newstables.db", "metadata.yml", "settings.json", "inspect-data.json"):
        assert (site / name).is_file(), name
    for name in ("templates/index.html", "templates/evidence.html", "plugins/newstables_site.py"):
        assert (site / name).is_file(), name
    inspect = json.loads((site / "inspect-data.json").read_text())
    digest = hashlib.sha256((site / "newstables.db").read_bytes()).hexdigest()
    assert inspect[DB]["hash"] == digest and inspect[DB]["file"] == "newstables.db"
    metadata = yaml.safe_load((site / "metadata.yml").read_text())
    assert metadata["allow_sql"] is False
    assert json.loads((site / "settings.json").read_text()) == SETTINGS


def test_metadata_descriptions_come_from_the_table_schemas(built_package: Path, site: Path) -> None:
    descriptor = json.loads((built_package / "datapackage.json").read_text())
    tables = yaml.safe_load((site / "metadata.yml").read_text())["databases"][DB]["tables"]
    assert yaml.safe_load((site / "metadata.yml").read_text())["title"] == descriptor["title"]
    for resource in descriptor["resources"]:
        meta = tables[resource["name"]]
        assert meta["description"] == resource["description"]
        assert meta["columns"] == {
            **{f["name"]: f["description"] for f in resource["schema"]["fields"]},
            **READER_COLUMNS.get(resource["name"], {}),
        }
    assert tables["entities"]["label_column"] == "name"


def test_database_holds_every_row_typed(built_package: Path, db: sqlite3.Connection) -> None:
    for table in FACETS:
        count = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        assert count == len(rows_of(built_package, table)), table
    texts = dict(db.execute("SELECT article_id, text FROM article_texts"))
    for article in rows_of(built_package, "articles"):
        assert len(texts[article["article_id"]]) == int(article["chars"])
    kinds = {t for (t,) in db.execute("SELECT DISTINCT typeof(char_start) FROM figures")}
    assert kinds <= {"integer"}
    kinds = {t for (t,) in db.execute("SELECT DISTINCT typeof(in_quote) FROM figures")}
    assert kinds <= {"integer"}


def test_keys_indexes_full_text_and_views(db: sqlite3.Connection) -> None:
    fks = {(t, r[3]) for t in FACETS for r in db.execute(f"PRAGMA foreign_key_list({t})")}
    assert ("quotations", "speaker_id") in fks and ("figures", "claimant_id") in fks
    assert ("event_mentions", "event_id") in fks
    indexed = {
        (t, r[2])
        for t in FACETS
        for i in db.execute(f"PRAGMA index_list({t})")
        for r in db.execute(f"PRAGMA index_info('{i[1]}')")
    }
    for table, column in fks | {(t, c) for t, cols in FACETS.items() for c in cols}:
        assert (table, column) in indexed, f"no index on {table}.{column}"
    pks = {t: [r[1] for r in db.execute(f"PRAGMA table_info({t})") if r[5]] for t in FACETS}
    assert pks["quotations"] == ["quotation_id"] and pks["figures"] == ["figure_id"]
    for table in FTS:
        sql = db.execute(
            "SELECT sql FROM sqlite_master WHERE name = ?", [f"{table}_fts"]
        ).fetchone()
        assert "fts5" in sql[0].lower() and "porter" in sql[0], table
    views = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert set(view_names()) <= views


def test_database_bytes_are_deterministic(built_package: Path, tmp_path: Path) -> None:
    texts = built_package / "data" / "articles"
    first = build_database(built_package, tmp_path / "a" / "newstables.db", texts)
    second = build_database(built_package, tmp_path / "b" / "newstables.db", texts)
    assert first.read_bytes() == second.read_bytes()


def test_site_command_writes_the_folder(built_package: Path, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(built_package, package, ignore=shutil.ignore_patterns("site"))
    assert main(["site", str(package)]) == 0
    assert (package / "site" / "newstables.db").read_bytes() == (
        built_package / "site" / "newstables.db"
    ).read_bytes()


# ---------------------------------------------------------------- pages


async def test_home_page_explains_and_links_downloads(ds: Datasette, built_package: Path) -> None:
    descriptor = json.loads((built_package / "datapackage.json").read_text())
    response = await ds.client.get("/")
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert descriptor["title"] in page and descriptor["version"] in page
    assert "CC-BY-4.0" in page and "How to cite" in page
    links = re.findall(r'href="(/static/download/[^"]+)"', response.text)
    assert "/static/download/datapackage.json" in links
    assert "/static/download/data/figures.csv" in links
    for link in links:
        assert (await ds.client.get(link)).status_code == 200, link
    for query in ds.metadata("queries", database=DB).values():
        assert query["title"] in page


async def test_every_table_page_lists_its_rows(ds: Datasette, db: sqlite3.Connection) -> None:
    tables = [*FACETS, "article_texts"]
    for table in tables:
        assert (await ds.client.get(f"/{DB}/{table}")).status_code == 200, table
        count = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        rows = await get_json(ds, f"/{DB}/{table}.json?_shape=array&_size=max")
        assert len(rows) == min(count, SETTINGS["max_returned_rows"]), table
    for view in view_names():
        assert (await ds.client.get(f"/{DB}/{view}")).status_code == 200, view


async def test_every_canned_query_answers(ds: Datasette) -> None:
    queries = ds.metadata("queries", database=DB)
    assert {q.name for q in GENERIC} | {"troop_estimates", "casualty_estimates"} == set(queries)
    for name in queries:
        params = "&".join(f"{k}={v}" for k, v in PARAMS.items() if f":{k}" in queries[name]["sql"])
        assert (await ds.client.get(f"/{DB}/{name}?{params}")).status_code == 200, name
        await get_json(ds, f"/{DB}/{name}.json?_shape=array&{params}")


async def test_casualty_question_shows_competing_claims(ds: Datasette, built_package: Path) -> None:
    rows = await get_json(ds, f"/{DB}/casualty_estimates.json?_shape=array")
    claims = {(r["estimate"], r["claimant"]) for r in rows}
    assert any("4,000" in e and "Zelensk" in c for e, c in claims), claims
    assert any("1,200" in e and re.search(r"United States|US|American", c) for e, c in claims), (
        claims
    )
    names = {r["entity_id"]: r["name"] for r in rows_of(built_package, "entities")}
    for figure in rows_of(built_package, "figures"):
        if figure["quantity"].startswith("casualties") and figure["claimant_id"]:
            claimed = f"{float(figure['value'] or figure['high']):,.0f}"
            assert any(claimed in e and c == names[figure["claimant_id"]] for e, c in claims)


async def test_troop_question_shows_every_estimate(ds: Datasette) -> None:
    rows = await get_json(ds, f"/{DB}/troop_estimates.json?_shape=array")
    estimates = " | ".join(r["estimate"] for r in rows)
    assert "10,000–12,000" in estimates and "14,000" in estimates and "11,000" in estimates


async def test_search_finds_heroes(ds: Datasette, built_package: Path) -> None:
    rows = await get_json(ds, f"/{DB}/article_texts.json?_shape=array&_search=heroes")
    assert rows and all("heroes" in r["text"].lower() for r in rows)
    passages = await get_json(ds, f"/{DB}/search_articles.json?_shape=array&phrase=heroes")
    assert any("[heroes]" in r["passage"].lower() for r in passages)
    quoted = [q for q in rows_of(built_package, "quotations") if "heroes" in q["text"].lower()]
    found = await get_json(ds, f"/{DB}/quotations.json?_shape=array&_search=heroes")
    assert {q["quotation_id"] for q in quoted} <= {q["quotation_id"] for q in found}
    page = await ds.client.get("/-/search?q=heroes")
    assert page.status_code == 200 and f"/{DB}/search_articles" in page.text
    assert f"/{DB}/quotations" in page.text  # searched by the page's script


async def test_foreign_keys_show_labels(ds: Datasette, built_package: Path) -> None:
    claimed = [f for f in rows_of(built_package, "figures") if f["claimant_id"]]
    names = {r["entity_id"]: r["name"] for r in rows_of(built_package, "entities")}
    page = html.unescape((await ds.client.get(f"/{DB}/figures?_size=max")).text)
    for figure in claimed:
        assert names[figure["claimant_id"]] in page


# ---------------------------------------------------------------- read-only


async def test_arbitrary_sql_is_refused(ds: Datasette) -> None:
    for path in (f"/{DB}?sql=select+1", f"/{DB}.json?sql=select+1"):
        assert (await ds.client.get(path)).status_code == 403, path


async def test_posts_and_writes_are_refused(ds: Datasette, site: Path) -> None:
    before = (site / "newstables.db").read_bytes()
    for path in (f"/{DB}/timeline", f"/{DB}/figures", f"/{DB}", "/-/evidence/figures/x"):
        response = await ds.client.post(path, data={"sql": "DELETE FROM figures"})
        assert response.status_code == 405, path
    assert not ds.get_database(DB).is_mutable
    assert (site / "newstables.db").read_bytes() == before


async def test_pages_load_nothing_from_another_host(ds: Datasette) -> None:
    loads = re.compile(
        r'<(?:script[^>]+src|img[^>]+src|link[^>]+rel="stylesheet"[^>]+href)="(?:https?:)?//'
    )
    for path in ("/", f"/{DB}/figures", f"/{DB}/casualty_estimates", "/-/search?q=x"):
        assert not loads.findall((await ds.client.get(path)).text), path


# ---------------------------------------------------------------- evidence


def marks(page: str, kind: str) -> list[str]:
    """The highlighted pieces of the article texts on an evidence page (not the legend)."""
    texts = "".join(re.findall(r'<div class="nt-text">(.*?)</div>', page, re.S))
    found = re.findall(rf'<mark class="{kind}"[^>]*>([^<]*)</mark>', texts)
    return [html.unescape(m) for m in found]


async def test_evidence_highlights_the_right_characters(
    ds: Datasette, db: sqlite3.Connection
) -> None:
    texts = dict(db.execute("SELECT article_id, text FROM article_texts"))
    tables = {"figures": "surface", "quotations": "text", "event_mentions": "text"}
    checked = 0
    for table, column in tables.items():
        cursor = db.execute(f"SELECT * FROM {table} LIMIT 5")
        columns = [d[0] for d in cursor.description]
        for row in cursor.fetchall():
            record = dict(zip(columns, row, strict=True))
            pk = next(iter(record.values()))
            response = await ds.client.get(f"/-/evidence/{table}/{pk}")
            assert response.status_code == 200
            text = texts[record["article_id"]]
            expected = text[record["char_start"] : record["char_end"]]
            assert expected == record[column]
            assert re.search(r'<mark class="span"[^>]*id="evidence"', response.text)
            assert "".join(marks(response.text, "span(?: who)?")) == expected
            assert "✓ the highlighted characters match" in response.text
            checked += 1
    assert checked, "no span rows to check"


async def test_evidence_marks_the_claimant(ds: Datasette, built_package: Path) -> None:
    figure = next(f for f in rows_of(built_package, "figures") if f["claimant_char_start"])
    page = (await ds.client.get(f"/-/evidence/figures/{figure['figure_id']}")).text
    assert marks(page, "span") == [figure["surface"]]
    assert figure["claimant_surface"] in marks(page, "who")


async def test_table_rows_link_to_their_evidence(ds: Datasette, built_package: Path) -> None:
    figure = rows_of(built_package, "figures")[0]
    page = (await ds.client.get(f"/{DB}/figures")).text
    assert f'href="/-/evidence/figures/{figure["figure_id"]}#evidence"' in page
    query = (await ds.client.get(f"/{DB}/casualty_estimates")).text
    assert 'href="/-/evidence/figures/f_' in query


async def test_evidence_for_several_rows_and_unknown_rows(
    ds: Datasette, built_package: Path
) -> None:
    figures = rows_of(built_package, "figures")[:3]
    ids = ",".join(f["figure_id"] for f in figures)
    page = (await ds.client.get(f"/-/evidence/figures/{ids}")).text
    assert sorted(marks(page, "span")) == sorted(f["surface"] for f in figures)
    assert (await ds.client.get("/-/evidence/figures/f_0000000000000000")).status_code == 404
    assert (await ds.client.get("/-/evidence/entities/x")).status_code == 404


async def test_evidence_escapes_article_text(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "inspect-data.json").unlink()
    db = sqlite3.connect(copy / "newstables.db")
    article_id = db.execute("SELECT article_id FROM article_texts LIMIT 1").fetchone()[0]
    db.execute("UPDATE article_texts SET text = text || '<script>alert(1)</script>'")
    db.commit()
    db.close()
    datasette = Datasette(config_dir=copy)
    page = (await datasette.client.get(f"/-/evidence/articles/{article_id}")).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


# ---------------------------------------------------------------- reader-first pages and dates


def reader_headers(page: str) -> list[str]:
    """The data-column of every header of the reader table, in page order."""
    table = re.search(r'<table class="rows-and-columns nt-reader">(.*?)</thead>', page, re.S)
    assert table, "no reader table on the page"
    return re.findall(r'data-column="([^"]+)"', table[1])


async def test_table_pages_lead_with_who_what_when(ds: Datasette) -> None:
    for table, columns in READER.items():
        page = (await ds.client.get(f"/{DB}/{table}")).text
        assert reader_headers(page) == [name for name, _ in columns], table
        assert "All columns (ids, character offsets, hashes)" in page
        for heading in (h for _, h in columns):
            assert f">{heading}" in html.unescape(page), (table, heading)
    full = (await ds.client.get(f"/{DB}/quotations?_all=1")).text
    assert "nt-reader" not in full and 'data-column="char_start"' in full


async def test_articles_are_named_not_hashed(ds: Datasette, db: sqlite3.Connection) -> None:
    labels = dict(db.execute("SELECT article_id, label FROM articles"))
    texts = dict(db.execute("SELECT article_id, text FROM article_texts"))
    for article_id, outlet, title, published in db.execute(
        "SELECT article_id, outlet, title, published FROM articles"
    ):
        headline = title or texts[article_id].strip().splitlines()[0]
        assert headline[:20] in labels[article_id] and article_id not in labels[article_id]
        assert (outlet or "") in labels[article_id] and label(published) in labels[article_id]
    articles = (await ds.client.get(f"/{DB}/articles")).text
    for article_id in labels:
        assert f'href="/-/evidence/articles/{article_id}#evidence">read it →' in articles
    page = html.unescape((await ds.client.get(f"/{DB}/quotations")).text)
    cells = re.findall(r'<td class="col-article_id[^"]*">(.*?)</td>', page, re.S)
    assert cells and all(
        re.sub("<[^>]+>", "", c).split("\xa0")[0] in labels.values() for c in cells
    )


async def test_dates_are_shown_in_words(ds: Datasette, db: sqlite3.Connection) -> None:
    for edtf, words in db.execute("SELECT as_of, as_of_label FROM figures WHERE as_of != ''"):
        assert words == label(edtf)
    for published, words in db.execute("SELECT published, published_label FROM articles"):
        assert words == (label(published) if published else None)
    rows = await get_json(ds, f"/{DB}/timeline.json?_shape=array")
    assert rows and all(r["when"] == label(r["date_edtf"]) for r in rows)
    assert all(r["when"] != r["date_edtf"] for r in rows if r["date_edtf"])
    dated = [bool(r["date_edtf"]) for r in rows]
    assert dated == sorted(dated, reverse=True), "undated events come last"
    article_id, published = db.execute("SELECT article_id, published FROM articles").fetchone()
    page = html.unescape((await ds.client.get(f"/-/evidence/articles/{article_id}")).text)
    assert label(published) in page


# ---------------------------------------------------------------- sources and speakers


@pytest.fixture(scope="module")
def anonymous_site(built_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of a copy of the package where two of the quoted or cited sources are anonymous."""
    package = tmp_path_factory.mktemp("anonymous") / "package"
    shutil.copytree(built_package, package, ignore=shutil.ignore_patterns("site"))
    speakers = sorted({q["speaker_id"] for q in rows_of(package, "quotations") if q["speaker_id"]})
    claimants = sorted({f["claimant_id"] for f in rows_of(package, "figures") if f["claimant_id"]})
    anonymous = {speakers[0], claimants[-1]}
    entities = rows_of(package, "entities")
    for entity in entities:
        entity["anonymous"] = "true" if entity["entity_id"] in anonymous else "false"
    with open(package / "data" / "entities.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(entities[0]))
        writer.writeheader()
        writer.writerows(entities)
    return build_site(package, texts_dir=package / "data" / "articles")


def statements(package: Path) -> list[tuple[str, str]]:
    """(source entity id, outlet) of every attributed quotation and figure, from the CSVs."""
    outlets = {
        a["article_id"]: a["outlet"] or "(outlet unknown)" for a in rows_of(package, "articles")
    }
    said = [(q["speaker_id"], q["article_id"]) for q in rows_of(package, "quotations")]
    said += [(f["claimant_id"], f["article_id"]) for f in rows_of(package, "figures")]
    return [(entity, outlets[article]) for entity, article in said if entity]


async def test_sources_page_counts_anonymous_sources(anonymous_site: Path) -> None:
    ds = Datasette(config_dir=anonymous_site)
    package = anonymous_site.parent
    entities = {e["entity_id"]: e for e in rows_of(package, "entities")}
    said = statements(package)
    rows = await get_json(ds, f"/{DB}/sources.json?_shape=array&_size=max")
    by_name = {r["source"]: r for r in rows}
    assert len(rows) == len({entity for entity, _ in said})
    for entity_id in {entity for entity, _ in said}:
        row = by_name[entities[entity_id]["name"]]
        expected = "yes" if entities[entity_id]["anonymous"] == "true" else "no"
        assert row["anonymous"] == expected
        assert row["quotations"] + row["figures"] == sum(e == entity_id for e, _ in said)
    shares = await get_json(ds, f"/{DB}/sources_by_outlet.json?_shape=array")
    for outlet in {o for _, o in said} | {"(all outlets)"}:
        mine = [e for e, o in said if outlet in (o, "(all outlets)")]
        anonymous = sum(entities[e]["anonymous"] == "true" for e in mine)
        row = next(r for r in shares if r["outlet"] == outlet)
        assert row["anonymous_statements"] == anonymous
        assert row["anonymous_statements_pct"] == round(100 * anonymous / len(mine), 1)
    assert next(r for r in shares if r["outlet"] == "(all outlets)")["anonymous_sources"] > 0
    page = html.unescape((await ds.client.get(f"/{DB}/sources")).text)
    overall = next(r for r in shares if r["outlet"] == "(all outlets)")
    assert f"{overall['anonymous_statements_pct']}% of" in page and 'class="nt-anon"' in page


async def test_speaker_page_lists_everything_one_source_said(
    ds: Datasette, built_package: Path
) -> None:
    said = statements(built_package)
    entity_id = max({e for e, _ in said}, key=lambda e: (sum(x == e for x, _ in said), e))
    name = next(
        e["name"] for e in rows_of(built_package, "entities") if e["entity_id"] == entity_id
    )
    sources = (await ds.client.get(f"/{DB}/sources")).text
    assert f'href="/{DB}/speaker?entity={entity_id}"' in sources
    for who in (entity_id, name, name.upper()):
        rows = await get_json(ds, f"/{DB}/speaker.json?_shape=array&_size=max&entity={who}")
        assert len(rows) == sum(e == entity_id for e, _ in said), who
    published = {a["article_id"]: a["published"] for a in rows_of(built_package, "articles")}
    article_of = {q["quotation_id"]: q["article_id"] for q in rows_of(built_package, "quotations")}
    article_of |= {f["figure_id"]: f["article_id"] for f in rows_of(built_package, "figures")}
    dates = [published[article_of[r["evidence"].rsplit("/", 1)[1]]] for r in rows]
    assert dates == sorted(dates, key=lambda d: (not d, d))
    assert all(r["date"] == label(d) for r, d in zip(rows, dates, strict=True) if d)
    for row in rows:
        assert (await ds.client.get(row["evidence"])).status_code == 200
    page = html.unescape((await ds.client.get(f"/{DB}/speaker?entity={entity_id}")).text)
    assert f'<p class="nt-speaker"><strong>{name}</strong>' in page


# ---------------------------------------------------------------- the dataset's own questions


def test_dataset_questions_come_from_the_curation(site: Path) -> None:
    curated = yaml.safe_load((DEFAULT_CURATION / "questions.yaml").read_text())["questions"]
    queries = yaml.safe_load((site / "metadata.yml").read_text())["databases"][DB]["queries"]
    for question in curated:
        assert queries[question["name"]]["title"] == question["title"]
    assert [q.name for q in GENERIC if "North Korea" in q.title + q.description] == []


def test_a_package_without_questions_has_only_the_generic_ones(
    built_package: Path, tmp_path: Path
) -> None:
    package = tmp_path / "package"
    shutil.copytree(built_package, package, ignore=shutil.ignore_patterns("site"))
    site = build_site(package, texts_dir=package / "data" / "articles", questions=tmp_path / "none")
    queries = yaml.safe_load((site / "metadata.yml").read_text())["databases"][DB]["queries"]
    assert set(queries) == {q.name for q in GENERIC}
    assert not (site / "questions.yaml").exists()


def test_site_command_keeps_the_package_questions(built_package: Path, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(built_package, package)
    assert main(["site", str(package)]) == 0
    queries = yaml.safe_load((package / "site" / "metadata.yml").read_text())["databases"][DB]
    assert {"troop_estimates", "casualty_estimates"} <= set(queries["queries"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("questions: nope", "expected 'questions:'"),
        ("questions:\n  - name: Bad Name\n    title: t\n    sql: SELECT 1", "question 1: name"),
        ("questions:\n  - name: timeline\n    title: t\n    sql: SELECT 1", "already taken"),
        ("questions:\n  - name: a\n    title: t", "exactly one of sql, view, quantities"),
        ("questions:\n  - name: a\n    title: t\n    sql: S\n    view: v", "exactly one of"),
        ("questions:\n  - name: a\n    title: t\n    view: v\n    colour: red", "unknown key"),
        ("questions:\n  - name: a\n    title: t\n    quantities: killed", "list of codebook"),
        ("questions: [\n", "cannot read"),
    ],
)
def test_bad_questions_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(text)
    with pytest.raises(QuestionError) as error:
        dataset_questions(path)
    assert str(error.value).startswith(f"{path}:") and message in str(error.value)
    assert "\n" not in str(error.value)


def test_view_and_sql_questions(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text(
        "questions:\n"
        "  - {name: harbour_events, title: 'What happened at the harbour?', view: timeline}\n"
        "  - name: wall_quotes\n    title: Who spoke of the wall?\n    parameters: [word]\n"
        "    sql: SELECT text FROM quotations WHERE instr(text, :word) > 0\n"
    )
    view, sql = dataset_questions(path)
    assert view.sql == 'SELECT * FROM "timeline"' and view.needs == ("timeline",)
    assert sql.metadata()["params"] == ["word"] and sql.metadata()["hide_sql"] is True


async def test_evidence_page_has_one_anchor(ds: Datasette, built_package: Path) -> None:
    mentions = rows_of(built_package, "event_mentions")
    event_id = max(
        {m["event_id"] for m in mentions},
        key=lambda e: (len({m["article_id"] for m in mentions if m["event_id"] == e}), e),
    )
    page = (await ds.client.get(f"/-/evidence/events/{event_id}")).text
    assert len({m["article_id"] for m in mentions if m["event_id"] == event_id}) > 1
    assert page.count('id="evidence"') == 1
    assert len(marks(page, "span")) == sum(m["event_id"] == event_id for m in mentions)


def test_site_command_in_a_project_folder_reads_its_curation(
    built_package: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(built_package, project, ignore=shutil.ignore_patterns("site"))
    (project / "data" / "curation").mkdir(parents=True)
    (project / "data" / "curation" / "questions.yaml").write_text(
        "questions:\n  - {name: every_entity, title: Every entity, view: entities}\n"
    )
    assert main(["site", str(project)]) == 0
    queries = yaml.safe_load((project / "site" / "metadata.yml").read_text())["databases"][DB]
    assert "every_entity" in queries["queries"] and "troop_estimates" not in queries["queries"]


def test_a_question_whose_sql_fails_stops_the_site(built_package: Path, tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(built_package, package, ignore=shutil.ignore_patterns("site"))
    questions = tmp_path / "questions.yaml"
    questions.write_text(
        "questions:\n  - {name: broken, title: Broken, sql: SELECT x FROM nowhere}\n"
    )
    with pytest.raises(
        QuestionError, match=rf"^{re.escape(str(questions))}: question 1 \(broken\)"
    ):
        build_site(package, texts_dir=package / "data" / "articles", questions=questions)
