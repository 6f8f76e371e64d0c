"""The engine's value classes: kept by the hundred thousand (entries, their dates, the tokens and
parsed names in the caches), so each is a slotted object without a dictionary of its own, and
still frozen, comparable and picklable (forked workers send matches back pickled)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from matching import ListedPerson, PartialDate, Person, Screener
from matching.normalize import make_token
from matching.units import parse_name

ENTRY = ListedPerson("W-1", ("Жарко Ђорђевић", "Zarko Djordjevic"), (PartialDate(1971, 3, 12),))
TRAVELLER = Person(
    "P-1", "DJORDJEVIC", "ZARKO", PartialDate(1971, 3, 12), "M", "SRB", ("X1234567",)
)


def _values() -> list[object]:
    match = Screener([ENTRY]).screen([TRAVELLER])[0]
    parsed = parse_name("AL MASRI MOHAMED")
    return [
        ENTRY,
        TRAVELLER,
        PartialDate(1971),
        match,
        match.reasons[0],
        make_token("DJORDJEVIC"),
        parsed,
        parsed.units[0],
    ]


@pytest.mark.parametrize("value", _values(), ids=lambda v: type(v).__name__)
def test_values_carry_no_dictionary_and_stay_frozen(value: object) -> None:
    assert not hasattr(value, "__dict__")
    field = dataclasses.fields(value)[0].name  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, field, None)


@pytest.mark.parametrize("value", _values(), ids=lambda v: type(v).__name__)
def test_values_survive_pickling(value: object) -> None:
    copy = pickle.loads(pickle.dumps(value))
    assert copy == value
    assert hash(copy) == hash(value)
