"""In-memory doubles of the desktop ports, for tests and for scripts.

``FakeTextBox`` behaves like a text field with a caret: typed keys, pastes,
BackSpace and caret moves change its ``text`` as a real one would, so the engine
can be tested without a screen. :class:`FakeDesktop` gathers one of each port to
drive a :class:`~expander.desktop.controller.DesktopController`: type keys, press
hotkeys, answer dialogs, click tray menu entries, advance the clock, and read
what was inserted and told. It imports no desktop library.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from expander.errors import BackendError
from expander.matcher import KeyEvent, SpecialKey
from expander.ports import (
    Menu,
    PaletteChoice,
    PaletteItem,
    PickerChoice,
    PickerItem,
    PickerReplies,
    SnippetDraft,
    SourceEvent,
)
from expander.template import FieldSpec

if TYPE_CHECKING:
    from expander.ports import DesktopPorts

__all__ = [
    "FakeClipboard",
    "FakeClock",
    "FakeDesktop",
    "FakeDialogs",
    "FakeHotkeys",
    "FakeLauncher",
    "FakeNotifier",
    "FakeKeySource",
    "FakePalette",
    "PaletteAnswer",
    "FakeTextBox",
    "FakeTray",
    "FakeWindows",
]


@dataclass
class FakeClipboard:
    """The clipboard's text and the selected text (``primary``)."""

    text: str | None = None
    reads: int = 0
    primary: str | None = None

    def read_text(self) -> str | None:
        self.reads += 1
        return self.text

    def read_primary(self) -> str | None:
        return self.primary

    def set_text(self, text: str) -> None:
        self.text = text


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

    def type_text(self, text: str, erase: int = 0) -> int:
        if not self.can_type(text):
            raise ValueError(f"the fake layout cannot type {text!r}")
        if erase:
            self.erase(erase)
        self.log.append(("type", text))
        self._insert(text)
        return 0

    def paste_text(self, text: str, erase: int = 0) -> int:
        if erase:
            self.erase(erase)
        self.log.append(("paste", text))
        before = self.clipboard.text
        self._insert(text)
        self.clipboard.text = before
        return 0

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
    before the engine sees them, which is the order on a real desktop. Unlike the
    X11 source it does not catch what its callback raises: a test sees it fail.
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


@dataclass
class FakeHotkeys:
    """Registered hotkeys; ``press(spec)`` runs one's callback in the calling thread.
    ``shared`` says which combinations another program already grabbed, and why."""

    callbacks: dict[str, Callable[[], object]] = field(default_factory=dict)
    shared: dict[str, str] = field(default_factory=dict)

    def add_hotkey(self, spec: str, callback: Callable[[], object]) -> str | None:
        self.callbacks[spec] = callback
        return self.shared.get(spec)

    def press(self, spec: str) -> None:
        self.callbacks[spec]()


@dataclass
class FakeWindows:
    """The active window: an id that dialogs take and give back, and the class
    names and title the exclusions look at."""

    focused: int = 1
    wm_class: tuple[str, ...] = ("editor", "Editor")
    title: str = "Reply to a customer"
    focus_log: list[int] = field(default_factory=list)

    def focused_window(self) -> int:
        return self.focused

    def focus_window(self, window_id: int) -> None:
        self.focus_log.append(window_id)
        self.focused = window_id

    def focused_window_info(self) -> tuple[tuple[str, ...], str]:
        return self.wm_class, self.title


DIALOG_WINDOW = 99
"""The window id a fake dialog has while it is open (it takes the focus)."""
REPLIES_TIMEOUT = 60.0
"""How long the fake picker waits for its replies (a first suggestion index)."""

FillInAnswer = Mapping[str, str] | None | BackendError
NewSnippetEntry = SnippetDraft | BackendError


