"""The site under hostile or careless requests: 400 for bad arguments, 404 for paths that are not
pages (never 500), plain-character parameters, hidden internals, no server paths, one log line
per error. Requests go through ``Datasette(...).client``, or straight to the ASGI app when the
path must reach the server exactly as sent (httpx would remove ``..`` segments).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from datasette.app import Datasette

DB = "newstables"
BAD_ARGUMENTS = [
    f"/{DB}/figures?_sort=nonexistent",
    f"/{DB}/figures?_sort_desc=nonexistent",
    f"/{DB}/figures.json?_sort=nonexistent",
    f"/{DB}/figures?_facet=nonexistent",
    f"/{DB}/quotations?_facet_array=nonexistent",
    f"/{DB}/events?_facet_date=nonexistent",
    f"/{DB}/figures?_size=abc",
    f"/{DB}/figures?_timelimit=abc",
    f"/{DB}/figures?_through=abc",
    f"/{DB}/figures?_col=nonexistent",
    f"/{DB}/event_mentions?_sort=nonexistent",
    f"/{DB}/timeline?_size=abc",
    f"/{DB}/who_said_what?topic={'x' * 600}",
]
TRAVERSALS = [
    "/-/evidence/../../etc/passwd",
    "/-/evidence/figures/../../../etc/passwd",
    "/newstables/../../etc/passwd",
    "/static/../metadata.yml",
    "/-/evidence/%2e%2e/%2e%2e/etc/passwd",
    "/../newstables.db",
]
INTROSPECTION = ["threads", "databases", "versions", "plugins", "settings", "metadata", "actor"]


@pytest.fixture
async def ds(built_package: Path) -> Datasette:
    datasette = Datasette(config_dir=built_package / "site")
    await datasette.invoke_startup()
    return datasette


async def raw_get(ds: Datasette, path: str) -> tuple[int, bytes]:
    """(status, body) of a GET whose path reaches the app byte for byte as written."""
    sent: dict[str, object] = {"body": b""}
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"localhost")],
        "server": ("localhost", 80),
        "client": ("127.0.0.1", 5000),
    }

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
        elif message["type"] == "http.response.body":
            sent["body"] = sent["body"] + message.get("body", b"")  # type: ignore[operator]

    await ds.app()(scope, receive, send)
    return int(sent["status"]), bytes(sent["body"])  # type: ignore[arg-type]


async def test_bad_arguments_answer_400(ds: Datasette) -> None:
    for path in BAD_ARGUMENTS:
        response = await ds.client.get(path)
        assert response.status_code == 400, (path, response.status_code)


async def test_good_arguments_still_answer(ds: Datasette) -> None:
    for path in (
        f"/{DB}/figures?_sort=char_start",
        f"/{DB}/figures?_sort_desc=quantity&_facet=unit&_size=5",
        f"/{DB}/quotations?_col=text&_col=cue",
        f"/{DB}/figures?_all=1",
        f"/{DB}/timeline?_sort=date_start",
    ):
        assert (await ds.client.get(path)).status_code == 200, path


async def test_traversal_paths_are_404_never_500(ds: Datasette) -> None:
    for path in TRAVERSALS:
        status, body = await raw_get(ds, path)
        assert status == 404, (path, status)
        assert b"root:" not in body


async def test_introspection_pages_are_hidden(ds: Datasette, built_package: Path) -> None:
    for name in INTROSPECTION:
        for path in (f"/-/{name}", f"/-/{name}.json"):
            assert (await ds.client.get(path)).status_code == 404, path
    folder = str(built_package.resolve())
    for path in ("/", "/.json", f"/{DB}.json", f"/{DB}/figures.json", "/-/search?q=heroes"):
        response = await ds.client.get(path)
        assert response.status_code == 200 and folder not in response.text, path
    for path in ("/-/static/app.css", "/static/newstables.css"):
        assert (await ds.client.get(path)).status_code == 200, path


async def test_wildcards_in_parameters_are_plain_characters(ds: Datasette) -> None:
    async def rows(path: str) -> list[dict]:
        response = await ds.client.get(path)
        assert response.status_code == 200, path
        return response.json()

    everything = await rows(f"/{DB}/article_contents.json?_shape=array&article=001")
    assert everything, "article 001 says something"
    for wildcard in ("%25", "_", "%25%25", "0%25", "00_"):
        found = await rows(f"/{DB}/article_contents.json?_shape=array&article={wildcard}")
        assert found == [], wildcard
        assert await rows(f"/{DB}/speaker.json?_shape=array&entity={wildcard}") == []
        assert (
            await rows(f"/{DB}/estimates_by_quantity.json?_shape=array&quantity={wildcard}") == []
        )
    casualties = await rows(f"/{DB}/estimates_by_quantity.json?_shape=array&quantity=casualties")
    assert casualties and all(r["quantity"].startswith("casualties_") for r in casualties)


async def test_internal_tables_are_hidden(ds: Datasette) -> None:
    home = (await ds.client.get("/")).text
    database = (await ds.client.get(f"/{DB}")).text
    for internal in ("estimates_materialized", "quotations_fts", "article_texts"):
        assert f'/{DB}/{internal}"' not in home, internal
        visible = database.split("hidden table")[0]
        assert f'href="/{DB}/{internal}"' not in visible, internal
    tables = (await ds.client.get(f"/{DB}.json")).json()["tables"]
    hidden = {t["name"] for t in tables if t["hidden"]}
    assert {"estimates_materialized", "article_texts", "quotations_fts"} <= hidden


async def test_page_titles_come_from_the_question(ds: Datasette) -> None:
    queries = ds.metadata("queries", database=DB)
    for name, query in queries.items():
        page = (await ds.client.get(f"/{DB}/{name}")).text
        title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S)[1]).strip()
        assert title == query["title"], name
        assert "SELECT" not in title.upper()
    figures = (await ds.client.get(f"/{DB}/figures")).text
    assert re.search(r"<title>Figures · [\d,]+ rows", figures)


async def test_one_log_line_per_error_and_no_traceback(
    ds: Datasette, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    paths = [BAD_ARGUMENTS[0], BAD_ARGUMENTS[3], f"/{DB}/no_such_table", "/-/threads.json"]
    for path in paths:
        assert (await ds.client.get(path)).status_code in (400, 404), path
    status, _ = await raw_get(ds, TRAVERSALS[0])
    assert status == 404
    captured = capsys.readouterr()
    lines = [line for line in (captured.err + captured.out).splitlines() if line.strip()]
    assert len(lines) == len(paths) + 1, lines
    assert all(line.startswith("newstables site: 4") for line in lines), lines
    assert "Traceback" not in captured.err + captured.out


async def test_the_404_page_is_the_site_error_page(ds: Datasette) -> None:
    response = await ds.client.get(f"/{DB}/no_such_table")
    assert response.status_code == 404 and "<html" in response.text
    assert 'Back to <a href="/">the home page</a>' in response.text
    response = await ds.client.get(f"/{DB}/no_such_table.json")
    assert response.status_code == 404 and response.json()["ok"] is False
