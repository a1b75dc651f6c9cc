"""Compare two data packages table by table: rows added, deleted and modified by primary key.

>>> result = diff_packages(open_package("dist/newstables-korea-kursk-1.0.0.zip"), open_package("."))
>>> print(result.tables[0].summary())
articles: +1 −0 ~0

Rows are compared with csv-diff (by primary key, every cell as published); schemas are compared
field by field (columns added, removed or retyped). ``newstables diff OLD NEW`` prints a summary
or, with ``--json``, one JSON line per change (ADD, DEL, MOD, SCHEMA).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .load import LoaderError, Package, open_package
from .publish.atomic import recover

CsvRow = dict[str, str]
# Columns that best say what a row is, for the readable listing.
LABELS = ("text", "surface", "summary", "name", "title", "trigger", "article_id")


@dataclass(frozen=True)
class RowChange:
    """A modified row: its key and, per changed column, (old, new)."""

    key: str
    changes: dict[str, tuple[str, str]]


@dataclass
class TableDiff:
    """Everything that differs in one table."""

    name: str
    status: str = "same"  # same, added (new table) or removed (table gone)
    added: list[CsvRow] = field(default_factory=list)
    deleted: list[CsvRow] = field(default_factory=list)
    modified: list[RowChange] = field(default_factory=list)
    schema: list[str] = field(default_factory=list)  # "column added: x", "column retyped: …"
    key: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.status != "same" or self.added or self.deleted or self.modified)

    def summary(self) -> str:
        """One line: ``figures: +3 −0 ~1`` (plus ``(new table)`` / ``(removed table)``)."""
        note = {"added": " (new table)", "removed": " (removed table)"}.get(self.status, "")
        return f"{self.name}: +{len(self.added)} −{len(self.deleted)} ~{len(self.modified)}{note}"

    def row_key(self, row: CsvRow) -> str:
        return "/".join(row.get(k, "") for k in self.key)


@dataclass
class PackageDiff:
    """Two packages compared: per-table diffs and changed package metadata."""

    old: Package
    new: Package
    tables: list[TableDiff]
    metadata: list[str] = field(default_factory=list)  # top-level descriptor keys that changed

    @property
    def changed(self) -> bool:
        return bool(self.metadata or any(t.changed or t.schema for t in self.tables))

    def table(self, name: str) -> TableDiff:
        return next(t for t in self.tables if t.name == name)


def read_rows(package: Package, table: str) -> tuple[list[str], dict[str, CsvRow]]:
    """A verified table's header and its rows keyed by primary key (joined with '/')."""
    key = package.resource(table)["schema"].get("primaryKey", [])
    text = package.table_bytes(table).decode("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = {"/".join(r[k] for k in key) if key else json.dumps(r): r for r in reader}
    return list(reader.fieldnames or []), rows


def compare_rows(old: dict[str, CsvRow], new: dict[str, CsvRow]) -> dict[str, Any]:
    """csv-diff's comparison, also for empty tables (which csv-diff cannot take)."""
    from csv_diff import compare

    if old and new:
        return compare(old, new)
    return {"added": list(new.values()), "removed": list(old.values()), "changed": []}


def _fields(package: Package, table: str) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in package.resource(table)["schema"]["fields"]}


def _signature(spec: dict[str, Any]) -> str:
    """A field's type as users see it: type, format and vocabulary."""
    kind = spec.get("type", "string")
    if spec.get("format") not in (None, "default"):
        kind += f"/{spec['format']}"
    values = spec.get("categories") or spec.get("constraints", {}).get("enum")
    return f"{kind}{sorted(map(str, values))}" if values else kind


def compare_schemas(old: Package, new: Package, table: str) -> list[str]:
    """Schema changes of a table present in both packages."""
    before, after = _fields(old, table), _fields(new, table)
    changes = [f"column removed: {c}" for c in before if c not in after]
    changes += [f"column added: {c}" for c in after if c not in before]
    for column in (c for c in before if c in after):
        was, now = _signature(before[column]), _signature(after[column])
        if was != now:
            changes.append(f"column retyped: {column} {was} → {now}")
    keys = [p.resource(table)["schema"].get("primaryKey", []) for p in (old, new)]
    if keys[0] != keys[1]:
        changes.append(f"primary key changed: {keys[0]} → {keys[1]}")
    return changes


