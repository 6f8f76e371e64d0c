"""The travellers of one booking: TIF names, SSR DOCS/DOCO linked to them, infants to adults.

An SSR names its traveller by reference (SSR element 2, third component) when the sender gives
one; otherwise the DOCS name or the TIF it follows decides. An infant DOCS (sex MI or FI) goes
to the infant of that name, or makes one. An infant not attached to its adult's TIF is linked to
the nearest adult before it marked as travelling with an infant, else of the same surname.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from matching.dates import PartialDate
from workstation.readers.edifact import Segment
from workstation.readers.pnr_records import PnrTraveller
from workstation.readers.pnr_values import Docs, split_title
from workstation.readers.records import DocumentRecord


@dataclass
class Draft:
    surname: str
    given_names: str
    title: str | None = None
    is_infant: bool = False
    ref: str | None = None
    infant_of: str | None = None
    with_infant: bool = False  # the adult's TIF says an infant travels on their lap
    birth_date: PartialDate | None = None
    sex: str | None = None
    nationality: str | None = None
    documents: list[DocumentRecord] = field(default_factory=list)
    seat: str | None = None
    frequent_flyer: str | None = None

    def record(self) -> PnrTraveller:
        return PnrTraveller(
            surname=self.surname,
            given_names=self.given_names,
            title=self.title,
            is_infant=self.is_infant,
            traveller_ref=self.ref,
            infant_of=self.infant_of,
            birth_date=self.birth_date,
            sex=self.sex,
            nationality=self.nationality,
            documents=tuple(self.documents),
            seat=self.seat,
            frequent_flyer=self.frequent_flyer,
        )


@dataclass
class PendingDocs:
    segment: Segment
    docs: Docs
    ref: str
    current: Draft | None  # the traveller whose TIF the SSR followed


def drafts_from_tif(segment: Segment) -> list[Draft]:
    """The traveller (and an infant named in a second composite) of a TIF that is not a group."""
    surname = segment.value(0).strip().upper()
    drafts: list[Draft] = []
    for details in segment.elements[1:] or ((),):
        given_raw = details[0].strip().upper() if details else ""
        kind = details[1].strip().upper() if len(details) > 1 else ""
        ref = details[2].strip() if len(details) > 2 and details[2].strip() else None
        given, title = split_title(given_raw)
        infant = kind in ("IN", "INF") or title == "INF"
        draft = Draft(surname, given, title, infant, ref)
        draft.with_infant = len(details) > 3 and details[3].strip() not in ("", "0")
        if infant and drafts:
            draft.infant_of = drafts[0].ref
            drafts[0].with_infant = True
        drafts.append(draft)
    return drafts


def same_person(draft: Draft, surname: str, given: str) -> bool:
    a_given = draft.given_names.replace(" ", "")
    b_given = given.replace(" ", "")
    if draft.surname.replace(" ", "") != surname.replace(" ", ""):
        return False
    return not b_given or a_given.startswith(b_given) or b_given.startswith(a_given)


def find(drafts: list[Draft], surname: str, given: str) -> Draft | None:
    return next((d for d in drafts if same_person(d, surname, given)), None)


def by_ref(drafts: list[Draft], ref: str) -> Draft | None:
    return next((d for d in drafts if ref and d.ref == ref), None) if ref else None


def apply_docs(drafts: list[Draft], pending: list[PendingDocs], warnings: list[str]) -> None:
    """Give each DOCS to its traveller (creating one when the booking names nobody fitting)."""
    for item in pending:
        docs = item.docs
        target = _target(drafts, item)
        if target is None:
            if not docs.surname:
                warnings.append(f"{item.segment.where}: a DOCS for no known traveller; ignored")
                continue
            target = Draft(docs.surname, docs.given_names, is_infant=docs.is_infant)
            if docs.is_infant:
                adult = by_ref(drafts, item.ref) or item.current
                target.infant_of = adult.ref if adult else None
            drafts.append(target)
        _merge(target, docs)


def _target(drafts: list[Draft], item: PendingDocs) -> Draft | None:
    docs = item.docs
    named = find(drafts, docs.surname, docs.given_names) if docs.surname else None
    if docs.is_infant:
        return named if named is not None and named.is_infant else None
    return by_ref(drafts, item.ref) or named or item.current


def _merge(target: Draft, docs: Docs) -> None:
    if docs.document is not None and docs.document not in target.documents:
        target.documents.append(docs.document)
    target.birth_date = target.birth_date or docs.birth_date
    target.sex = target.sex or docs.sex
    target.nationality = target.nationality or docs.nationality
    if target.title and docs.given_names:  # "WILLIAMS" is a name, not WILLIA + MS
        glued = (target.given_names + target.title).replace(" ", "")
        if glued == docs.given_names.replace(" ", ""):
            target.given_names, target.title = docs.given_names, None


def link_infants(drafts: list[Draft], warnings: list[str], where: str) -> None:
    """Give every traveller a reference and every infant its adult's."""
    used = {d.ref for d in drafts if d.ref}
    for position, draft in enumerate(drafts, start=1):
        if draft.ref is None and str(position) not in used:
            draft.ref = str(position)
            used.add(draft.ref)
    taken: set[str | None] = {d.infant_of for d in drafts if d.is_infant and d.infant_of}
    for index, infant in enumerate(drafts):
        if not infant.is_infant or infant.infant_of:
            continue
        adults = [d for d in reversed(drafts[:index]) if not d.is_infant and d.ref not in taken]
        adults += [d for d in drafts[index + 1 :] if not d.is_infant and d.ref not in taken]
        adult = (
            next((a for a in adults if a.with_infant), None)
            or next((a for a in adults if a.surname == infant.surname), None)
            or (adults[0] if adults else None)
        )
        if adult is None:
            warnings.append(f"{where}: an infant travels with no adult in the booking")
            continue
        infant.infant_of = adult.ref
        taken.add(infant.infant_of)
