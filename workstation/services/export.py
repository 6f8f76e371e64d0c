"""Exports for supervisors: the flagged list as CSV or XLSX, audited as a disclosure."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from workstation.db.models import Flag, Flight, Hit, Interdiction, Traveller, User, WatchlistEntry
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InvalidInputError, WorkstationError
from workstation.services.audit import record_event
from workstation.services.views import Actor, ExportSummary

FLAGGED_COLUMNS = (
    "flight",
    "scheduled_departure",
    "origin",
    "destination",
    "surname",
    "given_names",
    "date_of_birth",
    "nationality",
    "document_number",
    "booking_reference",
    "control_point",
    "flagged_by",
    "flagged_at",
    "watchlist_entry",
    "entry_name",
    "score",
    "interdictions",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A cell that Excel or LibreOffice would take for a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def export_flagged(store: Store, actor: Actor, out: Path) -> ExportSummary:
    """Write every flagged traveller to ``out`` (.csv or .xlsx)."""
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidInputError(f"{out.name}: export to a .csv or .xlsx file.")
    with store.transaction() as session:
        rows = session.execute(
            select(Flag, Traveller, Flight, User.username, Hit, WatchlistEntry)
            .join(Traveller, Traveller.id == Flag.traveller_id)
            .join(Flight, Flight.id == Traveller.flight_id)
            .join(User, User.id == Flag.user_id)
            .outerjoin(Hit, Hit.id == Flag.hit_id)
            .outerjoin(WatchlistEntry, WatchlistEntry.id == Hit.entry_id)
            .order_by(Flight.scheduled_departure, Traveller.surname)
        ).all()
        outcomes: dict[int, list[str]] = {}
        for tid, outcome in session.execute(
            select(Interdiction.traveller_id, Interdiction.outcome).order_by(Interdiction.id)
        ):
            outcomes.setdefault(tid, []).append(outcome)
        table = [
            [
                f.carrier + f.number,
                f.scheduled_departure.isoformat() if f.scheduled_departure else "",
                f.origin,
                f.destination,
                t.surname,
                t.given_names,
                t.birth_date or "",
                t.nationality or "",
                t.documents[0].number if t.documents else "",
                t.booking_reference or "",
                flag.control_point,
                username,
                flag.created_at.isoformat(timespec="seconds"),
                e.source_id if e else "",
                e.primary_name if e else "",
                f"{h.score:.1f}" if h else "",
                ", ".join(outcomes.get(t.id, [])),
            ]
            for flag, t, f, username, h, e in rows
        ]
        stamp = f"Exported by {actor.username} at {utcnow().isoformat(timespec='seconds')}"
        _write_atomically(out, [[neutralise(c) for c in row] for row in table], stamp)
        record_event(
            session,
            actor,
            "export",
            "flag",
            [flag.id for flag, *_ in rows],
            file=out.name,
            rows=len(table),
            kind="flagged",
        )
    return ExportSummary(str(out), len(table))


def _write_atomically(out: Path, rows: Sequence[Sequence[str]], stamp: str) -> None:
    """Write to a temporary file beside ``out`` and rename it: never a half-written export."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".export-", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if out.suffix.lower() == ".csv":
            with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([stamp])
                writer.writerow(FLAGGED_COLUMNS)
                writer.writerows(rows)
        else:
            _write_xlsx(tmp, rows, stamp)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WorkstationError(f"{out}: the export could not be written ({exc.strerror}).") from exc


def _write_xlsx(path: Path, rows: Sequence[Sequence[str]], stamp: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Flagged"
    sheet.append([stamp])
    sheet.append(list(FLAGGED_COLUMNS))
    for row in rows:
        sheet.append(list(row))
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.data_type = "s"  # text, never a formula or a number guessed from text
            cell.number_format = "@"
    book.save(path)
