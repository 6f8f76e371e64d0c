"""Running the command line as a user does: a real process, a real store file, real accounts.

:func:`cli_store` makes a store's first administrator and its other accounts through the
command line itself (``users init`` then ``users add``), once per store; :meth:`CliStore.run`
then signs a user in with the password in ``WORKSTATION_PASSWORD``.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "a test password for the cli"
PASSPHRASE = "the test store's passphrase"
ADMIN = "admin.cli"
# Never taken from the environment the tests run in.
_CLEARED = ("WORKSTATION_PASSWORD", "WORKSTATION_NEW_PASSWORD", "WORKSTATION_DB_URL")


def run_cli(
    *args: str | Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m workstation ARGS``; stdin is not a terminal, so nothing is ever asked."""
    base = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    return subprocess.run(
        [sys.executable, "-m", "workstation", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=120,
        env={**base, "WORKSTATION_PASSPHRASE": PASSPHRASE, **(env or {})},
        check=False,
    )


@dataclass(frozen=True)
class CliStore:
    """A store file with accounts, all with :data:`PASSWORD`."""

    path: Path

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def run(
        self,
        user: str,
        *args: str | Path,
        password: str = PASSWORD,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """The command signed in as ``user`` with ``password``."""
        return run_cli(
            "--db",
            self.url,
            "--user",
            user,
            *args,
            env={"WORKSTATION_PASSWORD": password, **(env or {})},
        )


def cli_store(
    tmp_path: Path, accounts: Mapping[str, str] | None = None, *, name: str = "store.sqlite3"
) -> CliStore:
    """A new store with the administrator :data:`ADMIN` and ``accounts`` (name: role)."""
    store = CliStore(tmp_path / name)
    init = run_cli(
        "--db", store.url, "users", "init", ADMIN, env={"WORKSTATION_PASSWORD": PASSWORD}
    )
    assert init.returncode == 0, init.stderr
    for user, role in (accounts or {}).items():
        added = store.run(
            ADMIN,
            "users",
            "add",
            user,
            "--role",
            role,
            "--justification",
            "accounts for a test of the command line",
            env={"WORKSTATION_NEW_PASSWORD": PASSWORD},
        )
        assert added.returncode == 0, added.stderr
    return store


def connect(db: Path) -> Any:
    """A raw connection to the store file, as someone holding the file would open it.

    A plain SQLite file opens with :mod:`sqlite3`; an encrypted one (SQLCipher) with the key
    derived from :data:`PASSPHRASE`, which the tests' stores are made with.
    """
    with db.open("rb") as file:
        plain = file.read(16) == b"SQLite format 3\x00"
    if plain:
        return sqlite3.connect(db)
    from workstation.opening import keyed_connection
    from workstation.security.secrets import load_keys, params_file_for

    url = f"sqlite:///{db}"
    keys = load_keys(
        url, params_file_for(url, db.parent), environ={"WORKSTATION_PASSPHRASE": PASSPHRASE}
    )
    return keyed_connection(db, keys)


def sign_in_here(monkeypatch: Any) -> None:
    """For ``workstation.cli.main`` run in the test's own process on a :func:`cli_store`:
    the password and the store's passphrase in the environment, nothing asked."""
    monkeypatch.setenv("WORKSTATION_PASSWORD", PASSWORD)
    monkeypatch.setenv("WORKSTATION_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("WORKSTATION_NEW_PASSWORD", raising=False)
