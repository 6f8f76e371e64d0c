"""Reading a watchlist file whatever its format, decided from its content (see ``detect``)."""

from __future__ import annotations

from pathlib import Path

from watchlists.detect import ListFormat, detect_format
from watchlists.entry import WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.stream import EntryStream, whole_file_stream


def read_watchlist(path: Path) -> WatchlistFile:
    """Read a UN, OFAC (CSV or XML), EU, OpenSanctions or generic CSV/XLSX list file.

    An OFAC sdn.csv brings in alt.csv and sdn_comments.csv from beside it. One of those companion
    files given alone gives no entries (a warning says why) when an sdn.csv sits beside it, and is
    an error otherwise.
    """
    match detect_format(path):
        case ListFormat.UN:
            from watchlists.un import read_un

            return read_un(path)
        case ListFormat.OFAC_XML:
            from watchlists.sdnxml import read_sdn_xml

            return read_sdn_xml(path)
        case ListFormat.EU:
            from watchlists.eu import read_eu

            return read_eu(path)
        case ListFormat.FTM:
            from watchlists.ftm import read_ftm

            return read_ftm(path)
        case ListFormat.OFAC_CSV:
            from watchlists.ofac import read_ofac

            return read_ofac([path])
        case ListFormat.OFAC_COMPANION:
            return _companion(path)
    from watchlists.tabular import read_watchlist_table

    return read_watchlist_table(path)


def open_watchlist(path: Path) -> EntryStream:
    """The file's entries as a stream: FollowTheMoney and CSV lists are read while iterated,
    the XML and OFAC lists whole when iteration begins. Errors are raised while iterating too."""
    match detect_format(path):
        case ListFormat.FTM:
            from watchlists.ftm import stream_ftm

            return stream_ftm(path)
        case ListFormat.TABLE:
            from watchlists.tabular import stream_watchlist_table

            return stream_watchlist_table(path)
    return whole_file_stream(path, read_watchlist)


def _companion(path: Path) -> WatchlistFile:
    beside = [p for p in path.parent.iterdir() if p.name.casefold() in ("sdn.csv", "cons_prim.csv")]
    if not beside:
        raise WatchlistFormatError(
            path, "part of the OFAC CSV set; import the sdn.csv it belongs with", where="line 1"
        )
    warning = f"part of the OFAC CSV set; read together with {beside[0].name}, not on its own"
    return WatchlistFile("ofac-csv", (), 0, (warning,))
