"""Roles are enforced in the services, not only by hidden buttons; privileged actions need a
fresh approval of the acting user; every disclosed file names the audit chain's head.

Each test calls the real services on a real store (SQLite, and PostgreSQL where CI gives one):
the wrong role is refused with :class:`PermissionDeniedError` and nothing is written, the right
role succeeds.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from matching.rules import Condition
from tests.workstation.accounts import JUSTIFICATION, PASSWORD, approval_for, supervisor_of
from tests.workstation.files import write_manifest, write_watchlist
from tests.workstation.rulecase import rule
from workstation.db.models import AuditEvent
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import PermissionDeniedError
from workstation.services.audit import (
    AuditFilter,
    audit_choices,
    chain_head,
    count_events,
    list_events,
    verify_chain,
)
from workstation.services.board import nearest_flight_day
from workstation.services.export import disclose, export_flagged, export_statistics
from workstation.services.flagged import FlaggedFilter, flagged_report, list_flagged
from workstation.services.hitsfile import write_run_hits
from workstation.services.imports import import_passenger_files
from workstation.services.interdictions import InterdictionInput, record_interdiction
from workstation.services.listexport import export_entries
from workstation.services.lookouts import LookoutInput, create_lookout
from workstation.services.passengerlist import export_passengers
from workstation.services.queries import list_flights, list_travellers, open_traveller
from workstation.services.report import Report
from workstation.services.review import confirm_hit, dismiss_hit
from workstation.services.rulestore import (
    delete_rule_list,
    list_rules,
    save_rule,
    save_rule_list,
    set_rule_enabled,
)
from workstation.services.screening import screen_stored
from workstation.services.statistics import statistics
from workstation.services.travellers import search_travellers
from workstation.services.users import Approval, approve, list_users
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist, list_watchlists, set_watchlist_options
from workstation.services.whatif import what_if

CASH = rule(Condition("payment_forms", "contains_any", ("cash",)), name="cash")


@dataclass
class Case:
    """A screened flight: the supervisor imported the list, the officer the manifest."""

    store: Store
    run_id: int
    traveller_id: int  # DJORDJEVIC, hit by the list
    hit_id: int
    flight_id: int


@pytest.fixture
def case(any_store: Store, officer: Actor, supervisor: Actor, tmp_path: Path) -> Case:
    import_watchlist(any_store, supervisor, [write_watchlist(tmp_path)], "National lookouts")
    import_passenger_files(any_store, officer, [write_manifest(tmp_path)])
    run = screen_stored(any_store, officer)
    [flight] = list_flights(any_store, officer)
    [row] = [r for r in list_travellers(any_store, officer, flight.id) if r.hit_status == "open"]
    [hit] = open_traveller(any_store, officer, row.id).hits
    return Case(any_store, run.run_id, row.id, hit.id, flight.id)


def _disclosures(store: Store, auditor: Actor) -> list[int]:
    return [e.id for e in list_events(store, auditor, AuditFilter(action="disclose"))]


def test_an_officer_cannot_export_even_with_an_approval(
    case: Case, officer: Actor, auditor: Actor, tmp_path: Path, fast_passwords: None
) -> None:
    confirm_hit(case.store, officer, case.hit_id, "gate")
    own = approval_for(case.store, officer)  # the officer's own password: still not allowed
    out = tmp_path / "out.csv"
    exports: list[Callable[[], object]] = [
        lambda: export_flagged(case.store, officer, out, reason="for the chief", approval=own),
        lambda: export_statistics(case.store, officer, out, reason="for the chief", approval=own),
        lambda: export_passengers(case.store, officer, out, reason="for police", approval=own),
        lambda: write_run_hits(case.store, officer, case.run_id, out, reason="x" * 9, approval=own),
        lambda: export_entries(case.store, officer, out, approval=own),
        lambda: disclose(
            case.store,
            officer,
            flagged_report(case.store, officer, FlaggedFilter()),
            out,
            reason="for the chief",
            approval=own,
        ),
    ]
    for export in exports:
        with pytest.raises(PermissionDeniedError, match=r"does not allow exporting data"):
            export()
    assert not out.exists()
    assert _disclosures(case.store, auditor) == []


def test_an_officer_cannot_change_rules_lists_or_lookouts(
    case: Case, officer: Actor, supervisor: Actor, tmp_path: Path
) -> None:
    for change in (
        lambda: save_rule(case.store, officer, CASH),
        lambda: set_rule_enabled(case.store, officer, "cash", True),
        lambda: save_rule_list(case.store, officer, "routes", "countries", ["COL"]),
        lambda: delete_rule_list(case.store, officer, "source countries"),
    ):
        with pytest.raises(PermissionDeniedError, match="changing screening rules"):
            change()
    with pytest.raises(PermissionDeniedError, match="viewing statistics"):
        list_rules(case.store, officer)
    with pytest.raises(PermissionDeniedError, match="viewing statistics"):
        what_if(case.store, officer, "cash")
    with pytest.raises(PermissionDeniedError, match="changing watchlists"):
        import_watchlist(case.store, officer, [write_watchlist(tmp_path, "v2.csv")], "Other")
    with pytest.raises(PermissionDeniedError, match="changing watchlists"):
        set_watchlist_options(case.store, officer, "National lookouts", enabled=False)
    with pytest.raises(PermissionDeniedError, match="changing watchlists"):
        create_lookout(case.store, officer, LookoutInput(names=("Ana Ban",)))
    assert [w.enabled for w in list_watchlists(case.store, officer)] == [True]  # may look
    assert "cash" not in {r.name for r in list_rules(case.store, supervisor)}


def test_an_administrator_sees_no_case_data(case: Case, administrator: Actor) -> None:
    for look in (
        lambda: list_flights(case.store, administrator),
        lambda: nearest_flight_day(case.store, administrator, utcnow().date()),
        lambda: list_travellers(case.store, administrator, case.flight_id),
        lambda: open_traveller(case.store, administrator, case.traveller_id),
        lambda: list_flagged(case.store, administrator, FlaggedFilter()),
        lambda: list_watchlists(case.store, administrator),
    ):
        with pytest.raises(PermissionDeniedError, match="viewing travellers, hits and cases"):
            look()
    with pytest.raises(PermissionDeniedError, match="searching travellers"):
        search_travellers(case.store, administrator, "DJORDJEVIC")
    with pytest.raises(PermissionDeniedError, match="reviewing hits"):
        dismiss_hit(case.store, administrator, case.hit_id, "not the listed person")
    with pytest.raises(PermissionDeniedError, match="reading the audit trail"):
        list_events(case.store, administrator)
    assert "admin.tests" in {u.username for u in list_users(case.store, administrator)}


def test_an_auditor_reads_the_audit_trail_and_nothing_else(case: Case, auditor: Actor) -> None:
    with pytest.raises(PermissionDeniedError, match="viewing travellers"):
        list_flights(case.store, auditor)
    with pytest.raises(PermissionDeniedError, match="viewing travellers"):
        open_traveller(case.store, auditor, case.traveller_id)
    with pytest.raises(PermissionDeniedError, match="viewing statistics"):
        statistics(case.store, auditor, None, None)
    with pytest.raises(PermissionDeniedError, match="recording interdictions"):
        record_interdiction(
            case.store, auditor, case.traveller_id, InterdictionInput(outcome="no_finding")
        )
    assert count_events(case.store, auditor) > 0
    assert "consult" in audit_choices(case.store, auditor).actions
    assert verify_chain(case.store, auditor).ok


def test_a_supervisor_does_not_read_the_audit_trail(case: Case, supervisor: Actor) -> None:
    for read in (
        lambda: list_events(case.store, supervisor),
        lambda: count_events(case.store, supervisor),
        lambda: audit_choices(case.store, supervisor),
    ):
        with pytest.raises(PermissionDeniedError, match="reading the audit trail"):
            read()
    with pytest.raises(PermissionDeniedError, match="verifying the audit chain"):
        verify_chain(case.store, supervisor)


def test_a_privileged_action_needs_a_fresh_approval_of_the_acting_user(
    case: Case,
    supervisor: Actor,
    auditor: Actor,
    approval: Callable[[Actor], Approval],
    tmp_path: Path,
) -> None:
    out = tmp_path / "flagged.csv"
    approval(supervisor)  # the supervisor has a password from here on
    stale = approve(
        case.store, supervisor, PASSWORD, JUSTIFICATION, now=utcnow() - timedelta(minutes=6)
    )
    colleague = supervisor_of(case.store, "supervisor.other")
    theirs = approval(colleague)
    refusals = (
        (None, "password again"),
        (stale, "expired"),
        (theirs, "another user"),
    )
    for given, message in refusals:
        with pytest.raises(PermissionDeniedError, match=message):
            export_flagged(case.store, supervisor, out, reason="weekly report", approval=given)
        with pytest.raises(PermissionDeniedError, match=message):
            save_rule(case.store, supervisor, CASH, approval=given)
    assert not out.exists() and _disclosures(case.store, auditor) == []
    approved = approval(supervisor)
    assert export_flagged(
        case.store, supervisor, out, reason="weekly report", approval=approved
    ).path == str(out)
    assert save_rule(case.store, supervisor, CASH, approval=approved).version == 1
    [disclosed] = list_events(case.store, auditor, AuditFilter(action="disclose"))
    [saved] = list_events(case.store, auditor, AuditFilter(action="save_rule"))
    assert disclosed.details["reason"] == "weekly report"
    assert disclosed.username == saved.username == supervisor.username
    with case.store.transaction() as session:
        kept = session.scalars(
            select(AuditEvent.justification).where(AuditEvent.id.in_([disclosed.id, saved.id]))
        ).all()
    assert kept == [JUSTIFICATION, JUSTIFICATION]  # the approval's justification, kept


def test_each_role_does_its_own_work(
    case: Case,
    officer: Actor,
    supervisor: Actor,
    auditor: Actor,
    supervisor_approval: Approval,
) -> None:
    assert [r.surname for r in search_travellers(case.store, officer, "djordjevic")] == [
        "DJORDJEVIC"
    ]
    assert confirm_hit(case.store, officer, case.hit_id, "baggage").status == "confirmed"
    seizure = InterdictionInput(outcome="no_finding")
    assert record_interdiction(case.store, officer, case.traveller_id, seizure).outcome
    assert statistics(case.store, supervisor, None, None).confirmed == 1
    save_rule(case.store, supervisor, CASH, approval=supervisor_approval)
    assert set_rule_enabled(case.store, supervisor, "cash", True, approval=supervisor_approval)
    assert what_if(case.store, supervisor, "cash", days=3650).rule == "cash"
    assert len(list_flagged(case.store, supervisor, FlaggedFilter())) == 1
    actions = {e.action for e in list_events(case.store, auditor, limit=1000)}
    assert {"confirm_hit", "record_interdiction", "save_rule", "enable_rule"} <= actions


def test_the_trail_records_collection_consultation_combination_and_disclosure(
    case: Case,
    officer: Actor,
    supervisor: Actor,
    auditor: Actor,
    supervisor_approval: Approval,
    tmp_path: Path,
) -> None:
    search_travellers(case.store, officer, "Zarko Djordjevic")
    export_flagged(
        case.store,
        supervisor,
        tmp_path / "f.csv",
        reason="to the prosecutor, case 17/26",
        approval=supervisor_approval,
    )
    events = list_events(case.store, auditor, limit=1000)
    kinds = {(e.action, e.object_type) for e in events}
    assert {
        ("watchlist_import", "watchlist_version"),  # collection
        ("import", "import_batch"),  # collection
        ("screening", "screening_run"),  # combination
        ("consult", "flight"),  # consultation of a passenger list
        ("consult", "traveller"),  # consultation of one traveller
        ("consult", "free_search"),
        ("disclose", "flag"),  # disclosure
    } <= kinds
    [search] = [e for e in events if e.object_type == "free_search"]
    assert search.details == {"shown": 1, "with_hits": False}  # how many, never what
    assert "zarko" not in str(search).lower() and "djordjevic" not in str(search).lower()
    [disclosed] = [e for e in events if e.action == "disclose"]
    assert disclosed.details["reason"] == "to the prosecutor, case 17/26"  # the recipient
    # the consultation of the trail itself is recorded too
    assert list_events(case.store, auditor, limit=1)[0].object_type == "audit_trail"


def _head_in_csv(path: Path) -> str:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        [first, *_rest] = list(csv.reader(handle))
    [line] = [cell for cell in first if cell.startswith("Audit chain:")]
    return line


def test_every_disclosed_file_names_the_chain_head_with_its_own_disclosure(
    case: Case,
    officer: Actor,
    supervisor: Actor,
    auditor: Actor,
    supervisor_approval: Approval,
    tmp_path: Path,
) -> None:
    confirm_hit(case.store, officer, case.hit_id, "gate")
    reason, approved = "monthly report to the head of unit", supervisor_approval
    written: list[str] = []

    def check(head_line: str) -> None:
        """The file's line is the head now, and the head ends with the file's disclosure."""
        head = chain_head(case.store)
        assert head_line == head.describe()
        [last] = list_events(case.store, auditor, AuditFilter(action="disclose"), limit=1)
        assert head.last_id == last.id
        written.append(head_line)

    out = tmp_path / "flagged.csv"
    export_flagged(case.store, supervisor, out, reason=reason, approval=approved)
    check(_head_in_csv(out))

    out = tmp_path / "statistics.csv"
    export_statistics(case.store, supervisor, out, reason=reason, approval=approved)
    check(_head_in_csv(out))

    out = tmp_path / "hits.csv"
    write_run_hits(case.store, supervisor, case.run_id, out, reason=reason, approval=approved)
    check(_head_in_csv(out))

    out = tmp_path / "passengers.csv"
    export_passengers(case.store, supervisor, out, reason=reason, approval=approved)
    check(_head_in_csv(out))

    out = tmp_path / "flagged.xlsx"
    export_flagged(case.store, supervisor, out, reason=reason, approval=approved)
    expected = chain_head(case.store).describe()
    book = load_workbook(out)
    assert expected in [c.value for c in next(book["Flagged"].iter_rows(max_row=1))]
    assert [expected] == [
        r[0] for r in book["Report"].iter_rows(values_only=True) if r[0] == expected
    ]
    check(expected)

    # a PDF is written by the window's writer: it is handed the report with the head set
    seen: list[Report] = []

    def pdf_writer(report: Report, path: Path) -> None:
        seen.append(report)
        path.write_bytes(b"%PDF-1.4\n")

    out = tmp_path / "flagged.pdf"
    report = flagged_report(case.store, supervisor, FlaggedFilter())
    disclose(
        case.store, supervisor, report, out, reason=reason, writer=pdf_writer, approval=approved
    )
    [handed] = seen
    assert (
        handed.chain == chain_head(case.store).describe() and handed.chain in handed.header_lines()
    )
    check(handed.chain)

    events = list_events(case.store, auditor, AuditFilter(action="disclose"), limit=100)
    assert len(events) == 6
    assert {e.details["reason"] for e in events} == {reason}
    assert len(set(written)) == 6  # each file names its own head
    check_result = verify_chain(case.store, auditor)
    assert check_result.ok, check_result.describe()
