"""Reading the articles folder: only regular files inside it, suffixes in any case, bad records
named by file and line, and the curation a build picks when no flag says which."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from newstables.build import build
from newstables.cli import build_inputs, main, undated_line
from newstables.corpus import CorpusError, read_corpus
from newstables.curation import DEFAULT_ARTICLES, DEFAULT_CURATION, Curation, curation_for, merge
from newstables.init import scaffold
from newstables.validate import validate_package

ARTICLE = "Harbour master Ines Duarte said: \u201cThe new pier opens in May.\u201d\n"


def folder_with(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


def test_a_symlink_is_refused_naming_it_and_skipped_with_keep_going(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = folder_with(tmp_path, a__txt=ARTICLE)
    (folder / "passwd.txt").symlink_to(secret)
    with pytest.raises(CorpusError, match=r"passwd\.txt: symbolic link: not followed"):
        read_corpus(folder)
    corpus = read_corpus(folder, keep_going=True)
    assert [a.row.article_id for a in corpus.articles] == ["a"]
    assert "passwd.txt" in str(corpus.skipped[0])
    assert all("root:x" not in a.text for a in corpus.articles)


def test_a_symlinked_metadata_file_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("article_id,title\na,Secret title\n", encoding="utf-8")
    folder = folder_with(tmp_path, a__txt=ARTICLE)
    (folder / "articles.csv").symlink_to(elsewhere)
    with pytest.raises(CorpusError, match=r"articles\.csv: symbolic link: not followed"):
        read_corpus(folder)
    (folder / "articles.csv").unlink()
    (folder / "Articles.CSV").write_text("article_id,title\na,Harbour\n", encoding="utf-8")
    assert read_corpus(folder).articles[0].row.title == "Harbour"


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, a__txt=ARTICLE)
    os.mkfifo(folder / "pipe.txt")
    with pytest.raises(CorpusError, match=r"pipe\.txt: not a regular file"):
        read_corpus(folder)
    assert len(read_corpus(folder, keep_going=True).skipped) == 1


def test_upper_case_suffixes_build_end_to_end(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, zz_upper__TXT=ARTICLE)
    out = tmp_path / "out"
    build(folder, out, n_process=1)  # no curation anywhere: the engine defaults alone
    assert (out / "data" / "articles" / "zz_upper.TXT").read_text(encoding="utf-8") == ARTICLE
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == f"newstables dataset: {tmp_path.name}"
    assert descriptor["name"] != "newstables-korea-kursk" and "licenses" not in descriptor
    assert validate_package(out / "datapackage.json").ok
    with sqlite3.connect(out / "site" / "newstables.db") as db:
        (text,) = db.execute(
            "SELECT text FROM article_texts WHERE article_id = 'zz_upper'"
        ).fetchone()
    assert text == ARTICLE


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"export\.jsonl:2: not JSON"),
        ('["a list"]', r"export\.jsonl:2: a line must be a JSON object"),
        ('{"text": "No id here."}', r"export\.jsonl:2: record has no 'id'"),
        ('{"id": "b"}', r"export\.jsonl:2: record 'b' has no 'text'"),
        ('{"id": "a", "text": "Again."}', r"export\.jsonl:2: duplicate article id 'a'"),
        ('{"id": "b c", "text": "Bad id."}', r"export\.jsonl:2: article id 'b c' is not valid"),
        ('{"id": "b", "text": "x", "published": "soon"}', r"export\.jsonl:2: bad published date"),
        ('{"id": "b", "text": 5}', r"export\.jsonl:2: field 'text' must be a string"),
    ],
)
def test_a_bad_record_is_named_by_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text('{"id": "a", "text": "Fine."}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        read_corpus(export)
    assert [a.row.article_id for a in read_corpus(export, keep_going=True).articles] == ["a"]


def test_a_page_without_text_is_named(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path, a__txt=ARTICLE, empty__HTM="<html><body><nav>Home</nav></body></html>"
    )
    with pytest.raises(CorpusError, match=r"empty\.HTM: no article text found in the page"):
        read_corpus(folder)


def test_published_default_fills_only_missing_dates(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, a__txt=ARTICLE, b__txt=ARTICLE)
    (folder / "articles.csv").write_text("article_id,published\nb,2025-02-01\n", encoding="utf-8")
    assert read_corpus(folder).undated() == ["a"]
    corpus = read_corpus(folder, published_default=dt.date(2025, 3, 1))
    dates = {a.row.article_id: a.row.published for a in corpus.articles}
    assert dates == {"a": dt.date(2025, 3, 1), "b": dt.date(2025, 2, 1)}
    assert "--published-default" in corpus.articles[0].row.notes
    assert undated_line(["a"]).startswith("relative dates left unresolved in 1 article (")
    assert undated_line([]) == ""


def test_merge_extends_defaults_and_the_extension_comes_first() -> None:
    defaults = {"quantities": {"people": ["person"], "kinds": {"money": {"unit": "currency"}}}}
    extension = {"quantities": {"people": ["sailor"], "kinds": {"tonnage": {"unit": "t"}}}}
    merged = merge(defaults, extension)
    assert merged["quantities"]["people"] == ["sailor", "person"]
    assert list(merged["quantities"]["kinds"]) == ["tonnage", "money"]
    assert merge(defaults, {"quantities": {"kinds": {"money": None}}})["quantities"]["kinds"] == {}
    assert merge({"events": {"a": [1]}}, {"events": {"b": [2]}}) == {"events": {"b": [2], "a": [1]}}


def test_the_bundled_curation_extends_the_engine_defaults() -> None:
    kinds = Curation.load(DEFAULT_CURATION).codebook["quantities"]["kinds"]
    assert list(kinds)[0] == "casualties_killed_or_wounded"  # the dataset's kinds first
    assert {"money", "share_percent", "distance", "votes"} <= set(kinds)
    engine = Curation.load(None)
    assert "troops_deployed" not in engine.codebook["quantities"]["kinds"]
    assert not engine.registry.entries and engine.package["name"] == "articles"


def args(**given: object) -> argparse.Namespace:
    return argparse.Namespace(**{"articles": None, "out": None, "curation": None, **given})


def test_which_curation_a_build_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "water-rates"
    scaffold(project)
    other = folder_with(tmp_path, a__txt=ARTICLE)
    assert curation_for(DEFAULT_ARTICLES) == DEFAULT_CURATION
    assert curation_for(project / "articles") == project / "curation"
    assert curation_for(other) is None
    monkeypatch.chdir(project)
    here = Path.cwd()
    assert build_inputs(args()) == (here / "articles", here, here / "curation")
    assert build_inputs(args(articles=other, out=tmp_path / "o")) == (other, tmp_path / "o", None)
    with pytest.raises(ValueError, match="give --out DIR"):
        build_inputs(args(articles=other))
    with pytest.raises(ValueError, match="typo: curation folder not found"):
        build(other, tmp_path / "o", curation_dir=tmp_path / "typo")


def test_init_scaffolds_a_project_that_warns_about_placeholders(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["init", str(tmp_path / "harbour")]) == 0
    made = {
        p.relative_to(tmp_path / "harbour").as_posix() for p in (tmp_path / "harbour").rglob("*")
    }
    assert {"articles", "curation/package.yaml", "curation/entities.yaml", "README.md"} <= made
    assert {"curation/codebook.yaml", "curation/questions.yaml", "curation/decisions.yaml"} <= made
    curation = Curation.load(tmp_path / "harbour" / "curation")
    assert curation.package["name"] == "harbour" and not curation.registry.entries
    assert main(["init", str(tmp_path / "harbour")]) == 1
    assert "exists and is not empty" in capsys.readouterr().err
    (tmp_path / "harbour" / "articles" / "pier.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "harbour"
    assert main(["build", "--articles", str(out / "articles"), "--processes", "1"]) == 0
    err = capsys.readouterr().err
    assert "package.yaml still has placeholders: title, description, sources" in err
    assert "relative dates left unresolved in 1 article (" in err
    assert (out / "datapackage.json").exists()
    monkeypatch.chdir(out)  # inside the project, the loader commands read its package
    assert main(["load", "articles"]) == 0 and "\npier," in capsys.readouterr().out
    assert main(["validate"]) == 0 and capsys.readouterr().out.strip().endswith("valid")
