"""Accounts: sign-in with a password, lockout, re-authentication, and the administrator's tools.

A password is hashed with argon2-cffi's defaults and rehashed at the next good sign-in when
those change. Failed attempts in a row lock the account with a growing wait
(:class:`~workstation.security.passwords.LockoutPolicy`). Privileged actions (exports, viewing
masked data, rule and user changes) need an :class:`Approval`: the password typed again and a
justification, both checked here and the justification kept in the audit.

The clock is a parameter (``now``) so tests can set it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db.models import User
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from workstation.security.passwords import (
    LockoutPolicy,
    check_new_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from workstation.security.roles import ROLES, is_privileged, require
from workstation.services.audit import record_event
from workstation.services.views import Actor

LOCKOUT = LockoutPolicy()
APPROVAL_VALIDITY = timedelta(minutes=5)
MIN_JUSTIFICATION = 10


class SignInError(PermissionDeniedError):
    """Wrong name or password, a disabled or locked account: the message says which."""


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    has_password: bool
    failed_logins: int
    last_login_at: datetime | None


@dataclass(frozen=True)
class Approval:
    """Proof that ``user_id`` typed the password again at ``at``, with a justification."""

    user_id: int
    justification: str
    at: datetime


def _actor(user: User) -> Actor:
    return Actor(user.id, user.username, user.display_name, user.role)


def _user_view(user: User) -> UserView:
    return UserView(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        active=user.active,
        has_password=bool(user.password_hash),
        failed_logins=user.failed_logins,
        last_login_at=user.last_login_at,
    )


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidInputError(f"Unknown role {role!r}; expected one of {', '.join(ROLES)}.")


def _by_name(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip()))


def has_accounts(store: Store) -> bool:
    """True once any account with a password exists (else the first administrator is made)."""
    with store.transaction() as session:
        count = session.scalar(select(func.count(User.id)).where(User.password_hash != ""))
        return bool(count)


def create_first_administrator(
    store: Store, username: str, password: str, *, display_name: str | None = None
) -> Actor:
    """The store's first account, an administrator; refused once any account has a password."""
    username = username.strip()
    if not username:
        raise InvalidInputError("A user name is required.")
    check_new_password(password, username)
    with store.transaction() as session:
        if session.scalar(select(func.count(User.id)).where(User.password_hash != "")):
            raise PermissionDeniedError(
                "This store already has accounts; an administrator must create new ones."
            )
        user = _by_name(session, username)
        if user is None:
            user = User(username=username, display_name=display_name or username, role="")
            session.add(user)
        user.role = "administrator"
        user.active = True
        user.password_hash = hash_password(password)
        user.password_changed_at = utcnow()
        session.flush()
        actor = _actor(user)
        record_event(session, actor, "create_user", "user", [user.id], role="administrator")
        return actor


def authenticate(
    store: Store, username: str, password: str, *, now: datetime | None = None
) -> Actor:
    """The account's actor if the password is right; else :class:`SignInError`.

    Failures are counted and audited; a locked account is refused before its password is
    checked. A good sign-in resets the count and rehashes an outdated hash.
    """
    now = now or utcnow()
    with store.transaction() as session:
        user = _by_name(session, username)
        if user is None or not user.password_hash:
            # the same work and words as a wrong password, so names cannot be probed
            verify_password(_dummy_hash(), password)
            raise SignInError("Wrong user name or password.")
        if not user.active:
            raise SignInError(f"The account {user.username!r} is disabled; ask an administrator.")
        if LOCKOUT.is_locked(user.failed_logins, user.last_failed_at, now):
            raise SignInError(LOCKOUT.message(user.failed_logins, user.last_failed_at, now))
        actor = _actor(user)
        if not verify_password(user.password_hash, password):
            user.failed_logins += 1
            user.last_failed_at = now
            record_event(
                session, actor, "sign_in_failed", "user", [user.id], failures=user.failed_logins
            )
            locked = LOCKOUT.message(user.failed_logins, now, now)
            failure = SignInError(locked or "Wrong user name or password.")
        else:
            failure = None
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            user.failed_logins = 0
            user.last_failed_at = None
            user.last_login_at = now
            record_event(session, actor, "sign_in", "user", [user.id])
    if failure is not None:
        raise failure  # raised after the commit, so the failure count is kept
    return actor


def approve(
    store: Store,
    actor: Actor,
    password: str,
    justification: str,
    *,
    now: datetime | None = None,
) -> Approval:
    """Re-authentication for a privileged action: the password again and why."""
    justification = " ".join(justification.split())
    if len(justification) < MIN_JUSTIFICATION:
        raise InvalidInputError(
            f"A justification of at least {MIN_JUSTIFICATION} characters is required "
            "(what for, case or request reference)."
        )
    checked = authenticate(store, actor.username, password, now=now)
    if checked.user_id != actor.user_id:
        raise SignInError("The password is not that of the signed-in user.")
    return Approval(actor.user_id, justification, now or utcnow())


