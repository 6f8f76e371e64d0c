"""The store's tables, as SQLAlchemy 2.x typed ORM classes.

Travellers and bookings: a :class:`Traveller` row is one person on one flight, whatever told us
of them. ``has_api`` says an API message or manifest listed them, ``has_pnr`` that a booking
(PNR) did; ``booking_id`` and ``booking_ref`` (the traveller's reference within the booking)
tie the row to its :class:`Booking`. A PNR traveller is linked to the API traveller of the same
person on the same flight (normalised names, and date of birth and document when both give
them), whichever arrives first, so an officer sees one row; a person only a booking names is a
passenger row with ``has_api`` false. A booking is identified by carrier and record locator;
every push of it is a :class:`BookingVersion` (by push time) with its own itinerary, contacts
and travellers, never edited; the flight's traveller rows follow the newest version.

Partial dates (a year, a year and month) are kept as ISO text: ``1971``, ``1971-03``,
``1971-03-12``.
Times are UTC (see :class:`UTCDateTime`). Lists of names, dates and documents of a watchlist entry
are JSON arrays: an entry is always read and written whole.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
from sqlalchemy.sql.expression import false as sa_false
from sqlalchemy.sql.expression import true as sa_true

from workstation.db.searchkey import traveller_search_key
from workstation.db.types import UTCDateTime, utcnow

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # officer, supervisor, administrator, auditor
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # argon2id hash (argon2-cffi's encoded form); empty: the account cannot sign in with a password
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(default=None)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)
    password_changed_at: Mapped[datetime | None] = mapped_column(default=None)


class ImportBatch(Base):
    """One file taken in: its name and SHA-256, so the same bytes are never imported twice."""

    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # passengers, watchlist
    source_format: Mapped[str] = mapped_column(String(30))
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    record_count: Mapped[int] = mapped_column(default=0)
    warnings: Mapped[list[Any]] = mapped_column(default=list)
    carrier: Mapped[str | None] = mapped_column(String(3), index=True)  # of the first flight


class ImportFailure(Base):
    """A file refused: written in its own transaction, since the refused import rolled back."""

    __tablename__ = "import_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(20))  # inbox, cli, ui
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str | None] = mapped_column(String(64))
    carrier: Mapped[str | None] = mapped_column(String(3), index=True)  # when it can be told
    reason: Mapped[str] = mapped_column(Text)


class Flight(Base):
    __tablename__ = "flights"
    __table_args__ = (
        UniqueConstraint("carrier", "number", "origin", "destination", "scheduled_departure"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    carrier: Mapped[str] = mapped_column(String(3))
    number: Mapped[str] = mapped_column(String(5))
    origin: Mapped[str] = mapped_column(String(3))
    destination: Mapped[str] = mapped_column(String(3))
    scheduled_departure: Mapped[datetime | None] = mapped_column(index=True)
    scheduled_arrival: Mapped[datetime | None] = mapped_column(index=True)
    direction: Mapped[str] = mapped_column(String(10))  # inbound, outbound, transit
    travellers: Mapped[list[Traveller]] = relationship(back_populates="flight")


class Traveller(Base):
    """A passenger or crew member on one flight, with names as received."""

    __tablename__ = "travellers"
    # API-only travellers (no booking), found by the hourly retention run
    __table_args__ = (Index("ix_travellers_has_pnr_has_api", "has_pnr", "has_api"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"))
    role: Mapped[str] = mapped_column(String(10))  # passenger, crew
    surname: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(1))
    nationality: Mapped[str | None] = mapped_column(String(3))
    booking_reference: Mapped[str | None] = mapped_column(String(20), index=True)
    seat: Mapped[str | None] = mapped_column(String(5))
    has_api: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())
    has_pnr: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"), index=True)
    booking_ref: Mapped[str | None] = mapped_column(String(10))
    # Names, documents and booking as quick search compares them (see workstation.db.searchkey)
    search_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    # set when the retention run depersonalised the row (see workstation.services.retention)
    masked_at: Mapped[datetime | None] = mapped_column(default=None)
    flight: Mapped[Flight] = relationship(back_populates="travellers")
    documents: Mapped[list[TravelDocument]] = relationship(
        back_populates="traveller", cascade="all, delete-orphan", order_by="TravelDocument.id"
    )


class TravelDocument(Base):
    __tablename__ = "travel_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    traveller_id: Mapped[int] = mapped_column(ForeignKey("travellers.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(2))
    number: Mapped[str] = mapped_column(String(40), index=True)
    issuing_state: Mapped[str | None] = mapped_column(String(3))
    expiry: Mapped[str | None] = mapped_column(String(10))
    traveller: Mapped[Traveller] = relationship(back_populates="documents")


class Booking(Base):
    """A PNR, by the airline that holds it and its record locator."""

    __tablename__ = "bookings"
    __table_args__ = (UniqueConstraint("carrier", "record_locator"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    carrier: Mapped[str] = mapped_column(String(3))
    record_locator: Mapped[str] = mapped_column(String(20))
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class BookingVersion(Base):
    """One push of a booking for one flight, as received (never edited).

    Payment forms are JSON objects (form, card_type, masked_number, amount, currency); card
    numbers are never kept beyond their last four digits. ``dropped`` names only the kinds of
    item the EU PNR rule removed (``meal request``), never their code or text.
    """

    __tablename__ = "booking_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), index=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"), index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"))
    version_no: Mapped[int]
    push_type: Mapped[str] = mapped_column(String(10))  # full, changes
    push_time: Mapped[datetime | None] = mapped_column(index=True)
    creation_time: Mapped[datetime | None]
    ticketing_time: Mapped[datetime | None]
    originator_system: Mapped[str | None] = mapped_column(String(10))
    originator_agency: Mapped[str | None] = mapped_column(String(20))
    originator_office: Mapped[str | None] = mapped_column(String(40))
    originator_location: Mapped[str | None] = mapped_column(String(10))
    originator_kind: Mapped[str | None] = mapped_column(String(4))
    originator_country: Mapped[str | None] = mapped_column(String(3))
    payments: Mapped[list[Any]] = mapped_column(default=list)
    tickets: Mapped[list[Any]] = mapped_column(default=list)
    bag_count: Mapped[int | None]
    bag_weight_kg: Mapped[float | None] = mapped_column(Float)
    group_name: Mapped[str | None] = mapped_column(String(200))
    group_size: Mapped[int | None]
    remarks: Mapped[list[Any]] = mapped_column(default=list)
    dropped: Mapped[list[Any]] = mapped_column(default=list)
    # set when the retention run masked this push (see workstation.services.retention)
    masked_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    booking: Mapped[Booking] = relationship()


class BookingSegment(Base):
    """One flight of a version's itinerary; times UTC."""

    __tablename__ = "booking_segments"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("booking_versions.id"), index=True)
    position: Mapped[int]
    carrier: Mapped[str] = mapped_column(String(3))
    number: Mapped[str] = mapped_column(String(5))
    origin: Mapped[str] = mapped_column(String(3))
    destination: Mapped[str] = mapped_column(String(3))
    departure: Mapped[datetime | None]
    arrival: Mapped[datetime | None]
    operating_carrier: Mapped[str | None] = mapped_column(String(3))
    booking_class: Mapped[str | None] = mapped_column(String(2))
    status: Mapped[str | None] = mapped_column(String(4))


