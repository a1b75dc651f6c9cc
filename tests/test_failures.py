"""Failures of the machine, not the input: a concurrent build, a full disk at any step.

Each ends in one error line, exit 1, and the package published before is left byte for byte.
"""

from __future__ import annotations

import errno
import hashlib
import multiprocessing
import os
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

from newstables import build as build_module
from newstables import stamp
from newstables.cli import main
from newstables.executor import CACHE_DIR
from newstables.publish import files
from newstables.publish.atomic import lock

FULL = OSError(errno.ENOSPC, "No space left on device")


def digest(out: Path) -> str:
    paths = sorted(p for p in out.rglob("*") if p.is_file() and CACHE_DIR not in p.parts)
    return hashlib.sha256(b"".join(p.read_bytes() for p in paths)).hexdigest()


@pytest.fixture
def corpora(seed_articles: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two corpora: two seed articles, then the same plus a third (so a build has work)."""
    texts = sorted(seed_articles.glob("*.txt"))
    folders = []
    for name, count in (("old", 2), ("new", 3)):
        folder = tmp_path / name
        folder.mkdir()
        for text in texts[:count]:
            shutil.copyfile(text, folder / text.name)
        folders.append(folder)
    return folders[0], folders[1]


@pytest.fixture
def out(corpora: tuple[Path, Path], tmp_path: Path) -> Path:
    """A package built from the old corpus."""
    folder = tmp_path / "out"
    assert run(corpora[0], folder) == 0
    return folder


def run(articles: Path, out: Path) -> int:
    return main(["build", "--articles", str(articles), "--out", str(out), "--quiet"])


def error_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if " error: " in line]


def test_a_second_build_into_a_locked_folder_fails_at_once(
    corpora: tuple[Path, Path], out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 16.6: the lock names the running build's pid; released, the build goes ahead."""
    before = digest(out)
    with lock(out, out / CACHE_DIR / "build.lock"):
        capsys.readouterr()
        assert run(corpora[1], out) == 1
        (line,) = error_lines(capsys)
        assert f"another build is running (pid {os.getpid()})" in line
    assert digest(out) == before
    assert run(corpora[1], out) == 0
    assert digest(out) != before


def _fail(error: BaseException):
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


def _wrapped() -> RuntimeError:
    """What frictionless raises when its own write fails: an error whose cause is the OSError."""
    try:
        raise FULL
    except OSError as err:
        try:
            raise RuntimeError("cannot write the resource") from err
        except RuntimeError as wrapped:
            return wrapped


STEPS = {
    "tables": (files._HashedFile, "write", FULL),
    "validation": (build_module, "validate_tables", _wrapped()),
    "sqlite": (
        build_module,
        "build_database_of_site",
        sqlite3.OperationalError("database or disk is full"),
    ),
}


@pytest.mark.parametrize("step", sorted(STEPS))
def test_a_full_disk_at_any_step_is_one_line_and_the_old_package_stays(
    step: str,
    corpora: tuple[Path, Path],
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 16.7: disk full while writing tables, validating or building SQLite."""
    before = digest(out)
    owner, name, error = STEPS[step]
    monkeypatch.setattr(owner, name, _fail(error))
    capsys.readouterr()
    assert run(corpora[1], out) == 1
    (line,) = error_lines(capsys)
    assert str(out) in line and ("No space left" in line or "disk is full" in line)
    assert digest(out) == before
    assert not (out / ".newstables-staging").exists()


def full_workbook(stage: Path) -> tuple[int, str]:
    """The workbook step (run in a child process) finding the disk full."""
    try:
        raise FULL
    except OSError as err:
        raise RuntimeError("cannot write the workbook") from err


def killed_workbook(stage: Path) -> tuple[int, str]:
    """The workbook step's process killed (by the OOM killer, say)."""
    os.kill(os.getpid(), signal.SIGKILL)
    return 0, ""


@pytest.mark.parametrize(
    ("step", "words"), [(full_workbook, "No space left"), (killed_workbook, "ended without")]
)
def test_a_failed_workbook_process_is_one_line_and_leaves_no_process(
    step: object,
    words: str,
    corpora: tuple[Path, Path],
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The workbook is written by a child process: its failure (its root OS error, or its
    death) still ends the build in one line, the old package intact, no process left."""
    before = digest(out)
    monkeypatch.setattr(build_module, "write_workbook", step)
    capsys.readouterr()
    args = ["build", "--articles", str(corpora[1]), "--out", str(out), "--processes", "2"]
    assert main([*args, "--quiet"]) == 1
    (line,) = error_lines(capsys)
    assert str(out) in line and words in line
    assert digest(out) == before
    assert not (out / ".newstables-staging").exists()
    assert multiprocessing.active_children() == []


class FullOs:
    """``os`` for the stamp, whose ``replace`` finds the disk full."""

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)

    def replace(self, source: Path, target: Path) -> None:
        raise FULL


def test_a_stamp_that_cannot_be_written_does_not_fail_a_published_build(
    corpora: tuple[Path, Path], out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The package is published before the stamp: a full disk then costs only the stamp."""
    before = digest(out)
    monkeypatch.setattr(stamp, "os", FullOs())
    assert run(corpora[1], out) == 0
    assert digest(out) != before
    assert main(["validate", str(out)]) == 0
