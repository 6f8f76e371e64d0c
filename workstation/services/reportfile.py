"""A :class:`Report` written as CSV or XLSX that opens cleanly in Excel and LibreOffice.

The first row states who exported the file and when, with the unit, title, period and filters.
Text cells a spreadsheet would take for a formula are neutralised, and XLSX text cells are typed
as text; counts stay numbers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from workstation.services.report import Cell, Report

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(value: str) -> str:
    """A cell that Excel or LibreOffice would take for a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _safe(cells: Sequence[Cell]) -> list[Cell]:
    return [neutralise(c) if isinstance(c, str) else c for c in cells]


def write_csv(report: Report, path: Path) -> None:
    """Head row, then for one table its columns and rows; several tables each follow a title."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(_safe(report.header_lines()))
        single = len(report.tables) == 1
        for table in report.tables:
            if not single:
                writer.writerow([])
                writer.writerow(_safe([table.title]))
            writer.writerow(_safe(table.columns))
            writer.writerows(_safe(row) for row in table.rows)


def _sheet_title(title: str, taken: set[str]) -> str:
    base = _SHEET_NAME_FORBIDDEN.sub(" ", title)[:28].strip() or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        name, n = f"{base[:25]} {n}", n + 1
    taken.add(name.lower())
    return name


def write_xlsx(report: Report, path: Path) -> None:
    """One sheet per table (head row, columns, rows), then a sheet with the header and totals."""
    from openpyxl import Workbook

    book = Workbook()
    taken: set[str] = set()
    for n, table in enumerate(report.tables):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = _sheet_title(table.title, taken)
        sheet.append(_safe(report.header_lines()))
        sheet.append(_safe(table.columns))
        for row in table.rows:
            sheet.append(_safe(row))
    about = book.create_sheet(_sheet_title("Report", taken))
    for line in report.header_lines():
        about.append([neutralise(line)])
    about.append([])
    for label, value in report.totals:
        about.append(_safe([label, value]))
    for sheet in book.worksheets:
        _text_cells(sheet)
    book.save(path)


def _text_cells(sheet: object) -> None:
    """Every text cell typed and formatted as text: never a formula, never a guessed number."""
    for line in sheet.iter_rows():  # type: ignore[attr-defined]
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.number_format = "@"
