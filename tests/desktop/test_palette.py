"""The search palette, end to end: the hotkey, a query with typos, Enter, the reply
read back from the Tk text box that had the focus.

The app runs as a user starts it (``expander run``, the bundled packs and one
more); xdotool presses Ctrl+Alt+Space and types into the palette. How long the
window took to show after the hotkey is printed (``-s``) and logged by the app:
a measurement for bench/RESULTS.md, not an assertion.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
import tomli_w

from tests.desktop import harness
from tests.desktop.conftest import App

pytestmark = pytest.mark.desktop

PALETTE_TITLE = "Expander: search snippets"
REPLY = "Gift cards are refunded as store credit, dear customer."


@pytest.fixture(scope="module")
def app(xdisplay: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    folder = tmp_path_factory.mktemp("palette")
    pack = folder / "extra.toml"
    doc = {
        "pack": {"name": "extra", "version": "1.0.0", "language": "en"},
        "snippets": [
            {
                "id": "gift-refund",
                "trigger": ";gcr",
                "title": "Refund of a gift card",
                "body": "Gift cards are refunded as store credit, {name|dear customer}.",
            }
        ],
    }
    pack.write_bytes(tomli_w.dumps(doc).encode("utf-8"))
    running = App(folder / "home", "--pack", str(pack))
    yield running
    assert running.stop() == 0, running.log
    assert "Traceback" not in running.log, running.log
    assert "crad" not in running.log  # what the agent typed is never logged


def open_palette(target: harness.TkTarget) -> tuple[str, float]:
    """Press the hotkey while ``target`` has the focus; the palette's window and the
    seconds from the key press to the window being visible."""
    target.clear()
    target.focus()
    pressed = time.perf_counter()
    harness.key("ctrl+alt+space")
    found: list[str] = []

    def visible() -> bool:
        window = harness.window_named(PALETTE_TITLE)
        found[:] = [window] if window else []
        return bool(found)

    assert harness.wait_until(visible, 15, 0.005), "the palette did not open"
    shown = time.perf_counter() - pressed
    assert harness.wait_until(lambda: harness.focused_window() == found[0], 5, 0.02), (
        "the palette did not take the keyboard"
    )
    return found[0], shown


def test_the_hotkey_a_query_with_typos_and_enter_insert_the_reply(
    app: App, tk_target: harness.TkTarget
) -> None:
    _, shown = open_palette(tk_target)
    print(f"\npalette window visible {shown * 1000:.0f} ms after the hotkey (xdotool)")
    harness.type_text("gift crad refnd")
    harness.key("Return")
    assert tk_target.wait_for_text(REPLY, timeout=10) == REPLY
    logged = re.findall(r"the search palette showed in (\d+) ms", app.log)
    print(f"palette window mapped {logged} ms after it was asked for (app log)")
    assert logged


def test_escape_closes_the_palette_and_types_nothing(app: App, tk_target: harness.TkTarget) -> None:
    closed_before = app.log.count("the search palette was closed")
    _, shown = open_palette(tk_target)
    print(f"\npalette window visible {shown * 1000:.0f} ms after the hotkey (xdotool)")
    harness.key("Escape")
    assert harness.wait_until(
        lambda: app.log.count("the search palette was closed") > closed_before, 5
    )
    assert harness.window_named(PALETTE_TITLE) is None
    assert tk_target.text() == ""
