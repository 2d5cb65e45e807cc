"""Every decision of the desktop app, checked without a screen: the controller runs
on the in-memory fakes of its ports (keys, text box, clipboard, active window,
dialogs, tray, notifier, clock, team packs) and reads real pack, settings and
statistics files under the test's own EXPANDER_HOME.
"""

from __future__ import annotations

import importlib
import logging
import threading
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

import expander
from expander.desktop.backends.fake import FakeDesktop, FakeTray, PaletteAnswer
from expander.desktop.controller import DesktopController
from expander.desktop.options import AppOptions
from expander.errors import BackendError
from expander.paths import user_paths
from expander.ports import PickerChoice, SnippetDraft, snippet_id_from
from expander.stats.store import UsageStore
from expander.suggest import learned_examples
from expander.team import InstalledPack, UpdateResult
from tests.waiting import wait_until

PACK = """\
[pack]
name = "shop"
version = "1.2.0"
language = "en"

[[snippets]]
id = "late"
trigger = ";late"
title = "Order delayed"
body = "Dear {name|customer}, your parcel is on its way."
examples = ["Where is my parcel?", "My order has not arrived yet"]

[[snippets]]
id = "offer"
trigger = ";offer"
title = "Offer a remedy"
body = "Dear {name}, we offer {choice remedy:a refund|an exchange}."

[[snippets]]
id = "hi"
trigger = ";hi"
title = "Hi"
body = "Hi {name}!"

[[snippets]]
id = "sig"
trigger = ";sig"
title = "Signature"
body = "Regards, {agent|nobody}"
"""

EXTRA = """
[[snippets]]
id = "bye"
trigger = ";bye"
title = "Bye"
body = "Goodbye!"
"""

BROKEN = """
[[snippets]]
id = "broken"
trigger = ";br"
title = "Broken"
body = "Hello {name"
"""

EMAIL = """Hi,

where is my parcel? Order #77812 has not arrived yet.

Thanks,
Anna Smith
"""


@dataclass
class FakeTeamPacks:
    """The team pack manager, answering from ``results``; records each update's
    ``min_interval``."""

    subscribed: bool = True
    results: list[UpdateResult] = field(default_factory=list)
    failure: Exception | None = None
    installed_packs: list[InstalledPack] = field(default_factory=list)
    updates: list[float | None] = field(default_factory=list)

    def has_subscriptions(self) -> bool:
        return self.subscribed

    def update(self, *, min_interval: float | None = None) -> list[UpdateResult]:
        self.updates.append(min_interval)
        if self.failure is not None:
            raise self.failure
        return list(self.results)

    def installed(self) -> list[InstalledPack]:
        return list(self.installed_packs)


@dataclass(frozen=True)
class Options(AppOptions):
    """AppOptions with ``--palette-hotkey`` (the CLI adds the field to AppOptions itself)."""

    palette_hotkey: str | None = None


@dataclass
class Setup:
    """A controller on fakes, with its pack and settings files."""

    desktop: FakeDesktop
    controller: DesktopController
    tray: FakeTray
    pack: Path
    settings: Path
    team: FakeTeamPacks

    @property
    def box_text(self) -> str:
        return self.desktop.box.text

    def type(self, text: str) -> None:
        self.desktop.keys.type(text)

    def notified(self) -> list[str]:
        return self.desktop.notifier.titles()


MakeSetup = Callable[..., Setup]


@pytest.fixture
def make(tmp_path: Path) -> Iterator[MakeSetup]:
    made: list[DesktopController] = []

    def make_setup(settings: str = "", build_index: bool = False, **options: object) -> Setup:
        pack = tmp_path / "packs" / "shop.toml"
        pack.parent.mkdir(exist_ok=True)
        if not pack.exists():
            pack.write_text(PACK, encoding="utf-8")
        settings_file = tmp_path / "settings.toml"
        settings_file.write_text(settings, encoding="utf-8")
        desktop = FakeDesktop()
        team = FakeTeamPacks()
        app_options = Options(
            **{  # type: ignore[arg-type]
                "packs": (pack,),
                "include_bundled": False,
                "include_user": False,
                "settings_file": settings_file,
                **options,
            }
        )
        controller = DesktopController(
            app_options, desktop.ports(), team_packs=lambda: team, build_index=build_index
        )
        made.append(controller)
        desktop.keys.start(controller.engine.handle)
        tray = FakeTray(controller.menu())
        controller.attach_tray(tray, desktop.notifier)
        return Setup(desktop, controller, tray, pack, settings_file, team)

    yield make_setup
    for controller in made:
        controller.shutdown()


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


# --- the tray menu ---------------------------------------------------------------------


def test_the_menu_lists_every_action_and_says_whether_a_click_pauses_or_resumes(
    make: MakeSetup,
) -> None:
    app = make()
    assert app.tray.labels() == [
        "Pause expanding",
        "Suggest reply for clipboard e-mail",
        "Search snippets…",
        "Set customer from clipboard e-mail",
        "Current customer…",
        "New snippet from selection…",
        "-",
        "Reload snippets",
        "Open snippets folder",
        "Usage report",
        "About Expander",
        "-",
        "Quit",
    ]
    app.tray.click("Pause expanding")
    assert app.tray.labels()[0] == "Resume expanding"


def test_pause_stops_expanding_until_resumed_and_shows_it(make: MakeSetup) -> None:
    app = make()
    app.tray.click("Pause expanding")
    assert app.controller.paused
    app.type(";sig ")
    assert app.box_text == ";sig "
    app.tray.click("Resume expanding")
    app.type(";sig ")
    assert app.box_text == ";sig Regards, nobody "
    assert app.tray.states == [True, False]
    assert app.desktop.notifier.notifications == [
        ("Expander", "Paused"),
        ("Expander", "Expanding again"),
    ]


def test_a_click_on_the_icon_suggests_a_reply(make: MakeSetup) -> None:
    app = make()
    app.desktop.clipboard.text = EMAIL
    app.tray.default_action()
    assert len(app.desktop.dialogs.picked) == 1


