"""Opening the store the way the workstation does: its keys, SQLCipher, the audit anchor.

``Store(url)`` alone opens any store with throw-away keys (tests, the self-test). The window
and the command line open the unit's store through :func:`open_store`, which

- loads the store's keys (:func:`workstation.security.secrets.load_keys`: the keyring, else a
  passphrase asked through ``ask`` or taken from ``WORKSTATION_PASSPHRASE``);
- opens an SQLite store encrypted with SQLCipher under the database key, after encrypting a
  plain store left by an older version (:func:`encrypt_plain_store`);
- keeps the audit chain's head in a file outside the store (beside an SQLite file; in the user
  data folder, one per store, for a PostgreSQL server);
- opens the demo store without the real keys and refuses a demo file that is not one.

A wrong passphrase is refused by the key check before the file is touched. A key that passed
its check (or came from this store's own keyring entry) and still does not read the file
means a damaged file, or another store's file: the message says to restore a backup.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

from workstation.config import Paths, resolve_db_url, sqlite_file
from workstation.db.store import Store
from workstation.errors import StoreUnavailableError
from workstation.security.secrets import (
    KdfParams,
    PassphrasePrompt,
    StoreKeys,
    load_keys,
    params_file_for,
    store_id,
)

PLAIN_HEADER = b"SQLite format 3\x00"
ENCRYPTING_SUFFIX = ".encrypting"  # the encrypted copy being made
PLAIN_OLD_SUFFIX = ".plain-old"  # the plain file's second name until it is erased

# The demo store holds only generated people, so it stays a plain SQLite file and never sees
# the unit's keys. Its audit key is fixed (and public) so its chain still verifies after a
# restart; it protects nothing and need not.
DEMO_KEYS = StoreKeys(
    hashlib.sha256(b"workstation demo store: database key, not secret").digest(),
    hashlib.sha256(b"workstation demo store: audit key, not secret").digest(),
    "demo",
)


def anchor_file_for(url: str, paths: Paths) -> Path:
    """Where the audit chain's head is kept outside the store."""
    file = sqlite_file(url)
    if file is not None:
        return file.with_name(file.name + ".audit-head.json")
    return paths.data_dir / f"store-{store_id(url)}.audit-head.json"


def file_state(path: Path) -> str:
    """``"missing"`` (or empty), ``"plain"`` SQLite, or ``"encrypted"`` (anything else)."""
    try:
        with path.open("rb") as file:
            header = file.read(len(PLAIN_HEADER))
    except FileNotFoundError:
        return "missing"
    except IsADirectoryError:
        raise StoreUnavailableError(
            f"{path} is a folder, not a store file. Give the store's file (for example "
            f"{path / 'workstation.sqlite3'})."
        ) from None
    if not header:
        return "missing"
    return "plain" if header == PLAIN_HEADER else "encrypted"


def open_store(
    explicit_url: str | None,
    *,
    demo: bool,
    ask: PassphrasePrompt | None = None,
    paths: Paths | None = None,
    environ: Mapping[str, str] | None = None,
    kdf: KdfParams | None = None,
) -> Store:
    """Open the unit's store (or the demo store) with its keys; see the module's docstring.

    ``ask(new_store)`` returns the passphrase where the computer has no keyring; ``environ``
    stands for ``os.environ`` and ``kdf`` for the Argon2 costs of a new passphrase (tests).
    """
    paths = paths or Paths.default()
    url = resolve_db_url(explicit_url, paths, demo=demo)
    if demo:
        return _open_demo(url, paths)
    file = sqlite_file(url)
    if file is not None:
        return _open_file(url, file, paths, ask, environ, kdf)
    if url.startswith("sqlite"):
        return Store(url)  # in memory: nothing to protect beyond this process
    return _open_server(url, paths, ask, environ, kdf)


def _open_demo(url: str, paths: Paths) -> Store:
    file = sqlite_file(url)
    assert file is not None  # resolve_db_url gives the demo file for demo=True
    if file.resolve() == paths.store_file.resolve():
        raise StoreUnavailableError("The demo store cannot be the unit's store file.")
    if file_state(file) == "encrypted":
        raise StoreUnavailableError(
            f"{file} is not a demo store: it is encrypted, so it may be a copy of the unit's "
            "store. The demo never opens that; move the file away and start the demo again."
        )
    return Store(url, keys=DEMO_KEYS, anchor=anchor_file_for(url, paths))


def _open_file(
    url: str,
    file: Path,
    paths: Paths,
    ask: PassphrasePrompt | None,
    environ: Mapping[str, str] | None,
    kdf: KdfParams | None,
) -> Store:
    erase_leftovers(file)
    state = file_state(file)
    keys = load_keys(
        url,
        params_file_for(url, paths.data_dir),
        create=state != "encrypted",
        ask_passphrase=ask,
        environ=environ,
        new_params=kdf,
    )
    if state == "plain":
        encrypt_plain_store(file, keys)
    return Store(url, keys=keys, anchor=anchor_file_for(url, paths), encrypted=True)


def _open_server(
    url: str,
    paths: Paths,
    ask: PassphrasePrompt | None,
    environ: Mapping[str, str] | None,
    kdf: KdfParams | None,
) -> Store:
    """A PostgreSQL store: the audit key still comes from the keyring or the passphrase.

    Keys are made only for a store whose audit chain has not begun; another workstation of
    the unit must be given the same keys (see docs/encryption-at-rest.md), never new ones.
    """
    keys = load_keys(
        url,
        params_file_for(url, paths.data_dir),
        create=not _chain_begun(url),
        ask_passphrase=ask,
        environ=environ,
        new_params=kdf,
    )
    return Store(url, keys=keys, anchor=anchor_file_for(url, paths))


