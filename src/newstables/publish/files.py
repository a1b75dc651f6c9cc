"""Write the tables as CSV + JSON, the Table Schemas and datapackage.json.

Tables are streamed to disk in batches of rows (hashed on the way), so a large corpus never
holds a whole serialised table in memory.

>>> write_package(tables, curation, Path("staging"))
PosixPath('staging/datapackage.json')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from enum import Enum
from pathlib import Path
from typing import Any

from ..curation import Curation
from ..models import TABLES, Row
from ..schema import PACKAGE_PROFILE, all_table_schemas
from .xlsx import workbook_from_json, workbook_resource

DATA_DIR = "data"
SCHEMA_DIR = "schema"
DESCRIPTOR = "datapackage.json"


def cell(value: Any) -> str:
    """One CSV cell: empty for None, JSON for lists, lower-case booleans, plain numbers.

    >>> cell(10000.0), cell(True), cell(["a"]), cell(None)
    ('10000', 'true', '["a"]', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


BATCH = 5_000  # rows serialised at a time
# Every character str.splitlines() breaks at: a field holding any of them is quoted, so no
# reader (csv, pandas, frictionless, a spreadsheet) can take it for the end of a row.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_NEEDS_QUOTES = re.compile(f'[,"{LINE_BREAKS}]')


def csv_field(text: str) -> str:
    """One CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.

    >>> csv_field("a"), csv_field("a,b"), csv_field("x\\ry"), csv_field('a "b" c')
    ('a', '"a,b"', '"x\\ry"', '"a ""b"" c"')
    """
    return '"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text


def csv_line(cells: list[str]) -> str:
    """One CSV record ending in \\n (what ``csv.writer`` writes, but line breaks always quoted)."""
    return ",".join(map(csv_field, cells)) + "\n"


class _HashedFile:
    """A binary file that keeps the sha256 and size of what is written to it."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = path.open("wb")
        self.digest, self.size = hashlib.sha256(), 0

    def write(self, text: str) -> None:
        payload = text.encode("utf-8")
        self.handle.write(payload)
        self.digest.update(payload)
        self.size += len(payload)

    def close(self) -> None:
        self.handle.close()


def write_csv(model: type[Row], rows: list[Row], path: Path) -> tuple[int, str]:
    """The table as UTF-8 CSV with a header, \\n line endings, fields quoted minimally (and
    always when they hold a line break: ``csv_field``); returns (bytes, sha256)."""
    out = _HashedFile(path)
    columns = list(model.model_fields)
    out.write(csv_line(columns))
    for start in range(0, len(rows), BATCH):
        lines = (
            csv_line([cell(getattr(row, c)) for c in columns])
            for row in rows[start : start + BATCH]
        )
        out.write("".join(lines))
    out.close()
    return out.size, out.digest.hexdigest()


# json's C encoder (no indent) with the separator ``indent=1`` puts between a record's items
_FLAT = json.JSONEncoder(ensure_ascii=False, separators=(",\n ", ": "))


def record_json(record: dict[str, Any]) -> str:
    """``json.dumps(record, ensure_ascii=False, indent=1)``, three times faster for a record
    whose values are all scalars (or empty lists): json's C encoder with the indented separator.

    >>> print(record_json({"a": 1, "b": "x"}))
    {
     "a": 1,
     "b": "x"
    }
    """
    if not record or any(isinstance(v, list | dict) and v for v in record.values()):
        return json.dumps(record, ensure_ascii=False, indent=1)  # nested: indent them too
    return "{\n " + _FLAT.encode(record)[1:-1] + "\n}"


def write_json(rows: list[Row], path: Path) -> tuple[int, str]:
    """The table as a JSON array of records (same values as the CSV, typed), one at a time;
    the bytes equal ``json.dumps(records, ensure_ascii=False, indent=1)``; returns (bytes,
    sha256)."""
    out = _HashedFile(path)
    if not rows:
        out.write("[]\n")
    for index, row in enumerate(rows):
        record = " " + record_json(row.model_dump(mode="json")).replace("\n", "\n ")
        out.write(("[\n" if index == 0 else ",\n") + record)
    if rows:
        out.write("\n]\n")
    out.close()
    return out.size, out.digest.hexdigest()


def dump_json(data: Any) -> bytes:
    """Stable pretty JSON for descriptors and schemas."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def resource(
    name: str, size: int, sha256: str, schema: dict[str, Any], twin: tuple[int, str]
) -> dict[str, Any]:
    """A tabular CSV resource with its inline schema, size and sha256; ``json`` describes its
    JSON twin (same rows) so that loaders can verify that file too."""
    meta = TABLES[name].TABLE
    return {
        "name": name,
        "type": "table",
        "path": f"{DATA_DIR}/{name}.csv",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": meta.title,
        "description": meta.description,
        "bytes": size,
        "hash": f"sha256:{sha256}",
        "json": {
            "path": f"{DATA_DIR}/{name}.json",
            "mediatype": "application/json",
            "bytes": twin[0],
            "hash": f"sha256:{twin[1]}",
        },
        "schema": schema,
    }


