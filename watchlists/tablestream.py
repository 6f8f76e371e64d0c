"""A CSV table read row by row, so a large list is never held whole in memory.

The encoding, delimiter and header row are decided as :mod:`watchlists.table` decides them, from
the start of the file (UTF-8 only if the whole file is UTF-8, checked in a quick pass of raw
chunks); then rows are parsed while they are iterated. Workbooks (XLSX) are read whole by
:func:`watchlists.table.read_table`, within its size limit.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from watchlists.errors import WatchlistFormatError
from watchlists.stream import ReadState, counted_text
from watchlists.table import (
    _DELIMITERS,
    _OLE_MAGIC,
    _ZIP_MAGIC,
    MAX_TABLE_BYTES,
    Row,
    Vocabulary,
    _head_rows,
    _Header,
    _is_data,
    _plausibility,
    _Spec,
    _table,
    _values,
    read_table,
)

HEAD_BYTES = 256 * 1024  # what the encoding, delimiter and header are decided from
_CHUNK = 1 << 20
_NOT_TEXT = "the file is neither a text (CSV) file nor an Excel .xlsx workbook"
_BLANK = b" \t\r\n\xef\xbb\xbf"


@dataclass(frozen=True)
class TableStream:
    """A table whose header is known and whose rows are read while iterated (once)."""

    kind: str  # "csv" or "xlsx"
    columns: Mapping[str, str]  # field -> the header as written
    ignored: tuple[str, ...]
    notes: tuple[str, ...]
    rows: Iterable[Row]


def stream_table(
    path: Path,
    vocabulary: Vocabulary,
    *,
    required: Sequence[str],
    missing_header: str,
    state: ReadState,
    max_workbook_bytes: int = MAX_TABLE_BYTES,
) -> TableStream:
    """The file's table, its rows read lazily; WatchlistFormatError naming file and line."""
    spec = _Spec(vocabulary, required, missing_header)
    head, size = _head(path)
    if head.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        table = read_table(
            path,
            vocabulary,
            required=required,
            missing_header=missing_header,
            max_bytes=max_workbook_bytes,
        )
        return TableStream(table.kind, table.columns, table.ignored, table.notes, table.rows)
    if size <= len(head) and not head.strip(_BLANK):
        raise WatchlistFormatError(path, "the file is empty")
    encoding, text = _encoding(path, head, spec)
    found = [(spec.find_header(_head_rows(text, d)), d) for d in _DELIMITERS]
    scored = [(header, d) for header, d in found if header is not None]
    if not scored:
        raise WatchlistFormatError(path, spec.missing)
    header, delimiter = max(scored, key=lambda pair: pair[0].score)  # first delimiter on ties
    shape = _table("csv", _head_rows(text, delimiter)[header.index], header, [])
    rows = _rows(path, encoding, delimiter, header, spec, state)
    return TableStream("csv", shape.columns, shape.ignored, (), rows)


def _head(path: Path) -> tuple[bytes, int]:
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES), path.stat().st_size
    except FileNotFoundError as exc:
        raise WatchlistFormatError(path, "no such file") from exc
    except OSError as exc:
        raise WatchlistFormatError(path, f"the file cannot be read ({exc.strerror})") from exc


def _encoding(path: Path, head: bytes, spec: _Spec) -> tuple[str, str]:
    """The file's encoding and its start decoded (a character cut at the end is dropped)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", head.decode("utf-16", errors="ignore")
    controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 13))
    if controls > len(head) // 100:
        raise WatchlistFormatError(path, _NOT_TEXT)
    if _decodes(path, "utf-8"):
        return "utf-8-sig", head.decode("utf-8-sig", errors="ignore")
    texts = [(e, head.decode(e)) for e in ("cp1250", "cp1251") if _decodes(path, e)]
    if not texts:
        raise WatchlistFormatError(path, _NOT_TEXT)
    return max(texts, key=lambda pair: (_header_score(pair[1], spec), _plausibility(pair[1])))


def _header_score(text: str, spec: _Spec) -> int:
    headers = (spec.find_header(_head_rows(text, d)) for d in _DELIMITERS)
    return max((h.score for h in headers if h is not None), default=0)


def _decodes(path: Path, encoding: str) -> bool:
    """True if the whole file is text in ``encoding`` (read in chunks, nothing kept)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _rows(
    path: Path, encoding: str, delimiter: str, header: _Header, spec: _Spec, state: ReadState
) -> Iterator[Row]:
    line = 1
    with counted_text(path, encoding, state) as text:
        reader = csv.reader(text, delimiter=delimiter)
        try:
            for index, cells in enumerate(reader):
                if index > header.index and _is_data(cells, header, spec):
                    yield Row(line, f"line {line}", _values(cells, header))
                line = reader.line_num + 1
        except csv.Error as exc:
            problem = f"the text cannot be read as CSV ({exc})"
            raise WatchlistFormatError(path, problem, where=f"line {line}") from exc
        except UnicodeDecodeError as exc:
            raise WatchlistFormatError(path, _NOT_TEXT, where=f"line {line}") from exc
