"""The unit's settings: the inbox folder, how far back a list update re-screens, home airports,
and after how many idle minutes this desk locks its screen.

The dialog only edits a :class:`workstation.config.Settings` value; the caller saves it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui import settings as ui_settings
from ui.dialogs.buttons import ok_cancel
from ui.i18n import _
from ui.idle_lock import IdleLock
from workstation.config import Settings

_AIRPORT = re.compile(r"^[A-Z]{3}$")
MAX_RESCREEN_HOURS = 24 * 30


def parse_airports(text: str) -> tuple[str, ...] | None:
    """Three-letter codes separated by commas or spaces, upper-cased, each once; None if any
    is not a code."""
    codes: list[str] = []
    for word in re.split(r"[\s,;]+", text.strip().upper()):
        if not word:
            continue
        if not _AIRPORT.match(word):
            return None
        if word not in codes:
            codes.append(word)
    return tuple(codes)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.settings = settings
        self.inbox = QLineEdit(settings.inbox_dir or "")
        self.inbox.setPlaceholderText(_("none: files are imported by hand"))
        self.browse_button = QPushButton(_("Choose…"))
        self.clear_button = QPushButton(_("No inbox"))
        inbox_row = QHBoxLayout()
        inbox_row.addWidget(self.inbox, 1)
        inbox_row.addWidget(self.browse_button)
        inbox_row.addWidget(self.clear_button)
        self.rescreen = QSpinBox()
        self.rescreen.setRange(1, MAX_RESCREEN_HOURS)
        self.rescreen.setSuffix(_(" hours"))
        self.rescreen.setValue(settings.rescreen_hours)
        self.airports = QLineEdit(", ".join(settings.home_airports))
        self.airports.setPlaceholderText("BEG, SKP")
        self.idle = QSpinBox()
        self.idle.setRange(1, ui_settings.MAX_IDLE_MINUTES)
        self.idle.setSuffix(_(" minutes"))
        self.idle.setValue(ui_settings.idle_minutes())
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(_("Inbox folder"), inbox_row)
        form.addRow(_("Re-screen flights of the last"), self.rescreen)
        form.addRow(_("Home airports"), self.airports)
        form.addRow(_("Lock the screen after"), self.idle)
        buttons, self.ok_button = ok_cancel(self, _("Save"), _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(560, 180)
        self.browse_button.clicked.connect(self._on_browse_clicked)
        self.clear_button.clicked.connect(self.inbox.clear)
        self.airports.textChanged.connect(self._on_airports_text_changed)
        self._on_airports_text_changed()

    def value(self) -> Settings:
        """The settings as edited (the home airports as they were when the text is wrong)."""
        airports = parse_airports(self.airports.text())
        return replace(
            self.settings,
            inbox_dir=self.inbox.text().strip() or None,
            rescreen_hours=self.rescreen.value(),
            home_airports=airports if airports else self.settings.home_airports,
        )

    @Slot()
    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Inbox folder"), self.inbox.text().strip()
        )
        if folder:
            self.inbox.setText(folder)

    @Slot()
    def _on_airports_text_changed(self) -> None:
        airports = parse_airports(self.airports.text())
        ok = bool(airports)
        self.ok_button.setEnabled(ok)
        self.hint.setText(
            "" if ok else _("Home airports: three-letter IATA codes, such as BEG, SKP.")
        )


def ask(parent: QWidget | None, settings: Settings) -> Settings | None:
    """The settings as edited, or None when cancelled."""
    dialog = SettingsDialog(settings, parent)
    accepted = messages.run(dialog) == int(QDialog.DialogCode.Accepted)
    if accepted:
        ui_settings.save_idle_minutes(dialog.idle.value())  # this desk's, kept with the window's
        IdleLock.reload_settings()
    return dialog.value() if accepted else None
