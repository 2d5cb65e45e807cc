"""The composition root: the one place that builds real backends and runs the app.

Everything else receives its collaborators; only here are the X11 keyboard and
clipboard created, wired to the engine, and started.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from expander.engine import Engine, EngineSettings
from expander.errors import BackendError
from expander.library import Library, load

__all__ = ["AppOptions", "CurrentCustomer", "check_desktop", "run"]

log = logging.getLogger("expander")


@dataclass
class CurrentCustomer:
    """The fields of the customer the agent is answering now (thread-safe).

    Set by the suggestion flow and the tray; read at every expansion. Defaults
    (the agent's own name, the shop) sit under the customer's fields.
    """

    defaults: dict[str, str] = field(default_factory=dict)
    _fields: dict[str, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def set(self, fields: Mapping[str, str]) -> None:
        with self._lock:
            self._fields = dict(fields)

    def clear(self) -> None:
        self.set({})

    def get(self) -> dict[str, str]:
        with self._lock:
            return {**self.defaults, **self._fields}


@dataclass(frozen=True)
class AppOptions:
    packs: Sequence[Path] = ()
    include_bundled: bool = True
    include_user: bool = True
    fields: Mapping[str, str] = field(default_factory=dict)
    settings: EngineSettings = field(default_factory=EngineSettings)
    suggest_hotkey: str | None = "<ctrl>+<alt>+s"


class SuggestFlow:
    """ "Suggest a reply for the e-mail on the clipboard": rank, let the agent pick,
    insert the filled reply where they were typing, remember the customer."""

    def __init__(
        self,
        library: Callable[[], Library],
        engine: Engine,
        keyboard: Any,
        clipboard: Any,
        customer: CurrentCustomer,
    ) -> None:
        self.library = library
        self.engine = engine
        self.keyboard = keyboard
        self.clipboard = clipboard
        self.customer = customer
        self._busy = threading.Lock()

    def run(self) -> None:
        if not self._busy.acquire(blocking=False):
            return  # the picker is already open
        try:
            self._run()
        except Exception:  # the app must survive whatever the picker meets
            log.exception("the reply picker failed")
        finally:
            self._busy.release()

    def _run(self) -> None:
        from expander.backends.tk_picker import PickerItem, pick

        previous = self.keyboard.focused_window()
        email = self.clipboard.read_text() or ""
        library = self.library()
        suggestions = library.suggest(email, 5, min_score=0.0) if email.strip() else []
        fields = dict(suggestions[0].fields) if suggestions else {}
        items = [
            PickerItem(
                f"{s.score:4.0f}  {s.snippet.trigger or s.snippet.id}  {s.snippet.title}"
                + ("" if s.confident else "  (not confident)"),
                s.reply.text,
                " · ".join(s.reasons),
            )
            for s in suggestions
        ]
        message = "" if email.strip() else "The clipboard holds no text: copy the e-mail first."
        choice = pick(items, fields, message=message)
        self.keyboard.focus_window(previous)
        if choice is None:
            return
        chosen = suggestions[choice.index]
        self.customer.set(fields)
        log.info("reply %s chosen from the picker", chosen.snippet.qualified_id)
        if choice.action == "copy":
            self.clipboard.set_text(chosen.reply.text)
        else:
            self.engine.insert(chosen.reply.text, chosen.reply.cursor)
        if library.learned is not None:
            library.accept(chosen.snippet, email)


def check_desktop(environ: Mapping[str, str] | None = None) -> None:
    """Raise :class:`BackendError` saying what is missing when no desktop is reachable."""
    env = os.environ if environ is None else environ
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        if not env.get("DISPLAY"):
            wayland = (
                " (a Wayland session without XWayland is not supported yet)"
                if env.get("WAYLAND_DISPLAY")
                else ""
            )
            raise BackendError(
                "Expander needs a graphical X11 session to watch keys and insert text, "
                f"but DISPLAY is not set{wayland}. Run it from your desktop session, or "
                "set DISPLAY (for a virtual screen: Xvfb :99 & DISPLAY=:99 expander run)."
            )
    else:
        raise BackendError(
            f"the desktop app does not support {sys.platform} yet; "
            "the library and the CLI work everywhere"
        )


def _log_problems(library: Library) -> None:
    for problem in library.problems:
        level = logging.ERROR if problem.is_error else logging.INFO
        log.log(level, "%s", problem)


def run(options: AppOptions) -> int:
    """Run the app until SIGINT or SIGTERM; returns the exit code."""
    check_desktop()
    library = load(
        *options.packs,
        include_bundled=options.include_bundled,
        include_user=options.include_user,
    )
    _log_problems(library)

    from expander.backends.x11_clipboard import X11Clipboard
    from expander.backends.x11_keyboard import X11Keyboard

    clipboard = X11Clipboard()
    try:
        keyboard = X11Keyboard(clipboard=clipboard)
        customer = CurrentCustomer(defaults=dict(options.fields))
        engine = Engine(
            library, keyboard, clipboard=clipboard, fields=customer.get, settings=options.settings
        )
        stop = threading.Event()

        def on_signal(signum: int, frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        if options.suggest_hotkey:
            flow = SuggestFlow(lambda: library, engine, keyboard, clipboard, customer)
            keyboard.add_hotkey(options.suggest_hotkey, flow.run)
        keyboard.start(engine.handle)
        if options.suggest_hotkey:
            # build the suggestion index now, not when the agent first asks
            threading.Thread(target=library.suggester, name="index", daemon=True).start()
        log.info(
            "Expander is running: %d snippets with %d triggers from %d packs. %s"
            "Press Ctrl+C to quit.",
            len(library),
            len(library.triggers),
            len(library.packs),
            f"Suggest a reply for the copied e-mail: {options.suggest_hotkey}. "
            if options.suggest_hotkey
            else "",
        )
        try:
            while not stop.wait(0.5):
                pass
        finally:
            keyboard.stop()
        log.info("Expander stopped.")
        return 0
    finally:
        clipboard.close()


def configure_logging(verbose: bool) -> None:
    """Log to stderr. Typed text is never logged, at any level."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("PIL",):
        logging.getLogger(noisy).setLevel(logging.WARNING)
