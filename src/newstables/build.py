"""The build: corpus → nlp → extract → assemble → validate → publish, all or nothing.

>>> summary = build(Path("data/articles"), Path("."))
>>> summary.counts["articles"]
5
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import functools
import gc
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .assemble import Tables, assemble
from .corpus import Corpus, CorpusError, SourceArticle, read_corpus
from .curation import Curation, curation_for, dataset_name, placeholders
from .executor import (
    ExtractionError,
    Meter,
    ResultCache,
    Stats,
    article_keys,
    backend,
    extract_corpus,
)
from .publish.atomic import LOCK_FILE, commit, lock, published, staging
from .publish.chart import draw_estimates
from .publish.child import Child
from .publish.files import (
    DESCRIPTOR,
    write_descriptor,
    write_tables,
    write_twins,
    write_workbook,
)
from .publish.questions import QUESTIONS_FILE
from .publish.site import build_database_of_site, finish_site
from .stamp import build_key, published_files, up_to_date, write_stamp
from .validate import Report, check_files, check_keys, validate_tables

Progress = Callable[[str], None]
AUTO = "auto"  # the curation of the dataset the articles belong to (``curation_for``)


class BuildError(RuntimeError):
    """The build produced a package that failed validation; nothing was published."""

    def __init__(self, report: Report) -> None:
        super().__init__("the built package failed validation:\n" + report.render())
        self.report = report


@dataclass
class BuildSummary:
    """What a build published."""

    out: Path
    version: str
    counts: dict[str, int]
    skipped: list[CorpusError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unchanged: bool = False  # the package already held exactly this build: nothing published
    undated: list[str] = field(default_factory=list)  # articles with no publication date


def _in_place(article: SourceArticle, out: Path) -> bool:
    """Whether the package already holds this article's text: its input file is the stored one."""
    return (out / article.row.path).resolve() == article.source.resolve()


def _copies(corpus: Corpus, out: Path) -> bool:
    """Whether the build copies article texts (not when they already live in the package)."""
    return not all(_in_place(article, out) for article in corpus.articles)


def copy_articles(corpus: Corpus, out: Path, stage: Path) -> None:
    """Ship the article texts with the package (unless it already holds the file): the text
    as read, so a .txt input byte for byte (strict UTF-8 round-trips) and any other input's
    extracted text as ``<article_id>.txt``; the input is not opened a second time."""
    for article in corpus.articles:
        if _in_place(article, out):
            continue
        destination = stage / article.row.path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(article.text.encode("utf-8"))


def _replaced(out: Path, corpus: Corpus) -> list[str]:
    """Files of the previous version that this one may remove (never an input file)."""
    inputs = {article.source.resolve() for article in corpus.articles}
    root = corpus.root.resolve()
    previous = published(out) or published_files(out)  # the stamp: packages before manifests
    return [
        f
        for f in previous
        if (out / f).resolve() not in inputs and not (out / f).resolve().is_relative_to(root)
    ]


def load_curation(
    curation_dir: Path | None, articles_dir: Path, progress: Progress, warn: Progress
) -> Curation:
    """The build's curation (engine defaults alone when ``curation_dir`` is None), with a
    warning for package.yaml values still holding ``init``'s placeholders."""
    if curation_dir is not None and not curation_dir.is_dir():
        raise ValueError(f"{curation_dir}: curation folder not found")
    curation = Curation.load(curation_dir, name=dataset_name(articles_dir))
    if curation.folder is None:
        progress("curation: none, engine defaults only (`newstables init` makes a project)")
    else:
        progress(f"curation: {curation.folder} (over the engine defaults)")
    if curation.folder is not None and (todo := placeholders(curation.package)):
        where = curation.folder / "package.yaml"
        warn(f"warning: {where} still has placeholders: {', '.join(todo)} (edit them)")
    return curation


def release_memory() -> None:
    """Collect garbage and hand freed heap pages back to the OS (glibc; elsewhere a no-op).

    A 10,000-article build frees ~800 MB of rows before validation and the SQLite site; without
    the trim the process keeps them mapped and its peak memory grows by what those stages use.
    """
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _tables(
    corpus: Corpus, curation: Curation, curation_dir: Path | None, keys: list[str], *extraction
) -> Tables:
    """Extract (or take from the cache) and assemble; the per-article results, the largest
    objects of a build, are freed when this returns, before publishing starts."""
    results = extract_corpus(corpus.articles, curation, curation_dir, *extraction, keys=keys)
    return assemble([a.row for a in corpus.articles], results, curation)


class PublishError(OSError):
    """Writing the package failed (disk full, no permission …); the old package is intact."""


