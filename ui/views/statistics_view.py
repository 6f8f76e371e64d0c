"""The unit's figures for a period: the review of hits, and interdictions in four bar charts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.errors import call_service
from ui.i18n import _
from ui.report_export import export_report
from ui.views.bar_chart_view import BarChartView
from ui.views.period_edit import PeriodEdit
from workstation.db.store import Store
from workstation.services.report import Report
from workstation.services.statistics import Statistics, statistics, statistics_report
from workstation.services.views import Actor

_FIGURES = (
    ("hits_raised", "Hits raised"),
    ("hits_reviewed", "Hits reviewed"),
    ("confirmed", "Confirmed"),
    ("dismissed", "Dismissed"),
    ("escalated", "Escalated"),
    ("flags", "Flags"),
    ("interdictions", "Interdictions"),
    ("arrests", "Arrests"),
)
_CHARTS = (
    ("by_commodity", "Interdictions by commodity"),
    ("by_route", "Interdictions by route (origin)"),
    ("by_month", "Interdictions by month"),
    ("by_officer", "Interdictions by officer"),
)


def _figure_box(title: str) -> tuple[QFrame, QLabel]:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    value = QLabel("—")
    value.setStyleSheet("font-size: 18pt; font-weight: bold;")
    value.setAlignment(Qt.AlignmentFlag.AlignCenter)
    caption = QLabel(title)
    caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(6, 4, 6, 4)
    layout.addWidget(value)
    layout.addWidget(caption)
    return frame, value


class StatisticsView(QWidget):
    exported = Signal(str)
    chart_copied = Signal(str)  # the chart's title

    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.stats: Statistics | None = None
        self.period = PeriodEdit("this_year")
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setToolTip(_("PDF report, Excel or CSV; recorded as a disclosure"))
        self.figures: dict[str, QLabel] = {}
        self.charts: dict[str, BarChartView] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(self.export_button)
        figures = QHBoxLayout()
        for key, title in _FIGURES:
            frame, self.figures[key] = _figure_box(_(title))
            figures.addWidget(frame)
        grid = QGridLayout()
        for n, (key, title) in enumerate(_CHARTS):
            grid.addWidget(self._chart_box(key, _(title)), n // 2, n % 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(figures)
        layout.addLayout(grid, 1)
        self.period.changed.connect(self.refresh)
        self.export_button.clicked.connect(self._on_export_button_clicked)

    def _chart_box(self, key: str, title: str) -> QWidget:
        chart = self.charts[key] = BarChartView(title)
        copy = self.copy_buttons[key] = QPushButton(_("Copy chart"))
        copy.setToolTip(_("Copy the chart as an image, to paste into a report"))
        copy.clicked.connect(lambda: self._copy(key))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(copy)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(chart, 1)
        layout.addLayout(row)
        return box

    @Slot()
    def refresh(self) -> None:
        period = self.period.period()
        stats = call_service(self, statistics, self.store, self.actor, period.since, period.until)
        if stats is None:
            return
        self.stats = stats
        for key, label in self.figures.items():
            label.setText(str(getattr(stats, key)))
        for key, chart in self.charts.items():
            chart.set_bars(
                [(_(c.label), c.count) for c in getattr(stats, key)], keep_order=key == "by_month"
            )

    def _copy(self, key: str) -> None:
        self.charts[key].copy_to_clipboard()
        self.chart_copied.emit(self.charts[key].title)

    @Slot()
    def _on_export_button_clicked(self) -> None:
        period = self.period.period()
        store, actor = self.store, self.actor

        def build() -> Report:
            return statistics_report(statistics(store, actor, period.since, period.until), actor)

        summary = export_report(
            self, store, actor, build, what=_("the statistics"), rows=None, stem="statistics"
        )
        if summary is not None:
            self.exported.emit(summary.path)
