"""A watchlist entry as read from a source, before it is stored or screened."""

from __future__ import annotations

from dataclasses import dataclass

from matching.dates import PartialDate


@dataclass(frozen=True)
class WatchlistEntry:
    """One listed person.

    ``entry_id`` is the list's own identifier (UN reference number, OFAC ent_num, a row ID).
    ``names`` holds the primary name first and then the aliases; each is one full name as the list
    writes it (any script). ``nationalities`` are ISO 3166 alpha-3 codes.
    """

    entry_id: str
    names: tuple[str, ...]
    birth_dates: tuple[PartialDate, ...] = ()
    sex: str | None = None
    nationalities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    category: str = "other"
    handling_notes: str = ""
    remarks: str = ""

    @property
    def primary_name(self) -> str:
        return self.names[0] if self.names else ""


@dataclass(frozen=True)
class WatchlistFile:
    """What a reader gives back for one file: the entries, and how many it skipped (entities)."""

    source_format: str
    entries: tuple[WatchlistEntry, ...]
    skipped: int = 0
    warnings: tuple[str, ...] = ()
