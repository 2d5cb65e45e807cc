"""What every command shares (expander/cli/common.py): argument types, the one place
where errors become ``Error: ...`` and an exit code, and output that survives a
legacy encoding or a reader that goes away (those two as real processes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys

import pytest

from expander.cli.common import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    iso_date,
    name_value,
    positive_int,
    run_command,
)
from expander.errors import ExpanderError
from tests.cli.runner import Cli, run_process


def test_argument_types_accept_good_values_and_explain_bad_ones() -> None:
    assert name_value(" name =Anna=B") == ("name", "Anna=B")
    assert name_value("empty=") == ("empty", "")
    assert iso_date("2026-11-20") == dt.date(2026, 11, 20)
    assert positive_int("3") == 3
    for parse, text, message in [
        (name_value, "novalue", "expected NAME=VALUE, got 'novalue'"),
        (name_value, "=x", "expected NAME=VALUE, got '=x'"),
        (iso_date, "20.11.2026", "expected a date as YYYY-MM-DD, got '20.11.2026'"),
        (positive_int, "x", "expected a whole number, got 'x'"),
        (positive_int, "0", "expected 1 or more, got 0"),
    ]:
        with pytest.raises(argparse.ArgumentTypeError, match=f"^{message}$"):
            parse(text)


def _failing(exc: BaseException) -> int:
    raise exc


@pytest.mark.parametrize(
    ("exc", "code", "err"),
    [
        (ExpanderError("no snippet 'x'"), EXIT_ERROR, "Error: no snippet 'x'\n"),
        (
            PermissionError(13, "Permission denied", "/tmp/x"),
            EXIT_ERROR,
            "Error: Permission denied (/tmp/x)\n",
        ),
        (KeyboardInterrupt(), EXIT_INTERRUPTED, ""),
    ],
)
def test_run_command_turns_errors_into_one_line_and_an_exit_code(
    capsys: pytest.CaptureFixture[str], exc: BaseException, code: int, err: str
) -> None:
    assert run_command(lambda _: _failing(exc), argparse.Namespace()) == code
    assert capsys.readouterr() == ("", err)


def test_run_command_returns_the_command_s_own_code() -> None:
    assert run_command(lambda _: EXIT_OK, argparse.Namespace()) == EXIT_OK
    assert run_command(lambda _: EXIT_ERROR, argparse.Namespace()) == EXIT_ERROR


def test_list_on_a_legacy_encoded_stdout_has_no_traceback(cli: Cli) -> None:
    titles = [row["title"] for row in cli("list", "--json", "--language", "ru").json]
    result = run_process(
        "list", "--language", "ru", home=cli.home, cwd=cli.cwd,
        extra_env={"PYTHONIOENCODING": "cp1252"},
    )  # fmt: skip
    assert (result.code, result.err) == (0, "")
    for title in titles:
        assert title.encode("ascii", "backslashreplace").decode("ascii") in result.out


def test_output_cut_short_by_the_reader_is_not_an_error(cli: Cli) -> None:
    """`expander list --json | head -1`: the reader goes away before the output is written."""
    env = {**os.environ, "EXPANDER_HOME": str(cli.home), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "expander", "list", "--json"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cli.cwd,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # more than a pipe buffer's worth is still to come
    with proc.stderr:
        err = proc.stderr.read().decode("utf-8", "replace")
    assert (proc.wait(timeout=60), err) == (0, "")
