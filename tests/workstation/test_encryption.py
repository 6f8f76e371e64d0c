"""Encryption at rest, on real files: opening, keys, migration of a plain store, backup, re-key.

Argon2 runs with low costs here (``FAST``) so the suite stays quick; the keys are still real.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.pool import QueuePool

from tests.conftest import MemoryKeyring
from tests.workstation.accounts import administrator_of, auditor_of, supervisor_of
from tests.workstation.files import write_manifest
from workstation.config import Paths, sqlite_url
from workstation.db.models import AuditEvent, Traveller, User
from workstation.db.store import Store
from workstation.errors import PermissionDeniedError, StoreUnavailableError
from workstation.opening import (
    DEMO_KEYS,
    PLAIN_OLD_SUFFIX,
    anchor_file_for,
    erase_leftovers,
    file_state,
    keyed_connection,
    open_store,
)
from workstation.security.secrets import (
    PASSPHRASE_ENV,
    KdfParams,
    KeysUnavailableError,
    StoreKeys,
    WrongPassphraseError,
    load_keys,
    params_file_for,
)
from workstation.services.audit import verify_chain
from workstation.services.backup import backup_store, rekey_store
from workstation.services.imports import import_passenger_files
from workstation.services.users import sign_in_unchecked

PASSPHRASE = "belgrade airport night shift"
NEW_PASSPHRASE = "skopje arrivals morning shift"
NAME = b"DJORDJEVIC"
PAGE = 4096


def fast() -> KdfParams:
    return KdfParams.new(time_cost=1, memory_cost=8 * 1024)


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths(data_dir=tmp_path / "data", log_dir=tmp_path / "log")


def env(passphrase: str = PASSPHRASE) -> dict[str, str]:
    return {PASSPHRASE_ENV: passphrase}


def open_real(paths: Paths, passphrase: str = PASSPHRASE) -> Store:
    return open_store(None, demo=False, paths=paths, environ=env(passphrase), kdf=fast())


def import_day(store: Store, tmp_path: Path) -> None:
    officer = sign_in_unchecked(store, "officer.petrovic")
    import_passenger_files(store, officer, [write_manifest(tmp_path)])


def travellers(store: Store) -> int:
    with store.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(Traveller)) or 0)


def chain_ok(store: Store) -> bool:
    """The audit chain verifies with the store's audit key and the head kept outside it."""
    assert store.anchor is not None
    kept = store.anchor.read()
    assert kept is not None and kept.count > 0
    return verify_chain(store, auditor_of(store), anchor=kept).ok


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def test_the_store_and_its_wal_are_unreadable_without_the_key(
    paths: Paths, tmp_path: Path, no_keyring: None
) -> None:
    store = open_real(paths)
    try:
        import_day(store, tmp_path)
        assert store.encrypted and store.keys.source == "passphrase"
        wal = sidecar(paths.store_file, "-wal")
        assert wal.stat().st_size > 0  # the import is (at least partly) in the WAL still
        for file in (paths.store_file, wal):
            data = file.read_bytes()
            assert NAME not in data and not data.startswith(b"SQLite format 3")
        with (
            closing(sqlite3.connect(paths.store_file)) as plain,
            pytest.raises(sqlite3.DatabaseError, match="file is not a database"),
        ):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        store.close()
    assert anchor_file_for(sqlite_url(paths.store_file), paths).exists()  # the chain's head
    again = open_real(paths)
    try:
        assert travellers(again) == 4
    finally:
        again.close()


def test_a_wrong_passphrase_is_refused_as_such(paths: Paths, no_keyring: None) -> None:
    open_real(paths).close()
    with pytest.raises(WrongPassphraseError, match="Wrong passphrase for this store"):
        open_real(paths, PASSPHRASE + " and more")


def test_a_folder_given_as_the_store_is_refused_with_a_message(
    paths: Paths, tmp_path: Path, no_keyring: None
) -> None:
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    with pytest.raises(StoreUnavailableError, match="is a folder, not a store file"):
        open_store(sqlite_url(folder), demo=False, paths=paths, environ=env(), kdf=fast())


def test_a_damaged_first_page_with_the_right_key_says_restore_a_backup(
    paths: Paths, tmp_path: Path, no_keyring: None
) -> None:
    store = open_real(paths)
    import_day(store, tmp_path)
    store.close()
    with paths.store_file.open("r+b") as file:
        file.seek(200)
        file.write(b"\xff" * 16)
    with pytest.raises(StoreUnavailableError, match="damaged, or it is not this store's file"):
        open_real(paths)


