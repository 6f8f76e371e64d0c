"""The supervisor's desk through the services: flagged list, statistics, exports, audit trail."""

from __future__ import annotations

import csv
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from tests.workstation.accounts import approval_for, auditor_of
from tests.workstation.files import MANIFEST_HEADER, write_manifest
from workstation.db.models import (
    Flag,
    Hit,
    Interdiction,
    ReviewDecision,
    Traveller,
)
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InvalidInputError
from workstation.services.audit import (
    AuditFilter,
    audit_choices,
    chain_head,
    count_events,
    list_events,
)
from workstation.services.export import export_flagged, export_statistics
from workstation.services.flagged import NO_INTERDICTION, FlaggedFilter, list_flagged
from workstation.services.imports import import_passenger_files
from workstation.services.interdictions import InterdictionInput, record_interdiction
from workstation.services.report import Period
from workstation.services.review import confirm_hit, dismiss_hit
from workstation.services.screening import screen_stored
from workstation.services.statistics import statistics
from workstation.services.users import Approval, sign_in
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist

# Five listed people; the manifests carry each of them on a flight, plus travellers never hit.
WATCHLIST = (
    "ID,Name,Aliases,Date of Birth,Sex,Nationality,Document Number,Category,Handling Notes\n"
    "S-1,Zarko Djordjevic,,1979-04-12,M,SRB,,drugs,\n"
    "S-2,Petra Novak,,1961-05-05,F,HRV,,wanted person,\n"
    "S-3,Emir Hodzic,,1985-07-30,M,BIH,,drugs,\n"
    "S-4,Ayse Yilmaz,,1990-02-03,F,TUR,,cash,\n"
    "S-5,Milan Savic,,1970-01-01,M,SRB,,drugs,\n"
)


def _row(flight: str, origin: str, day: str, surname: str, given: str, dob: str, doc: str) -> str:
    return (
        f"{flight},{origin},BEG,{day}T06:35:00Z,{day}T08:10:00Z,passenger,{surname},{given},"
        f"{dob},M,SRB,P,{doc},SRB,2030-01-01,BK{doc[-4:]},12C"
    )


ROWS = (
    _row("JU211", "IST", "2026-03-10", "DJORDJEVIC", "ZARKO", "1979-04-12", "000000001"),
    _row("JU211", "IST", "2026-03-10", "NOVAK", "PETRA", "1961-05-05", "000000002"),
    _row("JU211", "IST", "2026-03-10", "JOVANOVIC", "IVAN", "1988-08-08", "000000009"),
    _row("TK1083", "AMS", "2026-04-02", "HODZIC", "EMIR", "1985-07-30", "000000003"),
    _row("TK1083", "AMS", "2026-04-02", "=YILMAZ", "AYSE", "1990-02-03", "000000004"),
    _row("TK1083", "AMS", "2026-04-02", "SAVIC", "MILAN", "1970-01-01", "000000005"),
)


@dataclass
class Desk:
    """A store where two officers decided five hits and recorded three interdictions."""

    store: Store
    ana: Actor
    marko: Actor
    supervisor: Actor
    auditor: Actor
    flags: dict[str, int]  # surname -> flag id
    travellers: dict[str, int]  # surname -> traveller id


def _backdate(store: Store, table: type, column: str, row_id: int, when: datetime) -> None:
    with store.transaction() as session:
        session.execute(update(table).where(table.id == row_id).values({column: when}))


def _hits(store: Store, actor: Actor) -> dict[str, tuple[int, int]]:
    """Surname -> (traveller id, hit id) of every hit traveller."""
    with store.transaction() as session:
        rows = session.execute(
            select(Traveller.surname, Traveller.id, Hit.id).join(
                Hit, Hit.traveller_id == Traveller.id
            )
        ).all()
    return {surname: (tid, hid) for surname, tid, hid in rows}


