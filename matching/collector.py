"""The cyclic garbage collector held off while the engine builds an index or screens.

Objects alive before (the list, the index, the caller's data: millions of them at list scale) are
frozen out of it: each full collection traversed the whole heap, seconds per collection on a
1,000,000-name list. Screening then fills its caches with long-lived objects, hundreds of
thousands by the end of a day, which set off full collections of their own (seven in a day of
20,000 travellers at 1,000,000 names, 0.3 s each); screening makes no cyclic garbage (a
collection after such a day found none), so automatic collection is switched off until it ends.

Pauses nest, in one thread or several: the first one in freezes and switches collection off, the
last one out gives both back as they were. It then puts the objects made meanwhile in the oldest
generation, beside the ones it unfreezes: left in the youngest, where they piled up with
collection off, they would all be gone through by the collection the next allocation sets off
(0.24 s after a day of 20,000 travellers at 1,000,000 names, 0.35 s after building its index),
and they are long-lived (cache entries, results); a cycle among them would still be found by the
next full collection.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0  # pauses under way
_froze = False  # whether the first of them froze the objects (none were frozen before)
_was_enabled = False  # whether automatic collection was on before the first of them


def collector_paused() -> bool:
    """Whether the engine holds the collector paused now (an index build or a screening runs).

    Cheap, where :func:`gc.get_freeze_count` goes through every frozen object (0.2 s with a
    1,000,000-name index in memory)."""
    return _holders > 0


@contextmanager
def paused_collector() -> Iterator[None]:
    """Automatic collection off and the objects alive now frozen out of the collector, both
    given back as they were when the last pause under way ends (see the module docstring)."""
    global _holders, _froze, _was_enabled
    with _lock:
        if _holders == 0:
            _froze = gc.get_freeze_count() == 0  # nothing to go through when none are frozen
            _was_enabled = gc.isenabled()
            if _froze:
                gc.freeze()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                if _froze:
                    gc.freeze()  # the objects made meanwhile too, so that they leave ...
                    gc.unfreeze()  # ... for the oldest generation with the others
                if _was_enabled:
                    gc.enable()
