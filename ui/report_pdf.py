"""A :class:`Report` printed to PDF with Qt: the unit's header, the tables, the totals.

The core cannot import Qt, so the window hands :func:`write_report_pdf` to the core's
``disclose`` as the writer for .pdf. Every text that came from data (names, list entries,
filters, the exporter's name) is escaped: it is shown as typed, never read as HTML.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from workstation.services.report import Cell, Report, ReportTable

_STYLE = """
body { font-family: sans-serif; font-size: 8pt; color: #000; }
h1 { font-size: 13pt; margin: 0; }
h2 { font-size: 11pt; margin-top: 10px; margin-bottom: 2px; }
p.meta { margin: 0; color: #333; }
th { background-color: #e0e0e0; text-align: left; font-weight: bold; }
td.n { text-align: right; }
"""


def _cell(value: Cell, tag: str = "td") -> str:
    if isinstance(value, int):
        return f'<{tag} class="n">{value}</{tag}>'
    return f"<{tag}>{escape(value)}</{tag}>"


def _table(table: ReportTable, show_title: bool) -> str:
    head = "".join(_cell(c, "th") for c in table.columns)
    rows = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in table.rows)
    if not table.rows:
        rows = f'<tr><td colspan="{len(table.columns)}">None.</td></tr>'
    title = f"<h2>{escape(table.title)}</h2>" if show_title else ""
    return (
        f'{title}<table width="100%" border="1" cellspacing="0" cellpadding="2">'
        f"<thead><tr>{head}</tr></thead>{rows}</table>"
    )


def report_html(report: Report) -> str:
    """The report as HTML in which every value from data is escaped."""
    meta = [
        ("Period", report.period.text()),
        ("Filters", report.filters_text),
        ("Exported by", f"{report.exported_by_name} ({report.exported_by})"),
        ("Exported at", f"{report.exported_at:%Y-%m-%d %H:%M:%S} UTC"),
    ]
    header = (
        f"<p class='meta'><b>{escape(report.unit)}</b></p>"
        f"<h1>{escape(report.title)}</h1>"
        + "".join(
            f"<p class='meta'><b>{escape(label)}:</b> {escape(value)}</p>" for label, value in meta
        )
    )
    several = len(report.tables) > 1
    tables = "".join(_table(t.printed_table(), several) for t in report.tables)
    totals = "".join(
        f"<tr><td><b>{escape(label)}</b></td><td class='n'>{escape(value)}</td></tr>"
        for label, value in report.totals
    )
    return (
        f"<html><body>{header}{tables}<h2>Totals</h2>"
        f"<table border='0' cellspacing='0' cellpadding='2'>{totals}</table>"
        f"<p class='meta'>{escape(report.stamp)}</p>"
        + (f"<p class='meta'>{escape(report.chain)}</p>" if report.chain else "")
        + "</body></html>"
    )


def write_report_pdf(report: Report, path: Path) -> None:
    """Print ``report`` to an A4 landscape PDF at ``path``; the exporter is the PDF's author."""
    writer = QPdfWriter(str(path))
    writer.setTitle(f"{report.title} — {report.unit}")
    writer.setAuthor(f"{report.exported_by_name} ({report.exported_by})")
    writer.setCreator(report.stamp)
    writer.setResolution(300)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setDefaultStyleSheet(_STYLE)
    document.setHtml(report_html(report))
    document.print_(writer)
