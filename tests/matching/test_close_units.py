"""Looking up a block of traveller words at once finds, for each, what looking it up alone finds,
and never misses a list unit the exact comparison pairs it with."""

from __future__ import annotations

from matching.close_units import Close, CloseUnits
from matching.names import _similarity, anchored
from matching.rarity import Rarity
from matching.score import parse_traveller
from matching.units import Unit, parse_name
from matching.vocabulary import FrozenVocabulary, Vocabulary
from tests.matching.test_screener import generated


def _setup() -> tuple[FrozenVocabulary, list[Unit], dict[str, Unit]]:
    entries, travellers = generated(seed=5, n_entries=300, n_travellers=300)
    vocab = Vocabulary()
    for position, entry in enumerate(entries):
        vocab.add_entry(position, entry.names)
    frozen = vocab.freeze(Rarity(vocab.skeleton_counts, len(entries)))
    words = {u.text: u for t in travellers for u in parse_traveller(t).units if u.kind == "word"}
    listed = {u.text: u for e in entries for n in e.names for u in parse_name(n).units}
    return frozen, list(words.values()), listed


def _as_dict(close: Close) -> dict[int, tuple[float, bool]]:
    vids, sims, initials = close
    assert len(set(vids.tolist())) == len(vids)  # each list unit once
    return {
        v: (s, i) for v, s, i in zip(vids.tolist(), sims.tolist(), initials.tolist(), strict=True)
    }


def test_a_block_finds_for_each_word_what_the_word_alone_finds() -> None:
    vocab, units, _ = _setup()
    close = CloseUnits(vocab)
    together = close.find(units)
    assert len(units) > 100
    assert sum(len(c[0]) for c in together) > len(units)
    for unit, found in zip(units, together, strict=True):
        assert _as_dict(found) == _as_dict(close.find([unit])[0]), unit.text
    assert close.find([]) == []


def test_every_list_unit_a_scored_pair_can_align_is_found() -> None:
    # compare_names aligns a fuzzy pair only where the two share an index key (anchored)
    vocab, units, listed = _setup()
    found = [_as_dict(c) for c in CloseUnits(vocab).find(units)]
    pairs = 0
    for unit, close in zip(units, found, strict=True):
        for vid, text in enumerate(vocab.texts.tolist()):
            theirs = listed[text]
            sim, verdict = _similarity(unit.merged.text, theirs.merged.text)
            if sim > 0.0 and (verdict != "fuzzy" or anchored(unit, theirs)):
                pairs += 1
                assert vid in close, (unit.text, text)
                assert close[vid][0] >= sim - 1e-9, (unit.text, text)
    assert pairs > len(units)
