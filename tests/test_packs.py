from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from expander.errors import PackError
from expander.model import Layer, Problem, Severity
from expander.packs import PACK_NAME_RE, SEMVER_RE, add_personal_snippet, load_pack
from tests.conftest import WriteFile

GOOD = """
[pack]
name = "support-en"
version = "1.2.0"
language = "en"
description = "Replies"
word_boundary = true

[[snippets]]
id = "order-delayed"
trigger = ";delay"
title = "Order delayed"
keywords = ["late", "not arrived"]
examples = ["Where is my parcel?"]
body = \"\"\"Hello {name|there},
your order {order} is late.\"\"\"

[[snippets]]
id = "thanks"
title = "Thanks"
word_boundary = false
inject = "paste"
body = "Thank you!"
"""


def lines(problems: tuple[Problem, ...]) -> list[str]:
    return [f"{p.path.name if p.path else None}:{p.line}: {p.message}" for p in problems]


def test_valid_single_file_pack(write: WriteFile) -> None:
    loaded = load_pack(write("en.toml", GOOD))
    assert loaded.problems == ()
    pack = loaded.pack
    assert pack is not None
    assert (pack.name, pack.version, pack.language, pack.description) == (
        "support-en",
        "1.2.0",
        "en",
        "Replies",
    )
    delay, thanks = pack.snippets
    assert delay.trigger == ";delay"
    assert delay.keywords == ("late", "not arrived")
    assert delay.examples == ("Where is my parcel?",)
    assert delay.word_boundary is True  # the pack's default
    assert (thanks.word_boundary, thanks.inject, thanks.trigger) == (False, "paste", None)
    assert delay.language == "en"
    assert delay.location.line == 8
    assert [f.name for f in delay.template.fields] == ["name", "order"]


def test_folder_pack_with_manifest_and_more_files(write: WriteFile, tmp_path: Path) -> None:
    write("team/pack.toml", '[pack]\nname = "team"\nversion = "2.0.0"\n')
    write("team/returns.toml", '[[snippets]]\nid = "ret"\ntitle = "R"\nbody = "Return"\n')
    write("team/sub/more.toml", '[[snippets]]\nid = "more"\ntitle = "M"\nbody = "More"\n')
    write("team/.hidden/x.toml", "not toml at all [[[")
    loaded = load_pack(tmp_path / "team", Layer.PERSONAL)
    assert loaded.problems == ()
    assert loaded.pack is not None
    assert [s.id for s in loaded.pack.snippets] == ["ret", "more"]
    assert loaded.pack.snippets[1].location.path == tmp_path / "team/sub/more.toml"
    assert {s.layer for s in loaded.pack.snippets} == {Layer.PERSONAL}


def test_folder_without_manifest(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    loaded = load_pack(tmp_path / "empty")
    assert loaded.pack is None
    assert "needs a pack.toml" in loaded.problems[0].message


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    loaded = load_pack(tmp_path / "nope.toml")
    assert loaded.pack is None
    assert "no such file" in loaded.problems[0].message


def test_bad_toml_names_the_line(write: WriteFile) -> None:
    path = write("bad.toml", '[pack]\nname = "x"\nversion = "1.0.0"\ntitle = "unclosed\n')
    loaded = load_pack(path)
    assert loaded.pack is None
    (problem,) = loaded.problems
    assert problem.line == 4
    assert problem.message.startswith("invalid TOML:")
    assert str(problem).startswith(f"{path}:4: error: invalid TOML")


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(b'[pack]\nname = "x"\nversion = "1.0.0"\n# Za\xbf\xf3\xb3\xe6\n')
    (problem,) = load_pack(path).problems
    assert problem.line == 4
    assert "not valid UTF-8" in problem.message
    assert "save the file as UTF-8" in problem.message


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b'\xef\xbb\xbf[pack]\nname = "x"\nversion = "1.0.0"\n')
    assert load_pack(path).problems == ()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ('version = "1.0.0"', "name is missing"),
        ('name = "Bad Name"\nversion = "1.0.0"', "name is invalid"),
        ('name = "x"', "version is missing"),
        ('name = "x"\nversion = "1.0"', "version is invalid"),
    ],
)
def test_fatal_header_problems_skip_the_pack(write: WriteFile, header: str, message: str) -> None:
    loaded = load_pack(write("p.toml", f"[pack]\n{header}\n"))
    assert loaded.pack is None
    assert any(message in p.message for p in loaded.problems)


