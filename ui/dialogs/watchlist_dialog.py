"""Importing a watchlist: the list file(s) and the list's name (a new version if it exists)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.buttons import ok_cancel
from ui.i18n import _

LIST_FILTER = "Lists (*.csv *.xlsx *.xml *.json *.jsonl *.ftm);;All files (*)"


class WatchlistImportDialog(QDialog):
    def __init__(self, known_names: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import watchlist"))
        self.setMinimumWidth(520)
        self._paths: list[Path] = []
        self.files = QLineEdit()
        self.files.setReadOnly(True)
        self.files.setPlaceholderText(_("Choose the list file(s)"))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addWidget(browse)
        self.name = QComboBox()
        self.name.setEditable(True)
        self.name.addItems(list(known_names))
        self.name.setCurrentText("")
        self.name.setPlaceholderText(_("e.g. National lookouts"))
        hint = QLabel(
            _(
                "Importing under an existing name makes the list's next version; only the newest "
                "version is screened. Several files together make one version."
            )
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Files"), row)
        form.addRow(_("List name"), self.name)
        buttons, self.ok_button = ok_cancel(self, _("Import"), _("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.name.currentTextChanged.connect(self._on_input_changed)
        self._on_input_changed()

    def set_paths(self, paths: Sequence[Path]) -> None:
        self._paths = list(paths)
        self.files.setText("; ".join(p.name for p in self._paths))
        self._on_input_changed()

    def value(self) -> tuple[list[Path], str]:
        return list(self._paths), self.name.currentText().strip()

    @Slot()
    def _on_browse_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Watchlist files"), "", _(LIST_FILTER)
        )
        if names:
            self.set_paths([Path(n) for n in names])

    @Slot()
    def _on_input_changed(self) -> None:
        paths, name = self.value()
        self.ok_button.setEnabled(bool(paths and name))

    @classmethod
    def ask(
        cls, parent: QWidget | None, known_names: Sequence[str] = ()
    ) -> tuple[list[Path], str] | None:
        """The files and the list name, or None when cancelled."""
        dialog = cls(known_names, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
