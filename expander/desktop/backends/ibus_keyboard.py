"""KeySource, TextInjector and Hotkeys through an IBus input-method engine.

The app itself is the engine: it owns :data:`~expander.desktop.ibus_names.COMPONENT_NAME`
on IBus's bus, and ibus-daemon hands it every key typed into a text field of any
IBus client (GTK, Qt, Firefox, Chromium, X11 programs through XIM, and on GNOME
Wayland gnome-shell for every application). So it works where no program may
watch another's keys (Wayland), and it inserts text with ``commit_text``: exact
for any character, and without touching the clipboard.

Facts this relies on (measured, see docs/ibus.md):

* Clients wait for the engine's answer before they show a key, so the key
  handler only translates the key, queues it for the engine thread
  (:class:`~expander.desktop.backends.key_dispatch.KeyDispatcher`) and lets it
  pass. It never raises: an exception there makes GTK drop the user's key.
* The key that completes a trigger is let pass, and the client applies it on its
  next turn, possibly after an edit sent at once. A client that sends its text
  (surrounding text) gets ``delete_surrounding_text`` then ``commit_text`` once
  that text shows the key applied. One that does not (Chromium, XIM; on X11 also
  GTK and Firefox, unless asked) gets forwarded BackSpaces; committing right after
  them is a race (the client queues forwarded keys but applies a commit at once),
  so the commit waits :data:`SETTLE` seconds (and more per BackSpace), and keys
  the user types meanwhile are held and committed after it.
* Keys typed after a trigger reach the window before the engine thread reacts
  to the trigger; they are still queued in the dispatcher when the edit runs on
  IBus's thread, so they are erased with the trigger and committed again after
  the reply, as the X11 backend does.
* Password fields: GTK and Chromium send no keys; Firefox does, with the
  content purpose PASSWORD, and the engine then reports nothing.

Everything IBus does runs on one thread ("ibus") with a GLib main context of
its own; other threads hand it work and wait for the result.
"""

from __future__ import annotations

import logging
import threading
import time
import zlib
from collections.abc import Callable
from typing import Any

from gi.repository import GLib

from expander.desktop.backends.ibus_keys import (
    HOTKEY_MASK,
    LATIN_KEYCODES,
    RELEASE,
    IBus,
    hotkey_press,
    translate,
)
from expander.desktop.backends.key_dispatch import KeyDispatcher
from expander.desktop.ibus_names import (
    COMPONENT_NAME,
    ENGINE_DESCRIPTION,
    ENGINE_LANGUAGE,
    ENGINE_LAYOUT,
    ENGINE_LONGNAME,
    ENGINE_NAME,
    ENGINE_SYMBOL,
)
from expander.desktop.settings import PasteKey, paste_key_for
from expander.errors import BackendError, InjectionSkipped, log_failure
from expander.matcher import KeyEvent, SpecialKey
from expander.ports import ActiveWindow, SourceEvent

__all__ = ["SETTLE", "IBusKeyboard"]

log = logging.getLogger("expander")

Finish = Callable[[object, "BaseException | None"], None]
"""How work on IBus's thread hands its result (or error) to the waiting thread."""

SETTLE = 0.04
"""Seconds between forwarded keys and the commit that must follow them: 30 ms was
exact 20/20 in Chromium and GTK; the margin is for a loaded machine (bench/)."""

