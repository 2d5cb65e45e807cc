"""The search palette: the tray entry and hotkey that find any snippet by a few
words of it and insert it, filled, where the agent was typing (or copy it).

Mixed into :class:`~expander.desktop.controller.DesktopController`; what it needs
of the controller is the :class:`_Host` protocol, so this module imports nothing
of the controller.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from expander.desktop.session import CurrentCustomer, OwnWindows
from expander.engine import Engine
from expander.errors import BackendError, ExpanderError
from expander.library import Library
from expander.model import Snippet
from expander.ports import DesktopPorts, PaletteChoice, PaletteItem
from expander.search import index_for
from expander.template import FieldSpec, Rendered

if TYPE_CHECKING:
    from expander.stats.store import UsageStore

__all__ = ["PaletteActions"]

log = logging.getLogger("expander")


class _Host(Protocol):
    ports: DesktopPorts
    windows: OwnWindows
    library: Library
    customer: CurrentCustomer
    engine: Engine

    @property
    def stats(self) -> UsageStore | None: ...

    def notify(self, title: str, message: str) -> None: ...

    def _usage_scores(self) -> dict[str, float]: ...

    def _ask_fields(
        self, snippet: Snippet, specs: tuple[FieldSpec, ...], known: Mapping[str, str]
    ) -> Mapping[str, str] | None: ...

    def _palette_choice(self, library: Library) -> PaletteChoice | None: ...

    def _use_from_palette(self, library: Library, snippet: Snippet, action: str) -> None: ...

    def _render_reply(
        self, library: Library, snippet: Snippet, fields: Mapping[str, str]
    ) -> Rendered | None: ...


class PaletteActions:
    """The search palette's flow of the desktop controller, and the rendering of a
    reply it shares with it."""

    def palette(self: _Host) -> None:
        """Open the search palette; insert the chosen snippet, filled with the current
        customer's fields (asked for in the fill-in dialog when missing), where the agent
        was typing, or copy it; count it like an expansion."""
        library = self.library
        with self.windows.opening() as free:
            if not free:
                return  # the palette or another dialog is already open
            previous = self.ports.windows.focused_window()
            try:
                choice = self._palette_choice(library)
            except BackendError as exc:
                log.error("the search palette cannot open: %s", exc)
                self.notify("Search palette", f"The search palette cannot open: {exc}")
                return
            finally:
                self.ports.windows.focus_window(previous)
        snippet = None if choice is None else library.find(choice.key)
        if choice is None or snippet is None:
            log.info("the search palette was closed; nothing inserted")
            return
        self._use_from_palette(library, snippet, choice.action)

    def _palette_choice(self: _Host, library: Library) -> PaletteChoice | None:
        if self.ports.palette is None:
            raise BackendError("this desktop has no search palette")
        index = index_for(library)
        usage = self._usage_scores()

        def search(query: str) -> list[PaletteItem]:
            return [
                PaletteItem(
                    hit.snippet.qualified_id,
                    f"{hit.snippet.trigger or hit.snippet.id}  {hit.snippet.title}".strip(),
                )
                for hit in index.search(query, usage=usage)
            ]

        def preview(key: str) -> str:
            snippet = library.find(key)
            if snippet is None:
                return ""
            try:  # the clipboard is read only for the reply itself, not for each preview
                return library.render(snippet, self.customer.get()).text
            except ExpanderError as exc:
                return f"This snippet cannot be filled in: {exc}"

        return self.ports.palette.choose(search, preview)

    def _use_from_palette(self: _Host, library: Library, snippet: Snippet, action: str) -> None:
        fields = self.customer.get()
        rendered = self._render_reply(library, snippet, fields)
        specs = library.fields_of(snippet)
        if rendered is not None and any(spec.name in rendered.missing for spec in specs):
            answers = self._ask_fields(snippet, specs, fields)
            if answers is None:
                log.info("fill-in cancelled; %s not inserted", snippet.qualified_id)
                return
            rendered = self._render_reply(library, snippet, {**fields, **answers})
        if rendered is None:
            return
        if action == "copy":
            self.ports.clipboard.set_text(rendered.text)
        elif not self.engine.insert(rendered.text, rendered.cursor):
            log.info("%s not inserted", snippet.qualified_id)
            return
        log.info("%s %s from the search palette", snippet.qualified_id, action)
        store = self.stats
        if store is not None:
            store.record_expansion(snippet)

    def _render_reply(
        self: _Host, library: Library, snippet: Snippet, fields: Mapping[str, str]
    ) -> Rendered | None:
        """The reply as it will be inserted; None (and the agent told) when it cannot be
        filled in."""
        clip = self.ports.clipboard.read_text() if library.uses_clipboard(snippet) else None
        try:
            return library.render(snippet, fields, clipboard=clip)
        except ExpanderError as exc:
            log.error("snippet %s cannot be rendered: %s", snippet.qualified_id, exc)
            self.notify("Not inserted", f"{snippet.qualified_id} cannot be filled in: {exc}")
            return None
