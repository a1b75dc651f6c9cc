"""All-or-nothing publishing: build in a staging folder, validate, then swap in with a journal.

A crash before the journal is written leaves the old files; a crash after it is rolled
forward by ``recover`` (which every command that reads or writes a package runs first).

>>> with staging(out) as stage:
...     write_package(tables, curation, stage)
...     commit(out, stage)
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

STAGING = ".newstables-staging"
JOURNAL = "COMMIT.json"
LAST = "datapackage.json"
MANIFEST = ".newstables-files.json"  # every file of the published version, itself included
LOCK_FILE = ".newstables-cache/build.lock"  # held by a running build (see ``lock``)


class Locked(OSError):
    """Another build holds the lock on this output folder."""


def _flock(handle: IO[str]) -> bool:
    """Take an exclusive lock on an open file without waiting; False if another process has
    it. The kernel drops it when the process dies, so a killed build never leaves it behind."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock (one build at a time is then up to the user)
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _open_locked(out: Path, path: Path) -> IO[str]:
    """The lock file, open and locked by this process; ``Locked`` names the owner's pid.

    A build removes its lock file when it ends, so a lock taken on a file that is no longer at
    ``path`` is worthless: then try again with the file that is there now."""
    for _ in range(5):
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - returned open
        if not _flock(handle):
            handle.seek(0)
            owner = handle.read().strip() or "unknown"
            handle.close()
            raise Locked(f"{out}: another build is running (pid {owner}); wait for it to finish")
        with contextlib.suppress(OSError):
            if os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
                return handle
        handle.close()
    raise Locked(f"{out}: other builds keep starting in this folder; wait for them to finish")


@contextmanager
def lock(out: Path, path: Path) -> Iterator[None]:
    """Hold the build lock of the folder ``out``: the file ``path``, holding the owner's pid
    while a build runs (removed when it ends, so an unchanged rebuild changes no file).

    >>> with lock(out, out / ".newstables-cache" / "build.lock"):
    ...     publish(out)
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = _open_locked(out, path)
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
    finally:
        path.unlink(missing_ok=True)  # still locked: a waiting build retries with a new file
        handle.close()


def _ordered(paths: Iterable[str]) -> list[str]:
    """Sorted, the descriptor last (so a package is complete when it appears)."""
    return sorted(sorted(set(paths)), key=lambda p: p == LAST)


def _files(stage: Path) -> list[str]:
    """Relative paths to move, the descriptor last."""
    paths = (p.relative_to(stage).as_posix() for p in stage.rglob("*") if p.is_file())
    return _ordered(p for p in paths if p != JOURNAL)


def _apply(out: Path, stage: Path) -> None:
    journal = json.loads((stage / JOURNAL).read_text(encoding="utf-8"))
    moves, removals = (journal, []) if isinstance(journal, list) else journal.values()
    for relative in moves:
        source = stage / relative
        if source.exists():
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    for relative in removals:
        (out / relative).unlink(missing_ok=True)
    shutil.rmtree(stage)


def recover(out: Path) -> str | None:
    """Finish or discard an interrupted publish in ``out``; say which, or None if clean."""
    stage = out / STAGING
    if not stage.exists():
        return None
    if (stage / JOURNAL).exists():
        _apply(out, stage)
        return "rolled forward an interrupted publish"
    shutil.rmtree(stage)
    return "discarded an incomplete build"


def settle(out: Path) -> str | None:
    """For readers: finish a publish that died after writing its journal, as ``recover`` does
    (unless a build is publishing into ``out`` right now: ``Locked``). A stage without a journal
    is left alone: the old package is complete, and the next build discards the stage."""
    if not (out / STAGING / JOURNAL).is_file():
        return None
    with lock(out, out / LOCK_FILE):
        return recover(out) if (out / STAGING / JOURNAL).is_file() else None


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh staging folder inside ``out`` (same filesystem, so the swap is a rename)."""
    out.mkdir(parents=True, exist_ok=True)
    if not os.access(out, os.W_OK):
        raise PermissionError(f"{out}: output folder is not writable")
    recover(out)
    stage = out / STAGING
    stage.mkdir()
    try:
        yield stage
    finally:
        if stage.exists() and not (stage / JOURNAL).exists():
            shutil.rmtree(stage)


def published(out: Path) -> list[str]:
    """The files of the version published in ``out`` (its manifest; none if it has none).

    >>> "datapackage.json" in published(Path("."))
    True
    """
    try:
        files = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [str(f) for f in files] if isinstance(files, list) else []


def commit(out: Path, stage: Path, previous: Iterable[str] = ()) -> list[str]:
    """Write the journal atomically, then move every staged file into place and remove the
    ``previous`` version's files that the new one no longer has (an article dropped from the
    corpus), so the folder holds exactly one version. The new version's manifest is published
    with it (``published`` reads it), so the next commit knows what to remove even after a
    crash or a build without a cache."""
    manifest = _ordered([*_files(stage), MANIFEST])
    (stage / MANIFEST).write_text(json.dumps(manifest, indent=0) + "\n", encoding="utf-8")
    removals = sorted(set(previous) - set(manifest))
    journal = stage / (JOURNAL + ".tmp")
    journal.write_text(json.dumps({"move": manifest, "remove": removals}), encoding="utf-8")
    os.replace(journal, stage / JOURNAL)
    _apply(out, stage)
    return manifest
