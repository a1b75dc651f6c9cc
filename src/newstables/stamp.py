"""The build stamp: the inputs a published package was built from, so that rebuilding an
unchanged corpus publishes nothing (as ``make`` skips a target that is up to date).

The key covers every article's cache key (row, text hash, curation, engine), the whole curation
folder (package.yaml too), the code of the whole package and the build options. The stamp also
records the sha256 of every published file: a package edited or damaged since is rebuilt.

>>> key = build_key(keys, Path("data/curation"), options=["keep_going=False"])
>>> up_to_date(Path("."), key) is None      # None: build; else the stamp of the package
True
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .executor import CACHE_DIR

STAMP = "build.json"
PACKAGE = Path(__file__).resolve().parent


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _tree_hash(root: Path | None) -> str:
    """One hash of every file under a folder (names and contents), caches left out."""
    digest = hashlib.sha256()
    if root is not None and root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(_file_hash(path).encode())
    return digest.hexdigest()


def build_key(article_keys: list[str], curation_dir: Path | None, options: list[str]) -> str:
    """The key of one build's inputs: articles, curation, package code, options."""
    payload = [article_keys, _tree_hash(curation_dir), _tree_hash(PACKAGE), options]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()


def up_to_date(out: Path, key: str) -> dict | None:
    """The stamp when ``out`` holds exactly what this key builds, untouched; else None."""
    try:
        stamp = json.loads((out / CACHE_DIR / STAMP).read_text(encoding="utf-8"))
        if stamp.get("key") != key:
            return None
        for name, digest in stamp["files"].items():
            if _file_hash(out / name) != digest:
                return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return stamp


def published_files(out: Path) -> list[str]:
    """The files the last stamped build published into ``out`` (none if there is no stamp)."""
    try:
        stamp = json.loads((out / CACHE_DIR / STAMP).read_text(encoding="utf-8"))
        return [str(name) for name in stamp["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def write_stamp(out: Path, key: str, files: list[str], details: dict) -> None:
    """Record what was published (after the commit; a build killed before it just rebuilds).

    The package is published already: a stamp that cannot be written (disk full) is skipped,
    and the next build simply rebuilds."""
    folder = out / CACHE_DIR
    stamp = {"key": key, **details, "files": {name: _file_hash(out / name) for name in files}}
    temporary = folder / f".{STAMP}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(stamp, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temporary, folder / STAMP)
    except OSError:
        temporary.unlink(missing_ok=True)
