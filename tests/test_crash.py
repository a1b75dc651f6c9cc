"""Crash safety: a build killed at any moment leaves the previous or the new package, never a mix.

Two corpora with the same article ids but different texts and metadata alternate, so the old
and the new package differ in tables, texts, descriptor, charts and SQLite. Each run starts
``newstables build`` in a child process, SIGKILLs it after a random delay spread over a whole
build, runs ``newstables validate`` (which recovers first) and compares every published byte.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newstables.build import build
from newstables.cli import main
from newstables.executor import CACHE_DIR
from newstables.publish import atomic
from newstables.publish.atomic import STAGING

IDS = ("000_dac3b4f1b009df78", "001_48dad1407b159abf")
RUNS, SLOW_RUNS = 20, 80


def package_state(out: Path) -> dict[str, str]:
    """sha256 of every published file (the cache folder is not published)."""
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and CACHE_DIR not in p.parts
    }


def mix(state: dict[str, str], states: list[dict[str, str]]) -> list[list[str]]:
    """The files of ``state`` that differ from each reference state."""
    return [sorted(k for k in {*state, *ref} if state.get(k) != ref.get(k)) for ref in states]


def make_corpus(seed_articles: Path, folder: Path, variant: bool) -> Path:
    """Two seed articles; the variant shortens one text and retitles the other."""
    folder.mkdir()
    metadata = (seed_articles / "articles.csv").read_text(encoding="utf-8").splitlines()
    rows = [metadata[0]] + [line for line in metadata[1:] if line.startswith(IDS)]
    for article_id in IDS:
        text = (seed_articles / f"{article_id}.txt").read_text(encoding="utf-8")
        if variant and article_id == IDS[1]:
            text = text[: text.index("\n", len(text) // 2) + 1]
        (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
    if variant:
        rows[1] = rows[1].replace(f"{IDS[0]},,,,", f"{IDS[0]},Variant Wire,,A variant,", 1)
    (folder / "articles.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def build_process(articles: Path, out: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "newstables.cli", "build", "--quiet", "--processes", "1"]
    command += ["--articles", str(articles), "--out", str(out)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_killed_builds_leave_the_old_or_the_new_package(
    seed_articles: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    corpora = [make_corpus(seed_articles, tmp_path / name, v) for name, v in (("a", 0), ("b", 1))]
    states = []
    for index, corpus in enumerate(corpora):
        build(corpus, tmp_path / f"reference-{index}")
        states.append(package_state(tmp_path / f"reference-{index}"))
    assert states[0] != states[1]

    out = tmp_path / "out"
    shutil.copytree(tmp_path / "reference-0", out)  # with its cache, like a real second build
    assert build_process(corpora[1], out).wait() == 0  # parses the changed article once
    started = time.monotonic()
    assert build_process(corpora[0], out).wait() == 0
    full = time.monotonic() - started  # a build from the cache, as every killed one is
    assert package_state(out) == states[0]
    current, outcomes = 0, []
    rng = random.Random(8)
    for _ in range(SLOW_RUNS if request.config.getoption("--runslow") else RUNS):
        target = 1 - current
        child = build_process(corpora[target], out)
        time.sleep(rng.uniform(0.3, 1.2) * full)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert main(["validate", str(out)]) == 0
        assert not (out / STAGING).exists()
        state = package_state(out)
        assert state in states, f"a mix: {mix(state, states)}"
        current = states.index(state)
        outcomes.append("new" if current == target else "old")
    print(f"after SIGKILL: {outcomes.count('old')} old, {outcomes.count('new')} new")
    # the kill times run from 0.3x to 1.2x a whole build: both endings must have been reached,
    # or the loop did not test what it claims (builds always killed before, or never, the swap)
    assert "old" in outcomes and "new" in outcomes, outcomes


class Crash(BaseException):
    """Stands in for the process dying (not an Exception, so nothing catches it)."""


class DyingOs:
    """``os`` for publish.atomic, whose ``replace`` dies after ``survive`` renames."""

    def __init__(self, survive: int) -> None:
        self.survive = survive

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)

    def replace(self, source: Path, target: Path) -> None:
        if self.survive == 0:
            raise Crash
        self.survive -= 1
        os.replace(source, target)


def test_a_crash_at_any_rename_of_the_commit_is_recovered(
    seed_articles: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    """Dies before the journal, after it, mid-way and last (every point with --runslow)."""
    corpora = [make_corpus(seed_articles, tmp_path / name, v) for name, v in (("a", 0), ("b", 1))]
    build(corpora[0], tmp_path / "old")
    build(corpora[1], tmp_path / "new")
    old, new = package_state(tmp_path / "old"), package_state(tmp_path / "new")
    renames = len(new) + 1  # the journal, then every file
    points = range(renames + 1)
    if not request.config.getoption("--runslow"):
        points = sorted({0, 1, 2, renames // 2, renames - 1, renames})
    for survive in points:
        out = tmp_path / f"out-{survive}"
        shutil.copytree(tmp_path / "old", out)
        monkeypatch.setattr(atomic, "os", DyingOs(survive))
        with contextlib.suppress(Crash):
            build(corpora[1], out)
        monkeypatch.undo()
        assert main(["validate", str(out)]) == 0
        assert package_state(out) == (old if survive == 0 else new), survive


def subset(seed_articles: Path, folder: Path, indices: tuple[int, ...]) -> Path:
    """A corpus of some seed articles (by position), with their metadata rows."""
    folder.mkdir()
    texts = sorted(seed_articles.glob("*.txt"))
    ids = tuple(texts[i].stem for i in indices)
    metadata = (seed_articles / "articles.csv").read_text(encoding="utf-8").splitlines()
    rows = [metadata[0]] + [line for line in metadata[1:] if line.startswith(ids)]
    (folder / "articles.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for article_id in ids:
        shutil.copyfile(seed_articles / f"{article_id}.txt", folder / f"{article_id}.txt")
    return folder


def article_files(out: Path) -> set[str]:
    return {p.name for p in (out / "data" / "articles").iterdir()}


def test_a_build_of_other_articles_leaves_no_stale_file(
    seed_articles: Path, tmp_path: Path
) -> None:
    """Without a cache (so without a build stamp) too (issue 16.4)."""
    first = subset(seed_articles, tmp_path / "first", (0, 1, 2))
    second = subset(seed_articles, tmp_path / "second", (3, 4))
    out = tmp_path / "out"
    build(first, out, cache=False)
    build(second, out, cache=False)
    assert article_files(out) == {p.name for p in second.glob("*.txt")}
    assert main(["validate", str(out)]) == 0


def test_no_stale_file_after_a_crash_once_the_journal_is_written(
    seed_articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed right after the journal (so before the build stamp), then rebuilt (16.4)."""
    corpora = [
        subset(seed_articles, tmp_path / f"c{i}", ix) for i, ix in enumerate([(0,), (1, 2), (3,)])
    ]
    out = tmp_path / "out"
    build(corpora[0], out)
    monkeypatch.setattr(atomic, "os", DyingOs(1))
    with contextlib.suppress(Crash):
        build(corpora[1], out)
    monkeypatch.undo()
    assert main(["validate", str(out)]) == 0  # rolls the publish forward
    assert article_files(out) == {p.name for p in corpora[1].glob("*.txt")}
    build(corpora[2], out)
    assert article_files(out) == {p.name for p in corpora[2].glob("*.txt")}


def test_validate_fails_on_a_file_the_package_does_not_list(
    built_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = Path(shutil.copytree(built_package, tmp_path / "package"))
    (package / "data" / "articles" / "stray.txt").write_text("left over\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(package)]) == 1
    assert "data/articles/stray.txt: not listed" in capsys.readouterr().out
