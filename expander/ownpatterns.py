"""A pack's own regular expressions (its ``order_patterns``, a script's
``field_patterns``), run with a time limit.

A manager writes these, and a pattern such as ``(a|aa)+b`` or ``(\\w+\\s?)+:`` takes
time that doubles with every character of a run it almost matches: with Python's
``re``, one such pattern in a pack froze every suggestion and every masked e-mail
(24 letters: 6 s; a longer e-mail: never done), and nothing can interrupt ``re``.
So these patterns run on the ``regex`` module, whose searches take a time limit:

* :func:`pattern_problem` rejects, when a pack is loaded or checked, a pattern that
  does not compile or that already runs out of time on short probe texts (runs of one
  or two kinds of character, where such patterns blow up): the manager sees the
  pattern, the file and the line, and the pack loads without it.
* :class:`OwnPattern` stops a search that still runs longer than :data:`TIMEOUT` on a
  customer's e-mail, logs it once (the pattern, never the text), and from then on
  skips that pattern in this process: the e-mail's fields come from the built-in
  patterns, as for a pack that has none.

Our own patterns stay on ``re``: they are written and measured here. ``regex`` is
imported only when a pack has patterns (its import takes about 55 ms).
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterator
from typing import Any, Protocol

__all__ = ["TIMEOUT", "Finder", "OwnPattern", "own_pattern", "pattern_problem"]

log = logging.getLogger("expander")

TIMEOUT = 0.25
"""Seconds one search of one pattern may take. A shop's order-number pattern scans a
long e-mail (100 KB) in about a millisecond; the margin is for a busy machine, where a
search may wait for the processor (the clock runs on). ``regex`` looks at the clock now
and then, so a search stops a little later than this (0.2 s asked: 0.67 s taken)."""

_PROBE_TIMEOUT = 0.02  # a probe takes microseconds; one that runs out is tried again
_PROBE_RETRY_TIMEOUT = 0.25  # with this: a loaded machine never makes a pattern an error
_PROBE_REPEATS = 28
_PROBE_RUNS = ("a", "1", " ", "-", "/", ".", "_", "#", "a1", "a ", "1 ", "1-", "a-", "aa1")
"""Runs that make a backtracking pattern blow up: one or two kinds of character over
and over, then one that fails the match; each character the pattern names is tried
alone too (``(x|xx)+y`` on "xxx…")."""
_PROBE_OWN_CHARACTERS = 24

_slow_lock = threading.Lock()
_slow: set[str] = set()  # patterns that ran out of time in this process


class Finder(Protocol):
    """What the field code asks of a pattern: ``re``'s compiled ones and :class:`OwnPattern`."""

    @property
    def pattern(self) -> str: ...

    def finditer(self, string: str, /) -> Iterator[re.Match[str]]: ...


class OwnPattern:
    """One of a pack's patterns, compiled case-insensitively: :meth:`finditer` as
    ``re``'s, within :data:`TIMEOUT`."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: Any = _compile(pattern)

    def finditer(self, string: str, /) -> Iterator[re.Match[str]]:
        """The matches in ``string``, as ``re`` gives them (``regex``'s match objects
        have the same methods); none once this pattern ran out of time."""
        if self.pattern in _slow:
            return
        try:
            yield from self._compiled.finditer(string, timeout=TIMEOUT)
        except TimeoutError:
            with _slow_lock:
                first = self.pattern not in _slow
                _slow.add(self.pattern)
            if first:
                log.warning(
                    "the pack's pattern %r took over %.2f s on an e-mail and is skipped "
                    "from now on: rewrite it without nested repeats",
                    self.pattern,
                    TIMEOUT,
                )


def _compile(pattern: str) -> Any:
    """``pattern`` compiled by ``regex`` (case-insensitive, ``re``'s syntax); raises
    ``re.error``, as ``re.compile`` would, when it does not compile."""
    import regex  # here: see the module's docstring

    try:
        return regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)
    except (regex.error, ValueError, OverflowError) as exc:
        raise re.error(str(exc)) from None


@functools.lru_cache(maxsize=256)
def own_pattern(pattern: str) -> OwnPattern:
    """:class:`OwnPattern` for ``pattern``, compiled once; raises ``re.error`` when it
    does not compile (:func:`pattern_problem` says so first when the pack is loaded)."""
    return OwnPattern(pattern)


def pattern_problem(pattern: str) -> str | None:
    """What is wrong with a pack's pattern, or None: it does not compile, or it takes
    too long on a short run of characters (catastrophic backtracking)."""
    try:
        compiled = _compile(pattern)
    except re.error as exc:
        return f"not a valid regular expression ({exc})"
    own = dict.fromkeys(ch for ch in pattern if ch.isalnum() or ch in " -/.:_#№")
    for run in (*_PROBE_RUNS, *list(own)[:_PROBE_OWN_CHARACTERS]):
        probe = run * _PROBE_REPEATS + "!"
        if _runs_out(compiled, probe, _PROBE_TIMEOUT) and _runs_out(
            compiled, probe, _PROBE_RETRY_TIMEOUT
        ):
            return (
                f"too slow: it backtracks without end on a run of {run!r} "
                "(nested repeats such as (a+)+ or (a|aa)+)"
            )
    return None


def _runs_out(compiled: Any, text: str, timeout: float) -> bool:
    """Whether searching all of ``text`` takes longer than ``timeout`` seconds."""
    try:
        for _ in compiled.finditer(text, timeout=timeout):
            pass
    except TimeoutError:
        return True
    return False
