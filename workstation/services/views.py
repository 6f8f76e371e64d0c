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
    escalated_hit_count: int = 0
    indicator_hit_count: int = 0  # hits of kind other than "watchlist" (risk indicators)
    api_count: int = 0  # travellers an API message or manifest listed
    pnr_only_count: int = 0  # travellers only a booking (PNR) names

    @property
    def data_complete(self) -> bool:
        """Every traveller came with API data: none is known from a booking (PNR) only."""
        return self.traveller_count > 0 and self.pnr_only_count == 0

    @property
    def api_missing(self) -> bool:
        return self.traveller_count > 0 and self.api_count == 0

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
    hit_status: str  # none, open, escalated, confirmed, dismissed, dismissed_by_memory
    best_score: float | None
    flagged: bool
    interdiction_count: int
    flight: str = ""  # the designator, for tables across flights
    departure: datetime | None = None
    search_key: str = ""  # see workstation.db.searchkey
    has_api: bool = True
    has_pnr: bool = False


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
class IndicatorLine:
    """One line of a risk rule's explanation: a condition (or all/any group), whether it held,
    and the traveller's value plainly ("36 hours", "unknown"); ``depth`` 0 is the whole rule."""

    text: str
    held: bool
    actual: str
    depth: int = 0


@dataclass(frozen=True)
class IndicatorView:
    """The rule version that raised an indicator hit, and why it held."""

    rule: str
    version: int
    weight: int
    description: str
    rationale: str
    lines: tuple[IndicatorLine, ...]


@dataclass(frozen=True)
class HitView:
    """A hit. For an indicator hit (``kind`` "indicator") ``indicator`` names the rule and its
    explanation, ``reasons`` is empty and ``entry`` is a stand-in naming the rule, so that
    lists of hits read "Risk rules · Cash payment"."""

    id: int
    traveller_id: int
    status: str
    score: float
    matched_name: str
    reasons: tuple[ReasonView, ...]
    entry: EntryView
    decisions: tuple[DecisionView, ...]
    remembered: RememberedDismissal | None = None  # set on a hit dismissed by memory
    kind: str = "watchlist"  # watchlist, indicator
    indicator: IndicatorView | None = None


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
    revisions: tuple[InterdictionRevisionView, ...] = ()  # oldest first


@dataclass(frozen=True)
class InterdictionRevisionView:
    """One edit of an interdiction: the values it replaced, who edited, when."""

    revised_at: datetime
    username: str
    previous: InterdictionView  # as recorded (or last edited) before this edit


@dataclass(frozen=True)
class RememberedDismissal:
    """An earlier dismissal of the same pair (person, listed person), shown with a later hit."""

    username: str
    dismissed_at: datetime
    reason: str
    hit_id: int


@dataclass(frozen=True)
class SameBookingTraveller:
    """A co-traveller: another traveller of the same flight on the same booking."""

    id: int
    surname: str
    given_names: str
    seat: str | None
    hit_status: str


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
    co_travellers: tuple[SameBookingTraveller, ...] = ()


@dataclass(frozen=True)
class ImportSummary:
    file_name: str
    source_format: str
    flights: int
    travellers: int
    duplicate: bool  # the same bytes were imported before: nothing done
    warnings: tuple[str, ...] = ()
    flight_ids: tuple[int, ...] = ()  # the stored flights the file named
    bookings: int = 0  # PNR pushes: bookings stored (each a new version)


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
    indicator_hits: int = 0  # new indicator hits put to review (risk rules)
    held_back: tuple[str, ...] = ()  # "rule on flight": rules the runaway guard held back


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
