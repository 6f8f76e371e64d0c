"""One score 0-100 per traveller/entry pair, with its reasons.

    score = 85 * name similarity * name distinctiveness
            + date of birth (+15 exact ... -40 decades apart) + nationality (+3 / -4) + sex (-15)
    an equal document number adds 25 and lifts the score to at least 90.

Guide: same name and same date of birth ~95-100; same name, no date on the list ~80-85 (less
for a name made only of common tokens); a clear date conflict pulls a same-name pair well under
the threshold. :data:`DEFAULT_THRESHOLD` is the one alert threshold; lists may set their own.
"""

from __future__ import annotations

from collections.abc import Iterable

from matching.evidence import (
    DOCUMENT_FLOOR,
    birth_date_reason,
    document_reason,
    nationality_reason,
    sex_reason,
)
from matching.model import ListedPerson, Match, Person, Reason
from matching.names import NameResult, Pairable, compare_names
from matching.rarity import DEFAULT_RARITY, Rarity
from matching.units import ParsedName, parse_fields, parse_name

# Alert at or above this score. A name that agrees fully but is contradicted by a date of birth
# two or more years away stays below it; an exact name with no other evidence (85) and a
# near-exact name with an agreeing year of birth stay above it.
DEFAULT_THRESHOLD = 75.0
# Thresholds are at least this: a pair the candidate index does not hand out scores 0.
MIN_THRESHOLD = 1.0
NAME_POINTS = 85.0


def parse_traveller(traveller: Person) -> ParsedName:
    """The traveller's name from the surname and given-names fields."""
    return parse_fields(traveller.surname, traveller.given_names)


def _best_name(
    parsed: ParsedName, names: Iterable[str], rarity: Rarity, pairable: Pairable | None
) -> tuple[str, NameResult | None]:
    best: tuple[str, NameResult | None] = ("", None)
    best_points = -1.0
    for name in names:
        result = compare_names(parsed, parse_name(name), rarity, pairable)
        points = result.similarity * result.distinctiveness
        if points > best_points:
            best, best_points = (name, result), points
    return best


def score_pair(
    traveller: Person,
    entry: ListedPerson,
    *,
    rarity: Rarity = DEFAULT_RARITY,
    parsed: ParsedName | None = None,
    pairable: Pairable | None = None,
    names: Iterable[str] | None = None,
) -> Match:
    """Score a pair with the given token weights (``parsed``: the traveller's name, if known;
    ``pairable``: what the candidate index knows its words can pair with, see
    :func:`matching.names.compare_names`; ``names``: the entry's names to compare, None for all
    of them: a screener leaves out those the index found cannot reach its threshold, which
    cannot be the best name of a pair that reaches it)."""
    match = score_reaching(
        traveller, entry, 0.0, rarity=rarity, parsed=parsed, pairable=pairable, names=names
    )
    assert match is not None  # every score reaches 0
    return match


def score_reaching(
    traveller: Person,
    entry: ListedPerson,
    threshold: float,
    *,
    rarity: Rarity = DEFAULT_RARITY,
    parsed: ParsedName | None = None,
    pairable: Pairable | None = None,
    names: Iterable[str] | None = None,
) -> Match | None:
    """The pair's match as :func:`score_pair` gives it if it scores ``threshold`` or more, else
    None (a screener drops those: their reasons are not worked out)."""
    parsed = parsed if parsed is not None else parse_traveller(traveller)
    name, result = _best_name(parsed, entry.names if names is None else names, rarity, pairable)
    doc = document_reason(traveller.documents, entry.documents)
    if result is None or (result.similarity <= 0.0 and doc is None):
        if threshold > 0.0:
            return None
        detail = "no name of the entry agrees closely with the traveller's"
        reason = Reason("name", "different", parsed.text, name, detail)
        return Match(traveller.key, entry.key, 0.0, name, (reason,))
    points = NAME_POINTS * result.similarity * result.distinctiveness
    others = [birth_date_reason(traveller.birth_date, entry.birth_dates)]
    for extra in (
        nationality_reason(traveller.nationality, entry.nationalities),
        sex_reason(traveller.sex, entry.sex),
    ):
        if extra.verdict != "unknown":
            others.append(extra)
    score = points + sum(r.weight for r in others)
    if doc is not None:
        others.append(doc)
        score = max(score + doc.weight, DOCUMENT_FLOOR)
    score = round(min(100.0, max(0.0, score)), 1)
    if score < threshold:
        return None
    reasons = (*result.reasons(points), *others)
    return Match(traveller.key, entry.key, score, name, reasons)


def compare(traveller: Person, entry: ListedPerson) -> Match:
    """Score one traveller against one entry with built-in token weights (always a Match)."""
    return score_pair(traveller, entry)
