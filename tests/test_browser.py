"""The site in a real browser: Debian chromium driven by Playwright (never ``playwright install``).

Opens every page kind (home, each table, each question, search, a row, an error) on a live
``datasette serve`` at 1280 px and 390 px, saves a screenshot of each under tests/artifacts/,
checks that the who / what / when columns are on screen at 1280 px and that nothing loads from
another host, then follows a journalist's path (search, sources, a speaker, a claim's
evidence). Without chromium the test fails with the fix; set NEWSTABLES_NO_BROWSER=1 to skip it
on a machine where chromium cannot be installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_or_fail() -> str:
    """Debian's chromium, or a failure (a skip only when explicitly asked) that says what to do."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    message = (
        "chromium not found on PATH: run `bash scripts/setup.sh --browser` "
        "(apt-get install chromium)."
    )
    if os.environ.get("NEWSTABLES_NO_BROWSER"):
        pytest.skip(message + " Skipped because NEWSTABLES_NO_BROWSER is set.")
    pytest.fail(message + " Set NEWSTABLES_NO_BROWSER=1 to skip where it cannot be installed.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(built_package: Path) -> Iterator[str]:
    """``datasette serve site/`` on a free port of 127.0.0.1; yields the base URL."""
    port = free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(built_package / "site")]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"datasette exited: {process.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        else:
            pytest.fail("datasette did not start within 20 seconds")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


# Every page kind: (artifact name, path, the reader columns that must be on screen at 1280 px).
PAGES: list[tuple[str, str, tuple[str, ...]]] = [
    ("home", "/", ()),
    ("table-quotations", "/newstables/quotations", ("text", "speaker_id", "cue", "article_id")),
    (
        "table-figures",
        "/newstables/figures",
        ("surface", "claimant_id", "as_of_label", "article_id"),
    ),
    ("table-events", "/newstables/events", ("date_label", "summary", "actor_id", "location_id")),
    ("table-event-mentions", "/newstables/event_mentions", ("text", "event_id", "article_id")),
    ("table-entities", "/newstables/entities", ("name", "type", "anonymous")),
    ("table-articles", "/newstables/articles", ("label", "outlet", "published_label")),
    ("query-sources", "/newstables/sources", ("source", "anonymous", "quotations", "figures")),
    ("query-speaker", "/newstables/speaker?entity=vladimir-putin", ("date", "words", "article")),
    ("query-timeline", "/newstables/timeline", ("when", "what", "who", "where")),
    ("query-who-said-what", "/newstables/who_said_what?topic=heroes", ("quotation", "speaker")),
    (
        "query-estimates-by-quantity",
        "/newstables/estimates_by_quantity?quantity=",
        ("estimate", "claimant", "as_of"),
    ),
    ("query-casualties", "/newstables/casualty_estimates", ("estimate", "claimant", "as_of")),
    ("query-article", "/newstables/article_contents?article=003", ("kind", "words", "who")),
    ("query-search-articles", "/newstables/search_articles?phrase=heroes", ("article", "passage")),
    ("search-all", "/-/search?q=heroes", ()),
    ("table-figures-all-columns", "/newstables/figures?_all=1", ()),
    ("row-figure", "/newstables/figures/{figure}", ()),
    ("evidence-quotation", "/-/evidence/quotations/{quotation}#evidence", ()),
    ("evidence-article", "/-/evidence/articles/{article}", ()),
    ("error-404", "/newstables/no_such_table", ()),
]
WIDTHS = (1280, 390)


def launch(playwright: object, executable: str, profile: Path, width: int) -> object:
    """A headless persistent chromium context (Playwright refuses a --user-data-dir flag)."""
    return playwright.chromium.launch_persistent_context(  # type: ignore[attr-defined]
        str(profile),
        executable_path=executable,
        args=FLAGS,
        headless=True,
        viewport={"width": width, "height": 900},
    )


SCROLLED_TO = """(mark, top) => {
  window.scrollBy(0, mark.getClientRects()[0].top - top);
  const line = mark.getClientRects()[0];
  const hit = document.elementFromPoint(line.left + 2, line.top + line.height / 2);
  return {top: Math.round(line.top), visible: mark.contains(hit)};
}"""


def first_id(server: str, table: str, order: str = "") -> str:
    """The primary key of the first row of ``table`` (read through the site's JSON)."""
    url = f"{server}/newstables/{table}.json?_shape=array&_size=1{order}"
    with urllib.request.urlopen(url, timeout=10) as response:
        row = json.loads(response.read())[0]
    return str(next(iter(row.values())))


def off_screen(page: object, columns: tuple[str, ...], width: int) -> list[str]:
    """The columns whose header is missing or ends beyond ``width`` pixels."""
    missing = []
    for column in columns:
        header = page.locator(f"table.rows-and-columns th.col-{column}").first  # type: ignore[attr-defined]
        box = header.bounding_box() if header.count() else None
        if box is None or box["x"] + box["width"] > width:
            missing.append(column)
    return missing


