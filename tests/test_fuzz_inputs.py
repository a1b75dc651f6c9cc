"""Hostile input folders (issue 16.1, owned by corpus.py): a symlink is refused, never followed.

Passes once the corpus reader refuses symlinks (the issue-14 branch); the inputs are the ones
``newstables benchmark --hostile`` times.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newstables.cli import main
from newstables.hostile import symlink_input


def build(folder: Path, out: Path, *options: str) -> int:
    return main(["build", "--articles", str(folder), "--out", str(out), "--quiet", *options])


def test_a_symlinked_article_is_refused_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    symlink_input(folder)
    assert build(folder, tmp_path / "out") == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "error:" in line]
    assert len(errors) == 1 and "link.txt" in errors[0]
    assert not (tmp_path / "out" / "datapackage.json").exists()


def test_keep_going_skips_a_symlinked_article(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    symlink_input(folder)
    assert build(folder, tmp_path / "out", "--keep-going") == 2
    published = {p.name for p in (tmp_path / "out" / "data" / "articles").iterdir()}
    assert published == {"good.txt"}
