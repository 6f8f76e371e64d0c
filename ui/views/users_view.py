"""The administrator's accounts: list, add, change role, enable or disable, unlock, set password.

Every change asks the administrator's password again and a justification
(:func:`~ui.dialogs.reauth_dialog.call_privileged`); the accounts service checks the role,
the approval and the password rules, and audits each change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.reauth_dialog import call_privileged
from ui.dialogs.user_dialog import NewPasswordDialog, NewUserDialog
from ui.errors import call_service
from ui.i18n import _
from ui.models.rows_model import Column, RowsModel
from ui.views.tables import compact_table
from workstation.db.store import Store
from workstation.security.roles import ROLES
from workstation.services.users import UserView, create_user, list_users, update_user
from workstation.services.views import Actor


def _when(user: UserView) -> str:
    return f"{user.last_login_at:%d.%m.%Y %H:%M}" if user.last_login_at else ""


def _state(user: UserView) -> str:
    if not user.active:
        return _("disabled")
    if not user.has_password:
        return _("no password")
    if user.failed_logins:
        return _("{n} failed sign-in(s)").format(n=user.failed_logins)
    return _("active")


USER_COLUMNS: tuple[Column[UserView], ...] = (
    Column("User name", lambda u: u.username, lambda u: u.username.casefold()),
    Column("Full name", lambda u: u.display_name, lambda u: u.display_name.casefold()),
    Column("Role", lambda u: _(u.role), lambda u: u.role),
    Column("State", _state, lambda u: (u.active, -u.failed_logins)),
    Column("Last sign-in", _when, lambda u: u.last_login_at.isoformat() if u.last_login_at else ""),
)


class UsersModel(RowsModel[UserView]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(USER_COLUMNS, parent)


class UsersView(QWidget):
    def __init__(self, store: Store, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor = store, actor
        self.model = UsersModel(self)
        self.table = compact_table()
        self.table.setModel(self.model)
        self.add_button = QPushButton(_("New account…"))
        self.role_button = QPushButton(_("Change role…"))
        self.active_button = QPushButton(_("Disable"))
        self.unlock_button = QPushButton(_("Unlock"))
        self.password_button = QPushButton(_("Set password…"))
        note = QLabel(
            _(
                "Every change asks your password again and a justification; both are kept in "
                "the audit trail."
            )
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.role_button,
            self.active_button,
            self.unlock_button,
            self.password_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.role_button.clicked.connect(self._on_role_clicked)
        self.active_button.clicked.connect(self._on_active_clicked)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.password_button.clicked.connect(self._on_password_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    @Slot()
    def refresh(self) -> None:
        chosen = self.current()
        users = call_service(self, list_users, self.store, self.actor)
        if users is None:
            return
        self.model.set_rows(users)
        if chosen is not None:
            self.select(chosen.username)
        self._update_buttons()

    def current(self) -> UserView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def select(self, username: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row).username == username:
                self.table.selectRow(row)
                return

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.current()
        for button in (
            self.role_button,
            self.active_button,
            self.unlock_button,
            self.password_button,
        ):
            button.setEnabled(chosen is not None)
        self.active_button.setText(_("Enable") if chosen and not chosen.active else _("Disable"))
        self.unlock_button.setEnabled(bool(chosen and chosen.failed_logins))

    # changes, each re-authenticated ----------------------------------------------------------

    def add_user(
        self, username: str, password: str, role: str, display_name: str | None = None
    ) -> UserView | None:
        made = call_privileged(
            self,
            self.store,
            self.actor,
            _("Create the account {user} ({role})").format(user=username, role=_(role)),
            create_user,
            self.store,
            self.actor,
            username,
            password,
            role,
            display_name=display_name or None,
        )
        if made is not None:
            self.refresh()
            self.select(made.username)
        return made

    def change(self, username: str, action: str, **changes: object) -> UserView | None:
        """``update_user`` with ``changes`` after re-authentication; the list is reloaded."""
        done = call_privileged(
            self,
            self.store,
            self.actor,
            action,
            update_user,
            self.store,
            self.actor,
            username,
            **changes,
        )
        if done is not None:
            self.refresh()
        return done

    @Slot()
    def _on_add_clicked(self) -> None:
        dialog = NewUserDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.add_user(
            dialog.username.text().strip(),
            dialog.value(),
            dialog.chosen_role(),
            dialog.display_name.text().strip(),
        )

    @Slot()
    def _on_role_clicked(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        names = [_(r) for r in ROLES]
        start = ROLES.index(chosen.role) if chosen.role in ROLES else 0
        name, ok = QInputDialog.getItem(
            self,
            _("Change role"),
            _("New role of {user}:").format(user=chosen.username),
            names,
            start,
            False,
        )
        if ok:
            role = ROLES[names.index(name)]
            text = _("Give {user} the role {role}").format(user=chosen.username, role=name)
            self.change(chosen.username, text, role=role)

    @Slot()
    def _on_active_clicked(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        text = (
            _("Enable the account {user}") if not chosen.active else _("Disable the account {user}")
        )
        self.change(chosen.username, text.format(user=chosen.username), active=not chosen.active)

    @Slot()
    def _on_unlock_clicked(self) -> None:
        chosen = self.current()
        if chosen is not None:
            text = _("Lift the sign-in lockout of {user}").format(user=chosen.username)
            self.change(chosen.username, text, unlock=True)

    @Slot()
    def _on_password_clicked(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        dialog = NewPasswordDialog(chosen.username, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            text = _("Set a new password for {user}").format(user=chosen.username)
            self.change(chosen.username, text, password=dialog.value())