@dataclass
class FakeDialogs:
    """Dialogs answered from queues the test fills beforehand.

    Each dialog takes the focus (``windows.focused`` becomes :data:`DIALOG_WINDOW`)
    while it is open, and records what it was shown in ``asked``, ``picked``,
    ``messages`` and ``shown_fields``. An answer that is a :class:`BackendError`
    is raised (the window could not open). With no answer queued a dialog is
    cancelled (Esc). The picker waits for its replies (up to
    :data:`REPLIES_TIMEOUT` seconds) and records in ``picker_waited`` whether
    it opened before they were ranked.

    The new-snippet dialog submits the drafts queued in ``new_snippets`` one
    after the other (as the agent pressing Enter) until one is saved; it
    records the draft it opened with in ``snippet_drafts`` and each problem
    ``save`` answered in ``snippet_problems``.
    """

    windows: FakeWindows | None = None
    fill_in: deque[FillInAnswer] = field(default_factory=deque)
    picks: deque[PickerChoice | None] = field(default_factory=deque)
    clear_customer: deque[bool | BackendError] = field(default_factory=deque)
    message_error: BackendError | None = None
    asked: list[tuple[str, tuple[str, ...], dict[str, str]]] = field(default_factory=list)
    picked: list[tuple[tuple[PickerItem, ...], dict[str, str], str]] = field(default_factory=list)
    picker_waited: list[bool] = field(default_factory=list)
    messages: list[tuple[str, str]] = field(default_factory=list)
    shown_fields: list[dict[str, str]] = field(default_factory=list)
    new_snippets: deque[NewSnippetEntry] = field(default_factory=deque)
    snippet_drafts: list[SnippetDraft] = field(default_factory=list)
    snippet_problems: list[str] = field(default_factory=list)

    def _open(self) -> None:
        if self.windows is not None:
            self.windows.focused = DIALOG_WINDOW

    def ask_fields(
        self, title: str, specs: Sequence[FieldSpec], known: Mapping[str, str]
    ) -> Mapping[str, str] | None:
        self._open()
        self.asked.append((title, tuple(spec.name for spec in specs), dict(known)))
        answer = self.fill_in.popleft() if self.fill_in else None
        if isinstance(answer, BackendError):
            raise answer
        return answer

    def pick(self, replies: Future[PickerReplies]) -> PickerChoice | None:
        self._open()
        self.picker_waited.append(not replies.done())
        shown = replies.result(timeout=REPLIES_TIMEOUT)
        self.picked.append((shown.items, dict(shown.fields), shown.message))
        return self.picks.popleft() if self.picks else None

    def show_message(self, title: str, text: str) -> None:
        self._open()
        self.messages.append((title, text))
        if self.message_error is not None:
            raise self.message_error

    def show_fields(self, fields: Mapping[str, str]) -> bool:
        self._open()
        self.shown_fields.append(dict(fields))
        answer = self.clear_customer.popleft() if self.clear_customer else False
        if isinstance(answer, BackendError):
            raise answer
        return answer

    def ask_new_snippet(
        self, draft: SnippetDraft, save: Callable[[SnippetDraft], str | None]
    ) -> bool:
        self._open()
        self.snippet_drafts.append(draft)
        while self.new_snippets:
            entry = self.new_snippets.popleft()
            if isinstance(entry, BackendError):
                raise entry
            problem = save(entry)
            if problem is None:
                return True
            self.snippet_problems.append(problem)
        return False


@dataclass(frozen=True)
class PaletteAnswer:
    """What the agent does in the fake search palette: types ``query``, moves to the
    ``pick``-th item listed and presses Enter (``insert``) or Ctrl+C (``copy``); with
    ``pick`` None they press Esc."""

    query: str
    pick: int | None = 0
    action: Literal["insert", "copy"] = "insert"


@dataclass
class FakePalette:
    """The search palette, answered from a queue the test fills beforehand.

    It takes the focus like a dialog, lists what ``search`` gives for the empty
    query and then for the answer's query (both kept in ``listed``), and keeps
    the preview of the item it picks in ``previews``. With no answer queued it is
    closed at once (Esc); an answer that is a :class:`BackendError` is raised.
    """

    windows: FakeWindows | None = None
    answers: deque[PaletteAnswer | BackendError] = field(default_factory=deque)
    listed: list[tuple[str, tuple[PaletteItem, ...]]] = field(default_factory=list)
    previews: list[str] = field(default_factory=list)

    def choose(
        self,
        search: Callable[[str], Sequence[PaletteItem]],
        preview: Callable[[str], str],
    ) -> PaletteChoice | None:
        if self.windows is not None:
            self.windows.focused = DIALOG_WINDOW
        answer = self.answers.popleft() if self.answers else None
        if isinstance(answer, BackendError):
            raise answer
        self.listed.append(("", tuple(search(""))))
        if answer is None:
            return None
        items = tuple(search(answer.query))
        self.listed.append((answer.query, items))
        if answer.pick is None:
            return None
        chosen = items[answer.pick]
        self.previews.append(preview(chosen.key))
        return PaletteChoice(chosen.key, answer.action)


