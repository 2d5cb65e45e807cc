"""``expander ...``: the command line on top of the library.

A thin layer: it parses arguments, calls the library and prints. Each command
group lives in its own module and adds itself to the parser here;
:func:`~expander.cli.common.run_command` turns library errors into
``Error: ...`` and a non-zero exit code, so user mistakes never end in a
traceback.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import expander
from expander.cli.common import EXIT_USAGE, make_output_safe, run_command
from expander.cli.desktop_entry import add_desktop_entry_commands
from expander.cli.ibus import add_ibus_command
from expander.cli.pack import add_pack_commands
from expander.cli.run import add_run_command
from expander.cli.snippets import add_paths_command, add_snippet_commands
from expander.cli.stats import add_stats_commands
from expander.cli.suggest import add_suggest_command

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The whole ``expander`` parser; ``--help`` lists the commands in the order added."""
    parser = argparse.ArgumentParser(
        prog="expander",
        description="Canned replies for customer support: list, render and check snippets.",
        epilog="Run 'expander COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"expander {expander.__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_snippet_commands(commands)
    add_suggest_command(commands)
    add_run_command(commands)
    add_desktop_entry_commands(commands)
    add_ibus_command(commands)
    add_paths_command(commands)
    add_pack_commands(commands)
    add_stats_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 error, 2 usage, 130 interrupted)."""
    make_output_safe()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    return run_command(args.func, args)
