"""The generated demo day: deterministic, realistic files that the normal readers accept."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from workstation.demo import (
    MANIFEST_HEADERS,
    WATCHLIST_NAME,
    DemoFiles,
    planted_truth,
    write_demo_files,
)
from workstation.demo_cases import DECOYS, LOOKOUTS, PLANTINGS
from workstation.demo_lookouts import WATCHLIST_HEADERS
from workstation.demo_names import REGIONAL_ID_STATES
from workstation.demo_spelling import airline_spellings, feminine

DAY = date(2026, 11, 23)
CATEGORIES = {
    "drugs",
    "trafficking in persons",
    "migrant smuggling",
    "terrorism",
    "wanted person",
    "stolen or lost document",
    "other",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames is not None
        return list(reader)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return write_demo_files(tmp_path_factory.mktemp("demo"), day=DAY)


@pytest.fixture(scope="module")
def travellers(demo: DemoFiles) -> list[dict[str, str]]:
    return [row for path in demo.manifests for row in _rows(path)]


@pytest.fixture(scope="module")
def listed(demo: DemoFiles) -> list[dict[str, str]]:
    return _rows(demo.watchlist)


def _contents(files: DemoFiles) -> list[tuple[str, bytes]]:
    paths = [*files.manifests, files.watchlist]
    return [(path.name, path.read_bytes()) for path in paths]


def test_the_same_seed_and_day_give_byte_identical_files(tmp_path: Path) -> None:
    first = write_demo_files(tmp_path / "a", day=DAY, seed=7)
    second = write_demo_files(tmp_path / "b", day=DAY, seed=7)
    assert _contents(first) == _contents(second)
    assert first.watchlist_name == WATCHLIST_NAME


def test_another_seed_or_day_gives_other_travellers(tmp_path: Path, demo: DemoFiles) -> None:
    other_seed = write_demo_files(tmp_path / "seed", day=DAY, seed=8)
    other_day = write_demo_files(tmp_path / "day", day=date(2027, 3, 2))
    ours = [content for _, content in _contents(demo)]
    assert [content for _, content in _contents(other_seed)] != ours
    their_rows = other_day.manifests[0].read_text(encoding="utf-8").splitlines()[1:]
    our_rows = demo.manifests[0].read_text(encoding="utf-8").splitlines()[1:]
    assert their_rows and set(their_rows).isdisjoint(our_rows)


@pytest.mark.parametrize("seed", [20261123, 1, 99])
def test_the_day_has_ten_to_twelve_flights_and_400_to_700_travellers(
    tmp_path: Path, seed: int
) -> None:
    files = write_demo_files(tmp_path, day=DAY, seed=seed)
    assert 10 <= len(files.manifests) <= 12
    total = 0
    for path in files.manifests:
        rows = _rows(path)
        roles = Counter(row["Role"] for row in rows)
        assert 2 <= roles["crew"] <= 6
        assert 20 <= roles["passenger"] <= 160
        assert (
            len({row["Seat"] for row in rows if row["Role"] == "passenger"}) == roles["passenger"]
        )
        total += len(rows)
    assert 400 <= total <= 700


def test_every_manifest_has_the_exact_headers_and_one_flight(demo: DemoFiles) -> None:
    for path in demo.manifests:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = list(csv.reader(handle))
        assert tuple(lines[0]) == MANIFEST_HEADERS
        assert all(len(line) == len(MANIFEST_HEADERS) for line in lines)
        assert len({tuple(line[:5]) for line in lines[1:]}) == 1
        flight, origin, destination, departure, arrival = lines[1][:5]
        assert re.fullmatch(r"[A-Z0-9]{2}\d{1,4}", flight)
        assert "BEG" in (origin, destination) or "SKP" in (origin, destination)
        assert departure.startswith(DAY.isoformat()) and departure < arrival
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00Z", arrival)


def test_every_traveller_row_is_written_as_airline_data_writes_it(
    travellers: list[dict[str, str]],
) -> None:
    for row in travellers:
        assert re.fullmatch(r"[A-Z]+( [A-Z]+)*", row["Surname"]), row
        assert re.fullmatch(r"[A-Z]+( [A-Z]+)*", row["Given Names"]), row
        assert date.fromisoformat(row["Date of Birth"]) < DAY
        assert date.fromisoformat(row["Document Expiry"]) > DAY
        assert row["Sex"] in ("M", "F")
        assert re.fullmatch(r"[A-Z]{3}", row["Nationality"])
        assert row["Issuing State"] == row["Nationality"]
        assert row["Document Type"] in ("P", "I")
        if row["Role"] == "crew":
            assert row["Booking Reference"] == row["Seat"] == ""
        else:
            assert row["Role"] == "passenger"
            assert re.fullmatch(r"[A-Z0-9]{6}", row["Booking Reference"])
            assert re.fullmatch(r"\d{1,2}[A-F]", row["Seat"])
    numbers = [row["Document Number"] for row in travellers]
    assert len(set(numbers)) == len(numbers)


def test_document_numbers_follow_the_issuing_country_s_format(
    travellers: list[dict[str, str]],
) -> None:
    formats = {"SRB": r"\d{9}", "TUR": r"U\d{8}", "MKD": r"A\d{6,7}", "RUS": r"\d{9}"}
    checked = Counter()
    for row in travellers:
        pattern = formats.get(row["Nationality"])
        if pattern and row["Document Type"] == "P":
            assert re.fullmatch(pattern, row["Document Number"]), row
            checked[row["Nationality"]] += 1
    assert min(checked.values()) >= 10


def test_identity_cards_appear_only_on_regional_flights_for_regional_citizens(
    demo: DemoFiles,
) -> None:
    cards_by_flight = Counter()
    for path in demo.manifests:
        for row in _rows(path):
            if row["Document Type"] == "I":
                assert row["Nationality"] in REGIONAL_ID_STATES
                cards_by_flight[row["Flight"]] += 1
    assert set(cards_by_flight) == {"JU171", "JU172"}


def test_common_surnames_recur_across_the_day(travellers: list[dict[str, str]]) -> None:
    surnames = Counter(row["Surname"] for row in travellers)
    for common in ("JOVANOVIC", "PETROVIC", "NIKOLIC", "YILMAZ", "KAYA", "IVANOV"):
        assert surnames[common] >= 3, common
    assert surnames["HODZIC"] + surnames["MOHAMMED"] >= 4


def test_families_and_couples_share_a_booking_reference(demo: DemoFiles) -> None:
    for path in demo.manifests:
        rows = [row for row in _rows(path) if row["Role"] == "passenger"]
        parties = defaultdict(list)
        for row in rows:
            parties[row["Booking Reference"]].append(row)
        sizes = Counter(len(party) for party in parties.values())
        assert sizes[1] > 0 and sum(n for size, n in sizes.items() if size >= 2) > 0
        families = [p for p in parties.values() if len(p) >= 3]
        assert all(len({row["Nationality"] for row in party}) == 1 for party in families)
    bookings = Counter(
        (row["Booking Reference"], path.name) for path in demo.manifests for row in _rows(path)
    )
    by_code = Counter(code for code, _ in bookings if code)
    assert max(by_code.values()) == 1  # no booking reference spans two flights


def test_the_watchlist_has_exact_headers_and_well_formed_entries(
    demo: DemoFiles, listed: list[dict[str, str]]
) -> None:
    with demo.watchlist.open(encoding="utf-8", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == WATCHLIST_HEADERS
    assert 55 <= len(listed) <= 65
    ids = [row["ID"] for row in listed]
    assert len(set(ids)) == len(ids) and ids == sorted(ids)
    for row in listed:
        assert re.fullmatch(rf"NL-{DAY.year}-\d{{4}}", row["ID"])
        assert row["Category"] in CATEGORIES
        assert row["Handling Notes"]
        assert len([a for a in row["Aliases"].split(";") if a.strip()]) <= 3
        assert all(re.fullmatch(r"[A-Z]{3}", code) for code in row["Nationality"].split(";"))
        born = row["Date of Birth"]
        assert born == "" or re.fullmatch(r"\d{4}", born) or date.fromisoformat(born) < DAY
    assert all(row["Document Number"] for row in listed if "stolen" in row["Category"])


def test_the_watchlist_writes_names_in_cyrillic_and_with_diacritics(
    listed: list[dict[str, str]],
) -> None:
    names = [row["Name"] for row in listed]
    cyrillic = [name for name in names if re.search("[\u0400-\u04ff]", name)]
    macedonian = [name for name in cyrillic if re.search("[ЃЌЅѓќѕ]", name)]
    diacritics = [name for name in names if re.search("[ČĆŽŠĐčćžšđŞşİıÇçËëÖöÜü]", name)]
    assert len(cyrillic) >= 10 and macedonian and len(diacritics) >= 5
    assert "Ђорђевић Жарко" in names and "Сергей Иванович Кузнецов" in names
    assert "Muhammad Abd al-Rahman al-Masri" in names
    births = Counter(
        "year" if len(row["Date of Birth"]) == 4 else bool(row["Date of Birth"]) for row in listed
    )
    assert births["year"] >= 5 and births[True] >= 20 and births[False] >= 2


def test_planted_travellers_are_on_board_with_the_listed_person_s_birth_date(
    travellers: list[dict[str, str]], listed: list[dict[str, str]]
) -> None:
    truth = planted_truth(DAY)
    assert 10 <= len(truth) <= 14
    assert len({number for number, _ in truth}) == len({entry for _, entry in truth}) == len(truth)
    by_number = {row["Document Number"]: row for row in travellers}
    by_id = {row["ID"]: row for row in listed}
    for number, entry_id in truth:
        traveller, entry = by_number[number], by_id[entry_id]
        assert traveller["Role"] == "passenger"
        assert entry["Date of Birth"] in (
            "",
            traveller["Date of Birth"][:4],
            traveller["Date of Birth"],
        )
    listed_documents = [
        by_id[e]["Document Number"] for n, e in truth if by_id[e]["Document Number"]
    ]
    assert listed_documents and all(n in by_number for n in listed_documents)


def test_planted_travellers_are_written_differently_from_the_list(
    travellers: list[dict[str, str]], listed: list[dict[str, str]]
) -> None:
    by_number = {row["Document Number"]: row for row in travellers}
    by_id = {row["ID"]: row for row in listed}
    written_alike = 0
    for number, entry_id in planted_truth(DAY):
        traveller = by_number[number]
        airline = f"{traveller['Surname']} {traveller['Given Names']}"
        written_alike += airline.casefold() == by_id[entry_id]["Name"].casefold()
    assert written_alike == 0


def test_some_planted_travellers_have_companions_on_their_booking(
    travellers: list[dict[str, str]],
) -> None:
    bookings = Counter(row["Booking Reference"] for row in travellers)
    by_number = {row["Document Number"]: row for row in travellers}
    accompanied = [
        n for n, _ in planted_truth(DAY) if bookings[by_number[n]["Booking Reference"]] > 1
    ]
    assert len(accompanied) == sum(1 for planting in PLANTINGS if planting.party)


def test_decoys_share_a_listed_name_but_were_born_decades_apart(
    travellers: list[dict[str, str]],
) -> None:
    planted = {number for number, _ in planted_truth(DAY)}
    lookouts = {lookout.key: lookout for lookout in LOOKOUTS}
    for decoy in DECOYS:
        lookout = lookouts[decoy.key]
        surname = (
            feminine(lookout.culture, lookout.surname) if decoy.sex == "F" else lookout.surname
        )
        surnames = airline_spellings(lookout.culture, surname)
        born = int(lookout.born[:4])
        namesakes = [
            row
            for row in travellers
            if row["Surname"] in surnames
            and row["Document Number"] not in planted
            and abs(int(row["Date of Birth"][:4]) - born) >= 20
            and row["Flight"] == decoy.flight
        ]
        assert namesakes, decoy
    assert 6 <= len(DECOYS) <= 10


def test_planted_truth_follows_the_seed() -> None:
    assert planted_truth(DAY, seed=5) == planted_truth(DAY, seed=5)
    assert planted_truth(DAY, seed=5) != planted_truth(DAY, seed=6)


def test_every_demo_manifest_reads_with_the_manifest_reader(demo: DemoFiles) -> None:
    from workstation.readers.manifest import read_manifest

    total = 0
    for path in demo.manifests:
        passenger_file = read_manifest(path)
        assert len(passenger_file.flights) == 1 and not passenger_file.warnings
        total += len(passenger_file.flights[0].travellers)
    assert total == sum(len(_rows(path)) for path in demo.manifests)


def test_the_demo_watchlist_reads_with_the_watchlist_reader(demo: DemoFiles) -> None:
    from watchlists.read import read_watchlist

    watchlist = read_watchlist(demo.watchlist)
    assert len(watchlist.entries) == len(_rows(demo.watchlist)) and not watchlist.warnings
    assert {entry_id for _, entry_id in planted_truth(DAY)} <= {
        entry.entry_id for entry in watchlist.entries
    }
