"""Errors at the UI edge: expected ones told once with what to do, unexpected ones logged.

Expected problems (:class:`WorkstationError`) go to a message box with their message. Anything
else is a bug: it is logged with its traceback and shown in a dialog with copyable details; an
officer never sees a raw traceback on its own.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import ParamSpec, TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from ui import messages
from ui.dialogs.error_dialog import ErrorDialog
from ui.i18n import _
from workstation.config import Paths
from workstation.errors import CancelledError, WorkstationError

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Tell the user about ``exc``: its message when expected, an apology and details when not."""
    if isinstance(exc, WorkstationError):
        log.info("told the user: %s", type(exc).__name__)
        title = _("Cancelled") if isinstance(exc, CancelledError) else _("Cannot do that")
        messages.warn(parent, title, str(exc))
        return
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    summary = _(
        "Something went wrong inside the workstation. Your last action may not have been "
        "saved. Please send the details below to your administrator; they are also in the "
        "log in {log_dir}."
    ).format(log_dir=Paths.default().log_dir)
    messages.run(ErrorDialog(summary, details, parent))


def call_service(
    parent: QWidget | None, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """``fn(*args, **kwargs)``, or None after telling the user about an expected problem."""
    try:
        return fn(*args, **kwargs)
    except WorkstationError as exc:
        show_error(parent, exc)
        return None


class _ErrorRelay(QObject):
    """Carries an exception from any thread to the main thread, where dialogs may be shown."""

    raised = Signal(object)

    @Slot(object)
    def _on_raised(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            show_error(QApplication.activeWindow(), exc)


_relay: _ErrorRelay | None = None


def install_excepthooks() -> None:
    """Route uncaught exceptions of the main thread and of Python threads to the log and a dialog.

    Call once, after the QApplication exists.
    """
    global _relay
    _relay = _ErrorRelay(QApplication.instance())
    _relay.raised.connect(_relay._on_raised)
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    if _relay is not None:
        _relay.raised.emit(exc.with_traceback(tb))
    else:
        log.critical("uncaught exception", exc_info=(kind, exc, tb))


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    _excepthook(args.exc_type, args.exc_value, args.exc_traceback)
