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
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any

from expander.engine import Engine
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
    """What the command line asked for; None means "as the settings file says"."""

    packs: Sequence[Path] = ()
    include_bundled: bool = True
    include_user: bool = True
    fields: Mapping[str, str] = field(default_factory=dict)
    paste_threshold: int | None = None
    suggest_hotkey: str | None = None
    pause_hotkey: str | None = None
    tray: bool = True
    settings_file: Path | None = None


class SuggestFlow:
    """Suggests a reply for the e-mail on the clipboard: ranks the snippets, lets the
    agent pick, inserts the filled reply where they were typing, keeps the customer."""

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

    def order_patterns(self) -> tuple[str, ...]:
        return tuple(p for pack in self.library().packs for p in pack.order_patterns)

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


class DesktopApp:
    """The running app: engine, backends, tray and hotkeys, wired together."""

    def __init__(self, options: AppOptions) -> None:
        from expander.backends.x11_clipboard import X11Clipboard
        from expander.backends.x11_keyboard import X11Keyboard
        from expander.settings import is_excluded, load_settings

        self.options = options
        self.settings, problems = load_settings(options.settings_file)
        for problem in problems:
            log.log(logging.ERROR if problem.is_error else logging.WARNING, "%s", problem)
        self.library = self._load()
        _log_problems(self.library)
        self.clipboard = X11Clipboard()
        self.keyboard = X11Keyboard(clipboard=self.clipboard)
        self.customer = CurrentCustomer(
            defaults={**self.settings.field_defaults(), **options.fields}
        )
        engine_settings = self.settings.engine_settings()
        if options.paste_threshold is not None:
            engine_settings = replace(engine_settings, paste_threshold=options.paste_threshold)
        self.engine = Engine(
            self.library,
            self.keyboard,
            clipboard=self.clipboard,
            fields=self.customer.get,
            settings=engine_settings,
            excluded=lambda: is_excluded(*self.keyboard.focused_window_info(), self.settings),
        )
        self.flow = SuggestFlow(
            lambda: self.library, self.engine, self.keyboard, self.clipboard, self.customer
        )
        self.stopping = threading.Event()
        self.tray: Any = None

    def _watched_paths(self) -> list[Path]:
        """The pack files and folders the library comes from (for hot reload)."""
        from expander.library import pack_paths_in
        from expander.paths import bundled_dir, user_paths

        paths = [Path(p) for p in self.options.packs]
        if self.options.include_bundled:
            paths += pack_paths_in(bundled_dir())
        if self.options.include_user:
            user = user_paths()
            paths += [user.team_packs_dir, user.personal_file]
        return paths

    def _load(self) -> Library:
        return load(
            *self.options.packs,
            include_bundled=self.options.include_bundled,
            include_user=self.options.include_user,
        )

    # --- tray actions -------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self.engine.paused

    def toggle_pause(self) -> None:
        if self.engine.paused:
            self.engine.resume()
        else:
            self.engine.pause()
        log.info("Expansion %s.", "paused" if self.engine.paused else "resumed")
        if self.tray is not None:
            self.tray.show_state(self.engine.paused)
        self.notify("Expander", "Paused" if self.engine.paused else "Expanding again")

    def suggest(self) -> None:
        self.flow.run()

    def customer_from_clipboard(self) -> None:
        from expander.fields import extract_fields

        email = self.clipboard.read_text() or ""
        fields = extract_fields(email, self.flow.order_patterns())
        self.customer.set(fields)
        self.notify(
            "Current customer",
            ", ".join(f"{k}: {v}" for k, v in fields.items()) or "no fields found in the e-mail",
        )

    def show_customer(self) -> None:
        fields = self.customer.get()
        self.notify("Current customer", ", ".join(f"{k}: {v}" for k, v in fields.items()) or "none")

    def reload(self) -> None:
        library = self._load()
        errors = library.errors
        if errors and not self.library.errors:
            first = errors[0]
            log.error("Reload kept the last good snippets: %s", first)
            self.notify("Snippets not reloaded", f"{first.location}: {first.message}")
            return
        self.library = library
        self.engine.set_library(library)
        threading.Thread(target=library.suggester, name="index", daemon=True).start()
        _log_problems(library)
        log.info("Reloaded %d snippets from %d packs.", len(library), len(library.packs))
        self.notify("Snippets reloaded", f"{len(library)} snippets from {len(library.packs)} packs")

    def open_folder(self) -> None:
        import subprocess

        from expander.paths import user_paths

        folder = user_paths().config_dir
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.Popen(["xdg-open", str(folder)], start_new_session=True)

    def about(self) -> None:
        import expander

        packs = ", ".join(f"{p.name} {p.version}" for p in self.library.packs)
        self.notify(f"Expander {expander.__version__}", f"{len(self.library)} snippets: {packs}")

    def quit(self) -> None:
        self.stopping.set()
        if self.tray is not None:
            self.tray.stop()

    def notify(self, title: str, message: str) -> None:
        log.info("%s: %s", title, message)
        if self.tray is not None and self.settings.notifications.enabled:
            self.tray.notify(title, message)

    # --- running ------------------------------------------------------------------

    def run(self) -> int:
        def on_signal(signum: int, frame: FrameType | None) -> None:
            self.quit()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        hotkeys = []
        suggest_keys = _choose(self.options.suggest_hotkey, self.settings.hotkeys.suggest_spec)
        pause_keys = _choose(self.options.pause_hotkey, self.settings.hotkeys.pause_spec)
        if suggest_keys:
            self.keyboard.add_hotkey(suggest_keys, self.suggest)
            hotkeys.append(f"suggest a reply {suggest_keys}")
        if pause_keys:
            self.keyboard.add_hotkey(pause_keys, self.toggle_pause)
            hotkeys.append(f"pause {pause_keys}")
        self.keyboard.start(self.engine.handle)
        from expander.watch import FileWatcher

        # hot reload: an edit is live once the file has been still for one interval
        watcher = FileWatcher(self._watched_paths, lambda changed: self.reload(), interval=0.5)
        watcher.start()
        # build the suggestion index now, not when the agent first asks
        threading.Thread(target=self.library.suggester, name="index", daemon=True).start()
        if self.options.tray:
            try:
                from expander.backends.tray import Tray

                self.tray = Tray(self)
            except BackendError as exc:
                log.info("No tray icon (%s); use the hotkeys.", exc)
        log.info(
            "Expander is running: %d snippets with %d triggers from %d packs. %s"
            "Press Ctrl+C to quit.",
            len(self.library),
            len(self.library.triggers),
            len(self.library.packs),
            ("Hotkeys: " + ", ".join(hotkeys) + ". ") if hotkeys else "",
        )
        try:
            if self.tray is not None:
                log.info("Tray icon started (%s backend).", self.tray.backend)
                self.tray.run()
            else:
                while not self.stopping.wait(0.5):
                    pass
        finally:
            watcher.stop()
            self.keyboard.stop()
            self.clipboard.close()
        log.info("Expander stopped.")
        return 0


def _choose(override: str | None, configured: str | None) -> str | None:
    """A hotkey from the command line ('' turns it off), else from the settings."""
    if override is not None:
        return override or None
    return configured


def run(options: AppOptions) -> int:
    """Run the app until Quit, SIGINT or SIGTERM; returns the exit code."""
    check_desktop()
    return DesktopApp(options).run()


def configure_logging(verbose: bool) -> None:
    """Log to stderr. Typed text is never logged, at any level."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("PIL",):
        logging.getLogger(noisy).setLevel(logging.WARNING)
