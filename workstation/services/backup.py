"""Backing up an SQLite store, and changing its database key.

A backup is made with SQLite's online backup (SQLCipher's, for an encrypted store): a
consistent copy of the live store, WAL included, written beside the target and given the
target's name only after ``PRAGMA integrity_check`` and ``PRAGMA cipher_integrity_check`` pass
on the copy. It is encrypted with the store's key, or with ``keys`` given for it. A store
whose keys come from a passphrase gets its parameter file copied beside the backup
(``<backup>.kdf.json``), so the backup opens with the same passphrase on any computer.
``passphrase`` encrypts the backup under a passphrase of its own instead (an escrow copy for
a keyring store, whose random key dies with the computer's keyring): its parameter file also
holds the store's audit key, wrapped, so the audit chain still verifies after a restore.

Who may do it: a backup is routine and holds only ciphertext under the store's key, so a
supervisor or an administrator may make one; re-keying changes how the store opens, so it
needs ``manage_settings`` (an administrator). Both are audited.

A PostgreSQL store is backed up on the server (``pg_dump``, the server's own schedule).
"""

from __future__ import annotations

import os
import shutil
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workstation.config import sqlite_file, sqlite_url
from workstation.db.store import Store
from workstation.errors import InvalidInputError, StoreUnavailableError
from workstation.opening import integrity_problems, keyed_connection
from workstation.security.roles import require
from workstation.security.secrets import (
    KdfParams,
    KeysUnavailableError,
    StoreKeys,
    new_database_key,
    params_file_for,
    save_key_change,
)
from workstation.services.audit import record_event
from workstation.services.views import Actor

PARTIAL_SUFFIX = ".partial"


@dataclass(frozen=True)
class BackupResult:
    """A checked backup: its file, size, and the passphrase parameters written beside it."""

    path: Path
    size: int
    encrypted: bool
    params_file: Path | None

    def describe(self) -> str:
        state = "encrypted" if self.encrypted else "NOT encrypted"
        extra = f"; passphrase parameters in {self.params_file.name}" if self.params_file else ""
        return f"{self.path}: {self.size} bytes, {state}, both integrity checks passed{extra}"


@dataclass(frozen=True)
class RekeyResult:
    """The backup made before the re-key, and where the new key is kept."""

    backup: BackupResult
    key_source: str  # "keyring" or "passphrase"


def _store_file(store: Store) -> Path:
    file = sqlite_file(store.url)
    if file is None:
        raise InvalidInputError(
            "Only the embedded SQLite store is backed up here; a PostgreSQL store is backed up "
            "on its server (pg_dump), and an in-memory store has nothing to keep."
        )
    return file


def backup_store(
    store: Store,
    actor: Actor,
    target: Path,
    *,
    keys: StoreKeys | None = None,
    passphrase: str | None = None,
    kdf: KdfParams | None = None,
) -> BackupResult:
    """Copy the live store to ``target``, check the copy, and audit it.

    By default the copy has the store's key. ``keys`` encrypt it under another key;
    ``passphrase`` under a passphrase of its own, with ``<target>.kdf.json`` written beside it
    (``kdf``: the Argon2 costs, for tests). A plain store (the demo) is copied plain unless
    ``keys`` or ``passphrase`` are given.
    """
    require(actor.role, "backup")
    source = _store_file(store)
    change = None
    if passphrase is not None:
        change = new_database_key(store.keys, passphrase=passphrase, params=kdf)
        keys = change.keys
    target = Path(target)
    own = {source.resolve().with_name(source.name + s) for s in ("", "-wal", "-shm")}
    if target.resolve() in own:
        raise InvalidInputError(f"The backup cannot be written over the store itself: {target}")
    target_keys = keys if keys is not None else (store.keys if store.encrypted else None)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    _remove(partial)
    try:
        _copy(store, source, partial, target_keys)
        with closing(_connect(store, partial, target_keys)) as copy:
            problems = integrity_problems(copy, encrypted=target_keys is not None)
    except Exception:
        _remove(partial)
        raise
    if problems:
        _remove(partial)
        raise StoreUnavailableError(
            f"The backup failed its check ({problems[0]}); nothing was written to {target}. "
            "Check the disk and run the store's own check."
        )
    os.replace(partial, target)
    params = _copy_params(store, target) if keys is None else None
    if change is not None:
        params = target.with_name(target.name + ".kdf.json")
        save_key_change(sqlite_url(target), params, change)
    size = target.stat().st_size
    with store.transaction() as session:
        record_event(
            session,
            actor,
            "backup_store",
            "store",
            [],
            file=str(target),
            bytes=size,
            encrypted=target_keys is not None,
            key="store" if keys is None else "own passphrase" if change else "given",
        )
    return BackupResult(target, size, target_keys is not None, params)


