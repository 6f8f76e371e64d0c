"""A store survives what happens to real machines: a killed process, a full disk, a read-only file.

Killing: the import runs in its own process (``robust_worker.py``) and is killed with SIGKILL
while it is writing; the store must then be exactly as before, uncorrupted, with its audit chain
intact, and the same import must go through afterwards. Disk full and read-only stores must give
a message the user can act on and lose nothing already recorded.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, func, inspect, select, text
from sqlalchemy.engine import make_url

from benchmarks.list_import import write_csv
from tests.workstation.files import MANIFEST_HEADER, write_manifest, write_watchlist
from tests.workstation.robust_worker import WORKER_USER
from workstation.db.models import Interdiction, ReviewDecision
from workstation.db.store import Store
from workstation.errors import StoreUnavailableError
from workstation.security.secrets import StoreKeys
from workstation.services.audit import verify_chain
from workstation.services.imports import import_passenger_files
from workstation.services.interdictions import InterdictionInput, record_interdiction
from workstation.services.queries import list_flights, list_travellers, open_traveller
from workstation.services.review import confirm_hit
from workstation.services.screening import screen_stored
from workstation.services.users import sign_in_unchecked
from workstation.services.versions import active_versions
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist

WORKER = Path(__file__).with_name("robust_worker.py")
LIST_NAME = "National lookouts"
BIG_LIST_ENTRIES = 30_000  # seconds to store: time enough to be killed halfway
MANIFEST_FILES, FLIGHTS_PER_FILE, TRAVELLERS_PER_FLIGHT = 2, 25, 100
KILL_TIMEOUT = 120.0


# --- fixtures and helpers --------------------------------------------------------------------


@pytest.fixture
def keys() -> StoreKeys:
    """One pair of keys, shared by the test and its worker process (the chain must verify)."""
    return StoreKeys(database=os.urandom(32), audit=os.urandom(32), source="test")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh store's address: an SQLite file, or an emptied PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    url: str = request.getfixturevalue("pg_database")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def write_big_manifest(path: Path, first_flight: int) -> Path:
    """A manifest of FLIGHTS_PER_FILE flights with TRAVELLERS_PER_FLIGHT travellers each."""
    lines = [MANIFEST_HEADER]
    for f in range(first_flight, first_flight + FLIGHTS_PER_FILE):
        day = 1 + f % 28
        when = f"2026-11-{day:02d}T06:35:00Z,2026-11-{day:02d}T08:10:00Z"
        for i in range(TRAVELLERS_PER_FLIGHT):
            born = f"19{50 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            lines.append(
                f"JU{100 + f},IST,BEG,{when},passenger,SURNAME{f}X{i},GIVEN{i % 97},{born},"
                f"{'MF'[i % 2]},SRB,P,P{f:04d}{i:05d},SRB,2031-01-01,B{f:03d}{i:03d},"
                f"{1 + i % 30}{'ABCDEF'[i % 6]}"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a killed or refused write could have touched: every table's row count, the
    audit chain's head row and the version of each list that screening uses."""
    names = sorted(set(inspect(store.engine).get_table_names()) - {"alembic_version"})
    with store.engine.connect() as conn:
        state: dict[str, Any] = {
            name: conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
            for name in names
        }
        state["audit head"] = tuple(conn.execute(text("SELECT * FROM audit_chain_head")).one())
        state["last audit event"] = conn.execute(text("SELECT max(id) FROM audit_events")).scalar()
    with store.transaction() as session:
        state["active versions"] = [
            (v.watchlist_id, v.version_no, v.entry_count) for v in active_versions(session)
        ]
    return state


def assert_sound(store: Store, auditor: Actor) -> None:
    """The file is not corrupt and every audit event still verifies against the chain."""
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    check = verify_chain(store, auditor)
    assert check.ok, check.describe()


