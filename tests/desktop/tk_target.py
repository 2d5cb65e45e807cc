"""A Tk text box for end-to-end tests, run as its own process.

It takes keyboard focus and answers one-line JSON commands on a local TCP port
(printed on stdout at start): {"cmd": "get"} -> {"text": ..., "cursor": ...},
{"cmd": "clear"}, {"cmd": "focus"}, {"cmd": "set_clipboard", "text": ...},
{"cmd": "keys"} -> {"keys": [keysym, ...]} (every key press the text box got,
since the last {"cmd": "clear_keys"}).
Tk is not thread-safe: the socket thread hands commands to Tk's own loop.
"""

from __future__ import annotations

import sys
import tkinter as tk
from typing import Any

from command_server import CommandServer  # this folder: run as a script


def main() -> None:
    class_name = sys.argv[1] if len(sys.argv) > 1 else "Tk"
    root = tk.Tk(className=class_name)
    root.title(f"expander-e2e-{class_name.lower()}")
    root.geometry("900x500+0+0")
    text = tk.Text(root, width=100, height=30)
    text.pack(fill="both", expand=True)
    pressed: list[str] = []
    # on the widget's own tag, which comes first: the Text class binding of Ctrl+Alt+key
    # ends with "break", so a binding on "all" never sees it
    text.bind("<KeyPress>", lambda event: pressed.append(event.keysym), "+")

    def handle(request: dict[str, Any]) -> dict[str, Any]:
        cmd = request.get("cmd")
        if cmd == "get":
            content = text.get("1.0", "end-1c")
            cursor = text.count("1.0", "insert", "chars")
            return {"text": content, "cursor": int(cursor[0]) if cursor else 0}
        if cmd == "clear":
            text.delete("1.0", "end")
            return {"ok": True}
        if cmd == "focus":
            root.focus_force()
            text.focus_force()
            return {"ok": True, "window": root.winfo_id()}
        if cmd == "keys":
            return {"keys": list(pressed)}
        if cmd == "clear_keys":
            pressed.clear()
            return {"ok": True}
        if cmd == "set_clipboard":
            root.clipboard_clear()
            root.clipboard_append(request["text"])
            return {"ok": True}
        return {"error": f"unknown command {cmd!r}"}

    server = CommandServer(handle)

    def pump() -> None:
        server.pump()
        root.after(5, pump)

    root.after(50, lambda: (root.focus_force(), text.focus_force()))
    root.after(5, pump)
    root.mainloop()


if __name__ == "__main__":
    main()
