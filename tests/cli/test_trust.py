"""Issue #13 at the command line: no input crashes a command, and no pack text
reaches a terminal as control characters.

Input in a legacy encoding or plain garbage (stdin, ``--body-file``, the
clipboard) is read with a one-line warning; pack titles and bodies are printed
with their control characters escaped, JSON exactly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import expander.desktop.backends.clipboard as clipboard_backend
from expander.cli import common
from tests.cli.runner import Cli
from tests.cli.test_suggest import DELAYED_PL, UNANSWERABLE_RU
from tests.conftest import WriteFile

RANDOM = bytes(range(256)) * 2 + b"\xff\xfe\x00\x81\xc3"


def _process(
    *args: str, home: Path, cwd: Path, stdin: bytes, encoding: str = "utf-8"
) -> tuple[int, str, str]:
    """``python -m expander ARGS`` with raw bytes on stdin and stdio in ``encoding``."""
    env = {**os.environ, "EXPANDER_HOME": str(home), "PYTHONIOENCODING": encoding}
    proc = subprocess.run(
        [sys.executable, "-m", "expander", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )
    out, err = (s.decode("utf-8", "replace") for s in (proc.stdout, proc.stderr))
    assert "Traceback" not in err, err
    return proc.returncode, out, err


# --- 9: input in any encoding ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codec", "label"),
    [(DELAYED_PL, "cp1250", "Windows-1250"), (UNANSWERABLE_RU, "cp1251", "Windows-1251")],
)
def test_decode_input_reads_a_legacy_e_mail_in_its_encoding(
    capsys: pytest.CaptureFixture[str], text: str, codec: str, label: str
) -> None:
    assert common.decode_input(text.encode(codec), "the e-mail") == text
    err = capsys.readouterr().err
    assert err == f"Warning: the e-mail is not UTF-8 text; read it as {label} " + (
        "(Central European)\n" if codec == "cp1250" else "(Cyrillic)\n"
    )


def test_decode_input_replaces_garbage_and_keeps_utf8_exact(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert common.decode_input("Zażółć".encode(), "x") == "Zażółć"
    assert common.decode_input("\ufeffZażółć".encode(), "x") == "Zażółć"
    assert common.decode_input("Zażółć".encode("utf-16"), "x") == "Zażółć"
    assert capsys.readouterr().err == ""
    text = common.decode_input(RANDOM, "stdin")
    assert "\ufffd" in text
    err = capsys.readouterr().err
    assert err.startswith("Warning: stdin is not UTF-8 text; ") and err.count("\n") == 1


@pytest.mark.parametrize(("text", "codec"), [(DELAYED_PL, "cp1250"), (UNANSWERABLE_RU, "cp1251")])
def test_suggest_reads_a_legacy_encoded_e_mail(cli: Cli, text: str, codec: str) -> None:
    result = cli("suggest", "--json", "--all", input=text.encode(codec))
    assert result.code == 0, result.err
    assert result.err.startswith("Warning: the e-mail on stdin is not UTF-8 text; read it as")
    assert result.json["suggestions"]


def test_suggest_and_new_read_random_bytes_without_a_traceback(cli: Cli) -> None:
    """A real process: stdin is a pipe of bytes, as `xclip -o | expander suggest`."""
    code, _, err = _process("suggest", "--all", home=cli.home, cwd=cli.cwd, stdin=RANDOM)
    assert code == 0 and "Warning: the e-mail on stdin is not UTF-8 text" in err
    body = "Tak, zamówienie jest w drodze.".encode("cp1250")
    code, out, err = _process("new", "--id", "pl", home=cli.home, cwd=cli.cwd, stdin=body)
    assert (code, err) == (0, "Warning: the body on stdin is not UTF-8 text; read it as "
                           "Windows-1250 (Central European)\n")  # fmt: skip
    assert cli("show", "pl", "--json").json["body"] == "Tak, zamówienie jest w drodze."


def test_new_on_an_ascii_terminal_keeps_the_utf8_body_exact(cli: Cli) -> None:
    code, _, err = _process(
        "new", "--id", "zz", home=cli.home, cwd=cli.cwd, stdin="Zażółć gęślą".encode(),
        encoding="ascii",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert cli("show", "zz", "--json").json["body"] == "Zażółć gęślą"
    code, out, _ = _process("show", "zz", home=cli.home, cwd=cli.cwd, stdin=b"", encoding="ascii")
    assert code == 0 and "Za\\u017c\\xf3\\u0142\\u0107" in out


def test_new_body_file_in_cp1251(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "body.txt"
    path.write_bytes("Здравствуйте!".encode("cp1251"))
    result = cli("new", "--id", "ru", "--body-file", path)
    assert result.code == 0, result.err
    assert result.err == f"Warning: {path} is not UTF-8 text; read it as Windows-1251 (Cyrillic)\n"
    assert cli("show", "ru", "--json").json["body"] == "Здравствуйте!"


def test_a_clipboard_that_is_not_utf8_is_read_with_a_warning(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyperclip decodes xclip's bytes as UTF-8 and lets the error out."""
    data = DELAYED_PL.encode("cp1250")

    def paste() -> str:
        return data.decode("utf-8")

    monkeypatch.setattr(clipboard_backend, "read_text", paste)
    result = cli("suggest", "--clipboard", "--json", "--all")
    assert result.code == 0
    assert result.err.startswith("Warning: the clipboard is not UTF-8 text; read it as")


