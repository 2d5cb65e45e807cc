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
from collections.abc import Mapping
from types import FrameType

from expander.desktop.controller import DesktopController
from expander.desktop.options import AppOptions
from expander.errors import BackendError
from expander.ports import DesktopPorts

__all__ = ["AppOptions", "check_desktop", "configure_logging", "run"]

log = logging.getLogger("expander")


def check_desktop(environ: Mapping[str, str] | None = None) -> None:
    """Raise :class:`BackendError` saying what is missing when no desktop is reachable."""
    env = os.environ if environ is None else environ
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        if not env.get("DISPLAY"):
            wayland = (
                " (a Wayland session without XWayland is not supported yet)"
                if env.get("WAYLAND_DISPLAY")
                else ""
            )
            raise BackendError(
                "Expander needs a graphical X11 session to watch keys and insert text, "
                f"but DISPLAY is not set{wayland}. Run it from your desktop session, or "
                "set DISPLAY (for a virtual screen: Xvfb :99 & DISPLAY=:99 expander run)."
            )
    else:
        raise BackendError(
            f"the desktop app does not support {sys.platform} yet; "
            "the library and the CLI work everywhere"
        )


def run(options: AppOptions) -> int:
    """Run the app until Quit, SIGINT or SIGTERM; returns the exit code."""
    from expander.desktop.backends.system import SystemClock, SystemLauncher
    from expander.desktop.backends.tk_dialogs import TkDialogs
    from expander.desktop.backends.tk_new_snippet import TkNewSnippetDialog
    from expander.desktop.backends.tk_palette import TkPalette
    from expander.desktop.backends.x11_clipboard import X11Clipboard
    from expander.desktop.backends.x11_keyboard import X11Keyboard

    check_desktop()
    # Windows and keys come before the suggestion index built in the background at
    # start: with Python's default 5 ms GIL switch interval the search palette's
    # first open right after start took 112-222 ms, with 1 ms 88-132 ms (4 runs each).
    sys.setswitchinterval(0.001)
    clipboard = X11Clipboard()
    keyboard = X11Keyboard(clipboard=clipboard)
    ports = DesktopPorts(
        keys=keyboard,
        hotkeys=keyboard,
        injector=keyboard,
        windows=keyboard,
        clipboard=clipboard,
        dialogs=TkDialogs(),
        launcher=SystemLauncher(),
        clock=SystemClock(),
        snippet_dialog=TkNewSnippetDialog(),
        palette=TkPalette(),
    )
    app = DesktopController(options, ports)
    keyboard.set_paste_keys(app.settings.expansion.paste_keys)  # read at start (docs/settings.md)

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
        clipboard.close()
    log.info("Expander stopped.")
    return 0


def configure_logging(verbose: bool) -> None:
    """Log to stderr. Typed text is never logged, at any level."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("PIL",):
        logging.getLogger(noisy).setLevel(logging.WARNING)