def diff_table(old: Package, new: Package, table: str) -> TableDiff:
    """One table compared; a table missing on one side is all added or all deleted."""
    in_old, in_new = table in old.table_names, table in new.table_names
    source = new if in_new else old
    result = TableDiff(table, key=tuple(source.resource(table)["schema"].get("primaryKey", [])))
    before = read_rows(old, table)[1] if in_old else {}
    after = read_rows(new, table)[1] if in_new else {}
    if in_old and in_new:
        result.schema = compare_schemas(old, new, table)
    else:
        result.status = "added" if in_new else "removed"
    compared = compare_rows(before, after)
    result.added, result.deleted = compared["added"], compared["removed"]
    result.modified = [
        RowChange(str(c["key"]), {k: (v[0], v[1]) for k, v in c["changes"].items()})
        for c in compared["changed"]
    ]
    return result


IGNORED_METADATA = ("version", "resources", "downloads")  # downloads: derived files


def diff_packages(old: Package, new: Package) -> PackageDiff:
    """Every table of either package compared, in the new package's order."""
    names = new.table_names + [t for t in old.table_names if t not in new.table_names]
    keys = sorted(set(old.descriptor) | set(new.descriptor))
    metadata = [
        k
        for k in keys
        if k not in IGNORED_METADATA and old.descriptor.get(k) != new.descriptor.get(k)
    ]
    return PackageDiff(old, new, [diff_table(old, new, t) for t in names], metadata)


def label(row: CsvRow) -> str:
    """A short quote of what a row is (its text, surface, summary or name)."""
    value = next((row[c] for c in LABELS if row.get(c)), "")
    return json.dumps(value[:60] + ("…" if len(value) > 60 else ""), ensure_ascii=False)


def render(result: PackageDiff, rows: bool = True) -> str:
    """The readable summary: a header, one line per table, then (optionally) each row."""
    old, new = result.old, result.new
    target = new.version if new.name == old.name else f"{new.name} {new.version}"
    lines = [f"{old.name} {old.version} → {target}"]
    lines += [f"metadata changed: {k}" for k in result.metadata]
    for table in result.tables:
        lines.append(table.summary())
        lines += [f"  schema {change}" for change in table.schema]
        if not rows:
            continue
        lines += [f"  + {table.row_key(r)} {label(r)}" for r in table.added]
        lines += [f"  − {table.row_key(r)} {label(r)}" for r in table.deleted]
        for change in table.modified:
            fields = "; ".join(f"{k}: {a!r} → {b!r}" for k, (a, b) in change.changes.items())
            lines.append(f"  ~ {change.key} {fields}")
    return "\n".join(lines)


def json_lines(result: PackageDiff) -> Iterator[str]:
    """One JSON object per change: SCHEMA, ADD, DEL and MOD, table by table."""
    for table in result.tables:
        name = table.name
        if table.status != "same":
            yield _dump({"op": "SCHEMA", "table": name, "change": f"table {table.status}"})
        for change in table.schema:
            yield _dump({"op": "SCHEMA", "table": name, "change": change})
        for row in table.added:
            yield _dump({"op": "ADD", "table": name, "key": table.row_key(row), "row": row})
        for row in table.deleted:
            yield _dump({"op": "DEL", "table": name, "key": table.row_key(row), "row": row})
        for mod in table.modified:
            changes = {k: [a, b] for k, (a, b) in mod.changes.items()}
            yield _dump({"op": "MOD", "table": name, "key": mod.key, "changes": changes})


def _dump(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def open_for_reading(source: Path) -> Package:
    """Open a package argument, finishing an interrupted publish in a folder first."""
    if source.is_dir():
        recover(source)
    return open_package(source)


def run_diff(args: argparse.Namespace) -> int:
    """``newstables diff OLD NEW``: exit 0 when equal, 1 when they differ, 2 on error."""
    try:
        result = diff_packages(open_for_reading(args.old), open_for_reading(args.new))
    except (LoaderError, OSError) as err:
        print(f"newstables diff: error: {err}", file=sys.stderr)
        return 2
    lines = json_lines(result) if args.json else [render(result, rows=not args.brief)]
    try:
        for line in lines:
            print(line)
    except BrokenPipeError:  # `newstables diff … | head`: the reader has seen enough
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush quiet
    return 1 if result.changed else 0


def register(commands: Any) -> None:
    """Add ``newstables diff`` to the CLI's subcommands."""
    command = commands.add_parser(
        "diff", help="rows added, deleted and modified between two packages (folders or zips)"
    )
    command.add_argument("old", type=Path, help="older package: folder, datapackage.json or .zip")
    command.add_argument("new", type=Path, help="newer package: folder, datapackage.json or .zip")
    command.add_argument("--json", action="store_true", help="JSON lines: ADD, DEL, MOD, SCHEMA")
    command.add_argument("--brief", action="store_true", help="one line per table, no rows")
    command.set_defaults(run=run_diff)
