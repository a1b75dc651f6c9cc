"""The spreadsheet download: every table in one workbook, ``data/newstables.xlsx``.

The CSVs hold each text exactly as published (offsets must match), so a quotation that starts
with ``=`` opens as a formula when a spreadsheet opens the CSV. In the workbook every cell is
typed: integers and numbers as numbers, everything else as a text cell (never a formula, a
link or a number read from text). One sheet per table, in the descriptor's order, made from the
same rows as the CSVs; the bytes are the same for the same rows (fixed creation date, fixed zip
timestamps). The build writes it from the tables' JSON twins (``workbook_from_json``), in a child
process while it validates the package: JSON keeps every value's type (a number, an empty text
and a missing value stay apart, as in the rows), so the workbook is the one the rows would give.

>>> workbook_from_json(Path("staging/data"), cell)
(48213, 'e3b0c442…')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..models import TABLES

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


def write_workbook(
    tables: Mapping[str, Iterable[list[Any]]], path: Path, render: Callable[[Any], str] = str
) -> tuple[int, str]:
    """Write one sheet per table of ``TABLES`` (header row frozen) from each table's rows, given
    as lists of values in column order; ``render`` gives a text cell's content (the CSV's
    ``cell``). Returns (bytes, sha256) of the file."""
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), OPTIONS)
    workbook.set_properties({"created": CREATED, "title": "newstables tables"})
    for name, model in TABLES.items():
        sheet = workbook.add_worksheet(name)
        sheet.freeze_panes(1, 0)
        _write_row(sheet, 0, list(model.model_fields), str)
        for number, values in enumerate(tables.get(name, ()), start=1):
            _write_row(sheet, number, values, render)
    workbook.close()
    payload = path.read_bytes()
    return len(payload), hashlib.sha256(payload).hexdigest()


_SEPARATORS = re.compile(r"[\s,]*")  # between the records of a JSON array
CHUNK = 1 << 20  # characters of a JSON file read at a time


def json_records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a file holding one JSON array of objects, one at a time, reading a
    chunk at a time (a large table is never in memory whole).

    >>> next(json_records(Path("data/figures.json")))["figure_id"]
    'f_…'
    """
    decoder = json.JSONDecoder()
    with path.open(encoding="utf-8") as handle:
        buffer = handle.read(CHUNK)
        position = _SEPARATORS.match(buffer).end()
        if buffer[position : position + 1] != "[":
            raise ValueError(f"{path}: not a JSON array")
        position += 1
        while True:
            position = _SEPARATORS.match(buffer, position).end()
            if buffer.startswith("]", position):
                return
            try:
                record, position = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError:
                more = handle.read(CHUNK)  # a record cut by the chunk's end: read on
                if not more:
                    raise
                buffer, position = buffer[position:] + more, 0
                continue
            yield record


def _values(records: Iterable[dict[str, Any]], columns: list[str]) -> Iterator[list[Any]]:
    """Each record's values in column order."""
    for record in records:
        yield [record[column] for column in columns]


def workbook_from_json(data_dir: Path, render: Callable[[Any], str] = str) -> tuple[int, str]:
    """Write ``data_dir/newstables.xlsx`` from the tables' JSON twins in ``data_dir``
    (``write_json``'s records: the rows' values with their types). Returns (bytes, sha256)."""
    tables = {
        name: _values(json_records(data_dir / f"{name}.json"), list(model.model_fields))
        for name, model in TABLES.items()
    }
    return write_workbook(tables, data_dir / WORKBOOK, render)


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
