"""``backup`` and ``rekey`` on the command line (see :mod:`workstation.services.backup`)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from workstation.db.store import Store
from workstation.errors import WorkstationError
from workstation.services.views import Actor

NEW_PASSPHRASE_ENV = "WORKSTATION_NEW_PASSPHRASE"  # noqa: S105 (a variable's name, not a secret)
BACKUP_PASSPHRASE_ENV = "WORKSTATION_BACKUP_PASSPHRASE"  # noqa: S105
BACKUP_COMMANDS = ("backup", "rekey")


def add_backup_commands(commands: Any) -> None:
    b = commands.add_parser(
        "backup",
        help="copy the store to a checked, encrypted backup file (supervisor, administrator)",
        description="Copy the live store with SQLCipher's online backup, under the store's key, "
        "then run both integrity checks on the copy before it takes the name FILE. A store "
        "opened with a passphrase gets FILE.kdf.json beside the copy: keep both together. "
        "To restore, close the workstation and copy FILE (and FILE.kdf.json) over the store.",
    )
    b.add_argument("--out", type=Path, required=True, metavar="FILE")
    b.add_argument(
        "--passphrase",
        action="store_true",
        help="encrypt the backup under a passphrase of its own (an escrow copy that opens on "
        f"any computer; from ${BACKUP_PASSPHRASE_ENV}, else asked twice), with FILE.kdf.json",
    )
    r = commands.add_parser(
        "rekey",
        help="give the store a new database key, after a backup (administrator)",
        description="Back the store up under its current key, change its key, then save the "
        "new key: a new random key in the keyring, or a new passphrase (from "
        f"${NEW_PASSPHRASE_ENV}, else asked twice). Close the workstation's window first.",
    )
    r.add_argument(
        "--backup",
        type=Path,
        metavar="FILE",
        help="where the backup made first goes (default: beside the store, dated)",
    )
    r.add_argument(
        "--passphrase",
        action="store_true",
        help="move a keyring store to a passphrase (a store with a passphrase always gets one)",
    )


def run_backup(store: Store, actor: Actor, args: argparse.Namespace) -> int:
    from workstation.services.backup import backup_store, default_backup_name, rekey_store

    if args.command == "backup":
        own = read_new_passphrase(BACKUP_PASSPHRASE_ENV, "the backup") if args.passphrase else None
        print(backup_store(store, actor, args.out, passphrase=own).describe())
        return 0
    passphrase = None
    if args.passphrase or store.keys.source == "passphrase" or os.environ.get(NEW_PASSPHRASE_ENV):
        passphrase = read_new_passphrase(NEW_PASSPHRASE_ENV, "the store")
    target = args.backup or default_backup_name(store, "before-rekey")
    result = rekey_store(store, actor, target, new_passphrase=passphrase)
    print(f"backup made first: {result.backup.describe()}")
    where = "the keyring" if result.key_source == "keyring" else "the new passphrase"
    print(f"the store has a new key, kept by {where}")
    return 0


def read_new_passphrase(env: str, what: str) -> str:
    """A new passphrase for ``what``: from ``env``, else typed twice on the terminal."""
    value = os.environ.get(env)
    if value:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        raise WorkstationError(f"no new passphrase: set {env} or run from a terminal")
    first = getpass.getpass(f"New passphrase for {what}: ")
    if getpass.getpass("The same passphrase again: ") != first:
        raise WorkstationError("the two passphrases differ; nothing was changed")
    return first
