"""The search palette: a small Tk window with a search field over every snippet.

Each keystroke in the field asks the controller's ``search`` for the snippets
to list (the most used ones while it is empty); the highlighted one is
previewed filled in. Up/Down move, Enter inserts, Ctrl+C copies, Esc closes.
Like the other dialogs it runs its own Tk interpreter in the calling thread
(:class:`~expander.desktop.backends.tk_dialogs._Window`) and takes the focus
itself, since there may be no window manager.
"""

from __future__ import annotations

import logging
import time
import tkinter as tk
from collections.abc import Callable, Sequence
from typing import Literal

from expander.desktop.backends.tk_dialogs import _Window
from expander.ports import PaletteChoice, PaletteItem

__all__ = ["PALETTE_TITLE", "TkPalette", "choose"]

PALETTE_TITLE = "Expander: search snippets"

log = logging.getLogger("expander")

_HINT = "Type words of a snippet · ↑/↓ choose · Enter insert · Ctrl+C copy · Esc close"
_ROWS = 10


def choose(
    search: Callable[[str], Sequence[PaletteItem]], preview: Callable[[str], str]
) -> PaletteChoice | None:
    """Show the palette and wait; None when the agent closed it (Esc).
    Raises BackendError when no window can open."""
    started = time.perf_counter()
    with _Window(PALETTE_TITLE) as window:
        root = window.root
        query = tk.StringVar(root)
        entry = tk.Entry(root, textvariable=query, width=70)
        entry.pack(fill="x", padx=8, pady=(8, 4))
        listbox = tk.Listbox(root, height=_ROWS, exportselection=False, activestyle="none")
        listbox.pack(fill="x", padx=8)
        shown = tk.Text(root, wrap="word", height=10, width=70, state="disabled")
        shown.pack(fill="both", expand=True, padx=8, pady=4)
        tk.Label(root, text=_HINT, anchor="w", fg="#555").pack(fill="x", padx=8, pady=(0, 8))
        items: list[PaletteItem] = []
        logged: list[bool] = []

        def current() -> int:
            selection = listbox.curselection()  # type: ignore[no-untyped-call]
            return int(selection[0]) if selection else 0

        def show(index: int) -> None:
            text = preview(items[index].key) if items else "No snippet matches."
            shown.configure(state="normal")
            shown.delete("1.0", "end")
            shown.insert("1.0", text)
            shown.configure(state="disabled")

        def select(index: int) -> None:
            if items:
                listbox.selection_clear(0, "end")
                listbox.selection_set(index)
                listbox.see(index)
            show(index)

        def refresh(*_: object) -> None:
            items[:] = search(query.get())
            listbox.delete(0, "end")
            for item in items:
                listbox.insert("end", item.label)
            select(0)

        def move(step: int) -> str:
            if items:
                select(max(0, min(len(items) - 1, current() + step)))
            return "break"

        def finish(action: Literal["insert", "copy"] | None) -> str:
            if action is None:
                return window.finish(None)
            if items:
                return window.finish(PaletteChoice(items[current()].key, action))
            return "break"

        def mapped(_: object) -> None:
            if not logged:
                logged.append(True)
                elapsed = (time.perf_counter() - started) * 1000
                log.info("the search palette showed in %.0f ms", elapsed)

        for widget in (entry, listbox):
            widget.bind("<Up>", lambda e: move(-1))
            widget.bind("<Down>", lambda e: move(1))
            widget.bind("<Prior>", lambda e: move(-_ROWS))
            widget.bind("<Next>", lambda e: move(_ROWS))
            widget.bind("<Return>", lambda e: finish("insert"))
            widget.bind("<KP_Enter>", lambda e: finish("insert"))
            widget.bind("<Control-c>", lambda e: finish("copy"))
            widget.bind("<Escape>", lambda e: finish(None))
        listbox.bind("<<ListboxSelect>>", lambda e: show(current()))
        listbox.bind("<Double-Button-1>", lambda e: finish("insert"))
        root.bind("<Map>", mapped)
        refresh()
        query.trace_add("write", refresh)
        answer = window.run(entry)
    return answer if isinstance(answer, PaletteChoice) else None


class TkPalette:
    """The :class:`~expander.ports.SnippetPalette` port with Tk."""

    def choose(
        self,
        search: Callable[[str], Sequence[PaletteItem]],
        preview: Callable[[str], str],
    ) -> PaletteChoice | None:
        return choose(search, preview)
