from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import expander
from expander.desktop.backends.fake import FakeClipboard, FakeKeySource, FakeTextBox
from expander.engine import Engine, EngineSettings, Expansion, Failure
from expander.errors import BackendError, InjectionSkipped
from expander.matcher import KeyEvent, SpecialKey
from tests.conftest import WriteFile
from tests.waiting import wait_until

PACK = """
[pack]
name = "t"
version = "1.0.0"
language = "pl"

[[snippets]]
id = "hi"
trigger = ";hi"
title = "Hi"
body = "Hello {name|there}!"

[[snippets]]
id = "wb"
trigger = "brb"
title = "Be right back"
word_boundary = true
body = "be right back"

[[snippets]]
id = "pl"
trigger = ";pl"
title = "Polish"
body = "Dzień dobry, zamówienie {order} wyślemy {date+0wd:on}."

[[snippets]]
id = "cur"
trigger = ";cur"
title = "Cursor"
body = "Dear {cursor},\\nthanks"

[[snippets]]
id = "long"
trigger = ";long"
title = "Long"
body = "{snippet:hi} We are sorry for the delay and will send it tomorrow."

[[snippets]]
id = "clip"
trigger = ";clip"
title = "Clip"
body = "Link: {clipboard}"

[[snippets]]
id = "typed"
trigger = ";typed"
title = "Always typed"
inject = "type"
body = "ok"

[[snippets]]
id = "pasted"
trigger = ";pasted"
title = "Always pasted"
inject = "paste"
body = "ok"
"""


class Rig:
    def __init__(
        self,
        lib: expander.Library,
        fields: dict[str, str] | None = None,
        clock: Callable[[], float] | None = None,
        render_timeout: float = 1.0,
    ) -> None:
        self.box = FakeTextBox()
        self.keys = FakeKeySource(self.box)
        self.fields = fields or {}
        self.engine = Engine(
            lib,
            self.box,
            clipboard=self.box.clipboard,
            fields=lambda: self.fields,
            settings=EngineSettings(paste_threshold=20, render_timeout=render_timeout),
            clock=clock or (lambda: 0.0),
        )
        self.keys.start(self.engine.handle)
        self.expansions: list[Expansion] = []
        self.engine.on_expansion(self.expansions.append)
        self.failures: list[Failure] = []
        self.engine.on_failure(self.failures.append)

    def kinds(self) -> list[str]:
        return [failure.kind for failure in self.failures]


@pytest.fixture
def lib(write: WriteFile) -> expander.Library:
    library = expander.load(write("t.toml", PACK), include_bundled=False)
    assert library.problems == ()
    return library


@pytest.fixture
def rig(lib: expander.Library) -> Rig:
    return Rig(lib, {"name": "Anna"})


def test_immediate_trigger_is_replaced(rig: Rig) -> None:
    rig.keys.type("Hi ;hi")
    assert rig.box.text == "Hi Hello Anna!"
    assert rig.box.caret == len(rig.box.text)
    assert rig.box.log[:3] == [("wait", 2.0), ("erase", 3), ("type", "Hello Anna!")]


def test_missing_field_uses_default(lib: expander.Library) -> None:
    rig = Rig(lib)
    rig.keys.type(";hi")
    assert rig.box.text == "Hello there!"


def test_case_propagation(rig: Rig) -> None:
    rig.keys.type(";Hi ;HI")
    assert rig.box.text == "Hello Anna! HELLO ANNA!"


def test_word_boundary_trigger_keeps_the_separator(rig: Rig) -> None:
    rig.keys.type("brbx brb, ok")
    assert rig.box.text == "brbx be right back, ok"


def test_non_ascii_reply_is_pasted_and_clipboard_restored(rig: Rig) -> None:
    rig.box.clipboard.text = "user's clipboard"
    rig.fields["order"] = "#12"
    rig.keys.type(";pl")
    assert rig.box.text.startswith("Dzień dobry, zamówienie #12 wyślemy w")
    assert rig.box.log[2][0] == "paste"
    assert rig.box.clipboard.text == "user's clipboard"


def test_long_reply_is_pasted_short_is_typed(rig: Rig) -> None:
    rig.keys.type(";long")
    assert rig.box.text == "Hello Anna! We are sorry for the delay and will send it tomorrow."
    assert [entry[0] for entry in rig.box.log] == ["wait", "erase", "paste"]


