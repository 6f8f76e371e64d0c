"""The core half of ``--self-test``: a temporary store, migrations, a bundled import and screening.

The packaged build runs it to prove that its migrations, data tables and readers are all inside the
bundle. The UI half (building the main window offscreen) lives in ``ui.app``.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from workstation.db.store import Store
from workstation.services.imports import import_passenger_files
from workstation.services.screening import screen_stored
from workstation.services.users import sign_in_unchecked
from workstation.services.watchlists import import_watchlist

SELFTEST_DATA = Path(__file__).with_name("data") / "selftest"
# The bundled files hold two listed people behind airline spellings and one namesake decoy.
EXPECTED_HITS = 2


@dataclass(frozen=True)
class SelfTestResult:
    travellers: int
    entries: int
    hits: int
    seconds: float

    @property
    def ok(self) -> bool:
        return self.hits == EXPECTED_HITS

    def line(self) -> str:
        verdict = "ok" if self.ok else f"FAILED: expected {EXPECTED_HITS} hits"
        return (
            f"self-test {verdict}: {self.travellers} travellers, {self.entries} entries, "
            f"{self.hits} hits in {self.seconds:.2f} s"
        )


def run_core_self_test(directory: Path | None = None) -> SelfTestResult:
    """Create a store in ``directory`` (a temporary one by default), import, screen, and count."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="workstation-selftest-") as tmp:
        store = Store(f"sqlite:///{(directory or Path(tmp)) / 'selftest.sqlite3'}")
        try:
            actor = sign_in_unchecked(store, "self-test", role="supervisor")
            import_watchlist(store, actor, [SELFTEST_DATA / "watchlist.csv"], "Self-test list")
            import_passenger_files(store, actor, [SELFTEST_DATA / "manifest.csv"])
            run = screen_stored(store, actor)
        finally:
            store.close()
    return SelfTestResult(run.travellers, run.entries, run.hits, time.perf_counter() - start)
