"""The app's small pieces that need no desktop: the current customer and the
one-dialog-at-a-time gate."""

from __future__ import annotations

import threading

from expander.desktop.app import CurrentCustomer, OwnWindows


def test_current_customer_sits_over_the_defaults_and_clears_to_them() -> None:
    customer = CurrentCustomer(defaults={"agent": "Kasia", "name": "there"})
    customer.set({"name": "Anna", "order": "#1"})
    customer.update({"phone": "+48 600 100 200"})
    assert customer.get() == {
        "agent": "Kasia", "name": "Anna", "order": "#1", "phone": "+48 600 100 200"
    }  # fmt: skip
    assert customer.own() == {"name": "Anna", "order": "#1", "phone": "+48 600 100 200"}
    customer.clear()
    assert customer.own() == {}
    assert customer.get() == {"agent": "Kasia", "name": "there"}


def test_only_one_of_our_windows_opens_at_a_time() -> None:
    windows = OwnWindows()
    assert not windows.showing
    with windows.opening() as first:
        assert first and windows.showing
        seen: list[bool] = []

        def second_try() -> None:
            with windows.opening() as second:
                seen.append(second)

        thread = threading.Thread(target=second_try)
        thread.start()
        thread.join(5)
        assert seen == [False]
        assert windows.showing  # the refused second one did not release the first
    assert not windows.showing
    with windows.opening() as again:
        assert again


def test_about_lists_team_packs_with_their_last_check_and_failure() -> None:
    import datetime as dt
    from pathlib import Path

    from expander.desktop.app import team_pack_lines
    from expander.team import InstalledPack

    checked = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
    local = checked.astimezone().strftime("%Y-%m-%d %H:%M")
    lines = team_pack_lines(
        [
            InstalledPack("support-team", "1.4.0", Path("a"), last_check=checked),
            InstalledPack(
                "returns", "2.0.0", Path("b"), last_check=checked, status="error",
                error="HTTP 500 from the server",
            ),
            InstalledPack("by-hand", "1.0.0", Path("c"), managed=False, status="unmanaged"),
            InstalledPack("new", None, Path("d"), status="not installed"),
        ]
    )  # fmt: skip
    assert lines == [
        "",
        "Team packs:",
        f"  support-team 1.4.0, checked {local}",
        f"  returns 2.0.0, checked {local}: error: HTTP 500 from the server",
        "  new (not installed), checked never: not installed",
    ]
    assert team_pack_lines([]) == []
