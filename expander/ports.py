"""The small interfaces the engine and the desktop controller need from the desktop.

The engine and :class:`~expander.desktop.controller.DesktopController` depend on
these Protocols only; ``expander.desktop.backends`` implements them for real
desktops (X11, Tk, pystray today) and ``expander.desktop.backends.fake`` in
memory, so every decision of the app is tested without a screen and a backend is
swapped without touching it. Each Protocol is as small as its one user needs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from expander.matcher import KeyEvent
from expander.template import FieldSpec
from expander.textfold import fold_loose

__all__ = [
    "ActiveWindow",
    "Clipboard",
    "Clock",
    "DesktopPorts",
    "Dialogs",
    "EditableClipboard",
    "FillInDialog",
    "Hotkeys",
    "InfoDialogs",
    "KeySource",
    "Launcher",
    "Menu",
    "MenuItem",
    "NewSnippetDialog",
    "Notifier",
    "PaletteChoice",
    "PaletteItem",
    "PickerChoice",
    "PickerItem",
    "PickerReplies",
    "ReplyPicker",
    "SelectionClipboard",
    "SnippetDraft",
    "SnippetPalette",
    "SourceEvent",
    "TextInjector",
    "TrayIcon",
    "snippet_id_from",
]

SourceEvent = KeyEvent | None
"""What a key source reports: a key, or None for "reset" (a mouse click or a
focus change: the text before the caret is no longer what we buffered)."""


# --- the keyboard -------------------------------------------------------------------


class KeySource(Protocol):
    """Reports the user's keys. Our own injected keys arrive with ``injected=True``."""

    def start(self, on_event: Callable[[SourceEvent], object]) -> None: ...

    def stop(self) -> None: ...


class Hotkeys(Protocol):
    """Global key combinations."""

    def add_hotkey(self, spec: str, callback: Callable[[], object]) -> str | None:
        """Call ``callback`` (on a thread of its own) when ``spec`` (pynput syntax,
        e.g. ``<ctrl>+<alt>+s``) is pressed. Must precede the key source's start().
        Returns None when the combination reaches only Expander, else why it also
        reaches other programs (e.g. another program already grabbed it)."""
        ...


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

    def type_text(self, text: str, erase: int = 0) -> int:
        """Type ``text`` key by key, after deleting ``erase`` characters before the
        caret (a trigger) in the same burst: no key typed meanwhile lands in between.
        Returns how many characters the user had already typed after the trigger;
        those were erased with it and come back after ``text``. Raises
        InjectionSkipped when nothing was changed."""
        ...

    def paste_text(self, text: str, erase: int = 0) -> int:
        """Insert ``text`` through the clipboard, after deleting ``erase`` characters
        before the caret in the same burst as the paste key, then restore the user's
        clipboard without racing the application's read of the pasted text.
        Returns and raises as :meth:`type_text`."""
        ...

    def move_caret(self, offset: int) -> None:
        """Move the caret by ``offset`` characters (negative: to the left)."""
        ...


class ActiveWindow(Protocol):
    """The window that has the keyboard focus."""

    def focused_window(self) -> int:
        """An id of the focused window, to give the focus back after a dialog."""
        ...

    def focus_window(self, window_id: int) -> None:
        """Give the keyboard focus back to a window (a gone window is no error)."""
        ...

    def focused_window_info(self) -> tuple[tuple[str, ...], str]:
        """The focused window's class names and title, for the exclusions."""
        ...


# --- the clipboard ------------------------------------------------------------------


class Clipboard(Protocol):
    """The clipboard's text, for ``{clipboard}``."""

    def read_text(self) -> str | None: ...


class EditableClipboard(Clipboard, Protocol):
    """A clipboard the app also writes (the picker's "copy")."""

    def set_text(self, text: str) -> None: ...


class SelectionClipboard(EditableClipboard, Protocol):
    """The clipboard and the text selected anywhere (X11's PRIMARY), for a new snippet."""

    def read_primary(self) -> str | None:
        """The selected text now, or None when nothing is selected."""
        ...


# --- dialogs ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PickerItem:
    """One suggested reply as the picker lists it."""

    label: str  # e.g. "72  ;delay  Order delayed"
    reply: str
    reasons: str = ""


@dataclass(frozen=True, slots=True)
class PickerReplies:
    """What the picker lists for one e-mail: the replies, the customer's fields
    found in it, and a message shown in place of the fields' line."""

    items: tuple[PickerItem, ...]
    fields: Mapping[str, str]
    message: str = ""


@dataclass(frozen=True, slots=True)
class PickerChoice:
    """The agent's choice in the picker: which item, and insert it or copy it."""

    index: int
    action: Literal["insert", "copy"]


class FillInDialog(Protocol):
    def ask_fields(
        self, title: str, specs: Sequence[FieldSpec], known: Mapping[str, str]
    ) -> Mapping[str, str] | None:
        """Ask for a snippet's fields (every one shown, the known ones prefilled);
        None when the agent cancels. Raises BackendError when it cannot open."""
        ...


