"""The per-article stage: process pool and Dask give the output of one process; the cache."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest
from test_build import digests

from newstables import executor, extract
from newstables.build import build
from newstables.cli import parser
from newstables.corpus import read_corpus
from newstables.curation import DEFAULT_CURATION, Curation
from newstables.executor import (
    Job,
    LogMeter,
    NullMeter,
    ResultCache,
    extract_corpus,
    meter_for,
    parse,
    pipeline,
    run_processes,
    run_serial,
    segments,
)
from newstables.stamp import STAMP

CHANGED = "002_1e013365dec358d4"


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles parsed in this process (a hook on the per-chunk function)."""
    seen: list[str] = []
    original = executor.extract_chunk

    def counting(chunk: executor.Chunk) -> list:
        seen.extend(article.article_id for _, article, _, _ in chunk.items)
        return original(chunk)

    monkeypatch.setattr(executor, "extract_chunk", counting)
    return seen


@pytest.fixture
def articles(seed_articles: Path, tmp_path: Path) -> Path:
    """A private, editable copy of the seed articles."""
    folder = tmp_path / "articles"
    shutil.copytree(seed_articles, folder)
    return folder


def test_two_processes_give_the_output_of_one(
    seed_articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(executor, "CHUNK_ARTICLES", 2)  # 3 chunks, so the pool really runs
    corpus = read_corpus(seed_articles)
    curation = Curation.load(DEFAULT_CURATION)
    one = extract_corpus(corpus.articles, curation, DEFAULT_CURATION, run=run_serial)
    two = extract_corpus(corpus.articles, curation, DEFAULT_CURATION, run=run_processes(2))
    assert [r.model_dump_json() for r in two] == [r.model_dump_json() for r in one]
    build(seed_articles, tmp_path / "one", n_process=1, cache=False)
    build(seed_articles, tmp_path / "two", n_process=2, cache=False)
    assert digests(tmp_path / "two") == digests(tmp_path / "one")


def test_dask_local_cluster_gives_the_output_of_one_process(
    seed_articles: Path, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    build(seed_articles, tmp_path / "local", n_process=1, cache=False)
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with cluster:
        build(
            seed_articles,
            tmp_path / "dask",
            executor="dask",
            scheduler=cluster.scheduler_address,
            cache=False,
        )
    assert digests(tmp_path / "dask") == digests(tmp_path / "local")


def test_an_unchanged_corpus_is_not_parsed_again(
    articles: Path, tmp_path: Path, parsed: list[str]
) -> None:
    build(articles, tmp_path / "out")
    assert len(parsed) == 5
    first = digests(tmp_path / "out")
    parsed.clear()
    build(articles, tmp_path / "out")
    assert parsed == []
    assert digests(tmp_path / "out") == first


def test_the_cache_gives_the_bytes_of_a_cold_build(articles: Path, tmp_path: Path) -> None:
    build(articles, tmp_path / "warm")
    build(articles, tmp_path / "warm")  # every article from the cache
    build(articles, tmp_path / "cold", cache=False)
    assert digests(tmp_path / "warm") == digests(tmp_path / "cold")


def test_a_changed_article_is_the_only_one_parsed_again(
    articles: Path, tmp_path: Path, parsed: list[str]
) -> None:
    # the curation is named: an edited copy of the seeds is no longer this repository's corpus
    build(articles, tmp_path / "out", curation_dir=DEFAULT_CURATION)
    text = articles / f"{CHANGED}.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nA new closing line.\n", "utf-8")
    parsed.clear()
    build(articles, tmp_path / "out", curation_dir=DEFAULT_CURATION)
    assert parsed == [CHANGED]


def test_changed_metadata_reparses_only_that_article(
    articles: Path, tmp_path: Path, parsed: list[str]
) -> None:
    build(articles, tmp_path / "out")
    metadata = articles / "articles.csv"
    lines = metadata.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [
        line.replace("2025-04-28", "2025-05-05", 1) if line.startswith(CHANGED) else line
        for line in lines
    ]
    metadata.write_text("".join(lines), encoding="utf-8")
    parsed.clear()
    build(articles, tmp_path / "out")
    assert parsed == [CHANGED]  # relative dates resolve against the publication date


def test_a_new_engine_version_reparses_everything(
    articles: Path, tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    build(articles, tmp_path / "out")
    parsed.clear()
    monkeypatch.setattr(extract, "ENGINE_VERSION", extract.ENGINE_VERSION + "+test")
    build(articles, tmp_path / "out")
    assert len(parsed) == 5


def test_a_curation_change_reparses_everything_but_package_metadata_does_not(
    articles: Path, tmp_path: Path, parsed: list[str]
) -> None:
    curation = tmp_path / "curation"
    shutil.copytree(DEFAULT_CURATION, curation)
    build(articles, tmp_path / "out", curation_dir=curation)
    parsed.clear()
    package = curation / "package.yaml"
    package.write_text(package.read_text(encoding="utf-8") + "\n# a note\n", "utf-8")
    build(articles, tmp_path / "out", curation_dir=curation)
    assert parsed == []
    registry = curation / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n# reviewed\n", "utf-8")
    build(articles, tmp_path / "out", curation_dir=curation)
    assert len(parsed) == 5


def test_a_torn_or_foreign_cache_file_is_a_miss(
    articles: Path, tmp_path: Path, parsed: list[str]
) -> None:
    build(articles, tmp_path / "out")
    cache = ResultCache(tmp_path / "out").root
    (cache / f"{CHANGED}.json").write_text("0123\n{not json", encoding="utf-8")
    first = sorted(cache.glob("*.json"))[0]
    first.write_text("garbage", encoding="utf-8")
    (cache / STAMP).unlink()  # the package is untouched: without this the build has no work
    parsed.clear()
    build(articles, tmp_path / "out")
    assert sorted(parsed) == sorted([CHANGED, first.stem])


def test_long_texts_are_parsed_in_segments_with_exact_offsets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(executor, "SEGMENT_CHARS", 500)
    seed = (DEFAULT_CURATION.parent / "articles" / f"{CHANGED}.txt").read_text(encoding="utf-8")
    text = seed * 3 + "word " * 300 + "x" * 1200
    pieces = segments(text)
    assert "".join(pieces) == text and all(len(p) <= 500 for p in pieces)
    nlp = pipeline(Job(Curation.load(DEFAULT_CURATION), "segment-test"))
    (doc,) = parse(nlp, [text])
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)


def test_the_parse_cache_gives_the_build_of_a_fresh_parse(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(articles, tmp_path / "plain")
    monkeypatch.setenv("NEWSTABLES_PARSE_CACHE", str(tmp_path / "parses"))
    build(articles, tmp_path / "filling", cache=False)
    assert len(list((tmp_path / "parses").glob("*.doc"))) == 5
    calls: list[int] = []
    monkeypatch.setattr(executor, "_parse", lambda nlp, texts: calls.append(len(texts)) or iter([]))
    build(articles, tmp_path / "cached", cache=False)
    assert sum(calls) == 0  # every Doc came from the parse cache
    assert digests(tmp_path / "cached") == digests(tmp_path / "plain")


def test_meters_follow_quiet_and_the_terminal() -> None:
    lines: list[str] = []
    assert isinstance(meter_for(True, lines.append), NullMeter)
    meter = meter_for(False, lines.append, stream=io.StringIO())
    assert isinstance(meter, LogMeter)
    meter.start(3, "extract")
    meter.advance(1)
    meter.advance(2)
    meter.finish()
    assert lines[-1].startswith("extract: 3/3 articles (") and "ETA" in lines[-1]


def test_build_flags_parse() -> None:
    args = parser().parse_args(
        ["build", "--executor", "dask", "--scheduler", "tcp://h:8786", "--no-cache"]
    )
    assert (args.executor, args.scheduler, args.no_cache, args.processes) == (
        "dask",
        "tcp://h:8786",
        True,
        0,
    )


def _chunk_ids(chunks: list[executor.Chunk]) -> list[list[int]]:
    return [[index for index, *_ in chunk.items] for chunk in chunks]


def test_chunks_keep_corpus_order_and_cap_characters(seed_articles: Path) -> None:
    corpus = read_corpus(seed_articles)
    items = [(i, a.row, a.text, "key") for i, a in enumerate(corpus.articles)]
    job = Job(Curation.load(DEFAULT_CURATION), "x")
    assert _chunk_ids(executor.chunks(job, items)) == [[0, 1, 2, 3, 4]]
    big = [(i, row, text * 100, key) for i, row, text, key in items]
    assert all(len(c) == 1 for c in _chunk_ids(executor.chunks(job, big)))


POOL = (
    "import time, sys\n"
    "from newstables.executor import run_processes\n"
    "for _ in run_processes(2)(time.sleep, [600, 600]):\n"
    "    pass\n"
)


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _workers(owner: psutil.Process) -> list[psutil.Process]:
    """The pool's worker processes under ``owner``."""
    found = []
    for child in owner.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "spawn_main" in " ".join(child.cmdline()):
                found.append(child)
    return found


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_workers_die_with_a_killed_build() -> None:
    """kill -9 of the parent leaves no worker running (issue 16.5)."""
    parent = subprocess.Popen([sys.executable, "-c", POOL])
    try:
        owner = psutil.Process(parent.pid)
        assert _wait_for(lambda: len(_workers(owner)) == 2, 120)
        workers = owner.children(recursive=True)  # the two workers (and a resource tracker)
    finally:
        parent.kill()
        parent.wait()
    assert _wait_for(lambda: not any(_alive(w) for w in workers), 30)


def test_the_engine_fingerprint_covers_its_word_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """An edited word list (first names for pronoun gender) must invalidate cached rows too."""
    hashed: list[str] = []
    monkeypatch.setattr(executor, "_hash_files", lambda files, root: hashed.extend(
        str(p.relative_to(root)) for p in files) or "x")  # fmt: skip
    executor.engine_fingerprint()
    assert "extract/attribution/first_names.txt" in hashed
    assert "extract/events/lexicon.json" in hashed
