"""The UN Security Council Consolidated List (XML, root ``CONSOLIDATED_LIST``).

Each INDIVIDUAL becomes an entry; ENTITY records are counted as skipped. The primary name is
FIRST_NAME to FOURTH_NAME joined in order; NAME_ORIGINAL_SCRIPT and the aliases follow. Aliases
of quality Good, a.k.a., f.k.a. (or none) come first; Low ones after them, listed in
the remarks as low-quality. Dates of birth: EXACT and APPROXIMATELY give their DATE or YEAR,
BETWEEN every year from FROM_YEAR to TO_YEAR (see ``watchlists.birth``), a NOTE is read when
there is nothing else; an alias's own DATE_OF_BIRTH is added too. The id is REFERENCE_NUMBER
(``QDi.001``); the Al-Qaida and ISIL lists are terrorism, the other regimes sanctions ("other").
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from watchlists.draft import EntryDraft, ReadLog
from watchlists.entry import WatchlistEntry, WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.names import joined, uncomma
from watchlists.xmldoc import child_text, children, iter_records

SOURCE_FORMAT = "un-xml"
ROOT = "CONSOLIDATED_LIST"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_WEAK_QUALITY = frozenset({"low"})
_TERRORISM_LISTS = frozenset({"al-qaida", "isil", "isil (da'esh) & al-qaida", "da'esh"})


def read_un(path: Path) -> WatchlistFile:
    """Read a UN consolidated list file; WatchlistFormatError if it is not one or is broken."""
    log = ReadLog()
    entries: list[WatchlistEntry] = []
    seen: dict[str, int] = {}
    skipped = 0
    for number, record in enumerate(iter_records(path, {ROOT}, {"INDIVIDUAL", "ENTITY"}), 1):
        if record.tag == "ENTITY":
            skipped += 1
            continue
        entry_id = child_text(record, "REFERENCE_NUMBER")
        if not entry_id:
            raise WatchlistFormatError(
                path, "an individual without a REFERENCE_NUMBER", where=_where(record, number)
            )
        if entry_id in seen:
            raise WatchlistFormatError(
                path,
                f"reference {entry_id} is used twice (records {seen[entry_id]} and {number})",
                where=f"record {number}",
            )
        seen[entry_id] = number
        entry = _individual(record, EntryDraft(entry_id, log))
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    return WatchlistFile(SOURCE_FORMAT, tuple(entries), skipped, log.warnings())


def _individual(record: Element, draft: EntryDraft) -> WatchlistEntry | None:
    draft.add_name(joined(*(child_text(record, part) for part in _NAME_PARTS)))
    draft.add_name(child_text(record, "NAME_ORIGINAL_SCRIPT"))
    for alias in children(record, "INDIVIDUAL_ALIAS"):
        quality = child_text(alias, "QUALITY").casefold()
        draft.add_name(uncomma(child_text(alias, "ALIAS_NAME")), weak=quality in _WEAK_QUALITY)
        draft.add_birth(child_text(alias, "DATE_OF_BIRTH"))
    for birth in children(record, "INDIVIDUAL_DATE_OF_BIRTH"):
        _add_birth(birth, draft)
    for nationality in children(record, "NATIONALITY"):
        for value in children(nationality, "VALUE"):
            draft.add_country(value.text)
    draft.add_sex(child_text(record, "GENDER"))
    for document in children(record, "INDIVIDUAL_DOCUMENT"):
        draft.add_document(child_text(document, "NUMBER"))
    lists = child_text(record, "UN_LIST_TYPE")
    draft.category = "terrorism" if lists.casefold() in _TERRORISM_LISTS else "other"
    draft.add_remark(child_text(record, "COMMENTS1"))
    return draft.build()


def _add_birth(birth: Element, draft: EntryDraft) -> None:
    """The dates one INDIVIDUAL_DATE_OF_BIRTH stands for; unreadable ones are logged."""
    first, last = child_text(birth, "FROM_YEAR"), child_text(birth, "TO_YEAR")
    if child_text(birth, "TYPE_OF_DATE").upper() == "BETWEEN" and first and last:
        draft.add_birth(f"{first} to {last}")
        return
    given = child_text(birth, "DATE") or child_text(birth, "YEAR")
    draft.add_birth(given or child_text(birth, "NOTE"))


def _where(record: Element, number: int) -> str:
    name = joined(*(child_text(record, part) for part in _NAME_PARTS))
    return f"INDIVIDUAL record {number}" + (f" ({name})" if name else "")
