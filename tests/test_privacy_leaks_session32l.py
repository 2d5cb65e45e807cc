"""A customer's data never reaches the app's log: the desktop app logs to stderr,
which a session started from the autostart entry keeps in its journal on disk.
The "Current customer" notification shows the agent the fields found in an
e-mail (name, e-mail address, phone, order) and is logged by its title only;
the tray's fallback for a backend without notifications (pystray's xorg) logs
no message either. Checked on the controller's in-memory fakes, no screen."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from expander.desktop.backends.fake import FakeDesktop, FakeTray
from expander.desktop.backends.tray import Tray
from expander.desktop.controller import DesktopController
from expander.desktop.options import AppOptions
from expander.errors import BackendError

PACK = """\
[pack]
name = "shop"
version = "1.0.0"
language = "en"

[[snippets]]
id = "hi"
trigger = ";hi"
title = "Hi"
body = "Hi {name}!"
"""

EMAIL = """Subject: parcel problem, order 58317

Hi there,

I am Zephyrine Quillfeather. My parcel for order 58317 never came.
Ring me on 07700 900456 or mail zq.quill@nimbusmail.example.

Thanks,
Zephyrine Quillfeather
"""

PERSONAL = ("Zephyrine", "Quillfeather", "58317", "900456", "zq.quill", "nimbusmail")


@pytest.fixture
def app(tmp_path: Path) -> Iterator[tuple[DesktopController, FakeDesktop, FakeTray]]:
    pack = tmp_path / "shop.toml"
    pack.write_text(PACK, encoding="utf-8")
    settings = tmp_path / "settings.toml"
    settings.write_text("", encoding="utf-8")
    desktop = FakeDesktop()
    options = AppOptions(
        packs=(pack,), include_bundled=False, include_user=False, settings_file=settings
    )
    controller = DesktopController(
        options, desktop.ports(), team_packs=lambda: None, build_index=False
    )
    desktop.keys.start(controller.engine.handle)
    tray = FakeTray(controller.menu())
    controller.attach_tray(tray, desktop.notifier)
    yield controller, desktop, tray
    controller.shutdown()


def leaked(text: str) -> list[str]:
    return [value for value in PERSONAL if value.lower() in text.lower()]


def test_setting_the_customer_names_the_fields_found_and_neither_shows_nor_logs_them(
    app: tuple[DesktopController, FakeDesktop, FakeTray], caplog: pytest.LogCaptureFixture
) -> None:
    controller, desktop, tray = app
    desktop.clipboard.text = EMAIL
    with caplog.at_level(logging.DEBUG):
        tray.click("Set customer from clipboard e-mail")
    title, message = desktop.notifier.notifications[-1]
    assert title == "Current customer"
    assert "name" in message and "phone" in message
    assert leaked(message) == []  # a notification daemon keeps what it shows
    assert controller.customer.own()["order"] == "58317"
    assert "Current customer" in caplog.text
    assert leaked(caplog.text) == []


def test_the_customer_shown_when_its_window_cannot_open_is_not_logged(
    app: tuple[DesktopController, FakeDesktop, FakeTray], caplog: pytest.LogCaptureFixture
) -> None:
    controller, desktop, tray = app
    controller.customer.set({"name": "Zephyrine", "email": "zq.quill@nimbusmail.example"})
    desktop.dialogs.clear_customer.append(BackendError("no display"))
    with caplog.at_level(logging.DEBUG):
        tray.click("Current customer…")
    assert desktop.notifier.notifications == [
        ("Current customer", "name: Zephyrine, email: zq.quill@nimbusmail.example")
    ]
    assert leaked(caplog.text) == []


def test_other_notifications_are_still_logged_in_full(
    app: tuple[DesktopController, FakeDesktop, FakeTray], caplog: pytest.LogCaptureFixture
) -> None:
    controller, desktop, tray = app
    with caplog.at_level(logging.INFO, logger="expander"):
        tray.click("Pause expanding")
    assert "Expander: Paused" in caplog.text


def test_the_trays_fallback_without_notifications_logs_no_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def no_notifications(message: str, title: str) -> None:
        raise NotImplementedError  # pystray's xorg backend

    tray = SimpleNamespace(icon=SimpleNamespace(notify=no_notifications))
    with caplog.at_level(logging.DEBUG):
        Tray.notify(tray, "Current customer", "name: Zephyrine, phone: 07700 900456")  # type: ignore[arg-type]
    assert "Current customer" in caplog.text
    assert leaked(caplog.text) == []


def test_a_failing_tray_action_is_logged_without_its_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    email = "Zephyrine, 07700 900456"

    def action() -> None:
        int(email)  # ValueError quoting the e-mail

    with caplog.at_level(logging.DEBUG):
        Tray._safely(action)
    assert "a tray menu action failed: ValueError" in caplog.text
    assert leaked(caplog.text) == []
