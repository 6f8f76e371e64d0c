"""Starting the workstation window: ``python main.py [--demo] [--db URL] [--user NAME]``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from ui import messages
from ui.errors import call_service, install_excepthooks
from ui.i18n import _
from ui.main_window import APP_TITLE, MainWindow
from workstation.config import Paths, current_username, resolve_db_url
from workstation.db.store import Store
from workstation.errors import StoreUnavailableError
from workstation.logs import configure_logging
from workstation.progress import CancelToken, ProgressCallback
from workstation.services.demo import demo_store_is_empty, load_demo_day
from workstation.services.users import sign_in
from workstation.services.views import Actor

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
    return parser


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def build_main_window(store: Store, actor: Actor, *, demo: bool) -> MainWindow:
    """The window on ``store`` for ``actor``, with its data loaded (usable from tests)."""
    window = MainWindow(store, actor, demo=demo)
    window.refresh()
    return window


def start_demo_day(window: MainWindow, day: date) -> bool:
    """Fill an empty demo store with a generated day in the background; False if not empty."""
    if not demo_store_is_empty(window.store):
        return False
    store, actor = window.store, window.actor

    def run(progress: ProgressCallback, cancel: CancelToken) -> None:
        load_demo_day(store, actor, day, progress=progress, cancel=cancel)

    window.jobs.start(run, _("Preparing the demo day"), on_done=lambda _result: window.refresh())
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = Paths.default()
    log_file = configure_logging(paths.log_dir)
    qInstallMessageHandler(_qt_message)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    install_excepthooks()
    log.info("starting (demo=%s), log at %s", args.demo, log_file)
    try:
        store = Store(resolve_db_url(args.db, paths, demo=args.demo))
    except StoreUnavailableError as exc:
        log.error("store unavailable at start")
        messages.warn(None, _("The store cannot be opened"), str(exc))
        return 1
    actor = call_service(None, sign_in, store, args.user or current_username())
    if actor is None:
        store.close()
        return 1
    window = build_main_window(store, actor, demo=args.demo)
    window.show()
    if args.demo:
        start_demo_day(window, date.today())
    try:
        return int(app.exec())
    finally:
        store.close()
        log.info("stopped")
