"""Accounts at the desk: first administrator, sign-in and lockout, windows by role, the idle
lock, and the password asked again before exports and account changes."""

from __future__ import annotations

import threading
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.conftest import PASSWORD, Reauth, WindowFactory, account
from ui.admin_window import AdministratorWindow
from ui.app import open_the_store, sign_in_with_dialog
from ui.auditor_window import AuditorWindow
from ui.demo_account import demo_account
from ui.dialogs.signin_dialog import FirstAdministratorDialog, PassphraseDialog, SignInDialog
from ui.jobs import JobRunner
from ui.main_window import MainWindow
from ui.retention_timer import RetentionTimer
from ui.views.chain_view import BROKEN_STYLE, OK_STYLE
from workstation.config import Paths
from workstation.db.models import Traveller
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.errors import CancelledError
from workstation.opening import open_store
from workstation.security.secrets import PASSPHRASE_ENV, KdfParams
from workstation.services.audit import AuditFilter, list_events
from workstation.services.masking import MASKED
from workstation.services.queries import list_flights, list_travellers
from workstation.services.users import approve, has_accounts, list_users
from workstation.services.views import Actor

GOOD = "correct horse battery staple"


def test_the_first_administrator_dialog_shows_the_rules_live_and_creates_the_account(
    qtbot: QtBot, file_store: Store
) -> None:
    assert not has_accounts(file_store)
    dialog = FirstAdministratorDialog(file_store, "admin.nikolic")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.password.setText("short")
    assert "The password has 5 characters; it needs at least 12." in dialog.rules.text()
    dialog.password.setText("admin.nikolic and more")
    assert "must not contain the user name" in dialog.rules.text()
    dialog.password.setText(GOOD)
    assert "The two passwords differ." in dialog.rules.text()
    assert not dialog.ok_button.isEnabled()
    dialog.repeat.setText(GOOD)
    assert dialog.rules.text() == "✓ The password is fine." and dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.role == "administrator"
    assert has_accounts(file_store)
    [user] = list_users(file_store, dialog.actor)
    assert (user.username, user.has_password) == ("admin.nikolic", True)


def test_sign_in_stays_open_on_a_wrong_password_then_signs_in(
    qtbot: QtBot, file_store: Store, actor: Actor
) -> None:
    dialog = SignInDialog(file_store, actor.username)
    qtbot.addWidget(dialog)
    dialog.password.setText("not it")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.actor is None
    assert dialog.message.text() == "Wrong user name or password."
    assert dialog.password.text() == ""  # typed again, not kept
    dialog.password.setText(PASSWORD)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor == actor


def test_the_fifth_wrong_password_locks_the_account_and_the_dialog_says_so(
    qtbot: QtBot, file_store: Store, actor: Actor
) -> None:
    dialog = SignInDialog(file_store, actor.username)
    qtbot.addWidget(dialog)
    for _n in range(5):
        dialog.password.setText("wrong again")
        dialog.accept()
    assert dialog.message.text().startswith("Too many failed sign-in attempts (5). Try again in")
    dialog.password.setText(PASSWORD)  # right, but locked: refused before it is checked
    dialog.accept()
    assert dialog.actor is None and "Too many failed sign-in attempts" in dialog.message.text()


def test_start_up_offers_the_first_administrator_then_the_sign_in(
    monkeypatch: pytest.MonkeyPatch, file_store: Store
) -> None:
    seen: list[str] = []

    def first_exec(dialog: FirstAdministratorDialog) -> int:
        seen.append(type(dialog).__name__)
        dialog.password.setText(GOOD)
        dialog.repeat.setText(GOOD)
        dialog.accept()
        return dialog.result()

    def sign_in_exec(dialog: SignInDialog) -> int:
        seen.append(f"{type(dialog).__name__} {dialog.username.text()}")
        dialog.password.setText(GOOD)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FirstAdministratorDialog, "exec", first_exec)
    monkeypatch.setattr(SignInDialog, "exec", sign_in_exec)
    first = sign_in_with_dialog(file_store, "it.admin")
    again = sign_in_with_dialog(file_store, "it.admin")
    assert seen == ["FirstAdministratorDialog", "SignInDialog it.admin"]
    assert first is not None and first == again and first.role == "administrator"
    monkeypatch.setattr(SignInDialog, "exec", lambda dialog: int(QDialog.DialogCode.Rejected))
    assert sign_in_with_dialog(file_store, "it.admin") is None  # Quit


def test_a_wrong_passphrase_at_start_is_asked_again_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    paths = Paths(data_dir=tmp_path / "data", log_dir=tmp_path / "log")
    cheap = KdfParams.new(time_cost=1, memory_cost=8 * 1024)
    try:
        open_store(None, demo=False, paths=paths, environ={PASSPHRASE_ENV: GOOD}, kdf=cheap).close()
        typed = iter(["not the passphrase", GOOD])
        problems: list[str] = []

        def answer(dialog: PassphraseDialog) -> int:
            problems.append(dialog.message.text())
            dialog.passphrase.setText(next(typed))
            dialog.accept()
            return dialog.result()

        monkeypatch.setattr(PassphraseDialog, "exec", answer)
        store = open_the_store(None, paths, demo=False)
        store.close()
        assert problems == ["", "Wrong passphrase for this store. Try again."]
        monkeypatch.setattr(PassphraseDialog, "exec", lambda d: int(QDialog.DialogCode.Rejected))
        with pytest.raises(CancelledError):
            open_the_store(None, paths, demo=False)
    finally:
        keyring.set_keyring(previous)


