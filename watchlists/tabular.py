"""A generic watchlist kept as a spreadsheet (CSV or XLSX), as national lookout lists often are.

Columns, recognised by header in English, Serbian (Latin and Cyrillic) or Macedonian: ID, Name
(or Surname and Given names), Aliases, Date of Birth, Sex, Nationality, Document Number(s),
Category, Handling Notes / Instructions, Remarks. Cells holding several values separate them
with ``;`` or line breaks. See ``watchlists.table`` for how files, encodings and headers are found.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from matching.countries import to_alpha3
from matching.dates import PartialDate
from watchlists.cells import Cell, cell_text, parse_date, parse_sex
from watchlists.entry import WatchlistEntry, WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.stream import EntryStream, ReadState, file_size
from watchlists.table import Row, Vocabulary, header_key
from watchlists.tablestream import stream_table

CATEGORIES = {
    "drugs": "Drugs",
    "trafficking_in_persons": "Trafficking in persons",
    "migrant_smuggling": "Migrant smuggling",
    "terrorism": "Terrorism",
    "wanted_person": "Wanted person",
    "stolen_lost_document": "Stolen or lost document",
    "other": "Other",
}

# Words (folded as headers are, see ``header_key``) found in a list's own wording of a category,
# tried in this order; "drugo" ("other" in Serbian) must not be read as drugs.
_OTHER_WORDS = "other|drugo|друго|ostalo|остало|misc|unknown"
_CATEGORY_WORDS = {
    "trafficking_in_persons": "trafficking in persons|human trafficking|THB|trgovina ljud|"
    "трговина људима|трговија со луѓе",
    "migrant_smuggling": "migran|мигран|people smuggl|human smuggl|krijumčarenje ljud|"
    "кријумчарење људи",
    "drugs": "drug|narcot|narkot|droga|дрога|наркот|cocaine|heroin|kokain|cannabis|kanabis",
    "terrorism": "terror|teror|терор|extremis|ekstremi|екстреми",
    "stolen_lost_document": "stolen|lost|SLTD|ukraden|izgublj|украден|изгубљен|изгубен",
    "wanted_person": "wanted|warrant|poternic|potjernic|потерниц|red notice|tražen|тражен|"
    "барано|барана|потрага",
}

VOCABULARY: Vocabulary = {
    "entry_id": "ID|Entry ID|Ref|Reference|Reference Number|Ref No|List ID|Šifra|Шифра|ИД|"
    "Identifikator|Идентификатор|Oznaka|Ознака",
    "name": "Name|Full Name|Primary Name|Person|Ime i prezime|Prezime i ime|Име и презиме|"
    "Презиме и име|Lice|Лице|Naziv|Назив",
    "surname": "Surname|Last Name|Family Name|Prezime|Презиме",
    "given_names": "Given Names|Given Name|First Name|First Names|Forename|Forenames|Ime|Име",
    "aliases": "Aliases|Alias|AKA|Also Known As|Other Names|Alternative Names|Pseudonimi|"
    "Псеудоними|Псевдоними|Druga imena|Друга имена|Други имиња|Nadimci|Надимци|Прекари",
    "birth_dates": "Date of Birth|Dates of Birth|DOB|Birth Date|Birth Dates|Year of Birth|Born|"
    "Datum rođenja|Datum rodjenja|Datumi rođenja|Godina rođenja|Датум рођења|Година рођења|"
    "Датум на раѓање|Година на раѓање",
    "sex": "Sex|Gender|Pol|Spol|Пол",
    "nationalities": "Nationality|Nationalities|Citizenship|Citizenships|Državljanstvo|"
    "Drzavljanstvo|Држављанство|Државјанство",
    "documents": "Document Number|Document Numbers|Documents|Document No|Passport Number|"
    "Passport Numbers|Passport No|Passport|ID Number|Broj dokumenta|Brojevi dokumenata|"
    "Dokumenti|Broj pasoša|Број документа|Документи|Број пасоша|Број на документ|Број на пасош",
    "category": "Category|List Category|Type|Reason|Reason for Listing|Kategorija|Категорија|"
    "Vrsta|Врста|Razlog|Разлог|Причина",
    "handling_notes": "Handling Notes|Handling|Handling Instructions|Instructions|Action|"
    "Action to Take|Postupanje|Uputstvo|Uputstva|Поступање|Упутство|Постапување|Упатство|"
    "Инструкции",
    "remarks": "Remarks|Remark|Notes|Note|Comments|Comment|Napomena|Napomene|Напомена|Напомене|"
    "Забелешка|Забелешки",
}

_MISSING_HEADER = (
    "no column for the name found in the first 20 rows; expected headers such as ID, Name, "
    "Aliases, Date of Birth, Sex, Nationality, Document Number, Category, Handling Notes, Remarks"
)
_SEPARATOR = re.compile(r"\s*[;\n]\s*")
_CATEGORY_KEYS = tuple(
    (code, tuple(header_key(word) for word in words.split("|")))
    for code, words in _CATEGORY_WORDS.items()
)
_CODE_KEYS = {header_key(code): code for code in CATEGORIES} | {
    header_key(label): code for code, label in CATEGORIES.items()
}
_OTHER_KEYS = frozenset(header_key(word) for word in _OTHER_WORDS.split("|"))


def read_watchlist_table(path: Path) -> WatchlistFile:
    """Read every row of a watchlist spreadsheet, or raise WatchlistFormatError naming the line."""
    return stream_watchlist_table(path).collect()


def stream_watchlist_table(path: Path) -> EntryStream:
    """The spreadsheet's entries, a CSV read row by row as they are iterated."""
    return EntryStream("watchlist-csv", file_size(path), lambda s: _entries(path, s))