# --- 12: pack text on a terminal -----------------------------------------------------------

EVIL = """\
[pack]
name = "evil"
version = "1.0.0"

[[snippets]]
id = "evil"
trigger = ";evil"
title = "Nice \\u001b]0;pwned\\u0007title\\u001b[2J"
body = "Line one\\u001b[31m red\\nLine two\\u202e reversed"
"""


def test_shown_escapes_control_characters_and_keeps_body_lines() -> None:
    assert common.shown("a\x1b[2Jb\x07") == "a\\x1b[2Jb\\x07"
    assert common.shown("a\nb\tc\r") == "a\\x0ab\\x09c\\x0d"
    assert common.shown("a\nb\tc\x9b\u202e", body=True) == "a\nb\tc\\x9b\\u202e"
    assert common.shown("Zażółć — „ok”") == "Zażółć — „ok”"


def test_list_and_show_escape_control_characters_from_packs(cli: Cli, write: WriteFile) -> None:
    pack = write("evil.toml", EVIL)
    listed = cli("list", "--no-bundled", "--pack", pack)
    assert listed.code == 0 and "\x1b" not in listed.out and "\x07" not in listed.out
    assert ";evil  evil  Nice \\x1b]0;pwned\\x07title\\x1b[2J\n" in listed.out
    detail = cli("show", "evil", "--no-bundled", "--pack", pack)
    assert "\x1b" not in detail.out and "\u202e" not in detail.out
    assert detail.out.endswith("\nLine one\\x1b[31m red\nLine two\\u202e reversed\n")
    exact = cli("show", "evil", "--json", "--no-bundled", "--pack", pack).json
    assert exact["title"] == "Nice \x1b]0;pwned\x07title\x1b[2J"
    assert exact["body"] == "Line one\x1b[31m red\nLine two\u202e reversed"
    assert (
        json.loads(cli("list", "--json", "--no-bundled", "--pack", pack).out)[0]["title"]
        == (exact["title"])
    )


# --- 13: expander run without the desktop extras ---------------------------------------------

WITHOUT_EXTRAS = """
import sys
for name in ("Xlib", "pynput", "pystray", "pyperclip"):
    sys.modules[name] = None  # as if never installed: importing it raises ModuleNotFoundError
from expander.cli.main import main
sys.exit(main(["run", "--no-tray"]))
"""


