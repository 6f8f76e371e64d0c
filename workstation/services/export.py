"""Exports for supervisors: reports written to a file, each audited as a disclosure.

Exporting is privileged: the exporter's role must allow it and an :class:`Approval` (password
typed again, justification) is required. A disclosure records who exported what, when, why and
for whom (``reason``, required), the approval's justification, and which records. The file
itself states who exported it and when, and the audit chain's head with the disclosure recorded,
so a file found later can be matched with its audit event and a trail cut after it shows.
CSV and XLSX are written here; the window hands in its own writer for PDF (the core has no Qt).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from workstation.db.store import Store
from workstation.errors import InvalidInputError, WorkstationError
from workstation.services.audit import chain_head_now, record_event
from workstation.services.flagged import FlaggedFilter, flagged_report
from workstation.services.report import Report
from workstation.services.reportfile import neutralise, write_csv, write_xlsx
from workstation.services.statistics import statistics, statistics_report
from workstation.services.users import Approval, require_approval
from workstation.services.views import Actor, ExportSummary

__all__ = ["MIN_REASON_LENGTH", "disclose", "export_flagged", "export_statistics", "neutralise"]

MIN_REASON_LENGTH = 5
ReportWriter = Callable[[Report, Path], None]
_WRITERS: dict[str, ReportWriter] = {".csv": write_csv, ".xlsx": write_xlsx}


def disclosure_reason(reason: str) -> str:
    """The reason stripped, or an error saying what to write."""
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON_LENGTH:
        raise InvalidInputError(
            "Say why the data leaves the workstation and for whom "
            "(for example: monthly report to the head of unit)."
        )
    return reason


def disclose(
    store: Store,
    actor: Actor,
    report: Report,
    out: Path,
    *,
    reason: str,
    writer: ReportWriter | None = None,
    approval: Approval | None = None,
) -> ExportSummary:
    """Write ``report`` to ``out`` and audit it as a disclosure, or do neither.

    ``writer`` renders formats the core cannot (PDF); without it ``out`` must be .csv or .xlsx.
    The event is recorded first and the file written in the same transaction with the chain's
    head that includes it; the file is written beside ``out`` and renamed once the event is
    stored: never a half-written file, never an unaudited one.
    """
    justification = require_approval(actor, "export", approval)
    reason = disclosure_reason(reason)
    suffix = out.suffix.lower()
    write = writer or _WRITERS.get(suffix)
    if write is None:
        raise InvalidInputError(f"{out.name}: export to a .csv or .xlsx file.")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".export-", suffix=suffix, dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with store.transaction() as session:
            record_event(
                session,
                actor,
                "disclose",
                report.object_type,
                report.record_ids,
                justification=justification,
                kind=report.kind,
                file=out.name,
                format=suffix.lstrip("."),
                rows=report.row_count,
                reason=reason,
                period=report.period.text(),
                filters=report.filters_text,
                exported_at=report.exported_at.isoformat(timespec="seconds"),
            )
            write(replace(report, chain=chain_head_now(session).describe()), tmp)
        tmp.replace(out)
    except OSError as exc:
        raise WorkstationError(f"{out}: the export could not be written ({exc.strerror}).") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return ExportSummary(str(out), report.row_count)


def export_flagged(
    store: Store,
    actor: Actor,
    out: Path,
    *,
    reason: str,
    filters: FlaggedFilter | None = None,
    approval: Approval | None = None,
) -> ExportSummary:
    """Write the flagged travellers matching ``filters`` (all when None) to .csv or .xlsx."""
    require_approval(actor, "export", approval)
    disclosure_reason(reason)
    _check_suffix(out)
    report = flagged_report(store, actor, filters or FlaggedFilter())
    return disclose(store, actor, report, out, reason=reason, approval=approval)


def export_statistics(
    store: Store,
    actor: Actor,
    out: Path,
    *,
    reason: str,
    since: date | None = None,
    until: date | None = None,
    approval: Approval | None = None,
) -> ExportSummary:
    """Write the unit's figures for the period to .csv or .xlsx."""
    require_approval(actor, "export", approval)
    disclosure_reason(reason)
    _check_suffix(out)
    report = statistics_report(statistics(store, actor, since, until), actor)
    return disclose(store, actor, report, out, reason=reason, approval=approval)


def _check_suffix(out: Path) -> None:
    if out.suffix.lower() not in _WRITERS:
        raise InvalidInputError(f"{out.name}: export to a .csv or .xlsx file.")