def test_per_snippet_inject_mode(rig: Rig) -> None:
    rig.keys.type(";typed ;pasted")
    kinds = [entry[0] for entry in rig.box.log if entry[0] in ("type", "paste")]
    assert kinds == ["type", "paste"]
    assert rig.box.text == "ok ok"


def test_cursor_placement(rig: Rig) -> None:
    rig.keys.type(";cur")
    rig.keys.type("Anna")
    assert rig.box.text == "Dear Anna,\nthanks"


def test_a_short_reply_of_several_lines_is_pasted_not_typed(rig: Rig) -> None:
    # "Dear ,\nthanks" is short and typeable, but a typed Return would start a new
    # paragraph in an HTML editor or send the message in a chat box
    rig.keys.type("x ;hi ;cur")
    kinds = [entry[0] for entry in rig.box.log if entry[0] in ("type", "paste")]
    assert kinds == ["type", "paste"]  # the one-line ";hi" is still typed


def test_backspace_right_after_expansion_undoes_it(rig: Rig) -> None:
    rig.keys.type("x ;Hi")
    assert rig.box.text == "x Hello Anna!"
    rig.keys.press(SpecialKey.BACKSPACE)
    assert rig.box.text == "x ;Hi"
    rig.keys.press(SpecialKey.BACKSPACE)
    assert rig.box.text == "x ;H"


def test_undo_with_cursor_inside_the_reply(rig: Rig) -> None:
    rig.keys.type(";cur")
    rig.keys.press(SpecialKey.BACKSPACE)
    assert rig.box.text == ";cur"
    assert rig.box.caret == 4


def test_undo_of_word_boundary_expansion(rig: Rig) -> None:
    rig.keys.type("brb ")
    rig.keys.press(SpecialKey.BACKSPACE)
    assert rig.box.text == "brb"


def test_backspace_later_is_just_a_backspace(rig: Rig) -> None:
    rig.keys.type(";hi!")
    rig.keys.press(SpecialKey.BACKSPACE)
    assert rig.box.text == "Hello Anna!"


def test_click_or_focus_change_resets_the_buffer(rig: Rig) -> None:
    rig.keys.type(";h")
    rig.keys.click()
    rig.keys.type("i")
    assert rig.box.text == ";hi"


def test_idle_time_resets_the_buffer(lib: expander.Library) -> None:
    now = [0.0]
    rig = Rig(lib, clock=lambda: now[0])
    rig.keys.type(";h")
    now[0] = 100.0
    rig.keys.type("i")
    assert rig.box.text == ";hi"


def test_pause_and_resume(rig: Rig) -> None:
    rig.engine.pause()
    rig.keys.type(";hi ")
    assert rig.box.text == ";hi "
    rig.engine.resume()
    rig.keys.type(";hi")
    assert rig.box.text == ";hi Hello Anna!"


def test_injected_keys_are_ignored(rig: Rig) -> None:
    for ch in ";hi":
        assert rig.engine.handle(KeyEvent.text(ch, injected=True)) is None
    assert rig.box.text == ""


def test_clipboard_field_reads_the_clipboard_only_when_needed(rig: Rig) -> None:
    rig.box.clipboard.text = "https://track.example/1"
    rig.keys.type(";hi ")
    assert rig.box.clipboard.reads == 0
    rig.keys.type(";clip")
    assert rig.box.text == "Hello Anna! Link: https://track.example/1"
    assert rig.box.clipboard.reads == 1


def test_expansion_listeners_are_told_and_cannot_break_typing(rig: Rig) -> None:
    def broken(_: Expansion) -> None:
        raise RuntimeError("boom")

    rig.engine.on_expansion(broken)
    rig.keys.type(";hi")
    assert [e.snippet_id for e in rig.expansions] == ["hi"]
    assert rig.box.text == "Hello Anna!"


def test_set_library_switches_triggers(rig: Rig, write: WriteFile) -> None:
    new = expander.load(
        write(
            "n.toml",
            '[pack]\nname = "n"\nversion = "1.0.0"\n[[snippets]]\nid = "x"\n'
            'trigger = ";x"\ntitle = "X"\nbody = "new"\n',
        ),
        include_bundled=False,
    )
    rig.engine.set_library(new)
    rig.keys.type(";hi ;x")
    assert rig.box.text == ";hi new"


