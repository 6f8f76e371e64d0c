"""Beside a hit: the traveller's other hits, and who travels on the same booking (clickable)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui.i18n import _
from ui.models.travellers_model import OPEN_FOREGROUND
from workstation.services.views import HitView, TravellerDetail

_STATUS = {
    "open": "open",
    "escalated": "escalated",
    "confirmed": "flagged",
    "dismissed": "dismissed",
    "dismissed_by_memory": "dismissed (remembered)",
    "none": "no hit",
}


def hit_line(hit: HitView) -> str:
    return _("{score:.1f} · {list} · {name} · {status}").format(
        score=hit.score,
        list=hit.entry.watchlist,
        name=hit.entry.primary_name,
        status=_(_STATUS.get(hit.status, hit.status)),
    )


def _list(height: int) -> QListWidget:
    widget = QListWidget()
    widget.setMaximumHeight(height)
    widget.setAlternatingRowColors(True)
    return widget


class RelatedView(QWidget):
    hit_chosen = Signal(int)  # a hit's id
    traveller_requested = Signal(int)  # a co-traveller's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits_title = QLabel(_("Hits of this traveller"))
        self.booking_title = QLabel(_("Same booking"))
        for title in (self.hits_title, self.booking_title):
            title.setTextFormat(Qt.TextFormat.PlainText)
            title.setStyleSheet("font-weight: bold;")
        self.hits = _list(90)
        self.booking = _list(110)
        self.booking.setToolTip(_("Travellers of this flight on the same booking: Enter opens"))
        self.hits.itemActivated.connect(self._on_hits_item_activated)
        self.hits.itemClicked.connect(self._on_hits_item_activated)
        self.booking.itemActivated.connect(self._on_booking_item_activated)
        self.booking.itemClicked.connect(self._on_booking_item_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.hits_title, self.hits, self.booking_title, self.booking):
            layout.addWidget(widget)

    def show_related(self, detail: TravellerDetail | None, current: HitView | None) -> None:
        self.hits.clear()
        self.booking.clear()
        if detail is None:
            return
        self.hits_title.setText(_("Hits of this traveller ({n})").format(n=len(detail.hits)))
        for hit in detail.hits:
            item = QListWidgetItem(
                ("▶ " if current and hit.id == current.id else "") + hit_line(hit)
            )
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.hits.addItem(item)
        if not detail.hits:
            self.hits.addItem(_("No hit."))
        booking = detail.booking_reference or "—"
        self.booking_title.setText(
            _("Same booking {booking} ({n})").format(booking=booking, n=len(detail.co_travellers))
        )
        for other in detail.co_travellers:
            text = f"{other.surname}, {other.given_names}".strip(", ")
            extras = [f"{_('seat')} {other.seat}" if other.seat else ""]
            if other.hit_status != "none":
                extras.append(_(_STATUS.get(other.hit_status, other.hit_status)))
            item = QListWidgetItem(" · ".join([text, *(e for e in extras if e)]))
            item.setData(Qt.ItemDataRole.UserRole, other.id)
            if other.hit_status in ("open", "escalated"):
                item.setForeground(OPEN_FOREGROUND)
            self.booking.addItem(item)
        if not detail.co_travellers:
            self.booking.addItem(_("Nobody else on this booking."))

    @Slot(QListWidgetItem)
    def _on_hits_item_activated(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value is not None:
            self.hit_chosen.emit(int(value))

    @Slot(QListWidgetItem)
    def _on_booking_item_activated(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value is not None:
            self.traveller_requested.emit(int(value))
