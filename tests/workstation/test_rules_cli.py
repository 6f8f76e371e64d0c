"""The rules commands of the command line, run as a user runs them."""

from __future__ import annotations

from pathlib import Path

from tests.workstation.clicase import CliStore, cli_store
from tests.workstation.rulecase import PNR_FILES

SUPERVISOR = "supervisor.ilic"
WHY = ("--justification", "cash payers of the autumn operation")


def _store(tmp_path: Path) -> CliStore:
    return cli_store(tmp_path, {SUPERVISOR: "supervisor", "officer.cli": "officer"})


def test_rules_are_listed_shown_enabled_tried_and_screened_from_the_command_line(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path)
    listed = store.run(SUPERVISOR, "rules", "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "name\tversion\tenabled\tweight\thits\tconfirmed\tdismissed"
    assert "Cash payment\tv1\tno\t15\t0\t0\t0" in lines
    assert len(lines) == 14

    shown = store.run(SUPERVISOR, "rules", "show", "Late booking or ticketing")
    assert shown.returncode == 0, shown.stderr
    assert "  - Booked before departure is less than 48 hours" in shown.stdout
    assert "any of:" in shown.stdout

    assert store.run("officer.cli", "import", *PNR_FILES).returncode == 0
    refused = store.run("officer.cli", "rules", "enable", "Cash payment", *WHY)
    assert refused.returncode == 1 and "does not allow changing screening rules" in refused.stderr
    unexplained = store.run(SUPERVISOR, "rules", "enable", "Cash payment")
    assert unexplained.returncode == 1 and "--justification TEXT" in unexplained.stderr
    enabled = store.run(SUPERVISOR, "rules", "enable", "Cash payment", *WHY)
    assert enabled.stdout.strip() == "Cash payment v1: enabled", enabled.stderr
    tried = store.run(
        SUPERVISOR, "rules", "whatif", "Late booking or ticketing", "--days", "100000"
    )
    assert tried.returncode == 0, tried.stderr
    assert tried.stdout.startswith("Late booking or ticketing: 1 hit(s) among 15 passenger(s)")

    screened = store.run("officer.cli", "screen")
    assert screened.returncode == 0, screened.stderr
    assert "1 new risk-indicator hit(s)" in screened.stdout
    listed = store.run(SUPERVISOR, "rules", "list")
    assert "Cash payment\tv1\tyes\t15\t1\t0\t0" in listed.stdout.splitlines()


def test_enabling_an_unknown_rule_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = _store(tmp_path).run(SUPERVISOR, "rules", "enable", "Nope", *WHY)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: There is no rule called 'Nope'."


def test_screening_stored_flights_writes_a_hits_file_with_kinds_and_the_rule_name(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path)
    listed = tmp_path / "lookouts.csv"
    listed.write_text(
        "ID,Name,Date of Birth,Nationality,Category\n"
        "NL-7,Кaya Emre,1988,TUR,drugs\n",  # a Cyrillic К typed into a Latin name
        encoding="utf-8",
    )
    assert (
        store.run(SUPERVISOR, "watchlist", "import", listed, "--name", "Lookouts").returncode == 0
    )
    assert store.run(SUPERVISOR, "import", *PNR_FILES).returncode == 0
    assert store.run(SUPERVISOR, "rules", "enable", "Cash payment", *WHY).returncode == 0
    out = tmp_path / "hits.csv"
    refused = store.run("officer.cli", "screen", "--out", out, "--reason", "morning briefing")
    assert refused.returncode == 1 and "does not allow exporting data" in refused.stderr
    assert "screened" not in refused.stdout and not out.exists()  # refused before screening
    screened = store.run(SUPERVISOR, "screen", "--out", out, "--reason", "morning briefing")
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
