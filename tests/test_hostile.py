"""A hostile articles.csv: formulas are neutralised in CSV, JSON and SQLite; the rest is rejected.

Rejected input exits 1 with the file and line named, and leaves the published package intact.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from newstables.cli import main

FIRST, SECOND = "000_dac3b4f1b009df78", "001_48dad1407b159abf"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = {
    FIRST: {
        "outlet": "=cmd|' /C calc'!A0",
        "url": "@import http://evil.example",
        "title": "+SUM(1,2)",
        "notes": "-2+3",
    },
    SECOND: {
        "outlet": '\t=HYPERLINK("http://evil.example","click")',
        "title": "  @evil",
        "notes": '=1+1,"quoted"\nsecond line',
    },
}
COLUMNS = ("outlet", "url", "title", "notes")


def metadata_csv(rows: dict[str, dict[str, str]]) -> str:
    """articles.csv with every cell quoted (embedded quotes doubled)."""
    lines = [",".join(["article_id", *COLUMNS])]
    for article_id, values in rows.items():
        cells = [article_id, *(values.get(c, "") for c in COLUMNS)]
        lines.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    return "\n".join(lines) + "\n"


def expected(value: str) -> str:
    return "'" + value.strip()


@pytest.fixture
def articles(seed_articles: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for article_id in (FIRST, SECOND):
        shutil.copyfile(seed_articles / f"{article_id}.txt", folder / f"{article_id}.txt")
    return folder


def build(articles: Path, out: Path) -> int:
    return main(["build", "--articles", str(articles), "--out", str(out), "--quiet"])


def test_formulas_are_neutralised_in_csv_json_and_sqlite(articles: Path, tmp_path: Path) -> None:
    (articles / "articles.csv").write_text(metadata_csv(HOSTILE), encoding="utf-8")
    out = tmp_path / "out"
    assert build(articles, out) == 0
    with open(out / "data" / "articles.csv", encoding="utf-8", newline="") as handle:
        from_csv = {r["article_id"]: r for r in csv.DictReader(handle)}
    from_json = {
        r["article_id"]: r
        for r in json.loads((out / "data" / "articles.json").read_text(encoding="utf-8"))
    }
    [database] = sorted(out.rglob("*.db"))  # the build always writes the site database
    with sqlite3.connect(database) as db:
        db.row_factory = sqlite3.Row
        from_sqlite = {r["article_id"]: dict(r) for r in db.execute("select * from articles")}
    for article_id, values in HOSTILE.items():
        for column, value in values.items():
            assert from_csv[article_id][column] == expected(value)
            assert from_json[article_id][column] == expected(value)
            assert from_sqlite[article_id][column] == expected(value)
    for row in from_csv.values():
        assert not any(row[c].startswith(FORMULA_START) for c in COLUMNS)


def digest(out: Path) -> str:
    files = sorted(p for p in out.rglob("*") if p.is_file() and ".newstables-cache" not in p.parts)
    return hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()


BAD = {
    "too long": (metadata_csv({FIRST: {"title": "x" * 5000}}).encode(), "title longer than"),
    "cp1252": (f"article_id,title\n{FIRST},Café\n".encode("cp1252"), "not UTF-8"),
    "utf-16": (f"article_id,title\n{FIRST},Café\n".encode("utf-16"), "not UTF-8"),
    "nul": (metadata_csv({FIRST: {"title": "a\x00b"}}).encode(), "control characters"),
    "formula id": (b"article_id,title\n=cmd|x,ok\n", "unknown article"),
    "formula date": (b"article_id,published\n" + FIRST.encode() + b",=1+1\n", "bad published"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_metadata_is_rejected_and_the_package_stays_intact(
    case: str, articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert build(articles, out) == 0
    before = digest(out)
    data, message = BAD[case]
    (articles / "articles.csv").write_bytes(data)
    capsys.readouterr()
    assert build(articles, out) == 1
    error = capsys.readouterr().err
    assert "articles.csv" in error and message in error
    assert digest(out) == before


LINE_BREAK_ARTICLES = {
    "bare_cr": "The mayor said: “We will never forget\rthe flood.”\n",
    "cr_only": "First line.\rThe mayor said: “The bridge\rwill open.”\rLast line.\r",
    "crlf": "The mayor said: “The ferry runs.”\r\nShe added: “Not\u2028today.”\r\n",
}


def test_line_breaks_of_every_kind_round_trip(tmp_path: Path) -> None:
    """Bare CR, CR-only and CRLF texts build, validate and load back exactly (issue 16.3)."""
    import newstables

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in LINE_BREAK_ARTICLES.items():
        (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))
    out = tmp_path / "out"
    assert build(folder, out) == 0
    assert main(["validate", str(out)]) == 0
    quotations = newstables.load("quotations", package=out)
    texts = {q.text for q in quotations.itertuples()}
    expected = {"We will never forget\rthe flood.", "The bridge\rwill open.", "Not\u2028today."}
    assert expected <= texts
    for row in quotations.itertuples():
        stored = (out / "data" / "articles" / f"{row.article_id}.txt").read_bytes()
        assert stored == LINE_BREAK_ARTICLES[row.article_id].encode("utf-8")
        assert stored.decode("utf-8")[row.char_start : row.char_end] == row.text