def kill_while_writing(
    command: list[str], ready: Callable[[str], bool], wal: Path | None, log: Path
) -> None:
    """Start the worker, wait for the progress line ``ready`` accepts (and, on SQLite, for the
    write-ahead log to grow after it: pages are being written), then SIGKILL it."""
    with log.open("w") as errors:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + KILL_TIMEOUT
    try:
        for line in proc.stdout:
            if ready(line):
                break
        else:
            proc.wait()
            pytest.fail(f"the worker ended before it could be killed:\n{log.read_text()}")
        if wal is not None:
            start = wal.stat().st_size
            while wal.stat().st_size < start + 64 * 1024:
                assert proc.poll() is None, "the worker ended before it wrote enough to be killed"
                assert time.monotonic() < deadline, "the worker wrote nothing"
                time.sleep(0.005)
        assert proc.poll() is None, "the worker ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def worker_command(url: str, keys: StoreKeys, kind: str, files: list[Path]) -> list[str]:
    return [
        sys.executable,
        str(WORKER),
        url,
        keys.database.hex(),
        keys.audit.hex(),
        kind,
        LIST_NAME,
        *map(str, files),
    ]


def wal_of(url: str) -> Path | None:
    parsed = make_url(url)
    return Path(f"{parsed.database}-wal") if parsed.get_backend_name() == "sqlite" else None


def progress_fraction(line: str) -> float:
    """DONE/TOTAL of a worker's "progress DONE TOTAL TEXT" line (0 for any other line)."""
    parts = line.split(maxsplit=3)
    if len(parts) < 3 or parts[0] != "progress":
        return 0.0
    return int(parts[1]) / max(int(parts[2]), 1)


# --- kill -9 ----------------------------------------------------------------------------------


def test_a_passenger_import_killed_halfway_leaves_the_store_as_before(
    store_url: str, keys: StoreKeys, tmp_path: Path
) -> None:
    files = [
        write_big_manifest(tmp_path / f"manifest{k}.csv", k * FLIGHTS_PER_FILE)
        for k in range(MANIFEST_FILES)
    ]
    store = Store(store_url, keys=keys)
    worker = sign_in_unchecked(store, WORKER_USER, role="supervisor")
    auditor = sign_in_unchecked(store, "robust.auditor", role="auditor")
    import_passenger_files(store, worker, [write_manifest(tmp_path)])
    before = snapshot(store)
    store.close()

    # Killed while storing the second file: the first one was already flushed into the store.
    second = f"Storing {files[-1].name}"
    kill_while_writing(
        worker_command(store_url, keys, "passengers", files),
        lambda line: line.startswith("progress") and line.rstrip().endswith(second),
        wal_of(store_url),
        tmp_path / "worker.log",
    )

    store = Store(store_url, keys=keys)
    try:
        assert snapshot(store) == before
        assert_sound(store, auditor)
        summaries = import_passenger_files(store, worker, files)
        expected = FLIGHTS_PER_FILE * TRAVELLERS_PER_FLIGHT
        assert [(s.travellers, s.duplicate) for s in summaries] == [(expected, False)] * len(files)
        after = snapshot(store)
        assert after["travellers"] == before["travellers"] + expected * len(files)
        assert after["import_batches"] == before["import_batches"] + len(files)
        assert_sound(store, auditor)
    finally:
        store.close()


def test_a_list_update_killed_halfway_leaves_the_previous_version_in_force(
    store_url: str, keys: StoreKeys, tmp_path: Path
) -> None:
    small, big = tmp_path / "lookouts-v1.csv", tmp_path / "lookouts-v2.csv"
    write_csv(small, 500)
    write_csv(big, BIG_LIST_ENTRIES)
    store = Store(store_url, keys=keys)
    worker = sign_in_unchecked(store, WORKER_USER, role="supervisor")
    auditor = sign_in_unchecked(store, "robust.auditor", role="auditor")
    import_watchlist(store, worker, [small], LIST_NAME)
    before = snapshot(store)
    [(_, version_no, entries)] = before["active versions"]
    assert (version_no, entries) == (1, 500)
    store.close()

    kill_while_writing(
        worker_command(store_url, keys, "watchlist", [big]),
        lambda line: progress_fraction(line) >= 0.3,
        wal_of(store_url),
        tmp_path / "worker.log",
    )

    store = Store(store_url, keys=keys)
    try:
        assert snapshot(store) == before  # version 1 still in force, no stray entries
        assert_sound(store, auditor)
        summary = import_watchlist(store, worker, [big], LIST_NAME)
        assert not summary.duplicate
        assert (summary.watchlist.version_no, summary.watchlist.entry_count) == (
            2,
            BIG_LIST_ENTRIES,
        )
        [(_, version_no, entries)] = snapshot(store)["active versions"]
        assert (version_no, entries) == (2, BIG_LIST_ENTRIES)
        assert_sound(store, auditor)
    finally:
        store.close()