def _os_error(err: BaseException) -> BaseException | None:
    """The OS or SQLite error at the root of a failure, if any (frictionless wraps them)."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, OSError | sqlite3.Error):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


Built = TypeVar("Built", bound=Callable[..., Any])


def locked(function: Built) -> Built:
    """Run a build holding the lock on its output folder, so that two builds into one folder
    never mix (the second fails at once: "another build is running (pid N)"); an OS or SQLite
    error at any step (disk full …) becomes one ``PublishError`` line naming the folder."""

    @functools.wraps(function)
    def run(articles_dir: Path, out: Path, *args: Any, **kwargs: Any) -> Any:
        with lock(out, out / LOCK_FILE):
            try:
                return function(articles_dir, out, *args, **kwargs)
            except (CorpusError, BuildError, ExtractionError):
                raise  # already one line naming the file
            except Exception as err:
                cause = _os_error(err)
                if cause is None or getattr(cause, "filename", None):
                    raise  # not an OS error, or one that names its file
                message = " ".join(str(cause).split()) or type(cause).__name__
                raise PublishError(f"{out}: {type(cause).__name__}: {message}") from err

    return run  # type: ignore[return-value]


@locked
def build(
    articles_dir: Path,
    out: Path,
    curation_dir: Path | str | None = AUTO,
    keep_going: bool = False,
    n_process: int = 1,
    progress: Progress = lambda message: None,
    executor: str = "local",
    scheduler: str | None = None,
    cache: bool = True,
    meter: Meter | None = None,
    published_default: dt.date | None = None,
    warn: Progress | None = None,
) -> BuildSummary:
    """Build, validate and atomically publish a package from a folder of articles.

    ``curation_dir``: ``AUTO`` picks the articles' own (``curation_for``), None the engine
    defaults alone. ``published_default``: the publication
    date of articles that give none (relative dates resolve against it). ``warn``: where
    warnings go (default: with the progress lines).
    """
    corpus = read_corpus(articles_dir, keep_going=keep_going, published_default=published_default)
    if curation_dir == AUTO:
        curation_dir = curation_for(articles_dir)
    curation = load_curation(curation_dir, articles_dir, progress, warn or progress)
    progress(f"read {len(corpus.articles)} articles from {articles_dir}")
    version = curation.package.get("version", "0.0.0")
    options = [f"copy={_copies(corpus, out)}", *map(str, corpus.skipped)]
    keys = article_keys(corpus.articles, curation_dir)
    key = build_key(keys, curation_dir, options)
    if cache and (stamp := up_to_date(out, key)):
        progress("unchanged: the package already holds this build (nothing to publish)")
        return BuildSummary(
            out, version, stamp["counts"], corpus.skipped, [], True, corpus.undated()
        )
    run, stats = backend(executor, n_process, scheduler), Stats()
    store = ResultCache(out) if cache else None
    local = executor == "local"
    tables = _tables(corpus, curation, curation_dir, keys, store, run, meter, stats, local)
    progress(f"extracted {stats.parsed} articles ({stats.cached} unchanged, from the cache)")
    problems = list(check_keys(tables))
    if problems:
        raise BuildError(Report({"keys": problems}))
    with staging(out) as stage, ThreadPoolExecutor(1) as disk:
        # Copying the article texts mostly waits on the disk: a thread does it meanwhile.
        copies = disk.submit(copy_articles, corpus, out, stage)
        # The workbook is written from the tables' JSON twins by a child process (the other
        # core; not with n_process=1) while this one writes the CSVs, validates the tables and
        # makes the site's database and the chart; the descriptor, which holds the workbook's
        # size and hash, is written again once the child is done.
        twins = write_twins(tables, stage)
        with Child(write_workbook, stage, spawn=n_process > 1) as workbook:
            resources = write_tables(tables, stage, twins)
            counts = {name: len(rows) for name, rows in tables.items()}
            chart = tables["figures"], tables["entities"], tables["articles"]
            del tables  # the rows are on disk now: free them before validation and the site
            release_memory()
            copies.result()
            write_descriptor(curation, resources, stage)
            report = validate_tables(stage / DESCRIPTOR, texts_dir=corpus.texts_dir)
            if report.ok:  # the site's database needs only the tables: made meanwhile too
                questions = curation.folder / QUESTIONS_FILE if curation.folder else None
                database = build_database_of_site(stage, None, corpus.texts_dir, questions)
            draw_estimates(*chart, stage)
            write_descriptor(curation, resources, stage, workbook.result())
        report.add("files", check_files(stage / DESCRIPTOR))
        if not report.ok:
            raise BuildError(report)
        progress("validated the package (frictionless + evidence)")
        finish_site(stage, database)
        progress("built the SQLite database and the Datasette site (site/)")
        written = commit(out, stage, _replaced(out, corpus))
    if cache:
        write_stamp(out, key, written, {"counts": counts})
    return BuildSummary(out, version, counts, corpus.skipped, written, False, corpus.undated())
