"""The store's two keys: the database key (SQLCipher) and the audit key (the chain's HMAC).

Kept in the operating system's keyring under a service name per store. Where no keyring
exists (a headless Linux box), both are derived from a passphrase: asked at start through a
callback, or taken from ``WORKSTATION_PASSPHRASE``. The passphrase is stretched with Argon2id
and the result split into the two keys (HKDF-Expand with two contexts). Only the salt, the
Argon2 parameters and a short check value go to disk, in a JSON file beside the store; a key
never does. After a re-key with a new passphrase the audit key cannot be derived again (the
chain's MACs were made with it), so the file then also holds it wrapped: XORed with a third
expansion of the new passphrase's stretched key, which only that passphrase gives.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.errors
from argon2 import Type
from argon2.low_level import hash_secret_raw
from argon2.profiles import RFC_9106_LOW_MEMORY
from sqlalchemy.engine import make_url

from workstation.config import APP_NAME
from workstation.errors import WorkstationError

PASSPHRASE_ENV = "WORKSTATION_PASSPHRASE"  # noqa: S105 (a variable name, not a secret)
KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = 12
_DB_ENTRY, _AUDIT_ENTRY = "database-key", "audit-key"
_DB_INFO, _AUDIT_INFO = b"workstation database key v1", b"workstation audit key v1"
_CHECK_INFO = b"workstation passphrase check v1"
_WRAP_INFO = b"workstation audit key wrap v1"

# Called with True when the store is new (ask twice and confirm); returns the passphrase.
PassphrasePrompt = Callable[[bool], str]


class KeysUnavailableError(WorkstationError):
    """The store's keys cannot be had: no keyring entry, no passphrase, or a wrong passphrase."""


class WrongPassphraseError(KeysUnavailableError):
    """The passphrase given does not open this store (asking again may help)."""


@dataclass(frozen=True)
class StoreKeys:
    """The two keys of one store, and where they came from ("keyring" or "passphrase")."""

    database: bytes = field(repr=False)
    audit: bytes = field(repr=False)
    source: str

    @property
    def sqlcipher_key(self) -> str:
        """The database key as SQLCipher's raw-key literal (no second key derivation)."""
        return f"x'{self.database.hex()}'"


def ephemeral_keys() -> StoreKeys:
    """Random keys for this process only: an in-memory store, a test, the standalone screen."""
    return StoreKeys(os.urandom(KEY_BYTES), os.urandom(KEY_BYTES), "ephemeral")


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters and salt; stored beside the store, not secret."""

    salt: bytes
    time_cost: int = RFC_9106_LOW_MEMORY.time_cost
    memory_cost: int = RFC_9106_LOW_MEMORY.memory_cost  # KiB
    parallelism: int = RFC_9106_LOW_MEMORY.parallelism

    @classmethod
    def new(cls, *, time_cost: int | None = None, memory_cost: int | None = None) -> KdfParams:
        """A fresh random salt; lower costs only for tests."""
        return cls(
            salt=os.urandom(16),
            time_cost=time_cost or RFC_9106_LOW_MEMORY.time_cost,
            memory_cost=memory_cost or RFC_9106_LOW_MEMORY.memory_cost,
        )


def store_id(url: str) -> str:
    """A short stable id for a store: a hash of its file path or its server address."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        identity = "sqlite:" + str(Path(str(parsed.database)).resolve())
    else:
        # The server and database, whatever the driver or password: one store, one id.
        identity = (
            f"{parsed.get_backend_name()}://{parsed.username or ''}@{parsed.host or ''}:"
            f"{parsed.port or ''}/{parsed.database or ''}"
        )
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]


def service_name(url: str) -> str:
    """The keyring service under which this store's keys are kept."""
    return f"{APP_NAME}/store-{store_id(url)}"