def test_header_and_snippet_errors_are_reported_at_once(write: WriteFile) -> None:
    path = write(
        "p.toml",
        '[pack]\nname = "Bad Name"\nversion = "1.0.0"\n\n'
        '[[snippets]]\nid = "a"\ntitle = "A"\nbody = "{oops"\n',
    )
    loaded = load_pack(path)
    assert loaded.pack is None
    assert lines(loaded.problems) == [
        "p.toml:2: [pack] name is invalid ('Bad Name'): use lowercase letters, digits, '.', "
        "'_' or '-', e.g. name = \"support-en\"",
        "p.toml:8: snippet 'a': in body: '{' is never closed: close the tag with '}', "
        "or write '{{' for a literal brace",
    ]


def test_a_trigger_mixing_alphabets_is_a_warning_with_its_line(write: WriteFile) -> None:
    text = GOOD.replace('trigger = ";delay"', 'trigger = ";d\u0435lay"')  # a Cyrillic е
    loaded = load_pack(write("p.toml", text))
    assert loaded.pack is not None and len(loaded.pack.snippets) == 2
    assert [(p.severity, p.line) for p in loaded.problems] == [(Severity.WARNING, 10)]
    assert loaded.problems[0].message == (
        "snippet 'order-delayed': trigger ';d\u0435lay' mixes Latin and Cyrillic letters "
        "('\u0435' is Cyrillic): it looks like a trigger typed in one alphabet but needs "
        "other keys; retype it in one"
    )


@pytest.mark.parametrize("trigger", [";delay", ";задержка", ";opóźnienie", ";ü", ";1x"])
def test_a_trigger_in_one_alphabet_is_not_warned_about(write: WriteFile, trigger: str) -> None:
    text = GOOD.replace('trigger = ";delay"', f'trigger = "{trigger}"')
    assert load_pack(write("p.toml", text)).problems == ()


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("support-en", True),
        ("a.b_c-1", True),
        ("Bad Name", False),
        ("-x", False),
        ("x" * 65, False),
    ],
)
def test_pack_name_re_is_the_rule_the_loader_applies(
    write: WriteFile, name: str, valid: bool
) -> None:
    assert bool(PACK_NAME_RE.match(name)) is valid
    loaded = load_pack(write("p.toml", f'[pack]\nname = "{name}"\nversion = "1.0.0"\n'))
    assert (loaded.pack is not None) is valid


@pytest.mark.parametrize(
    ("version", "valid"),
    [("1.0.0", True), ("2.10.3-rc.1+build.5", True), ("1.0", False), ("01.0.0", False)],
)
def test_semver_re_is_the_rule_the_loader_applies(
    write: WriteFile, version: str, valid: bool
) -> None:
    assert bool(SEMVER_RE.match(version)) is valid
    loaded = load_pack(write("p.toml", f'[pack]\nname = "x"\nversion = "{version}"\n'))
    assert (loaded.pack is not None) is valid


def test_no_pack_table(write: WriteFile) -> None:
    loaded = load_pack(write("p.toml", '[[snippets]]\nid = "a"\ntitle = "A"\nbody = "x"\n'))
    assert loaded.pack is None
    assert "no [pack] table" in loaded.problems[0].message


def test_unknown_keys_get_did_you_mean_and_a_line(write: WriteFile) -> None:
    path = write(
        "p.toml",
        """
        [pack]
        name = "x"
        version = "1.0.0"
        langauge = "en"
        colour = "red"

        [[snippets]]
        id = "a"
        title = "A"
        trigerr = ";a"
        body = "x"
        """,
    )
    loaded = load_pack(path)
    assert lines(loaded.problems) == [
        "p.toml:4: unknown key 'langauge' in [pack]; did you mean 'language'?",
        "p.toml:5: unknown key 'colour' in [pack]; allowed keys: author, description, inject, "
        "language, name, order_patterns, propagate_case, version, word_boundary",
        "p.toml:10: snippet 'a': unknown key 'trigerr'; did you mean 'trigger'?",
    ]
    assert loaded.pack is not None and [s.id for s in loaded.pack.snippets] == ["a"]


