"""The loader refuses what it cannot verify and names the file; it completes a killed publish
the way the CLI does (issue 16.9)."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import pytest
from test_crash import Crash, DyingOs, subset

import newstables
from newstables.build import build
from newstables.load import IntegrityError
from newstables.publish import atomic
from newstables.publish.atomic import JOURNAL, STAGING


@pytest.fixture
def package_copy(built_package: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built_package, tmp_path / "package"))


def edit_resource(package: Path, table: str, **changes: object) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == table:
            resource.update(changes)
            for key in [k for k, v in changes.items() if v is None]:
                del resource[key]
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


def test_a_table_without_a_hash_is_refused(package_copy: Path) -> None:
    edit_resource(package_copy, "entities", hash=None)
    (package_copy / "data" / "entities.csv").write_bytes(b"entity_id\nforged\n")
    with pytest.raises(IntegrityError, match=r"data/entities.csv: datapackage.json gives no hash"):
        newstables.load("entities", package=package_copy)


def test_a_corrupt_json_table_is_named(package_copy: Path) -> None:
    path = package_copy / "data" / "entities.json"
    path.write_bytes(path.read_bytes().replace(b'"name"', b'"nane"', 1))
    with pytest.raises(IntegrityError, match=r"data/entities.json is corrupt"):
        newstables.load("entities", package=package_copy)


def test_an_unknown_hash_algorithm_names_the_file(package_copy: Path) -> None:
    edit_resource(package_copy, "figures", hash="whirl:abc")
    with pytest.raises(IntegrityError, match=r"data/figures.csv: unknown hash algorithm 'whirl'"):
        newstables.load("figures", package=package_copy)


def test_a_publish_killed_after_its_journal_is_completed_by_the_loader(
    seed_articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = (subset(seed_articles, tmp_path / n, ix) for n, ix in (("a", (0,)), ("b", (1, 2))))
    out = tmp_path / "out"
    build(old, out)
    monkeypatch.setattr(atomic, "os", DyingOs(3))  # the journal and two files moved, then dies
    with contextlib.suppress(Crash):
        build(new, out)
    monkeypatch.undo()
    assert (out / STAGING / JOURNAL).exists()
    articles = newstables.load("articles", package=out)
    assert sorted(articles["article_id"]) == sorted(p.stem for p in new.glob("*.txt"))
    assert not (out / STAGING).exists()


def test_a_stage_without_a_journal_is_ignored_by_the_loader(package_copy: Path) -> None:
    stage = package_copy / STAGING
    (stage / "data").mkdir(parents=True)
    (stage / "data" / "entities.csv").write_text("half-written", encoding="utf-8")
    before = newstables.load("entities", package=package_copy)
    assert len(before) > 0 and (stage / "data" / "entities.csv").exists()