def require_approval(
    actor: Actor, permission: str, approval: Approval | None, *, now: datetime | None = None
) -> str:
    """Check the role, then a fresh approval of this user when the action is privileged.

    Returns the justification to record with the action (empty for a plain action).
    """
    require(actor.role, permission)
    if not is_privileged(permission):
        return approval.justification if approval is not None else ""
    if approval is None:
        raise PermissionDeniedError("This action needs your password again and a justification.")
    if approval.user_id != actor.user_id:
        raise PermissionDeniedError("The approval was given by another user.")
    if (now or utcnow()) - approval.at > APPROVAL_VALIDITY:
        raise PermissionDeniedError(
            "The approval has expired; type your password and the justification again."
        )
    return approval.justification


def create_user(
    store: Store,
    actor: Actor,
    username: str,
    password: str,
    role: str,
    approval: Approval | None,
    *,
    display_name: str | None = None,
) -> UserView:
    """A new account (administrators only, re-authenticated)."""
    justification = require_approval(actor, "manage_users", approval)
    username = username.strip()
    if not username:
        raise InvalidInputError("A user name is required.")
    _check_role(role)
    check_new_password(password, username)
    with store.transaction() as session:
        if _by_name(session, username) is not None:
            raise InvalidInputError(f"The user name {username!r} is taken.")
        user = User(
            username=username,
            display_name=display_name or username,
            role=role,
            password_hash=hash_password(password),
            password_changed_at=utcnow(),
        )
        session.add(user)
        session.flush()
        record_event(
            session, actor, "create_user", "user", [user.id], justification=justification, role=role
        )
        return _user_view(user)


def update_user(
    store: Store,
    actor: Actor,
    username: str,
    approval: Approval | None,
    *,
    role: str | None = None,
    active: bool | None = None,
    password: str | None = None,
    unlock: bool = False,
) -> UserView:
    """Change an account's role, enable or disable it, set its password, or lift a lockout."""
    justification = require_approval(actor, "manage_users", approval)
    with store.transaction() as session:
        user = _by_name(session, username)
        if user is None:
            raise NotFoundError(f"No account named {username!r}.")
        changes: dict[str, object] = {}
        if role is not None and role != user.role:
            _check_role(role)
            changes["role"] = [user.role, role]
            user.role = role
        if active is not None and active != user.active:
            if not active and user.id == actor.user_id:
                raise InvalidInputError("You cannot disable your own account.")
            changes["active"] = active
            user.active = active
        if password is not None:
            check_new_password(password, user.username)
            user.password_hash = hash_password(password)
            user.password_changed_at = utcnow()
            changes["password_set"] = True
        if unlock and user.failed_logins:
            user.failed_logins = 0
            user.last_failed_at = None
            changes["unlocked"] = True
        if changes:
            record_event(
                session,
                actor,
                "update_user",
                "user",
                [user.id],
                justification=justification,
                **changes,
            )
        return _user_view(user)


def change_own_password(store: Store, actor: Actor, old_password: str, new_password: str) -> None:
    """Any signed-in user changes their own password, giving the old one."""
    authenticate(store, actor.username, old_password)
    check_new_password(new_password, actor.username)
    with store.transaction() as session:
        user = session.get(User, actor.user_id)
        if user is None:
            raise NotFoundError("Your account no longer exists.")
        user.password_hash = hash_password(new_password)
        user.password_changed_at = utcnow()
        record_event(session, actor, "change_password", "user", [user.id])


def list_users(store: Store, actor: Actor) -> list[UserView]:
    """Every account, for the administrator's window."""
    require(actor.role, "manage_users")
    with store.transaction() as session:
        return [_user_view(u) for u in session.scalars(select(User).order_by(User.username))]


def sign_in_unchecked(
    store: Store, username: str, *, role: str = "officer", display_name: str | None = None
) -> Actor:
    """The account of that name without a password, made on first use with ``role``.

    Only for the demo store, the self-test and tests: a real store signs users in with
    :func:`authenticate`.
    """
    username = username.strip()
    if not username:
        raise InvalidInputError("A user name is required.")
    _check_role(role)
    with store.transaction() as session:
        user = _by_name(session, username)
        if user is None:
            user = User(username=username, display_name=display_name or username, role=role)
            session.add(user)
            session.flush()
        return _actor(user)


# Kept name for the callers of the first session; same behaviour.
sign_in = sign_in_unchecked


@cache
def _dummy_hash() -> str:
    return hash_password("not a real password, only for timing")
