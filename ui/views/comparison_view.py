"""The traveller and the watchlist entry side by side, one aligned row per kind of evidence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from ui.i18n import _
from workstation.services.views import EntryView, TravellerDetail

_ROWS = (
    ("names", "Names"),
    ("birth", "Date of birth"),
    ("sex", "Sex"),
    ("nationality", "Nationality"),
    ("documents", "Documents"),
)
NONE = "—"


def _lines(values: tuple[str, ...] | list[str]) -> str:
    return "\n".join(v for v in values if v) or NONE


def traveller_values(t: TravellerDetail) -> dict[str, str]:
    documents = [
        " ".join(p for p in (d.doc_type, d.number, d.issuing_state or "") if p) for d in t.documents
    ]
    return {
        "names": f"{t.surname}, {t.given_names}".strip(", ") or NONE,
        "birth": t.birth_date or NONE,
        "sex": t.sex or NONE,
        "nationality": t.nationality or NONE,
        "documents": _lines(documents),
    }


def entry_values(e: EntryView) -> dict[str, str]:
    aliases = [e.primary_name, *(n for n in e.names if n != e.primary_name)]
    return {
        "names": _lines(aliases),
        "birth": _lines(e.birth_dates),
        "sex": e.sex or NONE,
        "nationality": _lines(e.nationalities),
        "documents": _lines(e.documents),
    }


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class ComparisonView(QFrame):
    """Three columns: what is compared, the traveller's value, the entry's value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(5)
        self.entry_header = QLabel(_("Watchlist entry"))
        for column, header in enumerate((QLabel(""), QLabel(_("Traveller")), self.entry_header)):
            header.setStyleSheet("font-weight: bold;")
            grid.addWidget(header, 0, column)
        self.traveller: dict[str, QLabel] = {}
        self.entry: dict[str, QLabel] = {}
        for row, (key, text) in enumerate(_ROWS, start=1):
            name = QLabel(_(text))
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.traveller[key] = _value_label()
            self.entry[key] = _value_label()
            grid.addWidget(name, row, 0)
            grid.addWidget(self.traveller[key], row, 1)
            grid.addWidget(self.entry[key], row, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

    def show_pair(self, traveller: TravellerDetail | None, entry: EntryView | None) -> None:
        """Fill both columns; an absent side is left blank (a traveller without hits)."""
        blank = dict.fromkeys(self.traveller, "")
        left = traveller_values(traveller) if traveller else blank
        right = entry_values(entry) if entry else blank
        if traveller is not None and entry is None:
            right = {**blank, "names": _("No hit: nothing to compare with.")}
        for key in self.traveller:
            self.traveller[key].setText(left[key])
            self.entry[key].setText(right[key])