def test_set_customer_from_clipboard_fills_later_replies(make: MakeSetup) -> None:
    app = make()
    app.desktop.clipboard.text = EMAIL
    app.tray.click("Set customer from clipboard e-mail")
    assert app.controller.customer.own()["name"] == "Anna"
    title, message = app.desktop.notifier.notifications[-1]
    assert title == "Current customer" and message.startswith("Found name")
    assert "Anna" not in message  # a notification daemon keeps what it shows
    app.type(";hi")
    assert app.box_text == "Hi Anna!"


def test_set_customer_from_an_e_mail_without_fields_says_so(make: MakeSetup) -> None:
    app = make()
    app.desktop.clipboard.text = "hello"
    app.tray.click("Set customer from clipboard e-mail")
    assert app.desktop.notifier.notifications[-1] == (
        "Current customer",
        "no fields found in the e-mail",
    )


def test_current_customer_shows_the_fields_and_clears_them_on_request(make: MakeSetup) -> None:
    app = make('[fields]\nagent = "Kasia"\n')
    app.controller.customer.set({"name": "Anna"})
    app.desktop.dialogs.clear_customer.extend([False, True])
    app.tray.click("Current customer…")
    assert app.controller.customer.own() == {"name": "Anna"}
    app.tray.click("Current customer…")
    assert app.desktop.dialogs.shown_fields == [{"name": "Anna"}, {"name": "Anna"}]
    assert app.controller.customer.own() == {}
    assert app.controller.customer.get() == {"agent": "Kasia"}


def test_current_customer_is_notified_when_its_window_cannot_open(make: MakeSetup) -> None:
    app = make()
    app.controller.customer.set({"name": "Anna"})
    app.desktop.dialogs.clear_customer.append(BackendError("no display"))
    app.tray.click("Current customer…")
    assert app.desktop.notifier.notifications == [("Current customer", "name: Anna")]
    assert app.controller.customer.own() == {"name": "Anna"}


def test_reload_snippets_makes_an_edit_live(make: MakeSetup) -> None:
    app = make()
    write(app.pack, PACK + EXTRA)
    app.tray.click("Reload snippets")
    app.type(";bye")
    assert app.box_text == "Goodbye!"
    assert app.desktop.notifier.notifications == [("Snippets reloaded", "5 snippets from 1 packs")]


def test_open_snippets_folder_makes_and_opens_the_config_folder(make: MakeSetup) -> None:
    app = make()
    app.tray.click("Open snippets folder")
    folder = user_paths().config_dir
    assert app.desktop.launcher.folders == [folder]
    assert folder.is_dir()


def test_usage_report_is_written_and_opened_in_the_browser(make: MakeSetup) -> None:
    app = make()
    app.type(";sig ")
    app.tray.click("Usage report")
    [page] = app.desktop.launcher.pages
    report = page.read_text(encoding="utf-8")
    assert '<td class="name">shop</td>' in report
    assert "<td>sig</td>" not in report  # typed, so not among the unused snippets
    assert app.notified() == []


def test_usage_report_without_a_browser_or_statistics_says_where_it_is(
    make: MakeSetup,
) -> None:
    app = make("[statistics]\nenabled = false\n")
    app.desktop.launcher.browser = False
    app.tray.click("Usage report")
    [page] = app.desktop.launcher.pages
    assert app.desktop.notifier.notifications == [
        ("Usage statistics are off", "Switch them on in the settings file."),
        ("Usage report", f"No browser found; the report is at {page}"),
    ]


def test_about_shows_the_version_packs_and_settings_file(make: MakeSetup) -> None:
    app = make()
    app.tray.click("About Expander")
    [(title, text)] = app.desktop.dialogs.messages
    assert title == "About Expander"
    assert text.splitlines()[0] == f"Expander {expander.__version__}"
    assert "  shop 1.2.0" in text
    assert text.endswith(f"Settings: {app.settings}")


def test_about_lists_the_team_packs_when_the_user_folders_are_loaded(make: MakeSetup) -> None:
    app = make(include_user=True)
    app.team.installed_packs = [InstalledPack("support-team", "1.4.0", Path("a"))]
    assert "  support-team 1.4.0, checked never" in app.controller.about_text()


def test_about_falls_back_to_a_notification_when_its_window_cannot_open(
    make: MakeSetup,
) -> None:
    app = make()
    app.desktop.dialogs.message_error = BackendError("no display")
    app.tray.click("About Expander")
    [(title, message)] = app.desktop.notifier.notifications
    assert title == f"Expander {expander.__version__}"
    assert "shop 1.2.0" in message


def test_quit_stops_the_app_and_the_tray(make: MakeSetup) -> None:
    app = make()
    app.tray.click("Quit")
    assert app.controller.stopping.is_set()
    assert app.tray.stopped


def test_notifications_switched_off_are_only_logged(
    make: MakeSetup, caplog: pytest.LogCaptureFixture
) -> None:
    app = make("[notifications]\nenabled = false\n")
    with caplog.at_level(logging.INFO, logger="expander"):
        app.tray.click("Pause expanding")
    assert app.notified() == []
    assert "Expander: Paused" in caplog.text


# --- hotkeys ---------------------------------------------------------------------------


def test_start_registers_the_hotkeys_of_the_settings_and_listens_to_keys(
    make: MakeSetup,
) -> None:
    app = make()
    app.desktop.keys.stop()
    hotkeys = app.controller.start()
    assert hotkeys == [
        "suggest a reply <ctrl>+<alt>+s",
        "pause <ctrl>+<alt>+p",
        "new snippet <ctrl>+<alt>+n",
        "search snippets <ctrl>+<alt>+<space>",
    ]
    assert app.desktop.keys.running
    app.desktop.hotkeys.press("<ctrl>+<alt>+p")
    assert app.controller.paused
    app.desktop.clipboard.text = EMAIL
    app.desktop.hotkeys.press("<ctrl>+<alt>+s")
    assert len(app.desktop.dialogs.picked) == 1
    app.desktop.hotkeys.press("<ctrl>+<alt>+<space>")
    assert len(app.desktop.palette.listed) == 1  # opened, and closed with Esc
    app.controller.shutdown()
    assert not app.desktop.keys.running


