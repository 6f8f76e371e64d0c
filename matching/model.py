"""The plain values the matching engine takes and gives. No Qt, no database."""

from __future__ import annotations

from dataclasses import dataclass, field

from matching.dates import PartialDate


@dataclass(frozen=True, slots=True)
class Person:
    """A traveller as the screener sees one: names as received, other evidence if known.

    ``key`` is the caller's own identifier (a database id, a manifest row), handed back in matches.
    ``nationality`` is ISO 3166 alpha-3 (or an ICAO code such as ``D`` or ``RKS``).
    """

    key: str
    surname: str
    given_names: str = ""
    birth_date: PartialDate | None = None
    sex: str | None = None  # "M", "F" or None
    nationality: str | None = None
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListedPerson:
    """A watchlist entry as the screener sees one.

    ``names`` holds the primary name first, then aliases, each as one full name in any script
    and any order of surname and given names (lists differ). Several dates of birth are possible.
    """

    key: str
    names: tuple[str, ...]
    birth_dates: tuple[PartialDate, ...] = ()
    sex: str | None = None
    nationalities: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reason:
    """One piece of the explanation shown to an officer.

    ``field`` is one of ``name``, ``birth_date``, ``nationality``, ``sex``, ``document``.
    ``verdict`` is a short machine word (``exact``, ``variant``, ``fuzzy``, ``initial``,
    ``missing``,
    ``year_only``, ``day_month_swap``, ``one_year_off``, ``conflict``, ``match``, ``unknown``,
    and so on).
    ``traveller_part`` and ``entry_part`` are the two values compared, as written, so the
    review pane can highlight them; ``detail`` is a human sentence in English.
    ``weight`` is the signed contribution of this piece to the score.
    """

    field: str
    verdict: str
    traveller_part: str
    entry_part: str
    detail: str
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class Match:
    """A scored pair: traveller key, entry key, score 0-100, the reasons, the entry name used."""

    traveller_key: str
    entry_key: str
    score: float
    matched_name: str
    reasons: tuple[Reason, ...] = field(default=())

    def summary(self) -> str:
        """One line for CSV files and logs: ``name:exact JOVANOVIC; birth_date:exact``."""
        return "; ".join(f"{r.field}:{r.verdict} {r.detail}".strip() for r in self.reasons)
