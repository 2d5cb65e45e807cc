"""Web browsers as typing targets: Debian's Chromium and Firefox ESR, on the X server.

Each browser shows one page with a ``<textarea>`` and a ``contenteditable``
``<div>``; a test types into one of them with xdotool and reads the element
back from inside the page, never through the clipboard: Chromium over the
DevTools protocol, Firefox over Marionette (its remote-control protocol, which
``--marionette`` turns on). Both are spoken with the standard library only.
"""

from __future__ import annotations

import base64
import contextlib
import http.server
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from tests.desktop.harness import Waiting, free_port, kill_group, require_programs
from tests.waiting import wait_until

Field = Literal["textarea", "editable", "password"]


# --- a websocket client (for Chromium's DevTools) ------------------------------------


class WebSocket:
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


PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>
<style>html,body{{margin:0;height:100%}} textarea,div{{box-sizing:border-box;width:100%;
height:45%;margin:0;font-size:14px;border:1px solid #888;white-space:pre-wrap}}</style>
</head><body><textarea id="t"></textarea><div id="d" contenteditable="true"></div>
<input id="p" type="password" autocomplete="off"></body></html>"""

# JavaScript that reads and sets the two fields. A contenteditable div holds lines
# as <div> or <br> elements: innerText gives them as "\n", as an agent sees them.
_ELEMENT = {
    "textarea": "document.getElementById('t')",
    "editable": "document.getElementById('d')",
    "password": "document.getElementById('p')",
}
_TEXT = {
    "textarea": "document.getElementById('t').value",
    "editable": "document.getElementById('d').innerText.replace(/\\n$/, '')",
    "password": "document.getElementById('p').value",
}
_CURSOR = {
    "password": "document.getElementById('p').selectionStart",
    "textarea": "document.getElementById('t').selectionStart",
    "editable": """(() => {
        const sel = getSelection();
        if (!sel.rangeCount) return -1;
        const range = sel.getRangeAt(0).cloneRange();
        range.setStart(document.getElementById('d'), 0);
        return range.toString().length;
    })()""",
}
_CLEAR = {
    "password": "document.getElementById('p').value = ''",
    "textarea": "document.getElementById('t').value = ''",
    "editable": "document.getElementById('d').innerHTML = ''",
}
_FOCUS = {
    "password": "document.getElementById('p').focus()",
    "textarea": "document.getElementById('t').focus()",
    "editable": """(() => {
        const d = document.getElementById('d');
        d.focus();
        const sel = getSelection();
        sel.selectAllChildren(d);
        sel.collapseToEnd();
    })()""",
}


class _PageServer:
    """Serves the page on 127.0.0.1 (a real origin, as a web mail client has)."""

    def __init__(self, title: str) -> None:
        self.folder = tempfile.mkdtemp(prefix="expander-page-")
        Path(self.folder, "index.html").write_text(PAGE.format(title=title), encoding="utf-8")
        folder = self.folder

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=folder, **kwargs)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/index.html"

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()
        shutil.rmtree(self.folder, ignore_errors=True)


class Browser:
    """A browser window showing the page; ``evaluate`` runs JavaScript in it."""

    title = "expander-browser-page"
    keys_apart = False  # harness.type_text's keys_apart for its fields

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        """``env``: the browser's environment (default: this process's), e.g. an
        IBusSession's, whose GTK_IM_MODULE makes the browser an IBus client."""
        self.env = dict(os.environ if env is None else env)
        self.profile = tempfile.mkdtemp(prefix="expander-browser-")
        self.page = _PageServer(self.title)
        self.proc: subprocess.Popen[bytes] | None = None
        try:
            self._start()
            if not wait_until(self._loaded, 60, 0.1):
                raise RuntimeError(f"the page did not load in {type(self).__name__}")
            self.window = self._find_window()
        except BaseException:
            self.close()
            raise

    def _start(self) -> None:
        raise NotImplementedError

    def evaluate(self, expression: str) -> Any:
        raise NotImplementedError

    def _loaded(self) -> bool:
        with contextlib.suppress(OSError, RuntimeError, ValueError):
            state = self.evaluate("[location.href, document.readyState]")
            return bool(state == [self.page.url, "complete"])
        return False

    def _find_window(self) -> str:
        ids: list[str] = []

        def found() -> bool:
            out = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", f"^{self.title}"],
                capture_output=True, text=True,
            )  # fmt: skip
            ids[:] = out.stdout.split()
            return bool(ids)

        if not wait_until(found, 30, 0.2):
            raise RuntimeError(f"{type(self).__name__}'s window did not appear")
        return ids[-1]

    def field(self, name: Field) -> BrowserField:
        return BrowserField(self, name)

    def close(self) -> None:
        if self.proc is not None:
            kill_group(self.proc)
        self.page.close()
        shutil.rmtree(self.profile, ignore_errors=True)


