"""One PAXLST message (UNH ... UNT) read into a flight leg and its travellers.

Segment groups as D02B and D05B lay them out: BGM (745 passengers, 250 crew); TDT 20 with its
LOC 125/DTM 189 (departure) and LOC 87/DTM 232 (arrival); then per traveller NAD (FL, FM, DDU,
DDT), ATT, DTM 329, NAT, LOC, RFF, and per document DOC with its DTM 36 and LOC 91.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from workstation.readers.edifact import Segment
from workstation.readers.paxlst_values import country, flight_designator, flight_time, partial_date
from workstation.readers.records import DocumentRecord, TravellerRecord

TRAVELLER_ROLES = {"FL": "passenger", "DDU": "passenger", "FM": "crew", "DDT": "crew"}
LIST_KINDS = {"745": "passenger list", "250": "crew list", "266": "close-out", "336": "master crew"}


@dataclass
class Leg:
    reference: str
    carrier: str = ""
    number: str = ""
    origin: str = ""
    destination: str = ""
    departure: datetime | None = None
    arrival: datetime | None = None


@dataclass
class MessagePart:
    """What one message says; multi-part messages are joined later by flight."""

    header: Segment  # the UNH
    list_code: str = ""
    access_reference: str = ""
    sequence: int | None = None
    final: bool = False  # marked F: the last part
    continued: bool = False  # marked C: more parts follow
    leg: Leg | None = None
    travellers: list[TravellerRecord] = field(default_factory=list)
    traveller_segments: list[Segment] = field(default_factory=list)
    total: int | None = None  # CNT 42 (passengers) or, failing that, CNT 41 (crew)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Document:
    doc_type: str
    number: str
    issuing_state: str | None = None
    expiry: str = ""


@dataclass
class _Traveller:
    nad: Segment
    role: str
    surname: str
    given_names: str
    birth: str = ""
    sex: str | None = None
    nationality: str | None = None
    booking: str | None = None
    seat: str | None = None
    documents: list[_Document] = field(default_factory=list)


class _Reader:
    def __init__(self, header: Segment) -> None:
        self.part = MessagePart(header)
        self.legs = 0
        self.traveller: _Traveller | None = None
        self.document: _Document | None = None
        self._read_header(header)
        self.handlers: dict[str, Callable[[Segment], None]] = {
            "BGM": self._on_bgm,
            "TDT": self._on_tdt,
            "LOC": self._on_loc,
            "DTM": self._on_dtm,
            "NAD": self._on_nad,
            "ATT": self._on_att,
            "NAT": self._on_nat,
            "RFF": self._on_rff,
            "DOC": self._on_doc,
            "CNT": self._on_cnt,
        }

    def _read_header(self, unh: Segment) -> None:
        self.part.access_reference = unh.value(2)
        sequence, mark = unh.value(3, 0), unh.value(3, 1).upper()
        if sequence:
            if sequence.isdigit():
                self.part.sequence = int(sequence)
            else:
                self.warn(unh, f"part number {sequence!r} is not a number")
        self.part.final = mark == "F"
        self.part.continued = mark == "C"

    def warn(self, segment: Segment, text: str) -> None:
        self.part.warnings.append(f"{segment.where}, line {segment.line}: {text}")

    def read(self, segment: Segment) -> None:
        handler = self.handlers.get(segment.tag)
        if handler is not None:
            handler(segment)

    def _on_bgm(self, segment: Segment) -> None:
        code = segment.value(0)
        self.part.list_code = code
        if code not in LIST_KINDS:
            self.warn(segment, f"list type {code!r} is unknown; read as a passenger list")

    def _on_tdt(self, segment: Segment) -> None:
        self.close_traveller()
        self.legs += 1
        if self.legs > 1:
            self.warn(segment, f"a further leg {segment.value(1)!r} is ignored; the first is kept")
            return
        reference = segment.value(1)
        leg = Leg(reference)
        designator = flight_designator(reference, segment.value(4))
        if designator is None:
            self.warn(segment, f"{reference!r} is not a flight number")
            leg.carrier, leg.number = segment.value(4), reference
        else:
            leg.carrier, leg.number = designator
        self.part.leg = leg

    def _on_loc(self, segment: Segment) -> None:
        qualifier, place = segment.value(0), segment.value(1).strip().upper()
        if self.document is not None and qualifier == "91":
            self.document.issuing_state = country(place)
        elif self.traveller is None and self.legs == 1 and self.part.leg is not None:
            if qualifier == "125" and not self.part.leg.origin:
                self.part.leg.origin = place
            elif qualifier == "87" and not self.part.leg.destination:
                self.part.leg.destination = place

    def _on_dtm(self, segment: Segment) -> None:
        qualifier, value, fmt = segment.value(0), segment.value(0, 1), segment.value(0, 2)
        if self.document is not None:
            if qualifier == "36":
                self.document.expiry = value
        elif self.traveller is not None:
            if qualifier == "329":
                self.traveller.birth = value
        elif self.legs == 1 and self.part.leg is not None and qualifier in ("189", "232"):
            moment = flight_time(value, fmt)
            if moment is None:
                self.warn(segment, f"{value!r} is not a date and time")
            elif qualifier == "189" and self.part.leg.departure is None:
                self.part.leg.departure = moment
            elif qualifier == "232" and self.part.leg.arrival is None:
                self.part.leg.arrival = moment

    def _on_nad(self, segment: Segment) -> None:
        self.close_traveller()
        role = TRAVELLER_ROLES.get(segment.value(0).upper())
        if role is None:
            return  # the sender's contact (MS) and other parties are not travellers
        name = segment.elements[3] if len(segment.elements) > 3 else ()
        surname = name[0].strip() if name else ""
        given = " ".join(n.strip() for n in name[1:] if n.strip())
        if not surname:
            self.warn(segment, "a traveller without a surname")
        self.traveller = _Traveller(segment, role, surname, given)

    def _on_att(self, segment: Segment) -> None:
        if self.traveller is not None and segment.value(0) == "2":
            sex = segment.value(2).strip().upper()
            self.traveller.sex = sex if sex in ("M", "F") else None

    def _on_nat(self, segment: Segment) -> None:
        if self.traveller is not None and segment.value(0) in ("2", ""):
            self.traveller.nationality = country(segment.value(1))

    def _on_rff(self, segment: Segment) -> None:
        if self.traveller is None:
            return
        qualifier, value = segment.value(0).upper(), segment.value(0, 1).strip()
        if qualifier == "AVF" and value:
            self.traveller.booking = value
        elif qualifier == "SEA" and value:
            self.traveller.seat = value

    def _on_doc(self, segment: Segment) -> None:
        self.document = None
        if self.traveller is None:
            self.warn(segment, "a document before any traveller; ignored")
            return
        doc_type, number = segment.value(0).strip().upper(), segment.value(1).strip()
        if not number:
            self.warn(segment, "a document without a number; ignored")
            return
        self.document = _Document(doc_type or "P", number.replace(" ", "").upper())
        self.traveller.documents.append(self.document)

    def _on_cnt(self, segment: Segment) -> None:
        self.close_traveller()
        qualifier, value = segment.value(0), segment.value(0, 1).strip()
        if qualifier not in ("41", "42"):
            return
        if not value.isdigit():
            self.warn(segment, f"count {value!r} is not a number")
        elif qualifier == "42" or self.part.total is None:
            self.part.total = int(value)

    def close_traveller(self) -> None:
        if self.traveller is not None:
            self.part.travellers.append(self._record(self.traveller))
            self.part.traveller_segments.append(self.traveller.nad)
        self.traveller = None
        self.document = None

    def _record(self, draft: _Traveller) -> TravellerRecord:
        reference = self.part.leg.departure if self.part.leg else None
        before = reference.date() if reference else datetime.now(UTC).date()
        birth = partial_date(draft.birth, before=before) if draft.birth else None
        if draft.birth and birth is None:
            self.warn(draft.nad, f"date of birth {draft.birth!r} cannot be read")
        return TravellerRecord(
            surname=draft.surname,
            given_names=draft.given_names,
            role=draft.role,
            birth_date=birth,
            sex=draft.sex,
            nationality=draft.nationality,
            documents=tuple(self._document(draft.nad, d) for d in draft.documents),
            booking_reference=draft.booking,
            seat=draft.seat,
            source_line=draft.nad.line,
        )

    def _document(self, nad: Segment, doc: _Document) -> DocumentRecord:
        expiry = partial_date(doc.expiry, before=None) if doc.expiry else None
        if doc.expiry and expiry is None:
            self.warn(nad, f"document expiry {doc.expiry!r} cannot be read")
        return DocumentRecord(doc.number, doc.doc_type, doc.issuing_state, expiry)


def read_message(segments: list[Segment]) -> MessagePart:
    """The flight and travellers of one message; ``segments`` run from its UNH to its UNT."""
    reader = _Reader(segments[0])
    for segment in segments[1:]:
        reader.read(segment)
    reader.close_traveller()
    return reader.part
