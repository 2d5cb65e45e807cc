"""A real desktop for end-to-end tests: Xvfb, a Tk text box, Chromium, xdotool, xclip.

Nothing here is faked: the X server is real, the windows are real programs,
keys go through XTEST like a keyboard's, and what a window holds is read back
from the window itself (Tk over a local socket, Chromium over DevTools).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

from tests.waiting import wait_until

HERE = Path(__file__).resolve().parent
REQUIRED_PROGRAMS = ("Xvfb", "xdotool", "xclip", "setxkbmap")


def require_programs(*names: str) -> None:
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        raise RuntimeError(
            f"the desktop tests need {', '.join(missing)}: run 'make test' (it installs "
            "xvfb xdotool xclip x11-xserver-utils chromium as root) or install them"
        )


def window_named(title: str) -> str | None:
    """The one visible window with exactly this title, or None."""
    out = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
        capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    found = out.stdout.split()
    return found[0] if len(found) == 1 else None


def focused_window() -> str:
    out = subprocess.run(["xdotool", "getwindowfocus"], capture_output=True, text=True,
                         timeout=10)  # fmt: skip
    return out.stdout.strip()


def kill_group(proc: subprocess.Popen[Any], timeout: float = 5) -> None:
    """Stop ``proc`` and every process left in its group, even when it has exited
    itself (a browser's or a mail client's helpers outlive it)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGTERM)
    if proc.poll() is not None:
        return
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout)


# --- the replies the end-to-end tests expand ------------------------------------------

SHORT = "Hello there, thanks for writing!"
LONG = (
    "Thank you for your message. We are sorry that your parcel is late: the courier had a "
    "backlog after the holidays, and we have asked them to deliver it first thing. "
) * 5
LONG = LONG[:600]
assert len(LONG) == 600
MIXED = "Dzień dobry, zażółć gęślą jaźń!\nЗдравствуйте, съешь ещё булок. Thanks 🎉🙂 ☕"
FAST_MS = 15  # a key every 15 ms: faster than any person types (800 characters a minute)
RUNS = 10  # fast-typing runs per case


def client_snippets(signature: str) -> list[dict[str, str]]:
    """The snippets a typing target's tests expand: short, 600 characters, Polish and
    Russian with emoji, a {cursor} mark, and ``signature`` (several lines)."""
    return [
        {"id": "hi", "trigger": ";hi", "title": "Short", "body": SHORT},
        {"id": "long", "trigger": ";long", "title": "Long", "body": LONG},
        {"id": "mix", "trigger": ";mix", "title": "Polish, Russian, emoji", "body": MIXED},
        {"id": "cur", "trigger": ";cur", "title": "Cursor", "body": "Dear {cursor},\nthanks"},
        {"id": "sig", "trigger": ";sig", "title": "Signature", "body": signature},
    ]


# --- the X server --------------------------------------------------------------------


