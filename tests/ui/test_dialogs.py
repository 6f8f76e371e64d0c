"""The decision dialogs: required reasons, inline validation, values handed back."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.dialogs.confirm_dialog import ConfirmHitDialog
from ui.dialogs.dismiss_dialog import DismissHitDialog
from ui.dialogs.interdiction_dialog import InterdictionDialog, parse_quantity
from ui.dialogs.watchlist_dialog import WatchlistImportDialog
from workstation.errors import InvalidInputError


def test_dismissing_a_hit_requires_a_reason(qtbot: QtBot) -> None:
    dialog = DismissHitDialog("PETKOVIĆ, Dragan")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert "required" in dialog.hint.text()
    dialog.reason.setPlainText("  no  ")
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setPlainText("Date of birth differs by 20 years")
    assert dialog.ok_button.isEnabled()
    assert dialog.hint.text() == ""
    assert dialog.value() == "Date of birth differs by 20 years"


def test_the_confirm_dialog_hands_back_the_chosen_control_point_and_note(qtbot: QtBot) -> None:
    dialog = ConfirmHitDialog("PETKOVIĆ, Dragan")
    qtbot.addWidget(dialog)
    assert dialog.value() == ("document_check", "")
    baggage = next(b for b in dialog.points.buttons() if b.property("code") == "baggage")
    baggage.setChecked(True)
    dialog.note.setPlainText("  Blue suitcase  ")
    assert dialog.value() == ("baggage", "Blue suitcase")
    assert dialog.ok_button.text() == "Flag for control"


def _choose(combo: object, code: str) -> None:
    index = combo.findData(code)  # type: ignore[attr-defined]
    assert index >= 0
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


def test_a_seizure_without_a_commodity_is_refused_inline_and_the_dialog_stays_open(
    qtbot: QtBot,
) -> None:
    dialog = InterdictionDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _choose(dialog.outcome, "seizure")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error.text() == "A seizure needs the commodity seized."
    assert not dialog.error.isHidden()
    dialog.reject()


def test_cash_must_be_counted_in_a_currency(qtbot: QtBot) -> None:
    dialog = InterdictionDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _choose(dialog.outcome, "seizure")
    _choose(dialog.commodity, "cash")
    assert dialog.unit.findText("EUR") >= 0 and dialog.unit.findText("kg") < 0
    dialog.quantity.setText("25000")
    dialog.unit.setCurrentText("kg")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "currency" in dialog.error.text()
    dialog.unit.setCurrentText("eur")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert dialog.result() == dialog.DialogCode.Accepted
    value = dialog.value()
    assert (value.commodity, value.quantity, value.unit) == ("cash", Decimal("25000"), "EUR")


def test_an_interdiction_hands_back_every_field_entered(qtbot: QtBot) -> None:
    dialog = InterdictionDialog()
    qtbot.addWidget(dialog)
    _choose(dialog.outcome, "seizure")
    _choose(dialog.commodity, "cocaine")
    dialog.quantity.setText("1,25")
    dialog.unit.setCurrentText("kg")
    _choose(dialog.concealment, "luggage")
    for n in range(dialog.agencies.count()):
        item = dialog.agencies.item(n)
        if item.data(Qt.ItemDataRole.UserRole) in ("customs", "drug_police"):
            item.setCheckState(Qt.CheckState.Checked)
    dialog.arrest.setChecked(True)
    dialog.case_reference.setText(" BEG-2025-0412 ")
    dialog.notes.setPlainText("In the lining")
    value = dialog.value()
    assert value.outcome == "seizure" and value.commodity == "cocaine"
    assert value.quantity == Decimal("1.25") and value.unit == "kg"
    assert value.concealment == "luggage"
    assert value.agencies == ("customs", "drug_police")
    assert value.arrest and value.case_reference == "BEG-2025-0412"
    assert value.notes == "In the lining"


def test_a_quantity_that_is_not_a_number_is_refused_inline(qtbot: QtBot) -> None:
    dialog = InterdictionDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _choose(dialog.commodity, "heroin")
    dialog.quantity.setText("about two")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "must be a number" in dialog.error.text()
    dialog.reject()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", None), ("2", Decimal("2")), ("1,5", Decimal("1.5")), (" 1 250.5 ", Decimal("1250.5"))],
)
def test_quantities_accept_a_decimal_comma(text: str, expected: Decimal | None) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["abc", "NaN", "Infinity"])
def test_quantities_that_are_not_finite_numbers_are_refused(text: str) -> None:
    with pytest.raises(InvalidInputError):
        parse_quantity(text)


def test_a_watchlist_import_needs_files_and_a_name(qtbot: QtBot) -> None:
    dialog = WatchlistImportDialog(["National lookouts"])
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.name.setCurrentText("National lookouts")
    assert not dialog.ok_button.isEnabled()
    dialog.set_paths([Path("/data/list.csv")])
    assert dialog.ok_button.isEnabled()
    assert dialog.value() == ([Path("/data/list.csv")], "National lookouts")
