"""The candidate index: built once from the entries, it hands the screener only the entries that
share a key with a traveller, so nobody is compared with the whole list.

Keys per token (see :mod:`matching.units`): its skeletons and their one-letter deletions (so any
two tokens one edit apart, and most two edits apart, meet), its name-variant group, the prefixes
of its skeletons (so a truncated traveller token finds the full one), and each document number.
A pair without a shared key scores 0 by construction (:func:`matching.names.compare_names`), so
the index loses nothing that could alert.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from matching.evidence import document_key
from matching.units import ParsedName

_DOC_MIN_LEN = 5


def _doc_keys(documents: Sequence[str]) -> set[str]:
    keys = {document_key(d) for d in documents}
    return {f"N:{k}" for k in keys if len(k) >= _DOC_MIN_LEN}


class CandidateIndex:
    """Key -> positions of the entries holding it."""

    def __init__(self) -> None:
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._size = 0

    def add(self, names: Sequence[ParsedName], documents: Sequence[str]) -> int:
        """Index one entry; returns its position."""
        position = self._size
        self._size += 1
        keys: set[str] = _doc_keys(documents)
        for name in names:
            keys |= name.index_keys
        for key in keys:
            self._postings[key].append(position)
        return position

    def __len__(self) -> int:
        return self._size

    @property
    def key_count(self) -> int:
        return len(self._postings)

    def lookup(self, name: ParsedName, documents: Sequence[str]) -> set[int]:
        """Positions of the entries sharing at least one key with the traveller."""
        keys = name.query_keys | _doc_keys(documents)
        found: set[int] = set()
        for key in keys:
            hits = self._postings.get(key)
            if hits:
                found.update(hits)
        return found
