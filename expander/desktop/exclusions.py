"""Windows where nothing is ever expanded: password managers and the user's own patterns.

A pattern is a case-insensitive glob over a whole window class or title, so
the settings can name windows without regular expressions; the built-in list
keeps secrets typed in password managers and prompts out of every expansion.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

__all__ = [
    "DEFAULT_EXCLUDED_CLASSES",
    "DEFAULT_EXCLUDED_TITLES",
    "ExclusionSettings",
    "HasExclusions",
    "is_excluded",
    "pattern_matches",
]

DEFAULT_EXCLUDED_CLASSES: tuple[str, ...] = (
    "*keepass*",  # KeePassXC, KeePass 2
    "keeweb",
    "*1password*",
    "*bitwarden*",
    "*enpass*",
    "qtpass",  # a GUI for pass
    "*gopass*",  # gopass-ui
    "*passwordsafe*",
    "pwsafe",
    "*seahorse*",  # GNOME Passwords and Keys
    "org.gnome.world.secrets",  # GNOME Secrets
    "kwalletmanager*",
    "*pinentry*",  # GnuPG passphrase prompts
    "gcr-prompter",  # GNOME keyring unlock prompts
    "*ssh-askpass*",
    "ksshaskpass",
    "*polkit*",  # administrator password prompts
    "nordpass",
    "proton pass",
)
"""Window classes where nothing is ever expanded (password managers and password
prompts), unless the settings say ``use_default_exclusions = false``."""

DEFAULT_EXCLUDED_TITLES: tuple[str, ...] = (
    "* - keepassxc",
    "* - keepass",
    "bitwarden",
    "1password",
    "* — 1password",
    "enpass",
    "passwords and keys",
    "kwalletmanager",
)
"""Window titles (globs over the whole title) with nothing ever expanded, for
password managers whose window class is not distinctive."""


@lru_cache(maxsize=512)
def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """The regex of a glob, in time linear in the title for each of its stars.

    The plain translation, ``.*a.*a.*b``, backtracks through every way of placing
    each ``a``: ``*a*a*a*b`` took 4 s on a title of 300 ``a``, ``*a*a*a*a*b`` 25 s
    on 200, and a window title is whatever a web page or a customer's e-mail
    subject says. Each piece between two stars is instead matched at its first
    place (an atomic group, never revisited), which finds a match whenever there
    is one: a later place only leaves less room for the pieces after it.
    """
    first, *middle = [
        "".join("." if ch == "?" else re.escape(ch) for ch in part) for part in pattern.split("*")
    ]
    if not middle:
        return re.compile(first + r"\Z", re.IGNORECASE | re.DOTALL)
    *between, last = middle
    inner = "".join(f"(?>.*?{part})" for part in between if part)
    return re.compile(f"{first}{inner}.*{last}\\Z", re.IGNORECASE | re.DOTALL)


def pattern_matches(pattern: str, text: str) -> bool:
    """Whether an exclusion pattern matches a window class or title.

    Patterns are case-insensitive globs over the *whole* text: ``*`` stands for
    any run of characters, ``?`` for one; nothing else is special (a ``[`` in a
    title is just a ``[``). Write ``*word*`` to match a word anywhere.
    """
    return _pattern_regex(pattern.casefold()).match(text.casefold()) is not None


@dataclass(frozen=True, slots=True)
class ExclusionSettings:
    """Windows where nothing is expanded: the user's patterns plus the built-in
    password-manager list (unless ``use_default_exclusions`` is false)."""

    window_classes: tuple[str, ...] = ()
    window_titles: tuple[str, ...] = ()
    use_default_exclusions: bool = True

    @property
    def effective_window_classes(self) -> tuple[str, ...]:
        base = DEFAULT_EXCLUDED_CLASSES if self.use_default_exclusions else ()
        return (*base, *self.window_classes)

    @property
    def effective_window_titles(self) -> tuple[str, ...]:
        base = DEFAULT_EXCLUDED_TITLES if self.use_default_exclusions else ()
        return (*base, *self.window_titles)


class HasExclusions(Protocol):
    """Anything carrying exclusion settings, such as the app's :class:`Settings`."""

    @property
    def exclusions(self) -> ExclusionSettings: ...


def is_excluded(
    window_class: str | Sequence[str], title: str, settings: HasExclusions | ExclusionSettings
) -> bool:
    """Whether expansion is off in the window with this class and title.

    ``window_class`` may be one string or several (on X11 both ``WM_CLASS``
    strings, instance and class); any of them matching is enough. Unknown
    values are passed as ``""`` and match no built-in pattern.
    """
    rules = settings if isinstance(settings, ExclusionSettings) else settings.exclusions
    classes = (window_class,) if isinstance(window_class, str) else tuple(window_class)
    if any(
        pattern_matches(pattern, value)
        for pattern in rules.effective_window_classes
        for value in classes
    ):
        return True
    return any(pattern_matches(pattern, title) for pattern in rules.effective_window_titles)
