"""A lookout's photo in a form: a preview, a file chooser (JPEG or PNG) and a remove button.

The bytes are checked by the service's own rule (:func:`workstation.services.photos.photo_type`:
JPEG or PNG by their first bytes, at most 2 MB); a refused file is a ``problem`` to show.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.i18n import _
from workstation.errors import InvalidInputError
from workstation.services.photos import MAX_PHOTO_BYTES, photo_type

PHOTO_FILTER = "Photos (*.jpg *.jpeg *.png)"
_SIZE = (150, 190)


class PhotoEdit(QWidget):
    changed = Signal()

    def __init__(self, current: bytes | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_photo: bytes | None = None  # chosen here, to be stored
        self.removed = False
        self.problem = ""
        self._current = current
        self.preview = QLabel()
        self.preview.setFixedSize(*_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(
            "border: 1px solid #9e9e9e; background: #fafafa; color: #757575;"
        )
        self.choose_button = QPushButton(_("Choose photo…"))
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.remove_button = QPushButton(_("Remove photo"))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        hint = QLabel(_("JPEG or PNG, at most {mb} MB").format(mb=MAX_PHOTO_BYTES // 2**20))
        hint.setStyleSheet("color: #616161;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.remove_button)
        layout.addWidget(hint)
        layout.addStretch(1)
        self._show(current)

    def shown_photo(self) -> bytes | None:
        if self.new_photo is not None:
            return self.new_photo
        return None if self.removed else self._current

    def set_photo_file(self, path: Path) -> None:
        """Take the photo in ``path`` if the service would; else say why in ``problem``."""
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_PHOTO_BYTES + 1)
            photo_type(data)
        except OSError as exc:
            self.problem = _("{file}: the photo cannot be read ({why}).").format(
                file=path.name, why=exc.strerror
            )
        except InvalidInputError as exc:
            self.problem = f"{path.name}: {exc}"
        else:
            self.problem, self.new_photo, self.removed = "", data, False
        self._show(self.shown_photo())
        self.changed.emit()

    def _show(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data is not None and pixmap.loadFromData(data):
            self.preview.setPixmap(
                pixmap.scaled(
                    *_SIZE,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("No photo"))
        self.remove_button.setEnabled(data is not None)

    @Slot()
    def _on_choose_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Lookout photo"), "", _(PHOTO_FILTER))
        if name:
            self.set_photo_file(Path(name))

    @Slot()
    def _on_remove_clicked(self) -> None:
        self.new_photo, self.removed, self.problem = None, self._current is not None, ""
        self._show(None)
        self.changed.emit()
