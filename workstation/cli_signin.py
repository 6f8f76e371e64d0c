"""Signing in on the command line, and the approvals its privileged commands need.

The password comes from ``WORKSTATION_PASSWORD`` when set (scripts, scheduled jobs, tests), else
it is asked on the terminal without echo. It is never an argument: other users of the computer
can read a process's arguments. The same password, kept in memory for the one command, is typed
"again" for an approval (:func:`workstation.services.users.approve`), so a privileged command
asks once and still records who approved it and why.

The demo store signs its demo account in without a password: it holds generated data only.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InvalidInputError, WorkstationError
from workstation.services.users import (
    MIN_JUSTIFICATION,
    Approval,
    approve,
    authenticate,
    has_accounts,
    sign_in_unchecked,
)
from workstation.services.views import Actor

PASSWORD_ENV = "WORKSTATION_PASSWORD"  # noqa: S105 (a variable's name, not a secret)
NEW_PASSWORD_ENV = "WORKSTATION_NEW_PASSWORD"  # noqa: S105
DEMO_USER = "demo"

Approver = Callable[[str], Approval]  # a checked justification -> an approval


@dataclass(frozen=True)
class SignedIn:
    """Who runs this command, and how to get an approval for a privileged action."""

    actor: Actor
    password: str | None = field(repr=False)  # None for the demo account
    approver: Approver = field(repr=False)

    def approval(self, justification: str | None, option: str = "--justification") -> Approval:
        """An approval for one privileged action, or a clear error naming ``option``."""
        return self.approver(checked_justification(justification, option))


def checked_justification(text: str | None, option: str = "--justification") -> str:
    """The justification with its spaces tidied, or an error saying what to give."""
    tidy = " ".join((text or "").split())
    if len(tidy) < MIN_JUSTIFICATION:
        raise InvalidInputError(
            f"This command needs {option} TEXT: why, and for whom or which case "
            f"(at least {MIN_JUSTIFICATION} characters, kept in the audit)."
        )
    return tidy


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def read_password(username: str) -> str:
    """The signing-in user's password: the environment variable, else asked on the terminal."""
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    if _interactive():
        return getpass.getpass(f"Password for {username}: ")
    raise WorkstationError(f"no password: set {PASSWORD_ENV} or run from a terminal")


def ask_passphrase(creating: bool) -> str:
    """The store's passphrase typed on the terminal (twice for a new store); empty without one.

    Only asked where the computer has no keyring and ``WORKSTATION_PASSPHRASE`` is not set;
    an empty answer lets :func:`~workstation.security.secrets.load_keys` say what to do.
    """
    if not _interactive():
        return ""
    first = getpass.getpass("Passphrase of the store: ")
    if creating and getpass.getpass("The same passphrase again: ") != first:
        raise InvalidInputError("The two passphrases differ; the store was not created.")
    return first


def read_new_password(username: str, env: str) -> str:
    """A new password for ``username``: from ``env``, else typed twice on the terminal."""
    value = os.environ.get(env)
    if value:
        return value
    if not _interactive():
        raise WorkstationError(f"no new password for {username}: set {env} or run from a terminal")
    first = getpass.getpass(f"New password for {username}: ")
    if getpass.getpass("The same password again: ") != first:
        raise InvalidInputError("The two passwords differ; nothing was changed.")
    return first


def sign_in(store: Store, username: str | None, *, demo: bool, current_user: str) -> SignedIn:
    """Authenticate ``username`` (default ``current_user``); the demo store: its demo account."""
    if demo:
        actor = sign_in_unchecked(store, DEMO_USER, role="supervisor", display_name="Demo")

        def demo_approval(justification: str) -> Approval:
            return Approval(actor.user_id, justification, utcnow())

        return SignedIn(actor, None, demo_approval)
    if not has_accounts(store):
        raise WorkstationError(
            "This store has no accounts yet: create the first administrator with "
            "`python -m workstation users init NAME`."
        )
    name = username or current_user
    password = read_password(name)
    actor = authenticate(store, name, password)

    def approval(justification: str) -> Approval:
        return approve(store, actor, password, justification)

    return SignedIn(actor, password, approval)
