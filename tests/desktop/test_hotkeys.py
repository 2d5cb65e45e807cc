"""Parsing hotkeys in pynput's syntax (``expander.desktop.hotkeys``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expander.desktop.hotkeys import hotkey_clash, parse_hotkey
from expander.errors import HotkeyError


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("<ctrl>+<alt>+p", "<ctrl>+<alt>+p"),
        ("<alt>+<ctrl>+P", "<ctrl>+<alt>+p"),  # canonical order, lower case
        (" <CTRL>+<Shift>+x ", "<ctrl>+<shift>+x"),
        ("<super>+e", "<cmd>+e"),
        ("<win>+e", "<cmd>+e"),
        ("<meta>+e", "<cmd>+e"),
        ("<control>+<alt>+1", "<ctrl>+<alt>+1"),
        ("<ctrl>+<alt>++", "<ctrl>+<alt>++"),  # the plus key, as pynput reads it
        ("<f9>", "<f9>"),  # a function key may stand alone
        ("<shift>+<F12>", "<shift>+<f12>"),
        ("<print_screen>", "<print_screen>"),
        ("<ctrl>+<space>", "<ctrl>+<space>"),
        ("<ctrl>+<alt>+<page_down>", "<ctrl>+<alt>+<page_down>"),
        ("<ctrl>+<65>", "<ctrl>+<65>"),  # a virtual key code
    ],
)
def test_valid_hotkeys_parse_to_the_canonical_pynput_string(text: str, spec: str) -> None:
    hotkey = parse_hotkey(text)
    assert hotkey.spec == spec == str(hotkey)
    assert parse_hotkey(hotkey.spec) == hotkey


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", 'a hotkey cannot be empty: write e.g. "<ctrl>+<alt>+p"'),
        ("<ctrl>+<alt>+", "'<ctrl>+<alt>+' ends with '+': add a key after it"),
        ("<ctrl>+<alt>", "'<ctrl>+<alt>' has only modifiers: add one key, e.g. '<ctrl>+<alt>+p'"),
        (
            "<ctrl>+a+b",
            "'<ctrl>+a+b' has 2 keys (a, b): a hotkey is modifiers plus exactly one key",
        ),
        ("<ctrl>+<ctrl>+a", "'<ctrl>+<ctrl>+a' names <ctrl> twice: name each key once"),
        ("<ctrl>+<super>+<cmd>+a", "names <cmd> twice"),
        ("p", "'p' would fire while you type: add <ctrl>, <alt> or <cmd>"),
        ("<shift>+a", "'<shift>+a' would fire while you type"),
        ("<space>", "'<space>' would fire while you type"),
        ("<ctlr>+a", "unknown key <ctlr> in '<ctlr>+a'; did you mean <ctrl>?"),
        ("<ctrl>+<f99>", "unknown key <f99> in '<ctrl>+<f99>'"),
        (
            "<ctrl_l>+a",
            "<ctrl_l> in '<ctrl_l>+a': hotkeys do not tell left from right; write <ctrl>",
        ),
        ("<alt_gr>+a", "<alt_gr> in '<alt_gr>+a': AltGr types letters in many layouts"),
        (
            "ctrl+alt+p",
            "'ctrl' in 'ctrl+alt+p' needs angle brackets; did you mean '<ctrl>+<alt>+p'?",
        ),
        (
            "<ctrl>+alt+delete",
            "'alt' in '<ctrl>+alt+delete' needs angle brackets; did you mean "
            "'<ctrl>+<alt>+<delete>'?",
        ),
        ("<ctrl>+ab", "'ab' in '<ctrl>+ab' is not a key: use one character, or a key name"),
        ("<ctrl>+ ", "'<ctrl>+' ends with '+'"),
        ("<ctrl>+\t+a", "'<ctrl>+\\t+a' has a blank key: write <space> for the space bar"),
        ("<ctrl>+\x01", "has a control character: use a named key"),
    ],
)
def test_invalid_hotkeys_say_what_to_write(text: str, message: str) -> None:
    with pytest.raises(HotkeyError) as raised:
        parse_hotkey(text)
    assert message in str(raised.value)
    assert isinstance(raised.value, ValueError)


@given(st.text(alphabet="<>+ctrlaltshifp19_ ", max_size=25) | st.text(max_size=12))
def test_parsing_any_text_gives_a_hotkey_or_a_hotkey_error(text: str) -> None:
    try:
        hotkey = parse_hotkey(text)
    except HotkeyError:
        return
    assert parse_hotkey(hotkey.spec) == hotkey
    assert hotkey.modifiers & {"ctrl", "alt", "cmd"} or hotkey.key.startswith("<")


def test_also_fires() -> None:
    small, big = parse_hotkey("<ctrl>+a"), parse_hotkey("<ctrl>+<alt>+a")
    assert small.also_fires(big) and small.also_fires(small)
    assert not big.also_fires(small)
    assert not small.also_fires(parse_hotkey("<ctrl>+b"))


def test_hotkey_clash_says_how_two_hotkeys_fire_together() -> None:
    pause, wider = parse_hotkey("<ctrl>+<alt>+p"), parse_hotkey("<ctrl>+<alt>+<shift>+p")
    assert hotkey_clash(pause, parse_hotkey("<alt>+<ctrl>+P")) == "is the same as"
    assert hotkey_clash(wider, pause) == (
        "fires together with (pressing '<ctrl>+<alt>+<shift>+p' fires both)"
    )
    assert hotkey_clash(pause, parse_hotkey("<ctrl>+<shift>+p")) is None
