from __future__ import annotations

from pathlib import Path

import pytest

from tests.workstation.accounts import auditor_of
from tests.workstation.files import write_manifest, write_watchlist
from workstation.db.store import Store
from workstation.errors import CancelledError
from workstation.progress import CancelToken
from workstation.services.audit import count_events, list_events
from workstation.services.imports import import_passenger_files
from workstation.services.queries import list_flights, list_travellers, open_traveller
from workstation.services.screening import screen_stored
from workstation.services.users import sign_in
from workstation.services.watchlists import import_watchlist


def _loaded(store: Store, tmp_path: Path) -> None:
    actor = sign_in(store, "loader", role="supervisor")
    import_watchlist(store, actor, [write_watchlist(tmp_path)], "Lookouts", rescreen_hours=0)
    import_passenger_files(store, actor, [write_manifest(tmp_path)])


def test_officers_can_keep_working_while_a_screening_run_matches(
    sqlite_store: Store, tmp_path: Path
) -> None:
    _loaded(sqlite_store, tmp_path)
    officer = sign_in(sqlite_store, "officer.second", display_name="Second officer")
    [flight] = list_flights(sqlite_store, officer)
    traveller = list_travellers(sqlite_store, officer, flight.id)[0]
    opened: list[int] = []

    def meanwhile(done: int, total: int, text: str) -> None:
        if not opened:  # another officer opens a traveller: an audited write
            opened.append(open_traveller(sqlite_store, officer, traveller.id).id)

    run = screen_stored(sqlite_store, sign_in(sqlite_store, "screener"), progress=meanwhile)
    assert opened == [traveller.id]
    assert run.new_hits == 1
    events = list_events(sqlite_store, auditor_of(sqlite_store))
    consults = [e for e in events if (e.action, e.object_type) == ("consult", "traveller")]
    assert [e.username for e in consults] == ["officer.second"]


def test_a_cancelled_run_raises_no_hit_and_records_no_run(
    sqlite_store: Store, tmp_path: Path
) -> None:
    _loaded(sqlite_store, tmp_path)
    actor = sign_in(sqlite_store, "screener")
    auditor = auditor_of(sqlite_store)
    events_before = count_events(sqlite_store, auditor)
    token = CancelToken()
    token.cancel()
    with pytest.raises(CancelledError):
        screen_stored(sqlite_store, actor, cancel=token)
    [flight] = list_flights(sqlite_store, actor)
    assert flight.hit_count == 0
    assert not flight.screened
    assert count_events(sqlite_store, auditor) == events_before
