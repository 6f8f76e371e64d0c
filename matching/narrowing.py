"""Narrowing the names seeding hands out to those whose score can reach their entry's threshold:
the bound of :mod:`matching.bound` taken per name, from the traveller's side (what each traveller
unit can add to and take from the name), then from the entry's side (what each of the name's own
units can get from any traveller unit), then with the weight of the pairs, not only their gains.
The candidate index (:mod:`matching.index`) seeds the names and scores only what passes here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.bound import NameRows, PerToken, SeedPlanner
from matching.evidence import DOB_EXACT, NATIONALITY_AGREES
from matching.evidence_arrays import EntryEvidence
from matching.lexicon import INITIAL_TOKEN_WEIGHT, PARTICLE_WEIGHT
from matching.model import Person
from matching.names import SURPLUS_COST
from matching.score import NAME_POINTS
from matching.vocabulary import KIND_INITIAL, KIND_PARTICLE, FrozenVocabulary, IntArray, distinct

BoolArray = npt.NDArray[np.bool_]

# the most of a name's weight a traveller particle takes, before the name is known: one particle or
# one initial of the name (AL ~ A)
_PARTICLE_TAKES = max(PARTICLE_WEIGHT, INITIAL_TOKEN_WEIGHT)


@dataclass(frozen=True, slots=True)
class Pairing:
    """The list units one traveller unit can pair with (sorted ids), the most each adds to the
    matched weight and each one's own weight; the most of either over all of them."""

    vocab: IntArray
    gains: npt.NDArray[np.float32]
    weights: npt.NDArray[np.float32]
    best: float
    top: float
    pair_weights: npt.NDArray[np.float32]  # each pair's weight, as compare_names weighs it


@dataclass(frozen=True, slots=True)
class Held:
    """The list names holding a unit a traveller unit can pair with (sorted positions), and per
    name the most that pairing adds to the matched weight and the heaviest such unit."""

    names: IntArray
    gains: npt.NDArray[np.float32]
    weights: npt.NDArray[np.float32]

    @property
    def nbytes(self) -> int:
        return int(self.names.nbytes + self.gains.nbytes + self.weights.nbytes)


def evidence_bonus(person: Person) -> float:
    """The most a traveller's date of birth and nationality can add to any pair's score."""
    bonus = DOB_EXACT if person.birth_date is not None else 0.0
    if person.nationality and person.nationality.strip():
        bonus += NATIONALITY_AGREES
    return bonus


