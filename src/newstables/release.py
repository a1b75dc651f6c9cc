"""Release a built package: check the semver bump, write CHANGELOG.md and a reproducible zip.

>>> result = release(Path("."))            # after bumping data/curation/package.yaml and building
>>> result.archive
PosixPath('dist/newstables-korea-kursk-1.1.0.zip')

The bump the changes require (Data Package semver recipe), compared with the previous release
archive: MAJOR for a removed table, a removed or retyped column or a new primary key; MINOR for
new tables, columns or rows (new articles); PATCH for corrections only (modified or deleted rows,
changed metadata). ``version`` in data/curation/package.yaml must be exactly the next version of
that kind; the build copies it into datapackage.json. The archive holds datapackage.json, the
tables (CSV + JSON), the Table Schemas, the article texts and newstables.db if present (at the
top or in site/), with sorted entries and fixed timestamps and permissions: the same inputs give
the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import os
import re
import sys
import zipfile
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path, PurePosixPath
from typing import Any

from .curation import DEFAULT_CURATION, PROJECT_ROOT, read_yaml
from .diff import PackageDiff, diff_packages, open_for_reading
from .load import LoaderError, Package, open_package, records, release_name

SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DATABASE = "newstables.db"
# Where a package may hold its SQLite database (the site build writes site/newstables.db).
DATABASE_PLACES = (DATABASE, f"site/{DATABASE}")
CHANGELOG_HEAD = (
    "# Changelog\n\n"
    "Versions of the data package follow the Data Package semver recipe: MAJOR for a changed or\n"
    "removed column or type, MINOR for new rows, tables or articles, PATCH for corrections.\n"
    "Each section is written by `newstables release`; `newstables diff OLD NEW` lists the rows.\n"
)


class Level(IntEnum):
    """How big a change is."""

    PATCH = 1
    MINOR = 2
    MAJOR = 3


class ReleaseError(RuntimeError):
    """A release that must not happen (wrong bump, stale build, nothing changed)."""


@dataclass
class ReleaseResult:
    """What a release did (or, with ``dry_run``, would do)."""

    version: str
    archive: Path
    previous: Path | None = None
    level: Level | None = None
    reasons: list[str] = field(default_factory=list)
    sha256: str = ""
    written: bool = False
    already_released: bool = False  # the archive exists with exactly these bytes


def parse_version(text: str) -> tuple[int, int, int]:
    """``'1.2.3'`` → ``(1, 2, 3)``; anything else is a ReleaseError."""
    match = SEMVER.match(str(text))
    if not match:
        raise ReleaseError(f"version {text!r} is not MAJOR.MINOR.PATCH")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def bump(version: str, level: Level) -> str:
    """The next version of a kind: ``bump("1.2.3", Level.MINOR)`` → ``'1.3.0'``."""
    major, minor, patch = parse_version(version)
    if level is Level.MAJOR:
        return f"{major + 1}.0.0"
    if level is Level.MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def plural(count: int, noun: str) -> str:
    """``plural(3, "new row")`` → ``'3 new rows'``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def classify(result: PackageDiff) -> tuple[Level | None, list[str]]:
    """The bump a diff requires and why; (None, []) when nothing changed."""
    found: list[tuple[Level, str]] = []
    for table in result.tables:
        if table.status == "removed":
            found.append((Level.MAJOR, f"{table.name}: table removed"))
        if table.status == "added":
            found.append((Level.MINOR, f"{table.name}: new table"))
        for change in table.schema:
            level = Level.MINOR if change.startswith("column added") else Level.MAJOR
            found.append((level, f"{table.name}: {change}"))
        if table.added and table.status == "same":
            found.append((Level.MINOR, f"{table.name}: {plural(len(table.added), 'new row')}"))
        if table.modified:
            found.append(
                (Level.PATCH, f"{table.name}: {plural(len(table.modified), 'row')} corrected")
            )
        if table.deleted and table.status == "same":
            found.append(
                (Level.PATCH, f"{table.name}: {plural(len(table.deleted), 'row')} deleted")
            )
    found += [(Level.PATCH, f"metadata: {key} changed") for key in result.metadata]
    if not found:
        return None, []
    level = max(lvl for lvl, _ in found)
    return level, [reason for lvl, reason in found if lvl == level]


