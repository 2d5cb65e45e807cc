"""What the app keeps between two actions of the agent: the customer being answered
and which of our own windows is open. Both are shared by threads (keys, hotkeys,
tray actions, the fill-in dialog), so both are thread-safe.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

__all__ = ["CurrentCustomer", "OwnWindows"]


@dataclass
class CurrentCustomer:
    """The fields of the customer the agent is answering now (thread-safe).

    Set by the suggestion flow and the tray; read at every expansion. Defaults
    (the agent's own name, the shop) sit under the customer's fields.
    """

    defaults: dict[str, str] = field(default_factory=dict)
    _fields: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def set(self, fields: Mapping[str, str]) -> None:
        with self._lock:
            self._fields = dict(fields)

    def update(self, fields: Mapping[str, str]) -> None:
        """Add fields to the current customer's (typed in the fill-in dialog)."""
        with self._lock:
            self._fields = {**self._fields, **fields}

    def clear(self) -> None:
        self.set({})

    def get(self) -> dict[str, str]:
        with self._lock:
            return {**self.defaults, **self._fields}

    def own(self) -> dict[str, str]:
        """The customer's fields alone, without the agent's defaults."""
        with self._lock:
            return dict(self._fields)


class OwnWindows:
    """Expander's own dialogs, one at a time.

    While one is open the agent types into it, so nothing may expand there
    (:attr:`showing` feeds the engine's exclusion check), and a second dialog
    asked for meanwhile (a hotkey pressed twice) is not opened.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @property
    def showing(self) -> bool:
        return self._lock.locked()

    @contextlib.contextmanager
    def opening(self) -> Iterator[bool]:
        """``with windows.opening() as free:`` -- ``free`` is False if another is open."""
        free = self._lock.acquire(blocking=False)
        try:
            yield free
        finally:
            if free:
                self._lock.release()