# evdev key codes (X key code - 8) of the keys we forward; clients read the keyval
_KEYCODE_BACKSPACE, _KEYCODE_LEFT, _KEYCODE_RIGHT = 14, 105, 106
_XIM_COMMIT_BYTES = 400
_SETTLE_PER_KEY = 0.002
_FEW_KEYS = 8
_SETTLE_PER_MORE_KEY = 0.008
"""Each forwarded BackSpace adds to the wait: 2 ms for each of the first
:data:`_FEW_KEYS` (a trigger: 46 ms in all for ``;hi``, docs/ibus.md's figures), 8 ms
for each after. At 2 ms for all, an undo right after a typed expansion (31
BackSpaces, 102 ms in all) lost the race on a slow 2-CPU host: Chromium and Firefox
ESR had 1-3 BackSpaces left when the commit came, which then erased part of it (CI,
session 26, 2 runs of 4); now 240 ms (with two CPU hogs on such a host: 0 of 33
undos garbled, against 1 of 33 at 2 ms for all). At 8 ms for all (session 26's
stopgap) the browsers' expansions took 72-97 ms instead of 54-68 (bench_clients, back to
back, session 27).
Waiting for the client's text to show the keys applied would not depend on the host's
speed, but on X11 no browser sends it unasked, and Firefox asked resets the input
method at every key (docs/ibus.md)."""
_HOLD_LIMIT = 1.0  # keys typed on after a timed edit are held at most this long
_APPLIED_TIMEOUT = 0.1  # how long a client may take to show the keys we let pass
_APPLIED_POLL = 0.003
_NO_CLIENT = "fake"  # the client name of ibus-daemon's input context for no client
_FOCUS_FLICKER = 1.0  # the focus may leave and come back this long while an edit starts
_CALL_TIMEOUT = 10.0  # an edit that IBus's thread does not finish by then failed
_FOCUS_TIMEOUT = 3.0  # after a dialog, how long a text field may take to get the focus back
_RECONNECT_EVERY = 1.0  # seconds between tries to reach a restarted ibus-daemon
_FOCUS_STEADY = 0.15
"""After a dialog, how long the text field must keep the focus before the reply is
committed: GTK takes the focus in, out (to IBus's "fake" client) and in again within a
few ms, and a commit sent in between is lost (CI: 1 palette reply in about 25)."""

_PASSWORD_PURPOSES = frozenset({int(IBus.InputPurpose.PASSWORD), int(IBus.InputPurpose.PIN)})
_TERMINAL = int(IBus.InputPurpose.TERMINAL)
_SURROUNDING = int(IBus.Capabilite.SURROUNDING_TEXT)


class _Engine(IBus.Engine):  # type: ignore[misc]
    """One engine instance (IBus makes one per input context or one shared); every
    call goes to the :class:`IBusKeyboard` that created it, on IBus's thread."""

    __gtype_name__ = "ExpanderEngine"

    def __init__(self, owner: IBusKeyboard, **properties: Any) -> None:
        super().__init__(**properties)
        self.owner = owner
        self.capabilities = 0
        self.secret = False
        self.terminal = False  # the client says it is a terminal (VTE does)
        self.surrounding: tuple[str, int] = ("", 0)  # the field's text and caret, if sent
        self.surrounding_serial = 0  # counts the client's surrounding-text updates
        self.serial_at_focus = 0
        self.key_serial = 0  # surrounding_serial when the last key was let pass
        self.before_key: tuple[str, int] = ("", 0)
        self.key_char: str | None = None
        self.key_erases = False
        self.client = ""

    def do_process_key_event(self, keyval: int, keycode: int, state: int) -> bool:
        try:
            return self.owner.key_event(self, keyval, keycode, state)
        except Exception as exc:  # the client would drop the user's key
            log_failure(log, "a key could not be handled", exc)  # no message: it may quote keys
            return False

    def do_set_surrounding_text(self, text: Any, cursor_pos: int, anchor_pos: int) -> None:
        IBus.Engine.do_set_surrounding_text(self, text, cursor_pos, anchor_pos)
        # in memory only, like IBus's own copy: the field's text is never kept longer
        self.surrounding = (text.get_text(), int(cursor_pos))
        self.surrounding_serial += 1

    def let_pass(self, event: KeyEvent) -> None:
        """Note the field as it was before a key the client will apply itself."""
        self.key_serial = self.surrounding_serial
        self.before_key = self.surrounding
        self.key_char = event.char if _plain(event) else None
        self.key_erases = event.key is SpecialKey.BACKSPACE and not event.modifiers_held

    def sends_surrounding(self) -> bool:
        """Whether the focused client sent its text since it got the focus: some
        announce surrounding text and never send it (mousepad; Chromium at first)."""
        return self.surrounding_serial > self.serial_at_focus

    def shows_key_applied(self) -> bool:
        """Whether the client's text, sent since the last key we let pass, shows that
        key applied: changed, and ending with its character before the caret. (Firefox
        may send a late copy from before the key: that one is not taken.)"""
        if self.surrounding_serial <= self.key_serial or self.surrounding == self.before_key:
            return False
        text, cursor = self.surrounding
        if self.key_erases:  # Backspace (an undo): one character fewer before the caret
            before_text, before_cursor = self.before_key
            return cursor == before_cursor - 1 and len(text) == len(before_text) - 1
        return self.key_char is None or text[:cursor].endswith(self.key_char)

    def do_set_capabilities(self, caps: int) -> None:
        self.capabilities = int(caps)

    def do_set_content_type(self, purpose: int, hints: int) -> None:
        self.secret = int(purpose) in _PASSWORD_PURPOSES
        self.terminal = int(purpose) == _TERMINAL
        self.owner.reset(self)

    def do_focus_in(self) -> None:  # an ibus-daemon that gives no input context path
        self.owner.focus_in(self, "")

    def do_focus_in_id(self, object_path: str, client: str) -> None:
        if client != self.client:
            log.debug("IBus client %s has the focus", client)
        self.client = client
        self.owner.focus_in(self, object_path)

    def do_focus_out(self) -> None:
        self.owner.focus_out(self)

    def do_focus_out_id(self, object_path: str) -> None:
        self.owner.focus_out(self)

    def do_reset(self) -> None:
        self.owner.reset(self)

    def do_disable(self) -> None:
        self.owner.focus_out(self)


