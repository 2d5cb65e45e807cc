"""Which windows never get an expansion (``expander.desktop.exclusions``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expander.desktop.exclusions import is_excluded, pattern_matches
from expander.desktop.settings import default_settings


@pytest.mark.parametrize(
    ("window_class", "title"),
    [
        ("KeePassXC", "Passwords.kdbx - KeePassXC"),
        (("keepassxc", "KeePassXC"), ""),
        ("KeePass2", ""),
        ("", "Passwords.kdbx [Locked] - KeePass"),
        ("1Password", ""),
        ("Bitwarden", ""),
        ("", "Bitwarden"),
        ("Enpass", ""),
        ("qtpass", ""),
        ("gopass-ui", ""),
        ("Seahorse", ""),
        ("org.gnome.seahorse.Application", ""),
        ("", "Passwords and Keys"),
        ("kwalletmanager5", ""),
        ("Pinentry-gtk-2", ""),
        ("gcr-prompter", ""),
        ("x11-ssh-askpass", ""),
        ("polkit-gnome-authentication-agent-1", ""),
    ],
)
def test_password_managers_are_excluded_by_default(
    window_class: str | tuple[str, str], title: str
) -> None:
    assert is_excluded(window_class, title, default_settings())


@pytest.mark.parametrize(
    ("window_class", "title"),
    [
        ("firefox", "Order #4821 - Helpdesk - Mozilla Firefox"),
        ("thunderbird", "Re: my KeePass licence - Mozilla Thunderbird"),
        ("Gnome-terminal", "~"),
        ("", ""),
    ],
)
def test_ordinary_windows_are_not_excluded(window_class: str, title: str) -> None:
    assert not is_excluded(window_class, title, default_settings())


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("keepassxc", "KeePassXC", True),  # case-insensitive
        ("keepassxc", "KeePassXC-2", False),  # the whole text
        ("keepass*", "KeePassXC", True),
        ("*bank*", "My BANK - Firefox", True),
        ("*bank", "bank account", False),
        ("?term", "xterm", True),
        ("?term", "uxterm", False),
        ("[Private]*", "[private] Helpdesk", True),  # [ is not special
        ("[Private]*", "P Helpdesk", False),
        ("a.b", "axb", False),  # nor is .
        ("straße", "STRASSE", True),  # casefold
    ],
)
def test_patterns_are_case_insensitive_whole_text_globs(
    pattern: str, text: str, matches: bool
) -> None:
    assert pattern_matches(pattern, text) is matches


@given(st.text(alphabet=st.characters(blacklist_characters="*?")), st.text())
def test_star_word_star_is_a_substring_match(word: str, text: str) -> None:
    assert pattern_matches(f"*{word}*", text) == (word.casefold() in text.casefold())
