"""The IBus test harness itself (issue 16): a private ibus-daemon that ends with
everything it started, and clients started with its environment that route their
keys to IBus and read back, without typing through the input method, what was
typed into them.

The engine is tests/desktop/ibus_probe.py, which records what it gets and passes
every key on; the IBus backend's tests put Expander's engine in its place.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop import browsers, harness
from tests.desktop.ibus_probe import SURROUNDING_TEXT, IBusProbe
from tests.desktop.ibus_session import DEFAULT_ENGINE, IBusSession, marked_pids
from tests.desktop.im_clients import GtkTarget, MousepadTarget
from tests.desktop.terminal import XtermTarget

pytestmark = pytest.mark.desktop

TYPED = "abc ;hi x"


def test_a_session_ends_every_process_it_started_and_can_start_again(xdisplay: str) -> None:
    for _ in range(2):
        session = IBusSession(xdisplay)
        pids = session.pids()
        commands = {Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0] for pid in pids}
        assert b"ibus-daemon" in commands
        assert any(c.endswith(b"ibus-x11") for c in commands)  # the XIM server
        assert session.engine() == DEFAULT_ENGINE
        session.stop()
        assert marked_pids(session.marker) == []
        assert not session.folder.exists()


def test_select_changes_the_global_engine(ibus: IBusSession) -> None:
    try:
        ibus.select("xkb:us:intl:eng")
        assert ibus.engine() == "xkb:us:intl:eng"
    finally:
        ibus.select(DEFAULT_ENGINE)
        harness.reset_keymap()  # the ibus command sets the engine's layout with setxkbmap
    assert ibus.engine() == DEFAULT_ENGINE


@pytest.fixture(scope="module")
def probe(ibus: IBusSession, tmp_path_factory: pytest.TempPathFactory) -> Iterator[IBusProbe]:
    engine = IBusProbe(ibus, tmp_path_factory.mktemp("probe"))
    try:
        yield engine
    finally:
        engine.close()
        ibus.select(DEFAULT_ENGINE)


def typed_through_ibus(target: harness.Target, probe: IBusProbe) -> None:
    """Type TYPED at 15 ms a key: the target reads it back, and IBus got every key."""
    probe.forget()
    harness.expands(target, TYPED, TYPED, delay_ms=15)
    assert probe.typed() == TYPED


def test_the_gtk_view_routes_keys_to_ibus_and_announces_surrounding_text(
    gtk: GtkTarget, probe: IBusProbe
) -> None:
    typed_through_ibus(gtk, probe)
    assert gtk.cursor() == len(TYPED)
    assert (probe.caps() or 0) & SURROUNDING_TEXT
    gtk.clear()
    assert gtk.text() == ""


def test_the_gtk_password_entry_reads_back_and_routes_no_keys_to_ibus(
    gtk: GtkTarget, probe: IBusProbe
) -> None:
    password = gtk.field("password")
    probe.forget()
    harness.expands(password, TYPED, TYPED, delay_ms=15)
    assert password.cursor() == len(TYPED)
    assert probe.typed() == ""


def test_mousepad_routes_keys_to_ibus_and_announces_surrounding_text(
    ibus: IBusSession, probe: IBusProbe
) -> None:
    target = MousepadTarget(ibus.env)
    try:
        typed_through_ibus(target, probe)
        assert target.cursor() == len(TYPED)
        assert (probe.caps() or 0) & SURROUNDING_TEXT
    finally:
        target.close()


def test_xterm_routes_keys_to_ibus_through_xim_without_surrounding_text(
    ibus: IBusSession, probe: IBusProbe, tmp_path: Path
) -> None:
    target = XtermTarget(tmp_path, env=ibus.env)
    try:
        typed_through_ibus(target, probe)
        assert not (probe.caps() or 0) & SURROUNDING_TEXT
    finally:
        target.close()


@pytest.mark.parametrize("browser", [browsers.Chromium, browsers.Firefox])
def test_browsers_route_keys_to_ibus(
    ibus: IBusSession, probe: IBusProbe, browser: type[browsers.Browser]
) -> None:
    window = browser(env=ibus.env)
    try:
        typed_through_ibus(window.field("textarea"), probe)
    finally:
        window.close()
