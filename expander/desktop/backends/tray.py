"""The tray icon and its menu (pystray).

On Linux pystray uses AppIndicator (GNOME, KDE, most panels) or GTK's status
icon; both need PyGObject, which ``make run`` installs. The icon shows the
state: coloured while expanding, grey while paused. Menu actions run on the
tray's thread and must return quickly; long ones start their own thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from expander.errors import BackendError, log_failure
from expander.ports import Menu, MenuItem

__all__ = ["Tray"]

log = logging.getLogger(__name__)


def _icon_image(paused: bool) -> Any:
    from PIL import Image, ImageDraw

    size = 64
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    fill = (150, 150, 150, 255) if paused else (26, 115, 232, 255)
    draw.rounded_rectangle((4, 4, size - 4, size - 4), radius=14, fill=fill)
    # a speech bubble's three lines: canned replies
    for i, width in enumerate((36, 28, 20)):
        y = 20 + i * 10
        draw.rounded_rectangle((14, y, 14 + width, y + 5), radius=2, fill=(255, 255, 255, 255))
    if paused:
        draw.rectangle((40, 36, 45, 54), fill=(255, 255, 255, 255))
        draw.rectangle((50, 36, 55, 54), fill=(255, 255, 255, 255))
    return image


class Tray:
    """The tray icon; ``run()`` blocks (call it on the main thread) until ``stop()``."""

    def __init__(self, menu: Menu, name: str = "expander") -> None:
        self._stopping = False
        self._ready = False  # pystray called on_ready: its loop ran
        self._failed = False
        try:
            from gi.repository import GLib

            GLib.set_prgname(name)  # the icon's window class, not "__main__.py"
        except Exception:  # no PyGObject: pystray falls back to its xorg backend
            pass
        try:
            import pystray
        except Exception as exc:  # no display, or no backend usable here
            raise BackendError(f"no system tray support: {exc}") from exc
        self._pystray = pystray

        def act(callback: Callable[[], None]) -> Callable[[Any, Any], None]:
            def handler(icon: Any, item: Any) -> None:
                threading.Thread(target=self._safely, args=(callback,), daemon=True).start()

            return handler

        def label(entry: MenuItem) -> str | Callable[[Any], str]:
            return entry.label if isinstance(entry.label, str) else (lambda _: entry.text())

        menu_items = [
            pystray.Menu.SEPARATOR
            if entry is None
            else pystray.MenuItem(label(entry), act(entry.action), default=entry.default)
            for entry in menu
        ]
        pystray_menu = pystray.Menu(*menu_items)
        self.icon = pystray.Icon(name, _icon_image(False), "Expander", pystray_menu)
        self.has_menu = bool(getattr(self.icon, "HAS_MENU", True))

    @staticmethod
    def _safely(callback: Callable[[], None]) -> None:
        try:
            callback()
        except Exception as exc:  # no message: an action may hold a customer's e-mail
            log_failure(log, "a tray menu action failed", exc)

    @property
    def backend(self) -> str:
        return type(self.icon).__module__.rsplit(".", 1)[-1].lstrip("_")

    def run(self, setup: Callable[[], None] | None = None) -> None:
        def on_ready(icon: Any) -> None:
            self._ready = True
            if self._failed:  # released by the failure below: nothing to set up
                return
            if self._stopping:  # asked to stop before the loop ran: stop it now
                icon.stop()
                return
            icon.visible = True
            log.debug("The tray icon is shown.")
            if setup is not None:
                setup()

        if self._stopping:
            return
        try:
            self.icon.run(on_ready)
        except Exception:
            if not self._ready:
                self._release_setup()
            if not self._stopping:
                raise
            # pystray's teardown hides its last notification over D-Bus, which is
            # gone in a session without one: we are leaving anyway
            log.debug("the tray's teardown raised", exc_info=True)

    def _release_setup(self) -> None:
        """pystray runs ``on_ready`` on a thread of its own (not a daemon) that waits
        until the loop is ready; a loop that failed before that (no D-Bus, the display
        gone while it started) never is, and Python would wait for that thread at exit
        for ever. pystray's backends mark the loop ready with ``_mark_ready`` (a
        private name of pystray 0.19, the only way to release that thread)."""
        self._failed = True
        try:
            self.icon._mark_ready()
        except Exception:  # it updates the menu first, then releases the thread anyway
            log.debug("releasing the tray's setup thread raised", exc_info=True)

    def stop(self) -> None:
        self._stopping = True
        try:
            self.icon.stop()
        except Exception:  # GTK may complain on the way out; we are leaving anyway
            log.debug("tray stop raised", exc_info=True)

    def show_state(self, paused: bool) -> None:
        self.icon.icon = _icon_image(paused)
        self.icon.title = "Expander (paused)" if paused else "Expander"
        self.icon.update_menu()

    def notify(self, title: str, message: str) -> None:
        try:
            self.icon.notify(message, title)
        except Exception as exc:  # the xorg backend has no notifications
            # the controller logged the message already, unless it holds a customer's data
            log.info("notification %r not shown: %s", title, type(exc).__name__)
