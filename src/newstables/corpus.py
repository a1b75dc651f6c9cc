"""Read the articles: a folder of .txt/.html/.htm (and .jsonl/.csv) files, or one .jsonl/.csv.

Text files are kept byte for byte; web pages and records give their extracted text
(``inputs``). Only regular files inside the folder are read: a symbolic link or a special
file is refused with a one-line error (or skipped with --keep-going), never followed.
Suffixes are case-insensitive. An optional ``articles.csv`` adds metadata.

>>> corpus = read_corpus(Path("data/articles"))
>>> corpus.articles[0].row.article_id
'000_dac3b4f1b009df78'
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .inputs import InputError, Record, published_date, read_page, read_records
from .models import ARTICLE_ID, Article, InputFormat

METADATA_FILE = "articles.csv"
METADATA_COLUMNS = ("article_id", "outlet", "url", "title", "published", "notes")
MAX_ARTICLE_BYTES = 20_000_000
MAX_FIELD_CHARS = 2_000
TEXT_SUFFIXES = (".txt",)
PAGE_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".csv")
INPUT_SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES + RECORD_SUFFIXES
MAX_INPUT_BYTES = 2_000_000_000  # a .jsonl/.csv file of many articles
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # in a metadata field


class CorpusError(ValueError):
    """A bad input file: the message names the file (and line)."""

    def __init__(self, path: Path, problem: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.problem = path, line, problem


@dataclass(frozen=True)
class SourceArticle:
    """One article: its published row, its decoded text and where it came from."""

    row: Article
    text: str
    source: Path  # the input file (for txt, the stored text itself)


@dataclass
class Corpus:
    """Articles read from one folder, plus the files that were skipped with --keep-going."""

    root: Path
    articles: list[SourceArticle] = field(default_factory=list)
    skipped: list[CorpusError] = field(default_factory=list)

    @property
    def texts_dir(self) -> Path | None:
        """The folder holding the .txt inputs as they are (None for a single records file)."""
        return self.root if self.root.is_dir() else None

    def undated(self) -> list[str]:
        """Ids of the articles without a publication date (relative dates stay unresolved)."""
        return [a.row.article_id for a in self.articles if a.row.published is None]


def decode_article(path: Path, data: bytes) -> str:
    """Decode article bytes strictly as UTF-8 (a BOM is kept: offsets index the stored text)."""
    if not data.strip():
        raise CorpusError(path, "empty article (no text)")
    if len(data) > MAX_ARTICLE_BYTES:
        raise CorpusError(path, f"article too large ({len(data):,} bytes > {MAX_ARTICLE_BYTES:,})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CorpusError(path, f"not UTF-8 (byte {err.start})", line) from None
    if len(_BINARY.findall(text[:4096])) > 8:
        raise CorpusError(path, "binary file (control characters), not an article")
    return text


def neutralise(value: str) -> str:
    """Defuse spreadsheet formula injection: a leading = + - @ gets a quote prefix.

    >>> neutralise("=cmd|' /C calc'!A0")
    "'=cmd|' /C calc'!A0"
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def _clean(value: str | None, path: Path, line: int, column: str) -> str | None:
    value = (value or "").strip()
    if len(value) > MAX_FIELD_CHARS:
        raise CorpusError(path, f"{column} longer than {MAX_FIELD_CHARS} characters", line)
    if _CONTROL.search(value):
        raise CorpusError(path, f"{column} contains control characters", line)
    return neutralise(value) or None


def _parse_date(value: str | None, path: Path, line: int | None) -> dt.date | None:
    try:
        return published_date(value)
    except InputError as err:
        raise CorpusError(path, err.problem, line) from None


