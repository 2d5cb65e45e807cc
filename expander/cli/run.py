"""``expander run``: start the desktop app. Its libraries (keyboard, tray,
clipboard) are imported only when the command runs, so other commands work
without them."""

from __future__ import annotations

import argparse
from pathlib import Path

from expander.cli.common import SubParsers, add_command, add_field_option, add_library_options
from expander.errors import ExpanderError

__all__ = ["DESKTOP_MODULES", "add_run_command"]

# What the desktop extras (and the system's Tk) bring; a missing one is an install to do
DESKTOP_MODULES = frozenset(
    {"Xlib", "pynput", "pystray", "pyperclip", "PIL", "gi", "tkinter", "_tkinter"}
)


def cmd_run(args: argparse.Namespace) -> int:
    """Run the desktop app: watch the keyboard and expand triggers in whatever window has
    focus. Needs a graphical X11 session. Stop it with Ctrl+C."""
    try:
        return _run(args)
    except ModuleNotFoundError as exc:
        top = (exc.name or "").partition(".")[0]
        if top not in DESKTOP_MODULES:
            raise
        install = (
            "install your system's Tk for Python (Debian, Ubuntu: apt install python3-tk)"
            if "tkinter" in top
            else "pip install 'expander[desktop]'"
        )
        raise ExpanderError(
            f"expander run needs the desktop extras ({top} is not installed): {install}"
        ) from None


def _run(args: argparse.Namespace) -> int:
    from expander.desktop.app import AppOptions, configure_logging, run

    configure_logging(args.verbose)
    options = AppOptions(
        packs=[Path(p) for p in args.pack],
        include_bundled=not args.no_bundled,
        include_user=not args.no_user,
        fields=dict(args.field),
        paste_threshold=args.paste_threshold,
        suggest_hotkey=args.suggest_hotkey,
        pause_hotkey=args.pause_hotkey,
        palette_hotkey=args.palette_hotkey,
        tray=not args.no_tray,
        backend=args.backend,
    )
    return run(options)


def add_run_command(commands: SubParsers) -> None:
    """Add ``run``."""
    p = add_command(
        commands, "run", cmd_run, help="run the desktop app (expands triggers anywhere)"
    )
    add_field_option(
        p, "a default field value for every expansion, e.g. --field agent=Kasia; repeatable"
    )
    p.add_argument(
        "--paste-threshold",
        type=int,
        default=None,
        metavar="N",
        help="paste replies longer than N characters instead of typing them (default: the "
        "settings file's, 40; "
        "text the keyboard layout cannot type is always pasted)",
    )
    p.add_argument(
        "--suggest-hotkey",
        default=None,
        metavar="KEYS",
        help="keys that open the reply picker for the e-mail on the clipboard "
        "(default: the settings file's, <ctrl>+<alt>+s; '' to disable)",
    )
    p.add_argument(
        "--pause-hotkey",
        default=None,
        metavar="KEYS",
        help="keys that pause and resume expansion "
        "(default: the settings file's, <ctrl>+<alt>+p; '' to disable)",
    )
    p.add_argument(
        "--palette-hotkey",
        default=None,
        metavar="KEYS",
        help="keys that open the search palette "
        "(default: the settings file's, <ctrl>+<alt>+<space>; '' to disable)",
    )
    p.add_argument(
        "--backend",
        choices=("auto", "x11", "ibus"),  # desktop.options.BACKENDS: not imported at start
        default="auto",
        help="how keys are watched and replies inserted: 'x11' (XRecord and XTEST, any X11 "
        "session), 'ibus' (an IBus input method: GNOME Wayland, or X11 with IBus; see "
        "'expander ibus status'); 'auto' (default) takes ibus in a Wayland session, else x11",
    )
    p.add_argument("--no-tray", action="store_true", help="run without a tray icon")
    p.add_argument("-v", "--verbose", action="store_true", help="log more (never typed text)")
    add_library_options(p)
