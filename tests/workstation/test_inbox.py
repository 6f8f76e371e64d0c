"""The inbox folder with real files: imported, refused, duplicates, partial files left alone."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import FIXTURES
from tests.workstation.clicase import cli_store
from workstation.config import Settings
from workstation.db.models import ImportFailure, ScreeningRun, Traveller
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.services.inbox import watch_inbox
from workstation.services.views import Actor

API = FIXTURES / "paxlst" / "ju211_d05b_passengers.edi"
PNR = FIXTURES / "pnrgov" / "ju211_full_push.edi"
BROKEN = b"UNA:+.? 'UNB+UNOA:4+JU:ZZ+RSAPI:ZZ+261123:0512+X'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"


def _fill(inbox: Path) -> None:
    inbox.mkdir()
    (inbox / "a_api.edi").write_bytes(API.read_bytes())
    (inbox / "b_same_api.edi").write_bytes(API.read_bytes())
    (inbox / "c_pnr.edi").write_bytes(PNR.read_bytes())
    (inbox / "d_broken.edi").write_bytes(BROKEN)
    (inbox / "e_coming.edi.part").write_bytes(API.read_bytes()[:100])
    (inbox / ".hidden.edi").write_bytes(b"x")


def _no_sleep(_seconds: float) -> None:
    return None


def test_one_pass_imports_archives_quarantines_and_leaves_partial_files(
    any_store: Store, officer: Actor, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    _fill(inbox)
    outcomes = watch_inbox(any_store, officer, inbox, once=True, sleep=_no_sleep)
    assert [(o.file_name, o.status) for o in outcomes] == [
        ("a_api.edi", "imported"),
        ("b_same_api.edi", "duplicate"),
        ("c_pnr.edi", "imported"),
        ("d_broken.edi", "refused"),
    ]
    day = inbox / "archive" / utcnow().date().isoformat()
    assert sorted(p.name for p in day.iterdir()) == [
        "a_api.edi", "b_same_api.edi", "b_same_api.edi.note.txt", "c_pnr.edi"
    ]  # fmt: skip
    assert "imported before" in (day / "b_same_api.edi.note.txt").read_text(encoding="utf-8")
    report = (inbox / "quarantine" / "d_broken.edi.error.txt").read_text(encoding="utf-8")
    assert "File: d_broken.edi" in report and "Problem:" in report and "Where: " in report
    assert (inbox / "quarantine" / "d_broken.edi").read_bytes() == BROKEN
    assert sorted(p.name for p in inbox.iterdir() if p.is_file()) == [
        ".hidden.edi", "e_coming.edi.part"
    ]  # fmt: skip
    with any_store.transaction() as session:
        failure = session.scalars(select(ImportFailure)).one()
        runs = session.scalars(select(ScreeningRun.scope)).all()
        travellers = session.scalar(select(func.count()).select_from(Traveller))
    assert (failure.file_name, failure.channel, failure.carrier) == ("d_broken.edi", "inbox", "JU")
    assert runs == ["flights", "flights"]  # each imported file's flights were screened
    assert travellers == 8 + 8 - 1  # HODZIC is in both the API list and a booking


def test_a_file_still_growing_between_two_polls_is_left_for_later(
    any_store: Store, officer: Actor, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    growing = inbox / "growing.edi"
    data = API.read_bytes()
    growing.write_bytes(data[:200])

    def write_more(_seconds: float) -> None:
        growing.write_bytes(data)

    assert watch_inbox(any_store, officer, inbox, once=True, sleep=write_more) == []
    assert growing.exists()
    [taken] = watch_inbox(any_store, officer, inbox, once=True, sleep=_no_sleep)
    assert (taken.file_name, taken.status) == ("growing.edi", "imported")


def test_the_command_line_watches_once_and_the_inbox_folder_is_a_setting(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    _fill(inbox)
    settings = Settings(inbox_dir=str(inbox), rescreen_hours=48, home_airports=("BEG",))
    saved = settings.save(tmp_path / "settings.json")
    assert Settings.load(saved) == settings
    assert Settings.load(tmp_path / "missing.json") == Settings()
    settings.save()  # where the command line looks when DIR is not given
    store = cli_store(tmp_path, {"cli.officer": "officer"})
    done = store.run("cli.officer", "watch", "--once", "--interval", "0.05")
    assert done.returncode == 0, done.stderr
    assert "retention as of " in done.stderr  # the retention engine ran when the watch began
    lines = done.stdout.splitlines()
    assert [line.split(":")[:2] for line in lines] == [
        ["a_api.edi", " imported"],
        ["b_same_api.edi", " duplicate"],
        ["c_pnr.edi", " imported"],
        ["d_broken.edi", " refused"],
    ]
    assert (inbox / "e_coming.edi.part").exists()
