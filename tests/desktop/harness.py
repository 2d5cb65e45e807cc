"""A real desktop for end-to-end tests: Xvfb, a Tk text box, Chromium, xdotool, xclip.

Nothing here is faked: the X server is real, the windows are real programs,
keys go through XTEST like a keyboard's, and what a window holds is read back
from the window itself (Tk over a local socket, Chromium over DevTools).
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout)


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


def reset_keymap() -> None:
    """Back to a plain US layout: undoes keycodes other programs borrowed."""
    subprocess.run(["setxkbmap", "us"], check=True, timeout=10)


# --- keys and clipboard ------------------------------------------------------------------


def type_text(text: str, delay_ms: int = 12) -> None:
    """Type like a person, through XTEST (xdotool type)."""
    subprocess.run(["xdotool", "type", "--delay", str(delay_ms), "--", text], check=True,
                   timeout=60)  # fmt: skip


def key(*names: str) -> None:
    """Press keys such as "BackSpace", "ctrl+v", "Return"."""
    subprocess.run(["xdotool", "key", "--delay", "12", *names], check=True, timeout=30)


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
        type_text(typed)
        if target.wait_for_text(expected, timeout=0.4) == expected:
            return True
        if time.monotonic() > deadline:
            return False


class _Waiting:
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


class TkTarget(_Waiting):
    """A Tk text box in its own process (tk_target.py)."""

    def __init__(self, class_name: str = "Tk") -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "tk_target.py"), class_name], stdout=subprocess.PIPE,
            start_new_session=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().decode()
        if not line.startswith("PORT "):
            kill_group(self.proc)
            raise RuntimeError(f"the Tk target did not start: {line!r}")
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


# --- Chromium over the DevTools protocol ---------------------------------------------------


class _WebSocket:
    """The few parts of RFC 6455 a DevTools client needs (stdlib only)."""

    def __init__(self, url: str) -> None:
        assert url.startswith("ws://")
        host_port, _, path = url[5:].partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=10)
        key_b64 = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\n"
             f"Connection: Upgrade\r\nSec-WebSocket-Key: {key_b64}\r\n"
             "Sec-WebSocket-Version: 13\r\n\r\n").encode()
        )  # fmt: skip
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("DevTools closed the connection during the handshake")
            response += chunk
        if b" 101 " not in response.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"DevTools refused the websocket: {response[:200]!r}")
        self.buffer = response.split(b"\r\n\r\n", 1)[1]

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def send(self, text: str) -> None:
        payload = text.encode()
        header = bytearray([0x81])
        if len(payload) < 126:
            header.append(0x80 | len(payload))
        elif len(payload) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes(header) + mask + masked)

    def receive(self) -> str:
        parts: list[bytes] = []
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else b""
            data = self._read(length)
            if mask:
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            opcode = first & 0x0F
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the websocket")
            if opcode in (0x9, 0xA):
                continue
            parts.append(data)
            if first & 0x80:
                return b"".join(parts).decode()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>expander-chromium-page</title>
<style>html,body{margin:0;height:100%}textarea{width:100%;height:100%;font-size:14px}</style>
</head><body><textarea id="t" autofocus></textarea></body></html>"""


class ChromiumTarget(_Waiting):
    """A ``<textarea>`` in Debian's Chromium, non-headless on the X server."""

    def __init__(self) -> None:
        require_programs("chromium")
        self.profile = tempfile.mkdtemp(prefix="expander-chromium-")
        page_dir = Path(self.profile) / "page"
        page_dir.mkdir()
        (page_dir / "index.html").write_text(PAGE, encoding="utf-8")

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(page_dir), **kwargs)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        port = _free_port()
        url = f"http://127.0.0.1:{self.http.server_address[1]}/index.html"
        self.proc = subprocess.Popen(
            ["chromium", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-features=Translate,MediaRouter", "--password-store=basic",
             "--no-default-browser-check", f"--user-data-dir={self.profile}",
             f"--remote-debugging-port={port}", "--window-size=1200,700",
             "--window-position=0,0", url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        self.ws = self._connect(port)
        self._id = 0
        if not wait_until(lambda: self.evaluate("document.readyState") == "complete", 30, 0.1):
            raise RuntimeError("the page did not load in Chromium")
        self.window = self._find_window()
        self.focus()

    def _connect(self, port: int) -> _WebSocket:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2) as r:
                    pages = [p for p in json.load(r) if p.get("type") == "page"]
                if pages:
                    return _WebSocket(pages[0]["webSocketDebuggerUrl"])
            except (OSError, ValueError):
                pass
            time.sleep(0.2)
        raise RuntimeError("Chromium's DevTools did not answer within 60 s")

    def _find_window(self) -> str:
        ids: list[str] = []

        def found() -> bool:
            out = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "^expander-chromium-page"],
                capture_output=True, text=True,
            )  # fmt: skip
            ids[:] = out.stdout.split()
            return bool(ids)

        if not wait_until(found, 30, 0.2):
            raise RuntimeError("Chromium's window did not appear")
        return ids[-1]

    def evaluate(self, expression: str) -> Any:
        self._id += 1
        self.ws.send(json.dumps({
            "id": self._id, "method": "Runtime.evaluate",
            "params": {"expression": expression, "returnByValue": True},
        }))  # fmt: skip
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == self._id:
                return message.get("result", {}).get("result", {}).get("value")

    def text(self) -> str:
        return str(self.evaluate("document.getElementById('t').value"))

    def cursor(self) -> int:
        return int(self.evaluate("document.getElementById('t').selectionStart"))

    def clear(self) -> None:
        self.evaluate("document.getElementById('t').value = ''")

    def focus(self) -> None:
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], timeout=10,
                       capture_output=True)  # fmt: skip
        subprocess.run(["xdotool", "mousemove", "--window", self.window, "300", "300",
                        "click", "1"], check=True, timeout=10)  # fmt: skip
        self.evaluate("document.getElementById('t').focus()")
        wait_until(lambda: self.evaluate("document.hasFocus()") is True, 5, 0.05)
        time.sleep(0.1)

    def close(self) -> None:
        self.ws.close()
        kill_group(self.proc)
        self.http.shutdown()
        self.http.server_close()
        shutil.rmtree(self.profile, ignore_errors=True)


def _free_port() -> int:
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


def picker_window(timeout: float = 15) -> str:
    """The reply picker's window id, once it is visible."""
    found: list[str] = []

    def visible() -> bool:
        found[:] = _picker_windows()
        return bool(found)

    assert wait_until(visible, timeout, 0.1), "the picker did not open"
    return found[-1]


def picker_closed(timeout: float = 5) -> bool:
    return wait_until(lambda: not _picker_windows(), timeout, 0.05)


def open_picker(target: TkTarget, email: str) -> str:
    """Put ``email`` on the clipboard and press the suggest hotkey while ``target``
    has the focus; returns the picker's window once it has the keyboard."""
    target.clear()
    target.focus()
    set_clipboard(email)
    key("ctrl+alt+s")
    window = picker_window()
    time.sleep(0.3)  # let it take the keyboard focus
    return window
