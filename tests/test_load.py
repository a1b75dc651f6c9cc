"""The loader: typed DataFrames, pydantic rows, integrity, docs, releases, a light import."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import newstables
from newstables.load import IntegrityError, LoaderError, open_package, release_dirs
from newstables.models import Entity, Figure
from newstables.release import release

TABLES = ["articles", "entities", "quotations", "figures", "events", "event_mentions"]
DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "array": "object",
}


def rewrite_table(package: Path, table: str, text: str) -> None:
    """Replace a table's CSV and fix its hash and size in datapackage.json (a valid edit)."""
    payload = text.encode("utf-8")
    (package / "data" / f"{table}.csv").write_bytes(payload)
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == table:
            resource["hash"] = f"sha256:{hashlib.sha256(payload).hexdigest()}"
            resource["bytes"] = len(payload)
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


@pytest.fixture
def package_copy(built_package: Path, tmp_path: Path) -> Path:
    """A private copy of the session's built package, safe to edit."""
    return Path(shutil.copytree(built_package, tmp_path / "package"))


FIGURE_ROWS = (
    "figure_id,article_id,surface,char_start,char_end,value,low,high,qualifier,unit,quantity,"
    "claimant_id,claimant_surface,claimant_char_start,claimant_char_end,channel_id,as_of,"
    "as_of_start,as_of_end,in_quote,vague\n"
    "f_0000000000000001,a1,about 1200,3,13,1200,,,approx,troops,,us-officials,US officials,20,32,"
    ",2025-04,2025-04-01,2025-04-30,true,false\n"
    "f_0000000000000002,a1,thousands,40,49,,,,approx,,,,,,,,,,,false,true\n"
)


def test_every_table_loads_with_the_schema_dtypes(built_package: Path) -> None:
    for table in TABLES:
        frame = newstables.load(table, package=built_package)
        fields = newstables.describe(table, package=built_package).columns
        assert list(frame.columns) == [c.name for c in fields]
        for column in fields:
            dtype = frame[column.name].dtype
            if column.values:
                assert isinstance(dtype, pd.CategoricalDtype)
                assert list(dtype.categories) == list(column.values)
            elif column.type == "date":
                assert pd.api.types.is_datetime64_any_dtype(dtype), column.name
            else:
                assert str(dtype) == DTYPES[column.type], column.name


def test_empty_tables_keep_their_dtypes(package_copy: Path) -> None:
    rewrite_table(package_copy, "figures", FIGURE_ROWS.splitlines(keepends=True)[0])
    figures = newstables.load("figures", package=package_copy)
    assert len(figures) == 0
    assert pd.api.types.is_datetime64_any_dtype(figures["as_of_start"])
    assert str(figures["char_start"].dtype) == "Int64"
    assert isinstance(figures["qualifier"].dtype, pd.CategoricalDtype)


def test_values_are_typed_and_missing_cells_are_na(package_copy: Path) -> None:
    rewrite_table(package_copy, "figures", FIGURE_ROWS)
    figures = newstables.load("figures", package=package_copy)
    first, vague = figures.iloc[0], figures.iloc[1]
    assert first["value"] == 1200.0 and first["char_start"] == 3
    assert figures["in_quote"].tolist() == [True, False]
    assert first["as_of_start"] == pd.Timestamp("2025-04-01")
    assert first["qualifier"] == "approx"
    assert pd.isna(vague["value"]) and pd.isna(vague["claimant_id"]) and bool(vague["vague"])
    entities = newstables.load("entities", package=package_copy)
    assert all(isinstance(a, list) for a in entities["aliases"])


def test_as_models_gives_validated_rows(package_copy: Path) -> None:
    rewrite_table(package_copy, "figures", FIGURE_ROWS)
    rows = newstables.load("figures", package=package_copy, as_models=True)
    assert all(isinstance(r, Figure) for r in rows)
    assert rows[0].value == 1200.0 and rows[0].in_quote is True and rows[1].value is None
    entities = newstables.load("entities", package=package_copy, as_models=True)
    assert all(isinstance(e, Entity) and isinstance(e.aliases, list) for e in entities)


def test_a_corrupt_file_is_named(package_copy: Path) -> None:
    path = package_copy / "data" / "entities.csv"
    path.write_bytes(path.read_bytes().replace(b"registry", b"registrY", 1))
    with pytest.raises(IntegrityError, match=r"data/entities.csv is corrupt"):
        newstables.load("entities", package=package_copy)
    newstables.load("figures", package=package_copy)  # the other tables still load


def test_an_unknown_table_lists_the_valid_ones(built_package: Path) -> None:
    with pytest.raises(LoaderError, match="no table 'figure'.*tables: articles, .*figures"):
        newstables.load("figure", package=built_package)


def test_package_may_be_a_folder_a_descriptor_or_a_zip(built_package: Path, tmp_path: Path) -> None:
    result = release(built_package, dist=tmp_path / "dist", changelog=tmp_path / "CHANGELOG.md")
    expected = newstables.load("entities", package=built_package)
    for source in (built_package / "datapackage.json", result.archive, str(result.archive)):
        pd.testing.assert_frame_equal(newstables.load("entities", package=source), expected)


def test_version_finds_a_release_archive(
    built_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    releases = tmp_path / "releases"
    result = release(built_package, dist=releases, changelog=tmp_path / "CHANGELOG.md")
    monkeypatch.chdir(tmp_path)  # ./dist is searched too: keep it empty
    monkeypatch.setenv("NEWSTABLES_RELEASES", str(releases))
    assert release_dirs()[0] == releases
    version = open_package(built_package).version
    frame = newstables.load("figures", version=version)
    pd.testing.assert_frame_equal(frame, newstables.load("figures", package=result.archive))
    with pytest.raises(LoaderError, match=r"release .*-9\.9\.9\.zip not found.*available: .*zip"):
        newstables.load("figures", version="9.9.9")


def test_tables_and_describe_document_the_package(built_package: Path) -> None:
    listing = newstables.tables(package=built_package)
    assert listing["table"].tolist() == open_package(built_package).table_names
    articles = listing.set_index("table").loc["articles", "rows"]
    assert articles == len(newstables.load("articles", package=built_package))
    doc = newstables.describe("figures", package=built_package)
    assert doc.primary_key == ("figure_id",)
    qualifier = next(c for c in doc.columns if c.name == "qualifier")
    assert qualifier.description == Figure.model_fields["qualifier"].description
    assert "more_than" in qualifier.values
    assert "qualifier" in str(doc) and "values: exact, approx" in str(doc)


def test_bundled_package_and_versions() -> None:
    assert newstables.__data_version__ == open_package().version
    assert newstables.__version__
    with pytest.raises(AttributeError):
        newstables.no_such_thing  # noqa: B018


def test_import_does_not_pull_in_the_engine() -> None:
    code = (
        "import sys, newstables; newstables.load; "
        "heavy = [m for m in ('spacy', 'datasette', 'frictionless', 'yaml') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def best_times(runs: int, *actions: Callable[[], object]) -> list[float]:
    """The fastest of ``runs`` timings of each action, run interleaved (fair under load)."""
    best = [float("inf")] * len(actions)
    for _ in range(runs):
        for index, action in enumerate(actions):
            start = time.perf_counter()
            action()
            best[index] = min(best[index], time.perf_counter() - start)
    return best
