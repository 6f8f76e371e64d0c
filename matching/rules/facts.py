"""What a risk rule may look at: one traveller on one flight, as a flat typed record.

The caller (the workstation) builds ``TravelFacts`` from flight, API and PNR data. There is
deliberately no field for ethnic origin, religion, health, sex life or sexual orientation,
political opinion, meals, special service requests or free-text remarks: a rule cannot be written
on what is not here. ``FIELDS`` is the one registry of what rules may use; the UI builds its
pickers from it and ``validate`` checks rules against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Literal

Kind = Literal["text", "number", "flag", "codes", "datetime", "date", "trips"]

OPERATORS_BY_KIND: Mapping[Kind, tuple[str, ...]] = MappingProxyType(
    {
        "text": ("equals", "not_equals", "in_list", "not_in_list"),
        "number": (
            "equals",
            "not_equals",
            "less_than",
            "greater_than",
            "at_most",
            "at_least",
            "between",
        ),
        "flag": ("is_true", "is_false"),
        "codes": ("contains_any",),
        "datetime": ("before", "after", "between"),
        "date": ("before", "after", "between"),
        "trips": ("count_at_least",),
    }
)


@dataclass(frozen=True, slots=True)
class TravelFacts:
    """One traveller on one flight. Unknown values are None (or an empty set).

    Codes are upper-cased (airports IATA, carriers IATA, countries ISO alpha-3), payment forms
    lower-cased (``cash``, ``card``, ``invoice``...). ``departure`` must be timezone-aware; it is
    held in UTC.
    Lead times are hours before departure. ``trips_in_window`` maps a window in days to the
    number of trips the traveller made in that window; the caller computes the windows that
    ``RuleSet.trip_windows`` names. ``document_days_valid`` (days from the departure date to
    the document's expiry) and ``nationality_differs_from_issuing_state`` are derived here.
    ``key`` is the caller's identifier, handed back untouched; rules cannot see it.
    """

    key: str = ""
    origin: str | None = None
    destination: str | None = None
    transit_airports: frozenset[str] = frozenset()
    route_countries: frozenset[str] = frozenset()
    carrier: str | None = None
    departure: datetime | None = None
    booking_lead_hours: float | None = None
    ticketing_lead_hours: float | None = None
    payment_forms: frozenset[str] = frozenset()
    one_way: bool | None = None
    stay_days: int | None = None
    group_size: int | None = None
    agency_code: str | None = None
    agency_office: str | None = None
    agency_country: str | None = None
    name_changed_hours_before_departure: float | None = None
    bag_count: int | None = None
    bag_weight_kg: float | None = None
    document_expiry: date | None = None
    document_issuing_state: str | None = None
    nationality: str | None = None
    age: int | None = None
    trips_in_window: Mapping[int, int] = field(default_factory=dict, hash=False)
    travelling_with_flagged: bool | None = None
    document_days_valid: int | None = field(init=False, default=None)
    nationality_differs_from_issuing_state: bool | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.departure is not None and self.departure.utcoffset() is None:
            raise ValueError("departure must be timezone-aware (UTC)")
        put = object.__setattr__
        if self.departure is not None:
            put(self, "departure", self.departure.astimezone(UTC))
        for name in _UPPER_TEXT:
            value = getattr(self, name)
            if value is not None:
                value = value.strip().upper()
                put(self, name, value or None)
        put(self, "transit_airports", _codes(self.transit_airports, upper=True))
        put(self, "route_countries", _codes(self.route_countries, upper=True))
        put(self, "payment_forms", _codes(self.payment_forms, upper=False))
        put(self, "trips_in_window", MappingProxyType(dict(self.trips_in_window)))
        if self.document_expiry is not None and self.departure is not None:
            days = (self.document_expiry - self.departure.date()).days
            put(self, "document_days_valid", days)
        if self.nationality and self.document_issuing_state:
            differs = self.nationality != self.document_issuing_state
            put(self, "nationality_differs_from_issuing_state", differs)


_UPPER_TEXT = (
    "origin",
    "destination",
    "carrier",
    "agency_code",
    "agency_office",
    "agency_country",
    "document_issuing_state",
    "nationality",
)


def _codes(values: frozenset[str], *, upper: bool) -> frozenset[str]:
    cleaned = (v.strip() for v in values)
    return frozenset((v.upper() if upper else v.lower()) for v in cleaned if v)


@dataclass(frozen=True)
class FieldSpec:
    """One field a rule may use: its name on ``TravelFacts``, kind, label, unit and operators.

    ``case`` says how codes are normalised ("upper", "lower" or None), so that values written
    in a rule or a named list are compared the way the facts hold them.
    """

    name: str
    kind: Kind
    label: str
    section: str
    unit: str = ""
    case: Literal["upper", "lower"] | None = None

    @property
    def operators(self) -> tuple[str, ...]:
        return OPERATORS_BY_KIND[self.kind]


def _spec(
    name: str,
    kind: Kind,
    label: str,
    section: str,
    unit: str = "",
    case: Literal["upper", "lower"] | None = None,
) -> tuple[str, FieldSpec]:
    return name, FieldSpec(name, kind, label, section, unit, case)


FIELDS: Mapping[str, FieldSpec] = MappingProxyType(
    dict(
        (
            _spec("origin", "text", "Departure airport", "Route", case="upper"),
            _spec("destination", "text", "Arrival airport", "Route", case="upper"),
            _spec("transit_airports", "codes", "Transit airports", "Route", case="upper"),
            _spec("route_countries", "codes", "Countries on the route", "Route", case="upper"),
            _spec("carrier", "text", "Airline", "Route", case="upper"),
            _spec("departure", "datetime", "Departure (UTC)", "Route"),
            _spec("booking_lead_hours", "number", "Booked before departure", "Booking", "hours"),
            _spec(
                "ticketing_lead_hours", "number", "Ticketed before departure", "Booking", "hours"
            ),
            _spec("payment_forms", "codes", "Forms of payment", "Booking", case="lower"),
            _spec("one_way", "flag", "One-way ticket", "Booking"),
            _spec("stay_days", "number", "Length of stay", "Booking", "days"),
            _spec("group_size", "number", "Travellers on the booking", "Booking", "travellers"),
            _spec("agency_code", "text", "Booking agency (IATA number)", "Booking", case="upper"),
            _spec("agency_office", "text", "Booking office", "Booking", case="upper"),
            _spec(
                "agency_country", "text", "Country of the booking agency", "Booking", "", "upper"
            ),
            _spec(
                "name_changed_hours_before_departure",
                "number",
                "Name on the booking changed before departure",
                "Booking",
                "hours",
            ),
            _spec("bag_count", "number", "Checked bags", "Baggage", "bags"),
            _spec("bag_weight_kg", "number", "Checked baggage weight", "Baggage", "kg"),
            _spec("document_expiry", "date", "Document expiry date", "Document"),
            _spec(
                "document_days_valid",
                "number",
                "Document valid after departure",
                "Document",
                "days",
            ),
            _spec(
                "document_issuing_state", "text", "Document issuing state", "Document", "", "upper"
            ),
            _spec("nationality", "text", "Nationality", "Traveller", case="upper"),
            _spec(
                "nationality_differs_from_issuing_state",
                "flag",
                "Nationality differs from the document's issuing state",
                "Traveller",
            ),
            _spec("age", "number", "Age", "Traveller", "years"),
            _spec("trips_in_window", "trips", "Earlier trips", "History"),
            _spec("travelling_with_flagged", "flag", "Travelling with a flagged person", "History"),
        )
    )
)