class Xvfb:
    """A private X server with RECORD (what pynput listens with) and XTEST."""

    def __init__(self) -> None:
        require_programs(*REQUIRED_PROGRAMS)
        for number in range(70, 130):
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            proc = subprocess.Popen(
                # -noreset: when its last client leaves, Xvfb would otherwise reset
                # and refuse the next test's connection while it does
                ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "+extension", "RECORD",
                 "-nolisten", "tcp", "-noreset"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
            socket_path = Path(f"/tmp/.X11-unix/X{number}")
            started = wait_until(
                lambda p=proc, s=socket_path: s.exists() or p.poll() is not None,  # type: ignore[misc]
                10,
            )
            if started:
                if proc.poll() is None and self._accepts(f":{number}"):
                    self.proc = proc
                    self.display = f":{number}"
                    return
            kill_group(proc)
        raise RuntimeError("could not start Xvfb on any display from :70 to :129")

    @staticmethod
    def _accepts(display: str) -> bool:
        env = {**os.environ, "DISPLAY": display}
        return wait_until(
            lambda: subprocess.run(["xdotool", "getmouselocation"], env=env,
                                   capture_output=True).returncode == 0,
            10, 0.05,
        )  # fmt: skip

    def stop(self) -> None:
        kill_group(self.proc)


def set_layout(layout: str) -> None:
    """Switch the keyboard layout (every client gets a MappingNotify)."""
    subprocess.run(["setxkbmap", layout], check=True, timeout=10)


@contextlib.contextmanager
def private_display() -> Iterator[str]:
    """A private X server with DISPLAY pointing at it until the block ends."""
    server = Xvfb()
    saved = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = server.display
    reset_keymap()
    # The first XTEST key on a new server sends every client a MappingNotify (the
    # core keyboard takes the XTEST device's map): an app's hotkey thread then
    # releases and retakes its grabs, and a hotkey pressed meanwhile reached the
    # focused window instead. Press one now, before any app starts.
    subprocess.run(["xdotool", "key", "shift"], check=True, timeout=10)
    try:
        yield server.display
    finally:
        stop_clipboard_owners()
        server.stop()
        if saved is None:
            os.environ.pop("DISPLAY", None)
        else:
            os.environ["DISPLAY"] = saved


def reset_keymap() -> None:
    """Back to a plain US layout: undoes keycodes other programs borrowed."""
    subprocess.run(["setxkbmap", "us"], check=True, timeout=10)


# --- keys and clipboard ------------------------------------------------------------------


def type_text(text: str, delay_ms: int = 12, *, keys_apart: bool = False) -> None:
    """Type like a person, through XTEST (xdotool type).

    ``keys_apart``: one xdotool per character. Each ends with a round trip to the X
    server (XCloseDisplay syncs), so no two keys reach it in one batch. An XTEST key
    takes its timestamp when the server reads it, and a server that stalls under
    load reads several queued keys in the same millisecond, which a keyboard's keys
    (stamped by the kernel) never share. Firefox under IBus drops such a key when
    one with the same time and keyval is still on its way back from the input
    method: 'Anna' came out 'Ana' (CI; here with the X server stopped for 0.2 s
    mid-word, 1 of 10 words, 0 of 10 with keys apart; typed with no delay, 5 of 8
    words lost a letter with IBus's own keyboard engine, none without IBus)."""
    pieces = list(text) if keys_apart else [text]
    for piece in pieces:
        subprocess.run(["xdotool", "type", "--delay", str(delay_ms), "--", piece], check=True,
                       timeout=60)  # fmt: skip


def key(*names: str) -> None:
    """Press keys such as "BackSpace", "ctrl+v", "Return"."""
    subprocess.run(["xdotool", "key", "--delay", "12", *names], check=True, timeout=30)


def mouse_nudge() -> None:
    """Move the pointer by one pixel and back."""
    subprocess.run(["xdotool", "mousemove_relative", "--", "1", "0", "mousemove_relative", "--",
                    "-1", "0"], check=True, timeout=10)  # fmt: skip


_clipboard_owners: list[subprocess.Popen[bytes]] = []


def set_clipboard(text: str, timeout: float = 5) -> None:
    """Own the CLIPBOARD with ``text`` (through xclip) and wait until it really does."""
    proc = subprocess.Popen(
        ["xclip", "-selection", "clipboard", "-i", "-quiet"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    assert proc.stdin is not None
    proc.stdin.write(text.encode("utf-8"))
    proc.stdin.close()
    _clipboard_owners.append(proc)
    if not wait_until(lambda: get_clipboard() == text, timeout, 0.02):
        raise AssertionError("xclip did not take the clipboard in time")


def get_clipboard() -> str | None:
    result = subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True,
                            timeout=10)  # fmt: skip
    return result.stdout.decode("utf-8") if result.returncode == 0 else None


def stop_clipboard_owners() -> None:
    while _clipboard_owners:
        kill_group(_clipboard_owners.pop())


# --- targets: a window we type into and read back --------------------------------------------


class Target(Protocol):
    keys_apart: bool  # type into it with type_text(keys_apart=True)

    def text(self) -> str: ...
    def cursor(self) -> int: ...
    def clear(self) -> None: ...
    def focus(self) -> None: ...
    def wait_for_text(self, expected: str, timeout: float = 5.0) -> str: ...


def expands_within(target: Target, typed: str, expected: str, timeout: float) -> bool:
    """Type ``typed`` into a cleared target until it gives ``expected``, for up to
    ``timeout`` seconds (a reload of the snippets may land mid-way)."""
    deadline = time.monotonic() + timeout
    while True:
        target.clear()
        target.focus()
        type_text(typed, keys_apart=target.keys_apart)
        if target.wait_for_text(expected, timeout=0.4) == expected:
            return True
        if time.monotonic() > deadline:
            return False


def expands(target: Target, typed: str, expected: str, delay_ms: int = 12) -> None:
    """Type ``typed`` into the cleared, focused ``target``; it must come to hold
    exactly ``expected``."""
    target.clear()
    target.focus()
    type_text(typed, delay_ms=delay_ms, keys_apart=target.keys_apart)
    got = target.wait_for_text(expected)
    assert got == expected, f"typed {typed!r}, got {got!r}"


class Waiting:
    keys_apart = False  # whether keys typed into it must reach the X server apart

    def text(self) -> str:
        raise NotImplementedError

    def wait_for_text(self, expected: str, timeout: float = 5.0) -> str:
        """Poll until the content is ``expected``; return the last content seen."""
        last = [""]

        def check() -> bool:
            last[0] = self.text()
            return last[0] == expected

        wait_until(check, timeout, 0.01)
        return last[0]


class TkTarget(Waiting):
    """A Tk text box in its own process (tk_target.py). ``env``: its environment
    (default: this process's)."""

    program = "tk_target.py"

    def __init__(self, class_name: str = "Tk", env: Mapping[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / self.program), class_name], stdout=subprocess.PIPE,
            start_new_session=True, env=None if env is None else dict(env),
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().decode()
        if not line.startswith("PORT "):
            kill_group(self.proc)
            raise RuntimeError(f"{self.program} did not start: {line!r}")
        self.sock = socket.create_connection(("127.0.0.1", int(line.split()[1])), timeout=10)
        self.stream = self.sock.makefile("rwb")
        self.focus()

    def call(self, **request: Any) -> dict[str, Any]:
        self.stream.write(json.dumps(request).encode() + b"\n")
        self.stream.flush()
        reply: dict[str, Any] = json.loads(self.stream.readline())
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply

    def text(self) -> str:
        return str(self.call(cmd="get")["text"])

    def cursor(self) -> int:
        return int(self.call(cmd="get")["cursor"])

    def clear(self) -> None:
        self.call(cmd="clear")

    def focus(self) -> None:
        self.call(cmd="focus")
        time.sleep(0.05)

    def pressed_keys(self) -> list[str]:
        """The keysyms of the key presses the window got since :meth:`clear_keys`."""
        return [str(k) for k in self.call(cmd="keys")["keys"]]

    def clear_keys(self) -> None:
        self.call(cmd="clear_keys")

    def set_clipboard(self, text: str) -> None:
        """Make the target window itself own the clipboard (as an editor would)."""
        self.call(cmd="set_clipboard", text=text)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()
            self.sock.close()
        kill_group(self.proc)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


PICKER_TITLE = "^Expander: suggested replies"


def _picker_windows() -> list[str]:
    out = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", PICKER_TITLE],
        capture_output=True, text=True,
    )  # fmt: skip
    return out.stdout.split()


def picker_window(timeout: float = 90) -> str:
    """The reply picker's window id, once it lists its replies (it opens at once,
    titled "preparing", and the first replies after a start wait for the
    suggestion index: encoding every bundled snippet takes a minute and more on
    a busy two-core machine with a fresh vector cache)."""
    found: list[str] = []

    def visible() -> bool:
        found[:] = _picker_windows()
        return bool(found)

    assert wait_until(visible, timeout, 0.1), "the picker did not open"
    return found[-1]


def picker_closed(timeout: float = 5) -> bool:
    return wait_until(lambda: not _picker_windows(), timeout, 0.05)


def open_picker(target: TkTarget, email: str, timeout: float = 90) -> str:
    """Put ``email`` on the clipboard and press the suggest hotkey while ``target``
    has the focus; returns the picker's window once it has the keyboard (within
    ``timeout`` seconds)."""
    target.clear()
    target.focus()
    set_clipboard(email)
    key("ctrl+alt+s")
    window = picker_window(timeout)
    time.sleep(0.3)  # let it take the keyboard focus
    return window
