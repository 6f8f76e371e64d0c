"""The collector paused while the engine works: nested, across threads, and given back as it was,
with what was made meanwhile in the oldest generation."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from matching.collector import collector_paused, paused_collector


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    assert gc.get_freeze_count() == 0
    yield
    gc.enable()
    gc.unfreeze()


def test_a_pause_freezes_switches_collection_off_and_gives_both_back() -> None:
    assert not collector_paused()
    with paused_collector():
        assert collector_paused()
        assert not gc.isenabled()
        assert gc.get_freeze_count() > 0
    assert not collector_paused()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_collection_stays_off_after_when_it_was_off_before() -> None:
    gc.disable()
    with paused_collector():
        assert not gc.isenabled()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_pauses_in_two_threads_end_with_the_last_one() -> None:
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[tuple[bool, bool, int]] = []

    def first() -> None:
        with paused_collector():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with paused_collector():
            second_in.set()
            first_out.wait(5)
            # the first pause has ended: this one still holds
            seen.append((collector_paused(), gc.isenabled(), gc.get_freeze_count()))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(seen) == 1
    paused, enabled, frozen = seen[0]
    assert paused and not enabled and frozen > 0
    assert not collector_paused() and gc.isenabled() and gc.get_freeze_count() == 0


def test_objects_made_during_a_pause_leave_it_in_the_oldest_generation() -> None:
    with paused_collector():
        made = [Node() for _ in range(3 * gc.get_threshold()[0])]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(node) in oldest for node in made[:50])
    # nothing left in the youngest generation for the next allocation to go through
    assert gc.get_count()[0] < gc.get_threshold()[0]


def test_a_cycle_made_during_a_pause_is_collected_by_the_next_full_collection() -> None:
    with paused_collector():
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
    gc.collect(0)  # in the oldest generation now: a young collection does not go through it
    assert gone() is not None
    gc.collect()
    assert gone() is None


def test_objects_frozen_before_a_pause_stay_frozen() -> None:
    gc.freeze()
    frozen = gc.get_freeze_count()
    with paused_collector():
        assert not gc.isenabled()
    assert gc.get_freeze_count() >= frozen
    assert gc.isenabled()
