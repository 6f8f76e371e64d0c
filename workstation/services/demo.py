"""Filling the demo store with a generated day, through the same imports an officer uses."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from workstation.db.models import Flight
from workstation.db.store import Store
from workstation.progress import CancelToken, ProgressCallback, no_progress
from workstation.security.roles import require
from workstation.services.imports import import_passenger_files
from workstation.services.screening import screen_stored
from workstation.services.views import Actor
from workstation.services.watchlists import import_watchlist


def demo_store_is_empty(store: Store) -> bool:
    with store.transaction() as session:
        return session.query(Flight.id).first() is None


def load_demo_day(
    store: Store,
    actor: Actor,
    day: date,
    *,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
) -> None:
    """Generate the demo files for ``day``, import them and screen them."""
    require(actor.role, "import_files")
    from workstation.demo import write_demo_files

    cancel = cancel or CancelToken()
    with tempfile.TemporaryDirectory(prefix="workstation-demo-") as tmp:
        files = write_demo_files(Path(tmp), day=day)
        progress(0, 3, "Importing the demo watchlist")
        import_watchlist(store, actor, [files.watchlist], files.watchlist_name, cancel=cancel)
        progress(1, 3, "Importing the demo flights")
        import_passenger_files(store, actor, list(files.manifests), cancel=cancel)
    progress(2, 3, "Screening the demo flights")
    screen_stored(store, actor, cancel=cancel)
    progress(3, 3, "Demo day ready")
