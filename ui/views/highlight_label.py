"""Plain text with some words marked: the parts of a name or document the engine matched.

The words are painted one by one, each on its own background when marked, so untrusted text is
never interpreted as rich text or HTML. Lines wrap at word boundaries to the widget's width.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

SUPPORTS = QColor("#ffe082")  # matched, and it counts for the match
AGAINST = QColor("#ffcdd2")  # compared, and it counts against
Word = tuple[str, int]  # the word, and its mark: 0 none, 1 supports, -1 against
_PAD = 2


class HighlightLabel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[list[Word]] = []
        sizing = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        sizing.setHeightForWidth(True)
        self.setSizePolicy(sizing)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def set_lines(self, lines: Sequence[Sequence[Word]]) -> None:
        self._lines = [list(line) for line in lines]
        self.setToolTip(self.text())
        self.updateGeometry()
        self.update()

    def setText(self, text: str) -> None:
        self.set_lines([[(w, 0) for w in line.split()] for line in text.split("\n")])

    def text(self) -> str:
        return "\n".join(" ".join(w for w, _mark in line) for line in self._lines)

    def marked(self) -> list[str]:
        """The words shown marked as supporting the match."""
        return [w for line in self._lines for w, mark in line if mark > 0]

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())

    def _layout(self, width: int) -> tuple[list[tuple[QRect, str, int]], int]:
        metrics = QFontMetrics(self.font())
        height = metrics.height() + 2 * _PAD
        space = metrics.horizontalAdvance(" ")
        placed: list[tuple[QRect, str, int]] = []
        y = 0
        for line in self._lines or [[]]:
            x = 0
            for word, mark in line:
                w = metrics.horizontalAdvance(word) + 2 * _PAD
                if x and x + w > width:
                    x, y = 0, y + height
                placed.append((QRect(x, y, w, height), word, mark))
                x += w + space
            y += height
        return placed, y

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout(max(width, 1))[1]

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        widest = max(
            (metrics.horizontalAdvance(" ".join(w for w, _m in line)) for line in self._lines),
            default=0,
        )
        width = min(widest + 4 * _PAD, 420)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(60, QFontMetrics(self.font()).height() + 2 * _PAD)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        for rect, word, mark in self._layout(self.width())[0]:
            if mark:
                painter.fillRect(rect, SUPPORTS if mark > 0 else AGAINST)
            painter.drawText(
                rect.adjusted(_PAD, 0, -_PAD, 0),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                word,
            )
        painter.end()
        del event