def release_versions(dist: Path, name: str) -> dict[tuple[int, int, int], Path]:
    """Release archives of a package in a folder, by version."""
    found = {}
    for path in dist.glob(release_name(name, "*")):
        version = path.name.removeprefix(f"{name}-").removesuffix(".zip")
        if SEMVER.match(version):
            found[parse_version(version)] = path
    return found


def previous_release(dist: Path, name: str, version: str) -> Path | None:
    """The newest archive older than ``version``; a newer one means the version went back."""
    current = parse_version(version)
    releases = release_versions(dist, name)
    newer = [v for v in releases if v > current]
    if newer:
        latest = ".".join(map(str, max(newer)))
        raise ReleaseError(f"{dist} already has release {latest}, newer than {version}")
    older = [v for v in releases if v < current]
    return releases[max(older)] if older else None


def _sibling_files(package: Package, resource: dict[str, Any]) -> list[str]:
    """A table's JSON twin and its Table Schema, where the package has them."""
    path = PurePosixPath(resource["path"])
    candidates = [str(path.with_suffix(".json")), f"schema/{resource['name']}.json"]
    return [c for c in candidates if package.has(c)]


def archive_members(package: Package) -> dict[str, str]:
    """Every file a release carries: archive name → path in the package, sorted by name."""
    members = {"datapackage.json"}
    for name in package.table_names:
        resource = package.resource(name)
        members.add(resource["path"])
        members.update(_sibling_files(package, resource))
    downloads = package.descriptor.get("downloads", [])  # the spreadsheet workbook
    members.update(d["path"] for d in downloads if package.has(str(d.get("path", ""))))
    if "articles" in package.table_names:
        members.update(r["path"] for r in records(package, "articles") if r.get("path"))
    for source in package.descriptor.get("sources", []):
        path = str(source.get("path", ""))
        if path and "://" not in path and package.has(path):
            members.add(path)
    files = {member: member for member in members}
    database = next((p for p in DATABASE_PLACES if package.has(p)), None)
    if database:
        files[DATABASE] = database
    return dict(sorted(files.items()))


def archive_bytes(package: Package, members: dict[str, str]) -> bytes:
    """A zip of the members with fixed dates and permissions: same files, same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, source in members.items():
            info = zipfile.ZipInfo(member, date_time=ZIP_DATE)
            info.create_system = 3  # unix, so the permissions below are read
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, package.read(source), compresslevel=9)
    return buffer.getvalue()


def verify(package: Package) -> None:
    """Every table matches its hash (LoaderError otherwise)."""
    for name in package.table_names:
        package.table_bytes(name)


def check_version(package: Package, curation: Path) -> str:
    """package.yaml's version, which the built datapackage.json must carry."""
    wanted = str((read_yaml(curation / "package.yaml") or {}).get("version", ""))
    parse_version(wanted)
    if package.version != wanted:
        raise ReleaseError(
            f"{package.where}/datapackage.json has version {package.version} but "
            f"{curation / 'package.yaml'} says {wanted}: run `newstables build` first"
        )
    return wanted


def check_bump(previous: Package, version: str, result: PackageDiff) -> tuple[Level, list[str]]:
    """The required bump; a ReleaseError unless ``version`` is exactly the next one."""
    level, reasons = classify(result)
    if level is None:
        raise ReleaseError(f"nothing changed since {previous.version}: nothing to release")
    expected = bump(previous.version, level)
    if version != expected:
        raise ReleaseError(
            f"the changes since {previous.version} need a {level.name} release "
            f"({'; '.join(reasons)}): set `version: {expected}` in package.yaml "
            f"(it says {version}), rebuild, and release again"
        )
    return level, reasons


def changelog_section(result: ReleaseResult, diff: PackageDiff | None, date: dt.date) -> str:
    """The CHANGELOG.md section of one release."""
    lines = [f"## {result.version} ({date.isoformat()})", ""]
    if diff is None or result.level is None:
        lines.append("Initial release.")
    else:
        lines.append(f"{result.level.name} release since {diff.old.version}: ")
        lines[-1] += "; ".join(result.reasons) + "."
        lines.append("")
        lines += [f"- {t.summary()}" for t in diff.tables]
        articles = next((t for t in diff.tables if t.name == "articles"), None)
        if articles and articles.added:
            lines.append(f"- new articles: {', '.join(r['article_id'] for r in articles.added)}")
    lines += ["", f"Archive: `{result.archive.name}` (sha256 `{result.sha256}`).", ""]
    return "\n".join(lines)