def test_every_page_kind_at_desktop_and_phone_width(server: str, tmp_path: Path) -> None:
    executable = chromium_or_fail()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    ids = {table[:-1]: first_id(server, table) for table in ("figures", "quotations", "articles")}
    requested: list[str] = []
    with sync_playwright() as playwright:
        for width in WIDTHS:
            browser = launch(playwright, executable, tmp_path / f"profile-{width}", width)
            page = browser.new_page()
            page.on("request", lambda request: requested.append(request.url))
            try:
                for name, path, columns in PAGES:
                    response = page.goto(server + path.format(**ids))
                    expected = 404 if name.startswith("error") else 200
                    assert response is not None and response.status == expected, (name, width)
                    if name == "search-all":
                        page.wait_for_selector(".search-all-loading", state="hidden")
                    page.screenshot(path=ARTIFACTS / f"{name}-{width}.png", full_page=True)
                    wide = page.evaluate("document.documentElement.scrollWidth")
                    assert wide <= width, f"{name} is {wide} px wide in a {width} px window"
                    if width == 1280:
                        hidden = off_screen(page, columns, width)
                        assert not hidden, f"{name}: columns off screen at 1280 px: {hidden}"
            finally:
                browser.close()
    foreign = [url for url in requested if not url.startswith(server)]
    assert not foreign, f"the site loaded from other hosts: {foreign}"


def test_journalist_path_through_the_site(server: str, tmp_path: Path) -> None:
    executable = chromium_or_fail()
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright, executable, tmp_path / "profile", 1280)
        page = browser.new_page()
        try:
            # Home page: what the data is, the questions (the dataset's and the sources), downloads.
            page.goto(server + "/")
            expect(page.locator("h1")).to_contain_text("North Korean troops")
            expect(page.get_by_text("Start with a question")).to_be_visible()
            expect(page.get_by_role("link", name="Who gets quoted?")).to_be_visible()
            expect(page.get_by_role("link", name="datapackage.json").first).to_be_visible()

            # Search everything from the home page box, then the article texts.
            page.fill("#search-all-q", "heroes")
            page.press("#search-all-q", "Enter")
            page.wait_for_url("**/-/search?q=heroes")
            expect(page.locator(".search-all-loading:visible")).to_have_count(0, timeout=10_000)
            headers = page.locator("table.nt-search-results th:visible")
            expect(headers.filter(has_text=re.compile("^quotation$"))).to_have_count(1)
            expect(headers.filter(has_text="char_start")).to_have_count(0)
            page.get_by_role("link", name="Search the full article texts for “heroes”").click()
            expect(page.locator("table.rows-and-columns")).to_contain_text("[heroes]")

            # Sources: the chart per outlet, then one speaker's page.
            page.goto(server + "/newstables/sources")
            expect(page).to_have_title(re.compile("^Who gets quoted"))
            expect(page.locator(".nt-bars .nt-bar-row").first).to_be_visible()
            row = page.locator("table.rows-and-columns tr", has_text="Vladimir Putin").first
            row.get_by_role("link", name="everything they said →").click()
            expect(page.locator("table.rows-and-columns")).to_contain_text("April 2025")

            # A question and its evidence: the casualty claims, then one claim in its article.
            page.goto(server + "/newstables/casualty_estimates")
            expect(page.locator("table.rows-and-columns")).to_contain_text("Volodymyr Zelenskyy")
            expect(page.locator("table.rows-and-columns")).to_contain_text("1,200")
            row = page.locator("table.rows-and-columns tr", has_text="Volodymyr Zelenskyy").first
            surfaces = row.locator("td.col-surfaces").inner_text()
            row.get_by_role("link", name="show in article →").click()
            highlight = page.locator(".nt-text mark#evidence")
            expect(highlight).to_be_in_viewport()
            assert highlight.inner_text() in surfaces
            # Nothing covers the highlight: the element at its first line is the highlight.
            on_top = highlight.evaluate(
                """mark => { const r = mark.getClientRects()[0];
                const hit = document.elementFromPoint(r.left + 2, r.top + r.height / 2);
                return mark.contains(hit); }"""
            )
            assert on_top, "something covers the first line of the highlighted words"
            expect(page.locator(".nt-text mark.who").first).to_contain_text("Zelensk")
            expect(page.get_by_text("the highlighted characters match this row")).to_be_visible()
            page.screenshot(path=ARTIFACTS / "evidence-figure-1280.png")

            # A reader scrolls on: with the highlighted words at the top of the window, no
            # header covers them (the article's earliest quotation leaves text to scroll).
            first = first_id(server, "quotations", "&_sort=char_start")
            page.goto(f"{server}/-/evidence/quotations/{first}#evidence")
            mark = page.locator(".nt-text mark#evidence")
            for top in (10, 60, 120):
                seen = mark.evaluate(SCROLLED_TO, top)
                assert seen["top"] == top and seen["visible"], (top, seen)
        finally:
            browser.close()
