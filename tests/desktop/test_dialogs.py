"""The tray app's Tk dialogs, answered for real with xdotool under Xvfb.

Each dialog runs in a thread of the test process (as the app runs it off its
main thread), is found with ``xdotool search --name`` and driven with XTEST keys.
Only ASCII is typed (xdotool's non-ASCII typing remaps keycodes and is flaky,
see X11-NOTES); Polish and Russian text goes in as known values and must come
back exactly.
"""

from __future__ import annotations

import gc
import subprocess
import threading
import tkinter
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

import pytest

from expander.desktop.backends.tk_dialogs import (
    CUSTOMER_TITLE,
    FILL_IN_TITLE,
    ask_fields,
    show_fields,
    show_message,
)
from expander.desktop.backends.tk_picker import PICKER_TITLE, PREPARING_TITLE, pick
from expander.ports import PickerChoice, PickerItem, PickerReplies
from expander.template import FieldSpec
from tests.desktop import harness

pytestmark = pytest.mark.desktop

T = TypeVar("T")

POLISH = "Zażółć gęślą jaźń, Łódź"
RUSSIAN = "Здравствуйте, Анна Сергеевна"


class Running(Generic[T]):
    """A dialog function running in its own thread, as the app runs it."""

    def __init__(self, function: Callable[[], T]) -> None:
        self.result: list[T] = []
        self.error: list[BaseException] = []

        def run() -> None:
            try:
                self.result.append(function())
            except BaseException as exc:  # re-raised in the test by wait()
                self.error.append(exc)

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def wait(self, timeout: float = 10) -> T:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "the dialog did not close"
        if self.error:
            raise self.error[0]
        return self.result[0]


def visible_windows(title: str) -> list[str]:
    out = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
        capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    return out.stdout.split()


def focused_window() -> str:
    out = subprocess.run(["xdotool", "getwindowfocus"], capture_output=True, text=True,
                         timeout=10)  # fmt: skip
    return out.stdout.strip()


def wait_for_dialog(title: str, running: Running[Any], timeout: float = 15) -> str:
    """The dialog's window id, once it is shown and has the keyboard focus."""
    found: list[str] = []

    def ready() -> bool:
        if not running.thread.is_alive():
            return True
        found[:] = visible_windows(title)
        return len(found) == 1 and focused_window() == found[0]

    assert harness.wait_until(ready, timeout, 0.05), f"{title!r} did not open and take focus"
    if not found:
        running.wait(0)  # raises what went wrong in the dialog's thread
        raise AssertionError(f"{title!r} closed by itself")
    return found[0]


def dialog_closed(title: str) -> bool:
    return harness.wait_until(lambda: not visible_windows(title), 5, 0.05)


@pytest.fixture(autouse=True)
def no_dialog_left(xdisplay: str) -> Iterator[None]:
    """Each test starts and ends with no dialog open and no Tk interpreter alive."""
    assert not visible_windows(FILL_IN_TITLE)
    before = {id(o) for o in gc.get_objects() if isinstance(o, tkinter.Tk)}
    yield
    assert dialog_closed(FILL_IN_TITLE)
    assert dialog_closed(CUSTOMER_TITLE)
    # Each interpreter must be freed by the thread that made it (freeing it from
    # another thread aborts the process): none may be left for the collector.
    left = [o for o in gc.get_objects() if isinstance(o, tkinter.Tk) and id(o) not in before]
    assert left == []


def fill_in(specs: list[FieldSpec], known: dict[str, str]) -> Running[dict[str, str] | None]:
    running: Running[dict[str, str] | None] = Running(
        lambda: ask_fields("Order delayed", specs, known)
    )
    wait_for_dialog(FILL_IN_TITLE, running)
    return running


SPECS = [
    FieldSpec("name", "field"),
    FieldSpec("greeting", "field", default="Hello"),
    FieldSpec("order", "field"),
    FieldSpec("remedy", "choice", options=("Refund", "Exchange", "Voucher")),
    FieldSpec("note", "section"),
]


def test_typed_text_a_chosen_option_and_the_known_values_come_back_exactly() -> None:
    running = fill_in(SPECS, {"name": POLISH, "greeting": RUSSIAN})
    # the first field that needs an answer has the focus: order
    harness.type_text("A-77812")
    harness.key("Tab")  # to the choice
    harness.key("Down")
    harness.key("Down")
    harness.key("Up")
    harness.key("Return")
    assert running.wait() == {
        "name": POLISH,
        "greeting": RUSSIAN,
        "order": "A-77812",
        "remedy": "Exchange",
        "note": "",
    }


