"""Data quality per carrier: what each airline sent over a period, and how well.

Counted over files received in the period (``since`` included, ``until`` excluded, UTC):
messages stored, files refused (the import-failure log), messages with warnings, the API
travellers they carried without a document or a date of birth, and the flights they named
for which bookings (PNR) arrived but no API data at all. A file whose carrier cannot be told
counts under ``?``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db.models import (
    BookingVersion,
    Flight,
    ImportBatch,
    ImportFailure,
    TravelDocument,
    Traveller,
)
from workstation.db.store import Store
from workstation.security.roles import require
from workstation.services.views import Actor

UNKNOWN_CARRIER = "?"


@dataclass(frozen=True)
class CarrierQuality:
    carrier: str
    messages: int = 0  # files stored
    refused: int = 0
    with_warnings: int = 0
    travellers: int = 0  # API travellers (passengers and crew)
    without_document: int = 0
    without_birth_date: int = 0
    flights: int = 0
    flights_pnr_without_api: int = 0


def quality_report(
    store: Store, actor: Actor, *, since: datetime, until: datetime
) -> list[CarrierQuality]:
    """One line per carrier that sent anything in the period, by carrier code."""
    require(actor.role, "view_statistics")
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with store.transaction() as session:
        batches = session.execute(
            select(ImportBatch.id, ImportBatch.carrier, ImportBatch.warnings).where(
                ImportBatch.kind == "passengers",
                ImportBatch.imported_at >= since,
                ImportBatch.imported_at < until,
            )
        ).all()
        batch_ids = [b.id for b in batches]
        for batch in batches:
            line = counts[batch.carrier or UNKNOWN_CARRIER]
            line["messages"] += 1
            line["with_warnings"] += 1 if batch.warnings else 0
        for carrier, n in session.execute(
            select(ImportFailure.carrier, func.count())
            .where(ImportFailure.at >= since, ImportFailure.at < until)
            .group_by(ImportFailure.carrier)
        ):
            counts[carrier or UNKNOWN_CARRIER]["refused"] += n
        documented = select(TravelDocument.id).where(TravelDocument.traveller_id == Traveller.id)
        for carrier, birth, has_document in session.execute(
            select(Flight.carrier, Traveller.birth_date, documented.exists())
            .join(Flight, Flight.id == Traveller.flight_id)
            .where(Traveller.batch_id.in_(batch_ids), Traveller.has_api.is_(True))
        ):
            line = counts[carrier]
            line["travellers"] += 1
            line["without_document"] += 0 if has_document else 1
            line["without_birth_date"] += 0 if birth else 1
        _count_flights(session, batch_ids, counts)
    return [
        CarrierQuality(carrier, **{f.name: line[f.name] for f in fields(CarrierQuality)[1:]})
        for carrier, line in sorted(counts.items())
    ]


def _count_flights(
    session: Session, batch_ids: list[int], counts: dict[str, dict[str, int]]
) -> None:
    """Flights the period's files named, and those with bookings but no API traveller."""
    named = set(
        session.scalars(select(Traveller.flight_id).where(Traveller.batch_id.in_(batch_ids)))
    ) | set(
        session.scalars(
            select(BookingVersion.flight_id).where(BookingVersion.batch_id.in_(batch_ids))
        )
    )
    if not named:
        return
    with_api = set(
        session.scalars(
            select(Traveller.flight_id).where(
                Traveller.flight_id.in_(named), Traveller.has_api.is_(True)
            )
        )
    )
    with_pnr = set(
        session.scalars(select(BookingVersion.flight_id).where(BookingVersion.flight_id.in_(named)))
    )
    for flight_id, carrier in session.execute(
        select(Flight.id, Flight.carrier).where(Flight.id.in_(named))
    ):
        line = counts[carrier]
        line["flights"] += 1
        line["flights_pnr_without_api"] += 1 if flight_id in with_pnr - with_api else 0


def quality_table(lines: list[CarrierQuality]) -> str:
    """The report as a plain-text table for the command line."""
    header = ("carrier", "msgs", "refused", "warned", "travellers", "no doc", "no DOB",
              "flights", "PNR no API")  # fmt: skip
    rows = [header] + [
        tuple(str(getattr(line, f.name)) for f in fields(CarrierQuality)) for line in lines
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.rjust(w) if i else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )
