"""Screening many travellers in forked worker processes gives what one process gives."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from matching import Match, Screener
from matching.parallel import PARALLEL_MIN, can_fork, chunk_bounds
from tests.matching.test_screener import generated

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked (Linux)")

N_TRAVELLERS = PARALLEL_MIN + 1000


@pytest.fixture(scope="module")
def single() -> tuple[Screener, list[Match]]:
    entries, travellers = generated(seed=11, n_entries=400, n_travellers=N_TRAVELLERS)
    return Screener(entries), Screener(entries).screen(travellers, workers=1)


@pytest.mark.parametrize("workers", [2, 3])
def test_forked_workers_find_the_same_matches_in_the_same_order(
    single: tuple[Screener, list[Match]], workers: int
) -> None:
    screener, expected = single
    _, travellers = generated(seed=11, n_entries=400, n_travellers=N_TRAVELLERS)
    calls: list[tuple[int, int]] = []
    workers_seen: list[int] = []

    def progress(done: int, total: int, _: str) -> None:
        calls.append((done, total))
        workers_seen.append(len(multiprocessing.active_children()))

    found = screener.screen(travellers, progress=progress, workers=workers)
    assert len(expected) > 100
    assert found == expected
    assert max(workers_seen) == workers - 1  # this process screens too
    assert calls[-1] == (N_TRAVELLERS, N_TRAVELLERS)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert multiprocessing.active_children() == []


def test_should_stop_terminates_the_workers_and_returns_what_was_done(
    single: tuple[Screener, list[Match]],
) -> None:
    screener, expected = single
    _, travellers = generated(seed=11, n_entries=400, n_travellers=N_TRAVELLERS)
    asked: list[float] = []

    def stop() -> bool:
        asked.append(time.monotonic())
        return len(asked) >= 3

    partial = screener.screen(travellers, should_stop=stop, workers=2)
    assert len(partial) < len(expected)
    assert all(m in expected for m in partial)
    assert multiprocessing.active_children() == []


def test_few_travellers_are_screened_in_this_process() -> None:
    entries, travellers = generated(n_travellers=50)
    seen: list[int] = []
    Screener(entries).screen(
        travellers,
        progress=lambda *_: seen.append(len(multiprocessing.active_children())),
        workers=2,
    )
    assert seen and max(seen) == 0


@pytest.mark.parametrize(("total", "workers"), [(1, 2), (2000, 2), (20_000, 2), (4321, 3)])
def test_chunks_cover_every_traveller_once_in_order(total: int, workers: int) -> None:
    bounds = chunk_bounds(total, workers)
    covered = [i for start, stop in bounds for i in range(start, stop)]
    assert covered == list(range(total))
    assert len(bounds) >= min(total, 2 * workers)


def test_chunks_get_smaller_towards_the_end() -> None:
    sizes = [stop - start for start, stop in chunk_bounds(20_000, 2)]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == 100
    assert max(sizes[-10:]) == 20
