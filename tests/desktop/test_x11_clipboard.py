"""The X11 clipboard's paste cycle against a window that asks for the pasted text
more than once, as Chromium does for a contenteditable (three reads, the last up
to tens of milliseconds after the first, later under load): every read gets the
reply, and the user's clipboard comes back once the reads stop.

The window is a python-xlib client of its own on the test's Xvfb; the user's
clipboard is owned by xclip, as another program's would be.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from Xlib import X, display

from expander.desktop.backends.x11_clipboard import X11Clipboard
from tests.desktop import harness

pytestmark = pytest.mark.desktop

USER_TEXT = "the user's own clipboard: Zażółć"
REPLY = "Dear Anna, your parcel is on its way. Здравствуйте!"


class SlowReader:
    """A window that reads the CLIPBOARD as UTF8_STRING ``times`` times, ``gap``
    seconds apart, on a connection of its own (one requestor window throughout)."""

    def __init__(self) -> None:
        self.display = display.Display()
        self.window = self.display.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
        self.clipboard = self.display.intern_atom("CLIPBOARD")
        self.utf8 = self.display.intern_atom("UTF8_STRING")
        self.property = self.display.intern_atom("SLOW_READER")
        self.reads: list[str | None] = []

    def read_once(self, timeout: float = 5, target: str = "UTF8_STRING") -> str | None:
        atom = self.display.intern_atom(target)
        self.window.convert_selection(self.clipboard, atom, self.property, X.CurrentTime)
        self.display.flush()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while self.display.pending_events():
                event = self.display.next_event()
                if event.type == X.SelectionNotify:
                    if event.property == X.NONE:
                        return None
                    data = self.window.get_full_property(self.property, X.AnyPropertyType)
                    return None if data is None else bytes(data.value).decode("utf-8")
            time.sleep(0.005)
        return None

    def read(self, times: int, gap: float) -> None:
        for number in range(times):
            if number:
                time.sleep(gap)  # the application is slow to ask again (not a wait for us)
            self.reads.append(self.read_once())

    def close(self) -> None:
        self.display.close()


@pytest.fixture
def clipboard(xdisplay: str) -> Iterator[X11Clipboard]:
    owned = X11Clipboard()
    try:
        yield owned
    finally:
        owned.close()
        harness.stop_clipboard_owners()


@pytest.fixture
def reader(xdisplay: str) -> Iterator[SlowReader]:
    slow = SlowReader()
    try:
        yield slow
    finally:
        slow.close()


def test_a_window_reading_the_paste_three_times_gets_the_reply_each_time(
    clipboard: X11Clipboard, reader: SlowReader
) -> None:
    harness.set_clipboard(USER_TEXT)
    reading = threading.Thread(target=reader.read, args=(3, 0.12))
    # the gaps are longer than the 50 ms the user's clipboard used to come back after
    assert clipboard.paste_cycle(REPLY, reading.start)
    reading.join(10)
    assert reader.reads == [REPLY, REPLY, REPLY]
    assert harness.wait_until(lambda: harness.get_clipboard() == USER_TEXT, 5)


def test_a_pasted_reply_asks_clipboard_managers_not_to_keep_it_and_a_copy_does_not(
    clipboard: X11Clipboard, reader: SlowReader
) -> None:
    # Klipper and CopyQ leave a clipboard with this hint out of their history
    harness.set_clipboard(USER_TEXT)
    hints: list[str | None] = []
    reading = threading.Thread(
        target=lambda: hints.append(reader.read_once(target="x-kde-passwordManagerHint"))
    )
    assert clipboard.paste_cycle(REPLY, reading.start)
    reading.join(10)
    assert hints == ["secret"]
    assert harness.wait_until(lambda: harness.get_clipboard() == USER_TEXT, 5)
    clipboard.set_text(REPLY)  # the agent's own copy: an ordinary one
    assert reader.read_once() == REPLY
    assert reader.read_once(target="x-kde-passwordManagerHint") is None


def test_the_users_clipboard_comes_back_while_the_window_still_asks_now_and_then(
    clipboard: X11Clipboard, reader: SlowReader
) -> None:
    harness.set_clipboard(USER_TEXT)
    reading = threading.Thread(target=reader.read, args=(40, 0.1))
    assert clipboard.paste_cycle(REPLY, reading.start)
    reading.join(30)
    # a window that never stops asking holds the reply on the clipboard for at most
    # a couple of seconds, not for as long as it asks (4 s here)
    assert reader.reads[0] == REPLY and reader.reads[-1] == USER_TEXT


def test_a_copy_made_just_as_the_users_clipboard_comes_back_stays_on_the_clipboard(
    clipboard: X11Clipboard, reader: SlowReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.set_clipboard(USER_TEXT)
    assert clipboard.paste_cycle(REPLY, lambda: reader.read(1, 0))
    assert harness.wait_until(lambda: harness.get_clipboard() == USER_TEXT, 5)
    harness.set_clipboard("copied after the paste")
    # the race a CI run lost: the restore saw the clipboard still ours, then the
    # other program took it, then the restore's request arrived
    monkeypatch.setattr(clipboard, "_we_own", lambda: True)
    user = clipboard._text_snapshot(USER_TEXT)
    clipboard._call(lambda: clipboard._give_back(user))
    assert harness.get_clipboard() == "copied after the paste"
