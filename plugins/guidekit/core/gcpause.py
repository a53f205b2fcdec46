"""Pause Python's cyclic garbage collector around bulk work.

Loading, checking and rendering a large quiz builds hundreds of thousands
of small objects that hold no reference cycles. Each batch of new objects
makes the collector walk everything alive, so that on large files most of
the time went to collections that free nothing. Reference counting still
frees every object at once; only the search for cycles waits until the
block ends.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
