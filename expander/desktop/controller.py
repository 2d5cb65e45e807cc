"""Every decision of the desktop app, made through ports only.

:class:`DesktopController` decides what each hotkey and tray menu entry does,
when to ask for a snippet's fields, what the reply picker's and the search
palette's choices do, what a reload keeps, when expansion is paused or
excluded, when the team packs are checked, what goes into the usage statistics
and what the agent is told. It reaches the desktop only through the Protocols
of :mod:`expander.ports` and imports no desktop library, so it runs the same on
a real screen (wired by :mod:`expander.desktop.app`) and in memory
(:mod:`expander.desktop.backends.fake`).

Threads: keys arrive on the key source's thread, hotkeys and tray entries each
run on a thread of their own, the fill-in dialog on the engine's ``fill-in``
thread, reloads on the file watcher's, the team-pack checks on ``team-packs``,
the suggestion index is built on ``index`` and an e-mail's replies are ranked on
``rank`` (while the picker shows that it is waiting for them). Shared state is the engine
(locked), the customer and our windows (both thread-safe); a reload holds a lock.

No failure stops expansion: the engine never raises into the key source, and
every hotkey and tray action runs guarded. A failure is logged without its
message (it may quote typed text) and the agent is told once per kind until
the next reload (a broken snippet typed ten times is one notification).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from expander.desktop.about import about_text, team_pack_lines
from expander.desktop.exclusions import is_excluded
from expander.desktop.new_snippet import NewSnippetActions
from expander.desktop.options import AppOptions
from expander.desktop.palette import PaletteActions
from expander.desktop.session import CurrentCustomer, OwnWindows
from expander.desktop.settings import Settings, changed_settings, load_settings
from expander.desktop.usage import UsageStatistics
from expander.desktop.watch import FileWatcher
from expander.engine import Engine, EngineSettings, Failure
from expander.errors import BackendError, ExpanderError, StatsError, log_failure
from expander.library import Library
from expander.model import Problem, Snippet
from expander.paths import user_paths
from expander.ports import (
    DesktopPorts,
    Menu,
    MenuItem,
    Notifier,
    PickerItem,
    PickerReplies,
    TrayIcon,
)
from expander.search import frecency, index_for
from expander.template import FieldSpec

if TYPE_CHECKING:
    from expander.engine import Expansion
    from expander.stats.store import UsageStore
    from expander.suggest.ranker import Suggestion
    from expander.team import InstalledPack, UpdateResult

__all__ = ["DesktopController", "TeamPacks"]

log = logging.getLogger("expander")


class TeamPacks(Protocol):
    """The subscribed team packs (:class:`~expander.team.PackManager`)."""

    def has_subscriptions(self) -> bool: ...

    def update(self, *, min_interval: float | None = None) -> list[UpdateResult]: ...

    def installed(self) -> list[InstalledPack]: ...


def _default_team_packs() -> TeamPacks:
    from expander.team import PackManager

    return PackManager()


def _log_problems(library: Library) -> None:
    for problem in library.problems:
        level = logging.ERROR if problem.is_error else logging.INFO
        log.log(level, "%s", problem)


def _log_settings_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        log.log(logging.ERROR if problem.is_error else logging.WARNING, "%s", problem)


def _choose(override: str | None, configured: str | None) -> str | None:
    """A hotkey from the command line ('' turns it off), else from the settings."""
    if override is not None:
        return override or None
    return configured


class DesktopController(NewSnippetActions, PaletteActions):
    """The running app's decisions: engine, settings, snippets, dialogs, tray, statistics.

    ``team_packs`` makes the team pack manager (anew for each check, as the
    files may have changed); ``build_index`` builds the suggestion index in the
    background after each load, so the agent's first suggestion does not wait.
    """

    def __init__(
        self,
        options: AppOptions,
        ports: DesktopPorts,
        *,
        team_packs: Callable[[], TeamPacks] = _default_team_packs,
        build_index: bool = True,
    ) -> None:
        self.options = options
        self.ports = ports
        self.team_packs = team_packs
        self.build_index = build_index
        self.settings, problems = load_settings(options.settings_file)
        _log_settings_problems(problems)
        self._settings_ok = not any(p.is_error for p in problems)
        self.library = self.options.load(word_boundary=self.settings.expansion.word_boundary)
        _log_problems(self.library)
        self.customer = CurrentCustomer(defaults=self._field_defaults())
        self.windows = OwnWindows()
        self.engine = Engine(
            self.library,
            ports.injector,
            clipboard=ports.clipboard,
            fields=self.customer.get,
            settings=self._engine_settings(),
            clock=ports.clock.monotonic,
            excluded=self._excluded,
            ask_fields=self._ask_fields,
        )
        self.usage = UsageStatistics()
        self._open_stats()
        if not self.settings.statistics.help_improve_faq:
            self.usage.forget_kept_emails()  # the opt-in may have been switched off meanwhile
        self.engine.on_expansion(self._record_expansion)
        self.engine.on_failure(self._engine_failed)
        self._told: set[str] = set()  # the kinds of failure the agent heard of
        self._shared_hotkeys: list[str] = []  # hotkeys that also reach other programs, and why
        self._told_lock = threading.Lock()
        self.stopping = threading.Event()
        self.tray: TrayIcon | None = None
        self.notifier: Notifier | None = None
        self._reload_lock = threading.Lock()
        self._watcher: FileWatcher | None = None

    # --- starting and stopping ----------------------------------------------------------

    def menu(self) -> Menu:
        """The tray menu: each entry's label and action."""

        def item(label: str, action: Callable[[], object], default: bool = False) -> MenuItem:
            return MenuItem(label, self.guarded(label, action), default)

        return (
            MenuItem(
                lambda: "Resume expanding" if self.paused else "Pause expanding",
                self.guarded("Pause expanding", self.toggle_pause),
            ),
            item("Suggest reply for clipboard e-mail", self.suggest, default=True),
            item("Search snippets…", self.palette),
            item("Set customer from clipboard e-mail", self.customer_from_clipboard),
            item("Current customer…", self.show_customer),
            item("New snippet from selection…", self.new_snippet),
            None,
            item("Reload snippets", self.reload),
            item("Open snippets folder", self.open_folder),
            item("Usage report", self.usage_report),
            item("About Expander", self.about),
            None,
            item("Quit", self.quit),
        )

    def guarded(self, what: str, action: Callable[[], object]) -> Callable[[], None]:
        """``action`` made safe to run from a hotkey or the tray: an exception is
        logged (without its message) and told once per kind, and the app goes on."""

        def run() -> None:
            try:
                action()
            except Exception as exc:
                log_failure(log, f"{what} failed", exc)
                name = type(exc).__name__
                self.tell_once(
                    f"{what}:{name}",
                    "Expander",
                    f"{what} failed ({name}); expanding goes on. The log has details.",
                )

        return run

    def tell_once(self, kind: str, title: str, message: str) -> None:
        """Notify the agent of a failure the first time its ``kind`` occurs (until
        the next reload); the log has each one."""
        with self._told_lock:
            if kind in self._told:
                return
            self._told.add(kind)
        self.notify(title, message)

    def _engine_failed(self, failure: Failure) -> None:
        typed = failure.kind.startswith("typed-instead:")  # the reply is there, typed
        self.tell_once(failure.kind, "Typed instead" if typed else "Not expanded", failure.message)

    def attach_tray(self, tray: TrayIcon, notifier: Notifier) -> None:
        """Show the state on ``tray`` and tell the agent through ``notifier`` from now on
        (the tray is made after the controller, from its :meth:`menu`)."""
        self.tray = tray
        self.notifier = notifier

    def start(self) -> list[str]:
        """Register the hotkeys, start listening to keys, watching the files, building
        the suggestion index and checking the team packs; returns the hotkeys, described."""
        suggest_keys = _choose(self.options.suggest_hotkey, self.settings.hotkeys.suggest_spec)
        pause_keys = _choose(self.options.pause_hotkey, self.settings.hotkeys.pause_spec)
        new_snippet_keys = self.settings.hotkeys.new_snippet_spec
        palette_keys = _choose(self.options.palette_hotkey, self.settings.hotkeys.palette_spec)
        hotkeys = [
            self._add_hotkey(what, keys, action)
            for what, keys, action in (
                ("suggest a reply", suggest_keys, self.guarded("Suggest a reply", self.suggest)),
                ("pause", pause_keys, self.guarded("Pause expanding", self.toggle_pause)),
                ("new snippet", new_snippet_keys, self.guarded("New snippet", self.new_snippet)),
                ("search snippets", palette_keys, self.guarded("Search snippets", self.palette)),
            )
            if keys
        ]
        self.ports.keys.start(self.engine.handle)
        # hot reload: an edit is live once the file has been still for one interval
        self._watcher = FileWatcher(self.options.watched_paths, self.on_files_changed, interval=0.5)
        self._watcher.start()
        self._build_index(self.library)
        if self.options.include_user:
            threading.Thread(
                target=self.check_team_packs_regularly, name="team-packs", daemon=True
            ).start()
        return hotkeys

    def _add_hotkey(self, what: str, keys: str, action: Callable[[], None]) -> str:
        """Register one hotkey; returns it described (with why it is shared, if it is)."""
        shared = self.ports.hotkeys.add_hotkey(keys, action)
        if shared is None:
            return f"{what} {keys}"
        self._shared_hotkeys.append(
            f"{keys} ({what}) also reaches other programs: {shared}. "
            "Choose another in the settings if that gets in the way."
        )
        return f"{what} {keys} (shared: {shared})"

    def announce_running(self, hotkeys: Sequence[str]) -> None:
        log.info(
            "Expander is running: %d snippets with %d triggers from %d packs. %s"
            "Press Ctrl+C to quit.",
            len(self.library),
            len(self.library.triggers),
            len(self.library.packs),
            ("Hotkeys: " + ", ".join(hotkeys) + ". ") if hotkeys else "",
        )
        for message in self._shared_hotkeys:  # now, when the tray can show it
            self.notify("Hotkey shared", message)

    def shutdown(self) -> None:
        """Stop watching keys and files and close the usage store."""
        self.stopping.set()
        if self._watcher is not None:
            self._watcher.stop()
        try:
            self.ports.keys.stop()  # raises when the X display is gone
        finally:
            self.usage.close()

    def _build_index(self, library: Library) -> None:
        if self.build_index:
            from expander.suggest import suggester_for
            from expander.suggest.threads import hold_one_blas_thread

            def build() -> None:
                index_for(library)  # the palette's first, before the heavier suggestion index
                hold_one_blas_thread()  # for the app's life (see threads.py); loads numpy
                suggester_for(library)

            threading.Thread(target=build, name="index", daemon=True).start()

    # --- settings and snippets ------------------------------------------------------

    def _field_defaults(self) -> dict[str, str]:
        return {**self.settings.field_defaults(), **self.options.fields}

    def _engine_settings(self) -> EngineSettings:
        engine_settings = self.settings.engine_settings()
        if self.options.paste_threshold is not None:
            engine_settings = replace(engine_settings, paste_threshold=self.options.paste_threshold)
        return engine_settings

    def _excluded(self) -> bool:
        """No expansion in our own dialogs nor in the windows the settings exclude."""
        if self.windows.showing:
            return True
        return is_excluded(*self.ports.windows.focused_window_info(), self.settings)

    def on_files_changed(self, changed: frozenset[Path]) -> None:
        """The file watcher saw ``changed``: apply the settings, reload the snippets."""
        settings_file = self.options.settings_path()
        if settings_file in changed and self.reload_settings():
            return  # reloading the settings reloaded the snippets if they needed it
        if any(path != settings_file for path in changed):
            self.reload()

    def reload_settings(self) -> bool:
        """Apply an edited settings file; True if the snippets were reloaded too.

        A broken edit keeps the settings the app had (and says where the
        problem is); hotkeys only change when the app starts again.
        """
        settings, problems = load_settings(self.options.settings_file)
        errors = [p for p in problems if p.is_error]
        _log_settings_problems(problems)
        if errors and self._settings_ok:
            first = errors[0]
            log.error("Settings not applied; the previous ones stay: %s", first)
            self.notify("Settings not applied", f"{first.location}: {first.message}")
            return False
        self._settings_ok = not errors
        changed = changed_settings(self.settings, settings)
        if not changed:
            return False
        self._apply_settings(settings)
        if any(name.startswith("hotkeys.") for name in changed):
            log.warning("Hotkey changes apply when Expander starts again.")
        if "statistics.enabled" in changed:
            self._open_stats()
        if "statistics.help_improve_faq" in changed and not settings.statistics.help_improve_faq:
            self.usage.forget_kept_emails()
        log.info("Settings applied: %s changed.", ", ".join(changed))
        if "expansion.word_boundary" in changed:
            self.reload()
            return True
        return False

    def _apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.engine.settings = self._engine_settings()
        self.customer.defaults = self._field_defaults()

    def reload(self, announce: str | None = None, *, title: str = "Team pack updated") -> bool:
        """Load the snippets again; a broken edit keeps the last good library (False).

        ``announce`` (under ``title``) replaces the usual "Snippets reloaded"
        notification (a team pack update says what changed instead).
        """
        with self._reload_lock:
            library = self.options.load(word_boundary=self.settings.expansion.word_boundary)
            errors = library.errors
            if errors and not self.library.errors:
                first = errors[0]
                log.error("Reload kept the last good snippets: %s", first)
                self.notify("Snippets not reloaded", f"{first.location}: {first.message}")
                return False
            self.library = library
            self.engine.set_library(library)
            self.usage.use_library(library)
            with self._told_lock:
                self._told.clear()  # a snippet that fails again after an edit is told again
        self._build_index(library)
        _log_problems(library)
        log.info("Reloaded %d snippets from %d packs.", len(library), len(library.packs))
        if announce is not None:
            self.notify(title, announce)
        else:
            self.notify(
                "Snippets reloaded", f"{len(library)} snippets from {len(library.packs)} packs"
            )
        return True

    # --- the fill-in dialog -------------------------------------------------------------

    def _ask_fields(
        self, snippet: Snippet, specs: tuple[FieldSpec, ...], known: Mapping[str, str]
    ) -> Mapping[str, str] | None:
        """Ask for a snippet's fields in a dialog, then give the keyboard back to the
        window the agent was typing in; None (nothing typed) when they cancel."""
        with self.windows.opening() as free:
            if not free:
                log.info("another Expander window is open; %s not expanded", snippet.qualified_id)
                return None
            previous = self.ports.windows.focused_window()
            try:
                answers = self.ports.dialogs.ask_fields(snippet.title or snippet.id, specs, known)
            except BackendError as exc:
                log.error("the fill-in dialog cannot open: %s", exc)
                return None
            finally:
                self.ports.windows.focus_window(previous)
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

    # --- the reply picker -----------------------------------------------------------

    def order_patterns(self) -> tuple[str, ...]:
        return tuple(p for pack in self.library.packs for p in pack.order_patterns)

    def suggest(self) -> None:
        """Suggest a reply for the e-mail on the clipboard: rank the snippets, let the
        agent pick, insert the filled reply where they were typing, keep the customer."""
        with self.windows.opening() as free:
            if not free:
                return  # the picker or another dialog is already open
            try:
                self._suggest()
            except Exception as exc:  # the app must survive whatever the picker meets
                log_failure(log, "the reply picker failed", exc)  # it holds a customer's e-mail

    def _suggest(self) -> None:
        previous = self.ports.windows.focused_window()
        email = self.ports.clipboard.read_text() or ""
        from expander.suggest import accept, learned_examples

        library = self.library
        suggestions: list[Suggestion] = []
        replies: Future[PickerReplies] = Future()
        if email.strip():
            threading.Thread(
                target=self._rank, args=(library, email, suggestions, replies), name="rank",
                daemon=True,
            ).start()  # fmt: skip
        else:
            replies.set_result(
                PickerReplies((), {}, "The clipboard holds no text: copy the e-mail first.")
            )
        choice = self.ports.dialogs.pick(replies)
        self.ports.windows.focus_window(previous)
        if not replies.done():
            log.info("the picker was closed before its replies were ranked")
            return
        if email.strip():
            self._record_suggestion_flow(
                email, suggestions, None if choice is None else choice.index
            )
        if choice is None:
            log.info("the picker was closed; nothing inserted")
            return
        chosen = suggestions[choice.index]
        self.customer.set(dict(replies.result().fields))
        log.info("reply %s chosen from the picker", chosen.snippet.qualified_id)
        if choice.action == "copy":
            self.ports.clipboard.set_text(chosen.reply.text)
        else:
            self.engine.insert(chosen.reply.text, chosen.reply.cursor)
        if learned_examples(library) is not None:
            try:
                accept(library, chosen.snippet, email)
            except OSError as exc:  # the reply is in; only the learning is lost
                where = f" ({exc.filename})" if exc.filename else ""
                log.warning("the chosen reply was not learned: %s%s", exc.strerror or exc, where)

    @staticmethod
    def _rank(
        library: Library, email: str, into: list[Suggestion], replies: Future[PickerReplies]
    ) -> None:
        """Rank ``library``'s replies for ``email`` into ``into``, then complete
        ``replies`` with what the picker lists (a message when ranking failed)."""
        from expander.suggest import suggest

        try:
            into[:] = suggest(library, email, 5, min_score=0.0)
        except Exception as exc:  # the picker still needs an answer
            log_failure(log, "ranking the replies failed", exc)  # it holds a customer's e-mail
            replies.set_result(PickerReplies((), {}, "Ranking the replies failed: see the log."))
            return
        items = tuple(
            PickerItem(
                f"{s.score:4.0f}  {s.snippet.trigger or s.snippet.id}  {s.snippet.title}"
                + ("" if s.confident else "  (not confident)"),
                s.reply.text,
                " · ".join(s.reasons),
            )
            for s in into
        )
        replies.set_result(PickerReplies(items, dict(into[0].fields) if into else {}))

    # --- usage statistics (see docs/stats.md) ------------------------------------------

    @property
    def stats(self) -> UsageStore | None:
        """The open usage store; None while statistics are off."""
        return self.usage.store

    def _open_stats(self) -> None:
        self.usage.switch(self.settings.statistics.enabled, self.library)

    def _usage_scores(self) -> dict[str, float]:
        """How much each snippet (``pack:id``) was used lately, for the palette's order."""
        store = self.stats
        if store is None:
            return {}
        try:
            rows = store.rows(since=dt.date.today() - dt.timedelta(days=90))
        except StatsError as exc:
            log.warning("the usage statistics cannot be read: %s", exc)
            return {}
        return frecency(
            (f"{row.pack}:{row.snippet}", row.day, row.count)
            for row in rows
            if row.event in ("expanded", "accepted")
        )

    def _record_expansion(self, expansion: Expansion) -> None:
        self.usage.record_expansion(self.library, expansion)

    def _record_suggestion_flow(
        self, email: str, suggestions: Sequence[Suggestion], chosen: int | None
    ) -> None:
        self.usage.record_suggestion_flow(
            email,
            suggestions,
            chosen,
            keep_emails=self.settings.statistics.help_improve_faq,
            order_patterns=self.order_patterns(),
        )

    # --- tray and hotkey actions --------------------------------------------------------

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

    def customer_from_clipboard(self) -> None:
        from expander.email.fields import extract_fields

        email = self.ports.clipboard.read_text() or ""
        fields = extract_fields(email, self.order_patterns())
        self.customer.set(fields)
        # the fields' names, not their values: a notification daemon keeps what it
        # shows (GNOME's list, the lock screen, notify-osd's log in ~/.cache)
        found = ", ".join(fields)
        self.notify(
            "Current customer",
            f"Found {found}: 'Current customer…' shows them"
            if found
            else "no fields found in the e-mail",
        )

    def show_customer(self) -> None:
        """Show the current customer's fields in a dialog, where the agent can clear them."""
        with self.windows.opening() as free:
            if not free:
                return
            try:
                clear = self.ports.dialogs.show_fields(self.customer.own())
            except BackendError as exc:
                log.error("the customer dialog cannot open: %s", exc)
                fields = self.customer.own()
                self.notify(
                    "Current customer",
                    ", ".join(f"{k}: {v}" for k, v in fields.items()) or "none",
                    private=True,
                )
                return
        if clear:
            self.customer.clear()
            log.info("Current customer cleared.")

    def usage_report(self) -> None:
        """Write this machine's usage report and open it in the browser."""
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
        if not self.ports.launcher.open_page(page):
            self.notify("Usage report", f"No browser found; the report is at {page}")

    def open_folder(self) -> None:
        """Open the folder of the agent's own snippets and settings (made if missing)."""

        folder = user_paths().config_dir
        folder.mkdir(parents=True, exist_ok=True)
        self.ports.launcher.open_folder(folder)

    def about_text(self) -> str:
        return about_text(self.library, self._team_pack_lines(), self.options.settings_path())

    def _team_pack_lines(self) -> list[str]:
        if not self.options.include_user:
            return []
        try:
            installed = self.team_packs().installed()
        except Exception:  # About must open whatever state the team packs folder is in
            log.exception("the team packs could not be listed")
            return []
        return team_pack_lines(installed)

    def about(self) -> None:
        text = self.about_text()
        with self.windows.opening() as free:
            if not free:
                return
            try:
                self.ports.dialogs.show_message("About Expander", text)
            except BackendError as exc:
                log.error("the About window cannot open: %s", exc)
                first, _, rest = text.partition("\n")
                self.notify(first, rest.strip())

    def quit(self) -> None:
        self.stopping.set()
        if self.tray is not None:
            self.tray.stop()

    def notify(self, title: str, message: str, *, private: bool = False) -> None:
        """Tell the agent (unless they switched notifications off); always logged,
        but a ``private`` message (a customer's name, e-mail, phone, order) by its
        title only: the log goes to the session's journal on disk."""
        if private:
            log.info("%s: (not logged: it holds the customer's data)", title)
        else:
            log.info("%s: %s", title, message)
        if self.notifier is not None and self.settings.notifications.enabled:
            try:
                self.notifier.notify(title, message)
            except Exception as exc:  # a notification must never break what told it
                log_failure(log, "a notification could not be shown", exc)

    # --- team packs -----------------------------------------------------------------

    def check_team_packs(self, *, min_interval: float | None = None) -> None:
        """Update the subscribed team packs; a new version goes live at once.

        The agent hears about a new version, and about a failure (once, until
        the reason changes: a server down all day is one notification).
        """
        manager = self.team_packs()
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

    def check_team_packs_regularly(self) -> None:
        """Check at start and then every ``check_minutes`` (read anew each time, so
        an edited setting applies) until the app stops. An unchanged pack costs one
        small request."""
        first = True
        while not self.stopping.is_set():
            minutes = self.settings.team_packs.check_minutes
            if minutes > 0:
                # after the first check, skip packs the CLI checked meanwhile
                self.check_team_packs(min_interval=None if first else minutes * 60 - 30)
                first = False
            if self.ports.clock.wait(self.stopping, max(minutes, 1) * 60):
                return
