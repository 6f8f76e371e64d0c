"""Advance Passenger Information as UN/EDIFACT PAXLST (D02B, D05B) read into passenger records.

A file may hold one or more interchanges, with or without functional groups (UNG/UNE), each with
several messages (UNH ... UNT); the parts of a multi-part message are joined by flight in
whatever order they came. Oddities an officer should know of (wrong UNT counts, a CNT total that
disagrees, unreadable dates) become warnings; a file with no interchange, no message or no
flight, binary data, more than 10,000 travellers or over 50 MB is refused with the segment named.

DTM 189/232 give wall-clock times at the departure and arrival airports; they are returned in
UTC (see ``workstation.airports``); an airport whose zone is unknown is warned of and its times
taken as UTC.
"""

from __future__ import annotations

from pathlib import Path

from workstation.errors import InputFileError
from workstation.readers.edifact import Segment, tokenize
from workstation.readers.edifact_messages import iter_messages
from workstation.readers.interchange import EdifactError, has_interchange
from workstation.readers.paxlst_assembly import assemble
from workstation.readers.paxlst_message import TRAVELLER_ROLES, MessagePart, read_message
from workstation.readers.records import PassengerFile

MAX_TRAVELLERS = 10_000
_MASTER_LIST = "a master crew list (BGM 336), not a flight; skipped"


def looks_like_edifact(data: bytes) -> bool:
    """Whether ``data`` holds an EDIFACT interchange (possibly inside a Type-B telex envelope)."""
    return has_interchange(data)


def read_paxlst(path: Path) -> PassengerFile:
    """The flights and travellers of a PAXLST file; InputFileError when it cannot be read."""
    # Imported here: detect dispatches to this module, so a top-level import would be circular.
    from workstation.readers.detect import read_file_bytes

    data = read_file_bytes(path)
    try:
        tokens = tokenize(data)
        warnings = list(tokens.warnings)
        parts = _messages(list(tokens.segments), warnings)
        flights = assemble(parts, warnings)
    except EdifactError as exc:
        raise InputFileError(path, exc.problem, where=exc.where) from exc
    return PassengerFile(source_format="paxlst", flights=flights, warnings=tuple(warnings))


def _messages(segments: list[Segment], warnings: list[str]) -> list[MessagePart]:
    """Every PAXLST message of the file read into a part; other messages are noted and skipped."""
    parts: list[MessagePart] = []
    others: list[Segment] = []
    travellers = 0
    for message in iter_messages(segments, warnings):
        for segment in message:
            if segment.tag == "NAD" and segment.value(0).upper() in TRAVELLER_ROLES:
                travellers += 1
                if travellers > MAX_TRAVELLERS:
                    raise EdifactError(
                        f"more than {MAX_TRAVELLERS:,} travellers; split the file",
                        where=segment.where,
                    )
        _close(message, parts, others, warnings)
    master_lists = any(m.endswith(_MASTER_LIST) for m in warnings)
    if not parts and not others and not master_lists:
        raise EdifactError("the file holds no message (UNH)", where=segments[0].where)
    if not parts and others:
        kinds = sorted({unh.value(1) for unh in others})
        raise EdifactError(
            f"the messages are {', '.join(kinds)}, not passenger lists (PAXLST)",
            where=others[0].where,
        )
    return parts


def _close(
    message: list[Segment],
    parts: list[MessagePart],
    others: list[Segment],
    warnings: list[str],
) -> None:
    unh = message[0]
    if unh.value(1).upper() != "PAXLST":
        others.append(unh)
        warnings.append(f"{unh.where}: a {unh.value(1) or 'nameless'} message; skipped")
        return
    part = read_message(message)
    if part.list_code == "336":
        warnings.append(f"{unh.where}: {_MASTER_LIST}")
        return
    parts.append(part)
