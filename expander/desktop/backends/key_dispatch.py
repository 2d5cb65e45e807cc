"""Hands a key source's events to the engine on a thread of its own, in order.

Both keyboard backends (X11 and IBus) read keys on a thread that must never wait
for the engine: the X11 listener would fall behind the server, and an IBus client
waits for the engine's answer before it shows the key. The engine handles them
here instead, and whatever is still queued while it injects an expansion is
exactly what the user typed after the trigger.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator

from expander.errors import log_failure
from expander.ports import SourceEvent

__all__ = ["KeyDispatcher", "never_raising"]

log = logging.getLogger("expander")


@contextlib.contextmanager
def never_raising(what: str) -> Iterator[None]:
    """Log what a listener callback raises instead of letting it stop the key source."""
    try:
        yield
    except Exception as exc:
        log_failure(log, f"{what} could not be handled", exc)


class KeyDispatcher:
    """Hands the listener's events to the engine on a thread of its own, in order.

    The listener goes on reading keys while the engine handles one (and injects an
    expansion), so at any moment the queue holds the keys that came after the one
    being handled: at a fence, exactly those the user typed after a trigger.
    """

    def __init__(self, on_event: Callable[[SourceEvent], object]) -> None:
        self._on_event = on_event
        self._events: deque[SourceEvent] = deque()
        self._ready = threading.Condition()
        self._fenced = threading.Event()
        self._at_fence: list[SourceEvent] = []
        self._fence_number = 0
        self._running = True
        self._thread = threading.Thread(target=self._run, name="keys", daemon=True)
        self._thread.start()

    def put(self, event: SourceEvent) -> None:
        with self._ready:
            self._events.append(event)
            self._ready.notify()

    def handling(self) -> bool:
        """Whether the caller is this dispatcher handing on an event (the engine
        reacting to a key), not another thread inserting text."""
        return threading.current_thread() is self._thread

    def fence(self, number: int) -> None:
        """The listener saw fence ``number``: if it is the one awaited, note what is
        queued now (one that came back too late is ignored)."""
        with self._ready:
            if number != self._fence_number:
                return
            self._at_fence = list(self._events)
        self._fenced.set()

    def pending_at_fence(
        self, send_fence: Callable[[int], None], timeout: float
    ) -> list[SourceEvent] | None:
        """Send a fence and return the events queued when the listener saw it; None
        if it did not see it within ``timeout`` seconds."""
        with self._ready:
            self._fence_number += 1
            number = self._fence_number
        self._fenced.clear()
        send_fence(number)
        if not self._fenced.wait(timeout):
            return None
        return self._at_fence

    def queued(self) -> list[SourceEvent]:
        """The events not handed on yet: while the engine handles a key, those typed after it."""
        with self._ready:
            return list(self._events)

    def stop(self) -> None:
        with self._ready:
            self._running = False
            self._ready.notify()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=2)

    def _run(self) -> None:
        while True:
            with self._ready:
                while self._running and not self._events:
                    self._ready.wait()
                if not self._running:
                    return
                event = self._events.popleft()
            with never_raising("a key"):
                self._on_event(event)
