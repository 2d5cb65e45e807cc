"""What the About window says."""

from __future__ import annotations


def test_about_lists_team_packs_with_their_last_check_and_failure() -> None:
    import datetime as dt
    from pathlib import Path

    from expander.desktop.about import team_pack_lines
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
