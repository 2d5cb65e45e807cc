"""New snippet from a selection: the Tk dialog driven with real keys, then end to
end: text selected in a real window, the hotkey, a trigger and a title typed into
the dialog, Enter, and the new trigger expanding in that window at once.

The dialog tests run it in a thread of the test process, as the app does. The
app runs as a user starts it (``expander run``) with its own EXPANDER_HOME; keys
go through xdotool; the expansion is read back from the Tk text box.

The hotkey is the default Ctrl+Alt+N. A Tk text box takes Ctrl+Alt+N as Ctrl+N,
"next line", which drops its selection before the app can read it (measured
when the hotkeys were only listened to: the dialog opened with an empty reply);
now the app grabs its hotkeys (x11_hotkeys), so the box never gets the key. That
the hotkey is configurable is checked in test_controller.py.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from expander.desktop.backends.tk_new_snippet import NEW_SNIPPET_TITLE, ask_new_snippet
from expander.ports import SnippetDraft
from tests.desktop import harness
from tests.desktop.conftest import App
from tests.desktop.test_dialogs import Running, dialog_closed, wait_for_dialog
from tests.waiting import wait_until

pytestmark = pytest.mark.desktop

TITLE = NEW_SNIPPET_TITLE
REPLY = "Your parcel left our warehouse today, tracking follows."


class Save:
    """The dialog's ``save``: records each draft and answers from ``problems`` (then None)."""

    def __init__(self, *problems: str) -> None:
        self.problems = list(problems)
        self.drafts: list[SnippetDraft] = []

    def __call__(self, draft: SnippetDraft) -> str | None:
        self.drafts.append(draft)
        return self.problems.pop(0) if self.problems else None


def test_a_problem_keeps_the_dialog_open_with_what_was_typed_until_fixed(xdisplay: str) -> None:
    save = Save("snippet 'my-title': trigger '; x' contains white space")
    running = Running(lambda: ask_new_snippet(SnippetDraft("Selected reply"), save))
    wait_for_dialog(TITLE, running)
    harness.type_text("; x")  # the trigger has the focus: the reply is already there
    harness.key("Tab")
    harness.type_text("My title")
    harness.key("Return")
    assert harness.wait_until(lambda: len(save.drafts) == 1, 5, 0.02)
    assert save.drafts[0] == SnippetDraft("Selected reply", "; x", "My title", "my-title")
    harness.key("End", "BackSpace", "BackSpace", "BackSpace")  # the problem's field has the focus
    harness.type_text(";x")
    harness.key("Return")
    assert running.wait() is True
    assert save.drafts[1] == SnippetDraft("Selected reply", ";x", "My title", "my-title")
    assert dialog_closed(TITLE)


def test_enter_in_the_reply_is_a_new_line_ctrl_enter_saves_and_esc_cancels(xdisplay: str) -> None:
    save = Save("the reply is empty")
    running = Running(lambda: ask_new_snippet(SnippetDraft(""), save))
    wait_for_dialog(TITLE, running)
    harness.type_text("Hello")  # nothing selected: the reply has the focus
    harness.key("Return")
    harness.type_text("there")
    harness.key("ctrl+Return")
    assert harness.wait_until(lambda: len(save.drafts) == 1, 5, 0.02)
    assert save.drafts[0].body == "Hello\nthere"
    harness.key("Escape")
    assert running.wait() is False
    assert len(save.drafts) == 1


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("new-snippet") / "home"


@pytest.fixture(scope="module")
def app(xdisplay: str, home: Path) -> Iterator[App]:
    home.mkdir(parents=True)
    running = App(home, "--no-bundled")
    yield running
    assert running.stop() == 0, running.log
    assert "Traceback" not in running.log, running.log
    assert "warehouse" not in running.log  # the reply is never logged


def dialog_has_the_keyboard() -> bool:
    window = harness.window_named(TITLE)
    return window is not None and harness.focused_window() == window


def test_a_selected_reply_becomes_a_snippet_that_expands_at_once(
    app: App, home: Path, tk_target: harness.TkTarget
) -> None:
    tk_target.clear()
    tk_target.focus()
    harness.type_text(REPLY)
    harness.key("shift+Home")  # selected: Tk offers it as the PRIMARY selection
    tk_target.clear_keys()
    harness.key("ctrl+alt+n")
    assert wait_until(dialog_has_the_keyboard, 15, 0.05), app.log
    assert "n" not in tk_target.pressed_keys()  # grabbed: the box never got it
    harness.type_text(";parcel")
    harness.key("Tab")
    harness.type_text("Parcel shipped")
    harness.key("Return")
    assert wait_until(lambda: harness.window_named(TITLE) is None, 5, 0.05), app.log

    [personal] = home.rglob("personal.toml")
    [saved] = tomllib.loads(personal.read_text("utf-8"))["snippets"]
    assert saved == {
        "id": "parcel-shipped",
        "trigger": ";parcel",
        "title": "Parcel shipped",
        "body": REPLY,
    }
    assert "Snippet saved: ;parcel is ready to use" in app.log
    # the keyboard is back in the text box: the new trigger expands there
    harness.key("End")
    harness.type_text(" ;parcel")
    assert tk_target.wait_for_text(f"{REPLY} {REPLY}") == f"{REPLY} {REPLY}"