def test_defaults_prefill_and_an_optional_section_can_be_filled() -> None:
    running = fill_in(SPECS, {"name": POLISH, "order": "77812", "remedy": "Voucher"})
    # nothing needs an answer: the first row has the focus, its text selected
    harness.key("shift+Tab")  # back around to the section, the last row
    harness.type_text("gift wrap")
    harness.key("Return")
    assert running.wait() == {
        "name": POLISH,
        "greeting": "Hello",
        "order": "77812",
        "remedy": "Voucher",
        "note": "gift wrap",
    }


def test_escape_cancels_and_returns_none() -> None:
    running = fill_in(SPECS, {"name": POLISH})
    harness.type_text("typed but cancelled")
    harness.key("Escape")
    assert running.wait() is None


def test_tab_and_shift_tab_move_between_the_rows_in_order() -> None:
    specs = [FieldSpec("first", "field"), FieldSpec("second", "field"),
             FieldSpec("third", "field")]  # fmt: skip
    running = fill_in(specs, {})
    harness.type_text("one")
    harness.key("Tab")
    harness.type_text("two")
    harness.key("Tab")
    harness.type_text("three")
    harness.key("shift+Tab")  # back to "two", selected: typing replaces it
    harness.type_text("TWO")
    harness.key("KP_Enter")
    assert running.wait() == {"first": "one", "second": "TWO", "third": "three"}


def test_a_known_choice_not_among_the_options_is_kept_and_offered() -> None:
    specs = [FieldSpec("remedy", "choice", options=("Refund", "Exchange"))]
    running = fill_in(specs, {"remedy": "Возврат"})
    harness.key("Return")
    assert running.wait() == {"remedy": "Возврат"}
    running = fill_in(specs, {"remedy": "Возврат"})
    harness.key("Down")
    harness.key("Return")
    assert running.wait() == {"remedy": "Refund"}


def test_current_customer_delete_clears_and_escape_keeps() -> None:
    fields = {"name": POLISH, "city": RUSSIAN}
    running: Running[bool] = Running(lambda: show_fields(fields))
    wait_for_dialog(CUSTOMER_TITLE, running)
    harness.key("Delete")
    assert running.wait() is True

    running = Running(lambda: show_fields(fields))
    wait_for_dialog(CUSTOMER_TITLE, running)
    harness.key("Escape")
    assert running.wait() is False


def test_current_customer_enter_presses_the_focused_button() -> None:
    running: Running[bool] = Running(lambda: show_fields({"name": "Anna"}))
    wait_for_dialog(CUSTOMER_TITLE, running)
    harness.key("Return")  # Close has the focus
    assert running.wait() is False

    running = Running(lambda: show_fields({}))
    wait_for_dialog(CUSTOMER_TITLE, running)
    harness.key("Tab")  # to Clear
    harness.key("Return")
    assert running.wait() is True


@pytest.mark.parametrize("close_key", ["Return", "Escape"])
def test_message_closes_with_enter_or_escape(close_key: str) -> None:
    title = "Expander: about"
    running: Running[None] = Running(lambda: show_message(title, f"Expander\n{POLISH}"))
    wait_for_dialog(title, running)
    harness.key(close_key)
    assert running.wait() is None
    assert dialog_closed(title)


# --- the reply picker ------------------------------------------------------------------


def test_the_picker_opens_while_the_replies_are_ranked_and_keys_wait_for_them() -> None:
    replies: Future[PickerReplies] = Future()
    running = Running(lambda: pick(replies))
    wait_for_dialog(PREPARING_TITLE, running)
    assert not visible_windows(PICKER_TITLE)
    harness.key("Return")  # nothing is listed yet: Enter must not close the picker
    replies.set_result(
        PickerReplies(
            (PickerItem("1 ;late", "Dear Anna, on its way."), PickerItem("2 ;gift", POLISH)),
            {"name": "Anna"},
        )
    )
    wait_for_dialog(PICKER_TITLE, running)
    harness.key("Down")
    harness.key("Return")
    assert running.wait() == PickerChoice(1, "insert")
    assert dialog_closed(PICKER_TITLE)


def test_the_picker_closed_before_its_replies_returns_none() -> None:
    replies: Future[PickerReplies] = Future()
    running = Running(lambda: pick(replies))
    wait_for_dialog(PREPARING_TITLE, running)
    harness.key("Escape")
    assert running.wait() is None
    assert dialog_closed(PREPARING_TITLE)
