"""Global hotkeys: parsing pynput's ``HotKey`` syntax and telling which ones clash.

Hotkeys are checked here, without importing pynput, so a typo in the settings
is reported with its line before the desktop starts, and two hotkeys that
would fire together are caught as a conflict.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from expander.errors import HotkeyError

__all__ = [
    "COMMON_SHORTCUTS",
    "Hotkey",
    "common_shortcut",
    "hotkey_clash",
    "parse_hotkey",
]


_MODIFIER_ALIASES = {
    "ctrl": "ctrl",
    "control": "ctrl",
    "alt": "alt",
    "shift": "shift",
    "cmd": "cmd",
    "super": "cmd",
    "win": "cmd",
    "meta": "cmd",
}
_MODIFIER_ORDER = ("ctrl", "alt", "shift", "cmd")
_SIDED_MODIFIERS = {
    f"{name}_{side}": name for name in ("ctrl", "alt", "shift", "cmd") for side in "lr"
}
_NO_TYPING_KEYS = frozenset(
    {f"f{n}" for n in range(1, 21)}
    | {
        "insert",
        "menu",
        "pause",
        "print_screen",
        "scroll_lock",
        "media_play_pause",
        "media_volume_mute",
        "media_volume_down",
        "media_volume_up",
        "media_previous",
        "media_next",
    }
)
_NAMED_KEYS = _NO_TYPING_KEYS | {
    "backspace",
    "caps_lock",
    "delete",
    "down",
    "end",
    "enter",
    "esc",
    "home",
    "left",
    "num_lock",
    "page_down",
    "page_up",
    "right",
    "space",
    "tab",
    "up",
}
_SAFE_MODIFIERS = frozenset({"ctrl", "alt", "cmd"})
COMMON_SHORTCUTS = {
    "a": "select all",
    "c": "copy",
    "f": "find",
    "n": "new",
    "p": "print",
    "q": "quit",
    "s": "save",
    "t": "new tab",
    "v": "paste",
    "w": "close",
    "x": "cut",
    "y": "redo",
    "z": "undo",
}
"""Letters whose Ctrl (or Cmd) combination most programs use, with what it does."""


@dataclass(frozen=True, slots=True)
class Hotkey:
    """A parsed key combination: modifiers plus exactly one key.

    ``key`` is a lowercase character, ``<name>`` for a named key, or ``<N>``
    for a virtual key code. :attr:`spec` is the canonical pynput string, the
    one to give the keyboard backend.
    """

    modifiers: frozenset[str]
    key: str

    @property
    def spec(self) -> str:
        ordered = [f"<{m}>" for m in _MODIFIER_ORDER if m in self.modifiers]
        return "+".join([*ordered, self.key])

    def also_fires(self, other: Hotkey) -> bool:
        """Whether pressing ``other`` fires this hotkey too (same key, fewer or equal
        modifiers): pynput ignores keys a hotkey does not name."""
        return self.key == other.key and self.modifiers <= other.modifiers

    def __str__(self) -> str:
        return self.spec


def _split_parts(text: str) -> list[str]:
    """Split on '+' as pynput does, so a '+' right after a '+' is the plus key."""
    parts: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "+" and i != start:
            parts.append(text[start:i])
            start = i + 1
    if start == len(text):
        raise HotkeyError(f"{text!r} ends with '+': add a key after it, e.g. <ctrl>+<alt>+p")
    parts.append(text[start:])
    return parts


def parse_hotkey(text: str) -> Hotkey:
    """Parse a hotkey in pynput's syntax, e.g. ``<ctrl>+<alt>+p``.

    Accepts the modifiers ``<ctrl>``, ``<alt>``, ``<shift>`` and ``<cmd>`` (also
    spelled ``<super>``, ``<win>`` or ``<meta>``), then one key: a character or a
    named key such as ``<f5>`` or ``<space>``. Raises :class:`HotkeyError` with
    what to write instead for anything the keyboard backend would reject or
    that could never work: sided modifiers (``<ctrl_l>``: hotkeys see both
    sides as one), AltGr (it types letters in many layouts), and combinations
    that would fire while the agent types (a character with no ``<ctrl>``,
    ``<alt>`` or ``<cmd>``).
    """
    stripped = text.strip()
    if not stripped:
        raise HotkeyError('a hotkey cannot be empty: write e.g. "<ctrl>+<alt>+p"')
    modifiers: list[str] = []
    keys: list[str] = []
    for part in _split_parts(stripped):
        if len(part) == 1:
            if part.isspace():
                raise HotkeyError(f"{text!r} has a blank key: write <space> for the space bar")
            if not part.isprintable():
                raise HotkeyError(f"{text!r} has a control character: use a named key")
            keys.append(part.lower())
            continue
        if len(part) > 2 and part.startswith("<") and part.endswith(">"):
            name = part[1:-1].strip().lower()
            if name in _MODIFIER_ALIASES:
                modifiers.append(_MODIFIER_ALIASES[name])
            elif name in _SIDED_MODIFIERS:
                raise HotkeyError(
                    f"{part} in {text!r}: hotkeys do not tell left from right; "
                    f"write <{_SIDED_MODIFIERS[name]}>"
                )
            elif name == "alt_gr":
                raise HotkeyError(
                    f"{part} in {text!r}: AltGr types letters in many layouts (ą, ß, €); "
                    "use <ctrl>+<alt> instead"
                )
            elif name in _NAMED_KEYS:
                keys.append(f"<{name}>")
            elif name.isdigit():
                keys.append(f"<{int(name)}>")
            else:
                known = sorted({*_MODIFIER_ALIASES, *_NAMED_KEYS})
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f"; did you mean <{close[0]}>?" if close else ""
                raise HotkeyError(
                    f"unknown key {part} in {text!r}{hint} (modifiers: <ctrl>, <alt>, "
                    "<shift>, <cmd>; keys: a character, or <f1>..<f20>, <space>, <enter>, ...)"
                )
            continue
        lowered = part.strip().lower()
        if lowered in _MODIFIER_ALIASES or lowered in _NAMED_KEYS or lowered in _SIDED_MODIFIERS:
            fixed = "+".join(
                p
                if len(p) == 1 or p.startswith("<")
                else f"<{_MODIFIER_ALIASES.get(p.strip().lower(), p.strip().lower())}>"
                for p in _split_parts(stripped)
            )
            raise HotkeyError(f"{part!r} in {text!r} needs angle brackets; did you mean {fixed!r}?")
        raise HotkeyError(
            f"{part!r} in {text!r} is not a key: use one character, or a key name in "
            "angle brackets such as <f5>"
        )
    for name in set(modifiers):
        if modifiers.count(name) > 1:
            raise HotkeyError(f"{text!r} names <{name}> twice: name each key once")
    if not keys:
        raise HotkeyError(
            f"{text!r} has only modifiers: add one key, e.g. {'+'.join([stripped, 'p'])!r}"
        )
    if len(keys) > 1:
        raise HotkeyError(
            f"{text!r} has {len(keys)} keys ({', '.join(keys)}): a hotkey is modifiers "
            "plus exactly one key"
        )
    key = keys[0]
    if not set(modifiers) & _SAFE_MODIFIERS and key.strip("<>") not in _NO_TYPING_KEYS:
        raise HotkeyError(
            f"{text!r} would fire while you type: add <ctrl>, <alt> or <cmd>, "
            "or use a function key such as <f9>"
        )
    return Hotkey(frozenset(modifiers), key)


def hotkey_clash(first: Hotkey, second: Hotkey) -> str | None:
    """How pressing one of two hotkeys would also fire the other, or None if it never does.

    The words fit between the two hotkeys in a message: "pause = ... <clash> suggest = ...".
    """
    if first == second:
        return "is the same as"
    if first.also_fires(second) or second.also_fires(first):
        wider = second if first.also_fires(second) else first
        return f"fires together with (pressing {wider.spec!r} fires both)"
    return None


def common_shortcut(hotkey: Hotkey) -> str | None:
    """What other programs usually do on ``hotkey`` (e.g. "copy"), or None.

    Only plain Ctrl or Cmd with a letter counts: those combinations run both
    the hotkey and the program's own command.
    """
    if hotkey.modifiers in (frozenset({"ctrl"}), frozenset({"cmd"})):
        return COMMON_SHORTCUTS.get(hotkey.key)
    return None
