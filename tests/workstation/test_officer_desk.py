"""The officer's desk in the core: the day's board, search, escalation, dismissal memory,
interdiction history. Real manifests and lists written to files, real stores."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from workstation.db.store import Store
from workstation.errors import InvalidInputError
from workstation.services.audit import list_events
from workstation.services.board import nearest_flight_day
from workstation.services.imports import import_passenger_files
from workstation.services.interdictions import (
    InterdictionInput,
    edit_interdiction,
    record_interdiction,
)
from workstation.services.queries import list_flights, list_travellers, open_traveller
from workstation.services.review import confirm_hit, dismiss_hit, escalate_hit
from workstation.services.screening import screen_stored
from workstation.services.travellers import count_travellers, search_travellers
from workstation.services.users import sign_in
from workstation.services.views import Actor, TravellerRow
from workstation.services.watchlists import import_watchlist

WATCHLIST = FIXTURES / "watchlist_sample.csv"
HEADER = (
    "Flight;Origin;Destination;Departure;Arrival;Type;Surname;Given Names;Date of Birth;Sex;"
    "Nationality;Document Type;Document Number;Issuing State;Expiry Date;PNR;Seat"
)
PETKOVIC = ("PETKOVIC", "Dragan", "14.07.1979", "M", "SRB", "009876543", "QX7P2L", "12A")
CALM = ("NIKOLIĆ", "Jelena", "22.11.1990", "F", "SRB", "012345678", "QX7P2L", "12B")


def write_manifest(
    path: Path, flight: str, day: str, people: list[tuple[str, ...]], *, origin: str = "FRA"
) -> Path:
    lines = [HEADER]
    for surname, given, born, sex, nat, doc, pnr, seat in people:
        lines.append(
            f"{flight};{origin};BEG;{day} 10:00;{day} 12:00;P;{surname};{given};{born};{sex};"
            f"{nat};P;{doc};{nat};01.01.2032;{pnr};{seat}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _row(store: Store, actor: Actor, flight: str, surname: str) -> TravellerRow:
    flight_id = next(f.id for f in list_flights(store, actor) if f.designator == flight)
    return next(r for r in list_travellers(store, actor, flight_id) if r.surname == surname)


@pytest.fixture
def desk(any_store: Store, officer: Actor, supervisor: Actor, tmp_path: Path) -> Store:
    """The sample list (imported by a supervisor), and day 1: JU351 from Frankfurt with
    Petković (listed) on it."""
    import_watchlist(any_store, supervisor, [WATCHLIST], "National lookouts")
    day1 = write_manifest(tmp_path / "day1.csv", "JU351", "12.03.2025", [PETKOVIC, CALM])
    import_passenger_files(any_store, officer, [day1])
    screen_stored(any_store, officer)
    return any_store


def test_the_board_shows_only_the_flights_of_the_chosen_day(
    desk: Store, officer: Actor, tmp_path: Path
) -> None:
    day2 = write_manifest(tmp_path / "d2.csv", "JU353", "13.03.2025", [CALM])
    import_passenger_files(desk, officer, [day2])
    assert [f.designator for f in list_flights(desk, officer, day=date(2025, 3, 12))] == ["JU351"]
    assert [f.designator for f in list_flights(desk, officer, day=date(2025, 3, 13))] == ["JU353"]
    assert list_flights(desk, officer, day=date(2025, 3, 14)) == []
    assert len(list_flights(desk, officer)) == 2
    board = list_flights(desk, officer, day=date(2025, 3, 12))[0]
    assert (board.traveller_count, board.open_hit_count, board.api_count) == (2, 1, 2)
    assert board.data_complete and not board.api_missing
    assert nearest_flight_day(desk, officer, date(2025, 6, 1)) == date(2025, 3, 13)
    assert nearest_flight_day(desk, officer, date(2025, 1, 1)) == date(2025, 3, 12)


@pytest.mark.parametrize("query", ["DJORDJEVIC", "Đorđević", "Ђорђевић", "djordj", "DORDEVIC"])
def test_search_finds_a_name_in_any_script_or_spelling(
    desk: Store, officer: Actor, tmp_path: Path, query: str
) -> None:
    people = [
        ("Ђорђевић", "Марко", "01.01.1980", "M", "SRB", "P0000001", "AB12CD", "1A"),
        ("ĐORĐEVIĆ", "Ana", "02.02.1982", "F", "SRB", "P0000002", "AB12CD", "1B"),
        ("DJORDJEVIC", "Ivan", "03.03.1984", "M", "SRB", "P0000003", "ZZ99YY", "1C"),
    ]
    import_passenger_files(
        desk, officer, [write_manifest(tmp_path / "m.csv", "JU100", "14.03.2025", people)]
    )
    found = search_travellers(desk, officer, query)
    assert sorted(r.given_names for r in found) == ["Ana", "Ivan", "Марко"]
    assert count_travellers(desk, officer, query) == 3
    assert {r.flight for r in found} == {"JU100"}


def test_search_finds_by_document_and_booking_and_is_audited_without_the_text(
    desk: Store, officer: Actor, auditor: Actor
) -> None:
    assert [r.surname for r in search_travellers(desk, officer, "009876543")] == ["PETKOVIC"]
    by_booking = search_travellers(desk, officer, "qx7p2l", order_by="surname", descending=False)
    assert [r.surname for r in by_booking] == ["NIKOLIĆ", "PETKOVIC"]
    assert search_travellers(desk, officer, "Petkovic Jelena") == []  # every word must match
    searches = [e for e in list_events(desk, auditor) if e.object_type == "free_search"]
    assert {e.action for e in searches} == {"consult"}
    assert [e.details for e in searches] == [  # newest first: how many shown, not what asked
        {"shown": 0, "with_hits": False},
        {"shown": 2, "with_hits": False},
        {"shown": 1, "with_hits": False},
    ]
    assert "qx7p2l" not in str(searches).lower() and "009876543" not in str(searches)


def test_search_is_paged_and_sorted_by_the_store(desk: Store, officer: Actor) -> None:
    first = search_travellers(desk, officer, "", order_by="surname", descending=False, limit=1)
    second = search_travellers(
        desk, officer, "", order_by="surname", descending=False, limit=1, offset=1
    )
    assert [r.surname for r in first + second] == ["NIKOLIĆ", "PETKOVIC"]
    top = search_travellers(desk, officer, "", limit=1)  # status first: the open hit
    assert top[0].hit_status == "open"
    assert count_travellers(desk, officer, "", with_hits=True) == 1


def _second_day(store: Store, officer: Actor, tmp_path: Path, who: tuple[str, ...]) -> int:
    path = write_manifest(tmp_path / "day2.csv", "JU355", "13.03.2025", [who])
    import_passenger_files(store, officer, [path])
    return screen_stored(store, officer).new_hits


def test_a_dismissed_pair_is_not_raised_again_on_a_later_flight(
    desk: Store, officer: Actor, tmp_path: Path
) -> None:
    hit = open_traveller(desk, officer, _row(desk, officer, "JU351", "PETKOVIC").id).hits[0]
    dismiss_hit(desk, officer, hit.id, "Another Dragan Petković, a pilot we know")
    assert _second_day(desk, officer, tmp_path, PETKOVIC) == 0
    again = _row(desk, officer, "JU355", "PETKOVIC")
    assert again.hit_status == "dismissed_by_memory"
    remembered = open_traveller(desk, officer, again.id).hits[0].remembered
    assert remembered is not None and remembered.username == "officer.petrovic"
    assert remembered.reason == "Another Dragan Petković, a pilot we know"
    assert remembered.hit_id == hit.id
    board = next(f for f in list_flights(desk, officer) if f.designator == "JU355")
    assert board.open_hit_count == 0 and board.hit_count == 1


def test_a_changed_date_of_birth_raises_the_pair_again(
    desk: Store, officer: Actor, tmp_path: Path
) -> None:
    hit = open_traveller(desk, officer, _row(desk, officer, "JU351", "PETKOVIC").id).hits[0]
    dismiss_hit(desk, officer, hit.id, "Another Dragan Petković, a pilot we know")
    older = (*PETKOVIC[:2], "14.07.1969", *PETKOVIC[3:])
    assert _second_day(desk, officer, tmp_path, older) == 1
    assert _row(desk, officer, "JU355", "PETKOVIC").hit_status == "open"


def test_a_changed_entry_raises_the_pair_again(
    desk: Store, officer: Actor, supervisor: Actor, tmp_path: Path
) -> None:
    hit = open_traveller(desk, officer, _row(desk, officer, "JU351", "PETKOVIC").id).hits[0]
    dismiss_hit(desk, officer, hit.id, "Another Dragan Petković, a pilot we know")
    changed = tmp_path / "list-v2.csv"
    text = WATCHLIST.read_text(encoding="utf-8")
    changed.write_text(text.replace("Do not alert the subject", "Alert customs"), "utf-8")
    import_watchlist(desk, supervisor, [changed], "National lookouts")
    assert _second_day(desk, officer, tmp_path, PETKOVIC) == 1
    assert _row(desk, officer, "JU355", "PETKOVIC").hit_status == "open"


def test_an_escalated_hit_waits_for_a_supervisor_who_sees_it_first(
    desk: Store, officer: Actor, tmp_path: Path
) -> None:
    other = ("YILDIRIM", "Mehmet", "02.02.1983", "M", "TUR", "U20981734", "", "3C")
    path = write_manifest(tmp_path / "more.csv", "JU351", "12.03.2025", [other])
    import_passenger_files(desk, officer, [path])
    screen_stored(desk, officer)
    row = _row(desk, officer, "JU351", "PETKOVIC")
    hit = open_traveller(desk, officer, row.id).hits[0]
    with pytest.raises(InvalidInputError, match="Say what"):
        escalate_hit(desk, officer, hit.id, "")
    escalated = escalate_hit(desk, officer, hit.id, "Document number differs by one digit")
    assert escalated.status == "escalated"
    assert escalated.decisions[-1].decision == "escalated"
    with pytest.raises(InvalidInputError, match="supervisor decides"):
        confirm_hit(desk, officer, hit.id, "gate")
    supervisor = sign_in(desk, "sup.jovanovic", role="supervisor")
    flight_id = row.flight_id
    assert list_travellers(desk, supervisor, flight_id)[0].hit_status == "escalated"
    assert list_travellers(desk, officer, flight_id)[0].hit_status == "open"  # Yıldırım's
    board = next(f for f in list_flights(desk, officer) if f.id == flight_id)
    assert board.escalated_hit_count == 1
    assert dismiss_hit(desk, supervisor, hit.id, "Checked: a namesake").status == "dismissed"


def test_editing_an_interdiction_keeps_the_previous_values(
    desk: Store, officer: Actor, auditor: Actor
) -> None:
    row = _row(desk, officer, "JU351", "PETKOVIC")
    first = InterdictionInput(
        outcome="seizure", commodity="cocaine", quantity=Decimal("1.2"), unit="kg"
    )
    recorded = record_interdiction(desk, officer, row.id, first)
    second = record_interdiction(desk, officer, row.id, InterdictionInput(outcome="no_finding"))
    supervisor = sign_in(desk, "sup.jovanovic", role="supervisor")
    corrected = InterdictionInput(
        outcome="seizure", commodity="mdma", quantity=Decimal("0.8"), unit="kg", notes="Lab result"
    )
    edited = edit_interdiction(desk, supervisor, recorded.id, corrected)
    assert (edited.commodity, edited.quantity, edited.notes) == (
        "mdma",
        Decimal("0.800"),
        "Lab result",
    )
    assert len(edited.revisions) == 1
    revision = edited.revisions[0]
    assert revision.username == "sup.jovanovic"
    assert (revision.previous.commodity, revision.previous.quantity) == ("cocaine", Decimal("1.2"))
    assert revision.previous.username == "officer.petrovic"
    with pytest.raises(InvalidInputError, match="Nothing was changed"):
        edit_interdiction(desk, supervisor, recorded.id, corrected)
    detail = open_traveller(desk, officer, row.id)
    assert [i.id for i in detail.interdictions] == [recorded.id, second.id]
    assert [len(i.revisions) for i in detail.interdictions] == [1, 0]
    assert "edit_interdiction" in {e.action for e in list_events(desk, auditor)}


def test_the_review_lists_co_travellers_on_the_same_booking(desk: Store, officer: Actor) -> None:
    detail = open_traveller(desk, officer, _row(desk, officer, "JU351", "PETKOVIC").id)
    assert [(c.surname, c.seat) for c in detail.co_travellers] == [("NIKOLIĆ", "12B")]
