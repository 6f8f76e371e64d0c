"""Retention with a set clock: API-only travellers deleted a day after arrival, PNR data masked
at six months and deleted at five years, data tied to a case kept, every run one erasure."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import FIXTURES
from tests.workstation.accounts import approval_for, auditor_of, supervisor_of
from tests.workstation.clicase import ADMIN, cli_store
from tests.workstation.files import write_manifest, write_watchlist
from workstation.config import Settings
from workstation.db.models import (
    AuditEvent,
    Booking,
    BookingContact,
    BookingSegment,
    BookingTraveller,
    BookingVersion,
    Flag,
    Flight,
    Hit,
    Interdiction,
    TravelDocument,
    Traveller,
)
from workstation.db.store import Store
from workstation.errors import PermissionDeniedError
from workstation.services.audit import verify_chain
from workstation.services.disclosure import booking_pushes, unmask_traveller
from workstation.services.imports import import_passenger_files
from workstation.services.interdictions import InterdictionInput, record_interdiction
from workstation.services.passengerlist import export_passengers
from workstation.services.queries import open_traveller
from workstation.services.retention import ERASURE, retention_status, run_retention
from workstation.services.screening import screen_stored
from workstation.services.travellers import list_travellers, search_travellers
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist

FULL_PUSH = FIXTURES / "pnrgov" / "ju211_full_push.edi"  # R8TV2K, the Jovanovic couple
CHANGES_PUSH = FIXTURES / "pnrgov" / "ju211_changes_push.edi"
OBRIEN_PUSH = FIXTURES / "pnrgov" / "ju211_custom_una.edi"  # Q8ZT3N, Sean O'Brien
ARRIVAL = datetime(2026, 11, 23, 8, 10, tzinfo=UTC)  # JU211 IST-BEG
FIRST_PUSH = datetime(2026, 11, 22, 6, 35, tzinfo=UTC)
SETTINGS = Settings()  # the law's periods, whatever the test machine's settings file says
JU212_ALONE = (
    "JU212,BEG,IST,2026-11-23T06:30:00Z,2026-11-23T08:00:00Z,passenger,PETROVSKI,IVAN,1970-01-01,"
    "M,MKD,P,B7654321,MKD,2030-01-01,,3A",
)
# API data of Marko Jovanovic on the PNR's JU211 (times as the push gives them): linked to his
# booking, so PNR data (masked at six months), not API-only data (deleted after a day)
JOVANOVIC_API = (
    "JU211,IST,BEG,2026-11-23T03:35:00Z,2026-11-23T07:10:00Z,passenger,JOVANOVIC,MARKO,1979-04-12,"
    "M,SRB,P,012345678,SRB,2030-01-01,R8TV2K,14A",
)


@dataclass(frozen=True)
class Case:
    """A stored JU211 with API-only travellers (one hit, one flagged, one interdicted, crew with
    nothing), two bookings, and a JU212 whose only traveller is tied to nothing."""

    supervisor: Actor
    ids: dict[str, int]  # surname -> traveller id


def _case(store: Store, tmp_path: Path, *pushes: Path) -> Case:
    supervisor = supervisor_of(store)
    manifests = [write_manifest(tmp_path), write_manifest(tmp_path, "ju212.csv", JU212_ALONE)]
    if pushes:
        manifests.append(write_manifest(tmp_path, "ju211_local.csv", JOVANOVIC_API))
    import_passenger_files(store, supervisor, [*manifests, *pushes])
    import_watchlist(store, supervisor, [write_watchlist(tmp_path)], "National lookouts")
    screen_stored(store, supervisor)  # DJORDJEVIC is hit
    with store.transaction() as session:
        # by surname; API rows win (HODZIC is also a PNR-only row of the push's JU211)
        rows = session.scalars(select(Traveller).order_by(Traveller.has_api, Traveller.id))
        ids = {t.surname: t.id for t in rows}
        session.add(
            Flag(traveller_id=ids["HODZIC"], user_id=supervisor.user_id, control_point="baggage")
        )
    record_interdiction(store, supervisor, ids["YILMAZ"], InterdictionInput(outcome="no_finding"))
    return Case(supervisor, ids)


def _surnames(store: Store) -> set[str]:
    with store.transaction() as session:
        return set(session.scalars(select(Traveller.surname)))


def _erasures(store: Store) -> list[AuditEvent]:
    with store.transaction() as session:
        return list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.action == ERASURE).order_by(AuditEvent.id)
            )
        )


def _count(store: Store, model: type) -> int:
    with store.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_api_only_travellers_go_a_day_after_arrival_unless_tied_to_a_case(
    any_store: Store, tmp_path: Path
) -> None:
    case = _case(any_store, tmp_path)
    before = {m: _count(any_store, m) for m in (Hit, Flag, Interdiction, AuditEvent)}

    kept = run_retention(any_store, now=ARRIVAL + timedelta(hours=23), settings=SETTINGS)
    assert kept.deleted_api_travellers == ()
    assert "MARKOVIC" in _surnames(any_store)

    report = run_retention(any_store, now=ARRIVAL + timedelta(hours=25), settings=SETTINGS)
    # the crew member and the JU212 passenger (tied to nothing) are gone with their documents;
    # the hit, the flagged and the interdicted traveller stay
    assert _surnames(any_store) == {"DJORDJEVIC", "YILMAZ", "HODZIC"}
    gone = sorted([case.ids["MARKOVIC"], case.ids["PETROVSKI"]])
    assert sorted(report.deleted_api_travellers) == gone
    assert report.kept_api_for_case == 3
    with any_store.transaction() as session:
        flights = set(session.scalars(select(Flight.number)))
        orphans = session.scalar(select(func.count()).where(TravelDocument.traveller_id.in_(gone)))
    assert flights == {"211"}, "JU212 was left with no one and goes too"
    assert orphans == 0
    assert report.deleted_flights and len(report.deleted_flights) == 1
    # nothing recorded was touched: hits, flags, interdictions; the audit only grew
    for model in (Hit, Flag, Interdiction):
        assert _count(any_store, model) == before[model]
    assert _count(any_store, AuditEvent) == before[AuditEvent] + 2

    first, second = _erasures(any_store)
    assert first.object_ids == [] and first.details["counts"]["deleted_api_travellers"] == 0
    assert second.object_ids == gone
    assert second.details["counts"]["deleted_api_travellers"] == 2
    assert second.details["deleted_flights"] == list(report.deleted_flights)
    assert second.username == "system.retention" and second.details["trigger"] == "automatic"
    text = json.dumps(second.details)
    assert "MARKOVIC" not in text and "009876543" not in text, "ids only, never content"
    assert verify_chain(any_store, auditor_of(any_store)).ok


def test_pnr_data_masked_after_six_months_and_shown_only_on_approval(
    any_store: Store, tmp_path: Path
) -> None:
    case = _case(any_store, tmp_path, FULL_PUSH, CHANGES_PUSH)
    officer = case.supervisor
    six_months = timedelta(days=183)

    early = run_retention(any_store, now=FIRST_PUSH + six_months - timedelta(days=1))
    assert early.masked_travellers == () and early.masked_booking_versions == ()
    assert len(search_travellers(any_store, officer, "JOVANOVIC")) == 2

    report = run_retention(any_store, now=FIRST_PUSH + six_months + timedelta(days=1))
    with any_store.transaction() as session:
        couple = sorted(
            session.scalars(select(Traveller.id).where(Traveller.surname == "JOVANOVIC"))
        )
        booked = sorted(session.scalars(select(Traveller.id).where(Traveller.has_pnr)))
        versions = sorted(session.scalars(select(BookingVersion.id)))
    linked = case.ids["JOVANOVIC"]  # API and PNR data: kept past the day, masked as PNR
    assert set(couple) < set(booked) and linked in couple
    # every traveller a booking names and every push, together
    assert sorted(report.masked_travellers) == booked
    assert sorted(report.masked_booking_versions) == versions
    assert [e.details["masked_travellers"] for e in _erasures(any_store)][-1] == booked

    # ordinary views: "masked", and free search no longer finds them
    flight = open_traveller(any_store, officer, couple[-1]).flight.id
    rows = {r.id: r for r in list_travellers(any_store, officer, flight)}
    assert {rows[i].surname for i in couple} == {"masked"}
    assert {rows[i].document_number for i in couple} == {"masked"}
    api_flight = open_traveller(any_store, officer, case.ids["DJORDJEVIC"]).flight.id
    api_rows = {r.id: r for r in list_travellers(any_store, officer, api_flight)}
    assert api_rows[case.ids["DJORDJEVIC"]].surname == "DJORDJEVIC"  # API-only: not masked
    assert search_travellers(any_store, officer, "JOVANOVIC") == []
    assert search_travellers(any_store, officer, "012345679") == []
    listed = tmp_path / "passengers.csv"
    export_passengers(
        any_store,
        officer,
        listed,
        reason="Monthly passenger statistics",
        approval=approval_for(any_store, officer),
    )
    written = listed.read_text(encoding="utf-8-sig").splitlines()
    table = list(
        csv.DictReader(written[next(i for i, x in enumerate(written) if "surname" in x) :])
    )
    with_pnr = [r for r in table if r["pnr_received"] == "yes"]
    assert len(with_pnr) == len(booked)
    assert {(r["surname"], r["given_names"], r["document_number"]) for r in with_pnr} == {
        ("masked", "masked", "masked")
    }
    assert "DJORDJEVIC" in {r["surname"] for r in table}  # API-only data is not masked
    detail = open_traveller(any_store, officer, linked)
    assert (detail.surname, detail.given_names, detail.birth_date) == ("masked",) * 3
    assert {d.number for d in detail.documents} == {"masked"}
    pushes = booking_pushes(any_store, officer, linked)
    assert [p.masked for p in pushes] == [True, True]
    assert set(pushes[0].names) == {"masked"}
    assert {value for _kind, value in pushes[0].contacts} == {"masked"}
    assert {v for p in pushes[0].payments for v in p.values()} == {"masked"}
    assert set(pushes[0].frequent_flyer) == {"masked"}

    # the full data: only with the password again and a justification, and audited
    with pytest.raises(PermissionDeniedError, match="password again"):
        unmask_traveller(any_store, officer, linked)
    with pytest.raises(PermissionDeniedError, match="does not allow viewing data older"):
        unmask_traveller(any_store, auditor_of(any_store), linked)
    approval = approval_for(any_store, officer, "Case 2027/113: request of the prosecutor")
    full = unmask_traveller(any_store, officer, linked, approval)
    assert full.detail.surname == "JOVANOVIC"
    assert {d.number for d in full.detail.documents} <= {"012345678", "012345679"}
    first = full.pushes[0]
    assert not set(first.names) & {"masked"} and "JU123456789" in first.frequent_flyer
    assert any("MAIL.RS" in value.upper() for _kind, value in first.contacts)
    assert first.payments and first.payments[0]["masked_number"] != "masked"
    with any_store.transaction() as session:
        consulted = session.scalars(
            select(AuditEvent).where(AuditEvent.object_type == "masked_traveller")
        ).all()
    assert [(e.action, e.object_ids, e.justification) for e in consulted] == [
        ("consult", [linked], "Case 2027/113: request of the prosecutor")
    ]
    assert verify_chain(any_store, auditor_of(any_store)).ok


def test_pnr_data_deleted_after_five_years_unless_tied_to_a_case(
    any_store: Store, tmp_path: Path
) -> None:
    case = _case(any_store, tmp_path, FULL_PUSH, CHANGES_PUSH, OBRIEN_PUSH)
    obrien = case.ids["O'BRIEN"]
    record_interdiction(any_store, case.supervisor, obrien, InterdictionInput(outcome="no_finding"))
    with any_store.transaction() as session:
        kaya = session.scalars(select(Traveller.id).where(Traveller.surname == "KAYA")).one()
        session.add(Flag(traveller_id=kaya, user_id=case.supervisor.user_id, control_point="gate"))
    five_years = datetime(2031, 11, 22, 6, 35, tzinfo=UTC)  # five years after the first push

    before = run_retention(any_store, now=five_years - timedelta(days=1))
    assert before.deleted_booking_versions == ()
    assert "JOVANOVIC" in _surnames(any_store)

    with any_store.transaction() as session:
        kept_versions = set(
            session.scalars(
                select(BookingVersion.id)
                .join(Booking)
                .where(Booking.record_locator.in_(["Q8ZT3N", "T4NW8P"]))
            )
        )
        doomed = set(
            session.scalars(
                select(Traveller.id).where(Traveller.has_pnr, Traveller.id.not_in([obrien, kaya]))
            )
        )
    report = run_retention(any_store, now=five_years + timedelta(days=1))
    with any_store.transaction() as session:
        bookings = set(session.scalars(select(Booking.record_locator)))
        versions_left = set(session.scalars(select(BookingVersion.id)))
        named_left = (
            set(session.scalars(select(BookingTraveller.version_id).distinct()))
            | set(session.scalars(select(BookingContact.version_id).distinct()))
            | set(session.scalars(select(BookingSegment.version_id).distinct()))
        )
        obrien_masked = session.get_one(Traveller, obrien).masked_at is not None
    # O'Brien's booking is kept for his interdiction, Kaya's for his flag; the rest goes
    assert bookings == {"Q8ZT3N", "T4NW8P"}
    assert versions_left == kept_versions and named_left <= kept_versions
    assert not {"JOVANOVIC", "PETROVIC"} & _surnames(any_store)
    assert {"O'BRIEN", "KAYA", "HODZIC", "DJORDJEVIC", "YILMAZ"} <= _surnames(any_store)
    assert obrien_masked, "kept for a case, but still masked"
    assert set(report.deleted_pnr_travellers) == doomed
    assert report.kept_bookings_for_case == 2 and len(report.deleted_bookings) == 4
    assert case.ids["JOVANOVIC"] in doomed  # his API data went with his PNR data
    erasure = _erasures(any_store)[-1]
    assert erasure.details["counts"]["deleted_booking_versions"] == len(
        report.deleted_booking_versions
    )
    assert set(erasure.object_ids) == doomed
    assert verify_chain(any_store, auditor_of(any_store)).ok


def test_status_says_what_is_due_and_what_the_last_run_did(
    sqlite_store: Store, tmp_path: Path
) -> None:
    case = _case(sqlite_store, tmp_path)
    auditor = auditor_of(sqlite_store)
    later = ARRIVAL + timedelta(hours=25)
    with pytest.raises(PermissionDeniedError, match="retention status"):
        retention_status(sqlite_store, case.supervisor, now=later, settings=SETTINGS)

    status = retention_status(sqlite_store, auditor, now=later, settings=SETTINGS)
    assert status.last_run_at is None and status.due["deleted_api_travellers"] == 2
    assert _surnames(sqlite_store) >= {"MARKOVIC", "PETROVSKI"}, "status deletes nothing"

    run_retention(sqlite_store, now=later, settings=SETTINGS)
    status = retention_status(sqlite_store, auditor, now=later, settings=SETTINGS)
    assert status.due["deleted_api_travellers"] == 0
    assert status.last_run_at is not None and status.last_run["deleted_api_travellers"] == 2
    assert any(
        "last run:" in line and "deleted api travellers 2" in line for line in status.lines()
    )


def test_switched_off_nothing_is_deleted_or_recorded(sqlite_store: Store, tmp_path: Path) -> None:
    _case(sqlite_store, tmp_path)
    off = Settings(retention_enabled=False)
    report = run_retention(sqlite_store, now=ARRIVAL + timedelta(days=3650), settings=off)
    assert not report.ran and "switched off" in report.describe()
    assert "MARKOVIC" in _surnames(sqlite_store) and _erasures(sqlite_store) == []


def test_a_person_running_retention_needs_the_settings_permission(
    sqlite_store: Store, tmp_path: Path
) -> None:
    case = _case(sqlite_store, tmp_path)
    with pytest.raises(PermissionDeniedError, match="changing the workstation's settings"):
        run_retention(sqlite_store, case.supervisor, now=ARRIVAL, settings=SETTINGS)
    assert _erasures(sqlite_store) == []


def test_settings_may_shorten_the_periods_never_lengthen_them(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"api_hours": 12, "pnr_mask_days": 400, "pnr_delete_years": "ten"}),
        encoding="utf-8",
    )
    loaded = Settings.load(path)
    assert (loaded.api_hours, loaded.pnr_mask_days, loaded.pnr_delete_years) == (12, 183, 5)
    assert loaded.retention_enabled
    path.write_text(json.dumps({"retention_enabled": False}), encoding="utf-8")
    assert not Settings.load(path).retention_enabled
    assert Settings.load(Settings().save(tmp_path / "again.json")) == Settings()


def test_the_command_line_runs_retention_and_shows_its_status(tmp_path: Path) -> None:
    store = cli_store(tmp_path)
    future = store.run(ADMIN, "retention", "run", "--now", "2999-01-01T00:00")
    assert future.returncode == 2 and "in the future" in future.stderr

    ran = store.run(ADMIN, "retention", "run", "--now", "2026-12-01T00:00")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("retention as of 2026-12-01 00:00 UTC: 0 API-only")

    status = store.run(ADMIN, "retention", "status")
    assert status.returncode == 0, status.stderr
    lines = status.stdout.splitlines()
    assert lines[0].startswith("retention: on; API-only travellers deleted 24 h after arrival")
    assert lines[-1].startswith("last run: ") and "deleted api travellers 0" in lines[-1]
