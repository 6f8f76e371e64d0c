"""Switching a rule on or off is asked for first: an enabled rule raises hits on travellers."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui import messages
from ui.i18n import _
from workstation.services.ruleviews import RuleSummary


def ask(parent: QWidget | None, rule: RuleSummary, enable: bool) -> bool:
    """True when the supervisor confirms switching ``rule`` on (``enable``) or off."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    if enable:
        box.setWindowTitle(_("Enable rule"))
        box.setText(
            _(
                "Enable “{name}” (version {version}, weight {weight})? From the next screening "
                "it raises indicator hits for officers to review. This is recorded in the audit."
            ).format(name=rule.name, version=rule.version, weight=rule.weight)
        )
    else:
        box.setWindowTitle(_("Disable rule"))
        box.setText(
            _("Disable “{name}”? Its hits stay as they are; it raises no new ones.").format(
                name=rule.name
            )
        )
    yes = box.addButton(_("Enable") if enable else _("Disable"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    messages.run(box)
    return box.clickedButton() is yes
