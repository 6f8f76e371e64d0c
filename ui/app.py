"""Starting the workstation window: ``python main.py [--demo] [--db URL] [--user NAME]``.

The real store is opened (its passphrase asked when it is encrypted), then the user signs in
with a password; a store without accounts first gets its administrator. The demo store signs
its demo supervisor in by itself and never opens the real store.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QDialog

from ui import messages
from ui.admin_window import AdministratorWindow
from ui.auditor_window import AuditorWindow
from ui.collector import MainThreadCollector
from ui.demo_account import demo_account
from ui.desk_window import DeskWindow
from ui.dialogs.signin_dialog import FirstAdministratorDialog, PassphraseDialog, SignInDialog
from ui.errors import call_service, install_excepthooks
from ui.i18n import _
from ui.main_window import APP_TITLE, MainWindow
from ui.retention_timer import RetentionTimer
from ui.session import sees_case_data
from workstation.config import Paths, current_username
from workstation.db.store import Store
from workstation.errors import CancelledError, WorkstationError
from workstation.logs import configure_logging
from workstation.opening import open_store
from workstation.progress import CancelToken, ProgressCallback
from workstation.security.roles import ADMINISTRATOR
from workstation.security.secrets import PASSPHRASE_ENV, WrongPassphraseError
from workstation.selftest import run_core_self_test
from workstation.services.demo import demo_store_is_empty, load_demo_day
from workstation.services.users import has_accounts, sign_in_unchecked
from workstation.services.views import Actor
from workstation.version import version

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workstation", description=APP_TITLE)
    parser.add_argument(
        "--demo", action="store_true", help="open the separate demo store (a generated day)"
    )
    parser.add_argument("--db", metavar="URL", help="SQLAlchemy URL of the store to open")
    parser.add_argument("--user", metavar="NAME", help="act as this user (default: the OS user)")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless (temporary store, import, screening, window) "
        "and exit",
    )
    return parser


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def build_main_window(store: Store, actor: Actor, *, demo: bool) -> DeskWindow:
    """The window for ``actor``'s role on ``store``, with its data loaded (usable from tests).

    Officers and supervisors get the board; an administrator the accounts and settings (no
    case data); an auditor the audit trail and its checks.
    """
    window: DeskWindow
    if sees_case_data(actor):
        window = MainWindow(store, actor, demo=demo)
    elif actor.role == ADMINISTRATOR:
        window = AdministratorWindow(store, actor, demo=demo)
    else:
        window = AuditorWindow(store, actor, demo=demo)
    window.refresh()
    return window


PASSPHRASE_ATTEMPTS = 3


class PassphraseAsker:
    """Asks for the store's passphrase; after a wrong one the dialog says so."""

    def __init__(self) -> None:
        self.problem = ""

    def __call__(self, creating: bool) -> str:
        dialog = PassphraseDialog(creating, problem=self.problem)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        value = dialog.value()
        dialog.deleteLater()
        if not accepted:
            raise CancelledError("No passphrase was given; the store was not opened.")
        return value


def open_the_store(explicit_url: str | None, paths: Paths, *, demo: bool) -> Store:
    """The store to work on, with its keys (the passphrase asked where there is no keyring;
    up to three tries when it is wrong)."""
    ask = PassphraseAsker()
    for attempt in range(1, PASSPHRASE_ATTEMPTS + 1):
        try:
            return open_store(explicit_url, demo=demo, ask=ask, paths=paths)
        except WrongPassphraseError as exc:
            log.warning("wrong store passphrase (attempt %d)", attempt)
            if attempt == PASSPHRASE_ATTEMPTS or PASSPHRASE_ENV in os.environ:
                raise
            ask.problem = str(exc)
    raise AssertionError("unreachable")


def sign_in_with_dialog(store: Store, username: str) -> Actor | None:
    """The first administrator on a store without accounts, else name and password; None when
    the user quits."""
    dialog: FirstAdministratorDialog | SignInDialog
    if has_accounts(store):
        dialog = SignInDialog(store, username)
    else:
        dialog = FirstAdministratorDialog(store, username)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    actor = dialog.actor if accepted else None
    dialog.deleteLater()
    return actor


def start_demo_day(window: DeskWindow, day: date) -> bool:
    """Fill an empty demo store with a generated day in the background; False if not empty."""
    if not isinstance(window, MainWindow) or not demo_store_is_empty(window.store):
        return False
    store, actor = window.store, window.actor

    def run(progress: ProgressCallback, cancel: CancelToken) -> None:
        load_demo_day(store, actor, day, progress=progress, cancel=cancel)

    window.jobs.start(run, _("Preparing the demo day"), on_done=lambda _result: window.refresh())
    return True


def self_test() -> int:
    """The packaged build's check: core self-test, then the main window built offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        with tempfile.TemporaryDirectory(prefix="workstation-selftest-") as tmp:
            core = run_core_self_test(Path(tmp))
            if not core.ok:
                print(core.line(), file=sys.stderr)
                return 1
            app = QApplication.instance() or QApplication(sys.argv[:1])
            store = Store(f"sqlite:///{Path(tmp) / 'selftest.sqlite3'}")
            try:
                actor = sign_in_unchecked(store, "self-test", role="supervisor")
                window = build_main_window(store, actor, demo=False)
                assert isinstance(window, MainWindow)
                flights = window.flights_view.model.rowCount()
                window.close()
                app.processEvents()
            finally:
                store.close()
    except Exception as exc:  # the self-test reports any failure as its result
        print(f"self-test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    if flights != 1:
        print(f"self-test FAILED: the window shows {flights} flights, expected 1", file=sys.stderr)
        return 1
    print(f"{core.line()}; window ok ({flights} flight) - version {version()}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        return self_test()
    paths = Paths.default()
    log_file = configure_logging(paths.log_dir)
    qInstallMessageHandler(_qt_message)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    install_excepthooks()
    log.info("starting (demo=%s), log at %s", args.demo, log_file)
    try:
        store = open_the_store(args.db, paths, demo=args.demo)
    except CancelledError:
        log.info("start cancelled at the passphrase")
        return 1
    except (WorkstationError, OSError) as exc:  # unreachable, wrong passphrase, missing keys
        log.error("store unavailable at start: %s", type(exc).__name__)
        messages.warn(None, _("The store cannot be opened"), str(exc))
        return 1
    if args.demo:
        actor = call_service(None, demo_account, store)
    else:
        actor = call_service(None, sign_in_with_dialog, store, args.user or current_username())
    if actor is None:
        store.close()
        log.info("no one signed in")
        return 1
    collector = MainThreadCollector(app)
    window = build_main_window(store, actor, demo=args.demo)
    window.show()
    if args.demo:
        start_demo_day(window, date.today())
    RetentionTimer(store, window.jobs, window).run_now()
    try:
        return int(app.exec())
    finally:
        store.close()
        collector.stop()
        log.info("stopped")
