"""The reply picker: a small Tk window listing suggested replies for an e-mail.

Arrow keys move, Enter inserts the chosen (filled) reply into the window that
had focus, Ctrl+C copies it to the clipboard instead, Esc closes and does
nothing. It runs its own Tk interpreter in the calling thread and returns what
the agent chose.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Mapping, Sequence
from typing import Literal

from expander.ports import PickerChoice, PickerItem

__all__ = ["PICKER_TITLE", "pick"]

PICKER_TITLE = "Expander: suggested replies"


def pick(
    items: Sequence[PickerItem],
    fields: Mapping[str, str],
    *,
    message: str = "",
) -> PickerChoice | None:
    """Show the picker and wait; None when the agent closed it (Esc)."""
    root = tk.Tk()
    root.title(PICKER_TITLE)
    root.geometry("760x460+120+80")
    root.attributes("-topmost", True)
    chosen: list[PickerChoice] = []

    header = message or (
        "Fields: " + ", ".join(f"{k}={v}" for k, v in fields.items())
        if fields
        else "No customer fields found in the e-mail"
    )
    tk.Label(root, text=header, anchor="w", justify="left").pack(fill="x", padx=8, pady=(8, 2))
    listbox = tk.Listbox(root, height=min(6, max(1, len(items))), exportselection=False)
    listbox.pack(fill="x", padx=8)
    for item in items:
        listbox.insert("end", item.label)
    reasons = tk.Label(root, anchor="w", justify="left", fg="#555")
    reasons.pack(fill="x", padx=8)
    preview = tk.Text(root, wrap="word", height=14)
    preview.pack(fill="both", expand=True, padx=8, pady=4)
    tk.Label(
        root, text="↑/↓ choose · Enter insert · Ctrl+C copy · Esc close", anchor="w", fg="#555"
    ).pack(fill="x", padx=8, pady=(0, 8))

    def show(index: int) -> None:
        preview.configure(state="normal")
        preview.delete("1.0", "end")
        if items:
            preview.insert("1.0", items[index].reply)
            reasons.configure(text=items[index].reasons)
        preview.configure(state="disabled")

    def current() -> int:
        selection = listbox.curselection()  # type: ignore[no-untyped-call]
        return int(selection[0]) if selection else 0

    def move(step: int) -> str:
        if items:
            index = max(0, min(len(items) - 1, current() + step))
            listbox.selection_clear(0, "end")
            listbox.selection_set(index)
            listbox.see(index)
            show(index)
        return "break"

    def finish(action: Literal["insert", "copy"] | None) -> str:
        if action is not None and items:
            chosen.append(PickerChoice(current(), action))
        root.destroy()
        return "break"

    if items:
        listbox.selection_set(0)
        show(0)
    for widget in (root, listbox, preview):
        widget.bind("<Up>", lambda e: move(-1))
        widget.bind("<Down>", lambda e: move(1))
        widget.bind("<Return>", lambda e: finish("insert"))
        widget.bind("<KP_Enter>", lambda e: finish("insert"))
        widget.bind("<Control-c>", lambda e: finish("copy"))
        widget.bind("<Escape>", lambda e: finish(None))
    listbox.bind("<<ListboxSelect>>", lambda e: show(current()))
    root.protocol("WM_DELETE_WINDOW", lambda: finish(None))

    def take_focus() -> None:
        root.focus_force()
        listbox.focus_set()

    root.after(50, take_focus)
    root.mainloop()
    return chosen[0] if chosen else None