def test_without_a_keyring_the_passphrase_is_asked(paths: Paths, no_keyring: None) -> None:
    asked: list[bool] = []

    def ask(creating: bool) -> str:
        asked.append(creating)
        return PASSPHRASE

    open_store(None, demo=False, paths=paths, ask=ask, environ={}, kdf=fast()).close()
    open_store(None, demo=False, paths=paths, ask=ask, environ={}).close()
    assert asked == [True, False]
    with pytest.raises(KeysUnavailableError, match=PASSPHRASE_ENV):
        open_store(None, demo=False, paths=paths, environ={})


def test_a_keyring_store_keeps_random_keys_in_the_keyring(
    paths: Paths, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    store = open_store(None, demo=False, paths=paths, environ={})
    import_day(store, tmp_path)
    store.close()
    assert store.keys.source == "keyring" and len(memory_keyring.entries) == 2
    assert not params_file_for(sqlite_url(paths.store_file), paths.data_dir).exists()
    again = open_store(None, demo=False, paths=paths, environ={})
    assert travellers(again) == 4
    again.close()
    memory_keyring.entries.clear()  # another computer, or another desktop user
    with pytest.raises(KeysUnavailableError, match="lacks the keys"):
        open_store(None, demo=False, paths=paths, environ={})


def test_a_plain_store_is_encrypted_at_open_and_keeps_its_data(
    paths: Paths, tmp_path: Path, no_keyring: None
) -> None:
    url = sqlite_url(paths.store_file)
    plain = Store(url)  # as an older version left it
    import_day(plain, tmp_path)
    plain.close()
    assert NAME in paths.store_file.read_bytes()  # the check below can fail
    store = open_real(paths)
    try:
        assert store.encrypted and travellers(store) == 4
        with store.transaction() as session:
            assert session.scalar(select(func.count()).select_from(AuditEvent)) == 1  # the import
    finally:
        store.close()
    assert file_state(paths.store_file) == "encrypted"
    assert NAME not in paths.store_file.read_bytes()
    left = sorted(p.name for p in paths.store_file.parent.iterdir())
    assert left == ["workstation.sqlite3", "workstation.sqlite3.kdf.json"]


def test_a_crash_before_the_swap_leaves_the_plain_store_whole(paths: Paths, tmp_path: Path) -> None:
    plain = Store(sqlite_url(paths.store_file))
    import_day(plain, tmp_path)
    plain.close()
    old = sidecar(paths.store_file, PLAIN_OLD_SUFFIX)
    old.hardlink_to(paths.store_file)  # as left by a crash between the link and the rename
    erase_leftovers(paths.store_file)
    assert not old.exists() and NAME in paths.store_file.read_bytes()


def test_the_plain_bytes_left_by_a_crash_after_the_swap_are_erased(tmp_path: Path) -> None:
    store_file = tmp_path / "workstation.sqlite3"
    store_file.write_bytes(b"encrypted stand-in")
    old = sidecar(store_file, PLAIN_OLD_SUFFIX)
    old.write_bytes(b"SQLite format 3\x00" + NAME)
    kept = old.open("rb")  # a second handle sees what the erasing wrote before the unlink
    try:
        erase_leftovers(store_file)
        assert not old.exists()
        assert kept.read() == bytes(16 + len(NAME))
    finally:
        kept.close()


def test_the_demo_store_never_opens_the_real_one(
    paths: Paths, tmp_path: Path, no_keyring: None
) -> None:
    real = open_real(paths)
    import_day(real, tmp_path)
    real.close()
    demo = open_store(None, demo=True, paths=paths, environ={})  # no passphrase asked
    try:
        assert demo.keys == DEMO_KEYS and not demo.encrypted
        assert travellers(demo) == 0
        assert demo.url.endswith("demo-workstation.sqlite3")
    finally:
        demo.close()
    paths.demo_store_file.unlink()
    paths.demo_store_file.write_bytes(paths.store_file.read_bytes())  # the real store copied
    with pytest.raises(StoreUnavailableError, match="is not a demo store"):
        open_store(None, demo=True, paths=paths, environ=env())
    with pytest.raises(StoreUnavailableError, match="is not a demo store"):
        open_store(sqlite_url(paths.store_file), demo=True, paths=paths, environ=env())


def test_a_backup_opens_with_its_key_and_passes_both_checks(
    paths: Paths, tmp_path: Path, no_keyring: None
) -> None:
    store = open_real(paths)
    import_day(store, tmp_path)
    target = tmp_path / "backups" / "monday.sqlite3"
    result = backup_store(store, supervisor_of(store), target)
    other = StoreKeys(bytes(range(32)), bytes(32), "escrow")
    escrow = backup_store(store, administrator_of(store), tmp_path / "escrow.sqlite3", keys=other)
    store.close()
    assert result.encrypted and result.params_file == sidecar(target, ".kdf.json")
    assert escrow.params_file is None
    assert NAME not in target.read_bytes() and not sidecar(target, ".partial").exists()
    for path, keys in ((target, store.keys), (escrow.path, other)):
        with closing(keyed_connection(path, keys)) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute("PRAGMA cipher_integrity_check").fetchall() == []
            assert db.execute("SELECT count(*) FROM travellers").fetchone() == (4,)
    # the backup opens with the store's passphrase through its own parameter file
    keys = load_keys(sqlite_url(target), result.params_file, environ=env())
    assert keys.database == store.keys.database
    reopened = open_real(paths)
    try:
        with reopened.transaction() as session:
            actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions.count("backup_store") == 2
        assert chain_ok(reopened)
    finally:
        reopened.close()


def test_an_officer_may_not_back_up_the_store(paths: Paths, tmp_path: Path) -> None:
    store = open_store(None, demo=True, paths=paths, environ={})
    try:
        officer = sign_in_unchecked(store, "officer.petrovic")
        with pytest.raises(PermissionDeniedError, match="supervisor or administrator"):
            backup_store(store, officer, tmp_path / "b.sqlite3")
        assert not (tmp_path / "b.sqlite3").exists()
    finally:
        store.close()


def test_rekey_opens_with_the_new_passphrase_and_not_the_old(
    paths: Paths, tmp_path: Path, no_keyring: None
) -> None:
    store = open_real(paths)
    import_day(store, tmp_path)
    admin = administrator_of(store)
    backup = tmp_path / "before-rekey.sqlite3"
    result = rekey_store(store, admin, backup, new_passphrase=NEW_PASSPHRASE, kdf=fast())
    assert result.key_source == "passphrase" and result.backup.path == backup
    with pytest.raises(KeysUnavailableError, match="Wrong passphrase"):
        open_real(paths, PASSPHRASE)
    again = open_real(paths, NEW_PASSPHRASE)
    try:
        assert travellers(again) == 4
        assert again.keys.audit == store.keys.audit  # the chain's key did not change
        assert again.keys.database != store.keys.database
        assert chain_ok(again)
    finally:
        again.close()
    params = json.loads(sidecar(paths.store_file, ".kdf.json").read_text(encoding="utf-8"))
    assert params["version"] == 2 and store.keys.audit.hex() not in json.dumps(params)
    # the backup made first still opens with the old passphrase
    old = load_keys(sqlite_url(backup), sidecar(backup, ".kdf.json"), environ=env())
    with closing(keyed_connection(backup, old)) as db:
        assert db.execute("SELECT count(*) FROM travellers").fetchone() == (4,)


def test_rekey_of_a_keyring_store_saves_the_new_key_in_the_keyring(
    paths: Paths, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    store = open_store(None, demo=False, paths=paths, environ={})
    admin = administrator_of(store)
    before = dict(memory_keyring.entries)
    rekey_store(store, admin, tmp_path / "before.sqlite3")
    changed = {k for k, v in memory_keyring.entries.items() if before[k] != v}
    assert [entry for _service, entry in changed] == ["database-key"]
    again = open_store(None, demo=False, paths=paths, environ={})
    try:
        assert chain_ok(again)
    finally:
        again.close()
    with pytest.raises(StoreUnavailableError, match="not this store's file"):
        Store(sqlite_url(paths.store_file), keys=store.keys, encrypted=True)


def test_a_supervisor_may_not_rekey(paths: Paths, tmp_path: Path, no_keyring: None) -> None:
    store = open_real(paths)
    try:
        with pytest.raises(PermissionDeniedError):
            rekey_store(
                store, supervisor_of(store), tmp_path / "b.sqlite3", new_passphrase="x" * 20
            )
        assert not (tmp_path / "b.sqlite3").exists()
    finally:
        store.close()


def test_a_plain_store_read_with_a_key_is_not_mistaken_for_a_bug(tmp_path: Path) -> None:
    path = tmp_path / "plain.sqlite3"
    Store(sqlite_url(path)).close()
    keys = StoreKeys(bytes(32), bytes(32), "keyring")
    with pytest.raises(StoreUnavailableError, match="Restore a backup"):
        Store(sqlite_url(path), keys=keys, encrypted=True)


def test_the_command_line_rekeys_then_backs_up_with_the_new_passphrase(
    paths: Paths, tmp_path: Path, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.workstation.accounts import ADMINISTRATOR, PASSWORD
    from workstation import cli

    store = open_real(paths)
    import_day(store, tmp_path)
    administrator_of(store)
    store.close()

    def opened(args: Any) -> Store:  # what cli._run is to call: open_store (see the docs)
        return open_store(args.db, demo=args.demo, paths=paths, kdf=fast())

    monkeypatch.setattr(cli, "_open_store", opened)
    for name, value in (
        (PASSPHRASE_ENV, PASSPHRASE),
        ("WORKSTATION_PASSWORD", PASSWORD),
        ("WORKSTATION_NEW_PASSPHRASE", NEW_PASSPHRASE),
    ):
        monkeypatch.setenv(name, value)
    assert cli.main(["--user", ADMINISTRATOR, "rekey", "--backup", str(tmp_path / "b1")]) == 0
    assert (tmp_path / "b1").exists() and (tmp_path / "b1.kdf.json").exists()
    monkeypatch.setenv(PASSPHRASE_ENV, NEW_PASSPHRASE)
    out = tmp_path / "b2.sqlite3"
    assert cli.main(["--user", ADMINISTRATOR, "backup", "--out", str(out)]) == 0
    keys = load_keys(sqlite_url(out), sidecar(out, ".kdf.json"), environ=env(NEW_PASSPHRASE))
    with closing(keyed_connection(out, keys)) as db:
        assert db.execute("SELECT count(*) FROM travellers").fetchone() == (4,)


def test_the_demo_store_is_backed_up_plain_and_its_supervisor_cannot_rekey(tmp_path: Path) -> None:
    from tests.workstation.clicase import run_cli

    out = tmp_path / "demo-backup.sqlite3"
    done = run_cli("--demo", "backup", "--out", out)
    assert done.returncode == 0, done.stderr
    assert "NOT encrypted, both integrity checks passed" in done.stdout
    with closing(sqlite3.connect(out)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    refused = run_cli("--demo", "rekey")  # the demo account is a supervisor
    assert refused.returncode == 1
    assert "does not allow changing the workstation's settings" in refused.stderr


def _empty_public_schema(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def empty_pg(pg_database: str) -> Iterator[str]:
    """The session's PostgreSQL database, empty, and left empty for the tests after."""
    _empty_public_schema(pg_database)
    yield pg_database
    _empty_public_schema(pg_database)


@pytest.mark.postgres
def test_a_postgresql_store_loads_its_audit_key_and_never_makes_new_ones_later(
    empty_pg: str, tmp_path: Path, no_keyring: None
) -> None:
    pg_database = empty_pg
    first = Paths(data_dir=tmp_path / "ws1", log_dir=tmp_path / "log")
    store = open_store(pg_database, demo=False, paths=first, environ=env(), kdf=fast())
    try:
        assert not store.encrypted and store.keys.source == "passphrase"
        import_day(store, tmp_path)
        assert store.anchor is not None and store.anchor.path.parent == first.data_dir
        assert chain_ok(store)
    finally:
        store.close()
    again = open_store(pg_database, demo=False, paths=first, environ=env())
    try:
        assert again.keys == store.keys and chain_ok(again)
    finally:
        again.close()
    # another workstation without this store's key parameters: refused, no new keys made
    second = Paths(data_dir=tmp_path / "ws2", log_dir=tmp_path / "log")
    with pytest.raises(KeysUnavailableError, match="are missing"):
        open_store(pg_database, demo=False, paths=second, environ=env())
    assert not second.data_dir.exists()


def test_worker_threads_share_the_encrypted_store(paths: Paths, no_keyring: None) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store = open_real(paths)
    try:
        with ThreadPoolExecutor(4) as pool:
            names = list(pool.map(lambda n: sign_in_unchecked(store, f"officer.{n}"), range(40)))
        assert len({a.user_id for a in names}) == 40
        with store.transaction() as session:
            assert session.scalar(select(func.count()).select_from(User)) == 40
        assert isinstance(store.engine.pool, QueuePool)  # not one connection per thread
    finally:
        store.close()


def test_an_escrow_backup_restores_a_keyring_store_on_a_new_computer(
    paths: Paths, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    store = open_store(None, demo=False, paths=paths, environ={})
    import_day(store, tmp_path)
    escrow = tmp_path / "envelope" / "escrow.sqlite3"
    result = backup_store(
        store, supervisor_of(store), escrow, passphrase=NEW_PASSPHRASE, kdf=fast()
    )
    store.close()
    assert result.params_file == sidecar(escrow, ".kdf.json")
    # a new computer: an empty keyring and no data folder; the escrow copy and its parameters
    memory_keyring.entries.clear()
    fresh = Paths(data_dir=tmp_path / "new-pc", log_dir=tmp_path / "log")
    fresh.data_dir.mkdir()
    fresh.store_file.write_bytes(escrow.read_bytes())
    sidecar(fresh.store_file, ".kdf.json").write_bytes(result.params_file.read_bytes())
    restored = open_store(None, demo=False, paths=fresh, environ=env(NEW_PASSPHRASE))
    try:
        assert travellers(restored) == 4
        assert restored.keys.audit == store.keys.audit  # unwrapped from the parameter file
        assert verify_chain(restored, auditor_of(restored)).ok
    finally:
        restored.close()
    assert memory_keyring.entries == {}
