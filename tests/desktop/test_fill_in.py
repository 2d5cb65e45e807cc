"""The running app asks for missing fields and choices in a dialog, types the reply
into the window the agent was typing in, and applies an edited settings file live.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w

from expander.desktop.backends.tk_dialogs import FILL_IN_TITLE
from tests.desktop import harness
from tests.desktop.conftest import App

pytestmark = pytest.mark.desktop

SNIPPETS = [
    {
        "id": "offer",
        "trigger": ";offer",
        "title": "Offer a remedy",
        "body": "Dear {name}, we offer {choice remedy:a refund|an exchange}.",
    },
    {"id": "hi", "trigger": ";hi", "title": "Hi", "body": "Hi {name}!"},
    {"id": "sig", "trigger": ";sig", "title": "Signature", "body": "Regards, {agent|nobody}"},
    # expands at once whatever the settings say: proof that the keys before it were seen
    {"id": "now", "trigger": "xnow", "title": "Now", "body": "NOW", "word_boundary": False},
    # each test that needs a field unknown, or known, at its start has its own
    {"id": "thanks", "trigger": ";thanks", "title": "Thanks", "body": "Thanks, {buyer}!"},
    {"id": "hey", "trigger": ";hey", "title": "Hey", "body": "Hi {buyer}!"},
    {
        "id": "remedy",
        "trigger": ";remedy",
        "title": "Offer a remedy",
        "body": "Dear {client|friend}, we offer {choice remedy:a refund|an exchange}.",
    },
]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    write_settings(home, 'agent = "Kasia"')
    return home


def write_settings(home: Path, fields: str, expansion: str = "") -> None:
    text = f"[expansion]\n{expansion}\n[fields]\n{fields}\n"
    tmp = home / "settings.toml.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(home / "settings.toml")


@pytest.fixture(scope="module")
def app(xdisplay: str, home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    pack = tmp_path_factory.mktemp("pack") / "fill.toml"
    doc = {"pack": {"name": "fill", "version": "1.0.0"}, "snippets": SNIPPETS}
    pack.write_bytes(tomli_w.dumps(doc).encode("utf-8"))
    running = App(home, "--no-bundled", "--no-user", "--pack", str(pack))
    yield running
    assert running.stop() == 0, running.log
    assert "Traceback" not in running.log


def open_dialog(target: harness.TkTarget, trigger: str) -> str:
    """Type ``trigger`` into the target; the fill-in dialog opens and takes the focus."""
    target.clear()
    target.focus()
    before = harness.focused_window()
    harness.type_text(trigger)
    dialog: list[str] = []

    def shown() -> bool:
        dialog[:] = [w] if (w := harness.window_named(FILL_IN_TITLE)) else []
        return bool(dialog) and harness.focused_window() == dialog[0]

    assert harness.wait_until(shown, 10, 0.05), "the fill-in dialog did not open"
    assert dialog[0] != before
    return before


def dialog_gone() -> bool:
    return harness.wait_until(lambda: harness.window_named(FILL_IN_TITLE) is None, 5, 0.05)


def test_cancelled_fill_in_types_nothing_and_gives_the_focus_back(
    app: App, tk_target: harness.TkTarget
) -> None:
    target_window = open_dialog(tk_target, ";offer")
    harness.key("Escape")
    assert dialog_gone()
    assert harness.wait_until(lambda: harness.focused_window() == target_window, 5, 0.05)
    # the app has decided: after this line it types nothing for this trigger
    assert harness.wait_until(lambda: "fill-in cancelled" in app.log, 5, 0.05), app.log
    assert tk_target.text() == ";offer"


def test_answered_fill_in_types_the_reply_into_the_window_that_had_focus(
    app: App, tk_target: harness.TkTarget
) -> None:
    target_window = open_dialog(tk_target, "x ;offer")
    harness.type_text("Ola")  # the name field is empty, so it has the focus
    harness.key("Tab", "Down", "Return")  # to the choice list, the second option, accept
    assert dialog_gone()
    expected = "x Dear Ola, we offer an exchange."
    assert tk_target.wait_for_text(expected) == expected
    assert harness.focused_window() == target_window
    assert tk_target.cursor() == len(expected)


def test_a_typed_field_is_remembered_for_the_customer(
    app: App, tk_target: harness.TkTarget
) -> None:
    open_dialog(tk_target, ";thanks")  # no test before knew the buyer
    harness.type_text("Ola")
    harness.key("Return")
    assert dialog_gone()
    assert tk_target.wait_for_text("Thanks, Ola!") == "Thanks, Ola!"
    tk_target.clear()
    tk_target.focus()
    harness.type_text(";hey")
    assert tk_target.wait_for_text("Hi Ola!") == "Hi Ola!"
    assert harness.window_named(FILL_IN_TITLE) is None


def test_nothing_expands_inside_the_dialog(app: App, tk_target: harness.TkTarget) -> None:
    open_dialog(tk_target, ";remedy")  # the client has a default: the choice has the focus
    harness.key("shift+Tab")  # back to the client field, its text selected
    harness.type_text(";sig")  # a trigger typed into the dialog's name field stays text
    time.sleep(0.4)
    harness.key("Return")
    assert dialog_gone()
    expected = "Dear ;sig, we offer a refund."
    assert tk_target.wait_for_text(expected) == expected


def expands(target: harness.TkTarget, typed: str, expected: str) -> bool:
    return harness.expands_within(target, typed, expected, timeout=2.5)


def test_an_edited_settings_file_applies_without_a_restart(
    app: App, tk_target: harness.TkTarget, home: Path
) -> None:
    write_settings(home, 'agent = "Kasia"')  # as the app started, whatever ran before
    assert expands(tk_target, ";sig", "Regards, Kasia")
    applied = app.log.count("Settings applied: fields.agent changed")
    write_settings(home, 'agent = "Basia"')
    assert expands(tk_target, ";sig", "Regards, Basia")
    assert harness.wait_until(
        lambda: app.log.count("Settings applied: fields.agent changed") > applied, 5
    )


def test_a_broken_settings_edit_keeps_the_settings_it_had(
    app: App, tk_target: harness.TkTarget, home: Path
) -> None:
    write_settings(home, 'agent = "Basia"', expansion="paste_threshold = -5")
    assert harness.wait_until(lambda: "Settings not applied" in app.log, 5), app.log
    assert f"{home / 'settings.toml'}:2" in app.log
    assert expands(tk_target, ";sig", "Regards, Basia")


def test_the_word_boundary_setting_applies_to_snippets_that_say_nothing(
    app: App, tk_target: harness.TkTarget, home: Path
) -> None:
    write_settings(home, 'agent = "Basia"', expansion="word_boundary = true")
    assert harness.wait_until(lambda: "expansion.word_boundary" in app.log, 5), app.log
    assert harness.wait_until(lambda: app.log.count("Reloaded") >= 1, 5), app.log
    tk_target.clear()
    tk_target.focus()
    harness.type_text(";sig")  # waits for a word boundary now ...
    harness.type_text("xnow")  # ... while a snippet that says otherwise expands at once
    assert tk_target.wait_for_text(";sigNOW") == ";sigNOW"
    tk_target.clear()
    harness.type_text(";sig.")
    assert tk_target.wait_for_text("Regards, Basia.") == "Regards, Basia."
    write_settings(home, 'agent = "Basia"')
    assert expands(tk_target, ";sig", "Regards, Basia")
