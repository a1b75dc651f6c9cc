"""The CSV writer: every field holding a line break is quoted, so a row stays one row."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from newstables.models import Entity
from newstables.publish.files import LINE_BREAKS, csv_field, record_json, write_csv


@pytest.mark.parametrize("mark", list(LINE_BREAKS))
def test_a_field_with_any_line_break_is_quoted(mark: str) -> None:
    assert csv_field(f"before{mark}after") == f'"before{mark}after"'


def test_plain_fields_stay_unquoted_like_csv_writer() -> None:
    cells = ["plain", "with, comma", 'with "quotes"', "", "  spaced  "]
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerow(cells)
    assert ",".join(map(csv_field, cells)) + "\n" == expected.getvalue()


def test_a_description_with_a_bare_cr_reads_back_as_one_row(tmp_path: Path) -> None:
    text = "Ferry operator\rbased in Tallinn\u2028since 1990"
    row = Entity(
        entity_id="ferry-co",
        name="Ferry Co",
        type="organization",
        aliases=[],
        wikidata_id=None,
        description=text,
        anonymous=False,
        origin="extracted",
        mentions=1,
    )
    path = tmp_path / "entities.csv"
    write_csv(Entity, [row, row.model_copy(update={"entity_id": "other"})], path)
    with open(path, encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert [r["description"] for r in records] == [text, text]
    frame = pd.read_csv(path, dtype="string", keep_default_na=False)
    assert frame["description"].tolist() == [text, text]


def test_evidence_names_a_row_split_by_an_unquoted_line_break(built_package: Path) -> None:
    import shutil

    from newstables.validate import check_evidence

    package = Path(shutil.copytree(built_package, built_package.parent / "split-row"))
    path = package / "data" / "quotations.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].replace(",", "\r", 1)  # the first row cut in two by a bare CR
    path.write_text("\n".join(lines), encoding="utf-8", newline="")
    problems = list(check_evidence(package / "datapackage.json"))
    assert any(p.startswith("quotations.csv:2: wrong number of fields") for p in problems)


@pytest.mark.parametrize(
    "record",
    [
        {"id": "q_1", "start": 0, "value": 1e16, "small": 1e-05, "nan": float("nan"), "n": None},
        {"text": 'a "b"\n\\c\u2028\x01é', "flag": True, "off": False, "empty": [], "nested": {}},
        {"aliases": ["one", "two"], "value": -0.0},
        {},
    ],
)
def test_record_json_writes_what_json_dumps_writes(record: dict) -> None:
    """The fast path (flat records) and the fallback (non-empty lists) give json's bytes."""
    assert record_json(record) == json.dumps(record, ensure_ascii=False, indent=1)
