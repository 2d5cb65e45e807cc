"""Global hotkeys on X11: grabbed on the root window, so they reach only Expander.

A hotkey that is only listened to (pynput's RECORD listener) also reaches the
focused window, which then runs its own shortcut: a Tk text box takes Ctrl+Alt+N
as Ctrl+N, "next line", and drops the selection the new-snippet dialog wanted.
So each hotkey is grabbed with XGrabKey on the root window, on a connection of
its own; a thread reads its KeyPress events and runs each callback on a thread
of its own.

The server compares a grab's modifiers exactly, lock keys included, so every
combination is grabbed once per state of NumLock, CapsLock and ScrollLock (the
modifier bits they sit on are read from the server). Keys are found through the
keymap (a shifted character is grabbed with Shift); after a MappingNotify (a
layout change, xmodmap) every hotkey is grabbed again on its new keycodes.

A combination another program already grabbed (BadAccess) is not an error: it
is listened to as before (the listener feeds :meth:`X11Hotkeys.key_pressed`),
so it still works but also reaches that program, and :meth:`add_hotkey` says so
for the app to tell the user. The listener also asks :meth:`key_pressed` whether
a key is a grabbed hotkey's, so such keys (which no window received) stay out of
the trigger matcher.
"""

from __future__ import annotations

import itertools
import logging
import os
import select
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from Xlib import XK, X, display, error

from expander.desktop.backends.display_watch import is_display_lost
from expander.desktop.hotkeys import parse_hotkey
from expander.errors import BackendError, HotkeyError, log_failure

__all__ = ["X11Hotkeys"]

log = logging.getLogger(__name__)

TAKEN = "another program already grabbed this combination"
NO_KEY = "the keyboard layout has no key for it"


def _char_keysym(ch: str) -> int:
    """The keysym X uses for a character (Latin-1 directly, else the Unicode range)."""
    code = ord(ch)
    if 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xFF:
        return code
    return 0x01000000 | code


@dataclass
class _Hotkey:
    spec: str
    callback: Callable[[], object]
    modifiers: frozenset[str]  # ctrl, alt, shift, cmd
    key: Any  # pynput's canonical KeyCode of the key, as the listener reports it
    keysym: int
    listener: Any  # pynput HotKey: used while the combination is not grabbed
    grab: bool  # False: always listened to (a key Expander presses itself)
    grabs: list[tuple[int, int]] = field(default_factory=list)  # (keycode, modifiers) held
    shifted: bool = False  # the key is on Shift's level: grabbed with Shift
    problem: str | None = None  # why it is listened to instead of grabbed


