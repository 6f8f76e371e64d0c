"""Reading a watchlist file whatever its format, decided from its content."""

from __future__ import annotations

from pathlib import Path

from watchlists.entry import WatchlistFile


def read_watchlist(path: Path) -> WatchlistFile:
    """Read a generic CSV/XLSX list; the UN, EU, OFAC and OpenSanctions readers are to follow."""
    from watchlists.tabular import read_watchlist_table

    return read_watchlist_table(path)
