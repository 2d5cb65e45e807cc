"""A GTK3 window for end-to-end tests through an input method, run as its own process.

It holds a ``Gtk.TextView`` (field ``"view"``, a client that announces surrounding
text to IBus) and a password ``Gtk.Entry`` with visibility off (field
``"password"``, content purpose PASSWORD). It answers one-line JSON commands on a
local TCP port (printed on stdout at start), like tk_target.py:
{"cmd": "get", "field": F} -> {"text": ..., "cursor": ...}, {"cmd": "clear", "field": F},
{"cmd": "focus", "field": F} -> {"window": X window id}, {"cmd": "info"} ->
{"im": GTK_IM_MODULE, "focus": the field that has the focus}.
GTK is not thread-safe: the socket thread hands commands to GTK's own loop.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("GdkX11", "3.0")
from command_server import CommandServer  # noqa: E402  (this folder: run as a script)
from gi.repository import GdkX11, GLib, Gtk  # noqa: E402


def main() -> None:
    title = sys.argv[1] if len(sys.argv) > 1 else "expander-e2e-gtk"
    window = Gtk.Window(title=title)
    window.set_default_size(900, 500)
    window.move(0, 0)
    box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
    view = Gtk.TextView()
    view.set_size_request(880, 400)
    password = Gtk.Entry()
    password.set_visibility(False)
    password.set_input_purpose(Gtk.InputPurpose.PASSWORD)
    box.pack_start(view, True, True, 0)
    box.pack_start(password, False, False, 0)
    window.add(box)
    window.connect("destroy", lambda *_: Gtk.main_quit())
    window.show_all()

    def get(field: str) -> dict[str, Any]:
        if field == "password":
            return {"text": password.get_text(), "cursor": password.get_position()}
        buffer = view.get_buffer()
        text = buffer.get_text(buffer.get_start_iter(), buffer.get_end_iter(), True)
        insert = buffer.get_iter_at_mark(buffer.get_insert())
        return {"text": text, "cursor": insert.get_offset()}

    def handle(request: dict[str, Any]) -> dict[str, Any]:
        cmd = request.get("cmd")
        field = request.get("field", "view")
        if field not in ("view", "password"):
            return {"error": f"unknown field {field!r}"}
        if cmd == "get":
            return get(field)
        if cmd == "clear":
            if field == "password":
                password.set_text("")
            else:
                view.get_buffer().set_text("")
            return {"ok": True}
        if cmd == "focus":
            gdk_window = window.get_window()
            window.present_with_time(GdkX11.x11_get_server_time(gdk_window))
            (password if field == "password" else view).grab_focus()
            return {"ok": True, "window": gdk_window.get_xid()}
        if cmd == "info":
            focus = window.get_focus()
            name = "password" if focus is password else "view" if focus is view else None
            return {
                "im": os.environ.get("GTK_IM_MODULE"),
                "focus": name,
                "has_toplevel_focus": window.has_toplevel_focus(),
            }
        return {"error": f"unknown command {cmd!r}"}

    server = CommandServer(handle, wake=lambda: GLib.idle_add(lambda: server.pump()))
    Gtk.main()


if __name__ == "__main__":
    main()
