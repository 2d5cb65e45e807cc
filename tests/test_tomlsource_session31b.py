"""TOML nested deeper than Python's parser recurses (session 31b): a pack or the
settings file with ``x = [[[[...`` raised RecursionError out of every command and
stopped the app at its start; now it is a clear error for that file."""

from __future__ import annotations

from pathlib import Path

import pytest

from expander.desktop.settings import default_settings, load_settings
from expander.packs import load_pack
from expander.tomlsource import FileReport, read_toml

DEEP_ARRAY = "x = " + "[" * 5000 + "]" * 5000 + "\n"
DEEP_TABLE = "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n"
PACK_HEAD = '[pack]\nname = "deep"\nversion = "1.0.0"\n'


@pytest.mark.parametrize("nested", [DEEP_ARRAY, DEEP_TABLE])
def test_read_toml_reports_nesting_too_deep(tmp_path: Path, nested: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(nested, encoding="utf-8")
    problems: list = []
    assert read_toml(path, FileReport(path, problems)) is None
    [problem] = problems
    assert problem.is_error
    assert "nested too deeply" in problem.message


def test_the_settings_file_nested_too_deeply_gives_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[expansion]\npaste_threshold = 3\n" + DEEP_ARRAY, encoding="utf-8")
    settings, problems = load_settings(path)
    assert settings == default_settings()
    assert any("nested too deeply" in p.message for p in problems)
    assert all(p.path == path for p in problems)


def test_a_pack_nested_too_deeply_is_not_loaded_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(PACK_HEAD + DEEP_ARRAY, encoding="utf-8")
    loaded = load_pack(path)
    assert loaded.pack is None
    [problem] = loaded.problems
    assert problem.path == path and "nested too deeply" in problem.message