class X11Hotkeys:
    """Grabs the hotkeys on the root window; falls back to listening per hotkey.

    :meth:`add_hotkey` grabs at once (so a conflict is known and reported
    there) and must precede :meth:`start`, which starts reading the grabbed
    keys; :meth:`stop` ends it and releases the grabs.
    """

    def __init__(self, display_name: str | None = None) -> None:
        try:
            self._display = display.Display(display_name)
        except (error.DisplayError, OSError) as exc:
            raise BackendError(f"cannot open the X display: {exc}") from exc
        self._root = self._display.screen().root
        self._lock = threading.Lock()
        self._hotkeys: list[_Hotkey] = []
        self._by_grab: dict[tuple[int, int], _Hotkey] = {}  # (keycode, mods without locks)
        self._held: set[str] = set()  # modifiers down, as the listener saw them
        self._thread: threading.Thread | None = None
        self._wake_read, self._wake_write = os.pipe()
        self._stopping = False
        self._load_modifiers()

    # --- modifiers and keys -------------------------------------------------------------

    def _load_modifiers(self) -> None:
        """Which modifier bit Alt, Super, NumLock and ScrollLock sit on, and every
        combination of the lock bits a grab must be repeated with."""
        mapping = self._display.get_modifier_mapping()

        def mask_of(*names: str) -> int:
            codes = {
                code
                for name in names
                for code, _ in self._display.keysym_to_keycodes(XK.string_to_keysym(name))
            }
            for index, held in enumerate(mapping):
                if codes & {code for code in held if code}:
                    return 1 << index
            return 0

        self._masks = {
            "shift": X.ShiftMask,
            "ctrl": X.ControlMask,
            "alt": mask_of("Alt_L", "Alt_R", "Meta_L") or X.Mod1Mask,
            "cmd": mask_of("Super_L", "Super_R") or X.Mod4Mask,
        }
        used = 0
        for mask in self._masks.values():
            used |= mask
        locks = [
            m
            for m in {X.LockMask, mask_of("Num_Lock"), mask_of("Scroll_Lock")}
            if m and not m & used
        ]
        self._lock_bits = sum(locks)
        subsets = (c for n in range(len(locks) + 1) for c in itertools.combinations(locks, n))
        self._lock_variants = sorted({sum(subset) for subset in subsets})

    def _keycodes(self, keysym: int) -> list[tuple[int, bool]]:
        """The keycodes that type ``keysym`` without AltGr, each with whether Shift is needed."""
        levels: dict[int, int] = {}
        for code, index in self._display.keysym_to_keycodes(keysym):
            if index <= 1:
                levels[code] = min(index, levels.get(code, index))
        return sorted((code, index == 1) for code, index in levels.items())

    # --- adding hotkeys -----------------------------------------------------------------

    def add_hotkey(
        self, spec: str, callback: Callable[[], object], *, grab: bool = True
    ) -> str | None:
        """Call ``callback`` (on a thread of its own) when ``spec`` (pynput syntax,
        e.g. ``<ctrl>+<alt>+s``) is pressed. Returns None when the combination is
        grabbed (it reaches only Expander), else why it is only listened to (it
        also reaches the focused window or the program that grabbed it). With
        ``grab=False`` it is only listened to. Must precede :meth:`start`."""
        from pynput import keyboard

        if self._thread is not None:
            raise BackendError("hotkeys must be added before the hotkey thread starts")
        try:
            parsed = parse_hotkey(spec)
            keys = keyboard.HotKey.parse(spec)
        except (HotkeyError, ValueError) as exc:
            raise BackendError(f"cannot read the hotkey {spec!r}: {exc}") from exc
        modifier_keys = {keyboard.Key.ctrl, keyboard.Key.alt, keyboard.Key.shift, keyboard.Key.cmd}
        [key] = [k for k in keys if k not in modifier_keys]
        keysym = _char_keysym(key.char) if key.char is not None else int(key.vk)

        def fire() -> None:
            threading.Thread(target=callback, name="hotkey", daemon=True).start()

        hotkey = _Hotkey(
            spec, fire, parsed.modifiers, key, keysym, keyboard.HotKey(keys, fire), grab
        )
        with self._lock:
            self._hotkeys.append(hotkey)
            if grab:
                self._grab(hotkey)
            else:
                hotkey.problem = "Expander presses it itself (a paste key)"
            self._display.sync()
        if hotkey.problem is not None:
            log.warning(
                "Hotkey %s is listened to, not grabbed (%s): it also reaches other programs.",
                spec,
                hotkey.problem,
            )
        return hotkey.problem

    def _grab(self, hotkey: _Hotkey) -> None:
        """Grab every keycode of the hotkey with every lock state; on BadAccess (the
        combination is another client's) release what was grabbed and note why."""
        keycodes = self._keycodes(hotkey.keysym)
        hotkey.grabs = []
        if not keycodes:
            hotkey.problem = NO_KEY
            return
        base = 0
        for name in hotkey.modifiers:
            base |= self._masks[name]
        catcher = error.CatchError(error.BadAccess)
        grabs: list[tuple[int, int]] = []
        hotkey.shifted = all(shifted for _, shifted in keycodes)
        for code, shifted in keycodes:
            modifiers = base | (X.ShiftMask if shifted else 0)
            for variant in self._lock_variants:
                self._root.grab_key(
                    code,
                    modifiers | variant,
                    False,
                    X.GrabModeAsync,
                    X.GrabModeAsync,
                    onerror=catcher,
                )
                grabs.append((code, modifiers | variant))
        self._display.sync()
        if catcher.get_error() is not None:
            for code, modifiers in grabs:  # releases only our own grabs
                self._root.ungrab_key(code, modifiers)
            self._display.sync()
            hotkey.problem = TAKEN
            return
        hotkey.grabs = grabs
        hotkey.problem = None
        for code, modifiers in grabs:
            self._by_grab[(code, modifiers & ~self._lock_bits)] = hotkey

    def _regrab(self) -> None:
        """After a keymap change: grab again on the new keycodes, then release the
        grabs no longer wanted. Grabbing first (our own grab of a combination is
        simply renewed) leaves no moment without a grab: a hotkey pressed during a
        layout switch or a keycode another program borrowed went to the focused
        window when every grab was released first."""
        with self._lock:
            held = {grab for hotkey in self._hotkeys for grab in hotkey.grabs}
            self._by_grab = {}
            self._load_modifiers()
            for hotkey in self._hotkeys:
                if not hotkey.grab:
                    continue
                before = hotkey.problem
                self._grab(hotkey)
                if hotkey.problem != before:
                    if hotkey.problem is None:
                        log.info("Hotkey %s is grabbed again after a keyboard change.", hotkey.spec)
                    else:
                        log.warning(
                            "Hotkey %s is listened to after a keyboard change (%s): "
                            "it also reaches other programs.",
                            hotkey.spec,
                            hotkey.problem,
                        )
            wanted = {grab for hotkey in self._hotkeys for grab in hotkey.grabs}
            for code, modifiers in held - wanted:
                self._root.ungrab_key(code, modifiers)
            self._display.sync()

    # --- what the listener sees ---------------------------------------------------------

    def key_pressed(self, key: Any) -> bool:
        """A key the listener saw pressed (pynput's canonical form). Fires the hotkeys
        that are listened to; returns True when the key is a grabbed hotkey's (no
        window got it, so the trigger matcher must not see it either)."""
        name = _modifier_name(key)
        with self._lock:
            if name is not None:
                self._held.add(name)
            for hotkey in self._hotkeys:
                if hotkey.problem is not None:
                    hotkey.listener.press(key)
            if name is not None:
                return False
            for hotkey in self._hotkeys:
                if hotkey.grabs and key == hotkey.key:
                    wanted = hotkey.modifiers | ({"shift"} if hotkey.shifted else set())
                    if self._held == wanted:
                        return True
            return False

    def key_released(self, key: Any) -> None:
        name = _modifier_name(key)
        with self._lock:
            if name is not None:
                self._held.discard(name)
            for hotkey in self._hotkeys:
                hotkey.listener.release(key)

    # --- the thread that reads the grabbed keys -------------------------------------------

    def start(self) -> None:
        """Start reading the grabbed keys (and keymap changes)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="hotkeys", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop reading and release every grab (closing the connection does)."""
        if self._stopping:
            return
        self._stopping = True
        os.write(self._wake_write, b"x")
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)
        try:
            self._display.close()
        except Exception as exc:  # already broken: nothing held any more
            log_failure(log, "the hotkey connection could not be closed", exc)
        for fd in (self._wake_read, self._wake_write):
            os.close(fd)

    def _run(self) -> None:
        fd = self._display.fileno()
        last_release = (0, 0)  # X repeats a held key as a release and a press at one time
        while not self._stopping:
            try:
                mapping_changed = False
                while self._display.pending_events():
                    event = self._display.next_event()
                    if event.type == X.KeyPress:
                        if (event.detail, event.time) != last_release:  # not auto-repeat
                            self._pressed(event)
                    elif event.type == X.KeyRelease:
                        last_release = (event.detail, event.time)
                    elif event.type == X.MappingNotify:
                        if event.request == X.MappingKeyboard:
                            self._display.refresh_keyboard_mapping(event)
                        mapping_changed = True
                if mapping_changed:
                    self._regrab()
                    continue
                select.select([fd, self._wake_read], [], [])
            except Exception as exc:
                if self._stopping:
                    return
                if is_display_lost(exc):  # the app's display watch says so, once
                    log.debug("the hotkey thread stopped: the X display closed")
                else:
                    log_failure(log, "the hotkey thread stopped", exc)
                return

    def _pressed(self, event: Any) -> None:
        with self._lock:
            hotkey = self._by_grab.get((event.detail, event.state & 0xFF & ~self._lock_bits))
        if hotkey is not None:
            hotkey.callback()


def _modifier_name(key: Any) -> str | None:
    """ "ctrl", "alt", "shift" or "cmd" for pynput's canonical modifier keys, else None."""
    from pynput import keyboard

    name = getattr(key, "name", None)
    return name if name in ("ctrl", "alt", "shift", "cmd") and key in keyboard.Key else None