def _entries(path: Path, state: ReadState) -> Iterator[WatchlistEntry]:
    table = stream_table(
        path, VOCABULARY, required=("name", "surname"), missing_header=_MISSING_HEADER, state=state
    )
    state.source_format = f"watchlist-{table.kind}"
    warnings: list[str] = list(table.notes)
    if table.ignored:
        warnings.append(f"columns not recognised and ignored: {', '.join(table.ignored)}")
    counts: Counter[str] = Counter()
    for row in table.rows:
        entry = _entry(path, row, warnings)
        if entry is None:
            state.skipped += 1
            continue
        counts[entry.entry_id] += 1
        yield entry
    duplicates = sorted(entry_id for entry_id, count in counts.items() if count > 1)
    if duplicates:
        warnings.append(f"IDs used by more than one row: {', '.join(duplicates[:10])}")
    state.warnings = tuple(warnings)


def _entry(path: Path, row: Row, warnings: list[str]) -> WatchlistEntry | None:
    name = cell_text(row.get("name"))
    if not name:
        parts = (cell_text(row.get("surname")), cell_text(row.get("given_names")))
        name = " ".join(part for part in parts if part)
    aliases = _split(row.get("aliases"))
    if not name and not aliases:
        warnings.append(f"{row.where}: no name; the row was skipped")
        return None
    return WatchlistEntry(
        entry_id=cell_text(row.get("entry_id")) or f"row-{row.number}",
        names=tuple(dict.fromkeys(n for n in (name, *aliases) if n)),
        birth_dates=_birth_dates(path, row),
        sex=parse_sex(row.get("sex")),
        nationalities=_nationalities(row, warnings),
        documents=tuple(dict.fromkeys(d.upper() for d in _split(row.get("documents")))),
        category=category_of(cell_text(row.get("category"))),
        handling_notes=cell_text(row.get("handling_notes")),
        remarks=cell_text(row.get("remarks")),
    )


def _split(value: Cell) -> list[str]:
    text = value if isinstance(value, str) else cell_text(value)
    return [" ".join(part.split()) for part in _SEPARATOR.split(text) if part.strip()]


def _birth_dates(path: Path, row: Row) -> tuple[PartialDate, ...]:
    value = row.get("birth_dates")
    parts: list[Cell] = [value] if not isinstance(value, str) else list(_split(value))
    dates: list[PartialDate] = []
    for part in parts:
        try:
            found = parse_date(part, birth=True)
        except ValueError as exc:
            problem = f"date of birth {cell_text(part)!r} is not a date"
            raise WatchlistFormatError(path, problem, where=row.where) from exc
        if found is not None and found not in dates:
            dates.append(found)
    return tuple(dates)


def _nationalities(row: Row, warnings: list[str]) -> tuple[str, ...]:
    codes: list[str] = []
    for text in _split(row.get("nationalities")):
        code = to_alpha3(text)
        if code is None:
            warnings.append(f"{row.where}: nationality {text!r} is not a known country; left out")
        elif code not in codes:
            codes.append(code)
    return tuple(codes)


def category_of(text: str) -> str:
    """The category code for a list's own wording of it, loosely; ``other`` when unsure."""
    key = header_key(text)
    if not key or key in _OTHER_KEYS:
        return "other"
    if key in _CODE_KEYS:
        return _CODE_KEYS[key]
    for category, words in _CATEGORY_KEYS:
        if any(word in key for word in words):
            return category
    return "other"