def test_the_index_thread_holds_blas_to_one_thread_before_it_builds_the_suggestion_index(
    make: MakeSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app owns its process: its BLAS stays on one thread from the first index on
    (expander/suggest/threads.py), set on the thread that builds it, after the
    palette's index, which needs no numpy."""
    import expander.suggest
    from expander.suggest import threads

    calls: list[tuple[str, str]] = []
    built = threading.Event()

    def suggester_for(library: object) -> None:
        calls.append(("suggester", threading.current_thread().name))
        built.set()

    monkeypatch.setattr(
        threads, "hold_one_blas_thread",
        lambda: calls.append(("hold", threading.current_thread().name)),
    )  # fmt: skip
    monkeypatch.setattr(expander.suggest, "suggester_for", suggester_for)
    app = make(build_index=True)
    app.desktop.keys.stop()
    app.controller.start()
    assert built.wait(30)
    assert calls == [("hold", "index"), ("suggester", "index")]


def test_a_hotkey_another_program_grabbed_is_described_and_told_once_running(
    make: MakeSetup,
) -> None:
    app = make()
    app.desktop.keys.stop()
    app.desktop.hotkeys.shared["<ctrl>+<alt>+n"] = "another program already grabbed it"
    hotkeys = app.controller.start()
    assert "new snippet <ctrl>+<alt>+n (shared: another program already grabbed it)" in hotkeys
    assert "pause <ctrl>+<alt>+p" in hotkeys
    app.controller.announce_running(hotkeys)
    assert app.desktop.notifier.notifications[-1] == (
        "Hotkey shared",
        "<ctrl>+<alt>+n (new snippet) also reaches other programs: another program already "
        "grabbed it. Choose another in the settings if that gets in the way.",
    )
    assert app.desktop.notifier.titles().count("Hotkey shared") == 1
    app.controller.shutdown()


def test_hotkeys_from_the_command_line_win_and_an_empty_one_is_off(make: MakeSetup) -> None:
    app = make(
        '[hotkeys]\npause = "<ctrl>+<alt>+x"\nnew_snippet = ""\n',
        suggest_hotkey="",
        pause_hotkey=None,
        palette_hotkey="<ctrl>+<alt>+f",
    )
    assert app.controller.start() == ["pause <ctrl>+<alt>+x", "search snippets <ctrl>+<alt>+f"]
    assert list(app.desktop.hotkeys.callbacks) == ["<ctrl>+<alt>+x", "<ctrl>+<alt>+f"]


def test_the_palette_hotkey_comes_from_the_settings_and_an_empty_one_is_off(
    make: MakeSetup,
) -> None:
    app = make('[hotkeys]\npalette = "<ctrl>+<alt>+k"\n')
    assert "search snippets <ctrl>+<alt>+k" in app.controller.start()
    app.controller.shutdown()
    app = make('[hotkeys]\npalette = ""\n')
    assert not any("search" in hotkey for hotkey in app.controller.start())
    assert "<ctrl>+<alt>+<space>" not in app.desktop.hotkeys.callbacks


# --- the fill-in dialog ----------------------------------------------------------------


def test_a_missing_field_is_asked_for_typed_in_and_remembered_for_the_customer(
    make: MakeSetup,
) -> None:
    app = make()
    app.desktop.dialogs.fill_in.append({"name": "Ola", "remedy": "an exchange"})
    app.type("x ;offer")
    expected = "x Dear Ola, we offer an exchange."
    assert wait_until(lambda: app.box_text == expected)
    assert app.desktop.dialogs.asked == [("Offer a remedy", ("name", "remedy"), {})]
    assert app.desktop.windows.focused == 1  # the focus went back to where the agent typed
    assert app.controller.customer.own() == {"name": "Ola"}  # the choice is per reply
    app.desktop.box.text, app.desktop.box.caret = "", 0
    app.type(";hi")
    assert app.box_text == "Hi Ola!"
    assert len(app.desktop.dialogs.asked) == 1  # known now: not asked again


def test_a_cancelled_fill_in_types_nothing(
    make: MakeSetup, caplog: pytest.LogCaptureFixture
) -> None:
    app = make()
    with caplog.at_level(logging.INFO, logger="expander"):
        app.type(";offer")  # no answer queued: the agent presses Esc
        assert wait_until(lambda: "fill-in cancelled" in caplog.text)
    assert app.box_text == ";offer"
    assert app.desktop.windows.focused == 1
    assert app.controller.customer.own() == {}


def test_known_fields_and_defaults_are_not_asked_for(make: MakeSetup) -> None:
    app = make('[fields]\nagent = "Kasia"\n')
    app.controller.customer.set({"name": "Anna"})
    app.type(";hi ;sig ;late ")
    assert app.box_text == "Hi Anna! Regards, Kasia Dear Anna, your parcel is on its way. "
    assert app.desktop.dialogs.asked == []


def test_an_agents_default_typed_in_the_dialog_is_not_kept_as_the_customers(
    make: MakeSetup,
) -> None:
    app = make('[fields]\nname = "there"\n')
    app.desktop.dialogs.fill_in.append({"name": "there", "remedy": "a refund"})
    app.type(";offer")
    assert wait_until(lambda: app.box_text == "Dear there, we offer a refund.")
    assert app.controller.customer.own() == {}


def test_a_fill_in_that_cannot_open_types_nothing(
    make: MakeSetup, caplog: pytest.LogCaptureFixture
) -> None:
    app = make()
    app.desktop.dialogs.fill_in.append(BackendError("no display"))
    with caplog.at_level(logging.INFO, logger="expander"):
        app.type(";offer")
        assert wait_until(lambda: "fill-in cancelled" in caplog.text)
    assert "the fill-in dialog cannot open: no display" in caplog.text
    assert app.box_text == ";offer"
    assert app.desktop.windows.focused == 1


def test_no_fill_in_while_another_of_our_windows_is_open(
    make: MakeSetup, caplog: pytest.LogCaptureFixture
) -> None:
    app = make()
    with caplog.at_level(logging.INFO, logger="expander"):
        with app.controller.windows.opening():
            # what the agent types in our own window is not expanded at all
            app.type(";sig ")
            assert app.box_text == ";sig "
        # and a fill-in asked for while a window is open (opened after the
        # engine's exclusion check) is not shown
        ask = app.controller.engine.ask_fields
        offer = app.controller.library.find("offer")
        assert ask is not None and offer is not None
        with app.controller.windows.opening():
            assert ask(offer, (), {}) is None
    assert "another Expander window is open; shop:offer not expanded" in caplog.text
    assert app.desktop.dialogs.asked == []


# --- a new snippet from the selection -------------------------------------------------

SELECTED = "Your refund was sent today.\nIt takes 3 working days.\n"


def personal_pack() -> dict[str, Any]:
    return tomllib.loads(user_paths().personal_file.read_text("utf-8"))


def test_the_new_snippet_hotkey_opens_the_dialog_with_the_selected_text(
    make: MakeSetup,
) -> None:
    app = make('[hotkeys]\nnew_snippet = "<ctrl>+<alt>+j"\n', include_user=True)
    assert "new snippet <ctrl>+<alt>+j" in app.controller.start()
    app.desktop.clipboard.primary = SELECTED
    app.desktop.clipboard.text = "the clipboard"
    app.desktop.hotkeys.press("<ctrl>+<alt>+j")
    # the selection's last newline is dropped: typed out, it would send a chat message
    assert app.desktop.dialogs.snippet_drafts == [SnippetDraft(SELECTED.rstrip("\n"))]
    assert app.desktop.windows.focus_log == [1]  # the keyboard goes back where it was


def test_with_nothing_selected_the_tray_item_takes_the_clipboard(make: MakeSetup) -> None:
    app = make(include_user=True)
    app.desktop.clipboard.primary = "  \n"
    app.desktop.clipboard.text = "From the clipboard"
    app.tray.click("New snippet from selection…")
    app.desktop.clipboard.primary = app.desktop.clipboard.text = None
    app.tray.click("New snippet from selection…")
    assert app.desktop.dialogs.snippet_drafts == [
        SnippetDraft("From the clipboard"),
        SnippetDraft(""),
    ]


def test_a_saved_snippet_is_in_the_personal_pack_and_expands_at_once(make: MakeSetup) -> None:
    app = make(include_user=True)
    app.desktop.clipboard.primary = SELECTED
    app.desktop.dialogs.new_snippets.append(
        SnippetDraft(SELECTED.rstrip("\n"), ";refund ", "Zwrot środków wysłany")
    )
    app.tray.click("New snippet from selection…")
    assert app.desktop.dialogs.snippet_problems == []
    [saved] = personal_pack()["snippets"]
    assert saved == {
        "id": "zwrot-srodkow-wyslany",  # made from the title
        "trigger": ";refund",
        "title": "Zwrot środków wysłany",
        "body": SELECTED.rstrip("\n"),
    }
    assert ("Snippet saved", ";refund is ready to use") in app.desktop.notifier.notifications
    assert app.desktop.windows.focused == 1
    app.type("Hello ;refund")
    assert app.box_text == "Hello " + SELECTED.rstrip("\n")


def test_a_bad_trigger_is_explained_in_the_dialog_and_nothing_saved_until_fixed(
    make: MakeSetup,
) -> None:
    app = make(include_user=True)
    app.desktop.dialogs.new_snippets.extend(
        [
            SnippetDraft("Thanks!", "; thx", "Thanks"),
            SnippetDraft("Hi {name", ";thx", "Thanks"),
            SnippetDraft("Thanks!", "", "🎉"),  # no id can be made of it
            SnippetDraft("Thanks!", ";thx", ""),
        ]
    )
    app.tray.click("New snippet from selection…")
    bad_trigger, bad_body, no_title = app.desktop.dialogs.snippet_problems
    assert "trigger '; thx' contains white space: triggers are typed as one word" in bad_trigger
    assert "'{' is never closed" in bad_body
    assert no_title == "give the snippet a title (its id is made from it) or an id"
    assert [s["id"] for s in personal_pack()["snippets"]] == ["thx"]  # no title: from the trigger


def test_a_taken_id_names_the_replace_option_which_replaces_it(make: MakeSetup) -> None:
    app = make(include_user=True)
    expander.add_personal_snippet(
        user_paths().personal_file, {"id": "thanks", "title": "Thanks", "body": "Old"}
    )
    app.desktop.dialogs.new_snippets.extend(
        [SnippetDraft("New", "", "Thanks"), SnippetDraft("New", "", "Thanks", replace=True)]
    )
    app.tray.click("New snippet from selection…")
    [taken] = app.desktop.dialogs.snippet_problems
    assert "already have a snippet with id 'thanks'" in taken
    assert 'tick "Replace my snippet with this id"' in taken
    assert [s["body"] for s in personal_pack()["snippets"]] == ["New"]
    assert app.controller.library.find("thanks").body == "New"  # type: ignore[union-attr]


def test_a_new_snippet_with_a_packs_trigger_overrides_it_and_says_so_in_the_log(
    make: MakeSetup, caplog: pytest.LogCaptureFixture
) -> None:
    app = make(include_user=True)
    app.desktop.dialogs.new_snippets.append(SnippetDraft("Hey there", ";hi", "My hi"))
    with caplog.at_level(logging.INFO, logger="expander"):
        app.tray.click("New snippet from selection…")
    assert "trigger ';hi': personal:my-hi (personal" in caplog.text
    assert "overrides shop:hi" in caplog.text
    assert "Hey there" not in caplog.text  # what the reply says is never logged
    app.type(";hi")
    assert app.box_text == "Hey there"


def test_a_cancelled_new_snippet_saves_nothing(make: MakeSetup) -> None:
    app = make(include_user=True)
    app.desktop.clipboard.primary = SELECTED
    app.tray.click("New snippet from selection…")  # Esc: no draft submitted
    assert len(app.desktop.dialogs.snippet_drafts) == 1
    assert not user_paths().personal_file.exists()
    assert app.desktop.notifier.notifications == []
    assert app.desktop.windows.focused == 1


def test_a_new_snippet_is_refused_when_the_personal_pack_is_not_loaded(make: MakeSetup) -> None:
    app = make()  # include_user=False: a saved snippet would not be live
    app.desktop.dialogs.new_snippets.append(SnippetDraft("Thanks!", ";thx", "Thanks"))
    app.tray.click("New snippet from selection…")
    assert "--no-user" in app.desktop.dialogs.snippet_problems[0]
    assert not user_paths().personal_file.exists()


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Order delayed!", "order-delayed"),
        ("Zwrot środków, Łódź", "zwrot-srodkow-lodz"),
        ("Задержка заказа", "zaderzhka-zakaza"),
        ("🎉", ""),
    ],
)
def test_the_id_is_made_from_the_title_in_any_alphabet(title: str, expected: str) -> None:
    assert snippet_id_from(title) == expected
    assert SnippetDraft("x", title=title, id=" own-id ").snippet_id() == "own-id"


