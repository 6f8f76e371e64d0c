"""Screening a large batch of travellers in worker processes.

Where processes fork (Linux), the workers are forked after the index is built, so they share it
copy-on-write instead of building it again; this process screens too. Each takes a range of
travellers (a *chunk*) at a time, and the matches of each range are put back in traveller order.
Where they cannot fork (Windows, macOS), or inside a daemonic process, :func:`can_fork` says no
and the caller screens in one process: a spawned worker would have to rebuild or unpickle the
whole index.

Objects alive when the workers fork are frozen out of the garbage collector (see
:mod:`matching.collector`), so a collection in a worker does not write to, and so copy, every page
of the parent's heap. The processes still copy much of it: reading an object writes its reference
count, and screening reads the parent's objects all over its heap (the tokens of the list's words
that pairing and scoring compare, the entries scored). A worker screening 10,000 travellers at
1,000,000 names copied 670 MiB of the parent's pages, against some 320 MiB of objects of its own;
filling the parent's free object slots before forking changed nothing, and caches without LRU
bookkeeping saved only 70 MiB of it; slots on the engine's value classes (entries, dates, tokens,
parsed names) saved 137 MiB over both processes (1,901 against 2,038 MiB, proportional set size, at
20,000 travellers), the heap they read being that much smaller. A page copied is copied once, by
whichever process writes it first: with this process screening beside one worker, 20,000
travellers took 2,276 MiB (proportional set size, all processes, before the slots) against 2,549
MiB in two workers beside an idle parent, in about the same time. The workers cost memory, which
is why the caller has to ask for them.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.pool import AsyncResult, Pool
from typing import Protocol

from matching.collector import paused_collector
from matching.model import Match, Person

PARALLEL_MIN = 2000  # fewer travellers than this are screened in one process
_CHUNKS_PER_WORKER = 16  # chunks per worker in what is left: small ones at the end
_CHUNK_MIN, _CHUNK_MAX = 20, 100
_POLL = 0.1  # seconds between looks at should_stop while waiting for a chunk
# Chunks handed to each worker ahead: this process refills them only between chunks of its own,
# and with two a worker sat idle (12.1 s against 10.8 s with four, 20,000 travellers)
_AHEAD = 4

ProgressFn = Callable[[int, int, str], None]


class ScreensOne(Protocol):
    def pair_ahead(self, travellers: Sequence[Person]) -> None: ...
    def screen_one(self, traveller: Person) -> list[Match]: ...


# Set in each worker by _adopt (inherited through fork, never pickled).
_screener: ScreensOne | None = None
_people: Sequence[Person] = ()


def default_workers() -> int:
    """Two worker processes, or one where only one CPU is available to this process."""
    affinity = getattr(os, "sched_getaffinity", None)
    cpus = len(affinity(0)) if affinity is not None else os.cpu_count() or 1
    return max(1, min(2, cpus))


def can_fork() -> bool:
    """Whether worker processes can be forked here (Linux, not inside a daemonic process)."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


def chunk_bounds(total: int, workers: int) -> list[tuple[int, int]]:
    """``(start, stop)`` ranges covering ``range(total)``: each a sixteenth per worker of what is
    left (within bounds), so that they get smaller towards the end and the processes finish
    together (with chunks of one size, this process waited at the end for the worker's last
    ones, 0.2 s of 20,000 travellers at 1,000,000 names)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < total:
        left = total - start
        size = min(_CHUNK_MAX, max(_CHUNK_MIN, left // (workers * _CHUNKS_PER_WORKER)))
        bounds.append((start, min(total, start + size)))
        start += size
    return bounds


def _adopt(screener: ScreensOne, people: Sequence[Person]) -> None:
    global _screener, _people
    _screener, _people = screener, people


def _screen_range(
    screener: ScreensOne, people: Sequence[Person], bounds: tuple[int, int]
) -> dict[int, list[Match]]:
    """Per position in ``bounds`` of a traveller with matches, the matches."""
    start, stop = bounds
    found: dict[int, list[Match]] = {}
    screener.pair_ahead(people[start:stop])
    for at in range(start, stop):
        matches = screener.screen_one(people[at])
        if matches:
            found[at] = matches
    return found


def _screen_chunk(bounds: tuple[int, int]) -> dict[int, list[Match]]:
    assert _screener is not None, "worker not initialised"
    return _screen_range(_screener, _people, bounds)


@contextmanager
def _forked_pool(workers: int, screener: ScreensOne, people: Sequence[Person]) -> Iterator[Pool]:
    """A pool of forked workers holding ``screener`` and ``people``; terminated and reaped on
    exit, whether the work finished, stopped or failed."""
    # the collector paused (the screener's own pause, as a rule) until the workers are gone: a
    # collection here would copy pages too
    with paused_collector():
        pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=_adopt, initargs=(screener, people)
        )
        try:
            yield pool
        finally:
            pool.terminate()
            pool.join()


def screen_forked(
    screener: ScreensOne,
    people: Sequence[Person],
    workers: int,
    progress: ProgressFn | None,
    should_stop: Callable[[], bool] | None,
    interval: float,
) -> dict[int, list[Match]]:
    """Per position in ``people`` of a traveller with matches, the matches, screened by this
    process and ``workers - 1`` forked ones, a chunk at a time each.

    Each forked worker is kept :data:`_AHEAD` chunks ahead; this process screens a chunk of its
    own between looks at theirs. Progress is reported as chunks are done (at most every
    ``interval`` seconds); ``should_stop`` is asked between chunks, and once it turns true the
    workers are terminated and the matches of the chunks already done are returned.
    """
    total = len(people)
    bounds = chunk_bounds(total, workers)
    waiting = deque(bounds)
    found: dict[int, list[Match]] = {}
    done, last = 0, time.monotonic()
    if progress is not None:
        progress(0, total, f"Screening 0 of {total}")

    def finished(chunk: tuple[int, int], matches: dict[int, list[Match]]) -> None:
        nonlocal done, last
        found.update(matches)
        done += chunk[1] - chunk[0]
        now = time.monotonic()
        if progress is not None and now - last >= interval:
            progress(done, total, f"Screening {done} of {total}")
            last = now

    with _forked_pool(workers - 1, screener, people) as pool:
        pending: list[tuple[tuple[int, int], AsyncResult[dict[int, list[Match]]]]] = []
        while waiting or pending:
            if should_stop is not None and should_stop():
                return found
            while waiting and len(pending) < _AHEAD * (workers - 1):
                chunk = waiting.popleft()
                pending.append((chunk, pool.apply_async(_screen_chunk, (chunk,))))
            for chunk, result in [p for p in pending if p[1].ready()]:
                pending.remove((chunk, result))
                finished(chunk, result.get())
            if waiting:
                chunk = waiting.popleft()
                finished(chunk, _screen_range(screener, people, chunk))
            elif pending:
                pending[0][1].wait(_POLL)
    if progress is not None:
        progress(total, total, f"Screened {total}")
    return found
