"""The officer's loop through the window, on a real store file filled from real files.

Import a watchlist and a manifest through the window's own jobs, pick the flight, pick the
traveller with an open hit, read the entry and the reasons, flag them, record an interdiction;
then close everything, open the same file again and find it all there.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import MANIFEST, WATCHLIST, WindowFactory, account
from ui.dialogs.confirm_dialog import ConfirmHitDialog
from ui.dialogs.interdiction_dialog import InterdictionDialog
from ui.main_window import MainWindow
from workstation.db.store import Store
from workstation.services.audit import list_events
from workstation.services.interdictions import InterdictionInput
from workstation.services.queries import list_travellers
from workstation.services.users import sign_in_unchecked
from workstation.services.views import Actor

SEIZURE = InterdictionInput(
    outcome="seizure",
    commodity="cocaine",
    quantity=Decimal("1.250"),
    unit="kg",
    concealment="luggage",
    agencies=("customs", "drug_police"),
    arrest=True,
    case_reference="BEG-2025-0412",
    notes="Two bricks in the lining of a suitcase",
)


def _import_through_the_window(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.jobs.idle, timeout=30_000):
        window.data.start_watchlist_import([WATCHLIST], "National lookouts")
    with qtbot.waitSignal(window.jobs.idle, timeout=30_000):
        window.data.start_passenger_import([MANIFEST])


def _select_first_open_hit(window: MainWindow) -> int:
    flights = window.flights_view
    assert flights.model.rowCount() == 1
    flight = flights.model.flight(0)
    assert flight.designator == "JU211"
    assert flight.screened and flight.open_hit_count == 2
    flights.select_flight(flight.id)
    travellers = window.travellers_view
    assert travellers.model.rowCount() == 13
    traveller_id = travellers.first_open_hit_id()
    assert traveller_id is not None
    travellers.select_traveller(traveller_id)
    return traveller_id


def test_an_officer_flags_a_hit_and_records_an_interdiction_that_survive_a_restart(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowFactory,
    store_file: Path,
    file_store: Store,
    actor: Actor,
    shown_boxes: list[str],
) -> None:
    window = make_window(file_store, actor)
    assert window.stack.currentWidget() is window.welcome_view  # an empty real store
    _import_through_the_window(qtbot, window)
    assert window.stack.currentWidget() is window.workspace
    traveller_id = _select_first_open_hit(window)

    review = window.review_view
    assert review.detail is not None and review.detail.id == traveller_id
    hit = review.current_hit
    assert hit is not None and hit.status == "open"
    # The entry beside the traveller, and the engine's reasons.
    assert review.comparison.traveller["names"].text() == "PETKOVIĆ, Dragan"
    assert "Драган Петковић" in review.comparison.entry["names"].text()
    assert review.comparison.entry["birth"].text() == "1979-07-14"
    assert "RS-NL-0001" in review.entry_line.text()
    assert "notify the drug police" in review.handling.text()
    assert review.reasons_model.rowCount() == len(hit.reasons) > 0
    fields = {review.reasons_model.index(r, 0).data() for r in range(len(hit.reasons))}
    assert {"Name", "Date of birth"} <= fields
    assert review.flag_action.isEnabled() and review.dismiss_action.isEnabled()

    monkeypatch.setattr(ConfirmHitDialog, "ask", classmethod(lambda cls, *a: ("gate", "At B4")))
    review.flag_action.trigger()
    assert review.current_hit is not None and review.current_hit.status == "confirmed"
    assert not review.flag_action.isEnabled() and not review.dismiss_action.isEnabled()
    assert (
        "✓ flagged"
        in window.travellers_view.model.index(
            window.travellers_view.model.row_of(traveller_id) or 0, 0
        ).data()
    )
    assert window.flights_view.model.flight(0).open_hit_count == 1

    monkeypatch.setattr(InterdictionDialog, "ask", classmethod(lambda cls, *a: SEIZURE))
    review.interdiction_action.trigger()
    assert review.history.interdictions.count() == 1
    assert "BEG-2025-0412" in review.history.interdictions.item(0).text()
    assert shown_boxes == []

    window.close()
    file_store.close()
    _check_after_restart(make_window, store_file, traveller_id)


def _check_after_restart(make_window: WindowFactory, store_file: Path, traveller_id: int) -> None:
    store = Store(f"sqlite:///{store_file}")
    try:
        actor = sign_in_unchecked(store, "ana.petrovic")
        window = make_window(store, actor)
        assert window.flights_view.model.flight(0).open_hit_count == 1
        flight_id = window.flights_view.model.flight(0).id
        row = next(r for r in list_travellers(store, actor, flight_id) if r.id == traveller_id)
        assert (row.hit_status, row.flagged, row.interdiction_count) == ("confirmed", True, 1)
        window.travellers_view.select_traveller(traveller_id)
        detail = window.review_view.detail
        assert detail is not None
        assert detail.flag_points == ("gate",)
        confirmed = next(h for h in detail.hits if h.status == "confirmed")
        assert [(d.decision, d.control_point, d.reason) for d in confirmed.decisions] == [
            ("confirmed", "gate", "At B4")
        ]
        (interdiction,) = detail.interdictions
        assert interdiction.quantity == Decimal("1.250")
        assert (interdiction.commodity, interdiction.unit, interdiction.arrest) == (
            "cocaine",
            "kg",
            True,
        )
        assert interdiction.agencies == ("customs", "drug_police")
        auditor = account(store, "audit.jovic", "auditor")
        actions = [e.action for e in reversed(list_events(store, auditor))]
        assert actions.count("consult") >= 2  # once before the decisions, once after restart
        assert actions.index("consult") < actions.index("confirm_hit")
        assert actions.index("confirm_hit") < actions.index("record_interdiction")
        assert {"watchlist_import", "import", "screening"} <= set(actions)
        window.close()
    finally:
        store.close()
