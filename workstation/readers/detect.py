"""Reading a passenger-data file whatever its format, decided from its content."""

from __future__ import annotations

from pathlib import Path

from workstation.errors import InputFileError
from workstation.readers.records import PassengerFile

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


def read_passenger_file(path: Path) -> PassengerFile:
    """Read an API message (UN/EDIFACT PAXLST) or a manifest spreadsheet (CSV or XLSX).

    The format is decided from the content, never from the file name.
    """
    from workstation.readers.manifest import read_manifest
    from workstation.readers.paxlst import looks_like_edifact, read_paxlst

    data = read_file_bytes(path, limit=MAX_FILE_BYTES)  # existence, size and permission first
    if looks_like_edifact(data):
        return read_paxlst(path)
    return read_manifest(path)