class ReplyPicker(Protocol):
    def pick(self, replies: Future[PickerReplies]) -> PickerChoice | None:
        """Open at once, list ``replies`` once they are ranked (the first after a
        start waits for the suggestion index: the agent sees the picker say so,
        not nothing), and wait; None when the agent closes it."""
        ...


class InfoDialogs(Protocol):
    def show_message(self, title: str, text: str) -> None:
        """Show ``text`` until the agent closes it. Raises BackendError when it cannot open."""
        ...

    def show_fields(self, fields: Mapping[str, str]) -> bool:
        """Show the current customer's fields; True when the agent asks to clear them.
        Raises BackendError when it cannot open."""
        ...


_CYRILLIC_LATIN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a,b,v,g,d,e,e,zh,z,i,y,k,l,m,n,o,p,r,s,t,u,f,kh,ts,ch,sh,shch,,y,,e,yu,ya".split(","),
        strict=True,
    )
)


def snippet_id_from(title: str) -> str:
    """The id a snippet titled ``title`` gets unless the agent types one: lower-case
    ASCII words joined by ``-`` ("Zwrot środków" -> "zwrot-srodkow", Russian
    transliterated), at most 64 characters, "" when nothing is left."""
    folded = "".join(_CYRILLIC_LATIN.get(ch, ch) for ch in fold_loose(title))
    words = "".join(ch if ch.isascii() and ch.isalnum() else " " for ch in folded).split()
    return "-".join(words)[:64].strip("-")


@dataclass(frozen=True, slots=True)
class SnippetDraft:
    """A new snippet as the new-snippet dialog holds it; ``id`` "" means "from the
    title", ``replace`` that a personal snippet with this id may be replaced."""

    body: str
    trigger: str = ""
    title: str = ""
    id: str = ""
    replace: bool = False

    def snippet_id(self) -> str:
        """The id typed, else one made from the title (else from the trigger)."""
        return self.id.strip() or snippet_id_from(self.title) or snippet_id_from(self.trigger)


class NewSnippetDialog(Protocol):
    def ask_new_snippet(
        self, draft: SnippetDraft, save: Callable[[SnippetDraft], str | None]
    ) -> bool:
        """Show ``draft`` for the agent to complete. On Enter, call ``save`` with what
        the form holds: it returns None once saved (the dialog closes) or the problem,
        shown in the dialog, which stays open. True once saved, False when the agent
        cancels (Esc: nothing saved). Raises BackendError when it cannot open."""
        ...


class Dialogs(FillInDialog, ReplyPicker, InfoDialogs, Protocol):
    """Every window of the app's own: each call waits for the agent's answer."""


@dataclass(frozen=True, slots=True)
class PaletteItem:
    """One snippet as the search palette lists it: its ``pack:id`` and its line."""

    key: str
    label: str  # e.g. ";delay  Order delayed"


@dataclass(frozen=True, slots=True)
class PaletteChoice:
    """The agent's choice in the search palette: which snippet, insert it or copy it."""

    key: str
    action: Literal["insert", "copy"]


class SnippetPalette(Protocol):
    """The search palette: a search field over every snippet in effect."""

    def choose(
        self,
        search: Callable[[str], Sequence[PaletteItem]],
        preview: Callable[[str], str],
    ) -> PaletteChoice | None:
        """Show a search field and, at each keystroke, the items ``search`` gives for
        what it holds (``""`` at first), with the highlighted item's ``preview`` (by
        key); wait for the agent. Enter inserts, Ctrl+C copies, Esc (None) closes.
        Raises BackendError when it cannot open."""
        ...


# --- the tray, notifications, the system --------------------------------------------


@dataclass(frozen=True, slots=True)
class MenuItem:
    """A tray menu entry: its label (or a function giving the current one) and what
    it does. ``default`` marks the entry a click on the icon runs."""

    label: str | Callable[[], str]
    action: Callable[[], None]
    default: bool = False

    def text(self) -> str:
        return self.label() if callable(self.label) else self.label


Menu = Sequence[MenuItem | None]
"""A tray menu, top to bottom; None is a separator."""


class TrayIcon(Protocol):
    def show_state(self, paused: bool) -> None:
        """Show whether expansion is paused."""
        ...

    def stop(self) -> None:
        """End the tray's main loop (the app quits)."""
        ...


class Notifier(Protocol):
    def notify(self, title: str, message: str) -> None: ...


class Launcher(Protocol):
    """Hands files and pages to the desktop's own programs."""

    def open_folder(self, folder: Path) -> None: ...

    def open_page(self, page: Path) -> bool:
        """Open a local web page in the browser; False when no browser was found."""
        ...


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds from an arbitrary start, never going back."""
        ...

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        """Wait ``seconds`` or until ``stop`` is set; True if it was set."""
        ...


@dataclass(frozen=True)
class DesktopPorts:
    """The desktop as the controller sees it. One real object may fill several
    ports (the X11 keyboard is the key source, the injector, the hotkeys and the
    active window)."""

    keys: KeySource
    hotkeys: Hotkeys
    injector: TextInjector
    windows: ActiveWindow
    clipboard: SelectionClipboard
    dialogs: Dialogs
    launcher: Launcher
    clock: Clock
    snippet_dialog: NewSnippetDialog
    palette: SnippetPalette | None = None