def read_metadata(path: Path, known_ids: set[str]) -> dict[str, dict[str, object]]:
    """Read articles.csv (any subset of METADATA_COLUMNS beyond article_id) keyed by id."""
    try:
        text = read_input(path).decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorpusError(path, f"metadata is not UTF-8 (byte {err.start})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))  # keeps newlines inside cells
    if not reader.fieldnames or "article_id" not in reader.fieldnames:
        raise CorpusError(path, "metadata needs an article_id column", 1)
    unknown = set(reader.fieldnames) - set(METADATA_COLUMNS)
    if unknown:
        raise CorpusError(path, f"unknown metadata columns: {', '.join(sorted(unknown))}", 1)
    rows: dict[str, dict[str, object]] = {}
    for line, record in enumerate(reader, start=2):
        article_id = (record.get("article_id") or "").strip()
        if article_id not in known_ids:
            raise CorpusError(path, f"metadata for unknown article {article_id!r}", line)
        if article_id in rows:
            raise CorpusError(path, f"duplicate metadata row for {article_id!r}", line)
        rows[article_id] = {
            "outlet": _clean(record.get("outlet"), path, line, "outlet"),
            "url": _clean(record.get("url"), path, line, "url"),
            "title": _clean(record.get("title"), path, line, "title"),
            "notes": _clean(record.get("notes"), path, line, "notes"),
            "published": _parse_date((record.get("published") or "").strip(), path, line),
        }
    return rows


def read_input(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """The bytes of a regular file, never through a symbolic link (checked on the open file)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError as err:
        if path.is_symlink():
            raise CorpusError(path, "symbolic link: not followed (copy the file in)") from None
        raise CorpusError(path, f"cannot read: {err.strerror}") from None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise CorpusError(path, "not a regular file (a device, pipe or socket)")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise CorpusError(path, f"input too large (> {limit:,} bytes)")
    return data


def _refusal(path: Path) -> CorpusError | None:
    """Why a folder entry with an input suffix may not be read (link, special file), or None."""
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        return CorpusError(path, "symbolic link: not followed (copy the file in)")
    if not stat.S_ISREG(mode):
        return CorpusError(path, "not a regular file (a folder, device, pipe or socket)")
    return None


def input_files(root: Path) -> tuple[list[Path], list[CorpusError]]:
    """The input files of a folder (sorted, suffixes in any case) and the entries refused.

    ``root`` may also be one .jsonl or .csv file of articles.
    """
    if root.is_file():
        if root.suffix.lower() not in RECORD_SUFFIXES:
            raise CorpusError(root, "give a folder of articles, or one .jsonl or .csv file")
        return [root], []
    if not root.is_dir():
        raise CorpusError(root, "articles folder not found")
    files, refused = [], []
    for path in sorted(root.iterdir()):
        if path.suffix.lower() not in INPUT_SUFFIXES or path.name.startswith("."):
            continue
        if path.name.lower() == METADATA_FILE:
            continue
        problem = _refusal(path)
        (refused if problem else files).append(problem or path)
    if not files and not refused:
        raise CorpusError(root, "no articles in folder (.txt, .html, .htm, .jsonl or .csv)")
    return files, refused


def _text_record(path: Path, data: bytes) -> Record:
    text = decode_article(path, data)
    sha = hashlib.sha256(data).hexdigest()
    return Record(path.stem, text, InputFormat.txt, sha)


def file_records(path: Path) -> Iterator[Record | CorpusError]:
    """The articles of one input file; bad ones as CorpusErrors naming the file (and line)."""
    suffix = path.suffix.lower()
    try:
        if suffix in RECORD_SUFFIXES:
            data = read_input(path, MAX_INPUT_BYTES)
            for item in read_records(path, data):
                if isinstance(item, InputError):
                    yield CorpusError(path, item.problem, item.line)
                else:
                    yield item
            return
        data = read_input(path)
        if suffix in PAGE_SUFFIXES:
            yield read_page(data, path.stem)
        else:
            yield _text_record(path, data)
    except CorpusError as err:
        yield err
    except InputError as err:
        yield CorpusError(path, err.problem, err.line)


def _checked_id(record: Record, path: Path, seen: dict[str, str]) -> None:
    """The record's id is a valid article id, not used before (ids are compared case-folded)."""
    where = f"{path.name}:{record.line}" if record.line else path.name
    if not re.match(ARTICLE_ID, record.article_id):
        problem = f"article id {record.article_id!r} is not valid (letters, digits, _ . -)"
        raise CorpusError(path, problem, record.line)
    key = record.article_id.casefold()
    if key in seen:
        raise CorpusError(
            path, f"duplicate article id {record.article_id!r} (also {seen[key]})", record.line
        )
    seen[key] = where


def _field(meta: dict, name: str, path: Path, line: int | None) -> str | None:
    value = meta.get(name)
    return _clean(value, path, line or 0, name) if isinstance(value, str) else value


def make_article(
    record: Record, source: Path, meta: dict, published_default: dt.date | None = None
) -> SourceArticle:
    """The article row of a record: its input metadata, then articles.csv's, then the default."""
    line = record.line
    given = {k: _field(record.metadata, k, source, line) for k in ("outlet", "url", "title")}
    notes = _field(record.metadata, "notes", source, line)
    published = _parse_date(record.metadata.get("published"), source, line)
    merged = {**given, "notes": notes, "published": published}
    merged.update({k: v for k, v in meta.items() if v is not None})
    if merged["published"] is None and published_default is not None:
        merged["published"] = published_default
        default_note = f"published date {published_default} from --published-default"
        merged["notes"] = "; ".join(filter(None, [merged["notes"], default_note]))
    stored = source.name if record.input_format is InputFormat.txt else f"{record.article_id}.txt"
    data = record.text.encode("utf-8")
    text_sha = record.input_sha256 if record.input_format is InputFormat.txt else None
    row = Article(
        article_id=record.article_id,
        outlet=merged["outlet"],
        url=merged["url"],
        title=merged["title"],
        published=merged["published"],
        text_sha256=text_sha or hashlib.sha256(data).hexdigest(),
        chars=len(record.text),
        words=len(record.text.split()),
        path=f"data/articles/{stored}",
        notes=merged["notes"],
        input_format=record.input_format,
        input_sha256=record.input_sha256,
    )
    return SourceArticle(row=row, text=record.text, source=source)


def metadata_file(root: Path) -> Path | None:
    """The folder's ``articles.csv`` (name in any case), if there is one."""
    if not root.is_dir():
        return None
    return next((p for p in sorted(root.iterdir()) if p.name.lower() == METADATA_FILE), None)


def read_corpus(
    root: Path, keep_going: bool = False, published_default: dt.date | None = None
) -> Corpus:
    """Read every article under ``root``; raise CorpusError on the first bad input unless
    ``keep_going`` (then bad inputs are skipped and listed in ``corpus.skipped``)."""
    files, refused = input_files(root)
    if refused and not keep_going:
        raise refused[0]
    corpus = Corpus(root=root, skipped=list(refused))
    records: list[tuple[Record, Path]] = []
    seen: dict[str, str] = {}
    for path in files:
        for item in file_records(path):
            try:
                if isinstance(item, CorpusError):
                    raise item
                _checked_id(item, path, seen)
                records.append((item, path))
            except CorpusError as err:
                if not keep_going:
                    raise
                corpus.skipped.append(err)
    known = {r.article_id for r, _ in records} | {p.stem for p in files}
    meta_path = metadata_file(root)
    metadata = read_metadata(meta_path, known) if meta_path else {}
    for item, path in records:
        try:
            meta = metadata.get(item.article_id, {})
            corpus.articles.append(make_article(item, path, meta, published_default))
        except CorpusError as err:
            if not keep_going:
                raise
            corpus.skipped.append(err)
    if not corpus.articles:
        raise CorpusError(root, "no readable articles")
    return corpus
