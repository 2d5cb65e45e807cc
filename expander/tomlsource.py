"""Reading TOML files so that every problem can name its file and line.

``tomllib`` gives data without positions. The pack loader and the settings
reader both need to point a problem at the line where a table or key was
written, so this module holds what they share: reading a file into data and
text (with its failures as problems), a light scan of the text for table
headers and keys, the line of a line inside a multi-line string, and the
"did you mean" hint for an unknown key.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from expander.errors import Problem, Severity, SourceLocation
from expander.fsutil import not_a_regular_file

__all__ = [
    "HEADER_RE",
    "MAX_FILE_BYTES",
    "KEY_RE",
    "Block",
    "FileReport",
    "TableLines",
    "TomlHeader",
    "TomlKey",
    "did_you_mean",
    "multiline_string_line",
    "read_toml",
    "scan_toml_lines",
    "string_state_after",
]

HEADER_RE = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*\]\]?\s*(?:#.*)?$")
"""A table header line, ``[name]`` or ``[[name]]``: group 1 the brackets, group 2 the name."""

KEY_RE = re.compile(r"\s*(?:\"([^\"]+)\"|'([^']+)'|([A-Za-z0-9_-]+))\s*=")
"""A line starting with ``key =`` (bare, or in either kind of quotes)."""

MAX_FILE_BYTES = 4 << 20
"""The largest pack or settings file read (4 MiB); the bundled packs are under 60 KiB."""

_TOML_POSITION_RE = re.compile(r"\(at line (\d+), column (\d+)\)")
_BASIC_MULTILINE = '"' * 3
_LITERAL_MULTILINE = "'" * 3
_BLANK_TO_END_RE = re.compile(r"\s*\Z")


@dataclass(frozen=True, slots=True)
class Block:
    """Where a table starts and the first line of each key written under it."""

    line: int
    keys: dict[str, int] = field(default_factory=dict)


class FileReport:
    """Collects the problems found in one file, each with the file and a line."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems

    def add(self, severity: Severity, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(severity, message, SourceLocation(self.path, line)))

    def error(self, message: str, line: int | None = None) -> None:
        self.add(Severity.ERROR, message, line)

    def warn(self, message: str, line: int | None = None) -> None:
        self.add(Severity.WARNING, message, line)


def did_you_mean(key: str, allowed: Iterable[str]) -> str:
    """The hint to append to "unknown key": the closest allowed key, or all of them."""
    close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
    if close:
        return f"; did you mean {close[0]!r}?"
    return f"; allowed keys: {', '.join(sorted(allowed))}"


def read_toml(path: Path, report: FileReport) -> tuple[dict[str, Any], str] | None:
    """The parsed data and the text of the TOML file at ``path``.

    None when the file cannot be read, is not a regular file (a named pipe,
    socket, device or folder is never read: a named pipe with no writer held
    every command that loads the packs), is larger than :data:`MAX_FILE_BYTES`
    (known from its size before it is read, and never read past it), is not
    UTF-8 or is not valid TOML; the reason is then in ``report``, with the line
    where TOML or UTF-8 broke.
    """
    try:
        # O_NONBLOCK: opening a FIFO with no writer would wait forever; its mode is seen first
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            kind = not_a_regular_file(info.st_mode)
            if kind is not None:
                report.error(f"cannot read the file: {_refusal(kind)}")
                return None
            if hasattr(os, "O_NONBLOCK"):
                os.set_blocking(fd, True)
            size = info.st_size
            raw = b"" if size > MAX_FILE_BYTES else handle.read(MAX_FILE_BYTES + 1)
        if max(size, len(raw)) > MAX_FILE_BYTES:
            report.error(
                f"the file is {max(size, len(raw)):,} bytes, more than the "
                f"{MAX_FILE_BYTES >> 20} MiB Expander reads from one file; it was not read "
                "(a pack can be split into several .toml files in a pack folder)"
            )
            return None
    except FileNotFoundError:
        if os.path.islink(path):
            report.error(
                f"cannot read the file: it is a link to {os.readlink(path)}, which does not exist"
            )
        else:
            report.error("no such file or folder: check the path")
        return None
    except OSError as exc:
        # a socket cannot even be opened (ENXIO): say what it is, not the system's words
        kind = not_a_regular_file(_mode(path))
        report.error(f"cannot read the file: {_refusal(kind) if kind else exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.error(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save the file as UTF-8",
            raw.count(b"\n", 0, exc.start) + 1,
        )
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION_RE.search(message)
        line: int | None = int(position.group(1)) if position else getattr(exc, "lineno", None)
        detail = _TOML_POSITION_RE.sub("", message).strip()
        if position:
            detail += f" at column {position.group(2)}"
        report.error(f"invalid TOML: {detail}", line)
        return None
    except RecursionError:  # Python's TOML parser recurses once per level of [ or {
        report.error(
            "invalid TOML: arrays or inline tables are nested too deeply ([[[[... or "
            "{a = {b = {...); a pack or settings file needs a few levels at most"
        )
        return None
    return data, text


def _refusal(kind: str) -> str:
    return f"it is {kind}; only regular files are read"


def _mode(path: Path) -> int | None:
    try:
        return os.stat(path).st_mode
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class TomlHeader:
    """A table header line: ``bracket`` is ``[`` or ``[[``, ``raw_name`` the name as written."""

    line: int
    bracket: str
    raw_name: str

    @property
    def dotted_name(self) -> str:
        """The name with each dotted part unquoted: ``["a" . b]`` gives ``a.b``."""
        return ".".join(part.strip().strip("\"'") for part in self.raw_name.split("."))


