"""Notices that the X server went away: the desktop session ended, or the X server
stopped or crashed.

Every X client of the app (pynput's listener, the clipboard, the hotkeys, the
tray's GTK, Tk's dialogs) then fails on its own thread, each its own way: python-xlib
raises on whichever thread reads next, and GTK and Tk end the process from C.
Without a watch the app printed a traceback per thread and, with no tray, ran on
deaf and blind. :class:`DisplayWatch` holds one idle connection of its own whose
only job is to see the server close it; :func:`on_xlib_io_error` takes over the C
library's fatal-error exit, so the app can say so in one line and shut down first.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import socket
import threading
from collections.abc import Callable
from typing import Any

import Xlib.threaded  # noqa: F401  (python-xlib's locks: imported before any Display)
from Xlib import display, error

from expander.errors import BackendError

__all__ = ["DisplayWatch", "is_display_lost", "on_xlib_io_error"]

log = logging.getLogger("expander")

# What python-xlib raises on a thread that used the connection after the server
# closed it (a write gets EPIPE, a read ECONNRESET or end of file).
_LOST_ERRORS: tuple[type[BaseException], ...] = (
    error.ConnectionClosedError,
    BrokenPipeError,
    ConnectionResetError,
)


def is_display_lost(exc: BaseException) -> bool:
    """Whether ``exc`` (or what it was raised from) says the X connection is gone."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, _LOST_ERRORS):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


class DisplayWatch:
    """Calls ``on_lost`` once, on a thread of its own, when the X server closes the
    connection; never for :meth:`close`."""

    def __init__(self, on_lost: Callable[[], object], display_name: str | None = None) -> None:
        try:
            self._display: Any = display.Display(display_name)
        except (error.DisplayError, OSError) as exc:
            raise BackendError(f"cannot connect to the X display: {exc}") from exc
        self._on_lost = on_lost
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="display-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while True:
                # no window of ours selects any event: this blocks, idle, until the
                # server sends an error or goes away
                self._display.next_event()
        except Exception as exc:
            if self._closing.is_set():
                return
            if not is_display_lost(exc):
                log.debug("the display watch stopped: %s", type(exc).__name__)
                return
        self._on_lost()

    @property
    def watching(self) -> bool:
        return self._thread.is_alive()

    def close(self) -> None:
        """Stop watching. Shutting the socket down wakes the blocked read (closing
        the display from this thread would wait for that read's lock)."""
        self._closing.set()
        try:
            self._display.display.socket.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # the server closed it already
        self._thread.join(2)


# int (*XIOErrorHandler)(Display *)
_IO_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
_installed: list[Any] = []  # the C callback lives as long as the process


def on_xlib_io_error(handler: Callable[[], object]) -> Callable[[], None] | None:
    """Have libX11 call ``handler`` (which must end the process, e.g. with
    ``os._exit``) on a fatal I/O error, instead of GDK's or Xlib's own handler
    that ends it at once. libX11 keeps one handler for the whole process, and GDK
    sets its own when it opens the display: call this after the tray started.
    Returns what puts the previous handler back, or None when libX11 cannot be
    loaded (then nothing changed)."""
    name = ctypes.util.find_library("X11")
    if name is None:
        return None
    try:
        libx11 = ctypes.CDLL(name)
    except OSError:
        return None

    def fatal(_display: int | None) -> int:
        handler()
        return 0  # only if the handler returned: libX11 then exits the process

    callback = _IO_ERROR_HANDLER(fatal)
    libx11.XSetIOErrorHandler.argtypes = [_IO_ERROR_HANDLER]
    libx11.XSetIOErrorHandler.restype = _IO_ERROR_HANDLER
    previous = libx11.XSetIOErrorHandler(callback)
    _installed.append(callback)  # libX11 may call it until the process ends

    def restore() -> None:
        libx11.XSetIOErrorHandler(previous)

    return restore
