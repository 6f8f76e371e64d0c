"""Password hashes, password rules and the lockout policy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher

from workstation.errors import InvalidInputError
from workstation.security.passwords import (
    LockoutPolicy,
    check_new_password,
    hash_password,
    needs_rehash,
    password_problems,
    verify_password,
)

GOOD = "correct horse battery"
T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def test_a_hash_verifies_its_password_and_refuses_another() -> None:
    stored = hash_password(GOOD)
    assert stored.startswith("$argon2id$")
    assert GOOD not in stored
    assert verify_password(stored, GOOD)
    assert not verify_password(stored, GOOD + "!")


def test_two_hashes_of_one_password_differ_by_their_salt() -> None:
    assert hash_password(GOOD) != hash_password(GOOD)


def test_an_unreadable_stored_hash_refuses_sign_in_instead_of_crashing() -> None:
    assert not verify_password("not-a-hash", GOOD)
    assert not verify_password("", GOOD)


def test_a_hash_made_with_other_parameters_needs_rehash() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    old = hash_password(GOOD, weak)
    assert verify_password(old, GOOD)  # the default hasher reads parameters from the hash
    assert needs_rehash(old)
    assert not needs_rehash(hash_password(GOOD))
    assert needs_rehash("garbage")


def test_a_new_password_needs_twelve_characters() -> None:
    problems = password_problems("short", "ana")
    assert problems == ["The password has 5 characters; it needs at least 12."]
    assert password_problems("twelve chars", "ana") == []


def test_a_new_password_must_not_be_or_contain_the_user_name() -> None:
    assert password_problems("Officer.Petrovic", "officer.petrovic") == [
        "The password must not be the user name."
    ]
    assert password_problems("my officer.petrovic 2025", "officer.petrovic") == [
        "The password must not contain the user name."
    ]


def test_refusing_a_new_password_names_every_broken_rule() -> None:
    with pytest.raises(InvalidInputError) as caught:
        check_new_password("anaana", "anaana")
    assert "at least 12" in str(caught.value)
    assert "must not be the user name" in str(caught.value)
    check_new_password("a long enough passphrase", "anaana")


def test_sign_in_is_not_refused_before_the_fifth_failure() -> None:
    policy = LockoutPolicy()
    assert [policy.delay_after(n) for n in range(5)] == [timedelta(0)] * 5
    assert not policy.is_locked(4, T0, T0)


def test_the_wait_doubles_after_each_failure_beyond_the_fifth_up_to_fifteen_minutes() -> None:
    policy = LockoutPolicy()
    seconds = [policy.delay_after(n).total_seconds() for n in range(5, 12)]
    assert seconds == [30, 60, 120, 240, 480, 900, 900]
    assert policy.delay_after(10_000) == timedelta(minutes=15)


def test_a_locked_account_opens_again_when_the_delay_has_passed() -> None:
    policy = LockoutPolicy()
    assert policy.is_locked(6, T0, T0 + timedelta(seconds=59))
    assert not policy.is_locked(6, T0, T0 + timedelta(seconds=60))
    assert not policy.is_locked(6, None, T0)


def test_naive_times_are_read_as_utc() -> None:
    policy = LockoutPolicy()
    naive = T0.replace(tzinfo=None)
    assert policy.is_locked(5, naive, T0 + timedelta(seconds=10))
    assert policy.locked_until(5, naive) == T0 + timedelta(seconds=30)


def test_the_lockout_message_says_how_long_to_wait() -> None:
    policy = LockoutPolicy()
    text = policy.message(7, T0, T0 + timedelta(seconds=20))
    assert text.startswith("Too many failed sign-in attempts (7). Try again in 1 min 40 s")
    assert policy.message(7, T0, T0 + timedelta(minutes=3)) == ""


def test_a_policy_with_impossible_values_is_refused() -> None:
    with pytest.raises(ValueError):
        LockoutPolicy(max_attempts=0)
    with pytest.raises(ValueError):
        LockoutPolicy(base_delay=timedelta(hours=1), max_delay=timedelta(minutes=1))
