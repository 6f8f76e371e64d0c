"""The idle lock: after some minutes without input the window is covered until the password.

An application-wide event filter restarts a single-shot timer on every key, mouse and wheel
event. When it fires, a :class:`LockScreen` covers the window (menus and toolbar included),
the other windows of the session are hidden and open dialogs are cancelled, and every
keyboard shortcut is swallowed: only the lock screen takes input. The password is checked by
:func:`workstation.services.users.authenticate`, so wrong passwords count towards the lockout
like at sign-in. "Sign out" closes the window, which ends the session.
"""

from __future__ import annotations

import weakref
from typing import ClassVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import settings
from ui.dialogs.password_edit import message_label, password_edit
from ui.i18n import _
from workstation.db.store import Store
from workstation.errors import WorkstationError
from workstation.services.users import authenticate
from workstation.services.views import Actor

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
_BLOCKED_WHILE_LOCKED = frozenset(
    {
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.ContextMenu,
    }
)
_LOCK_STYLE = "#lock-screen { background: #263238; } #lock-card { background: white; }"


class LockScreen(QWidget):
    """What covers a locked window: who is signed in, the password, Unlock and Sign out."""

    unlocked = Signal()
    sign_out = Signal()

    def __init__(self, store: Store, actor: Actor, parent: QWidget) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.setObjectName("lock-screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(_LOCK_STYLE)
        card = QFrame()
        card.setObjectName("lock-card")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(440)
        title = QLabel(_("The workstation is locked"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        explain = QLabel(
            _(
                "It was left without input for a while. {name} ({user}) is signed in: type "
                "the password to continue, or sign out."
            ).format(name=actor.display_name, user=actor.username)
        )
        explain.setTextFormat(Qt.TextFormat.PlainText)
        explain.setWordWrap(True)
        self.password = password_edit()
        self.message = message_label()
        self.unlock_button = QPushButton(_("Unlock"))
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton(_("Sign out"))
        form = QFormLayout()
        form.addRow(_("Password:"), self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(title)
        inner.addWidget(explain)
        inner.addLayout(form)
        inner.addWidget(self.message)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.password.returnPressed.connect(self.try_unlock)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.sign_out_button.clicked.connect(self.sign_out)

    @Slot()
    def try_unlock(self) -> bool:
        try:
            authenticate(self.store, self.actor.username, self.password.text())
        except WorkstationError as exc:
            self.message.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return False
        self.password.clear()
        self.message.clear()
        self.unlocked.emit()
        return True


class IdleLock(QObject):
    """Locks ``window`` after ``settings.idle_minutes()`` without input (see the module)."""

    _instances: ClassVar[weakref.WeakSet[IdleLock]] = weakref.WeakSet()

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, store: Store, actor: Actor) -> None:
        super().__init__(window)
        self.window = window
        self.screen = LockScreen(store, actor, window)
        self.screen.hide()
        self.screen.unlocked.connect(self.unlock)
        self.screen.sign_out.connect(self._on_sign_out)
        self.hidden: list[QWidget] = []
        self._locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_timeout_ms(settings.idle_minutes() * 60_000)
        window.installEventFilter(self)  # to keep the screen the window's size
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        IdleLock._instances.add(self)  # Qt drops the event filters of deleted objects itself

    @property
    def locked(self) -> bool:
        return self._locked

    def set_timeout_ms(self, ms: int) -> None:
        self.timer.setInterval(max(ms, 50))
        if not self.locked:
            self.timer.start()

    @classmethod
    def reload_settings(cls) -> None:
        """Take a changed timeout from the settings (after the settings dialog)."""
        for lock in list(cls._instances):
            try:
                lock.set_timeout_ms(settings.idle_minutes() * 60_000)
            except RuntimeError:  # its window was closed and deleted
                cls._instances.discard(lock)

    @Slot()
    def lock(self) -> None:
        if self.locked:
            return
        self._locked = True
        self.timer.stop()
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()  # nothing is left half-typed behind the lock
            else:
                self.hidden.append(widget)
                widget.hide()
        self.screen.setGeometry(self.window.rect())
        self.screen.raise_()
        self.screen.show()
        self.screen.password.setFocus()
        self.locked_changed.emit(True)

    @Slot()
    def unlock(self) -> None:
        self._locked = False
        self.screen.hide()
        for widget in self.hidden:
            widget.show()
        self.hidden.clear()
        self.timer.start()
        self.locked_changed.emit(False)

    @Slot()
    def _on_sign_out(self) -> None:
        self.hidden.clear()
        self.window.close()

    def _on_lock_screen(self, watched: QObject) -> bool:
        node: QObject | None = watched
        while node is not None:
            if node is self.screen:
                return True
            node = node.parent()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.Resize and self.locked:
            assert isinstance(event, QResizeEvent)
            self.screen.setGeometry(0, 0, event.size().width(), event.size().height())
            return False
        if self.locked:
            return kind in _BLOCKED_WHILE_LOCKED and not self._on_lock_screen(watched)
        if kind in _INPUT:
            self.timer.start()
        return False
