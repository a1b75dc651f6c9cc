"""The spreadsheet download: every table in one workbook, ``data/newstables.xlsx``.

The CSVs hold each text exactly as published (offsets must match), so a quotation that starts
with ``=`` opens as a formula when a spreadsheet opens the CSV. In the workbook every cell is
typed: integers and numbers as numbers, everything else as a text cell (never a formula, a
link or a number read from text). One sheet per table, in the descriptor's order, made from the
same rows as the CSVs; the bytes are the same for the same rows (fixed creation date, fixed zip
timestamps).

>>> write_workbook(tables, Path("staging/data/newstables.xlsx"))
(48213, 'e3b0c442…')
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from ..models import TABLES, Row

WORKBOOK = "newstables.xlsx"
MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_TEXT = 32_767  # characters a spreadsheet cell holds; longer texts are cut, marked " […]"
CUT = " […]"
CREATED = dt.datetime(2000, 1, 1)  # a fixed document date: the same rows give the same bytes
OPTIONS = {
    "constant_memory": True,  # rows go to disk as they are written
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def text(value: Any, render: Any) -> str:
    """A text cell's content: the CSV rendering, cut to what a cell holds.

    >>> text("=1+1", str)
    '=1+1'
    """
    content = render(value)
    return content if len(content) <= MAX_TEXT else content[: MAX_TEXT - len(CUT)] + CUT


def _write_row(sheet: Any, number: int, values: list[Any], render: Any) -> None:
    for column, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            sheet.write_number(number, column, value)
        else:
            sheet.write_string(number, column, text(value, render))


def write_workbook(tables: dict[str, list[Row]], path: Path, render: Any = str) -> tuple[int, str]:
    """Write one sheet per table (header row frozen); ``render`` gives a text cell's content
    (the CSV's ``cell``). Returns (bytes, sha256) of the file."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), OPTIONS)
    workbook.set_properties({"created": CREATED, "title": "newstables tables"})
    for name, model in TABLES.items():
        sheet = workbook.add_worksheet(name)
        columns = list(model.model_fields)
        sheet.freeze_panes(1, 0)
        _write_row(sheet, 0, columns, str)
        for number, row in enumerate(tables.get(name, []), start=1):
            _write_row(sheet, number, [getattr(row, c) for c in columns], render)
    workbook.close()
    payload = path.read_bytes()
    return len(payload), hashlib.sha256(payload).hexdigest()


def workbook_resource(size: int, sha256: str) -> dict[str, Any]:
    """The workbook's entry in the descriptor's ``downloads`` (beside the resources, which
    are the tables: tools that read every resource as a table never see it)."""
    return {
        "name": "workbook",
        "path": f"data/{WORKBOOK}",
        "format": "xlsx",
        "mediatype": MEDIATYPE,
        "title": "All tables as one spreadsheet workbook",
        "description": "One sheet per table, the same rows as the CSVs, every cell typed as "
        "text or number (never a formula): the file to open in a spreadsheet.",
        "bytes": size,
        "hash": f"sha256:{sha256}",
    }
