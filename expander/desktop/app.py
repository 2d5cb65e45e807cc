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
from collections.abc import Callable, Mapping
from types import FrameType
from typing import Any

from expander.desktop.controller import DesktopController
from expander.desktop.options import AppOptions, choose_backend
from expander.errors import BackendError
from expander.ports import DesktopPorts

__all__ = ["AppOptions", "check_desktop", "configure_logging", "run"]

log = logging.getLogger("expander")


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
    """Run the app until Quit, SIGINT or SIGTERM; returns the exit code."""
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
    hotkeys = app.start()
    tray = None
    if options.tray:
        try:
            from expander.desktop.backends.tray import Tray

            tray = Tray(app.menu())
            app.attach_tray(tray, tray)
        except BackendError as exc:
            log.info("No tray icon (%s); use the hotkeys.", exc)
    app.announce_running(hotkeys)
    try:
        if tray is not None:
            log.info("Tray icon started (%s backend).", tray.backend)
            tray.run()
        else:
            while not app.stopping.wait(0.5):
                pass
    finally:
        app.shutdown()
        for close in closing:
            close()
    log.info("Expander stopped.")
    return 0


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
