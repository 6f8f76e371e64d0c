"""The table models: Qt's model contract, and what an officer reads in the cells."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from pytestqt.modeltest import ModelTester

from tests.ui.conftest import MANIFEST
from ui.models.flights_model import OPEN_HITS_COLUMN, FlightsModel
from ui.models.reasons_model import ReasonsModel
from ui.models.roles import ID_ROLE, SORT_ROLE
from ui.models.travellers_model import OPEN_BACKGROUND, STATUS_COLUMN, TravellersModel
from workstation.db.store import Store
from workstation.services.imports import import_passenger_files
from workstation.services.queries import list_flights, list_travellers, open_traveller
from workstation.services.views import Actor


def test_the_flights_model_passes_the_model_tester_empty_and_filled(
    qtmodeltester: ModelTester, screened_store: Store, actor: Actor
) -> None:
    model = FlightsModel()
    qtmodeltester.check(model)
    model.set_flights(list_flights(screened_store, actor))
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_a_flight_row_reads_like_a_flight_board_in_airport_local_time(
    screened_store: Store, actor: Actor
) -> None:
    model = FlightsModel()
    model.set_flights(list_flights(screened_store, actor))
    [flight] = list_flights(screened_store, actor)
    assert flight.scheduled_departure is not None
    assert flight.scheduled_departure.strftime("%H:%M") == "08:05"  # stored in UTC
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    # shown as the manifest gave them: 11:05 at Istanbul, 12:50 at Belgrade
    assert cells == [
        "JU211",
        "IST",
        "BEG",
        "11:05 12.03.",
        "12:50 12.03.",
        "↓ in",
        "13",
        "2",
        "—",
        "—",
        "API",
    ]
    assert model.index(0, 0).data(ID_ROLE) == model.flight(0).id


def test_a_flight_imported_but_not_screened_is_marked(file_store: Store, actor: Actor) -> None:
    import_passenger_files(file_store, actor, [MANIFEST])
    model = FlightsModel()
    model.set_flights(list_flights(file_store, actor))
    text = model.index(0, OPEN_HITS_COLUMN).data()
    assert "not screened" in text
    assert "Screen now" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_the_travellers_model_passes_the_model_tester_behind_a_sorting_proxy(
    qtmodeltester: ModelTester, screened_store: Store, actor: Actor
) -> None:
    model = TravellersModel()
    qtmodeltester.check(model)
    flight = list_flights(screened_store, actor)[0]
    model.set_travellers(list_travellers(screened_store, actor, flight.id))
    qtmodeltester.check(model)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(STATUS_COLUMN, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    top = [proxy.index(r, STATUS_COLUMN).data() for r in range(3)]
    assert top == ["● HIT", "● HIT", ""]  # open hits first


def test_a_traveller_with_an_open_hit_stands_out_in_red(
    screened_store: Store, actor: Actor
) -> None:
    model = TravellersModel()
    flight = list_flights(screened_store, actor)[0]
    model.set_travellers(list_travellers(screened_store, actor, flight.id))
    row = next(r for r in range(model.rowCount()) if model.traveller(r).hit_status == "open")
    calm = next(r for r in range(model.rowCount()) if model.traveller(r).hit_status == "none")
    background = model.index(row, 2).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color() == OPEN_BACKGROUND
    assert model.index(calm, 2).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(row, 1).data() == f"{model.traveller(row).best_score:.1f}"
    assert model.index(row, 0).data(ID_ROLE) == model.traveller(row).id


def test_updating_the_same_travellers_keeps_rows_instead_of_resetting(
    screened_store: Store, actor: Actor
) -> None:
    model = TravellersModel()
    flight = list_flights(screened_store, actor)[0]
    rows = list_travellers(screened_store, actor, flight.id)
    model.set_travellers(rows)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_travellers(rows)
    assert resets == []
    model.set_travellers(rows[:3])
    assert resets == [True]


def test_the_reasons_model_passes_the_model_tester(
    qtmodeltester: ModelTester, screened_store: Store, actor: Actor
) -> None:
    flight = list_flights(screened_store, actor)[0]
    hit_row = next(
        r for r in list_travellers(screened_store, actor, flight.id) if r.hit_status == "open"
    )
    hit = open_traveller(screened_store, actor, hit_row.id).hits[0]
    model = ReasonsModel()
    qtmodeltester.check(model)
    model.set_reasons(hit.reasons)
    qtmodeltester.check(model)
    assert model.rowCount() == len(hit.reasons)
    assert model.index(0, 5).data() == hit.reasons[0].detail
