"""Collecting one listed person's details while a reader walks a record, and the reader's log.

Every list reader fills an ``EntryDraft`` and calls ``build``: names, dates, countries and
documents are cleaned and kept once each, in the order first met. Aliases a list marks as weak or
low-quality go after the others and are named in the remarks, since an entry has no per-name
quality. What cannot be read (a date, a country name) goes to the ``ReadLog`` as a warning.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from matching.countries import to_alpha3
from matching.dates import PartialDate
from watchlists.birth import parse_birth
from watchlists.cells import parse_sex
from watchlists.entry import WatchlistEntry
from watchlists.names import clean

MAX_WARNINGS = 100
_NO_COUNTRY = frozenset({"", "na", "n/a", "n.a.", "none", "unknown", "-0-"})


@dataclass
class ReadLog:
    """Warnings for one file: unreadable values, each once, and unknown countries with counts."""

    messages: list[str] = field(default_factory=list)
    unknown_countries: Counter[str] = field(default_factory=Counter)

    def warn(self, message: str) -> None:
        self.messages.append(message)

    def warnings(self) -> tuple[str, ...]:
        shown = self.messages[:MAX_WARNINGS]
        if len(self.messages) > MAX_WARNINGS:
            shown.append(f"... and {len(self.messages) - MAX_WARNINGS} more warnings")
        for name, count in sorted(self.unknown_countries.items()):
            times = f" ({count} times)" if count > 1 else ""
            shown.append(f"country not recognised, left out: {name!r}{times}")
        return tuple(shown)


def country_code(text: str) -> str | None:
    """The alpha-3 code for a country name or code, also ``"Korea, North"`` style; else None."""
    name = clean(text).strip(".")
    if name.casefold() in _NO_COUNTRY:
        return None
    code = to_alpha3(name)
    if code is None and name.count(",") == 1:
        head, tail = name.split(",")
        code = to_alpha3(f"{tail.strip()} {head.strip()}")
    return code


@dataclass
class EntryDraft:
    """One person's details as met in a record; ``build`` makes the entry."""

    entry_id: str
    log: ReadLog
    category: str = "other"
    names: list[str] = field(default_factory=list)
    weak_names: list[str] = field(default_factory=list)
    birth_dates: list[PartialDate] = field(default_factory=list)
    sex: str | None = None
    nationalities: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)

    def add_name(self, name: str | None, *, weak: bool = False) -> None:
        text = clean(name)
        if text:
            (self.weak_names if weak else self.names).append(text)

    def add_birth(self, text: str | None) -> None:
        """A birth date written as text (see ``watchlists.birth``); unreadable ones are logged."""
        value = clean(text)
        if not value:
            return
        try:
            self.birth_dates.extend(parse_birth(value))
        except ValueError:
            self.log.warn(f"{self.entry_id}: date of birth {value!r} not read")

    def add_dates(self, dates: tuple[PartialDate, ...] | list[PartialDate]) -> None:
        self.birth_dates.extend(dates)

    def add_country(self, text: str | None) -> None:
        value = clean(text)
        code = country_code(value)
        if code is not None:
            self.nationalities.append(code)
        elif value.casefold() not in _NO_COUNTRY:
            self.log.unknown_countries[value] += 1

    def add_sex(self, text: str | None) -> None:
        sex = parse_sex(clean(text))
        if sex is not None and self.sex is None:
            self.sex = sex

    def add_document(self, number: str | None) -> None:
        value = clean(number)
        if value:
            self.documents.append(value)

    def add_remark(self, text: str | None) -> None:
        value = clean(text)
        if value:
            self.remarks.append(value)

    def build(self) -> WatchlistEntry | None:
        """The entry, or None (logged) when the record names nobody."""
        names = _once(self.names)
        weak = [name for name in _once(self.weak_names) if name.casefold() not in _folded(names)]
        if not names and not weak:
            self.log.warn(f"{self.entry_id}: no name; left out")
            return None
        remarks = list(self.remarks)
        if weak:
            remarks.append("low-quality aliases: " + "; ".join(weak))
        return WatchlistEntry(
            entry_id=self.entry_id,
            names=tuple(names + weak),
            birth_dates=tuple(dict.fromkeys(self.birth_dates)),
            sex=self.sex,
            nationalities=tuple(dict.fromkeys(self.nationalities)),
            documents=tuple(_once(self.documents)),
            category=self.category,
            remarks="\n".join(remarks),
        )


def _folded(names: list[str]) -> set[str]:
    return {name.casefold() for name in names}


def _once(values: list[str]) -> list[str]:
    """The values without repeats, ignoring case; the first spelling is kept."""
    seen: set[str] = set()
    kept = []
    for value in values:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return kept
