"""Screening a large batch of travellers in worker processes.

Where processes fork (Linux), the workers are forked after the index is built, so they share it
copy-on-write instead of building it again; each gets a range of travellers (a *chunk*) at a time
and sends back that range's matches, which are put back in traveller order. Where they cannot fork
(Windows, macOS), or inside a daemonic process, :func:`can_fork` says no and the caller screens
in one process: a spawned worker would have to rebuild or unpickle the whole index.

Objects alive when the workers fork are frozen out of the garbage collector (:func:`gc.freeze`),
so a collection in a worker does not write to, and so copy, every page of the parent's heap. The
workers still copy much of it: reading an object writes its reference count, and screening reads
the parent's objects all over its heap (the tokens of the list's words that pairing and scoring
compare, the entries scored). A worker screening 10,000 travellers at 1,000,000 names copied
670 MiB of the parent's pages, against some 320 MiB of objects of its own; filling the parent's
free object slots before forking changed nothing, and caches without LRU bookkeeping saved only
70 MiB of it. With two workers the memory of parent plus workers measured about 1.9 times the
parent's alone, which is why the caller has to ask for workers.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.pool import Pool
from typing import Protocol

from matching.model import Match, Person

PARALLEL_MIN = 2000  # fewer travellers than this are screened in one process
_CHUNKS_PER_WORKER = 16  # small chunks keep the workers equally busy to the end
_CHUNK_MIN, _CHUNK_MAX = 20, 100
_POLL = 0.1  # seconds between looks at should_stop while waiting for a chunk

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
    """``(start, stop)`` ranges covering ``range(total)``, about sixteen per worker."""
    size = min(_CHUNK_MAX, max(_CHUNK_MIN, total // (workers * _CHUNKS_PER_WORKER)))
    return [(start, min(total, start + size)) for start in range(0, total, size)]


def _adopt(screener: ScreensOne, people: Sequence[Person]) -> None:
    global _screener, _people
    _screener, _people = screener, people


def _screen_chunk(bounds: tuple[int, int]) -> tuple[int, dict[int, list[Match]]]:
    assert _screener is not None, "worker not initialised"
    start, stop = bounds
    found: dict[int, list[Match]] = {}
    _screener.pair_ahead(_people[start:stop])
    for at in range(start, stop):
        matches = _screener.screen_one(_people[at])
        if matches:
            found[at] = matches
    return start, found


@contextmanager
def _forked_pool(workers: int, screener: ScreensOne, people: Sequence[Person]) -> Iterator[Pool]:
    """A pool of forked workers holding ``screener`` and ``people``; terminated and reaped on
    exit, whether the work finished, stopped or failed."""
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()  # kept until the workers are gone: a collection here would copy pages too
    try:
        pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=_adopt, initargs=(screener, people)
        )
        try:
            yield pool
        finally:
            pool.terminate()
            pool.join()
    finally:
        if frozen:
            gc.unfreeze()


def screen_forked(
    screener: ScreensOne,
    people: Sequence[Person],
    workers: int,
    progress: ProgressFn | None,
    should_stop: Callable[[], bool] | None,
    interval: float,
) -> dict[int, list[Match]]:
    """Per position in ``people`` of a traveller with matches, the matches, screened by
    ``workers`` forked processes.

    Progress is reported as chunks come back (at most every ``interval`` seconds); when
    ``should_stop`` turns true the workers are terminated and the matches of the chunks already
    done are returned.
    """
    total = len(people)
    bounds = chunk_bounds(total, workers)
    sizes = dict(bounds)
    chunks: dict[int, dict[int, list[Match]]] = {}
    done, last = 0, time.monotonic()
    if progress is not None:
        progress(0, total, f"Screening 0 of {total}")
    with _forked_pool(workers, screener, people) as pool:
        results = pool.imap_unordered(_screen_chunk, bounds)
        while len(chunks) < len(bounds):
            if should_stop is not None and should_stop():
                break
            try:
                start, found = results.next(timeout=_POLL)
            except multiprocessing.TimeoutError:
                continue
            chunks[start] = found
            done += sizes[start] - start
            now = time.monotonic()
            if progress is not None and now - last >= interval:
                progress(done, total, f"Screening {done} of {total}")
                last = now
    if progress is not None and len(chunks) == len(bounds):
        progress(total, total, f"Screened {total}")
    return {at: matches for found in chunks.values() for at, matches in found.items()}
