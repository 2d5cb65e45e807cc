"""Keys in, replies out: the expansion engine.

The engine takes key events from a :class:`~expander.ports.KeySource`, finds
triggers with the pure :class:`~expander.matcher.Matcher`, renders the snippet
with the current customer's fields, and edits the focused window through a
:class:`~expander.ports.TextInjector`. It knows no desktop library.

Privacy: the only typed text the engine holds is the matcher's short buffer
(the longest trigger plus one character) and, right after an expansion, the
trigger typed (for undo). Neither is ever logged or written anywhere; the
buffer is cleared on resets (clicks, focus changes), pauses and idle time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from expander.errors import ExpanderError
from expander.library import Library
from expander.matcher import Match, Matcher, SpecialKey, TriggerSpec, apply_case
from expander.model import Snippet
from expander.ports import Clipboard, SourceEvent, TextInjector
from expander.template import FieldSpec

__all__ = ["Engine", "EngineSettings", "Expansion"]

log = logging.getLogger(__name__)


AskFields = Callable[
    [Snippet, tuple[FieldSpec, ...], Mapping[str, str]], "Mapping[str, str] | None"
]
"""Asks the agent for a snippet's fields (a fill-in dialog) when one is missing or a
choice is to be made: gets every field of the snippet and the values known so far;
returns the answers, or None when the agent cancels."""


def _needs_asking(spec: FieldSpec, known: Mapping[str, str]) -> bool:
    """A choice not made yet, or a field with no value and no default."""
    if (known.get(spec.name) or "").strip():
        return False
    return spec.kind == "choice" or (spec.kind == "field" and spec.default is None)


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """How the engine inserts text.

    ``paste_threshold``: in ``auto`` mode, replies longer than this many
    characters are pasted, shorter ones typed (if the layout can type them).
    ``idle_reset``: seconds without a key after which the typed buffer is
    forgotten. ``modifier_timeout``: how long to wait for the user to release
    Shift/Ctrl/Alt; if one is still held then, the expansion is skipped (typing
    with Ctrl held would run shortcuts instead).
    """

    paste_threshold: int = 40
    idle_reset: float = 15.0
    modifier_timeout: float = 2.0


@dataclass(frozen=True, slots=True)
class Expansion:
    """One expansion done: what the engine needs to undo it, and what to report."""

    snippet_id: str
    typed: str  # the trigger as the user typed it (only kept until the next key)
    inserted: int  # characters inserted (reply plus kept separator)
    caret_back: int  # how far left of the inserted text's end the caret was put
    mode: str
    missing: tuple[str, ...] = ()


@dataclass(slots=True)
class _State:
    last_key_at: float | None = None
    last: Expansion | None = None
    paused: bool = False
    listeners: list[Callable[[Expansion], None]] = field(default_factory=list)


class Engine:
    """Expands triggers typed anywhere. Thread-safe: one lock serialises events."""

    def __init__(
        self,
        library: Library,
        injector: TextInjector,
        *,
        clipboard: Clipboard | None = None,
        fields: Callable[[], Mapping[str, str]] = dict,
        settings: EngineSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
        ask_fields: AskFields | None = None,
        excluded: Callable[[], bool] | None = None,
    ) -> None:
        self.injector = injector
        self.clipboard = clipboard
        self.fields = fields
        self.settings = settings or EngineSettings()
        self.clock = clock
        self.ask_fields = ask_fields
        self.excluded = excluded
        self._lock = threading.RLock()
        self._state = _State()
        self.library = library
        self.matcher = self._build_matcher(library)

    # --- control ---------------------------------------------------------------

    @staticmethod
    def _build_matcher(library: Library) -> Matcher:
        return Matcher(
            TriggerSpec(trigger, snippet.id, snippet.word_boundary, snippet.propagate_case)
            for trigger, snippet in library.triggers.items()
        )

    def set_library(self, library: Library) -> None:
        """Switch to a new library (hot reload); the typed buffer starts afresh."""
        matcher = self._build_matcher(library)
        with self._lock:
            self.library = library
            self.matcher = matcher
            self._state.last = None

    @property
    def paused(self) -> bool:
        return self._state.paused

    def pause(self) -> None:
        with self._lock:
            self._state.paused = True
            self._forget()

    def resume(self) -> None:
        with self._lock:
            self._state.paused = False
            self._forget()

    def reset(self) -> None:
        """Forget what was typed: a click or a focus change moved the caret."""
        with self._lock:
            self._forget()

    def on_expansion(self, callback: Callable[[Expansion], None]) -> None:
        """Call ``callback`` after each expansion (for statistics and the tray)."""
        self._state.listeners.append(callback)

    def _forget(self) -> None:
        self.matcher.reset()
        self._state.last = None

    # --- events -------------------------------------------------------------------

    def handle(self, event: SourceEvent) -> Expansion | None:
        """Process one event from the key source; returns the expansion it caused."""
        with self._lock:
            if event is None:
                self._forget()
                return None
            if event.injected:
                return None
            state = self._state
            if state.paused:
                return None
            now = self.clock()
            if state.last_key_at is not None and now - state.last_key_at > self.settings.idle_reset:
                self._forget()
            state.last_key_at = now

            last, state.last = state.last, None
            if last is not None and event.key is SpecialKey.BACKSPACE and not event.modifiers_held:
                self._undo(last)
                return None
            match = self.matcher.feed(event)
            if match is None:
                return None
            expansion = self._expand(match)
        if expansion is not None:
            for callback in list(state.listeners):
                try:
                    callback(expansion)
                except Exception:  # a listener must never break typing
                    log.exception("expansion listener failed")
        return expansion

    def _expand(self, match: Match) -> Expansion | None:
        snippet = self.library.find(match.spec.target)
        if snippet is None:
            return None
        if self.excluded is not None and self.excluded():
            log.debug("expansion of %s skipped: excluded window", snippet.qualified_id)
            return None
        fields = dict(self.fields())
        if self.ask_fields is not None:
            specs = self.library.fields_of(snippet)
            if any(_needs_asking(spec, fields) for spec in specs):
                # The dialog takes the keyboard: ask on another thread so this one keeps
                # receiving keys, then expand with the answers (or not at all on Esc).
                # It shows every field of the snippet, the known ones prefilled, so
                # the agent can check and correct them in the same place.
                threading.Thread(
                    target=self._expand_after_asking,
                    args=(match, snippet, fields, specs),
                    name="fill-in",
                    daemon=True,
                ).start()
                return None
        return self._expand_with(match, snippet, fields)

    def _expand_after_asking(
        self, match: Match, snippet: Snippet, fields: dict[str, str], wanted: tuple[FieldSpec, ...]
    ) -> None:
        assert self.ask_fields is not None
        try:
            answers = self.ask_fields(snippet, wanted, fields)
        except Exception:
            log.exception("the fill-in dialog failed")
            return
        if answers is None:
            log.info("fill-in cancelled; %s not expanded", snippet.qualified_id)
            return
        with self._lock:
            self._expand_with(match, snippet, {**fields, **answers})

    def _expand_with(
        self, match: Match, snippet: Snippet, fields: Mapping[str, str]
    ) -> Expansion | None:
        clip: str | None = None
        if self.clipboard is not None and self.library.uses_clipboard(snippet):
            clip = self.clipboard.read_text()
        try:
            rendered = self.library.render(snippet, fields, clipboard=clip)
        except ExpanderError as exc:
            log.error("snippet %s cannot be rendered: %s", snippet.qualified_id, exc)
            return None
        text = apply_case(rendered.text, match.case) if snippet.propagate_case else rendered.text
        insert = text + match.separator
        # The caret ends where {cursor} stood; with none, after the kept separator.
        after_cursor = len(rendered.text) - rendered.cursor
        caret_back = after_cursor + len(match.separator) if after_cursor else 0
        mode = self._mode(snippet.inject, insert)

        if not self.injector.wait_modifiers_released(self.settings.modifier_timeout):
            log.info("a modifier key stayed held; expansion of %s skipped", snippet.qualified_id)
            return None
        self.injector.erase(match.erase_count)
        if mode == "type":
            self.injector.type_text(insert)
        else:
            self.injector.paste_text(insert)
        if caret_back:
            self.injector.move_caret(-caret_back)
        expansion = Expansion(
            snippet.id, match.typed, len(insert), caret_back, mode, rendered.missing
        )
        self._state.last = expansion
        log.debug("expanded %s (%d characters, %s)", snippet.qualified_id, len(insert), mode)
        return expansion

    def insert(self, text: str, cursor: int | None = None) -> bool:
        """Insert ``text`` at the caret of the focused window (for the reply picker),
        leaving the caret at ``cursor``; False if a modifier stayed held."""
        with self._lock:
            if not self.injector.wait_modifiers_released(self.settings.modifier_timeout):
                return False
            if self._mode("auto", text) == "type":
                self.injector.type_text(text)
            else:
                self.injector.paste_text(text)
            if cursor is not None and cursor < len(text):
                self.injector.move_caret(cursor - len(text))
            self._forget()
            return True

    def _mode(self, inject: str, text: str) -> str:
        if inject == "paste":
            return "paste"
        typeable = self.injector.can_type(text)
        if inject == "type":
            return "type" if typeable else "paste"
        return "type" if typeable and len(text) <= self.settings.paste_threshold else "paste"

    def _undo(self, last: Expansion) -> None:
        """Backspace right after an expansion: put the trigger back.

        The user's Backspace already deleted one character before the caret, so
        the caret goes to the end of what we inserted and the rest is erased.
        """
        if not self.injector.wait_modifiers_released(self.settings.modifier_timeout):
            return
        if last.caret_back:
            self.injector.move_caret(last.caret_back)
        self.injector.erase(last.inserted - 1)
        if self.injector.can_type(last.typed):
            self.injector.type_text(last.typed)
        else:
            self.injector.paste_text(last.typed)
        self.matcher.reset()
        log.debug("undid expansion of %s", last.snippet_id)
