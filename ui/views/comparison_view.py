"""The traveller and the watchlist entry side by side, one aligned row per kind of evidence.

The words the engine matched are marked on both sides (yellow: they count for the match; red:
compared and found different), from the reasons' ``traveller_part`` and ``entry_part``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from ui.i18n import _
from ui.views.highlight_label import HighlightLabel, Word
from workstation.db.searchkey import name_terms
from workstation.services.views import EntryView, ReasonView, TravellerDetail

_ROWS = (
    ("names", "Names"),
    ("birth", "Date of birth"),
    ("sex", "Sex"),
    ("nationality", "Nationality"),
    ("documents", "Documents"),
)
_FIELD_ROWS = {
    "name": "names",
    "birth_date": "birth",
    "sex": "sex",
    "nationality": "nationality",
    "document": "documents",
}
NONE = "—"
Marks = dict[str, dict[str, int]]  # row key -> casefolded word -> mark


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


def _word_key(word: str) -> str:
    return word.strip(",;").casefold()


def reason_marks(reasons: Sequence[ReasonView], side: str) -> Marks:
    """Which words of each row to mark on one side (``traveller`` or ``entry``)."""
    marks: Marks = {}
    for r in reasons:
        row = _FIELD_ROWS.get(r.field)
        if row is None or (not r.weight and r.verdict not in ("match", "exact")):
            continue
        part = r.traveller_part if side == "traveller" else r.entry_part
        mark = 1 if r.weight >= 0 else -1
        for word in part.split():
            key = _word_key(word)
            if key and marks.setdefault(row, {}).get(key, 0) != 1:
                marks[row][key] = mark
    return marks


def marked_lines(text: str, marks: dict[str, int], *, names: bool = False) -> list[list[Word]]:
    """Each line's words with their marks; for names, a word spelled another way (another
    alias, another script) is marked too when it is the same name to the screener."""
    keys: dict[str, int] = {}
    if names:
        for word, mark in marks.items():
            for key in name_terms(word):
                keys[key] = max(keys.get(key, mark), mark)

    def mark_of(word: str) -> int:
        mark = marks.get(_word_key(word), 0)
        if mark or not keys:
            return mark
        return max((keys[k] for k in name_terms(word) if k in keys), default=0)

    return [[(word, mark_of(word)) for word in line.split()] for line in text.split("\n")]


class ComparisonView(QFrame):
    """Three columns: what is compared, the traveller's value, the entry's value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(3)
        self.entry_header = QLabel(_("Watchlist entry"))
        for column, header in enumerate((QLabel(""), QLabel(_("Traveller")), self.entry_header)):
            header.setTextFormat(Qt.TextFormat.PlainText)
            header.setStyleSheet("font-weight: bold;")
            grid.addWidget(header, 0, column)
        self.traveller: dict[str, HighlightLabel] = {}
        self.entry: dict[str, HighlightLabel] = {}
        for row, (key, text) in enumerate(_ROWS, start=1):
            name = QLabel(_(text))
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.traveller[key] = HighlightLabel()
            self.entry[key] = HighlightLabel()
            grid.addWidget(name, row, 0)
            grid.addWidget(self.traveller[key], row, 1)
            grid.addWidget(self.entry[key], row, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

    def show_pair(
        self,
        traveller: TravellerDetail | None,
        entry: EntryView | None,
        reasons: Sequence[ReasonView] = (),
    ) -> None:
        """Fill both columns, marking matched words; an absent side is left blank."""
        blank = dict.fromkeys(self.traveller, "")
        left = traveller_values(traveller) if traveller else blank
        right = entry_values(entry) if entry else blank
        if traveller is not None and entry is None:
            right = {**blank, "names": _("No hit: nothing to compare with.")}
        left_marks, right_marks = reason_marks(reasons, "traveller"), reason_marks(reasons, "entry")
        for key in self.traveller:
            names = key == "names"
            left_lines = marked_lines(left[key], left_marks.get(key, {}), names=names)
            self.traveller[key].set_lines(left_lines)
            right_lines = marked_lines(right[key], right_marks.get(key, {}), names=names)
            self.entry[key].set_lines(right_lines)
