"""Distil rigour's Wikidata person-name groups into matching/data/name_groups.tsv.

A developer tool, run once; its output is committed. rigour (MIT, (c) OpenSanctions Datenbanken
GmbH) ships ``rigour/data/names/persons.txt``: one group of name variants per line,
``variant, variant, ... => Q-id``, drawn from Wikidata (CC0). Kept: single-word names with at least
one Latin form and one Cyrillic, Arabic or Greek form. Every form is folded with the engine's own
normalisation (:func:`matching.normalize.romanise` then :func:`~matching.normalize.skeleton`), so
the table holds the keys the engine looks names up by. Forms under 3 letters are dropped, groups
that fold to a single key add nothing and are dropped, and so are broad groups (over 30 keys).

    python benchmarks/distil_rigour_names.py /path/to/rigour-1.8.2-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching.normalize import romanise, skeleton, word_groups

_PERSONS = "rigour/data/names/persons.txt"
_LICENCE = "rigour-1.8.2.dist-info/licenses/LICENSE"
_DATA = Path(__file__).resolve().parent.parent / "matching" / "data"
_OTHER_SCRIPTS = frozenset({"CYRILLIC", "ARABIC", "GREEK"})
MIN_LETTERS = 3
MAX_KEYS = 30
_NOTE = """
---
matching/data/name_groups.tsv is distilled from rigour 1.8.2 (rigour/data/names/persons.txt,
https://github.com/opensanctions/rigour) by benchmarks/distil_rigour_names.py, under the MIT licence
above. The name variants themselves derive from Wikidata (https://www.wikidata.org), whose
structured data is released under CC0 1.0.
"""


def scripts_of(form: str) -> set[str]:
    """The scripts of a form's letters (LATIN, CYRILLIC, ARABIC, GREEK, ...)."""
    return {unicodedata.name(ch, " ").split(" ", 1)[0] for ch in form if ch.isalpha()}


def keys_of(form: str) -> set[str]:
    """The engine's skeleton keys of one single-word form; empty for short or multi-word forms."""
    pieces = word_groups(form)
    if len(pieces) != 1 or len(pieces[0]) != 1:
        return set()
    if sum(ch.isalpha() for ch in form) < MIN_LETTERS:
        return set()
    return {k for f in romanise(pieces[0][0]) if len(k := skeleton(f)) >= MIN_LETTERS}


def distil_line(line: str) -> list[str] | None:
    """The sorted keys of one persons.txt group, or None when the group is not kept."""
    variants, sep, _qid = line.rpartition("=>")
    if not sep:
        return None
    forms = [f.strip() for f in variants.split(",") if f.strip()]
    scripts = [scripts_of(f) for f in forms]
    if not any("LATIN" in s for s in scripts) or not any(s & _OTHER_SCRIPTS for s in scripts):
        return None
    keys: set[str] = set()
    for form in forms:
        keys |= keys_of(form)
    if len(keys) < 2 or len(keys) > MAX_KEYS:
        return None
    return sorted(keys)


def distil(wheel: Path) -> list[list[str]]:
    """The kept groups of the wheel's persons.txt, duplicates removed, in a stable order."""
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read(_PERSONS).decode("utf-8")
    seen: set[tuple[str, ...]] = set()
    groups: list[list[str]] = []
    for line in text.splitlines():
        keys = distil_line(line)
        if keys and tuple(keys) not in seen:
            seen.add(tuple(keys))
            groups.append(keys)
    return sorted(groups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="rigour-1.8.2-py3-none-any.whl")
    args = parser.parse_args()
    groups = distil(args.wheel)
    _DATA.mkdir(exist_ok=True)
    out = _DATA / "name_groups.tsv"
    out.write_text("".join("\t".join(g) + "\n" for g in groups), encoding="utf-8")
    with zipfile.ZipFile(args.wheel) as zf:
        licence = zf.read(_LICENCE).decode("utf-8")
    (_DATA / "LICENSE-rigour.txt").write_text(licence.rstrip() + "\n" + _NOTE, encoding="utf-8")
    print(f"{len(groups)} groups, {out.stat().st_size / 1e6:.2f} MB -> {out}")


if __name__ == "__main__":
    main()
