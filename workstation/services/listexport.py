"""The entries of the lists in force, as a CSV file: one row per listed person."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.models import Watchlist, WatchlistEntry, WatchlistVersion
from workstation.db.store import Store
from workstation.errors import InvalidInputError, WorkstationError
from workstation.services.audit import record_event
from workstation.services.export import neutralise
from workstation.services.users import Approval, require_approval
from workstation.services.versions import active_versions, latest_version, watchlist_named
from workstation.services.views import Actor, ExportSummary

ENTRY_COLUMNS = (
    "list",
    "entry_id",
    "name",
    "aliases",
    "date_of_birth",
    "nationality",
    "document_numbers",
    "category",
)


def export_entries(
    store: Store,
    actor: Actor,
    out: Path,
    *,
    name: str | None = None,
    approval: Approval | None = None,
) -> ExportSummary:
    """Write the current version of one list, or of every enabled list, to ``out`` (.csv).

    Several values in a cell are separated by ``;``; cells that a spreadsheet would run as a
    formula are neutralised. Privileged (an export, with an approval); audited as an export
    with the approval's justification.
    """
    justification = require_approval(actor, "export", approval)
    if out.suffix.lower() != ".csv":
        raise InvalidInputError(f"{out.name}: export the entries to a .csv file.")
    with store.transaction() as session:
        if name is not None:
            watchlist = watchlist_named(session, name)
            current = latest_version(session, watchlist.id)
            versions = [current] if current is not None else []
        else:
            versions = active_versions(session)
        table: list[list[str]] = []
        for version in versions:
            table.extend(_rows(session, version))
        _write_csv(out, table)
        record_event(
            session,
            actor,
            "export",
            "watchlist_version",
            [v.id for v in versions],
            justification=justification,
            file=out.name,
            rows=len(table),
            kind="watchlist_entries",
        )
    return ExportSummary(str(out), len(table))


def _rows(session: Session, version: WatchlistVersion) -> list[list[str]]:
    list_name = session.get_one(Watchlist, version.watchlist_id).name
    entries = session.scalars(
        select(WatchlistEntry)
        .where(WatchlistEntry.version_id == version.id)
        .order_by(WatchlistEntry.id)
    )
    return [
        [
            neutralise(cell)
            for cell in (
                list_name,
                e.source_id,
                e.primary_name,
                ";".join(e.names[1:]),
                ";".join(e.birth_dates),
                ";".join(e.nationalities),
                ";".join(e.documents),
                e.category,
            )
        ]
        for e in entries
    ]


def _write_csv(out: Path, rows: list[list[str]]) -> None:
    """Write beside ``out`` and rename: never a half-written file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".export-", suffix=".csv", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(ENTRY_COLUMNS)
            writer.writerows(rows)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WorkstationError(f"{out}: the export could not be written ({exc.strerror}).") from exc
