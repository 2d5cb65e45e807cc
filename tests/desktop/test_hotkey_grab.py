"""Hotkeys grabbed on the root window (``x11_hotkeys``), under a real X server.

Keys go through xdotool (XTEST, like a keyboard). A Tk text box has the focus and
records every key press it gets: a grabbed hotkey fires its callback and the box
never sees the key, whatever the lock keys; a combination another client grabbed
first is reported and still works by listening; a layout change moves the grab.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from Xlib import XK, X, display, error

from expander.desktop.backends.x11_hotkeys import TAKEN
from expander.desktop.backends.x11_keyboard import X11Keyboard
from expander.matcher import KeyEvent
from expander.ports import SourceEvent
from tests.desktop import harness
from tests.desktop.conftest import App
from tests.waiting import wait_until

pytestmark = pytest.mark.desktop

CTRL_ALT = X.ControlMask | X.Mod1Mask


class Running:
    """An X11Keyboard with hotkeys, started; records the events the engine would get."""

    def __init__(self, *specs: str) -> None:
        self.keyboard = X11Keyboard()
        self.fired: dict[str, threading.Event] = {spec: threading.Event() for spec in specs}
        self.shared = {spec: self.keyboard.add_hotkey(spec, self.fired[spec].set) for spec in specs}
        self.events: list[SourceEvent] = []
        self.keyboard.start(self.events.append)

    def chars(self) -> str:
        return "".join(e.char or "" for e in self.events if isinstance(e, KeyEvent))


@pytest.fixture
def running(request: pytest.FixtureRequest, xdisplay: str) -> Iterator[Running]:
    keyboard = Running(*request.param)
    try:
        yield keyboard
    finally:
        listeners = list(keyboard.keyboard._listeners)
        keyboard.keyboard.stop()
        # pynput's listeners end at the next event they record, not at stop()
        harness.key("shift")
        harness.mouse_nudge()
        for listener in listeners:
            listener.join(5)
            assert not listener.is_alive()
        keyboard.keyboard._display.close()  # the app leaves it to the process's end


def other_client() -> display.Display:
    return display.Display()


def keycode(d: display.Display, char: str) -> int:
    return int(d.keysym_to_keycode(XK.string_to_keysym(char)))


def grabbed_elsewhere(code: int, modifiers: int) -> bool:
    """Whether some client holds a grab on ``code`` with ``modifiers`` (ours fails)."""
    d = other_client()
    try:
        catcher = error.CatchError(error.BadAccess)
        d.screen().root.grab_key(code, modifiers, False, X.GrabModeAsync, X.GrabModeAsync,
                                 onerror=catcher)  # fmt: skip
        d.sync()
        return catcher.get_error() is not None
    finally:
        d.close()


def typed_around_hotkey(target: harness.TkTarget, hotkey: str, shows: str = "abc") -> None:
    """Type "ab", press ``hotkey``, type "c", and wait until the box shows them (so it
    has handled every key the server gave it)."""
    target.clear()
    target.focus()
    target.clear_keys()
    harness.type_text("ab")
    harness.key(hotkey)
    harness.type_text("c")
    assert target.wait_for_text(shows) == shows


@pytest.mark.parametrize("running", [("<ctrl>+<alt>+s",)], indirect=True)
def test_a_grabbed_hotkey_fires_and_the_focused_window_never_gets_it(
    running: Running, tk_target: harness.TkTarget
) -> None:
    assert running.shared == {"<ctrl>+<alt>+s": None}
    typed_around_hotkey(tk_target, "ctrl+alt+s")
    assert running.fired["<ctrl>+<alt>+s"].wait(5)
    pressed = tk_target.pressed_keys()
    assert "Control_L" in pressed and "Alt_L" in pressed  # it records the modifiers...
    assert "s" not in pressed and "S" not in pressed  # ...but never got the key
    assert pressed.count("a") == pressed.count("c") == 1
    # the hotkey's key is kept out of the trigger matcher too
    assert wait_until(lambda: "c" in running.chars(), 5, 0.01)
    assert running.chars() == "abc"


@pytest.mark.parametrize("running", [("<ctrl>+<alt>+s",)], indirect=True)
@pytest.mark.parametrize("lock", ["Num_Lock", "Caps_Lock"])
def test_a_grabbed_hotkey_works_with_num_lock_or_caps_lock_on(
    running: Running, tk_target: harness.TkTarget, lock: str
) -> None:
    d = other_client()
    lock_code = keycode(d, lock)
    lock_mask = next(
        1 << i for i, codes in enumerate(d.get_modifier_mapping()) if lock_code in codes
    )
    harness.key(lock)
    try:
        assert d.screen().root.query_pointer().mask & lock_mask  # the lock is on
        typed_around_hotkey(tk_target, "ctrl+alt+s", "ABC" if lock == "Caps_Lock" else "abc")
        assert running.fired["<ctrl>+<alt>+s"].wait(5)
        assert "s" not in tk_target.pressed_keys() and "S" not in tk_target.pressed_keys()
    finally:
        harness.key(lock)
        d.close()


@pytest.mark.parametrize("running", [("<ctrl>+<alt>+q",)], indirect=True)
def test_after_a_layout_change_the_hotkey_is_grabbed_on_its_new_key(
    running: Running, tk_target: harness.TkTarget
) -> None:
    d = other_client()
    us_q = keycode(d, "q")
    assert grabbed_elsewhere(us_q, CTRL_ALT)
    harness.set_layout("fr")  # AZERTY: q and a trade places
    try:
        d.close()
        d = other_client()
        fr_q = keycode(d, "q")
        assert fr_q != us_q
        assert wait_until(lambda: grabbed_elsewhere(fr_q, CTRL_ALT), 5, 0.02)
        assert not grabbed_elsewhere(us_q, CTRL_ALT)  # the old key is free again
        typed_around_hotkey(tk_target, "ctrl+alt+q")
        assert running.fired["<ctrl>+<alt>+q"].wait(5)
        assert "q" not in tk_target.pressed_keys()
        tk_target.clear_keys()
        harness.key("ctrl+alt+a")  # on the key q had: reaches the window again
        assert wait_until(lambda: "a" in tk_target.pressed_keys(), 5, 0.02)
    finally:
        harness.reset_keymap()
        d.close()


@pytest.mark.parametrize("running", [("<ctrl>+<alt>+q",)], indirect=True)
def test_a_keymap_change_that_leaves_the_key_never_releases_its_grab(
    running: Running, tk_target: harness.TkTarget
) -> None:
    hotkeys = running.keyboard._hotkeys
    released: list[tuple[int, int]] = []
    regrabbed = threading.Event()
    ungrab, regrab = hotkeys._root.ungrab_key, hotkeys._regrab

    def record_ungrab(code: int, modifiers: int) -> None:
        released.append((code, modifiers))
        ungrab(code, modifiers)

    def record_regrab() -> None:
        regrab()
        regrabbed.set()

    hotkeys._root.ungrab_key = record_ungrab
    hotkeys._regrab = record_regrab
    d = other_client()
    try:
        q = keycode(d, "q")
        tk_target.focus()
        harness.type_text("ż")  # xdotool borrows a spare keycode: a keymap change
        assert regrabbed.wait(5)
        # grabbed again before anything was released, so no Ctrl+Alt+Q could slip
        # through to the focused window meanwhile; nothing of it was released at all
        assert not [grab for grab in released if grab[0] == q]
        assert grabbed_elsewhere(q, CTRL_ALT)
        typed_around_hotkey(tk_target, "ctrl+alt+q")
        assert running.fired["<ctrl>+<alt>+q"].wait(5)
    finally:
        harness.reset_keymap()
        d.close()


@pytest.fixture
def pause_taken(xdisplay: str) -> Iterator[None]:
    """Another client grabs Ctrl+Alt+P first (without lock keys)."""
    d = other_client()
    d.screen().root.grab_key(keycode(d, "p"), CTRL_ALT, False, X.GrabModeAsync,
                             X.GrabModeAsync)  # fmt: skip
    d.sync()
    try:
        yield
    finally:
        d.close()


@pytest.mark.parametrize("running", [("<ctrl>+<alt>+p",)], indirect=True)
def test_a_combination_another_client_grabbed_is_reported_and_listened_to(
    pause_taken: None, running: Running
) -> None:
    assert running.shared == {"<ctrl>+<alt>+p": TAKEN}
    harness.key("ctrl+alt+p")
    assert running.fired["<ctrl>+<alt>+p"].wait(5)


def test_expander_run_says_which_hotkey_is_shared_and_it_still_pauses(
    pause_taken: None, tmp_path: Path
) -> None:
    app = App(tmp_path / "home", "--no-bundled")
    try:
        assert f"pause <ctrl>+<alt>+p (shared: {TAKEN})" in app.log
        assert "suggest a reply <ctrl>+<alt>+s," in app.log  # the others are grabbed
        told = "Hotkey shared: <ctrl>+<alt>+p (pause) also reaches other programs"
        assert wait_until(lambda: told in app.log, 5, 0.02), app.log  # logged right after
        harness.key("ctrl+alt+p")
        assert wait_until(lambda: "Expander: Paused" in app.log, 10, 0.05), app.log
    finally:
        assert app.stop() == 0, app.log
    assert "Traceback" not in app.log, app.log