@dataclass(frozen=True, slots=True)
class TomlKey:
    """A line starting with ``name =``."""

    line: int
    name: str


def scan_toml_lines(lines: Sequence[str]) -> Iterator[TomlHeader | TomlKey]:
    """The table headers and keys of a TOML text, in order, with their line numbers.

    A light scan, not a parser: it skips the inside of multi-line strings and
    sees only a key at the start of a line, which is enough to place what
    people write; dotted keys and inline tables are left to the caller's
    fallback (the table's header line).
    """
    in_string: str | None = None
    for number, line in enumerate(lines, start=1):
        if in_string is None:
            header = HEADER_RE.match(line)
            if header:
                yield TomlHeader(number, header.group(1), header.group(2))
            else:
                key = KEY_RE.match(line)
                if key:
                    yield TomlKey(number, next(g for g in key.groups() if g))
        in_string = string_state_after(line, in_string)


class TableLines:
    """Line numbers of every table header and of the keys under it.

    Enough to point a problem at its key; falls back to the table's header
    line for what the scan cannot place (dotted keys, inline tables).
    """

    def __init__(self, text: str) -> None:
        self.top = Block(1)
        self.tables: dict[str, Block] = {}
        self.text_lines = text.splitlines()
        current = self.top
        for item in scan_toml_lines(self.text_lines):
            if isinstance(item, TomlHeader):
                current = self.tables.setdefault(item.dotted_name, Block(item.line))
            else:
                current.keys.setdefault(item.name, item.line)

    def table(self, name: str) -> int | None:
        """The line of table ``name``'s header, or of ``name = ...`` at the top (inline)."""
        block = self.tables.get(name)
        return block.line if block else self.top.keys.get(name)

    def key(self, table: str, key: str) -> int | None:
        """The line of ``key`` in ``table``; else of a ``[table.key]`` header; else the table's."""
        block = self.tables.get(table)
        if block is not None and key in block.keys:
            return block.keys[key]
        nested = self.tables.get(f"{table}.{key}")
        return nested.line if nested else self.table(table)

    def item(self, table: str, key: str, value: str) -> int | None:
        """The line of one string inside a (possibly multi-line) array."""
        start = self.key(table, key)
        if start is None:
            return None
        quoted = (f'"{value}"', f"'{value}'")
        for number in range(start, len(self.text_lines) + 1):
            line = self.text_lines[number - 1]
            if number > start and HEADER_RE.match(line):
                break
            if any(q in line for q in quoted):
                return number
        return start


def string_state_after(line: str, in_string: str | None) -> str | None:
    """Which multi-line string delimiter is still open after ``line`` (None if none).

    ``in_string`` is the one open before it; a comment ends the scan of a line.
    """
    i = 0
    while i < len(line):
        if in_string is None:
            if line[i] == "#":
                return None
            for quote in ('"""', "'''"):
                if line.startswith(quote, i):
                    in_string = quote
                    i += 3
                    break
            else:
                if line[i] in "\"'":
                    end = line.find(line[i], i + 1)
                    i = len(line) if end < 0 else end + 1
                else:
                    i += 1
        else:
            if in_string == '"""' and line[i] == "\\":
                i += 2
                continue
            if line.startswith(in_string, i):
                i += 3
                while line.startswith(in_string[0], i):
                    i += 1
                in_string = None
            else:
                i += 1
    return in_string


def multiline_string_line(lines: Sequence[str], key_line: int, value_line: int) -> int:
    """The file line of line ``value_line`` (from 1) of the string value set on ``key_line``.

    Follows TOML's string rules: a one-line string is all on the key's line. In a
    multi-line string a newline right after the opening quotes is dropped, a
    backslash-n escape starts a value line without a file line, and a
    line-ending backslash joins lines.

    Reads the file one line at a time and stops at the closing quotes or the
    wanted line, so the cost is the string's own length: a pack with thousands
    of broken bodies once paid for the rest of the file at each of them.
    """
    raw = lines[key_line - 1] if 0 < key_line <= len(lines) else ""
    value = raw.split("=", 1)[1].lstrip() if "=" in raw else ""
    delimiter = value[:3]
    if delimiter not in (_BASIC_MULTILINE, _LITERAL_MULTILINE):
        return key_line
    escapes = delimiter == _BASIC_MULTILINE
    # ``line`` is the file line ``file_line`` from ``at`` on (the key's line from just
    # after the quotes); a line break in the string is the end of ``line`` while a
    # next file line exists.
    line, at, file_line, current = value[3:], 0, key_line, 1
    if not line and file_line < len(lines):
        line, file_line = lines[file_line], file_line + 1
    while current < value_line:
        if at >= len(line):
            if file_line >= len(lines):
                break
            line, at, file_line, current = lines[file_line], 0, file_line + 1, current + 1
            continue
        if line.startswith(delimiter, at):
            break
        if line[at] == "\\" and escapes:
            following = line[at + 1 : at + 2] or ("\n" if file_line < len(lines) else "")
            if following == "n":
                current += 1
            elif following in (" ", "\t", "\n") and _BLANK_TO_END_RE.match(line, at + 1):
                at += 1  # a line-ending backslash: white space and newlines vanish
                while True:
                    while at < len(line) and line[at] in " \t":
                        at += 1
                    if at < len(line) or file_line >= len(lines):
                        break
                    line, at, file_line = lines[file_line], 0, file_line + 1
                continue
            at += 2
            continue
        at += 1
    return file_line
