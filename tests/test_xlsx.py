"""The spreadsheet download (issue 16.10): one sheet per table, the CSVs' rows, every cell a
typed text or number, never a formula, and the same bytes for the same rows."""

from __future__ import annotations

import csv
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from newstables.cli import main
from newstables.models import TABLES

NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
WORKBOOK = Path("data") / "newstables.xlsx"


def read_sheets(path: Path) -> dict[str, list[list[tuple[str, str]]]]:
    """Every sheet as rows of (kind, value): kind ``text``, ``number`` or ``formula``."""
    with zipfile.ZipFile(path) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        names = [s.get("name") for s in book.iterfind("x:sheets/x:sheet", NS)]
        sheets = {}
        for index, name in enumerate(names, start=1):
            root = ElementTree.fromstring(archive.read(f"xl/worksheets/sheet{index}.xml"))
            rows = []
            for row in root.iterfind("x:sheetData/x:row", NS):
                cells = []
                for cell in row.iterfind("x:c", NS):
                    column = re.match(r"[A-Z]+", cell.get("r", "")).group()
                    position = sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(column)))
                    while len(cells) < position - 1:
                        cells.append(("empty", ""))
                    if cell.find("x:f", NS) is not None:
                        cells.append(("formula", ""))
                    elif cell.get("t") == "inlineStr":
                        cells.append(("text", "".join(cell.find("x:is", NS).itertext())))
                    else:
                        cells.append(("number", cell.findtext("x:v", "", NS)))
                rows.append(cells)
            sheets[name] = rows
    return sheets


def test_one_sheet_per_table_with_the_csv_rows_typed(built_package: Path) -> None:
    sheets = read_sheets(built_package / WORKBOOK)
    assert list(sheets) == list(TABLES)
    for name, rows in sheets.items():
        with open(built_package / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
            expected = list(csv.reader(handle))
        assert len(rows) == len(expected), name
        for got, want in zip(rows, expected, strict=True):
            got = got + [("empty", "")] * (len(want) - len(got))
            for (kind, value), cell in zip(got, want, strict=True):
                assert kind in ("text", "number", "empty"), (name, cell)
                if kind == "number":
                    assert float(value) == float(cell), (name, cell)
                else:
                    assert value == cell, (name, cell)


def test_formula_like_text_is_a_text_cell_and_bytes_are_stable(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    text = "The auditor said: “=SUM(A1:A9) was the whole budget.” Then she left.\n"
    (folder / "audit.txt").write_text(text, encoding="utf-8")
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        assert main(["build", "--articles", str(folder), "--out", str(out), "--quiet"]) == 0
    quotations = read_sheets(outs[0] / WORKBOOK)["quotations"]
    header = [value for _, value in quotations[0]]
    column = header.index("text")
    assert quotations[1][column] == ("text", "=SUM(A1:A9) was the whole budget.")
    assert quotations[1][header.index("char_start")][0] == "number"
    assert (outs[0] / WORKBOOK).read_bytes() == (outs[1] / WORKBOOK).read_bytes()
    assert main(["validate", str(outs[0])]) == 0


def test_validate_checks_the_workbook_against_the_descriptor(
    built_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = Path(shutil.copytree(built_package, tmp_path / "package"))
    assert main(["validate", str(package)]) == 0
    with open(package / WORKBOOK, "ab") as handle:
        handle.write(b"tampered")
    capsys.readouterr()
    assert main(["validate", str(package)]) == 1
    assert "data/newstables.xlsx: sha256 differs" in capsys.readouterr().out
