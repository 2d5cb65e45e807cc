"""The app's place on the desktop: the application-menu launcher with its icon,
and the XDG autostart entry that starts it at login.

These (and what ``ibus_setup`` writes for IBus) are the only files Expander
writes outside ``EXPANDER_HOME``, on purpose:
the desktop reads them from the XDG folders alone (``$XDG_DATA_HOME/applications``,
``$XDG_DATA_HOME/icons``, ``$XDG_CONFIG_HOME/autostart``). They hold no personal
data: a command line and a name. Pure file work; no desktop library is imported.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from expander.errors import ExpanderError
from expander.fsutil import atomic_write_bytes

__all__ = [
    "ENTRY_NAME",
    "AutostartStatus",
    "DesktopFiles",
    "autostart_status",
    "desktop_entry",
    "desktop_files",
    "exec_line",
    "expander_command",
    "icon_svg",
    "install_file",
    "remove_files",
]

ENTRY_NAME = "expander.desktop"
ICON_NAME = "expander"
_PUBLIC = 0o644  # the desktop's menu and session reads them; nothing private inside


@dataclass(frozen=True, slots=True)
class DesktopFiles:
    """Where the desktop looks for Expander's entries, for one environment."""

    autostart: Path
    launcher: Path
    icon: Path


def _xdg_home(env: Mapping[str, str], variable: str, default: str) -> Path:
    """``$variable`` when it is an absolute path, else ``~/default``: the XDG base
    directory spec says a relative value is invalid and must be ignored."""
    value = env.get(variable, "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / default


def desktop_files(environ: Mapping[str, str] | None = None) -> DesktopFiles:
    """The autostart entry, the launcher and the icon for ``environ`` (the process's
    environment by default). ``EXPANDER_HOME`` does not move them: the desktop
    would not find them anywhere else."""
    env = os.environ if environ is None else environ
    config = _xdg_home(env, "XDG_CONFIG_HOME", ".config")
    data = _xdg_home(env, "XDG_DATA_HOME", ".local/share")
    return DesktopFiles(
        autostart=config / "autostart" / ENTRY_NAME,
        launcher=data / "applications" / ENTRY_NAME,
        icon=data / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg",
    )


def expander_command(argv0: str | None = None) -> tuple[str, ...]:
    """The command that starts this Expander, as absolute paths.

    The ``expander`` script this process was started as (a bare name is looked up
    on PATH); otherwise, as under ``python -m expander``, this interpreter with
    ``-m expander``. Symbolic links are kept, not followed: a venv's python is a
    link to the system's, which does not know the venv's packages.
    """
    arg = sys.argv[0] if argv0 is None else argv0
    if Path(arg).stem == "expander" and not arg.endswith(".py"):
        found = arg if os.sep in arg else shutil.which(arg)
        if found and os.path.isfile(found) and os.access(found, os.X_OK):
            return (os.path.abspath(found),)
    return (os.path.abspath(sys.executable), "-m", "expander")


_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def _exec_arg(arg: str) -> str:
    """One argument of an Exec key, quoted as the desktop entry spec asks."""
    if "\n" in arg or "\r" in arg:
        raise ExpanderError(f"cannot start Expander from a path with a line break: {arg!r}")
    if any(ch in _RESERVED for ch in arg):
        arg = '"' + "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg) + '"'
    return arg.replace("%", "%%")


def _string_value(text: str) -> str:
    """``text`` as a desktop entry string value (backslashes escaped)."""
    return text.replace("\\", "\\\\")


def exec_line(command: Sequence[str]) -> str:
    """The Exec value that runs ``command``: each argument quoted per the spec, then
    escaped as a string value (so a backslash in a path is written four times).

    A program path with a ``%`` is started through ``env``: GLib looks for the
    program before it turns ``%%`` back into ``%``, and would not load the entry.
    """
    if "%" in command[0]:
        command = ["env", *command]
    return _string_value(" ".join(_exec_arg(arg) for arg in command))


def desktop_entry(command: Sequence[str], *, autostart: bool) -> str:
    """The ``.desktop`` file that runs ``command run``: the menu launcher, or with
    ``autostart`` the login entry (which the session starts without a terminal)."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        "Name=Expander",
        "GenericName=Text Expander",
        "Comment=Canned replies for customer support: type a trigger, get the reply",
        f"Exec={exec_line([*command, 'run'])}",
        f"TryExec={_string_value(command[0])}",
        f"Icon={ICON_NAME}",
        "Terminal=false",
        "Categories=Utility;TextTools;",
        "Keywords=snippets;canned;replies;support;abbreviations;",
        "StartupNotify=false",
    ]
    if autostart:
        lines.append("X-GNOME-Autostart-enabled=true")
    return "\n".join(lines) + "\n"


def icon_svg() -> bytes:
    """The app's icon, shipped in the package."""
    return resources.files("expander.desktop").joinpath("expander.svg").read_bytes()


def install_file(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path`` (0644) unless it is already there; ``True``
    when the file changed."""
    try:
        if path.read_bytes() == content:
            return False
    except FileNotFoundError:
        pass
    atomic_write_bytes(path, content, mode=_PUBLIC)
    return True


def remove_files(*paths: Path) -> list[Path]:
    """Remove those of ``paths`` that exist; returns them."""
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed


@dataclass(frozen=True, slots=True)
class AutostartStatus:
    """What the autostart entry says: ``enabled`` only when the file is there and
    the session would start it (not ``Hidden``, not turned off in GNOME's tools)."""

    file: Path
    exists: bool
    enabled: bool
    exec: str | None


def _entry_keys(text: str) -> dict[str, str]:
    """The keys of the ``[Desktop Entry]`` group (later groups are ignored)."""
    keys: dict[str, str] = {}
    group = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
        elif group == "Desktop Entry" and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            keys[key.strip()] = value.strip()
    return keys


def autostart_status(files: DesktopFiles) -> AutostartStatus:
    """Whether Expander starts at login, read from its autostart entry."""
    try:
        keys = _entry_keys(files.autostart.read_text(encoding="utf-8", errors="replace"))
    except FileNotFoundError:
        return AutostartStatus(files.autostart, exists=False, enabled=False, exec=None)
    enabled = (
        keys.get("Hidden", "false").lower() != "true"
        and keys.get("X-GNOME-Autostart-enabled", "true").lower() != "false"
    )
    return AutostartStatus(files.autostart, exists=True, enabled=enabled, exec=keys.get("Exec"))
