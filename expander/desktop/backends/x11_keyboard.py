"""Keys on X11: pynput listens, XTEST types.

Listening uses pynput (the RECORD extension). Typing uses XTEST directly with
python-xlib, like xdotool: it reaches every application (xterm ignores the
XSendEvent keys pynput's Controller sends for characters), and it types only
characters the current layout has, at level 1 or 2 (Shift), so no keycode is
ever remapped. Remapping is what made peers type Polish letters as Cyrillic
ones after another program changed the keymap; text the layout cannot type is
pasted instead (see the engine's choice of mode).

XTEST keys reach pynput's listener like the user's own, and RECORD skips some
events of a fast burst, so our keys cannot be counted back one by one. Instead
every edit ends with a marker: a tap of a keycode that has no symbol (apps
ignore it). From the first key we inject until the listener has seen as many
markers as we sent, every key is ours; a lost marker ends that window after a
short timeout. Keys the user types inside the window still reach the window;
only the trigger matcher does not see them.

A fast typist's next keys reach the window before we can erase the trigger
(the engine reacts to the trigger's last key a few milliseconds later), and
another program's keys could land between ours. So an expansion is one burst
under a server grab, which holds every other client's requests (xdotool, an
input method) until it ends; inside it a fence (a marker of its own) tells when
the listener has seen every key the server took before the grab, and the keys
still queued for the engine then are exactly those typed after the trigger:
they are erased with it and typed again after the reply (see
:class:`KeyDispatcher`). Pynput's listener therefore hands keys to the engine on
a thread of its own and goes on listening while the engine injects.

A paste cannot be one burst: the window fetches the text after the paste key,
and toolkits go on handling keys while they wait for it (Tk in its wait for the
selection, GTK in its main loop), so a key typed meanwhile landed before the
reply. The keyboard is therefore frozen (a synchronous grab) from the paste key
until the window has the text (or the clipboard gave up waiting, 0.5 s); the
keys typed meanwhile then reach it in order. Firefox and Thunderbird, which keep
them in order themselves, are not frozen (the freeze's focus-out and -in would
reach the page or the message being written).

pynput stops a listener for good when its callback raises, so every callback
here is guarded: a failure is logged (without its message, which may quote a
key) and the next key is handled as usual.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

# Before any Display is opened: python-xlib's locks are no-ops unless this module was
# imported first, and several of our threads share each connection (an unlocked
# connection mixes up replies and hangs the app for good).
import Xlib.threaded  # noqa: F401  (imported for its side effect)
from Xlib import XK, X, display, error
from Xlib.ext import xtest

from expander.desktop.backends.key_dispatch import KeyDispatcher, never_raising
from expander.desktop.backends.x11_clipboard import X11Clipboard
from expander.desktop.backends.x11_hotkeys import X11Hotkeys
from expander.desktop.backends.x11_windows import X11Windows
from expander.desktop.exclusions import pattern_matches
from expander.desktop.hotkeys import Hotkey, parse_hotkey
from expander.desktop.settings import DEFAULT_PASTE_KEYS, PasteKey, paste_key_for
from expander.errors import BackendError, HotkeyError, InjectionSkipped
from expander.matcher import KeyEvent, SpecialKey
from expander.ports import SourceEvent

__all__ = ["X11Keyboard"]

log = logging.getLogger(__name__)

_SHIFT = 1 << 0
_LOCK = 1 << 1
_CONTROL = 1 << 2
_MOD1 = 1 << 3  # Alt
_MOD4 = 1 << 6  # Super
_GROUP_BITS = 0x6000  # XKB group in the core state: a second layout is active
_WINDOW_TIMEOUT = 0.3  # seconds after an edit; ends the window if a marker was lost
_FENCE_TIMEOUT = 0.5  # seconds to wait for the listener to see the fence (other clients wait too)
_NOTHING = object()  # a key that means nothing to the engine (Shift alone, ...)
_MODIFIER_KEYSYMS = {
    "ctrl": XK.XK_Control_L,
    "shift": XK.XK_Shift_L,
    "alt": XK.XK_Alt_L,
    "cmd": XK.XK_Super_L,
}

_SPECIAL_KEYS = {
    "backspace": SpecialKey.BACKSPACE,
    "enter": SpecialKey.ENTER,
    "tab": SpecialKey.TAB,
    "esc": SpecialKey.ESCAPE,
    "delete": SpecialKey.DELETE,
    "left": SpecialKey.LEFT,
    "right": SpecialKey.RIGHT,
    "up": SpecialKey.UP,
    "down": SpecialKey.DOWN,
    "home": SpecialKey.HOME,
    "end": SpecialKey.END,
    "page_up": SpecialKey.PAGE_UP,
    "page_down": SpecialKey.PAGE_DOWN,
}
_HELD_MODIFIERS = {"ctrl", "ctrl_l", "ctrl_r", "alt", "alt_l", "alt_r", "cmd", "cmd_l", "cmd_r"}
_IGNORED_KEYS = {"shift", "shift_l", "shift_r", "alt_gr", "caps_lock", "num_lock", "scroll_lock"}


def _char_keysym(ch: str) -> int:
    """The keysym X uses for a character (Latin-1 directly, else the Unicode range)."""
    code = ord(ch)
    if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF:
        return code
    return 0x01000000 | code


def _keysym_char(keysym: int) -> str | None:
    if 0x20 <= keysym <= 0x7E or 0xA0 <= keysym <= 0xFF:
        return chr(keysym)
    if keysym & 0xFF000000 == 0x01000000:
        return chr(keysym & 0x00FFFFFF)
    return None


# Firefox and its forks (instance "Navigator") fetch a pasted text without handling
# the keys typed meanwhile, so they need no freeze, whose focus-out and -in would
# fire blur and focus in the page at every paste (a web mail editor may react).
# Thunderbird (Gecko too; its compose window is instance "Msgcompose", class
# "thunderbird*") was measured the same way (tests/desktop/test_thunderbird.py, Xvfb):
# without the freeze 280 of 280 fast runs (a key every 15 ms after the trigger,
# pasted replies) kept the keys after the reply, in order; the freeze fired blur
# and focus on the compose window and on the message's editor at every paste
# (4 events each: document and window), none without it; with it 80 of 80 kept order.
# Terminals need it (xterm, urxvt and VTE put a key typed meanwhile first).
_NO_FREEZE = ("navigator", "firefox*", "librewolf", "waterfox*", "floorp", "thunderbird*",
              "msgcompose")  # fmt: skip


def _needs_freeze(wm_class: tuple[str, ...]) -> bool:
    """Whether the keyboard is frozen while the focused window fetches a pasted text."""
    return not any(pattern_matches(p, name) for p in _NO_FREEZE for name in wm_class)


class X11Keyboard:
    """KeySource and TextInjector for X11."""

    def __init__(self, display_name: str | None = None, clipboard: X11Clipboard | None = None):
        try:
            self._display = display.Display(display_name)
        except (error.DisplayError, OSError) as exc:
            raise BackendError(f"cannot open the X display: {exc}") from exc
        if not self._display.has_extension("XTEST"):
            raise BackendError("the X server has no XTEST extension, needed to type text")
        self._display_name = display_name
        self._clipboard = clipboard
        self._lock = threading.RLock()
        self._windows = X11Windows(connection=self._display, lock=self._lock)
        self._markers: deque[str] = deque()  # "edit" or "fence<n>", in the order sent
        self._dispatcher: KeyDispatcher | None = None
        self._window_until = 0.0
        self._held: set[str] = set()
        self._focus: int | None = None
        self._listeners: list[Any] = []
        self._hotkeys = X11Hotkeys(display_name)  # grabbed on a connection of their own
        self._window_info: dict[int, tuple[tuple[str, ...], str]] = {}
        self._char_map: dict[str, tuple[int, bool]] = {}
        self._paste_rules: tuple[tuple[str, PasteKey], ...] = ()
        self._keycodes: dict[int, int] = {}
        self._load_keymap()

    # --- keymap -------------------------------------------------------------------

    def _load_keymap(self) -> None:
        """Which keycode (and Shift or not) types each character, from the server."""
        d = self._display
        first = d.display.info.min_keycode
        count = d.display.info.max_keycode - first + 1
        char_map: dict[str, tuple[int, bool]] = {}
        self._marker = 0
        for offset, syms in enumerate(d.get_keyboard_mapping(first, count)):
            if not any(syms) and first + offset > 8:
                self._marker = self._marker or first + offset
            for level, keysym in enumerate(syms[:2]):
                ch = _keysym_char(keysym) if keysym else None
                if ch is not None and ch not in char_map:
                    char_map[ch] = (first + offset, level == 1)
        self._char_map = char_map
        self._keycodes = {}
        self._modifier_codes = {
            code for codes in d.get_modifier_mapping() for code in codes if code
        }

    def _keycode(self, keysym: int) -> int:
        code = self._keycodes.get(keysym)
        if code is None:
            code = self._keycodes[keysym] = self._display.keysym_to_keycode(keysym)
        if not code:
            raise BackendError(f"the keyboard layout has no key for keysym {keysym:#x}")
        return code

    def _state(self) -> int:
        with self._lock:
            return int(self._display.screen().root.query_pointer().mask)

    # --- TextInjector -----------------------------------------------------------------

    def can_type(self, text: str) -> bool:
        with self._lock:
            if self._state() & (_LOCK | _GROUP_BITS):
                return False  # Caps Lock or another layout group would change the letters
            self._load_keymap_if_changed()
            # Only ASCII is typed: a non-ASCII character found in the keymap may sit on
            # a keycode another program borrowed, which Chromium picks up late.
            return all(ch in "\n\t" or (ch.isascii() and ch in self._char_map) for ch in text)

    def _load_keymap_if_changed(self) -> None:
        """Re-read the keymap after a MappingNotify (sent to every client when any
        program changes it), not at every expansion: it is a large reply."""
        changed = False
        while self._display.pending_events():
            if self._display.next_event().type == X.MappingNotify:
                changed = True
        if changed:
            self._load_keymap()

    def wait_modifiers_released(self, timeout: float) -> bool:
        """Wait for Shift/Ctrl/Alt/Super to be released, then release any other key
        still down: the trigger's last key usually is, and pressing a key that is
        already down does nothing, so its letter would be missing from the reply."""
        deadline = time.monotonic() + timeout
        mask = _SHIFT | _CONTROL | _MOD1 | _MOD4
        while self._state() & mask:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)
        self._release_held_keys()
        return True

    def _release_held_keys(self) -> None:
        """Release every key still down but the modifiers: a key the user holds
        would swallow our press of the same key."""
        with self._lock:
            modifiers = self._modifier_codes
            keymap = self._display.query_keymap()
            for byte_index, byte in enumerate(keymap):
                if not byte:
                    continue
                for bit in range(8):
                    code = byte_index * 8 + bit
                    if byte & (1 << bit) and code not in modifiers:
                        self._release(code)
            self._display.sync()

    def erase(self, count: int) -> None:
        with self._edit():
            self._tap_keysym(XK.XK_BackSpace, count)

    def move_caret(self, offset: int) -> None:
        with self._edit():
            self._tap_keysym(XK.XK_Right if offset > 0 else XK.XK_Left, abs(offset))

    @contextlib.contextmanager
    def _edit(self) -> Iterator[None]:
        """Open the window in which key events are ours; close it with a marker."""
        with self._lock:
            self._window_until = float("inf")
            try:
                yield
            finally:
                self._send_marker("edit")
                self._display.sync()
                self._window_until = time.monotonic() + _WINDOW_TIMEOUT

    def set_paste_keys(self, rules: tuple[tuple[str, PasteKey], ...]) -> None:
        """The user's paste keys per window class (``Settings.paste_keys``); the
        built-in ones for terminals apply after them."""
        self._paste_rules = rules

    def paste_key(self) -> PasteKey:
        """How to paste into the focused window."""
        return paste_key_for(self.focused_window_info()[0], self._paste_rules)

    def _refuse_line_breaks(self, text: str, key: PasteKey) -> None:
        """A line break reaches a terminal as Return, which runs a command in a shell
        (unless it turned bracketed paste on, which we cannot ask): never send one.
        Checked before anything is erased."""
        if key.terminal and ("\n" in text or "\r" in text):
            raise InjectionSkipped(
                "a reply of several lines is not inserted into a terminal, where its "
                "line breaks would run as commands"
            )

    def type_text(self, text: str, erase: int = 0) -> int:
        self._refuse_line_breaks(text, self.paste_key())
        with self._others_held():
            typed_on = self._typed_on(erase)
            if all(ch.isascii() and ch in self._char_map for ch in typed_on):
                with self._edit():
                    self._release_held_keys()
                    self._tap_keysym(XK.XK_BackSpace, erase + len(typed_on), flush=False)
                    self._type_text(text + typed_on)
                return len(typed_on)
        # the layout cannot type what the user typed on: paste it all (a second fence
        # sees everything since the trigger, as the engine has not taken it yet)
        return self.paste_text(text, erase)

    def _type_text(self, text: str) -> None:
        for ch in text:
            if ch == "\n":
                self._tap_keysym(XK.XK_Return, 1, flush=False)
                continue
            if ch == "\t":
                self._tap_keysym(XK.XK_Tab, 1, flush=False)
                continue
            code, shifted = self._char_map[ch]
            if shifted:
                self._press(self._keycode(XK.XK_Shift_L), XK.XK_Shift_L)
            self._press(code, _char_keysym(ch))
            self._release(code)
            if shifted:
                self._release(self._keycode(XK.XK_Shift_L))

    def paste_text(self, text: str, erase: int = 0) -> int:
        """Paste with the window's paste key (Ctrl+V, a terminal's own); raises
        BackendError when the window did not fetch the text in time, so the
        engine can type the reply or put the trigger back."""
        if self._clipboard is None:
            raise BackendError("pasting needs the clipboard backend")
        clipboard = self._clipboard
        key = self.paste_key()
        self._refuse_line_breaks(text, key)
        freeze = _needs_freeze(self.focused_window_info()[0])
        moved = 0
        frozen = False

        def erase_and_press() -> None:
            nonlocal moved, frozen
            with self._others_held():
                typed_on = self._typed_on(erase)
                if typed_on:
                    clipboard.change_pasted_text(text + typed_on)
                    moved = len(typed_on)
                with self._edit():
                    self._release_held_keys()
                    self._tap_keysym(XK.XK_BackSpace, erase + moved, flush=False)
                    self._press_keys(key.keys)
                frozen = freeze and self._freeze_keyboard()  # still under the server grab

        # not inside an edit: the listener must go on while the fence is awaited
        try:
            fetched = clipboard.paste_cycle(text, erase_and_press, key.selection)
        finally:
            if frozen:
                self._thaw_keyboard()
        if not fetched:
            raise BackendError(
                f"the window did not take the pasted text (paste key {key.keys.spec})"
            )
        return moved

    def _freeze_keyboard(self) -> bool:
        """Make the server queue every key typed from now on (a synchronous grab of
        the keyboard) until :meth:`_thaw_keyboard`. Taken right after the paste key
        and under the server grab, so no key slips in between. False when another
        client holds the keyboard (an open menu): nothing is frozen then.
        The focused window sees a focus-out and -in (mode NotifyGrab/NotifyUngrab):
        Tk and Chromium ignore them; Firefox would fire blur and focus in the page,
        Thunderbird in the message being written (they are not frozen:
        :data:`_NO_FREEZE`); xterm and VTE terminals send a program that asked for
        focus reports (vim, tmux) one of each per paste."""
        with self._lock:
            status = self._display.screen().root.grab_keyboard(
                False, X.GrabModeAsync, X.GrabModeSync, X.CurrentTime
            )
        return bool(status == X.GrabSuccess)

    def _thaw_keyboard(self) -> None:
        """End the freeze: the server hands the queued keys to the focused window,
        in order, after the pasted text (the clipboard has answered the window)."""
        with self._lock:
            self._display.ungrab_keyboard(X.CurrentTime)
            self._display.sync()

    @contextlib.contextmanager
    def _others_held(self) -> Iterator[None]:
        """Hold every other client's requests (a server grab) while our keys enter
        the server's queue: a key that another program sends meanwhile (xdotool, an
        input method, a remote desktop) would otherwise land between ours, e.g. a
        fast typist's space inside the reply. Never held while we wait for a reply
        from another client (an application fetching a paste), which would hang.
        Our own lock is not held throughout: the listener needs it to hand on the
        keys the fence waits for."""
        with self._lock:
            self._display.grab_server()
            self._display.sync()
        try:
            yield
        finally:
            with self._lock:
                self._display.ungrab_server()
                self._display.sync()

    def _send_marker(self, kind: str) -> None:
        if self._marker:
            self._markers.append(kind)
            xtest.fake_input(self._display, X.KeyPress, self._marker)
            xtest.fake_input(self._display, X.KeyRelease, self._marker)

    def _typed_on(self, erase: int) -> str:
        """What the user typed after the trigger (already in the window, after it),
        with the server grabbed. Raises InjectionSkipped, before anything is changed,
        when that was not plain text (a Backspace, an arrow, a shortcut, a click: the
        trigger is then no longer right before the caret) or cannot be known."""
        dispatcher = self._dispatcher
        if not erase or dispatcher is None or not dispatcher.handling():
            return ""  # not an expansion of typed keys (the picker, the palette)

        def send_fence(number: int) -> None:
            with self._lock:
                self._send_marker(f"fence{number}")
                self._display.sync()

        pending = dispatcher.pending_at_fence(send_fence, _FENCE_TIMEOUT)
        if pending is None:
            # Keys typed after the trigger may be in the window: erasing now could eat
            # them. The fence stays queued among the markers: when it comes back it is
            # taken for what it is, not for the end of an edit.
            raise InjectionSkipped("the keys typed after the trigger could not be told in time")
        chars: list[str] = []
        for event in pending:
            if isinstance(event, KeyEvent) and event.injected:
                continue
            if not isinstance(event, KeyEvent) or event.char is None or event.modifiers_held:
                raise InjectionSkipped("a key other than text was typed right after the trigger")
            chars.append(event.char)
        return "".join(chars)

    def _press_keys(self, hotkey: Hotkey) -> None:
        """Press a key combination (the modifiers, then the key) and release it."""
        name = hotkey.key.strip("<>")
        keysym = _char_keysym(name) if len(name) == 1 else XK.string_to_keysym(name.title())
        if not keysym:
            raise BackendError(f"the paste key {hotkey.spec} has no X key")
        with self._lock:
            modifiers = [self._keycode(_MODIFIER_KEYSYMS[m]) for m in sorted(hotkey.modifiers)]
            for code in modifiers:
                self._press(code, 0)
            code = self._keycode(keysym)
            self._press(code, keysym)
            self._release(code)
            for code in reversed(modifiers):
                self._release(code)
            self._display.sync()

    def _tap_keysym(self, keysym: int, times: int, *, flush: bool = True) -> None:
        if times <= 0:
            return
        with self._lock:
            code = self._keycode(keysym)
            for _ in range(times):
                self._press(code, keysym)
                self._release(code)
            if flush:
                self._display.sync()

    def _press(self, keycode: int, keysym: int) -> None:
        xtest.fake_input(self._display, X.KeyPress, keycode)

    def _release(self, keycode: int) -> None:
        xtest.fake_input(self._display, X.KeyRelease, keycode)

    # --- KeySource ------------------------------------------------------------------

    def focused_window(self) -> int:
        """The X window that has keyboard focus now."""
        return self._windows.focused_window()

    def focused_window_info(self) -> tuple[tuple[str, ...], str]:
        """The focused window's WM_CLASS strings and title, for exclusions: found on
        the focus window or its nearest ancestor that has them (toolkits often focus
        a child window)."""
        with self._lock:
            focus = self._focus
            cached = self._window_info.get(focus) if focus is not None else None
            if cached is not None:
                return cached
            info = self._read_window_info()
            if focus is not None:
                self._window_info = {focus: info}  # one window: no stale entries pile up
            return info

    def _read_window_info(self) -> tuple[tuple[str, ...], str]:
        return self._windows.focused_window_info()

    def focus_window(self, window_id: int) -> None:
        """Give keyboard focus back to a window (there may be no window manager)."""
        self._windows.focus_window(window_id)

    def add_hotkey(self, spec: str, callback: Callable[[], object]) -> str | None:
        """Call ``callback`` (on a new thread) when the key combination ``spec``
        (pynput syntax, e.g. ``<ctrl>+<alt>+s``) is pressed; it is grabbed, so it
        reaches no other window (see x11_hotkeys). Returns None, or why it is only
        listened to. A paste key is never grabbed: we press it ourselves.
        Must precede start()."""
        try:
            pastes = {key.keys for _, key in (*self._paste_rules, *DEFAULT_PASTE_KEYS)}
            grab = parse_hotkey(spec) not in pastes | {parse_hotkey("<ctrl>+v")}
        except HotkeyError as exc:
            raise BackendError(f"cannot read the hotkey {spec!r}: {exc}") from exc
        return self._hotkeys.add_hotkey(spec, callback, grab=grab)

    def start(self, on_event: Callable[[SourceEvent], object]) -> None:
        from pynput import keyboard, mouse

        listener: keyboard.Listener

        dispatcher = self._dispatcher = KeyDispatcher(on_event)

        def on_press(key: Any, injected: bool = False) -> None:
            with never_raising("a key press"):
                vk = getattr(getattr(key, "value", key), "vk", None)
                fence = self._fence_reached() if vk == 0 else None
                if fence is not None:
                    dispatcher.fence(fence)
                    return
                if self._hotkeys.key_pressed(listener.canonical(key)):
                    return  # a grabbed hotkey's key: no window got it
                event = self._translate(key, injected)
                if event is _NOTHING:
                    return
                if isinstance(event, KeyEvent) and not event.injected and self._focus_changed():
                    # another window: what we buffered is not before this caret
                    dispatcher.put(None)
                dispatcher.put(event)  # type: ignore[arg-type]

        def on_release(key: Any, injected: bool = False) -> None:
            with never_raising("a key release"):
                self._hotkeys.key_released(listener.canonical(key))
                name = getattr(key, "name", None)
                if name in _HELD_MODIFIERS:
                    self._held.discard(name)

        def on_click(x: int, y: int, button: Any, pressed: bool, injected: bool = False) -> None:
            if pressed:
                with never_raising("a click"):
                    dispatcher.put(None)

        kb = listener = keyboard.Listener(on_press=on_press, on_release=on_release)
        ms = mouse.Listener(on_click=on_click)
        kb.start()
        ms.start()
        kb.wait()
        ms.wait()
        self._listeners = [kb, ms]
        self._hotkeys.start()

    def stop(self) -> None:
        for listener in self._listeners:
            listener.stop()
        self._listeners = []
        self._hotkeys.stop()
        if self._dispatcher is not None:
            self._dispatcher.stop()
            self._dispatcher = None

    def _fence_reached(self) -> int | None:
        """The number of the fence a symbol-less key is, if it is one (markers come
        back in the order sent)."""
        with self._lock:
            if self._markers and self._markers[0].startswith("fence"):
                return int(self._markers.popleft()[len("fence") :])
            return None

    def _is_ours(self, keysym: int | None) -> bool:
        """Whether a key event falls in the window of our own edits."""
        with self._lock:
            if self._markers and keysym == 0:
                self._markers.popleft()
                if not self._markers:
                    self._window_until = 0.0
                return True
            if time.monotonic() < self._window_until:
                return True
            if "edit" in self._markers:  # lost: forget them, but never a fence awaited
                self._markers = deque(kind for kind in self._markers if kind != "edit")
            return False

    def _focus_changed(self) -> bool:
        with self._lock:
            return self._check_focus()

    def _check_focus(self) -> bool:
        try:
            focus = self._display.get_input_focus().focus
        except error.XError:
            return False
        focus_id = int(getattr(focus, "id", focus))
        changed = self._focus is not None and focus_id != self._focus
        self._focus = focus_id
        return changed

    def _translate(self, key: Any, injected: bool) -> SourceEvent | object:
        """A pynput key as our KeyEvent; None for a reset, _NOTHING to report nothing."""
        name = getattr(key, "name", None)
        vk = getattr(getattr(key, "value", key), "vk", None)
        ours = self._is_ours(vk) or injected
        if ours:
            return KeyEvent(key=SpecialKey.OTHER, injected=True)
        if name is not None:
            if name in _HELD_MODIFIERS:
                self._held.add(name)
                return _NOTHING
            if name in _IGNORED_KEYS:
                return _NOTHING
            if name == "space":
                return KeyEvent.text(" ", modifiers_held=bool(self._held))
            special = _SPECIAL_KEYS.get(name, SpecialKey.OTHER)
            return KeyEvent.special(special, modifiers_held=bool(self._held))
        char = getattr(key, "char", None)
        if not char:
            return _NOTHING
        return KeyEvent.text(char, modifiers_held=bool(self._held))
