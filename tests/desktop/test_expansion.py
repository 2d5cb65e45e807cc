"""The app expands triggers in a real window: a Tk text box (browsers: test_browsers.py).

``expander run --pack ...`` runs in a subprocess on a real X server (Xvfb);
xdotool types like a keyboard (XTEST); the tests read the window's content back
and compare it exactly.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop import harness
from tests.desktop.conftest import App, app_on_pack, assert_stopped_cleanly
from tests.desktop.harness import LONG, SHORT

pytestmark = pytest.mark.desktop

POLISH = "Dzień dobry, zamówienie wyślemy jutro. Zażółć gęślą jaźń — przepraszamy!"
RUSSIAN = "Здравствуйте! Съешь же ещё этих мягких французских булок, да выпей чаю."
EMOJI = "Thanks a lot! 🎉🙂 See you soon ☕"
SNIPPETS = [
    {"id": "hi", "trigger": ";hi", "title": "Short", "body": SHORT},
    {"id": "long", "trigger": ";long", "title": "Long", "body": LONG},
    {"id": "pl", "trigger": ";pl", "title": "Polish", "body": POLISH},
    {"id": "ru", "trigger": ";ru", "title": "Russian", "body": RUSSIAN},
    {"id": "mix", "trigger": ";mix", "title": "Both", "body": POLISH + "\n" + RUSSIAN},
    {"id": "emoji", "trigger": ";emo", "title": "Emoji", "body": EMOJI},
    {"id": "brb", "trigger": "brb", "title": "Word", "word_boundary": True,
     "body": "be right back"},
    {"id": "cur", "trigger": ";cur", "title": "Cursor", "body": "Dear {cursor},\nthanks"},
    {"id": "name", "trigger": ";name", "title": "Name", "body": "Hello {name|there}!"},
]  # fmt: skip


@pytest.fixture(scope="module")
def app(xdisplay: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    running = app_on_pack(tmp_path_factory.mktemp("e2e"), "e2e", SNIPPETS)
    yield running
    # even at -v the log names snippets but never holds typed or inserted text
    assert_stopped_cleanly(
        running, ("thanks for writing", "Zażółć", "французских", "keep typing", "Anna")
    )


# --- a Tk text box -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("x ;hi", "x " + SHORT),
        (";long", LONG),
        (";pl", POLISH),
        (";ru", RUSSIAN),
        (";mix", POLISH + "\n" + RUSSIAN),
        (";emo", EMOJI),
    ],
    ids=["short", "600-characters", "polish", "russian", "polish-and-russian", "emoji"],
)
def test_tk_expands_exactly(
    app: App, tk_target: harness.TkTarget, typed: str, expected: str
) -> None:
    harness.expands(tk_target, typed, expected)


def test_tk_word_boundary_trigger_waits_for_a_separator_and_keeps_it(
    app: App, tk_target: harness.TkTarget
) -> None:
    harness.expands(tk_target, "brbx brb,", "brbx be right back,")
    harness.type_text(" ok")
    assert tk_target.wait_for_text("brbx be right back, ok") == "brbx be right back, ok"


def test_tk_immediate_trigger_fires_mid_word(app: App, tk_target: harness.TkTarget) -> None:
    harness.expands(tk_target, "abc;hi", "abc" + SHORT)


def test_tk_case_propagation(app: App, tk_target: harness.TkTarget) -> None:
    harness.expands(tk_target, ";Name", "Hello there!")
    harness.expands(tk_target, ";NAME", "HELLO THERE!")


def test_tk_backspace_right_after_an_expansion_undoes_it(
    app: App, tk_target: harness.TkTarget
) -> None:
    harness.expands(tk_target, "ok ;hi", "ok " + SHORT)
    harness.key("BackSpace")
    assert tk_target.wait_for_text("ok ;hi") == "ok ;hi"


def test_tk_cursor_placement(app: App, tk_target: harness.TkTarget) -> None:
    harness.expands(tk_target, ";cur", "Dear ,\nthanks")
    assert tk_target.cursor() == len("Dear ")
    harness.type_text("Anna")
    assert tk_target.wait_for_text("Dear Anna,\nthanks") == "Dear Anna,\nthanks"


def test_tk_two_expansions_in_a_row_and_typing_on(app: App, tk_target: harness.TkTarget) -> None:
    # a fast typist (40 ms a key, 300 characters a minute) goes straight on
    harness.expands(tk_target, ";hi;name and more text", SHORT + "Hello there! and more text", 40)


def test_tk_typing_during_a_paste_injection_is_kept_in_order(
    app: App, tk_target: harness.TkTarget
) -> None:
    harness.expands(tk_target, ";long then I keep typing.", LONG + " then I keep typing.")


def test_tk_polish_and_russian_survive_a_changed_keymap(
    app: App, tk_target: harness.TkTarget
) -> None:
    # xdotool types these letters by remapping spare keycodes, as other tools do
    tk_target.clear()
    tk_target.focus()
    harness.type_text("ąężźćłóń жщюё", delay_ms=30)
    tk_target.clear()
    for _ in range(3):
        harness.expands(tk_target, ";mix", POLISH + "\n" + RUSSIAN)
    harness.reset_keymap()


def test_tk_clipboard_is_restored_after_every_paste(app: App, tk_target: harness.TkTarget) -> None:
    for i in range(50):
        content = f"user clipboard {i}: Zażółć {i}"
        if i % 2:
            harness.set_clipboard(content)  # owned by another program (xclip)
        else:
            tk_target.set_clipboard(content)  # owned by the window we paste into
        harness.expands(tk_target, ";long", LONG)
        restored = harness.wait_until(lambda c=content: harness.get_clipboard() == c, 2)
        assert restored, (i, harness.get_clipboard(), app.log[-2000:])


def test_tk_a_copy_right_after_a_paste_is_not_overwritten(
    app: App, tk_target: harness.TkTarget
) -> None:
    harness.set_clipboard("before")
    harness.expands(tk_target, ";pl", POLISH)
    harness.set_clipboard("copied just now")  # within the app's restore delay
    assert harness.wait_until(lambda: "clipboard was not restored" in app.log, 5), app.log
    assert harness.get_clipboard() == "copied just now"


def test_tk_empty_clipboard_stays_empty(app: App, tk_target: harness.TkTarget) -> None:
    harness.set_clipboard("soon gone")
    harness.stop_clipboard_owners()  # its owner exits: the clipboard has no owner now
    assert harness.get_clipboard() is None
    harness.expands(tk_target, ";pl", POLISH)
    assert harness.wait_until(lambda: harness.get_clipboard() is None, 2), harness.get_clipboard()


def test_no_expansion_in_a_password_manager(app: App, tk_target: harness.TkTarget) -> None:
    vault = harness.TkTarget(class_name="KeePassXC")  # excluded by default
    try:
        vault.clear()
        vault.focus()
        harness.type_text("x ;hi")
        assert vault.wait_for_text("x ;hi") == "x ;hi"
        # The app handles keys in order and injects on the same thread, so once the
        # same trigger has expanded in the next window, the vault's was seen and left.
        harness.expands(tk_target, "x ;hi", "x " + SHORT)
        assert vault.text() == "x ;hi"
    finally:
        vault.close()


def test_app_without_display_explains_and_exits_nonzero(tmp_path: Path) -> None:
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    result = subprocess.run(
        [sys.executable, "-m", "expander", "run", "--no-bundled"],
        env={**env, "EXPANDER_HOME": str(tmp_path)}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("Error: Expander needs a graphical session")
    assert "Traceback" not in result.stderr
