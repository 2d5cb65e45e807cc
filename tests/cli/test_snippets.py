"""``expander list | show | expand | check | new | paths`` (expander/cli/snippets.py):
exit codes and the exact text users see, with a private EXPANDER_HOME and real packs.

Runs go through :class:`tests.cli.runner.Cli` (in this process); one runs a real
process, for an error that must not end in a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

from expander.paths import bundled_dir, user_paths
from tests.cli.runner import Cli, Result, run_process
from tests.conftest import WriteFile

# Line numbers matter: `check` reports them, `show` prints the snippet's source line.
TEAM = '''\
[pack]
name = "team"
version = "1.0.0"
language = "en"

[[snippets]]
id = "order-late"
trigger = ";late"
title = "Order late"
keywords = ["late", "parcel"]
examples = ["Where is my parcel?"]
body = """Hello {name|there},

your order{#order} {order}{/order} will arrive by {date+2wd} ({date+2wd:on}).{cursor}
We can offer: {choice remedy:Refund|Exchange}.
Kind regards, {agent}"""

[[snippets]]
id = "paste-back"
trigger = ";clip"
title = "Quote the customer"
body = "You wrote: {clipboard}"
'''
TEAM_BODY = (
    "Hello {name|there},\n\n"
    "your order{#order} {order}{/order} will arrive by {date+2wd} ({date+2wd:on}).{cursor}\n"
    "We can offer: {choice remedy:Refund|Exchange}.\n"
    "Kind regards, {agent}"
)
FRIDAY = "2026-11-20"  # +2 working days is Tuesday 24 November 2026

UNCLOSED_BRACE = "'{' is never closed: close the tag with '}', or write '{{' for a literal brace"


@pytest.fixture
def team(write: WriteFile) -> Path:
    return write("team.toml", TEAM)


def only_team(team: Path) -> tuple[str, ...]:
    return ("--no-bundled", "--pack", str(team))


def bundled_snippets() -> list[tuple[str, str | None]]:
    """(id, language) of every snippet in the bundled TOML files, read directly."""
    found = []
    for path in sorted(bundled_dir().glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        language = data["pack"].get("language")
        found += [(s["id"], language) for s in data.get("snippets", [])]
    return found


# --- list ------------------------------------------------------------------------------------


def test_list_json_has_every_bundled_snippet(cli: Cli) -> None:
    result = cli("list", "--json")
    assert (result.code, result.err) == (0, "")
    rows = result.json
    assert sorted((r["id"], r["language"]) for r in rows) == sorted(bundled_snippets())
    for row in rows:
        assert set(row) == {"id", "trigger", "title", "pack", "layer", "language"}
        assert row["layer"] == "bundled"
        assert row["title"]
    assert {r["language"] for r in rows} >= {"en", "pl", "ru"}


def test_list_language_filters(cli: Cli) -> None:
    result = cli("list", "--json", "--language", "pl")
    assert result.code == 0
    expected = sorted(i for i, language in bundled_snippets() if language == "pl")
    assert expected
    assert sorted(r["id"] for r in result.json) == expected
    assert {r["language"] for r in result.json} == {"pl"}


def test_list_table_of_one_pack(cli: Cli, team: Path) -> None:
    result = cli("list", *only_team(team))
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        ";clip  paste-back  Quote the customer\n"  # sorted by trigger
        ";late  order-late  Order late\n"
    )


def test_list_json_of_one_pack(cli: Cli, team: Path) -> None:
    result = cli("list", "--json", *only_team(team))
    assert result.code == 0
    assert result.json == [
        {
            "id": "paste-back",
            "trigger": ";clip",
            "title": "Quote the customer",
            "pack": "team",
            "layer": "team",
            "language": "en",
        },
        {
            "id": "order-late",
            "trigger": ";late",
            "title": "Order late",
            "pack": "team",
            "layer": "team",
            "language": "en",
        },
    ]


def test_list_with_nothing_loaded_says_how_to_add_a_snippet(cli: Cli) -> None:
    result = cli("list", "--no-bundled")
    assert (result.code, result.err) == (0, "")
    assert result.out == "No snippets loaded. Add one with: expander new --help\n"


def test_list_warns_about_broken_packs_but_lists_the_rest(cli: Cli, team: Path) -> None:
    cli.home.mkdir()
    cli.personal.write_text("[pack\n", encoding="utf-8")
    result = cli("list", *only_team(team))
    assert result.code == 0
    assert result.out.splitlines() == [
        ";clip  paste-back  Quote the customer",
        ";late  order-late  Order late",
    ]
    assert result.err == (
        "Warning: 1 problem(s) in the packs; broken snippets were skipped "
        "(details: expander check)\n"
    )


# --- show ------------------------------------------------------------------------------------


def test_show_text(cli: Cli, team: Path) -> None:
    result = cli("show", ";late", *only_team(team))
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "id:       order-late\n"
        "trigger:  ;late\n"
        "title:    Order late\n"
        "pack:     team (team, en)\n"
        f"source:   {team}:6\n"
        "fields:   name (default: 'there'), order, remedy (one of: Refund | Exchange), agent\n"
        "keywords: late, parcel\n"
        "example:  Where is my parcel?\n"
        "\n"
        f"{TEAM_BODY}\n"
    )


@pytest.mark.parametrize("key", [";late", "order-late", "team:order-late"])
def test_show_json_by_trigger_id_or_pack_id(cli: Cli, team: Path, key: str) -> None:
    result = cli("show", key, "--json", *only_team(team))
    assert (result.code, result.err) == (0, "")
    assert result.json == {
        "id": "order-late",
        "trigger": ";late",
        "title": "Order late",
        "pack": "team",
        "layer": "team",
        "language": "en",
        "keywords": ["late", "parcel"],
        "examples": ["Where is my parcel?"],
        "tags": [],
        "word_boundary": False,
        "propagate_case": True,
        "inject": "auto",
        "fields": [
            {"name": "name", "kind": "field", "default": "there", "options": []},
            {"name": "order", "kind": "section", "default": None, "options": []},
            {
                "name": "remedy",
                "kind": "choice",
                "default": None,
                "options": ["Refund", "Exchange"],
            },
            {"name": "agent", "kind": "field", "default": None, "options": []},
        ],
        "source": f"{team}:6",
        "body": TEAM_BODY,
    }


def test_show_unknown_key(cli: Cli) -> None:
    result = cli("show", "xyz")
    assert (result.code, result.out) == (1, "")
    assert result.err == "Error: no snippet with trigger or id 'xyz'\n"


def test_show_unknown_key_suggests_close_ones(cli: Cli, team: Path) -> None:
    result = cli("show", ";lat", *only_team(team))
    assert (result.code, result.out) == (1, "")
    assert result.err == "Error: no snippet with trigger or id ';lat'; did you mean ';late'?\n"


# --- expand ----------------------------------------------------------------------------------

ALL_FIELDS = (
    "--field",
    "name=Anna",
    "-f",
    "order=#4821",
    "--field",
    "remedy=Exchange",
    "--field",
    "agent=Kasia",
)
FULL_TEXT = (
    "Hello Anna,\n\n"
    "your order #4821 will arrive by 24 November 2026 (on Tuesday).\n"
    "We can offer: Exchange.\n"
    "Kind regards, Kasia"
)


def test_expand_with_fields_and_working_days(cli: Cli, team: Path) -> None:
    result = cli("expand", ";late", *ALL_FIELDS, "--today", FRIDAY, *only_team(team))
    assert (result.code, result.err) == (0, "")
    assert result.out == FULL_TEXT + "\n"


def test_expand_json(cli: Cli, team: Path) -> None:
    result = cli("expand", "order-late", "--json", *ALL_FIELDS, "--today", FRIDAY, *only_team(team))
    assert (result.code, result.err) == (0, "")
    assert result.json == {
        "id": "order-late",
        "text": FULL_TEXT,
        "cursor": FULL_TEXT.index("(on Tuesday).") + len("(on Tuesday)."),
        "missing": [],
    }


def test_expand_keeps_missing_fields_as_gaps(cli: Cli, team: Path) -> None:
    result = cli("expand", ";late", "--today", FRIDAY, *only_team(team))
    assert result.code == 0
    assert result.out == (
        "Hello there,\n\n"
        "your order will arrive by 24 November 2026 (on Tuesday).\n"
        "We can offer: {choice remedy:Refund|Exchange}.\n"
        "Kind regards, {agent}\n"
    )
    assert result.err == (
        "Note: missing fields left as gaps: remedy, agent (give fields with --field NAME=VALUE)\n"
    )


def test_expand_json_lists_missing_fields(cli: Cli, team: Path) -> None:
    result = cli(
        "expand", ";late", "--json", "-f", "agent=Kasia", "--today", FRIDAY, *only_team(team)
    )
    assert (result.code, result.err) == (0, "")
    assert result.json["missing"] == ["remedy"]
    assert "{choice remedy:Refund|Exchange}" in result.json["text"]


def test_expand_strict_fails_naming_the_missing_fields(cli: Cli, team: Path) -> None:
    result = cli("expand", ";late", "--strict", "-f", "remedy=Refund", *only_team(team))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "Error: snippet 'order-late' needs fields that were not given: agent; "
        "give fields with --field NAME=VALUE\n"
    )


def test_expand_reads_the_fields_from_json_on_stdin_and_a_field_option_wins(
    cli: Cli, team: Path
) -> None:
    fields = '{"name": "Anna", "order": "#4821", "remedy": "Refund", "agent": "Kasia"}'
    result = cli(
        "expand", ";late", "--fields-from", "-", "-f", "remedy=Exchange", "--today", FRIDAY,
        *only_team(team), input=fields,
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    assert result.out == FULL_TEXT + "\n"


def test_expand_takes_the_fields_of_suggest_json_from_a_file(
    cli: Cli, team: Path, tmp_path: Path
) -> None:
    # what 'expander suggest --json' prints: the fields found beside the suggestions
    found = tmp_path / "found.json"
    found.write_text(
        '{"fields": {"name": "Anna", "order": "#4821"}, "confident": false, "suggestions": []}',
        encoding="utf-8",
    )
    result = cli(
        "expand", ";late", "--fields-from", str(found), "-f", "remedy=Exchange",
        "-f", "agent=Kasia", "--today", FRIDAY, *only_team(team),
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    assert result.out == FULL_TEXT + "\n"


@pytest.mark.parametrize(
    ("given", "error"),
    [
        ("{not json", "Error: stdin:1: the fields are not JSON (Expecting property name "
         "enclosed in double quotes)\n"),
        ('["Anna"]', "Error: stdin: the fields must be a JSON object of names and texts, "
         'e.g. {"name": "Anna", "order": "12345"}\n'),
        ('{"order": 4821}', "Error: stdin: the fields must be a JSON object of names and "
         'texts, e.g. {"name": "Anna", "order": "12345"}\n'),
    ],
    ids=["not-json", "not-an-object", "a-number"],
)  # fmt: skip
def test_expand_refuses_fields_that_are_not_an_object_of_texts(
    cli: Cli, team: Path, given: str, error: str
) -> None:
    result = cli("expand", ";late", "--fields-from", "-", *only_team(team), input=given)
    assert (result.code, result.out, result.err) == (1, "", error)


def test_expand_names_a_fields_file_it_cannot_read(cli: Cli, team: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    result = cli("expand", ";late", "--fields-from", str(missing), *only_team(team))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"Error: cannot read the fields from {missing}: No such file or directory\n"
    )


def test_expand_bad_field_is_a_usage_error(cli: Cli, team: Path) -> None:
    result = cli("expand", ";late", "--field", "noequals", *only_team(team))
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("usage: expander expand")
    assert result.err.endswith(
        "expander expand: error: argument -f/--field: expected NAME=VALUE, got 'noequals'\n"
    )


def test_expand_bad_date_is_a_usage_error(cli: Cli, team: Path) -> None:
    result = cli("expand", ";late", "--today", "2026-13-01", *only_team(team))
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith(
        "expander expand: error: argument --today: expected a date as YYYY-MM-DD, "
        "got '2026-13-01'\n"
    )


def test_expand_unknown_snippet(cli: Cli, team: Path) -> None:
    result = cli("expand", ";clap", *only_team(team))
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(
        "Error: no snippet with trigger or id ';clap'; did you mean ';clip'"
    )


def test_expand_clipboard_text_and_literal_field_values(cli: Cli, team: Path) -> None:
    result = cli("expand", ";clip", "--clipboard-text", "Order #77 never came", *only_team(team))
    assert (result.code, result.out, result.err) == (0, "You wrote: Order #77 never came\n", "")
    # a customer's text is inserted literally, never read as a template
    result = cli(
        "expand", ";late", *ALL_FIELDS, "-f", "name={clipboard}", "--clipboard-text", "SECRET",
        *only_team(team),
    )  # fmt: skip
    assert result.out.startswith("Hello {clipboard},\n")
    assert "SECRET" not in result.out


def test_expand_strict_without_clipboard_points_at_clipboard_text(cli: Cli, team: Path) -> None:
    result = cli("expand", ";clip", "--strict", "--clipboard-text", "", *only_team(team))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "Error: snippet 'paste-back' needs fields that were not given: clipboard; "
        "give the clipboard text with --clipboard-text TEXT\n"
    )


# --- check -----------------------------------------------------------------------------------


def test_check_valid_pack(cli: Cli, team: Path) -> None:
    result = cli("check", team)
    assert (result.code, result.err) == (0, "")
    assert result.out == "1 pack(s), 2 snippet(s): 0 error(s), 0 warning(s)\n"


def test_check_without_paths_on_a_fresh_home(cli: Cli) -> None:
    result = cli("check")
    assert (result.code, result.err) == (0, "")
    assert re.fullmatch(
        r"\d+ pack\(s\), \d+ snippet\(s\): 0 error\(s\), 0 warning\(s\)\n", result.out
    )


def test_check_json(cli: Cli, team: Path) -> None:
    result = cli("check", "--json", team)
    assert result.code == 0
    assert result.json == {
        "packs": [
            {"name": "team", "version": "1.0.0", "layer": "team", "path": str(team), "snippets": 2}
        ],
        "problems": [],
        "errors": 0,
        "warnings": 0,
    }


BAD_TOML = """\
[pack]
name = "bad"
version = "1.0.0"

[[snippets]]
id = "a"
title = "A"
body = "never closed
"""

UNKNOWN_KEY = """\
[pack]
name = "unknown"
version = "1.0.0"

[[snippets]]
id = "a"
title = "A"
tigger = ";aa"
body = "hello"
"""

DUPLICATE_ID = """\
[pack]
name = "dup"
version = "1.0.0"

[[snippets]]
id = "a"
title = "A"
body = "hello"

[[snippets]]
id = "a"
title = "A again"
body = "hello again"
"""

BAD_BODIES = '''\
[pack]
name = "bodies"
version = "1.0.0"

[[snippets]]
id = "a"
title = "A"
body = """
Hello {name},
line two
we ship {date+2x}.
bye"""

[[snippets]]
id = "b"
title = "B"
body = """First {name}
second {oops"""

[[snippets]]
id = "c"
title = "C"
body = \'\'\'
one
two {x
\'\'\'
'''


def check_lines(result: Result) -> list[str]:
    assert result.err == ""
    return result.out.splitlines()


def test_check_bad_toml(cli: Cli, write: WriteFile) -> None:
    path = write("bad.toml", BAD_TOML)
    result = cli("check", path)
    assert result.code == 1
    problem, summary = check_lines(result)
    assert problem.startswith(f"{path}:8: error: invalid TOML: ")
    assert summary == "0 pack(s), 0 snippet(s): 1 error(s), 0 warning(s)"


def test_check_unknown_key_says_did_you_mean(cli: Cli, write: WriteFile) -> None:
    path = write("unknown.toml", UNKNOWN_KEY)
    result = cli("check", path)
    assert result.code == 1
    assert check_lines(result) == [
        f"{path}:8: error: snippet 'a': unknown key 'tigger'; did you mean 'trigger'?",
        "1 pack(s), 1 snippet(s): 1 error(s), 0 warning(s)",
    ]


def test_check_duplicate_id(cli: Cli, write: WriteFile) -> None:
    path = write("dup.toml", DUPLICATE_ID)
    result = cli("check", path)
    assert result.code == 1
    assert check_lines(result) == [
        f"{path}:11: error: snippet 'a': duplicate id 'a' (first defined at {path}:5): "
        "give this snippet another id; it was skipped",
        "1 pack(s), 1 snippet(s): 1 error(s), 0 warning(s)",
    ]


def test_check_template_errors_point_at_the_line_inside_the_body(
    cli: Cli, write: WriteFile
) -> None:
    path = write("bodies.toml", BAD_BODIES)
    result = cli("check", path)
    assert result.code == 1
    assert check_lines(result) == [
        f"{path}:11: error: snippet 'a': in body: bad date tag {{date+2x}}: write {{date}}, "
        "{date+3d}, {date+2wd}, {date-1w} or add a format after a colon, e.g. {date+2wd:long}",
        f"{path}:18: error: snippet 'b': in body: {UNCLOSED_BRACE}",
        f"{path}:25: error: snippet 'c': in body: {UNCLOSED_BRACE}",
        "1 pack(s), 0 snippet(s): 3 error(s), 0 warning(s)",
    ]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        pytest.param('body = "Hello\\nsecond\\n{oops"\n', 8, id="escaped-newlines"),
        pytest.param('body = """\\\n  Hello \\\n  there,\nthree {oops\n"""\n', 11, id="continued"),
    ],
)
def test_check_template_error_line_with_escapes(
    cli: Cli, write: WriteFile, body: str, line: int
) -> None:
    path = write("esc.toml", '[pack]\nname = "esc"\nversion = "1.0.0"\n\n' + (
        '[[snippets]]\nid = "a"\ntitle = "A"\n' + body
    ))  # fmt: skip
    result = cli("check", path)
    assert result.code == 1
    assert check_lines(result)[0] == f"{path}:{line}: error: snippet 'a': in body: {UNCLOSED_BRACE}"


def test_check_invalid_utf8(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(
        b'[pack]\nname = "u"\nversion = "1.0.0"\n\n[[snippets]]\nid = "a"\n'
        b'title = "Caf\xe9"\nbody = "x"\n'
    )
    result = cli("check", path)
    assert result.code == 1
    assert check_lines(result) == [
        f"{path}:7: error: not valid UTF-8 (byte 0xe9): save the file as UTF-8",
        "0 pack(s), 0 snippet(s): 1 error(s), 0 warning(s)",
    ]


def test_check_missing_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", tmp_path / "nope.toml")
    assert result.code == 1
    assert check_lines(result) == [
        f"{tmp_path / 'nope.toml'}: error: no such file or folder: check the path",
        "0 pack(s), 0 snippet(s): 1 error(s), 0 warning(s)",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_a_pack_folder_is_reported_and_the_rest_loads(
    cli: Cli, write: WriteFile
) -> None:
    # Reading the pipe waited for a writer for ever: list, check and every other command hung.
    team = user_paths().team_packs_dir / "hand"
    team.mkdir(parents=True)
    (team / "pack.toml").write_text(TEAM, encoding="utf-8")
    os.mkfifo(team / "more.toml")
    problem = (
        f"{team / 'more.toml'}: error: cannot read the file: it is a named pipe (FIFO); "
        "only regular files are read"
    )
    result = cli("check", team)
    assert result.code == 1
    assert check_lines(result) == [problem, "1 pack(s), 2 snippet(s): 1 error(s), 0 warning(s)"]
    result = cli("list", "--no-bundled")
    assert result.code == 0
    assert result.out.splitlines() == [
        ";clip  paste-back  Quote the customer",
        ";late  order-late  Order late",
    ]
    assert "1 problem(s) in the packs" in result.err
    result = cli("check")
    assert result.code == 1
    assert problem in result.out.splitlines()


def test_check_json_on_a_broken_pack(cli: Cli, write: WriteFile) -> None:
    path = write("dup.toml", DUPLICATE_ID)
    result = cli("check", "--json", path)
    assert (result.code, result.err) == (1, "")
    report = result.json
    assert (report["errors"], report["warnings"]) == (1, 0)
    assert report["packs"] == [
        {"name": "dup", "version": "1.0.0", "layer": "team", "path": str(path), "snippets": 1}
    ]
    assert report["problems"] == [
        {
            "severity": "error",
            "path": str(path),
            "line": 11,
            "message": f"snippet 'a': duplicate id 'a' (first defined at {path}:5): "
            "give this snippet another id; it was skipped",
        }
    ]


# --- new -------------------------------------------------------------------------------------


def body_of(cli: Cli, key: str) -> str:
    result = cli("show", key, "--json")
    assert result.code == 0, result.err
    body: str = result.json["body"]
    return body


def test_new_adds_a_personal_snippet_that_overrides_a_bundled_one(cli: Cli) -> None:
    bundled = cli("show", ";delay", "--json").json
    assert bundled["layer"] == "bundled"

    result = cli("new", "--id", "my-delay", "--trigger", ";delay", "--title", "My delay",
                 "--body", "Sorry {name|there}, it is late.")  # fmt: skip
    assert (result.code, result.err) == (0, "")
    mine = cli("show", "my-delay", "--json").json
    assert mine["source"].startswith(str(cli.personal))
    override = (
        f"trigger ';delay': personal:my-delay (personal, {mine['source']}) overrides "
        f"{bundled['pack']}:{bundled['id']} (bundled, {bundled['source']})"
    )
    assert result.out == f"Saved snippet 'my-delay' to {cli.personal}\nNote: {override}\n"

    listed = {r["id"]: r for r in cli("list", "--json").json}
    assert listed["my-delay"] == {
        "id": "my-delay",
        "trigger": ";delay",
        "title": "My delay",
        "pack": "personal",
        "layer": "personal",
        "language": None,
    }
    assert cli("expand", ";delay").out == "Sorry there, it is late.\n"

    quiet = cli("check")
    assert quiet.code == 0
    assert override not in quiet.out
    assert quiet.out.endswith(", 1 override(s) (list them with --verbose)\n")

    verbose = cli("check", "--verbose")
    assert (verbose.code, verbose.err) == (0, "")
    *problems, summary = verbose.out.splitlines()
    assert problems == [f"{mine['source']}: info: {override}"]
    assert re.fullmatch(
        r"\d+ pack\(s\), \d+ snippet\(s\): 0 error\(s\), 0 warning\(s\), 1 override\(s\)", summary
    )


def test_new_same_id_fails_unless_replace_and_keeps_a_backup(cli: Cli) -> None:
    assert cli("new", "--id", "my-hi", "--trigger", ";hi", "--body", "Hi!").code == 0
    first = cli.personal.read_bytes()
    assert not cli.personal.with_name("personal.toml.bak").exists()

    again = cli("new", "--id", "my-hi", "--body", "Hello!")
    assert (again.code, again.out) == (1, "")
    assert again.err == (
        f"Error: {cli.personal}: your personal snippets already have a snippet with id "
        "'my-hi': choose another, or replace it with --replace\n"
    )
    assert cli.personal.read_bytes() == first

    replaced = cli("new", "--id", "my-hi", "--trigger", ";hi", "--body", "Hello!", "--replace")
    assert (replaced.code, replaced.err) == (0, "")
    assert replaced.out == f"Saved snippet 'my-hi' to {cli.personal}\n"
    assert cli.personal.with_name("personal.toml.bak").read_bytes() == first
    assert cli("expand", ";hi").out == "Hello!\n"
    assert [r["id"] for r in cli("list", "--json", "--no-bundled").json] == ["my-hi"]


def test_new_same_trigger_fails(cli: Cli) -> None:
    assert cli("new", "--id", "one", "--trigger", ";hi", "--body", "One").code == 0
    result = cli("new", "--id", "two", "--trigger", ";hi", "--body", "Two")
    assert result.code == 1
    assert result.err == (
        f"Error: {cli.personal}: your personal snippets already have a snippet with trigger "
        "';hi': choose another trigger\n"
    )


def test_new_body_from_stdin(cli: Cli) -> None:
    result = cli("new", "--id", "piped", "--trigger", ";pp", input="Piped {name|friend}\nline 2")
    assert (result.code, result.err) == (0, "")
    assert body_of(cli, "piped") == "Piped {name|friend}\nline 2"
    assert cli("expand", ";pp", "-f", "name=Ola").out == "Piped Ola\nline 2\n"


def test_new_body_from_file(cli: Cli, write: WriteFile) -> None:
    body = write("body.txt", "Dear {name},\n\n  indented line\nend")
    result = cli("new", "--id", "from-file", "--body-file", body)
    assert (result.code, result.err) == (0, "")
    assert body_of(cli, "from-file") == "Dear {name},\n\n  indented line\nend"


def test_new_body_and_body_file_together(cli: Cli, write: WriteFile) -> None:
    body = write("body.txt", "x")
    result = cli("new", "--id", "both", "--body", "y", "--body-file", body)
    assert (result.code, result.out) == (1, "")
    assert result.err == "Error: give the body with either --body or --body-file, not both\n"
    assert not cli.personal.exists()


def test_new_invalid_body_leaves_the_file_unchanged(cli: Cli) -> None:
    bad = cli("new", "--id", "bad", "--body", "Hi {oops")
    assert (bad.code, bad.out) == (1, "")
    assert bad.err == f"Error: {cli.personal}: snippet 'bad': in body: {UNCLOSED_BRACE}\n"
    assert not cli.personal.exists()

    assert cli("new", "--id", "good", "--body", "Fine").code == 0
    before = cli.personal.read_bytes()
    bad = cli("new", "--id", "bad", "--body", "Hi {oops")
    assert bad.code == 1
    assert cli.personal.read_bytes() == before
    assert not cli.personal.with_name("personal.toml.bak").exists()


def test_new_invalid_id(cli: Cli) -> None:
    result = cli("new", "--id", "bad id", "--body", "x")
    assert result.code == 1
    assert result.err == (
        f"Error: {cli.personal}: snippet 'bad id': id 'bad id' is invalid: use letters, "
        """digits, '.', '_' or '-' (e.g. "order-delayed")\n"""
    )


def test_new_never_overwrites_a_broken_personal_file(cli: Cli) -> None:
    cli.home.mkdir()
    broken = b'[pack]\nname = "personal"\nversion = "1.0.0"\n\n[[snippets]]\nid = "a\n'
    cli.personal.write_bytes(broken)
    result = cli("new", "--id", "x", "--body", "x")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(
        f"Error: {cli.personal}: the personal snippets file cannot be read, so it was not "
        f"changed: {cli.personal}:6: error: invalid TOML: "
    )
    assert cli.personal.read_bytes() == broken
    assert not cli.personal.with_name("personal.toml.bak").exists()


def test_new_with_empty_stdin_saves_nothing(cli: Cli) -> None:
    for stdin in ("", "  \n"):
        result = cli("new", "--id", "empty", input=stdin)
        assert (result.code, result.out) == (1, "")
        assert result.err == (
            "Error: no body given: use --body TEXT, --body-file FILE, or pipe the text on stdin\n"
        )
        assert not cli.personal.exists()


def test_new_replace_refuses_a_trigger_used_by_another_snippet(cli: Cli) -> None:
    assert cli("new", "--id", "a", "--trigger", ";xa", "--body", "A").code == 0
    assert cli("new", "--id", "b", "--trigger", ";xb", "--body", "B").code == 0
    before = cli.personal.read_bytes()
    result = cli("new", "--id", "a", "--trigger", ";xb", "--body", "A2", "--replace")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"Error: {cli.personal}: your personal snippets already have a snippet with trigger "
        "';xb': choose another trigger\n"
    )
    assert cli.personal.read_bytes() == before
    assert cli("check").code == 0


def test_new_reports_an_unwritable_home_without_a_traceback(cli: Cli, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "home-is-a-file"
    not_a_folder.write_text("", encoding="utf-8")
    result = run_process("new", "--id", "x", "--body", "x", home=not_a_folder, cwd=tmp_path)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"Error: {not_a_folder} is a file, not a folder: Expander keeps the personal "
        "snippets, settings and data in it; set EXPANDER_HOME to a folder, or move the file\n"
    )


# --- paths -----------------------------------------------------------------------------------


def test_paths_text_honours_expander_home(cli: Cli) -> None:
    result = cli("paths")
    assert (result.code, result.err) == (0, "")
    home = cli.home
    assert result.out == (
        f"config:     {home}\n"
        f"personal:   {home / 'personal.toml'}\n"
        f"settings:   {home / 'settings.toml'}\n"
        f"team_packs: {home / 'data' / 'packs'}\n"
        f"data:       {home / 'data'}\n"
        f"bundled:    {bundled_dir()}\n"
    )


def test_paths_json_honours_expander_home(cli: Cli) -> None:
    result = cli("paths", "--json")
    assert (result.code, result.err) == (0, "")
    home = cli.home
    assert result.json == {
        "config": str(home),
        "personal": str(home / "personal.toml"),
        "settings": str(home / "settings.toml"),
        "team_packs": str(home / "data" / "packs"),
        "data": str(home / "data"),
        "bundled": str(bundled_dir()),
    }
