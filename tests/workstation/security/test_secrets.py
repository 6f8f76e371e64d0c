"""The store's keys: keyring, passphrase, and never a key on disk."""

from __future__ import annotations

import json
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.errors
import pytest

from tests.conftest import MemoryKeyring
from workstation.security.secrets import (
    PASSPHRASE_ENV,
    KdfParams,
    KeysUnavailableError,
    StoreKeys,
    derive_keys,
    keyring_available,
    load_keys,
    params_file_for,
    service_name,
    store_id,
)

PASSPHRASE = "belgrade airport night shift"


def fast() -> KdfParams:
    return KdfParams.new(time_cost=1, memory_cost=8 * 1024)


def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite3'}"


def test_a_store_id_follows_the_file_not_the_spelling_of_its_path(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    assert store_id(f"sqlite:///{tmp_path}/sub/../a.db") == store_id(f"sqlite:///{tmp_path}/a.db")
    assert store_id(f"sqlite:///{tmp_path}/a.db") != store_id(f"sqlite:///{tmp_path}/b.db")
    assert store_id("postgresql://ws:one@pg/ws") == store_id("postgresql+psycopg://ws:two@pg/ws")
    assert store_id("postgresql://ws@pg/ws") != store_id("postgresql://ws@pg/other")
    assert store_id(f"sqlite+pysqlcipher:///{tmp_path}/a.db") == store_id(
        f"sqlite:///{tmp_path}/a.db"
    )
    assert service_name("postgresql://pg/ws").startswith("PassengerTargetingWorkstation/store-")


def test_the_parameter_file_sits_beside_an_sqlite_store(tmp_path: Path) -> None:
    assert params_file_for(store_url(tmp_path), tmp_path / "data") == (
        tmp_path / "store.sqlite3.kdf.json"
    )
    pg = params_file_for("postgresql://pg/ws", tmp_path / "data")
    assert pg.parent == tmp_path / "data" and pg.name.endswith(".kdf.json")


def test_a_new_store_gets_two_random_keys_in_the_keyring(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    params = tmp_path / "store.sqlite3.kdf.json"
    keys = load_keys(store_url(tmp_path), params, create=True, environ={})
    assert keys.source == "keyring"
    assert len(keys.database) == len(keys.audit) == 32 and keys.database != keys.audit
    assert len(memory_keyring.entries) == 2
    assert not params.exists()
    again = load_keys(store_url(tmp_path), params, environ={})
    assert again == keys
    assert keys.database.hex() not in repr(keys)


def test_opening_a_store_whose_keys_are_not_in_the_keyring_is_refused(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    with pytest.raises(KeysUnavailableError, match="lacks the keys"):
        load_keys(store_url(tmp_path), tmp_path / "p.json", environ={})
    assert memory_keyring.entries == {}


def test_without_a_keyring_the_keys_come_from_the_passphrase(
    tmp_path: Path, no_keyring: None
) -> None:
    assert not keyring_available()
    params = tmp_path / "store.sqlite3.kdf.json"
    asked: list[bool] = []

    def ask(creating: bool) -> str:
        asked.append(creating)
        return PASSPHRASE

    url = store_url(tmp_path)
    made = load_keys(url, params, create=True, ask_passphrase=ask, environ={}, new_params=fast())
    opened = load_keys(url, params, ask_passphrase=ask, environ={})
    assert asked == [True, False]
    assert made == opened and made.source == "passphrase"
    assert made.database != made.audit


def test_the_parameter_file_holds_no_key_and_no_passphrase(
    tmp_path: Path, no_keyring: None
) -> None:
    params = tmp_path / "store.sqlite3.kdf.json"
    keys = load_keys(
        store_url(tmp_path),
        params,
        create=True,
        environ={PASSPHRASE_ENV: PASSPHRASE},
        new_params=fast(),
    )
    text = params.read_text(encoding="utf-8")
    assert set(json.loads(text)) == {
        "version", "kdf", "salt", "time_cost", "memory_cost", "parallelism", "check",
    }  # fmt: skip
    for secret in (keys.database.hex(), keys.audit.hex(), PASSPHRASE):
        assert secret not in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite3.kdf.json"]


def test_a_wrong_passphrase_is_told_as_such(tmp_path: Path, no_keyring: None) -> None:
    params = tmp_path / "p.json"
    url = store_url(tmp_path)
    load_keys(url, params, create=True, environ={PASSPHRASE_ENV: PASSPHRASE}, new_params=fast())
    with pytest.raises(KeysUnavailableError, match="Wrong passphrase"):
        load_keys(url, params, environ={PASSPHRASE_ENV: PASSPHRASE + "x"})


def test_the_environment_passphrase_wins_over_the_keyring_for_a_new_store(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    params = tmp_path / "p.json"
    env = {PASSPHRASE_ENV: PASSPHRASE}
    keys = load_keys(store_url(tmp_path), params, create=True, environ=env, new_params=fast())
    assert keys.source == "passphrase" and memory_keyring.entries == {}
    assert load_keys(store_url(tmp_path), params, environ=env) == keys


def test_no_keyring_and_no_passphrase_says_what_to_do(tmp_path: Path, no_keyring: None) -> None:
    with pytest.raises(KeysUnavailableError, match=PASSPHRASE_ENV):
        load_keys(store_url(tmp_path), tmp_path / "p.json", create=True, environ={})


def test_a_short_passphrase_is_refused_for_a_new_store(tmp_path: Path, no_keyring: None) -> None:
    with pytest.raises(KeysUnavailableError, match="at least 12"):
        load_keys(store_url(tmp_path), tmp_path / "p.json", create=True, environ={
            PASSPHRASE_ENV: "short"
        })  # fmt: skip
    assert not (tmp_path / "p.json").exists()


def test_a_damaged_parameter_file_is_told_apart_from_a_wrong_passphrase(
    tmp_path: Path, no_keyring: None
) -> None:
    params = tmp_path / "p.json"
    params.write_text('{"kdf": "argon2id", "salt": "%%%"}', encoding="utf-8")
    with pytest.raises(KeysUnavailableError, match="cannot be read"):
        load_keys(store_url(tmp_path), params, environ={PASSPHRASE_ENV: PASSPHRASE})


def test_the_same_passphrase_and_salt_give_the_same_keys_and_another_salt_others() -> None:
    params = fast()
    first, check = derive_keys(PASSPHRASE, params)
    second, check_again = derive_keys(PASSPHRASE, params)
    other, other_check = derive_keys(PASSPHRASE, fast())
    assert (first, check) == (second, check_again)
    assert other.database != first.database and other_check != check


def test_the_sqlcipher_key_is_a_raw_key_literal() -> None:
    keys = StoreKeys(bytes(range(32)), bytes(32), "keyring")
    assert keys.sqlcipher_key == "x'" + bytes(range(32)).hex() + "'"


class LockedKeyring(MemoryKeyring):
    """A keyring that is there but refuses to store (locked, or denied by policy)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("the keyring is locked")


def test_a_keyring_refusing_the_keys_is_told_as_such(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    try:
        with pytest.raises(KeysUnavailableError, match="Unlock the keyring"):
            load_keys(store_url(tmp_path), tmp_path / "p.json", create=True, environ={})
    finally:
        keyring.set_keyring(previous)
