"""The X11 CLIPBOARD, owned and read directly with python-xlib.

Why not pyperclip here: ``pyperclip.copy()`` returns before the ``xclip``
process it starts owns the clipboard, so a Ctrl+V sent right after pastes the
*previous* content, and restoring the user's clipboard too early has the mirror
race (see ../shared/X11-NOTES.md). Owning the selection ourselves removes both
races: we know the moment we own it, and we see the application's requests for
the pasted text, so we restore the user's clipboard only once the window pasted
into has stopped asking (Chromium asks three times per paste).

Everything X happens on one thread with its own connection; other threads send
it commands through a queue and wait for the answer.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import select
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

# Before any Display is opened: python-xlib's locks are no-ops unless this module was
# imported first, and several of our threads share each connection (an unlocked
# connection mixes up replies and hangs the app for good).
import Xlib.threaded  # noqa: F401  (imported for its side effect)
from Xlib import X, Xatom, display, error
from Xlib.protocol import event as xevent
from Xlib.protocol import request

from expander.errors import BackendError

__all__ = ["ClipboardSnapshot", "X11Clipboard"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Targets that describe the selection rather than hold its content.
_META_TARGETS = {"TARGETS", "MULTIPLE", "TIMESTAMP", "SAVE_TARGETS", "DELETE", "INCR"}
_TEXT_TARGETS = ("UTF8_STRING", "text/plain;charset=utf-8", "TEXT", "STRING", "text/plain")
_MAX_TARGETS = 12
_SECRET_HINT = "x-kde-passwordManagerHint"
_MAX_SNAPSHOT_BYTES = 32 * 1024 * 1024
_LONGEST_RESTORE_WAIT = 2.0
"""Seconds after a paste by which the user's clipboard is back, however long the
application goes on asking for the pasted text."""


@dataclass(frozen=True, slots=True)
class _Data:
    type: int
    format: int
    value: bytes | list[int]


@dataclass(frozen=True, slots=True)
class ClipboardSnapshot:
    """What the clipboard held: every target's data, or nothing (no owner)."""

    targets: dict[int, _Data] = field(default_factory=dict)
    complete: bool = True  # False when a target could not be copied (too large, timeout)

    @property
    def empty(self) -> bool:
        return not self.targets


