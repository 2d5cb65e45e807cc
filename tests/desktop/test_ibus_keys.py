"""How the IBus engine reads keys: IBus's key values and modifier states as the
matcher's KeyEvents, and hotkeys in pynput's syntax as the presses IBus reports."""

from __future__ import annotations

import pytest

from expander.desktop.backends.ibus_keys import IBus, hotkey_press, translate
from expander.errors import BackendError
from expander.matcher import KeyEvent, SpecialKey

M = IBus.ModifierType


@pytest.mark.parametrize(
    ("keyval", "char"),
    [
        (IBus.KEY_a, "a"),
        (IBus.KEY_A, "A"),
        (IBus.KEY_semicolon, ";"),
        (IBus.KEY_space, " "),
        (IBus.unicode_to_keyval("ą"), "ą"),
        (IBus.unicode_to_keyval("Ż"), "Ż"),
        (IBus.unicode_to_keyval("ж"), "ж"),
        (IBus.unicode_to_keyval("€"), "€"),
    ],
)
def test_a_key_that_types_is_its_character(keyval: int, char: str) -> None:
    assert translate(keyval, 0) == KeyEvent.text(char)


def test_shift_and_altgr_type_text_while_ctrl_alt_super_run_shortcuts() -> None:
    assert translate(IBus.KEY_A, int(M.SHIFT_MASK)) == KeyEvent.text("A")
    altgr = IBus.unicode_to_keyval("ł")
    assert translate(altgr, int(M.MOD5_MASK)) == KeyEvent.text("ł")
    for mask in (M.CONTROL_MASK, M.MOD1_MASK, M.MOD4_MASK):
        assert translate(IBus.KEY_c, int(mask)) == KeyEvent.text("c", modifiers_held=True)


@pytest.mark.parametrize(
    ("keyval", "special"),
    [
        (IBus.KEY_BackSpace, SpecialKey.BACKSPACE),
        (IBus.KEY_Return, SpecialKey.ENTER),
        (IBus.KEY_KP_Enter, SpecialKey.ENTER),
        (IBus.KEY_Tab, SpecialKey.TAB),
        (IBus.KEY_Left, SpecialKey.LEFT),
        (IBus.KEY_End, SpecialKey.END),
        (IBus.KEY_Delete, SpecialKey.DELETE),
        (IBus.KEY_F5, SpecialKey.OTHER),
    ],
)
def test_keys_that_move_or_edit_are_special(keyval: int, special: SpecialKey) -> None:
    assert translate(keyval, 0) == KeyEvent.special(special)


def test_a_lone_modifier_reports_nothing() -> None:
    for keyval in (IBus.KEY_Shift_L, IBus.KEY_Control_R, IBus.KEY_ISO_Level3_Shift):
        assert translate(keyval, 0) is None


def test_hotkeys_are_the_presses_ibus_reports() -> None:
    ctrl_alt = int(M.CONTROL_MASK | M.MOD1_MASK)
    assert hotkey_press("<ctrl>+<alt>+s") == (IBus.KEY_s, ctrl_alt)
    assert hotkey_press("<ctrl>+<alt>+<space>") == (IBus.KEY_space, ctrl_alt)
    assert hotkey_press("<ctrl>+<shift>+<f5>") == (IBus.KEY_F5, int(M.CONTROL_MASK | M.SHIFT_MASK))


def test_a_hotkey_that_cannot_be_read_is_a_clear_error() -> None:
    with pytest.raises(BackendError, match="cannot read the hotkey"):
        hotkey_press("<ctrl>+<hyper>+s")
