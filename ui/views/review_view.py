"""Reviewing one traveller: the hit's entry beside the traveller, the reasons, the decisions.

Opening a traveller is audited by the service (a consultation); decisions go through the review
and interdiction services. The view keeps the values they return and holds no rule of its own.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.confirm_dialog import ConfirmHitDialog
from ui.dialogs.dismiss_dialog import DismissHitDialog
from ui.dialogs.escalate_dialog import EscalateHitDialog
from ui.dialogs.interdiction_dialog import InterdictionDialog
from ui.dialogs.reauth_dialog import call_privileged
from ui.errors import call_service
from ui.i18n import _
from ui.models.reasons_model import DETAIL_COLUMN, ReasonsModel
from ui.session import can
from ui.views.comparison_view import ComparisonView
from ui.views.history_view import HistoryView
from ui.views.indicator_text import indicator_explanation, indicator_heading
from ui.views.related_view import RelatedView
from ui.views.tables import compact_table
from workstation.db.store import Store
from workstation.services.disclosure import unmask_traveller
from workstation.services.interdictions import edit_interdiction, input_of, record_interdiction
from workstation.services.masking import MASKED
from workstation.services.queries import open_traveller
from workstation.services.review import (
    DECIDES_ESCALATED,
    confirm_hit,
    dismiss_hit,
    escalate_hit,
)
from workstation.services.views import Actor, HitView, TravellerDetail

_STATUS = {
    "open": "open: needs a decision",
    "escalated": "escalated: a supervisor decides",
    "confirmed": "confirmed, flagged for control",
    "dismissed": "dismissed as a false positive",
    "dismissed_by_memory": "not raised again: the same pair was dismissed before",
}
_MEMORY_STYLE = "background: #eceff1; color: #263238; border: 1px solid #90a4ae; padding: 4px;"
_HANDLING_STYLE = (
    "background: #fff3c4; color: #3e2c00; border: 1px solid #e0b000; padding: 6px;"
    " font-weight: bold;"
)


def _plain_label(style: str = "") -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


def hit_choice_text(n: int, hit: HitView) -> str:
    return _("Hit {n}: {score:.1f} · {list} · {name} · {status}").format(
        n=n,
        score=hit.score,
        list=hit.entry.watchlist,
        name=hit.entry.primary_name,
        status=_(hit.status),
    )


def remembered_text(hit: HitView) -> str:
    r = hit.remembered
    if r is None:
        return ""
    return _("Previously dismissed by {user} on {day}: {reason}").format(
        user=r.username, day=r.dismissed_at.strftime("%d.%m.%Y"), reason=r.reason
    )


class ReviewView(QWidget):
    record_changed = Signal(int)  # a decision or interdiction was stored for this traveller id
    traveller_requested = Signal(int)  # a co-traveller was chosen

    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._actor = store, actor
        self._detail: TravellerDetail | None = None
        self._hit: HitView | None = None
        self.flag_action = self._action(
            _("Flag for control…"), "F2", _("Confirm the hit and flag the traveller for control")
        )
        self.dismiss_action = self._action(
            _("Dismiss…"), "F3", _("Dismiss the hit as a false positive, with a reason")
        )
        self.escalate_action = self._action(
            _("Escalate…"), "F6", _("Hand the hit to a supervisor, with a note")
        )
        self.interdiction_action = self._action(
            _("Record interdiction…"), "F4", _("Record what the control found or did")
        )
        self.edit_interdiction_action = self._action(
            _("Edit interdiction…"), "Shift+F4", _("Correct the selected (or last) interdiction")
        )
        self.unmask_action = self._action(
            _("Show masked data…"),
            "Ctrl+Shift+M",
            _("Show the data of a traveller older than the masking period (password and reason)"),
        )
        self.unmask_action.setVisible(can(actor, "view_masked_data"))
        self.unmask_action.triggered.connect(self._on_unmask_triggered)
        self.flag_action.triggered.connect(self._on_flag_triggered)
        self.dismiss_action.triggered.connect(self._on_dismiss_triggered)
        self.escalate_action.triggered.connect(self._on_escalate_triggered)
        self.interdiction_action.triggered.connect(self._on_interdiction_triggered)
        self.edit_interdiction_action.triggered.connect(self._on_edit_interdiction_triggered)
        self.history = HistoryView()
        self.history.edit_requested.connect(self.edit_interdiction)
        self.related = RelatedView()
        self.related.hit_chosen.connect(self.select_hit)
        self.related.traveller_requested.connect(self.traveller_requested)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(6, 0, 0, 0)
        right_column.addWidget(self.related)
        right_column.addWidget(self.history, 1)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        for part in (self._build_identity(), self._build_reasons(), right):
            splitter.addWidget(part)
        splitter.setSizes([520, 540, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.clear()

    def _action(self, text: str, key: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip} ({key})")
        self.addAction(action)
        return action

    def _build_identity(self) -> QWidget:
        """Who the traveller is, which entry the hit is on, how to handle it, side by side."""
        self.name = _plain_label("font-size: 15pt; font-weight: bold;")
        self.journey = _plain_label()
        self.hit_choice = QComboBox()
        self.hit_choice.currentIndexChanged.connect(self._on_hit_choice_changed)
        self.status = _plain_label("font-weight: bold;")
        self.entry_line = _plain_label()
        self.handling = _plain_label(_HANDLING_STYLE)
        self.remembered = _plain_label(_MEMORY_STYLE)
        self.comparison = ComparisonView()
        buttons = QHBoxLayout()
        for action in self.decision_actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        for widget in (self.name, self.journey, self.hit_choice, self.status, self.entry_line):
            column.addWidget(widget)
        column.addWidget(self.handling)
        column.addWidget(self.remembered)
        column.addWidget(self.comparison)
        column.addLayout(buttons)
        column.addStretch(1)
        return left

    def _build_reasons(self) -> QWidget:
        self.reasons_model = ReasonsModel(self)
        self.reasons = compact_table()
        self.reasons.setModel(self.reasons_model)
        self.reasons.setWordWrap(True)
        self.reasons.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.reasons.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAIL_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.reasons_model.modelReset.connect(self.reasons.resizeRowsToContents)
        middle = QWidget()
        middle_column = QVBoxLayout(middle)
        middle_column.setContentsMargins(6, 0, 6, 0)
        reasons_title = QLabel(_("Why the engine matched them"))
        reasons_title.setStyleSheet("font-weight: bold;")
        middle_column.addWidget(reasons_title)
        middle_column.addWidget(self.reasons, 1)
        return middle

    @property
    def decision_actions(self) -> tuple[QAction, ...]:
        return (
            self.flag_action,
            self.dismiss_action,
            self.escalate_action,
            self.interdiction_action,
            self.edit_interdiction_action,
        )

    @property
    def detail(self) -> TravellerDetail | None:
        return self._detail

    @property
    def current_hit(self) -> HitView | None:
        return self._hit

    def clear(self) -> None:
        self._detail, self._hit = None, None
        self.name.setText(_("Select a traveller to review."))
        for label in (self.journey, self.status, self.entry_line, self.handling, self.remembered):
            label.clear()
        self.handling.hide()
        self.remembered.hide()
        self.hit_choice.hide()
        self.comparison.show_pair(None, None)
        self.reasons_model.set_reasons(())
        self.history.clear()
        self.related.show_related(None, None)
        self._update_actions()

    def show_traveller(self, traveller_id: int) -> None:
        """Open the traveller (audited) and show their first open hit, else their best hit."""
        detail = call_service(self, open_traveller, self._store, self._actor, traveller_id)
        if detail is None:
            self.clear()
            return
        first = next((h for h in detail.hits if h.status in ("open", "escalated")), None)
        self._show(detail, first.id if first else None)

    def _show(self, detail: TravellerDetail, hit_id: int | None) -> None:
        self._detail = detail
        self.name.setText(f"{detail.surname}, {detail.given_names}".strip(", "))
        f = detail.flight
        self.journey.setText(
            _(
                "{flight} {origin} → {destination} · seat {seat} · booking {booking} · {role}"
            ).format(
                flight=f.designator,
                origin=f.origin,
                destination=f.destination,
                seat=detail.seat or "—",
                booking=detail.booking_reference or "—",
                role=_(detail.role),
            )
        )
        self.hit_choice.blockSignals(True)
        self.hit_choice.clear()
        for n, hit in enumerate(detail.hits, start=1):
            self.hit_choice.addItem(hit_choice_text(n, hit), hit.id)
        index = self.hit_choice.findData(hit_id) if hit_id is not None else 0
        self.hit_choice.setCurrentIndex(max(index, 0))
        self.hit_choice.blockSignals(False)
        self.hit_choice.setVisible(len(detail.hits) > 1)
        self._show_hit(detail.hits[max(index, 0)] if detail.hits else None)

    def _show_hit(self, hit: HitView | None) -> None:
        detail = self._detail
        self._hit = hit
        self.comparison.show_pair(detail, hit.entry if hit else None, hit.reasons if hit else ())
        self.reasons_model.set_reasons(hit.reasons if hit else ())
        self.related.show_related(detail, hit)
        self.remembered.setText(remembered_text(hit) if hit else "")
        self.remembered.setVisible(bool(hit and hit.remembered))
        self.history.show_history(
            hit.decisions if hit else (), detail.interdictions if detail else ()
        )
        if hit is None:
            flagged = _("flagged for control") if detail and detail.flagged else ""
            self.status.setText(_("No hit.") + (f" {flagged}" if flagged else ""))
            self.entry_line.clear()
            self.handling.hide()
        else:
            self.status.setText(
                _("Score {score:.1f} · {status}").format(
                    score=hit.score, status=_(_STATUS.get(hit.status, hit.status))
                )
            )
            pressing = hit.status in ("open", "escalated")
            self.status.setStyleSheet(
                "font-weight: bold; color: %s;" % ("#b71c1c" if pressing else "#333")
            )
            e = hit.entry
            self.entry_line.setText(
                _("{list} · entry {entry} · category: {category}").format(
                    list=e.watchlist, entry=e.source_id, category=e.category.replace("_", " ")
                )
            )
            self.handling.setText(
                _("Handling: {notes}").format(notes=e.handling_notes)
                if e.handling_notes
                else _("Handling: no instructions given by the list.")
            )
            self.handling.show()
        if hit is not None and hit.indicator is not None:  # a risk rule, not a listed person
            self.entry_line.setText(indicator_heading(hit.indicator))
            self.handling.setText(indicator_explanation(hit.indicator))
        self.comparison.setVisible(hit is None or hit.indicator is None)
        self._update_actions()

    def _update_actions(self) -> None:
        status = self._hit.status if self._hit is not None else ""
        supervisor = self._actor.role in DECIDES_ESCALATED
        undecided = status == "open" or (status == "escalated" and supervisor)
        self.flag_action.setEnabled(undecided)
        self.dismiss_action.setEnabled(undecided)
        self.escalate_action.setEnabled(status == "open")
        self.interdiction_action.setEnabled(self._detail is not None)
        has_any = self._detail is not None and bool(self._detail.interdictions)
        self.edit_interdiction_action.setEnabled(has_any)
        self.unmask_action.setEnabled(self._detail is not None and self._detail.surname == MASKED)

    @Slot()
    def _on_unmask_triggered(self) -> None:
        """The masked traveller as received, after the password and a justification."""
        detail = self._detail
        if detail is None:
            return
        shown = call_privileged(
            self,
            self._store,
            self._actor,
            _("Show the masked data of traveller {id}").format(id=detail.id),
            unmask_traveller,
            self._store,
            self._actor,
            detail.id,
        )
        unmasked = getattr(shown, "detail", None)
        if isinstance(unmasked, TravellerDetail):
            self._show(unmasked, self._hit.id if self._hit is not None else None)

    @Slot(int)
    def select_hit(self, hit_id: int) -> None:
        index = self.hit_choice.findData(hit_id)
        if index >= 0:
            self.hit_choice.setCurrentIndex(index)

    def _subject(self) -> str:
        d = self._detail
        return f"{d.surname}, {d.given_names}" if d else ""

    @Slot(int)
    def _on_hit_choice_changed(self, index: int) -> None:
        if self._detail is not None and 0 <= index < len(self._detail.hits):
            self._show_hit(self._detail.hits[index])

    def _replace_hit(self, updated: HitView, **changes: object) -> None:
        assert self._detail is not None
        hits = tuple(updated if h.id == updated.id else h for h in self._detail.hits)
        self._show(replace(self._detail, hits=hits, **changes), updated.id)  # type: ignore[arg-type]
        self.record_changed.emit(self._detail.id)

    @Slot()
    def _on_flag_triggered(self) -> None:
        if self._hit is None or self._detail is None or not self.flag_action.isEnabled():
            return
        choice = ConfirmHitDialog.ask(self, self._subject())
        if choice is None:
            return
        point, note = choice
        updated = call_service(
            self, confirm_hit, self._store, self._actor, self._hit.id, point, note
        )
        if updated is not None:
            points = (*self._detail.flag_points, point)
            self._replace_hit(updated, flagged=True, flag_points=points)

    @Slot()
    def _on_dismiss_triggered(self) -> None:
        if self._hit is None or not self.dismiss_action.isEnabled():
            return
        reason = DismissHitDialog.ask(self, self._subject())
        if reason is None:
            return
        updated = call_service(self, dismiss_hit, self._store, self._actor, self._hit.id, reason)
        if updated is not None:
            self._replace_hit(updated)

    @Slot()
    def _on_interdiction_triggered(self) -> None:
        if self._detail is None:
            return
        data = InterdictionDialog.ask(self, self._subject())
        if data is None:
            return
        recorded = call_service(
            self, record_interdiction, self._store, self._actor, self._detail.id, data
        )
        if recorded is not None:
            detail = replace(self._detail, interdictions=(*self._detail.interdictions, recorded))
            self._show(detail, self._hit.id if self._hit else None)
            self.record_changed.emit(detail.id)

    @Slot()
    def _on_escalate_triggered(self) -> None:
        if self._hit is None or self._hit.status != "open":
            return
        note = EscalateHitDialog.ask(self, self._subject())
        if note is None:
            return
        updated = call_service(self, escalate_hit, self._store, self._actor, self._hit.id, note)
        if updated is not None:
            self._replace_hit(updated)

    @Slot()
    def _on_edit_interdiction_triggered(self) -> None:
        if self._detail is None or not self._detail.interdictions:
            return
        chosen = self.history.selected_interdiction_id()
        self.edit_interdiction(chosen if chosen is not None else self._detail.interdictions[-1].id)

    @Slot(int)
    def edit_interdiction(self, interdiction_id: int) -> None:
        """Correct one of the traveller's interdictions; the old values are kept as history."""
        if self._detail is None:
            return
        current = next((i for i in self._detail.interdictions if i.id == interdiction_id), None)
        if current is None:
            return
        data = InterdictionDialog.ask(self, self._subject(), input_of(current))
        if data is None:
            return
        edited = call_service(
            self, edit_interdiction, self._store, self._actor, interdiction_id, data
        )
        if edited is not None:
            kept = tuple(edited if i.id == edited.id else i for i in self._detail.interdictions)
            detail = replace(self._detail, interdictions=kept)
            self._show(detail, self._hit.id if self._hit else None)
            self.record_changed.emit(detail.id)