class X11Clipboard:
    """Reads, owns and restores the CLIPBOARD selection.

    ``paste_cycle(text, send_paste)`` is the whole careful dance for a paste
    expansion; ``read_text()`` serves ``{clipboard}``.
    """

    def __init__(
        self,
        display_name: str | None = None,
        *,
        request_timeout: float = 0.5,
        restore_grace: float = 0.25,
    ) -> None:
        try:
            self._display = display.Display(display_name)
        except (error.DisplayError, OSError) as exc:
            raise BackendError(f"cannot open the X display for the clipboard: {exc}") from exc
        self._timeout = request_timeout
        self._grace = restore_grace
        d = self._display
        self._window = d.screen().root.create_window(
            0, 0, 1, 1, 0, X.CopyFromParent, event_mask=X.PropertyChangeMask
        )
        self._atoms: dict[str, int] = {}
        self._atom_names: dict[int, str] = {}
        self.CLIPBOARD = self._atom("CLIPBOARD")
        self.TARGETS = self._atom("TARGETS")
        self.INCR = self._atom("INCR")
        self.UTF8 = self._atom("UTF8_STRING")
        self._property = self._atom("_EXPANDER_SELECTION")
        self._stamp = self._atom("_EXPANDER_TIMESTAMP")
        self._max_bytes = max(4096, d.display.info.max_request_length * 4 - 1024)

        self.PRIMARY = Xatom.PRIMARY
        self._sel = self.CLIPBOARD  # the selection the paste cycle works on now
        self._serving: dict[int, ClipboardSnapshot] = {}  # what we serve, per selection owned
        self._owned_at: dict[int, int] = {}  # the server time we took each selection at
        self._served = 0  # data requests served since we took ownership
        self._paster = 0  # the window that asked first for the pasted text
        self._pending_restore: ClipboardSnapshot | None = None
        self._restore_at = 0.0
        self._restore_latest = 0.0
        self._events: list[Any] = []
        self._serving_lock = threading.Lock()
        self._loop_serving = True  # False once the thread no longer takes commands
        self._commands: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = (
            queue.SimpleQueue()
        )
        self._wake_r, self._wake_w = os.pipe()
        self._running = True
        self._thread = threading.Thread(target=self._loop, name="x11-clipboard", daemon=True)
        self._thread.start()

    # --- public API (any thread) -----------------------------------------------

    def read_text(self) -> str | None:
        """The clipboard's text now, or None when it holds no text."""
        return self._call(self._read_text)

    def read_primary(self) -> str | None:
        """The PRIMARY selection's text (what is selected now, in any window), or None."""
        return self._call(self._read_primary)

    def set_text(self, text: str) -> None:
        """Own the clipboard with ``text`` (kept until someone else copies)."""
        self._call(lambda: self._own(self._text_snapshot(text), self.CLIPBOARD))

    def paste_cycle(
        self, text: str, send_paste: Callable[[], None], selection: str = "clipboard"
    ) -> bool:
        """Put ``text`` on the ``selection`` (``"clipboard"`` or ``"primary"``, which
        xterm's Shift+Insert pastes), call ``send_paste`` (which presses the paste
        key), wait until the application has fetched the text, then give the
        user's content of that selection back. True if the application fetched
        the text in time.
        """
        atom = self.PRIMARY if selection == "primary" else self.CLIPBOARD
        started = self._call(lambda: self._begin_paste(text, atom))
        try:
            send_paste()
        except BaseException:
            # no paste key went out (the injector gave up): the user's content goes
            # back at once
            self._call(lambda: self._give_back(started))
            raise
        return self._call(lambda: self._finish_paste(started))

    def change_pasted_text(self, text: str) -> None:
        """Serve ``text`` instead in the paste cycle under way, before its paste key
        is sent. Makes no X request, so it is safe while the keyboard's connection
        holds a server grab."""
        self._call(
            lambda: self._serving.__setitem__(self._sel, self._text_snapshot(text, pasted=True))
        )

    def close(self) -> None:
        """Stop; if we hold the user's clipboard, hand it to xclip so it survives us."""
        if not self._running:
            return
        with contextlib.suppress(Exception):
            self._call(self._hand_over)
        self._running = False
        os.write(self._wake_w, b"x")
        self._thread.join(timeout=2)
        with contextlib.suppress(Exception):
            self._display.close()
        os.close(self._wake_r)
        os.close(self._wake_w)

    # --- the thread ----------------------------------------------------------------

    def _call(self, fn: Callable[[], T]) -> T:
        if threading.current_thread() is self._thread:
            return fn()
        future: Future[T] = Future()
        with self._serving_lock:
            if not self._loop_serving:  # the X display went away under it
                raise BackendError("the clipboard's X connection is closed")
            self._commands.put((fn, future))
        os.write(self._wake_w, b"x")
        return future.result(timeout=10)

    def _loop(self) -> None:
        try:
            self._run_loop()
        finally:  # ended by close() or by a lost display: no caller waits in vain
            with self._serving_lock:
                self._loop_serving = False
            while True:
                try:
                    _, future = self._commands.get_nowait()
                except queue.Empty:
                    break
                future.set_exception(BackendError("the clipboard's X connection is closed"))

    def _run_loop(self) -> None:
        fd = self._display.fileno()
        while self._running:
            self._pump()
            while True:
                try:
                    fn, future = self._commands.get_nowait()
                except queue.Empty:
                    break
                try:
                    future.set_result(fn())
                except BaseException as exc:  # report to the caller, keep serving
                    future.set_exception(exc)
            if self._display.pending_events():
                continue  # a command's round trip read them off the socket: select would miss them
            timeout = None
            if self._pending_restore is not None:
                timeout = max(0.0, self._restore_at - time.monotonic())
                if timeout == 0.0:
                    self._do_restore()
                    continue
            readable, _, _ = select.select([fd, self._wake_r], [], [], timeout)
            if self._wake_r in readable:
                os.read(self._wake_r, 4096)

    def _pump(self) -> None:
        """Handle every queued X event: serve requests, note ownership changes."""
        d = self._display
        while d.pending_events():
            ev = d.next_event()
            if ev.type == X.SelectionRequest:
                self._serve(ev)
            elif ev.type == X.SelectionClear:
                self._serving.pop(ev.atom, None)
                if ev.atom == self._sel and self._pending_restore is not None:
                    # the user copied something new after a paste: that is their
                    # clipboard now, also for the next paste's snapshot
                    self._pending_restore = None
                    log.info("The clipboard was not restored: something new was copied meanwhile.")
            else:
                self._events.append(ev)

    def _wait(self, done: Callable[[], bool], timeout: float) -> bool:
        """Serve requests until ``done()`` or the timeout; returns ``done()``."""
        deadline = time.monotonic() + timeout
        fd = self._display.fileno()
        while True:
            self._display.flush()
            self._pump()
            if done():
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            select.select([fd], [], [], remaining)

    def _wait_event(self, match: Callable[[Any], bool], timeout: float) -> Any | None:
        """Wait for an event that ``match``es (serving requests meanwhile)."""
        found: list[Any] = []

        def done() -> bool:
            for ev in self._events:
                if match(ev):
                    found.append(ev)
                    break
            self._events.clear()
            return bool(found)

        self._wait(done, timeout)
        return found[0] if found else None

    def _atom(self, name: str) -> int:
        atom = self._atoms.get(name)
        if atom is None:
            atom = self._atoms[name] = self._display.intern_atom(name)
        return atom

    def _name(self, atom: int) -> str:
        name = self._atom_names.get(atom)
        if name is None:
            try:
                name = str(self._display.get_atom_name(atom))
            except error.XError:
                return ""
            self._atom_names[atom] = name
        return name

    # --- owning and serving ------------------------------------------------------------

    def _text_snapshot(self, text: str, *, pasted: bool = False) -> ClipboardSnapshot:
        """``text`` in every text target; ``pasted``: a reply on its way into a window,
        with the hint password managers give (``x-kde-passwordManagerHint``:
        ``secret``), for which Klipper and CopyQ keep it out of their history: the
        reply holds a customer's name and order, and is on the clipboard only for the
        paste. What the agent copies (:meth:`set_text`) goes to the history as usual."""
        utf8 = text.encode("utf-8")
        targets = {
            self._atom(name): _Data(self.UTF8, 8, utf8)
            for name in ("UTF8_STRING", "text/plain;charset=utf-8", "TEXT", "text/plain")
        }
        targets[Xatom.STRING] = _Data(Xatom.STRING, 8, text.encode("latin-1", "replace"))
        if pasted:
            hint = self._atom(_SECRET_HINT)
            targets[hint] = _Data(hint, 8, b"secret")
        return ClipboardSnapshot(targets)

    def _select(self, selection: int) -> None:
        """Make ``selection`` the one the paste cycle works on, first giving the
        other one its pending restore."""
        if selection != self._sel:
            if self._pending_restore is not None:
                self._do_restore()
            self._sel = selection

    def _server_time(self) -> int:
        """The server's time now, from the PropertyNotify of an empty append to our
        own window's property (the ICCCM's way to get a timestamp without an event)."""
        self._window.change_property(self._stamp, Xatom.STRING, 8, b"", mode=X.PropModeAppend)
        ev = self._wait_event(
            lambda e: e.type == X.PropertyNotify and e.atom == self._stamp, self._timeout
        )
        return int(ev.time) if ev is not None else X.CurrentTime

    def _own(
        self, snapshot: ClipboardSnapshot, selection: int | None = None, at: int | None = None
    ) -> None:
        """Own the selection with ``snapshot``, as of the server time ``at`` (now if
        None). The server ignores an owner set as of a time before the last change
        of owner, so a restore made as of the paste's time cannot take back what
        the user copied after the paste, however the requests cross."""
        if selection is not None:
            self._select(selection)
        self._serving[self._sel] = snapshot
        self._served = 0
        stamp = self._server_time() if at is None else at
        self._window.set_selection_owner(self._sel, stamp)
        owner = self._display.get_selection_owner(self._sel)
        if owner != self._window:
            self._serving.pop(self._sel, None)
            raise BackendError("could not take ownership of the clipboard")
        self._owned_at[self._sel] = stamp

    def _serve(self, ev: Any) -> None:
        prop = ev.property or ev.target
        content = self._serving.get(ev.selection)
        ok = False
        try:
            if content is not None and ev.target == self.TARGETS:
                atoms = [self.TARGETS, *content.targets]
                ev.requestor.change_property(prop, Xatom.ATOM, 32, atoms)
                ok = True
            elif content is not None and ev.target in content.targets:
                data = content.targets[ev.target]
                size = len(data.value) * (data.format // 8)
                if size <= self._max_bytes:
                    ev.requestor.change_property(prop, data.type, data.format, data.value)
                    ok = True
                    if not self._served:
                        self._paster = ev.requestor.id
                    self._served += 1
                else:
                    log.warning("clipboard content too large to serve directly (%d bytes)", size)
        except error.XError:
            ok = False
        reply = xevent.SelectionNotify(
            time=ev.time,
            requestor=ev.requestor,
            selection=ev.selection,
            target=ev.target,
            property=prop if ok else X.NONE,
        )
        with contextlib.suppress(error.XError):
            ev.requestor.send_event(reply, event_mask=0)
        self._display.flush()
        if (
            self._pending_restore is not None
            and ev.selection == self._sel
            and ev.requestor.id == self._paster
        ):
            # the window pasted into is still asking: give the user's content back
            # once it stops (not another program's: a clipboard manager polling)
            self._restore_at = min(
                self._restore_latest, max(self._restore_at, time.monotonic() + self._grace)
            )

    # --- reading ----------------------------------------------------------------

    def _owner(self) -> int:
        owner = self._display.get_selection_owner(self._sel)
        return int(owner.id) if hasattr(owner, "id") else int(owner)

    def _we_own(self) -> bool:
        return self._sel in self._serving and self._owner() == self._window.id

    def _fetch(self, target: int, selection: int | None = None) -> _Data | None:
        """Ask the owner of ``selection`` (the one the paste cycle works on unless
        said) for one target; handles INCR transfers."""
        self._window.delete_property(self._property)
        which = self._sel if selection is None else selection
        self._window.convert_selection(which, target, self._property, X.CurrentTime)
        ev = self._wait_event(
            lambda e: e.type == X.SelectionNotify and e.target == target, self._timeout
        )
        if ev is None or ev.property == X.NONE:
            return None
        prop = self._take_property()
        if prop is None:
            return None
        if prop.property_type == self.INCR:
            return self._fetch_incr()
        return _Data(prop.property_type, prop.format, _raw(prop))

    def _take_property(self) -> Any:
        """Read our transfer property and delete it (which also asks for the next
        chunk of an INCR transfer)."""
        prop = self._window.get_full_property(self._property, X.AnyPropertyType)
        self._window.delete_property(self._property)
        self._display.flush()
        return prop

    def _fetch_incr(self) -> _Data | None:
        chunks: list[bytes] = []
        kind, fmt = 0, 8
        while True:
            ev = self._wait_event(
                lambda e: (
                    e.type == X.PropertyNotify
                    and e.atom == self._property
                    and e.state == X.PropertyNewValue
                ),
                self._timeout * 4,
            )
            prop = self._take_property() if ev is not None else None
            if prop is None:
                return None
            chunk = _raw(prop)
            if not chunk:
                return _Data(kind, fmt, b"".join(c for c in chunks))
            kind, fmt = prop.property_type, prop.format
            chunks.append(chunk if isinstance(chunk, bytes) else bytes(chunk))
            if sum(map(len, chunks)) > _MAX_SNAPSHOT_BYTES:
                return None

    def _snapshot(self) -> ClipboardSnapshot:
        """Copy everything the clipboard offers, to give it back after a paste."""
        if self._pending_restore is not None:
            return self._pending_restore  # the user's content, not our last reply
        if self._we_own():
            return self._serving[self._sel]
        if self._owner() == X.NONE:
            return ClipboardSnapshot()
        targets_data = self._fetch(self.TARGETS)
        if targets_data is None or not isinstance(targets_data.value, list):
            text = self._fetch(self.UTF8)
            return ClipboardSnapshot({self.UTF8: text} if text else {}, complete=False)
        wanted = [
            atom
            for atom in dict.fromkeys(targets_data.value)
            if atom and self._name(atom) not in _META_TARGETS
        ]
        snapshot: dict[int, _Data] = {}
        complete = len(wanted) <= _MAX_TARGETS
        total = 0
        for atom, data in self._fetch_many(wanted[:_MAX_TARGETS]).items():
            if data is None:
                complete = False
                continue
            total += len(data.value)
            if total > _MAX_SNAPSHOT_BYTES:
                complete = False
                break
            snapshot[atom] = data
        return ClipboardSnapshot(snapshot, complete)

    def _fetch_many(self, targets: list[int]) -> dict[int, _Data | None]:
        """Ask for all targets at once (one property each) and collect the answers:
        one wait for the owner instead of one per target, which is most of a paste's
        latency when the owner is the application we paste into."""
        props = {target: self._atom(f"_EXPANDER_SELECTION_{i}") for i, target in enumerate(targets)}
        for target, prop in props.items():
            self._window.delete_property(prop)
            self._window.convert_selection(self._sel, target, prop, X.CurrentTime)
        notified: dict[int, int] = {}

        def all_answered() -> bool:
            for ev in self._events:
                if ev.type == X.SelectionNotify and ev.target in props:
                    notified[ev.target] = ev.property
            self._events.clear()
            return len(notified) == len(props)

        self._wait(all_answered, self._timeout)
        results: dict[int, _Data | None] = {}
        for target, prop in props.items():
            if notified.get(target, X.NONE) == X.NONE:
                results[target] = None
                continue
            value = self._window.get_full_property(prop, X.AnyPropertyType)
            self._window.delete_property(prop)
            if value is not None and value.property_type == self.INCR:
                self._display.flush()
                results[target] = self._fetch(target)  # large: the step-by-step protocol
            else:
                results[target] = (
                    _Data(value.property_type, value.format, _raw(value)) if value else None
                )
        self._display.flush()
        return results

    def _read_text(self) -> str | None:
        self._select(self.CLIPBOARD)
        if self._pending_restore is not None:
            return _text_of(self._pending_restore, self._atoms)
        if self._we_own():
            return _text_of(self._serving[self._sel], self._atoms)
        if self._owner() == X.NONE:
            return None
        return self._fetch_text(self.CLIPBOARD)

    def _read_primary(self) -> str | None:
        return self._fetch_text(Xatom.PRIMARY)  # no owner: the server answers "none" at once

    def _fetch_text(self, selection: int) -> str | None:
        for name in ("UTF8_STRING", "STRING"):
            data = self._fetch(self._atom(name), selection)
            if data is not None and isinstance(data.value, bytes):
                return data.value.decode("utf-8" if name == "UTF8_STRING" else "latin-1", "replace")
        return None

    # --- the paste cycle -------------------------------------------------------------

    def _begin_paste(self, text: str, selection: int) -> ClipboardSnapshot:
        self._select(selection)
        user = self._snapshot()
        log.debug(
            "clipboard kept for restore: %d targets%s",
            len(user.targets),
            "" if user.complete else " (incomplete)",
        )
        self._pending_restore = None
        self._own(self._text_snapshot(text, pasted=True))
        self._display.flush()
        return user

    def _give_back(self, user: ClipboardSnapshot) -> None:
        self._pending_restore = user
        self._do_restore()

    def _finish_paste(self, user: ClipboardSnapshot) -> bool:
        served = self._wait(lambda: self._served > 0, self._timeout)
        if served:
            # the server has sent our answer before the caller goes on (the
            # keyboard thaws the user's keys on a connection of its own)
            self._display.sync()
        else:
            log.warning("the application did not fetch the pasted text in time")
        # Restore once the application has stopped asking: Chromium reads a paste
        # into a contenteditable three times, the last one 6-47 ms after the first
        # (300 fast pastes under load); a restore 50 ms after the first read gave
        # 3 of them the user's (empty) clipboard, and the reply was lost. Each
        # request pushes the restore ``restore_grace`` on (see _serve).
        self._pending_restore = user
        now = time.monotonic()
        self._restore_at = now + (self._grace if served else 0.0)
        self._restore_latest = now + _LONGEST_RESTORE_WAIT
        return served

    def _do_restore(self) -> None:
        user, self._pending_restore = self._pending_restore, None
        if user is None:
            return
        copied = "The clipboard was not restored: something new was copied meanwhile."
        if not self._we_own():
            # the user copied something new meanwhile: that is their clipboard now
            log.info(copied)
            return
        # as of the paste's time: a copy made since (its owner set between our check
        # and our request) stays the owner
        paste_time = self._owned_at.get(self._sel, X.CurrentTime)
        if user.empty:
            self._serving.pop(self._sel, None)
            request.SetSelectionOwner(
                display=self._display.display,
                window=X.NONE,
                selection=self._sel,
                time=paste_time,
            )
            self._display.flush()
            return
        try:
            self._own(user, at=paste_time)
        except BackendError:
            log.info(copied)

    def _hand_over(self) -> None:
        if self._pending_restore is not None:
            self._do_restore()
        self._select(self.CLIPBOARD)
        if not self._we_own():
            return
        text = _text_of(self._serving[self._sel], self._atoms)
        tool = shutil.which("xclip")
        if text is None or tool is None:
            return
        subprocess.Popen(
            [tool, "-selection", "clipboard", "-i"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        ).communicate(text.encode("utf-8"), timeout=5)


def _raw(prop: Any) -> bytes | list[int]:
    value = prop.value
    if prop.format == 8:
        return bytes(value) if not isinstance(value, bytes) else value
    return list(value)


def _text_of(snapshot: ClipboardSnapshot, atoms: dict[str, int]) -> str | None:
    for name in _TEXT_TARGETS:
        atom = atoms.get(name)
        data = snapshot.targets.get(atom) if atom is not None else None
        if data is not None and isinstance(data.value, bytes):
            encoding = "latin-1" if name == "STRING" else "utf-8"
            return data.value.decode(encoding, "replace")
    return None
