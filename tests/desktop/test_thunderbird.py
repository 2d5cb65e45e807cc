"""The app expands triggers in Thunderbird: the body of a new HTML message, where
support agents write their replies.

``expander run`` runs in its own process on Xvfb; xdotool types like a keyboard;
the body is read back from Thunderbird's editor over Marionette (tests/desktop/
thunderbird.py), never through the clipboard, and compared exactly.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.desktop import harness
from tests.desktop.conftest import App, app_on_pack, assert_stopped_cleanly
from tests.desktop.harness import FAST_MS, LONG, MIXED, RUNS, SHORT
from tests.desktop.thunderbird import Thunderbird
from tests.waiting import wait_until

pytestmark = pytest.mark.desktop

SIGNATURE = "Best regards,\nKasia Nowak\nCustomer Support"
SNIPPETS = harness.client_snippets(SIGNATURE)


@pytest.fixture(scope="module")
def app(xdisplay: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    running = app_on_pack(tmp_path_factory.mktemp("thunderbird"), "thunderbird", SNIPPETS)
    yield running
    assert_stopped_cleanly(running)


@pytest.fixture(scope="module")
def thunderbird(xdisplay: str) -> Iterator[Thunderbird]:
    client = Thunderbird()
    try:
        yield client
    finally:
        client.close()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("x ;hi", "x " + SHORT), (";long", LONG), (";mix", MIXED), (";sig", SIGNATURE)],
    ids=["short", "600-characters", "polish-russian-emoji", "signature-lines"],
)
def test_the_reply_arrives_exactly(
    app: App, thunderbird: Thunderbird, typed: str, expected: str
) -> None:
    harness.expands(thunderbird, typed, expected)


def test_a_pasted_signature_keeps_its_lines_in_one_paragraph(
    app: App, thunderbird: Thunderbird
) -> None:
    # a reply longer than 40 characters is pasted: its lines are <br>s, as written
    harness.expands(thunderbird, "Thanks ;sig", "Thanks " + SIGNATURE)
    assert thunderbird.html() == "<p>Thanks Best regards,<br>Kasia Nowak<br>Customer Support</p>"


def test_the_caret_lands_on_the_cursor_mark(app: App, thunderbird: Thunderbird) -> None:
    # A reply of several lines is pasted, however short: its line break is a <br>, as
    # written (a typed Return would start a new paragraph, a blank line in the message)
    harness.expands(thunderbird, ";cur", "Dear ,\nthanks")
    assert thunderbird.html() == "<p>Dear ,<br>thanks</p>"
    # the caret is moved back after the text lands: wait for it
    assert wait_until(lambda: thunderbird.cursor() == len("Dear "), 3), thunderbird.cursor()
    harness.type_text("Anna")
    assert thunderbird.wait_for_text("Dear Anna,\nthanks") == "Dear Anna,\nthanks"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Thanks ;hi more text", "Thanks " + SHORT + " more text"),
        ("Thanks ;sig more text", "Thanks " + SIGNATURE + " more text"),
        ("Hi ;long and on we go", "Hi " + LONG + " and on we go"),
    ],
    ids=["one-line-reply", "signature-lines", "600-characters"],
)
def test_fast_typing_through_an_expansion_loses_and_moves_nothing(
    app: App, thunderbird: Thunderbird, typed: str, expected: str
) -> None:
    results = []
    for _ in range(RUNS):
        thunderbird.clear()
        thunderbird.focus()
        harness.type_text(typed, delay_ms=FAST_MS)
        results.append(thunderbird.wait_for_text(expected))
    wrong = [r for r in results if r != expected]
    assert not wrong, f"{len(wrong)} of {RUNS} runs differ, e.g. {wrong[0]!r}\n{app.log[-3000:]}"


def test_the_users_clipboard_is_restored(app: App, thunderbird: Thunderbird) -> None:
    # the three replies are pasted (not ASCII, or longer than the 40 characters typed)
    try:
        for i, trigger, reply in [(0, ";mix", MIXED), (1, ";long", LONG), (2, ";sig", SIGNATURE)]:
            content = f"copied by the agent {i}: Zażółć, ещё 🙂"
            harness.set_clipboard(content)
            harness.expands(thunderbird, trigger, reply)
            restored = wait_until(lambda c=content: harness.get_clipboard() == c, 2)  # type: ignore[misc]
            assert restored, (i, harness.get_clipboard(), app.log[-2000:])
    finally:
        harness.stop_clipboard_owners()


def test_a_paste_fires_no_blur_or_focus_in_the_message(app: App, thunderbird: Thunderbird) -> None:
    # Thunderbird is not frozen at a paste (x11_keyboard._NO_FREEZE): the freeze's
    # focus-out and -in fired blur and focus on the compose window and on the
    # message's editor (4 events each a paste), where Thunderbird and its add-ons react
    thunderbird.clear()
    thunderbird.focus()
    thunderbird.compose(
        "w.focusEvents = [];"
        " for (const [name, target] of [['compose', w], ['editor', e.contentWindow]])"
        " for (const kind of ['blur', 'focus'])"
        " target.addEventListener(kind, () => w.focusEvents.push(name + ' ' + kind), true);"
    )
    for trigger, reply in [(";long", LONG), (";mix", MIXED)]:
        harness.expands(thunderbird, trigger, reply)
    assert thunderbird.compose("return w.focusEvents;") == []