def test_a_new_snippet_dialog_that_cannot_open_is_told(make: MakeSetup) -> None:
    app = make(include_user=True)
    app.desktop.dialogs.new_snippets.append(BackendError("no display"))
    app.tray.click("New snippet from selection…")
    assert app.desktop.notifier.notifications == [
        ("New snippet", "The dialog cannot open: no display")
    ]
    assert app.desktop.windows.focused == 1


# --- the reply picker --------------------------------------------------------------------


def test_the_chosen_reply_is_inserted_where_the_agent_was_and_the_customer_kept(
    make: MakeSetup,
) -> None:
    app = make()
    app.desktop.clipboard.text = EMAIL
    app.desktop.dialogs.picks.append(PickerChoice(0, "insert"))
    app.controller.suggest()
    [(items, fields, message)] = app.desktop.dialogs.picked
    assert items[0].label.split()[1:] == [";late", "Order", "delayed"]
    assert fields["name"] == "Anna" and message == ""
    assert app.box_text == "Dear Anna, your parcel is on its way."
    assert app.desktop.windows.focus_log == [1]
    assert app.controller.customer.own() == fields
    assert app.desktop.clipboard.text == EMAIL  # the user's clipboard is kept


def test_a_copied_reply_goes_to_the_clipboard_and_nothing_is_typed(make: MakeSetup) -> None:
    app = make()
    app.desktop.clipboard.text = EMAIL
    app.desktop.dialogs.picks.append(PickerChoice(0, "copy"))
    app.controller.suggest()
    assert app.desktop.clipboard.text == "Dear Anna, your parcel is on its way."
    assert app.box_text == ""


