"""OpenSanctions entities in FollowTheMoney JSON lines: one ``{"id", "schema", "properties"}``.

Read line by line (``stream_ftm``), so a large export is never held whole. Entities of schema
``Person`` become entries; all others are counted as skipped. Properties used: name, alias,
firstName, middleName, lastName (joined), weakAlias (low-quality), birthDate (``1970``,
``1970-05``, ``1970-05-02``), nationality and citizenship (ISO alpha-2 codes), passportNumber and
idNumber, gender, topics (``crime.terror`` is terrorism, ``wanted`` a wanted person) and notes.
A line that is not a JSON object with an id, a schema and properties is an error naming the line.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from watchlists.draft import EntryDraft, ReadLog
from watchlists.entry import WatchlistEntry, WatchlistFile
from watchlists.errors import WatchlistFormatError
from watchlists.names import joined
from watchlists.stream import EntryStream, ReadState, file_size

SOURCE_FORMAT = "ftm-json"
_PERSON = "Person"


def read_ftm(path: Path) -> WatchlistFile:
    """Read a FollowTheMoney JSON-lines file; WatchlistFormatError naming a bad line."""
    return stream_ftm(path).collect()


def stream_ftm(path: Path) -> EntryStream:
    """The file's persons, read line by line as they are iterated."""
    return EntryStream(SOURCE_FORMAT, file_size(path), lambda state: _persons(path, state))


def _persons(path: Path, state: ReadState) -> Iterator[WatchlistEntry]:
    log = ReadLog()
    seen: set[str] = set()
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            state.bytes_read += len(raw)
            line = _decoded(path, number, raw)
            if not line.strip():
                continue
            entity_id, schema, properties = _entity(path, number, line)
            if entity_id in seen:
                problem = f"entity {entity_id} appears twice"
                raise WatchlistFormatError(path, problem, where=f"line {number}")
            seen.add(entity_id)
            entry = _person(properties, EntryDraft(entity_id, log)) if schema == _PERSON else None
            if entry is None:
                state.skipped += 1
            else:
                yield entry
    state.warnings = log.warnings()


def _decoded(path: Path, number: int, raw: bytes) -> str:
    if number == 1 and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem = "not UTF-8 text (FollowTheMoney exports are UTF-8)"
        raise WatchlistFormatError(path, problem, where=f"line {number}") from exc


def _entity(path: Path, number: int, line: str) -> tuple[str, str, dict[str, list[str]]]:
    where = f"line {number}"
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise WatchlistFormatError(path, f"not valid JSON ({exc.msg})", where=where) from exc
    if not isinstance(data, dict):
        raise WatchlistFormatError(path, "not a JSON object", where=where)
    entity_id, schema, properties = data.get("id"), data.get("schema"), data.get("properties")
    if not isinstance(entity_id, str) or not entity_id or not isinstance(schema, str):
        raise WatchlistFormatError(path, "an entity without an id or schema", where=where)
    if not isinstance(properties, dict):
        raise WatchlistFormatError(path, f"entity {entity_id} has no properties", where=where)
    values = {
        key: [str(v) for v in value if isinstance(v, str | int)]
        for key, value in properties.items()
        if isinstance(value, list)
    }
    return entity_id, schema, values


def _person(properties: dict[str, list[str]], draft: EntryDraft) -> WatchlistEntry | None:
    def values(key: str) -> list[str]:
        return properties.get(key, [])

    for name in values("name") + values("alias"):
        draft.add_name(name)
    parts = (
        values(key)[0] if values(key) else "" for key in ("firstName", "middleName", "lastName")
    )
    draft.add_name(joined(*parts))
    for name in values("weakAlias"):
        draft.add_name(name, weak=True)
    for text in values("birthDate"):
        draft.add_birth(text)
    for code in values("nationality") + values("citizenship"):
        draft.add_country(code)
    for number in values("passportNumber") + values("idNumber"):
        draft.add_document(number)
    for gender in values("gender"):
        draft.add_sex(gender)
    topics = set(values("topics"))
    if "crime.terror" in topics:
        draft.category = "terrorism"
    elif "wanted" in topics:
        draft.category = "wanted_person"
    for note in values("notes"):
        draft.add_remark(note)
    return draft.build()
