"""A new snippet from the selection: the tray entry and hotkey that turn selected
text (or the clipboard's) into a personal snippet, validated like ``expander new``
and live at once.

Mixed into :class:`~expander.desktop.controller.DesktopController`; what it needs
of the controller is the :class:`_Host` protocol, so this module imports nothing
of the controller.
"""

from __future__ import annotations

import logging
from typing import Protocol

from expander.desktop.options import AppOptions
from expander.desktop.session import OwnWindows
from expander.desktop.watch import FileWatcher
from expander.errors import BackendError, PackError
from expander.library import Library
from expander.packs import add_personal_snippet
from expander.paths import user_paths
from expander.ports import DesktopPorts, SnippetDraft

__all__ = ["NewSnippetActions"]

log = logging.getLogger("expander")


class _Host(Protocol):
    options: AppOptions
    ports: DesktopPorts
    windows: OwnWindows
    library: Library
    _watcher: FileWatcher | None

    def notify(self, title: str, message: str) -> None: ...

    def reload(self, announce: str | None = None, *, title: str = ...) -> bool: ...

    def _save_snippet(self, draft: SnippetDraft) -> str | None: ...


class NewSnippetActions:
    """The new-snippet flow of the desktop controller."""

    def new_snippet(self: _Host) -> None:
        """Open the new-snippet dialog with the selected text (else the clipboard's) as
        the body; what the agent saves is in the personal pack and live when it closes."""
        body = ""
        for read in (self.ports.clipboard.read_primary, self.ports.clipboard.read_text):
            body = (read() or "").rstrip("\r\n")
            if body.strip():
                break
        with self.windows.opening() as free:
            if not free:
                return
            previous = self.ports.windows.focused_window()
            try:
                saved = self.ports.snippet_dialog.ask_new_snippet(
                    SnippetDraft(body), self._save_snippet
                )
            except BackendError as exc:
                log.error("the new-snippet dialog cannot open: %s", exc)
                self.notify("New snippet", f"The dialog cannot open: {exc}")
                return
            finally:
                self.ports.windows.focus_window(previous)
        if not saved:
            log.info("the new-snippet dialog was cancelled; nothing saved")

    def _save_snippet(self: _Host, draft: SnippetDraft) -> str | None:
        """Save ``draft`` to the personal pack, validated like ``expander new``, and
        reload; None once it is live, else the problem for the dialog to show."""
        if not self.options.include_user:
            return "Expander was started without your personal snippets (--no-user): not saved"
        if not draft.body.strip():
            return "the reply is empty: type or paste its text"
        snippet_id = draft.snippet_id()
        if not snippet_id:
            return "give the snippet a title (its id is made from it) or an id"
        trigger = draft.trigger.strip() or None
        snippet = {"id": snippet_id, "trigger": trigger, "title": draft.title.strip() or snippet_id}
        try:
            add_personal_snippet(
                user_paths().personal_file, {**snippet, "body": draft.body}, replace=draft.replace
            )
        except PackError as exc:
            if exc.message.endswith("or replace it"):  # the id is taken: name the option
                return f'{exc.message}: tick "Replace my snippet with this id"'
            return exc.message
        except OSError as exc:  # a read-only or full disk: the dialog keeps what was typed
            where = f" ({exc.filename})" if exc.filename else ""
            log.error("snippet %s not saved: %s%s", snippet_id, exc.strerror or exc, where)
            return f"not saved: {exc.strerror or exc}{where}; your personal snippets are unchanged"
        log.info("snippet %s saved to the personal pack", snippet_id)
        # a reload that fails (another file is broken) says so itself; the snippet is saved
        if self.reload(f"{trigger or snippet_id} is ready to use", title="Snippet saved"):
            for shadow in self.library.shadows:
                if shadow.winner.id == snippet_id:
                    log.info("Note: %s", shadow)
        if self._watcher is not None:
            self._watcher.baseline()  # this reload already covers the file
        return None
