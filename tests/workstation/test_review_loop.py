"""The officer's loop through the services: import, screen, review, interdiction, export."""

from __future__ import annotations

import csv
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.workstation.files import write_manifest, write_watchlist
from workstation.db.store import Store
from workstation.errors import InvalidInputError
from workstation.services.audit import list_events
from workstation.services.export import export_flagged, neutralise
from workstation.services.imports import import_passenger_files
from workstation.services.interdictions import InterdictionInput, record_interdiction
from workstation.services.queries import list_flights, list_travellers, open_traveller
from workstation.services.review import confirm_hit, dismiss_hit
from workstation.services.screening import screen_stored
from workstation.services.users import Approval
from workstation.services.views import Actor, TravellerRow
from workstation.services.watchlists import import_watchlist, list_watchlists


@pytest.fixture
def screened(any_store: Store, officer: Actor, supervisor: Actor, tmp_path: Path) -> Store:
    import_watchlist(any_store, supervisor, [write_watchlist(tmp_path)], "National lookouts")
    import_passenger_files(any_store, officer, [write_manifest(tmp_path)])
    screen_stored(any_store, officer)
    return any_store


def _hit_row(store: Store, actor: Actor) -> TravellerRow:
    [flight] = list_flights(store, actor)
    [row] = [r for r in list_travellers(store, actor, flight.id) if r.hit_status != "none"]
    return row


def test_a_listed_person_written_in_cyrillic_is_hit_behind_the_airline_spelling(
    screened: Store, officer: Actor
) -> None:
    row = _hit_row(screened, officer)
    assert (row.surname, row.given_names, row.hit_status) == ("DJORDJEVIC", "ZARKO", "open")
    detail = open_traveller(screened, officer, row.id)
    [hit] = detail.hits
    assert hit.entry.source_id == "NL-001"
    assert hit.entry.watchlist == "National lookouts"
    assert hit.entry.handling_notes.startswith("Inform the customs duty officer")
    assert {r.field for r in hit.reasons} >= {"name", "birth_date"}
    [flight] = list_flights(screened, officer)
    assert (flight.open_hit_count, flight.screened) == (1, True)


def test_screening_again_raises_no_second_hit_for_the_same_pair(
    screened: Store, officer: Actor
) -> None:
    again = screen_stored(screened, officer)
    assert again.hits == 1
    assert again.new_hits == 0


def test_confirming_a_hit_flags_the_traveller_and_is_audited(
    screened: Store, officer: Actor, auditor: Actor
) -> None:
    row = _hit_row(screened, officer)
    [hit] = open_traveller(screened, officer, row.id).hits
    decided = confirm_hit(screened, officer, hit.id, "baggage", "known courier route")
    assert decided.status == "confirmed"
    assert [(d.decision, d.control_point) for d in decided.decisions] == [("confirmed", "baggage")]
    detail = open_traveller(screened, officer, row.id)
    assert detail.flagged and detail.flag_points == ("baggage",)
    actions = [e.action for e in list_events(screened, auditor)]
    assert {"import", "watchlist_import", "screening", "consult", "confirm_hit"} <= set(actions)
    with pytest.raises(InvalidInputError, match="already confirmed"):
        dismiss_hit(screened, officer, hit.id, "changed my mind")


def test_dismissing_a_hit_requires_a_reason(screened: Store, officer: Actor) -> None:
    row = _hit_row(screened, officer)
    [hit] = open_traveller(screened, officer, row.id).hits
    with pytest.raises(InvalidInputError, match="Say why"):
        dismiss_hit(screened, officer, hit.id, "  ")
    dismissed = dismiss_hit(screened, officer, hit.id, "Different person: born 1958, not 1979")
    assert dismissed.status == "dismissed"
    assert dismissed.decisions[0].reason == "Different person: born 1958, not 1979"
    assert _hit_row(screened, officer).hit_status == "dismissed"


def test_an_interdiction_is_validated_recorded_and_kept(screened: Store, officer: Actor) -> None:
    row = _hit_row(screened, officer)
    with pytest.raises(InvalidInputError, match="seizure needs the commodity"):
        record_interdiction(screened, officer, row.id, InterdictionInput(outcome="seizure"))
    with pytest.raises(InvalidInputError, match="currency"):
        record_interdiction(
            screened,
            officer,
            row.id,
            InterdictionInput(
                outcome="seizure", commodity="cash", quantity=Decimal(9000), unit="kg"
            ),
        )
    view = record_interdiction(
        screened,
        officer,
        row.id,
        InterdictionInput(
            outcome="seizure",
            commodity="cocaine",
            quantity=Decimal("1.250"),
            unit="kg",
            concealment="luggage",
            agencies=("customs", "border_police"),
            arrest=True,
            case_reference="BEG-2026-117",
            notes="False bottom in a suitcase",
        ),
    )
    assert view.quantity == Decimal("1.250")
    assert view.username == officer.username
    detail = open_traveller(screened, officer, row.id)
    assert [(i.commodity, i.agencies, i.arrest) for i in detail.interdictions] == [
        ("cocaine", ("customs", "border_police"), True)
    ]


def test_the_flagged_export_reads_back_and_is_audited(
    screened: Store,
    officer: Actor,
    supervisor: Actor,
    auditor: Actor,
    approval: Callable[[Actor], Approval],
    tmp_path: Path,
) -> None:
    row = _hit_row(screened, officer)
    [hit] = open_traveller(screened, officer, row.id).hits
    confirm_hit(screened, officer, hit.id, "gate")
    csv_out, xlsx_out = tmp_path / "flagged.csv", tmp_path / "flagged.xlsx"
    approved = approval(supervisor)
    for out in (csv_out, xlsx_out):
        summary = export_flagged(
            screened, supervisor, out, reason="Weekly report", approval=approved
        )
        assert summary.rows == 1
    with csv_out.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][0].startswith(f"Exported by {supervisor.username} at ")
    assert lines[2][4:6] == ["DJORDJEVIC", "ZARKO"]
    assert lines[2][13] == "NL-001"
    sheet = load_workbook(xlsx_out).active
    assert sheet is not None
    assert sheet.cell(3, 5).value == "DJORDJEVIC"
    assert sheet.cell(3, 5).data_type == "s"
    exports = [e for e in list_events(screened, auditor) if e.action == "disclose"]
    assert [e.details["file"] for e in exports] == ["flagged.xlsx", "flagged.csv"]


@pytest.mark.parametrize("text", ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_cells_that_would_run_as_formulas_are_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("DJORDJEVIC") == "DJORDJEVIC"


def test_a_new_list_file_becomes_the_next_version_and_the_same_file_changes_nothing(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    path = write_watchlist(tmp_path)
    first = import_watchlist(any_store, supervisor, [path], "National lookouts")
    assert (first.watchlist.version_no, first.watchlist.entry_count, first.duplicate) == (
        1,
        2,
        False,
    )
    assert import_watchlist(any_store, supervisor, [path], "National lookouts").duplicate
    path.write_text(
        path.read_text(encoding="utf-8") + "NL-003,Ivan Horvat,,1970,M,HRV,,other,\n",
        encoding="utf-8",
    )
    second = import_watchlist(any_store, supervisor, [path], "National lookouts")
    assert (second.watchlist.version_no, second.watchlist.entry_count) == (2, 3)
    [summary] = list_watchlists(any_store, supervisor)
    assert summary.version_no == 2
