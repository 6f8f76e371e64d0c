"""Which column holds what, when a manifest's headers cannot be told: a field per file column.

The file's header cells are listed with a choice of our fields each, beside a preview of the
first rows. The choice can be kept as a profile for the sender: the next file with the same
header row is then read without asking (see ``workstation.readers.profiles``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import messages
from ui.dialogs.buttons import ok_cancel
from ui.i18n import _
from watchlists.errors import WatchlistFormatError
from watchlists.table import Head, header_key, read_head
from workstation.errors import InputFileError
from workstation.readers.manifest import MAPPABLE_FIELDS, NAME_FIELDS, VOCABULARY

_KNOWN = {
    header_key(name): field
    for field, names in VOCABULARY.items()
    if field in MAPPABLE_FIELDS
    for name in names.split("|")
}


@dataclass(frozen=True)
class MappingChoice:
    columns: dict[int, str]  # file column position -> field
    remember: bool  # keep as a profile for files with the same header
    source: str  # the sender, as the user names it


def guess(header: tuple[str, ...]) -> dict[int, str]:
    """The fields the headers name in our vocabulary, each field once."""
    found: dict[int, str] = {}
    for position, cell in enumerate(header):
        field = _KNOWN.get(header_key(cell))
        if field is not None and field not in found.values():
            found[position] = field
    return found


class MappingDialog(QDialog):
    def __init__(
        self, head: Head, file_name: str, problem: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.head = head
        self.setWindowTitle(_("Columns of {file}").format(file=file_name))
        intro = QLabel(
            _(
                "The columns of {file} could not be told ({problem}). Say what each column "
                "holds; columns left on “not used” are ignored."
            ).format(file=file_name, problem=problem)
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        width = max([len(head.header), *(len(r) for r in head.rows)])
        guessed = guess(head.header)
        self.combos: list[QComboBox] = []
        form = QFormLayout()
        for position in range(width):
            combo = QComboBox()
            combo.addItem(_("not used"), "")
            for field, label in MAPPABLE_FIELDS.items():
                combo.addItem(_(label), field)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(position, ""))))
            combo.currentIndexChanged.connect(self._on_choice_changed)
            self.combos.append(combo)
            form.addRow(self._header_text(position), combo)
        choices = QWidget()
        choices.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(choices)
        scroll.setWidgetResizable(True)
        self.preview = self._preview(width)
        self.remember = QCheckBox(_("Remember for files with this header, from"))
        self.remember.setChecked(True)
        self.source = QLineEdit(file_name.rsplit(".", 1)[0])
        self.source.setPlaceholderText(_("the sender, e.g. Air Serbia check-in"))
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        buttons, self.ok_button = ok_cancel(self, _("Read the file"), _("Cancel"))
        body = QHBoxLayout()
        body.addWidget(scroll, 1)
        body.addWidget(self.preview, 2)
        keep = QHBoxLayout()
        keep.addWidget(self.remember)
        keep.addWidget(self.source, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addLayout(keep)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.remember.toggled.connect(self.source.setEnabled)
        self.resize(1000, 480)
        self._on_choice_changed()

    def _header_text(self, position: int) -> str:
        cell = self.head.header[position] if position < len(self.head.header) else ""
        return cell or _("column {n}").format(n=position + 1)

    def _preview(self, width: int) -> QTableWidget:
        table = QTableWidget(len(self.head.rows), width)
        table.setHorizontalHeaderLabels([self._header_text(p) for p in range(width)])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, cells in enumerate(self.head.rows):
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        return table

    def columns(self) -> dict[int, str]:
        return {n: str(c.currentData()) for n, c in enumerate(self.combos) if c.currentData()}

    def value(self) -> MappingChoice:
        return MappingChoice(
            self.columns(), self.remember.isChecked(), " ".join(self.source.text().split())
        )

    @Slot()
    def _on_choice_changed(self) -> None:
        chosen = list(self.columns().values())
        twice = sorted({MAPPABLE_FIELDS[f] for f in chosen if chosen.count(f) > 1})
        if twice:
            problem = _("Each field once: {fields}.").format(fields=", ".join(map(_, twice)))
        elif not set(NAME_FIELDS) & set(chosen):
            problem = _("Choose the column with the surname, or with the full name.")
        else:
            problem = ""
        self.hint.setText(problem)
        self.ok_button.setEnabled(not problem)


def ask(parent: QWidget | None, error: InputFileError) -> tuple[Head, MappingChoice] | None:
    """The columns the user chose for the file ``error`` names (with its head, to keep a
    profile), or None when cancelled or when the file cannot even be shown."""
    try:
        head = read_head(error.path)
    except WatchlistFormatError:
        return None
    dialog = MappingDialog(head, error.path.name, error.problem, parent)
    accepted = messages.run(dialog) == int(QDialog.DialogCode.Accepted)
    return (head, dialog.value()) if accepted else None
