"""Load the published tables as pandas DataFrames or pydantic rows: offline, no spaCy.

>>> figures = load("figures")                         # the package bundled with newstables
>>> figures = load("figures", package="dist/newstables-korea-kursk-1.0.0.zip")
>>> figures = load("figures", version="1.0.0")        # a release archive found locally

A package is a folder holding ``datapackage.json``, that file itself, or a release archive
(``.zip``). Every table is checked against the sha256 in ``datapackage.json`` before it is read.
``version=`` looks for ``<name>-<version>.zip`` in ``$NEWSTABLES_RELEASES`` (folders separated by
``os.pathsep``), then ``./dist``, then ``~/.cache/newstables/releases``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from .models import TABLES, Row
from .publish.atomic import Locked, settle

DESCRIPTOR = "datapackage.json"
RELEASES_ENV = "NEWSTABLES_RELEASES"
# A development checkout (editable install): the repository root is the published package.
SOURCE_TREE = Path(__file__).resolve().parents[2]

PackageSource = str | os.PathLike[str] | None

_DTYPES: dict[str, Any] = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "year": "Int64",
}
_DATES = ("date", "datetime")
_JSON = ("array", "object")


class LoaderError(ValueError):
    """A package, table or release that cannot be loaded; the message says which and why."""


class IntegrityError(LoaderError):
    """A table file whose bytes do not match the hash in ``datapackage.json``."""


@dataclass(frozen=True)
class Package:
    """An opened data package: its descriptor and the folder (or archive) that holds its files.

    >>> open_package("dist/newstables-korea-kursk-1.0.0.zip").version
    '1.0.0'
    """

    root: Traversable
    where: str
    descriptor: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.descriptor.get("name", ""))

    @property
    def version(self) -> str:
        return str(self.descriptor.get("version", ""))

    @property
    def table_names(self) -> list[str]:
        return [r["name"] for r in self.descriptor.get("resources", []) if "schema" in r]

    def resource(self, table: str) -> dict[str, Any]:
        """The descriptor of one table; an unknown name lists the valid ones."""
        for resource in self.descriptor.get("resources", []):
            if resource.get("name") == table and "schema" in resource:
                return resource
        valid = ", ".join(self.table_names) or "(none)"
        raise LoaderError(f"no table {table!r} in {self.where}; tables: {valid}")

    def has(self, relative: str) -> bool:
        """Whether the package holds a file at this relative POSIX path."""
        return self.root.joinpath(*PurePosixPath(relative).parts).is_file()

    def read(self, relative: str) -> bytes:
        """The bytes of a file inside the package (paths are relative, POSIX, no '..')."""
        path = PurePosixPath(relative)
        if path.is_absolute() or ".." in path.parts:
            raise LoaderError(f"{self.where}: unsafe path {relative!r} in {DESCRIPTOR}")
        node = self.root.joinpath(*path.parts)
        if not node.is_file():
            raise LoaderError(f"{self.where}: {relative} is missing")
        return node.read_bytes()

    def table_bytes(self, table: str) -> bytes:
        """A table's CSV, verified against the resource's ``hash`` and ``bytes``; its JSON
        twin (the ``json`` entry of the resource), where the package holds it, is verified
        too."""
        resource = self.resource(table)
        twin = resource.get("json")
        if isinstance(twin, dict) and self.has(str(twin.get("path"))):  # the wheel has none
            check_integrity(twin, self.read(twin["path"]), f"{self.where}/{twin['path']}")
        payload = self.read(resource["path"])
        check_integrity(resource, payload, f"{self.where}/{resource['path']}")
        return payload


def check_integrity(resource: dict[str, Any], payload: bytes, where: str) -> None:
    """Raise IntegrityError, naming the file, when a resource declares no hash, an unknown
    hash algorithm, or a hash (``sha256:…``) or size that the payload does not have."""
    declared = resource.get("hash")
    if not declared:
        raise IntegrityError(f"{where}: {DESCRIPTOR} gives no hash for it (cannot verify it)")
    algorithm, _, expected = str(declared).rpartition(":")
    algorithm = algorithm or "md5"
    if algorithm not in hashlib.algorithms_available:
        raise IntegrityError(f"{where}: unknown hash algorithm {algorithm!r} in {DESCRIPTOR}")
    actual = hashlib.new(algorithm, payload).hexdigest()
    size = resource.get("bytes")
    if actual != expected.lower() or (isinstance(size, int) and size != len(payload)):
        raise IntegrityError(
            f"{where} is corrupt: its {algorithm} is {actual[:12]}… ({len(payload):,} bytes) but "
            f"{DESCRIPTOR} says {expected[:12]}… (re-download the package or rebuild it)"
        )


def bundled_root() -> Traversable:
    """Where the bundled package lives: inside the installed wheel, else the source checkout."""
    shipped = resources.files(__package__) / "package"
    return shipped if (shipped / DESCRIPTOR).is_file() else SOURCE_TREE


def release_dirs() -> list[Path]:
    """Folders searched for release archives, in order.

    >>> release_dirs()[-1]
    PosixPath('/home/me/.cache/newstables/releases')
    """
    configured = os.environ.get(RELEASES_ENV, "")
    dirs = [Path(p).expanduser() for p in configured.split(os.pathsep) if p]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return [*dirs, Path.cwd() / "dist", cache / "newstables" / "releases"]


def release_name(name: str, version: str) -> str:
    """The archive file name of a release: ``newstables-korea-kursk-1.0.0.zip``."""
    return f"{name}-{version}.zip"


def find_release(name: str, version: str) -> Path:
    """The first ``<name>-<version>.zip`` in ``release_dirs()``; the error lists what exists."""
    wanted = release_name(name, version)
    for folder in release_dirs():
        if (folder / wanted).is_file():
            return folder / wanted
    found = sorted({p.name for d in release_dirs() if d.is_dir() for p in d.glob(f"{name}-*.zip")})
    searched = ", ".join(str(d) for d in release_dirs())
    raise LoaderError(
        f"release {wanted} not found in {searched} (set ${RELEASES_ENV} to its folder); "
        f"available: {', '.join(found) or 'none'}"
    )


def _archive_root(path: Path) -> Traversable:
    """The folder of a zip archive holding datapackage.json (at the top or one level down)."""
    root = zipfile.Path(path)
    if (root / DESCRIPTOR).is_file():
        return root
    inner = [d for d in root.iterdir() if d.is_dir() and (d / DESCRIPTOR).is_file()]
    if len(inner) != 1:
        raise LoaderError(f"{path}: no {DESCRIPTOR} in the archive")
    return inner[0]


def _settled(folder: Path) -> Path:
    """The folder, with a publish that was killed after its journal completed first (as every
    CLI command does); a build publishing there right now is an error, not a half-read."""
    try:
        settle(folder)
    except Locked:
        raise LoaderError(f"{folder}: a build is publishing into it right now; try again") from None
    except OSError as err:
        raise LoaderError(f"{folder}: cannot complete an interrupted publish: {err}") from None
    return folder


def _source_root(source: str | os.PathLike[str]) -> tuple[Traversable, str]:
    path = Path(source).expanduser()
    if path.is_file() and zipfile.is_zipfile(path):
        return _archive_root(path), str(path)
    if path.is_dir():
        return _settled(path), str(path)
    if path.name.endswith(".json") and path.is_file():
        return _settled(path.parent), str(path.parent)
    raise LoaderError(f"{path}: not a package folder, {DESCRIPTOR} or release archive")


def open_package(source: PackageSource = None, version: str | None = None) -> Package:
    """Open the bundled package, a given one (folder, datapackage.json, zip) or a release.

    >>> open_package().name
    'newstables-korea-kursk'
    """
    if source is not None and version is not None:
        raise LoaderError("give either package= or version=, not both")
    if version is not None:
        source = find_release(open_package().name, version)
    if source is None:
        root, where = bundled_root(), "the bundled package"
    else:
        root, where = _source_root(source)
    if not (root / DESCRIPTOR).is_file():
        raise LoaderError(f"{where}: no {DESCRIPTOR}")
    try:
        descriptor = json.loads((root / DESCRIPTOR).read_bytes())
    except ValueError as err:
        raise LoaderError(f"{where}/{DESCRIPTOR}: not valid JSON ({err})") from None
    return Package(root, where, descriptor)


def category_values(field: dict[str, Any]) -> list[str]:
    """A field's vocabulary: its ``categories`` (strings or ``{"value": …}``), else its enum."""
    values = field.get("categories") or field.get("constraints", {}).get("enum") or []
    return [str(v["value"] if isinstance(v, dict) else v) for v in values]


