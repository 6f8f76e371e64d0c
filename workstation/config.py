"""Where the workstation keeps its store, logs and settings, and which store it opens."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
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


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite store's URL; None for a server or an in-memory store."""
    from sqlalchemy.engine import make_url  # only when asked: config stays light

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database))


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


SETTINGS_FILE = "settings.json"


def _period(raw: dict[str, object], key: str, legal_maximum: int) -> int:
    """A retention period from the file: a whole number from 1 to the legal maximum, else it."""
    value = raw.get(key)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= legal_maximum:
        return value
    return legal_maximum


@dataclass(frozen=True)
class Settings:
    """The unit's few settings, kept as JSON in the platform's configuration folder."""

    inbox_dir: str | None = None  # the folder watched for new passenger files
    rescreen_hours: int = 72  # how far back a list update re-screens flights
    home_airports: tuple[str, ...] = ("BEG", "SKP")
    # Retention (workstation.services.retention); a file may shorten a period, never lengthen
    # it past the law's (API Directive 2004/82 Art. 6, PNR Directive 2016/681 Art. 12)
    retention_enabled: bool = True
    api_hours: int = 24  # API-only travellers deleted this long after arrival
    pnr_mask_days: int = 183  # PNR data masked this long after its transfer (6 months)
    pnr_delete_years: int = 5  # PNR data deleted this long after its transfer

    @staticmethod
    def path() -> Path:
        return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / SETTINGS_FILE

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The saved settings; defaults for a missing, unreadable or partly wrong file."""
        source = path or cls.path()
        try:
            raw = json.loads(source.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        inbox = raw.get("inbox_dir")
        hours = raw.get("rescreen_hours")
        airports = raw.get("home_airports")
        return cls(
            inbox_dir=inbox if isinstance(inbox, str) and inbox else None,
            rescreen_hours=hours if isinstance(hours, int) and hours > 0 else cls.rescreen_hours,
            home_airports=tuple(a.upper() for a in airports if isinstance(a, str))
            if isinstance(airports, list)
            else cls.home_airports,
            retention_enabled=raw.get("retention_enabled") is not False,
            api_hours=_period(raw, "api_hours", cls.api_hours),
            pnr_mask_days=_period(raw, "pnr_mask_days", cls.pnr_mask_days),
            pnr_delete_years=_period(raw, "pnr_delete_years", cls.pnr_delete_years),
        )

    def save(self, path: Path | None = None) -> Path:
        """Write the settings (atomically: a temporary file renamed over the old one)."""
        target = path or self.path()
        target.parent.mkdir(parents=True, exist_ok=True)
        data = {**asdict(self), "home_airports": list(self.home_airports)}
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        tmp.replace(target)
        return target
