"""Special service requests (SSR) of a PNR: documents (DOCS, DOCO), addresses (DOCA), contacts
(CTCE, CTCM...), seats (SEAT) and electronic tickets (TKNE). Meal and health requests are
dropped by code before anything of them is read; other SSRs are not kept.

``SSR+DOCS:HK:1:JU:::::/P/TUR/U1234567/TUR/03FEB90/F/31MAY31/YILMAZ/AYSE+::2'``: the first
element holds the code, status, quantity, airline, board and off points (components 7 and 8)
and the free text (component 9 on); the second names the seat and the traveller reference.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workstation.readers.edifact import Segment
from workstation.readers.pnr_privacy import sensitive_ssr
from workstation.readers.pnr_records import PnrContact
from workstation.readers.pnr_travellers import Draft, PendingDocs, by_ref
from workstation.readers.pnr_values import decode_email, parse_doca, parse_doco, parse_docs, phone

if TYPE_CHECKING:
    from workstation.readers.pnr_booking import BookingReader

PHONE_CODES = frozenset({"CTCM", "CTCH", "CTCB", "CTCP", "CTCT", "CTC"})
_TICKET = re.compile(r"^(\d{13})")


class SsrReader:
    def __init__(self, booking: BookingReader) -> None:
        self.booking = booking
        self.pending: list[PendingDocs] = []

    def read(self, segment: Segment) -> None:
        code = segment.value(0).strip().upper()
        if not code:
            return
        if sensitive_ssr(code):
            self.booking.drop(f"SSR {code}")
            return
        first = segment.elements[0]
        text = "".join(first[8:]).strip()
        ref = segment.value(1, 2).strip()
        if code == "DOCS":
            self._docs(segment, text, ref)
        elif code == "DOCO":
            self._doco(segment, text, ref)
        elif code == "DOCA":
            address = parse_doca(text)
            if address:
                self._add(PnrContact("address", address))
        elif code == "CTCE" or code in PHONE_CODES:
            self.contact(code, [text])
        elif code == "SEAT":
            self._seats(segment)
        elif code == "TKNE":
            found = _TICKET.match(text)
            if found and found.group(1) not in self.booking.tickets:
                self.booking.tickets.append(found.group(1))

    def contact(self, code: str, texts: list[str]) -> None:
        """A contact from CTC text (SSR, OSI remark or ADD free text)."""
        text = " ".join(t.strip() for t in texts).strip()
        if not text:
            return
        if code == "CTCE" or "@" in text:
            self._add(PnrContact("email", decode_email(text)))
        elif code in PHONE_CODES:
            number = phone(text)
            if any(c.isdigit() for c in number):
                self._add(PnrContact("phone", number))

    def _add(self, contact: PnrContact) -> None:
        if contact.value and contact not in self.booking.contacts:
            self.booking.contacts.append(contact)

    def _docs(self, segment: Segment, text: str, ref: str) -> None:
        departure = self.booking.flight.scheduled_departure
        docs = parse_docs(text, flight_day=departure.date() if departure else None)
        if docs is None:
            self.booking.warn(segment, "a DOCS without a name or document; ignored")
            return
        self.pending.append(PendingDocs(segment, docs, ref, self.booking.current))

    def _doco(self, segment: Segment, text: str, ref: str) -> None:
        visa = parse_doco(text)
        target = self._traveller(ref)
        if visa is None or target is None:
            self.booking.warn(segment, "a DOCO without a document or traveller; ignored")
        elif visa not in target.documents:
            target.documents.append(visa)

    def _seats(self, segment: Segment) -> None:
        board, off = segment.value(0, 6).strip().upper(), segment.value(0, 7).strip().upper()
        flight = self.booking.flight
        if board or off:
            if (board, off) != (flight.origin, flight.destination):
                return
        elif not self.booking.on_pushed_leg:
            return
        for details in segment.elements[1:]:
            seat = details[0].strip().upper() if details else ""
            ref = details[2].strip() if len(details) > 2 else ""
            target = self._traveller(ref)
            if seat and target is not None:
                target.seat = seat

    def _traveller(self, ref: str) -> Draft | None:
        return by_ref(self.booking.drafts, ref) or self.booking.current
