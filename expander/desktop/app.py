"""The composition root: the one place that builds real backends and runs the app.

Everything else receives its collaborators; only here are the X11 keyboard and
clipboard created, wired to the engine, and started.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from expander.engine import Engine
from expander.errors import BackendError, ExpanderError
from expander.library import Library, load
from expander.model import Snippet
from expander.template import FieldSpec

if TYPE_CHECKING:
    from expander.engine import Expansion
    from expander.stats.store import UsageStore
    from expander.suggest.ranker import Suggestion

__all__ = ["AppOptions", "CurrentCustomer", "OwnWindows", "check_desktop", "run"]

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

    def update(self, fields: Mapping[str, str]) -> None:
        """Add fields to the current customer's (typed in the fill-in dialog)."""
        with self._lock:
            self._fields = {**self._fields, **fields}

    def clear(self) -> None:
        self.set({})

    def get(self) -> dict[str, str]:
        with self._lock:
            return {**self.defaults, **self._fields}

    def own(self) -> dict[str, str]:
        """The customer's fields alone, without the agent's defaults."""
        with self._lock:
            return dict(self._fields)


class OwnWindows:
    """Expander's own dialogs, one at a time.

    While one is open the agent types into it, so nothing may expand there
    (:attr:`showing` feeds the engine's exclusion check), and a second dialog
    asked for meanwhile (a hotkey pressed twice) is not opened.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @property
    def showing(self) -> bool:
        return self._lock.locked()

    @contextlib.contextmanager
    def opening(self) -> Iterator[bool]:
        """``with windows.opening() as free:`` -- ``free`` is False if another is open."""
        free = self._lock.acquire(blocking=False)
        try:
            yield free
        finally:
            if free:
                self._lock.release()


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
        windows: OwnWindows | None = None,
        record: Callable[[str, Sequence[Suggestion], int | None], None] | None = None,
    ) -> None:
        self.library = library
        self.record = record
        self.engine = engine
        self.keyboard = keyboard
        self.clipboard = clipboard
        self.customer = customer
        self.windows = windows or OwnWindows()

    def order_patterns(self) -> tuple[str, ...]:
        return tuple(p for pack in self.library().packs for p in pack.order_patterns)

    def run(self) -> None:
        with self.windows.opening() as free:
            if not free:
                return  # the picker or another dialog is already open
            try:
                self._run()
            except Exception:  # the app must survive whatever the picker meets
                log.exception("the reply picker failed")

    def _run(self) -> None:
        from expander.desktop.backends.tk_picker import PickerItem, pick
        from expander.suggest import accept, learned_examples, suggest

        previous = self.keyboard.focused_window()
        email = self.clipboard.read_text() or ""
        library = self.library()
        suggestions = suggest(library, email, 5, min_score=0.0) if email.strip() else []
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
        if self.record is not None and email.strip():
            self.record(email, suggestions, None if choice is None else choice.index)
        if choice is None:
            return
        chosen = suggestions[choice.index]
        self.customer.set(fields)
        log.info("reply %s chosen from the picker", chosen.snippet.qualified_id)
        if choice.action == "copy":
            self.clipboard.set_text(chosen.reply.text)
        else:
            self.engine.insert(chosen.reply.text, chosen.reply.cursor)
        if learned_examples(library) is not None:
            accept(library, chosen.snippet, email)


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
        from expander.desktop.backends.x11_clipboard import X11Clipboard
        from expander.desktop.backends.x11_keyboard import X11Keyboard
        from expander.desktop.settings import load_settings

        self.options = options
        self.settings, problems = load_settings(options.settings_file)
        for problem in problems:
            log.log(logging.ERROR if problem.is_error else logging.WARNING, "%s", problem)
        self._settings_ok = not any(p.is_error for p in problems)
        self.library = self._load()
        _log_problems(self.library)
        self.clipboard = X11Clipboard()
        self.keyboard = X11Keyboard(clipboard=self.clipboard)
        self.customer = CurrentCustomer(defaults=self._field_defaults())
        self.windows = OwnWindows()
        self.engine = Engine(
            self.library,
            self.keyboard,
            clipboard=self.clipboard,
            fields=self.customer.get,
            settings=self._engine_settings(),
            excluded=self._excluded,
            ask_fields=self._ask_fields,
        )
        self.flow = SuggestFlow(
            lambda: self.library,
            self.engine,
            self.keyboard,
            self.clipboard,
            self.customer,
            self.windows,
            record=self._record_suggestion_flow,
        )
        self.stats: UsageStore | None = None
        self._open_stats()
        if not self.settings.statistics.help_improve_faq:
            self._forget_kept_emails()  # the opt-in may have been switched off while we were away
        self.engine.on_expansion(self._record_expansion)
        self.stopping = threading.Event()
        self.tray: Any = None
        self._reload_lock = threading.Lock()
        self._watcher: Any = None

    # --- settings and snippets ------------------------------------------------------

    def _field_defaults(self) -> dict[str, str]:
        return {**self.settings.field_defaults(), **self.options.fields}

    def _engine_settings(self) -> Any:
        engine_settings = self.settings.engine_settings()
        if self.options.paste_threshold is not None:
            engine_settings = replace(engine_settings, paste_threshold=self.options.paste_threshold)
        return engine_settings

    def _excluded(self) -> bool:
        """No expansion in our own dialogs nor in the windows the settings exclude."""
        from expander.desktop.exclusions import is_excluded

        if self.windows.showing:
            return True
        return is_excluded(*self.keyboard.focused_window_info(), self.settings)

    def _settings_path(self) -> Path:
        from expander.paths import user_paths

        return self.options.settings_file or user_paths().settings_file

    def _watched_paths(self) -> list[Path]:
        """The pack files and folders the library comes from, and the settings file."""
        from expander.library import pack_paths_in
        from expander.paths import bundled_dir, user_paths

        paths = [Path(p) for p in self.options.packs]
        if self.options.include_bundled:
            paths += pack_paths_in(bundled_dir())
        if self.options.include_user:
            user = user_paths()
            paths += [user.team_packs_dir, user.personal_file]
        paths.append(self._settings_path())
        return paths

    def _load(self) -> Library:
        return load(
            *self.options.packs,
            include_bundled=self.options.include_bundled,
            include_user=self.options.include_user,
            word_boundary=self.settings.expansion.word_boundary,
        )

    def _on_files_changed(self, changed: frozenset[Path]) -> None:
        settings_file = self._settings_path()
        if settings_file in changed and self.reload_settings():
            return  # reloading the settings reloaded the snippets if they needed it
        if any(path != settings_file for path in changed):
            self.reload()

    def reload_settings(self) -> bool:
        """Apply an edited settings file; True if the snippets were reloaded too.

        A broken edit keeps the settings the app had (and says where the
        problem is); hotkeys only change when the app starts again.
        """
        from expander.desktop.settings import changed_settings, load_settings

        settings, problems = load_settings(self.options.settings_file)
        errors = [p for p in problems if p.is_error]
        for problem in problems:
            log.log(logging.ERROR if problem.is_error else logging.WARNING, "%s", problem)
        if errors and self._settings_ok:
            first = errors[0]
            log.error("Settings not applied; the previous ones stay: %s", first)
            self.notify("Settings not applied", f"{first.location}: {first.message}")
            return False
        self._settings_ok = not errors
        changed = changed_settings(self.settings, settings)
        if not changed:
            return False
        self.settings = settings
        self.engine.settings = self._engine_settings()
        self.customer.defaults = self._field_defaults()
        if any(name.startswith("hotkeys.") for name in changed):
            log.warning("Hotkey changes apply when Expander starts again.")
        if "statistics.enabled" in changed:
            self._open_stats()
        if "statistics.help_improve_faq" in changed and not settings.statistics.help_improve_faq:
            self._forget_kept_emails()
        log.info("Settings applied: %s changed.", ", ".join(changed))
        if "expansion.word_boundary" in changed:
            self.reload()
            return True
        return False

    # --- the fill-in dialog -------------------------------------------------------------

    def _ask_fields(
        self, snippet: Snippet, specs: tuple[FieldSpec, ...], known: Mapping[str, str]
    ) -> Mapping[str, str] | None:
        """Ask for a snippet's fields in a dialog, then give the keyboard back to the
        window the agent was typing in; None (nothing typed) when they cancel."""
        from expander.desktop.backends.tk_dialogs import ask_fields

        with self.windows.opening() as free:
            if not free:
                log.info("another Expander window is open; %s not expanded", snippet.qualified_id)
                return None
            previous = self.keyboard.focused_window()
            try:
                answers = ask_fields(snippet.title or snippet.id, specs, known)
            except BackendError as exc:
                log.error("the fill-in dialog cannot open: %s", exc)
                return None
            finally:
                self.keyboard.focus_window(previous)
        if answers is None:
            return None
        # Typed fields belong to the customer being answered: the next reply needs
        # them too. Choices and optional sections are per reply.
        remembered = {
            spec.name: answers[spec.name]
            for spec in specs
            if spec.kind == "field"
            and (answers.get(spec.name) or "").strip()
            and answers[spec.name] != spec.default
            and answers[spec.name] != self.customer.defaults.get(spec.name)
        }
        if remembered:
            self.customer.update(remembered)
        return answers

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
        from expander.email.fields import extract_fields

        email = self.clipboard.read_text() or ""
        fields = extract_fields(email, self.flow.order_patterns())
        self.customer.set(fields)
        self.notify(
            "Current customer",
            ", ".join(f"{k}: {v}" for k, v in fields.items()) or "no fields found in the e-mail",
        )

    def show_customer(self) -> None:
        """Show the current customer's fields in a dialog, where the agent can clear them."""
        from expander.desktop.backends.tk_dialogs import show_fields

        with self.windows.opening() as free:
            if not free:
                return
            try:
                clear = show_fields(self.customer.own())
            except BackendError as exc:
                log.error("the customer dialog cannot open: %s", exc)
                fields = self.customer.own()
                self.notify(
                    "Current customer", ", ".join(f"{k}: {v}" for k, v in fields.items()) or "none"
                )
                return
        if clear:
            self.customer.clear()
            log.info("Current customer cleared.")

    def reload(self, announce: str | None = None) -> None:
        """Load the snippets again; a broken edit keeps the last good library.

        ``announce`` replaces the usual "Snippets reloaded" notification (a team
        pack update says what changed instead).
        """
        from expander.suggest import suggester_for

        with self._reload_lock:
            library = self._load()
            errors = library.errors
            if errors and not self.library.errors:
                first = errors[0]
                log.error("Reload kept the last good snippets: %s", first)
                self.notify("Snippets not reloaded", f"{first.location}: {first.message}")
                return
            self.library = library
            self.engine.set_library(library)
            if self.stats is not None:
                self.stats.use_library(library)
        threading.Thread(target=suggester_for, args=(library,), name="index", daemon=True).start()
        _log_problems(library)
        log.info("Reloaded %d snippets from %d packs.", len(library), len(library.packs))
        if announce is not None:
            self.notify("Team pack updated", announce)
        else:
            self.notify(
                "Snippets reloaded", f"{len(library)} snippets from {len(library.packs)} packs"
            )

    # --- usage statistics (see docs/stats.md) ------------------------------------------

    def _open_stats(self) -> None:
        """Open or close the usage store as ``[statistics] enabled`` says. An
        unusable store is logged and statistics stay off: typing never depends on it."""
        from expander.stats import StatsError, UsageStore

        enabled = self.settings.statistics.enabled
        if enabled and self.stats is None:
            try:
                store = UsageStore.open()
            except StatsError as exc:
                log.warning("Usage statistics are off: %s", exc)
                return
            store.use_library(self.library)
            self.stats = store
        elif not enabled and self.stats is not None:
            store, self.stats = self.stats, None
            store.close()

    def _record_expansion(self, expansion: Expansion) -> None:
        store = self.stats
        if store is None:
            return
        snippet = self.library.find(expansion.snippet_id)
        if snippet is not None:
            store.record_expansion(snippet)

    def _record_suggestion_flow(
        self, email: str, suggestions: Sequence[Suggestion], chosen: int | None
    ) -> None:
        store = self.stats
        if store is not None:
            store.record_suggestion_flow(
                email,
                suggestions,
                chosen,
                keep_emails=self.settings.statistics.help_improve_faq,
                order_patterns=self.flow.order_patterns(),
            )

    def _forget_kept_emails(self) -> None:
        """The agent switched "help improve our FAQ" off: delete the e-mails kept so far."""
        from expander.stats import StatsError, UsageStore, default_store_path

        if self.stats is not None:
            forgotten = self.stats.forget_emails()
        elif default_store_path().exists():
            try:
                with UsageStore.open() as store:
                    forgotten = store.forget_emails()
            except StatsError as exc:
                log.warning("The kept e-mails could not be deleted: %s", exc)
                return
        else:
            return
        if forgotten:
            log.info("Deleted %d kept e-mail(s): help improve our FAQ is off.", forgotten)

    def usage_report(self) -> None:
        """Write this machine's usage report and open it in the browser."""
        import webbrowser

        from expander.stats.report import write_report

        try:
            page = write_report(library=self.library)
        except (ExpanderError, OSError) as exc:
            log.error("Usage report not written: %s", exc)
            self.notify("Usage report not written", str(exc))
            return
        log.info("Usage report written to %s", page)
        if not self.settings.statistics.enabled:
            self.notify("Usage statistics are off", "Switch them on in the settings file.")
        if not webbrowser.open(page.as_uri()):
            self.notify("Usage report", f"No browser found; the report is at {page}")

    def open_folder(self) -> None:
        import subprocess

        from expander.paths import user_paths

        folder = user_paths().config_dir
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.Popen(["xdg-open", str(folder)], start_new_session=True)

    def about_text(self) -> str:
        import expander

        library = self.library
        lines = [
            f"Expander {expander.__version__}",
            "",
            f"{len(library)} snippets, {len(library.triggers)} abbreviations, "
            f"from {len(library.packs)} packs:",
        ]
        lines += [
            f"  {pack.name} {pack.version} ({pack.layer.label}, {len(pack.snippets)} snippets)"
            for pack in library.packs
        ]
        if library.errors:
            lines += ["", f"{len(library.errors)} problem(s) in the packs: run 'expander check'."]
        lines += self._team_pack_lines()
        lines += ["", f"Settings: {self._settings_path()}"]
        return "\n".join(lines)

    def _team_pack_lines(self) -> list[str]:
        if not self.options.include_user:
            return []
        from expander.team import PackManager

        try:
            installed = PackManager().installed()
        except Exception:  # About must open whatever state the team packs folder is in
            log.exception("the team packs could not be listed")
            return []
        return team_pack_lines(installed)

    def about(self) -> None:
        from expander.desktop.backends.tk_dialogs import show_message

        text = self.about_text()
        with self.windows.opening() as free:
            if not free:
                return
            try:
                show_message("About Expander", text)
            except BackendError as exc:
                log.error("the About window cannot open: %s", exc)
                first, _, rest = text.partition("\n")
                self.notify(first, rest.strip())

    def quit(self) -> None:
        self.stopping.set()
        if self.tray is not None:
            self.tray.stop()

    def notify(self, title: str, message: str) -> None:
        log.info("%s: %s", title, message)
        if self.tray is not None and self.settings.notifications.enabled:
            self.tray.notify(title, message)

    # --- team packs -----------------------------------------------------------------

    def check_team_packs(self, *, min_interval: float | None = None) -> None:
        """Update the subscribed team packs; a new version goes live at once.

        The agent hears about a new version, and about a failure (once, until
        the reason changes: a server down all day is one notification).
        """
        from expander.team import PackManager

        manager = PackManager()
        if not manager.has_subscriptions():
            return
        try:
            results = manager.update(min_interval=min_interval)
        except (ExpanderError, OSError) as exc:  # e.g. another process holds the lock
            log.warning("checking the team packs failed: %s", exc)
            return
        except Exception:  # the app must keep running whatever the network does
            log.exception("checking the team packs failed")
            return
        for result in results:
            if result.outcome == "failed":
                log.warning("%s", result)
            if result.notify and not result.reload:
                self.notify("Team pack not updated", str(result))
        changes = [str(result) for result in results if result.reload]
        if changes:
            self.reload(announce="; ".join(changes))
            if self._watcher is not None:
                self._watcher.baseline()  # this reload already covers those files

    def _check_team_packs_regularly(self) -> None:
        """Check at start and then every ``check_minutes`` (read anew each time, so
        an edited setting applies). An unchanged pack costs one small request."""
        first = True
        while not self.stopping.is_set():
            minutes = self.settings.team_packs.check_minutes
            if minutes > 0:
                # after the first check, skip packs the CLI checked meanwhile
                self.check_team_packs(min_interval=None if first else minutes * 60 - 30)
                first = False
            if self.stopping.wait(max(minutes, 1) * 60):
                return

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
        from expander.desktop.watch import FileWatcher
        from expander.suggest import suggester_for

        # hot reload: an edit is live once the file has been still for one interval
        self._watcher = watcher = FileWatcher(
            self._watched_paths, self._on_files_changed, interval=0.5
        )
        watcher.start()
        # build the suggestion index now, not when the agent first asks
        threading.Thread(
            target=suggester_for, args=(self.library,), name="index", daemon=True
        ).start()
        if self.options.include_user:
            threading.Thread(
                target=self._check_team_packs_regularly, name="team-packs", daemon=True
            ).start()
        if self.options.tray:
            try:
                from expander.desktop.backends.tray import Tray

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
            self.stopping.set()
            watcher.stop()
            self.keyboard.stop()
            self.clipboard.close()
            if self.stats is not None:
                self.stats.close()
        log.info("Expander stopped.")
        return 0


def team_pack_lines(installed: Sequence[Any]) -> list[str]:
    """About's lines on the subscribed team packs (``InstalledPack``): version, last
    check, and why the last check failed."""
    managed = [pack for pack in installed if pack.managed]
    if not managed:
        return []
    lines = ["", "Team packs:"]
    for pack in managed:
        checked = (
            pack.last_check.astimezone().strftime("%Y-%m-%d %H:%M") if pack.last_check else "never"
        )
        line = f"  {pack.name} {pack.version or '(not installed)'}, checked {checked}"
        if pack.status != "ok":
            line += f": {pack.status}" + (f": {pack.error}" if pack.error else "")
        lines.append(line)
    return lines


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