def test_a_reload_with_the_same_triggers_keeps_a_trigger_half_typed(
    rig: Rig, write: WriteFile
) -> None:
    edited = expander.load(
        write("t.toml", PACK.replace("Hello {name|there}!", "Good day {name|there}!")),
        include_bundled=False,
    )
    assert edited.find("hi") is not None
    rig.keys.type(";h")
    rig.engine.set_library(edited)  # the agent saved an edit of the reply meanwhile
    rig.keys.type("i")
    assert rig.box.text == "Good day Anna!"


def test_a_reload_with_other_triggers_starts_the_buffer_afresh(rig: Rig, write: WriteFile) -> None:
    more = expander.load(
        write(
            "t.toml",
            PACK + '\n[[snippets]]\nid = "x"\ntrigger = ";x"\ntitle = "X"\nbody = "new"\n',
        ),
        include_bundled=False,
    )
    rig.keys.type(";h")
    rig.engine.set_library(more)
    rig.keys.type("i")
    assert rig.box.text == ";hi"


def test_gap_for_missing_field_is_visible(rig: Rig) -> None:
    rig.keys.type(";pl")
    assert "zamówienie {order} wyślemy" in rig.box.text
    assert rig.expansions[0].missing == ("order",)


def test_held_modifier_skips_the_expansion(rig: Rig) -> None:
    rig.box.modifiers_held = True
    rig.keys.type(";hi")
    assert rig.box.text == ";hi"
    assert rig.expansions == []


def test_clipboard_double_is_unchanged_after_many_pastes(rig: Rig) -> None:
    rig.box.clipboard.text = "keep me"
    for _ in range(50):
        rig.keys.type(";long\n")
    assert rig.box.clipboard.text == "keep me"
    assert rig.box.text.count("Hello Anna!") == 50


def test_uses_fake_clipboard_type() -> None:
    assert FakeClipboard("x").read_text() == "x"


CHOICE_PACK = """
[pack]
name = "c"
version = "1.0.0"

[[snippets]]
id = "offer"
trigger = ";offer"
title = "Offer"
body = "Dear {name}, we offer {choice remedy:a refund|an exchange}. Order {order|unknown}."
"""


def test_missing_fields_and_choices_are_asked_for(write: WriteFile) -> None:
    lib = expander.load(write("c.toml", CHOICE_PACK), include_bundled=False)
    asked: list[tuple[str, ...]] = []

    def ask(snippet: object, specs: tuple[object, ...], known: object) -> dict[str, str]:
        asked.append(tuple(s.name for s in specs))  # type: ignore[attr-defined]
        return {"name": "Ola", "remedy": "an exchange"}

    box = FakeTextBox()
    keys = FakeKeySource(box)
    engine = Engine(lib, box, fields=dict, ask_fields=ask)
    keys.start(engine.handle)
    keys.type(";offer")
    assert wait_until(lambda: box.text == "Dear Ola, we offer an exchange. Order unknown.")
    # asked once, with every field shown ("order" prefilled with its default)
    assert asked == [("name", "remedy", "order")]


def test_cancelled_fill_in_types_nothing(write: WriteFile) -> None:
    lib = expander.load(write("c.toml", CHOICE_PACK), include_bundled=False)
    done: list[bool] = []

    def ask(snippet: object, specs: object, known: object) -> None:
        done.append(True)
        return None

    box = FakeTextBox()
    keys = FakeKeySource(box)
    engine = Engine(lib, box, fields=lambda: {"name": "Ola"}, ask_fields=ask)
    keys.start(engine.handle)
    keys.type(";offer")
    assert wait_until(lambda: bool(done))
    assert box.text == ";offer"
    assert [entry for entry in box.log if entry[0] != "wait"] == []


def test_known_fields_are_not_asked_for(write: WriteFile) -> None:
    lib = expander.load(write("c.toml", CHOICE_PACK), include_bundled=False)

    def ask(snippet: object, specs: object, known: object) -> None:
        raise AssertionError("nothing to ask")

    box = FakeTextBox()
    keys = FakeKeySource(box)
    engine = Engine(lib, box, fields=lambda: {"name": "Ola", "remedy": "a refund"},
                    ask_fields=ask)  # fmt: skip
    keys.start(engine.handle)
    keys.type(";offer")
    assert box.text == "Dear Ola, we offer a refund. Order unknown."


def test_excluded_window_gets_no_expansion(lib: expander.Library) -> None:
    box = FakeTextBox()
    keys = FakeKeySource(box)
    engine = Engine(lib, box, excluded=lambda: True)
    keys.start(engine.handle)
    keys.type(";hi")
    assert box.text == ";hi"