def test_one_broken_snippet_does_not_sink_the_pack(write: WriteFile) -> None:
    path = write(
        "p.toml",
        """
        [pack]
        name = "x"
        version = "1.0.0"

        [[snippets]]
        id = "ok1"
        title = "One"
        body = "fine"

        [[snippets]]
        id = "broken"
        title = "Broken"
        body = \"\"\"
        line one
        line two {name
        \"\"\"

        [[snippets]]
        title = "No id"
        body = "x"

        [[snippets]]
        id = "ok2"
        title = "Two"
        trigger = "two words"
        body = "x"

        [[snippets]]
        id = "ok3"
        title = "Three"
        body = "fine"
        keywords = "not a list"
        """,
    )
    loaded = load_pack(path)
    assert loaded.pack is not None
    assert [s.id for s in loaded.pack.snippets] == ["ok1", "ok3"]
    assert lines(loaded.problems) == [
        "p.toml:15: snippet 'broken': in body: '{' is never closed: close the tag with '}', "
        "or write '{{' for a literal brace",
        "p.toml:18: snippet #3: missing required key 'id': add a unique id, "
        'e.g. id = "order-delayed"',
        "p.toml:25: snippet 'ok2': trigger 'two words' contains white space: "
        "triggers are typed as one word",
        "p.toml:32: snippet 'ok3': keywords must be a list of strings, e.g. keywords = [\"...\"]",
    ]
    assert loaded.pack.snippets[1].keywords == ()


def test_body_error_line_for_single_line_body(write: WriteFile) -> None:
    path = write(
        "p.toml",
        '[pack]\nname = "x"\nversion = "1.0.0"\n[[snippets]]\nid = "a"\ntitle = "A"\n'
        'body = "Hi {date+x}"\n',
    )
    (problem,) = load_pack(path).problems
    assert problem.line == 7
    assert "bad date tag" in problem.message


