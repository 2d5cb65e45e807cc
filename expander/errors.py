"""One error tree for the whole package.

The library raises these and never prints or exits; the CLI and the tray turn
them into a message for the user (see ``cli.py``). Every message says what went
wrong, where, and how to fix it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from expander.model import Problem

__all__ = [
    "BackendError",
    "ExpanderError",
    "MissingFieldsError",
    "PackError",
    "TemplateError",
    "UnknownSnippetError",
]


class ExpanderError(Exception):
    """Base class of every error Expander raises on purpose."""


class TemplateError(ExpanderError):
    """A template that cannot be parsed or rendered.

    ``line`` and ``column`` are 1-based positions inside the template text (not
    the pack file); the pack loader adds the file position when it reports one.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        where = f" (template line {line}, column {column})" if line is not None else ""
        super().__init__(f"{message}{where}")


class PackError(ExpanderError):
    """A pack, or a set of packs, that cannot be used.

    Carries the file and line of the first problem, and all problems found, so a
    caller can show every one of them at once.
    """

    def __init__(
        self,
        message: str,
        path: Path | None = None,
        line: int | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.problems = tuple(problems)
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class UnknownSnippetError(ExpanderError, LookupError):
    """No snippet has the trigger or id that was asked for."""

    def __init__(self, key: str, suggestions: Sequence[str] = ()) -> None:
        self.key = key
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"no snippet with trigger or id {key!r}{hint}")

    def __str__(self) -> str:  # LookupError would otherwise quote the message
        return str(self.args[0])


class MissingFieldsError(ExpanderError):
    """Rendering was asked to fail on missing fields, and some were missing."""

    def __init__(self, snippet_id: str, missing: Sequence[str]) -> None:
        self.snippet_id = snippet_id
        self.missing = tuple(missing)
        super().__init__(
            f"snippet {snippet_id!r} needs fields that were not given: {', '.join(self.missing)}"
        )


class BackendError(ExpanderError):
    """A desktop backend (keyboard, clipboard, tray, display) is not usable here."""
