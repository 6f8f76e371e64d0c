"""A list's life: versions compared by content, re-screening after an update, options per list.

The UN case runs once per backend on a real UN consolidated list and an edited copy of it (one
individual renamed and re-dated, one removed, one added) and is shared by the tests that read it.
"""

from __future__ import annotations

import csv
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from tests.workstation.accounts import auditor_of
from tests.workstation.clicase import cli_store
from tests.workstation.listcase import hits_by_traveller, write_flight, write_list
from workstation.db.models import (
    Flight,
    Hit,
    ReviewDecision,
    Traveller,
    Watchlist,
)
from workstation.db.store import Store
from workstation.errors import InputFileError, InvalidInputError, NotFoundError
from workstation.services.audit import list_events
from workstation.services.imports import import_passenger_files
from workstation.services.listdiff import diff_versions
from workstation.services.listexport import export_entries
from workstation.services.review import dismiss_hit
from workstation.services.screening import screen_stored
from workstation.services.users import Approval, sign_in
from workstation.services.views import Actor, RunSummary, WatchlistImportSummary
from workstation.services.watchlists import (
    import_watchlist,
    list_watchlists,
    set_watchlist_options,
)

UN = Path("/work/shared/data/watchlists/un_consolidated.xml")
UN_LIST = "UN consolidated"


def _block(xml: str, reference: str) -> tuple[int, int]:
    at = xml.index(f"<REFERENCE_NUMBER>{reference}</REFERENCE_NUMBER>")
    start = xml.rindex("<INDIVIDUAL>", 0, at)
    return start, xml.index("</INDIVIDUAL>", at) + len("</INDIVIDUAL>")


def _edited(xml: str, reference: str, *replacements: tuple[str, str]) -> str:
    start, end = _block(xml, reference)
    block = xml[start:end]
    for old, new in replacements:
        assert old in block, (reference, old)
        block = block.replace(old, new)
    return xml[:start] + block + xml[end:]


def write_edited_un(directory: Path) -> Path:
    """The UN list with CDi.010 renamed and re-dated, CDi.003 removed and CDi.990 added."""
    xml = UN.read_text(encoding="utf-8")
    xml = _edited(
        xml,
        "CDi.010",
        ("<SECOND_NAME>MBARUSHIMANA</SECOND_NAME>", "<SECOND_NAME>NSENGIYUMVA</SECOND_NAME>"),
        ("<DATE>1963-07-24</DATE>", "<DATE>1964-07-24</DATE>"),
    )
    start, end = _block(xml, "CDi.003")
    xml = xml[:start] + xml[end:]
    start, end = _block(xml, "CDi.006")
    added = _edited(
        xml[start:end],
        "CDi.006",
        ("CDi.006", "CDi.990"),
        ("<FIRST_NAME>GERMAIN</FIRST_NAME>", "<FIRST_NAME>DRAGAN</FIRST_NAME>"),
        ("<SECOND_NAME>KATANGA</SECOND_NAME>", "<SECOND_NAME>KOSTADINOVSKI</SECOND_NAME>"),
        ("<DATE>1978-04-28</DATE>", "<DATE>1975-02-14</DATE>"),
    )
    closing = xml.index("</INDIVIDUALS>")
    xml = xml[:closing] + added + "\n  " + xml[closing:]
    path = directory / "un_consolidated_edited.xml"
    path.write_text(xml, encoding="utf-8")
    return path


@dataclass(frozen=True)
class UnCase:
    store: Store
    supervisor: Actor
    travellers: dict[tuple[str, str], int]  # (flight, surname) -> traveller id
    update: WatchlistImportSummary
    hits_after_update: dict[int, list[tuple[str, int, str]]]  # source id, version no, status
    full_screening: RunSummary
    dismissed_hit: int


def _traveller_ids(store: Store) -> dict[tuple[str, str], int]:
    with store.transaction() as session:
        rows = session.execute(
            select(Flight.number, Traveller.surname, Traveller.id).join(
                Flight, Flight.id == Traveller.flight_id
            )
        )
        return {(f"JU{number}", surname): tid for number, surname, tid in rows}


