"""Reading a passenger-data file whatever its format, decided from its content."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from workstation.errors import InputFileError
from workstation.readers.pnr_records import PnrFile
from workstation.readers.records import FlightRecord, PassengerFile

MAX_FILE_BYTES = 50 * 1024 * 1024


def read_file_bytes(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, or an InputFileError that says plainly why they cannot be had."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputFileError(path, f"the file is {size:,} bytes; the limit is {limit:,}")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputFileError(path, "no such file") from exc
    except IsADirectoryError as exc:
        raise InputFileError(path, "this is a folder, not a file") from exc
    except PermissionError as exc:
        raise InputFileError(path, "permission denied: the file cannot be read") from exc
    except OSError as exc:
        raise InputFileError(path, f"the file cannot be read ({exc.strerror})") from exc


def read_passenger_data(
    path: Path,
    *,
    mapping: Mapping[int, str] | None = None,
    flight: FlightRecord | None = None,
) -> PassengerFile | PnrFile:
    """Read an API message (PAXLST), a PNR push (PNRGOV) or a manifest (CSV or XLSX).

    The format is decided from the content, never from the file name: EDIFACT by the type of
    its first message (UNH), anything else as a manifest. A manifest whose columns cannot be
    told is read with the saved column profile for its header row, if there is one; a
    ``mapping`` (see ``read_manifest``) is used for a manifest instead of its headers, and
    ``flight`` for the rows of a manifest that name none.
    """
    from workstation.readers.manifest import ColumnsUnknownError, read_manifest
    from workstation.readers.paxlst import looks_like_edifact, read_paxlst
    from workstation.readers.pnrgov import is_pnrgov, read_pnrgov
    from workstation.readers.profiles import read_with_profile

    data = read_file_bytes(path, limit=MAX_FILE_BYTES)  # existence, size and permission first
    if looks_like_edifact(data):
        return read_pnrgov(path) if is_pnrgov(data) else read_paxlst(path)
    if mapping is not None:
        return read_manifest(path, mapping=mapping, flight=flight)
    try:
        return read_manifest(path, flight=flight)
    except ColumnsUnknownError:
        mapped = read_with_profile(path, flight=flight)
        if mapped is None:
            raise  # the reader's own message: no profile fits
        return mapped


def read_passenger_file(path: Path, *, flight: FlightRecord | None = None) -> PassengerFile:
    """The flights and travellers of any passenger-data file; a PNR push gives its flight with
    the travellers of its bookings (``flight``: for manifest rows that name none)."""
    from workstation.readers.pnrgov import as_passenger_file

    content = read_passenger_data(path, flight=flight)
    return as_passenger_file(content) if isinstance(content, PnrFile) else content
