"""The one translation function: every user-visible string goes through ``_()``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "workstation"


def _(text: str) -> str:
    """``text`` in the user's language, once Serbian and Macedonian catalogues are installed."""
    return QCoreApplication.translate(CONTEXT, text)
