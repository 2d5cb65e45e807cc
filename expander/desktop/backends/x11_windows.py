"""Which application has the keyboard focus on X11, for exclusions.

Exclusion rules match a window's WM_CLASS (instance and class) or its title.
X gives keyboard focus to some window, not necessarily the one that carries
those properties: toolkits often focus a child of their top-level window, and
with no focus window at all (PointerRoot) keys go to whatever is under the
pointer. :func:`focused_window_info` finds the window an exclusion rule means,
with plain python-xlib requests (a few round trips, no subprocess), and never
raises because a window vanished while it looked.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

import Xlib.threaded  # noqa: F401  (python-xlib's locks: imported before any Display)
from Xlib import X, Xatom, display, error

from expander.errors import BackendError

__all__ = ["WindowInfo", "X11Windows", "focused_window_info"]

log = logging.getLogger("expander")

_MAX_DEPTH = 32  # deeper than any real window tree; stops a walk in a broken one
_PROPERTY_LONGS = 1024  # 4 KiB: one GetProperty request reads a whole class or title
_POINTER_ROOT = 1  # X.PointerRoot: the focus follows the pointer


@dataclass(frozen=True, slots=True)
class WindowInfo:
    """The application window that has the keyboard focus.

    ``window_id`` is the window that carries ``WM_CLASS`` (the application's
    top-level window), or the focus window itself when no window up the tree
    has one (0 when nothing has the focus). ``wm_class`` is ``(instance,
    class)``, e.g. ``("keepassxc", "KeePassXC")``, or ``()`` when unknown;
    ``title`` is the window's title, or ``""``.
    """

    window_id: int
    wm_class: tuple[str, ...] = ()
    title: str = ""

    @property
    def instance(self) -> str:
        """The WM_CLASS instance name (the first string), or ``""``."""
        return self.wm_class[0] if self.wm_class else ""

    @property
    def class_name(self) -> str:
        """The WM_CLASS class name (the second string), or ``""``."""
        return self.wm_class[1] if len(self.wm_class) > 1 else ""


def focused_window_info(display: Any) -> WindowInfo:
    """What the keyboard focus is on now, as exclusion rules see it.

    Walks up from the input-focus window to the first window with
    ``WM_CLASS`` and reads its title (``_NET_WM_NAME``, else ``WM_NAME``,
    UTF-8 decoded). When the focus follows the pointer it walks down to the
    window under the pointer instead. A window that disappears mid-walk, a
    focus on the root window or no focus at all give a ``WindowInfo`` with an
    empty class and title; an X error never escapes. ``display`` is an
    ``Xlib.display.Display``; like every python-xlib call, this one must not
    run on the same display from two threads at once.
    """
    focus_id = 0
    try:
        focus = display.get_input_focus().focus
        if isinstance(focus, int):  # X.NONE or X.PointerRoot
            if focus != _POINTER_ROOT:
                return WindowInfo(0)
            return _under_pointer(display)
        focus_id = int(focus.id)
        return _walk_up(display, focus)
    except (error.XError, error.ConnectionClosedError):
        return WindowInfo(focus_id)


def _walk_up(display: Any, window: Any) -> WindowInfo:
    focus_id = int(window.id)
    for _ in range(_MAX_DEPTH):
        wm_class = _wm_class(display, window)
        if wm_class:
            return WindowInfo(int(window.id), wm_class, _title(display, window))
        tree = window.query_tree()
        parent = tree.parent
        if not parent or isinstance(parent, int) or parent.id == tree.root.id:
            break
        window = parent
    return WindowInfo(focus_id)


def _under_pointer(display: Any) -> WindowInfo:
    """With PointerRoot focus keys go to the window under the pointer: find it."""
    window = display.screen().root
    for _ in range(_MAX_DEPTH):
        child = window.query_pointer().child
        if not child or isinstance(child, int):
            break
        window = child
        wm_class = _wm_class(display, window)
        if wm_class:
            return WindowInfo(int(window.id), wm_class, _title(display, window))
    return WindowInfo(0)


def _wm_class(display: Any, window: Any) -> tuple[str, ...]:
    value = _text_property(display, window, Xatom.WM_CLASS)
    if not value:
        return ()
    return tuple(value.rstrip("\0").split("\0"))


def _title(display: Any, window: Any) -> str:
    title = _text_property(display, window, display.get_atom("_NET_WM_NAME"))
    if title is None:
        title = _text_property(display, window, Xatom.WM_NAME)
    return title or ""


def _text_property(display: Any, window: Any, atom: int) -> str | None:
    """A text property of any type, decoded: UTF-8 first (Tk and most toolkits
    put UTF-8 even in STRING properties), else Latin-1 (what ICCCM's STRING is)."""
    prop = window.get_full_property(atom, X.AnyPropertyType, _PROPERTY_LONGS)
    if prop is None or prop.format != 8:
        return None
    raw = prop.value
    if isinstance(raw, str):
        return raw
    data = bytes(raw)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


class X11Windows:
    """The ActiveWindow port: which X window has the focus, and giving it back.

    The X11 keyboard passes its own connection and lock; a key source that is
    not X11's (the IBus engine in an X session) gets a connection of its own.
    """

    def __init__(
        self,
        display_name: str | None = None,
        *,
        connection: Any = None,
        lock: threading.RLock | None = None,
    ) -> None:
        if connection is None:
            try:
                connection = display.Display(display_name)
            except (error.DisplayError, OSError) as exc:
                raise BackendError(f"cannot open the X display: {exc}") from exc
        self._display = connection
        self._lock = lock or threading.RLock()

    def focused_window(self) -> int:
        """The X window that has keyboard focus now."""
        with self._lock:
            focus = self._display.get_input_focus().focus
            return int(getattr(focus, "id", focus))

    def focus_window(self, window_id: int) -> None:
        """Give keyboard focus back to a window (there may be no window manager)."""
        with self._lock:
            try:
                window = self._display.create_resource_object("window", window_id)
                window.set_input_focus(X.RevertToParent, X.CurrentTime)
                self._display.sync()
            except error.XError:
                log.info("the window that had focus is gone")

    def focused_window_info(self) -> tuple[tuple[str, ...], str]:
        """The focused window's WM_CLASS strings and title, for exclusions."""
        with self._lock:
            info = focused_window_info(self._display)
        return info.wm_class, info.title

    def close(self) -> None:
        with self._lock:
            self._display.close()
