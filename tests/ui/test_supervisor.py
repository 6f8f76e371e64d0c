"""The supervisor's desk: its models, charts, PDF report, exports and the menu that opens it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.ui.conftest import PASSWORD, Reauth, WindowFactory
from ui.dialogs.disclosure_dialog import DisclosureDialog
from ui.models.audit_model import AuditModel
from ui.models.flagged_model import FlaggedModel
from ui.models.roles import SORT_ROLE
from ui.report_pdf import report_html, write_report_pdf
from ui.session import with_approval
from ui.supervisor_window import SupervisorWindow
from ui.views.audit_view import PAGE_SIZE, AuditView
from ui.views.bar_chart_view import BarChartView
from workstation.db.store import Store
from workstation.services.audit import AuditFilter, count_events, list_events
from workstation.services.export import disclose
from workstation.services.flagged import FlaggedFilter, flagged_report, list_flagged
from workstation.services.interdictions import InterdictionInput, record_interdiction
from workstation.services.queries import list_flights, list_travellers, open_traveller
from workstation.services.report import Period
from workstation.services.review import confirm_hit
from workstation.services.users import approve
from workstation.services.views import Actor

_BAR = QColor("#1565c0")


@pytest.fixture
def flagged_store(screened_store: Store, actor: Actor) -> Store:
    """The JU211 store with one hit confirmed (flagged) and a cocaine seizure recorded."""
    flight = list_flights(screened_store, actor)[0]
    row = next(
        r for r in list_travellers(screened_store, actor, flight.id) if r.hit_status == "open"
    )
    [hit, *_rest] = open_traveller(screened_store, actor, row.id).hits
    confirm_hit(screened_store, actor, hit.id, "baggage")
    seizure = InterdictionInput("seizure", "cocaine", Decimal("0.8"), "kg")
    record_interdiction(screened_store, actor, row.id, seizure)
    return screened_store


def test_the_flagged_and_audit_models_pass_the_model_tester(
    qtmodeltester: ModelTester, flagged_store: Store, actor: Actor, auditor: Actor
) -> None:
    flagged = FlaggedModel()
    qtmodeltester.check(flagged)
    flagged.set_rows(list_flagged(flagged_store, actor, FlaggedFilter()))
    qtmodeltester.check(flagged)
    assert flagged.rowCount() == 1
    assert flagged.index(0, 10).data() == "Baggage"
    assert flagged.index(0, 16).data() == "Seizure"
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(flagged)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(1)
    qtmodeltester.check(proxy)
    audit = AuditModel()
    qtmodeltester.check(audit)
    audit.set_events(list_events(flagged_store, auditor))
    qtmodeltester.check(audit)
    # reading the trail is itself recorded, after the page it read
    assert audit.rowCount() == count_events(flagged_store, auditor) - 1
    assert audit.index(0, 2).data() == "record_interdiction"


def test_the_pdf_report_is_a_pdf_naming_its_exporter_and_is_a_disclosure(
    qapp: object, flagged_store: Store, actor: Actor, auditor: Actor, tmp_path: Path
) -> None:
    report = flagged_report(flagged_store, actor, FlaggedFilter())
    out = tmp_path / "flagged.pdf"
    approval = approve(flagged_store, actor, PASSWORD, "Weekly report")
    summary = disclose(
        flagged_store,
        actor,
        report,
        out,
        reason="Weekly report",
        writer=write_report_pdf,
        **with_approval(disclose, approval),
    )
    assert summary.rows == 1
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert actor.username.encode() in data  # the author, in the PDF's metadata
    assert len(data) > 5_000
    [event] = list_events(flagged_store, auditor, AuditFilter(action="disclose"))
    assert (event.details["format"], event.details["reason"]) == ("pdf", "Weekly report")
    assert event.object_ids == report.record_ids


def test_names_in_the_pdf_are_plain_text_never_html(flagged_store: Store, actor: Actor) -> None:
    report = flagged_report(flagged_store, actor, FlaggedFilter(flight="JU211"))
    table = report.tables[0]
    hostile = (*table.rows[0][:4], "<b>EVIL</b><img src=x>", *table.rows[0][5:])
    html = report_html(replace(report, tables=(replace(table, rows=(hostile,)),)))
    assert "&lt;b&gt;EVIL&lt;/b&gt;&lt;img src=x&gt;" in html
    assert "<img" not in html and "<b>EVIL" not in html
    assert "Flight: JU211" in html
    chained = report_html(replace(report, chain="Audit chain: 12 events, last #40, MAC 00ff."))
    assert "<p class='meta'>Audit chain: 12 events, last #40, MAC 00ff.</p>" in chained


def test_a_chart_draws_its_bars_and_copies_itself_as_an_image(qtbot: QtBot) -> None:
    chart = BarChartView("Interdictions by commodity")
    qtbot.addWidget(chart)
    chart.resize(400, 220)
    chart.set_bars([("Drugs: cocaine", 5), ("Cash", 2)])
    image = chart.grab().toImage()
    assert not image.isNull() and image.width() == 400
    colours = {image.pixelColor(x, y).rgb() for x in range(0, 400, 3) for y in range(0, 220, 3)}
    assert _BAR.rgb() in colours
    QGuiApplication.clipboard().clear()
    chart.copy_to_clipboard()
    copied = QGuiApplication.clipboard().image()
    assert not copied.isNull() and copied.width() >= 400


def test_a_long_breakdown_keeps_the_largest_bars_and_sums_the_rest(qtbot: QtBot) -> None:
    chart = BarChartView("By route")
    qtbot.addWidget(chart)
    chart.set_bars([(f"A{n:02d}", n) for n in range(20)])
    bars = chart.bars
    assert len(bars) == 12
    assert bars[0] == ("A19", 19)
    assert bars[-1] == ("other (9)", sum(range(9)))


def test_the_disclosure_dialog_requires_a_reason_and_the_password(
    qtbot: QtBot, file_store: Store, actor: Actor
) -> None:
    dialog = DisclosureDialog(file_store, actor, "the flagged list", 3)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setPlainText("  for  ")
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setPlainText("Monthly report\nto the head of unit")
    assert dialog.ok_button.isEnabled()
    assert dialog.value() == "Monthly report to the head of unit"
    dialog.password.setText("not the password")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.disclosure() is None
    assert dialog.form.message.text() == "Wrong user name or password."
    dialog.password.setText(PASSWORD)
    dialog.accept()
    disclosure = dialog.disclosure()
    assert disclosure is not None and disclosure.approval.user_id == actor.user_id
    assert disclosure.approval.justification == disclosure.reason == dialog.value()


def test_the_supervisor_menu_opens_the_desk_and_exports_the_filtered_list(
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowFactory,
    flagged_store: Store,
    actor: Actor,
    auditor: Actor,
    reauth: Reauth,
    tmp_path: Path,
) -> None:
    window = make_window(flagged_store, actor)
    window.supervisor_menu.flagged_action.trigger()
    desk = window.supervisor_menu.desk
    assert isinstance(desk, SupervisorWindow) and desk.isVisible()
    view = desk.flagged_view
    view.period.set_period(Period())
    assert view.model.rowCount() == 1
    view.flight.setText("XX999")
    view.flight.editingFinished.emit()
    assert view.model.rowCount() == 0 and not view.export_button.isEnabled()
    view.flight.setText("JU")
    view.flight.editingFinished.emit()
    view.outcome.setCurrentIndex(view.outcome.findData("seizure"))
    assert view.model.rowCount() == 1
    out = tmp_path / "flagged"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "Excel (*.xlsx)"))
    )
    reauth.justification = "For the chief of unit"
    view.export_button.click()
    assert reauth.asked == ["Export: reason and recipient"]
    sheet = load_workbook(tmp_path / "flagged.xlsx")["Flagged"]
    assert str(sheet.cell(1, 1).value).startswith(f"Exported by {actor.username} at ")
    assert sheet.cell(1, 5).value == "Filters: Flight: JU; Outcome: Seizure"
    assert sheet.max_row == 3
    assert "recorded as a disclosure" in desk.statusBar().currentMessage()
    [event] = list_events(flagged_store, auditor, AuditFilter(action="disclose"))
    assert event.details["reason"] == "For the chief of unit"
    assert desk.tabs.indexOf(desk.audit_view) == -1  # the trail is the auditor's
    window.close()
    assert not desk.isVisible()


def test_an_abandoned_export_writes_and_records_nothing(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    flagged_store: Store,
    actor: Actor,
    auditor: Actor,
    reauth: Reauth,
    tmp_path: Path,
) -> None:
    desk = SupervisorWindow(flagged_store, actor)
    qtbot.addWidget(desk)
    desk.refresh()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "s.pdf"), "PDF report (*.pdf)")),
    )
    reauth.cancel = True
    desk.statistics_view.export_button.click()
    assert list(tmp_path.glob("*.pdf")) == []
    assert list_events(flagged_store, auditor, AuditFilter(action="disclose")) == []
    reauth.cancel, reauth.password = False, "a wrong password"
    desk.statistics_view.export_button.click()
    assert reauth.refused == ["Wrong user name or password."]
    assert list(tmp_path.glob("*.pdf")) == []
    assert list_events(flagged_store, auditor, AuditFilter(action="disclose")) == []


def test_the_statistics_view_shows_the_figures_of_the_period(
    qtbot: QtBot, flagged_store: Store, actor: Actor
) -> None:
    desk = SupervisorWindow(flagged_store, actor)
    qtbot.addWidget(desk)
    view = desk.statistics_view
    view.period.set_period(Period(None, date.today()))
    assert view.figures["confirmed"].text() == "1"
    assert view.figures["interdictions"].text() == "1"
    assert view.charts["by_commodity"].bars == [("Drugs: cocaine", 1)]
    assert view.charts["by_route"].bars == [("IST", 1)]
    view.copy_buttons["by_officer"].click()
    assert not QGuiApplication.clipboard().image().isNull()
    view.period.set_period(Period(date(2001, 1, 1), date(2001, 1, 31)))
    assert view.figures["confirmed"].text() == "0"
    assert view.charts["by_month"].bars == [("2001-01", 0)]


def test_the_audit_view_pages_through_the_trail(
    qtbot: QtBot, flagged_store: Store, actor: Actor, auditor: Actor
) -> None:
    while count_events(flagged_store, auditor) <= PAGE_SIZE:
        open_traveller(flagged_store, actor, 1)  # each consultation is audited
    view = AuditView(flagged_store, auditor)
    qtbot.addWidget(view)
    view.reload_choices()
    view.refresh()
    total = count_events(flagged_store, auditor, view.filters())
    assert total > PAGE_SIZE and view.model.rowCount() == PAGE_SIZE
    assert not view.newer_button.isEnabled() and view.older_button.isEnabled()
    view.older_button.click()  # reading the first page was recorded: one event more
    assert view.model.rowCount() == total - PAGE_SIZE
    assert view.page_label.text() == f"Events {PAGE_SIZE + 1}–{total} of {total}"
    view.action.setCurrentIndex(view.action.findData("confirm_hit"))
    assert view.model.rowCount() == 1 and view.offset == 0
