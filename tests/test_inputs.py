"""Your own dataset: a small dataset project that is not the bundled one (a city council's
water-rate dispute, tests/data/water-rates/: articles/ and its own curation/), built as .txt
files, as web pages with page furniture and as one JSON-lines file, each with no flag but
--out: the same rows come out, and nothing of the bundled dataset leaks in."""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newstables.build import build
from newstables.curation import DEFAULT_CURATION, Curation, curation_for
from newstables.inputs import csv_records

PROJECT = Path(__file__).resolve().parent / "data" / "water-rates"
WATER = PROJECT / "articles"
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Millbrook Ledger</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Millbrook Ledger">
<meta property="article:published_time" content="{published}T08:30:00-05:00">
<link rel="canonical" href="{url}">
<script>window.ads = ["Subscribe now: 50 percent off"];</script>
<style>body {{ font-family: serif; }}</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sports">Sports</a></li><li><a href="/weather">Weather: 45 degrees</a></li></ul></nav>
<header><p>Millbrook Ledger: serving the valley since 1921</p></header>
<main><article>
<h1>{title}</h1>
{paragraphs}
</article></main>
<aside><h3>Most read</h3><p>Bakery on Elm Street wins county award for its sourdough.</p>
<p>High school team reaches the state final for the first time in 30 years.</p></aside>
<footer><p>Contact the newsroom. Privacy policy. Terms of use.</p>
<p>Copyright 2025 Millbrook Ledger Media Group, all rights reserved.</p></footer>
</body></html>
"""
# Words of the bundled dataset that must not appear in another dataset's package.
BUNDLED_WORDS = ("Korea", "Kursk", "Putin", "troops_deployed", "casualties", "korea-kursk")


def metadata() -> dict[str, dict[str, str]]:
    with open(WATER / "articles.csv", encoding="utf-8", newline="") as handle:
        return {row["article_id"]: row for row in csv.DictReader(handle)}


def texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(WATER.glob("*.txt"))}


def as_page(article_id: str, text: str) -> str:
    """The article as a news site would serve it: the text in <p>s amid navigation, asides..."""
    meta = metadata()[article_id]
    title, *body = [p for p in text.split("\n\n") if p.strip()]
    paragraphs = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in body)
    return PAGE.format(
        title=html.escape(title.strip()),
        published=meta["published"],
        url=meta["url"],
        paragraphs=paragraphs,
    )


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus three ways: .txt files (+ articles.csv), .html pages, one .jsonl file; each
    beside a copy of the project's curation/."""
    root = tmp_path_factory.mktemp("water")
    for kind in ("txt", "html", "jsonl"):
        shutil.copytree(PROJECT / "curation", root / kind / "curation")
    txt = root / "txt" / "articles"
    shutil.copytree(WATER, txt)
    pages = root / "html" / "articles"
    pages.mkdir(parents=True)
    for article_id, text in texts().items():
        (pages / f"{article_id}.html").write_text(as_page(article_id, text), encoding="utf-8")
    lines = []
    for index, (article_id, text) in enumerate(texts().items()):
        meta = metadata()[article_id]
        record = {"id": article_id, "title": meta["title"], "url": meta["url"]}
        record |= {"published": meta["published"], "outlet": meta["outlet"], "author": "staff"}
        # one record carries its page instead of its text
        record |= {"html": as_page(article_id, text)} if index == 1 else {"text": text}
        lines.append(json.dumps(record, ensure_ascii=False))
    export = root / "jsonl" / "export.jsonl"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"txt": txt, "html": pages, "jsonl": export}


