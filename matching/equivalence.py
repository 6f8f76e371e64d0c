"""Name equivalences from Wikidata, distilled from rigour (see data/LICENSE-rigour.txt).

``data/name_groups.tsv`` holds about 50,000 groups of single-word person names, each seen in
Wikidata in Latin and in Cyrillic, Arabic or Greek script, as the engine's skeleton keys (one group
a line, keys tab-separated; built by ``benchmarks/distil_rigour_names.py``). Two keys in one group
are the same name, like two spellings in :mod:`matching.variants`.

The hand-written groups stay authoritative: a table group touching two of them would join names
known to differ (IVAN and IVANA) and is left out; a group touching one adds its spellings to it
(GIORGOS, CONSTANTINE join DJORDJE and KONSTANTIN). Groups touching none are left out by default
(``JOIN_NEW``): a name the scorer knows counts as *different* from every other known name, and with
50,000 Wikidata names a typo or a cut-short name (FAHIMA for FATIMA, SLOBODA for SLOBODAN) too
often is one, which cost 1.5 points of recall on benchmarks/matching_quality.py. Short keys and keys
in many groups (SIN, LIN, CAN: romanised Chinese syllables) are ambiguous and are left out too.

The file is read on first use, not on ``import matching``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

TABLE_PATH = Path(__file__).parent / "data" / "name_groups.tsv"
MIN_KEY = 4  # shorter keys join only through the hand-written groups
MAX_GROUPS_PER_KEY = 3  # a key in more table groups than this is ambiguous
JOIN_NEW = False  # groups touching no hand-written group (see the module notes)
TABLE_PREFIX = "+"  # table group names: "+" and the group's first key


def read_table(path: Path = TABLE_PATH) -> list[list[str]]:
    """The groups of a name-group table file, each a list of keys."""
    with path.open(encoding="utf-8") as fh:
        return [keys for line in fh if len(keys := line.split()) > 1]


def build_table(
    groups: Iterable[list[str]], hand_written: Mapping[str, str], join_new: bool = JOIN_NEW
) -> dict[str, frozenset[str]]:
    """Key -> names of its groups: table groups merged under the hand-written ones.

    ``hand_written`` maps spellings and skeletons of the hand-written table to their group.
    """
    groups = list(groups)
    seen: dict[str, int] = {}
    for keys in groups:
        for key in keys:
            seen[key] = seen.get(key, 0) + 1
    table: dict[str, set[str]] = {}
    for keys in groups:
        heads = {hand_written[k] for k in keys if k in hand_written}
        if len(heads) > 1:
            continue  # would join two names known to differ
        kept = [
            k
            for k in keys
            if k not in hand_written and len(k) >= MIN_KEY and seen[k] <= MAX_GROUPS_PER_KEY
        ]
        if len(heads) != 1 and not (join_new and len(kept) > 1):
            continue
        name = heads.pop() if heads else TABLE_PREFIX + kept[0]
        for key in kept:
            table.setdefault(key, set()).add(name)
    return {k: frozenset(v) for k, v in table.items()}


def table_groups(table: Mapping[str, frozenset[str]], keys: Iterable[str]) -> frozenset[str]:
    """The table groups of a token with these spellings and skeletons."""
    found: set[str] = set()
    for key in keys:
        found |= table.get(key, frozenset())
    return frozenset(found)
