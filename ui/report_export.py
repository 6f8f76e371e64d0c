"""Exporting a report from the supervisor's desk: file, reason and password, then the disclosure.

CSV and XLSX are written by the core; PDF by :func:`ui.report_pdf.write_report_pdf`, handed to
the core's ``disclose`` so that every format is audited the same way. A report is a page or two
of figures or a period's flagged list: it is written in the main thread, under a busy cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from ui.dialogs.disclosure_dialog import DisclosureDialog
from ui.errors import call_service
from ui.i18n import _
from ui.report_pdf import write_report_pdf
from ui.session import with_approval
from workstation.db.store import Store
from workstation.services.export import disclose
from workstation.services.report import Report
from workstation.services.views import Actor, ExportSummary

REPORT_FILTERS = {"PDF report (*.pdf)": ".pdf", "Excel (*.xlsx)": ".xlsx", "CSV (*.csv)": ".csv"}


def choose_file(parent: QWidget, title: str, stem: str) -> Path | None:
    """A file to write, with a suffix the chosen filter implies when none was typed."""
    default = str(Path.home() / f"{stem}-{date.today():%Y%m%d}.pdf")
    name, chosen = QFileDialog.getSaveFileName(parent, title, default, ";;".join(REPORT_FILTERS))
    if not name:
        return None
    out = Path(name)
    if out.suffix.lower() not in REPORT_FILTERS.values():
        out = out.with_suffix(REPORT_FILTERS.get(chosen, ".pdf"))
    return out


def export_report(
    parent: QWidget,
    store: Store,
    actor: Actor,
    build: Callable[[], Report],
    *,
    what: str,
    rows: int | None,
    stem: str,
) -> ExportSummary | None:
    """Ask for the file and the reason, build the report and disclose it; None when abandoned."""
    out = choose_file(parent, _("Export {what}").format(what=what), stem)
    if out is None:
        return None
    disclosure = DisclosureDialog.ask(parent, store, actor, what, rows)
    if disclosure is None:
        return None
    writer = write_report_pdf if out.suffix.lower() == ".pdf" else None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report = call_service(parent, build)
        if report is None:
            return None
        return call_service(
            parent,
            disclose,
            store,
            actor,
            report,
            out,
            reason=disclosure.reason,
            writer=writer,
            **with_approval(disclose, disclosure.approval),
        )
    finally:
        QApplication.restoreOverrideCursor()