def descriptor(curation: Curation, resources: list[dict[str, Any]]) -> dict[str, Any]:
    """The Data Package v2 descriptor from package.yaml plus the resources."""
    meta = dict(curation.package)
    return {
        "$schema": PACKAGE_PROFILE,
        "name": meta.pop("name", "newstables-dataset"),
        "title": meta.pop("title", "newstables dataset"),
        "description": meta.pop("description", ""),
        "version": meta.pop("version", "0.0.0"),
        **meta,
        "resources": resources,
    }


def write_twins(tables: dict[str, list[Row]], root: Path) -> dict[str, tuple[int, str]]:
    """Write every table's JSON twin (what the workbook is made from); returns each one's
    (bytes, sha256) by table name, for ``write_tables``.

    >>> twins = write_twins(tables, stage)
    """
    return {
        name: write_json(tables.get(name, []), root / DATA_DIR / f"{name}.json") for name in TABLES
    }


def write_tables(
    tables: dict[str, list[Row]], root: Path, twins: dict[str, tuple[int, str]] | None = None
) -> list[dict[str, Any]]:
    """Write every table as CSV with its Table Schema, and its JSON twin unless ``twins``
    (``write_twins``) says it is written; returns their resources."""
    twins = twins if twins is not None else write_twins(tables, root)
    schemas = all_table_schemas()
    resources = []
    for name, model in TABLES.items():
        size, sha256 = write_csv(model, tables.get(name, []), root / DATA_DIR / f"{name}.csv")
        schema_path = root / SCHEMA_DIR / f"{name}.json"
        schema_path.parent.mkdir(parents=True, exist_ok=True)
        schema_path.write_bytes(dump_json(schemas[name]))
        resources.append(resource(name, size, sha256, schemas[name], twins[name]))
    return resources


def write_workbook(root: Path) -> tuple[int, str]:
    """The spreadsheet workbook of all tables, from their JSON twins (``write_twins`` first);
    returns (bytes, sha256)."""
    return workbook_from_json(root / DATA_DIR, render=cell)


def write_descriptor(
    curation: Curation,
    resources: list[dict[str, Any]],
    root: Path,
    workbook: tuple[int, str] | None = None,
) -> Path:
    """Write datapackage.json; the workbook (its bytes and sha256) goes in ``downloads``. A
    build first writes it without the workbook, to validate the tables while the workbook is
    being written."""
    package = descriptor(curation, resources)
    if workbook is not None:
        package["downloads"] = [workbook_resource(*workbook)]
    path = root / DESCRIPTOR
    path.write_bytes(dump_json(package))
    return path


def write_package(tables: dict[str, list[Row]], curation: Curation, root: Path) -> Path:
    """Write every table (CSV + JSON), its Table Schema, the spreadsheet workbook of all
    tables and, last, datapackage.json."""
    resources = write_tables(tables, root)
    return write_descriptor(curation, resources, root, write_workbook(root))
