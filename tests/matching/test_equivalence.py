"""The Wikidata name-group table distilled from rigour: cross-script names it joins, names it
must not join, and that it is read on first use only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from matching import normalize
from matching.equivalence import TABLE_PATH, build_table, read_table
from matching.names import _similarity
from matching.normalize import make_token


@pytest.mark.parametrize(
    ("listed", "traveller"),
    [("Γιώργος", "GEORGE"), ("Георгий", "GIORGOS"), ("Κωνσταντίνος", "CONSTANTINE")],
)
def test_cross_script_given_names_from_wikidata_are_one_name(
    listed: str, traveller: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _similarity(listed, traveller)[1] == "name_table"
    _clear_caches()
    monkeypatch.setattr(normalize, "_table", dict)  # the hand-written table alone
    try:
        assert _similarity(listed, traveller)[1] != "name_table"
    finally:
        _clear_caches()


def _clear_caches() -> None:
    _similarity.cache_clear()
    normalize.make_token.cache_clear()
    normalize._chunk_tokens.cache_clear()


def test_a_name_only_wikidata_knows_does_not_block_a_typo_match() -> None:
    # FAHIMA is a name of its own in Wikidata, and also FATIMA with one letter wrong
    assert not make_token("FAHIMA").groups
    assert _similarity("Fatima", "FAHIMA")[1] == "fuzzy"
    assert _similarity("IVAN", "IVANA")[1] == "different"


def test_a_table_group_joining_two_hand_written_names_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "groups.tsv"
    path.write_text("IVAN\tIVANA\tIVANKO\nMARKO\tMARKOS\tMARKUSH\nSOLO\tSOLOS\n", encoding="utf-8")
    hand = {"IVAN": "IVAN", "IVANA": "IVANA", "MARKO": "MARKO"}
    table = build_table(read_table(path), hand)
    assert "IVANKO" not in table
    assert table["MARKOS"] == table["MARKUSH"] == frozenset({"MARKO"})
    assert "SOLO" not in table  # touches no hand-written group
    assert build_table(read_table(path), hand, join_new=True)["SOLOS"] == frozenset({"+SOLO"})


def test_importing_the_engine_does_not_read_the_table() -> None:
    probe = (
        "import pathlib, sys\n"
        "real = pathlib.Path.open\n"
        "def spy(self, *a, **k):\n"
        "    if self.name == 'name_groups.tsv':\n"
        "        sys.exit(3)\n"
        "    return real(self, *a, **k)\n"
        "pathlib.Path.open = spy\n"
        "import matching\n"
        "print('not read')\n"
        "matching.normalize_name('Γιώργος')\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.stdout.strip() == "not read"
    assert run.returncode == 3  # the first name looked up reads it


def test_the_shipped_table_is_small_and_well_formed() -> None:
    assert TABLE_PATH.stat().st_size < 2_000_000
    groups = read_table()
    assert len(groups) > 10_000
    assert all(len(k) >= 3 and k.isascii() and k.isupper() for g in groups[:2000] for k in g)