def test_run_without_the_desktop_extras_says_what_to_install(cli: Cli) -> None:
    env = {**os.environ, "EXPANDER_HOME": str(cli.home), "PYTHONIOENCODING": "utf-8",
           "DISPLAY": ":99"}  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRAS], capture_output=True, text=True, env=env,
        cwd=cli.cwd, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: expander run needs the desktop extras (")
    assert proc.stderr.endswith("is not installed): pip install 'expander[desktop]'\n")


# --- the smaller ones ---------------------------------------------------------------------------


def test_new_on_a_taken_id_names_replace(cli: Cli) -> None:
    assert cli("new", "--id", "d", "--body", "x").code == 0
    result = cli("new", "--id", "d", "--body", "y")
    assert result.code == 1
    assert result.err.endswith("already have a snippet with id 'd': choose another, or replace "
                               "it with --replace\n")  # fmt: skip


def test_expand_points_at_clipboard_text_for_a_clipboard_gap(cli: Cli) -> None:
    cli("new", "--id", "quote", "--body", "You wrote: {clipboard}")
    result = cli("expand", "quote", "--no-bundled", "--clipboard-text", "")
    assert result.code == 0
    result = cli("expand", "quote", "--no-bundled", input="")
    assert "--field" not in result.err
    assert "give the clipboard text with --clipboard-text TEXT" in result.err


def test_stats_export_to_a_missing_folder_is_an_error_naming_it(cli: Cli) -> None:
    result = cli("stats", "export", "-o", "nope/deeper/usage.csv", "--agent", "")
    assert (result.code, result.err) == (
        1, "Error: cannot write nope/deeper/usage.csv: the folder nope/deeper does not exist "
        "(create it first)\n",
    )  # fmt: skip
    assert not (cli.cwd / "nope").exists()


def test_stats_report_into_a_folder_names_the_folder_not_a_temp_file(cli: Cli) -> None:
    (cli.cwd / "out").mkdir()
    result = cli("stats", "report", "-o", "out")
    assert (result.code, result.err) == (
        1, "Error: out is a folder: give a file name, e.g. -o out/usage-report.html\n"
    )  # fmt: skip
    if not Path("/proc/self").is_dir():
        return
    result = cli("stats", "report", "-o", "/proc/report.html")  # no file can be made there
    assert (result.code, result.err) == (
        1, "Error: cannot write /proc/report.html: No such file or directory\n"
    )  # fmt: skip


def test_since_a_future_date_says_it_is_in_the_future(cli: Cli) -> None:
    result = cli("stats", "--since", "2999-01-01")
    assert result.code == 1
    assert result.err.startswith("Error: --since '2999-01-01' is in the future (today is ")
    assert "No usage recorded" not in result.out


CASED = """\
[pack]
name = "cased"
version = "1.0.0"

[[snippets]]
id = "hi"
trigger = ";hi"
title = "Hi"
body = "hello {name|there}, see you{cursor}"

[[snippets]]
id = "exact"
trigger = ";ex"
title = "Exact"
propagate_case = false
body = "exact"
"""


def test_expand_cases_the_reply_like_the_typed_trigger(cli: Cli, write: WriteFile) -> None:
    pack = ("--no-bundled", "--no-user", "--pack", str(write("cased.toml", CASED)))
    assert cli("expand", ";hi", *pack).out == "hello there, see you\n"
    assert cli("expand", ";Hi", "-f", "name=ann", *pack).out == "Hello ann, see you\n"
    upper = cli("expand", ";HI", "--json", *pack).json
    assert (upper["text"], upper["cursor"]) == ("HELLO THERE, SEE YOU", 20)
    for key in (";Ex", "x;Hi"):
        result = cli("expand", key, *pack)
        assert result.code == 1 and result.err.startswith("Error: no snippet with trigger or id")


def test_check_reports_the_settings_file_with_file_and_line(cli: Cli) -> None:
    settings = cli.home / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('[expansion]\npaste_threshold = "x"\n', encoding="utf-8")
    result = cli("check")
    assert result.code == 1
    assert result.out.startswith(f"{settings}:2: error: [expansion] paste_threshold must be")
    data = cli("check", "--json").json
    assert [(p["path"], p["line"]) for p in data["problems"]] == [(str(settings), 2)]
    assert "settings.toml" not in cli("check", "--no-user").out


def test_check_of_a_folder_points_to_with_bundled_for_a_bundled_reference(
    cli: Cli, write: WriteFile
) -> None:
    bundled_id = cli("list", "--json").json[0]["id"]
    write("team/pack.toml", '[pack]\nname = "t"\nversion = "1.0.0"\n\n[[snippets]]\nid = "a"\n'
          f'title = "A"\nbody = "{{snippet:{bundled_id}}} {{snippet:nowhere}}"\n')  # fmt: skip
    result = cli("check", "team")
    assert result.code == 1
    assert f"Note: {{snippet:{bundled_id}}} is in the bundled packs: add --with-bundled\n" in (
        result.out
    )
    assert "{snippet:nowhere} is in the bundled" not in result.out
    assert "--with-bundled" not in cli("check", "team", "--with-bundled").out
