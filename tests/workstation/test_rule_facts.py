"""Each kind of rule condition on travellers stored from real PNR pushes, API messages and
manifests: the facts the workstation builds make exactly the expected travellers hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from matching.rules import Condition, ListRef
from tests.workstation.files import write_manifest
from tests.workstation.rulecase import held_for, import_ju211, rule, traveller_ids
from workstation.db.models import Flight, Hit, Traveller
from workstation.db.store import Store
from workstation.services.imports import import_passenger_files
from workstation.services.review import confirm_hit
from workstation.services.rulestore import save_rule, save_rule_list, set_rule_enabled
from workstation.services.screening import screen_stored
from workstation.services.users import Approval
from workstation.services.views import Actor
from workstation.services.whatif import try_on_traveller


@pytest.fixture
def ju211(any_store: Store, supervisor: Actor) -> Store:
    import_ju211(any_store, supervisor)
    return any_store


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (Condition("payment_forms", "contains_any", ("cash",)), {"KAYA EMRE"}),
        (Condition("booking_lead_hours", "less_than", 48), {"KAYA EMRE"}),
        (Condition("ticketing_lead_hours", "at_most", 27), {"KAYA EMRE"}),
        (Condition("bag_weight_kg", "between", (46, 70)), {"KAYA EMRE"}),
        (Condition("bag_count", "equals", 2), {"KAYA EMRE"}),
        (Condition("stay_days", "at_least", 7), {"JOVANOVIC MARKO", "JOVANOVIC ANNA"}),
        (Condition("one_way", "is_false"), {"JOVANOVIC MARKO", "JOVANOVIC ANNA"}),
        (Condition("agency_code", "equals", "33212345"), {"KAYA EMRE"}),
        (Condition("agency_country", "in_list", ("irl",)), {"O'BRIEN SEAN PATRICK"}),
        (
            Condition("group_size", "at_least", 3),
            {"PETROVIC NIKOLA", "PETROVIC JELENA", "PETROVIC LUKA"},
        ),
        (Condition("document_issuing_state", "equals", "RKS"), {"KRASNIQI ARBEN"}),
        (Condition("document_expiry", "before", date(2028, 12, 31)), {"MUELLER HANS PETER"}),
        (Condition("age", "at_least", 70), {"MUELLER HANS PETER"}),
        (Condition("nationality", "in_list", ("CHN",)), {"ZHANG WEI"}),
        (Condition("name_changed_hours_before_departure", "less_than", 24), {"JOVANOVIC ANNA"}),
    ],
)
def test_each_condition_holds_for_exactly_the_travellers_whose_stored_data_match(
    ju211: Store, supervisor: Actor, condition: Condition, expected: set[str]
) -> None:
    assert held_for(ju211, supervisor, rule(condition)) == expected


def test_a_condition_on_a_named_list_follows_the_list_as_the_unit_edits_it(
    ju211: Store, supervisor: Actor, supervisor_approval: Approval
) -> None:
    watched = rule(Condition("agency_code", "in_list", ListRef("watched agencies")))
    assert held_for(ju211, supervisor, watched) == set()
    save_rule_list(
        ju211,
        supervisor,
        "watched agencies",
        "agencies",
        ["98765432", " "],
        approval=supervisor_approval,
    )
    assert held_for(ju211, supervisor, watched) == {"O'BRIEN SEAN PATRICK"}


def test_a_traveller_known_only_from_the_api_message_has_no_booking_facts(
    ju211: Store, supervisor: Actor
) -> None:
    zhang = traveller_ids(ju211)["ZHANG WEI"]
    test = try_on_traveller(ju211, supervisor, rule(Condition("one_way", "is_true")), zhang)
    assert not test.held
    assert [(line.text, line.actual) for line in test.lines[1:]] == [
        ("One-way ticket: yes", "unknown")
    ]


def test_a_person_s_earlier_flight_counts_as_a_trip_in_the_window(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    rows = tuple(
        f"JU{n},BEG,IST,2026-11-{day}T06:35:00Z,2026-11-{day}T08:10:00Z,passenger,DJORDJEVIC,"
        "ZARKO,1979-04-12,M,SRB,P,012345678,SRB,2030-01-01,K7QX2M,12C"
        for n, day in (("210", "01"), ("212", "20"), ("214", "22"))
    )
    write_manifest(tmp_path, "trips.csv", rows)
    import_passenger_files(any_store, supervisor, [tmp_path / "trips.csv"])
    import_ju211(any_store, supervisor)
    frequent = rule(Condition("trips_in_window", "count_at_least", (2, 7)))
    test = try_on_traveller(any_store, supervisor, frequent, _on_ju211(any_store, "DJORDJEVIC"))
    assert test.held
    assert test.lines[1].actual == "2 trips in 7 days"  # 20 and 22 Nov; 1 Nov is outside


def test_travelling_with_a_flagged_person_holds_for_the_co_traveller_not_the_flagged(
    ju211: Store, supervisor: Actor, supervisor_approval: Approval
) -> None:
    office = rule(Condition("agency_office", "equals", "BEGJUWEB"), name="web office")
    save_rule(ju211, supervisor, office, approval=supervisor_approval)
    set_rule_enabled(ju211, supervisor, "web office", True, approval=supervisor_approval)
    screen_stored(ju211, supervisor)
    marko = traveller_ids(ju211)["JOVANOVIC MARKO"]
    with ju211.transaction() as session:
        hit_id = session.scalar(select(Hit.id).where(Hit.traveller_id == marko))
    assert hit_id is not None
    confirm_hit(ju211, supervisor, hit_id, "gate")
    escorted = rule(Condition("travelling_with_flagged", "is_true"))
    assert held_for(ju211, supervisor, escorted) == {"JOVANOVIC ANNA"}


def _on_ju211(store: Store, surname: str) -> int:
    with store.transaction() as session:
        return (
            session.scalars(
                select(Traveller.id)
                .join(Flight, Flight.id == Traveller.flight_id)
                .where(Traveller.surname == surname, Flight.number == "211")
                .order_by(Flight.scheduled_departure.desc())
            ).first()
            or 0
        )
