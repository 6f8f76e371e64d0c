"""The OFAC SDN list as XML (root ``sdnList``, one ``sdnEntry`` per listing).

Entries of sdnType Individual become entries; entities, vessels and aircraft are counted as
skipped. The name is firstName lastName; akaList gives aliases, those of category ``weak`` going
last as low-quality ones. dateOfBirthList, nationalityList and citizenshipList give dates and
countries; idList gives the gender (idType ``Gender``) and the document numbers of passports and
identity cards. The programs decide the category as for the CSV list.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from watchlists.draft import EntryDraft, ReadLog
from watchlists.entry import WatchlistEntry, WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.names import clean, joined
from watchlists.ofac import program_category
from watchlists.remarks import is_document_kind
from watchlists.xmldoc import child_text, descendants, iter_records

SOURCE_FORMAT = "ofac-xml"
ROOT = "sdnList"


def read_sdn_xml(path: Path) -> WatchlistFile:
    """Read an OFAC SDN XML file; WatchlistFormatError if it is not one or is broken."""
    log = ReadLog()
    entries: list[WatchlistEntry] = []
    seen: set[str] = set()
    skipped = 0
    for number, record in enumerate(iter_records(path, {ROOT}, {"sdnEntry"}), 1):
        uid = child_text(record, "uid")
        if not uid or uid in seen:
            problem = f"uid {uid} is used twice" if uid else "an sdnEntry without a uid"
            raise WatchlistFormatError(path, problem, where=f"sdnEntry {number}")
        seen.add(uid)
        if child_text(record, "sdnType").casefold() != "individual":
            skipped += 1
            continue
        entry = _individual(record, EntryDraft(uid, log))
        if entry is None:
            skipped += 1
        else:
            entries.append(entry)
    return WatchlistFile(SOURCE_FORMAT, tuple(entries), skipped, log.warnings())


def _individual(record: Element, draft: EntryDraft) -> WatchlistEntry | None:
    draft.add_name(joined(child_text(record, "firstName"), child_text(record, "lastName")))
    for aka in descendants(record, "akaList/aka"):
        name = joined(child_text(aka, "firstName"), child_text(aka, "lastName"))
        draft.add_name(name, weak=child_text(aka, "category").casefold() == "weak")
    for item in descendants(record, "dateOfBirthList/dateOfBirthItem"):
        draft.add_birth(child_text(item, "dateOfBirth"))
    for path in ("nationalityList/nationality", "citizenshipList/citizenship"):
        for country in descendants(record, path):
            draft.add_country(child_text(country, "country"))
    for identifier in descendants(record, "idList/id"):
        kind = child_text(identifier, "idType")
        if kind.casefold() == "gender":
            draft.add_sex(child_text(identifier, "idNumber"))
        elif is_document_kind(kind):
            draft.add_document(child_text(identifier, "idNumber"))
    programs = [clean(p.text) for p in descendants(record, "programList/program") if clean(p.text)]
    draft.category = program_category(programs)
    draft.add_remark("Programs: " + ", ".join(programs) if programs else "")
    title = child_text(record, "title")
    draft.add_remark(f"Title: {title}" if title else "")
    draft.add_remark(child_text(record, "remarks"))
    return draft.build()
