"""An EXPANDER_HOME that names a file (session 31): every command says so, once and
clearly, and changes nothing; before, reading skipped the personal snippets and the
settings without a word and each write failed on its own ("File exists")."""

from __future__ import annotations

from pathlib import Path

import pytest

from expander.paths import folder_problem, user_paths
from tests.cli.runner import Cli


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("check",),
        ("new", "--id", "hi", "--trigger", ";hi", "--body", "Hello"),
        ("stats",),
    ],
)
def test_a_home_that_is_a_file_is_a_clear_error_and_stays_as_it_was(
    cli: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    home = tmp_path / "home-file"
    home.write_bytes(b"not a folder\n")
    cli.home = home
    result = cli(*command)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"Error: {home} is a file, not a folder: Expander keeps the personal snippets, "
        "settings and data in it; set EXPANDER_HOME to a folder, or move the file\n"
    )
    assert home.read_bytes() == b"not a folder\n"


def test_folders_that_exist_or_not_yet_are_no_problem(tmp_path: Path) -> None:
    assert folder_problem(user_paths({"EXPANDER_HOME": str(tmp_path / "new")})) is None
    (tmp_path / "home").mkdir()
    assert folder_problem(user_paths({"EXPANDER_HOME": str(tmp_path / "home")})) is None
    (tmp_path / "home" / "data").write_text("")
    assert "data is a file, not a folder" in (
        folder_problem(user_paths({"EXPANDER_HOME": str(tmp_path / "home")})) or ""
    )