# --- the engine never loses the keyboard ---------------------------------------------


def deep_chain(levels: int) -> str:
    """Snippets that each include the next: ``;deep`` renders ``levels`` deep."""
    return "".join(
        f'''
[[snippets]]
id = "deep{i}"
{'trigger = ";deep"' if i == 0 else ""}
title = "Deep"
body = "{f"{{snippet:deep{i + 1}}}" if i < levels - 1 else "the end"}"
'''
        for i in range(levels)
    )


def test_a_deep_include_chain_stays_as_typed_and_other_triggers_expand(write: WriteFile) -> None:
    # 600 levels: past Python's recursion limit when rendered (a RecursionError, or a
    # TemplateError once templates limit their depth), not past the pack loader's
    lib = expander.load(write("t.toml", PACK + deep_chain(600)), include_bundled=False)
    rig = Rig(lib, {"name": "Anna"})
    rig.keys.type(";deep ;hi")
    assert rig.box.text == ";deep Hello Anna!"
    assert [e.snippet_id for e in rig.expansions] == ["hi"]
    [failure] = rig.failures
    assert "t:deep0" in failure.kind and "t:deep0" in failure.message


@pytest.fixture
def hi_raises(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[], object]], None]:
    """Make rendering ``hi`` run ``action`` first (raise, or wait)."""

    def install(action: Callable[[], object]) -> None:
        real = expander.Library.render

        def render(self: expander.Library, key: Any, *args: Any, **kwargs: Any) -> Any:
            if getattr(key, "id", key) == "hi":
                action()
            return real(self, key, *args, **kwargs)

        monkeypatch.setattr(expander.Library, "render", render)

    return install


