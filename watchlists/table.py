"""Reading a CSV or XLSX table whose columns are recognised by their header names.

Shared by the generic watchlist reader and the workstation's manifest reader. The format is
decided from the content: XLSX starts with the zip signature, anything else must be text.
Text is UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or else cp1250
or cp1251, whichever gives recognisable headers and plausible words. The delimiter (``;``, ``,``,
tab or ``|``) is the one under which the header row is best recognised. The header row is the one
of the first 20 rows that names the most known columns. Workbooks are opened read-only with cached
formula values (formulas are never evaluated); the first sheet with a recognised header is read.

A caller that knows the columns (a mapping a user chose) gives them as ``columns``, position to
field: the header row is then the first non-blank row and the delimiter the one that splits it
into the most cells. ``read_head`` gives that row and the next ones, for a user to map.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from anyascii import anyascii

from watchlists.cells import Cell, cell_text
from watchlists.errors import WatchlistFormatError

MAX_TABLE_BYTES = 50 * 1024 * 1024
HEADER_ROWS = 20
_T = TypeVar("_T")
Vocabulary = Mapping[str, str]  # field -> the header names that mean it, separated by "|"

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_DELIMITERS = (";", ",", "\t", "|")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_WORD = re.compile(r"[^\W\d_]+")


def header_key(text: str) -> str:
    """A header name folded for comparison: no case, diacritics, script, spaces or brackets."""
    return re.sub(r"[^a-z0-9]", "", anyascii(_BRACKETS.sub("", text)).casefold())


@dataclass(frozen=True)
class Row:
    """One non-blank data row: its 1-based line (CSV) or row (XLSX) and its recognised cells."""

    number: int
    where: str
    values: Mapping[str, Cell]

    def get(self, name: str) -> Cell:
        return self.values.get(name)


@dataclass(frozen=True)
class Table:
    kind: str  # "csv" or "xlsx"
    columns: Mapping[str, str]  # field -> the header as written
    rows: tuple[Row, ...]
    ignored: tuple[str, ...] = ()  # headers not recognised
    notes: tuple[str, ...] = field(default=())  # what the reader decided, for warnings


@dataclass(frozen=True)
class _Header:
    index: int  # 0-based position among the rows searched
    columns: dict[int, str]  # column position -> field

    @property
    def score(self) -> int:
        return len(self.columns)


class _Spec:
    """What the caller looks for: its vocabulary, the fields one of which must be present, or
    the columns it already knows (``fixed``)."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        required: Sequence[str],
        missing: str,
        fixed: Mapping[int, str] | None = None,
    ) -> None:
        self.fields = {
            header_key(name): f for f, names in vocabulary.items() for name in names.split("|")
        }
        self.required = frozenset(required)
        self.missing = missing
        self.fixed = dict(fixed) if fixed is not None else None
        self.head_keys: tuple[str, ...] = ()

    def find_header(self, rows: Sequence[Sequence[Cell]]) -> _Header | None:
        if self.fixed is not None:
            index = first_filled(rows)
            if index is None:
                return None
            self.head_keys = _keys(rows[index])
            return _Header(index, dict(self.fixed))
        best: _Header | None = None
        for index, row in enumerate(rows):
            columns: dict[int, str] = {}
            for position, cell in enumerate(row):
                name = self.fields.get(header_key(cell)) if isinstance(cell, str) else None
                if name is not None and name not in columns.values():
                    columns[position] = name
            better = best is None or len(columns) > best.score
            if better and self.required & set(columns.values()):
                best = _Header(index, columns)
        return best

    def repeats_header(self, cells: Sequence[Cell], header: _Header) -> bool:
        """A data row that is the header again, as exports of printed pages repeat it."""
        if self.fixed is not None:
            return _keys(cells) == self.head_keys
        return all(
            position < len(cells)
            and isinstance(cells[position], str)
            and self.fields.get(header_key(str(cells[position]))) == name
            for position, name in header.columns.items()
        )


def first_filled(rows: Sequence[Sequence[Cell]]) -> int | None:
    """The position of the first row with a non-blank cell."""
    return next((n for n, row in enumerate(rows) if any(_filled(c) for c in row)), None)


