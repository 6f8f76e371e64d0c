"""National lookouts kept by hand: validation, versions, re-screening, validity, photos, audit."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.workstation.accounts import auditor_of
from tests.workstation.listcase import hits_by_traveller, write_flight, write_list
from workstation.db.models import LookoutPhoto
from workstation.db.store import Store
from workstation.errors import InvalidInputError, PermissionDeniedError
from workstation.services.audit import list_events
from workstation.services.imports import import_passenger_files
from workstation.services.listdiff import diff_versions
from workstation.services.lookouts import (
    NATIONAL_LIST,
    LookoutInput,
    create_lookout,
    list_lookouts,
    lookout_photo,
    retire_lookout,
    update_lookout,
)
from workstation.services.photos import MAX_PHOTO_BYTES
from workstation.services.screening import screen_stored
from workstation.services.users import sign_in
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist, list_watchlists

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
MILAN = LookoutInput(
    names=("Милан Стојковски", "Milan Stojkovski"),
    birth_dates=("14.03.1981",),
    sex="M",
    nationalities=("North Macedonia",),
    documents=("a 1234 567",),
    category="drugs",
    handling_notes="Inform the duty supervisor; do not alert the subject",
    source="Ministry of Interior, drugs unit",
    reference="MVR-2026-0417",
)
TRAVELLER = ("STOJKOVSKI", "MILAN", "1981-03-14", "M", "MKD", "A1234567")
TODAY = date.today()


def _with(lookout: LookoutInput, **changes: Any) -> LookoutInput:
    return replace(lookout, **changes)


def test_a_lookout_is_checked_and_stored_as_the_next_version_of_the_national_list(
    any_store: Store, supervisor: Actor
) -> None:
    view = create_lookout(any_store, supervisor, MILAN)
    assert (view.source_id, view.watchlist, view.list_kind) == (
        "LO-000001",
        NATIONAL_LIST,
        "national",
    )
    assert view.names == ("Милан Стојковски", "Milan Stojkovski")
    assert (view.birth_dates, view.nationalities, view.documents) == (
        ("1981-03-14",),
        ("MKD",),
        ("A1234567",),
    )
    second = create_lookout(
        any_store, supervisor, _with(MILAN, names=("Ana Ban",), birth_dates=("1990",))
    )
    assert second.source_id == "LO-000002"
    [summary] = list_watchlists(any_store, supervisor)
    assert (summary.kind, summary.version_no, summary.entry_count) == ("national", 2, 2)
    assert [v.source_id for v in list_lookouts(any_store, supervisor)] == ["LO-000001", "LO-000002"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"names": (" ", "")}, "at least one name"),
        ({"category": "smuggling"}, "Unknown category 'smuggling'"),
        ({"birth_dates": ("31.02.1981",)}, "is not a date"),
        ({"birth_dates": ("2090",)}, "in the future"),
        ({"nationalities": ("Atlantis",)}, "not a known country"),
        ({"sex": "Q"}, "write M or F"),
        ({"valid_from": TODAY, "valid_until": TODAY - timedelta(days=1)}, "cannot end before"),
        ({"photo": b"GIF89a" + b"\x00" * 10}, "JPEG or PNG"),
        ({"photo": PNG + b"\x00" * MAX_PHOTO_BYTES}, "the limit is 2 MB"),
    ],
)
def test_a_lookout_that_is_not_right_is_refused_with_what_to_correct(
    sqlite_store: Store, change: dict[str, object], message: str
) -> None:
    supervisor = sign_in(sqlite_store, "supervisor.a", role="supervisor")
    with pytest.raises(InvalidInputError, match=message):
        create_lookout(sqlite_store, supervisor, _with(MILAN, **change))
    assert list_watchlists(sqlite_store, supervisor) == []


def test_only_supervisors_keep_lookouts(sqlite_store: Store) -> None:
    for role in ("officer", "auditor", "administrator"):
        other = sign_in(sqlite_store, f"{role}.a", role=role)
        with pytest.raises(PermissionDeniedError, match=r"changing watchlists.*supervisor"):
            create_lookout(sqlite_store, other, MILAN)
    supervisor = sign_in(sqlite_store, "supervisor.a", role="supervisor")
    assert create_lookout(sqlite_store, supervisor, MILAN).source_id == "LO-000001"


def test_imported_and_national_lists_do_not_mix(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    path = write_list(tmp_path, "un.csv", "X-1,Ivan Horvat,,1970,M,HRV,,other,")
    import_watchlist(any_store, supervisor, [path], "Regional")
    with pytest.raises(InvalidInputError, match="imported from files"):
        create_lookout(any_store, supervisor, MILAN, watchlist="Regional")
    create_lookout(any_store, supervisor, MILAN)
    with pytest.raises(InvalidInputError, match="kept by hand"):
        import_watchlist(any_store, supervisor, [path], NATIONAL_LIST)


def test_a_new_lookout_hits_a_traveller_of_a_recent_flight_at_once(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    import_passenger_files(
        any_store, supervisor, [write_flight(tmp_path, "JU211", -3, [TRAVELLER])]
    )
    view = create_lookout(any_store, supervisor, MILAN)
    [hits] = hits_by_traveller(any_store).values()
    assert hits == [("LO-000001", 1, "open")]
    created = [
        e for e in list_events(any_store, auditor_of(any_store)) if e.action == "lookout_create"
    ]
    assert [(e.object_ids, e.details["new_hits"]) for e in created] == [((view.id,), 1)]


def test_editing_a_lookout_makes_a_version_the_diff_shows_and_raises_no_second_hit(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    import_passenger_files(
        any_store, supervisor, [write_flight(tmp_path, "JU211", -3, [TRAVELLER])]
    )
    first = create_lookout(any_store, supervisor, MILAN)
    edited = update_lookout(
        any_store, supervisor, first.id, _with(MILAN, documents=("A1234567", "B7654321"))
    )
    assert (edited.source_id, edited.documents) == ("LO-000001", ("A1234567", "B7654321"))
    [change] = diff_versions(any_store, supervisor, NATIONAL_LIST).changed
    assert [(f.field, f.before, f.after) for f in change.fields] == [
        ("documents", ("A1234567",), ("A1234567", "B7654321"))
    ]
    assert list(hits_by_traveller(any_store).values()) == [[("LO-000001", 1, "open")]]
    with pytest.raises(InvalidInputError, match="changed by someone else since it was opened"):
        update_lookout(any_store, supervisor, first.id, MILAN)
    same = update_lookout(
        any_store, supervisor, edited.id, _with(MILAN, documents=("A1234567", "B7654321"))
    )
    assert same.id == edited.id  # nothing changed: no version
    assert list_watchlists(any_store, supervisor)[0].version_no == 2


def test_an_expired_lookout_is_not_matched_until_its_validity_is_extended(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    expired = _with(
        MILAN, valid_from=TODAY - timedelta(days=30), valid_until=TODAY - timedelta(days=1)
    )
    view = create_lookout(any_store, supervisor, expired)
    not_yet = _with(MILAN, names=("Milan Stojkovski",), valid_from=TODAY + timedelta(days=2))
    create_lookout(any_store, supervisor, not_yet)
    import_passenger_files(
        any_store, supervisor, [write_flight(tmp_path, "JU211", -3, [TRAVELLER])]
    )
    run = screen_stored(any_store, supervisor)
    assert (run.entries, run.hits) == (0, 0)
    extended = update_lookout(any_store, supervisor, view.id, _with(expired, valid_until=TODAY))
    assert extended.valid_until == TODAY
    assert list(hits_by_traveller(any_store).values()) == [[("LO-000001", 3, "open")]]


def test_a_retired_lookout_is_no_longer_screened_and_its_hits_stay(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    import_passenger_files(
        any_store, supervisor, [write_flight(tmp_path, "JU211", -3, [TRAVELLER])]
    )
    view = create_lookout(any_store, supervisor, MILAN)
    summary = retire_lookout(any_store, supervisor, view.id)
    assert (summary.version_no, summary.entry_count) == (2, 0)
    assert list_lookouts(any_store, supervisor) == []
    assert [e.source_id for e in diff_versions(any_store, supervisor, NATIONAL_LIST).removed] == [
        "LO-000001"
    ]
    import_passenger_files(
        any_store, supervisor, [write_flight(tmp_path, "JU411", -1, [TRAVELLER])]
    )
    assert screen_stored(any_store, supervisor).hits == 0
    assert list(hits_by_traveller(any_store).values()) == [[("LO-000001", 1, "open")]]
    with pytest.raises(InvalidInputError, match="was retired since"):
        retire_lookout(any_store, supervisor, view.id)
    assert create_lookout(any_store, supervisor, MILAN).source_id == "LO-000002"  # never reused


def test_a_photo_is_stored_once_kept_across_versions_and_its_viewing_audited(
    any_store: Store, supervisor: Actor
) -> None:
    view = create_lookout(any_store, supervisor, _with(MILAN, photo=PNG))
    assert view.has_photo
    kept = update_lookout(
        any_store, supervisor, view.id, _with(MILAN, handling_notes="Search baggage")
    )
    assert kept.has_photo
    photo = lookout_photo(any_store, supervisor, kept.id)
    assert photo is not None and (photo.media_type, photo.data) == ("image/png", PNG)
    replaced = update_lookout(any_store, supervisor, kept.id, _with(MILAN, photo=JPEG))
    [change] = diff_versions(any_store, supervisor, NATIONAL_LIST).changed
    assert [f.field for f in change.fields] == ["notes", "photo"]
    removed = update_lookout(any_store, supervisor, replaced.id, _with(MILAN, remove_photo=True))
    assert not removed.has_photo and lookout_photo(any_store, supervisor, removed.id) is None
    with any_store.transaction() as session:
        assert session.scalar(select(func.count(LookoutPhoto.id))) == 2
    consulted = [
        e for e in list_events(any_store, auditor_of(any_store)) if e.action == "consult_photo"
    ]
    assert [e.object_ids for e in consulted] == [(kept.id,)]


def test_every_lookout_change_is_audited_without_its_content(
    any_store: Store, supervisor: Actor
) -> None:
    view = create_lookout(any_store, supervisor, MILAN)
    edited = update_lookout(any_store, supervisor, view.id, _with(MILAN, birth_dates=("1981",)))
    retire_lookout(any_store, supervisor, edited.id)
    events = [
        e for e in list_events(any_store, auditor_of(any_store)) if e.action.startswith("lookout_")
    ]
    assert [(e.action, e.object_ids, e.username) for e in events] == [
        ("lookout_retire", (edited.id,), supervisor.username),
        ("lookout_update", (edited.id,), supervisor.username),
        ("lookout_create", (view.id,), supervisor.username),
    ]
    assert events[1].details["fields"] == ["dates"]
    assert all(e.details["source_id"] == "LO-000001" for e in events)
    details = json.dumps([e.details for e in events], ensure_ascii=False)
    for content in ("Stojkovski", "Стојковски", "1981", "A1234567", "MVR-2026", "Inform"):
        assert content not in details