def test_body_error_line_when_body_starts_on_the_same_line(write: WriteFile) -> None:
    path = write(
        "p.toml",
        '[pack]\nname = "x"\nversion = "1.0.0"\n[[snippets]]\nid = "a"\ntitle = "A"\n'
        'body = """Hi,\nthere }\nbye"""\n',
    )
    (problem,) = load_pack(path).problems
    assert problem.line == 8


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_body_error_lines_in_multiline_strings_with_either_line_ending(
    tmp_path: Path, newline: str
) -> None:
    bodies = [
        'body = """Hi,\nthere }\nbye"""',  # starts on the key's line
        'body = """\none\n{\n"""',  # starts on the next line
        'body = """\nsay \\"""hi\\""" \\\n  and {date+x}\n"""',  # escaped quotes, joined line
        "body = '''\nC:\\path\\n\n{oops\n'''",  # literal: no escapes
    ]
    entries = [f'[[snippets]]\nid = "s{i}"\ntitle = "S"\n{b}\n' for i, b in enumerate(bodies)]
    text = '[pack]\nname = "x"\nversion = "1.0.0"\n' + "".join(entries * 500)
    path = tmp_path / "p.toml"
    path.write_bytes(text.replace("\n", newline).encode())
    problems = load_pack(path).problems
    assert len(problems) == 2000
    # the line where the value line with the error starts (a joined line: where it begins)
    assert [p.line for p in problems[:4]] == [8, 15, 21, 29]
    assert all(
        (p.line or 0) == (problems[i % 4].line or 0) + 27 * (i // 4) for i, p in enumerate(problems)
    )


def test_table_headers_inside_multiline_strings_do_not_confuse_lines(write: WriteFile) -> None:
    path = write(
        "p.toml",
        '[pack]\nname = "x"\nversion = "1.0.0"\n[[snippets]]\nid = "a"\ntitle = "A"\n'
        'body = """\n[[snippets]]\nid = fake\n"""\n[[snippets]]\nid = "b"\ntitle = "B"\n'
        'body = "{oops"\n',
    )
    (problem,) = load_pack(path).problems
    assert problem.line == 14
    assert "snippet 'b'" in problem.message


def test_duplicate_ids_and_triggers_across_files_of_a_pack(
    write: WriteFile, tmp_path: Path
) -> None:
    write(
        "team/pack.toml",
        '[pack]\nname = "team"\nversion = "1.0.0"\n'
        '[[snippets]]\nid = "a"\ntrigger = ";a"\ntitle = "A"\nbody = "1"\n',
    )
    write(
        "team/more.toml",
        '[[snippets]]\nid = "a"\ntitle = "A2"\nbody = "2"\n'
        '[[snippets]]\nid = "b"\ntrigger = ";a"\ntitle = "B"\nbody = "3"\n',
    )
    loaded = load_pack(tmp_path / "team")
    assert loaded.pack is not None
    assert [s.body for s in loaded.pack.snippets] == ["1"]
    manifest = tmp_path / "team" / "pack.toml"
    assert lines(loaded.problems) == [
        f"more.toml:2: snippet 'a': duplicate id 'a' (first defined at {manifest}:4): "
        "give this snippet another id; it was skipped",
        f"more.toml:7: snippet 'b': duplicate trigger ';a' (already used at {manifest}:4): "
        "pick another trigger; this snippet was skipped",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_a_pack_folder_is_a_problem_of_that_file(
    write: WriteFile, tmp_path: Path
) -> None:
    write(
        "team/pack.toml",
        '[pack]\nname = "team"\nversion = "1.0.0"\n'
        '[[snippets]]\nid = "a"\ntrigger = ";a"\ntitle = "A"\nbody = "1"\n',
    )
    os.mkfifo(tmp_path / "team" / "more.toml")  # opening it waited for a writer for ever
    write("team/rest.toml", '[[snippets]]\nid = "b"\ntitle = "B"\nbody = "2"\n')
    loaded = load_pack(tmp_path / "team")
    assert loaded.pack is not None
    assert [s.id for s in loaded.pack.snippets] == ["a", "b"]
    assert lines(loaded.problems) == [
        "more.toml:None: cannot read the file: it is a named pipe (FIFO); "
        "only regular files are read"
    ]


def test_pack_table_outside_manifest_is_an_error(write: WriteFile, tmp_path: Path) -> None:
    write("team/pack.toml", '[pack]\nname = "team"\nversion = "1.0.0"\n')
    write("team/x.toml", 'snippet = 1\n[pack]\nname = "other"\nversion = "1.0.0"\n')
    loaded = load_pack(tmp_path / "team")
    assert loaded.pack is not None
    assert loaded.pack.name == "team"
    assert lines(loaded.problems) == [
        "x.toml:1: unknown top-level key 'snippet'; did you mean 'snippets'?",
        "x.toml:2: only pack.toml may have a [pack] table: move it there or remove it",
    ]


def test_bad_option_values(write: WriteFile) -> None:
    path = write(
        "p.toml",
        '[pack]\nname = "x"\nversion = "1.0.0"\ninject = "teleport"\n'
        '[[snippets]]\nid = "a"\ntitle = "A"\nbody = "x"\nword_boundary = "yes"\n',
    )
    loaded = load_pack(path)
    assert lines(loaded.problems) == [
        'p.toml:4: [pack] inject must be "auto", "type" or "paste", not \'teleport\'',
        "p.toml:9: snippet 'a': word_boundary must be true or false, not 'yes'",
    ]


def test_problem_severity_and_str(write: WriteFile) -> None:
    path = write("p.toml", "[pack]\n")
    problem = load_pack(path).problems[0]
    assert problem.severity is Severity.ERROR
    assert str(problem) == f"{path}:1: error: {problem.message}"


# --- personal snippets are saved atomically, with a backup -------------------------


def test_add_personal_snippet_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "personal.toml"
    add_personal_snippet(
        path, {"id": "hi", "trigger": ";hi", "title": "Hi", "body": "Hi {name}!\n"}
    )
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["pack"] == {"name": "personal", "version": "1.0.0"}
    assert data["snippets"] == [
        {"id": "hi", "trigger": ";hi", "title": "Hi", "body": "Hi {name}!\n"}
    ]
    assert not (tmp_path / "cfg" / "personal.toml.bak").exists()
    loaded = load_pack(path)
    assert loaded.problems == ()


def test_add_keeps_a_backup_and_refuses_duplicates(tmp_path: Path) -> None:
    path = tmp_path / "personal.toml"
    add_personal_snippet(path, {"id": "a", "trigger": ";a", "title": "A", "body": "one"})
    first = path.read_bytes()
    add_personal_snippet(path, {"id": "b", "title": "B", "body": "Zażółć гусь 🎉"})
    assert (tmp_path / "personal.toml.bak").read_bytes() == first
    with pytest.raises(PackError, match="already have a snippet with trigger ';a'"):
        add_personal_snippet(path, {"id": "c", "trigger": ";a", "title": "C", "body": "x"})
    with pytest.raises(PackError, match="already have a snippet with id 'a'"):
        add_personal_snippet(path, {"id": "a", "title": "A", "body": "x"})
    add_personal_snippet(path, {"id": "a", "title": "A2", "body": "two"}, replace=True)
    loaded = load_pack(path, Layer.PERSONAL)
    assert loaded.pack is not None
    assert [(s.id, s.body) for s in loaded.pack.snippets] == [("a", "two"), ("b", "Zażółć гусь 🎉")]


def test_add_rejects_an_invalid_snippet_and_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "personal.toml"
    add_personal_snippet(path, {"id": "a", "title": "A", "body": "one"})
    before = path.read_bytes()
    with pytest.raises(PackError, match="never closed"):
        add_personal_snippet(path, {"id": "b", "title": "B", "body": "Hi {name"})
    with pytest.raises(PackError, match="unknown key 'colour'"):
        add_personal_snippet(path, {"id": "b", "title": "B", "body": "x", "colour": "red"})
    assert path.read_bytes() == before


def test_add_never_overwrites_a_broken_personal_file(tmp_path: Path) -> None:
    path = tmp_path / "personal.toml"
    path.write_bytes(b"[pack\nbroken")
    with pytest.raises(PackError, match="was not changed"):
        add_personal_snippet(path, {"id": "a", "title": "A", "body": "x"})
    assert path.read_bytes() == b"[pack\nbroken"
    assert list(tmp_path.iterdir()) == [path]  # no temp file left behind


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('[pack]\nname = "personal"\nversion = "1.0.0"\n[snippets]\nid = "x"\n', "[[snippets]]"),
        ("pack = 5\n", "no [pack] table"),
        ("snippets = [1, 2]\n", "[[snippets]]"),
        ('snippets = "abc"\n', "[[snippets]]"),
        ('[pack]\nname = "personal"\nversion = "1"\n', "version"),
    ],
    ids=["snippets-table", "pack-not-a-table", "snippets-numbers", "snippets-text", "bad-version"],
)
def test_add_never_changes_a_personal_file_with_errors(
    tmp_path: Path, content: str, problem: str
) -> None:
    """Such a file never loads, so a snippet saved into it would never expand (review,
    session 30: an AttributeError, or "Saved" for a snippet that could not be used)."""
    path = tmp_path / "personal.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PackError, match="was not changed") as caught:
        add_personal_snippet(path, {"id": "a", "trigger": ";nn", "title": "A", "body": "x"})
    assert problem in str(caught.value)
    assert path.read_text(encoding="utf-8") == content
    assert list(tmp_path.iterdir()) == [path]


