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
import re
import sys
import unicodedata
from collections.abc import Callable
from typing import Any, TextIO, TypeAlias

from expander.errors import ExpanderError
from expander.library import Library, load
from expander.paths import folder_problem

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
    "decode_input",
    "iso_date",
    "load_library",
    "make_output_safe",
    "name_value",
    "positive_int",
    "print_json",
    "read_clipboard",
    "read_file",
    "read_stdin",
    "repair_text",
    "run_command",
    "shown",
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
    characters it cannot show are printed as backslash escapes instead. UTF-8
    streams get the same, for the lone surrogates an undecodable argument
    (``--field name=$'\\xff'``) becomes.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


# C0 and C1 controls, DEL, and the bidirectional marks that reorder what a line shows;
# a body keeps its tabs and line breaks
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_IN_BODY = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str, *, body: bool = False) -> str:
    """``text`` from a pack or an e-mail made safe to print: control characters
    (an escape sequence could retitle or clear the terminal, or hide lines) and
    bidirectional overrides are shown as ``\\x1b``-style escapes. A ``body``
    keeps its newlines and tabs. JSON output needs none of this: it is exact.
    """
    return (_UNSAFE_IN_BODY if body else _UNSAFE).sub(_escaped, text)


# --- input -----------------------------------------------------------------------------------

# Legacy encodings an e-mail saved on Windows comes in, with the letters each one's
# text is written in (a Polish e-mail read as cp1251 turns into Latin words with
# Cyrillic letters inside, a Russian one read as cp1250 into words of accented letters)
_LEGACY = (("cp1250", "LATIN", "Windows-1250 (Central European)"),
           ("cp1251", "CYRILLIC", "Windows-1251 (Cyrillic)"))  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")


def _plausibility(text: str, script: str) -> float:
    """The share of words with non-ASCII letters that look like words of ``script``:
    only its letters, and for Latin mostly plain ones (0 when the text holds control
    characters, which no e-mail does)."""
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n\f" for ch in text):
        return 0.0
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return 0.0

    def plausible(word: str) -> bool:
        accented = [ch for ch in word if not ch.isascii()]
        if not all(unicodedata.name(ch, "").startswith(script) for ch in accented):
            return False
        if script == "LATIN":
            return len(accented) * 2 <= len(word)
        return len(accented) == len(word)

    return sum(map(plausible, words)) / len(words)


def decode_input(data: bytes, what: str) -> str:
    """Bytes read from ``what`` (stdin, a file, the clipboard) as text, never failing.

    UTF-8 (or UTF-16 with its byte-order mark) is read exactly. Otherwise an
    e-mail saved on Windows in cp1250 or cp1251 is read as such when its words
    clearly look like words of that script, and anything else has its
    undecodable bytes replaced by U+FFFD; either way a one-line warning on
    stderr says so, since the text may not be exactly what was sent.
    """
    import codecs

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for codec, script, label in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausibility(text, script) >= 0.9:
            warn(f"Warning: {what} is not UTF-8 text; read it as {label}")
            return text
    text = data.decode("utf-8", errors="replace")
    warn(
        f"Warning: {what} is not UTF-8 text; {text.count(chr(0xFFFD))} undecodable "
        "byte sequence(s) were replaced (shown as U+FFFD)"
    )
    return text


def read_stdin(what: str) -> str:
    """All of stdin as text, decoded by :func:`decode_input` (``what`` names it in the
    warning), whatever encoding the terminal or ``PYTHONIOENCODING`` claims."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # already text (a StringIO in place of stdin)
        return repair_text(sys.stdin.read(), what)
    return decode_input(buffer.read(), what)


def repair_text(text: str, what: str) -> str:
    """``text`` as :func:`decode_input` would have read it, when the lone surrogates
    of Python's ``surrogateescape`` show it was decoded from bytes that were not UTF-8."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    try:
        data = text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:  # other lone surrogates: not from undecodable bytes
        data = text.encode("utf-8", errors="replace")
    return decode_input(data, what)


def read_file(path: str | os.PathLike[str]) -> str:
    """A text file's content, decoded by :func:`decode_input`; ``-`` is stdin."""
    if str(path) == "-":
        return read_stdin("stdin")
    with open(path, "rb") as handle:
        return decode_input(handle.read(), str(path))


def read_clipboard() -> str:
    """The clipboard's text, never a decoding traceback: a clipboard tool that hands
    over bytes that are not UTF-8 gets them read by :func:`decode_input`. Raises
    :class:`~expander.errors.BackendError` when there is no clipboard."""
    from expander.desktop.backends.clipboard import read_text

    try:
        text = read_text()
    except UnicodeDecodeError as exc:
        return decode_input(bytes(exc.object), "the clipboard")
    return repair_text(text, "the clipboard")


# --- running a command ----------------------------------------------------------------------


def run_command(command: Command, args: argparse.Namespace) -> int:
    """Run a parsed command and return its exit code, never raising for a user's mistake.

    Library errors and unusable files become one ``Error: ...`` line on stderr
    and exit code 1; a reader that goes away (``expander list | head -1``) is
    not an error; Ctrl+C exits with 130.
    """
    problem = folder_problem()
    if problem:
        warn(f"Error: {problem}")
        return EXIT_ERROR
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
