"""The IBus test harness itself (issue 16): a private ibus-daemon that ends with
everything it started, and clients started with its environment that read back,
without typing through the input method, what was typed into them through it.

Here the global engine is IBus's own us layout, which passes every key on; the
IBus backend's tests put Expander's engine in its place.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop import harness
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
def gtk(ibus: IBusSession) -> Iterator[GtkTarget]:
    target = GtkTarget(env=ibus.env)
    try:
        yield target
    finally:
        target.close()


@pytest.mark.parametrize("field", ["view", "password"])
def test_the_gtk_fields_read_back_what_is_typed(gtk: GtkTarget, field: str) -> None:
    target = gtk.field("password" if field == "password" else "view")
    harness.expands(target, TYPED, TYPED, delay_ms=15)
    assert target.cursor() == len(TYPED)
    target.clear()
    assert target.text() == ""


def test_mousepad_reads_back_what_is_typed(ibus: IBusSession) -> None:
    target = MousepadTarget(ibus.env)
    try:
        harness.expands(target, TYPED, TYPED, delay_ms=15)
        assert target.cursor() == len(TYPED)
    finally:
        target.close()


def test_xterm_through_xim_reads_back_what_is_typed(ibus: IBusSession, tmp_path: Path) -> None:
    target = XtermTarget(tmp_path, env=ibus.env)
    try:
        harness.expands(target, TYPED, TYPED, delay_ms=15)
    finally:
        target.close()