def _filled(cell: Cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _keys(cells: Sequence[Cell]) -> tuple[str, ...]:
    keys = [header_key(cell_text(c)) for c in cells]
    while keys and not keys[-1]:
        keys.pop()
    return tuple(keys)


def head_key(cells: Sequence[Cell]) -> tuple[str, ...]:
    """A header row folded for comparison (see ``header_key``), trailing blank cells dropped."""
    return _keys(cells)


@dataclass(frozen=True)
class Head:
    """The first non-blank row of a file (taken as its header) and the rows after it, as text."""

    kind: str  # "csv" or "xlsx"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def key(self) -> tuple[str, ...]:
        return head_key(self.header)


def read_head(path: Path, *, rows: int = 5, max_bytes: int = MAX_TABLE_BYTES) -> Head:
    """The file's first non-blank row and up to ``rows`` rows after it, for a user to map."""
    table_spec = _Spec({}, (), "the file has no row with anything in it", fixed={})
    data = _read_bytes(path, max_bytes)
    if data.startswith(_ZIP_MAGIC):
        return _workbook_head(path, data, table_spec, rows)
    if data.startswith(_OLE_MAGIC):
        problem = "this is an old Excel 97-2003 (.xls) workbook; save it as .xlsx or CSV first"
        raise WatchlistFormatError(path, problem)
    text = _decode(path, data, table_spec)
    delimiter, index = _plain_header(text)
    if index is None:
        raise _missing_header(path, table_spec)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found = [r for r in islice(reader, index, index + HEADER_ROWS + rows) if any(map(_filled, r))]
    return Head("csv", tuple(found[0]), tuple(tuple(r) for r in found[1 : rows + 1]))


def _plain_header(text: str) -> tuple[str, int | None]:
    """The delimiter that splits the first non-blank row into the most cells, and that row."""
    best: tuple[int, str, int | None] = (0, _DELIMITERS[0], None)
    for delimiter in _DELIMITERS:
        head = _head_rows(text, delimiter)
        index = first_filled(head)
        if index is not None and len(_keys(head[index])) > best[0]:
            best = (len(_keys(head[index])), delimiter, index)
    return best[1], best[2]


def _workbook_head(path: Path, data: bytes, spec: _Spec, rows: int) -> Head:
    def first_filled_sheet(sheets: Sequence[Any]) -> Head:
        for sheet in sheets:
            found = [
                tuple(cell_text(c) for c in r)
                for r in islice(sheet.iter_rows(values_only=True), HEADER_ROWS + rows)
            ]
            index = first_filled(found)
            if index is not None:
                body = [r for r in found[index + 1 :] if any(map(_filled, r))]
                return Head("xlsx", found[index], tuple(body[:rows]))
        raise _missing_header(path, spec)

    return _with_sheets(path, data, first_filled_sheet)


def read_table(
    path: Path,
    vocabulary: Vocabulary,
    *,
    required: Sequence[str],
    missing_header: str,
    max_bytes: int = MAX_TABLE_BYTES,
    columns: Mapping[int, str] | None = None,
) -> Table:
    """Read the file's table; WatchlistFormatError naming file and line when it cannot be read.

    ``required`` lists fields of which at least one must be among the headers; ``missing_header``
    is the problem to report when none is found in the first rows. ``columns`` (position to
    field) replaces the search for the header: the first non-blank row is the header.
    """
    data = _read_bytes(path, max_bytes)
    spec = _Spec(vocabulary, required, missing_header, columns)
    if data.startswith(_ZIP_MAGIC):
        return _read_workbook(path, data, spec)
    if data.startswith(_OLE_MAGIC):
        problem = "this is an old Excel 97-2003 (.xls) workbook; save it as .xlsx or CSV first"
        raise WatchlistFormatError(path, problem)
    return _read_text(path, _decode(path, data, spec), spec)


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise WatchlistFormatError(path, f"the file is {size:,} bytes; the limit is {limit:,}")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise WatchlistFormatError(path, "no such file") from exc
    except OSError as exc:
        raise WatchlistFormatError(path, f"the file cannot be read ({exc.strerror})") from exc
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise WatchlistFormatError(path, "the file is empty")
    return data


def _missing_header(path: Path, spec: _Spec) -> WatchlistFormatError:
    return WatchlistFormatError(path, spec.missing)


# --- text ---------------------------------------------------------------------------------


def _decode(path: Path, data: bytes, spec: _Spec) -> str:
    not_text = "the file is neither a text (CSV) file nor an Excel .xlsx workbook"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise WatchlistFormatError(path, not_text) from exc
    controls = sum(data.count(bytes([b])) for b in range(32) if b not in (9, 10, 13))
    if controls > len(data) // 100:
        raise WatchlistFormatError(path, not_text)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    texts = []
    for encoding in ("cp1250", "cp1251"):
        try:
            texts.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not texts:
        raise WatchlistFormatError(path, not_text)
    return max(texts, key=lambda text: (_best_header_score(text, spec), _plausibility(text)))


def _best_header_score(text: str, spec: _Spec) -> int:
    headers = (spec.find_header(_head_rows(text, d)) for d in _DELIMITERS)
    return max((h.score for h in headers if h is not None), default=0)


def _head_rows(text: str, delimiter: str) -> list[list[str]]:
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return list(islice(reader, HEADER_ROWS))
    except csv.Error:
        return []


def _plausibility(text: str) -> int:
    """Words that look like one script: all ASCII, Latin with few diacritics, or all Cyrillic."""
    score = 0
    for word in _WORD.findall(text[:65536]):
        ascii_letters = sum(c.isascii() for c in word)
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in word)
        good = cyrillic == len(word) or (cyrillic == 0 and ascii_letters * 2 >= len(word))
        score += 1 if good else -1
    return score