# --- disk full, read-only store ---------------------------------------------------------------


def record_casework(store: Store, tmp_path: Path) -> tuple[Actor, int]:
    """A list, a screened manifest, a confirmed hit (the flag) and an interdiction: what must
    survive. Returns the supervisor and the flagged traveller's id."""
    actor = sign_in_unchecked(store, "robust.supervisor", role="supervisor")
    import_watchlist(store, actor, [write_watchlist(tmp_path)], LIST_NAME)
    import_passenger_files(store, actor, [write_manifest(tmp_path)])
    screen_stored(store, actor)
    [flight] = list_flights(store, actor)
    [row] = [r for r in list_travellers(store, actor, flight.id) if r.hit_status != "none"]
    [hit] = open_traveller(store, actor, row.id).hits
    confirm_hit(store, actor, hit.id, "baggage", "known courier route")
    record_interdiction(store, actor, row.id, InterdictionInput(outcome="no_finding"))
    return actor, row.id


def assert_casework_kept(store: Store, actor: Actor, traveller_id: int) -> None:
    detail = open_traveller(store, actor, traveller_id)
    assert [h.status for h in detail.hits] == ["confirmed"]
    assert [i.outcome for i in detail.interdictions] == ["no_finding"]
    with store.transaction() as session:
        assert session.scalar(select(func.count()).select_from(ReviewDecision)) == 1
        assert session.scalar(select(func.count()).select_from(Interdiction)) == 1


def cap_pages(store: Store, extra_pages: int) -> None:
    """Let the SQLite file grow by ``extra_pages`` pages at most: SQLITE_FULL after that, the
    error a full disk gives, for users without root (no small file system to mount)."""
    with store.engine.connect() as conn:
        limit = conn.execute(text("PRAGMA page_count")).scalar_one() + extra_pages

    def _cap(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit}")

    event.listen(store.engine, "connect", _cap)
    store.engine.dispose()  # the pooled connections were opened without the cap


def test_a_full_disk_refuses_the_import_clearly_and_loses_nothing(
    keys: StoreKeys, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    store = Store(url, keys=keys)
    actor, traveller_id = record_casework(store, tmp_path)
    auditor = sign_in_unchecked(store, "robust.auditor", role="auditor")
    big_list = tmp_path / "lookouts-v2.csv"
    write_csv(big_list, 5_000)
    manifest = write_big_manifest(tmp_path / "manifest.csv", 0)
    before = snapshot(store)
    store.close()

    full = Store(url, keys=keys)
    cap_pages(full, 20)
    try:
        for attempt in (
            lambda: import_watchlist(full, actor, [big_list], LIST_NAME),
            lambda: import_passenger_files(full, actor, [manifest]),
        ):
            with pytest.raises(StoreUnavailableError) as refused:
                attempt()
            message = str(refused.value)
            assert "disk is full" in message
            assert "Nothing was changed; the disk holding the store is full: free some space" in (
                message
            )
        assert snapshot(full) == before  # reading still works on a full disk
    finally:
        full.close()

    with reopened_intact(url, keys, before, (actor, traveller_id), auditor) as store:
        summary = import_watchlist(store, actor, [big_list], LIST_NAME)
        assert (summary.watchlist.version_no, summary.watchlist.entry_count) == (2, 5_000)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MB file system (tmpfs), only where the tests run as root and may mount."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root; the page cap test covers the rest")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the file system has no byte left (ENOSPC)."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as handle:
        chunk = b"\0" * 4096
        try:
            while True:
                handle.write(chunk)
        except OSError:
            pass
    return filler


def test_a_really_full_disk_refuses_the_import_clearly_and_loses_nothing(
    small_disk: Path, keys: StoreKeys, tmp_path: Path
) -> None:
    url = f"sqlite:///{small_disk / 'store.sqlite3'}"
    store = Store(url, keys=keys)
    actor, traveller_id = record_casework(store, tmp_path)
    auditor = sign_in_unchecked(store, "robust.auditor", role="auditor")
    big_list = tmp_path / "lookouts-v2.csv"
    write_csv(big_list, 5_000)
    before = snapshot(store)
    filler = fill(small_disk)
    try:
        with pytest.raises(StoreUnavailableError) as refused:
            import_watchlist(store, actor, [big_list], LIST_NAME)
        assert "Nothing was changed; the disk holding the store is full" in str(refused.value)
        assert snapshot(store) == before
    finally:
        store.close()
        filler.unlink()

    with reopened_intact(url, keys, before, (actor, traveller_id), auditor):
        pass


