"""The reply picker: a small Tk window listing suggested replies for an e-mail.

Arrow keys move, Enter inserts the chosen (filled) reply into the window that
had focus, Ctrl+C copies it to the clipboard instead, Esc closes and does
nothing. It runs its own Tk interpreter in the calling thread and returns what
the agent chose.

It opens at once, titled :data:`PREPARING_TITLE`, and lists the replies when
they are ranked: the first suggestion after a start waits for the suggestion
index (tens of seconds on a slow machine with a fresh vector cache), and a
hotkey that shows nothing for that long reads as a broken one. Enter and Ctrl+C
do nothing until the replies are there; Esc closes.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable
from concurrent.futures import Future
from typing import Literal

from expander.ports import PickerChoice, PickerItem, PickerReplies

__all__ = ["PICKER_TITLE", "PREPARING_TITLE", "pick"]

PICKER_TITLE = "Expander: suggested replies"
PREPARING_TITLE = "Expander: preparing suggested replies"
_POLL_MS = 50
"""How often the picker looks whether its replies are ranked."""


class _Polling:
    """Calls ``fill`` with the replies once they are ranked, looking every
    :data:`_POLL_MS` (Tk is not to be touched from the ranking thread). An
    object, not a closure that names itself: such a cycle keeps the Tk
    interpreter for the collector, which may free it in another thread, and
    that aborts the process."""

    def __init__(
        self, root: tk.Tk, replies: Future[PickerReplies], fill: Callable[[PickerReplies], None]
    ) -> None:
        self.root, self.replies, self.fill = root, replies, fill
        self.job: str | None = None

    def __call__(self) -> None:
        self.job = None
        if self.replies.done():
            self.fill(self.replies.result())
        else:
            self.job = self.root.after(_POLL_MS, self)

    def cancel(self) -> None:
        if self.job is not None:
            self.root.after_cancel(self.job)
            self.job = None


def pick(replies: Future[PickerReplies]) -> PickerChoice | None:
    """Show the picker, list ``replies`` once ranked and wait; None when the agent
    closed it (Esc)."""
    root = tk.Tk()
    root.title(PREPARING_TITLE)
    root.geometry("760x460+120+80")
    root.attributes("-topmost", True)
    chosen: list[PickerChoice] = []
    items: list[PickerItem] = []
    ready: list[bool] = []

    header = tk.Label(root, text="Ranking the replies for this e-mail…", anchor="w", justify="left")
    header.pack(fill="x", padx=8, pady=(8, 2))
    listbox = tk.Listbox(root, height=1, exportselection=False)
    listbox.pack(fill="x", padx=8)
    reasons = tk.Label(root, anchor="w", justify="left", fg="#555")
    reasons.pack(fill="x", padx=8)
    preview = tk.Text(root, wrap="word", height=14, state="disabled")
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

    def fill(shown: PickerReplies) -> None:
        fields = shown.fields
        header.configure(
            text=shown.message
            or (
                "Fields: " + ", ".join(f"{k}={v}" for k, v in fields.items())
                if fields
                else "No customer fields found in the e-mail"
            )
        )
        items.extend(shown.items)
        listbox.configure(height=min(6, max(1, len(items))))
        for item in items:
            listbox.insert("end", item.label)
        if items:
            listbox.selection_set(0)
            show(0)
        ready.append(True)
        root.title(PICKER_TITLE)

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
        if action is not None and not ready:
            return "break"  # nothing listed yet to insert or copy
        if action is not None and items:
            chosen.append(PickerChoice(current(), action))
        polling.cancel()
        root.destroy()
        return "break"

    polling = _Polling(root, replies, fill)
    polling()
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
