"""A service call run in its own process, so a test can kill it with SIGKILL halfway through.

Run: python tests/workstation/robust_worker.py URL DB_KEY_HEX AUDIT_KEY_HEX KIND NAME FILE...
KIND is "passengers" (import_passenger_files; NAME is unused) or "watchlist" (import_watchlist
into the list NAME). The store is opened with the given keys, the same the test checks with, so
the audit chain can be verified after the kill. Each progress report is printed as one flushed
line "progress DONE TOTAL TEXT", and "done" at the end, for the test to know when writing has
begun. On SQLite the page cache is kept small (see ``_small_cache``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from workstation.db.store import Store
from workstation.security.secrets import StoreKeys
from workstation.services.imports import import_passenger_files
from workstation.services.users import sign_in_unchecked
from workstation.services.watchlists import import_watchlist

WORKER_USER = "robust.worker"


def _small_cache(dbapi_connection: Any, _record: Any) -> None:
    # Uncommitted pages reach the write-ahead log once the page cache is full; a small cache
    # makes that happen from the first rows, as it does in any big import, so the test sees
    # the log grow and kills the worker while it is writing, not before or after its commit.
    dbapi_connection.execute("PRAGMA cache_size = -256")


def _report(done: int, total: int, text: str) -> None:
    print(f"progress {done} {total} {text}", flush=True)


def main(argv: list[str]) -> None:
    url, db_key, audit_key, kind, name = argv[:5]
    files = [Path(f) for f in argv[5:]]
    keys = StoreKeys(database=bytes.fromhex(db_key), audit=bytes.fromhex(audit_key), source="test")
    store = Store(url, keys=keys)
    if store.dialect == "sqlite":
        event.listen(store.engine, "connect", _small_cache)
        store.engine.dispose()
    actor = sign_in_unchecked(store, WORKER_USER, role="supervisor")
    print("started", flush=True)
    if kind == "passengers":
        import_passenger_files(store, actor, files, progress=_report)
    elif kind == "watchlist":
        import_watchlist(store, actor, files, name, progress=_report)
    else:
        raise SystemExit(f"unknown kind {kind!r}")
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