def test_a_closed_picker_inserts_nothing_and_keeps_no_customer(make: MakeSetup) -> None:
    app = make()
    app.desktop.clipboard.text = EMAIL
    app.controller.suggest()  # no choice queued: Esc
    assert len(app.desktop.dialogs.picked) == 1
    assert app.box_text == ""
    assert app.controller.customer.own() == {}
    assert app.desktop.windows.focused == 1


def test_an_empty_clipboard_opens_the_picker_with_a_hint(make: MakeSetup) -> None:
    app = make()
    app.controller.suggest()
    assert app.desktop.dialogs.picked == [
        ((), {}, "The clipboard holds no text: copy the e-mail first.")
    ]


def test_an_accepted_reply_is_learned_for_the_e_mail(make: MakeSetup) -> None:
    app = make(include_user=True)
    app.desktop.clipboard.text = EMAIL
    app.desktop.dialogs.picks.append(PickerChoice(0, "insert"))
    app.controller.suggest()
    learned = learned_examples(app.controller.library)
    assert learned is not None and "late" in learned.by_snippet()


def test_a_failing_picker_does_not_end_the_app(
    make: MakeSetup, caplog: pytest.LogCaptureFixture
) -> None:
    app = make()
    app.desktop.clipboard.text = EMAIL
    app.desktop.dialogs.picks.append(PickerChoice(7, "insert"))  # no such item
    app.controller.suggest()
    assert "the reply picker failed" in caplog.text
    assert not app.controller.windows.showing


