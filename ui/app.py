"""Starting the workstation window: ``python main.py [--demo] [--db URL] [--user NAME]``."""

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
from workstation.selftest import run_core_self_test
from workstation.services.demo import demo_store_is_empty, load_demo_day
from workstation.services.users import sign_in
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
                window = build_main_window(store, sign_in(store, "self-test"), demo=False)
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
