"""Start-up, the demo command, and how errors reach the officer."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

import ui.app
from ui import messages
from ui.app import _qt_message, build_parser, main
from ui.dialogs.error_dialog import ErrorDialog
from ui.errors import call_service, show_error
from ui.launcher import MAIN_SCRIPT, demo_command
from workstation.errors import InvalidInputError


@pytest.fixture
def quiet_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """main() without replacing the test run's log handlers, Qt message handler or hooks."""
    monkeypatch.setattr(ui.app, "configure_logging", lambda log_dir: log_dir / "x.log")
    monkeypatch.setattr(ui.app, "qInstallMessageHandler", lambda handler: None)
    monkeypatch.setattr(ui.app, "install_excepthooks", lambda: None)


@pytest.mark.usefixtures("quiet_start")
def test_a_store_that_cannot_be_opened_is_told_and_the_program_exits_1(
    tmp_path: Path, shown_boxes: list[str]
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    assert main(["--db", f"sqlite:///{folder}"]) == 1
    assert len(shown_boxes) == 1
    assert shown_boxes[0].startswith("The store cannot be opened:")


def test_the_command_line_takes_demo_db_and_user() -> None:
    args = build_parser().parse_args(["--demo", "--db", "sqlite:///x", "--user", "ana"])
    assert (args.demo, args.db, args.user) == (True, "sqlite:///x", "ana")


def test_the_demo_is_started_as_main_py_with_demo_by_the_same_python() -> None:
    program, arguments = demo_command()
    assert program == sys.executable
    assert arguments == [str(MAIN_SCRIPT), "--demo"]
    assert MAIN_SCRIPT.is_file()


def test_qt_messages_are_routed_into_logging(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="qt"):
        _qt_message(QtMsgType.QtWarningMsg, QMessageLogContext(), "a Qt warning")
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("qt", logging.WARNING, "a Qt warning")
    ]


def test_an_expected_error_is_shown_with_its_message(shown_boxes: list[str]) -> None:
    assert (
        call_service(None, lambda: (_ for _ in ()).throw(InvalidInputError("Give a name."))) is None
    )
    assert shown_boxes == ["Cannot do that: Give a name."]


def test_an_unexpected_error_is_logged_and_shown_with_copyable_details(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, qapp: QApplication
) -> None:
    dialogs: list[ErrorDialog] = []
    monkeypatch.setattr(messages, "run", lambda dialog: dialogs.append(dialog) or 0)
    try:
        raise KeyError("bug")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR):
            show_error(None, exc)
    (record,) = caplog.records
    assert record.exc_info is not None and record.exc_info[0] is KeyError
    (dialog,) = dialogs
    details = dialog.details.toPlainText()
    assert "Traceback" in details and "KeyError: 'bug'" in details
    dialog._on_copy_clicked()
    assert QGuiApplication.clipboard().text() == details
    dialog.deleteLater()


def test_an_unexpected_error_is_not_swallowed_by_call_service() -> None:
    with pytest.raises(ZeroDivisionError):
        call_service(None, lambda: 1 / 0)
