"""Shown on an empty real store: how to bring data in, and the way to the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import _


class WelcomeView(QWidget):
    import_requested = Signal()
    watchlist_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(_("No passenger data yet"))
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        text = QLabel(
            _(
                "This store holds no flights yet. To start:\n\n"
                "1. Import a watchlist: File → Import watchlist… (a CSV or XLSX list).\n"
                "2. Import passenger files: File → Import passenger files… (flight "
                "manifests, CSV or XLSX). They are screened against the watchlists right away.\n\n"
                "From a terminal, the same works without the window:\n"
                '    python -m workstation watchlist import LIST.csv --name "National lookouts"\n'
                "    python -m workstation import FILE\n\n"
                "To look around first, open the demo: a separate store filled with a generated "
                "day of flights. It never touches this store. From a terminal: "
                "python main.py --demo"
            )
        )
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setMaximumWidth(760)
        self.import_button = QPushButton(_("Import passenger files…"))
        self.watchlist_button = QPushButton(_("Import watchlist…"))
        self.demo_button = QPushButton(_("Open the demo"))
        self.demo_button.setToolTip(_("Starts a second window on the separate demo store"))
        self.import_button.clicked.connect(self.import_requested)
        self.watchlist_button.clicked.connect(self.watchlist_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(16)
        for button in (self.watchlist_button, self.import_button, self.demo_button):
            button.setMinimumWidth(260)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