@pytest.fixture
def desk(any_store: Store, tmp_path: Path, fast_passwords: None) -> Desk:
    ana = sign_in(any_store, "ana", display_name="Ana Petrović")
    marko = sign_in(any_store, "marko", display_name="Marko Ilić")
    boss = sign_in(any_store, "boss", role="supervisor", display_name="Jelena Šef")
    lists = tmp_path / "lists.csv"
    lists.write_text(WATCHLIST, encoding="utf-8")
    import_watchlist(any_store, boss, [lists], "National lookouts")
    manifest = tmp_path / "m.csv"
    manifest.write_text("\n".join((MANIFEST_HEADER, *ROWS)) + "\n", encoding="utf-8")
    import_passenger_files(any_store, ana, [manifest])
    screen_stored(any_store, ana)
    hits = _hits(any_store, ana)
    assert set(hits) == {"DJORDJEVIC", "NOVAK", "HODZIC", "=YILMAZ", "SAVIC"}
    march, april = datetime(2026, 3, 10, 7, tzinfo=UTC), datetime(2026, 4, 2, 7, tzinfo=UTC)
    confirm_hit(any_store, ana, hits["DJORDJEVIC"][1], "baggage")  # March, by ana
    confirm_hit(any_store, ana, hits["NOVAK"][1], "gate")  # March, by ana
    confirm_hit(any_store, marko, hits["HODZIC"][1], "secondary")  # April, by marko
    confirm_hit(any_store, marko, hits["=YILMAZ"][1], "gate")  # April, by marko
    dismiss_hit(any_store, marko, hits["SAVIC"][1], "Different person, born 1958")  # April
    seizure = InterdictionInput("seizure", "cocaine", Decimal("1.2"), "kg")
    cash = InterdictionInput("seizure", "cash", Decimal(20000), "EUR")
    ids = [
        record_interdiction(any_store, ana, hits["DJORDJEVIC"][0], seizure).id,  # March, IST
        record_interdiction(any_store, marko, hits["HODZIC"][0], seizure).id,  # April, AMS
        record_interdiction(any_store, marko, hits["=YILMAZ"][0], cash).id,  # April, AMS
    ]
    with any_store.transaction() as session:
        decisions = {d.hit_id: d.id for d in session.query(ReviewDecision)}
        flags = {f.traveller_id: f.id for f in session.query(Flag)}
    for name, when in (("DJORDJEVIC", march), ("NOVAK", march)):
        _backdate(any_store, ReviewDecision, "decided_at", decisions[hits[name][1]], when)
        _backdate(any_store, Flag, "created_at", flags[hits[name][0]], when)
    for name in ("HODZIC", "=YILMAZ", "SAVIC"):
        _backdate(any_store, ReviewDecision, "decided_at", decisions[hits[name][1]], april)
        if name in ("HODZIC", "=YILMAZ"):
            _backdate(any_store, Flag, "created_at", flags[hits[name][0]], april)
    for n, when in zip(ids, (march, april, april), strict=True):
        _backdate(any_store, Interdiction, "recorded_at", n, when)
    return Desk(
        any_store,
        ana,
        marko,
        boss,
        auditor_of(any_store),
        flags={name: flags[tid] for name, (tid, _h) in hits.items() if tid in flags},
        travellers={name: tid for name, (tid, _h) in hits.items()},
    )


def _approved(desk: Desk) -> Approval:
    return approval_for(desk.store, desk.supervisor)


def _surnames(desk: Desk, filters: FlaggedFilter) -> list[str]:
    return [r.surname for r in list_flagged(desk.store, desk.supervisor, filters)]


