"""``expander ibus setup|status|remove``: make IBus find the Expander engine
(``expander run --backend ibus``), for GNOME on Wayland and every input-method
client (issue #16).

Setup writes outside ``EXPANDER_HOME`` on purpose: the login session reads its
environment from ``$XDG_CONFIG_HOME/environment.d`` only, IBus keeps its cache in
``$XDG_CACHE_HOME/ibus`` and GNOME its input sources in its own settings.
"""

from __future__ import annotations

import argparse

from expander.cli.common import SubParsers, add_command, add_json_option, print_json

__all__ = ["add_ibus_command"]

_OUTSIDE = (
    "setup writes outside EXPANDER_HOME on purpose: the component file goes to Expander's "
    "data folder, but the session reads its environment from $XDG_CONFIG_HOME/environment.d "
    "(default ~/.config), IBus keeps its cache in $XDG_CACHE_HOME/ibus and GNOME its input "
    "sources in gsettings (org.gnome.desktop.input-sources). No administrator rights needed."
)


def _setup() -> int:
    from expander.desktop.ibus_setup import next_step, setup

    changes = setup()
    gnome = False
    for change in changes:
        if change.what.startswith("org.gnome"):
            gnome = True
            state = "Added Expander to" if change.changed else "Up to date:"
            print(f"{state} GNOME's input sources: {change.note}")
        elif change.note:
            state = "Rewrote" if change.changed else "Up to date:"
            print(f"{state} {change.note.split(',')[0]}: {change.what}")
        else:
            print(f"{'Wrote' if change.changed else 'Up to date:'} {change.what}")
    print(next_step(gnome))
    return 0


def _remove() -> int:
    from expander.desktop.ibus_setup import remove

    changes = remove()
    for change in changes:
        if change.what.startswith("org.gnome"):
            if change.changed:
                print(f"Removed Expander from GNOME's input sources: {change.note}")
        elif change.note:
            print(f"Rewrote {change.note.split(',')[0]}: {change.what}")
        elif change.changed:
            print(f"Removed {change.what}")
    if any(change.changed for change in changes):
        print("IBus forgets the engine at the next login (or after: ibus restart).")
    else:
        print("Nothing to remove: IBus was not set up for Expander.")
    return 0


def _yes(flag: bool | None) -> str:
    return {True: "yes", False: "no", None: "not GNOME"}[flag]


def _status(as_json: bool) -> int:
    from expander.desktop.ibus_setup import ibus_status

    status = ibus_status()
    if as_json:
        print_json(
            {
                "ready": status.ready,
                "ibus_installed": status.ibus_installed,
                "typelib_installed": status.typelib_installed,
                "daemon_running": status.daemon_running,
                "engine_known": status.engine_known,
                "engine_selected": status.engine_selected,
                "current_engine": status.current_engine,
                "component_file": str(status.component_file),
                "component_current": status.component_current,
                "environment_file": str(status.environment_file),
                "environment_current": status.environment_current,
                "session_has_path": status.session_has_path,
                "gnome_source": status.gnome_source,
                "problems": status.problems,
            }
        )
    else:
        rows = [
            ("IBus installed", _yes(status.ibus_installed and status.typelib_installed)),
            ("ibus-daemon running", _yes(status.daemon_running)),
            ("engine known to ibus-daemon", _yes(status.engine_known)),
            (
                "engine selected now",
                f"{_yes(status.engine_selected)} ({status.current_engine or 'none'})",
            ),
            ("component file", f"{_yes(status.component_current)} ({status.component_file})"),
            ("environment file", f"{_yes(status.environment_current)} ({status.environment_file})"),
            ("this session has it", _yes(status.session_has_path)),
            ("GNOME input source", _yes(status.gnome_source)),
        ]
        for name, value in rows:
            print(f"{name + ':':30} {value}")
        print("Ready." if status.ready else "Not ready:")
        for problem in status.problems:
            print(f"- {problem}")
    return 0 if status.ready else 1


def cmd_ibus(args: argparse.Namespace) -> int:
    """Type triggers through IBus (GNOME on Wayland, every input-method client):
    'setup' makes IBus know the Expander engine for this user (a component file
    that runs this installation's 'expander run --backend ibus', an environment
    file the session reads at login, IBus's cache) and adds it to GNOME's input
    sources; then log out and in and choose "Expander" in the keyboard menu.
    'status' checks each piece (exit 0 only when all is ready; --json);
    'remove' undoes setup. Running setup or remove twice changes nothing."""
    if args.action == "setup":
        return _setup()
    if args.action == "remove":
        return _remove()
    return _status(args.json)


def add_ibus_command(commands: SubParsers) -> None:
    """Add ``ibus``."""
    p = add_command(
        commands,
        "ibus",
        cmd_ibus,
        help="typing through IBus (GNOME Wayland): setup, status, remove",
        epilog=_OUTSIDE,
    )
    p.add_argument("action", choices=("setup", "status", "remove"), help="what to do")
    add_json_option(p, help="status: print JSON")
