"""numpy's BLAS on one thread while Expander ranks or builds an index.

numpy's OpenBLAS starts a thread per core for a matrix product, and the threads
spin while they wait for one another. With another program busy on one of two
cores (a browser, a mail client: an agent's desktop), the softmax classifiers of
the bundled packs took 1.9-5.9 s to train instead of 0.1, and `expander suggest`
5.1 s instead of 1.1 (bench/bench_footprint.py beside a benchmark run). Expander's
products are small (10,000 snippet vectors times a query at most), so one thread
costs nothing on an idle machine.

Only while Expander's own code runs (threadpoolctl), so a program that imports
``expander`` keeps its own setting. The limit is set when the first block of ours
starts and the caller's setting is back when the last one ends, whatever thread
each runs on: inner and overlapping blocks cost a counter (a limit set or lifted
calls into the BLAS library, which lets another thread take the GIL, for up to
the switch interval: 5 ms). OpenBLAS 0.3.31 may ignore a count set outside the
main thread (once the main thread has set one it always did; a count restored from a
worker thread was ignored once in CI), so the desktop app, which owns its process,
holds the limit for its whole life (:func:`hold_one_blas_thread`): no count is
restored, and its blocks set nothing.
:func:`blas_identity` names the BLAS as it is set, for the caches of results whose
last bits depend on it (a float32 product's do).

And :func:`meanwhile`: pure-Python work run on a side thread while the calling
thread waits in native code that releases the GIL (an encoder's run).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["blas_identity", "hold_one_blas_thread", "meanwhile", "one_blas_thread"]

_T = TypeVar("_T")
_SIDE_THREADS = 4
"""Side threads at most: two for each suggestion running at once (the app's, a
script's): the e-mail's fields and its lexical queries."""

_BLAS_FIELDS = ("internal_api", "prefix", "version", "architecture", "threading_layer",
                "num_threads")  # fmt: skip
"""What :func:`blas_identity` names of each BLAS library (threadpoolctl's names)."""
_controller: Any = None
_controller_lock = threading.Lock()
_side: ThreadPoolExecutor | None = None
_side_lock = threading.Lock()
_limited = 0  # blocks of ours running under the limit, on any thread
_limiter: Any = None  # the limit in force, which knows the caller's setting
_held = False  # hold_one_blas_thread was called: the limit stays
_limit_lock = threading.Lock()


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
    global _limited, _limiter
    with _limit_lock:
        _take_limit()
    try:
        yield
    finally:
        with _limit_lock:
            _limited -= 1
            if not _limited:
                _limiter.restore_original_limits()
                _limiter = None


def hold_one_blas_thread() -> None:
    """numpy's BLAS on one thread from now on, for a process Expander owns (the
    desktop app, whose threads build indexes and rank): the limit is never lifted,
    so no thread count is ever restored from one of its threads, and each
    :func:`one_blas_thread` block after this costs a counter, no call into the BLAS
    library. Loads numpy first: only a BLAS already loaded can be limited."""
    global _held
    import numpy  # noqa: F401  (its BLAS, for threadpoolctl to find)

    with _limit_lock:
        if not _held:
            _held = True
            _take_limit()  # and never given back


def _take_limit() -> None:
    """One more block under the limit, which the first one sets (``_limit_lock`` held)."""
    global _limited, _limiter
    if not _limited:
        _limiter = _blas().limit(limits=1, user_api="blas")
    _limited += 1


def blas_identity() -> str:
    """numpy's BLAS libraries as they are set now: name, version, the kernel chosen
    for this CPU and the threads. The bits of a float32 product depend on each: the
    bundled packs' softmax classifiers came out different with OpenBLAS's Sandybridge
    kernel instead of Haswell's (OPENBLAS_CORETYPE), and with two threads instead of
    one; what keeps such results (:mod:`expander.suggest.classifier_cache`) keys them
    by this."""
    libraries = sorted(
        "/".join(str(info.get(field)) for field in _BLAS_FIELDS)
        for info in _blas().info()
        if info.get("user_api") == "blas"
    )
    return ";".join(libraries) or "no BLAS found"


def meanwhile(function: Callable[..., _T], *args: Any) -> Future[_T]:
    """``function(*args)`` started on a side thread; its result or exception comes
    from the future. For pure-Python work (no BLAS: :func:`one_blas_thread` is
    process-wide) that the caller needs only after a native call: the side thread
    holds the GIL while the caller does not, so the two add up to the longer one.
    Run at once on the calling thread when no thread can start (at exit)."""
    global _side
    with _side_lock:
        if _side is None:
            _side = ThreadPoolExecutor(_SIDE_THREADS, thread_name_prefix="side")
        side = _side
    try:
        return side.submit(function, *args)
    except RuntimeError:  # "cannot schedule new futures after interpreter shutdown"
        done: Future[_T] = Future()
        done.set_result(function(*args))
        return done
