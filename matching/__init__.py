"""The matching engine: screens travellers against watchlist entries by name, date of birth,
nationality, sex and document number. Pure Python, no Qt, no database.

    from matching import compare, Screener, DEFAULT_THRESHOLD
    screener = Screener(entries)            # parses and indexes the list once
    hits = screener.screen(travellers)      # matches scoring >= the threshold
    compare(traveller, entry)               # one pair, always a Match (score may be 0)
"""

from matching.dates import PartialDate
from matching.model import ListedPerson, Match, Person, Reason
from matching.normalize import name_keys, normalize_name
from matching.score import DEFAULT_THRESHOLD, compare
from matching.screener import Screener

__all__ = [
    "DEFAULT_THRESHOLD",
    "ListedPerson",
    "Match",
    "PartialDate",
    "Person",
    "Reason",
    "Screener",
    "compare",
    "name_keys",
    "normalize_name",
]