def add_changelog_section(path: Path, version: str, section: str) -> bool:
    """Insert a section below the heading (newest first), once per version; True if written."""
    text = path.read_text(encoding="utf-8") if path.exists() else CHANGELOG_HEAD
    if re.search(rf"^## {re.escape(version)} ", text, flags=re.MULTILINE):
        return False
    head, marker, rest = text.partition("\n## ")
    body = f"{head.rstrip()}\n\n{section}" + (f"\n## {rest}" if marker else "")
    path.write_text(body, encoding="utf-8")
    return True


def release_date() -> dt.date:
    """Today (UTC), or the day of ``$SOURCE_DATE_EPOCH`` for reproducible changelogs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return now.date()


def write_atomic(path: Path, payload: bytes) -> None:
    """Write a file through a temporary name, so a crash never leaves half an archive."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(payload)
    os.replace(temporary, path)


def release(
    package_dir: Path = PROJECT_ROOT,
    curation: Path = DEFAULT_CURATION,
    dist: Path | None = None,
    previous: Path | None = None,
    changelog: Path | None = None,
    dry_run: bool = False,
) -> ReleaseResult:
    """Check the bump against the previous release, then write the archive and CHANGELOG.md."""
    package = open_for_reading(package_dir)
    verify(package)
    version = check_version(package, curation)
    dist = dist or package_dir / "dist"
    archive = dist / release_name(package.name, version)
    payload = archive_bytes(package, archive_members(package))
    result = ReleaseResult(version, archive, sha256=hashlib.sha256(payload).hexdigest())
    if archive.exists() and archive.read_bytes() == payload:
        result.already_released = True
        return result
    # An archive of this version with other contents: the changes since it need a bump.
    result.previous = previous or (
        archive if archive.exists() else previous_release(dist, package.name, version)
    )
    diff = None
    if result.previous is not None:
        old = open_package(result.previous)
        diff = diff_packages(old, package)
        result.level, result.reasons = check_bump(old, version, diff)
    if not dry_run:
        write_atomic(archive, payload)
        section = changelog_section(result, diff, release_date())
        add_changelog_section(changelog or package_dir / "CHANGELOG.md", version, section)
        result.written = True
    return result


def run_release(args: argparse.Namespace) -> int:
    """``newstables release``: print what was checked and written; exit 1 on a refusal."""
    try:
        result = release(
            args.package, args.curation, args.dist, args.previous, args.changelog, args.dry_run
        )
    except (ReleaseError, LoaderError, OSError) as err:
        print(f"newstables release: refused: {err}", file=sys.stderr)
        return 1
    if result.already_released:
        print(f"{result.archive} is already released with these exact contents")
        return 0
    print(f"previous release: {result.previous or 'none (initial release)'}")
    if result.level is not None:
        print(f"required bump: {result.level.name} ({'; '.join(result.reasons)})")
    verb = "wrote" if result.written else "would write"
    print(f"{verb} {result.archive} (version {result.version}, sha256 {result.sha256})")
    return 0


def register(commands: Any) -> None:
    """Add ``newstables release`` to the CLI's subcommands."""
    command = commands.add_parser(
        "release", help="check the semver bump, update CHANGELOG.md, write dist/<name>-<v>.zip"
    )
    command.add_argument("package", type=Path, nargs="?", default=PROJECT_ROOT, help="package dir")
    command.add_argument("--curation", type=Path, default=DEFAULT_CURATION, help="has package.yaml")
    command.add_argument("--dist", type=Path, help="archive folder (default PACKAGE/dist)")
    command.add_argument("--previous", type=Path, help="previous release .zip (default: newest)")
    command.add_argument("--changelog", type=Path, help="default PACKAGE/CHANGELOG.md")
    command.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    command.set_defaults(run=run_release)
