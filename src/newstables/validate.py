"""Three checks of a built package: rows (keys), files (frictionless) and evidence (spans).

>>> report = validate_package(Path("datapackage.json"))
>>> report.ok
True
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .models import TABLES, Row, TableMeta

MAX_REPORTED = 20
CURATION = "data/curation/"  # a dataset project's curation inputs live beside its tables


@dataclass
class Report:
    """Problems found, per check; empty lists mean the check passed."""

    checks: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.checks.values())

    def add(self, check: str, problems: Iterable[str]) -> None:
        self.checks.setdefault(check, []).extend(problems)

    def render(self) -> str:
        """A readable report: one line per check, then the first problems of each."""
        lines = []
        for check, problems in self.checks.items():
            lines.append(f"{'FAIL' if problems else 'ok  '} {check}: {len(problems)} problem(s)")
            lines += [f"     - {p}" for p in problems[:MAX_REPORTED]]
            if len(problems) > MAX_REPORTED:
                lines.append(f"     … and {len(problems) - MAX_REPORTED} more")
        return "\n".join(lines)


def check_keys(tables: dict[str, list[Row]]) -> Iterator[str]:
    """Primary keys unique and foreign keys resolvable, in memory, before anything is written."""
    keys = {
        name: {getattr(r, TABLES[name].TABLE.primary_key) for r in rows}
        for name, rows in tables.items()
    }
    for name, rows in tables.items():
        meta = TABLES[name].TABLE
        if len(keys[name]) != len(rows):
            yield f"{name}: duplicate {meta.primary_key} values"
        for row in rows:
            for column, target in meta.foreign_keys.items():
                value = getattr(row, column)
                if value and value not in keys.get(target, set()):
                    yield f"{name}: {column}={value!r} not in {target}"
    yield from check_attributed(tables)


# A mention printed at the attribution point must name an entity (issue 12): table → (mention
# column, entity column).
ATTRIBUTED = {
    "quotations": ("speaker_surface", "speaker_id"),
    "figures": ("claimant_surface", "claimant_id"),
}


def check_attributed(tables: dict[str, list[Row]]) -> Iterator[str]:
    """Every attributed row names its entity: ``speaker_surface`` set ⇒ ``speaker_id`` set, and
    ``claimant_surface`` set ⇒ ``claimant_id`` set.

    >>> list(check_attributed({"quotations": [row_with_surface_but_no_speaker]}))
    ["quotations q_…: speaker_surface 'he' has no speaker_id"]
    """
    for name, (surface, entity) in ATTRIBUTED.items():
        for row in tables.get(name, []):
            if getattr(row, surface, None) and not getattr(row, entity, None):
                key = getattr(row, row.TABLE.primary_key)
                yield f"{name} {key}: {surface} {getattr(row, surface)!r} has no {entity}"


def check_frictionless(descriptor: Path) -> Iterator[str]:
    """Validate the files against the Data Package and its Table Schemas (frictionless)."""
    from frictionless import Package, system

    with system.use_context(trusted=False):
        result = Package(str(descriptor)).validate()
    for task in result.tasks:
        for error in task.errors:
            yield f"{task.name}: {error.message}"
    for error in result.errors:
        yield error.message


def _span_problems(meta: TableMeta, record: dict[str, str], text: str, where: str) -> list[str]:
    problems = []
    for column, start, end in (meta.span, *meta.extra_spans) if meta.span else meta.extra_spans:
        if record.get(start, "") == "" or record.get(end, "") == "":
            continue
        a, b = int(record[start]), int(record[end])
        if not 0 <= a <= b <= len(text) or text[a:b] != record[column]:
            problems.append(f"{where}: {column} {record[column]!r} != text[{a}:{b}]")
    return problems


def check_evidence(descriptor: Path, texts_dir: Path | None = None) -> Iterator[str]:
    """Re-read every article: hashes match and every span equals the text at its offsets.

    ``texts_dir`` is where to find article texts that the package folder does not hold yet
    (a package being staged next to its input).
    """
    root = descriptor.parent
    texts: dict[str, str] = {}
    with open(root / "data" / "articles.csv", encoding="utf-8", newline="") as handle:
        for line, record in enumerate(csv.DictReader(handle), start=2):
            path = root / record["path"]
            if texts_dir and not path.exists():
                path = texts_dir / Path(record["path"]).name
            if not path.exists():
                yield f"articles.csv:{line}: {record['path']} missing"
                continue
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() != record["text_sha256"]:
                yield f"articles.csv:{line}: {record['path']} changed (sha256 differs)"
            texts[record["article_id"]] = data.decode("utf-8")
    for name, model in TABLES.items():
        meta = model.TABLE
        if not (meta.span or meta.extra_spans) or name == "articles":
            continue
        with open(root / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
            for line, record in enumerate(csv.DictReader(handle), start=2):
                if None in record or None in record.values():
                    yield f"{name}.csv:{line}: wrong number of fields (a line break not quoted?)"
                    continue
                text = texts.get(record["article_id"])
                if text is None:
                    yield f"{name}.csv:{line}: unknown article {record['article_id']!r}"
                    continue
                yield from _span_problems(meta, record, text, f"{name}.csv:{line}")


def check_descriptor(descriptor: Path) -> Iterator[str]:
    """The descriptor parses and declares every table."""
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        yield f"{descriptor}: {err}"
        return
    names = {r.get("name") for r in package.get("resources", [])}
    for table in TABLES:
        if table not in names:
            yield f"{descriptor}: no resource {table!r}"


def _paths(entry: dict) -> list[str]:
    """The path (or paths) of a resource or source entry of the descriptor."""
    path = entry.get("path")
    return [path] if isinstance(path, str) else [p for p in path or [] if isinstance(p, str)]


def listed_files(descriptor: Path) -> set[str]:
    """Every file under data/ that a package lists: its resources (a table's CSV and JSON
    twin), its downloads (the workbook), its sources and the article texts of articles.csv."""
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    listed: set[str] = set()
    entries = [package.get(key, []) for key in ("resources", "downloads", "sources")]
    for entry in [e for group in entries if isinstance(group, list) for e in group]:
        for path in _paths(entry) if isinstance(entry, dict) else []:
            listed |= {path, path.removesuffix(".csv") + ".json"}
    articles = descriptor.parent / "data" / "articles.csv"
    if articles.is_file():
        with open(articles, encoding="utf-8", newline="") as handle:
            listed |= {r.get("path") or "" for r in csv.DictReader(handle)}
    return listed


def check_unlisted(descriptor: Path) -> Iterator[str]:
    """Files under data/ that the package does not list (a stale article of an older build),
    the curation folder of a dataset project aside.

    >>> list(check_unlisted(Path("datapackage.json")))
    []
    """
    data = descriptor.parent / "data"
    try:
        listed = listed_files(descriptor)
    except (OSError, ValueError) as err:
        yield f"{descriptor}: {err}"
        return
    for path in sorted(data.rglob("*")) if data.is_dir() else []:
        relative = path.relative_to(descriptor.parent).as_posix()
        if path.is_file() and relative not in listed and not relative.startswith(CURATION):
            yield f"{relative}: not listed by {descriptor.name} (left by another build?)"


def check_downloads(descriptor: Path) -> Iterator[str]:
    """Each file of the descriptor's ``downloads`` (the workbook) has its size and sha256."""
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    for entry in package.get("downloads", []):
        path = descriptor.parent / entry["path"]
        if not path.is_file():
            yield f"{entry['path']}: missing"
            continue
        data = path.read_bytes()
        if entry.get("hash") != f"sha256:{hashlib.sha256(data).hexdigest()}":
            yield f"{entry['path']}: sha256 differs from {descriptor.name}"
        elif entry.get("bytes") != len(data):
            yield f"{entry['path']}: {len(data)} bytes, {descriptor.name} says {entry.get('bytes')}"


def check_files(descriptor: Path) -> list[str]:
    """The files check: nothing unlisted under data/, every download as the descriptor says."""
    return [*check_unlisted(descriptor), *check_downloads(descriptor)]


def validate_tables(descriptor: Path, texts_dir: Path | None = None) -> Report:
    """The descriptor, frictionless and evidence checks: the tables (a build runs them while
    its workbook is still being written, then ``check_files``)."""
    report = Report()
    report.add("descriptor", check_descriptor(descriptor))
    if report.ok:
        report.add("frictionless", check_frictionless(descriptor))
        report.add("evidence", check_evidence(descriptor, texts_dir))
    return report


def validate_package(descriptor: Path, texts_dir: Path | None = None) -> Report:
    """Run the descriptor, frictionless, evidence and files checks on a package on disk."""
    report = validate_tables(descriptor, texts_dir)
    if not report.checks["descriptor"]:
        report.add("files", check_files(descriptor))
    return report
