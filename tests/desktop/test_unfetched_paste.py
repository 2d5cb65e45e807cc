"""A paste nobody fetched (issue 15): the agent keeps the reply or the trigger.

The window is xterm under a class Expander does not know as a terminal, so it
is sent Ctrl+V, which xterm never answers by reading the clipboard (it passes
the key to its program). Before, the trigger was erased and nothing came;
now the reply is typed when the layout can type it and it has one line, else
the trigger is put back, and a notification says which.

In a module of its own: it starts its own app, and no other app of the desktop
tests may run at the same time (both would expand the same keys).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.desktop import harness
from tests.desktop.conftest import App, app_on_pack, assert_stopped_cleanly
from tests.desktop.terminal import XtermTarget
from tests.desktop.test_terminal import LONG
from tests.waiting import wait_until

pytestmark = pytest.mark.desktop

POLISH = "Dzień dobry, zamówienie wyślemy jutro."
SNIPPETS = [
    {"id": "long", "trigger": ";long", "title": "Long", "body": LONG},
    {"id": "pl", "trigger": ";pl", "title": "Polish", "body": POLISH},
    {"id": "two", "trigger": ";two", "title": "Two lines", "inject": "paste",
     "body": "Hello,\nsee you"},
]  # fmt: skip


@pytest.fixture(scope="module")
def app(xdisplay: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    running = app_on_pack(tmp_path_factory.mktemp("unfetched"), "deaf", SNIPPETS)
    yield running
    assert_stopped_cleanly(running, ("sorry that your parcel", "zamówienie", "see you"))


@pytest.fixture(scope="module")
def deaf(xdisplay: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[XtermTarget]:
    target = XtermTarget(tmp_path_factory.mktemp("deaf"), ("deafwindow", "Deafwindow"))
    try:
        yield target
    finally:
        target.close()


def typed_into(target: XtermTarget, typed: str) -> None:
    target.clear()
    target.focus()
    harness.type_text(typed)


def test_a_reply_the_layout_cannot_type_leaves_the_trigger(app: App, deaf: XtermTarget) -> None:
    typed_into(deaf, "x ;pl")
    assert wait_until(lambda: "deaf:pl: the window did not take" in app.log, 10), app.log
    assert deaf.wait_for_text("x ;pl") == "x ;pl"


def test_a_reply_of_two_lines_is_not_typed_where_the_paste_was_ignored(
    app: App, deaf: XtermTarget
) -> None:
    typed_into(deaf, ";two")
    assert wait_until(lambda: "deaf:two: the window did not take" in app.log, 10), app.log
    assert deaf.wait_for_text(";two") == ";two"
    assert deaf.state()["returns"] == 0


# Last in the module: a trigger typed within 0.3 s after this 600-key burst can be
# taken for the app's own keys when RECORD drops the burst's end marker (the
# fast-typing problem of issue #15), so no test of this module types after it.
def test_a_reply_the_window_did_not_fetch_is_typed_instead(app: App, deaf: XtermTarget) -> None:
    typed_into(deaf, "Re: ;long")
    assert deaf.wait_for_text("Re: " + LONG, timeout=30) == "Re: " + LONG
    assert wait_until(lambda: "deaf:long: the window did not take the pasted text" in app.log)
    assert "It was typed instead" in app.log
    assert deaf.state()["returns"] == 0