class BookingContact(Base):
    """A telephone, e-mail or address of a version, kept apart so it can be masked later."""

    __tablename__ = "booking_contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("booking_versions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # phone, email, address
    value: Mapped[str] = mapped_column(String(500))


class BookingTraveller(Base):
    """A traveller as one version of a booking names them; ``traveller_id`` is the flight's row."""

    __tablename__ = "booking_travellers"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("booking_versions.id"), index=True)
    traveller_id: Mapped[int | None] = mapped_column(ForeignKey("travellers.id"), index=True)
    ref: Mapped[str | None] = mapped_column(String(10))
    surname: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(10))
    is_infant: Mapped[bool] = mapped_column(Boolean, default=False)
    infant_of: Mapped[str | None] = mapped_column(String(10))
    birth_date: Mapped[str | None] = mapped_column(String(10))
    sex: Mapped[str | None] = mapped_column(String(1))
    nationality: Mapped[str | None] = mapped_column(String(3))
    documents: Mapped[list[Any]] = mapped_column(default=list)
    seat: Mapped[str | None] = mapped_column(String(5))
    frequent_flyer: Mapped[str | None] = mapped_column(String(40))


class Watchlist(Base):
    """A list screened against: imported from files, or kept by hand (national lookouts)."""

    __tablename__ = "watchlists"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(  # imported, national
        String(20), default="imported", server_default="imported"
    )
    threshold: Mapped[float | None] = mapped_column(Float)  # None: the engine's default
    priority: Mapped[int] = mapped_column(default=0)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WatchlistVersion(Base):
    """One import of a list, or one change to a national list: versions are never edited.

    Only the newest version of a list is screened. A version made by hand has no import batch.
    """

    __tablename__ = "watchlist_versions"
    __table_args__ = (UniqueConstraint("watchlist_id", "version_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id"))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    version_no: Mapped[int]
    entry_count: Mapped[int] = mapped_column(default=0)
    skipped_count: Mapped[int] = mapped_column(default=0)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    watchlist: Mapped[Watchlist] = relationship()


