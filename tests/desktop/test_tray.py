"""The tray icon's menu, used for real: Debian's trayer is the system tray, the app
docks its icon there (pystray's GTK backend, under its own D-Bus session), and
xdotool right-clicks the icon and picks menu items with the keyboard.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w

from expander.desktop.backends.tk_dialogs import CUSTOMER_TITLE
from tests.desktop import harness
from tests.desktop.conftest import App

pytestmark = pytest.mark.desktop

# the menu, top to bottom (separators are skipped by the keyboard)
(PAUSE, SUGGEST, SEARCH, SET_CUSTOMER, SHOW_CUSTOMER, NEW_SNIPPET, RELOAD, OPEN_FOLDER,
 USAGE_REPORT, ABOUT, QUIT) = range(1, 12)  # fmt: skip

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


# In the app's D-Bus session: a notification daemon (dunst, as a desktop has one)
# and dbus-monitor writing every Notify call to a file the tests read.
SESSION = (
    'dbus-monitor --session "type=method_call,interface=org.freedesktop.Notifications,'
    'member=Notify" >"$0" 2>&1 & dunst >/dev/null 2>&1 & exec "$@"'
)


@pytest.fixture(scope="module")
def notifications(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("dunst") is None or shutil.which("dbus-monitor") is None:
        raise RuntimeError("the tray tests need dunst and dbus: run 'make test' to install them")
    return tmp_path_factory.mktemp("bus") / "notifications.log"


def notifications_sent(log: Path, text: str) -> int:
    """How many desktop notifications containing ``text`` were sent so far."""
    return log.read_text("utf-8", "replace").count(f'"{text}') if log.exists() else 0


def notified(log: Path, text: str, timeout: float = 5, after: int = 0) -> bool:
    """Whether a desktop notification containing ``text`` was sent (more than
    ``after`` of them, to see a new one)."""
    return harness.wait_until(lambda: notifications_sent(log, text) > after, timeout, 0.05)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stand-in for the agent's browser ($BROWSER, which Python's webbrowser
    honours): it writes down each address it is asked to open."""
    folder = tmp_path_factory.mktemp("browser")
    script = folder / "browser"
    script.write_text(f'#!/bin/sh\necho "$1" >>"{folder}/opened"\n', encoding="utf-8")
    script.chmod(0o755)
    return folder


def start_app(pack: Path, notifications: Path, browser: Path, home: Path) -> App:
    os.environ["PYSTRAY_BACKEND"] = "gtk"
    os.environ["BROWSER"] = str(browser / "browser")
    try:
        running = App(
            home,
            "--no-bundled", "--no-user", "--pack", str(pack), "--tray",
            wrapper=["dbus-run-session", "--", "sh", "-c", SESSION, str(notifications)],
        )  # fmt: skip
    finally:
        del os.environ["PYSTRAY_BACKEND"], os.environ["BROWSER"]
    assert harness.wait_until(lambda: "Tray icon started" in running.log, 20), running.log
    return running


@pytest.fixture(scope="module")
def apps() -> Iterator[list[App]]:
    """The apps this module started: one, unless a test quit it."""
    started: list[App] = []
    yield started
    for running in started:
        running.stop()


