"""What has the keyboard focus, read from a real X server (Xvfb, no window manager).

Real windows: a Tk application in its own process, and plain X windows made
with python-xlib on their own connection, as another program would make them.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest

from tests.desktop import harness

if TYPE_CHECKING:
    from expander.desktop.backends.x11_windows import WindowInfo

pytestmark = pytest.mark.desktop

# Xlib and the backend (which imports it) are imported where they are used, so this
# module loads, and ``pytest -m "not desktop"`` runs, without the desktop extras.


def focused_window_info(display: Any) -> WindowInfo:
    from expander.desktop.backends import x11_windows

    return x11_windows.focused_window_info(display)


def window_info(*args: Any) -> WindowInfo:
    from expander.desktop.backends import x11_windows

    return x11_windows.WindowInfo(*args)


TITLE = "Zamówienie №5 — Łódź, заказ"

TK_APP = """
import sys, tkinter as tk
root = tk.Tk(className=sys.argv[1])
root.title(sys.argv[2])
root.geometry("300x200+40+40")
entry = tk.Entry(root)
entry.pack()
root.after(50, lambda: (root.focus_force(), entry.focus_set()))
root.mainloop()
"""


@pytest.fixture
def probe(xdisplay: str) -> Iterator[Any]:
    """The connection the app would ask on; the focus goes back to PointerRoot after."""
    from Xlib import X, display

    connection = display.Display()
    yield connection
    connection.set_input_focus(X.PointerRoot, X.RevertToPointerRoot, X.CurrentTime)
    connection.sync()
    connection.close()


@pytest.fixture
def client(xdisplay: str) -> Iterator[Any]:
    """Another program's connection, whose windows we look at."""
    from Xlib import display

    connection = display.Display()
    yield connection
    connection.close()


def make_window(
    client: Any,
    *,
    wm_class: tuple[str, str] | None = None,
    net_wm_name: str | None = None,
    wm_name: bytes | None = None,
    parent: Any = None,
    geometry: tuple[int, int, int, int] = (500, 300, 200, 150),
) -> Any:
    """A mapped window with the given properties, viewable when this returns."""
    from Xlib import X, Xatom

    screen = client.screen()
    window = (parent or screen.root).create_window(
        *geometry, 0, screen.root_depth, X.InputOutput, X.CopyFromParent,
        background_pixel=screen.white_pixel,
    )  # fmt: skip
    if wm_class is not None:
        window.set_wm_class(*wm_class)
    if net_wm_name is not None:
        window.change_property(
            client.get_atom("_NET_WM_NAME"), client.get_atom("UTF8_STRING"), 8,
            net_wm_name.encode("utf-8"),
        )  # fmt: skip
    if wm_name is not None:
        window.change_property(Xatom.WM_NAME, Xatom.STRING, 8, wm_name)
    window.map()
    client.sync()
    assert harness.wait_until(lambda: window.get_attributes().map_state == X.IsViewable, 5), (
        "the window was not mapped"
    )
    return window


def focus(client: Any, window: Any) -> None:
    from Xlib import X

    window.set_input_focus(X.RevertToParent, X.CurrentTime)
    client.sync()


def test_a_tk_application_is_reported_by_class_and_title_and_its_exit_does_not_crash(
    probe: Any,
) -> None:
    app = subprocess.Popen([sys.executable, "-c", TK_APP, "Agentmail", TITLE],
                           start_new_session=True)  # fmt: skip
    try:
        seen: list[WindowInfo] = []

        def focused() -> bool:
            seen[:] = [focused_window_info(probe)]
            return seen[0].title == TITLE

        assert harness.wait_until(focused, 15, 0.05), f"the Tk window never had focus: {seen}"
        info = seen[0]
        assert info.wm_class == ("agentmail", "Agentmail")
        assert (info.instance, info.class_name) == ("agentmail", "Agentmail")
        found = subprocess.run(
            ["xdotool", "search", "--classname", "^agentmail$"], capture_output=True, text=True
        )
        assert info.window_id == int(found.stdout.split()[0])
    finally:
        harness.kill_group(app)

    def forgotten() -> bool:
        seen[:] = [focused_window_info(probe)]
        return seen[0].wm_class == ()

    assert harness.wait_until(forgotten, 5, 0.02), seen
    assert seen[0].title == ""


