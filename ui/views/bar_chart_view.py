"""A plain horizontal bar chart drawn with QPainter, copyable to the clipboard as an image."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.i18n import _

_BAR = QColor("#1565c0")
_TEXT = QColor("#212121")
_GRID = QColor("#bdbdbd")
_BACKGROUND = QColor("#ffffff")
_MAX_BARS = 12  # beyond these, the rest are summed into one "other" bar


class BarChartView(QWidget):
    """Labelled bars with their values; ``title`` is drawn above, so a pasted chart says what."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._bars: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 160)

    @property
    def bars(self) -> list[tuple[str, int]]:
        return list(self._bars)

    def set_bars(self, bars: Sequence[tuple[str, int]], *, keep_order: bool = False) -> None:
        """Show ``(label, value)`` pairs; long lists keep the largest and sum the rest."""
        items = list(bars)
        if len(items) > _MAX_BARS:
            if not keep_order:
                items.sort(key=lambda b: -b[1])
            head, rest = items[: _MAX_BARS - 1], items[_MAX_BARS - 1 :]
            items = [*head, (_("other ({n})").format(n=len(rest)), sum(v for _l, v in rest))]
        self._bars = items
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 60 + 22 * max(len(self._bars), 3))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.paint(painter, QRectF(self.rect()))
        finally:
            painter.end()

    def paint(self, painter: QPainter, area: QRectF) -> None:
        """Draw the chart in ``area``: on the widget, or on an image for the clipboard."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(area, _BACKGROUND)
        metrics = QFontMetrics(painter.font())
        line = metrics.height()
        box = area.adjusted(8, 6, -8, -6)
        title_font = painter.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(_TEXT)
        painter.drawText(QRectF(box.left(), box.top(), box.width(), line), self.title)
        painter.setFont(self.font())
        box.setTop(box.top() + line + 6)
        if not self._bars:
            painter.setPen(_GRID)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, _("Nothing in this period."))
            return
        label_width = min(
            max(metrics.horizontalAdvance(b[0]) for b in self._bars) + 8, box.width() / 3
        )
        top = max(v for _l, v in self._bars) or 1
        value_width = metrics.horizontalAdvance(str(top)) + 8
        bar_left = box.left() + label_width
        bar_room = max(box.right() - bar_left - value_width, 10.0)
        pitch = min(box.height() / len(self._bars), line * 2.0)
        for n, (label, value) in enumerate(self._bars):
            y = box.top() + n * pitch
            row = QRectF(box.left(), y, label_width - 6, pitch)
            painter.setPen(_TEXT)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(row.width()))
            painter.drawText(row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            bar = QRectF(bar_left, y + pitch * 0.15, bar_room * value / top, pitch * 0.7)
            painter.fillRect(bar, _BAR)
            value_box = QRectF(bar.right() + 4, y, value_width, pitch)
            painter.drawText(value_box, Qt.AlignmentFlag.AlignVCenter, str(value))
        painter.setPen(_GRID)
        painter.drawLine(
            QPointF(bar_left, box.top()), QPointF(bar_left, box.top() + pitch * len(self._bars))
        )

    def image(self, size: QSize | None = None) -> QImage:
        """The chart drawn on a white image (its on-screen size, or ``size``)."""
        size = size or self.size().expandedTo(self.sizeHint())
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(_BACKGROUND)
        painter = QPainter(image)
        try:
            painter.setFont(self.font())
            self.paint(painter, QRectF(image.rect()))
        finally:
            painter.end()
        return image

    def copy_to_clipboard(self) -> None:
        """Put the chart on the clipboard as an image, to paste into a report."""
        QGuiApplication.clipboard().setImage(self.image())
