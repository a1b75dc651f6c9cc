"""The per-article stage: cached, parallel (processes or Dask) extraction with identical output.

Extraction is a pure function of (article row, text, curation, engine), so each result is cached
under ``<out>/.newstables-cache/`` by a key of all four, and only uncached articles are parsed.
Uncached articles are cut into chunks (the same chunks whatever the backend); each chunk is
parsed with ``nlp.pipe`` and extracted where it runs, so only small ``ArticleResult`` rows come
back to the main process and no process ever holds more than one chunk of spaCy Docs.

>>> results = extract_corpus(corpus.articles, curation, CURATION_DIR, ResultCache(out))
>>> [r.article_id for r in results] == [a.row.article_id for a in corpus.articles]
True
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

from . import extract
from .curation import Curation
from .extract import ArticleContext, ArticleResult, extract_article
from .models import Article
from .publish.child import die_with_parent

CACHE_DIR = ".newstables-cache"
CHUNK_ARTICLES = 8  # articles per task: the unit of nlp.pipe batching, scheduling and progress
CHUNK_CHARS = 400_000  # ... or fewer when the articles are long
PIPE_BATCH = 8  # nlp.pipe batch size (fixed: batches never depend on the backend)
SEGMENT_CHARS = 100_000  # longer texts are parsed in segments and joined (spaCy max_length)
ENGINE_SOURCES = ("extract", "nlp.py", "registry.py", "models.py", "codebook")
Backend = Callable[[Callable[["Chunk"], list], list["Chunk"]], Iterator[list]]


class ExtractionError(RuntimeError):
    """An extractor failed on one article; the message names the article."""


# ---------------------------------------------------------------- cache keys


def _hash_files(paths: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def curation_fingerprint(folder: Path | None) -> str:
    """Hash of every curation file the extractors may read (package.yaml is metadata only).

    >>> len(curation_fingerprint(Path("data/curation")))
    64
    """
    if folder is None or not folder.is_dir():
        return hashlib.sha256(b"no curation").hexdigest()
    files = [p for p in folder.rglob("*") if p.is_file() and p.name != "package.yaml"]
    return _hash_files(files, folder)


ENGINE_SUFFIXES = (".py", ".yaml", ".json", ".txt")  # code and the word lists it reads


def engine_fingerprint() -> str:
    """ENGINE_VERSION, spaCy and model versions, and a hash of the extraction source files.

    The source hash means an edited extractor never serves stale cached rows, even when
    nobody remembered to bump ENGINE_VERSION.
    """
    import spacy

    from .nlp import MODEL, MODEL_VERSION

    package = Path(__file__).parent
    sources: list[Path] = []
    for name in ENGINE_SOURCES:
        path = package / name
        found = path.rglob("*") if path.is_dir() else [path]
        sources += sorted(p for p in found if p.suffix in ENGINE_SUFFIXES and p.is_file())
    code = _hash_files(sources, package)
    return f"{extract.ENGINE_VERSION}|spacy {spacy.__version__}|{MODEL} {MODEL_VERSION}|{code}"


def cache_key(article: Article, curation_hash: str, engine: str) -> str:
    """The cache key of one article: its whole row (text hash, date, id …), curation, engine."""
    payload = json.dumps([engine, curation_hash, article.model_dump(mode="json")], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def article_keys(articles: list, curation_dir: Path | None) -> list[str]:
    """The cache key of every ``SourceArticle``, in corpus order."""
    fingerprint, engine = curation_fingerprint(curation_dir), engine_fingerprint()
    return [cache_key(a.row, fingerprint, engine) for a in articles]


class ResultCache:
    """One JSON file per article id under ``<out>/.newstables-cache/``, holding key and result.

    >>> cache = ResultCache(Path("out"))
    >>> cache.get(article, key) is None
    True
    """

    def __init__(self, out: Path) -> None:
        self.out, self.root = out, out / CACHE_DIR

    def _path(self, article_id: str) -> Path:
        return self.root / f"{article_id}.json"

    def get(self, article_id: str, key: str) -> ArticleResult | None:
        """The cached result, or None when absent, stale or unreadable."""
        try:
            stored_key, _, payload = (
                self._path(article_id).read_text(encoding="utf-8").partition("\n")
            )
            if stored_key != key:
                return None
            result = ArticleResult.model_validate_json(payload)
        except (OSError, ValueError, ValidationError):
            return None
        return result if result.article_id == article_id else None

    def put(self, key: str, result: ArticleResult) -> None:
        """Store a result atomically (a killed build never leaves a torn cache file)."""
        self.root.mkdir(parents=True, exist_ok=True)
        path = self._path(result.article_id)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_text(key + "\n" + result.model_dump_json(), encoding="utf-8")
        os.replace(temporary, path)


# ---------------------------------------------------------------- the pure per-article work


@dataclass(frozen=True)
class Job:
    """What every task needs besides its articles (sent once per worker by Dask).

    With ``store`` (a package folder whose cache this machine's workers can write), workers
    put each result in the cache and send back nothing, so the main process does not hold
    every result while the workers still hold their pipelines: the build's peak memory drops.
    """

    curation: Curation
    fingerprint: str
    store: Path | None = None


@dataclass(frozen=True)
class Chunk:
    """A few uncached articles: their index in the corpus, row, text and cache key."""

    job: Job
    items: tuple[tuple[int, Article, str, str], ...]


_local = threading.local()


def pipeline(job: Job) -> Language:
    """The spaCy pipeline for a curation, built once per process (and thread)."""
    from .nlp import build_pipeline

    if getattr(_local, "fingerprint", None) != job.fingerprint:
        _local.nlp = build_pipeline(job.curation.registry)
        _local.fingerprint = job.fingerprint
    return _local.nlp


def segments(text: str, limit: int | None = None) -> list[str]:
    """Cut a long text into pieces of at most ``limit`` chars, after a newline or space if any.

    >>> segments("ab cd", 3)
    ['ab ', 'cd']
    """
    limit = limit or SEGMENT_CHARS
    pieces = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n") + 2, window.rfind("\n") + 1, window.rfind(" ") + 1)
        cut = cut if cut > limit // 2 else limit
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


class ParseCache:
    """Parsed Docs kept on disk between runs, for development loops that re-extract one corpus
    many times (``NEWSTABLES_PARSE_CACHE=DIR newstables evaluate …``): keyed by the text and
    the pipeline (model, ``nlp.py``, the registry's EntityRuler patterns), not by the extractors,
    so editing an extractor re-extracts without re-parsing. Off by default.

    >>> cache = ParseCache.from_env(job.curation)
    """

    def __init__(self, folder: Path, pipeline_key: str) -> None:
        self.folder = folder
        self.pipeline_key = pipeline_key

    @classmethod
    def from_env(cls, curation: Curation) -> ParseCache | None:
        folder = os.environ.get("NEWSTABLES_PARSE_CACHE")
        if not folder:
            return None
        from . import nlp

        patterns = json.dumps(nlp.ruler_patterns(curation.registry), sort_keys=True)
        source = Path(nlp.__file__).read_bytes()
        key = f"{nlp.MODEL} {nlp.MODEL_VERSION}\0{patterns}\0".encode() + source
        return cls(Path(folder), hashlib.sha256(key).hexdigest())

    def _path(self, text: str) -> Path:
        key = hashlib.sha256(f"{self.pipeline_key}\0{text}".encode()).hexdigest()
        return self.folder / f"{key}.doc"

    def get(self, nlp: Language, text: str) -> Doc | None:
        path = self._path(text)
        return Doc(nlp.vocab).from_bytes(path.read_bytes()) if path.exists() else None

    def put(self, text: str, doc: Doc) -> None:
        path = self._path(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(doc.to_bytes(exclude=["tensor", "user_data"]))
        partial.replace(path)


def parse(nlp: Language, texts: list[str], cache: ParseCache | None = None) -> Iterator[Doc]:
    """Parse texts in one ``nlp.pipe`` stream; a long text is parsed in segments and joined.

    The joined Doc's text is exactly the input text, so offsets index the original article.
    With a ``cache``, Docs parsed before are read back and new ones are stored.
    """
    if cache is None:
        yield from _parse(nlp, texts)
        return
    cached = [cache.get(nlp, text) for text in texts]
    fresh = _parse(nlp, [text for text, doc in zip(texts, cached, strict=True) if doc is None])
    for text, doc in zip(texts, cached, strict=True):
        if doc is None:
            doc = next(fresh)
            cache.put(text, doc)
        yield doc


def _parse(nlp: Language, texts: list[str]) -> Iterator[Doc]:
    pieces = [segments(text) for text in texts]
    docs = nlp.pipe((p for parts in pieces for p in parts), batch_size=PIPE_BATCH)
    for parts in pieces:
        if len(parts) == 1:
            yield next(docs)
            continue
        yield Doc.from_docs(
            [next(docs) for _ in parts], ensure_whitespace=False, exclude=["tensor"]
        )


def extract_chunk(chunk: Chunk) -> list[tuple[int, ArticleResult | None]]:
    """Parse and extract a chunk of articles: the pure function every backend runs.

    Returns (index, result) pairs; the result is None when the job stores it in the cache.
    """
    nlp = pipeline(chunk.job)
    store = ResultCache(chunk.job.store) if chunk.job.store else None
    results: list[tuple[int, ArticleResult | None]] = []
    cache = ParseCache.from_env(chunk.job.curation)
    docs = parse(nlp, [text for _, _, text, _ in chunk.items], cache)
    for (index, article, text, key), doc in zip(chunk.items, docs, strict=True):
        try:
            result = extract_article(ArticleContext(article, text, doc, chunk.job.curation))
        except Exception as err:  # noqa: BLE001 - re-raised with the article named
            problem = f"{article.article_id}: extraction failed: {type(err).__name__}: {err}"
            raise ExtractionError(problem) from err
        if store:
            store.put(key, result)
        results.append((index, None if store else result))
    return results


def chunks(job: Job, items: list[tuple[int, Article, str, str]]) -> list[Chunk]:
    """Cut the work into chunks of a few articles (the same cut for every backend)."""
    out: list[Chunk] = []
    current: list[tuple[int, Article, str, str]] = []
    size = 0
    for item in items:
        if current and (len(current) == CHUNK_ARTICLES or size + len(item[2]) > CHUNK_CHARS):
            out.append(Chunk(job, tuple(current)))
            current, size = [], 0
        current.append(item)
        size += len(item[2])
    if current:
        out.append(Chunk(job, tuple(current)))
    return out


# ---------------------------------------------------------------- backends


def run_serial(function: Callable[[Chunk], list], work: list[Chunk]) -> Iterator[list]:
    """Run chunks in this process, one after another."""
    for chunk in work:
        yield function(chunk)


def run_processes(processes: int) -> Backend:
    """A local process pool (spawned workers, each building the pipeline once)."""

    def run(function: Callable[[Chunk], list], work: list[Chunk]) -> Iterator[list]:
        workers = min(processes, len(work))
        if workers <= 1:
            yield from run_serial(function, work)
            return
        context, parent = get_context("spawn"), (os.getpid(),)
        with ProcessPoolExecutor(workers, context, die_with_parent, parent) as pool:
            yield from pool.map(function, work)

    return run


def run_dask(scheduler: str | None = None, processes: int = 1) -> Backend:
    """A dask.distributed cluster at ``scheduler``, or a LocalCluster of ``processes`` workers."""

    def run(function: Callable[[Chunk], list], work: list[Chunk]) -> Iterator[list]:
        from distributed import Client, LocalCluster

        cluster = None
        if scheduler is None:
            cluster = LocalCluster(n_workers=max(processes, 1), threads_per_worker=1)
        try:
            with Client(scheduler or cluster) as client:
                futures = client.map(function, work, pure=False)
                for future in futures:
                    yield future.result()
                    future.release()
        finally:
            if cluster is not None:
                cluster.close()

    return run


def backend(kind: str = "local", processes: int = 1, scheduler: str | None = None) -> Backend:
    """The backend named on the command line: ``local`` (process pool) or ``dask``.

    >>> run = backend("dask", scheduler="tcp://10.0.0.5:8786")
    """
    if kind == "dask":
        return run_dask(scheduler, processes)
    if kind != "local":
        raise ValueError(f"unknown executor {kind!r} (local or dask)")
    return run_processes(processes)


# ---------------------------------------------------------------- progress


class Meter(Protocol):
    """Progress of a counted job."""

    def start(self, total: int, label: str) -> None: ...
    def advance(self, count: int) -> None: ...
    def finish(self) -> None: ...


class NullMeter:
    """No progress output (``--quiet``)."""

    def start(self, total: int, label: str) -> None:
        pass

    def advance(self, count: int) -> None:
        pass

    def finish(self) -> None:
        pass


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}m{seconds:02d}s" if minutes else f"{seconds}s"


class LogMeter:
    """Plain progress lines (not a terminal): at most one every ``every`` seconds, and the last.

    >>> meter = LogMeter(print)
    """

    def __init__(self, say: Callable[[str], None], every: float = 10.0) -> None:
        self.say, self.every = say, every
        self.total, self.done, self.label = 0, 0, ""
        self.started = self.last = 0.0

    def start(self, total: int, label: str) -> None:
        self.total, self.done, self.label = total, 0, label
        self.started = self.last = time.monotonic()

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.last >= self.every or self.done >= self.total:
            self.last = now
            rate = self.done / max(now - self.started, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0.0
            self.say(
                f"{self.label}: {self.done:,}/{self.total:,} articles "
                f"({rate:,.1f}/s, ETA {_duration(eta)})"
            )

    def finish(self) -> None:
        pass


class RichMeter:
    """A rich progress bar on the terminal: bar, count, rate, elapsed and ETA."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        rate = TextColumn("{task.fields[rate]}")
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            rate,
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self.task = None

    def start(self, total: int, label: str) -> None:
        self.progress.start()
        self.task = self.progress.add_task(label, total=total, rate="")

    def advance(self, count: int) -> None:
        self.progress.advance(self.task, count)
        speed = self.progress.tasks[0].speed
        self.progress.update(self.task, rate=f"{speed:,.1f} articles/s" if speed else "")

    def finish(self) -> None:
        self.progress.stop()


def meter_for(quiet: bool, say: Callable[[str], None], stream=sys.stderr) -> Meter:
    """Nothing with ``--quiet``, a rich bar on a terminal, plain lines otherwise."""
    if quiet:
        return NullMeter()
    return RichMeter() if stream.isatty() else LogMeter(say)


# ---------------------------------------------------------------- the stage


@dataclass
class Stats:
    """How many articles came from the cache and how many were parsed."""

    cached: int = 0
    parsed: int = 0


def extract_corpus(
    articles: list,
    curation: Curation,
    curation_dir: Path | None,
    cache: ResultCache | None = None,
    run: Backend = run_serial,
    meter: Meter | None = None,
    stats: Stats | None = None,
    workers_store: bool = False,
    keys: list[str] | None = None,
) -> list[ArticleResult]:
    """Results for every ``SourceArticle`` in corpus order; only uncached articles are parsed.

    ``workers_store``: the workers share this machine's disk and write results to the cache
    themselves (local processes, not a remote Dask cluster). ``keys``: the articles' cache keys
    when the caller already has them (``article_keys``).
    """
    meter = meter or NullMeter()
    stats = stats if stats is not None else Stats()
    fingerprint = curation_fingerprint(curation_dir)
    engine = engine_fingerprint()
    keys = keys if keys is not None else article_keys(articles, curation_dir)
    results: list[ArticleResult | None] = [None] * len(articles)
    todo = []
    for index, (source, key) in enumerate(zip(articles, keys, strict=True)):
        hit = cache.get(source.row.article_id, key) if cache else None
        if hit is None:
            todo.append((index, source.row, source.text, key))
        results[index] = hit
    stats.cached, stats.parsed = len(articles) - len(todo), len(todo)
    store = cache.out if cache and workers_store else None
    meter.start(len(todo), "extract")
    try:
        job = Job(curation, f"{fingerprint}|{engine}", store)
        for done in run(extract_chunk, chunks(job, todo)):
            for index, result in done:
                if result is not None:
                    results[index] = result
                    if cache:
                        cache.put(keys[index], result)
            meter.advance(len(done))
    finally:
        meter.finish()
    for index, _, _, key in todo if store else ():
        results[index] = _stored(cache, articles[index].row.article_id, key)
    return [r for r in results if r is not None]


def _stored(cache: ResultCache, article_id: str, key: str) -> ArticleResult:
    """A result a worker put in the cache (an error if it is not there)."""
    result = cache.get(article_id, key)
    if result is None:
        raise ExtractionError(f"{article_id}: the worker's result is missing from {cache.root}")
    return result
