"""The OFAC SDN list: the headerless CSV set (sdn.csv with alt.csv and sdn_comments.csv).

sdn.csv is latin-1, one row per listing: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks, with ``-0-`` for nothing. Rows of type
``individual`` become entries (``"KADAFI, Muammar"`` is stored as ``"Muammar KADAFI"``); entities,
vessels and aircraft are counted as skipped. Dates of birth, nationality, documents and gender
come from the remarks (``watchlists.remarks``); remarks too long for sdn.csv go on in
sdn_comments.csv. alt.csv adds the aliases (aka, fka, nka) by ent_num; the quoted a.k.a. names
of the remarks are OFAC's weak aliases. alt.csv and sdn_comments.csv beside sdn.csv are read
with it; add.csv (addresses) is not needed for screening. ``watchlists.sdnxml`` reads the XML.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from watchlists.draft import EntryDraft, ReadLog
from watchlists.entry import WatchlistEntry, WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.names import clean, uncomma
from watchlists.remarks import read_remarks

SOURCE_FORMAT = "ofac-csv"
MAX_CSV_BYTES = 100 * 1024 * 1024
NULL = "-0-"
_FIELDS = {"sdn": 12, "alt": 5, "add": 6, "comments": 2}
_COMPANIONS = {"sdn.csv": ("alt.csv", "sdn_comments.csv"), "cons_prim.csv": ("cons_alt.csv",)}
_TERRORISM = frozenset({"SDGT", "SDT", "FTO"})
_DRUGS = frozenset({"SDNT", "SDNTK"})
_EOF_MARK = "\x1a"


def program_category(programs: list[str]) -> str:
    """terrorism (SDGT, SDT, FTO), drugs (SDNT, SDNTK, ILLICIT-DRUGS-...), else other."""
    codes = {code.strip().upper() for code in programs}
    if codes & _TERRORISM:
        return "terrorism"
    if codes & _DRUGS or any(code.startswith("ILLICIT-DRUGS") for code in codes):
        return "drugs"
    return "other"


def file_kind(path: Path, first_line: str) -> str | None:
    """Which file of the OFAC CSV set this is (``sdn``, ``alt``, ``add``, ``comments``), or None."""
    try:
        row = next(csv.reader([first_line]))
    except (csv.Error, StopIteration):
        return None
    if not row or not row[0].strip().isdigit():
        return None
    kinds = {count: kind for kind, count in _FIELDS.items()}
    kind = kinds.get(len(row))
    if kind == "alt" and row[2].strip().casefold() not in ("aka", "fka", "nka"):
        return None
    if kind == "comments" and "comments" not in path.name.casefold():
        return None
    if kind in ("sdn", "add") and not any(cell.strip() == NULL for cell in row):
        return None
    return kind


def read_ofac(paths: list[Path]) -> WatchlistFile:
    """Read an OFAC CSV set: sdn.csv (or cons_prim.csv) and any companions given or beside it."""
    kinds = _with_companions(paths)
    aliases: dict[str, list[str]] = defaultdict(list)
    overflow: dict[str, str] = defaultdict(str)
    for path in (path for path, kind in kinds.items() if kind == "alt"):
        for _, row in _rows(path, "alt"):
            aliases[row[0]].append(uncomma(row[3]))
    for path in (path for path, kind in kinds.items() if kind == "comments"):
        for _, row in _rows(path, "comments"):
            overflow[row[0]] += row[1]
    log = ReadLog()
    entries: list[WatchlistEntry] = []
    skipped = 0
    seen: dict[str, str] = {}
    for path in (path for path, kind in kinds.items() if kind == "sdn"):
        for line, row in _rows(path, "sdn"):
            if row[0] in seen:
                problem = f"ent_num {row[0]} is listed twice (first at {seen[row[0]]})"
                raise WatchlistFormatError(path, problem, where=f"line {line}")
            seen[row[0]] = f"{path.name} line {line}"
            if row[2].casefold() != "individual":
                skipped += 1
                continue
            remarks = row[11] + overflow[row[0]]
            entry = _individual(row, aliases[row[0]], remarks, EntryDraft(row[0], log))
            if entry is None:
                skipped += 1
            else:
                entries.append(entry)
    return WatchlistFile(SOURCE_FORMAT, tuple(entries), skipped, log.warnings())


def _with_companions(paths: list[Path]) -> dict[Path, str]:
    """Each file's kind, with alt.csv and sdn_comments.csv beside an sdn.csv added."""
    kinds = {path: _kind_of(path) for path in paths}
    main = [path for path, kind in kinds.items() if kind == "sdn"]
    if not main:
        names = ", ".join(path.name for path in paths)
        raise WatchlistFormatError(paths[0], f"no sdn.csv among {names}; the others need it")
    for path in main:
        for name in _COMPANIONS.get(path.name.casefold(), ()):
            companion = _sibling(path, name)
            if companion is not None and companion not in kinds:
                kinds[companion] = _kind_of(companion)
    return kinds


def _individual(
    row: list[str], aliases: list[str], remarks: str, draft: EntryDraft
) -> WatchlistEntry | None:
    programs = [code for code in row[3].replace("[", "").split("]") if code.strip()]
    draft.category = program_category(programs)
    draft.add_name(uncomma(row[1]))
    for alias in aliases:
        draft.add_name(alias)
    facts = read_remarks(remarks)
    for name in facts.weak_aliases:
        draft.add_name(name, weak=True)
    for text in facts.birth_dates:
        draft.add_birth(text)
    for country in facts.countries:
        draft.add_country(country)
    draft.add_sex(facts.sex)
    for number in facts.documents:
        draft.add_document(number)
    draft.add_remark("Programs: " + ", ".join(clean(code) for code in programs))
    draft.add_remark(f"Title: {row[4]}" if row[4] else "")
    draft.add_remark(remarks)
    return draft.build()


def _rows(path: Path, kind: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cleaned cells with ``-0-`` made empty) for each row; bad rows raise."""
    reader = csv.reader(io.StringIO(_text(path)))
    width = _FIELDS[kind]
    for row in reader:
        if not row or row == [_EOF_MARK] or (len(row) == 1 and not row[0].strip()):
            continue
        cells = ["" if cell.strip() == NULL else cell.strip() for cell in row]
        if len(cells) != width:
            raise WatchlistFormatError(
                path,
                f"{len(cells)} fields where the OFAC {kind} file has {width}",
                where=f"line {reader.line_num}",
            )
        if not cells[0].isdigit():
            raise WatchlistFormatError(
                path, f"ent_num {cells[0]!r} is not a number", where=f"line {reader.line_num}"
            )
        yield reader.line_num, cells


def _text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        problem = f"the file is {size:,} bytes; the limit is {MAX_CSV_BYTES:,}"
        raise WatchlistFormatError(path, problem)
    return path.read_bytes().decode("latin-1")


def _kind_of(path: Path) -> str:
    with path.open(encoding="latin-1", newline="") as handle:
        first = next((line for line in handle if line.strip()), "")
    kind = file_kind(path, first)
    if kind is None:
        raise WatchlistFormatError(path, "not a file of the OFAC CSV set", where="line 1")
    return kind


def _sibling(path: Path, name: str) -> Path | None:
    for candidate in path.parent.iterdir():
        if candidate.name.casefold() == name and candidate.is_file():
            return candidate
    return None