def test_the_picker_opens_before_the_replies_are_ranked_and_lists_them_once_they_are(
    make: MakeSetup, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make()
    app.desktop.clipboard.text = EMAIL
    app.desktop.dialogs.picks.append(PickerChoice(0, "insert"))
    suggest_package = importlib.import_module("expander.suggest")
    real_suggest = suggest_package.suggest

    def slow_suggest(*args: Any, **kwargs: Any) -> Any:
        # as a first suggestion index being built: ranked only once the picker is open
        assert wait_until(lambda: bool(app.desktop.dialogs.picker_waited), 10, 0.01)
        return real_suggest(*args, **kwargs)

    monkeypatch.setattr(suggest_package, "suggest", slow_suggest)
    app.controller.suggest()
    assert app.desktop.dialogs.picker_waited == [True]
    [(items, fields, _)] = app.desktop.dialogs.picked
    assert items[0].label.split()[1] == ";late" and fields["name"] == "Anna"
    assert app.box_text == "Dear Anna, your parcel is on its way."


def test_a_ranking_failure_is_told_in_the_picker_and_logged_without_the_e_mail(
    make: MakeSetup, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    app = make()
    app.desktop.clipboard.text = EMAIL

    def failing_suggest(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"cannot rank {EMAIL}")

    monkeypatch.setattr(importlib.import_module("expander.suggest"), "suggest", failing_suggest)
    app.controller.suggest()
    assert app.desktop.dialogs.picked == [((), {}, "Ranking the replies failed: see the log.")]
    assert "ranking the replies failed: RuntimeError" in caplog.text
    assert "Anna" not in caplog.text
    assert app.box_text == "" and not app.controller.windows.showing


# --- the search palette ---------------------------------------------------------------------


def palette(app: Setup, *answers: PaletteAnswer | BackendError) -> None:
    app.desktop.palette.answers.extend(answers)
    app.controller.palette()


def test_the_palette_hotkey_finds_a_reply_despite_a_typo_and_inserts_it_where_the_agent_was(
    make: MakeSetup,
) -> None:
    app = make()
    app.controller.start()
    app.desktop.palette.answers.append(PaletteAnswer("ordr delayd"))
    app.desktop.hotkeys.press("<ctrl>+<alt>+<space>")
    query, items = app.desktop.palette.listed[-1]
    assert query == "ordr delayd" and items[0].key == "shop:late"
    assert items[0].label == ";late  Order delayed"
    assert app.box_text == "Dear customer, your parcel is on its way."
    assert app.desktop.windows.focus_log == [1] and app.desktop.windows.focused == 1


def test_the_tray_item_opens_the_palette(make: MakeSetup) -> None:
    app = make()
    app.desktop.palette.answers.append(PaletteAnswer("signature"))
    app.tray.click("Search snippets…")
    assert app.box_text == "Regards, nobody"


def test_the_preview_is_filled_with_the_current_customers_fields(make: MakeSetup) -> None:
    app = make()
    app.controller.customer.set({"name": "Anna"})
    palette(app, PaletteAnswer("late"))
    assert app.desktop.palette.previews == ["Dear Anna, your parcel is on its way."]
    assert app.box_text == "Dear Anna, your parcel is on its way."


def test_a_copied_palette_reply_goes_to_the_clipboard_and_nothing_is_typed(
    make: MakeSetup,
) -> None:
    app = make()
    app.desktop.clipboard.text = "the agent's own clipboard"
    palette(app, PaletteAnswer("late", action="copy"))
    assert app.desktop.clipboard.text == "Dear customer, your parcel is on its way."
    assert app.box_text == ""


def test_a_closed_palette_inserts_nothing_and_gives_the_focus_back(make: MakeSetup) -> None:
    app = make()
    palette(app, PaletteAnswer("late", pick=None))
    palette(app)  # Esc at once
    assert app.box_text == ""
    assert app.desktop.windows.focused == 1
    assert not app.controller.windows.showing


def test_missing_fields_are_asked_for_in_the_fill_in_dialog(make: MakeSetup) -> None:
    app = make()
    app.desktop.dialogs.fill_in.append({"name": "Ola", "remedy": "an exchange"})
    palette(app, PaletteAnswer("remedy offer"))
    assert app.desktop.dialogs.asked == [("Offer a remedy", ("name", "remedy"), {})]
    assert app.box_text == "Dear Ola, we offer an exchange."
    assert app.controller.customer.own() == {"name": "Ola"}
    assert app.desktop.windows.focused == 1


def test_a_cancelled_fill_in_from_the_palette_inserts_nothing(make: MakeSetup) -> None:
    app = make()
    palette(app, PaletteAnswer("hi"))  # "Hi {name}!": asked, and cancelled
    assert len(app.desktop.dialogs.asked) == 1
    assert app.box_text == ""


def test_palette_uses_are_counted_and_the_empty_query_lists_the_most_used_first(
    make: MakeSetup,
) -> None:
    app = make()
    app.type(";sig ;sig ;sig ")
    palette(app, PaletteAnswer("late"))
    palette(app, PaletteAnswer("late", action="copy"))
    palette(app)
    first_listing = app.desktop.palette.listed[-1][1]
    assert [item.key for item in first_listing] == [
        "shop:sig",
        "shop:late",
        "shop:offer",
        "shop:hi",
    ]
    app.controller.shutdown()
    assert sorted(rows("expanded")) == [("late", 0, 2), ("sig", 0, 3)]


def test_a_palette_that_cannot_open_is_told_and_the_app_goes_on(make: MakeSetup) -> None:
    app = make()
    palette(app, BackendError("no display"))
    assert "Search palette" in app.notified()
    assert not app.controller.windows.showing
    app.type(";sig ")
    assert app.box_text == "Regards, nobody "


def test_no_palette_while_another_of_our_windows_is_open(make: MakeSetup) -> None:
    app = make()
    with app.controller.windows.opening():
        palette(app, PaletteAnswer("late"))
    assert app.desktop.palette.listed == [] and app.box_text == ""


# --- reloads: snippets and settings ---------------------------------------------------------


def test_an_edited_pack_is_reloaded_by_the_file_watcher(make: MakeSetup) -> None:
    app = make()
    write(app.pack, PACK + EXTRA)
    app.controller.on_files_changed(frozenset({app.pack}))
    app.type(";bye")
    assert app.box_text == "Goodbye!"


def test_a_broken_pack_edit_keeps_the_last_good_snippets(make: MakeSetup) -> None:
    app = make()
    write(app.pack, PACK + EXTRA + BROKEN)
    app.controller.on_files_changed(frozenset({app.pack}))
    [(title, message)] = app.desktop.notifier.notifications
    assert title == "Snippets not reloaded" and str(app.pack) in message
    app.type(";bye ;sig ")
    assert app.box_text == ";bye Regards, nobody "
    write(app.pack, PACK + EXTRA)  # fixed: the next reload applies
    app.controller.on_files_changed(frozenset({app.pack}))
    assert app.notified()[-1] == "Snippets reloaded"


def test_an_edited_settings_file_applies_at_once(
    make: MakeSetup, caplog: pytest.LogCaptureFixture
) -> None:
    app = make('[fields]\nagent = "Kasia"\n')
    write(app.settings, '[fields]\nagent = "Basia"\n\n[expansion]\npaste_threshold = 3\n')
    with caplog.at_level(logging.INFO, logger="expander"):
        app.controller.on_files_changed(frozenset({app.settings}))
    assert "Settings applied: " in caplog.text and "fields.agent" in caplog.text
    app.type(";sig ")
    assert app.box_text == "Regards, Basia "
    assert ("paste", "Regards, Basia") in app.desktop.box.log
    assert app.notified() == []  # applying settings is no news; the snippets were not reloaded


def test_a_broken_settings_edit_keeps_the_settings_it_had(make: MakeSetup) -> None:
    app = make('[fields]\nagent = "Kasia"\n')
    write(app.settings, '[fields]\nagent = "Basia"\n\n[expansion]\npaste_threshold = -5\n')
    app.controller.on_files_changed(frozenset({app.settings}))
    [(title, message)] = app.desktop.notifier.notifications
    assert title == "Settings not applied" and f"{app.settings}:5" in message
    app.type(";sig ")
    assert app.box_text == "Regards, Kasia "


def test_the_word_boundary_setting_reloads_the_snippets(make: MakeSetup) -> None:
    app = make()
    write(app.settings, "[expansion]\nword_boundary = true\n")
    app.controller.on_files_changed(frozenset({app.settings}))
    assert app.notified() == ["Snippets reloaded"]
    app.type(";sig")
    assert app.box_text == ";sig"  # waits for a word boundary now
    app.type(".")
    assert app.box_text == "Regards, nobody."


def test_a_hotkey_change_waits_for_a_restart(
    make: MakeSetup, caplog: pytest.LogCaptureFixture
) -> None:
    app = make()
    write(app.settings, '[hotkeys]\npause = "<ctrl>+<alt>+x"\n')
    app.controller.on_files_changed(frozenset({app.settings}))
    assert "Hotkey changes apply when Expander starts again." in caplog.text


# --- exclusions ------------------------------------------------------------------------


def test_nothing_expands_in_a_password_manager_or_an_excluded_window(make: MakeSetup) -> None:
    app = make('[exclusions]\nwindow_titles = ["*bank*"]\n')
    app.desktop.windows.wm_class = ("keepassxc", "KeePassXC")
    app.type(";sig ")
    app.desktop.windows.wm_class = ("editor", "Editor")
    app.desktop.windows.title = "My Bank - login"
    app.type(";sig ")
    assert app.box_text == ";sig ;sig "
    app.desktop.windows.title = "Reply to a customer"
    app.type(";sig ")
    assert app.box_text == ";sig ;sig Regards, nobody "


# --- team packs ------------------------------------------------------------------------


def updated(name: str) -> UpdateResult:
    return UpdateResult(name, "updated", "1.1.0", message="new version", reload=True)


def failed(name: str, repeated: bool = False) -> UpdateResult:
    return UpdateResult(name, "failed", "1.0.0", message="HTTP 500", repeated=repeated)


def test_a_new_team_pack_version_goes_live_and_is_announced(make: MakeSetup) -> None:
    app = make()
    app.team.results = [updated("support-team"), failed("returns", repeated=True)]
    write(app.pack, PACK + EXTRA)  # what the new version brings
    app.controller.check_team_packs()
    assert app.desktop.notifier.notifications == [
        ("Team pack updated", "support-team 1.1.0: new version")
    ]
    app.type(";bye")
    assert app.box_text == "Goodbye!"


def test_a_failed_team_pack_check_is_told_once(make: MakeSetup) -> None:
    app = make()
    app.team.results = [failed("returns")]
    app.controller.check_team_packs()
    app.team.results = [failed("returns", repeated=True)]
    app.controller.check_team_packs()
    assert app.desktop.notifier.notifications == [
        ("Team pack not updated", "returns: update failed: HTTP 500 (1.0.0 is still installed)")
    ]


def test_no_subscription_no_check_and_a_failing_manager_does_not_stop_the_app(
    make: MakeSetup, caplog: pytest.LogCaptureFixture
) -> None:
    app = make()
    app.team.subscribed = False
    app.controller.check_team_packs()
    assert app.team.updates == []
    app.team.subscribed = True
    app.team.failure = OSError("locked by another process")
    app.controller.check_team_packs()
    app.team.failure = RuntimeError("the network did something odd")
    app.controller.check_team_packs()
    assert "checking the team packs failed: locked by another process" in caplog.text
    assert app.notified() == []


def test_team_packs_are_checked_at_start_then_every_check_minutes(make: MakeSetup) -> None:
    app = make("[team_packs]\ncheck_minutes = 10\n")
    clock = app.desktop.clock
    loop = threading.Thread(target=app.controller.check_team_packs_regularly)
    loop.start()
    try:
        assert clock.wait_for_sleepers(1)
        assert app.team.updates == [None]  # at start: whatever the CLI did
        clock.advance(9 * 60)
        assert clock.wait_for_sleepers(1)
        assert app.team.updates == [None]
        clock.advance(60)
        assert wait_until(lambda: len(app.team.updates) == 2)
        assert app.team.updates == [None, 10 * 60 - 30]  # skip packs the CLI just checked
    finally:
        app.controller.quit()
        loop.join(5)
    assert not loop.is_alive()


def test_team_packs_are_not_checked_when_check_minutes_is_0(make: MakeSetup) -> None:
    app = make("[team_packs]\ncheck_minutes = 0\n")
    loop = threading.Thread(target=app.controller.check_team_packs_regularly)
    loop.start()
    try:
        assert app.desktop.clock.wait_for_sleepers(1)  # the loop waits without checking
        app.desktop.clock.advance(60)
        assert app.desktop.clock.wait_for_sleepers(1)
        assert app.team.updates == []
    finally:
        app.controller.quit()
        loop.join(5)


# --- usage statistics --------------------------------------------------------------------


def rows(event: str) -> list[tuple[str, int, int]]:
    with UsageStore.open() as store:
        return [(r.snippet, r.rank, r.count) for r in store.rows() if r.event == event]


def test_expansions_and_the_suggestion_flow_are_counted(make: MakeSetup) -> None:
    app = make()
    app.type(";sig ;sig ")
    app.desktop.clipboard.text = EMAIL
    app.desktop.dialogs.picks.append(PickerChoice(0, "insert"))
    app.controller.suggest()
    app.controller.shutdown()
    assert rows("expanded") == [("sig", 0, 2)]
    assert ("late", 1, 1) in rows("shown")
    assert rows("accepted") == [("late", 1, 1)]
    assert rows("requested") == [("", 0, 1)]


def test_statistics_switched_off_record_nothing_and_switch_on_live(make: MakeSetup) -> None:
    app = make("[statistics]\nenabled = false\n")
    assert app.controller.stats is None
    app.type(";sig ")
    write(app.settings, "[statistics]\nenabled = true\n")
    app.controller.on_files_changed(frozenset({app.settings}))
    assert app.controller.stats is not None
    app.type(";sig ")
    app.controller.shutdown()
    assert rows("expanded") == [("sig", 0, 1)]


def test_switching_help_improve_faq_off_forgets_the_kept_e_mails(make: MakeSetup) -> None:
    app = make("[statistics]\nhelp_improve_faq = true\n")
    app.desktop.clipboard.text = "Can I pay with a gift card from your partner shop?"
    app.controller.suggest()  # closed: no reply answered it, so the e-mail is kept
    assert app.controller.stats is not None and len(app.controller.stats.gaps()) == 1
    write(app.settings, "[statistics]\nhelp_improve_faq = false\n")
    app.controller.on_files_changed(frozenset({app.settings}))
    assert app.controller.stats.gaps() == []


def test_a_cancelled_fill_in_is_no_expansion_in_the_statistics(make: MakeSetup) -> None:
    app = make()
    app.type(";hi")  # asked and cancelled
    assert wait_until(lambda: len(app.desktop.dialogs.asked) == 1)
    app.type("\n;sig ")  # a later expansion: proof the keys went on being handled
    assert app.box_text == ";hi\nRegards, nobody "
    app.controller.shutdown()
    assert rows("expanded") == [("sig", 0, 1)]


def test_a_reply_made_through_the_fill_in_is_counted(make: MakeSetup) -> None:
    app = make()
    app.desktop.dialogs.fill_in.append({"name": "Ola", "remedy": "a refund"})
    app.type(";offer")
    assert wait_until(lambda: app.box_text == "Dear Ola, we offer a refund.")
    app.controller.shutdown()
    assert rows("expanded") == [("offer", 0, 1)]


# --- no failure costs the agent the keyboard -------------------------------------------


@pytest.fixture
def late_renders(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[], object]], None]:
    """Make rendering the ``late`` snippet run ``action`` first (raise, or wait)."""

    def install(action: Callable[[], object]) -> None:
        real = expander.Library.render

        def render(self: expander.Library, key: Any, *args: Any, **kwargs: Any) -> Any:
            if getattr(key, "id", key) == "late":
                action()
            return real(self, key, *args, **kwargs)

        monkeypatch.setattr(expander.Library, "render", render)

    return install


