"""The small interfaces the engine needs from the desktop.

The engine depends on these Protocols only; ``expander.desktop.backends`` implements
them for real desktops (X11 today) and ``expander.desktop.backends.fake`` in memory,
so the engine is tested without a screen and a backend is swapped without
touching it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from expander.matcher import KeyEvent

__all__ = ["Clipboard", "KeySource", "SourceEvent", "TextInjector"]

SourceEvent = KeyEvent | None
"""What a key source reports: a key, or None for "reset" (a mouse click or a
focus change: the text before the caret is no longer what we buffered)."""


class KeySource(Protocol):
    """Reports the user's keys. Our own injected keys arrive with ``injected=True``."""

    def start(self, on_event: Callable[[SourceEvent], object]) -> None: ...

    def stop(self) -> None: ...


class TextInjector(Protocol):
    """Edits the text in the focused window, as if the user typed."""

    def can_type(self, text: str) -> bool:
        """Whether every character of ``text`` can be typed with the current layout
        without remapping keys (which is slow and unreliable in some applications)."""
        ...

    def wait_modifiers_released(self, timeout: float) -> bool:
        """Wait until the user holds no Shift/Ctrl/Alt/Super; False on timeout."""
        ...

    def erase(self, count: int) -> None:
        """Delete ``count`` characters before the caret (BackSpace)."""
        ...

    def type_text(self, text: str) -> None:
        """Type ``text`` key by key."""
        ...

    def paste_text(self, text: str) -> None:
        """Insert ``text`` through the clipboard, then restore the user's clipboard,
        without racing the application's read of the pasted text."""
        ...

    def move_caret(self, offset: int) -> None:
        """Move the caret by ``offset`` characters (negative: to the left)."""
        ...


class Clipboard(Protocol):
    """The clipboard's text, for ``{clipboard}``."""

    def read_text(self) -> str | None: ...