def test_a_focused_child_window_reports_its_top_level_window(probe: Any, client: Any) -> None:
    top = make_window(client, wm_class=("crm", "CRM"), net_wm_name=TITLE, wm_name=b"ascii")
    inner = make_window(client, parent=top, geometry=(10, 10, 50, 50))
    innermost = make_window(client, parent=inner, geometry=(5, 5, 20, 20))
    focus(client, innermost)
    assert focused_window_info(probe) == window_info(top.id, ("crm", "CRM"), TITLE)
    top.destroy()
    client.sync()


def test_without_net_wm_name_the_title_is_wm_name_utf8_or_latin1(probe: Any, client: Any) -> None:
    utf8 = make_window(client, wm_class=("mail", "Mail"), wm_name="Łódź".encode())
    focus(client, utf8)
    assert focused_window_info(probe).title == "Łódź"
    latin1 = make_window(client, wm_class=("cafe", "Cafe"), wm_name=b"Caf\xe9 cr\xe8me")
    focus(client, latin1)
    assert focused_window_info(probe) == window_info(latin1.id, ("cafe", "Cafe"), "Café crème")
    for window in (utf8, latin1):
        window.destroy()
    client.sync()


def test_a_window_without_wm_class_gives_an_empty_answer(probe: Any, client: Any) -> None:
    bare = make_window(client, net_wm_name="no class here")
    focus(client, bare)
    assert focused_window_info(probe) == window_info(bare.id)
    bare.destroy()
    client.sync()


def test_a_window_that_vanished_during_the_walk_gives_an_empty_answer(
    probe: Any, client: Any
) -> None:
    window = make_window(client, wm_class=("gone", "Gone"))
    focus(client, window)
    dead_id = window.id
    window.destroy()  # with no window manager the focus reverts to the root window
    client.sync()
    assert focused_window_info(probe) == window_info(client.screen().root.id)
    stale = probe.create_resource_object("window", dead_id)

    class FocusOnADeadWindow:
        """The server's answer to GetInputFocus came just before the window died."""

        def get_input_focus(self) -> Any:
            return SimpleNamespace(focus=stale)

        def __getattr__(self, name: str) -> Any:
            return getattr(probe, name)

    assert focused_window_info(FocusOnADeadWindow()) == window_info(dead_id)


def test_with_pointer_root_focus_the_window_under_the_pointer_is_reported(
    probe: Any, client: Any
) -> None:
    from Xlib import X

    window = make_window(client, wm_class=("chat", "Chat"), net_wm_name="Чат",
                         geometry=(600, 400, 200, 150))  # fmt: skip
    client.set_input_focus(X.PointerRoot, X.RevertToPointerRoot, X.CurrentTime)
    client.screen().root.warp_pointer(650, 450)
    client.sync()
    assert focused_window_info(probe) == window_info(window.id, ("chat", "Chat"), "Чат")
    client.screen().root.warp_pointer(1275, 795)  # over the bare root window
    client.sync()
    assert focused_window_info(probe) == window_info(0)
    window.destroy()
    client.sync()


def test_no_focus_at_all_gives_an_empty_answer(probe: Any, client: Any) -> None:
    from Xlib import X

    client.set_input_focus(X.NONE, X.RevertToNone, X.CurrentTime)
    client.sync()
    assert focused_window_info(probe) == window_info(0)


def test_it_is_fast(probe: Any, client: Any) -> None:
    top = make_window(client, wm_class=("crm", "CRM"), net_wm_name=TITLE)
    child = make_window(client, parent=top, geometry=(10, 10, 50, 50))
    focus(client, child)
    timings = []
    for _ in range(50):
        start = time.perf_counter()
        assert focused_window_info(probe).title == TITLE
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.01, timings
    top.destroy()
    client.sync()
