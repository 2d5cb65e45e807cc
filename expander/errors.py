"""One error tree for the whole package.

The library raises these and never prints or exits; the CLI and the tray turn
them into a message for the user (see ``cli.py``). Every message says what went
wrong, where, and how to fix it.
"""

from __future__ import annotations

import enum
import logging
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BackendError",
    "DistributeError",
    "ExpanderError",
    "HotkeyError",
    "InjectionSkipped",
    "LockTimeoutError",
    "MissingFieldsError",
    "PackError",
    "Problem",
    "Severity",
    "SourceError",
    "SourceLocation",
    "StatsError",
    "TemplateError",
    "UnknownSnippetError",
    "VerificationError",
    "log_failure",
]

# --- where and what: the problems a pack or settings file reports ---------------------


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class SourceLocation:
    path: Path | None
    line: int | None = None

    def __str__(self) -> str:
        if self.path is None:
            return "<memory>"
        return f"{self.path}:{self.line}" if self.line else str(self.path)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth knowing) about a pack, with where and what to do."""

    severity: Severity
    message: str
    location: SourceLocation

    @property
    def path(self) -> Path | None:
        return self.location.path

    @property
    def line(self) -> int | None:
        return self.location.line

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"


# --- the error tree ----------------------------------------------------------------------


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


class InjectionSkipped(BackendError):
    """The text was not inserted and nothing in the window was changed: the
    trigger is still there as typed (a terminal would run a reply's line breaks;
    the user typed a non-text key right after the trigger)."""


class HotkeyError(ExpanderError, ValueError):
    """A hotkey that cannot be used; the message says what to write instead."""


class StatsError(ExpanderError):
    """The usage store or an export cannot be used; the message says why and what to do."""


class DistributeError(ExpanderError):
    """A team pack could not be built, published, installed, updated or removed."""


class SourceError(DistributeError):
    """The pack's source (a server, a folder, a file) could not be read."""


class VerificationError(DistributeError):
    """An archive failed a check (checksum, signature, manifest, snippets, version)."""


class LockTimeoutError(DistributeError):
    """Another Expander process kept the team packs locked for too long."""


_TRACEBACK_FRAMES = 12  # the innermost ones: a RecursionError has a thousand


def log_failure(logger: logging.Logger, what: str, exc: BaseException) -> None:
    """Log an unexpected exception with its type and innermost frames, not its
    message: a message may quote what the agent typed or a customer's e-mail."""
    frames = "".join(traceback.format_tb(exc.__traceback__, limit=-_TRACEBACK_FRAMES))
    logger.error("%s: %s\n%s", what, type(exc).__name__, frames.rstrip())