@pytest.mark.parametrize("error", [RecursionError, ValueError, KeyError])
def test_a_render_that_raises_is_logged_without_its_message_and_typing_goes_on(
    lib: expander.Library,
    hi_raises: Callable[[Callable[[], object]], None],
    caplog: pytest.LogCaptureFixture,
    error: type[Exception],
) -> None:
    secret = "Anna" + " typed this"  # the traceback shows source lines: not this text

    def fail() -> None:
        raise error(secret)

    hi_raises(fail)
    rig = Rig(lib, {"name": "Anna"})
    with caplog.at_level(logging.DEBUG, logger="expander"):
        rig.keys.type(";hi ;typed ;hi")
    assert rig.box.text == ";hi ok ;hi"
    assert rig.kinds() == [f"crash:t:hi:{error.__name__}"] * 2
    assert f"rendering t:hi failed: {error.__name__}" in caplog.text
    assert secret not in caplog.text


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set at the end of the test: ends the renders a test left waiting on it."""
    event = threading.Event()
    yield event
    event.set()


def test_a_render_over_its_budget_is_abandoned_and_refused_until_it_ends(
    lib: expander.Library,
    hi_raises: Callable[[Callable[[], object]], None],
    release: threading.Event,
    caplog: pytest.LogCaptureFixture,
) -> None:
    renders: list[int] = []
    hi_raises(lambda: renders.append(1) or release.wait(30))
    rig = Rig(lib, {"name": "Anna"}, render_timeout=0.2)
    with caplog.at_level(logging.INFO, logger="expander"):
        rig.keys.type(";hi ;typed")
        assert rig.box.text == ";hi ok"
        rig.keys.type(" ;hi")  # refused at once: its abandoned render still runs
        assert rig.box.text == ";hi ok ;hi"
        assert len(renders) == 1
        assert rig.kinds() == ["slow:t:hi", "slow:t:hi"]
        release.set()
        assert wait_until(lambda: "the abandoned render of t:hi ended" in caplog.text)
    rig.keys.type(" ;hi")
    assert rig.box.text == ";hi ok ;hi Hello Anna!"


def test_a_click_during_a_render_is_not_blocked_and_nothing_is_inserted(
    lib: expander.Library,
    hi_raises: Callable[[Callable[[], object]], None],
    release: threading.Event,
) -> None:
    rendering = threading.Event()
    hi_raises(lambda: rendering.set() or release.wait(30))
    rig = Rig(lib, {"name": "Anna"}, render_timeout=30)
    typing = threading.Thread(target=rig.keys.type, args=(";hi",))
    typing.start()
    assert rendering.wait(10)
    click = threading.Thread(target=rig.keys.click)
    click.start()
    click.join(10)
    assert not click.is_alive()  # the engine's lock is free while a snippet renders
    release.set()
    typing.join(10)
    assert rig.box.text == ";hi"  # the caret may have moved: nothing inserted
    assert rig.expansions == []


def test_a_callback_that_raises_costs_one_trigger_not_the_keyboard(lib: expander.Library) -> None:
    broken = [True]

    def excluded() -> bool:
        if broken:
            raise OSError("the window is gone")
        return False

    box = FakeTextBox()
    keys = FakeKeySource(box)
    engine = Engine(lib, box, excluded=excluded)
    failures: list[Failure] = []
    engine.on_failure(failures.append)
    keys.start(engine.handle)
    keys.type(";typed")
    assert box.text == ";typed"
    assert [f.kind for f in failures] == ["key:OSError"]
    broken.clear()
    keys.type(" ;typed")
    assert box.text == ";typed ok"


def test_a_failure_listener_that_raises_breaks_nothing(
    lib: expander.Library, hi_raises: Callable[[Callable[[], object]], None]
) -> None:
    hi_raises(lambda: 1 / 0)
    rig = Rig(lib, {"name": "Anna"})

    def broken(_: Failure) -> None:
        raise RuntimeError("the notifier is gone")

    rig.engine.on_failure(broken)
    rig.keys.type(";hi ;typed")
    assert rig.box.text == ";hi ok"


def test_a_reply_made_through_the_fill_in_is_told_to_the_listeners(write: WriteFile) -> None:
    lib = expander.load(write("c.toml", CHOICE_PACK), include_bundled=False)
    box = FakeTextBox()
    keys = FakeKeySource(box)
    engine = Engine(lib, box, ask_fields=lambda *_: {"name": "Ola", "remedy": "a refund"})
    expansions: list[Expansion] = []
    engine.on_expansion(expansions.append)
    keys.start(engine.handle)
    keys.type(";offer")
    assert wait_until(lambda: [e.snippet_id for e in expansions] == ["offer"])
    assert box.text == "Dear Ola, we offer a refund. Order unknown."


# --- a window that does not take the reply (issue 15, problem 1 and the paste fallback) ---


class _DeafWindow(FakeTextBox):
    """A window that never fetches a paste, like a terminal sent Ctrl+V; with
    ``terminal`` it also refuses line breaks, as the X11 injector does there."""

    terminal: bool = False

    def paste_text(self, text: str, erase: int = 0) -> int:
        if erase:
            self.erase(erase)
        self._refuse(text)
        self.log.append(("paste-ignored", text))
        raise BackendError("the window did not take the pasted text")

    def type_text(self, text: str, erase: int = 0) -> int:
        if erase:
            self.erase(erase)
        self._refuse(text)
        return super().type_text(text)

    def _refuse(self, text: str) -> None:
        if self.terminal and "\n" in text:
            raise BackendError("a reply of several lines is not inserted into a terminal")


def _deaf_rig(lib: expander.Library, *, terminal: bool = False) -> Rig:
    rig = Rig(lib, {"name": "Anna", "order": "#12"})
    box = _DeafWindow()
    box.terminal = terminal
    rig.box = rig.engine.injector = box  # type: ignore[assignment]
    rig.keys = FakeKeySource(box)
    rig.keys.start(rig.engine.handle)
    return rig


def test_a_paste_nobody_fetched_is_typed_when_the_layout_can(lib: expander.Library) -> None:
    rig = _deaf_rig(lib)
    rig.keys.type("Re: ;long")
    assert rig.box.text == "Re: Hello Anna! We are sorry for the delay and will send it tomorrow."
    assert [e[0] for e in rig.box.log] == ["wait", "erase", "paste-ignored", "type"]
    assert rig.kinds() == ["typed-instead:t:long"]
    assert "typed instead" in rig.failures[0].message
    assert [e.mode for e in rig.expansions] == ["type"]
    rig.keys.press(SpecialKey.BACKSPACE)  # undo still works on the typed reply
    assert rig.box.text == "Re: ;long"


def test_a_paste_nobody_fetched_puts_the_trigger_back_when_the_layout_cannot(
    lib: expander.Library,
) -> None:
    rig = _deaf_rig(lib)
    rig.keys.type("x ;pl")
    assert rig.box.text == "x ;pl"
    assert rig.kinds() == ["not-inserted:t:pl"]
    assert "trigger was put back" in rig.failures[0].message
    assert rig.expansions == []


def test_a_multi_line_reply_is_never_typed_into_a_window_that_ignored_the_paste(
    lib: expander.Library,
) -> None:
    rig = _deaf_rig(lib)
    rig.engine.settings = EngineSettings(paste_threshold=0)
    rig.keys.type(";cur")
    assert rig.box.text == ";cur"
    assert not any(e[0] == "type" and "\n" in str(e[1]) for e in rig.box.log)


def test_a_multi_line_reply_in_a_terminal_leaves_the_trigger(lib: expander.Library) -> None:
    rig = _deaf_rig(lib, terminal=True)
    rig.keys.type("$ ;cur")  # short enough to be typed: the injector refuses the line break
    assert rig.box.text == "$ ;cur"
    assert rig.kinds() == ["not-inserted:t:cur"]
    assert "terminal" in rig.failures[0].message


# --- keys the agent typed on before the reply landed (issue 15, fast typists) ---------------


class _TypedOnWindow(FakeTextBox):
    """A window where the agent typed ``typed_on`` after the trigger before the
    injector acted: as the X11 injector does, it erases that with the trigger and
    puts it back after the reply, and says how many characters moved; with
    ``skip`` it gives up before changing anything."""

    typed_on = ""
    skip = False

    def _replace(self, text: str, erase: int, insert: Callable[[str], int]) -> int:
        if self.skip:
            raise InjectionSkipped("a key other than text was typed right after the trigger")
        if erase:
            self._insert(self.typed_on)  # what reached the window before we acted
            self.erase(erase + len(self.typed_on))
            insert(text + self.typed_on)
            return len(self.typed_on)
        insert(text)
        return 0

    def type_text(self, text: str, erase: int = 0) -> int:
        return self._replace(text, erase, super().type_text)

    def paste_text(self, text: str, erase: int = 0) -> int:
        return self._replace(text, erase, super().paste_text)


def _typed_on_rig(lib: expander.Library, typed_on: str = "", skip: bool = False) -> Rig:
    rig = Rig(lib, {"name": "Anna", "order": "#12"})
    box = _TypedOnWindow()
    box.typed_on, box.skip = typed_on, skip
    rig.box = rig.engine.injector = box  # type: ignore[assignment]
    rig.keys = FakeKeySource(box)
    rig.keys.start(rig.engine.handle)
    return rig


def test_text_typed_on_after_the_trigger_stays_after_the_reply_and_the_caret_with_it(
    lib: expander.Library,
) -> None:
    rig = _typed_on_rig(lib, typed_on=" more")
    rig.keys.type(";cur")  # the reply has a {cursor}: the caret stays after the agent's text
    assert rig.box.text == "Dear ,\nthanks more"
    assert rig.box.caret == len(rig.box.text)
    assert not any(entry[0] == "move" for entry in rig.box.log)
    assert [e.inserted for e in rig.expansions] == [len("Dear ,\nthanks more")]


def test_a_non_text_key_typed_on_leaves_the_trigger_and_says_so(lib: expander.Library) -> None:
    rig = _typed_on_rig(lib, skip=True)
    rig.keys.type("x ;hi")
    assert rig.box.text == "x ;hi"
    assert rig.expansions == []
    assert rig.kinds() == ["not-inserted:t:hi"]
    assert "left as typed" in rig.failures[0].message


def test_an_undo_the_injector_gives_up_on_changes_nothing_and_is_no_failure(
    lib: expander.Library,
) -> None:
    rig = _typed_on_rig(lib)
    rig.keys.type("x ;hi")
    expanded = rig.box.text
    assert expanded != "x ;hi"
    rig.box.skip = True
    rig.keys.press(SpecialKey.BACKSPACE)  # the undo; the injector refuses it
    assert rig.box.text == expanded[:-1]  # only the agent's own Backspace
    assert rig.kinds() == []


def test_a_reply_the_window_does_not_take_is_reported_not_raised(lib: expander.Library) -> None:
    # the picker's and the palette's insert: e.g. the text field never got the focus back
    rig = _typed_on_rig(lib, skip=True)
    rig.box.text = "Hello "
    assert rig.engine.insert("Dear Anna") is False
    assert rig.box.text == "Hello "
    assert rig.kinds() == ["not-inserted:reply"]
    assert "was not inserted" in rig.failures[0].message
