"""The tray icon's teardown after Quit: pystray hides its last notification over
D-Bus on the way out, which raises in a session without D-Bus (a bare X session);
that must not end the app in a traceback, while a failure before Quit still must."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.desktop  # pystray picks its backend from the display


class Icon:
    """pystray's icon as far as the tray uses it; ``during_run`` is what happens
    while its loop runs, before the loop's teardown raises."""

    def __init__(self, during_run: Callable[[], None] = lambda: None) -> None:
        self.during_run = during_run

    def run(self, setup: Any) -> None:
        self.during_run()
        raise RuntimeError("The connection is closed")  # as GLib's GError does

    def stop(self) -> None:
        pass


def tray_with(icon: Icon) -> Any:
    from expander.desktop.backends.tray import Tray

    tray = Tray.__new__(Tray)  # the icon only: the menu and image play no part here
    tray.icon = icon
    tray._stopping = False
    tray._ready = False
    tray._failed = False
    return tray


def test_a_teardown_failure_after_quit_is_not_raised(xdisplay: str) -> None:
    icon = Icon()
    tray = tray_with(icon)
    icon.during_run = tray.stop  # the agent chose Quit
    tray.run()


def test_a_failure_of_the_loop_itself_is_raised(xdisplay: str) -> None:
    tray = tray_with(Icon())
    with pytest.raises(RuntimeError):
        tray.run()


# pystray's GTK backend calls GObject.idle_add, which PyGObject deprecates
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_a_loop_that_fails_before_it_is_ready_leaves_no_thread_behind(
    xdisplay: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pystray's setup thread is no daemon: left waiting for a ready loop, it kept
    the process alive for ever after the app had stopped."""
    from expander.desktop.backends.tray import Tray

    monkeypatch.setenv("PYSTRAY_BACKEND", "gtk")
    tray = Tray([])

    def fail_to_start() -> None:
        raise RuntimeError("no D-Bus session")  # as GLib's GError does

    monkeypatch.setattr(tray.icon, "_run", fail_to_start)
    with pytest.raises(RuntimeError):
        tray.run()
    setup_thread = tray.icon._setup_thread  # pystray's, started by run()
    setup_thread.join(10)
    assert not setup_thread.is_alive()
