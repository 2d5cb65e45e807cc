"""The reply picker, end to end: a copied e-mail, the hotkey, a choice, the reply typed in.

The app runs as a user starts it (``expander run``); the e-mail is put on the
real clipboard; xdotool presses the hotkey and drives the picker; the reply is
read back from the Tk text box that had focus.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import tomli_w

import expander
from expander.suggest import suggest
from tests.desktop import harness
from tests.desktop.conftest import App

pytestmark = pytest.mark.desktop

EMAIL = """Hi,

I ordered a rain jacket two weeks ago (order #77812) and it still has not arrived.
Where is my parcel? I need it before my trip.

Thanks,
Anna Smith

On Mon, 2 Nov 2026 at 10:00, Shop <help@shop.example> wrote:
> Would you like to leave a review of your last purchase?
"""


# Only the learning test answers this one: what it learns is not disturbed by the
# choices other tests make for EMAIL, whatever order they run in.
RETURN_EMAIL = """Hello,

the shoes I bought last week (order #66190) are too small. How can I send them
back and get my money back?

Best regards,
Tom Baker
"""


@pytest.fixture(scope="module")
def library() -> expander.Library:
    return expander.load()


def replies(library: expander.Library, email: str = EMAIL) -> set[str]:
    """The filled replies the picker offers for ``email``."""
    return {s.reply.text for s in suggest(library, email, 5, min_score=0)}


@pytest.fixture(scope="module")
def app(xdisplay: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    folder = tmp_path_factory.mktemp("picker")
    pack = folder / "extra.toml"
    doc = {
        "pack": {"name": "extra", "version": "1.0.0", "language": "en"},
        "snippets": [
            {"id": "greet", "trigger": ";greet", "title": "Greeting", "body": "Hello {name|there}!"}
        ],
    }
    pack.write_bytes(tomli_w.dumps(doc).encode("utf-8"))
    running = App(folder / "home", "--pack", str(pack))
    yield running
    assert running.stop() == 0, running.log
    assert "Traceback" not in running.log, running.log
    assert "Anna" not in running.log and "77812" not in running.log


def test_enter_inserts_the_chosen_filled_reply_where_the_agent_was(
    app: App, tk_target: harness.TkTarget, library: expander.Library
) -> None:
    assert suggest(library, EMAIL, 5, min_score=0)[0].snippet.id == "order-delayed-en"
    offered = replies(library)
    # the reply listed first (whatever this app has learned from earlier tests) ...
    harness.open_picker(tk_target, EMAIL)
    harness.key("Return")
    assert harness.wait_until(lambda: tk_target.text() in offered, 10), "nothing was inserted"
    first = tk_target.text()
    # ... and the one below it: each filled with the customer's name
    harness.open_picker(tk_target, EMAIL)
    harness.key("Down")
    harness.key("Return")
    assert harness.wait_until(lambda: tk_target.text() in offered - {first}, 10), tk_target.text()
    assert "Anna" in first and "Anna" in tk_target.text()


def test_escape_closes_and_types_nothing(app: App, tk_target: harness.TkTarget) -> None:
    closed_before = app.log.count("the picker was closed")
    harness.open_picker(tk_target, EMAIL)
    harness.key("Escape")
    assert harness.picker_closed()
    # the app has decided: after this line it inserts nothing for this e-mail
    assert harness.wait_until(lambda: app.log.count("the picker was closed") > closed_before, 5)
    assert tk_target.text() == ""


def test_the_choice_was_learned_and_the_customer_fills_later_abbreviations(
    app: App, tk_target: harness.TkTarget, library: expander.Library
) -> None:
    # choose the second suggestion for this e-mail: it comes first the next time
    offered = replies(library, RETURN_EMAIL)
    harness.open_picker(tk_target, RETURN_EMAIL)
    harness.key("Down")
    harness.key("Return")
    assert harness.wait_until(lambda: tk_target.text() in offered, 10)
    reply = tk_target.text()
    harness.open_picker(tk_target, RETURN_EMAIL)
    harness.key("Return")
    assert tk_target.wait_for_text(reply, timeout=10) == reply
    # typed again if the first try lands before the focus change of the closing
    # picker, which starts the typed buffer afresh
    assert harness.expands_within(tk_target, ";greet", "Hello Tom!", timeout=5)


def test_the_users_clipboard_is_kept(
    app: App, tk_target: harness.TkTarget, library: expander.Library
) -> None:
    offered = replies(library)
    harness.open_picker(tk_target, EMAIL)
    harness.key("Return")
    # the reply was pasted (it is longer than the paste threshold) ...
    assert harness.wait_until(lambda: tk_target.text() in offered, 10), "nothing was pasted"
    # ... and the clipboard given back
    assert harness.wait_until(lambda: harness.get_clipboard() == EMAIL, 5)