def _run_un_case(store: Store, directory: Path) -> UnCase:
    supervisor = sign_in(store, "supervisor.lifecycle", role="supervisor", display_name="Chief")
    first = import_watchlist(store, supervisor, [UN], UN_LIST)
    assert (first.watchlist.version_no, first.new_hits) == (1, 0)
    import_passenger_files(
        store,
        supervisor,
        [
            write_flight(
                directory,
                "JU211",
                -2,
                [
                    ("NSENGIYUMVA", "CALLIXTE", "1964-07-24", "M", "RWA", "PC100001"),
                    ("IYAMUREMYE", "GASTON", "1948-03-10", "M", "RWA", "PC100002"),
                    ("KOSTADINOVSKI", "DRAGAN", "1975-02-14", "M", "COD", "OB100003"),
                    ("KAKWAVU BUKANDE", "JEROME", "1970-01-01", "M", "COD", "OB100004"),
                    ("KATANGA", "GERMAIN", "1978-04-28", "M", "COD", "OB100005"),
                    ("PETROVIC", "MARKO", "1988-05-05", "M", "SRB", "012340006"),
                ],
            ),
            write_flight(
                directory,
                "JU111",
                -100,
                [("KOSTADINOVSKI", "DRAGAN", "1975-02-14", "M", "COD", "")],
            ),
            write_flight(
                directory, "JU311", 20, [("KOSTADINOVSKI", "DRAGAN", "1975-02-14", "M", "COD", "")]
            ),
        ],
    )
    assert screen_stored(store, supervisor).new_hits == 3  # IYAMUREMYE, KAKWAVU BUKANDE, KATANGA
    travellers = _traveller_ids(store)
    [(hit_id,)] = _hit_ids(store, travellers[("JU211", "KAKWAVU BUKANDE")])
    dismiss_hit(store, supervisor, hit_id, "Different person: born 1970, listed as a commander")
    import_passenger_files(
        store,
        supervisor,
        [
            write_flight(
                directory, "JU411", -1, [("MAKENGA", "SULTANI", "1973-12-25", "M", "COD", "")]
            )
        ],
    )
    travellers = _traveller_ids(store)
    update = import_watchlist(store, supervisor, [write_edited_un(directory)], UN_LIST)
    hits_after_update = hits_by_traveller(store)
    full = screen_stored(store, supervisor)
    return UnCase(store, supervisor, travellers, update, hits_after_update, full, hit_id)


def _hit_ids(store: Store, traveller_id: int) -> list[tuple[int]]:
    with store.transaction() as session:
        return [
            (h,) for h in session.scalars(select(Hit.id).where(Hit.traveller_id == traveller_id))
        ]


@pytest.fixture(scope="module")
def pg_own_database(pg_server_url: str | None) -> Iterator[str]:
    """A PostgreSQL database of this module's own, so function-level stores cannot reset it."""
    if not pg_server_url:
        pytest.skip("WORKSTATION_TEST_PG_URL is not set: no PostgreSQL server for this run")
    name = f"ws_lifecycle_{uuid.uuid4().hex[:10]}"
    server = make_url(pg_server_url).set(drivername="postgresql+psycopg")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def un_case(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[UnCase]:
    directory = tmp_path_factory.mktemp("un-case")
    if request.param == "sqlite":
        url = f"sqlite:///{directory / 'store.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_own_database")
    store = Store(url)
    try:
        yield _run_un_case(store, directory)
    finally:
        store.close()


