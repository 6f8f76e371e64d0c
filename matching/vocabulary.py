"""The list side of the candidate index, held in compact arrays rather than per-entry objects.

Every distinct *unit* of the list's names (a token, or a compound such as ``AL MASRI``, see
:mod:`matching.units`) gets a vocabulary id. Arrays hold, per name, its entry and the weight of its
tokens; per vocabulary id, the names holding it (postings, CSR layout); per name, the ids of its
units (one per unit: a name holding MOHAMMED twice holds its id twice); per index key (a 64-bit
hash of the key string), the vocabulary ids under it. Keys are looked up per distinct traveller
word, not per entry, so a list of a million names costs a few tens of MB of arrays.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.likeness import suffix_masks
from matching.normalize import make_token
from matching.rarity import Rarity
from matching.units import consonants, entry_keys, unit_specs

IntArray = npt.NDArray[Any]  # int32 positions (int64 for key hashes)
BoolArray = npt.NDArray[np.bool_]
INITIAL_KEY = "I:"  # entry initials are keyed by their letter: M. finds MARKO
_SLICED = 16  # postings of up to this many units are sliced and joined, more are gathered


def key_hash(key: str) -> int:
    """The 64-bit hash the key arrays hold (stable within one process, which is all they need)."""
    return hash(key)


class Vocabulary:
    """Distinct units of a list's names, their postings and their index keys."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.texts: list[str] = []
        self._name_entry = array("i")
        self._post_vocab = array("i")
        self._post_name = array("i")
        self._base_vocab = array("i")
        self._base_name = array("i")
        self._name_units = array("i")
        self._unit_parts = array("b")  # per unit of a name, its parts (see PARTS_KEPT)
        self._name_sizes = array("i")
        self.skeleton_counts: Counter[str] = Counter()
        self.names = 0

    def _id(self, text: str) -> int:
        vid = self._ids.get(text)
        if vid is None:
            vid = self._ids[text] = len(self.texts)
            self.texts.append(text)
        return vid

    def add_entry(self, position: int, names: Sequence[str]) -> None:
        """Add the names of the entry at ``position`` (entries are added in order)."""
        skeletons: set[str] = set()
        for name in names:
            specs, base = unit_specs(name)
            units = [self._id(spec[0]) for spec in specs]
            vids = set(units)
            for text, merged, _, _ in specs[:base]:
                skeletons |= merged.skeletons
                self._base_vocab.append(self._id(text))
                self._base_name.append(self.names)
            self._name_entry.append(position)
            self._name_units.extend(units)
            self._unit_parts.extend(_PLAIN * base)
            for _, _, parts, _ in specs[base:]:
                self._unit_parts.extend(_kept_parts(parts))
            self._name_sizes.append(len(units))
            self._post_vocab.extend(vids)
            self._post_name.extend([self.names] * len(vids))
            self.names += 1
        self.skeleton_counts.update(skeletons)

    def freeze(self, rarity: Rarity) -> FrozenVocabulary:
        """The arrays the index searches (the build lists are released)."""
        frozen = FrozenVocabulary(self, rarity)
        for name in (
            "_post_vocab",
            "_post_name",
            "_base_vocab",
            "_base_name",
            "_name_units",
            "_unit_parts",
            "_name_sizes",
        ):
            setattr(self, name, array("i"))
        self._ids.clear()
        return frozen


def _merged_text(text: str) -> str:
    return text.replace(" ", "")


