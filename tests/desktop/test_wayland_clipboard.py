"""The Wayland clipboard through wl-clipboard, against a real compositor: Weston,
nested in the session's Xvfb (its X11 backend gives it a seat; the headless one has none)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from expander.desktop.backends.wayland_clipboard import WaylandClipboard
from expander.errors import BackendError
from tests.desktop.harness import kill_group, require_programs
from tests.waiting import wait_until

pytestmark = pytest.mark.desktop


@pytest.fixture(scope="module")
def weston(xdisplay: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Weston compositor; WAYLAND_DISPLAY and XDG_RUNTIME_DIR point at it."""
    require_programs("weston", "wl-copy", "wl-paste")
    runtime = tmp_path_factory.mktemp("wayland-runtime")
    runtime.chmod(0o700)
    socket = "wayland-expander-test"
    saved = {name: os.environ.get(name) for name in ("WAYLAND_DISPLAY", "XDG_RUNTIME_DIR")}
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    proc = subprocess.Popen(
        ["weston", "--backend=x11-backend.so", f"--socket={socket}", "--idle-time=0",
         "--width=640", "--height=480", "--no-config"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        assert wait_until(lambda: (Path(runtime) / socket).exists(), 15), "weston did not start"
        os.environ["WAYLAND_DISPLAY"] = socket
        yield socket
    finally:
        kill_group(proc)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def test_text_copied_is_read_back_exactly(weston: str) -> None:
    clipboard = WaylandClipboard()
    text = "Zamówienie 49987: Zażółć gęślą jaźń, Привет 😀\nsecond line"
    clipboard.set_text(text)
    assert clipboard.read_text() == text


def test_what_another_program_copies_is_read(weston: str) -> None:
    subprocess.run(["wl-copy", "order 12345"], check=True, timeout=5)
    assert WaylandClipboard().read_text() == "order 12345"


def test_a_clipboard_without_text_reads_as_nothing(weston: str) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(32)
    subprocess.run(["wl-copy", "--type", "image/png"], input=png, check=True, timeout=5)
    assert WaylandClipboard().read_text() is None


def test_copying_without_a_compositor_is_a_clear_error(weston: str) -> None:
    saved = os.environ["WAYLAND_DISPLAY"]
    os.environ["WAYLAND_DISPLAY"] = "wayland-nobody-here"
    try:
        with pytest.raises(BackendError, match="cannot set the clipboard"):
            WaylandClipboard().set_text("x")
    finally:
        os.environ["WAYLAND_DISPLAY"] = saved


def test_without_a_primary_selection_nothing_is_selected(weston: str) -> None:
    # Weston has no primary-selection protocol: wl-paste fails and we read None
    assert WaylandClipboard().read_primary() is None


def test_a_gone_compositor_is_no_clipboard_not_a_hang(weston: str) -> None:
    saved = os.environ["WAYLAND_DISPLAY"]
    os.environ["WAYLAND_DISPLAY"] = "wayland-nobody-here"
    try:
        assert WaylandClipboard().read_text() is None
    finally:
        os.environ["WAYLAND_DISPLAY"] = saved