@pytest.fixture
def app(
    apps: list[App],
    tray: None,
    pack: Path,
    notifications: Path,
    browser: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> App:
    """The running app, shared by the tests (starting it costs seconds); started
    again when a test has quit it, so no test depends on running before that one."""
    if not apps or apps[-1].proc.poll() is not None:
        apps.append(start_app(pack, notifications, browser, tmp_path_factory.mktemp("home")))
    return apps[-1]


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


def greets(target: harness.TkTarget, who: str | None = None) -> bool:
    """Whether ``;greet`` typed now expands to a greeting of ``who`` (of anyone when
    None), whichever greeting the pack has at the time: tests that only need the
    customer (or any expansion) do not depend on what an earlier test reloaded."""
    target.clear()
    target.focus()
    harness.type_text(";greet")

    def greeted() -> bool:
        text = target.text()
        return text != ";greet" and text.endswith(f" {who}!" if who else "!")

    return harness.wait_until(greeted, 3)


def greets_after(target: harness.TkTarget, before: str) -> bool:
    """Type ``;greet`` after the text ``before`` (kept from a paused moment) and wait
    for it to expand there. Proof that the earlier text did not expand: keys are
    handled in order, so ``before`` was seen, unexpanded, before this expansion."""
    target.focus()
    harness.key("ctrl+End")  # the caret after ``before`` (Ctrl+P in the hotkey moves it in Tk)
    harness.type_text(";greet")

    def greeted() -> bool:
        text = target.text()
        return text.startswith(before) and len(text) > len(before) + 1 and text.endswith("!")

    return harness.wait_until(greeted, 3) and not target.text()[len(before) :].startswith(";")


def set_customer_from(email: str) -> None:
    harness.set_clipboard(email)
    choose(SET_CUSTOMER)


def test_pause_and_resume_from_the_menu(
    app: App, tk_target: harness.TkTarget, notifications: Path
) -> None:
    assert greets(tk_target)
    paused, resumed = app.log.count("Expansion paused"), app.log.count("Expansion resumed")
    told = {text: notifications_sent(notifications, text) for text in ("Paused", "Expanding again")}
    choose(PAUSE)
    assert harness.wait_until(lambda: app.log.count("Expansion paused") > paused, 5), app.log
    assert notified(notifications, "Paused", after=told["Paused"])
    tk_target.clear()
    tk_target.focus()
    harness.type_text(";greet")  # paused: stays as typed
    assert tk_target.wait_for_text(";greet") == ";greet"
    choose(PAUSE)  # now reads "Resume expanding"
    assert harness.wait_until(lambda: app.log.count("Expansion resumed") > resumed, 5), app.log
    assert notified(notifications, "Expanding again", after=told["Expanding again"])
    assert greets_after(tk_target, ";greet"), tk_target.text()


def test_pause_hotkey(app: App, tk_target: harness.TkTarget) -> None:
    paused, resumed = app.log.count("Expansion paused"), app.log.count("Expansion resumed")
    harness.key("ctrl+alt+p")
    assert harness.wait_until(lambda: app.log.count("Expansion paused") > paused, 5), app.log
    tk_target.clear()
    tk_target.focus()
    harness.type_text(";greet")  # paused: stays as typed
    assert tk_target.wait_for_text(";greet") == ";greet"
    harness.key("ctrl+alt+p")
    assert harness.wait_until(lambda: app.log.count("Expansion resumed") > resumed, 5), app.log
    assert greets_after(tk_target, ";greet"), tk_target.text()


def test_customer_from_the_clipboard_e_mail(app: App, tk_target: harness.TkTarget) -> None:
    set_customer_from(EMAIL)
    assert greets(tk_target, "Anna")


def test_reload_from_the_menu_and_a_broken_edit_keeps_the_last_good_snippets(
    app: App, tk_target: harness.TkTarget, pack: Path, notifications: Path
) -> None:
    set_customer_from(EMAIL)
    write_pack(pack, "Good day {name|there}!")
    reloads = app.log.count("Reloaded ")
    choose(RELOAD)
    # typed once the new snippets are in (the engine looks the reply up in them)
    assert harness.wait_until(lambda: app.log.count("Reloaded ") > reloads, 5), app.log
    assert typed_expands(tk_target, "Good day Anna!") == "Good day Anna!"
    assert notified(notifications, "Snippets reloaded")
    pack.write_text(pack.read_text("utf-8").replace('body = "', 'body = "{broken '), "utf-8")
    choose(RELOAD)
    assert harness.wait_until(lambda: "kept the last good snippets" in app.log, 5), app.log
    assert f"{pack}:" in app.log
    assert notified(notifications, "Snippets not reloaded")
    assert notified(notifications, f"{pack}:")
    assert typed_expands(tk_target, "Good day Anna!") == "Good day Anna!"


def wait_for_focused_window(title: str) -> str:
    found: list[str] = []

    def focused() -> bool:
        window = harness.window_named(title)
        found[:] = [window] if window else []
        return window is not None and harness.focused_window() == window

    assert harness.wait_until(focused, 10, 0.05), f"{title!r} did not open and take the focus"
    return found[0]


def test_about_shows_the_version_and_closes_with_escape(app: App) -> None:
    choose(ABOUT)
    wait_for_focused_window("About Expander")
    harness.key("Escape")
    assert harness.wait_until(lambda: harness.window_named("About Expander") is None, 5)


def test_current_customer_shows_the_fields_and_delete_clears_them(
    app: App, tk_target: harness.TkTarget
) -> None:
    set_customer_from(EMAIL)
    assert greets(tk_target, "Anna")
    choose(SHOW_CUSTOMER)
    wait_for_focused_window(CUSTOMER_TITLE)
    harness.key("Escape")  # closes and keeps the customer
    assert harness.wait_until(lambda: harness.window_named(CUSTOMER_TITLE) is None, 5)
    assert greets(tk_target, "Anna")
    choose(SHOW_CUSTOMER)
    wait_for_focused_window(CUSTOMER_TITLE)
    harness.key("Delete")  # clears
    assert harness.wait_until(lambda: harness.window_named(CUSTOMER_TITLE) is None, 5)
    assert harness.wait_until(lambda: "Current customer cleared" in app.log, 5), app.log
    assert greets(tk_target, "there")


def test_usage_report_opens_this_machines_report_in_the_browser(
    app: App, browser: Path, tk_target: harness.TkTarget
) -> None:
    assert greets(tk_target)
    opened = browser / "opened"
    choose(USAGE_REPORT)
    assert harness.wait_until(opened.exists, 10, 0.05), app.log
    (address,) = opened.read_text("utf-8").split()
    assert address.startswith("file:///")
    page = Path(urllib.parse.unquote(urllib.parse.urlsplit(address).path))
    html = page.read_text("utf-8")
    assert "<svg" in html
    # the abbreviation typed in these tests, counted in the chart of most used replies
    assert re.search(r"Greeting \(tray\): [1-9][0-9]* typed", html), html


def test_quit_from_the_menu(app: App) -> None:
    choose(QUIT)
    assert harness.wait_until(lambda: app.proc.poll() is not None, 10), app.log
    assert app.proc.returncode == 0
    assert "Traceback" not in app.log
