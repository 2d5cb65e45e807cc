"""Which keyboard backend the app runs, and what it says when the session has none."""

from __future__ import annotations

import pytest

from expander.desktop.app import check_desktop
from expander.desktop.options import choose_backend
from expander.errors import BackendError


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"DISPLAY": ":0"}, "x11"),
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, "x11"),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "ibus"),
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, "ibus"),
    ],
)
def test_auto_takes_ibus_in_a_wayland_session_and_x11_elsewhere(
    environ: dict[str, str], expected: str
) -> None:
    assert choose_backend("auto", environ) == expected


def test_a_backend_asked_for_is_taken_whatever_the_session() -> None:
    assert choose_backend("x11", {"WAYLAND_DISPLAY": "wayland-0"}) == "x11"
    assert choose_backend("ibus", {"DISPLAY": ":0"}) == "ibus"


def test_wayland_without_xwayland_is_told_what_is_missing() -> None:
    with pytest.raises(BackendError, match="XWayland"):
        check_desktop({"WAYLAND_DISPLAY": "wayland-0"}, backend="ibus")


def test_no_display_at_all_is_told_how_to_get_one() -> None:
    with pytest.raises(BackendError, match="DISPLAY is not set"):
        check_desktop({}, backend="x11")


def test_a_display_is_enough_for_either_backend() -> None:
    check_desktop({"DISPLAY": ":0"}, backend="x11")
    check_desktop({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, backend="ibus")
