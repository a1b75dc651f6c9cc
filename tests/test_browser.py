"""The site in a real browser: Debian chromium driven by Playwright (never ``playwright install``).

Opens the home page, a table, a search and an evidence view on a live ``datasette serve``,
asserts on visible text, checks that nothing loads from another host, and saves screenshots
under tests/artifacts/. Without chromium the test fails with the fix; set
NEWSTABLES_NO_BROWSER=1 to skip it on a machine where chromium cannot be installed.
"""

from __future__ import annotations

import os
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
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
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


def test_journalist_path_through_the_site(server: str, tmp_path: Path) -> None:
    executable = chromium_or_fail()
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    requested: list[str] = []
    with sync_playwright() as playwright:
        # Playwright refuses a --user-data-dir flag; a persistent context passes the same folder.
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=executable,
            args=FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        page = browser.new_page()
        page.on("request", lambda request: requested.append(request.url))
        try:
            # Home page: what the data is, the questions, the downloads.
            page.goto(server + "/")
            expect(page.locator("h1")).to_contain_text("North Korean troops")
            expect(page.get_by_text("Start with a question")).to_be_visible()
            expect(page.get_by_role("link", name="datapackage.json").first).to_be_visible()
            page.screenshot(path=ARTIFACTS / "home.png", full_page=True)

            # A table: figures with claimant names (labels, not ids) and evidence links.
            page.goto(server + "/newstables/figures")
            expect(page.locator("h1")).to_contain_text("Figures")
            expect(page.locator("table.rows-and-columns")).to_contain_text("Volodymyr Zelenskyy")
            expect(page.get_by_role("link", name="in context →").first).to_be_visible()
            page.screenshot(path=ARTIFACTS / "table-figures.png", full_page=True)

            # Search everything from the home page box.
            page.goto(server + "/")
            page.fill("#search-all-q", "heroes")
            page.press("#search-all-q", "Enter")
            page.wait_for_url("**/-/search?q=heroes")
            expect(page.locator(".search-all-loading:visible")).to_have_count(0, timeout=10_000)
            page.screenshot(path=ARTIFACTS / "search-heroes.png", full_page=True)
            page.get_by_role("link", name="Search the full article texts for “heroes”").click()
            expect(page.locator("table.rows-and-columns")).to_contain_text("[heroes]")
            page.screenshot(path=ARTIFACTS / "search-article-texts.png", full_page=True)

            # A question and its evidence: the casualty claims, then one claim in its article.
            page.goto(server + "/newstables/casualty_estimates")
            expect(page.locator("table.rows-and-columns")).to_contain_text("Volodymyr Zelenskyy")
            expect(page.locator("table.rows-and-columns")).to_contain_text("1,200")
            page.screenshot(path=ARTIFACTS / "query-casualties.png", full_page=True)
            row = page.locator("table.rows-and-columns tr", has_text="Volodymyr Zelenskyy").first
            surfaces = row.locator("td.col-surfaces").inner_text()
            row.get_by_role("link", name="show in article →").click()
            highlight = page.locator(".nt-text mark#evidence")
            expect(highlight).to_be_in_viewport()
            assert highlight.inner_text() in surfaces
            expect(page.locator(".nt-text mark.who").first).to_contain_text("Zelensk")
            expect(page.get_by_text("the highlighted characters match this row")).to_be_visible()
            page.screenshot(path=ARTIFACTS / "evidence-figure.png")
        finally:
            browser.close()
    foreign = [url for url in requested if not url.startswith(server)]
    assert not foreign, f"the site loaded from other hosts: {foreign}"
