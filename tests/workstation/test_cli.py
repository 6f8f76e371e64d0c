"""The command line as a user runs it: a real process, real files, a real store file."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.workstation.clicase import cli_store, connect, run_cli
from tests.workstation.files import write_manifest, write_watchlist

__all__ = ["run_cli"]  # also used by other tests of the command line


def test_help_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("import", "watchlist", "screen", "export", "users", "audit"):
        assert command in result.stdout


def test_every_command_has_help() -> None:
    for command in (
        ["import"],
        ["watchlist", "import"],
        ["watchlist", "list"],
        ["screen"],
        ["export"],
        ["users", "add"],
        ["users", "set"],
        ["audit", "verify"],
    ):
        result = run_cli(*command, "--help")
        assert result.returncode == 0, (command, result.stderr)
        assert "usage:" in result.stdout


def test_a_missing_file_gives_one_line_naming_it_and_writes_nothing(tmp_path: Path) -> None:
    store = cli_store(tmp_path, {"officer.cli": "officer"})
    before = _audit_actions(store.path)
    result = store.run("officer.cli", "import", tmp_path / "absent.csv")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "absent.csv" in lines[0] and "no such file" in lines[0]
    with connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)
    assert _audit_actions(store.path) == [*before, "sign_in"]  # the sign-in, nothing else


def _audit_actions(db: Path) -> list[str]:
    with connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT action FROM audit_events ORDER BY id")]


def test_an_unreadable_file_gives_one_line_naming_it(tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    store = cli_store(tmp_path, {"officer.cli": "officer"})
    result = store.run("officer.cli", "import", junk)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "junk.csv" in result.stderr


def test_import_screen_and_export_through_the_command_line(tmp_path: Path) -> None:
    store = cli_store(tmp_path, {"officer.cli": "officer", "supervisor.cli": "supervisor"})
    wl = store.run(
        "supervisor.cli", "watchlist", "import", write_watchlist(tmp_path), "--name", "Lookouts"
    )
    assert wl.returncode == 0, wl.stderr
    assert "version 1, 2 entries" in wl.stdout
    imported = store.run("officer.cli", "import", write_manifest(tmp_path))
    assert imported.returncode == 0, imported.stderr
    assert "1 flight(s), 4 traveller(s)" in imported.stdout
    screened = store.run("officer.cli", "screen")
    assert screened.returncode == 0, screened.stderr
    assert "1 hit(s), 1 new" in screened.stdout
    out = tmp_path / "flagged.csv"
    export = ("export", "flagged", "--out", out, "--reason", "Monthly report to the head")
    refused = store.run("officer.cli", *export)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "error: Your role (officer) does not allow exporting data; it needs the role "
        "supervisor. Ask a supervisor or an administrator."
    )
    assert not out.exists()
    unexplained = store.run("supervisor.cli", *export[:-2], "--reason", "report")
    assert unexplained.returncode == 1 and "--reason TEXT" in unexplained.stderr
    exported = store.run("supervisor.cli", *export)
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8-sig").startswith("Exported by supervisor.cli")


def test_screening_files_without_a_store_writes_the_hits_file(tmp_path: Path) -> None:
    out = tmp_path / "hits.csv"
    result = run_cli(
        "screen",
        write_manifest(tmp_path),
        "--watchlist",
        write_watchlist(tmp_path),
        "--out",
        out,
        "--timings",
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("load=") and " index=" in result.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        [hit] = list(csv.DictReader(handle))
    assert (hit["document_number"], hit["surname"], hit["entry_id"]) == (
        "012345678",
        "DJORDJEVIC",
        "NL-001",
    )
    assert float(hit["score"]) >= 70
    assert "name" in hit["reasons"]


def test_a_manifest_naming_no_flight_is_screened_on_its_own(tmp_path: Path) -> None:
    # The columns the screening command documents, and no flight: the hit's flight is empty.
    # What the list reader leaves out is said on stderr, naming the file and the line.
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "Surname,Given Names,Date of Birth,Sex,Nationality,Document Number\n"
        "DJORDJEVIC,ZARKO,1975-03-14,M,SRB,P1234567\n"
        "JOVANOVIC,MARIJA,1990-05-05,F,SRB,P7654321\n",
        encoding="utf-8",
    )
    watchlist = tmp_path / "list.csv"
    watchlist.write_text(
        "ID,Name,Aliases,Date of Birth,Nationality,Document Number\n"
        "L-1,Ђорђевић Жарко,Đorđević Žarko,1975,SRB,\n"
        "L-3,Jovanović Marko,,1990-05-05,SRB,\n"
        "L-4,,,1970,SRB,\n"
        "L-5,Petar Petrović,,1970,Atlantis,\n",
        encoding="utf-8",
    )
    out = tmp_path / "hits.csv"
    result = run_cli("screen", manifest, "--watchlist", watchlist, "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "warning: list.csv: line 4: no name; the row was skipped",
        "warning: list.csv: line 5: nationality 'Atlantis' is not a known country; left out",
    ]
    with out.open(encoding="utf-8", newline="") as handle:
        [hit] = list(csv.DictReader(handle))
    assert (hit["document_number"], hit["entry_id"], hit["flight"]) == ("P1234567", "L-1", "")


def test_version_is_printed_by_the_command_line_too() -> None:
    from workstation.version import version

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"python -m workstation {version()}"