@pytest.mark.parametrize("error", [RecursionError, RuntimeError])
def test_a_snippet_whose_render_raises_is_told_once_and_other_triggers_expand(
    make: MakeSetup,
    late_renders: Callable[[Callable[[], object]], None],
    caplog: pytest.LogCaptureFixture,
    error: type[Exception],
) -> None:
    secret = "Anna" + " Smith, order 77812"  # as a message might quote a customer

    def fail() -> None:
        raise error(secret)

    late_renders(fail)
    app = make()
    with caplog.at_level(logging.DEBUG, logger="expander"):
        app.type(";late ;late ;sig ")
    assert app.box_text == ";late ;late Regards, nobody "
    assert app.notified() == ["Not expanded"]
    [(_, message)] = app.desktop.notifier.notifications
    assert "shop:late" in message and error.__name__ in message
    assert secret not in caplog.text
    app.controller.shutdown()
    assert rows("expanded") == [("sig", 0, 1)]


def test_a_slow_render_is_abandoned_told_once_and_other_triggers_expand(
    make: MakeSetup, late_renders: Callable[[Callable[[], object]], None]
) -> None:
    release = threading.Event()
    late_renders(lambda: release.wait(30))
    app = make()
    app.controller.engine.settings = replace(app.controller.engine.settings, render_timeout=0.2)
    try:
        app.type(";late ;sig ;late ;sig ")
        assert app.box_text == ";late Regards, nobody ;late Regards, nobody "
        assert app.notified() == ["Not expanded"]
        assert "longer than 0.2 s" in app.desktop.notifier.notifications[0][1]
    finally:
        release.set()


