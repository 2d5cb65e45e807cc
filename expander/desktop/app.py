"""The composition root: the one place that builds the real backends and runs the app.

Every decision lives in :class:`~expander.desktop.controller.DesktopController`;
here the X11 keyboard and clipboard, the Tk dialogs and the pystray tray are
created, handed to it, and the main loop runs (the tray's, or a wait for Quit
when there is no tray) on the main thread.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from types import FrameType
from typing import Any

from expander.desktop.controller import DesktopController
from expander.desktop.options import AppOptions, choose_backend
from expander.errors import BackendError, log_failure
from expander.ports import DesktopPorts

__all__ = ["EXIT_DISPLAY_LOST", "AppOptions", "check_desktop", "configure_logging", "run"]

log = logging.getLogger("expander")

EXIT_DISPLAY_LOST = 1
"""The exit code when the X display went away under the app: the CLI's error code,
since the app did not stop because the agent asked it to."""
_SHUTDOWN_GRACE = 3.0  # seconds a shutdown on a dead display may take before we leave
_WATCH_DELAY = 2.0  # seconds the display watch may take to see what a dying thread saw


def check_desktop(environ: Mapping[str, str] | None = None, backend: str = "x11") -> None:
    """Raise :class:`BackendError` saying what is missing when no desktop is reachable
    for ``backend`` ("x11" or "ibus")."""
    env = os.environ if environ is None else environ
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        if not env.get("DISPLAY"):
            if env.get("WAYLAND_DISPLAY"):
                raise BackendError(
                    "Expander's windows (dialogs, picker, palette) need XWayland, but DISPLAY "
                    "is not set in this Wayland session: enable XWayland, or log in to an "
                    "X11 session."
                )
            raise BackendError(
                "Expander needs a graphical session to watch keys and insert text, "
                "but DISPLAY is not set. Run it from your desktop session, or "
                "set DISPLAY (for a virtual screen: Xvfb :99 & DISPLAY=:99 expander run)."
            )
        if backend == "x11" and (
            env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland"
        ):
            log.warning(
                "This is a Wayland session: the x11 backend sees and types only in X11 "
                "(XWayland) windows. 'expander run --backend ibus' works in every window."
            )
    else:
        raise BackendError(
            f"the desktop app does not support {sys.platform} yet; "
            "the library and the CLI work everywhere"
        )


def run(options: AppOptions) -> int:
    """Run the app until Quit, SIGINT, SIGTERM or the end of the X display; returns
    the exit code (0, or :data:`EXIT_DISPLAY_LOST`)."""
    from expander.desktop.backends.display_watch import DisplayWatch, on_xlib_io_error

    backend = choose_backend(options.backend, os.environ)
    check_desktop(backend=backend)
    # Windows and keys come before the suggestion index built in the background at
    # start: with Python's default 5 ms GIL switch interval the search palette's
    # first open right after start took 112-222 ms, with 1 ms 88-132 ms (4 runs each).
    # With IBus every key waits for our engine's answer: the same switch keeps it short.
    sys.setswitchinterval(0.001)
    ports, closing = _ports(backend)
    log.info("Keyboard backend: %s", backend)
    app = DesktopController(options, ports)
    set_paste_keys = getattr(ports.injector, "set_paste_keys", None)
    if set_paste_keys is not None:  # X11 pastes with keys (IBus commits): read at start
        set_paste_keys(app.settings.expansion.paste_keys)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        app.quit()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    ending = _Ending(app, closing)
    previous_hook = threading.excepthook
    threading.excepthook = _thread_failure_hook(ending.display_lost)
    closing.insert(0, DisplayWatch(ending.lose_display).close)

    def end_on_io_error() -> None:
        # libX11 (the tray's GTK or a Tk dialog) read end of file from the server: it
        # would end the process right away; shut down first, as on Quit
        ending.lose_display()
        ending.shut_down()
        logging.shutdown()
        os._exit(EXIT_DISPLAY_LOST)

    restore_io_handler = None
    try:
        hotkeys = app.start()
        tray = None
        if options.tray:
            try:
                from expander.desktop.backends.tray import Tray

                tray = Tray(app.menu())
                app.attach_tray(tray, tray)
            except BackendError as exc:
                log.info("No tray icon (%s); use the hotkeys.", exc)
        # after the tray: GDK sets its own handler when it opens the display
        restore_io_handler = on_xlib_io_error(end_on_io_error)
        app.announce_running(hotkeys)
        if tray is not None:
            log.info("Tray icon started (%s backend).", tray.backend)
            tray.run()
        else:
            while not app.stopping.wait(0.5):
                pass
    finally:
        ending.shut_down()
        if restore_io_handler is not None:
            restore_io_handler()
        threading.excepthook = previous_hook
    return EXIT_DISPLAY_LOST if ending.display_lost.is_set() else 0


class _Ending:
    """How the app ends, each step once, whichever thread comes first: Quit or a
    signal on the main thread, the display watch's thread, libX11's I/O error
    handler on the thread that read from the dead display."""

    def __init__(self, app: DesktopController, closing: list[Callable[[], None]]) -> None:
        self.app = app
        self.closing = closing
        self.display_lost = threading.Event()
        self._lost_lock = threading.Lock()
        # reentrant: a step of the shutdown may itself meet the dead display and
        # land in the I/O error handler, on this same thread
        self._shutdown_lock = threading.RLock()
        self._shut_down = False

    def lose_display(self) -> None:
        with self._lost_lock:
            if self.display_lost.is_set():
                return
            self.display_lost.set()
        log.warning(
            "The X display %s closed (the desktop session ended or the X server "
            "stopped): Expander stops.",
            os.environ.get("DISPLAY", ""),
        )
        self.app.quit()

    def shut_down(self) -> None:
        """Stop the app and close the backends, once; a second caller waits for the
        first to finish."""
        with self._shutdown_lock:
            if self._shut_down:
                return
            self._shut_down = True
            steps = [self.app.shutdown, *self.closing]
            if not self.display_lost.is_set():
                for step in steps:
                    step()
            else:
                # on a dead display every step may fail, or wait for a reply that
                # never comes: each runs, quietly, for a few seconds at most
                finisher = threading.Thread(
                    target=_each_quietly, args=(steps,), name="shutdown", daemon=True
                )
                finisher.start()
                finisher.join(_SHUTDOWN_GRACE)
            log.info("Expander stopped.")


def _thread_failure_hook(
    display_lost: threading.Event,
) -> Callable[[threading.ExceptHookArgs], None]:
    """What a thread that dies of an exception does: one that died of the lost X
    display (every X thread does then) says nothing more, once the display watch
    has said it; anything else is logged with its type and frames, never its
    message, which may quote typed text."""
    from expander.desktop.backends.display_watch import is_display_lost

    def hook(args: threading.ExceptHookArgs) -> None:
        exc = args.exc_value
        if exc is None or isinstance(exc, SystemExit):
            return
        # the watch, not the error's kind, tells a lost display: a broken pipe of
        # some other connection must still be reported; it may see the end a moment
        # after this thread did
        name = args.thread.name if args.thread is not None else "a"
        if is_display_lost(exc) and display_lost.wait(_WATCH_DELAY):
            log.debug("the %s thread stopped: the X display closed", name)
            return
        log_failure(log, f"the {name} thread stopped", exc)

    return hook


def _each_quietly(actions: list[Callable[[], None]]) -> None:
    for action in actions:
        try:
            action()
        except Exception as exc:  # the display is gone: what still fails is moot
            log.debug("shutting down after the display closed: %s", type(exc).__name__)


def _ports(backend: str) -> tuple[DesktopPorts, list[Callable[[], None]]]:
    """The real backends for ``backend``, and what to close when the app ends."""
    from expander.desktop.backends.system import SystemClock, SystemLauncher
    from expander.desktop.backends.tk_dialogs import TkDialogs
    from expander.desktop.backends.tk_new_snippet import TkNewSnippetDialog
    from expander.desktop.backends.tk_palette import TkPalette
    from expander.desktop.backends.wayland_clipboard import (
        WaylandClipboard,
        wl_clipboard_installed,
    )
    from expander.desktop.backends.x11_clipboard import X11Clipboard

    wayland = bool(os.environ.get("WAYLAND_DISPLAY"))
    clipboard: Any
    if backend == "ibus" and wayland and wl_clipboard_installed():
        clipboard = WaylandClipboard()
    else:
        if backend == "ibus" and wayland:
            log.warning(
                "wl-clipboard is not installed: the clipboard is read through XWayland, "
                "which may miss what Wayland windows copied (sudo apt install wl-clipboard)"
            )
        clipboard = X11Clipboard()
    closing: list[Callable[[], None]] = [clipboard.close]
    keyboard: Any
    windows: Any
    if backend == "ibus":
        from expander.desktop.backends.ibus_keyboard import IBusKeyboard

        x11_windows = None
        if not wayland:
            # X11 with IBus: X knows the focused window (exclusions by class and title,
            # the focus given back after a dialog)
            from expander.desktop.backends.x11_windows import X11Windows

            x11_windows = X11Windows()
            closing.append(x11_windows.close)
        keyboard = IBusKeyboard(select=True, windows=x11_windows)
        windows = keyboard
    else:
        from expander.desktop.backends.x11_keyboard import X11Keyboard

        keyboard = X11Keyboard(clipboard=clipboard)
        windows = keyboard
    ports = DesktopPorts(
        keys=keyboard,
        hotkeys=keyboard,
        injector=keyboard,
        windows=windows,
        clipboard=clipboard,
        dialogs=TkDialogs(),
        launcher=SystemLauncher(),
        clock=SystemClock(),
        snippet_dialog=TkNewSnippetDialog(),
        palette=TkPalette(),
    )
    return ports, closing


def configure_logging(verbose: bool) -> None:
    """Log to stderr. Typed text is never logged, at any level."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("PIL",):
        logging.getLogger(noisy).setLevel(logging.WARNING)
