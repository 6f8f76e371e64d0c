"""The hits of one screening run written to a file: watchlist and indicator hits, one row each.

Written through :func:`disclose`, so the file states who wrote it and the audit chain's head,
and the audit records it. Exporting needs an approval (see :mod:`workstation.services.export`).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db.models import Flight, Hit, RiskRule, RuleVersion, Traveller, Watchlist
from workstation.db.models import WatchlistEntry as EntryRow
from workstation.db.store import Store
from workstation.db.types import utcnow
from workstation.services.export import disclose
from workstation.services.masking import masked
from workstation.services.report import Period, Report, ReportTable, unit_name
from workstation.services.users import Approval, require_approval
from workstation.services.views import Actor, ExportSummary
from workstation.standalone import HIT_COLUMNS


def write_run_hits(
    store: Store,
    actor: Actor,
    run_id: int,
    out: Path,
    *,
    reason: str,
    approval: Approval | None = None,
) -> ExportSummary:
    """Every hit raised by screening run ``run_id``, best first, with its kind."""
    require_approval(actor, "export", approval)
    with store.transaction() as session:
        query = (
            select(Hit, Traveller, Flight)
            .join(Traveller, Traveller.id == Hit.traveller_id)
            .join(Flight, Flight.id == Traveller.flight_id)
            .where(Hit.run_id == run_id)
            .order_by(Hit.score.desc(), Hit.id)
        )
        found = session.execute(query).all()
        rows = [_row(session, hit, t, f) for hit, t, f in found]
        ids = tuple(hit.id for hit, _t, _f in found)
    report = Report(
        kind="screening",
        unit=unit_name(),
        title=f"Hits of screening run {run_id}",
        period=Period(None, None),
        filters=(("Screening run", str(run_id)),),
        exported_by=actor.username,
        exported_by_name=actor.display_name,
        exported_at=utcnow(),
        tables=(ReportTable("Hits", HIT_COLUMNS, tuple(rows)),),
        totals=(("Hits", str(len(rows))),),
        object_type="hit",
        record_ids=ids,
    )
    return disclose(store, actor, report, out, reason=reason, approval=approval)


def _row(session: Session, hit: Hit, t: Traveller, f: Flight) -> tuple[str, ...]:
    document = t.documents[0].number if t.documents else ""
    hidden = t.masked_at is not None
    common = (
        masked(document, hidden),
        masked(t.surname, hidden),
        masked(t.given_names, hidden),
        masked(t.birth_date or "", hidden),
        f.carrier + f.number,
    )
    if hit.kind == "watchlist" and hit.entry_id is not None:
        entry = session.get(EntryRow, hit.entry_id)
        listed = session.get(Watchlist, hit.watchlist_id) if hit.watchlist_id else None
        reasons = "; ".join(
            f"{r['field']}:{r['verdict']} {r['detail']}".strip() for r in hit.explanation
        )
        return (
            "watchlist",
            *common,
            listed.name if listed else "",
            entry.source_id if entry else "",
            hit.matched_name,
            f"{hit.score:.1f}",
            reasons,
        )
    version = session.get(RuleVersion, hit.rule_version_id) if hit.rule_version_id else None
    rule = session.get(RiskRule, version.rule_id) if version else None
    held = "; ".join(str(line["text"]) for line in hit.explanation if line.get("held"))
    name = rule.name if rule else hit.matched_name
    label = f"v{version.version_no}" if version else ""
    return (
        "indicator",
        *common,
        "Risk rules",
        f"{name} {label}".strip(),
        name,
        f"{hit.score:.1f}",
        f"rule {name}: {held}",
    )
