"""The X server goes away under the running app (the desktop session ended, the
server stopped or crashed): the app says so in one line, shuts down and exits with
EXIT_DISPLAY_LOST, instead of a traceback per thread, GTK ending it from C, or,
without a tray, running on deaf and blind."""

from __future__ import annotations

import logging
import os
import subprocess
import threading
from pathlib import Path

import pytest

from tests.desktop import harness
from tests.desktop.conftest import App, app_on_pack
from tests.waiting import wait_until

pytestmark = pytest.mark.desktop

SECRET = "".join(["typed by ", "the agent"])  # not in any source line a traceback shows
SNIPPETS = [{"id": "hi", "trigger": ";hi", "title": "Hi", "body": "Hello!"}]


def fail_with(exc: BaseException) -> None:
    raise exc


def stop_server_under(app: App, server: harness.Xvfb) -> int:
    server.stop()
    try:
        return app.proc.wait(30)
    except subprocess.TimeoutExpired:
        app.stop()
        raise AssertionError("the app outlived its display:\n" + app.log) from None


@pytest.mark.parametrize("tray", [False, True], ids=["no tray", "GTK tray"])
def test_the_app_stops_in_one_line_when_its_display_goes_away(
    tmp_path: Path, xdisplay: str, tray: bool
) -> None:
    server = harness.Xvfb()  # its own server: the session's stays up for the other tests
    env = {**os.environ, "DISPLAY": server.display, "PYSTRAY_BACKEND": "gtk"}
    try:
        if tray:  # under a D-Bus session of its own, as test_tray.py runs it
            app = app_on_pack(
                tmp_path, "lost", SNIPPETS, "--tray", env=env, wrapper=["dbus-run-session", "--"]
            )
            assert wait_until(lambda: "The tray icon is shown" in app.log, 20), app.log
        else:
            app = app_on_pack(tmp_path, "lost", SNIPPETS, env=env)
        code = stop_server_under(app, server)
    finally:
        server.stop()
    from expander.desktop.app import EXIT_DISPLAY_LOST

    app.stop()
    assert code == EXIT_DISPLAY_LOST, app.log
    said = app.log.find(f"The X display {server.display} closed")
    assert said >= 0, app.log
    assert app.log.count("The X display") == 1, app.log  # one line, however many threads saw it
    assert app.log.count("Expander stopped.") == 1, app.log
    assert "Expander stopped." in app.log[said:], app.log  # it shut down, as on Quit
    assert " thread stopped: " not in app.log.replace("thread stopped: the X display closed", ""), (
        app.log
    )
    assert "Traceback" not in app.log, app.log


def test_a_display_loss_is_told_apart_from_other_failures() -> None:
    from Xlib import error

    from expander.desktop.backends.display_watch import is_display_lost

    closed = error.ConnectionClosedError("server")
    try:
        try:
            raise BrokenPipeError(32, "Broken pipe")
        except BrokenPipeError:
            raise closed from None
    except error.ConnectionClosedError as exc:
        assert is_display_lost(exc)
    try:
        try:
            raise BrokenPipeError(32, "Broken pipe")
        except BrokenPipeError:
            raise RuntimeError("while flushing")  # noqa: B904  (chained implicitly)
    except RuntimeError as exc:
        assert is_display_lost(exc)
    assert not is_display_lost(ValueError("a bad snippet"))
    assert not is_display_lost(OSError(2, "No such file"))


def test_the_display_watch_reports_the_server_going_away_and_not_its_own_close(
    xdisplay: str,
) -> None:
    from expander.desktop.backends.display_watch import DisplayWatch

    lost = threading.Event()
    watch = DisplayWatch(lost.set, xdisplay)
    watch.close()
    assert not watch.watching
    assert not lost.is_set()  # the watch's thread ended: nothing more can set it

    server = harness.Xvfb()
    try:
        watch = DisplayWatch(lost.set, server.display)
    finally:
        server.stop()
    assert lost.wait(10)


def test_a_thread_that_dies_is_logged_without_its_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from expander.desktop.app import _thread_failure_hook

    display_lost = threading.Event()
    saved = threading.excepthook
    threading.excepthook = _thread_failure_hook(display_lost)

    def die_of(exc: BaseException, name: str) -> None:
        worker = threading.Thread(target=fail_with, args=(exc,), name=name)
        worker.start()
        worker.join()

    try:
        with caplog.at_level(logging.ERROR, logger="expander"):
            die_of(ValueError(SECRET), "typing")
            # a broken pipe while the display watch says nothing: another connection's
            die_of(BrokenPipeError(32, "Broken pipe"), "pipe")
            display_lost.set()
            die_of(BrokenPipeError(32, "Broken pipe"), "x11")
    finally:
        threading.excepthook = saved
    assert "the typing thread stopped: ValueError" in caplog.text
    assert SECRET not in caplog.text
    assert "the pipe thread stopped: BrokenPipeError" in caplog.text
    assert "the x11 thread" not in caplog.text  # the watch has said it: one line is enough
