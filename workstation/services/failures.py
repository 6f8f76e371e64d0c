"""Files refused at import, logged in their own transaction (the import itself rolled back)."""

from __future__ import annotations

import re
from pathlib import Path

from workstation.db.models import ImportFailure
from workstation.db.store import Store
from workstation.readers.edifact import tokenize
from workstation.readers.interchange import EdifactError, has_interchange
from workstation.security.roles import require
from workstation.services.views import Actor

_CARRIER = re.compile(r"^[A-Z0-9]{2}[A-Z]?$")


def guess_carrier(path: Path) -> str | None:
    """The sender of an EDIFACT file (UNB), when it looks like an airline code; else None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
        if not has_interchange(head):
            return None
        unb = next((s for s in tokenize(head).segments if s.tag == "UNB"), None)
    except (OSError, EdifactError, ValueError):
        return None
    sender = unb.value(1, 0).strip().upper() if unb is not None else ""
    return sender if _CARRIER.match(sender) else None


def record_import_failure(
    store: Store,
    actor: Actor,
    path: Path,
    reason: str,
    *,
    channel: str,
    sha256: str | None = None,
) -> int:
    """Log a refused file with the reason; returns the log row's id. (The log is the record:
    nothing of the file was stored, so there is nothing to audit.)"""
    require(actor.role, "import_files")
    with store.transaction() as session:
        failure = ImportFailure(
            user_id=actor.user_id,
            channel=channel,
            file_name=path.name[:500],
            sha256=sha256,
            carrier=guess_carrier(path),
            reason=reason,
        )
        session.add(failure)
        session.flush()
        return failure.id
