"""Column profiles: how a sender's manifest columns map to our fields, chosen once by a user.

A profile is keyed by the file's header row (its first non-blank row), folded as
``watchlists.table.head_key`` does, so the next file with the same header is read the same way
without asking. Profiles are kept as JSON beside the settings (``manifest_profiles.json`` in the
configuration folder); a missing or unreadable file means no profiles.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from watchlists.errors import WatchlistFormatError
from watchlists.table import head_key, read_head
from workstation.config import Settings
from workstation.readers.manifest import MAPPABLE_FIELDS, NAME_FIELDS, read_manifest
from workstation.readers.records import FlightRecord, PassengerFile

PROFILES_FILE = "manifest_profiles.json"


@dataclass(frozen=True)
class ColumnProfile:
    header: tuple[str, ...]  # the header row's cells, folded (see ``head_key``)
    columns: Mapping[int, str] = field(default_factory=dict)  # column position -> field
    source: str = ""  # who sends files like this, or the file the profile was made from
    saved_at: str = ""  # ISO time, UTC


def profiles_file() -> Path:
    """Beside the settings file, in the platform's configuration folder."""
    return Settings.path().with_name(PROFILES_FILE)


def load_profiles(path: Path | None = None) -> list[ColumnProfile]:
    """The saved profiles; entries that are not well formed are left out."""
    try:
        raw = json.loads((path or profiles_file()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    entries = raw.get("profiles") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        return []
    return [p for p in map(_profile, entries) if p is not None]


def _profile(entry: Any) -> ColumnProfile | None:
    if not isinstance(entry, dict):
        return None
    header, columns = entry.get("header"), entry.get("columns")
    if not isinstance(header, list) or not all(isinstance(h, str) for h in header):
        return None
    if not isinstance(columns, dict):
        return None
    try:
        mapping = {int(k): v for k, v in columns.items() if v in MAPPABLE_FIELDS}
    except ValueError:
        return None
    if not set(NAME_FIELDS) & set(mapping.values()):
        return None
    source, saved = entry.get("source"), entry.get("saved_at")
    return ColumnProfile(
        tuple(header),
        mapping,
        source if isinstance(source, str) else "",
        saved if isinstance(saved, str) else "",
    )


def save_profile(
    header: tuple[str, ...], columns: Mapping[int, str], source: str, path: Path | None = None
) -> ColumnProfile:
    """Keep ``columns`` for files whose header row folds to ``head_key(header)``; a profile
    for the same header is replaced. Written atomically."""
    target = path or profiles_file()
    profile = ColumnProfile(
        head_key(header),
        dict(sorted(columns.items())),
        source,
        datetime.now(UTC).isoformat(timespec="seconds"),
    )
    kept = [p for p in load_profiles(target) if p.header != profile.header] + [profile]
    data = {
        "profiles": [
            {
                "header": list(p.header),
                "columns": {str(k): v for k, v in p.columns.items()},
                "source": p.source,
                "saved_at": p.saved_at,
            }
            for p in kept
        ]
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(target)
    return profile


def profile_for(file: Path, path: Path | None = None) -> ColumnProfile | None:
    """The saved profile whose header is the file's first non-blank row, if any."""
    profiles = load_profiles(path)
    if not profiles:
        return None
    try:
        key = read_head(file).key
    except WatchlistFormatError:
        return None
    return next((p for p in profiles if p.header == key), None)


def read_with_profile(
    file: Path, path: Path | None = None, *, flight: FlightRecord | None = None
) -> PassengerFile | None:
    """The manifest read with its saved profile, or None when no profile fits its header
    (``flight``: for the rows that name none)."""
    profile = profile_for(file, path)
    if profile is None:
        return None
    return read_manifest(file, mapping=profile.columns, flight=flight)