@pytest.fixture(scope="module")
def packages(inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Each input built as with no flag: the engine defaults plus the project's own curation."""
    built = {}
    for kind, articles in inputs.items():
        assert curation_for(articles) == inputs["txt"].parents[1] / kind / "curation"
        out = tmp_path_factory.mktemp(f"package-{kind}")
        build(articles, out, n_process=1)
        built[kind] = out
    return built


def rows(package: Path, table: str) -> list[dict[str, str]]:
    with open(package / "data" / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def found(package: Path) -> dict[str, set[tuple]]:
    """What the extraction found, without offsets or ids: text, speaker, value, claimant."""
    return {
        "quotations": {
            (r["article_id"], r["text"], r["speaker_id"]) for r in rows(package, "quotations")
        },
        "figures": {
            (
                r["article_id"],
                r["surface"],
                r["value"],
                r["low"],
                r["high"],
                r["claimant_id"],
                r["quantity"],
            )
            for r in rows(package, "figures")
        },
        "events": {
            (r["event_type"], r["actor_id"], r["recipient_id"], r["date"])
            for r in rows(package, "events")
        },
        "entities": {r["entity_id"] for r in rows(package, "entities")},
    }


def test_the_three_inputs_give_the_same_rows(packages: dict[str, Path]) -> None:
    txt = found(packages["txt"])
    assert len(txt["quotations"]) >= 5 and len(txt["figures"]) >= 5
    assert {event[0] for event in txt["events"]} >= {"PROTEST", "AGREE"}
    speakers = {speaker for _, _, speaker in txt["quotations"]}
    assert {"dana-whitfield", "tomas-reyes", "priya-nandakumar"} <= speakers
    # "The city's water utility says it needs $4.2 million": the utility claims it
    utility = ("council-vote", "$4.2 million", "4200000", "", "", "city-water-utility-council-vote")
    assert (*utility, "money") in txt["figures"]
    for kind in ("html", "jsonl"):
        assert found(packages[kind]) == txt, kind


def test_page_furniture_is_dropped_and_the_text_is_the_articles(packages: dict[str, Path]) -> None:
    for kind in ("html", "jsonl"):
        for article_id, text in texts().items():
            stored = (packages[kind] / "data" / "articles" / f"{article_id}.txt").read_text("utf-8")
            assert stored == text, (kind, article_id)
            for furniture in ("Subscribe", "Most read", "sourdough", "Privacy", "Weather"):
                assert furniture not in stored


def test_the_articles_table_records_format_hash_and_page_metadata(
    packages: dict[str, Path], inputs: dict[str, Path]
) -> None:
    formats = {
        kind: {r["input_format"] for r in rows(packages[kind], "articles")} for kind in packages
    }
    assert formats == {"txt": {"txt"}, "html": {"html"}, "jsonl": {"jsonl"}}
    pages = {r["article_id"]: r for r in rows(packages["html"], "articles")}
    for article_id, meta in metadata().items():
        page = pages[article_id]
        assert (page["title"], page["url"], page["outlet"], page["published"]) == (
            meta["title"],
            meta["url"],
            meta["outlet"],
            meta["published"],
        )
        original = (inputs["html"] / f"{article_id}.html").read_bytes()
        assert page["input_sha256"] == hashlib.sha256(original).hexdigest()
        assert page["input_sha256"] != page["text_sha256"]
    lines = inputs["jsonl"].read_bytes().splitlines(keepends=True)
    records = rows(packages["jsonl"], "articles")
    hashes = {hashlib.sha256(line).hexdigest() for line in lines}
    assert {r["input_sha256"] for r in records} == hashes


def test_nothing_of_the_bundled_dataset_leaks_in(packages: dict[str, Path]) -> None:
    bundled = Curation.load(DEFAULT_CURATION)
    bundled_ids = set(bundled.registry.entries)
    engine_kinds = set(Curation.load(None).codebook["quantities"]["kinds"])
    subject_kinds = set(bundled.codebook["quantities"]["kinds"]) - engine_kinds
    assert {"troops_deployed", "casualties_killed_or_wounded", "workers_sent"} <= subject_kinds
    for kind, package in packages.items():
        assert not found(package)["entities"] & bundled_ids, kind
        quantities = {r["quantity"] for r in rows(package, "figures")}
        assert not quantities & subject_kinds, (kind, quantities)
        descriptor = (package / "datapackage.json").read_text(encoding="utf-8")
        for word in BUNDLED_WORDS:
            assert word not in descriptor, (kind, word)
        title = json.loads(descriptor)["title"]
        assert title == "Millbrook water rates, March 2025 (test dataset)", kind


def test_frictionless_validates_each_package(packages: dict[str, Path]) -> None:
    frictionless = Path(sys.executable).with_name("frictionless")
    for kind, package in packages.items():
        done = subprocess.run(
            [str(frictionless), "validate", str(package / "datapackage.json")],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, (kind, done.stdout[-2000:])


def test_a_csv_of_articles_reads_like_the_jsonl() -> None:
    text = 'id,title,text\nc1,First,"Mayor Lee said: ""Fine.""\nSecond line."\nc2,,Plain.\n'
    records = list(csv_records(text))
    assert [(r.article_id, r.text, r.line) for r in records] == [
        ("c1", 'Mayor Lee said: "Fine."\nSecond line.', 2),
        ("c2", "Plain.", 4),
    ]
    assert records[0].metadata == {"title": "First"}


def test_the_loader_reads_each_package_offline(packages: dict[str, Path]) -> None:
    import newstables

    for package in packages.values():
        figures = newstables.load("figures", package=package)
        assert len(figures) == len(rows(package, "figures"))
    assert os.path.exists(packages["txt"] / "site" / "newstables.db")
