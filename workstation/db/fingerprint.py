"""A stable fingerprint of a watchlist entry's content, so versions compare by (source_id, print).

The fingerprint covers what screening and handling depend on: names, dates of birth, sex,
nationalities, documents, category and handling notes; for hand-made national lookouts also
their validity, source, reference and photo. Free-text remarks (a list's comments, which change
often without changing who is listed) are left out. Values are normalised first, so case,
spacing, Unicode composition and the order of aliases do not count as changes.

Migration 0002 fills the fingerprints of stored entries with this function: changing what it
computes needs a migration that recomputes them, or every entry will look changed.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# The fields a diff reports, in the order it reports them.
FIELDS = (
    "names",
    "dates",
    "sex",
    "nationalities",
    "documents",
    "category",
    "notes",
    "validity",
    "source",
    "reference",
    "photo",
)


@dataclass(frozen=True)
class EntryContent:
    """The compared content of one entry, as stored (lists of strings, ISO dates)."""

    names: tuple[str, ...]
    birth_dates: tuple[str, ...] = ()
    sex: str | None = None
    nationalities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    category: str = "other"
    handling_notes: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    source: str = ""
    reference: str = ""
    photo: str = ""  # "photo <id>": photos are stored once per content, so the id says which

    def shown(self) -> dict[str, tuple[str, ...]]:
        """Each field's values as written, for showing before and after."""
        validity: tuple[str, ...] = ()
        if self.valid_from or self.valid_until:
            validity = (_day(self.valid_from), _day(self.valid_until))
        return {
            "names": self.names,
            "dates": self.birth_dates,
            "sex": (self.sex,) if self.sex else (),
            "nationalities": self.nationalities,
            "documents": self.documents,
            "category": (self.category,),
            "notes": (self.handling_notes,) if self.handling_notes else (),
            "validity": validity,
            "source": (self.source,) if self.source else (),
            "reference": (self.reference,) if self.reference else (),
            "photo": (self.photo,) if self.photo else (),
        }

    def normalised(self) -> dict[str, tuple[str, ...]]:
        """Each field's values normalised; empty lookout-only fields are left out."""
        shown = self.shown()
        values = {
            "names": _set(_text(n).casefold() for n in self.names),
            "dates": _set(d.strip() for d in self.birth_dates),
            "sex": shown["sex"],
            "nationalities": _set(n.strip().upper() for n in self.nationalities),
            "documents": _set("".join(d.split()).upper() for d in self.documents),
            "category": (self.category.strip(),),
            "notes": (_text(self.handling_notes),) if self.handling_notes.strip() else (),
            "validity": shown["validity"],
            "source": (_text(self.source),) if self.source.strip() else (),
            "reference": (_text(self.reference),) if self.reference.strip() else (),
            "photo": shown["photo"],
        }
        core = FIELDS[:7]
        return {k: v for k, v in values.items() if k in core or v}

    def fingerprint(self) -> str:
        canonical = json.dumps(self.normalised(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def changed_fields(old: EntryContent, new: EntryContent) -> list[str]:
    """The fields whose normalised values differ, in :data:`FIELDS` order."""
    before, after = old.normalised(), new.normalised()
    return [f for f in FIELDS if before.get(f, ()) != after.get(f, ())]


def _text(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def _set(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({v for v in values if v}))


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""