def test_the_flagged_list_is_filtered_by_period_flight_outcome_officer_and_list(
    desk: Desk,
) -> None:
    everyone = ["DJORDJEVIC", "NOVAK", "=YILMAZ", "HODZIC"]  # by departure, then surname
    assert _surnames(desk, FlaggedFilter()) == everyone
    april = Period(date(2026, 4, 1), date(2026, 4, 30))
    assert _surnames(desk, FlaggedFilter(period=april)) == ["=YILMAZ", "HODZIC"]
    march_10 = Period(date(2026, 3, 10), date(2026, 3, 10))  # one whole day, both ends in
    assert _surnames(desk, FlaggedFilter(period=march_10)) == ["DJORDJEVIC", "NOVAK"]
    assert _surnames(desk, FlaggedFilter(flight="ju 211")) == ["DJORDJEVIC", "NOVAK"]
    assert _surnames(desk, FlaggedFilter(flight="TK")) == ["=YILMAZ", "HODZIC"]
    assert _surnames(desk, FlaggedFilter(outcome="seizure")) == ["DJORDJEVIC", "=YILMAZ", "HODZIC"]
    assert _surnames(desk, FlaggedFilter(outcome=NO_INTERDICTION)) == ["NOVAK"]
    assert _surnames(desk, FlaggedFilter(outcome="arrest")) == []
    assert _surnames(desk, FlaggedFilter(officer="marko")) == ["=YILMAZ", "HODZIC"]
    assert _surnames(desk, FlaggedFilter(watchlist="National lookouts")) == everyone
    assert _surnames(desk, FlaggedFilter(watchlist="Other list")) == []
    both = FlaggedFilter(period=april, officer="ana")
    assert _surnames(desk, both) == []


def test_a_flagged_row_carries_the_flight_the_entry_and_the_interdictions(desk: Desk) -> None:
    [row] = list_flagged(
        desk.store, desk.supervisor, FlaggedFilter(flight="JU211", officer="ana", outcome="seizure")
    )
    assert (row.flight, row.origin, row.control_point, row.flagged_by) == (
        "JU211",
        "IST",
        "baggage",
        "ana",
    )
    assert (row.entry_id, row.watchlist, row.document_number) == (
        "S-1",
        "National lookouts",
        "000000001",
    )
    assert row.outcomes == ("seizure",)
    assert row.flagged_at == datetime(2026, 3, 10, 7, tzinfo=UTC)


def test_filtering_by_an_indicator_no_flag_came_from_finds_none(desk: Desk) -> None:
    assert list_flagged(desk.store, desk.supervisor, FlaggedFilter(indicator="Cash payment")) == []


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="swap the dates"):
        Period(date(2026, 5, 1), date(2026, 4, 1))


def test_statistics_match_the_decisions_and_interdictions_recorded(desk: Desk) -> None:
    stats = statistics(desk.store, desk.supervisor, None, None)
    assert (stats.hits_raised, stats.hits_reviewed, stats.confirmed, stats.dismissed) == (
        5,
        5,
        4,
        1,
    )
    assert (stats.flags, stats.interdictions, stats.arrests) == (4, 3, 0)
    assert [(c.key, c.count) for c in stats.by_commodity] == [("cocaine", 2), ("cash", 1)]
    assert [c.label for c in stats.by_commodity] == ["Drugs: cocaine", "Cash"]
    assert [(c.key, c.count) for c in stats.by_route] == [("AMS", 2), ("IST", 1)]
    assert [(c.key, c.count) for c in stats.by_month] == [("2026-03", 1), ("2026-04", 2)]
    assert [(c.key, c.count) for c in stats.by_officer] == [("marko", 2), ("ana", 1)]


def test_statistics_count_only_the_period_and_show_its_empty_months(desk: Desk) -> None:
    stats = statistics(desk.store, desk.supervisor, date(2026, 2, 1), date(2026, 3, 31))
    assert (stats.hits_reviewed, stats.confirmed, stats.dismissed, stats.flags) == (2, 2, 0, 2)
    assert [(c.key, c.count) for c in stats.by_month] == [("2026-02", 0), ("2026-03", 1)]
    assert [(c.key, c.count) for c in stats.by_officer] == [("ana", 1)]
    april = statistics(desk.store, desk.supervisor, date(2026, 4, 1), date(2026, 4, 30))
    assert (april.hits_reviewed, april.confirmed, april.dismissed) == (3, 2, 1)
    assert [(c.key, c.count) for c in april.by_route] == [("AMS", 2)]
    assert april.hits_raised == 0  # the hits themselves were raised today


def _disclosures(desk: Desk) -> list[dict[str, object]]:
    events = list_events(desk.store, desk.auditor, AuditFilter(action="disclose"))
    return [{"type": e.object_type, "ids": e.object_ids, **e.details} for e in events]


