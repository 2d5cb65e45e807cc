"""Typing targets for input-method (IBus) end-to-end tests: a GTK3 window and mousepad.

Each is a harness.Target read back without typing through the input method:
:class:`GtkTarget` over gtk_target.py's socket, :class:`MousepadTarget` over
AT-SPI (the accessibility bus of the client's D-Bus session). Start them with
the ``env`` of a tests.desktop.ibus_session.IBusSession so their IM module is IBus.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from typing import Any, Literal

from tests.desktop import harness
from tests.waiting import wait_until

GtkField = Literal["view", "password"]


class GtkTarget(harness.TkTarget):
    """gtk_target.py: a GTK3 text view (``field="view"``, announces surrounding text)
    and a password entry (``field="password"``); :meth:`field` gives the other one
    as a Target sharing the window."""

    program = "gtk_target.py"

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        title: str = "expander-e2e-gtk",
        field: GtkField = "view",
    ) -> None:
        self.name: GtkField = field
        self.window = ""
        super().__init__(title, env)

    def field(self, name: GtkField) -> GtkTarget:
        """The same window as a Target for the field ``name`` (closing it closes both)."""
        other = object.__new__(GtkTarget)
        other.__dict__.update(self.__dict__)
        other.name = name
        return other

    def text(self) -> str:
        return str(self.call(cmd="get", field=self.name)["text"])

    def cursor(self) -> int:
        return int(self.call(cmd="get", field=self.name)["cursor"])

    def clear(self) -> None:
        self.call(cmd="clear", field=self.name)

    def focus(self) -> None:
        """Give the window the X focus and the field the GTK focus, and wait until
        GTK says both (its IM context gets focus_in then)."""
        self.window = str(self.call(cmd="focus", field=self.name)["window"])
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], check=True,
                       timeout=10, capture_output=True)  # fmt: skip

        def focused() -> bool:
            info = self.call(cmd="info")
            return bool(info["has_toplevel_focus"]) and info["focus"] == self.name

        if not wait_until(focused, 5, 0.02):
            raise RuntimeError(
                f"the GTK {self.name} did not take the focus: {self.call(cmd='info')}"
            )
        # no wait for ibus-daemon: GTK sent the IM context's FocusIn when the field
        # took the focus, on the connection the keys' ProcessKeyEvent calls follow


# --- mousepad, read back over AT-SPI -----------------------------------------------------

ATSPI_ROLE_TEXT = 61
ATSPI_STATE_FOCUSED = 12
_ROOT = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")


class AtspiBus:
    """The accessibility bus of a D-Bus session, spoken with Gio (no pyatspi, which
    Debian's python3-pyatspi would need outside the venv)."""

    def __init__(self, session_bus_address: str) -> None:
        from gi.repository import Gio  # the venv's PyGObject (the tray's dependency)

        self.Gio = Gio
        flags = (Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
                 | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION)  # fmt: skip
        session = Gio.DBusConnection.new_for_address_sync(session_bus_address, flags, None, None)
        address = self._call(session, ("org.a11y.Bus", "/org/a11y/bus"), "org.a11y.Bus",
                             "GetAddress", None)[0]  # fmt: skip
        session.close_sync(None)
        self.conn = Gio.DBusConnection.new_for_address_sync(address, flags, None, None)

    def _call(self, conn: Any, node: tuple[str, str], interface: str, method: str,
              args: Any) -> Any:  # fmt: skip
        result = conn.call_sync(node[0], node[1], interface, method, args, None,
                                self.Gio.DBusCallFlags.NONE, 5000, None)  # fmt: skip
        return result.unpack()

    def call(self, node: tuple[str, str], interface: str, method: str, args: Any = None) -> Any:
        return self._call(self.conn, node, f"org.a11y.atspi.{interface}", method, args)

    def prop(self, node: tuple[str, str], interface: str, name: str) -> Any:
        from gi.repository import GLib

        args = GLib.Variant("(ss)", (f"org.a11y.atspi.{interface}", name))
        return self._call(self.conn, node, "org.freedesktop.DBus.Properties", "Get", args)[0]

    def children(self, node: tuple[str, str]) -> list[tuple[str, str]]:
        return [tuple(c) for c in self.call(node, "Accessible", "GetChildren")[0]]

    def find(self, app_name: str, role: int, depth: int = 12) -> tuple[str, str] | None:
        """The first accessible with ``role`` in the application named ``app_name``."""
        for app in self.children(_ROOT):
            try:
                if self.prop(app, "Accessible", "Name") != app_name:
                    continue
            except Exception:  # an application that left: ignore it
                continue
            found = self._search(app, role, depth)
            if found is not None:
                return found
        return None

    def _search(self, node: tuple[str, str], role: int, depth: int) -> tuple[str, str] | None:
        if self.call(node, "Accessible", "GetRole")[0] == role:
            return node
        if depth == 0:
            return None
        for child in self.children(node):
            found = self._search(child, role, depth - 1)
            if found is not None:
                return found
        return None

    def close(self) -> None:
        self.conn.close_sync(None)


class MousepadTarget(harness.Waiting):
    """Debian's mousepad, its text read back and cleared over AT-SPI, never by keys
    (which would go through the input method and the engine's buffer)."""

    title = "Untitled 1 - Mousepad"

    def __init__(self, env: Mapping[str, str], timeout: float = 30) -> None:
        harness.require_programs("mousepad")
        self.proc = subprocess.Popen(
            ["mousepad", "--disable-server"], env=dict(env), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        try:
            if not wait_until(lambda: harness.window_named(self.title) is not None, timeout, 0.1):
                raise RuntimeError("mousepad's window did not appear")
            self.window = str(harness.window_named(self.title))
            self.atspi = AtspiBus(env["DBUS_SESSION_BUS_ADDRESS"])
            found: list[tuple[str, str]] = []

            def registered() -> bool:
                node = self.atspi.find("mousepad", ATSPI_ROLE_TEXT)
                found[:] = [node] if node else []
                return bool(found)

            if not wait_until(registered, timeout, 0.2):
                raise RuntimeError("mousepad's text view is not on the accessibility bus")
            self.node = found[0]
            self.focus()
        except BaseException:
            self.close()
            raise

    def text(self) -> str:
        return str(self.atspi.call(self.node, "Text", "GetText", _ints(0, -1))[0])

    def cursor(self) -> int:
        return int(self.atspi.prop(self.node, "Text", "CaretOffset"))

    def clear(self) -> None:
        from gi.repository import GLib

        self.atspi.call(self.node, "EditableText", "SetTextContents", GLib.Variant("(s)", ("",)))
        if not wait_until(lambda: self.text() == "", 5):
            raise RuntimeError("mousepad's text was not cleared")

    def focus(self) -> None:
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], check=True,
                       timeout=10, capture_output=True)  # fmt: skip
        self.atspi.call(self.node, "Component", "GrabFocus")
        if not wait_until(self.focused, 5, 0.02):
            raise RuntimeError("mousepad's text view did not take the focus")

    def focused(self) -> bool:
        """Whether the text view has the keyboard focus (AT-SPI state FOCUSED)."""
        low, high = self.atspi.call(self.node, "Accessible", "GetState")[0]
        bits = low | high << 32
        return bool(bits & 1 << ATSPI_STATE_FOCUSED)

    def close(self) -> None:
        if hasattr(self, "atspi"):
            self.atspi.close()
        harness.kill_group(self.proc)


def _ints(*values: int) -> Any:
    from gi.repository import GLib

    return GLib.Variant("(" + "i" * len(values) + ")", values)
