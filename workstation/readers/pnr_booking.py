"""One PNR of a PNRGOV message (SRC up to the next SRC) read into a PnrBooking.

Segments are read by where they stand: before the first itinerary TVL they describe the booking
and its travellers (RCI, DAT, ORG, ADD, TIF, FTI, SSR, TKT, MON, FOP, IFT, EBD); after a TVL
they concern that flight (RPI, SSR seats); after a TRI, check-in at the pushed flight (TIF,
SSD seat, TBD bags); after an ABI, the booking's history, which is skipped. What the EU PNR
rule forbids is dropped here (see pnr_privacy). Unknown segments are warned of by tag only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation

from workstation.airports import to_utc
from workstation.readers.edifact import Segment
from workstation.readers.paxlst_values import country, flight_designator
from workstation.readers.pnr_privacy import SENSITIVE_REMARK, sensitive_text
from workstation.readers.pnr_records import (
    PnrBooking,
    PnrContact,
    PnrOriginator,
    PnrPayment,
    PnrSegment,
)
from workstation.readers.pnr_ssr import SsrReader
from workstation.readers.pnr_travellers import (
    Draft,
    apply_docs,
    drafts_from_tif,
    find,
    link_infants,
)
from workstation.readers.pnr_values import PAYMENT_FORMS, masked, pnr_datetime, pnr_local_time
from workstation.readers.records import FlightRecord

SKIPPED = frozenset(
    {"APD", "PTK", "TXD", "REF", "SAC", "FAR", "ERC", "LTS", "TRA", "EQN", "MSG", "DAT"}
)
_POUND_KG = 0.45359237
_WEIGHT_FLAGS = frozenset({"W", "K", "KG", "700", "L", "LB", "701"})


def read_tvl(segment: Segment) -> PnrSegment | None:
    """A flight from ``TVL+231126:0635:231126:0810+IST+BEG+JU:TK+211:Y'``; None without one.

    Times are local at the airports named; they are returned in UTC."""
    marketing = segment.value(3, 0).strip().upper()
    number = segment.value(4, 0).strip().upper()
    designator = flight_designator(marketing + number, marketing) if number else None
    if designator is None:
        return None
    operating = segment.value(3, 1).strip().upper() or None
    origin, destination = segment.value(1).strip().upper(), segment.value(2).strip().upper()
    departure = pnr_local_time(segment.value(0, 0), segment.value(0, 1))
    arrival = pnr_local_time(segment.value(0, 2), segment.value(0, 3))
    return PnrSegment(
        carrier=designator[0],
        number=designator[1],
        origin=origin,
        destination=destination,
        departure=to_utc(departure, origin) if departure else None,
        arrival=to_utc(arrival, destination) if arrival else None,
        operating_carrier=operating if operating != designator[0] else None,
        booking_class=segment.value(4, 1).strip().upper() or None,
    )


class BookingReader:
    """Reads the segments of one PNR, handed over one at a time after its SRC."""

    def __init__(self, src: Segment, flight: FlightRecord, warnings: list[str]) -> None:
        self.src, self.flight, self.warnings = src, flight, warnings
        self.last = src
        self.mode = "booking"  # then "itinerary", "checkin" or "history"
        self.locator = ""
        self.created: datetime | None = None
        self.ticketed: datetime | None = None
        self.originator: PnrOriginator | None = None
        self.drafts: list[Draft] = []
        self.current: Draft | None = None  # the traveller of the last TIF
        self.checkin: Draft | None = None
        self.itinerary: list[PnrSegment] = []
        self.on_pushed_leg = True  # whether the last TVL (if any) is the pushed flight
        self.payments: list[PnrPayment] = []
        self.contacts: list[PnrContact] = []
        self.tickets: list[str] = []
        self.currency: str | None = None
        self.amount: Decimal | None = None
        self.bags: dict[str, list[float]] = {"TBD": [0.0, 0.0], "EBD": [0.0, 0.0]}
        self.bags_seen: set[str] = set()
        self.group: tuple[str, int | None] | None = None
        self.remarks: list[str] = []
        self.dropped: list[str] = []
        self.ssr = SsrReader(self)
        self.handlers: dict[str, Callable[[Segment], None]] = {
            "RCI": self._on_rci, "DAT": self._on_dat, "ORG": self._on_org, "ADD": self._on_add,
            "TIF": self._on_tif, "FTI": self._on_fti, "SSR": self.ssr.read, "TKT": self._on_tkt,
            "MON": self._on_mon, "FOP": self._on_fop, "IFT": self._on_ift, "TVL": self._on_tvl,
            "RPI": self._on_rpi, "TRI": self._on_tri, "SSD": self._on_ssd, "TBD": self._on_bags,
            "EBD": self._on_bags, "ABI": self._on_abi,
        }  # fmt: skip

    def warn(self, segment: Segment, text: str) -> None:
        self.warnings.append(f"{segment.where}, line {segment.line}: {text}")

    def drop(self, what: str) -> None:
        if what not in self.dropped:
            self.dropped.append(what)

    def read(self, segment: Segment) -> None:
        self.last = segment
        if self.mode == "history":
            return
        handler = self.handlers.get(segment.tag)
        if handler is not None:
            handler(segment)
        elif segment.tag not in SKIPPED:
            self.warn(segment, f"unknown segment {segment.tag} in a PNR; skipped")

    def _on_rci(self, segment: Segment) -> None:
        if self.locator:
            return
        chosen = segment.elements[0] if segment.elements else ()
        for composite in segment.elements:
            if composite and composite[0].strip().upper() in (self.flight.carrier, "YY"):
                chosen = composite
                break
        locator = chosen[1].strip().upper() if len(chosen) > 1 else ""
        if not locator:
            self.warn(segment, "no record locator")
            return
        self.locator = locator
        if len(chosen) > 3 and chosen[3].strip():
            self.created = pnr_datetime(chosen[3], chosen[4] if len(chosen) > 4 else "")
            if self.created is None:
                self.warn(segment, f"booking date {chosen[3]!r} cannot be read")

    def _on_dat(self, segment: Segment) -> None:
        for composite in segment.elements:
            if composite and composite[0].strip() == "710" and self.ticketed is None:
                day, time = composite[1:2] or ("",), composite[2:3] or ("",)
                self.ticketed = pnr_datetime(day[0], time[0])
                if self.ticketed is None:
                    self.warn(segment, f"ticketing date {day[0]!r} cannot be read")

    def _on_org(self, segment: Segment) -> None:
        if self.originator is not None or not segment.elements:
            return

        def part(element: int, component: int = 0) -> str | None:
            return segment.value(element, component).strip().upper() or None

        country_code = part(5) or part(4, 1)
        self.originator = PnrOriginator(
            system=part(0),
            agency_code=part(1),
            office=part(1, 1),
            location=part(2) or part(0, 1),
            kind=part(4) if part(4) and len(part(4) or "") <= 2 else None,
            country=country(country_code) if country_code and len(country_code) <= 3 else None,
        )

    def _on_add(self, segment: Segment) -> None:
        kind = segment.value(1, 0).strip().upper()
        text = segment.value(1, 7).strip()
        if kind == "E" or "CTCE" in text.upper():
            self.ssr.contact("CTCE", text.upper().split("CTCE")[-1].split()[-1:])
        elif text:
            self.ssr.contact("CTC", [text])
        parts = [segment.value(1, i).strip() for i in (1, 2, 3, 6, 5)]
        line = ", ".join(p for p in parts if p)
        if line:
            contact = PnrContact("address", line)
            if contact not in self.contacts:
                self.contacts.append(contact)

    def _on_tif(self, segment: Segment) -> None:
        surname = segment.value(0).strip().upper()
        if self.mode in ("checkin", "itinerary"):
            given = segment.value(1).strip().upper()
            found = find(self.drafts, surname, given) or find(self.drafts, surname, "")
            if found is not None:
                self.checkin = found if self.mode == "checkin" else self.checkin
                return
        if segment.value(0, 1).strip().upper() == "G":
            size = segment.value(0, 2).strip()
            self.group = (surname, int(size) if size.isdigit() else None)
            self.current = None
            return
        if not surname:
            self.warn(segment, "a traveller without a surname")
        drafts = drafts_from_tif(segment)
        self.drafts.extend(drafts)
        self.current = drafts[0]

    def _on_fti(self, segment: Segment) -> None:
        airline, number = segment.value(0, 0).strip(), segment.value(0, 1).strip()
        if self.current is not None and number:
            self.current.frequent_flyer = f"{airline}{number}".upper()

    def _on_tkt(self, segment: Segment) -> None:
        number, kind = segment.value(0, 0).strip(), segment.value(0, 1).strip()
        self.currency, self.amount = None, None
        if number and kind != "1" and number not in self.tickets:
            self.tickets.append(number)

    def _on_mon(self, segment: Segment) -> None:
        for composite in segment.elements:
            if (
                len(composite) > 1
                and composite[0].strip() in ("T", "B", "")
                and self.amount is None
            ):
                self.amount = _decimal(composite[1])
                self.currency = composite[2].strip().upper() or None if len(composite) > 2 else None

    def _on_fop(self, segment: Segment) -> None:
        for composite in segment.elements:
            code = composite[0].strip().upper() if composite else ""
            if not code:
                continue
            form = PAYMENT_FORMS.get(code, "other")
            number = composite[4].strip() if len(composite) > 4 else ""
            card_type = composite[3].strip().upper() if len(composite) > 3 else ""
            amount = _decimal(composite[2]) if len(composite) > 2 else None
            self.payments.append(
                PnrPayment(
                    form=form,
                    card_type=(card_type or None) if form == "card" else None,
                    masked_number=masked(number) if form == "card" else None,
                    amount=amount if amount is not None else self.amount,
                    currency=self.currency,
                )
            )

    def _on_ift(self, segment: Segment) -> None:
        info_type = segment.value(0, 1).strip()
        if info_type in ("15", "43", "45"):  # fare calculation, sponsor, billing
            return
        text = " ".join(" ".join(e).strip() for e in segment.elements[1:]).strip()
        if not text:
            return
        if sensitive_text(text):
            self.drop(SENSITIVE_REMARK)
        elif text.upper().startswith("CTC"):
            code, _, rest = text.partition(" ")
            self.ssr.contact(code.upper(), [rest])
        else:
            self.remarks.append(text)

    def _on_tvl(self, segment: Segment) -> None:
        self.mode = "itinerary"
        leg = read_tvl(segment)
        if leg is None:
            self.on_pushed_leg = False
            self.warn(segment, "an itinerary segment without a flight number; skipped")
            return
        self.itinerary.append(leg)
        self.on_pushed_leg = (leg.origin, leg.destination) == (
            self.flight.origin,
            self.flight.destination,
        )

    def _on_rpi(self, segment: Segment) -> None:
        status = segment.value(1).strip().upper()
        if self.itinerary and self.mode == "itinerary" and status:
            last = self.itinerary[-1]
            self.itinerary[-1] = PnrSegment(**{**last.__dict__, "status": status})

    def _on_tri(self, segment: Segment) -> None:
        self.mode = "checkin"
        ref = segment.value(1, 3).strip()
        self.checkin = next((d for d in self.drafts if ref and d.ref == ref), None)

    def _on_ssd(self, segment: Segment) -> None:
        seat = segment.value(0).strip().upper()
        if self.checkin is not None and seat and self.on_pushed_leg:
            self.checkin.seat = seat

    def _on_bags(self, segment: Segment) -> None:
        """TBD (checked bags: count, weight, unit) or EBD (excess: pieces or weight)."""
        totals = self.bags[segment.tag]
        composites = segment.elements[1:2] if segment.tag == "TBD" else segment.elements[1:]
        for composite in composites:
            count = composite[0].strip() if composite else ""
            flags = {c.strip().upper() for c in composite[1:]}
            if segment.tag == "TBD" and len(composite) > 1 and composite[1].strip():
                totals[1] += _kg(composite[1], flags)
            if not count.isdigit():
                continue
            self.bags_seen.add(segment.tag)
            if segment.tag == "EBD" and flags & _WEIGHT_FLAGS:
                totals[1] += _kg(count, flags)
            else:
                totals[0] += int(count)

    def _on_abi(self, segment: Segment) -> None:
        self.mode = "history"

    def finish(self) -> PnrBooking:
        if not self.locator:
            self.warn(self.src, "a PNR without a record locator (RCI)")
        apply_docs(self.drafts, self.ssr.pending, self.warnings)
        link_infants(self.drafts, self.warnings, f"{self.src.where}, line {self.src.line}")
        source = "TBD" if "TBD" in self.bags_seen else "EBD" if self.bags_seen else None
        count, weight = self.bags[source] if source else (None, None)
        return PnrBooking(
            record_locator=self.locator,
            creation_time=self.created,
            ticketing_time=self.ticketed,
            originator=self.originator,
            travellers=tuple(d.record() for d in self.drafts),
            itinerary=tuple(self.itinerary),
            payments=tuple(self.payments),
            contacts=tuple(self.contacts),
            tickets=tuple(self.tickets),
            bag_count=int(count) if count else None,
            bag_weight_kg=round(float(weight), 1) if weight else None,
            group_name=self.group[0] if self.group else None,
            group_size=self.group[1] if self.group else None,
            remarks=tuple(self.remarks),
            dropped=tuple(self.dropped),
            source_segments=(self.src.index, self.last.index),
        )


def _decimal(text: str) -> Decimal | None:
    """An amount written with either decimal mark (UNA may name the comma)."""
    try:
        value = Decimal(text.strip().replace(",", ".")) if text.strip() else None
    except InvalidOperation:
        return None
    return value if value is not None and value.is_finite() else None


def _kg(text: str, flags: set[str]) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        return 0.0
    if value != value or value in (float("inf"), float("-inf")) or value < 0:
        return 0.0
    return value * _POUND_KG if flags & {"701", "L", "LB"} else value
