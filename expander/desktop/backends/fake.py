"""In-memory doubles of the desktop ports, for tests and for scripts.

``FakeTextBox`` behaves like a text field with a caret: typed keys, pastes,
BackSpace and caret moves change its ``text`` as a real one would, so the engine
can be tested without a screen. It imports no desktop library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from expander.matcher import KeyEvent, SpecialKey
from expander.ports import SourceEvent

__all__ = ["FakeClipboard", "FakeKeySource", "FakeTextBox"]


@dataclass
class FakeClipboard:
    text: str | None = None
    reads: int = 0

    def read_text(self) -> str | None:
        self.reads += 1
        return self.text


@dataclass
class FakeTextBox:
    """A text field: the injector's edits and the user's typing both land here.

    ``typeable`` decides which characters the fake keyboard layout can type;
    ``log`` records each injector call (``("type", text)``, ``("paste", text)``,
    ``("erase", n)``, ``("move", n)``) so tests can check how text was inserted.
    """

    text: str = ""
    caret: int = 0
    clipboard: FakeClipboard = field(default_factory=FakeClipboard)
    typeable: Callable[[str], bool] = str.isascii
    modifiers_held: bool = False
    log: list[tuple[str, object]] = field(default_factory=list)

    # what the user does
    def user_types(self, text: str) -> None:
        self._insert(text)

    def user_backspace(self) -> None:
        self._erase(1)

    # the TextInjector port
    def can_type(self, text: str) -> bool:
        return all(self.typeable(ch) for ch in text)

    def wait_modifiers_released(self, timeout: float) -> bool:
        self.log.append(("wait", timeout))
        return not self.modifiers_held

    def erase(self, count: int) -> None:
        self.log.append(("erase", count))
        self._erase(count)

    def type_text(self, text: str) -> None:
        if not self.can_type(text):
            raise ValueError(f"the fake layout cannot type {text!r}")
        self.log.append(("type", text))
        self._insert(text)

    def paste_text(self, text: str) -> None:
        self.log.append(("paste", text))
        before = self.clipboard.text
        self._insert(text)
        self.clipboard.text = before

    def move_caret(self, offset: int) -> None:
        self.log.append(("move", offset))
        self.caret = max(0, min(len(self.text), self.caret + offset))

    def _insert(self, text: str) -> None:
        self.text = self.text[: self.caret] + text + self.text[self.caret :]
        self.caret += len(text)

    def _erase(self, count: int) -> None:
        start = max(0, self.caret - count)
        self.text = self.text[:start] + self.text[self.caret :]
        self.caret = start


@dataclass
class FakeKeySource:
    """A key source fed by the test: ``type("abc")``, ``press(SpecialKey.LEFT)``.

    Keys also land in the attached text box (as the real window would get them)
    before the engine sees them, which is the order on a real desktop.
    """

    box: FakeTextBox | None = None
    on_event: Callable[[SourceEvent], object] | None = None
    running: bool = False

    def start(self, on_event: Callable[[SourceEvent], object]) -> None:
        self.on_event = on_event
        self.running = True

    def stop(self) -> None:
        self.running = False

    def _emit(self, event: SourceEvent) -> None:
        if self.on_event is not None and self.running:
            self.on_event(event)

    def type(self, text: str) -> None:
        for ch in text:
            if self.box is not None:
                self.box.user_types(ch)
            if ch == "\n":
                self._emit(KeyEvent.special(SpecialKey.ENTER))
            elif ch == "\t":
                self._emit(KeyEvent.special(SpecialKey.TAB))
            else:
                self._emit(KeyEvent.text(ch))

    def press(self, key: SpecialKey) -> None:
        if self.box is not None:
            if key is SpecialKey.BACKSPACE:
                self.box.user_backspace()
            elif key is SpecialKey.LEFT:
                self.box.move_caret(-1)
            elif key is SpecialKey.RIGHT:
                self.box.move_caret(1)
        self._emit(KeyEvent.special(key))

    def click(self) -> None:
        self._emit(None)
