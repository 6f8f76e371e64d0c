"""Users. Until accounts with passwords arrive, the operating-system user is signed in by name."""

from __future__ import annotations

from sqlalchemy import select

from workstation.db.models import User
from workstation.db.store import Store
from workstation.errors import InvalidInputError
from workstation.services.views import Actor

ROLES = ("officer", "supervisor", "administrator", "auditor")


def sign_in(
    store: Store, username: str, *, role: str = "officer", display_name: str | None = None
) -> Actor:
    """The user of that name, created on first sign-in with the given role."""
    username = username.strip()
    if not username:
        raise InvalidInputError("A user name is required.")
    if role not in ROLES:
        raise InvalidInputError(f"Unknown role {role!r}; expected one of {', '.join(ROLES)}.")
    with store.transaction() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            user = User(username=username, display_name=display_name or username, role=role)
            session.add(user)
            session.flush()
        return Actor(user.id, user.username, user.display_name, user.role)
