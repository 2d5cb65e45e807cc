"""Small Tk dialogs of the tray app: fill in a snippet's fields, show a message,
show (and clear) the current customer.

Each function runs its own Tk interpreter in the calling thread, waits for the
agent and returns what they chose, like :func:`expander.desktop.backends.tk_picker.pick`.
The keyboard does everything (Tab moves, Enter accepts, Esc cancels), every
window takes the focus itself (there may be no window manager), and each one's
Tk interpreter is freed before the function returns, in the thread that made
it: a Tk interpreter freed by another thread aborts the process.
"""

from __future__ import annotations

import contextlib
import tkinter as tk
from collections.abc import Mapping, Sequence
from concurrent.futures import Future

from expander.errors import BackendError
from expander.ports import PickerChoice, PickerReplies
from expander.template import FieldSpec

__all__ = [
    "CUSTOMER_TITLE",
    "FILL_IN_TITLE",
    "TkDialogs",
    "ask_fields",
    "show_fields",
    "show_message",
]

FILL_IN_TITLE = "Expander: fill in"
CUSTOMER_TITLE = "Expander: current customer"

_HINT_FG = "#555"
_PAD = 8
_MAX_LIST_ROWS = 6


class _Window:
    """A top-level window of its own Tk interpreter that ends with one answer.

    ``finish`` stores the answer and closes the window; ``run`` shows it,
    takes the keyboard focus, waits and returns the answer. Used as a context
    manager it also closes the window when building it fails, and drops the
    interpreter on leaving, in this thread; pending ``after`` callbacks are
    cancelled so nothing keeps the interpreter alive afterwards.
    """

    def __init__(self, title: str, *, class_name: str = "Expander") -> None:
        try:
            self.root = tk.Tk(className=class_name)
        except tk.TclError as exc:
            raise BackendError(f"cannot open a window on the display: {exc}") from exc
        self.root.title(title)
        self.root.attributes("-topmost", True)
        self.root.resizable(True, False)
        self.answer: list[object] = []
        self._after: list[str] = []
        self.root.protocol("WM_DELETE_WINDOW", lambda: self.finish(None))

    def __enter__(self) -> _Window:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.finish(None)
        del self.root

    def finish(self, answer: object) -> str:
        """Keep the first answer and close the window; "break" ends a key binding."""
        if not self.answer:
            self.answer.append(answer)
            for job in self._after:
                self.root.after_cancel(job)
            self._after.clear()
            with contextlib.suppress(tk.TclError):  # already destroyed
                self.root.destroy()
        return "break"

    def run(self, focus: tk.Misc, *, select: bool = False) -> object:
        """Show the window, give ``focus`` the keyboard and wait for the answer."""

        def take_focus() -> None:
            self._after.clear()
            self.root.focus_force()
            focus.focus_set()
            if select and isinstance(focus, tk.Entry):
                focus.select_range(0, "end")
                focus.icursor("end")

        self.root.update_idletasks()
        x = max(0, (self.root.winfo_screenwidth() - self.root.winfo_reqwidth()) // 3)
        self.root.geometry(f"+{x}+80")
        self._after.append(self.root.after(50, take_focus))
        self.root.mainloop()
        return self.answer[0] if self.answer else None


class _Row:
    """One field of the fill-in dialog and the widget that holds its value."""

    def __init__(self, spec: FieldSpec, widget: tk.Entry | tk.Listbox, needs_input: bool):
        self.spec = spec
        self.widget = widget
        self.needs_input = needs_input

    def value(self) -> str:
        widget = self.widget
        if isinstance(widget, tk.Listbox):
            selection = widget.curselection()  # type: ignore[no-untyped-call]
            index = int(selection[0]) if selection else 0
            return str(widget.get(index))
        return widget.get()


def ask_fields(
    title: str, specs: Sequence[FieldSpec], known: Mapping[str, str]
) -> dict[str, str] | None:
    """Ask the agent for a snippet's fields; None when they cancel (Esc).

    Shows one row per spec, in order: an entry prefilled with the known value
    (else the field's default) for a field; a list of the options for a choice
    (the known value selected when it is one of them, else the first; a known
    value that is not an option is listed first); an optional entry for a
    section, where an empty value means "leave the section out". ``title`` (the
    snippet's title) heads the window, whose own title is :data:`FILL_IN_TITLE`.

    The first row that still needs an answer (no known value, no default) gets
    the focus; Tab and Shift+Tab move between rows, Up and Down move in a list,
    Enter accepts and Esc (or closing the window) cancels. The answer maps every
    spec's name to its value exactly as shown (``""`` for an empty entry).
    """
    with _Window(FILL_IN_TITLE) as window:
        root = window.root
        root.minsize(420, 0)
        header = tk.Label(
            root, text=title, anchor="w", justify="left", font=("TkDefaultFont", 11, "bold")
        )
        header.grid(row=0, column=0, columnspan=2, sticky="we", padx=_PAD, pady=(_PAD, 4))
        root.columnconfigure(1, weight=1)

        rows: list[_Row] = []
        for number, spec in enumerate(specs, start=1):
            value = known.get(spec.name)
            has_value = value is not None and bool(value.strip())
            label = spec.name if spec.kind != "section" else f"{spec.name} (optional)"
            tk.Label(root, text=label, anchor="ne").grid(
                row=number, column=0, sticky="ne", padx=(_PAD, 4), pady=2
            )
            widget: tk.Entry | tk.Listbox
            if spec.kind == "choice":
                options = list(spec.options)
                if value and value.strip() and value not in options:
                    options.insert(0, value)
                widget = _choice_list(root, options, value if has_value else spec.default)
                needs_input = not has_value and spec.default not in options
            else:
                widget = tk.Entry(root, width=44)
                text = value if value is not None and has_value else (spec.default or value or "")
                widget.insert(0, text)
                needs_input = spec.kind == "field" and not text.strip()
            widget.grid(row=number, column=1, sticky="we", padx=(0, _PAD), pady=2)
            rows.append(_Row(spec, widget, needs_input))

        def accept() -> str:
            return window.finish({row.spec.name: row.value() for row in rows})

        buttons = tk.Frame(root)
        buttons.grid(row=len(specs) + 1, column=0, columnspan=2, sticky="we", padx=_PAD, pady=4)
        tk.Label(
            buttons, text="Tab next field · ↑/↓ choose · Enter accept · Esc cancel", fg=_HINT_FG
        ).pack(side="left")
        tk.Button(
            buttons, text="Cancel", takefocus=False, command=lambda: window.finish(None)
        ).pack(side="right")
        tk.Button(buttons, text="OK", takefocus=False, command=accept).pack(side="right", padx=4)

        for sequence in ("<Return>", "<KP_Enter>"):
            root.bind(sequence, lambda e: accept())
        root.bind("<Escape>", lambda e: window.finish(None))

        target = next((row for row in rows if row.needs_input), rows[0] if rows else None)
        answer = window.run(target.widget if target else root, select=True)
        return answer if isinstance(answer, dict) else None


def _choice_list(master: tk.Misc, options: Sequence[str], selected: str | None) -> tk.Listbox:
    """A list of options with one always selected; Up, Down, Home and End move it."""
    listbox = tk.Listbox(
        master,
        height=min(_MAX_LIST_ROWS, max(1, len(options))),
        exportselection=False,
        activestyle="none",
    )
    for option in options:
        listbox.insert("end", option)
    index = options.index(selected) if selected in options else 0
    if options:
        listbox.selection_set(index)
        listbox.activate(index)
        listbox.see(index)

    def move(step: int) -> str:
        selection = listbox.curselection()  # type: ignore[no-untyped-call]
        current = int(selection[0]) if selection else 0
        new = max(0, min(len(options) - 1, current + step))
        listbox.selection_clear(0, "end")
        listbox.selection_set(new)
        listbox.activate(new)
        listbox.see(new)
        return "break"

    listbox.bind("<Up>", lambda e: move(-1))
    listbox.bind("<Down>", lambda e: move(1))
    listbox.bind("<Home>", lambda e: move(-len(options)))
    listbox.bind("<End>", lambda e: move(len(options)))
    return listbox


def show_message(title: str, text: str) -> None:
    """Show an information box (About, a problem to read) until Enter or Esc.

    ``title`` is the window's title; ``text`` may span several lines.
    """
    with _Window(title) as window:
        root = window.root
        tk.Label(root, text=text, anchor="w", justify="left", wraplength=560).pack(
            fill="x", padx=2 * _PAD, pady=(2 * _PAD, _PAD)
        )
        close = tk.Button(root, text="OK", width=8, command=lambda: window.finish(None))
        close.pack(pady=(0, _PAD))
        for sequence in ("<Return>", "<KP_Enter>", "<Escape>"):
            root.bind(sequence, lambda e: window.finish(None))
        window.run(close)


def show_fields(fields: Mapping[str, str]) -> bool:
    """Show the current customer's fields; True when the agent clears them.

    The Clear button or the Delete key answers True; Esc, Enter on Close, or
    closing the window answers False. Tab moves between the two buttons and
    Enter presses the one that has the focus.
    """
    with _Window(CUSTOMER_TITLE) as window:
        root = window.root
        root.minsize(360, 0)
        table = tk.Frame(root)
        table.pack(fill="x", padx=2 * _PAD, pady=(2 * _PAD, _PAD))
        table.columnconfigure(1, weight=1)
        if fields:
            for number, (name, value) in enumerate(fields.items()):
                tk.Label(table, text=f"{name}:", anchor="e").grid(row=number, column=0, sticky="e")
                tk.Label(table, text=value, anchor="w", justify="left", wraplength=420).grid(
                    row=number, column=1, sticky="w", padx=(6, 0)
                )
        else:
            tk.Label(table, text="No customer fields are set.", anchor="w").grid(row=0, column=0)

        def finish(clear: bool) -> str:
            return window.finish(clear)

        buttons = tk.Frame(root)
        buttons.pack(fill="x", padx=_PAD, pady=(0, _PAD))
        tk.Label(buttons, text="Delete clear · Esc close", fg=_HINT_FG).pack(side="left")
        close = tk.Button(buttons, text="Close", width=8, command=lambda: finish(False))
        close.pack(side="right")
        clear = tk.Button(buttons, text="Clear", width=8, command=lambda: finish(True))
        clear.pack(side="right", padx=4)
        for button in (close, clear):
            _press_on_enter(button)
        root.bind("<Delete>", lambda e: finish(True))
        root.bind("<KP_Delete>", lambda e: finish(True))
        root.bind("<Escape>", lambda e: finish(False))
        root.bind("<Return>", lambda e: finish(False))
        root.bind("<KP_Enter>", lambda e: finish(False))
        return window.run(close) is True


def _press_on_enter(button: tk.Button) -> None:
    def press(event: object) -> str:
        button.invoke()
        return "break"

    button.bind("<Return>", press)
    button.bind("<KP_Enter>", press)


class TkDialogs:
    """The :class:`~expander.ports.Dialogs` port with Tk: each call opens its window
    in the calling thread and returns the agent's answer."""

    def ask_fields(
        self, title: str, specs: Sequence[FieldSpec], known: Mapping[str, str]
    ) -> dict[str, str] | None:
        return ask_fields(title, specs, known)

    def pick(self, replies: Future[PickerReplies]) -> PickerChoice | None:
        from expander.desktop.backends.tk_picker import pick

        return pick(replies)

    def show_message(self, title: str, text: str) -> None:
        show_message(title, text)

    def show_fields(self, fields: Mapping[str, str]) -> bool:
        return show_fields(fields)
