"""The command line as a user runs it: a real process, real files, a real store file."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.workstation.files import write_manifest, write_watchlist

REPO = Path(__file__).resolve().parents[2]


def run_cli(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workstation", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_help_lists_every_command() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("import", "watchlist", "screen", "export"):
        assert command in result.stdout


def test_every_command_has_help() -> None:
    for command in (
        ["import"],
        ["watchlist", "import"],
        ["watchlist", "list"],
        ["screen"],
        ["export"],
    ):
        result = run_cli(*command, "--help")
        assert result.returncode == 0, (command, result.stderr)
        assert "usage:" in result.stdout


def test_a_missing_file_gives_one_line_naming_it_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    result = run_cli("--db", f"sqlite:///{db}", "import", tmp_path / "absent.csv")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "absent.csv" in lines[0] and "no such file" in lines[0]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM import_batches").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM audit_events").fetchone() == (0,)


def test_an_unreadable_file_gives_one_line_naming_it(tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    result = run_cli("--db", f"sqlite:///{tmp_path / 's.sqlite3'}", "import", junk)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert "junk.csv" in result.stderr


def test_import_screen_and_export_through_the_command_line(tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'store.sqlite3'}", "--user", "officer.cli"]
    wl = run_cli(*db, "watchlist", "import", write_watchlist(tmp_path), "--name", "Lookouts")
    assert wl.returncode == 0, wl.stderr
    assert "version 1, 2 entries" in wl.stdout
    imported = run_cli(*db, "import", write_manifest(tmp_path))
    assert imported.returncode == 0, imported.stderr
    assert "1 flight(s), 4 traveller(s)" in imported.stdout
    screened = run_cli(*db, "screen")
    assert screened.returncode == 0, screened.stderr
    assert "1 hit(s), 1 new" in screened.stdout
    out = tmp_path / "flagged.csv"
    exported = run_cli(*db, "export", "flagged", "--out", out, "--reason", "Monthly report")
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8-sig").startswith("Exported by officer.cli")


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


def test_version_is_printed_by_the_command_line_too() -> None:
    from workstation.version import version

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"python -m workstation {version()}"
