"""Read a folder of articles: bytes kept as they are, text decoded, metadata checked.

>>> corpus = read_corpus(Path("data/articles"))
>>> corpus.articles[0].row.article_id
'000_dac3b4f1b009df78'
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .models import ARTICLE_ID, Article

METADATA_FILE = "articles.csv"
METADATA_COLUMNS = ("article_id", "outlet", "url", "title", "published", "notes")
MAX_ARTICLE_BYTES = 20_000_000
MAX_FIELD_CHARS = 2_000
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
    source: Path


@dataclass
class Corpus:
    """Articles read from one folder, plus the files that were skipped with --keep-going."""

    root: Path
    articles: list[SourceArticle] = field(default_factory=list)
    skipped: list[CorpusError] = field(default_factory=list)


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


def _parse_date(value: str | None, path: Path, line: int) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CorpusError(path, f"bad published date {value!r} (want YYYY-MM-DD)", line) from None


def read_metadata(path: Path, known_ids: set[str]) -> dict[str, dict[str, object]]:
    """Read articles.csv (any subset of METADATA_COLUMNS beyond article_id) keyed by id."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
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


def article_files(root: Path) -> list[Path]:
    """The article files of a folder, sorted by id; duplicate ids (case-folded) are an error."""
    if not root.is_dir():
        raise CorpusError(root, "articles folder not found")
    files = sorted(p for p in root.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
    seen: dict[str, Path] = {}
    for path in files:
        key = path.stem.casefold()
        if key in seen:
            raise CorpusError(path, f"duplicate article id (also {seen[key].name})")
        if not re.match(ARTICLE_ID, path.stem):
            raise CorpusError(path, "file name is not a valid article id (letters, digits, _ . -)")
        seen[key] = path
    if not files:
        raise CorpusError(root, "no .txt articles in folder")
    return files


def load_article(path: Path, metadata: dict[str, object]) -> SourceArticle:
    """Read one article file into a SourceArticle."""
    data = path.read_bytes()
    text = decode_article(path, data)
    row = Article(
        article_id=path.stem,
        outlet=metadata.get("outlet"),
        url=metadata.get("url"),
        title=metadata.get("title"),
        published=metadata.get("published"),
        text_sha256=hashlib.sha256(data).hexdigest(),
        chars=len(text),
        words=len(text.split()),
        path=f"data/articles/{path.name}",
        notes=metadata.get("notes"),
    )
    return SourceArticle(row=row, text=text, source=path)


def read_corpus(root: Path, keep_going: bool = False) -> Corpus:
    """Read every article in ``root``; raise CorpusError on the first bad file unless keep_going."""
    files = article_files(root)
    meta_path = root / METADATA_FILE
    metadata = read_metadata(meta_path, {p.stem for p in files}) if meta_path.exists() else {}
    corpus = Corpus(root=root)
    for path in files:
        try:
            corpus.articles.append(load_article(path, metadata.get(path.stem, {})))
        except CorpusError as err:
            if not keep_going:
                raise
            corpus.skipped.append(err)
    if not corpus.articles:
        raise CorpusError(root, "no readable articles")
    return corpus