class BrowserField(Waiting):
    """One editable element of the page, as a typing target (harness.Target)."""

    def __init__(self, browser: Browser, name: Field) -> None:
        self.browser = browser
        self.name = name
        self.keys_apart = browser.keys_apart

    def text(self) -> str:
        return str(self.browser.evaluate(_TEXT[self.name]))

    def cursor(self) -> int:
        return int(self.browser.evaluate(_CURSOR[self.name]))

    def clear(self) -> None:
        self.browser.evaluate(_CLEAR[self.name])

    def focus(self) -> None:
        window = self.browser.window
        subprocess.run(["xdotool", "windowfocus", "--sync", window], timeout=10,
                       capture_output=True)  # fmt: skip
        # a click makes the browser window active (there is no window manager); raised
        # first, or it lands on a window opened later on top (a test run alone)
        subprocess.run(["xdotool", "windowraise", window, "mousemove", "--window", window,
                        "600", "200", "click", "1"], check=True, timeout=10)  # fmt: skip
        self.browser.evaluate(_FOCUS[self.name])
        active = f"document.activeElement === {_ELEMENT[self.name]} && document.hasFocus()"
        if not wait_until(lambda: self.browser.evaluate(active) is True, 5, 0.05):
            raise RuntimeError(f"the {self.name} did not take the focus")
        time.sleep(0.1)  # the toolkit's own focus handling settles after the page's


# --- Chromium over the DevTools protocol ---------------------------------------------------


def devtools_page(port: int) -> WebSocket:
    """A websocket to the first page of the Chromium whose DevTools listen on ``port``."""
    pages: list[dict[str, Any]] = []

    def listed() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2) as r:
                pages[:] = [p for p in json.load(r) if p.get("type") == "page"]
        except (OSError, ValueError):
            return False
        return bool(pages)

    if not wait_until(listed, 60, 0.2):
        raise RuntimeError("Chromium's DevTools did not answer within 60 s")
    return WebSocket(pages[0]["webSocketDebuggerUrl"])


class Chromium(Browser):
    """Debian's Chromium, not headless, on the X server."""

    title = "expander-chromium-page"

    def _start(self) -> None:
        require_programs("chromium")
        port = free_port()
        self.proc = subprocess.Popen(
            ["chromium", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-features=Translate,MediaRouter", "--password-store=basic",
             "--no-default-browser-check", f"--user-data-dir={self.profile}",
             f"--remote-debugging-port={port}", "--window-size=1200,700",
             "--window-position=0,0", self.page.url],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        self.ws = devtools_page(port)
        self._id = 0

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

    def close(self) -> None:
        if hasattr(self, "ws"):
            self.ws.close()
        super().close()


# --- Firefox ESR over Marionette -------------------------------------------------------------

_FIREFOX_PREFS = {
    # no first-run pages, updates, telemetry or network chatter: the machine is offline
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.page": 0,
    "browser.startup.homepage_override.mstone": "ignore",
    "startup.homepage_welcome_url": "",
    "browser.aboutwelcome.enabled": False,
    "trailhead.firstrun.didSeeAboutWelcome": True,
    "browser.newtabpage.enabled": False,
    "browser.sessionstore.resume_from_crash": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.healthreport.uploadEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.disabledForTesting": True,
    "app.normandy.enabled": False,
    "extensions.update.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.translations.automaticallyPopup": False,
    # Marionette's recommended prefs turn the focus manager's test mode on, in which
    # Gecko never focuses its own widget: the GTK input method (IBus) then gets no
    # focus and no keys ("the caller isn't focused window"). A user's Firefox has it off.
    "focusmanager.testmode": False,
}


class Marionette:
    """Firefox's remote protocol: length-prefixed JSON arrays over TCP."""

    def __init__(self, port: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Marionette did not answer within {timeout} s") from None
                time.sleep(0.1)
        self.stream = self.sock.makefile("rb")
        hello = self._read()
        if hello.get("marionetteProtocol") != 3:
            raise RuntimeError(f"not a Marionette server: {hello!r}")
        self._id = 0

    def _read(self) -> Any:
        size = b""
        while not size.endswith(b":"):
            byte = self.stream.read(1)
            if not byte:
                raise ConnectionError("Marionette closed the connection")
            size += byte
        return json.loads(self.stream.read(int(size[:-1])))

    def command(self, name: str, **params: Any) -> Any:
        self._id += 1
        data = json.dumps([0, self._id, name, params]).encode()
        self.sock.sendall(str(len(data)).encode() + b":" + data)
        while True:
            kind, message_id, error, result = self._read()
            if kind == 1 and message_id == self._id:
                if error:
                    raise RuntimeError(f"{name}: {error.get('message', error)}")
                return result

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.stream.close()
            self.sock.close()


class Firefox(Browser):
    """Debian's Firefox ESR with Marionette, on the X server."""

    title = "expander-firefox-page"

    def _start(self) -> None:
        # under IBus it drops a key the X server read in one batch with one like it
        self.keys_apart = self.env.get("GTK_IM_MODULE") == "ibus"
        require_programs("firefox-esr")
        port = free_port()
        prefs = {**_FIREFOX_PREFS, "marionette.port": port}
        Path(self.profile, "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items()),
            encoding="utf-8",
        )
        env = {**self.env, "MOZ_CRASHREPORTER_DISABLE": "1"}
        self.proc = subprocess.Popen(
            ["firefox-esr", "--marionette", "--no-remote", "--new-instance",
             "-profile", self.profile, "--width", "1200", "--height", "700", "about:blank"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        self.marionette = Marionette(port)
        self.marionette.command("WebDriver:NewSession", capabilities={})
        self.marionette.command("WebDriver:Navigate", url=self.page.url)

    def evaluate(self, expression: str) -> Any:
        result = self.marionette.command(
            "WebDriver:ExecuteScript", script=f"return {expression};", args=[]
        )
        return result.get("value")

    def close(self) -> None:
        if hasattr(self, "marionette"):
            self.marionette.close()
        super().close()
