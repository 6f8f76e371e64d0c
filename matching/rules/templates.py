"""A starting library of risk indicators, all DISABLED, for a supervisor to review and switch on.

Each is a common courier indicator from customs and border practice, with a written rationale
and a moderate default weight: no single indicator should make a traveller a target on its own.
Three refer to the unit's named lists (``TEMPLATE_LISTS``), which the unit must fill first.
"""

from __future__ import annotations

from matching.rules.model import Condition, Group, ListRef, Rule

SOURCE_COUNTRIES = "source countries"
TRANSIT_COUNTRIES = "transit countries"
WATCHED_AGENCIES = "watched agencies"
TEMPLATE_LISTS = (SOURCE_COUNTRIES, TRANSIT_COUNTRIES, WATCHED_AGENCIES)

OWNER = "template"


def _all(*items: Condition | Group) -> Group:
    return Group("all", items)


def _any(*items: Condition | Group) -> Group:
    return Group("any", items)


def _template(name: str, weight: int, root: Group, description: str, rationale: str) -> Rule:
    return Rule(
        name=name,
        weight=weight,
        root=root,
        description=description,
        rationale=rationale,
        owner=OWNER,
        enabled=False,
    )


TEMPLATES: tuple[Rule, ...] = (
    _template(
        "Cash payment",
        15,
        _all(Condition("payment_forms", "contains_any", ("cash",))),
        "The ticket was paid, wholly or partly, in cash.",
        "Cash leaves no card or account trail; couriers' tickets are often bought in cash "
        "by an organiser.",
    ),
    _template(
        "One-way ticket",
        10,
        _all(Condition("one_way", "is_true")),
        "The booking has no return flight.",
        "Couriers are often booked one way, the return being arranged after delivery.",
    ),
    _template(
        "Late booking or ticketing",
        15,
        _any(
            Condition("booking_lead_hours", "less_than", 48),
            Condition("ticketing_lead_hours", "less_than", 48),
        ),
        "Booked or ticketed less than 48 hours before departure.",
        "Couriers are often booked at short notice, once a load is ready to move.",
    ),
    _template(
        "Short stay",
        10,
        _all(Condition("stay_days", "at_most", 3)),
        "The return is three days or less after arrival.",
        "A very short stay at a distant destination suits a delivery better than a visit.",
    ),
    _template(
        "Route via a source or transit country",
        25,
        _any(
            Condition("route_countries", "contains_any", ListRef(SOURCE_COUNTRIES)),
            Condition("route_countries", "contains_any", ListRef(TRANSIT_COUNTRIES)),
        ),
        "The journey starts in or passes through a country on the unit's lists.",
        "Seizure records show which countries goods come from or are routed through; the "
        "lists must be kept current from the unit's own intelligence.",
    ),
    _template(
        "Booked by a watched agency",
        20,
        _all(Condition("agency_code", "in_list", ListRef(WATCHED_AGENCIES))),
        "The booking was made by an agency on the unit's list.",
        "Agencies linked to earlier seizures have been used repeatedly by organisers.",
    ),
    _template(
        "No checked bag on a long trip",
        15,
        _all(Condition("stay_days", "at_least", 7), Condition("bag_count", "equals", 0)),
        "A stay of a week or more with no checked baggage.",
        "A traveller staying a week or more usually checks a bag; none may mean the trip's "
        "purpose is not the stay.",
    ),
    _template(
        "Many or heavy bags",
        10,
        _any(Condition("bag_count", "at_least", 3), Condition("bag_weight_kg", "at_least", 46)),
        "Three or more checked bags, or 46 kg or more in all.",
        "Goods are often carried in extra or unusually heavy checked baggage.",
    ),
    _template(
        "Document expiring soon",
        10,
        _all(Condition("document_days_valid", "at_most", 30)),
        "The travel document expires within 30 days of departure.",
        "Couriers are sometimes given documents near expiry, or travel on documents "
        "obtained for one trip.",
    ),
    _template(
        "Nationality differs from issuing state",
        5,
        _all(Condition("nationality_differs_from_issuing_state", "is_true")),
        "The travel document was issued by another state than the traveller's nationality.",
        "A document from another state than the holder's own calls for a check of how it "
        "was obtained; many lawful cases exist, hence the low weight.",
    ),
    _template(
        "Travelling with a flagged person",
        40,
        _all(Condition("travelling_with_flagged", "is_true")),
        "On the same booking as a traveller an officer has flagged.",
        "Organisers often send couriers in pairs or with an escort.",
    ),
    _template(
        "Frequent trips",
        20,
        _all(Condition("trips_in_window", "count_at_least", (3, 30))),
        "Three or more trips in the last 30 days.",
        "Repeated short round trips on the same route are typical of couriers working a line.",
    ),
    _template(
        "Late name change",
        25,
        _all(Condition("name_changed_hours_before_departure", "less_than", 24)),
        "The traveller's name on the booking was changed less than 24 hours before departure.",
        "A seat held for a courier is often given a name at the last moment.",
    ),
)


def template(name: str) -> Rule:
    """The template called ``name``; KeyError when there is none."""
    for rule in TEMPLATES:
        if rule.name == name:
            return rule
    raise KeyError(name)
