"""The ``expander`` command: a thin layer over the library.

``main.py`` builds the parser and runs the entry point (``expander.cli.main:main``);
``common.py`` holds what every command shares, and is the only place where
library errors become ``Error: ...`` lines and exit codes; each other module is
one command group (``snippets``, ``suggest``, ``run``, ``pack``, ``stats``).
"""

from __future__ import annotations

from expander.cli.main import build_parser

__all__ = ["build_parser"]
