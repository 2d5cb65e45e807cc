"""Waiting for a condition in tests: poll until it holds, never a fixed sleep."""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["wait_until"]


def wait_until(check: Callable[[], bool], timeout: float = 5.0, interval: float = 0.01) -> bool:
    """Poll ``check`` until it holds or ``timeout`` seconds pass; True if it held
    (it is asked once more at the deadline, so a slow poll cannot miss it)."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)
