"""The app expands triggers in web browsers: a textarea and a contenteditable div
(as web mail composers use) in Debian's Chromium and Firefox ESR.

``expander run`` runs in its own process on Xvfb; xdotool types like a keyboard;
each field is read back from inside the page (DevTools, Marionette), never
through the clipboard, and compared exactly.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.desktop import browsers, harness
from tests.desktop.conftest import App, app_on_pack, assert_stopped_cleanly
from tests.desktop.harness import FAST_MS, LONG, MIXED, RUNS, SHORT
from tests.waiting import wait_until

pytestmark = pytest.mark.desktop

SIGNATURE = "Best regards,\nKasia"
SNIPPETS = harness.client_snippets(SIGNATURE)


@pytest.fixture(scope="module")
def app(xdisplay: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    running = app_on_pack(tmp_path_factory.mktemp("browsers"), "browsers", SNIPPETS)
    yield running
    assert_stopped_cleanly(running)


CLIENTS = ["chromium-textarea", "chromium-editable", "firefox-textarea", "firefox-editable"]


@pytest.fixture(params=CLIENTS)
def field(request: pytest.FixtureRequest, app: App) -> browsers.BrowserField:
    browser_name, field_name = request.param.split("-")
    browser: browsers.Browser = request.getfixturevalue(browser_name)
    return browser.field(field_name)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("x ;hi", "x " + SHORT), (";long", LONG), (";mix", MIXED)],
    ids=["short", "600-characters", "polish-russian-emoji"],
)
def test_the_reply_arrives_exactly(field: browsers.BrowserField, typed: str, expected: str) -> None:
    harness.expands(field, typed, expected)


def test_the_caret_lands_on_the_cursor_mark(field: browsers.BrowserField) -> None:
    harness.expands(field, ";cur", "Dear ,\nthanks")
    # the caret is moved back after the text lands: wait for it
    assert wait_until(lambda: field.cursor() == len("Dear "), 3), field.cursor()


def test_backspace_right_after_an_expansion_undoes_it(field: browsers.BrowserField) -> None:
    harness.expands(field, ";hi", SHORT)
    harness.key("BackSpace")
    assert field.wait_for_text(";hi") == ";hi"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Thanks ;sig more text", "Thanks " + SIGNATURE + " more text"),
        ("Hi ;long and on we go", "Hi " + LONG + " and on we go"),
    ],
    ids=["typed-reply", "pasted-reply"],
)
def test_fast_typing_through_an_expansion_loses_and_moves_nothing(
    app: App, field: browsers.BrowserField, typed: str, expected: str
) -> None:
    results = []
    for _ in range(RUNS):
        field.clear()
        field.focus()
        harness.type_text(typed, delay_ms=FAST_MS)
        results.append(field.wait_for_text(expected))
    wrong = [r for r in results if r != expected]
    assert not wrong, f"{len(wrong)} of {RUNS} runs differ, e.g. {wrong[0]!r}\n{app.log[-3000:]}"


def test_a_paste_fires_no_blur_or_focus_in_a_firefox_page(
    app: App, firefox: browsers.Firefox
) -> None:
    # the keyboard is not frozen for Firefox: the freeze's focus-out and -in would
    # fire blur and focus in the page (4 events a paste), where a web mail editor
    # may react (save a draft, close a pop-up)
    field = firefox.field("textarea")
    field.clear()
    field.focus()
    firefox.evaluate(
        "(() => { window.focusEvents = 0; const t = document.getElementById('t');"
        " for (const target of [t, window]) for (const kind of ['blur', 'focus'])"
        " target.addEventListener(kind, () => window.focusEvents++); })()"
    )
    harness.type_text(";long")
    assert field.wait_for_text(LONG) == LONG
    assert firefox.evaluate("window.focusEvents") == 0