def test_the_passphrase_is_asked_twice_for_a_new_store(qtbot: QtBot) -> None:
    dialog = PassphraseDialog(creating=True)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("one passphrase")
    dialog.repeat.setText("another one")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text() == "The two passphrases differ."
    dialog.repeat.setText("one passphrase")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.value() == "one passphrase"
    opening = PassphraseDialog(creating=False)
    qtbot.addWidget(opening)
    assert opening.repeat.isHidden()


def test_the_demo_account_is_a_supervisor_whose_password_is_demo(file_store: Store) -> None:
    actor = demo_account(file_store)
    assert (actor.username, actor.role) == ("demo", "supervisor")
    assert approve(file_store, actor, "demo", "Trying an export in the demo").user_id == (
        actor.user_id
    )
    assert demo_account(file_store) == actor  # the second start finds the same account


def test_the_demo_window_states_the_demo_password(
    make_window: WindowFactory, file_store: Store
) -> None:
    window = make_window(file_store, demo_account(file_store), demo=True)
    label = window.findChild(QLabel, "signed-in-user")
    assert label.text() == "Signed in: demo (supervisor) — demo account, password: demo"


def test_an_officer_sees_the_board_without_supervisor_menu_export_or_list_import(
    make_window: WindowFactory, screened_store: Store, desk_officer: Actor
) -> None:
    window = make_window(screened_store, desk_officer)
    assert isinstance(window, MainWindow) and window.flights_view.model.rowCount() == 1
    assert not window.supervisor_menu.menuAction().isVisible()
    assert not window.data.export.isVisible() and not window.data.import_watchlist.isVisible()
    assert window.data.import_passengers.isVisible()


def test_an_administrator_gets_the_accounts_and_no_case_data(
    make_window: WindowFactory, screened_store: Store, reauth: Reauth
) -> None:
    admin = account(screened_store, "admin.nikolic", "administrator")
    window = make_window(screened_store, admin)
    assert isinstance(window, AdministratorWindow)
    assert not hasattr(window, "flights_view") and not hasattr(window, "travellers_view")
    users = window.users_view
    names = {users.model.item(r).username for r in range(users.model.rowCount())}
    assert {"admin.nikolic", "ana.petrovic"} <= names
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Help"]
    assert window.settings_action.text() == "Settings…"

    made = users.add_user("officer.new", GOOD, "officer", "New Officer")
    assert made is not None and made.role == "officer"
    users.select("officer.new")
    assert users.change("officer.new", "Give a role", role="supervisor") is not None
    assert users.model.item(users.table.currentIndex().row()).role == "supervisor"
    reauth.password = "not the admin's"
    assert users.change("officer.new", "Disable", active=False) is None
    assert reauth.refused == ["Wrong user name or password."]
    assert [u.active for u in list_users(screened_store, admin) if u.username == "officer.new"] == [
        True
    ]
    assert reauth.asked == ["Confirm with your password"] * 3


def test_an_auditor_gets_the_audit_trail_and_verifies_the_chain(
    make_window: WindowFactory, screened_store: Store, auditor: Actor
) -> None:
    window = make_window(screened_store, auditor)
    assert isinstance(window, AuditorWindow)
    assert not hasattr(window, "flights_view") and not hasattr(window, "users_view")
    assert window.audit_view.model.rowCount() > 0
    check = window.chain_view.verify()
    assert check is not None and check.ok
    assert window.chain_view.verdict.text().startswith("audit chain intact")
    assert window.chain_view.verdict.styleSheet() == OK_STYLE
    assert window.chain_view.retention.text()  # the status, or that there is none


def test_a_broken_chain_is_shown_red(
    make_window: WindowFactory, screened_store: Store, auditor: Actor
) -> None:
    window = make_window(screened_store, auditor)
    engine = screened_store.engine
    with engine.begin() as connection:  # a tamperer working on the file, past the triggers
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_events_no_update")
        names = [
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_events'"
            )
        ]
        for name in names:
            connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
        connection.exec_driver_sql(
            "UPDATE audit_events SET username = 'someone.else' "
            "WHERE id = (SELECT MIN(id) FROM audit_events WHERE mac != '')"
        )
    check = window.chain_view.verify()
    assert check is not None and not check.ok
    assert window.chain_view.verdict.text().startswith("audit chain BROKEN at event #")
    assert window.chain_view.verdict.styleSheet() == BROKEN_STYLE