class FrozenVocabulary:
    """Read-only arrays built from a :class:`Vocabulary`."""

    def __init__(self, vocab: Vocabulary, rarity: Rarity) -> None:
        texts = vocab.texts
        # Strings are held in fixed-width arrays, not as str objects: reading a str object
        # writes its reference count, and a worker process forked to screen (see
        # :mod:`matching.parallel`) then copies the page the object sits on; the list's units
        # lie scattered over the heap, so a few thousand reads copied a few thousand pages. An
        # item read from an array is a new str.
        self.texts = strings(texts)
        self.merged = strings([_merged_text(t) for t in texts])
        self.name_entry = np.frombuffer(vocab._name_entry, dtype=np.int32).copy()
        post_vocab = np.frombuffer(vocab._post_vocab, dtype=np.int32)
        post_name = np.frombuffer(vocab._post_name, dtype=np.int32)
        order = np.argsort(post_vocab, kind="stable")
        self.postings = post_name[order]
        self.name_units = np.frombuffer(vocab._name_units, dtype=np.int32).copy()
        parts = np.frombuffer(vocab._unit_parts, dtype=np.int8)
        self.unit_parts = parts.reshape(-1, PARTS_KEPT).copy()
        self.name_ptr = np.zeros(vocab.names + 1, dtype=np.int64)
        np.cumsum(np.frombuffer(vocab._name_sizes, dtype=np.int32), out=self.name_ptr[1:])
        counts = np.bincount(post_vocab, minlength=len(texts))
        self.indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.indptr[1:])
        self.weights = np.array(
            [sum(rarity.token_weight(make_token(p)) for p in t.split(" ")) for t in texts],
            dtype=np.float64,
        )
        base_vocab = np.frombuffer(vocab._base_vocab, dtype=np.int32)
        base_name = np.frombuffer(vocab._base_name, dtype=np.int32)
        # Per name, the weight of its base tokens (what is left over when nothing matches).
        self.name_weight = np.bincount(
            base_name, weights=self.weights[base_vocab], minlength=vocab.names
        )
        keyed = _key_arrays(texts)
        self.key_hashes, self.key_ptr, self.key_vocab, skeletons, named, firsts, kinds = keyed
        # Per unit, the first letter of its merged form: what a traveller's initial pairs with
        self.first_letter = strings(firsts)
        # Per unit, whether it is one initial (KIND_INITIAL) or one particle (KIND_PARTICLE): what
        # a traveller's particle pairs with (an initial only if of its first letter)
        self.kind = np.frombuffer(kinds, dtype=np.int8).copy()
        # Per unit: whether it is a known name (in a name-variant group).
        self.named = np.array(named, dtype=bool)
        # Per compound unit, the particles among its tokens, one bit each (see _particle_masks)
        self.particle_texts, self.particles = _particle_masks(texts)
        # Per unit its skeletons and their consonant skeletons, flat (CSR): the fuzzy bounds
        # of :func:`matching.likeness.paired_fuzzy_bounds` take them as they are.
        lengths = np.array([len(s) for s in skeletons], dtype=np.int64)
        self.skeleton_ptr = np.zeros(len(skeletons) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.skeleton_ptr[1:])
        flat = [k for keys in skeletons for k in keys]
        self.skeleton_text = strings(flat)
        self.skeleton_consonants = strings([consonants(k) for k in flat])
        self.skeleton_size = np.array([len(k) for k in flat], dtype=np.int16)
        self.skeleton_suffixes = suffix_masks(flat)

    def skeleton_spans(self, vids: IntArray) -> tuple[IntArray, IntArray]:
        """Where the skeletons of units ``vids`` lie in the flat skeleton arrays
        (``skeleton_text``, ``skeleton_consonants``, ``skeleton_size``, ``skeleton_suffixes``),
        side by side in the order of ``vids``, and how many each unit has."""
        starts = self.skeleton_ptr[vids]
        lengths = self.skeleton_ptr[vids + 1] - starts
        return spans(starts, lengths), lengths

    def posting(self, vid: int) -> IntArray:
        return self.postings[self.indptr[vid] : self.indptr[vid + 1]]

    def union_max(
        self,
        vids: IntArray,
        gains: npt.NDArray[np.float32],
        weights: npt.NDArray[np.float32],
        keep: Callable[[IntArray], BoolArray] | None = None,
    ) -> tuple[IntArray, npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Sorted positions of the names holding any of ``vids`` (only those ``keep`` says yes to,
        if given), and per name the largest of ``gains`` and of ``weights`` over the ids it
        holds."""
        starts, stops = self.indptr[vids], self.indptr[vids + 1]
        lengths = stops - starts
        if len(vids) == 1:
            names = self.postings[int(starts[0]) : int(stops[0])]
            if keep is not None:
                names = names[keep(names)]
            return names, np.full(len(names), gains[0]), np.full(len(names), weights[0])
        if len(vids) <= _SLICED:
            names = np.concatenate(
                [self.postings[a:b] for a, b in zip(starts.tolist(), stops.tolist(), strict=True)]
            )
        else:  # many postings: one gather instead of a slice each
            names = self.postings[spans(starts, lengths)]
        gain = np.repeat(gains, lengths)
        weight = np.repeat(weights, lengths)
        if keep is not None:  # before sorting: the sort is most of the cost
            kept = keep(names)
            names, gain, weight = names[kept], gain[kept], weight[kept]
        # sorted with each one's position in the low half: np.sort of 64-bit numbers is
        # vectorised where argsort and stable sorts are not (a quarter less time here)
        keys = names.astype(np.int64) << 32 | np.arange(len(names), dtype=np.int64)
        keys.sort()
        order = keys & 0xFFFFFFFF
        names = (keys >> 32).astype(names.dtype)
        first = run_starts(names)
        if len(first) == len(names):
            return names, gain[order], weight[order]
        return (
            names[first],
            np.maximum.reduceat(gain[order], first),
            np.maximum.reduceat(weight[order], first),
        )

    def units_of(self, names: IntArray) -> tuple[IntArray, IntArray, npt.NDArray[np.int8]]:
        """The units of each of ``names`` (names that postings hand out: each holds at least one),
        flat, how many each name has (side by side in the flat array), and per unit its kept
        parts (see :data:`PARTS_KEPT`)."""
        starts = self.name_ptr[names]
        lengths = self.name_ptr[names + 1] - starts
        at = spans(starts, lengths)
        return self.name_units[at], lengths, self.unit_parts[at]

    def vocab_under(self, keys: list[str]) -> tuple[IntArray, IntArray]:
        """The vocabulary ids indexed under ``keys`` (an id once per key it is under) and the
        position in ``keys`` of the key each was found under."""
        hashes = np.fromiter((key_hash(k) for k in keys), dtype=np.int64, count=len(keys))
        if not len(self.key_hashes):
            return self.key_vocab[:0], np.zeros(0, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.key_hashes, hashes), len(self.key_hashes) - 1)
        starts = self.key_ptr[at]
        counts = np.where(self.key_hashes[at] == hashes, self.key_ptr[at + 1] - starts, 0)
        which = np.repeat(np.arange(len(keys)), counts)
        return self.key_vocab[spans(starts, counts)], which


def run_starts(values: IntArray) -> IntArray:
    """Where each run of equal neighbours in ``values`` starts (its first position)."""
    starts: IntArray = np.flatnonzero(values[1:] != values[:-1]) + 1
    return np.concatenate((np.zeros(min(1, len(values)), dtype=starts.dtype), starts))


def distinct(values: IntArray) -> IntArray:
    """The distinct ``values``, sorted (``np.sort``'s vectorised default, then the first of each
    run: quicker than ``np.unique`` and than a stable sort merging concatenated postings, on the
    sizes screening sees)."""
    ordered = np.sort(values)
    found: IntArray = ordered[run_starts(ordered)]
    return found


# Per unit of a name, the positions among the name's base tokens (its first units) of the tokens it
# covers, -1 where there are fewer: a compound's (AL MASRI, ABD AL RAHMAN). A plain token has none
# kept (it stands where its own position is) and neither has a compound of more tokens, or of one
# past what int8 holds: it stands for itself (see NameNarrowing._entry_side).
PARTS_KEPT = 3
_PART_MAX = 127


_PLAIN = array("b", (-1,) * PARTS_KEPT)


def _kept_parts(parts: frozenset[int]) -> tuple[int, ...]:
    """The kept parts of a compound (see PARTS_KEPT)."""
    kept = sorted(parts)
    if len(kept) > PARTS_KEPT or kept[-1] >= _PART_MAX:
        return (-1,) * PARTS_KEPT
    return (*kept, *(-1,) * (PARTS_KEPT - len(kept)))


KIND_INITIAL, KIND_PARTICLE = 1, 2  # FrozenVocabulary.kind of a unit that is one such token
_KINDS = {"initial": KIND_INITIAL, "particle": KIND_PARTICLE}

_WIDEST = 48  # longer texts (a malformed list row) keep str objects: a fixed width costs per item


def strings(items: list[str]) -> npt.NDArray[Any]:
    """``items`` in a fixed-width string array (as str objects where one is longer than
    ``_WIDEST`` characters, so one odd row does not widen them all)."""
    if any(len(item) > _WIDEST for item in items):
        return np.array(items, dtype=object)
    return np.array(items, dtype=str) if items else np.zeros(0, dtype="<U1")


def spans(starts: IntArray, lengths: IntArray) -> IntArray:
    """The positions starts[k] .. starts[k] + lengths[k] - 1 of every k, in one array."""
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))


_PARTICLE_BITS = 64


def _particle_masks(texts: list[str]) -> tuple[list[str], npt.NDArray[np.uint64]]:
    """The distinct particles found in the compound units of ``texts`` (the first 64), and per
    unit a mask with the bit of each of them it holds (0 for units that are not compounds)."""
    bits: dict[str, int] = {}
    masks = np.zeros(len(texts), dtype=np.uint64)
    for vid, text in enumerate(texts):
        if " " not in text:
            continue
        mask = 0
        for token in text.split(" "):
            if make_token(token).kind != "particle":
                continue
            bit = bits.setdefault(token, len(bits))
            if bit < _PARTICLE_BITS:
                mask |= 1 << bit
        masks[vid] = mask
    return list(bits)[:_PARTICLE_BITS], masks


def _key_arrays(
    texts: list[str],
) -> tuple[
    IntArray, IntArray, npt.NDArray[np.int32], list[list[str]], list[bool], list[str], array[int]
]:
    """The distinct key hashes (sorted) and where the vocabulary ids under each start (CSR, one
    more than the hashes), those ids, each unit's skeletons (sorted), whether each is a known
    name, the first letter of each one's merged form and each one's kind (see KIND_INITIAL)."""
    hashes = array("q")
    vocab = array("i")
    kinds = array("b")
    skeletons: list[list[str]] = []
    named: list[bool] = []
    firsts: list[str] = []
    for vid, text in enumerate(texts):
        merged = make_token(_merged_text(text))
        tokens = text.split(" ")
        skeletons.append(sorted(merged.skeletons))
        named.append(bool(merged.groups))
        firsts.append(merged.display[:1])
        kinds.append(_KINDS.get(merged.kind, 0) if len(tokens) == 1 else 0)
        if len(tokens) == 1 and merged.kind == "initial":
            keys: Iterable[str] = (INITIAL_KEY + merged.display[:1],)
        elif len(tokens) == 1 and merged.kind != "word":
            continue
        else:
            keys = entry_keys(merged)
        for key in keys:
            hashes.append(key_hash(key))
            vocab.append(vid)
    h = np.frombuffer(hashes, dtype=np.int64)
    v = np.frombuffer(vocab, dtype=np.int32)
    order = np.argsort(h, kind="stable")
    h = h[order]
    starts = run_starts(h)
    ptr = np.append(starts, len(h)).astype(np.int32 if len(h) < 2**31 else np.int64)
    return h[starts], ptr, v[order], skeletons, named, firsts, kinds
