"""Passwords: Argon2id hashes, the rules a new password must meet, and lockout after failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workstation.errors import InvalidInputError

MIN_LENGTH = 12
MAX_LENGTH = 1024  # hashing a megabyte on every sign-in attempt would be a denial of service

_DEFAULT_HASHER = PasswordHasher()  # argon2-cffi's defaults (RFC 9106 low-memory profile)


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    """The encoded Argon2id hash to store (it carries its own salt and parameters)."""
    return (hasher or _DEFAULT_HASHER).hash(password)


def verify_password(stored_hash: str, password: str, hasher: PasswordHasher | None = None) -> bool:
    """True when ``password`` matches; False for a wrong password or an unreadable stored hash."""
    try:
        return (hasher or _DEFAULT_HASHER).verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str, hasher: PasswordHasher | None = None) -> bool:
    """True when the hash was made with other parameters: rehash it after a good sign-in."""
    try:
        return (hasher or _DEFAULT_HASHER).check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True


def password_problems(password: str, username: str) -> list[str]:
    """What is wrong with a new password, in words a user can act on; empty when acceptable."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(
            f"The password has {len(password)} characters; it needs at least {MIN_LENGTH}."
        )
    if len(password) > MAX_LENGTH:
        problems.append(f"The password is longer than {MAX_LENGTH} characters.")
    name = username.strip().casefold()
    candidate = password.strip().casefold()
    if name and candidate == name:
        problems.append("The password must not be the user name.")
    elif len(name) >= 4 and name in candidate:
        problems.append("The password must not contain the user name.")
    if password and not password.strip():
        problems.append("The password must not be only spaces.")
    return problems


def check_new_password(password: str, username: str) -> None:
    """Refuse a new password that breaks the rules, naming every rule it breaks."""
    problems = password_problems(password, username)
    if problems:
        raise InvalidInputError(" ".join(problems))


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class LockoutPolicy:
    """After ``max_attempts`` failures in a row, each further attempt waits longer.

    The wait after the ``max_attempts``-th failure is ``base_delay``, then multiplied by
    ``factor`` for each further failure, never more than ``max_delay``. A good sign-in resets
    the count (the caller keeps it, with the time of the last failure).
    """

    max_attempts: int = 5
    base_delay: timedelta = timedelta(seconds=30)
    factor: float = 2.0
    max_delay: timedelta = timedelta(minutes=15)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.factor < 1:
            raise ValueError("factor must be at least 1")
        if self.base_delay < timedelta(0) or self.max_delay < self.base_delay:
            raise ValueError("delays must satisfy 0 <= base_delay <= max_delay")

    def delay_after(self, failures: int) -> timedelta:
        """How long sign-in stays refused after ``failures`` failures in a row."""
        if failures < self.max_attempts:
            return timedelta(0)
        steps = failures - self.max_attempts
        # Compare in seconds before multiplying out, so a huge count cannot overflow timedelta.
        cap = self.max_delay.total_seconds()
        seconds = self.base_delay.total_seconds()
        for _ in range(steps):
            seconds *= self.factor
            if seconds >= cap:
                return self.max_delay
        return min(timedelta(seconds=seconds), self.max_delay)

    def locked_until(self, failures: int, last_failure_at: datetime | None) -> datetime | None:
        """When sign-in is allowed again (UTC), or None when it is not refused at all."""
        delay = self.delay_after(failures)
        if last_failure_at is None or delay <= timedelta(0):
            return None
        return _as_utc(last_failure_at) + delay

    def is_locked(self, failures: int, last_failure_at: datetime | None, now: datetime) -> bool:
        """True while sign-in must be refused; ``now`` is passed in so tests can set the clock."""
        until = self.locked_until(failures, last_failure_at)
        return until is not None and _as_utc(now) < until

    def message(self, failures: int, last_failure_at: datetime | None, now: datetime) -> str:
        """What to tell the user at the sign-in window while locked; empty when not locked."""
        until = self.locked_until(failures, last_failure_at)
        if until is None or _as_utc(now) >= until:
            return ""
        wait = until - _as_utc(now)
        minutes, seconds = divmod(int(wait.total_seconds() + 0.999), 60)
        span = f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
        return (
            f"Too many failed sign-in attempts ({failures}). Try again in {span}, "
            "or ask an administrator."
        )