def _json_cell(cell: str) -> Any:
    return json.loads(cell) if cell else None


def read_options(schema: dict[str, Any]) -> dict[str, Any]:
    """``pandas.read_csv`` keyword arguments that give each Table Schema type its dtype."""
    dtype: dict[str, Any] = {}
    converters: dict[str, Callable[[str], Any]] = {}
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "string")
        if categories := category_values(field):
            dtype[name] = pd.CategoricalDtype(categories)
        elif kind in _DATES:
            dtype[name] = "string"  # converted by date_columns after reading
        elif kind in _JSON:
            converters[name] = _json_cell
        else:
            dtype[name] = _DTYPES.get(kind, "string")
    return {
        "dtype": dtype,
        "converters": converters,
        "keep_default_na": False,
        "na_values": schema.get("missingValues", [""]),
        "true_values": ["true"],
        "false_values": ["false"],
    }


def read_frame(package: Package, table: str) -> pd.DataFrame:
    """One verified table as a DataFrame typed from its Table Schema."""
    payload = package.table_bytes(table)
    schema = package.resource(table)["schema"]
    frame = pd.read_csv(io.BytesIO(payload), encoding="utf-8", **read_options(schema))
    for name in (f["name"] for f in schema["fields"] if f.get("type") in _DATES):
        frame[name] = pd.to_datetime(frame[name], format="ISO8601")  # datetime64 even if empty
    return frame


