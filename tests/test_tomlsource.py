"""Reading TOML with line numbers (``expander.tomlsource``)."""

from __future__ import annotations

import os
import random
import socket
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest

from expander.model import Problem, Severity
from expander.tomlsource import (
    FileReport,
    TableLines,
    TomlHeader,
    TomlKey,
    did_you_mean,
    multiline_string_line,
    read_toml,
    scan_toml_lines,
)

SAMPLE = textwrap.dedent(
    '''\
    [pack]
    name = "x"

    [[snippets]]
    body = """
    [not a header]
    not_a_key = 1
    """
    "quoted key" = 2
    [ "a" . b ]
    c = 3
    '''
)


def test_scan_finds_headers_and_keys_but_not_inside_multiline_strings() -> None:
    assert list(scan_toml_lines(SAMPLE.splitlines())) == [
        TomlHeader(1, "[", "pack"),
        TomlKey(2, "name"),
        TomlHeader(4, "[[", "snippets"),
        TomlKey(5, "body"),
        TomlKey(9, "quoted key"),
        TomlHeader(10, "[", '"a" . b'),
        TomlKey(11, "c"),
    ]
    assert TomlHeader(10, "[", '"a" . b').dotted_name == "a.b"


def test_table_lines_place_tables_keys_and_array_items() -> None:
    lines = TableLines('top = 1\ninline = {a = 1}\n[t]\nk = [\n  "x",\n  "y",\n]\n[t.sub]\n')
    assert lines.table("t") == 3
    assert lines.table("inline") == 2
    assert lines.table("missing") is None
    assert lines.key("t", "k") == 4
    assert lines.key("t", "sub") == 8
    assert lines.key("t", "dotted.key") == 3
    assert lines.item("t", "k", "y") == 6
    assert lines.item("t", "k", "absent") == 4


def test_multiline_string_line_follows_toml_string_rules() -> None:
    text = 'body = """\none\ntwo \\\n  still two\nthree\\nfour\n"""\nshort = "x"'.splitlines()
    assert [multiline_string_line(text, 1, n) for n in (1, 2, 3, 4)] == [2, 3, 5, 5]
    assert multiline_string_line(text, 7, 3) == 7  # a one-line string is on its key's line


# Each case: a string set on line 1, and the file line of its value lines 0 to 6.
STRING_LINES = {
    "on the key's line": ('body = """Hi,\nthere }\nbye"""\nx = 1', [1, 1, 2, 3, 3, 3, 3]),
    "from the next line": ('body = """\none\ntwo\nthree\n"""\nx = 1', [2, 2, 3, 4, 5, 5, 5]),
    "escaped quotes": (
        'body = """\nsay \\"""hi\\"""\n\\"\\"\\" and "" too\nend {\n"""',
        [2, 2, 3, 4, 5, 5, 5],
    ),
    "literal": ("body = '''\nC:\\\\path\\\nline \\n two\n'''\nx = 1", [2, 2, 3, 4, 4, 4, 4]),
    "literal on the key's line": ("body = '''one\ntwo'''", [1, 1, 2, 2, 2, 2, 2]),
    "line-ending backslash": (
        'body = """\none \\\n\n   \\\n  still one\\n two\nthree"""',
        [2, 2, 5, 6, 6, 6, 6],
    ),
    "backslash then spaces": ('body = """a \\   \n b\nc"""', [1, 1, 3, 3, 3, 3, 3]),
    "unclosed at the end of the file": ('body = """\none\ntwo', [2, 2, 3, 3, 3, 3, 3]),
    "quotes alone on the last line": ('body = """', [1] * 7),
    "one-line string": ('body = "x"\ny = 2', [1] * 7),
}


