"""The spine end to end: build, validate, determinism, evidence and bad input."""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newstables.build import build
from newstables.cli import main
from newstables.corpus import CorpusError, read_corpus
from newstables.curation import DEFAULT_ARTICLES
from newstables.validate import check_evidence, validate_package

TABLES = ("articles", "entities", "quotations", "figures", "events", "event_mentions")


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every published file (datapackage, schemas, tables) under a package folder."""
    paths = [folder / "datapackage.json", *folder.glob("schema/*.json"), *folder.glob("data/*.*")]
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths
    }


def test_build_publishes_all_six_tables_and_validates(built_package: Path) -> None:
    for table in TABLES:
        assert (built_package / "data" / f"{table}.csv").exists()
        assert (built_package / "data" / f"{table}.json").exists()
        assert (built_package / "schema" / f"{table}.json").exists()
    report = validate_package(built_package / "datapackage.json")
    assert report.ok, report.render()
    with open(built_package / "data" / "articles.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["article_id"] for r in rows] == sorted(p.stem for p in DEFAULT_ARTICLES.glob("*.txt"))
    assert rows[3]["outlet"] == "dpa/MIA"


def test_article_texts_ship_byte_for_byte(built_package: Path) -> None:
    for source in DEFAULT_ARTICLES.glob("*.txt"):
        assert (
            built_package / "data" / "articles" / source.name
        ).read_bytes() == source.read_bytes()


def test_frictionless_cli_accepts_the_package(built_package: Path) -> None:
    command = [str(Path(sys.executable).parent / "frictionless"), "validate", "datapackage.json"]
    result = subprocess.run(command, cwd=built_package, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_rebuild_is_byte_identical(
    built_package: Path, seed_articles: Path, tmp_path: Path
) -> None:
    build(seed_articles, tmp_path)
    assert digests(tmp_path) == digests(built_package)


def test_evidence_check_catches_a_moved_span(built_package: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pkg"
    shutil.copytree(built_package, copy)
    text = copy / "data" / "articles" / "003_3bc72fdcf4e78d89.txt"
    text.write_bytes(text.read_bytes().replace(b"Putin", b"Putim", 1))
    problems = list(check_evidence(copy / "datapackage.json"))
    assert any("003_3bc72fdcf4e78d89.txt changed" in p for p in problems)


def test_validate_command_fails_on_a_corrupted_table(built_package: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pkg"
    shutil.copytree(built_package, copy)
    articles = copy / "data" / "articles.csv"
    articles.write_text(
        articles.read_text(encoding="utf-8").replace(",2025-04-28,", ",28/04/2025,", 1),
        encoding="utf-8",
    )
    assert main(["validate", str(copy)]) == 1
    assert main(["validate", str(built_package)]) == 0


# --- bad input: one clear error naming the file (and line), nothing published -------------


def corpus_copy(seed_articles: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(seed_articles, folder)
    return folder


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bad_latin1.txt", "Caf\xe9 au lait said the minister.\n".encode("latin-1"), "not UTF-8"),
        ("empty.txt", b"  \n\n", "empty article"),
        ("binary.txt", bytes(range(256)) * 8, "not UTF-8"),
        ("controls.txt", b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 10, "binary file"),
    ],
)
def test_bad_article_is_named_and_nothing_is_published(
    built_package: Path, seed_articles: Path, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    folder = corpus_copy(seed_articles, tmp_path)
    write(folder, name, data)
    out = tmp_path / "pkg"
    shutil.copytree(built_package, out)
    before = digests(out)
    with pytest.raises(CorpusError) as caught:
        build(folder, out)
    assert name in str(caught.value) and message in str(caught.value)
    assert digests(out) == before
    assert not (out / ".newstables-staging").exists()


def test_not_utf8_error_names_the_line(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    write(folder, "x.txt", b"line one\nline two\nbad \xff byte\n")
    with pytest.raises(CorpusError, match=r"x\.txt:3: not UTF-8"):
        read_corpus(folder)


def test_duplicate_article_id_is_refused(seed_articles: Path, tmp_path: Path) -> None:
    folder = corpus_copy(seed_articles, tmp_path)
    source = folder / "003_3bc72fdcf4e78d89.txt"
    write(folder, "003_3BC72FDCF4E78D89.TXT", source.read_bytes())
    with pytest.raises(CorpusError, match="duplicate article id"):
        read_corpus(folder)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("003_3bc72fdcf4e78d89,dpa,,,2025-13-45,\n", r"articles\.csv:6: bad published date"),
        ("999_unknown,dpa,,,2025-04-28,\n", r"articles\.csv:6: metadata for unknown article"),
    ],
)
def test_bad_metadata_row_names_file_and_line(
    seed_articles: Path, tmp_path: Path, row: str, message: str
) -> None:
    folder = corpus_copy(seed_articles, tmp_path)
    metadata = folder / "articles.csv"
    lines = metadata.read_text(encoding="utf-8").splitlines(keepends=True)
    metadata.write_text("".join(lines[:4] + lines[5:] + [row]), encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        read_corpus(folder)


def test_metadata_is_optional_and_columns_may_be_missing(
    seed_articles: Path, tmp_path: Path
) -> None:
    folder = corpus_copy(seed_articles, tmp_path)
    (folder / "articles.csv").write_text("article_id,outlet\n000_dac3b4f1b009df78,Example\n")
    corpus = read_corpus(folder)
    assert corpus.articles[0].row.outlet == "Example"
    assert corpus.articles[1].row.published is None
    (folder / "articles.csv").unlink()
    assert len(read_corpus(folder).articles) == 5


def test_formula_injection_in_metadata_is_neutralised(seed_articles: Path, tmp_path: Path) -> None:
    folder = corpus_copy(seed_articles, tmp_path)
    (folder / "articles.csv").write_text(
        "article_id,outlet,title\n000_dac3b4f1b009df78,=cmd|' /C calc'!A0,@SUM(A1)\n"
    )
    row = read_corpus(folder).articles[0].row
    assert row.outlet == "'=cmd|' /C calc'!A0" and row.title == "'@SUM(A1)"


def test_keep_going_skips_and_reports(seed_articles: Path, tmp_path: Path, capsys) -> None:
    folder = corpus_copy(seed_articles, tmp_path)
    write(folder, "zz_empty.txt", b"")
    out = tmp_path / "pkg"
    code = main(["build", "--articles", str(folder), "--out", str(out), "--keep-going", "--quiet"])
    assert code == 2
    assert "zz_empty.txt: empty article" in capsys.readouterr().err
    with open(out / "data" / "articles.csv", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 5


def test_unwritable_output_is_a_clear_error(seed_articles: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code = main(["build", "--articles", str(seed_articles), "--out", str(blocker / "out")])
    assert code == 1
    err = capsys.readouterr().err
    assert "a-file" in err and "nothing was published" in err


def test_cli_build_prints_a_summary(seed_articles: Path, tmp_path: Path, capsys) -> None:
    assert main(["build", "--articles", str(seed_articles), "--out", str(tmp_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Published data package version" in out
    assert "articles" in out and "5 rows" in out


def test_unchanged_rebuild_publishes_nothing_and_any_change_rebuilds(
    seed_articles: Path, tmp_path: Path
) -> None:
    out = tmp_path / "package"
    first = build(seed_articles, out)
    published = digests(out)
    times = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = build(seed_articles, out)
    assert again.unchanged and not first.unchanged
    assert again.counts == first.counts
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == times

    (out / "data" / "figures.csv").write_text("damaged\n", encoding="utf-8")
    repaired = build(seed_articles, out)
    assert not repaired.unchanged and digests(out) == published

    edited = tmp_path / "articles"
    shutil.copytree(seed_articles, edited)
    article = sorted(edited.glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nA closing line.\n", "utf-8")
    changed = build(edited, out)
    assert not changed.unchanged and digests(out) != published


def test_a_dropped_article_leaves_no_file_behind(seed_articles: Path, tmp_path: Path) -> None:
    articles, out = tmp_path / "articles", tmp_path / "package"
    shutil.copytree(seed_articles, articles)
    build(articles, out)
    dropped = sorted(articles.glob("*.txt"))[-1]
    assert (out / "data" / "articles" / dropped.name).exists()
    dropped.unlink()
    metadata = articles / "articles.csv"
    with metadata.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle) if r[0] != dropped.stem]
    with metadata.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    summary = build(articles, out)
    assert summary.counts["articles"] == 4
    assert not (out / "data" / "articles" / dropped.name).exists()
    assert len(list((out / "data" / "articles").glob("*.txt"))) == 4
    assert len(list(articles.glob("*.txt"))) == 4  # the inputs are untouched
