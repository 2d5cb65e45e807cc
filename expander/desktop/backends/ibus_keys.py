"""IBus key presses as Expander's key events, and hotkeys as IBus reports them: the
pure translation the IBus engine (:mod:`expander.desktop.backends.ibus_keyboard`)
does for every key, kept apart so it reads (and is tested) on its own."""

from __future__ import annotations

import gi

from expander.errors import BackendError

try:
    gi.require_version("IBus", "1.0")
except ValueError as exc:  # IBus's introspection data is a system package
    raise BackendError(
        "the IBus backend needs IBus and its GObject bindings (Debian, Ubuntu: "
        "sudo apt install ibus gir1.2-ibus-1.0)"
    ) from exc
from gi.repository import IBus  # noqa: E402

from expander.desktop.hotkeys import parse_hotkey  # noqa: E402
from expander.errors import HotkeyError  # noqa: E402
from expander.matcher import KeyEvent, SpecialKey  # noqa: E402

__all__ = ["HOTKEY_MASK", "LATIN_KEYCODES", "RELEASE", "IBus", "hotkey_press", "translate"]

_SPECIAL_KEYS = {
    IBus.KEY_BackSpace: SpecialKey.BACKSPACE,
    IBus.KEY_Return: SpecialKey.ENTER,
    IBus.KEY_KP_Enter: SpecialKey.ENTER,
    IBus.KEY_ISO_Enter: SpecialKey.ENTER,
    IBus.KEY_Tab: SpecialKey.TAB,
    IBus.KEY_ISO_Left_Tab: SpecialKey.TAB,
    IBus.KEY_Escape: SpecialKey.ESCAPE,
    IBus.KEY_Delete: SpecialKey.DELETE,
    IBus.KEY_KP_Delete: SpecialKey.DELETE,
    IBus.KEY_Left: SpecialKey.LEFT,
    IBus.KEY_KP_Left: SpecialKey.LEFT,
    IBus.KEY_Right: SpecialKey.RIGHT,
    IBus.KEY_KP_Right: SpecialKey.RIGHT,
    IBus.KEY_Up: SpecialKey.UP,
    IBus.KEY_KP_Up: SpecialKey.UP,
    IBus.KEY_Down: SpecialKey.DOWN,
    IBus.KEY_KP_Down: SpecialKey.DOWN,
    IBus.KEY_Home: SpecialKey.HOME,
    IBus.KEY_KP_Home: SpecialKey.HOME,
    IBus.KEY_End: SpecialKey.END,
    IBus.KEY_KP_End: SpecialKey.END,
    IBus.KEY_Page_Up: SpecialKey.PAGE_UP,
    IBus.KEY_KP_Page_Up: SpecialKey.PAGE_UP,
    IBus.KEY_Page_Down: SpecialKey.PAGE_DOWN,
    IBus.KEY_KP_Page_Down: SpecialKey.PAGE_DOWN,
}
# Keys that type nothing and change nothing on their own: no event at all.
_MODIFIER_KEYS = frozenset(
    {
        IBus.KEY_Shift_L, IBus.KEY_Shift_R, IBus.KEY_Control_L, IBus.KEY_Control_R,
        IBus.KEY_Alt_L, IBus.KEY_Alt_R, IBus.KEY_Meta_L, IBus.KEY_Meta_R,
        IBus.KEY_Super_L, IBus.KEY_Super_R, IBus.KEY_Hyper_L, IBus.KEY_Hyper_R,
        IBus.KEY_ISO_Level3_Shift, IBus.KEY_ISO_Level5_Shift, IBus.KEY_Mode_switch,
        IBus.KEY_Caps_Lock, IBus.KEY_Num_Lock, IBus.KEY_Scroll_Lock,
        IBus.KEY_ISO_Next_Group, IBus.KEY_ISO_Prev_Group,
    }
)  # fmt: skip
# pynput's key names (expander.desktop.hotkeys) that are not IBus's name title-cased
_KEY_NAMES = {
    "space": "space",
    "enter": "Return",
    "esc": "Escape",
    "backspace": "BackSpace",
    "print_screen": "Print",
}
# Where a Latin letter sits (evdev key codes, as IBus reports them): a hotkey such as
# <ctrl>+<alt>+s must also fire when a Russian layout makes that key type "ы".
LATIN_KEYCODES = (
    dict(zip("qwertyuiop", range(16, 26), strict=True))
    | dict(zip("asdfghjkl", range(30, 39), strict=True))
    | dict(zip("zxcvbnm", range(44, 51), strict=True))
)
_M = IBus.ModifierType
# Ctrl, Alt, Super: the key ran a shortcut. Shift and AltGr (Mod5) type text.
_SHORTCUT_MASK = int(_M.CONTROL_MASK | _M.MOD1_MASK | _M.MOD4_MASK | _M.SUPER_MASK | _M.META_MASK)
_HOTKEY_MODIFIERS = {
    "ctrl": int(_M.CONTROL_MASK),
    "alt": int(_M.MOD1_MASK),
    "shift": int(_M.SHIFT_MASK),
    "cmd": int(_M.MOD4_MASK | _M.SUPER_MASK),
}
HOTKEY_MASK = int(_M.CONTROL_MASK | _M.MOD1_MASK | _M.SHIFT_MASK | _M.MOD4_MASK | _M.SUPER_MASK)
RELEASE = int(_M.RELEASE_MASK)


def translate(keyval: int, state: int) -> KeyEvent | None:
    """An IBus key press as our KeyEvent; None for a key that reports nothing (a lone
    modifier). Keyvals are already resolved by the user's layout: Polish AltGr
    letters and Cyrillic arrive as the characters typed."""
    if keyval in _MODIFIER_KEYS:
        return None
    held = bool(state & _SHORTCUT_MASK)
    special = _SPECIAL_KEYS.get(keyval)
    if special is not None:
        return KeyEvent.special(special, modifiers_held=held)
    char = IBus.keyval_to_unicode(keyval)
    if char and char.isprintable():
        return KeyEvent.text(char, modifiers_held=held)
    return KeyEvent.special(SpecialKey.OTHER, modifiers_held=held)


def hotkey_press(spec: str) -> tuple[int, int]:
    """``<ctrl>+<alt>+s`` as (keyval, modifier mask) as IBus reports the press."""
    try:
        hotkey = parse_hotkey(spec)
    except HotkeyError as exc:
        raise BackendError(f"cannot read the hotkey {spec!r}: {exc}") from exc
    mask = 0
    for name in hotkey.modifiers:
        mask |= _HOTKEY_MODIFIERS[name]
    key = hotkey.key
    if len(key) == 1:
        keyval = IBus.unicode_to_keyval(key.lower())
    else:
        name = key.strip("<>")
        keyval = IBus.keyval_from_name(_KEY_NAMES.get(name, name.title()))
        if keyval in (0, IBus.KEY_VoidSymbol):
            raise BackendError(f"the IBus backend cannot watch the key {key} of {spec!r}")
    return int(keyval), mask