def _chain_begun(url: str) -> bool:
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    probe = Store(url, migrate=False)  # throw-away keys: it only reads one row
    try:
        with probe.transaction() as session:
            count = session.execute(text("SELECT count FROM audit_chain_head WHERE id = 1"))
            return bool(count.scalar() or 0)
    except DBAPIError:
        return False  # no chain table yet: a new store, or one before migration 0006
    finally:
        probe.close()


# --- encrypting a plain store -------------------------------------------------------------


def _sqlcipher() -> Any:
    import sqlcipher3.dbapi2  # type: ignore[import-untyped]

    return sqlcipher3.dbapi2


def keyed_connection(path: Path, keys: StoreKeys | None) -> Any:
    """A raw SQLCipher connection to ``path`` under ``keys`` (None: a plain file)."""
    connection = _sqlcipher().connect(str(path))
    connection.execute("PRAGMA cipher_log_level = NONE")
    if keys is not None:
        connection.execute(f'PRAGMA key = "{keys.sqlcipher_key}"')
    return connection


def integrity_problems(connection: Any, *, encrypted: bool) -> list[str]:
    """What ``PRAGMA integrity_check`` and, for an encrypted file, the cipher check report."""
    problems = [str(r[0]) for r in connection.execute("PRAGMA integrity_check") if r[0] != "ok"]
    if encrypted:
        problems += [str(r[0]) for r in connection.execute("PRAGMA cipher_integrity_check")]
    return problems


def _row_counts(connection: Any) -> dict[str, int]:
    names = [
        str(r[0])
        for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    quoted = {n: '"' + n.replace('"', '""') + '"' for n in names}
    # the names come from the schema itself, not from a user
    return {
        n: int(connection.execute(f"SELECT count(*) FROM {q}").fetchone()[0])
        for n, q in quoted.items()
    }


def encrypt_plain_store(path: Path, keys: StoreKeys) -> None:
    """Replace the plain SQLite file at ``path`` by an encrypted copy; erase the plain one.

    The copy is made with ``sqlcipher_export`` beside the file, and must pass
    ``integrity_check``, ``cipher_integrity_check`` and hold as many rows per table as the
    plain file before it takes the file's name (an atomic rename). Until then the plain file
    is untouched, so a failure or a crash leaves the store as it was.
    """
    work = path.with_name(path.name + ENCRYPTING_SUFFIX)
    _remove(work)
    with closing(keyed_connection(path, None)) as plain:
        problems = integrity_problems(plain, encrypted=False)
        if problems:
            raise StoreUnavailableError(
                f"The store {path} is damaged ({problems[0]}), so it was not encrypted. "
                "Restore a backup."
            )
        counts = _row_counts(plain)
        user_version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        plain.execute("ATTACH DATABASE ? AS enc KEY ?", (str(work), keys.sqlcipher_key))
        plain.execute("SELECT sqlcipher_export('enc')")
        plain.execute(f"PRAGMA enc.user_version = {user_version}")  # not copied by the export
        plain.execute("DETACH DATABASE enc")
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        plain.execute("PRAGMA journal_mode = DELETE")  # no plain -wal left to replay later
    try:
        with closing(keyed_connection(work, keys)) as copy:
            problems = integrity_problems(copy, encrypted=True)
            if not problems and _row_counts(copy) != counts:
                problems = ["the copy does not hold the same rows"]
    except Exception:
        _remove(work)
        raise
    if problems:
        _remove(work)
        raise StoreUnavailableError(
            f"Encrypting the store {path} failed its check ({problems[0]}); the store was left "
            "as it was, unencrypted."
        )
    for suffix in ("-wal", "-shm"):
        _remove(path.with_name(path.name + suffix))
    old = path.with_name(path.name + PLAIN_OLD_SUFFIX)
    _remove(old)
    try:
        os.link(path, old)  # a second name for the plain bytes, to overwrite them after
        linked = True
    except OSError:
        linked = False  # a file system without hard links: the rename below unlinks them
    os.replace(work, path)
    if linked:
        erase_file(old)


def erase_leftovers(path: Path) -> None:
    """Finish an encryption a crash interrupted: drop the copy, erase the old plain file."""
    _remove(path.with_name(path.name + ENCRYPTING_SUFFIX))
    old = path.with_name(path.name + PLAIN_OLD_SUFFIX)
    if not old.exists():
        return
    if path.exists() and os.path.samefile(path, old):
        old.unlink()  # the crash came before the rename: the store is still this file
    else:
        erase_file(old)


def erase_file(path: Path) -> None:
    """Overwrite a file with zeros, then delete it.

    On an SSD or a journaling file system old blocks may survive elsewhere; this removes the
    readable copy, and the volume's own encryption (BitLocker) covers the rest.
    """
    size = path.stat().st_size
    with path.open("r+b") as file:
        block = bytes(1 << 20)
        written = 0
        while written < size:
            written += file.write(block[: min(len(block), size - written)])
        file.flush()
        os.fsync(file.fileno())
    path.unlink()


def _remove(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.unlink()