def _read_text(path: Path, text: str, spec: _Spec) -> Table:
    found = [(spec.find_header(_head_rows(text, d)), d) for d in _DELIMITERS]
    scored = [(header, d) for header, d in found if header is not None]
    if not scored:
        raise _missing_header(path, spec)
    header, delimiter = max(scored, key=lambda pair: pair[0].score)  # first delimiter on ties
    if spec.fixed is not None:
        delimiter = _plain_header(text)[0]
        header = spec.find_header(_head_rows(text, delimiter)) or header
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    head: list[str] = []
    line = 1
    try:
        for index, cells in enumerate(reader):
            if index == header.index:
                head = cells
            elif index > header.index and _is_data(cells, header, spec):
                rows.append(Row(line, f"line {line}", _values(cells, header)))
            line = reader.line_num + 1
    except csv.Error as exc:
        problem = f"the text cannot be read as CSV ({exc})"
        raise WatchlistFormatError(path, problem, where=f"line {line}") from exc
    return _table("csv", head, header, rows)


def _is_data(cells: Sequence[Cell], header: _Header, spec: _Spec) -> bool:
    """Not blank, and not the header repeated."""
    blank = all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)
    return not blank and not spec.repeats_header(cells, header)


def _values(cells: Sequence[Cell], header: _Header) -> dict[str, Cell]:
    values: dict[str, Cell] = {}
    for position, name in header.columns.items():
        cell = cells[position] if position < len(cells) else None
        values[name] = cell.strip() if isinstance(cell, str) else cell
    return values


def _table(kind: str, head: Sequence[Cell], header: _Header, rows: list[Row]) -> Table:
    columns = {
        name: str(head[position]) if position < len(head) else f"column {position + 1}"
        for position, name in header.columns.items()
    }
    ignored = tuple(
        str(cell).strip()
        for position, cell in enumerate(head)
        if position not in header.columns and cell is not None and str(cell).strip()
    )
    return Table(kind, columns, tuple(rows), ignored)


# --- workbooks ----------------------------------------------------------------------------


def _read_workbook(path: Path, data: bytes, spec: _Spec) -> Table:
    return _with_sheets(path, data, lambda sheets: _read_sheets(path, data, sheets, spec))


def _with_sheets(path: Path, data: bytes, use: Callable[[Sequence[Any]], _T]) -> _T:
    """``use`` applied to the workbook's sheets (the workbook closed after)."""
    import openpyxl  # heavy: imported only when a workbook is read

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\..*)?")
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # a zip that is not a workbook fails in many ways
            problem = f"the file is a zip archive but not a readable Excel .xlsx workbook ({exc})"
            raise WatchlistFormatError(path, problem) from exc
        try:
            return use(book.worksheets)
        finally:
            book.close()


def _read_sheets(path: Path, data: bytes, sheets: Sequence[Any], spec: _Spec) -> Table:
    several = len(sheets) > 1
    for sheet_index, sheet in enumerate(sheets):
        rows: Iterator[tuple[Cell, ...]] = sheet.iter_rows(values_only=True)
        head_rows = list(islice(rows, HEADER_ROWS))
        header = spec.find_header(head_rows)
        if header is None:
            continue
        prefix = f"sheet {sheet.title!r}, " if several else ""
        found: list[Row] = []
        start = header.index + 2
        for number, cells in enumerate([*head_rows[header.index + 1 :], *rows], start):
            if _is_data(cells, header, spec):
                found.append(Row(number, f"{prefix}row {number}", _values(cells, header)))
        _check_formulas(path, data, sheet_index, header, found)
        table = _table("xlsx", head_rows[header.index], header, found)
        skipped = [s.title for s in sheets[:sheet_index]]
        notes = (f"sheets without a recognised header skipped: {', '.join(skipped)}",)
        return Table(table.kind, table.columns, table.rows, table.ignored, notes if skipped else ())
    raise _missing_header(path, spec)


def _check_formulas(
    path: Path, data: bytes, sheet_index: int, header: _Header, rows: Iterable[Row]
) -> None:
    """Refuse formulas whose value was never calculated (files written by programs, not Excel)."""
    rows = list(rows)
    empty = {(row.number, name) for row in rows for name, v in row.values.items() if v is None}
    where = {row.number: row.where for row in rows}
    if not empty or not _has_formulas(data):
        return
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = book.worksheets[sheet_index]
        for number, cells in enumerate(sheet.iter_rows(values_only=True), 1):
            for position, name in header.columns.items():
                cell = cells[position] if position < len(cells) else None
                if (number, name) in empty and isinstance(cell, str) and cell.startswith("="):
                    problem = (
                        f"the {name.replace('_', ' ')} cell holds a formula ({cell}) whose value "
                        "was never calculated; open the file in Excel, save it, and import again"
                    )
                    raise WatchlistFormatError(path, problem, where=where[number])
    finally:
        book.close()


def _has_formulas(data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(
            _FORMULA_TAG.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )
