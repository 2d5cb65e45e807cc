"""The ``expander`` parser (expander/cli/main.py): the commands it offers, their
help, and the documentation of every one of them.

``--version`` and an unknown command run as a real ``python -m expander``: the
entry point and the exit code the shell sees.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import expander
from expander.cli.main import build_parser
from tests.cli.runner import Cli, flat, run_process

REPO = Path(__file__).resolve().parents[2]


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("build_parser() registers no subcommands")


def subcommand_helps() -> dict[str, str | None]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {a.dest: a.help for a in action._choices_actions}
    raise AssertionError("build_parser() registers no subcommands")


# --- help and usage ------------------------------------------------------------------------


def test_top_level_help_lists_every_command(cli: Cli) -> None:
    result = cli("--help")
    assert result.code == 0
    assert result.out.startswith("usage: expander")
    for name, help_text in subcommand_helps().items():
        assert re.search(rf"^\s+{name}\s+{re.escape(help_text or '')}$", result.out, re.M)
    assert "--version" in result.out
    assert result.err == ""


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_subcommand_help_mentions_every_option(cli: Cli, command: str) -> None:
    parser = subcommands()[command]
    result = cli(command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"usage: expander {command}")
    assert flat(parser.description or "") in flat(result.out)
    for action in parser._actions:
        for option in action.option_strings:
            assert option in result.out, f"{command} --help does not mention {option}"
    assert result.err == ""


def test_every_subcommand_has_help_text() -> None:
    for name, parser in subcommands().items():
        assert subcommand_helps()[name], f"{name} has no help= in build_parser()"
        assert parser.description, f"{name} has no description= in build_parser()"


def test_every_subcommand_is_documented_in_the_readme_cli_section() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## The CLI")
    end = readme.find("\n## ", start + 1)
    section = readme[start : end if end >= 0 else None]
    undocumented = [name for name in subcommands() if f"expander {name}" not in section]
    assert undocumented == [], f"README.md's CLI section does not mention: {undocumented}"


def test_version(tmp_path: Path, expander_home: Path) -> None:
    result = run_process("--version", home=expander_home, cwd=tmp_path)
    assert (result.code, result.out) == (0, f"expander {expander.__version__}\n")


def test_no_command_prints_help_and_exits_2(cli: Cli) -> None:
    result = cli()
    assert result.code == 2
    assert result.out.startswith("usage: expander")
    assert "Run 'expander COMMAND --help' for the options of a command." in result.out


def test_unknown_command_exits_2(tmp_path: Path, expander_home: Path) -> None:
    result = run_process("bogus", home=expander_home, cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert "expander: error: argument COMMAND: invalid choice: 'bogus'" in result.err


def command_paths(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every command and subcommand of ``parser``, e.g. ``("pack", "build")``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name)
                yield from command_paths(sub, (*prefix, name))


def test_every_command_is_documented() -> None:
    """Each command, at every level, is named as ``expander ...`` in README.md or docs/."""
    docs = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    text = "\n".join(" ".join(p.read_text(encoding="utf-8").split()) for p in docs)
    paths = list(command_paths(build_parser()))
    assert ("pack", "build") in paths and ("stats", "merge") in paths
    undocumented = [" ".join(p) for p in paths if f"expander {' '.join(p)}" not in text]
    assert undocumented == [], f"not in README.md or docs/: {undocumented}"
