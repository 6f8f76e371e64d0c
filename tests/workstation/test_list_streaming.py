"""Large lists are read as streams and stored in batches: progress while reading, cancel leaves
nothing, and the streamed readers give what the whole-file readers give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from watchlists.ftm import stream_ftm
from watchlists.read import open_watchlist
from watchlists.tabular import stream_watchlist_table
from workstation.db.models import ImportBatch, Watchlist, WatchlistEntry, WatchlistVersion
from workstation.db.store import Store
from workstation.errors import CancelledError, InputFileError
from workstation.progress import CancelToken
from workstation.services import entrybatch
from workstation.services.entries import content_of, entry_row, entry_values
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist, list_watchlists

ENTRIES = 3 * entrybatch.BATCH + 17  # several batches and a short last one


def write_ftm(path: Path, count: int = ENTRIES) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            properties = {
                "name": [f"Marko Petrović {n}"],
                "alias": [f"Марко Петровић {n}"],
                "birthDate": ["1979-04" if n % 2 else "1979-04-12"],
                "nationality": ["rs"],
            }
            entity = {"id": f"P-{n:06d}", "schema": "Person", "properties": properties}
            handle.write(json.dumps(entity, ensure_ascii=False) + "\n")
        handle.write(json.dumps({"id": "C-1", "schema": "Company", "properties": {}}) + "\n")
    return path


def write_csv(path: Path, count: int = ENTRIES) -> Path:
    lines = ["ID;Name;Aliases;Date of Birth;Nationality"]
    lines += [f"N-{n:06d};Ana Jović {n};Ана Јовић {n};1980;SRB" for n in range(count)]
    lines.append("N-X;;;1980;SRB")  # names nobody: skipped
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _stored(store: Store) -> tuple[int, int, int, int]:
    with store.transaction() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Watchlist, WatchlistVersion, WatchlistEntry, ImportBatch)
        )


@pytest.mark.parametrize("writer", [write_ftm, write_csv])
def test_progress_is_reported_while_reading_before_anything_is_stored(
    any_store: Store,
    supervisor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    writer: object,
) -> None:
    path = writer(tmp_path / "big.list")  # type: ignore[operator]
    events: list[tuple[str, int, int]] = []
    insert = entrybatch._insert

    def recording_insert(session: object, rows: list[dict[str, object]]) -> int:
        events.append(("insert", len(rows), 0))
        return insert(session, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(entrybatch, "_insert", recording_insert)

    def progress(done: int, total: int, text: str) -> None:
        if text.startswith("Reading"):
            events.append(("read", done, total))

    summary = import_watchlist(any_store, supervisor, [path], "Big", progress=progress)
    assert summary.watchlist.entry_count == ENTRIES
    assert summary.watchlist.skipped_count == 1
    first_insert = next(n for n, e in enumerate(events) if e[0] == "insert")
    reading = [e for e in events[:first_insert] if e[0] == "read"]
    assert reading[0][1] == 0  # told before the file is opened
    assert any(0 < done < total for _, done, total in reading)  # and again part way through
    read_done = [done for kind, done, _ in events if kind == "read"]
    assert read_done == sorted(read_done) and read_done[-1] == path.stat().st_size


@pytest.mark.parametrize("writer", [write_ftm, write_csv])
def test_cancelling_while_reading_leaves_nothing(
    any_store: Store, supervisor: Actor, tmp_path: Path, writer: object
) -> None:
    path = writer(tmp_path / "big.list")  # type: ignore[operator]
    token = CancelToken()
    reports: list[int] = []

    def progress(done: int, total: int, text: str) -> None:
        reports.append(done)
        if text.startswith("Reading") and 0 < done < total:
            token.cancel()  # part way through the file, after a batch was stored

    with pytest.raises(CancelledError):
        import_watchlist(any_store, supervisor, [path], "Big", progress=progress, cancel=token)
    assert _stored(any_store) == (0, 0, 0, 0)
    assert list_watchlists(any_store, supervisor) == []


def test_a_broken_line_late_in_a_file_rolls_the_whole_import_back(
    any_store: Store, supervisor: Actor, tmp_path: Path
) -> None:
    path = write_ftm(tmp_path / "list.jsonl")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    with pytest.raises(InputFileError, match=f"line {ENTRIES + 2}"):
        import_watchlist(any_store, supervisor, [path], "Big")
    assert _stored(any_store) == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("writer", "stream"), [(write_ftm, stream_ftm), (write_csv, stream_watchlist_table)]
)
def test_a_stream_reports_bytes_read_as_it_goes(
    tmp_path: Path, writer: object, stream: object
) -> None:
    path = writer(tmp_path / "big.list", 20_000)  # type: ignore[operator]
    entries = stream(path)  # type: ignore[operator]
    seen = []
    for n, _entry in enumerate(entries):
        if n % 5000 == 0:
            seen.append(entries.bytes_read)
    assert seen == sorted(seen) and 0 < seen[1] < entries.size
    assert entries.bytes_read == entries.size == path.stat().st_size


def test_bulk_rows_have_the_fingerprints_of_orm_rows(tmp_path: Path) -> None:
    path = write_ftm(tmp_path / "list.jsonl", 50)
    for entry in open_watchlist(path):
        values = entry_values(7, entry)
        assert values["fingerprint"] == content_of(entry_row(7, entry)).fingerprint()
