"""The tray icon's menu, used for real: Debian's trayer is the system tray, the app
docks its icon there (pystray's GTK backend, under its own D-Bus session), and
xdotool right-clicks the icon and picks menu items with the keyboard.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w

from tests.desktop import harness
from tests.desktop.conftest import App

pytestmark = pytest.mark.desktop

# the menu, top to bottom (separators are skipped by the keyboard)
PAUSE, SUGGEST, SET_CUSTOMER, SHOW_CUSTOMER, RELOAD, OPEN_FOLDER, ABOUT, QUIT = range(1, 9)

EMAIL = "Hello,\nmy order #55120 is late.\n\nBest regards,\nAnna Kowalska\n"


def write_pack(path: Path, greeting: str) -> None:
    doc = {
        "pack": {"name": "tray", "version": "1.0.0", "language": "en"},
        "snippets": [
            {"id": "greet", "trigger": ";greet", "title": "Greeting", "body": greeting},
        ],
    }
    path.write_bytes(tomli_w.dumps(doc).encode("utf-8"))


@pytest.fixture(scope="module")
def tray(xdisplay: str) -> Iterator[None]:
    if shutil.which("trayer") is None or shutil.which("dbus-run-session") is None:
        raise RuntimeError("the tray tests need trayer and dbus: run 'make test' to install them")
    proc = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "pixel", "--width",
         "120", "--heighttype", "pixel", "--height", "30"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    time.sleep(0.5)
    yield
    harness.kill_group(proc)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tray") / "tray.toml"
    write_pack(path, "Hello {name|there}!")
    return path


@pytest.fixture(scope="module")
def app(tray: None, pack: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    os.environ["PYSTRAY_BACKEND"] = "gtk"
    try:
        running = App(
            tmp_path_factory.mktemp("home"),
            "--no-bundled", "--no-user", "--pack", str(pack), "--tray",
            wrapper=["dbus-run-session", "--"],
        )  # fmt: skip
    finally:
        del os.environ["PYSTRAY_BACKEND"]
    assert harness.wait_until(lambda: "Tray icon started" in running.log, 20), running.log
    yield running
    running.stop()


def icon_window() -> str:
    found: list[str] = []

    def docked() -> bool:
        out = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--classname", "expander"],
            capture_output=True, text=True,
        )  # fmt: skip
        found[:] = out.stdout.split()
        return bool(found)

    assert harness.wait_until(docked, 20, 0.1), "the tray icon did not dock"
    return found[-1]


def expander_windows() -> set[str]:
    out = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--classname", "expander"],
        capture_output=True, text=True,
    )  # fmt: skip
    return set(out.stdout.split())


def choose(item: int) -> None:
    """Right-click the icon, wait for the menu to open, pick item number ``item``."""
    icon = icon_window()
    before = expander_windows()
    for _ in range(3):  # a click can land while GTK is still busy: try again
        subprocess.run(["xdotool", "mousemove", "--window", icon, "12", "14", "click", "3"],
                       check=True)  # fmt: skip
        if harness.wait_until(lambda: bool(expander_windows() - before), 3, 0.05):
            break
    else:
        raise AssertionError("the tray menu did not open")
    time.sleep(0.2)
    harness.key(*(["Down"] * item), "Return")
    harness.wait_until(lambda: not (expander_windows() - before), 3, 0.05)


def typed_expands(target: harness.TkTarget, expected: str) -> str:
    target.clear()
    target.focus()
    harness.type_text(";greet")
    return target.wait_for_text(expected, timeout=3)


def test_pause_and_resume_from_the_menu(app: App, tk_target: harness.TkTarget) -> None:
    assert typed_expands(tk_target, "Hello there!") == "Hello there!"
    choose(PAUSE)
    assert harness.wait_until(lambda: "Expansion paused" in app.log, 5), app.log
    assert typed_expands(tk_target, "Hello there!") == ";greet"
    choose(PAUSE)  # now reads "Resume expanding"
    assert harness.wait_until(lambda: "Expansion resumed" in app.log, 5), app.log
    assert typed_expands(tk_target, "Hello there!") == "Hello there!"


def test_pause_hotkey(app: App, tk_target: harness.TkTarget) -> None:
    harness.key("ctrl+alt+p")
    assert harness.wait_until(lambda: app.log.count("Expansion paused") >= 2, 5), app.log
    assert typed_expands(tk_target, "Hello there!") == ";greet"
    harness.key("ctrl+alt+p")
    assert harness.wait_until(lambda: app.log.count("Expansion resumed") >= 2, 5), app.log
    assert typed_expands(tk_target, "Hello there!") == "Hello there!"


def test_customer_from_the_clipboard_e_mail(app: App, tk_target: harness.TkTarget) -> None:
    harness.set_clipboard(EMAIL)
    choose(SET_CUSTOMER)
    assert typed_expands(tk_target, "Hello Anna!") == "Hello Anna!"


def test_reload_from_the_menu_and_a_broken_edit_keeps_the_last_good_snippets(
    app: App, tk_target: harness.TkTarget, pack: Path
) -> None:
    write_pack(pack, "Good day {name|there}!")
    choose(RELOAD)
    assert typed_expands(tk_target, "Good day Anna!") == "Good day Anna!"
    pack.write_text(pack.read_text("utf-8").replace('body = "', 'body = "{broken '), "utf-8")
    choose(RELOAD)
    assert harness.wait_until(lambda: "kept the last good snippets" in app.log, 5), app.log
    assert f"{pack}:" in app.log
    assert typed_expands(tk_target, "Good day Anna!") == "Good day Anna!"


def test_quit_from_the_menu(app: App) -> None:
    choose(QUIT)
    assert harness.wait_until(lambda: app.proc.poll() is not None, 10), app.log
    assert app.proc.returncode == 0
    assert "Traceback" not in app.log