def test_the_diff_of_an_edited_un_list_is_exactly_what_was_edited(un_case: UnCase) -> None:
    diff = diff_versions(un_case.store, un_case.supervisor, UN_LIST)
    assert (diff.old_version, diff.new_version) == (1, 2)
    assert [e.source_id for e in diff.added] == ["CDi.990"]
    assert diff.added[0].primary_name == "DRAGAN KOSTADINOVSKI"
    assert [e.source_id for e in diff.removed] == ["CDi.003"]
    assert diff.removed[0].primary_name == "GASTON IYAMUREMYE"
    [change] = diff.changed
    assert change.source_id == "CDi.010"
    assert [(f.field, f.before, f.after) for f in change.fields] == [
        ("names", ("CALLIXTE MBARUSHIMANA",), ("CALLIXTE NSENGIYUMVA",)),
        ("dates", ("1963-07-24",), ("1964-07-24",)),
    ]
    assert diff.unchanged == 728
    assert diff_versions(un_case.store, un_case.supervisor, UN_LIST, old=2, new=1).added == (
        diff.removed
    )


def test_after_an_update_only_travellers_of_added_or_changed_entries_on_recent_flights_are_hit(
    un_case: UnCase,
) -> None:
    t = un_case.travellers
    assert un_case.update.new_hits == 3
    hits = un_case.hits_after_update
    assert hits[t[("JU211", "NSENGIYUMVA")]] == [("CDi.010", 2, "open")]
    assert hits[t[("JU211", "KOSTADINOVSKI")]] == [("CDi.990", 2, "open")]
    assert hits[t[("JU311", "KOSTADINOVSKI")]] == [("CDi.990", 2, "open")]  # a future flight
    assert t[("JU111", "KOSTADINOVSKI")] not in hits  # departed 100 hours ago
    assert t[("JU411", "MAKENGA")] not in hits  # listed unchanged: not re-screened by the update
    assert t[("JU211", "PETROVIC")] not in hits


def test_an_unchanged_listed_person_raises_no_second_hit_and_old_hits_keep_their_version(
    un_case: UnCase,
) -> None:
    t = un_case.travellers
    hits = hits_by_traveller(un_case.store)
    assert hits[t[("JU211", "KAKWAVU BUKANDE")]] == [("CDi.005", 1, "dismissed")]
    assert hits[t[("JU211", "KATANGA")]] == [("CDi.006", 1, "open")]
    assert hits[t[("JU211", "IYAMUREMYE")]] == [("CDi.003", 1, "open")]  # removed since
    with un_case.store.transaction() as session:
        decisions = session.scalars(
            select(ReviewDecision.decision).where(ReviewDecision.hit_id == un_case.dismissed_hit)
        ).all()
    assert decisions == ["dismissed"]


def test_a_full_screening_after_the_update_hits_the_travellers_it_left_out_and_no_one_twice(
    un_case: UnCase,
) -> None:
    assert (un_case.full_screening.hits, un_case.full_screening.new_hits) == (7, 2)
    t = un_case.travellers
    hits = hits_by_traveller(un_case.store)
    assert hits[t[("JU411", "MAKENGA")]] == [("CDi.008", 2, "open")]
    assert hits[t[("JU111", "KOSTADINOVSKI")]] == [("CDi.990", 2, "open")]
    assert all(len(found) == 1 for found in hits.values())


def test_re_screening_after_an_update_is_audited_as_a_screening(un_case: UnCase) -> None:
    events = [
        e
        for e in list_events(un_case.store, auditor_of(un_case.store))
        if e.action == "screening" and e.details.get("scope") == "after_update"
    ]
    assert [
        (e.details["version"], e.details["entries"], e.details["new_hits"]) for e in events
    ] == [
        (2, 2, 3),
        (1, 730, 0),
    ]
    assert events[0].details["watchlist"] == UN_LIST
    assert events[0].details["travellers"] == 8  # JU211, JU311, JU411; not JU111


ZARKO = "NL-001,Ђорђевић Жарко,Đorđević Žarko,1979-04-12,M,SRB,,drugs,Inform customs"
# Day and month swapped in the passport: scores 91 against ZARKO.
SWAPPED = [("DJORDJEVIC", "ZARKO", "1979-04-21", "M", "SRB", "012345678")]


def _hit_lists(store: Store) -> list[str]:
    with store.transaction() as session:
        rows = session.execute(
            select(Watchlist.name)
            .join(Hit, Hit.watchlist_id == Watchlist.id)
            .order_by(Watchlist.name)
        )
        return [name for (name,) in rows]


