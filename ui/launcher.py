"""Starting the demo as a separate process: its own window on its own store."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QProcess

log = logging.getLogger(__name__)

MAIN_SCRIPT = Path(__file__).resolve().parent.parent / "main.py"


def demo_command() -> tuple[str, list[str]]:
    """The program and arguments that open the demo (a frozen build is its own program)."""
    if getattr(sys, "frozen", False):
        return sys.executable, ["--demo"]
    return sys.executable, [str(MAIN_SCRIPT), "--demo"]


def launch_demo() -> bool:
    """Start the demo window; it opens only the demo store, never the real one."""
    program, arguments = demo_command()
    started, _pid = QProcess.startDetached(program, arguments)
    log.info("demo process started: %s", started)
    return bool(started)
