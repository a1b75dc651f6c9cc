"""``newstables diff``: rows added, deleted and modified per table, readable and as JSON lines.

The packages here are written by the real publisher (``publish.files``) from hand-made rows, so
each test states exactly which rows changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstables.cli import main
from newstables.curation import Curation
from newstables.diff import diff_packages
from newstables.load import open_package
from newstables.models import Figure, Row, content_id
from newstables.publish.files import write_package as write_tables
from newstables.registry import Registry
from newstables.release import archive_bytes, archive_members


def figure(n: int, value: float = 1000.0, qualifier: str = "exact") -> Figure:
    """A figure row whose id depends only on ``n``."""
    empty = {name: None for name in Figure.model_fields}
    return Figure.model_validate(
        empty
        | {
            "figure_id": content_id("f", "a1", n),
            "article_id": "a1",
            "surface": f"{value:,.0f}",
            "char_start": 10 * n,
            "char_end": 10 * n + 5,
            "value": value,
            "qualifier": qualifier,
            "in_quote": False,
            "vague": False,
        }
    )


def write_package(folder: Path, figures: list[Row], version: str = "1.0.0") -> Path:
    """A complete package (all six tables) holding the given figures."""
    curation = Curation(registry=Registry(), package={"name": "demo", "version": version})
    write_tables({"figures": figures}, curation, folder)
    return folder


@pytest.fixture
def old(tmp_path: Path) -> Path:
    return write_package(tmp_path / "old", [figure(1), figure(2), figure(3)])


@pytest.fixture
def new(tmp_path: Path) -> Path:
    rows = [figure(1), figure(2, value=2500.0, qualifier="approx"), figure(4), figure(5)]
    return write_package(tmp_path / "new", rows, version="1.1.0")


def test_rows_added_deleted_and_modified_by_key(old: Path, new: Path) -> None:
    result = diff_packages(open_package(old), open_package(new))
    figures = result.table("figures")
    assert figures.summary() == "figures: +2 −1 ~1"
    assert [r["figure_id"] for r in figures.added] == [figure(4).figure_id, figure(5).figure_id]
    assert [r["figure_id"] for r in figures.deleted] == [figure(3).figure_id]
    (change,) = figures.modified
    assert change.key == figure(2).figure_id
    assert change.changes == {
        "surface": ("1,000", "2,500"),
        "value": ("1000", "2500"),
        "qualifier": ("exact", "approx"),
    }
    assert result.table("quotations").summary() == "quotations: +0 −0 ~0"
    assert not result.table("quotations").changed and result.changed


def test_identical_packages_have_no_changes(old: Path) -> None:
    result = diff_packages(open_package(old), open_package(old))
    assert not result.changed
    assert all(t.summary().endswith("+0 −0 ~0") for t in result.tables)


def test_cli_summary_lists_rows_and_exits_1_on_differences(
    old: Path, new: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "demo 1.0.0 → 1.1.0"
    assert "figures: +2 −1 ~1" in out
    assert f'  − {figure(3).figure_id} "1,000"' in out
    assert (
        f"  ~ {figure(2).figure_id} surface: '1,000' → '2,500'; value: '1000' → '2500'; "
        "qualifier: 'exact' → 'approx'" in out
    )
    assert main(["diff", "--brief", str(old), str(old / "datapackage.json")]) == 0
    assert "  +" not in capsys.readouterr().out


def test_json_lines(old: Path, new: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["diff", "--json", str(old), str(new)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(x["op"], x["table"]) for x in lines] == [
        ("ADD", "figures"),
        ("ADD", "figures"),
        ("DEL", "figures"),
        ("MOD", "figures"),
    ]
    assert lines[0]["row"]["figure_id"] == lines[0]["key"] == figure(4).figure_id
    assert lines[3]["changes"]["qualifier"] == ["exact", "approx"]


def test_a_zip_and_its_folder_are_the_same_package(old: Path, new: Path, tmp_path: Path) -> None:
    package = open_package(new)
    archive = tmp_path / "demo-1.1.0.zip"
    archive.write_bytes(archive_bytes(package, archive_members(package)))
    assert not diff_packages(open_package(archive), package).changed
    assert diff_packages(open_package(old), open_package(archive)).table("figures").added


def test_schema_changes_and_removed_tables_are_reported(old: Path, tmp_path: Path) -> None:
    changed = Path(tmp_path / "changed")
    write_package(changed, [figure(1)])
    descriptor = json.loads((changed / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "events"]
    fields = next(r for r in descriptor["resources"] if r["name"] == "figures")["schema"]["fields"]
    next(f for f in fields if f["name"] == "char_start")["type"] = "number"
    (changed / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = diff_packages(open_package(old), open_package(changed))
    assert result.table("events").status == "removed"
    assert result.table("figures").schema == ["column retyped: char_start integer → number"]


def test_a_corrupt_package_is_an_error(
    old: Path, new: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (new / "data" / "figures.csv").write_text("figure_id\nbroken\n", encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 2
    assert "data/figures.csv is corrupt" in capsys.readouterr().err