def test_the_flagged_csv_states_who_exported_it_neutralises_formulas_and_is_a_disclosure(
    desk: Desk, tmp_path: Path
) -> None:
    out = tmp_path / "april.csv"
    april = FlaggedFilter(period=Period(date(2026, 4, 1), date(2026, 4, 30)), officer="marko")
    summary = export_flagged(
        desk.store,
        desk.supervisor,
        out,
        reason="Monthly report to chief",
        filters=april,
        approval=_approved(desk),
    )
    head = chain_head(desk.store)
    assert summary.rows == 2
    with out.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][0].startswith("Exported by boss at ") and "(Jelena Šef)" in lines[0][0]
    assert lines[0][3] == "Period: 2026-04-01 to 2026-04-30"
    assert lines[0][4] == "Filters: Flagged by: marko"
    assert lines[1][:2] == ["Flight", "Departure (UTC)"]
    assert [line[4] for line in lines[2:]] == ["'=YILMAZ", "HODZIC"]
    [event] = _disclosures(desk)
    assert event["reason"] == "Monthly report to chief"
    assert event["type"] == "flag"
    assert sorted(event["ids"]) == sorted([desk.flags["HODZIC"], desk.flags["=YILMAZ"]])
    assert (event["file"], event["format"], event["rows"]) == ("april.csv", "csv", 2)
    # the file names the chain's head with its own disclosure as the last event
    assert lines[0][5] == head.describe() and lines[0][5].startswith("Audit chain: ")
    [disclosed] = list_events(desk.store, desk.auditor, AuditFilter(action="disclose"))
    assert head.last_id == disclosed.id


def test_the_flagged_xlsx_has_text_cells_and_a_sheet_with_the_header_and_totals(
    desk: Desk, tmp_path: Path
) -> None:
    out = tmp_path / "all.xlsx"
    export_flagged(
        desk.store,
        desk.supervisor,
        out,
        reason="Audit by the inspectorate",
        approval=_approved(desk),
    )
    book = load_workbook(out)
    sheet = book["Flagged"]
    assert str(sheet.cell(1, 1).value).startswith("Exported by boss at ")
    names = [sheet.cell(r, 5) for r in range(3, 7)]
    assert [c.value for c in names] == ["DJORDJEVIC", "NOVAK", "'=YILMAZ", "HODZIC"]
    assert {c.data_type for c in names} == {"s"}
    assert sheet.cell(3, 9).value == "000000001" and sheet.cell(3, 9).data_type == "s"
    about = [row for row in book["Report"].iter_rows(values_only=True)]
    assert about[2][0] == "Travellers flagged for control"
    assert ("Flags", "4") in [tuple(r[:2]) for r in about]
    assert _disclosures(desk)[0]["rows"] == 4


def test_an_export_without_a_reason_is_refused_and_writes_nothing(
    desk: Desk, tmp_path: Path
) -> None:
    out = tmp_path / "exports" / "flagged.csv"
    approved = _approved(desk)
    with pytest.raises(InvalidInputError, match="Say why"):
        export_flagged(desk.store, desk.supervisor, out, reason="  ", approval=approved)
    with pytest.raises(InvalidInputError, match=r"\.csv or \.xlsx"):
        pdf = out.with_suffix(".pdf")
        export_flagged(desk.store, desk.supervisor, pdf, reason="Weekly", approval=approved)
    assert not out.parent.exists()
    assert _disclosures(desk) == []


