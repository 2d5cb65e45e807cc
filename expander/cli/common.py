"""What every ``expander`` command shares: exit codes, the pack options, argument
types, printing, and the one place where errors become ``Error: ...`` lines.

Command modules raise :class:`~expander.errors.ExpanderError` and never print a
traceback or choose an exit code for a failure themselves: :func:`run_command`
does that, so every command reports mistakes the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import io
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO, TypeAlias

from expander.errors import ExpanderError
from expander.library import Library, load

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "Command",
    "SubParsers",
    "add_command",
    "add_field_option",
    "add_json_option",
    "add_library_options",
    "iso_date",
    "load_library",
    "make_output_safe",
    "name_value",
    "positive_int",
    "print_json",
    "run_command",
    "warn",
]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

Command: TypeAlias = Callable[[argparse.Namespace], int]
# argparse's type for the object add_subparsers() returns; not subscriptable at run time
SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


# --- output ---------------------------------------------------------------------------


def print_json(data: Any, out: TextIO | None = None) -> None:
    """Print ``data`` as indented JSON, non-ASCII text kept readable."""
    stream = out or sys.stdout
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def warn(message: str) -> None:
    """Print a note, warning or progress line on stderr, so stdout stays the result."""
    print(message, file=sys.stderr)


def make_output_safe() -> None:
    """Let stdout and stderr print any text, even in a legacy encoding.

    A terminal or pipe in, say, cp1252 must not turn "Zażółć" into a traceback:
    characters it cannot show are printed as backslash escapes instead.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and encoding != "utf8":
            stream.reconfigure(errors="backslashreplace")


# --- running a command ----------------------------------------------------------------------


def run_command(command: Command, args: argparse.Namespace) -> int:
    """Run a parsed command and return its exit code, never raising for a user's mistake.

    Library errors and unusable files become one ``Error: ...`` line on stderr
    and exit code 1; a reader that goes away (``expander list | head -1``) is
    not an error; Ctrl+C exits with 130.
    """
    try:
        return command(args)
    except ExpanderError as exc:
        warn(f"Error: {exc}")
        return EXIT_ERROR
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail too
        return EXIT_OK
    except OSError as exc:  # a file or folder we must write or read is not usable
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        warn(f"Error: {exc.strerror or exc}{where}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


# --- the parser -----------------------------------------------------------------------------


def add_command(
    commands: SubParsers,
    name: str,
    func: Command,
    *,
    help: str,
    description: str | None = None,
    epilog: str | None = None,
) -> argparse.ArgumentParser:
    """Add a subcommand that runs ``func``.

    Its ``--help`` shows ``description``, by default ``func``'s docstring (argparse
    rewraps it), so what a command promises is written once, where it is kept.
    A command without either is refused: ``--help`` must explain every command.
    """
    text = description or inspect.getdoc(func)
    if not text:
        raise ValueError(f"command {name!r}: give {func.__name__} a docstring")
    parser = commands.add_parser(name, help=help, description=text, epilog=epilog)
    parser.set_defaults(func=func)
    return parser


def add_json_option(parser: argparse.ArgumentParser, help: str = "print JSON") -> None:
    parser.add_argument("--json", action="store_true", help=help)


def add_library_options(parser: argparse.ArgumentParser) -> None:
    """``--pack``, ``--no-bundled`` and ``--no-user``: which packs a command loads
    (read by :func:`load_library`)."""
    group = parser.add_argument_group("which packs to load")
    group.add_argument(
        "-p",
        "--pack",
        action="append",
        default=[],
        metavar="PATH",
        help="a team pack (.toml file or pack folder) to load; repeatable, later ones win",
    )
    group.add_argument(
        "--no-bundled", action="store_true", help="leave out the bundled default packs"
    )
    group.add_argument(
        "--no-user",
        action="store_true",
        help="leave out your personal snippets and installed team packs",
    )


def load_library(args: argparse.Namespace) -> Library:
    """The snippets in effect for a command given :func:`add_library_options`."""
    return load(
        *args.pack,
        include_bundled=not args.no_bundled,
        include_user=not args.no_user,
    )


def add_field_option(parser: argparse.ArgumentParser, help: str) -> None:
    """``-f/--field NAME=VALUE``, repeatable; ``dict(args.field)`` gives the fields."""
    parser.add_argument(
        "-f",
        "--field",
        action="append",
        default=[],
        type=name_value,
        metavar="NAME=VALUE",
        help=help,
    )


# --- argument types (argparse turns their ArgumentTypeError into a usage error) ----------------


def name_value(text: str) -> tuple[str, str]:
    """``NAME=VALUE`` as a pair; the value may be empty or hold further ``=``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def iso_date(text: str) -> dt.date:
    """A day written as ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def positive_int(text: str) -> int:
    """A whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value