def records(package: Package, table: str) -> list[dict[str, Any]]:
    """One verified table as plain dicts: missing cells None, arrays parsed, the rest strings."""
    fields = {f["name"]: f.get("type") for f in package.resource(table)["schema"]["fields"]}
    text = package.table_bytes(table).decode("utf-8")
    return [
        {
            k: (_json_cell(v) if fields.get(k) in _JSON else v) if v != "" else None
            for k, v in r.items()
        }
        for r in csv.DictReader(io.StringIO(text, newline=""))
    ]


def read_models(package: Package, table: str) -> list[Row]:
    """One verified table as validated pydantic rows (see ``newstables.models``)."""
    if table not in TABLES:
        raise LoaderError(f"no row model for table {table!r}; models: {', '.join(TABLES)}")
    model = TABLES[table]
    try:
        return [model.model_validate(r) for r in records(package, table)]
    except ValueError as err:
        raise LoaderError(
            f"{package.where}: {table} rows do not fit this newstables version's models "
            f"(package version {package.version}): {err}"
        ) from None


def load(
    name: str,
    package: PackageSource = None,
    version: str | None = None,
    as_models: bool = False,
) -> Any:
    """Load one table: a typed DataFrame, or with ``as_models=True`` a list of pydantic rows.

    >>> load("figures").dtypes["qualifier"]
    CategoricalDtype(categories=['exact', 'approx', …], ordered=False, categories_dtype=str)

    Types follow the Table Schema: integer → Int64, number → Float64, boolean → boolean,
    date → datetime64, a vocabulary (``categories``) → category, array → Python lists, text →
    string; empty cells are missing (``<NA>``). ``package`` is a folder, ``datapackage.json`` or
    a release ``.zip``; ``version`` finds a release archive locally (see the module docs).
    """
    opened = open_package(package, version)
    return read_models(opened, name) if as_models else read_frame(opened, name)


def count_rows(package: Package, table: str) -> int:
    """Data rows in a verified table (quoted newlines counted correctly)."""
    text = package.table_bytes(table).decode("utf-8")
    return max(sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1, 0)


def tables(package: PackageSource = None, version: str | None = None) -> pd.DataFrame:
    """Every table with its row count, title and description.

    >>> tables()["table"].tolist()
    ['articles', 'quotations', 'figures', 'events', 'event_mentions', 'entities']
    """
    opened = open_package(package, version)
    rows = [
        {
            "table": name,
            "rows": count_rows(opened, name),
            "title": opened.resource(name).get("title", ""),
            "description": opened.resource(name).get("description", ""),
        }
        for name in opened.table_names
    ]
    return pd.DataFrame(rows, columns=["table", "rows", "title", "description"])


@dataclass(frozen=True)
class Column:
    """One documented column of a table."""

    name: str
    type: str
    description: str
    required: bool
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableDoc:
    """The codebook of one table; ``print(describe("figures"))`` reads like a docstring."""

    name: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]

    def __str__(self) -> str:
        width = max((len(c.name) for c in self.columns), default=0)
        lines = [f"{self.name}: {self.description}", f"primary key: {', '.join(self.primary_key)}"]
        for column in self.columns:
            kind = "category" if column.values else column.type
            required = "" if column.required else ", optional"
            lines.append(f"  {column.name:<{width}}  ({kind}{required}) {column.description}")
            if column.values:
                lines.append(f"  {'':<{width}}    values: {', '.join(column.values)}")
        return "\n".join(lines)

    __repr__ = __str__


def describe(name: str, package: PackageSource = None, version: str | None = None) -> TableDoc:
    """What a table and each of its columns mean, from the package's Table Schema.

    >>> describe("figures").columns[0].name
    'figure_id'
    """
    resource = open_package(package, version).resource(name)
    schema = resource["schema"]
    columns = tuple(
        Column(
            name=f["name"],
            type=f.get("type", "string"),
            description=f.get("description", ""),
            required=bool(f.get("constraints", {}).get("required")),
            values=tuple(category_values(f)),
        )
        for f in schema["fields"]
    )
    return TableDoc(
        name=name,
        title=resource.get("title", name),
        description=resource.get("description", ""),
        primary_key=tuple(schema.get("primaryKey", [])),
        columns=columns,
    )


def data_version(package: PackageSource = None) -> str:
    """The version of a package (default: the bundled one), e.g. ``'1.0.0'``."""
    return open_package(package).version
