"""The new-snippet dialog: a reply (prefilled with the selected text) and its trigger,
title and id, saved to the personal pack without leaving the keyboard.

Like the other dialogs (:mod:`expander.desktop.backends.tk_dialogs`) it runs its
own Tk interpreter in the calling thread. Tab moves between the fields, Enter
saves (in the reply, Enter is a new line and Ctrl+Enter saves), Esc cancels.
The id follows the title until the agent edits it. A problem with what was
typed (a trigger with a space, an id already taken) is shown in the dialog,
which stays open with everything typed kept.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable

from expander.desktop.backends.tk_dialogs import _HINT_FG, _PAD, _Window
from expander.ports import SnippetDraft, snippet_id_from

__all__ = ["NEW_SNIPPET_TITLE", "TkNewSnippetDialog", "ask_new_snippet"]

NEW_SNIPPET_TITLE = "Expander: new snippet"
REPLACE_LABEL = "Replace my snippet with this id"
_ERROR_FG = "#b00020"


def ask_new_snippet(draft: SnippetDraft, save: Callable[[SnippetDraft], str | None]) -> bool:
    """Show the dialog with ``draft``; True once ``save`` accepted what the agent
    typed, False when they cancel (Esc or closing the window): nothing is saved."""
    with _Window(NEW_SNIPPET_TITLE, class_name="ExpanderNewSnippet") as window:
        root = window.root
        root.minsize(480, 0)
        root.columnconfigure(1, weight=1)

        def label(row: int, text: str) -> None:
            tk.Label(root, text=text, anchor="ne").grid(
                row=row, column=0, sticky="ne", padx=(_PAD, 4), pady=2
            )

        label(0, "Reply")
        body = tk.Text(root, width=56, height=8, wrap="word", undo=True, exportselection=False)
        body.insert("1.0", draft.body)
        body.grid(row=0, column=1, sticky="we", padx=(0, _PAD), pady=(_PAD, 2))
        entries: dict[str, tk.Entry] = {}
        values: dict[str, tk.StringVar] = {}
        for row, (name, text, value) in enumerate(
            (
                ("trigger", "Trigger", draft.trigger),
                ("title", "Title", draft.title),
                ("id", "Id", draft.id or snippet_id_from(draft.title)),
            ),
            start=1,
        ):
            label(row, text)
            values[name] = tk.StringVar(root, value)
            entries[name] = tk.Entry(
                root, textvariable=values[name], width=44, exportselection=False
            )
            entries[name].grid(row=row, column=1, sticky="we", padx=(0, _PAD), pady=2)
        replace = tk.BooleanVar(root, draft.replace)
        tk.Checkbutton(root, text=REPLACE_LABEL, variable=replace, anchor="w").grid(
            row=4, column=1, sticky="w"
        )
        problem = tk.Label(root, anchor="w", justify="left", fg=_ERROR_FG, wraplength=460)
        problem.grid(row=5, column=0, columnspan=2, sticky="we", padx=_PAD)
        tk.Label(
            root,
            text="Tab next field · Enter save (Ctrl+Enter in the reply) · Esc cancel",
            fg=_HINT_FG,
            anchor="w",
        ).grid(row=6, column=0, columnspan=2, sticky="we", padx=_PAD, pady=(2, _PAD))

        derived = [values["id"].get()]

        def follow_title(*_: object) -> None:
            if values["id"].get() == derived[0]:  # the agent has not typed an id of their own
                derived[0] = snippet_id_from(values["title"].get())
                values["id"].set(derived[0])

        values["title"].trace_add("write", follow_title)

        def submit() -> str:
            typed = SnippetDraft(
                body=body.get("1.0", "end-1c"),
                trigger=values["trigger"].get(),
                title=values["title"].get(),
                id=values["id"].get(),
                replace=replace.get(),
            )
            answer = save(typed)
            if answer is None:
                return window.finish(True)
            problem.configure(text=answer)
            named = [entries[name] for name in ("trigger", "id") if f" {name} " in answer]
            (named[0] if named else body).focus_set()  # where the problem probably is
            return "break"

        def new_line(event: tk.Event[tk.Text]) -> str:
            body.insert("insert", "\n")
            return "break"

        def next_field(event: tk.Event[tk.Misc]) -> str:
            following = event.widget.tk_focusNext()
            if following is not None:
                following.focus_set()
            return "break"

        body.bind("<Return>", new_line)
        body.bind("<KP_Enter>", new_line)
        body.bind("<Tab>", next_field)
        body.bind("<Control-Return>", lambda e: submit())
        body.bind("<Control-KP_Enter>", lambda e: submit())
        for sequence in ("<Return>", "<KP_Enter>"):
            root.bind(sequence, lambda e: submit())
        root.bind("<Escape>", lambda e: window.finish(False))
        return window.run(entries["trigger"] if draft.body.strip() else body) is True


class TkNewSnippetDialog:
    """The :class:`~expander.ports.NewSnippetDialog` port with Tk."""

    def ask_new_snippet(
        self, draft: SnippetDraft, save: Callable[[SnippetDraft], str | None]
    ) -> bool:
        return ask_new_snippet(draft, save)