def test_the_statistics_export_keeps_counts_as_numbers_and_is_a_disclosure(
    desk: Desk, tmp_path: Path
) -> None:
    out = tmp_path / "stats.xlsx"
    export_statistics(
        desk.store,
        desk.supervisor,
        out,
        reason="Quarterly figures",
        since=date(2026, 3, 1),
        until=date(2026, 4, 30),
        approval=_approved(desk),
    )
    book = load_workbook(out)
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=3, values_only=True)}
    assert summary["Hits reviewed"] == 5 and summary["Dismissed (false positives)"] == 1
    months = list(book["Interdictions by month"].iter_rows(min_row=3, values_only=True))
    assert [m[:2] for m in months] == [("2026-03", 1), ("2026-04", 2)]
    csv_out = tmp_path / "stats.csv"
    approved = _approved(desk)
    export_statistics(
        desk.store, desk.supervisor, csv_out, reason="Quarterly figures", approval=approved
    )
    text = csv_out.read_text(encoding="utf-8-sig")
    assert text.startswith("Exported by boss at ")
    assert "Interdictions by officer\nOfficer,Interdictions\nmarko,2\nana,1" in text
    events = _disclosures(desk)
    assert [(e["type"], e["kind"], e["period"]) for e in events] == [
        ("statistics", "statistics", "all dates"),
        ("statistics", "statistics", "2026-03-01 to 2026-04-30"),
    ]


def test_the_audit_trail_is_filtered_and_paged_in_sql(desk: Desk) -> None:
    store, boss = desk.store, desk.auditor  # the auditor reads the trail
    total = count_events(store, boss)
    newest_first = list_events(store, boss, limit=total)
    assert len(newest_first) == total > 10
    # reading the first page was recorded on top of the trail: what was 3rd is now 4th
    assert list_events(store, boss, limit=1)[0].details["shown"] == total
    page = list_events(store, boss, offset=3 + 2, limit=4)
    assert [e.id for e in page] == [e.id for e in newest_first[3:7]]
    marko = AuditFilter(username="marko")
    assert count_events(store, boss, marko) == 5  # two confirms, a dismissal, two interdictions
    assert {e.action for e in list_events(store, boss, marko)} == {
        "confirm_hit",
        "dismiss_hit",
        "record_interdiction",
    }
    hits = AuditFilter(object_type="hit", action="dismiss_hit")
    assert [e.username for e in list_events(store, boss, hits)] == ["marko"]
    # events cannot be backdated (the trail is append-only): they were all written today
    today = utcnow().date()
    dismissed_today = AuditFilter(period=Period(today, today), action="dismiss_hit")
    assert [e.action for e in list_events(store, boss, dismissed_today)] == ["dismiss_hit"]
    assert count_events(store, boss, AuditFilter(period=Period(None, today - timedelta(1)))) == 0
    assert count_events(store, boss, AuditFilter(period=Period(today + timedelta(1)))) == 0
    choices = audit_choices(store, boss)
    assert choices.usernames == ("ana", "auditor.kovac", "boss", "marko")
    assert "record_interdiction" in choices.actions and "hit" in choices.object_types


def test_the_cli_exports_a_period_with_a_reason_and_refuses_one_without(
    tmp_path: Path,
) -> None:
    from tests.workstation.clicase import cli_store
    from tests.workstation.files import write_watchlist

    store = cli_store(tmp_path, {"boss": "supervisor"})

    def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return store.run("boss", *args)

    db: list[str] = []
    assert (
        run_cli(*db, "watchlist", "import", write_watchlist(tmp_path), "--name", "L").returncode
        == 0
    )
    assert run_cli(*db, "import", write_manifest(tmp_path)).returncode == 0
    out = tmp_path / "flagged.xlsx"
    refused = run_cli(*db, "export", "flagged", "--out", out)
    assert refused.returncode == 1 and "This command needs --reason TEXT" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert not out.exists()
    done = run_cli(
        *db,
        "export",
        "flagged",
        "--out",
        out,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--reason",
        "Request of the prosecutor",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{out}: 0 flagged traveller(s)"
    sheet = load_workbook(out)["Flagged"]
    assert sheet.cell(1, 4).value == "Period: 2026-01-01 to 2026-12-31"
    stats = run_cli(
        *db, "export", "statistics", "--out", tmp_path / "s.csv", "--reason", "Monthly unit figures"
    )
    assert stats.returncode == 0, stats.stderr
    bad = run_cli(*db, "export", "flagged", "--out", out, "--from", "1.2.2026", "--reason", "xxxxx")
    assert bad.returncode == 2 and "not a date" in bad.stderr
