"""The EU Financial Sanctions Files (FSF) XML: root ``export``, one ``sanctionEntity`` each.

Namespaced (``http://eu.europa.ec/fpi/fsd/export``); read by local names. Entities whose
``subjectType`` code is ``person`` become entries; enterprises and others are counted as skipped.
Names come from ``nameAlias`` (wholeName, else firstName middleName lastName); those marked
``strong="false"`` go last as low-quality aliases; ``gender`` is on the names too. ``birthdate``
gives ``birthdate="YYYY-MM-DD"`` or year / monthOfYear / dayOfMonth (``circa`` dates are kept as
given); ``citizenship`` gives countryIso2Code (else countryDescription); ``identification``
gives the numbers of passports and identity cards. The id is the EU reference number
(``EU.27.28``), else the logicalId. Regimes TAQA (ISIL/Al-Qaida) and TERR are terrorism.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from matching.dates import PartialDate
from watchlists.draft import EntryDraft, ReadLog
from watchlists.entry import WatchlistEntry, WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.names import clean, joined
from watchlists.xmldoc import children, iter_records

SOURCE_FORMAT = "eu-xml"
ROOT = "export"
_TERRORISM = frozenset({"TAQA", "TERR"})
_DOCUMENTS = frozenset({"passport", "id"})


def read_eu(path: Path) -> WatchlistFile:
    """Read an EU FSF XML file; WatchlistFormatError if it is not one or is broken."""
    log = ReadLog()
    entries: list[WatchlistEntry] = []
    seen: set[str] = set()
    skipped = 0
    for number, record in enumerate(iter_records(path, {ROOT}, {"sanctionEntity"}), 1):
        entry_id = _entry_id(record)
        if not entry_id or entry_id in seen:
            problem = (
                f"{entry_id} is used twice" if entry_id else "no euReferenceNumber or logicalId"
            )
            raise WatchlistFormatError(path, problem, where=f"sanctionEntity {number}")
        seen.add(entry_id)
        kinds = {subject.get("code", "").casefold() for subject in children(record, "subjectType")}
        if "person" not in kinds:
            skipped += 1
            continue
        entry = _person(record, EntryDraft(entry_id, log))
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    return WatchlistFile(SOURCE_FORMAT, tuple(entries), skipped, log.warnings())


def _entry_id(record: Element) -> str:
    reference = clean(record.get("euReferenceNumber"))
    logical = clean(record.get("logicalId"))
    return reference or (f"EU-{logical}" if logical else "")


def _person(record: Element, draft: EntryDraft) -> WatchlistEntry | None:
    for alias in children(record, "nameAlias"):
        name = clean(alias.get("wholeName")) or joined(
            alias.get("firstName"), alias.get("middleName"), alias.get("lastName")
        )
        draft.add_name(name, weak=alias.get("strong", "true").casefold() == "false")
        draft.add_sex(alias.get("gender"))
    for birth in children(record, "birthdate"):
        _add_birth(birth, draft)
    for citizenship in children(record, "citizenship") + children(record, "citizen"):
        draft.add_country(
            citizenship.get("countryIso2Code") or citizenship.get("countryDescription")
        )
    for document in children(record, "identification"):
        if document.get("identificationTypeCode", "").casefold() in _DOCUMENTS:
            draft.add_document(document.get("number"))
            draft.add_document(document.get("latinNumber"))
    regimes = {clean(r.get("programme")).upper() for r in children(record, "regulation")}
    draft.category = "terrorism" if regimes & _TERRORISM else "other"
    un_id = clean(record.get("unitedNationId"))
    draft.add_remark(f"UN reference {un_id}" if un_id else "")
    for remark in children(record, "remark"):
        draft.add_remark(remark.text)
    return draft.build()


def _add_birth(birth: Element, draft: EntryDraft) -> None:
    """The date one ``birthdate`` element gives; unreadable ones are logged."""
    whole = clean(birth.get("birthdate"))
    year, month, day = (clean(birth.get(key)) for key in ("year", "monthOfYear", "dayOfMonth"))
    if whole or not year:
        draft.add_birth(whole)
        return
    try:
        known_month = int(month) if month else None
        known_day = int(day) if day and known_month else None
        draft.add_dates([PartialDate(int(year), known_month, known_day)])
    except ValueError:
        draft.log.warn(f"{draft.entry_id}: birth date {year}-{month}-{day} not read")
