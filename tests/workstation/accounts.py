"""Accounts for tests: an actor of each role, and approvals for privileged actions.

Roles come from ``sign_in_unchecked`` (no password). An approval needs the password typed
again, so :func:`approval_for` first has the tests' administrator set the actor's password
(the way an administrator would), then approves with it. Hashing is real (argon2), so a test
asks for approvals only where it needs them.
"""

from __future__ import annotations

from datetime import datetime
from weakref import WeakKeyDictionary

from workstation.db.store import Store
from workstation.services.users import (
    Approval,
    approve,
    authenticate,
    create_first_administrator,
    has_accounts,
    sign_in_unchecked,
    update_user,
)
from workstation.services.views import Actor

PASSWORD = "Correct horse battery staple 42"
ADMINISTRATOR = "admin.tests"
JUSTIFICATION = "Test case TC-42: approved by the test"

_with_password: WeakKeyDictionary[Store, set[str]] = WeakKeyDictionary()


def supervisor_of(store: Store, username: str = "supervisor.ilic") -> Actor:
    return sign_in_unchecked(store, username, role="supervisor", display_name="Marija Ilić")


def auditor_of(store: Store, username: str = "auditor.kovac") -> Actor:
    return sign_in_unchecked(store, username, role="auditor", display_name="Ivan Kovač")


def administrator_of(store: Store) -> Actor:
    """The tests' administrator, with :data:`PASSWORD` (made first, when the store has none)."""
    if not has_accounts(store):
        actor = create_first_administrator(store, ADMINISTRATOR, PASSWORD)
        _with_password.setdefault(store, set()).add(ADMINISTRATOR)
        return actor
    return authenticate(store, ADMINISTRATOR, PASSWORD)


def give_password(store: Store, actor: Actor) -> None:
    """Have the administrator set ``actor``'s password to :data:`PASSWORD` (once per store)."""
    done = _with_password.setdefault(store, set())
    if actor.username in done:
        return
    admin = administrator_of(store)
    if actor.username != admin.username:
        setup = approve(store, admin, PASSWORD, "Test setup: give the account a password")
        update_user(store, admin, actor.username, setup, password=PASSWORD)
    done.add(actor.username)


def approval_for(
    store: Store,
    actor: Actor,
    justification: str = JUSTIFICATION,
    *,
    now: datetime | None = None,
) -> Approval:
    """``actor``'s approval for a privileged action, as if they typed their password again."""
    give_password(store, actor)
    return approve(store, actor, PASSWORD, justification, now=now)