def _connect(store: Store, path: Path, keys: StoreKeys | None) -> Any:
    if store.encrypted or keys is not None:
        return keyed_connection(path, keys)
    import sqlite3

    return sqlite3.connect(str(path))


def _copy(store: Store, source: Path, target: Path, keys: StoreKeys | None) -> None:
    if not store.encrypted and keys is not None:
        # the backup API cannot go from a plain file to an encrypted one
        with closing(keyed_connection(source, None)) as plain:
            plain.execute("ATTACH DATABASE ? AS enc KEY ?", (str(target), keys.sqlcipher_key))
            plain.execute("SELECT sqlcipher_export('enc')")
            plain.execute("DETACH DATABASE enc")
        return
    pooled = store.engine.raw_connection()  # the store's own connection: same driver, same key
    try:
        with closing(_connect(store, target, keys)) as copy:
            source_connection = pooled.driver_connection
            assert source_connection is not None  # a fresh connection from the pool
            source_connection.backup(copy)
    finally:
        pooled.close()


def _copy_params(store: Store, target: Path) -> Path | None:
    if store.keys.source != "passphrase":
        return None
    params = params_file_for(store.url, Path())
    if not params.exists():
        return None
    copy = target.with_name(target.name + ".kdf.json")
    shutil.copyfile(params, copy)
    return copy


def rekey_store(
    store: Store,
    actor: Actor,
    backup_to: Path,
    *,
    new_passphrase: str | None = None,
    kdf: KdfParams | None = None,
) -> RekeyResult:
    """Back the store up, give it a new database key, then keep the new key.

    With ``new_passphrase`` the store opens with it from now on; without, a keyring store
    gets a new random key in the keyring. The audit key does not change (the chain's MACs were
    made with it). The new key is saved only once the store has taken it and reads with it; if
    saving fails the store is given its old key back. ``store`` is closed at the end: open it
    again with :func:`workstation.opening.open_store`. Close the workstation's window first: a
    window holding the store open cannot read it after the re-key.
    """
    require(actor.role, "manage_settings")
    file = _store_file(store)
    if not store.encrypted:
        raise InvalidInputError("This store is not encrypted, so it has no key to change.")
    change = new_database_key(store.keys, passphrase=new_passphrase, params=kdf)
    backup = backup_store(store, actor, backup_to)
    old = store.keys
    anchor = store.anchor.path if store.anchor is not None else None
    store.close()
    _rekey(file, old, change.keys)
    try:
        save_key_change(store.url, params_file_for(store.url, Path()), change)
    except KeysUnavailableError:
        _rekey(file, change.keys, old)
        raise
    reopened = Store(store.url, keys=change.keys, anchor=anchor, encrypted=True)
    try:
        with reopened.transaction() as session:
            record_event(
                session,
                actor,
                "rekey_store",
                "store",
                [],
                key=change.keys.source,
                backup=str(backup.path),
            )
    finally:
        reopened.close()
    return RekeyResult(backup, change.keys.source)


def _rekey(file: Path, old: StoreKeys, new: StoreKeys) -> None:
    with closing(keyed_connection(file, old)) as db:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails now on a wrong key
        db.execute(f'PRAGMA rekey = "{new.sqlcipher_key}"')
    with closing(keyed_connection(file, new)) as db:
        problems = integrity_problems(db, encrypted=True)
    if problems:
        raise StoreUnavailableError(
            f"After the re-key the store fails its check ({problems[0]}). Restore the backup "
            "made just before."
        )


def default_backup_name(store: Store, purpose: str = "backup") -> Path:
    """``<store file>.<purpose>-<UTC time>`` beside the store."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    file = _store_file(store)
    return file.with_name(f"{file.name}.{purpose}-{stamp}")


def _remove(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.unlink()
