"""ibus-daemon goes away under the IBus backend ('ibus restart', a crash): the app
says in its log that triggers do not expand meanwhile, instead of running on
silently, offers its engine again when a daemon runs again, and still stops
cleanly. Its own module: the daemon of the other IBus tests stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desktop import harness
from tests.desktop.conftest import app_on_pack, assert_stopped_cleanly
from tests.desktop.ibus_session import IBusSession
from tests.desktop.im_clients import GtkTarget
from tests.waiting import wait_until

pytestmark = pytest.mark.desktop

SNIPPETS = [{"id": "hi", "trigger": ";hi", "title": "Hi", "body": "Hello!"}]


def test_the_app_says_so_when_ibus_daemon_goes_away(ibus: IBusSession, tmp_path: Path) -> None:
    app = app_on_pack(tmp_path, "lost", SNIPPETS, "--backend", "ibus", env=ibus.env)
    try:
        assert wait_until(lambda: ibus.engine() == "expander", 10), app.log
        ibus.exit_daemon()
        assert wait_until(lambda: "ibus-daemon stopped" in app.log, 10), app.log
        ibus.start_daemon()  # it starts with a keyboard layout selected
        # the app offers and selects its engine again, as at its start
        assert wait_until(lambda: ibus.engine() == "expander", 15), (ibus.engine(), app.log)
        assert "ibus-daemon is back" in app.log
        # and serves it: a GTK client of the new daemon gets its replies
        client = GtkTarget(env=ibus.env)
        try:
            harness.expands(client, ";hi", "Hello!")
        finally:
            client.close()
    finally:
        assert_stopped_cleanly(app)
    assert app.log.count("ibus-daemon stopped") == 1
