from __future__ import annotations

from pathlib import Path

from workstation.selftest import EXPECTED_HITS, run_core_self_test


def test_the_core_self_test_imports_screens_and_finds_the_bundled_listed_people(
    tmp_path: Path,
) -> None:
    result = run_core_self_test(tmp_path)
    assert (result.travellers, result.entries, result.hits) == (5, 3, EXPECTED_HITS)
    assert result.ok
    assert result.line().startswith("self-test ok: 5 travellers, 3 entries, 2 hits in ")
    assert (tmp_path / "selftest.sqlite3").exists()
