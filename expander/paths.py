"""Where Expander keeps things on this machine.

Personal snippets and settings live in the user's config folder (XDG on Linux,
the platform's own folder on macOS and Windows); installed team packs and local
data in the data folder. ``EXPANDER_HOME`` puts all of it under one folder, for
tests, portable installs and several profiles on one machine.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Paths", "bundled_dir", "folder_problem", "user_paths"]

APP_NAME = "expander"


@dataclass(frozen=True, slots=True)
class Paths:
    config_dir: Path
    data_dir: Path

    @property
    def personal_file(self) -> Path:
        """The personal snippets pack (highest precedence)."""
        return self.config_dir / "personal.toml"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def learned_file(self) -> Path:
        """Masked e-mails from accepted suggestions: extra examples per snippet."""
        return self.data_dir / "learned.jsonl"

    @property
    def team_packs_dir(self) -> Path:
        """Installed team packs, one folder each; read-only for the app."""
        return self.data_dir / "packs"


def user_paths(environ: dict[str, str] | None = None) -> Paths:
    """The folders for the current user, honouring ``EXPANDER_HOME``."""
    env = os.environ if environ is None else environ
    home_override = env.get("EXPANDER_HOME")
    if home_override:
        root = Path(home_override).expanduser()
        return Paths(config_dir=root, data_dir=root / "data")
    home = Path(env.get("HOME") or Path.home())
    if sys.platform == "win32":
        appdata = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
        local = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return Paths(appdata / "Expander", local / "Expander")
    if sys.platform == "darwin":
        support = home / "Library" / "Application Support" / "Expander"
        return Paths(support, support / "data")
    config = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
    data = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share")
    return Paths(config / APP_NAME, data / APP_NAME)


def folder_problem(paths: Paths | None = None) -> str | None:
    """Why the user's folders cannot be used, or None: one that exists and is no
    folder (``EXPANDER_HOME`` naming a file). Reading would then skip the personal
    snippets and the settings without a word, and each write fail on its own."""
    paths = paths or user_paths()
    for folder in dict.fromkeys((paths.config_dir, paths.data_dir)):
        if folder.exists() and not folder.is_dir():
            return (
                f"{folder} is a file, not a folder: Expander keeps the personal snippets, "
                "settings and data in it; set EXPANDER_HOME to a folder, or move the file"
            )
    return None


def bundled_dir() -> Path:
    """The folder of the default packs shipped with Expander.

    In a source checkout (and an editable install) that is ``snippets/`` beside
    the package. A wheel installs them as data files under ``<scheme>/share/
    expander/snippets``, where the scheme's root is the venv for pip and pipx but
    ``~/.local`` for ``pip install --user`` and ``/usr/local`` for Debian's pip:
    the installed distribution's file list says where they went.
    """
    here = Path(__file__).resolve().parent
    checkout = here.parent / "snippets"
    if checkout.is_dir() and (here.parent / "pyproject.toml").is_file():
        return checkout
    installed = _installed_packs_dir(here)
    if installed is not None:
        return installed
    return Path(sys.prefix) / "share" / APP_NAME / "snippets"


def _installed_packs_dir(package: Path) -> Path | None:
    """Where the installed distribution that holds ``package`` put its packs, from
    its RECORD; ``None`` when this is not such an install."""
    from importlib import metadata

    try:
        dist = metadata.distribution(APP_NAME)
    except metadata.PackageNotFoundError:
        return None
    if Path(str(dist.locate_file(APP_NAME))).resolve() != package:
        return None  # another copy of Expander on the path
    for file in dist.files or ():
        if file.suffix == ".toml" and file.parent.parts[-3:] == ("share", APP_NAME, "snippets"):
            folder = Path(str(dist.locate_file(file))).resolve().parent
            if folder.is_dir():
                return folder
    return None
