"""OK/Cancel rows labelled through ``_()``: Qt has no Serbian or Macedonian button texts."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def ok_cancel(
    dialog: QDialog, ok_text: str, cancel_text: str
) -> tuple[QDialogButtonBox, QPushButton]:
    """A button row whose OK accepts and Cancel rejects ``dialog``; returns the row and OK."""
    row = QDialogButtonBox()
    ok = row.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    row.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    row.accepted.connect(dialog.accept)
    row.rejected.connect(dialog.reject)
    return row, ok