def test_a_failure_is_told_again_after_a_reload(
    make: MakeSetup, late_renders: Callable[[Callable[[], object]], None]
) -> None:
    late_renders(lambda: 1 / 0)
    app = make()
    app.type(";late ")
    app.controller.reload()
    app.type(";late ")
    assert app.notified() == ["Not expanded", "Snippets reloaded", "Not expanded"]


def test_a_failing_tray_entry_or_hotkey_is_told_once_and_keys_still_expand(
    make: MakeSetup, caplog: pytest.LogCaptureFixture
) -> None:
    app = make('[hotkeys]\npause = "<ctrl>+<alt>+x"\n', suggest_hotkey="")
    app.controller.start()

    def gone(*_: object) -> None:
        raise OSError("the desktop is gone")

    app.desktop.launcher.open_folder = gone  # type: ignore[method-assign]
    app.tray.show_state = gone  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR, logger="expander"):
        app.tray.click("Open snippets folder")
        app.tray.click("Open snippets folder")
        app.desktop.hotkeys.press("<ctrl>+<alt>+x")  # paused, then the tray fails
        app.desktop.hotkeys.press("<ctrl>+<alt>+x")  # resumed
    assert "Open snippets folder failed: OSError" in caplog.text
    assert [message for _, message in app.desktop.notifier.notifications] == [
        "Open snippets folder failed (OSError); expanding goes on. The log has details.",
        "Pause expanding failed (OSError); expanding goes on. The log has details.",
    ]
    app.type(";sig ")
    assert app.box_text == "Regards, nobody "


def test_a_notifier_that_fails_breaks_nothing(
    make: MakeSetup, late_renders: Callable[[Callable[[], object]], None]
) -> None:
    late_renders(lambda: 1 / 0)
    app = make()

    def gone(*_: object) -> None:
        raise OSError("no notification daemon")

    app.desktop.notifier.notify = gone  # type: ignore[method-assign]
    app.type(";late ;sig ")
    app.tray.click("Reload snippets")
    assert app.box_text == ";late Regards, nobody "


def test_a_picker_failure_quoting_the_e_mail_logs_no_word_of_it(
    make: MakeSetup, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an exception's message may quote the customer's e-mail: only its type is logged
    app = make()
    app.desktop.clipboard.text = "Hi, I am Zofia Wróblewska, order 31337, call 600 100 200."

    def quoting(email: str) -> None:
        raise ValueError(f"cannot read {email!r}")

    monkeypatch.setattr(app.controller, "_record_suggestion_flow", lambda *a, **k: None)
    monkeypatch.setattr(
        app.desktop.dialogs, "pick", lambda *a, **k: quoting(app.desktop.clipboard.text or "")
    )
    app.controller.suggest()
    assert "the reply picker failed: ValueError" in caplog.text
    assert "Zofia" not in caplog.text and "31337" not in caplog.text
