"""What the About window says: the version, the snippets and packs loaded, the team
packs' last check, and where the settings file is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from expander.library import Library
    from expander.team import InstalledPack

__all__ = ["about_text", "team_pack_lines"]


def about_text(library: Library, team_lines: Sequence[str], settings_file: Path) -> str:
    """The About window's text; ``team_lines`` come from :func:`team_pack_lines`."""
    import expander

    lines = [
        f"Expander {expander.__version__}",
        "",
        f"{len(library)} snippets, {len(library.triggers)} abbreviations, "
        f"from {len(library.packs)} packs:",
    ]
    lines += [
        f"  {pack.name} {pack.version} ({pack.layer.label}, {len(pack.snippets)} snippets)"
        for pack in library.packs
    ]
    if library.errors:
        lines += ["", f"{len(library.errors)} problem(s) in the packs: run 'expander check'."]
    lines += team_lines
    lines += ["", f"Settings: {settings_file}"]
    return "\n".join(lines)


def team_pack_lines(installed: Sequence[InstalledPack]) -> list[str]:
    """About's lines on the subscribed team packs: version, last check, and why the
    last check failed. Packs copied in by hand are not listed."""
    managed = [pack for pack in installed if pack.managed]
    if not managed:
        return []
    lines = ["", "Team packs:"]
    for pack in managed:
        checked = (
            pack.last_check.astimezone().strftime("%Y-%m-%d %H:%M") if pack.last_check else "never"
        )
        line = f"  {pack.name} {pack.version or '(not installed)'}, checked {checked}"
        if pack.status != "ok":
            line += f": {pack.status}" + (f": {pack.error}" if pack.error else "")
        lines.append(line)
    return lines