def _line_before_the_fix(lines: Sequence[str], key_line: int, value_line: int) -> int:
    """``multiline_string_line`` as it was when it joined the rest of the file into one
    text at every call (quadratic in a file of many broken bodies): the new one, which
    reads line by line, must give exactly its answers."""
    raw = lines[key_line - 1] if 0 < key_line <= len(lines) else ""
    value = raw.split("=", 1)[1].lstrip() if "=" in raw else ""
    delimiter = value[:3]
    if delimiter not in ('"""', "'''"):
        return key_line
    text = "\n".join([value[3:], *lines[key_line:]])
    i, file_line, current = 0, key_line, 1
    if text.startswith("\n"):
        i, file_line = 1, file_line + 1
    while i < len(text) and current < value_line:
        if text.startswith(delimiter, i):
            break
        if text[i] == "\n":
            file_line += 1
            current += 1
        elif text[i] == "\\" and delimiter == '"""':
            following = text[i + 1 : i + 2]
            if following == "n":
                current += 1
            elif following in (" ", "\t", "\n") and not text[i + 1 :].split("\n", 1)[0].strip():
                i += 1
                while i < len(text) and text[i] in " \t\n":
                    file_line += text[i] == "\n"
                    i += 1
                continue
            i += 2
            continue
        i += 1
    return file_line


def test_multiline_string_line_gives_the_lines_it_always_gave() -> None:
    for name, (text, expected) in STRING_LINES.items():
        for newline in ("\n", "\r\n"):
            lines = text.replace("\n", newline).splitlines()
            found = [multiline_string_line(lines, 1, n) for n in range(7)]
            assert found == expected, name
            assert found == [_line_before_the_fix(lines, 1, n) for n in range(7)], name
    pieces = ['"', "'", "\\", "n", " ", "\t", "\n", "\r\n", "\f", "\u00a0", "x", "{", "#", "="]
    rng = random.Random(2026)
    for _ in range(3000):
        quotes = rng.choice(['"""', "'''"])
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        lines = f"k = 1\nbody = {quotes}{body}\nafter = 2".splitlines()
        for key_line in (0, 1, 2, len(lines) + 1):
            for value_line in range(7):
                found = multiline_string_line(lines, key_line, value_line)
                assert found == _line_before_the_fix(lines, key_line, value_line), (body, key_line)


def test_did_you_mean_names_the_closest_key_or_all_of_them() -> None:
    assert did_you_mean("titel", {"title", "body"}) == "; did you mean 'title'?"
    assert did_you_mean("zzz", {"title", "body"}) == "; allowed keys: body, title"


def test_read_toml_reports_what_broke_with_its_line(tmp_path: Path) -> None:
    problems: list[Problem] = []
    report = FileReport(tmp_path / "bad.toml", problems)
    (tmp_path / "bad.toml").write_text('a = 1\nb = "open\n', encoding="utf-8")
    (tmp_path / "latin1.toml").write_bytes(b'a = 1\nb = "\xe9"\n')
    assert read_toml(tmp_path / "bad.toml", report) is None
    assert (
        read_toml(tmp_path / "latin1.toml", FileReport(tmp_path / "latin1.toml", problems)) is None
    )
    assert read_toml(tmp_path / "absent.toml", report) is None
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (2, "invalid TOML"),
        (2, "not valid UTF-8 (byte 0xe9)"),
        (None, "no such file or folder"),
    ]
    report.warn("careful", 3)
    assert problems[-1].severity is Severity.WARNING and problems[-1].line == 3
    good = tmp_path / "good.toml"
    good.write_text("\ufeff[t]\nk = 1\n", encoding="utf-8")
    assert read_toml(good, report) == ({"t": {"k": 1}}, "[t]\nk = 1\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and sockets are POSIX")
def test_read_toml_refuses_what_is_not_a_regular_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A named pipe with no writer once held the open for ever: every command hung.
    monkeypatch.chdir(tmp_path)  # a short socket path: sockets allow about 100 bytes
    os.mkfifo("pipe.toml")
    os.symlink("pipe.toml", "link.toml")
    os.symlink(os.devnull, "device.toml")
    Path("folder.toml").mkdir()
    listening = socket.socket(socket.AF_UNIX)
    listening.bind("socket.toml")
    problems: list[Problem] = []
    for name in ("pipe.toml", "link.toml", "device.toml", "folder.toml", "socket.toml"):
        assert read_toml(Path(name), FileReport(Path(name), problems)) is None
    listening.close()
    assert [str(p) for p in problems] == [
        f"{name}: error: cannot read the file: it is {kind}; only regular files are read"
        for name, kind in [
            ("pipe.toml", "a named pipe (FIFO)"),
            ("link.toml", "a named pipe (FIFO)"),
            ("device.toml", "a device"),
            ("folder.toml", "a folder"),
            ("socket.toml", "a socket"),
        ]
    ]
