"""What the command line asked the desktop app for, and the files that follow from it:
the packs to load and watch, and the settings file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from expander.library import Library

__all__ = ["BACKENDS", "AppOptions", "Backend", "choose_backend"]

Backend = Literal["auto", "x11", "ibus"]
BACKENDS: tuple[Backend, ...] = ("auto", "x11", "ibus")


def choose_backend(requested: Backend, environ: Mapping[str, str]) -> Literal["x11", "ibus"]:
    """The keyboard backend to run: ``auto`` takes IBus in a Wayland session, where
    no program may watch another's keys, and X11 everywhere else."""
    if requested != "auto":
        return requested
    wayland = environ.get("XDG_SESSION_TYPE") == "wayland" or bool(environ.get("WAYLAND_DISPLAY"))
    return "ibus" if wayland else "x11"


@dataclass(frozen=True)
class AppOptions:
    """What the command line asked for; None means "as the settings file says"."""

    packs: Sequence[Path] = ()
    include_bundled: bool = True
    include_user: bool = True
    fields: Mapping[str, str] = field(default_factory=dict)
    paste_threshold: int | None = None
    suggest_hotkey: str | None = None
    pause_hotkey: str | None = None
    palette_hotkey: str | None = None
    tray: bool = True
    backend: Backend = "auto"
    settings_file: Path | None = None

    def settings_path(self) -> Path:
        """The settings file: the one given, else the user's."""
        from expander.paths import user_paths

        return self.settings_file or user_paths().settings_file

    def watched_paths(self) -> list[Path]:
        """The pack files and folders the library comes from, and the settings file."""
        from expander.library import pack_paths_in
        from expander.paths import bundled_dir, user_paths

        paths = [Path(p) for p in self.packs]
        if self.include_bundled:
            paths += pack_paths_in(bundled_dir())
        if self.include_user:
            user = user_paths()
            paths += [user.team_packs_dir, user.personal_file]
        paths.append(self.settings_path())
        return paths

    def load(self, *, word_boundary: bool) -> Library:
        """Load the snippets these options name (``word_boundary``: the settings' default
        for snippets that say nothing)."""
        from expander.library import load

        return load(
            *self.packs,
            include_bundled=self.include_bundled,
            include_user=self.include_user,
            word_boundary=word_boundary,
        )
