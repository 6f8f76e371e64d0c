"""What services hand back: frozen values, never ORM objects, safe to pass across threads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True)
class Actor:
    """The signed-in user on whose behalf a service acts."""

    user_id: int
    username: str
    display_name: str
    role: str


@dataclass(frozen=True)
class FlightSummary:
    id: int
    carrier: str
    number: str
    origin: str
    destination: str
    scheduled_departure: datetime | None
    scheduled_arrival: datetime | None
    direction: str
    traveller_count: int
    open_hit_count: int
    hit_count: int
    screened: bool

    @property
    def designator(self) -> str:
        return f"{self.carrier}{self.number}"


@dataclass(frozen=True)
class TravellerRow:
    """One line of the traveller table."""

    id: int
    flight_id: int
    role: str
    surname: str
    given_names: str
    birth_date: str | None
    sex: str | None
    nationality: str | None
    document_number: str | None
    booking_reference: str | None
    seat: str | None
    hit_status: str  # none, open, confirmed, dismissed (the most pressing of its hits)
    best_score: float | None
    flagged: bool
    interdiction_count: int


@dataclass(frozen=True)
class DocumentView:
    doc_type: str
    number: str
    issuing_state: str | None
    expiry: str | None


@dataclass(frozen=True)
class EntryView:
    """One listed person in one version of a list. ``id`` is the row of that version."""

    id: int
    watchlist: str
    source_id: str
    primary_name: str
    names: tuple[str, ...]
    birth_dates: tuple[str, ...]
    sex: str | None
    nationalities: tuple[str, ...]
    documents: tuple[str, ...]
    category: str
    handling_notes: str
    remarks: str = ""
    valid_from: date | None = None  # national lookouts: screened only within the period
    valid_until: date | None = None
    source: str = ""
    reference: str = ""
    has_photo: bool = False
    list_kind: str = "imported"  # imported, national


@dataclass(frozen=True)
class DecisionView:
    decision: str
    reason: str
    control_point: str | None
    username: str
    decided_at: datetime


@dataclass(frozen=True)
class ReasonView:
    field: str
    verdict: str
    traveller_part: str
    entry_part: str
    detail: str
    weight: float


@dataclass(frozen=True)
class HitView:
    id: int
    traveller_id: int
    status: str
    score: float
    matched_name: str
    reasons: tuple[ReasonView, ...]
    entry: EntryView
    decisions: tuple[DecisionView, ...]


@dataclass(frozen=True)
class InterdictionView:
    id: int
    traveller_id: int
    outcome: str
    commodity: str | None
    quantity: Decimal | None
    unit: str | None
    concealment: str | None
    agencies: tuple[str, ...]
    arrest: bool
    case_reference: str
    notes: str
    username: str
    recorded_at: datetime


@dataclass(frozen=True)
class TravellerDetail:
    id: int
    flight: FlightSummary
    role: str
    surname: str
    given_names: str
    birth_date: str | None
    sex: str | None
    nationality: str | None
    booking_reference: str | None
    seat: str | None
    documents: tuple[DocumentView, ...]
    hits: tuple[HitView, ...]
    flagged: bool
    flag_points: tuple[str, ...]
    interdictions: tuple[InterdictionView, ...]


@dataclass(frozen=True)
class ImportSummary:
    file_name: str
    source_format: str
    flights: int
    travellers: int
    duplicate: bool  # the same bytes were imported before: nothing done
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class WatchlistSummary:
    id: int
    name: str
    version_no: int | None
    entry_count: int
    skipped_count: int
    imported_at: datetime | None
    enabled: bool
    threshold: float | None
    priority: int = 0
    kind: str = "imported"  # imported, national


@dataclass(frozen=True)
class WatchlistImportSummary:
    watchlist: WatchlistSummary
    duplicate: bool
    warnings: tuple[str, ...] = ()
    new_hits: int = 0  # raised by re-screening recent flights against the new entries


@dataclass(frozen=True)
class FieldChange:
    """One field of a listed person that differs between two versions, as written in each."""

    field: str  # names, dates, sex, nationalities, documents, category, notes, validity...
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class EntryChange:
    source_id: str
    before: EntryView
    after: EntryView
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class ListDiff:
    """What changed between two versions of a list, keyed by the list's own ids."""

    watchlist: str
    old_version: int | None  # None: the new version is the first
    new_version: int
    added: tuple[EntryView, ...]
    removed: tuple[EntryView, ...]
    changed: tuple[EntryChange, ...]
    unchanged: int


@dataclass(frozen=True)
class RunSummary:
    run_id: int
    travellers: int
    entries: int
    hits: int
    new_hits: int


@dataclass(frozen=True)
class ExportSummary:
    path: str
    rows: int


@dataclass(frozen=True)
class AuditEventView:
    id: int
    at: datetime
    username: str
    action: str
    object_type: str
    object_ids: tuple[int | str, ...]
    details: dict[str, object]
