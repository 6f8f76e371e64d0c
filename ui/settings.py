"""What the window remembers between sessions: geometry, splitters, columns, filters, the day.

Settings live in an INI file in the user's configuration directory (tests point
``QSettings.setPath`` for the INI format at a temporary directory).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

ORGANISATION = "passenger-workstation"
APPLICATION = "desk"


def settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def _bytes(value: Any) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_window(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    s = settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    for name, splitter in splitters.items():
        s.setValue(f"splitters/{name}", splitter.saveState())


def restore_window(window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
    """Geometry, toolbars and splitter sizes as last saved; False when nothing was saved."""
    s = settings()
    geometry = _bytes(s.value("window/geometry"))
    if geometry is not None:
        window.restoreGeometry(geometry)
    state = _bytes(s.value("window/state"))
    if state is not None:
        window.restoreState(state)
    for name, splitter in splitters.items():
        saved = _bytes(s.value(f"splitters/{name}"))
        if saved is not None:
            splitter.restoreState(saved)
    return geometry is not None


def save_header(name: str, header: QHeaderView) -> None:
    settings().setValue(f"columns/{name}", header.saveState())


def restore_header(name: str, header: QHeaderView) -> None:
    saved = _bytes(settings().value(f"columns/{name}"))
    if saved is not None:
        header.restoreState(saved)


def save_text(key: str, value: str) -> None:
    settings().setValue(key, value)


def load_text(key: str, default: str = "") -> str:
    value = settings().value(key, default)
    return value if isinstance(value, str) else default


def save_day(day: date) -> None:
    """The chosen day, with the day it was chosen on."""
    s = settings()
    s.setValue("board/day", day.isoformat())
    s.setValue("board/chosen_on", date.today().isoformat())


def load_day() -> date | None:
    """The day chosen earlier today (a new day starts on today's board), else None."""
    s = settings()
    if s.value("board/chosen_on") != date.today().isoformat():
        return None
    try:
        return date.fromisoformat(str(s.value("board/day")))
    except ValueError:
        return None


IDLE_MINUTES_KEY = "security/idle_minutes"
DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 120


def idle_minutes() -> int:
    """Minutes without input before the window locks (kept per user; 10 unless changed)."""
    try:
        minutes = int(str(settings().value(IDLE_MINUTES_KEY, DEFAULT_IDLE_MINUTES)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return min(max(minutes, 1), MAX_IDLE_MINUTES)


def save_idle_minutes(minutes: int) -> None:
    settings().setValue(IDLE_MINUTES_KEY, min(max(int(minutes), 1), MAX_IDLE_MINUTES))
