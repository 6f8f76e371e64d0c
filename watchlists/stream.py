"""A list file read entry by entry, so a large list is never held whole.

An :class:`EntryStream` yields entries as the file is read and says how far it has got (bytes of
the file consumed), so an import can report progress while reading and store in batches. How many
records were skipped, and the warnings, are complete once the entries are exhausted.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from watchlists.entry import WatchlistEntry, WatchlistFile


@dataclass
class ReadState:
    """What a streaming reader has done so far; filled in by the reader as it goes."""

    source_format: str
    bytes_read: int = 0
    skipped: int = 0
    warnings: tuple[str, ...] = field(default=())


class EntryStream:
    """The entries of one file, read while they are iterated (once)."""

    def __init__(
        self,
        source_format: str,
        size: int,
        read: Callable[[ReadState], Iterable[WatchlistEntry]],
    ) -> None:
        self.size = size  # bytes of the file: ``bytes_read`` reaches it at the end
        self.state = ReadState(source_format)
        self._read = read

    def __iter__(self) -> Iterator[WatchlistEntry]:
        yield from self._read(self.state)
        self.state.bytes_read = self.size

    @property
    def source_format(self) -> str:
        return self.state.source_format

    @property
    def bytes_read(self) -> int:
        return min(self.state.bytes_read, self.size)

    @property
    def skipped(self) -> int:
        return self.state.skipped

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.state.warnings

    def collect(self) -> WatchlistFile:
        """Every entry at once, as the whole-file readers give them."""
        entries = tuple(self)
        return WatchlistFile(self.source_format, entries, self.skipped, self.warnings)


def file_size(path: Path) -> int:
    """The file's size in bytes; 0 when it cannot be had (the reader then says why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def whole_file_stream(path: Path, read: Callable[[Path], WatchlistFile]) -> EntryStream:
    """A stream over a reader that reads its file whole (XML lists): every entry at the end."""

    def entries(state: ReadState) -> Iterator[WatchlistEntry]:
        content = read(path)
        state.source_format = content.source_format
        state.skipped, state.warnings = content.skipped, content.warnings
        yield from content.entries

    return EntryStream("", file_size(path), entries)


class CountingReader(io.RawIOBase):
    """A binary file whose bytes consumed are counted into a :class:`ReadState`."""

    def __init__(self, raw: BinaryIO, state: ReadState) -> None:
        super().__init__()
        self._raw = raw
        self._state = state

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self._state.bytes_read += n
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def counted_text(path: Path, encoding: str, state: ReadState) -> io.TextIOWrapper:
    """``path`` opened as text (newlines kept for the csv module), counting bytes into ``state``."""
    raw = CountingReader(path.open("rb"), state)
    return io.TextIOWrapper(io.BufferedReader(raw, 1 << 16), encoding=encoding, newline="")
