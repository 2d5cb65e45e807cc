"""The user's settings file: one TOML file, validated like packs.

``settings.toml`` lives in the user's config folder
(:attr:`expander.paths.Paths.settings_file`). Loading it never raises and never
leaves the app without settings: every problem becomes a
:class:`~expander.model.Problem` with file, line and what to do, a value that
is wrong falls back to its default (and says so), and a file that cannot be
read at all gives the defaults for everything. What each setting means, with
its default, is in ``docs/settings.md``; :func:`write_default_settings` writes
the same as a commented file to start from.

Hotkeys are parsed by :mod:`expander.desktop.hotkeys` and window patterns
matched by :mod:`expander.desktop.exclusions`; this module reads the file into
them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from expander.desktop.exclusions import (
    DEFAULT_EXCLUDED_CLASSES,
    DEFAULT_EXCLUDED_TITLES,
    ExclusionSettings,
    pattern_matches,
)
from expander.desktop.hotkeys import Hotkey, common_shortcut, hotkey_clash, parse_hotkey
from expander.engine import EngineSettings
from expander.errors import HotkeyError
from expander.fsutil import atomic_write_bytes
from expander.model import Problem
from expander.paths import user_paths
from expander.template import BUILTINS, is_field_name
from expander.tomlsource import FileReport, TableLines, did_you_mean, read_toml

__all__ = [
    "DEFAULT_TEMPLATE",
    "SETTINGS_KEYS",
    "ExpansionSettings",
    "HotkeySettings",
    "NotificationSettings",
    "PasteKey",
    "paste_key_for",
    "Settings",
    "StatisticsSettings",
    "TeamPackSettings",
    "changed_settings",
    "default_settings",
    "load_settings",
    "write_default_settings",
]


# --- the settings ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PasteKey:
    """How to paste into one kind of window (Espanso's ``paste_shortcut``).

    ``keys`` is pressed after the reply is put on ``selection`` (``"clipboard"``,
    or ``"primary"`` for xterm and rxvt, whose Shift+Insert pastes the
    selected text). In a ``terminal`` no line break is ever sent: a reply of
    several lines is not inserted there (a pasted line break runs a command
    in a shell that has not turned bracketed paste on, and we cannot ask).
    """

    keys: Hotkey
    selection: str = "clipboard"
    terminal: bool = False


_CTRL_V = PasteKey(parse_hotkey("<ctrl>+v"))
_CTRL_SHIFT_V = PasteKey(parse_hotkey("<ctrl>+<shift>+v"), terminal=True)
_SHIFT_INSERT = PasteKey(parse_hotkey("<shift>+<insert>"), "primary", terminal=True)
# WM_CLASS patterns (instance or class) of terminal emulators, and their paste key.
DEFAULT_PASTE_KEYS: tuple[tuple[str, PasteKey], ...] = (
    *((p, _SHIFT_INSERT) for p in ("xterm", "uxterm", "*rxvt*", "st", "st-256color", "eterm")),
    *(
        (p, _CTRL_SHIFT_V)
        for p in (
            "gnome-terminal*", "konsole", "xfce4-terminal", "alacritty", "kitty", "tilix",
            "terminator", "*wezterm*", "foot", "footclient", "terminology", "qterminal",
            "lxterminal", "mate-terminal", "sakura", "guake", "tilda", "yakuake",
            "cool-retro-term", "termite", "*ghostty*", "x-terminal-emulator",
        )
    ),
)  # fmt: skip


def _taken_or_shared(hotkey: Hotkey) -> str:
    """What a hotkey does to the programs that use it too: the desktop grabs every
    hotkey but a paste key, which it presses itself."""
    pastes = {_CTRL_V.keys, *(key.keys for _, key in DEFAULT_PASTE_KEYS)}
    if hotkey in pastes:
        return "and both will happen (Expander presses it to paste, so it cannot take it)"
    return "which will not get it while Expander runs"


def paste_key_for(
    wm_class: tuple[str, ...], rules: tuple[tuple[str, PasteKey], ...] = ()
) -> PasteKey:
    """The paste key for a window: the first of the user's ``rules`` whose
    pattern matches its class or instance, else the built-in terminal ones,
    else Ctrl+V."""
    for pattern, key in (*rules, *DEFAULT_PASTE_KEYS):
        if any(pattern_matches(pattern, name) for name in wm_class):
            return key
    return _CTRL_V


@dataclass(frozen=True, slots=True)
class ExpansionSettings:
    """How replies are inserted; see ``docs/settings.md``. ``paste_keys`` are the
    user's (pattern, key) rules, before the built-in ones (:func:`paste_key_for`)."""

    paste_threshold: int = 40
    word_boundary: bool = False
    idle_reset_seconds: float = 15.0
    paste_keys: tuple[tuple[str, PasteKey], ...] = ()


_DEFAULT_PAUSE = Hotkey(frozenset({"ctrl", "alt"}), "p")
_DEFAULT_SUGGEST = Hotkey(frozenset({"ctrl", "alt"}), "s")
_DEFAULT_NEW_SNIPPET = Hotkey(frozenset({"ctrl", "alt"}), "n")
_DEFAULT_PALETTE = Hotkey(frozenset({"ctrl", "alt"}), "<space>")


@dataclass(frozen=True, slots=True)
class HotkeySettings:
    """Global hotkeys; None means turned off (``""`` in the file)."""

    pause: Hotkey | None = _DEFAULT_PAUSE
    suggest: Hotkey | None = _DEFAULT_SUGGEST
    new_snippet: Hotkey | None = _DEFAULT_NEW_SNIPPET
    palette: Hotkey | None = _DEFAULT_PALETTE

    @property
    def pause_spec(self) -> str | None:
        """The pynput string for the keyboard backend, or None when off."""
        return self.pause.spec if self.pause else None

    @property
    def suggest_spec(self) -> str | None:
        return self.suggest.spec if self.suggest else None

    @property
    def new_snippet_spec(self) -> str | None:
        return self.new_snippet.spec if self.new_snippet else None

    @property
    def palette_spec(self) -> str | None:
        return self.palette.spec if self.palette else None


@dataclass(frozen=True, slots=True)
class NotificationSettings:
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class TeamPackSettings:
    """How often the running app checks subscribed team packs (0: only by hand)."""

    check_minutes: int = 60


@dataclass(frozen=True, slots=True)
class StatisticsSettings:
    """Usage statistics kept on this machine (see ``docs/stats.md``).

    ``enabled`` counts expansions and suggestions per snippet and day;
    ``help_improve_faq`` (off unless the agent opts in) also keeps, masked,
    the e-mails no canned reply answered, for the FAQ-gap report.
    """

    enabled: bool = True
    help_improve_faq: bool = False


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything in the settings file, validated; the defaults where it says nothing.

    ``fields`` are default template fields for every reply (the agent's name,
    the shop), as ordered pairs so the settings stay immutable and hashable;
    :meth:`field_defaults` gives them as a dict. ``source`` is the file they
    came from (None for the built-in defaults).
    """

    expansion: ExpansionSettings = ExpansionSettings()
    hotkeys: HotkeySettings = HotkeySettings()
    exclusions: ExclusionSettings = ExclusionSettings()
    fields: tuple[tuple[str, str], ...] = ()
    notifications: NotificationSettings = NotificationSettings()
    team_packs: TeamPackSettings = TeamPackSettings()
    statistics: StatisticsSettings = StatisticsSettings()
    source: Path | None = field(default=None, compare=False)

    def field_defaults(self) -> dict[str, str]:
        return dict(self.fields)

    def engine_settings(self, base: EngineSettings | None = None) -> EngineSettings:
        """The engine's settings from these; what the file does not cover comes
        from ``base`` (the engine's defaults when None)."""
        return replace(
            base or EngineSettings(),
            paste_threshold=self.expansion.paste_threshold,
            idle_reset=float(self.expansion.idle_reset_seconds),
        )


def default_settings() -> Settings:
    """The settings in effect when there is no settings file."""
    return Settings()


SETTINGS_KEYS: dict[str, dict[str, str]] = {
    "expansion": {
        "paste_threshold": "a whole number of characters, 0 or more, e.g. paste_threshold = 40",
        "word_boundary": "true or false",
        "idle_reset_seconds": "a number of seconds from 1 to 3600, e.g. idle_reset_seconds = 15",
        "paste_keys": "a table of window-class patterns and paste keys, e.g. "
        '[expansion.paste_keys] then "mytool" = "<ctrl>+<shift>+v"',
    },
    "hotkeys": {
        "pause": 'a key combination such as "<ctrl>+<alt>+p", or "" to turn it off',
        "suggest": 'a key combination such as "<ctrl>+<alt>+s", or "" to turn it off',
        "new_snippet": 'a key combination such as "<ctrl>+<alt>+n", or "" to turn it off',
        "palette": 'a key combination such as "<ctrl>+<alt>+<space>", or "" to turn it off',
    },
    "exclusions": {
        "use_default_exclusions": "true or false",
        "window_classes": 'a list of patterns, e.g. window_classes = ["*keepass*"]',
        "window_titles": 'a list of patterns, e.g. window_titles = ["*online banking*"]',
    },
    "fields": {},
    "notifications": {"enabled": "true or false"},
    "team_packs": {
        "check_minutes": "a whole number of minutes from 0 (only by hand) to 10080, "
        "e.g. check_minutes = 60",
    },
    "statistics": {"enabled": "true or false", "help_improve_faq": "true or false"},
}
"""Every section and key the file may hold, with what a valid value looks like
(``[fields]`` takes any field name)."""

_HOTKEY_DEFAULTS: dict[str, Hotkey | None] = {
    "pause": _DEFAULT_PAUSE,
    "suggest": _DEFAULT_SUGGEST,
    "new_snippet": _DEFAULT_NEW_SNIPPET,
    "palette": _DEFAULT_PALETTE,
}
_IDLE_RANGE = (1.0, 3600.0)
_CHECK_MINUTES_RANGE = (0, 7 * 24 * 60)


class _Reader:
    """Validates one parsed settings file into a :class:`Settings`."""

    def __init__(self, data: Mapping[str, Any], lines: TableLines, report: FileReport) -> None:
        self.data = data
        self.lines = lines
        self.report = report

    def error(self, message: str, line: int | None) -> None:
        self.report.error(message, line)

    def warn(self, message: str, line: int | None) -> None:
        self.report.warn(message, line)

    def section(self, name: str) -> Mapping[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            self.error(
                f"{name} must be a table: write [{name}] on its own line, then its keys below",
                self.lines.table(name),
            )
            return {}
        allowed = SETTINGS_KEYS[name]
        if allowed:
            for key in value:
                if key not in allowed:
                    self.error(
                        f"unknown key {key!r} in [{name}]{did_you_mean(key, allowed)}"
                        f"{_elsewhere(key, name)}",
                        self.lines.key(name, key),
                    )
        return value

    def read(self) -> Settings:
        for key in self.data:
            if key not in SETTINGS_KEYS:
                owner = _owner_section(key)
                if owner:
                    hint = f": it belongs under [{owner}]"
                else:
                    hint = did_you_mean(key, SETTINGS_KEYS)
                    if not hint.startswith("; did you mean"):
                        hint = "; the sections are " + ", ".join(f"[{s}]" for s in SETTINGS_KEYS)
                self.error(f"unknown setting {key!r}{hint}", self.lines.table(key))
        source = self.report.path
        return Settings(
            expansion=self.expansion(),
            hotkeys=self.hotkeys(),
            exclusions=self.exclusions(),
            fields=self.fields(),
            notifications=NotificationSettings(
                enabled=self.boolean(self.section("notifications"), "notifications", "enabled")
            ),
            team_packs=self.team_packs(),
            statistics=StatisticsSettings(
                enabled=self.boolean(self.section("statistics"), "statistics", "enabled"),
                help_improve_faq=self.boolean(
                    self.section("statistics"), "statistics", "help_improve_faq"
                ),
            ),
            source=source,
        )

    def paste_keys(self, table: Mapping[str, Any]) -> tuple[tuple[str, PasteKey], ...]:
        where = "[expansion.paste_keys]"
        keys = table.get("paste_keys", {})
        if not isinstance(keys, dict):
            self.error(
                f"{where} must be a table: write {where} on its own line, then "
                '"pattern" = "<ctrl>+<shift>+v" lines below; it was ignored',
                self.lines.key("expansion", "paste_keys"),
            )
            return ()
        rules: list[tuple[str, PasteKey]] = []
        for pattern, value in keys.items():
            line = self.lines.key("expansion.paste_keys", pattern)
            entry = value if isinstance(value, dict) else {"keys": value}
            spec = entry.get("keys")
            selection = entry.get("selection", "clipboard")
            terminal = entry.get("terminal", False)
            if (
                not isinstance(spec, str)
                or selection not in ("clipboard", "primary")
                or not isinstance(terminal, bool)
                or set(entry) - {"keys", "selection", "terminal"}
            ):
                self.error(
                    f'{where}: write e.g. "{pattern}" = "<ctrl>+<shift>+v", or '
                    f'"{pattern}" = {{ keys = "<shift>+<insert>", selection = "primary", '
                    "terminal = true }; it was ignored",
                    line,
                )
                continue
            try:
                keys = parse_hotkey(spec)
            except HotkeyError as exc:
                self.error(f"{where}: {pattern!r}: {exc}; it was ignored", line)
                continue
            rules.append((pattern, PasteKey(keys, selection, terminal)))
        return tuple(rules)

    def team_packs(self) -> TeamPackSettings:
        table = self.section("team_packs")
        default = TeamPackSettings().check_minutes
        minutes = table.get("check_minutes", default)
        low, high = _CHECK_MINUTES_RANGE
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not low <= minutes <= high:
            self.error(
                f"[team_packs] check_minutes must be a whole number of minutes from {low} "
                f"(check only by hand) to {high}, not {minutes!r}; using the default {default}",
                self.lines.key("team_packs", "check_minutes"),
            )
            minutes = default
        return TeamPackSettings(check_minutes=minutes)

    def boolean(self, table: Mapping[str, Any], section: str, key: str) -> bool:
        default: bool = _default_of(section, key)
        value = table.get(key, default)
        if isinstance(value, bool):
            return value
        self.error(
            f"[{section}] {key} must be true or false (no quotes), not {value!r}; "
            f"using the default {str(default).lower()}",
            self.lines.key(section, key),
        )
        return default

    def expansion(self) -> ExpansionSettings:
        table = self.section("expansion")
        defaults = ExpansionSettings()
        threshold = table.get("paste_threshold", defaults.paste_threshold)
        if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 0:
            self.error(
                f"[expansion] paste_threshold must be a whole number of characters, 0 or more "
                f"(0 pastes every reply), not {threshold!r}; using the default "
                f"{defaults.paste_threshold}",
                self.lines.key("expansion", "paste_threshold"),
            )
            threshold = defaults.paste_threshold
        idle = table.get("idle_reset_seconds", defaults.idle_reset_seconds)
        low, high = _IDLE_RANGE
        if (
            isinstance(idle, bool)
            or not isinstance(idle, int | float)
            or not math.isfinite(idle)
            or not low <= idle <= high
        ):
            self.error(
                f"[expansion] idle_reset_seconds must be a number of seconds from {low:g} to "
                f"{high:g}, not {idle!r}; using the default {defaults.idle_reset_seconds:g}",
                self.lines.key("expansion", "idle_reset_seconds"),
            )
            idle = defaults.idle_reset_seconds
        return ExpansionSettings(
            paste_threshold=threshold,
            word_boundary=self.boolean(table, "expansion", "word_boundary"),
            idle_reset_seconds=float(idle),
            paste_keys=self.paste_keys(table),
        )

    def hotkeys(self) -> HotkeySettings:
        table = self.section("hotkeys")
        chosen: dict[str, Hotkey | None] = {}
        defaulted = {name for name in _HOTKEY_DEFAULTS if name not in table}
        for name, default in _HOTKEY_DEFAULTS.items():
            line = self.lines.key("hotkeys", name)
            value = table.get(name, default.spec if default else "")
            shown = f'"{default.spec}"' if default else '"" (off)'
            if not isinstance(value, str):
                self.error(
                    f'[hotkeys] {name} must be a string such as "<ctrl>+<alt>+p", or "" to '
                    f"turn it off, not {value!r}; using the default {shown}",
                    line,
                )
                chosen[name] = default
                defaulted.add(name)
            elif not value.strip():
                chosen[name] = None
            else:
                try:
                    chosen[name] = parse_hotkey(value)
                except HotkeyError as exc:
                    self.error(f"[hotkeys] {name}: {exc} (using the default {shown})", line)
                    chosen[name] = default
                    defaulted.add(name)
        names = list(chosen)
        for i, first in enumerate(names):
            for second in names[i + 1 :]:
                a, b = chosen[first], chosen[second]
                if a is None or b is None:
                    continue
                clash = hotkey_clash(a, b)
                if clash is None:
                    continue
                first_label = f"{first} = {a.spec!r}" + (" (default)" * (first in defaulted))
                second_label = f"{second} = {b.spec!r}" + (" (default)" * (second in defaulted))
                self.error(
                    f"[hotkeys] {second_label} {clash} {first_label}: choose another "
                    f'combination for one of them, or "" to turn one off; {second} is off '
                    "until then",
                    self.lines.key("hotkeys", first if second in defaulted else second),
                )
                chosen[second] = None
        for name, hotkey in chosen.items():
            usual = common_shortcut(hotkey) if hotkey is not None else None
            if hotkey is not None and usual is not None:
                self.warn(
                    f"[hotkeys] {name} = {hotkey.spec!r} is also the usual shortcut for "
                    f"{usual} in other programs, {_taken_or_shared(hotkey)}: consider adding "
                    "<alt>",
                    self.lines.key("hotkeys", name),
                )
        return HotkeySettings(**chosen)

    def exclusions(self) -> ExclusionSettings:
        table = self.section("exclusions")
        return ExclusionSettings(
            window_classes=self.patterns(table, "window_classes"),
            window_titles=self.patterns(table, "window_titles"),
            use_default_exclusions=self.boolean(table, "exclusions", "use_default_exclusions"),
        )

    def patterns(self, table: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        line = self.lines.key("exclusions", key)
        if not isinstance(value, list):
            self.error(
                f"[exclusions] {key} must be a list of strings, e.g. {key} = "
                f'["*keepass*"], not {value!r}; it was ignored',
                line,
            )
            return ()
        kept: list[str] = []
        for item in value:
            if not isinstance(item, str):
                self.error(
                    f"[exclusions] {key}: {item!r} is not a string: put it in quotes; "
                    "it was ignored",
                    line,
                )
                continue
            item_line = self.lines.item("exclusions", key, item)
            if not item.strip():
                self.error(
                    f"[exclusions] {key}: an empty pattern matches no window: remove it, "
                    'or write "*word*" to match a word anywhere',
                    item_line,
                )
                continue
            if not item.strip("*"):
                self.warn(
                    f"[exclusions] {key}: {item!r} matches every window, so nothing will "
                    "ever be expanded: remove it, or use Pause instead",
                    item_line,
                )
            if item not in kept:
                kept.append(item)
        return tuple(kept)

    def fields(self) -> tuple[tuple[str, str], ...]:
        table = self.data.get("fields", {})
        if not isinstance(table, dict):
            self.section("fields")  # reports it
            return ()
        result: list[tuple[str, str]] = []
        for name, value in table.items():
            line = self.lines.key("fields", name)
            if isinstance(value, dict):
                self.error(
                    f"[fields] {name} is a table: fields are plain text, e.g. "
                    f'{name} = "..."; it was ignored',
                    line,
                )
                continue
            if name in BUILTINS:
                self.error(
                    f"[fields] {name!r} is a built-in template tag ({{{name}}}), not a field: "
                    "pick another name; it was ignored",
                    line,
                )
                continue
            if not is_field_name(name):
                fixed = re.sub(r"\W+", "_", name).strip("_") or "field"
                if fixed[0].isdigit():
                    fixed = f"f_{fixed}"
                self.error(
                    f"[fields] {name!r} cannot be used as {{{name}}} in a template: a field "
                    f"name is a letter, then letters, digits, '_' or '-' (e.g. {fixed}); "
                    "it was ignored",
                    line,
                )
                continue
            if not isinstance(value, str):
                self.error(
                    f'[fields] {name} must be text in quotes, e.g. {name} = "{value}"; '
                    "it was ignored",
                    line,
                )
                continue
            if not value.strip():
                self.warn(
                    f"[fields] {name} is empty, so {{{name}}} is filled with nothing: give it "
                    "a value, or remove it to be asked for it",
                    line,
                )
            result.append((name, value))
        return tuple(result)


def _default_of(section: str, key: str) -> Any:
    owner: Any = {
        "expansion": ExpansionSettings(),
        "exclusions": ExclusionSettings(),
        "notifications": NotificationSettings(),
        "statistics": StatisticsSettings(),
    }[section]
    return getattr(owner, key)


def _owner_section(key: str) -> str | None:
    for section, keys in SETTINGS_KEYS.items():
        if key in keys:
            return section
    return None


def _elsewhere(key: str, section: str) -> str:
    owner = _owner_section(key)
    return f" ({key} belongs under [{owner}])" if owner and owner != section else ""


def load_settings(path: str | Path | None = None) -> tuple[Settings, tuple[Problem, ...]]:
    """Load and validate the settings file (the user's when ``path`` is None).

    Never raises for the file: a missing file gives the defaults and no
    problems; a file that cannot be read or parsed gives the defaults and its
    problems; a wrong value falls back to its default and is reported with
    file, line and what to write instead.
    """
    path = Path(path) if path is not None else user_paths().settings_file
    if not path.exists():
        return default_settings(), ()
    problems: list[Problem] = []
    report = FileReport(path, problems)
    read = read_toml(path, report)
    if read is None:
        if not path.exists():  # removed while we read it: as if it were never there
            return default_settings(), ()
        report.warn(
            "the settings file could not be used, so every setting is at its default "
            "until it is fixed"
        )
        return default_settings(), tuple(problems)
    data, text = read
    settings = _Reader(data, TableLines(text), report).read()
    return settings, tuple(sorted(problems, key=lambda p: p.line or 0))


def changed_settings(old: Settings, new: Settings) -> tuple[str, ...]:
    """The ``section.key`` names whose values differ, for a hot reload to act on.

    Most settings apply at once; hotkeys are registered when the keyboard
    starts, so a change there needs a restart, and ``expansion.word_boundary``
    needs the snippets loaded again.
    """
    changed: list[str] = []
    for part in ("expansion", "hotkeys", "exclusions", "notifications", "team_packs", "statistics"):
        before, after = getattr(old, part), getattr(new, part)
        for f in fields(before):
            if getattr(before, f.name) != getattr(after, f.name):
                changed.append(f"{part}.{f.name}")
    old_fields, new_fields = old.field_defaults(), new.field_defaults()
    changed.extend(
        f"fields.{name}"
        for name in sorted(old_fields.keys() | new_fields.keys())
        if old_fields.get(name) != new_fields.get(name)
    )
    return tuple(changed)


# --- the commented template ------------------------------------------------------------------


def _toml_list(items: Iterable[str], indent: str = "#       ") -> str:
    return "\n".join(f'{indent}"{item}",' for item in items)


DEFAULT_TEMPLATE = f"""\
# Expander settings. Every line that is not a comment is at its default, so
# this file changes nothing until you edit it. Saved changes apply within about
# a second, except hotkeys, which apply when Expander starts again.
# Problems are reported with their line, and a wrong value falls back to its
# default. All settings: docs/settings.md.

[expansion]
# Replies longer than this many characters are pasted through the clipboard
# (which is restored afterwards); shorter ones are typed. 0 pastes every reply.
paste_threshold = 40
# Whether a trigger only fires after a space, punctuation or Enter, for
# snippets whose pack says nothing. A pack's or a snippet's own word_boundary
# always wins over this.
word_boundary = false
# Forget what was typed after this many seconds without a key (1 to 3600).
idle_reset_seconds = 15
# The key that pastes in a kind of window, by class pattern (as for exclusions).
# Built in: Ctrl+Shift+V for terminals, Shift+Insert with the selected text
# (PRIMARY) for xterm and rxvt, Ctrl+V elsewhere. In a terminal no line break is
# sent: a reply of several lines is not inserted there. For example:
# [expansion.paste_keys]
# "mytool" = "<ctrl>+<shift>+v"
# "myterm" = {{ keys = "<shift>+<insert>", selection = "primary", terminal = true }}

[hotkeys]
# pynput syntax: <ctrl>, <alt>, <shift>, <cmd> (or <super>) joined by "+" to one
# key: a character, or <f1>..<f20>, <space>, <enter>, <tab>, <esc>, ...
# "" turns a hotkey off.
pause = "<ctrl>+<alt>+p"
suggest = "<ctrl>+<alt>+s"
# Open the new-snippet dialog with the selected text (or the clipboard's)
new_snippet = "<ctrl>+<alt>+n"
# The search palette: find any snippet by a few words of it, then Enter inserts it.
palette = "<ctrl>+<alt>+<space>"

[exclusions]
# Nothing is expanded in windows whose class or title matches a pattern here.
# Patterns are case-insensitive and match the whole class or title: * stands
# for any run of characters, ? for one ("*bank*" matches "My Bank - Firefox").
# Built in, unless use_default_exclusions = false: the password managers
#   window_classes = [
{_toml_list(DEFAULT_EXCLUDED_CLASSES)}
#   ]
#   window_titles = [
{_toml_list(DEFAULT_EXCLUDED_TITLES)}
#   ]
use_default_exclusions = true
window_classes = []
window_titles = []

[fields]
# Default fields for every reply, used when the customer's own are not known,
# e.g. {{agent}} in a snippet:
# agent = "Kasia"
# shop = "Example Shop"

[notifications]
# Desktop notifications for what you need to know (snippets reloaded, a broken
# file, paused). They are always logged as well.
enabled = true

[team_packs]
# Minutes between checks of the team packs you subscribed to (expander pack
# subscribe); they are also checked when Expander starts. 0 checks only when
# you run "expander pack update".
check_minutes = 60

[statistics]
# Count, on this computer only, how often each snippet is used and suggested
# (never what you type). "expander stats" shows the counts.
enabled = true
# Help improve our FAQ: also keep the customer e-mails no canned reply
# answered, with names, addresses, phone and order numbers masked, for the
# FAQ-gap report ("expander stats gaps"). Kept for 90 days at most.
help_improve_faq = false
"""


def write_default_settings(path: str | Path | None = None) -> bool:
    """Write the commented default settings file if there is none yet.

    Returns True if it was written, False if a file was already there (it is
    never overwritten). The write is atomic, so the app watching the file
    never reads half of it.
    """
    path = Path(path) if path is not None else user_paths().settings_file
    if path.exists():
        return False
    atomic_write_bytes(path, DEFAULT_TEMPLATE.encode("utf-8"))
    return True