class _Edit:
    """One replacement in progress on IBus's thread: erase ``count`` characters
    before the caret, commit ``insert``; ``moved`` of them were typed on."""

    __slots__ = ("count", "engine", "finish", "insert", "moved")

    def __init__(self, engine: _Engine, count: int, insert: str, moved: int, finish: Finish):
        self.engine = engine
        self.count = count
        self.insert = insert
        self.moved = moved
        self.finish = finish


class _Held:
    """A key the engine kept from the client during a timed edit, to replay after it."""

    __slots__ = ("char", "keycode", "keyval", "state")

    def __init__(self, keyval: int, keycode: int, state: int, char: str | None) -> None:
        self.keyval = keyval
        self.keycode = keycode
        self.state = state
        self.char = char


class IBusKeyboard:
    """The keyboard ports through IBus: the key source, the injector, the hotkeys
    (seen only while a text field has the focus) and the focused client's name."""

    def __init__(
        self, *, select: bool = False, settle: float = SETTLE, windows: ActiveWindow | None = None
    ) -> None:
        """``select``: make the engine the global one at start when no other input
        method is in use; ``windows``: the session's own ActiveWindow port (X11), else
        the focused client's name stands for the window."""
        self._select = select
        self._settle = settle
        self._context = GLib.MainContext.new()
        self._loop = GLib.MainLoop.new(self._context, False)
        self._thread: threading.Thread | None = None
        self._bus: Any = None
        self._factory: Any = None
        self._engines: list[_Engine] = []
        self._focused: _Engine | None = None
        self._focus = threading.Condition()  # guards the five below
        self._has_focus = False
        self._focus_moved_at = 0.0  # time.monotonic() of the last focus change
        self._input_context = ""  # the focused input context's object path ("" unknown)
        self._awaited: str | None = None  # the context to wait for before the next edit
        self._after_dialog = False  # a dialog gave the focus back: it must settle first
        self._windows = windows
        self._dispatcher: KeyDispatcher | None = None
        self._hotkeys: dict[tuple[int, int], Callable[[], object]] = {}  # (keyval, mask)
        self._paste_rules: tuple[tuple[str, PasteKey], ...] = ()
        self._remembered: dict[int, str | None] = {}  # window id -> its input context
        self._hotkeys_by_code: dict[tuple[int, int], Callable[[], object]] = {}  # (keycode, mask)
        self._swallow: set[int] = set()  # keycodes whose release the client must not see
        self._held: list[_Held] | None = None  # keys kept during a timed edit
        self._forwarded_at = 0.0
        self._previous_engine = ""  # the input method selected before us, given back at stop
        self._leaving = False  # stop() began: the daemon's goodbye is expected
        self._ready = threading.Event()
        self._start_error: BaseException | None = None

    # --- KeySource ------------------------------------------------------------------

    def start(self, on_event: Callable[[SourceEvent], object]) -> None:
        """Connect to ibus-daemon, serve the engine, and report keys to ``on_event``.
        Raises BackendError when IBus cannot be reached."""
        self._dispatcher = KeyDispatcher(on_event)
        self._thread = threading.Thread(target=self._run, name="ibus", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise BackendError("IBus did not answer within 10 s")
        if self._start_error is not None:
            self.stop()
            raise BackendError(f"cannot serve the IBus engine: {self._start_error}")

    def stop(self) -> None:
        """Give the keyboard back to the input method selected before us, and disconnect."""
        thread = self._thread
        if thread is not None and thread.is_alive():
            self._call_soon(self._leave)
            if thread is not threading.current_thread():
                thread.join(timeout=3)
        if self._dispatcher is not None:
            self._dispatcher.stop()

    def _run(self) -> None:
        self._context.push_thread_default()
        try:
            self._connect()
        except Exception as exc:
            self._start_error = exc
            self._ready.set()
            return
        self._ready.set()
        try:
            self._loop.run()
        finally:
            self._context.pop_thread_default()

    def _connect(self) -> None:
        IBus.init()
        bus = IBus.Bus()
        if not bus.is_connected():
            raise BackendError(
                "no ibus-daemon is running for this session (start it with 'ibus-daemon -d', "
                "or see 'expander ibus status')"
            )
        self._serve(bus)
        log.info(
            "IBus engine %r ready. Hotkeys work while the cursor is in a text field: "
            "IBus sees no other keys.",
            ENGINE_NAME,
        )

    def _serve(self, bus: Any) -> None:
        """Offer the engine on ``bus`` (connected), and select it if we may."""
        if bus is not self._bus:
            bus.connect("disconnected", self._daemon_gone)
        self._bus = bus
        if self._factory is not None:  # a try that failed half way, on this connection
            self._factory.destroy()
        self._factory = IBus.Factory.new(bus.get_connection())
        self._factory.connect("create-engine", self._create_engine)
        if not bus.get_engines_by_names([ENGINE_NAME]):
            # no component file installed ('expander ibus setup'): tell the daemon now
            bus.register_component(_component())
        reply = bus.request_name(COMPONENT_NAME, 0)
        owner = (IBus.BusRequestNameReply.PRIMARY_OWNER, IBus.BusRequestNameReply.ALREADY_OWNER)
        if reply not in owner:
            raise BackendError(
                f"another program already serves {ENGINE_NAME} (is Expander running twice?)"
            )
        if self._select:
            current = bus.get_global_engine()
            name = current.get_name() if current is not None else ""
            if not name or name.startswith("xkb:") or name == ENGINE_NAME:
                if name != ENGINE_NAME and not self._previous_engine:
                    self._previous_engine = name
                # asynchronous: the daemon asks our factory for the engine while it selects
                bus.set_global_engine_async(ENGINE_NAME, -1, None, self._selected)
            else:  # another input method (pinyin, mozc, ...) is in use: not ours to replace
                log.warning(
                    "The input method %s is selected: choose Expander in the keyboard menu "
                    "to expand triggers.",
                    name,
                )

    def _selected(self, bus: Any, result: Any) -> None:
        try:
            bus.set_global_engine_async_finish(result)
        except GLib.Error as exc:
            log.warning("could not select the IBus engine %s: %s", ENGINE_NAME, exc.message)

    def _create_engine(self, factory: Any, engine_name: str) -> _Engine:
        path = f"/org/freedesktop/IBus/Engine/Expander/{len(self._engines) + 1}"
        engine = _Engine(
            self,
            engine_name=engine_name,
            object_path=path,
            connection=self._bus.get_connection(),
            has_focus_id=True,
        )
        self._engines.append(engine)
        return engine

    def _daemon_gone(self, bus: Any) -> None:
        if self._leaving:
            return
        # an 'ibus restart', the daemon crashed or was replaced, the session ended
        log.warning(
            "ibus-daemon stopped: triggers do not expand until it runs again; Expander "
            "offers its engine again as soon as it does."
        )
        self._engines.clear()  # they lived on the old connection
        self._factory = None
        retry = GLib.timeout_source_new(int(_RECONNECT_EVERY * 1000))
        retry.set_callback(self._reconnect)
        retry.attach(self._context)

    def _reconnect(self, *_: Any) -> bool:
        """One try to serve the engine on a new daemon; True: try again later."""
        if self._leaving:
            return False
        bus = self._bus if self._bus.is_connected() else IBus.Bus()  # (libibus may reconnect)
        if not bus.is_connected():
            if bus is not self._bus:
                bus.destroy()  # one a second while the daemon is away: none kept
            return True
        try:
            self._serve(bus)
        except BackendError as exc:  # the name is taken: IBus started another Expander
            log.warning("%s; this one no longer offers the IBus engine.", exc)
            return False
        except Exception as exc:  # a daemon that is still starting: try again
            log.debug("serving the IBus engine again failed: %s", type(exc).__name__)
            return True
        log.info("ibus-daemon is back: the IBus engine %r is offered again.", ENGINE_NAME)
        return False

    def _leave(self) -> None:
        self._leaving = True
        bus, previous = self._bus, self._previous_engine
        current = bus.get_global_engine() if bus is not None and previous else None
        if current is not None and current.get_name() == ENGINE_NAME:
            # asynchronous: the daemon destroys our engine through this very loop; and
            # with the engine left selected, a component file's command would start us again
            bus.set_global_engine_async(previous, 1000, None, self._left)
        else:
            self._left(None, None)

    def _left(self, bus: Any, result: Any) -> None:
        try:
            if bus is not None:
                bus.set_global_engine_async_finish(result)
        except GLib.Error as exc:
            log.info("could not give the keyboard back to %s: %s", self._previous_engine, exc)
        finally:
            self._disconnect()
            self._loop.quit()

    def _disconnect(self) -> None:
        for engine in self._engines:
            engine.destroy()
        self._engines.clear()
        if self._factory is not None:
            self._factory.destroy()
        if self._bus is not None:
            self._bus.destroy()

    # --- on IBus's thread: the key path ---------------------------------------------

    def key_event(self, engine: _Engine, keyval: int, keycode: int, state: int) -> bool:
        """Whether the key is ours (the client then ignores it). Trivial and quick:
        the client waits for this answer before it shows the key."""
        if state & RELEASE:
            if keycode in self._swallow:
                self._swallow.discard(keycode)
                return True
            return False
        if engine.secret:
            return False
        mask = state & HOTKEY_MASK
        callback = self._hotkeys.get((IBus.keyval_to_lower(keyval), mask)) if mask else None
        if callback is None and mask:
            callback = self._hotkeys_by_code.get((keycode, mask))
        if callback is not None:
            self._swallow.add(keycode)
            threading.Thread(target=callback, name="hotkey", daemon=True).start()
            return True
        event = translate(keyval, state)
        if event is None:
            return False
        dispatcher = self._dispatcher
        if dispatcher is not None:
            dispatcher.put(event)
        if self._held is not None:  # an edit runs: the key comes after its commit
            self._held.append(_Held(keyval, keycode, state, event.char if _plain(event) else None))
            self._swallow.add(keycode)
            return True
        engine.let_pass(event)
        return False

    def focus_in(self, engine: _Engine, context: str) -> None:
        engine.serial_at_focus = engine.surrounding_serial
        if engine.client == _NO_CLIENT:
            # IBus's own stand-in while no client has the focus (a window being
            # activated passes through it): no text field, and text committed there
            # is lost (CI: the palette's reply went there, between the dialog closing
            # and the text view getting the focus back); an edit waits for a field
            with self._focus:
                self._focused = None
                self._has_focus = False
                self._focus_moved()
            self._report_reset()
            return
        with self._focus:
            self._focused = engine
            self._has_focus = True
            self._input_context = context
            self._focus_moved()
        self._report_reset()

    def focus_out(self, engine: _Engine) -> None:
        with self._focus:
            if self._focused is engine:
                self._focused = None
                self._has_focus = False
                self._focus_moved()
        self._report_reset()

    def _focus_moved(self) -> None:
        """Note a focus change; the caller holds ``self._focus``."""
        self._focus_moved_at = time.monotonic()
        self._focus.notify_all()

    def reset(self, engine: _Engine) -> None:
        """The client reset its input method (a click, text changed under it). One our
        own edit caused (GtkTextView resets on each forwarded BackSpace) is no news:
        reported, it would make the engine forget the expansion an undo needs."""
        ours = self._held is not None or self._recently_forwarded()
        if engine is self._focused and not ours:
            self._report_reset()

    def _report_reset(self) -> None:
        if self._dispatcher is not None:
            self._dispatcher.put(None)

    # --- Hotkeys ---------------------------------------------------------------------

    def add_hotkey(self, spec: str, callback: Callable[[], object]) -> str | None:
        """Call ``callback`` when ``spec`` is pressed in a text field while the
        Expander input source is selected: IBus sees no key outside text fields,
        and Wayland lets no program grab keys for the whole desktop."""
        keyval, mask = hotkey_press(spec)
        self._hotkeys[(keyval, mask)] = callback
        keycode = LATIN_KEYCODES.get(chr(keyval)) if keyval < 0x80 else None
        if keycode is not None:
            self._hotkeys_by_code[(keycode, mask)] = callback
        return None  # the engine keeps the combination: no text field gets it

    # --- ActiveWindow (the client's name, for exclusions) ----------------------------

    def focused_window(self) -> int:
        """An id of the focused window, to give the focus back after a dialog. The
        input context that has the focus is noted with it: the next edit waits until
        that context has the focus again, so a reply chosen in a dialog is never
        committed into the closing dialog (Tk talks to IBus too, through XIM)."""
        with self._focus:
            context = self._input_context if self._has_focus else None
        window = self._windows.focused_window() if self._windows is not None else 0
        if window == 0 and context:
            window = zlib.crc32(context.encode()) or 1
        if len(self._remembered) > 16:  # dialogs that never gave the focus back
            self._remembered.clear()
        self._remembered[window] = context
        return window

    def focus_window(self, window_id: int) -> None:
        if self._windows is not None:
            self._windows.focus_window(window_id)
        # on Wayland the compositor gives the focus back when our dialog closes
        with self._focus:
            self._awaited = self._remembered.pop(window_id, None)
            self._after_dialog = True

    def focused_window_info(self) -> tuple[tuple[str, ...], str]:
        """The session's window class and title where it has them (X11), else the
        client's program name as IBus gives it (``gtk3-im:mousepad`` gives
        ``("mousepad",)``) and no title; nothing for XIM clients and on GNOME Wayland,
        where gnome-shell is the one client of every application."""
        if self._windows is not None:
            return self._windows.focused_window_info()
        engine = self._focused
        client = engine.client if engine is not None else ""
        kind, _, program = client.rpartition(":")
        if not kind or program == "gnome-shell":
            # "xim", or gnome-shell standing for every Wayland application: no name
            return (), ""
        return (program,), ""

    def _wait_for_focus(self) -> None:
        """Wait until a text field has the focus: after a dialog, the one it took the
        focus from, and for _FOCUS_STEADY without a change; InjectionSkipped if none
        does within _FOCUS_TIMEOUT."""
        with self._focus:
            awaited, self._awaited = self._awaited, None
            steady = _FOCUS_STEADY if self._after_dialog else 0.0
            self._after_dialog = False
            end = time.monotonic() + _FOCUS_TIMEOUT
            while True:
                now = time.monotonic()
                if self._has_focus and (not awaited or self._input_context == awaited):
                    held_for = now - self._focus_moved_at
                    if held_for >= steady:
                        return
                    wait = steady - held_for
                else:
                    wait = end - now
                if now >= end:
                    raise InjectionSkipped("the text field did not get the keyboard focus back")
                self._focus.wait(min(wait, end - now))

    # --- TextInjector ------------------------------------------------------------------

    def can_type(self, text: str) -> bool:
        return True  # commit_text takes any character, whatever the layout

    def wait_modifiers_released(self, timeout: float) -> bool:
        return True  # committed text does not go through the keyboard: held keys change nothing

    def set_paste_keys(self, rules: tuple[tuple[str, PasteKey], ...]) -> None:
        """The user's paste keys per window class (``Settings.paste_keys``): nothing is
        pasted here, but they (and the built-in ones) say which windows are terminals."""
        self._paste_rules = rules

    def _refuse_line_breaks(self, text: str) -> None:
        """A line break committed into a terminal is Return, which runs a command in a
        shell: a reply of several lines is never sent there (as with X11)."""
        if "\n" not in text and "\r" not in text:
            return
        engine = self._focused
        terminal = engine is not None and engine.terminal
        if not terminal and self._windows is not None:
            terminal = paste_key_for(
                self._windows.focused_window_info()[0], self._paste_rules
            ).terminal
        if terminal:
            raise InjectionSkipped(
                "a reply of several lines is not inserted into a terminal, where its "
                "line breaks would run as commands"
            )

    def type_text(self, text: str, erase: int = 0) -> int:
        return self._edit(text, erase)

    def paste_text(self, text: str, erase: int = 0) -> int:
        return self._edit(text, erase)  # no clipboard: a commit is exact for any text

    def erase(self, count: int) -> None:
        self._edit("", count)

    def move_caret(self, offset: int) -> None:
        if offset:
            self._on_ibus_thread(lambda finish: self._move_now(offset, finish))

    def _edit(self, text: str, erase: int) -> int:
        self._refuse_line_breaks(text)
        dispatcher = self._dispatcher
        reacting = dispatcher is not None and dispatcher.handling() and erase > 0
        self._wait_for_focus()
        deadline = time.monotonic() + _FOCUS_FLICKER
        result = self._on_ibus_thread(
            lambda finish: self._edit_now(text, erase, reacting, finish, deadline)
        )
        return result if isinstance(result, int) else 0

    def _on_ibus_thread(self, work: Callable[[Finish], None]) -> object:
        """Run ``work(finish)`` on IBus's thread and wait until it calls ``finish``."""
        done = threading.Event()
        outcome: list[Any] = [None, None]

        def finish(result: object, error: BaseException | None = None) -> None:
            outcome[0], outcome[1] = result, error
            done.set()

        def start() -> bool:
            try:
                work(finish)
            except BaseException as exc:  # handed to the waiting thread
                self._held = None  # never keep the user's keys for an edit that failed
                finish(None, exc)
            return False

        self._call_soon(start)
        if not done.wait(_CALL_TIMEOUT):
            raise BackendError("IBus did not finish the edit in time")
        if outcome[1] is not None:
            raise outcome[1]
        return outcome[0]

    def _call_soon(self, function: Callable[[], object]) -> None:
        source = GLib.idle_source_new()
        source.set_priority(GLib.PRIORITY_HIGH)
        source.set_callback(lambda *_: function() and False)
        source.attach(self._context)

    def _call_later(self, seconds: float, function: Callable[[], object]) -> None:
        source = GLib.timeout_source_new(max(1, round(seconds * 1000)))
        source.set_callback(lambda *_: function() and False)
        source.attach(self._context)

    def _edit_now(
        self, text: str, erase: int, reacting: bool, finish: Finish, deadline: float
    ) -> None:
        engine = self._focused
        if engine is None:
            # a window being activated moves the focus out and in again (GTK did,
            # right after the palette closed): wait for it to come back
            if time.monotonic() > deadline:
                raise InjectionSkipped("no text field has the keyboard focus")
            self._call_later(
                _APPLIED_POLL, lambda: self._retry(text, erase, reacting, finish, deadline)
            )
            return
        typed_on = ""
        if reacting and self._dispatcher is not None:
            # what the user typed after the trigger already reached the client
            queued = self._dispatcher.queued()
            if not all(event is not None and _plain(event) for event in queued):
                raise InjectionSkipped("a key other than text was typed right after the trigger")
            typed_on = "".join(event.char or "" for event in queued if event is not None)
        count = erase + len(typed_on)
        edit = _Edit(engine, count, text + typed_on, len(typed_on), finish)
        self._held = []  # from here on, keys wait until the edit is done
        if (
            count
            and engine.capabilities & _SURROUNDING
            and engine.sends_surrounding()
            and not self._recently_forwarded()
        ):
            # the keys we let pass are applied by the client on its next turn, maybe
            # after our edit arrives: delete only once it shows them applied
            deadline = time.monotonic() + _APPLIED_TIMEOUT
            self._when_applied(edit, deadline)
        else:
            self._apply(edit, by_surrounding=False)

    def _retry(
        self, text: str, erase: int, reacting: bool, finish: Finish, deadline: float
    ) -> None:
        try:
            self._edit_now(text, erase, reacting, finish, deadline)
        except BaseException as exc:
            self._held = None
            finish(None, exc)

    def _when_applied(self, edit: _Edit, deadline: float) -> None:
        """Call :meth:`_apply` once the client sent its text after the last key we let
        pass (GTK sends it before each key, and when asked once it changed); by
        forwarded BackSpaces if it never does (Chromium may announce surrounding text
        and then never send it)."""
        try:
            engine = edit.engine
            if engine.shows_key_applied():
                self._apply(edit, by_surrounding=True)
            elif time.monotonic() > deadline:
                log.debug("no surrounding text after the last key: BackSpaces instead")
                self._apply(edit, by_surrounding=False)
            else:
                engine.get_surrounding_text()  # asks the client to send it
                self._call_later(_APPLIED_POLL, lambda: self._when_applied(edit, deadline))
        except BaseException as exc:
            self._held = None
            edit.finish(None, exc)

    def _apply(self, edit: _Edit, *, by_surrounding: bool) -> None:
        engine, count = edit.engine, edit.count
        if count and by_surrounding:
            engine.delete_surrounding_text(-count, count)
            count = 0
        if not count:
            self._commit_after(edit, timed=False)
            return
        # forwarded BackSpaces, and the commit only once the client has had time to
        # apply them: it queues forwarded keys but applies a commit at once
        for _ in range(count):
            self._tap(engine, IBus.KEY_BackSpace, _KEYCODE_BACKSPACE)
        # a client works through forwarded keys one by one: under load Chromium took
        # longer than SETTLE for 31 of them (an undo) and the commit landed among them
        wait = (
            self._settle
            + _SETTLE_PER_KEY * min(count, _FEW_KEYS)
            + _SETTLE_PER_MORE_KEY * max(0, count - _FEW_KEYS)
        )
        self._call_later(wait, lambda: self._commit_after(edit, timed=True))

    def _commit_after(self, edit: _Edit, *, timed: bool) -> None:
        try:
            _commit(edit.engine, edit.insert)
        except BaseException as exc:
            self._held = None
            edit.finish(None, exc)
            return
        if timed:
            # a client without surrounding text may still hold our commits while it
            # passes on a key typed right now (ibus-x11 does): keys wait until none
            # came for SETTLE, and those that came are committed after ours
            until = time.monotonic() + _HOLD_LIMIT
            self._call_later(self._settle, lambda: self._end_timed_edit(edit, until))
        else:
            self._end_edit(edit)

    def _end_timed_edit(self, edit: _Edit, until: float) -> None:
        if self._held and time.monotonic() < until:
            try:
                self._replay_held(edit.engine)
            except BaseException as exc:
                self._held = None
                edit.finish(None, exc)
                return
            self._held = []
            self._call_later(self._settle, lambda: self._end_timed_edit(edit, until))
        else:
            self._end_edit(edit)

    def _end_edit(self, edit: _Edit) -> None:
        try:
            self._replay_held(edit.engine)
        finally:
            self._held = None
            edit.finish(edit.moved, None)

    def _replay_held(self, engine: _Engine) -> None:
        held = self._held or []
        plain = "".join(key.char or "" for key in held)
        if all(key.char is not None for key in held):
            _commit(engine, plain)
            return
        # a non-text key among them: all go back as keys, in the order typed
        for key in held:
            engine.forward_key_event(key.keyval, key.keycode, key.state)
            engine.forward_key_event(key.keyval, key.keycode, key.state | RELEASE)
        self._forwarded_at = time.monotonic()

    def _move_now(self, offset: int, finish: Finish) -> None:
        engine = self._focused
        if engine is None:
            raise InjectionSkipped("no text field has the keyboard focus")
        left = offset < 0
        keyval = IBus.KEY_Left if left else IBus.KEY_Right
        keycode = _KEYCODE_LEFT if left else _KEYCODE_RIGHT
        for _ in range(abs(offset)):
            self._tap(engine, keyval, keycode)
        finish(None, None)

    def _tap(self, engine: _Engine, keyval: int, keycode: int) -> None:
        engine.forward_key_event(keyval, keycode, 0)
        engine.forward_key_event(keyval, keycode, RELEASE)
        self._forwarded_at = time.monotonic()

    def _recently_forwarded(self) -> bool:
        """Whether keys we forwarded may still be on their way: an edit by
        surrounding text would overtake them."""
        return time.monotonic() - self._forwarded_at < self._settle


def _commit(engine: _Engine, text: str) -> None:
    """Commit ``text``; to an XIM client (xterm) in pieces: ibus-x11 garbles a commit
    of about 510 bytes or more (memory bytes instead of text; 500 were exact)."""
    if not engine.client.startswith("xim"):
        if text:
            engine.commit_text(IBus.Text.new_from_string(text))
        return
    piece = ""
    for ch in text:
        if len((piece + ch).encode("utf-8")) > _XIM_COMMIT_BYTES:
            engine.commit_text(IBus.Text.new_from_string(piece))
            piece = ""
        piece += ch
    if piece:
        engine.commit_text(IBus.Text.new_from_string(piece))


def _plain(event: KeyEvent) -> bool:
    """A key that only typed its character (no shortcut, no special key)."""
    return event.char is not None and event.key is None and not event.modifiers_held


def _component() -> Any:
    component = IBus.Component(
        name=COMPONENT_NAME,
        description=ENGINE_DESCRIPTION,
        version="1",
        license="MIT",
        author="Expander",
        homepage="",
        command_line="",
        textdomain="",
    )
    component.add_engine(
        IBus.EngineDesc(
            name=ENGINE_NAME,
            longname=ENGINE_LONGNAME,
            description=ENGINE_DESCRIPTION,
            language=ENGINE_LANGUAGE,
            license="MIT",
            author="Expander",
            icon="",
            layout=ENGINE_LAYOUT,
            symbol=ENGINE_SYMBOL,
        )
    )
    return component
