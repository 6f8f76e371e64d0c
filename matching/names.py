"""Name comparison: align the tokens of a traveller's name with those of one entry name, in any
order, and give a 0..1 similarity with one :class:`Reason` per aligned or left-over token.

Token pairs are graded exact > variant (another romanisation, the name-variant table) > particle
(an Arabic article dropped) > truncated (a token cut short, as MRZ does) > fuzzy (typos, on
skeletons, vowel differences counting half) > initial. Two tokens that both are known given names
of *different* groups (MARKO, MARIJA) never count as a fuzzy match.

Each token weighs by its rarity; the similarity is the weighted share of agreeing tokens, where a
token left over on one side only (a missing middle name) costs little and a token on each side
that disagree (a different given name) cost fully. A name pair is *anchored* when an aligned pair
shares an index key; without an anchor the similarity is 0, so the candidate index never misses a
pair that could score.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from matching.model import Reason
from matching.normalize import Token, make_token
from matching.rarity import Rarity
from matching.units import ParsedName, Unit, is_truncation

FUZZY_FLOOR = 0.75  # below this a token pair does not count as matching
FUZZY_GRADE = 1.0  # a fuzzy pair counts its similarity times this
SURPLUS_COST = 0.15  # what a token present on one side only costs, relative to its weight
DISTINCT_WEIGHT = 1.0  # matched weight at which a name is fully distinctive
_VOWELS = frozenset("AEIOU")
# Surname endings (as skeletons) that make different surnames look alike; longest first.
SURNAME_SUFFIXES = ("OVSKI", "EVSKI", "OVIC", "EVIC", "OSKI", "SKI", "SKA",
                    "OVA", "EVA", "IC", "OV", "EV")  # fmt: skip
SUFFIX_SHARE = 0.3

_GRADES = {"exact": 1.0, "variant": 0.96, "name_table": 0.93, "particle": 0.9, "truncated": 0.9}
_INITIAL = 0.8
_INITIAL_WEIGHT = 0.4  # an initial carries this share of its pair weight


@dataclass(frozen=True, slots=True)
class NameResult:
    """The outcome of comparing two names; ``points`` are filled in by the scorer."""

    similarity: float
    distinctiveness: float
    anchored: bool
    # traveller unit, entry unit, similarity, verdict, pair weight
    pairs: tuple[tuple[Unit, Unit, float, str, float], ...]
    extra_traveller: tuple[tuple[str, float], ...]
    extra_entry: tuple[tuple[str, float], ...]
    conflict: float
    surplus: float

    def reasons(self, points: float) -> list[Reason]:
        """Reasons whose weights add up to the name's ``points``: agreeing pairs share what a name
        without left-over tokens would get, left-over tokens carry the difference, negative."""
        gained = sum(s * w for _, _, s, _, w in self.pairs) or 1.0
        possible = sum(w for *_, w in self.pairs) or 1.0
        lost = self.conflict + SURPLUS_COST * self.surplus
        full = points * (possible + lost) / possible
        out = [
            Reason("name", verdict, t.text, e.text, _detail(verdict, t, e), full * s * w / gained)
            for t, e, s, verdict, w in self.pairs
        ]
        verdict = "conflict" if self.conflict else "missing"
        both = bool(self.extra_traveller and self.extra_entry)
        extras = (*self.extra_traveller, *self.extra_entry)
        shared = sum(_share(w, both) for _, w in extras) or 1.0
        for text, w in self.extra_traveller:
            cost = (points - full) * _share(w, both) / shared
            out.append(Reason("name", verdict, text, "", f"{text} not in the entry name", cost))
        for text, w in self.extra_entry:
            cost = (points - full) * _share(w, both) / shared
            detail = f"{text} not in the traveller's name"
            out.append(Reason("name", verdict, "", text, detail, cost))
        return out


def _share(weight: float, both: bool) -> float:
    return weight if both else SURPLUS_COST * weight


def _detail(verdict: str, t: Unit, e: Unit) -> str:
    a, b = t.merged.display, e.merged.display
    texts = {
        "exact": a,
        "variant": f"{a} ~ {b}, another spelling",
        "name_table": f"{a} ~ {b}, variants of one name",
        "particle": f"{a} ~ {b}, with or without the article",
        "truncated": f"{a} ~ {b}, traveller's name cut short",
        "fuzzy": f"{a} ~ {b}, similar spelling",
        "initial": f"{a} ~ {b}, initial",
    }
    return texts.get(verdict, verdict)


@lru_cache(maxsize=200_000)
def _consonants(s: str) -> str:
    return s[:1] + "".join(ch for ch in s[1:] if ch not in _VOWELS)


def strippable(skeleton: str, suffix: str) -> bool:
    """Whether ``skeleton`` ends with ``suffix`` and keeps two letters more without it."""
    return len(skeleton) > len(suffix) + 1 and skeleton.endswith(suffix)


def _stems(a: str, b: str) -> tuple[str, str, int]:
    """Both skeletons without the first surname suffix (-OVIC, -SKI, -OV...) both can drop, and
    its length."""
    for suffix in SURNAME_SUFFIXES:
        if strippable(a, suffix) and strippable(b, suffix):
            n = len(suffix)
            return a[:-n], b[:-n], n
    return a, b, 0


@lru_cache(maxsize=500_000)
def fuzzy(a: str, b: str) -> float:
    """Similarity of two skeletons: edit distance (a swap of neighbours is one edit) with
    vowel-only differences counting half, a shared surname suffix counting only 30 %, so that
    VUJOVIC and VUKOVIC are not alike; 0 when under :data:`FUZZY_FLOOR`."""
    if a == b:
        return 1.0
    a, b, suffix = _stems(a, b)
    longest = max(len(a), len(b)) + SUFFIX_SHARE * suffix
    budget = (1.0 - FUZZY_FLOOR) * longest
    if abs(len(a) - len(b)) > 2 * budget:
        return 0.0
    limit = int(2 * budget) + 1
    cons = OSA.distance(_consonants(a), _consonants(b), score_cutoff=limit)
    full = OSA.distance(a, b, score_cutoff=limit)
    cost = min(full, cons + 0.5 * max(0, full - cons))
    similarity = 1.0 - cost / longest
    return similarity if similarity >= FUZZY_FLOOR else 0.0


def _gender_pair(man: Token, woman: Token) -> bool:
    """IVAN / IVANA, JOVAN / JOVANA, DRAGAN / DRAGANA: a known man's name and the woman's name
    made from it (LJILJAN, not a known name, is rather LJILJANA cut short)."""
    return bool(man.groups) and any(
        len(x) >= 3 and y == x + "A" for x in man.skeletons for y in woman.skeletons
    )


def token_similarity(t: Unit, e: Unit) -> tuple[float, str]:
    """How alike a traveller unit and an entry unit are, and the verdict word."""
    return _similarity(t.merged.text, e.merged.text)


@lru_cache(maxsize=250_000)
def _similarity(a_text: str, b_text: str) -> tuple[float, str]:
    a, b = make_token(a_text), make_token(b_text)
    if a.kind == "initial" or b.kind == "initial":
        if a.kind != b.kind and b.display[:1] == a.display[:1]:
            return _INITIAL, "initial"
        return (1.0, "exact") if a.display == b.display else (0.0, "different")
    if (a.kind == "particle") != (b.kind == "particle"):
        return 0.0, "different"
    if not set(a.forms).isdisjoint(b.forms):
        return _GRADES["exact"], "exact" if a.display == b.display else "variant"
    if a.skeletons & b.skeletons:
        return _GRADES["variant"], "variant"
    if a.groups & b.groups:
        return _GRADES["name_table"], "name_table"
    if a.groups and b.groups:  # two known, different names: MARKO is not MARIJA
        return 0.0, "different"
    if _gender_pair(a, b) or _gender_pair(b, a):
        return 0.0, "different"
    if (a.skeletons | a.alt_skeletons) & (b.skeletons | b.alt_skeletons):
        return _GRADES["particle"], "particle"
    if is_truncation(a, b):
        return _GRADES["truncated"], "truncated"
    best = max((fuzzy(x, y) for x in a.skeletons for y in b.skeletons), default=0.0)
    if best >= FUZZY_FLOOR:
        return best * FUZZY_GRADE, "fuzzy"
    return 0.0, "different"


def anchored(t: Unit, e: Unit) -> bool:
    """Whether the pair shares an index key (see :mod:`matching.index`)."""
    return bool(t.keys & e.keys or t.query_prefix_keys & e.prefix_keys)


def _any_anchor(traveller: ParsedName, entry: ParsedName) -> bool:
    return any(anchored(t, e) for t in traveller.units for e in entry.units)


# Entry units whose merged token is of these kinds carry index keys (matching.vocabulary): the
# candidate index knows every one of them a traveller word can pair with (see Pairable).
_KEYED_KINDS = frozenset({"word", "initial"})

# Per traveller unit, the texts of the list units it can pair with (None: not known, compare all).
# The index finds them through the keys they share with the traveller unit: a traveller word and
# a list word found there are anchored (for word units, the index keys are the keys anchored()
# compares, up to a collision of 64-bit key hashes).
Pairable = tuple[frozenset[str] | None, ...]


def compare_names(
    traveller: ParsedName,
    entry: ParsedName,
    rarity: Rarity,
    pairable: Pairable | None = None,
) -> NameResult:
    """Align the two names and grade them.

    ``pairable`` (from :meth:`matching.index.CandidateIndex.pairable`) lets a screener skip the
    pairs of a traveller word and a keyed entry unit the index found could never pair (their
    similarity is 0): the result is the same, found sooner."""
    options: list[tuple[float, float, str, str, int, int, str, bool]] = []
    mine = [
        (t.merged.text, rarity.unit_weight(t), t.merged.kind == "word") for t in traveller.units
    ]
    for j, e in enumerate(entry.units):
        theirs, e_weight = e.merged.text, rarity.unit_weight(e)
        keyed = pairable if e.merged.kind in _KEYED_KINDS else None
        e_word = e.merged.kind == "word"
        for i, (text, t_weight, t_word) in enumerate(mine):
            # a pair of words the index found through a shared key is anchored (see Pairable)
            shares_key = False
            if keyed is not None:
                known = keyed[i]
                if known is not None:
                    if e.text not in known:
                        continue
                    shares_key = t_word and e_word
            sim, verdict = _similarity(text, theirs)
            if sim <= 0.0:
                continue
            t = traveller.units[i]
            if verdict == "fuzzy" and not shares_key and not anchored(t, e):
                continue
            w = (t_weight + e_weight) / 2
            if verdict == "initial":
                w *= _INITIAL_WEIGHT
            options.append((-sim, -w, t.text, e.text, i, j, verdict, shares_key))
    options.sort()
    used_t: set[int] = set()
    used_e: set[int] = set()
    pairs: list[tuple[Unit, Unit, float, str, float]] = []
    is_anchored = False
    for neg_sim, neg_w, _, _, i, j, verdict, shares_key in options:
        t, e = traveller.units[i], entry.units[j]
        if t.parts & used_t or e.parts & used_e:
            continue
        used_t |= t.parts
        used_e |= e.parts
        pairs.append((t, e, -neg_sim, verdict, -neg_w))
        is_anchored = is_anchored or shares_key or anchored(t, e)
    if not is_anchored and not _any_anchor(traveller, entry):
        return _grade([], (), (), False)
    extra_t = tuple((u.text, rarity.unit_weight(u)) for u in traveller.base if not u.parts & used_t)
    extra_e = tuple((u.text, rarity.unit_weight(u)) for u in entry.base if not u.parts & used_e)
    return _grade(pairs, extra_t, extra_e, is_anchored)


def _grade(
    pairs: list[tuple[Unit, Unit, float, str, float]],
    extra_t: tuple[tuple[str, float], ...],
    extra_e: tuple[tuple[str, float], ...],
    is_anchored: bool,
) -> NameResult:
    gained = sum(s * w for _, _, s, _, w in pairs)
    possible = sum(w for *_, w in pairs)
    wt, we = sum(w for _, w in extra_t), sum(w for _, w in extra_e)
    conflict, surplus = min(wt, we), abs(wt - we)
    denominator = possible + conflict + SURPLUS_COST * surplus
    similarity = gained / denominator if denominator and is_anchored else 0.0
    distinct = min(1.0, gained / DISTINCT_WEIGHT) ** 0.5
    return NameResult(
        similarity, distinct, is_anchored, tuple(pairs), extra_t, extra_e, conflict, surplus
    )
