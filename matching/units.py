"""A parsed name as the comparer sees it: its tokens plus *compounds* (tokens that may be written as
one word elsewhere: AL + MASRI = ALMASRI, O'CONNOR = OCONNOR, ABD AL RAHMAN = ABDALRAHMAN), and
the index keys of each, which decide whether two names may be compared at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from matching.normalize import Token, make_token, name_tokens

_ABD_HEADS = frozenset(
    {"ABD", "ABDUL", "ABDEL", "ABDAL", "ABDOUL", "ABDOL", "ABDU", "ABDE", "ABDUR", "ABDI"}
)
TRUNCATED_MIN = 5  # a token cut by MRZ truncation keeps at least this many letters as written
PREFIX_MIN = 4  # ... and at least this many in its skeleton
_DELETION_MIN = 4  # tokens this long or longer are keyed by their one-letter deletions too
_CONSONANT_MIN = 3  # consonant skeletons this long are keys, and their deletions when longer
_VOWELS = frozenset("AEIOU")


@dataclass(frozen=True, slots=True)
class Unit:
    """A token, or a compound of neighbouring tokens, of one name.

    ``parts`` are the indices of the base tokens it covers (one for a plain token); ``tokens`` are
    those base tokens; ``merged`` is the compound romanised as one word (the token itself if plain).
    ``keys`` are shared by any two units that may match closely (same skeleton, one edit apart, same
    name group); ``prefix_keys`` let a truncated traveller token find its entry token. The keys are
    worked out when first asked for (per merged text, cached): most list names scored never need
    theirs, and a parsed name kept in a cache does not hold hundreds of key strings.
    """

    text: str
    merged: Token
    parts: frozenset[int]
    tokens: tuple[Token, ...]

    @property
    def kind(self) -> str:
        return self.merged.kind if len(self.tokens) == 1 else "word"

    @property
    def keys(self) -> frozenset[str]:
        return _token_keys(self.merged.text)[0]

    @property
    def prefix_keys(self) -> frozenset[str]:
        return _token_keys(self.merged.text)[1]

    @property
    def query_prefix_keys(self) -> frozenset[str]:
        return _token_keys(self.merged.text)[2]


@dataclass(frozen=True, slots=True)
class ParsedName:
    """All units of a name: base tokens first (``parts`` = {i}), then compounds."""

    text: str
    units: tuple[Unit, ...]
    base_count: int

    @property
    def base(self) -> tuple[Unit, ...]:
        return self.units[: self.base_count]

    @property
    def index_keys(self) -> frozenset[str]:
        """What an entry name is indexed under (computed on demand: hundreds of strings)."""
        return frozenset().union(*(u.keys | u.prefix_keys for u in self.units))

    @property
    def query_keys(self) -> frozenset[str]:
        """What a traveller's name is looked up by."""
        return frozenset().union(*(u.keys | u.query_prefix_keys for u in self.units))


@lru_cache(maxsize=200_000)
def consonants(s: str) -> str:
    """A skeleton's first letter and its other consonants: MARYAM -> MRM, OEZTUERK -> OZTRK."""
    return s[:1] + "".join(ch for ch in s[1:] if ch not in _VOWELS)


def _keys(tok: Token) -> frozenset[str]:
    if tok.kind not in ("word",):
        return frozenset()
    keys: set[str] = {f"G:{g}" for g in tok.groups}
    for s in tok.skeletons | tok.alt_skeletons:
        keys.add(f"D:{s}")
        if len(s) >= _DELETION_MIN:
            keys.update(f"D:{s[:i]}{s[i + 1 :]}" for i in range(len(s)))
        c = consonants(s)
        if len(c) >= _CONSONANT_MIN:
            keys.add(f"C:{c}")
            if len(c) > _CONSONANT_MIN:
                keys.update(f"C:{c[:i]}{c[i + 1 :]}" for i in range(1, len(c)))
    for f in tok.forms:  # a typo inside a digraph (KHALIL, KAHLIL) moves the skeleton two edits
        if len(f) > _DELETION_MIN:
            keys.update(f"F:{f[:i]}{f[i + 1 :]}" for i in range(len(f)))
    return frozenset(keys)


def _spellings(tok: Token) -> frozenset[str]:
    return tok.skeletons | frozenset(tok.forms)


def _prefix_keys(tok: Token) -> frozenset[str]:
    if tok.kind != "word":
        return frozenset()
    return frozenset(f"P:{s[:k]}" for s in _spellings(tok) for k in range(PREFIX_MIN, len(s)))


