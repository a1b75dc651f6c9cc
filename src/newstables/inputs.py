"""Article inputs other than plain text: web pages, and JSON-lines or CSV files of articles.

Each reader turns its input into ``Record``s: an id, the text the offsets will index, the
input format, the sha256 of the original bytes and the metadata the input carries. A web page's
main text and metadata come from trafilatura (navigation, scripts, asides and footers dropped);
a record gives ``id``, ``text`` (or ``html``), ``title``, ``url``, ``published``, ``outlet``.

>>> [r.article_id for r in read_records(Path("export.jsonl"), data)]
['council-vote', 'rates-protest']
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .models import InputFormat

RECORD_FIELDS = ("id", "text", "html", "title", "url", "published", "outlet", "notes")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]*)?$")


class InputError(ValueError):
    """A bad page or record: ``problem`` and the ``line`` (1-based) it is on, if any."""

    def __init__(self, problem: str, line: int | None = None) -> None:
        super().__init__(problem)
        self.problem, self.line = problem, line


@dataclass(frozen=True)
class Record:
    """One article read from an input: what the corpus needs to make its row."""

    article_id: str
    text: str
    input_format: InputFormat
    input_sha256: str
    metadata: dict[str, str | None] = field(default_factory=dict)
    line: int | None = None


def published_date(value: str | None, line: int | None = None) -> dt.date | None:
    """A publication date from ``YYYY-MM-DD`` or an ISO timestamp; empty gives None.

    >>> published_date("2025-03-04T09:00:00Z")
    datetime.date(2025, 3, 4)
    """
    value = (value or "").strip()
    if not value:
        return None
    match = _DATE.match(value)
    try:
        return dt.date.fromisoformat(match.group(1)) if match else dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"bad published date {value!r} (want YYYY-MM-DD)", line) from None


def page_text(data: bytes, line: int | None = None) -> tuple[str, dict[str, str | None]]:
    """The main text of a web page (paragraphs separated by blank lines) and its metadata.

    Offline and deterministic: no URL is fetched, no date guessed from the body text.
    """
    import trafilatura  # an extra of the build engine

    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        fast=True,  # no fallback extractors: a page with no article body gives no text
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        raise InputError("no article text found in the page", line)
    paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.strip()]
    meta = {
        "title": getattr(document, "title", None),
        "url": getattr(document, "url", None),
        "outlet": getattr(document, "sitename", None),
        "published": getattr(document, "date", None),
    }
    return "\n\n".join(paragraphs) + "\n", {k: v for k, v in meta.items() if v}


def read_page(data: bytes, article_id: str) -> Record:
    """A ``.html``/``.htm`` file as one article."""
    text, meta = page_text(data)
    notes = "Text and metadata extracted from the web page (main text only)."
    return Record(
        article_id, text, InputFormat.html, _sha(data), {**meta, "notes": notes}, line=None
    )


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text(value: object, name: str, line: int) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"field {name!r} must be a string, not {type(value).__name__}", line)
    return value


def record(fields: dict[str, object], raw: bytes, kind: InputFormat, line: int) -> Record:
    """One article from the fields of a JSON line or CSV row (``raw``: its original bytes)."""
    values = {name: _text(fields.get(name), name, line) for name in RECORD_FIELDS}
    article_id = (values["id"] or "").strip()
    if not article_id:
        raise InputError("record has no 'id'", line)
    text, page = values["text"], values["html"]
    meta: dict[str, str | None] = {}
    if text is None and page is not None:
        text, meta = page_text(page.encode("utf-8"), line)
    if text is None or not text.strip():
        raise InputError(f"record {article_id!r} has no 'text' (or 'html')", line)
    given = {k: values[k] for k in ("title", "url", "outlet", "published", "notes") if values[k]}
    return Record(article_id, text, kind, _sha(raw), {**meta, **given}, line)


def jsonl_records(text: str) -> Iterator[Record | InputError]:
    """Every line of a JSON-lines file as a Record (or the error of a bad line)."""
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
            if not isinstance(fields, dict):
                raise InputError("a line must be a JSON object", number)
            yield record(fields, line.encode("utf-8"), InputFormat.jsonl, number)
        except json.JSONDecodeError as err:
            yield InputError(f"not JSON ({err.msg}, column {err.colno})", number)
        except InputError as err:
            yield err if err.line else InputError(err.problem, number)


def csv_records(text: str) -> Iterator[Record | InputError]:
    """Every row of a CSV file of articles (a header with ``id`` and ``text`` or ``html``)."""
    lines = text.splitlines(keepends=True)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "id" not in header or not {"text", "html"} & set(header):
        yield InputError("a CSV of articles needs an 'id' and a 'text' (or 'html') column", 1)
        return
    start = 2
    try:
        for fields in reader:
            end = reader.line_num
            raw = "".join(lines[start - 1 : end]).encode("utf-8")
            try:
                yield record(fields, raw, InputFormat.csv, start)
            except InputError as err:
                yield err
            start = end + 1
    except csv.Error as err:
        yield InputError(f"bad CSV ({err})", start)


def read_records(path: Path, data: bytes) -> Iterator[Record | InputError]:
    """The articles of a ``.jsonl`` or ``.csv`` file, in order; bad rows as InputErrors."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        yield InputError(f"not UTF-8 (byte {err.start})", data[: err.start].count(b"\n") + 1)
        return
    reader = jsonl_records if path.suffix.lower() == ".jsonl" else csv_records
    yield from reader(text)
