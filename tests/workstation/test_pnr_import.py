"""PNR pushes stored as booking versions, and linked to API travellers of the same person."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import FIXTURES
from workstation.db.models import (
    Booking,
    BookingContact,
    BookingSegment,
    BookingTraveller,
    BookingVersion,
    Flight,
    Traveller,
)
from workstation.db.store import Store
from workstation.services.imports import import_passenger_files
from workstation.services.users import sign_in
from workstation.services.views import Actor

FULL = FIXTURES / "pnrgov" / "ju211_full_push.edi"
CHANGES = FIXTURES / "pnrgov" / "ju211_changes_push.edi"
OBRIEN_PNR = FIXTURES / "pnrgov" / "ju211_custom_una.edi"
API = FIXTURES / "paxlst" / "ju211_d05b_passengers.edi"

People = set[tuple[str, str, bool, bool]]


def _people(store: Store) -> People:
    with store.transaction() as session:
        rows = session.execute(
            select(Traveller.surname, Traveller.given_names, Traveller.has_api, Traveller.has_pnr)
        ).all()
    assert len(rows) == len(set(rows)), "a traveller is doubled"
    return {tuple(r) for r in rows}  # type: ignore[misc]


def _import(store: Store, actor: Actor, *paths: Path) -> None:
    for path in paths:
        import_passenger_files(store, actor, [path])


def test_two_pushes_of_a_booking_keep_both_versions_and_correct_the_name_without_doubling(
    any_store: Store, officer: Actor
) -> None:
    _import(any_store, officer, FULL, CHANGES)
    with any_store.transaction() as session:
        [booking_id] = session.scalars(
            select(Booking.id).where(Booking.record_locator == "R8TV2K")
        ).all()
        versions = session.execute(
            select(BookingVersion.version_no, BookingVersion.push_type, BookingVersion.push_time)
            .where(BookingVersion.booking_id == booking_id)
            .order_by(BookingVersion.version_no)
        ).all()
        couple = session.execute(
            select(Traveller.given_names, Traveller.seat, Traveller.has_api, Traveller.booking_ref)
            .where(Traveller.booking_id == booking_id)
            .order_by(Traveller.booking_ref)
        ).all()
        names_by_version = session.execute(
            select(BookingVersion.version_no, BookingTraveller.given_names)
            .join(BookingVersion, BookingVersion.id == BookingTraveller.version_id)
            .where(BookingVersion.booking_id == booking_id)
            .order_by(BookingVersion.version_no, BookingTraveller.ref)
        ).all()
        flights = session.scalar(select(func.count()).select_from(Flight))
    assert [tuple(v) for v in versions] == [
        (1, "full", datetime(2026, 11, 22, 6, 35, tzinfo=UTC)),
        (2, "changes", datetime(2026, 11, 23, 6, 35, tzinfo=UTC)),
    ]
    assert [tuple(c) for c in couple] == [("MARKO", "14A", False, "1"), ("ANNA", "14B", False, "2")]
    assert [tuple(n) for n in names_by_version] == [
        (1, "MARKO"), (1, "ANA"), (2, "MARKO"), (2, "ANNA")
    ]  # fmt: skip
    assert flights == 1
    people = _people(any_store)
    assert len(people) == 8  # 5 bookings: 2 + 1 + 4 + a group without names + 1
    assert ("JOVANOVIC", "ANA", False, True) not in people


def test_an_older_push_arriving_late_is_kept_as_a_version_but_changes_no_traveller(
    any_store: Store, officer: Actor
) -> None:
    _import(any_store, officer, CHANGES, FULL)
    with any_store.transaction() as session:
        given = session.scalars(
            select(Traveller.given_names).where(Traveller.booking_ref == "2")
        ).all()
        versions = session.scalar(
            select(func.count())
            .select_from(BookingVersion)
            .join(Booking, Booking.id == BookingVersion.booking_id)
            .where(Booking.record_locator == "R8TV2K")
        )
    assert "ANNA" in given and "ANA" not in given
    assert versions == 2


def test_a_booking_keeps_payment_tickets_bags_group_originator_itinerary_and_contacts(
    any_store: Store, officer: Actor
) -> None:
    _import(any_store, officer, FULL)
    with any_store.transaction() as session:

        def version(locator: str) -> BookingVersion:
            return session.scalars(
                select(BookingVersion)
                .join(Booking, Booking.id == BookingVersion.booking_id)
                .where(Booking.record_locator == locator)
            ).one()

        cash, couple, group = version("T4NW8P"), version("R8TV2K"), version("G5RP7N")
        assert (cash.bag_count, cash.bag_weight_kg, cash.originator_country) == (2, 64.0, "TUR")
        assert cash.payments == [
            {"form": "cash", "card_type": None, "masked_number": None, "amount": "415.00",
             "currency": "EUR"}
        ]  # fmt: skip
        assert cash.ticketing_time == datetime(2026, 11, 22, 1, 10, tzinfo=UTC)
        assert couple.tickets == ["1152412345678", "1152412345679"]
        assert couple.payments[0]["masked_number"] == "XXXXXXXXXXXX4242"
        assert (group.group_name, group.group_size) == ("BALKAN TOURS", 8)
        legs = session.execute(
            select(BookingSegment.number, BookingSegment.departure)
            .where(BookingSegment.version_id == couple.id)
            .order_by(BookingSegment.position)
        ).all()
        assert [tuple(leg) for leg in legs] == [
            ("211", datetime(2026, 11, 23, 3, 35, tzinfo=UTC)),  # 06:35 in Istanbul
            ("212", datetime(2026, 11, 30, 16, 10, tzinfo=UTC)),  # 17:10 in Belgrade
        ]
        contacts = set(
            session.execute(
                select(BookingContact.kind, BookingContact.value).where(
                    BookingContact.version_id == couple.id
                )
            ).all()
        )
        assert ("email", "marko_jovanovic@beo-mail.rs") in contacts
        assert ("phone", "381641234567") in contacts
        assert Decimal(couple.payments[0]["amount"]) == Decimal("421.00")


def test_what_the_eu_rule_forbids_never_reaches_the_store_file(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'pnr.sqlite3'}")
    try:
        officer = sign_in(store, "officer.petrovic")
        _import(store, officer, FULL)
        with store.transaction() as session:
            dropped = session.scalars(
                select(BookingVersion.dropped)
                .join(Booking, Booking.id == BookingVersion.booking_id)
                .where(Booking.record_locator == "W2MC6B")
            ).one()
    finally:
        store.close()
    assert dropped == ["health or assistance request", "meal request", "remark (health/religion)"]
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("pnr.sqlite3*")).lower()
    for word in (b"halal", b"moml", b"wchr", b"needs help", b"medical certificate"):
        assert word not in stored, word
    assert b"met by cousin" in stored  # remarks that pass the rule are kept: the search works


def _linked_people(store: Store, actor: Actor, *paths: Path) -> People:
    _import(store, actor, *paths)
    return _people(store)


def test_api_and_pnr_of_the_same_person_make_one_traveller_in_either_order(
    tmp_path: Path, any_store: Store, officer: Actor
) -> None:
    api_first = _linked_people(any_store, officer, API, OBRIEN_PNR, FULL)
    other = Store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    try:
        pnr_first = _linked_people(other, sign_in(other, "officer.b"), FULL, OBRIEN_PNR, API)
    finally:
        other.close()
    assert api_first == pnr_first
    assert ("O'BRIEN", "SEAN PATRICK", True, True) in api_first
    assert ("HODZIC", "EMIR", True, True) in api_first
    assert ("DJORDJEVIC", "ZARKO", True, False) in api_first  # API only
    assert ("KAYA", "EMRE", False, True) in api_first  # PNR only: API missing
    assert len(api_first) == 9 + 8 - 2  # 9 booked, 8 in the API list, 2 of them in both


def test_a_booking_traveller_whose_document_differs_is_not_taken_for_the_api_traveller(
    any_store: Store, officer: Actor, tmp_path: Path
) -> None:
    other_passport = tmp_path / "obrien.edi"
    other_passport.write_bytes(OBRIEN_PNR.read_bytes().replace(b"PA1234567", b"PZ7654321"))
    _import(any_store, officer, API, other_passport)
    obriens = [p for p in _people(any_store) if p[0] == "O'BRIEN"]
    assert sorted(obriens) == [
        ("O'BRIEN", "SEAN PATRICK", False, True),
        ("O'BRIEN", "SEAN PATRICK", True, False),
    ]