def test_add_gives_a_personal_file_without_a_pack_table_one(tmp_path: Path) -> None:
    path = tmp_path / "personal.toml"
    path.write_text('[[snippets]]\nid = "a"\ntitle = "A"\nbody = "one"\n', encoding="utf-8")
    add_personal_snippet(path, {"id": "b", "title": "B", "body": "two"})
    loaded = load_pack(path, Layer.PERSONAL)
    assert loaded.problems == ()
    assert loaded.pack is not None
    assert [s.id for s in loaded.pack.snippets] == ["a", "b"]


BOUNDARY_PACK = """
[pack]
name = "b"
version = "1.0.0"
{pack_option}

[[snippets]]
id = "silent"
title = "Silent"
trigger = ";a"
body = "A"

[[snippets]]
id = "own"
title = "Own"
trigger = ";b"
body = "B"
word_boundary = false
"""


@pytest.mark.parametrize("setting", [False, True])
def test_word_boundary_setting_is_the_default_for_snippets_that_say_nothing(
    write: WriteFile, setting: bool
) -> None:
    pack = load_pack(write("b.toml", BOUNDARY_PACK.format(pack_option="")), word_boundary=setting)
    assert pack.pack is not None and not pack.problems
    by_id = {s.id: s for s in pack.pack.snippets}
    assert by_id["silent"].word_boundary is setting
    assert by_id["own"].word_boundary is False  # the snippet's own value wins


def test_a_packs_word_boundary_wins_over_the_setting(write: WriteFile) -> None:
    path = write("b.toml", BOUNDARY_PACK.format(pack_option="word_boundary = false"))
    pack = load_pack(path, word_boundary=True)
    assert pack.pack is not None
    assert {s.id: s.word_boundary for s in pack.pack.snippets} == {"silent": False, "own": False}


def test_a_version_longer_than_64_characters_is_an_error(tmp_path: Path) -> None:
    """It becomes part of file names: 300 characters passed 'check' and then failed
    at build and install with "File name too long" (review, session 30)."""
    long_version = "1.0.0-" + "a" * 300
    assert SEMVER_RE.match("1.0.0-" + "a" * 58)
    assert not SEMVER_RE.match(long_version)
    path = tmp_path / "p.toml"
    path.write_text(f'[pack]\nname = "p"\nversion = "{long_version}"\n', encoding="utf-8")
    [problem] = load_pack(path).problems
    assert "[pack] version is invalid ('1.0.0-aaaa" in problem.message
    assert "at most 64 characters" in problem.message
    assert len(problem.message) < 200