class LookoutPhoto(Base):
    """A photo of a national lookout, stored once however many versions carry it."""

    __tablename__ = "lookout_photos"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    media_type: Mapped[str] = mapped_column(String(20))  # image/jpeg, image/png
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WatchlistEntry(Base):
    """One listed person in one version. ``source_id`` is the list's own id, stable across
    versions; ``fingerprint`` (see :mod:`workstation.db.fingerprint`) tells changed from not.
    A validity period, when given, limits when the entry is screened.
    """

    __tablename__ = "watchlist_entries"
    __table_args__ = (Index("ix_watchlist_entries_version_source", "version_id", "source_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("watchlist_versions.id"))
    source_id: Mapped[str] = mapped_column(String(100))
    primary_name: Mapped[str] = mapped_column(String(500))
    names: Mapped[list[Any]] = mapped_column()
    birth_dates: Mapped[list[Any]] = mapped_column(default=list)
    sex: Mapped[str | None] = mapped_column(String(1))
    nationalities: Mapped[list[Any]] = mapped_column(default=list)
    documents: Mapped[list[Any]] = mapped_column(default=list)
    category: Mapped[str] = mapped_column(String(40), default="other")
    handling_notes: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(64))
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    source: Mapped[str] = mapped_column(String(200), default="", server_default="")
    reference: Mapped[str] = mapped_column(String(100), default="", server_default="")
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("lookout_photos.id"))
    version: Mapped[WatchlistVersion] = relationship()


class ScreeningRun(Base):
    """One screening. ``scope``: ``all`` stored travellers, some ``flights``, or ``after_update``
    (recent flights against the new and changed entries of one list).
    """

    __tablename__ = "screening_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    scope: Mapped[str] = mapped_column(String(20), default="all", server_default="all")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    traveller_count: Mapped[int] = mapped_column(default=0)
    entry_count: Mapped[int] = mapped_column(default=0)
    hit_count: Mapped[int] = mapped_column(default=0)
    new_hit_count: Mapped[int] = mapped_column(default=0)


