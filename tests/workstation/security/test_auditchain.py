"""The keyed audit chain: every kind of tampering is found, and where."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.security.auditchain import (
    EMPTY_HEAD,
    ChainHead,
    EventRecord,
    canonical,
    head,
    link,
    seal_all,
    verify,
)

KEY = bytes(range(32))
T0 = datetime(2025, 3, 1, 6, 30, tzinfo=UTC)
ACTIONS = ("import", "screen", "open_traveller", "dismiss_hit", "export")


def events(count: int, first_id: int = 1) -> list[EventRecord]:
    return [
        EventRecord(
            id=first_id + i,
            at=T0 + timedelta(seconds=17 * i),
            user="officer.petrović",
            role="officer",
            workstation="BEG-DESK-2",
            action=ACTIONS[i % len(ACTIONS)],
            object_type="hit",
            object_ids=(first_id + i, "JU 541"),
            justification="" if i % 3 else "case 2025/17",
            details={"count": i, "note": "Đorđe"},
        )
        for i in range(count)
    ]


def chain(count: int = 12) -> list[EventRecord]:
    return seal_all(KEY, events(count))


def test_an_untouched_chain_verifies_and_reports_its_head() -> None:
    sealed = chain()
    report = verify(sealed, KEY, anchor=head(sealed))
    assert report.ok and report.problem == "" and report.first_bad_id is None
    assert report.checked == 12
    assert report.head == ChainHead(12, 12, sealed[-1].mac)


def test_the_canonical_form_is_sorted_compact_utf8_with_utc_time() -> None:
    belgrade = timezone(timedelta(hours=1))
    event = replace(events(1)[0], at=datetime(2025, 3, 1, 7, 30, tzinfo=belgrade))
    text = canonical(event).decode("utf-8")
    assert text.startswith('{"action":"import","at":"2025-03-01T06:30:00.000000+00:00",')
    assert '"user":"officer.petrović"' in text and ", " not in text
    naive = replace(event, at=datetime(2025, 3, 1, 6, 30))
    assert canonical(naive) == canonical(event)


def test_each_mac_links_the_event_to_the_one_before() -> None:
    sealed = chain(3)
    assert sealed[0].mac == link(KEY, bytes(32), canonical(replace(sealed[0], mac=b"")))
    assert sealed[2].mac == link(KEY, sealed[1].mac, canonical(sealed[2]))


def test_an_edited_event_is_found() -> None:
    sealed = chain()
    sealed[5] = replace(sealed[5], justification="none needed")
    report = verify(sealed, KEY)
    assert not report.ok and report.first_bad_id == 6
    assert report.problem == "event #6 was altered, or an event before it was deleted"
    assert report.checked == 5


def test_an_edit_with_a_recomputed_mac_but_the_wrong_key_is_found() -> None:
    sealed = chain()
    forged = seal_all(b"x" * 32, [replace(e, mac=b"") for e in sealed])
    assert verify(forged, KEY).first_bad_id == 1


def test_a_deleted_event_is_found_at_the_gap() -> None:
    sealed = chain()
    del sealed[4]
    report = verify(sealed, KEY)
    assert not report.ok and report.first_bad_id == 6
    assert "does not follow #4: the events between were deleted" in report.problem


def test_a_deleted_first_event_is_found() -> None:
    report = verify(chain()[1:], KEY)
    assert not report.ok and report.first_bad_id == 2


def test_events_given_out_of_order_are_found() -> None:
    sealed = chain()
    sealed[3], sealed[4] = sealed[4], sealed[3]
    report = verify(sealed, KEY)
    assert not report.ok and report.first_bad_id == 5
    assert "does not follow #3: the events between were deleted or moved" in report.problem


def test_an_event_with_an_earlier_id_than_the_one_before_is_reported_as_reordered() -> None:
    sealed = chain()
    report = verify([*sealed[:4], sealed[2]], KEY)
    assert not report.ok and report.first_bad_id == 3
    assert report.problem == "event #3 comes after #4: events were reordered"


def test_two_events_swapped_in_place_are_found() -> None:
    sealed = chain()
    a, b = sealed[3], sealed[4]
    sealed[3] = replace(b, id=a.id)
    sealed[4] = replace(a, id=b.id)
    assert verify(sealed, KEY).first_bad_id == 4


def test_a_truncated_chain_is_found_against_the_kept_head() -> None:
    sealed = chain()
    kept = head(sealed)
    short = sealed[:9]
    assert verify(short, KEY).ok  # on its own, a shorter chain is still a chain
    report = verify(short, KEY, anchor=kept)
    assert not report.ok and report.first_bad_id == 9
    assert "has 9 events but the kept head says 12" in report.problem


def test_an_emptied_chain_is_found_against_the_kept_head() -> None:
    report = verify([], KEY, anchor=head(chain()))
    assert not report.ok and report.head == EMPTY_HEAD


def test_a_chain_that_grew_after_the_head_was_kept_verifies() -> None:
    sealed = chain()
    assert verify(sealed, KEY, anchor=head(sealed[:7])).ok


def test_a_chain_rewritten_with_the_key_after_truncation_is_found_by_the_head() -> None:
    sealed = chain()
    kept = head(sealed)
    rewritten = seal_all(KEY, [replace(e, details={"count": 0}) for e in sealed])
    report = verify(rewritten, KEY, anchor=kept)
    assert not report.ok and "rewritten" in report.problem


def test_a_chain_checked_from_a_known_head_continues_from_it() -> None:
    sealed = chain()
    middle = head(sealed[:5])
    assert verify(sealed[5:], KEY, start=middle, anchor=head(sealed)).ok
    assert not verify(sealed[6:], KEY, start=middle).ok


def test_ids_with_gaps_from_a_rolled_back_sequence_still_verify() -> None:
    gappy = [replace(e, id=e.id * 3) for e in events(6)]
    assert verify(seal_all(KEY, gappy), KEY).ok


def test_the_head_describes_itself_for_an_export() -> None:
    sealed = chain(2)
    assert head(sealed).describe() == (
        f"Audit chain: 2 events, last #2, MAC {sealed[-1].mac.hex()}."
    )
    assert EMPTY_HEAD.describe() == "Audit chain: empty."


def test_details_that_are_not_json_cannot_be_sealed() -> None:
    bad = replace(events(1)[0], details={"ratio": float("nan")})
    with pytest.raises(ValueError):
        seal_all(KEY, [bad])


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(min_value=2, max_value=30),
    data=st.data(),
)
def test_any_single_edit_or_deletion_is_found_at_or_before_its_place(
    size: int, data: st.DataObject
) -> None:
    sealed = chain(size)
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    if data.draw(st.booleans()):
        sealed[index] = replace(sealed[index], user="someone.else")
        expected = index + 1
    else:
        del sealed[index]
        if index == size - 1:
            assert not verify(sealed, KEY, anchor=head(chain(size))).ok
            return
        expected = index + 2
    report = verify(sealed, KEY)
    assert not report.ok and report.first_bad_id == expected