@dataclass
class FakeTray:
    """A tray icon with its menu: ``click(label)`` runs an entry in the calling thread."""

    menu: Menu = ()
    states: list[bool] = field(default_factory=list)
    stopped: bool = False

    def labels(self) -> list[str]:
        return [entry.text() if entry is not None else "-" for entry in self.menu]

    def click(self, label: str) -> None:
        for entry in self.menu:
            if entry is not None and entry.text() == label:
                entry.action()
                return
        raise LookupError(f"no menu entry {label!r} in {self.labels()}")

    def default_action(self) -> None:
        """A click on the icon itself."""
        [entry] = [e for e in self.menu if e is not None and e.default]
        entry.action()

    def show_state(self, paused: bool) -> None:
        self.states.append(paused)

    def stop(self) -> None:
        self.stopped = True


@dataclass
class FakeNotifier:
    notifications: list[tuple[str, str]] = field(default_factory=list)

    def notify(self, title: str, message: str) -> None:
        self.notifications.append((title, message))

    def titles(self) -> list[str]:
        return [title for title, _ in self.notifications]


@dataclass
class FakeLauncher:
    """Records what was opened; ``browser`` says whether a browser is found."""

    browser: bool = True
    folders: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)

    def open_folder(self, folder: Path) -> None:
        self.folders.append(folder)

    def open_page(self, page: Path) -> bool:
        self.pages.append(page)
        return self.browser


class FakeClock:
    """Time that moves only when the test says: ``advance(seconds)`` wakes the
    threads waiting in :meth:`wait` whose time has come."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self._changed = threading.Condition()
        self._waiting = 0

    def monotonic(self) -> float:
        with self._changed:
            return self.now

    def advance(self, seconds: float) -> None:
        with self._changed:
            self.now += seconds
            self._changed.notify_all()

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        with self._changed:
            deadline = self.now + seconds
            self._waiting += 1
            self._changed.notify_all()
            try:
                while self.now < deadline and not stop.is_set():
                    self._changed.wait(0.01)  # also notices ``stop``, set without us
            finally:
                self._waiting -= 1
                self._changed.notify_all()
            return stop.is_set()

    def wait_for_sleepers(self, count: int, timeout: float = 5.0) -> bool:
        """Wait until ``count`` threads are waiting in :meth:`wait` (a loop reached
        its pause); False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._waiting >= count, timeout)


@dataclass
class FakeDesktop:
    """One fake of every port, wired as a desktop: keys land in ``box`` (the focused
    text field), dialogs take the focus from ``windows`` and give it back."""

    box: FakeTextBox = field(default_factory=FakeTextBox)
    clipboard: FakeClipboard = field(default_factory=FakeClipboard)
    windows: FakeWindows = field(default_factory=FakeWindows)
    hotkeys: FakeHotkeys = field(default_factory=FakeHotkeys)
    dialogs: FakeDialogs = field(default_factory=FakeDialogs)
    launcher: FakeLauncher = field(default_factory=FakeLauncher)
    clock: FakeClock = field(default_factory=FakeClock)
    notifier: FakeNotifier = field(default_factory=FakeNotifier)
    palette: FakePalette = field(default_factory=FakePalette)
    keys: FakeKeySource = field(init=False)

    def __post_init__(self) -> None:
        self.box.clipboard = self.clipboard
        self.keys = FakeKeySource(self.box)
        self.dialogs.windows = self.windows
        self.palette.windows = self.windows

    def ports(self) -> DesktopPorts:
        from expander.ports import DesktopPorts

        return DesktopPorts(
            keys=self.keys,
            hotkeys=self.hotkeys,
            injector=self.box,
            windows=self.windows,
            clipboard=self.clipboard,
            dialogs=self.dialogs,
            launcher=self.launcher,
            clock=self.clock,
            snippet_dialog=self.dialogs,
            palette=self.palette,
        )
