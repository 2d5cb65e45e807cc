"""Reading TOML with line numbers (``expander.tomlsource``)."""

from __future__ import annotations

import textwrap
from pathlib import Path

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