def test_a_disabled_list_is_not_screened_and_is_screened_again_once_enabled(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    import_watchlist(any_store, supervisor, [write_list(tmp_path, "nl.csv", ZARKO)], "Lookouts")
    off = set_watchlist_options(any_store, supervisor, "Lookouts", enabled=False)
    assert not off.enabled
    import_passenger_files(any_store, supervisor, [write_flight(tmp_path, "JU211", -1, SWAPPED)])
    assert screen_stored(any_store, supervisor).new_hits == 0
    second = import_watchlist(
        any_store,
        supervisor,
        [write_list(tmp_path, "nl2.csv", ZARKO, "NL-2,Ana Ban,,1990,F,HRV,,other,")],
        "Lookouts",
    )
    assert (second.watchlist.version_no, second.new_hits) == (2, 0)
    set_watchlist_options(any_store, supervisor, "Lookouts", enabled=True)
    assert screen_stored(any_store, supervisor).new_hits == 1
    events = [
        e for e in list_events(any_store, auditor_of(any_store)) if e.action == "watchlist_options"
    ]
    assert [e.details for e in events] == [{"enabled": [False, True]}, {"enabled": [True, False]}]


def test_each_list_alerts_at_its_own_threshold(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    for name, threshold in (("Strict", 95.0), ("Loose", 90.0), ("Default", None)):
        import_watchlist(any_store, supervisor, [write_list(tmp_path, f"{name}.csv", ZARKO)], name)
        summary = set_watchlist_options(
            any_store, supervisor, name, threshold=threshold, priority=2
        )
        assert (summary.threshold, summary.priority) == (threshold, 2)
    import_passenger_files(any_store, supervisor, [write_flight(tmp_path, "JU211", -1, SWAPPED)])
    assert screen_stored(any_store, supervisor).new_hits == 2
    assert _hit_lists(any_store) == ["Default", "Loose"]


def test_list_options_are_checked(any_store: Store, supervisor: Actor, tmp_path: Path) -> None:
    import_watchlist(any_store, supervisor, [write_list(tmp_path, "nl.csv", ZARKO)], "Lookouts")
    with pytest.raises(InvalidInputError, match="from 1 to 100"):
        set_watchlist_options(any_store, supervisor, "Lookouts", threshold=120)
    with pytest.raises(InvalidInputError, match="priority"):
        set_watchlist_options(any_store, supervisor, "Lookouts", priority=-1)
    with pytest.raises(NotFoundError, match=r"No watchlist named 'Nope'\. Lists: Lookouts"):
        set_watchlist_options(any_store, supervisor, "Nope", enabled=False)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X</REFERENCE_NUMBER>
<FIRST_NAME>&lol3;</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>
"""


def test_a_malformed_or_hostile_file_leaves_the_previous_version_active_and_untouched(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    import_watchlist(any_store, supervisor, [UN], UN_LIST)
    truncated = tmp_path / "truncated.xml"
    truncated.write_bytes(UN.read_bytes()[:1_000_000])
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BOMB, encoding="utf-8")
    for files in ([truncated], [bomb], [write_edited_un(tmp_path), truncated]):
        with pytest.raises(InputFileError) as caught:
            import_watchlist(any_store, supervisor, files, UN_LIST)
        assert caught.value.path.name in ("truncated.xml", "bomb.xml")
    [summary] = list_watchlists(any_store, supervisor)
    assert (summary.version_no, summary.entry_count) == (1, 730)
    diff = diff_versions(any_store, supervisor, UN_LIST)
    assert (diff.old_version, len(diff.added), diff.removed, diff.changed) == (None, 730, (), ())
    imports = [
        e for e in list_events(any_store, auditor_of(any_store)) if e.action == "watchlist_import"
    ]
    assert len(imports) == 1


def test_the_entries_export_has_one_neutralised_row_per_entry_of_the_lists_in_force(
    any_store: Store, supervisor: Actor, supervisor_approval: Approval, tmp_path: Path
) -> None:
    rows = (ZARKO, 'NL-2,=HYPERLINK("x"),+381 Alias;Second,1961;1962,F,HRV;SRB,AB1;CD2,wanted,')
    import_watchlist(any_store, supervisor, [write_list(tmp_path, "nl.csv", *rows)], "Lookouts")
    import_watchlist(any_store, supervisor, [write_list(tmp_path, "off.csv", ZARKO)], "Off")
    set_watchlist_options(any_store, supervisor, "Off", enabled=False)
    out = tmp_path / "entries.csv"
    assert export_entries(any_store, supervisor, out, approval=supervisor_approval).rows == 2
    with out.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == [
        "list", "entry_id", "name", "aliases", "date_of_birth", "nationality",
        "document_numbers", "category",
    ]  # fmt: skip
    assert lines[1] == [
        "Lookouts", "NL-001", "Ђорђевић Жарко", "Đorđević Žarko", "1979-04-12", "SRB", "", "drugs"
    ]  # fmt: skip
    assert lines[2] == [
        "Lookouts", "NL-2", "'=HYPERLINK(\"x\")", "'+381 Alias;Second", "1961;1962", "HRV;SRB",
        "AB1;CD2", "wanted_person",
    ]  # fmt: skip
    assert (
        export_entries(any_store, supervisor, out, name="Off", approval=supervisor_approval).rows
        == 1
    )
    exports = [e for e in list_events(any_store, auditor_of(any_store)) if e.action == "export"]
    assert [e.details["kind"] for e in exports] == ["watchlist_entries"] * 2


def test_the_watchlist_commands_through_the_command_line(tmp_path: Path) -> None:
    store = cli_store(tmp_path, {"boss.cli": "supervisor"})

    def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return store.run("boss.cli", *args)

    db: list[str] = []
    first = write_list(tmp_path, "v1.csv", ZARKO, "NL-2,Petra Novak,,1961,F,HRV,,wanted,")
    imported = run_cli(*db, "watchlist", "import", first, "--name", "Lookouts")
    assert imported.returncode == 0, imported.stderr
    assert (
        "re-screened flights of the last 72 hours and future ones: 0 new hit(s)" in imported.stdout
    )
    second = write_list(
        tmp_path,
        "v2.csv",
        ZARKO.replace("1979-04-12", "1979-04-13"),
        "NL-3,Ivan Horvat,,1970,M,HRV,,other,",
    )
    assert run_cli(*db, "watchlist", "import", second, "--name", "Lookouts").returncode == 0
    diff = run_cli(*db, "watchlist", "diff", "Lookouts")
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout.splitlines() == [
        "Lookouts: version 1 -> version 2: 1 added, 1 removed, 1 changed, 0 unchanged",
        "+ NL-3  Ivan Horvat",
        "- NL-2  Petra Novak",
        "~ NL-001  Ђорђевић Жарко",
        "    dates: 1979-04-12 -> 1979-04-13",
    ]
    backwards = run_cli(*db, "watchlist", "diff", "Lookouts", "--from", "2", "--to", "1")
    assert "version 2 -> version 1: 1 added, 1 removed" in backwards.stdout
    assert (
        run_cli(
            *db, "watchlist", "set", "Lookouts", "--threshold", "80", "--priority", "2"
        ).returncode
        == 0
    )
    assert run_cli(*db, "watchlist", "disable", "Lookouts").returncode == 0
    listed = run_cli(*db, "watchlist", "list")
    assert listed.stdout.startswith("Lookouts: version 2, 2 entries, since ")
    assert listed.stdout.rstrip().endswith("threshold 80, priority 2, off")
    missing = run_cli(*db, "watchlist", "enable", "Nope")
    assert missing.returncode == 1 and "No watchlist named 'Nope'" in missing.stderr
    out = tmp_path / "entries.csv"
    exported = run_cli(
        *db, "watchlist", "entries", "--name", "Lookouts", "--out", out, "--reason", "Audit copy"
    )
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == f"{out}: 2 entries"
