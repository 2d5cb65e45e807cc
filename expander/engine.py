"""Keys in, replies out: the expansion engine.

The engine takes key events from a :class:`~expander.ports.KeySource`, finds
triggers with the pure :class:`~expander.matcher.Matcher`, renders the snippet
with the current customer's fields, and edits the focused window through a
:class:`~expander.ports.TextInjector`. It knows no desktop library.

Privacy: the only typed text the engine holds is the matcher's short buffer
(the longest trigger plus one character) and, right after an expansion, the
trigger typed (for undo). Neither is ever logged or written anywhere; the
buffer is cleared on resets (clicks, focus changes), pauses and idle time.

The engine never loses the keyboard: :meth:`Engine.handle` never raises, so the
key source's listener (which pynput stops when its callback raises) keeps
running whatever a pack, a callback or a backend does. A failure is logged with
its exception type and innermost frames but not its message (:func:`log_failure`:
a message may quote typed text or a customer's field), the trigger stays as
typed, and listeners registered with :meth:`Engine.on_failure` hear a
:class:`Failure` (the desktop controller tells the agent once per kind).

Rendering runs outside the engine's lock, on a ``render`` thread of its own,
with a time budget (``EngineSettings.render_timeout``, 1 s): the key thread
waits for it at most that long (keys typed meanwhile queue up and are handled
next, in order). A render over budget is abandoned: Python cannot stop a
thread, so it runs on in the background, and until it ends its snippet is
refused at once (one runaway render per snippet at most, never one per key);
what it allocates meanwhile is bounded by the template limits, not by this budget.
Measured on a loaded 2-core machine: an expansion with the fake injector takes
0.07 ms at the median (0.02 ms when it rendered inline), 4 ms at the 99th percentile
(thread start-up); the bundled snippets render in 0.01 ms (median) to 0.5 ms.
Both are invisible next to typing the reply into a window. A cooperative
budget would have needed checks inside the template renderer and would not
cover a slow clipboard read, which runs on the render thread too.
If a click or focus change (or a pause, or a reload) came while the key thread
waited, the caret may have moved and the reply is not inserted.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from expander.errors import BackendError, ExpanderError, InjectionSkipped, log_failure
from expander.library import Library
from expander.matcher import Match, Matcher, SpecialKey, TriggerSpec, apply_case
from expander.model import Snippet
from expander.ports import Clipboard, SourceEvent, TextInjector
from expander.template import FieldSpec, Rendered

__all__ = ["Engine", "EngineSettings", "Expansion", "Failure"]

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
class Failure:
    """Why a snippet was not expanded (or a key not handled), for the agent.

    ``kind`` is the same each time one cause recurs (a snippet too slow, a
    snippet that cannot be filled in, one exception type), so the agent can be
    told once per kind; ``message`` names the snippet and the cause, never typed
    text or a field's value.
    """

    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """How the engine inserts text.

    ``paste_threshold``: in ``auto`` mode, replies longer than this many
    characters are pasted, shorter ones typed (if the layout can type them and
    they have no line break).
    ``idle_reset``: seconds without a key after which the typed buffer is
    forgotten. ``modifier_timeout``: how long to wait for the user to release
    Shift/Ctrl/Alt; if one is still held then, the expansion is skipped (typing
    with Ctrl held would run shortcuts instead). ``render_timeout``: seconds a
    snippet may take to render before it is abandoned and left as typed.
    """

    paste_threshold: int = 40
    idle_reset: float = 15.0
    modifier_timeout: float = 2.0
    render_timeout: float = 1.0


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
    generation: int = 0  # one more at each reset: the caret may have moved
    listeners: list[Callable[[Expansion], None]] = field(default_factory=list)
    failure_listeners: list[Callable[[Failure], None]] = field(default_factory=list)
    slow: set[str] = field(default_factory=set)  # snippets whose abandoned render runs on


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
        self._slow_lock = threading.Lock()
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
        """Switch to a new library (hot reload). With other triggers the typed buffer
        starts afresh; with the same ones (a reply edited, a reload that changed
        nothing) what was typed still counts, so a reload that lands while the agent
        types a trigger does not swallow it. The snippet a trigger stands for is
        looked up in the new library either way."""
        matcher = self._build_matcher(library)
        with self._lock:
            self.library = library
            self._state.last = None
            if matcher.specs != self.matcher.specs:
                self.matcher = matcher
                self._state.generation += 1

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

    def on_failure(self, callback: Callable[[Failure], None]) -> None:
        """Call ``callback`` when a snippet is not expanded because of a failure or
        a key could not be handled (already logged), to tell the agent."""
        self._state.failure_listeners.append(callback)

    def _forget(self) -> None:
        self.matcher.reset()
        self._state.last = None
        self._state.generation += 1

    def _tell(self, listeners: Sequence[Callable[[Any], None]], what: Any, name: str) -> None:
        for callback in list(listeners):
            try:
                callback(what)
            except Exception as exc:  # a listener must never break typing
                log_failure(log, f"an {name} listener failed", exc)

    def _failed(self, kind: str, message: str) -> None:
        self._tell(self._state.failure_listeners, Failure(kind, message), "engine failure")

    # --- events -------------------------------------------------------------------

    def handle(self, event: SourceEvent) -> Expansion | None:
        """Process one event from the key source; returns the expansion it caused.

        Never raises: whatever fails is logged (without typed text), reported to
        the failure listeners, and the typed buffer starts afresh.
        """
        try:
            expansion = self._handle(event)
        except Exception as exc:
            log_failure(log, "a key could not be handled", exc)
            with self._lock:
                self._forget()
            name = type(exc).__name__
            self._failed(
                f"key:{name}",
                f"A key could not be handled ({name}); expanding goes on. The log has details.",
            )
            return None
        if expansion is not None:
            self._tell(self._state.listeners, expansion, "expansion")
        return expansion

    def _handle(self, event: SourceEvent) -> Expansion | None:
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
            snippet = self._to_expand(match)
            if snippet is None:
                return None
            fields = dict(self.fields())
            if self._ask_if_needed(match, snippet, fields):
                return None
            generation = state.generation
        rendered = self._render_in_time(snippet, fields)
        if rendered is None:
            return None
        with self._lock:
            if state.generation != generation:
                log.info(
                    "the caret moved while %s was rendered; not expanded", snippet.qualified_id
                )
                return None
            return self._inject(match, snippet, rendered)

    def _to_expand(self, match: Match) -> Snippet | None:
        """The snippet a match expands, unless the focused window is excluded."""
        snippet = self.library.find(match.spec.target)
        if snippet is None:
            return None
        if self.excluded is not None and self.excluded():
            log.debug("expansion of %s skipped: excluded window", snippet.qualified_id)
            return None
        return snippet

    def _ask_if_needed(self, match: Match, snippet: Snippet, fields: dict[str, str]) -> bool:
        """Start asking for the snippet's fields when one is missing; True if asked."""
        if self.ask_fields is None:
            return False
        specs = self.library.fields_of(snippet)
        if not any(_needs_asking(spec, fields) for spec in specs):
            return False
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
        return True

    def _expand_after_asking(
        self, match: Match, snippet: Snippet, fields: dict[str, str], wanted: tuple[FieldSpec, ...]
    ) -> None:
        """The fill-in thread: ask, render, insert, and tell the expansion listeners
        (statistics count a reply made through the dialog like any other)."""
        assert self.ask_fields is not None
        try:
            answers = self.ask_fields(snippet, wanted, fields)
        except Exception as exc:
            log_failure(log, "the fill-in dialog failed", exc)
            return
        if answers is None:
            log.info("fill-in cancelled; %s not expanded", snippet.qualified_id)
            return
        try:
            rendered = self._render_in_time(snippet, {**fields, **answers})
            if rendered is None:
                return
            with self._lock:
                expansion = self._inject(match, snippet, rendered)
        except Exception as exc:
            log_failure(log, f"{snippet.qualified_id} could not be inserted", exc)
            name = type(exc).__name__
            self._failed(
                f"insert:{name}",
                f"{snippet.qualified_id} could not be inserted ({name}). The log has details.",
            )
            return
        if expansion is not None:
            self._tell(self._state.listeners, expansion, "expansion")

    # --- rendering, on a thread of its own with a time budget ----------------------------

    def _render_in_time(self, snippet: Snippet, fields: Mapping[str, str]) -> Rendered | None:
        """Render on a ``render`` thread within ``settings.render_timeout``; None (told
        to the failure listeners) when it raised, ran over budget or still runs."""
        key = snippet.qualified_id
        with self._slow_lock:
            still_running = key in self._state.slow
        if still_running:
            log.warning("%s is still rendering in the background; not expanded", key)
            self._slow_failure(key)
            return None
        outcome: list[Rendered | BaseException] = []
        done = threading.Event()
        started = time.monotonic()

        def work() -> None:
            try:
                outcome.append(self._render(snippet, fields))
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                outcome.append(exc)
            finally:
                done.set()
                with self._slow_lock:
                    if key in self._state.slow:
                        self._state.slow.discard(key)
                        log.info(
                            "the abandoned render of %s ended after %.1f s",
                            key,
                            time.monotonic() - started,
                        )

        threading.Thread(target=work, name="render", daemon=True).start()
        timeout = self.settings.render_timeout
        if not done.wait(timeout):
            with self._slow_lock:
                if not done.is_set():
                    self._state.slow.add(key)
            if not done.is_set():
                log.error("%s took longer than %g s to render; abandoned", key, timeout)
                self._slow_failure(key)
                return None
        [result] = outcome
        if isinstance(result, Rendered):
            return result
        if isinstance(result, ExpanderError):
            log.error("snippet %s cannot be rendered: %s", key, result)
            self._failed(f"broken:{key}", f"{key} cannot be filled in: {result}")
        elif isinstance(result, Exception):
            log_failure(log, f"rendering {key} failed", result)
            name = type(result).__name__
            self._failed(
                f"crash:{key}:{name}",
                f"{key} could not be filled in ({name}) and was left as typed. "
                "The log has details.",
            )
        else:
            raise result  # KeyboardInterrupt, SystemExit: not ours to swallow
        return None

    def _slow_failure(self, key: str) -> None:
        self._failed(
            f"slow:{key}",
            f"{key} took longer than {self.settings.render_timeout:g} s to fill in "
            "and was left as typed.",
        )

    def _render(self, snippet: Snippet, fields: Mapping[str, str]) -> Rendered:
        clip: str | None = None
        if self.clipboard is not None and self.library.uses_clipboard(snippet):
            clip = self.clipboard.read_text()
        return self.library.render(snippet, fields, clipboard=clip)

    # --- editing the window -------------------------------------------------------------

    def _inject(self, match: Match, snippet: Snippet, rendered: Rendered) -> Expansion | None:
        """Replace the typed trigger with the rendered reply (the lock held)."""
        text = apply_case(rendered.text, match.case) if snippet.propagate_case else rendered.text
        insert = text + match.separator
        # The caret ends where {cursor} stood; with none, after the kept separator.
        after_cursor = len(rendered.text) - rendered.cursor
        caret_back = after_cursor + len(match.separator) if after_cursor else 0
        mode = self._mode(snippet.inject, insert)

        if not self.injector.wait_modifiers_released(self.settings.modifier_timeout):
            log.info("a modifier key stayed held; expansion of %s skipped", snippet.qualified_id)
            return None
        typed_on = 0
        try:
            # the trigger goes in the same burst as the reply: a key typed meanwhile
            # cannot land between them
            if mode == "type":
                typed_on = self.injector.type_text(insert, erase=match.erase_count)
            else:
                typed_on = self.injector.paste_text(insert, erase=match.erase_count)
        except InjectionSkipped as exc:
            key = snippet.qualified_id
            log.warning("%s was not inserted: %s", key, exc)  # our own words: no typed text
            self._failed(f"not-inserted:{key}", f"{key}: {exc}. The trigger was left as typed.")
            return None
        except BackendError as exc:
            if not self._not_inserted(match, snippet, insert, mode, exc):
                return None
            mode = "type"
        if typed_on:
            # the agent typed on past the trigger: the caret stays after their text
            caret_back = 0
        elif caret_back:
            self.injector.move_caret(-caret_back)
        expansion = Expansion(
            snippet.id, match.typed, len(insert) + typed_on, caret_back, mode, rendered.missing
        )
        self._state.last = expansion
        log.debug(
            "expanded %s (%d characters, %s; %d typed on after the trigger moved after it)",
            snippet.qualified_id, len(insert), mode, typed_on,
        )  # fmt: skip
        return expansion

    def _not_inserted(
        self, match: Match, snippet: Snippet, insert: str, mode: str, exc: BackendError
    ) -> bool:
        """The window did not take the reply (a paste it never fetched, a terminal
        refusing line breaks) after the trigger was erased: never leave the agent
        with neither. A pasted reply is typed instead if the layout can type it
        and it has no line break (Return in a window that ignores pastes may send
        or run it); else the trigger is put back. The agent is told either way.
        True when the reply was typed."""
        key = snippet.qualified_id
        log.warning("%s was not inserted: %s", key, exc)  # our own words: no typed text
        if mode == "paste" and "\n" not in insert and self.injector.can_type(insert):
            try:
                self.injector.type_text(insert)
            except BackendError as again:
                log.warning("typing %s failed too: %s", key, again)
            else:
                self._failed(f"typed-instead:{key}", f"{key}: {exc}. It was typed instead.")
                return True
        back = match.typed + match.separator
        try:
            if self.injector.can_type(back):
                self.injector.type_text(back)
            else:
                self.injector.paste_text(back)
        except BackendError as again:
            log.warning("the trigger of %s could not be put back: %s", key, again)
            self._failed(
                f"lost:{key}", f"{key}: {exc}, and its trigger could not be put back: {again}."
            )
            return False
        self._failed(f"not-inserted:{key}", f"{key}: {exc}. The trigger was put back.")
        return False

    def insert(self, text: str, cursor: int | None = None) -> bool:
        """Insert ``text`` at the caret of the focused window (for the reply picker),
        leaving the caret at ``cursor``; False if a modifier stayed held or the window
        did not take it (the agent is told)."""
        with self._lock:
            if not self.injector.wait_modifiers_released(self.settings.modifier_timeout):
                return False
            try:
                if self._mode("auto", text) == "type":
                    self.injector.type_text(text)
                else:
                    self.injector.paste_text(text)
            except BackendError as exc:
                log.warning("a reply was not inserted: %s", exc)  # our own words: no text
                self._failed("not-inserted:reply", f"The reply was not inserted: {exc}.")
                return False
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
        short = len(text) <= self.settings.paste_threshold
        # A typed Return is a key, not a line break: it starts a new paragraph in an
        # HTML editor (Thunderbird's, a web mail's: a blank line between the lines)
        # and sends the message in a chat box; a pasted line break is what was written.
        return "type" if typeable and short and not ("\n" in text or "\r" in text) else "paste"

    def _undo(self, last: Expansion) -> None:
        """Backspace right after an expansion: put the trigger back.

        The user's Backspace already deleted one character before the caret, so
        the caret goes to the end of what we inserted and the rest is erased.
        """
        if not self.injector.wait_modifiers_released(self.settings.modifier_timeout):
            return
        if last.caret_back:
            self.injector.move_caret(last.caret_back)
        erase = last.inserted - 1
        try:
            if self.injector.can_type(last.typed):
                self.injector.type_text(last.typed, erase=erase)
            else:
                self.injector.paste_text(last.typed, erase=erase)
        except InjectionSkipped as exc:
            # nothing changed: the reply stays, less the character the Backspace took
            log.info("undo of %s skipped: %s", last.snippet_id, exc)  # our own words
            self.matcher.reset()
            return
        self.matcher.reset()
        log.debug("undid expansion of %s", last.snippet_id)