class Hit(Base):
    """A traveller scored against an entry at or above the list's threshold.

    A traveller is hit at most once per listed person: per (list, the list's own ``source_id``),
    whatever the version. ``entry_id`` keeps the entry row (so the version) that raised the hit.
    ``duplicate_no`` is 0, except for the extra hits stores of schema 0001 raised for the same
    listed person in later versions: those are kept, with their decisions, numbered 1, 2...
    """

    __tablename__ = "hits"
    __table_args__ = (
        UniqueConstraint(
            "traveller_id",
            "watchlist_id",
            "source_id",
            "duplicate_no",
            name="uq_hits_traveller_listed_person",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("screening_runs.id"))
    traveller_id: Mapped[int] = mapped_column(ForeignKey("travellers.id"), index=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("watchlist_entries.id"))
    watchlist_id: Mapped[int | None] = mapped_column(ForeignKey("watchlists.id"))
    # indicator hits: the rule version that raised it (watchlist and entry are then None, and
    # source_id is "rule:<rules.id>", one hit per traveller and rule whatever the version)
    rule_version_id: Mapped[int | None] = mapped_column(ForeignKey("rule_versions.id"), index=True)
    source_id: Mapped[str] = mapped_column(String(100))
    duplicate_no: Mapped[int] = mapped_column(default=0, server_default="0")
    kind: Mapped[str] = mapped_column(String(12), default="watchlist")  # watchlist, indicator
    score: Mapped[float] = mapped_column(Float)  # indicator hits: the rule's weight
    matched_name: Mapped[str] = mapped_column(String(500))
    explanation: Mapped[list[Any]] = mapped_column()
    # open, escalated, confirmed, dismissed, dismissed_by_memory (see DismissalMemory),
    # held_back (an indicator hit withheld by the runaway guard: never put to review)
    status: Mapped[str] = mapped_column(String(24), default="open", index=True)
    memory_id: Mapped[int | None] = mapped_column(ForeignKey("dismissal_memories.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    traveller: Mapped[Traveller] = relationship()
    entry: Mapped[WatchlistEntry | None] = relationship()


class ReviewDecision(Base):
    """An officer's decision on a hit. Decisions are only ever added, never changed."""

    __tablename__ = "review_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    hit_id: Mapped[int] = mapped_column(ForeignKey("hits.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    decision: Mapped[str] = mapped_column(String(12))  # confirmed, dismissed, escalated
    reason: Mapped[str] = mapped_column(Text, default="")
    control_point: Mapped[str | None] = mapped_column(String(40))


class Flag(Base):
    """A traveller marked for control."""

    __tablename__ = "flags"
    id: Mapped[int] = mapped_column(primary_key=True)
    traveller_id: Mapped[int] = mapped_column(ForeignKey("travellers.id"), index=True)
    hit_id: Mapped[int | None] = mapped_column(ForeignKey("hits.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    control_point: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")


class Interdiction(Base):
    """What happened when a traveller was controlled."""

    __tablename__ = "interdictions"
    id: Mapped[int] = mapped_column(primary_key=True)
    traveller_id: Mapped[int] = mapped_column(ForeignKey("travellers.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    outcome: Mapped[str] = mapped_column(String(20))
    commodity: Mapped[str | None] = mapped_column(String(40))
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(14, 3))
    unit: Mapped[str | None] = mapped_column(String(10))
    concealment: Mapped[str | None] = mapped_column(String(20))
    agencies: Mapped[list[Any]] = mapped_column(default=list)
    arrest: Mapped[bool] = mapped_column(Boolean, default=False)
    case_reference: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class AuditEvent(Base):
    """Who did what, when, to which records. Never the content itself.

    Append-only (triggers refuse UPDATE and DELETE) and hash-chained: ``mac`` is the keyed MAC
    over this event's fields and the MAC before it (:mod:`workstation.security.auditchain`),
    set by :mod:`workstation.db.auditseal` at commit, which also gives the id. Events written
    before the chain began (migration 0006) have an empty ``mac``.
    """

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(20), default="")
    workstation: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_ids: Mapped[list[Any]] = mapped_column(default=list)
    justification: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    mac: Mapped[str] = mapped_column(String(64), default="")


class AuditChainHead(Base):
    """One row: the audit chain's count, last id and last MAC, taken for writing when sealing."""

    __tablename__ = "audit_chain_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer, default=0)
    last_id: Mapped[int | None] = mapped_column(Integer, default=None)
    last_mac: Mapped[str] = mapped_column(String(64), default="")


class DismissalMemory(Base):
    """A dismissed pair remembered: this person against this listed person, as both then read.

    ``identity`` is the traveller's fingerprint (normalised names, date of birth, document
    numbers; see :mod:`workstation.services.memory`), ``entry_fingerprint`` the entry's. Screening
    records a later hit on the same pair as ``dismissed_by_memory`` pointing here, unless either
    side has changed. ``hit_id`` is the dismissed hit (no foreign key: hits point here).
    """

    __tablename__ = "dismissal_memories"
    __table_args__ = (Index("ix_dismissal_memories_pair", "identity", "watchlist_id", "source_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    identity: Mapped[str] = mapped_column(String(64))
    watchlist_id: Mapped[int] = mapped_column(ForeignKey("watchlists.id"))
    source_id: Mapped[str] = mapped_column(String(100))
    entry_fingerprint: Mapped[str] = mapped_column(String(64))
    hit_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class InterdictionRevision(Base):
    """An edit of an interdiction: the values it replaced (``previous``), who edited, when."""

    __tablename__ = "interdiction_revisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    interdiction_id: Mapped[int] = mapped_column(ForeignKey("interdictions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    revised_at: Mapped[datetime] = mapped_column(default=utcnow)
    previous: Mapped[dict[str, Any]] = mapped_column(default=dict)


class RiskRule(Base):
    """A risk-indicator rule, by its name; its definitions are :class:`RuleVersion` rows."""

    __tablename__ = "rules"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    current_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RuleVersion(Base):
    """One definition of a rule, never edited: an edit adds a version (hits keep theirs).

    ``definition`` is ``matching.rules.rule_to_json``; weight, owner, rationale and period are
    copied out for listing. Only ``enabled`` changes in place (switching the rule on or off).
    ``created_by`` is None for the templates seeded with the store.
    """

    __tablename__ = "rule_versions"
    __table_args__ = (UniqueConstraint("rule_id", "version_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("rules.id"), index=True)
    version_no: Mapped[int]
    definition: Mapped[str] = mapped_column(Text)
    weight: Mapped[int]
    owner: Mapped[str] = mapped_column(String(200), default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    effective_from: Mapped[date | None]
    effective_until: Mapped[date | None]
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RuleList(Base):
    """A named list rules refer to ("source countries"): countries, airports or agencies."""

    __tablename__ = "rule_lists"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # countries, airports, agencies
    items: Mapped[list[Any]] = mapped_column(default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


@event.listens_for(Session, "before_flush")
def _fill_search_keys(session: Session, _context: Any, _instances: Any) -> None:
    """Keep each new or changed traveller's search key in step with its names and documents."""
    touched = [*session.new, *session.dirty]
    travellers = {id(o): o for o in touched if isinstance(o, Traveller)}
    for doc in touched:
        if isinstance(doc, TravelDocument) and doc.traveller is not None:
            travellers[id(doc.traveller)] = doc.traveller
    with session.no_autoflush:
        for t in travellers.values():
            key = traveller_search_key(
                t.surname or "",
                t.given_names or "",
                [d.number for d in t.documents],
                t.booking_reference,
            )
            if t.search_key != key:
                t.search_key = key