@contextmanager
def reopened_intact(
    url: str,
    keys: StoreKeys,
    before: dict[str, Any],
    casework: tuple[Actor, int],
    auditor: Actor,
) -> Iterator[Store]:
    """The store opened again after a refused write: nothing in it changed (``before``), the
    casework recorded earlier is whole and the file and audit chain are sound."""
    store = Store(url, keys=keys)
    try:
        assert snapshot(store) == before
        assert_casework_kept(store, *casework)
        assert_sound(store, auditor)
        yield store
    finally:
        store.close()


def make_read_only(store: Store, path: Path) -> None:
    """Take the right to write away: chmod for a normal user; as root (whom chmod does not stop)
    SQLite's own query_only switch, which refuses writes with the same SQLITE_READONLY error."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        return

    def _read_only(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    event.listen(store.engine, "connect", _read_only)
    store.engine.dispose()


def test_a_read_only_store_refuses_writes_clearly_and_still_reads(
    keys: StoreKeys, tmp_path: Path
) -> None:
    path = tmp_path / "store.sqlite3"
    url = f"sqlite:///{path}"
    store = Store(url, keys=keys)
    actor, traveller_id = record_casework(store, tmp_path)
    auditor = sign_in_unchecked(store, "robust.auditor", role="auditor")
    before = snapshot(store)
    store.close()

    read_only = Store(url, keys=keys)
    make_read_only(read_only, path)
    try:
        with pytest.raises(StoreUnavailableError) as refused:
            record_interdiction(
                read_only, actor, traveller_id, InterdictionInput(outcome="no_finding")
            )
        assert "Nothing was changed; the store is read-only" in str(refused.value)
        assert snapshot(read_only) == before
        assert [(f.carrier, f.number) for f in list_flights(read_only, actor)] == [("JU", "211")]
    finally:
        read_only.close()
        path.chmod(0o644)

    with reopened_intact(url, keys, before, (actor, traveller_id), auditor):
        pass


class ReadOnlyFolder:
    """A folder whose files can be made read-only and back: chmod for a normal user; as root
    (whom modes do not stop) a read-only bind mount."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.mounted = False

    def lock(self) -> None:
        if os.geteuid() != 0:
            for item in self.path.iterdir():
                item.chmod(0o444)
            self.path.chmod(0o555)
            return
        for command in (
            ["mount", "--bind", str(self.path), str(self.path)],
            ["mount", "-o", "remount,bind,ro", str(self.path)],
        ):
            done = subprocess.run(command, capture_output=True, check=False)
            self.mounted = self.mounted or done.returncode == 0
            if done.returncode != 0:
                self.unlock()
                pytest.skip(f"cannot mount read-only here: {done.stderr.decode().strip()}")

    def unlock(self) -> None:
        if self.mounted:
            subprocess.run(["umount", str(self.path)], check=True)
            self.mounted = False
        self.path.chmod(0o755)
        for item in self.path.iterdir():
            item.chmod(0o644)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[ReadOnlyFolder]:
    folder = ReadOnlyFolder(tmp_path / "ro")
    folder.path.mkdir()
    yield folder
    folder.unlock()


def test_a_store_in_a_read_only_folder_is_refused_clearly_and_kept_whole(
    read_only_folder: ReadOnlyFolder, keys: StoreKeys, tmp_path: Path
) -> None:
    # A WAL store cannot even be read where its shared-memory file cannot be made (SQLite needs
    # it beside the file): opening must say so, naming the file, and leave the store untouched.
    path = read_only_folder.path / "store.sqlite3"
    url = f"sqlite:///{path}"
    store = Store(url, keys=keys)
    actor, traveller_id = record_casework(store, tmp_path)
    auditor = sign_in_unchecked(store, "robust.auditor", role="auditor")
    before = snapshot(store)
    store.close()

    read_only_folder.lock()
    with pytest.raises(StoreUnavailableError) as refused:
        Store(url, keys=keys)
    message = str(refused.value)
    assert str(path) in message
    assert "its folder" in message
    assert "write" in message

    read_only_folder.unlock()
    with reopened_intact(url, keys, before, (actor, traveller_id), auditor):
        pass
