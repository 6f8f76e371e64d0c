"""The rules commands of the command line, run as a user runs them."""

from __future__ import annotations

from pathlib import Path

from tests.workstation.rulecase import PNR_FILES
from tests.workstation.test_cli import run_cli


def test_rules_are_listed_shown_enabled_tried_and_screened_from_the_command_line(
    tmp_path: Path,
) -> None:
    db = ("--db", f"sqlite:///{tmp_path / 'store.sqlite3'}", "--user", "supervisor.ilic")
    listed = run_cli(*db, "rules", "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "name\tversion\tenabled\tweight\thits\tconfirmed\tdismissed"
    assert "Cash payment\tv1\tno\t15\t0\t0\t0" in lines
    assert len(lines) == 14

    shown = run_cli(*db, "rules", "show", "Late booking or ticketing")
    assert shown.returncode == 0, shown.stderr
    assert "  - Booked before departure is less than 48 hours" in shown.stdout
    assert "any of:" in shown.stdout

    assert run_cli(*db, "import", *PNR_FILES).returncode == 0
    enabled = run_cli(*db, "rules", "enable", "Cash payment")
    assert enabled.stdout.strip() == "Cash payment v1: enabled"
    tried = run_cli(*db, "rules", "whatif", "Late booking or ticketing", "--days", "100000")
    assert tried.returncode == 0, tried.stderr
    assert tried.stdout.startswith("Late booking or ticketing: 1 hit(s) among 15 passenger(s)")

    screened = run_cli(*db, "screen")
    assert screened.returncode == 0, screened.stderr
    assert "1 new risk-indicator hit(s)" in screened.stdout
    listed = run_cli(*db, "rules", "list")
    assert "Cash payment\tv1\tyes\t15\t1\t0\t0" in listed.stdout.splitlines()


def test_enabling_an_unknown_rule_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = run_cli("--db", f"sqlite:///{tmp_path / 's.sqlite3'}", "rules", "enable", "Nope")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: There is no rule called 'Nope'."


def test_screening_stored_flights_writes_a_hits_file_with_kinds_and_the_rule_name(
    tmp_path: Path,
) -> None:
    db = ("--db", f"sqlite:///{tmp_path / 'store.sqlite3'}", "--user", "supervisor.ilic")
    listed = tmp_path / "lookouts.csv"
    listed.write_text(
        "ID,Name,Date of Birth,Nationality,Category\n"
        "NL-7,Кaya Emre,1988,TUR,drugs\n",  # a Cyrillic К typed into a Latin name
        encoding="utf-8",
    )
    assert run_cli(*db, "watchlist", "import", listed, "--name", "Lookouts").returncode == 0
    assert run_cli(*db, "import", *PNR_FILES).returncode == 0
    assert run_cli(*db, "rules", "enable", "Cash payment").returncode == 0
    out = tmp_path / "hits.csv"
    screened = run_cli(*db, "screen", "--out", out, "--reason", "morning briefing")
    assert screened.returncode == 0, screened.stderr
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Exported by supervisor.ilic at ")
    header = next(n for n, line in enumerate(lines) if line.startswith("kind,document_number"))
    rows = [line.split(",") for line in lines[header + 1 :] if line]
    assert sorted(row[0] for row in rows) == ["indicator", "watchlist"]
    [listed] = [row for row in rows if row[0] == "watchlist"]
    assert (listed[2], listed[6], listed[7]) == ("KAYA", "Lookouts", "NL-7")
    [indicator] = [row for row in rows if row[0] == "indicator"]
    assert indicator[2] == "KAYA"
    assert "rule Cash payment" in indicator[-1]
