"""The officer's desk in the window: the day's board, search, review with highlights,
escalation, dismissal memory, interdiction edits, settings kept across windows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from tests.ui.conftest import WindowFactory
from tests.ui.crowd import fill_crowd
from ui.dialogs.escalate_dialog import EscalateHitDialog
from ui.dialogs.interdiction_dialog import InterdictionDialog
from ui.dialogs.shortcuts_dialog import shortcut_rows
from ui.main_window import MainWindow
from ui.models.search_model import SearchModel
from ui.views.workspace_view import WorkspaceView
from workstation.db.store import Store
from workstation.services.interdictions import InterdictionInput, record_interdiction
from workstation.services.queries import open_traveller
from workstation.services.review import dismiss_hit
from workstation.services.travellers import search_travellers
from workstation.services.views import Actor

JU211_DAY = date(2025, 3, 12)


def _open_petkovic(window: MainWindow) -> int:
    model = window.travellers_view.model
    row = next(r for r in range(model.rowCount()) if model.traveller(r).surname == "PETKOVIĆ")
    traveller_id = model.traveller(row).id
    window.travellers_view.select_traveller(traveller_id)
    return traveller_id


def test_an_empty_board_jumps_once_to_the_nearest_day_with_flights(
    make_window: WindowFactory, screened_store: Store, actor: Actor
) -> None:
    window = make_window(screened_store, actor)
    assert window.flights_view.day == JU211_DAY
    assert window.flights_view.model.rowCount() == 1
    window.flights_view.next_button.click()
    assert window.flights_view.day == date(2025, 3, 13)
    assert window.flights_view.model.rowCount() == 0  # the officer's choice is kept
    assert window.stack.currentWidget() is window.workspace
    assert window.travellers_view.model.rowCount() == 0


def test_the_review_marks_the_matched_words_on_both_sides(
    make_window: WindowFactory, screened_store: Store, actor: Actor
) -> None:
    window = make_window(screened_store, actor)
    _open_petkovic(window)
    comparison = window.review_view.comparison
    assert set(comparison.traveller["names"].marked()) == {"PETKOVIĆ,", "Dragan"}
    assert {"Драган", "Петковић"} <= set(comparison.entry["names"].marked())
    assert comparison.traveller["birth"].marked() == ["1979-07-14"]
    assert "009876543" in comparison.entry["documents"].marked()
    assert window.review_view.handling.text().startswith("Handling: Do not alert")


def test_escalating_from_the_review_pane_hands_the_hit_to_a_supervisor(
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowFactory,
    screened_store: Store,
    desk_officer: Actor,
) -> None:
    window = make_window(screened_store, desk_officer)
    traveller_id = _open_petkovic(window)
    review = window.review_view
    assert review.escalate_action.shortcut().toString() == "F6"
    monkeypatch.setattr(
        EscalateHitDialog, "ask", classmethod(lambda cls, *a: "Document differs by one digit")
    )
    review.escalate_action.trigger()
    assert review.current_hit is not None and review.current_hit.status == "escalated"
    assert not review.flag_action.isEnabled() and not review.dismiss_action.isEnabled()
    assert "escalated to a supervisor" in review.history.decisions.item(0).text()
    model = window.travellers_view.model
    assert model.traveller(model.row_of(traveller_id) or 0).hit_status == "escalated"
    assert window.flights_view.model.flight(0).escalated_hit_count == 1


def test_a_hit_dismissed_by_memory_says_who_dismissed_the_pair_and_why(
    make_window: WindowFactory, screened_store: Store, actor: Actor, tmp_path: Path
) -> None:
    from tests.workstation.test_officer_desk import PETKOVIC, write_manifest
    from workstation.services.imports import import_passenger_files
    from workstation.services.screening import screen_stored

    rows = search_travellers(screened_store, actor, "Petkovic")
    hit = open_traveller(screened_store, actor, rows[0].id).hits[0]
    dismiss_hit(screened_store, actor, hit.id, "A namesake, born 1979 too")
    who = ("PETKOVIĆ", *PETKOVIC[1:])
    later = write_manifest(tmp_path / "later.csv", "JU211", "20.03.2025", [who], origin="IST")
    import_passenger_files(screened_store, actor, [later])
    assert screen_stored(screened_store, actor).new_hits == 0
    window = make_window(screened_store, actor)
    window.flights_view.set_day(date(2025, 3, 20))
    _open_petkovic(window)
    review = window.review_view
    assert not review.remembered.isHidden()
    assert review.remembered.text().startswith("Previously dismissed by ana.petrovic on ")
    assert review.remembered.text().endswith(": A namesake, born 1979 too")
    assert review.remembered.textFormat() == Qt.TextFormat.PlainText
    assert not review.dismiss_action.isEnabled()


def test_an_interdiction_edited_in_the_review_shows_its_history(
    monkeypatch: pytest.MonkeyPatch, make_window: WindowFactory, screened_store: Store, actor: Actor
) -> None:
    window = make_window(screened_store, actor)
    traveller_id = _open_petkovic(window)
    record_interdiction(
        screened_store,
        actor,
        traveller_id,
        InterdictionInput(outcome="seizure", commodity="cocaine", quantity=Decimal(1), unit="kg"),
    )
    window.review_view.show_traveller(traveller_id)
    corrected = InterdictionInput(
        outcome="seizure", commodity="heroin", quantity=Decimal("1.1"), unit="kg"
    )
    seen: list[InterdictionInput | None] = []

    def ask(cls: object, parent: object, subject: str, initial: InterdictionInput) -> object:
        seen.append(initial)
        return corrected

    monkeypatch.setattr(InterdictionDialog, "ask", classmethod(ask))
    window.review_view.edit_interdiction_action.trigger()
    assert seen[0] is not None and seen[0].commodity == "cocaine"
    items = [
        window.review_view.history.interdictions.item(n).text()
        for n in range(window.review_view.history.interdictions.count())
    ]
    assert "heroin" in items[0].lower()
    assert "edited" in items[1] and "cocaine" in items[1].lower()


def test_the_flight_filter_finds_names_the_way_the_screener_reads_them(
    make_window: WindowFactory, screened_store: Store, actor: Actor
) -> None:
    window = make_window(screened_store, actor)
    view = window.travellers_view
    view.filter.setText("Петковић")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 2).data() == "PETKOVIĆ"
    view.filter.setText("yildirim")
    assert view.proxy.index(0, 2).data() == "YILDIRIM"
    view.filter.setText("")
    assert view.proxy.rowCount() == 13


def test_the_search_tab_finds_travellers_across_flights(
    make_window: WindowFactory, screened_store: Store, actor: Actor, qtmodeltester: ModelTester
) -> None:
    window = make_window(screened_store, actor)
    window.search_action.trigger()
    search = window.search_view
    assert window.workspace.tabs.currentIndex() == WorkspaceView.SEARCH
    search.period.setCurrentIndex(search.period.count() - 1)  # any time
    search.query.setText("petkovic")
    search.run_search()
    assert search.model.rowCount() == 1
    qtmodeltester.check(search.model)
    search.table.selectRow(0)
    detail = window.review_view.detail
    assert detail is not None and detail.surname == "PETKOVIĆ"
    assert "1 traveller(s) found" in search.summary.text()


def test_twenty_thousand_travellers_load_a_page_at_a_time(
    file_store: Store, actor: Actor, qtmodeltester: ModelTester
) -> None:
    fill_crowd(file_store, actor, 20_000)
    model = SearchModel(page=200)
    calls: list[int] = []

    def fetch(order_by: str, descending: bool, offset: int, limit: int) -> object:
        calls.append(offset)
        return search_travellers(
            file_store,
            actor,
            "",
            order_by=order_by,
            descending=descending,
            limit=limit,
            offset=offset,
        )

    model.start(fetch)  # type: ignore[arg-type]
    assert model.rowCount() == 200 and calls == [0]
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400 and calls == [0, 200]
    model.sort(4, Qt.SortOrder.AscendingOrder)  # surname, in SQL (binary order)
    assert model.rowCount() == 200
    assert [model.traveller(r).surname for r in (0, 199)] == ["Ilić", "Ilić"]
    assert search_travellers(file_store, actor, "DJORDJEVIC", limit=5)[0].surname == "Đorđević"
    qtmodeltester.check(model)


def test_the_search_view_fetches_more_only_when_scrolled(
    make_window: WindowFactory, file_store: Store, actor: Actor
) -> None:
    fill_crowd(file_store, actor, 2_000)
    window = make_window(file_store, actor)
    search = window.search_view
    search.period.setCurrentIndex(search.period.count() - 1)
    search.run_search()
    assert search.model.rowCount() == 200
    search.table.scrollToBottom()
    window.show()
    search.table.scrollToBottom()
    assert 200 < search.model.rowCount() < 2_000


def test_settings_are_restored_in_the_next_window(
    make_window: WindowFactory, screened_store: Store, actor: Actor
) -> None:
    first = make_window(screened_store, actor)
    first.workspace.setSizes([500, 300])
    first.travellers_view.filter.setText("petk")
    first.travellers_view.table.horizontalHeader().setSectionHidden(9, True)
    first.search_view.period.setCurrentIndex(4)
    first.resize(760, 560)  # within the offscreen screen (800 x 600)
    sizes = first.workspace.sizes()
    first.close()
    second = make_window(screened_store, actor)
    assert second.travellers_view.filter.text() == "petk"
    assert second.travellers_view.table.horizontalHeader().isSectionHidden(9)
    assert second.search_view.period.currentIndex() == 4
    assert second.flights_view.day == JU211_DAY
    assert (second.size().width(), second.size().height()) == (760, 560)
    assert second.workspace.sizes() == sizes


def test_the_shortcuts_help_lists_every_review_action(
    make_window: WindowFactory, screened_store: Store, actor: Actor, shown_boxes: list[str]
) -> None:
    window = make_window(screened_store, actor)
    rows = dict(shortcut_rows([*window.review_view.decision_actions, window.search_action]))
    assert {"F2", "F3", "F4", "F6", "Shift+F4", "Ctrl+F", "Alt+Left"} <= set(rows)
    window.shortcuts_action.trigger()
    assert shown_boxes == ["Keyboard shortcuts: "]


def test_a_co_traveller_opens_from_the_review(
    qtbot: QtBot, make_window: WindowFactory, screened_store: Store, actor: Actor
) -> None:
    window = make_window(screened_store, actor)
    _open_petkovic(window)
    detail = window.review_view.detail
    assert detail is not None
    related = window.review_view.related
    assert related.booking.count() == max(len(detail.co_travellers), 1)
    if detail.co_travellers:
        related.booking.itemActivated.emit(related.booking.item(0))
        assert window.review_view.detail is not None
        assert window.review_view.detail.id == detail.co_travellers[0].id
