"""What every fuzz test shares: one hypothesis profile and the per-example budgets.

The profile is derandomized: each test draws the same examples on every run
(seeded from the test's own source), so a red CI run is reproduced by running
the test again, and no example database is read or written (``database=None``)
that could make one machine's run differ from another's. Finding new inputs is
a separate, deliberate run::

    EXPANDER_FUZZ_EXAMPLES=5000 EXPANDER_FUZZ_RANDOM=1 pytest tests/fuzz

which draws fresh random examples (hypothesis prints the seed and the failing
input); a crash found that way is kept as an ``@example`` regression.

Budgets per example, in :func:`bounded`: the CPU time of the thread that runs it
(2 s, generous: a slow example is a bug, not noise) and the peak of Python's
allocations, measured with ``tracemalloc``. Both are counted for this thread
alone, so they hold the same on every machine and under pytest-xdist, however
busy the machine is (a wall-clock deadline, as hypothesis's, failed a linear
example that took 3.5 s on a machine running two test suites at once; unlike a
process memory limit). A true hang is caught by the ``timeout`` mark each fuzz
test carries.
"""

from __future__ import annotations

import os
import time
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

from hypothesis import HealthCheck, settings

from expander.errors import ExpanderError

MIB = 1 << 20
EXAMPLES = int(os.environ.get("EXPANDER_FUZZ_EXAMPLES", "60"))
TIMEOUT = 120  # seconds per test: far above the budget, only to stop a true hang
CPU_SECONDS = 2.0

settings.register_profile(
    "expander-fuzz",
    max_examples=EXAMPLES,
    deadline=None,  # bounded() counts CPU time instead: load does not move it
    derandomize=not os.environ.get("EXPANDER_FUZZ_RANDOM"),
    database=None,
    print_blob=True,
    # Examples are built from big pieces on purpose (whole e-mails, archives);
    # the expander_home fixture only sets an environment variable, shared safely.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
FUZZ = settings.get_profile("expander-fuzz")
"""The fuzz profile, applied per test (``@FUZZ``) so other hypothesis tests keep theirs."""

T = TypeVar("T")


def bounded(
    call: Callable[[], T],
    *,
    memory_mib: int,
    cpu_seconds: float = CPU_SECONDS,
    allowed: tuple[type[BaseException], ...] = (),
) -> T | BaseException:
    """Run ``call`` and return its result, or the ``allowed`` error it raised.

    Any other exception propagates (hypothesis reports it with the input), and
    an assertion fails when Python's allocations peaked above ``memory_mib`` or
    the call took more than ``cpu_seconds`` of this thread's CPU time. A call
    over the CPU budget runs once more, and only the second run counts: the
    first call of a process pays for imports and caches (2.5 s under tracemalloc
    for the first pack loaded, 0.01 s for the next), an input that is slow is
    slow twice. Hypothesis's deadline did the same."""
    outcome, peak, spent = _measured(call, allowed)
    if spent > cpu_seconds:
        outcome, peak, spent = _measured(call, allowed)
    assert peak <= memory_mib * MIB, f"peak allocation {peak / MIB:.1f} MiB > {memory_mib} MiB"
    assert spent <= cpu_seconds, f"{spent:.1f} s of CPU > {cpu_seconds} s"
    return outcome


def _measured(
    call: Callable[[], T], allowed: tuple[type[BaseException], ...]
) -> tuple[T | BaseException, int, float]:
    """``call``'s outcome, the peak of its allocations and its thread's CPU seconds."""
    tracemalloc.start()
    started = time.thread_time()
    try:
        try:
            outcome: T | BaseException = call()
        except allowed as exc:
            outcome = exc
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        spent = time.thread_time() - started
        tracemalloc.stop()
    return outcome, peak, spent


LIBRARY_ERRORS: tuple[type[BaseException], ...] = (ExpanderError,)
"""What a pack, template or archive may raise: only Expander's own errors."""
