"""A report's content as plain data: the header a disclosed file carries, its tables, its totals.

The core builds a :class:`Report`; the CSV and XLSX writers (core) and the PDF renderer (ui) all
read the same value, so every format states the same unit, period, filters, exporter and time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from workstation.errors import InvalidInputError

UNIT_ENV = "WORKSTATION_UNIT_NAME"
DEFAULT_UNIT_NAME = "Joint Airport Interdiction Task Force"


def unit_name() -> str:
    """The unit named in report headers: ``$WORKSTATION_UNIT_NAME``, until settings carry it."""
    return os.environ.get(UNIT_ENV, "").strip() or DEFAULT_UNIT_NAME


@dataclass(frozen=True)
class Period:
    """Whole days, both ends included, in UTC; an open end is None."""

    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise InvalidInputError(
                f"The period starts ({self.since:%d.%m.%Y}) after it ends "
                f"({self.until:%d.%m.%Y}): swap the dates."
            )

    @property
    def start(self) -> datetime | None:
        """The first instant of the period (UTC)."""
        return datetime.combine(self.since, time(), UTC) if self.since else None

    @property
    def end(self) -> datetime | None:
        """The first instant after the period (UTC): compare with ``<``."""
        return datetime.combine(self.until + timedelta(days=1), time(), UTC) if self.until else None

    def text(self) -> str:
        if self.since and self.until:
            return f"{self.since.isoformat()} to {self.until.isoformat()}"
        if self.since:
            return f"from {self.since.isoformat()}"
        if self.until:
            return f"until {self.until.isoformat()}"
        return "all dates"


Cell = str | int  # counts stay numbers, so a spreadsheet can sum and chart them


@dataclass(frozen=True)
class ReportTable:
    """``printed``: the columns a printed page has room for (all when empty); files keep all."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    printed: tuple[int, ...] = ()

    def printed_table(self) -> ReportTable:
        if not self.printed:
            return self
        keep = self.printed
        return ReportTable(
            self.title,
            tuple(self.columns[i] for i in keep),
            tuple(tuple(row[i] for i in keep) for row in self.rows),
        )


@dataclass(frozen=True)
class Report:
    """What a disclosed file says, in every format.

    ``object_type`` and ``record_ids`` name the records disclosed, for the audit trail.
    """

    kind: str  # flagged, statistics
    unit: str
    title: str
    period: Period
    filters: tuple[tuple[str, str], ...]  # (label, value) of the filters applied
    exported_by: str  # user name
    exported_by_name: str  # display name
    exported_at: datetime
    tables: tuple[ReportTable, ...]
    totals: tuple[tuple[str, str], ...]
    object_type: str
    record_ids: tuple[int, ...] = ()
    # "Audit chain: N events, last #ID, MAC ..." as it stood with this disclosure recorded:
    # set by ``disclose`` so the file names the audit event that records it.
    chain: str = ""

    @property
    def stamp(self) -> str:
        """The first line of every exported file: who exported it, and when."""
        return (
            f"Exported by {self.exported_by} at "
            f"{self.exported_at.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC ({self.exported_by_name})"
        )

    @property
    def filters_text(self) -> str:
        return "; ".join(f"{label}: {value}" for label, value in self.filters) or "none"

    @property
    def row_count(self) -> int:
        return sum(len(t.rows) for t in self.tables)

    def header_lines(self) -> tuple[str, ...]:
        """The stamp, then unit, title, period, filters and the audit chain's head (once
        disclosed): the head of every format."""
        lines = (
            self.stamp,
            self.unit,
            self.title,
            f"Period: {self.period.text()}",
            f"Filters: {self.filters_text}",
        )
        return (*lines, self.chain) if self.chain else lines
