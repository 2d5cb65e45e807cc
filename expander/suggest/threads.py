"""numpy's BLAS on one thread while Expander ranks or builds an index.

numpy's OpenBLAS starts a thread per core for a matrix product, and the threads
spin while they wait for one another. With another program busy on one of two
cores (a browser, a mail client: an agent's desktop), the softmax classifiers of
the bundled packs took 1.9-5.9 s to train instead of 0.1, and `expander suggest`
5.1 s instead of 1.1 (bench/bench_footprint.py beside a benchmark run). Expander's
products are small (10,000 snippet vectors times a query at most), so one thread
costs nothing on an idle machine.

Only while Expander's own code runs (threadpoolctl), so a program that imports
``expander`` keeps its own setting. Two threads of ours inside at once may leave
the other setting in force for a moment when they leave out of order: only the
speed depends on it, never a result.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["one_blas_thread"]

_controller: Any = None
_controller_lock = threading.Lock()


def _blas() -> Any:
    """The controller of the BLAS libraries loaded (found once: 6 ms; each limit
    after that 10 us)."""
    global _controller
    with _controller_lock:
        if _controller is None:
            from threadpoolctl import ThreadpoolController

            _controller = ThreadpoolController()
        return _controller


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block (or, as a decorator, the function) with numpy's BLAS on one thread."""
    with _blas().limit(limits=1, user_api="blas"):
        yield
