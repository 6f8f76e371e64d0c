"""Where the workstation keeps its store, logs and settings, and which store it opens."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "PassengerTargetingWorkstation"
APP_AUTHOR = "JAITF"
DB_URL_ENV = "WORKSTATION_DB_URL"
USER_ENV = "WORKSTATION_USER"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    log_dir: Path

    @classmethod
    def default(cls) -> Paths:
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            log_dir=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        )

    @property
    def store_file(self) -> Path:
        """The unit's real store (embedded default)."""
        return self.data_dir / "workstation.sqlite3"

    @property
    def demo_store_file(self) -> Path:
        """The demo store: a separate file that can never be the real one."""
        return self.data_dir / "demo" / "demo-workstation.sqlite3"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def resolve_db_url(explicit: str | None, paths: Paths, *, demo: bool = False) -> str:
    """The store to open: demo store, ``--db``, the environment variable, or the default file."""
    if demo:
        return sqlite_url(paths.demo_store_file)
    if explicit:
        return explicit
    from_env = os.environ.get(DB_URL_ENV)
    if from_env:
        return from_env
    return sqlite_url(paths.store_file)


def current_username() -> str:
    """The operating-system user, until accounts arrive."""
    return (
        os.environ.get(USER_ENV)
        or os.environ.get("USER")
        or os.environ.get("USERNAME")
        or "officer"
    )
