"""Fixtures for the desktop tests: one Xvfb per session, real windows, the real app."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.desktop import browsers, harness
from tests.desktop.ibus_session import IBusSession
from tests.desktop.im_clients import GtkTarget, MousepadTarget

try:
    import Xlib  # noqa: F401  (python-xlib comes with the desktop extras, through pynput)
except ImportError:
    # Without the desktop extras (make test-lowest) the modules that import the X11
    # backends at the top cannot be collected; their tests are all desktop tests,
    # which make test runs.
    collect_ignore = ["test_hotkey_grab.py", "test_x11_clipboard.py"]
try:
    import gi  # noqa: F401  (PyGObject: the tray's and the IBus backend's)
except ImportError:
    collect_ignore = [*globals().get("collect_ignore", []), "test_ibus_keys.py"]


@pytest.fixture(scope="session")
def xdisplay() -> Iterator[str]:
    """A private X server; DISPLAY points at it for the whole session."""
    with harness.private_display() as display:
        yield display


@pytest.fixture(scope="module")
def tk_target(xdisplay: str) -> Iterator[harness.TkTarget]:
    target = harness.TkTarget()
    try:
        yield target
    finally:
        target.close()


@pytest.fixture(scope="module")
def chromium(xdisplay: str) -> Iterator[browsers.Chromium]:
    browser = browsers.Chromium()
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="module")
def firefox(xdisplay: str) -> Iterator[browsers.Firefox]:
    browser = browsers.Firefox()
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="module")
def ibus(xdisplay: str) -> Iterator[IBusSession]:
    """A private session D-Bus and ibus-daemon (with XIM) on the test display; its
    ``env`` makes a client or the app an IBus client (tests/desktop/ibus_session.py)."""
    with IBusSession(xdisplay) as session:
        yield session


@pytest.fixture(scope="module")
def gtk(ibus: IBusSession) -> Iterator[GtkTarget]:
    """A GTK 3 text view (and a password entry) as an IBus client."""
    target = GtkTarget(env=ibus.env)
    try:
        yield target
    finally:
        target.close()


@pytest.fixture(scope="module")
def mousepad(ibus: IBusSession) -> Iterator[MousepadTarget]:
    """Debian's mousepad as an IBus client, read back over AT-SPI."""
    target = MousepadTarget(ibus.env)
    try:
        yield target
    finally:
        target.close()


def app_on_pack(
    folder: Path,
    name: str,
    snippets: Sequence[dict[str, Any]],
    *args: str,
    env: Mapping[str, str] | None = None,
    wrapper: Sequence[str] = (),
) -> App:
    """``expander run -v`` on one pack of ``snippets`` alone (no bundled or personal
    packs), its home in ``folder``; ``env`` instead of this process's environment,
    ``wrapper`` the command it runs under."""
    pack = folder / f"{name}.toml"
    doc = {"pack": {"name": name, "version": "1.0.0", "language": "en"}, "snippets": snippets}
    pack.write_bytes(tomli_w.dumps(doc, multiline_strings=True).encode("utf-8"))
    return App(
        folder / "home", "-v", "--no-bundled", "--no-user", "--pack", str(pack), *args,
        env=env, wrapper=wrapper,
    )  # fmt: skip


def assert_stopped_cleanly(app: App, secrets: Sequence[str] = ()) -> None:
    """The app exits 0 without a traceback, and its log (at -v) never held typed
    or inserted text."""
    assert app.stop() == 0, app.log
    assert "Traceback" not in app.log, app.log
    assert " thread stopped: " not in app.log, app.log  # how app.py logs a thread's death
    for secret in secrets:
        assert secret not in app.log


class App:
    """``expander run`` started as a user would, in its own process."""

    def __init__(
        self,
        home: Path,
        *args: str,
        wrapper: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
    ) -> None:
        base = os.environ if env is None else env
        env = {**base, "EXPANDER_HOME": str(home), "PYTHONUNBUFFERED": "1"}
        # the tray needs a D-Bus session (see test_tray.py); other tests run without it
        options = [a for a in args if a != "--tray"] if "--tray" in args else [*args, "--no-tray"]
        self.proc = subprocess.Popen(
            [*wrapper, sys.executable, "-m", "expander", "run", *options],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )  # fmt: skip
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        if not self.ready.wait(30):
            self.stop()
            raise AssertionError("the app did not start:\n" + self.log)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            if "Expander is running" in line:
                self.ready.set()

    def stop(self) -> int:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                harness.kill_group(self.proc)
        self.reader.join(5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        return int(self.proc.returncode)

    @property
    def log(self) -> str:
        return "".join(self.lines)
