"""About: the version, where data and logs live, and the licences of the bundled components."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import _
from workstation.config import Paths
from workstation.version import version

# Components shipped in the packaged build, with their licences.
COMPONENTS = (
    ("Qt 6 / PySide6", "LGPL-3.0"),
    ("SQLAlchemy", "MIT"),
    ("Alembic", "MIT"),
    ("psycopg 3", "LGPL-3.0"),
    ("RapidFuzz", "MIT"),
    ("openpyxl", "MIT"),
    ("defusedxml", "PSF-2.0"),
    ("pycountry", "LGPL-2.1"),
    ("anyascii", "ISC"),
    ("keyring", "MIT"),
    ("platformdirs", "MIT"),
    ("Python", "PSF-2.0"),
)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About the workstation"))
        paths = Paths.default()
        heading = QLabel(_("Passenger Targeting Workstation {version}").format(version=version()))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        where = QLabel(
            _("Data: {data}\nLogs: {logs}").format(data=paths.data_dir, logs=paths.log_dir)
        )
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.licences = QPlainTextEdit(
            "\n".join(f"{name}: {licence}" for name, licence in COMPONENTS)
        )
        self.licences.setReadOnly(True)
        buttons = QDialogButtonBox()
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addWidget(QLabel(_("Bundled components and their licences:")))
        layout.addWidget(self.licences)
        layout.addWidget(buttons)
        self.resize(520, 420)