def _query_prefix_keys(tok: Token) -> frozenset[str]:
    if tok.kind != "word" or len(tok.display) < TRUNCATED_MIN:
        return frozenset()
    return frozenset(f"P:{s}" for s in _spellings(tok) if len(s) >= PREFIX_MIN)


def is_truncation(a: Token, b: Token) -> bool:
    """Whether traveller token ``a`` may be entry token ``b`` cut short (MRZ truncation)."""
    if len(a.display) < TRUNCATED_MIN or a.groups:
        return False
    return _truncates(a.text, b.text)


@lru_cache(maxsize=50_000)
def _sorted_spellings(text: str) -> tuple[str, ...]:
    return tuple(sorted(_spellings(make_token(text)), key=len))


def _truncates(a_text: str, b_text: str) -> bool:
    longer = _sorted_spellings(b_text)
    for x in _sorted_spellings(a_text):  # plain loops: this runs for most pairs scored
        n = len(x)
        if n >= PREFIX_MIN:
            for y in longer:
                if len(y) > n and y.startswith(x):
                    return True
    return False


@lru_cache(maxsize=200_000)
def _token_keys(text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    tok = make_token(text)
    return _keys(tok), _prefix_keys(tok), _query_prefix_keys(tok)


def entry_keys(merged: Token) -> frozenset[str]:
    """What an entry unit with this merged token is indexed under (keys and prefix keys)."""
    return _keys(merged) | _prefix_keys(merged)  # not cached: each list unit is keyed once


def _compounds(groups: list[list[tuple[int, Token]]]) -> list[tuple[tuple[int, Token], ...]]:
    """Index/token tuples to glue: hyphenated words, a particle with any other word, ABD + next."""
    out: list[tuple[tuple[int, Token], ...]] = []
    flat = [it for g in groups for it in g]
    for g in groups:
        if len(g) > 1:
            out.append(tuple(g))
    pairs = {frozenset(k for k, _ in c) for c in out if len(c) == 2}
    for i, tok in flat:
        if tok.kind != "particle":
            continue
        for j, other in flat:
            if other.kind == "word" and i != j and (key := frozenset((i, j))) not in pairs:
                out.append(((i, tok), (j, other)))
                pairs.add(key)
    for pos, (i, tok) in enumerate(flat):
        if tok.display in _ABD_HEADS and pos + 1 < len(flat):
            nxt = flat[pos + 1]
            if nxt[1].kind == "particle" and pos + 2 < len(flat):
                out.append(((i, tok), nxt, flat[pos + 2]))
            elif nxt[1].kind == "word":
                out.append(((i, tok), nxt))
    return out


# A unit before its keys are computed: text, merged token, parts (base token indices), tokens.
UnitSpec = tuple[str, Token, frozenset[int], tuple[Token, ...]]


def unit_specs(*fields: str) -> tuple[list[UnitSpec], int]:
    """The units of a name given in one or more fields, base tokens first, and their number.

    Compounds never span two fields, so swapping the fields changes nothing; particle compounds
    ignore word order."""
    groups: list[list[tuple[int, Token]]] = []
    fields_of: list[list[list[tuple[int, Token]]]] = []
    n = 0
    for field_text in fields:
        field_groups: list[list[tuple[int, Token]]] = []
        for g in name_tokens(field_text):
            field_groups.append([(n + k, t) for k, t in enumerate(g)])
            n += len(g)
        fields_of.append(field_groups)
        groups.extend(field_groups)
    specs: list[UnitSpec] = [(t.text, t, frozenset({i}), (t,)) for g in groups for i, t in g]
    seen: set[frozenset[int]] = set()
    for field_groups in fields_of:
        for combo in _compounds(field_groups):
            parts = frozenset(i for i, _ in combo)
            if parts in seen:
                continue
            seen.add(parts)
            tokens = tuple(t for _, t in combo)
            merged = make_token("".join(t.text for t in tokens))
            specs.append((" ".join(t.text for t in tokens), merged, parts, tokens))
    return specs, n


@lru_cache(maxsize=50_000)
def parse_fields(*fields: str) -> ParsedName:
    """Parse a name given in one or more fields (surname, given names), see :func:`unit_specs`."""
    specs, n = unit_specs(*fields)
    units = [Unit(text, merged, parts, tokens) for text, merged, parts, tokens in specs]
    return ParsedName(" ".join(fields), tuple(units), n)


@lru_cache(maxsize=100_000)
def parse_name(text: str) -> ParsedName:
    """Parse one full name as a list writes it (cached)."""
    return parse_fields(text)
