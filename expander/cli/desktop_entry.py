"""``expander autostart on|off|status`` and ``expander install-desktop [--remove]``:
start the app at login and from the application menu, like any desktop app.

Both write outside ``EXPANDER_HOME``, because the user asks for exactly that:
the desktop reads launchers and autostart entries from the XDG folders only.
"""

from __future__ import annotations

import argparse

from expander.cli.common import SubParsers, add_command, add_json_option, print_json

__all__ = ["add_desktop_entry_commands"]

_OUTSIDE = (
    "This writes outside EXPANDER_HOME on purpose: the desktop looks for these files "
    "in the XDG folders only ($XDG_CONFIG_HOME, default ~/.config; $XDG_DATA_HOME, "
    "default ~/.local/share)."
)


def cmd_autostart(args: argparse.Namespace) -> int:
    """Start Expander at login, or not: 'on' writes the XDG autostart entry
    $XDG_CONFIG_HOME/autostart/expander.desktop (default ~/.config/autostart), which
    runs this installation's 'expander run'; 'off' removes it; 'status' says which.
    Running 'on' or 'off' twice changes nothing."""
    # imported here: expander.desktop loads the whole app, which other commands never need
    from expander.desktop.launcher import (
        autostart_status,
        desktop_entry,
        desktop_files,
        expander_command,
        install_file,
        remove_files,
    )

    files = desktop_files()
    if args.state == "on":
        entry = desktop_entry(expander_command(), autostart=True)
        changed = install_file(files.autostart, entry.encode("utf-8"))
        state = "on" if changed else "already on"
        print(f"Autostart {state}: {files.autostart}")
    elif args.state == "off":
        removed = remove_files(files.autostart)
        print(f"Autostart {'off' if removed else 'already off'}: no {files.autostart}")
    else:
        status = autostart_status(files)
        if args.json:
            print_json(
                {
                    "enabled": status.enabled,
                    "file": str(status.file),
                    "exists": status.exists,
                    "exec": status.exec,
                }
            )
        elif status.enabled:
            print(f"Autostart on: {status.file} runs {status.exec}")
        elif status.exists:
            print(f"Autostart off: {status.file} is turned off in the desktop's settings")
        else:
            print(f"Autostart off: no {status.file}")
    return 0


def cmd_install_desktop(args: argparse.Namespace) -> int:
    """Put Expander in the desktop's application menu: a launcher
    ($XDG_DATA_HOME/applications/expander.desktop, default ~/.local/share/applications)
    that runs this installation's 'expander run', and its icon in
    $XDG_DATA_HOME/icons/hicolor. --remove takes both away again. Run it again after
    moving or reinstalling Expander: the launcher names the program's full path."""
    from expander.desktop.launcher import (
        desktop_entry,
        desktop_files,
        expander_command,
        icon_svg,
        install_file,
        remove_files,
    )

    files = desktop_files()
    if args.remove:
        removed = remove_files(files.launcher, files.icon)
        for path in removed:
            print(f"Removed {path}")
        if not removed:
            print(f"Nothing to remove: no {files.launcher}")
        return 0
    entry = desktop_entry(expander_command(), autostart=False)
    for path, content in ((files.icon, icon_svg()), (files.launcher, entry.encode("utf-8"))):
        state = "Wrote" if install_file(path, content) else "Up to date:"
        print(f"{state} {path}")
    return 0


def add_desktop_entry_commands(commands: SubParsers) -> None:
    """Add ``autostart`` and ``install-desktop``."""
    p = add_command(
        commands,
        "autostart",
        cmd_autostart,
        help="start the desktop app at login: on, off or status",
        epilog=_OUTSIDE,
    )
    p.add_argument("state", choices=("on", "off", "status"), help="what to do")
    add_json_option(p, help="status: print JSON")
    p = add_command(
        commands,
        "install-desktop",
        cmd_install_desktop,
        help="add the desktop app to the application menu (with an icon)",
        epilog=_OUTSIDE,
    )
    p.add_argument("--remove", action="store_true", help="remove the launcher and its icon")