class NameNarrowing:
    """The per-name passes of the bound over a list's names (see the module docstring)."""

    def __init__(
        self,
        vocab: FrozenVocabulary,
        evidence: EntryEvidence,
        name_limits: npt.NDArray[np.float32],
        max_unit_weight: float,
    ) -> None:
        self._vocab = vocab
        self._evidence = evidence
        self._name_limits = name_limits  # per name, its entry's threshold less the slack
        self._max_unit_weight = max_unit_weight  # the list's heaviest unit

    def survivors(
        self,
        names: IntArray,
        planner: SeedPlanner,
        held: list[Held],
        pairings: list[Pairing],
        person: Person,
        free_taken: float,
        initials: list[str],
        particles: list[str],
    ) -> IntArray:
        """The names of ``names`` whose bound reaches their entry's threshold, the bound now taken
        per name: from the traveller's side first (what each traveller unit can add to and take
        from it), then, for the names that pass, from the entry's side too (what each of its own
        units can get from any traveller unit); with the name's own weight and the entry's other
        evidence (``free_taken``: the most the traveller's titles can take from a name's weight;
        each of the traveller's ``initials`` (their letters) can take any word from the
        traveller's side, and from the entry's side the name's heaviest unit of its letter; each
        of its ``particles`` (their first letters) one particle or initial from the traveller's
        side, and from the entry's side the name's heaviest particle or initial of its letter).
        Per unit of ``planner``, in its order: ``pairings``, the list units it can pair with, and
        ``held``, the names holding them."""
        gained, pairable, left_t = self._traveller_side(names, planner, held)
        # an initial: any word; a particle: a particle or an initial
        most = free_taken + len(initials) * self._max_unit_weight + len(particles) * _PARTICLE_TAKES
        reach = self._reaching(names, gained, pairable, left_t, person, most)[0]
        names, gained, pairable, left_t = (
            names[reach],
            gained[reach],
            pairable[reach],
            left_t[reach],
        )
        if not len(names):
            return names
        # what each traveller unit covers of the traveller's words (their base weights)
        covers = [sum(planner.base[i] for i in u.parts) for u in planner.units]
        rows, (gained_e, pairable_e, covered_e, initials_e) = self._entry_side(
            names, pairings, covers, sum(planner.free), initials, particles
        )
        gained, pairable = np.minimum(gained, gained_e), np.minimum(pairable, pairable_e)
        left_t = np.maximum(left_t, sum(planner.base) - covered_e)
        taken = free_taken + initials_e
        reach, lost, evidence = self._reaching(names, gained, pairable, left_t, person, taken)
        rows = rows.of(reach)
        names, gained, lost, evidence = names[reach], gained[reach], lost[reach], evidence[reach]
        kept: IntArray = names[self._alike_enough(names, rows, gained, lost, evidence, planner)]
        return kept

    def _traveller_side(
        self, names: IntArray, planner: SeedPlanner, held: list[Held]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Per name, the most an alignment can gain, the most entry weight it can pair and the
        least traveller weight it leaves over, from what each traveller unit can pair with."""
        per_part = planner.free_rows(len(names))
        # Per traveller part, the most entry weight a unit covering it can pair with, split as
        # the unit's weight is: units of one alignment cover disjoint parts, so the sum over the
        # parts bounds the entry weight an alignment pairs (a compound and its own words are never
        # counted twice).
        taken = np.zeros((len(planner.base), len(names)))
        covered = np.zeros((len(planner.base), len(names)), dtype=bool)
        for bound, holding in zip(planner.units, held, strict=True):
            if not len(holding.names):  # none born near the traveller (CandidateIndex._names_of)
                continue
            at = np.searchsorted(holding.names, names)  # past the end: clipped to the last one
            mask = holding.names.take(at, mode="clip") == names
            gain = holding.gains.take(at, mode="clip") * mask
            weight = holding.weights.take(at, mode="clip") * mask
            for i in bound.parts:
                covered[i] |= mask
            bound.lift(per_part, gain)
            bound.lift(taken, weight)
        weights = np.array(planner.base)
        left_t = weights @ ~covered if len(weights) else np.zeros(len(names))
        return per_part.sum(axis=0), taken.sum(axis=0), left_t

    def _entry_side(
        self,
        names: IntArray,
        pairings: list[Pairing],
        covers: list[float],
        free: float,
        initials: list[str],
        particles: list[str],
    ) -> tuple[
        NameRows,
        tuple[
            npt.NDArray[np.float64],
            npt.NDArray[np.float64],
            npt.NDArray[np.float64],
            npt.NDArray[np.float64],
        ],
    ]:
        """Per name, the most an alignment can gain, the most of the name's weight it can pair
        and the most of the traveller's word weight it can pair, from the name's own tokens: an
        alignment pairs each of them once, through one of the name's units (the token, or a
        compound holding it), so a name gains at most, per token, the most any of its units can
        get from any traveller unit, shared out over the tokens a unit covers (one IVAN does not
        pay for both IVANO and YVANOV; ``free``: what the traveller's initials and particles
        add), and covers at most, per token, the traveller's words (``covers``, per traveller
        unit) of the heaviest traveller unit its units can pair with, shared out the same way
        (one MOHAMMED leaves MOHAMMED or MUHAMMAD of the traveller's over); and the most of the
        name's weight the traveller's ``initials`` and ``particles`` (their first letters) can
        take: per initial, the name's heaviest unit beginning with its letter, per particle its
        heaviest particle or initial of its letter (they pair with nothing else). With them, per
        traveller unit and unit of the names, what the pair can gain and its weight (see
        _alike_enough)."""
        held, lengths, parts = self._vocab.units_of(names)
        begins = np.cumsum(lengths) - lengths
        unit_weights = self._vocab.weights[held]
        taken = np.zeros(len(names))
        if initials or particles:
            letters = self._vocab.first_letter[held]
            for letter in initials:
                taken += np.maximum.reduceat(np.where(letters == letter, unit_weights, 0.0), begins)
            if particles:
                kinds = self._vocab.kind[held]
                particle, initial = kinds == KIND_PARTICLE, kinds == KIND_INITIAL
                for letter in particles:
                    takes = particle | (initial & (letters == letter))
                    taken += np.maximum.reduceat(np.where(takes, unit_weights, 0.0), begins)
        vocab = distinct(np.concatenate([p.vocab for p in pairings]))
        table = np.zeros((len(pairings), len(vocab)), dtype=np.float32)
        covering = np.zeros((len(pairings), len(vocab)), dtype=np.float32)
        pair_weights = np.zeros((len(pairings), len(vocab)), dtype=np.float32)
        for row, (pairing, cover) in enumerate(zip(pairings, covers, strict=True)):
            at = np.searchsorted(vocab, pairing.vocab)
            table[row, at] = pairing.gains
            covering[row, at] = cover
            pair_weights[row, at] = pairing.pair_weights
        at = np.searchsorted(vocab, held)
        at[at == len(vocab)] = 0
        pairs = vocab[at] == held
        gains = np.where(pairs, table.max(axis=0)[at], 0.0)
        covered = np.where(pairs, covering.max(axis=0)[at], 0.0)
        # An alignment pairs each of the name's base tokens once, through one unit: what a unit
        # gets is split over the tokens it covers (by their weights) and each token counts the
        # most any of its units gives it, so a compound and its own words, or two compounds
        # sharing an article (AL MASRI, AL MOHAMMED), are not counted twice.
        tokens = PerToken(parts, begins, unit_weights)
        rows = NameRows(table[:, at] * pairs, pair_weights[:, at] * pairs, begins, lengths)
        return rows, (
            np.add.reduceat(tokens.most(gains), begins) + free,
            np.add.reduceat(tokens.most(pairs, split=False) * unit_weights, begins),
            np.add.reduceat(tokens.most(covered), begins),
            taken,
        )

    def _lost(
        self,
        names: IntArray,
        pairable: npt.NDArray[np.float64],
        left_t: npt.NDArray[np.float64],
        free_taken: float | npt.NDArray[np.float64],
    ) -> npt.NDArray[np.float64]:
        """Per name, the least an alignment can lose to left-over tokens, given the least traveller
        weight it leaves over and the most entry weight it can pair (and ``free_taken``: the most
        of it the traveller's initials, particles and titles can take)."""
        left_e = np.maximum(self._vocab.name_weight[names] - pairable - free_taken, 0.0)
        # conflict + SURPLUS_COST * surplus grows with either side's left-over weight
        lost: npt.NDArray[np.float64] = np.minimum(left_t, left_e) + SURPLUS_COST * np.abs(
            left_t - left_e
        )
        return lost

    def _alike_enough(
        self,
        names: IntArray,
        rows: NameRows,
        gained: npt.NDArray[np.float64],
        lost: npt.NDArray[np.float64],
        evidence: npt.NDArray[np.float64],
        planner: SeedPlanner,
    ) -> BoolArray:
        """Which of ``names`` may reach their entry's threshold once the weight of the pairs is
        counted, not only what they gain (``gained``, ``lost``, ``evidence``: from _reaching).

        The scorer's name similarity is ``sum(s * w) / (sum(w) + lost)`` over the pairs of an
        alignment (similarity s, pair weight w), so it reaches a ratio rho exactly when the pairs'
        ``sum((s - rho) * w)`` reaches ``rho * lost``: a fuzzy pair adds its whole weight to the
        denominator but only part of it to the numerator, which the bound of the gain alone does
        not see. Per name, rho is the ratio its threshold needs with the other evidence and the
        distinctiveness at their most; the sum is bounded per traveller part, from the most any
        traveller unit covering it can add with any of the name's units (shared out as the unit's
        weight is, see :class:`matching.bound.UnitBound`) or, for an initial or a particle, what
        it can add at all."""
        scale = NAME_POINTS * np.sqrt(np.minimum(1.0, gained))
        rho = np.maximum((self._name_limits[names] - evidence) / np.maximum(scale, 1e-12), 0.0)
        most = rows.most_beyond(rho, planner)
        alike: BoolArray = most >= rho * lost - 1e-9
        return alike

    def _reaching(
        self,
        names: IntArray,
        gained: npt.NDArray[np.float64],
        pairable: npt.NDArray[np.float64],
        left_t: npt.NDArray[np.float64],
        person: Person,
        free_taken: float | npt.NDArray[np.float64],
    ) -> tuple[BoolArray, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """Which of ``names`` may reach their entry's threshold, given per name the most an
        alignment can gain, the most entry weight it can pair and the least traveller weight it
        leaves over; with, per name, the least it can lose to left-over tokens and the most its
        entry's other evidence adds (worked out for the names that reach)."""
        lost = self._lost(names, pairable, left_t, free_taken)
        ratio = gained / np.maximum(gained + lost, 1e-12)
        points = NAME_POINTS * ratio * np.sqrt(np.minimum(1.0, gained))
        limits = self._name_limits[names]
        # the other evidence (dates of birth above all) only for names it can lift that far
        reach = points + evidence_bonus(person) >= limits
        hope = np.flatnonzero(reach)
        evidence = np.zeros(len(names))
        if len(hope):  # for no name at all, most often
            evidence[hope] = self._evidence.points(self._vocab.name_entry[names[hope]], person)
            reach[hope] = points[hope] + evidence[hope] >= limits[hope]
        return reach, lost, evidence