def test_the_idle_lock_covers_the_window_and_opens_with_the_password(
    qtbot: QtBot, make_window: WindowFactory, screened_store: Store, actor: Actor
) -> None:
    window = make_window(screened_store, actor)
    window.show()
    lock = window.idle_lock
    lock.set_timeout_ms(300)
    qtbot.waitUntil(lambda: lock.locked, timeout=5_000)
    assert lock.screen.geometry() == window.rect()
    qtbot.keyClicks(lock.screen.password, "wrong password")
    qtbot.keyClick(lock.screen.password, Qt.Key.Key_Return)
    assert lock.locked and lock.screen.message.text() == "Wrong user name or password."
    triggered: list[bool] = []
    window.data.export.triggered.connect(lambda: triggered.append(True))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert triggered == []  # shortcuts are swallowed while locked
    lock.set_timeout_ms(60_000)
    qtbot.keyClicks(lock.screen.password, PASSWORD)
    qtbot.keyClick(lock.screen.password, Qt.Key.Key_Return)
    assert not lock.locked and lock.screen.message.text() == ""
    assert lock.timer.isActive()


def test_input_keeps_the_window_unlocked_and_sign_out_closes_it(
    qtbot: QtBot, make_window: WindowFactory, screened_store: Store, actor: Actor
) -> None:
    window = make_window(screened_store, actor)
    window.show()
    lock = window.idle_lock
    lock.set_timeout_ms(400)
    for _n in range(6):  # 600 ms of typing: never 400 ms without input
        qtbot.wait(100)
        qtbot.keyClick(window.flights_view.table, Qt.Key.Key_Down)
    assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=5_000)
    lock.screen.sign_out_button.click()
    assert not window.isVisible()


def test_the_lockout_applies_at_the_lock_screen(
    qtbot: QtBot,
    make_window: WindowFactory,
    screened_store: Store,
    actor: Actor,
) -> None:
    window = make_window(screened_store, actor)
    window.idle_lock.lock()
    screen = window.idle_lock.screen
    for _n in range(5):
        screen.password.setText("guess")
        screen.try_unlock()
    screen.password.setText(PASSWORD)
    assert not screen.try_unlock()
    assert screen.message.text().startswith("Too many failed sign-in attempts (5)")
    assert window.idle_lock.locked
    window.idle_lock.unlock()


def test_an_export_with_a_wrong_password_writes_and_records_nothing(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    make_window: WindowFactory,
    screened_store: Store,
    actor: Actor,
    auditor: Actor,
    reauth: Reauth,
    tmp_path: Path,
) -> None:
    window = make_window(screened_store, actor)
    out = tmp_path / "flagged.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "CSV (*.csv)"))
    )
    reauth.password = "not my password"
    window.data.export.trigger()
    assert reauth.asked == ["Export: reason and recipient"]
    assert reauth.refused == ["Wrong user name or password."]
    assert not window.jobs.busy and not out.exists()
    assert list_events(screened_store, auditor, AuditFilter(action="disclose")) == []
    reauth.password = PASSWORD
    with qtbot.waitSignal(window.jobs.idle, timeout=30_000):
        window.data.export.trigger()
    assert out.exists()
    [event] = list_events(screened_store, auditor, AuditFilter(action="disclose"))
    assert event.details["reason"] == reauth.justification


def test_masked_data_is_shown_after_the_password_and_a_reason(
    make_window: WindowFactory, screened_store: Store, actor: Actor, reauth: Reauth
) -> None:
    window = make_window(screened_store, actor)
    [flight] = list_flights(screened_store, actor)
    row = list_travellers(screened_store, actor, flight.id)[0]
    with screened_store.transaction() as session:  # as retention masks data past its period
        traveller = session.get(Traveller, row.id)
        assert traveller is not None
        traveller.masked_at = utcnow()
    review = window.review_view
    review.show_traveller(row.id)
    assert review.detail is not None and review.detail.surname == MASKED
    assert review.unmask_action.isVisible() and review.unmask_action.isEnabled()
    reauth.password = "wrong"
    review.unmask_action.trigger()
    assert review.detail.surname == MASKED
    reauth.password = PASSWORD
    review.unmask_action.trigger()
    assert review.detail.surname == row.surname != MASKED
    assert reauth.asked == ["Confirm with your password"] * 2


def test_retention_runs_in_the_background_and_waits_for_a_running_import(
    qtbot: QtBot, file_store: Store
) -> None:
    runner = JobRunner()
    timer = RetentionTimer(file_store, runner, retry_ms=50)
    release = threading.Event()
    assert runner.start(lambda _p, _c: release.wait(10), "Import")
    assert not timer.run_now()  # a writer runs: tried again shortly
    release.set()
    qtbot.waitUntil(lambda: timer.last is not None, timeout=10_000)
    assert timer.last is not None and timer.last.ran
    [erasure] = list_events(
        file_store, account(file_store, "ivana.auditor", "auditor"), AuditFilter(action="erasure")
    )
    assert erasure.username == "system.retention"
    assert erasure.details["trigger"] == "automatic"
    runner.shutdown()