def params_file_for(url: str, data_dir: Path) -> Path:
    """Where the passphrase parameters live: beside an SQLite file, else in the data folder."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        database = Path(str(parsed.database))
        return database.with_name(database.name + ".kdf.json")
    return data_dir / f"store-{store_id(url)}.kdf.json"


def keyring_available() -> bool:
    """False on a box without a keyring backend (keyring's fail backend, or no backend)."""
    try:
        backend = keyring.get_keyring()
    except keyring.errors.KeyringError:
        return False
    return not isinstance(backend, keyring.backends.fail.Keyring)


def _expand(master: bytes, info: bytes) -> bytes:
    """HKDF-Expand (RFC 5869) for one 32-byte block."""
    return hmac.new(master, info + b"\x01", hashlib.sha256).digest()


def _master(passphrase: str, params: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        params.salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def derive_keys(
    passphrase: str, params: KdfParams, *, wrapped_audit: bytes | None = None
) -> tuple[StoreKeys, str]:
    """The two keys stretched from ``passphrase``, and the check value stored with the salt.

    ``wrapped_audit`` (a re-keyed store's parameter file) gives the audit key instead of
    deriving it.
    """
    master = _master(passphrase, params)
    audit = (
        _expand(master, _AUDIT_INFO)
        if wrapped_audit is None
        else _xor(wrapped_audit, _expand(master, _WRAP_INFO))
    )
    keys = StoreKeys(_expand(master, _DB_INFO), audit, "passphrase")
    return keys, _expand(master, _CHECK_INFO)[:8].hex()


def _write_params(
    path: Path, params: KdfParams, check: str, wrapped_audit: bytes | None = None
) -> None:
    data: dict[str, object] = {
        "version": 1 if wrapped_audit is None else 2,
        "kdf": "argon2id",
        "salt": base64.b64encode(params.salt).decode("ascii"),
        "time_cost": params.time_cost,
        "memory_cost": params.memory_cost,
        "parallelism": params.parallelism,
        "check": check,
    }
    if wrapped_audit is not None:
        data["audit_wrapped"] = wrapped_audit.hex()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tmp.replace(path)


def _read_params(path: Path) -> tuple[KdfParams, str, bytes | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("kdf") != "argon2id":
            raise ValueError("not an argon2id parameter file")
        params = KdfParams(
            salt=base64.b64decode(data["salt"], validate=True),
            time_cost=int(data["time_cost"]),
            memory_cost=int(data["memory_cost"]),
            parallelism=int(data["parallelism"]),
        )
        wrapped = data.get("audit_wrapped")
        wrapped_audit = bytes.fromhex(wrapped) if wrapped is not None else None
        if wrapped_audit is not None and len(wrapped_audit) != KEY_BYTES:
            raise ValueError("the wrapped audit key has the wrong length")
        return params, str(data["check"]), wrapped_audit
    except (OSError, ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise KeysUnavailableError(
            f"The key parameters in {path} cannot be read ({exc}). Restore this file from the "
            "backup made with the store; without it the store cannot be opened."
        ) from exc


def _passphrase(creating: bool, ask: PassphrasePrompt | None, environ: Mapping[str, str]) -> str:
    value = environ.get(PASSPHRASE_ENV) or (ask(creating) if ask is not None else "")
    if not value:
        raise KeysUnavailableError(
            "This computer has no keyring for the store's keys. Start the workstation where it "
            f"can ask for the passphrase, or set {PASSPHRASE_ENV}."
        )
    if creating and len(value) < MIN_PASSPHRASE_LENGTH:
        raise KeysUnavailableError(
            f"The passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters."
        )
    return value


def _keys_from_passphrase(
    params_file: Path,
    ask: PassphrasePrompt | None,
    environ: Mapping[str, str],
    create: bool,
    new_params: KdfParams | None,
) -> StoreKeys:
    if params_file.exists():
        params, check, wrapped = _read_params(params_file)
        keys, actual = derive_keys(_passphrase(False, ask, environ), params, wrapped_audit=wrapped)
        if not hmac.compare_digest(actual, check):
            raise WrongPassphraseError("Wrong passphrase for this store. Try again.")
        return keys
    if not create:
        raise KeysUnavailableError(
            f"The key parameters of this store ({params_file.name}) are missing. Restore the "
            "file from the backup made with the store."
        )
    params = new_params or KdfParams.new()
    keys, check = derive_keys(_passphrase(True, ask, environ), params)
    _write_params(params_file, params, check)
    return keys


def _keys_from_keyring(service: str, create: bool) -> StoreKeys:
    db_text, audit_text = (keyring.get_password(service, e) for e in (_DB_ENTRY, _AUDIT_ENTRY))
    if db_text is None and audit_text is None and create:
        fresh = os.urandom(KEY_BYTES), os.urandom(KEY_BYTES)
        for entry, key in zip((_DB_ENTRY, _AUDIT_ENTRY), fresh, strict=True):
            keyring.set_password(service, entry, base64.b64encode(key).decode("ascii"))
        return StoreKeys(fresh[0], fresh[1], "keyring")
    if db_text is None or audit_text is None:
        raise KeysUnavailableError(
            f"The keyring of this computer lacks the keys of this store ({service}). Sign in "
            "as the Windows/desktop user who created it, or restore the keys from escrow."
        )
    try:
        database = base64.b64decode(db_text, validate=True)
        audit = base64.b64decode(audit_text, validate=True)
    except binascii.Error as exc:
        raise KeysUnavailableError(f"The keyring entry {service} is damaged.") from exc
    if len(database) != KEY_BYTES or len(audit) != KEY_BYTES:
        raise KeysUnavailableError(f"The keyring entry {service} is damaged.")
    return StoreKeys(database, audit, "keyring")


def load_keys(
    url: str,
    params_file: Path,
    *,
    create: bool = False,
    ask_passphrase: PassphrasePrompt | None = None,
    environ: Mapping[str, str] | None = None,
    new_params: KdfParams | None = None,
) -> StoreKeys:
    """The keys of the store at ``url``; made new only when ``create`` (a store not yet made).

    A store that has a passphrase file, or is created while ``WORKSTATION_PASSPHRASE`` is set,
    or where the computer has no keyring, uses the passphrase; every other store the keyring.
    """
    env = os.environ if environ is None else environ
    if params_file.exists() or (create and env.get(PASSPHRASE_ENV)):
        return _keys_from_passphrase(params_file, ask_passphrase, env, create, new_params)
    if keyring_available():
        try:
            return _keys_from_keyring(service_name(url), create)
        except keyring.errors.NoKeyringError:
            pass  # a chained backend with nothing behind it: fall back to the passphrase
        except keyring.errors.KeyringError as exc:
            raise KeysUnavailableError(
                f"The keyring refused the store's keys ({exc}). Unlock the keyring and try again."
            ) from exc
    return _keys_from_passphrase(params_file, ask_passphrase, env, create, new_params)


@dataclass(frozen=True)
class KeyChange:
    """A new database key for a re-key, saved only once the store has taken it."""

    keys: StoreKeys
    params: KdfParams | None = None  # None: the key goes to the keyring
    check: str = ""
    wrapped_audit: bytes | None = field(default=None, repr=False)


def new_database_key(
    current: StoreKeys, *, passphrase: str | None = None, params: KdfParams | None = None
) -> KeyChange:
    """A new database key; the audit key stays, since the chain's MACs were made with it.

    With ``passphrase`` the store moves to (or stays in) passphrase mode under it; without,
    a keyring store gets a new random key.
    """
    if passphrase is None:
        if current.source != "keyring":
            raise KeysUnavailableError(
                "This store's keys come from a passphrase: give a new passphrase to re-key it."
            )
        return KeyChange(StoreKeys(os.urandom(KEY_BYTES), current.audit, "keyring"))
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise KeysUnavailableError(
            f"The new passphrase needs at least {MIN_PASSPHRASE_LENGTH} characters."
        )
    params = params or KdfParams.new()
    master = _master(passphrase, params)
    keys = StoreKeys(_expand(master, _DB_INFO), current.audit, "passphrase")
    wrapped = _xor(current.audit, _expand(master, _WRAP_INFO))
    return KeyChange(keys, params, _expand(master, _CHECK_INFO)[:8].hex(), wrapped)


def save_key_change(url: str, params_file: Path, change: KeyChange) -> None:
    """Keep the new key where :func:`load_keys` will look for it next time."""
    if change.params is not None:
        _write_params(params_file, change.params, change.check, change.wrapped_audit)
        return
    try:
        keyring.set_password(
            service_name(url), _DB_ENTRY, base64.b64encode(change.keys.database).decode("ascii")
        )
    except keyring.errors.KeyringError as exc:
        raise KeysUnavailableError(
            f"The keyring refused the new key ({exc}). Unlock the keyring and try again."
        ) from exc
