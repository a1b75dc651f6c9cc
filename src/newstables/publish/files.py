"""Write the tables as CSV + JSON, the Table Schemas and datapackage.json.

>>> write_package(tables, curation, Path("staging"))
Path('staging/datapackage.json')
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from enum import Enum
from pathlib import Path
from typing import Any

from ..curation import Curation
from ..models import TABLES, Row
from ..schema import PACKAGE_PROFILE, all_table_schemas

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


def csv_bytes(model: type[Row], rows: list[Row]) -> bytes:
    """The table as UTF-8 CSV with a header, \\n line endings, every field quoted minimally."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = list(model.model_fields)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(getattr(row, c)) for c in columns])
    return buffer.getvalue().encode("utf-8")


def json_bytes(rows: list[Row]) -> bytes:
    """The table as a JSON array of records (same values as the CSV, typed)."""
    records = [row.model_dump(mode="json") for row in rows]
    return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def dump_json(data: Any) -> bytes:
    """Stable pretty JSON for descriptors and schemas."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def resource(name: str, payload: bytes, schema: dict[str, Any]) -> dict[str, Any]:
    """A tabular CSV resource with its inline schema, size and sha256."""
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
        "bytes": len(payload),
        "hash": f"sha256:{hashlib.sha256(payload).hexdigest()}",
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


def table_files(tables: dict[str, list[Row]]) -> dict[str, bytes]:
    """Every published file but the descriptor, by relative path."""
    schemas = all_table_schemas()
    files: dict[str, bytes] = {}
    for name, model in TABLES.items():
        rows = tables.get(name, [])
        files[f"{DATA_DIR}/{name}.csv"] = csv_bytes(model, rows)
        files[f"{DATA_DIR}/{name}.json"] = json_bytes(rows)
        files[f"{SCHEMA_DIR}/{name}.json"] = dump_json(schemas[name])
    return files


def package_files(tables: dict[str, list[Row]], curation: Curation) -> dict[str, bytes]:
    """Every published file including datapackage.json, by relative path."""
    files = table_files(tables)
    schemas = all_table_schemas()
    resources = [resource(name, files[f"{DATA_DIR}/{name}.csv"], schemas[name]) for name in TABLES]
    files[DESCRIPTOR] = dump_json(descriptor(curation, resources))
    return files


def write_files(files: dict[str, bytes], root: Path) -> None:
    """Write files under root, creating folders."""
    for relative, payload in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(payload)
