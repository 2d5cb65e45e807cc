"""The data Expander works on: frozen, typed, and carrying where it came from."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from expander.errors import Problem, Severity, SourceLocation
from expander.template import Template

__all__ = [
    "InjectMode",
    "Layer",
    "Pack",
    "Problem",
    "Severity",
    "Shadow",
    "Snippet",
    "SourceLocation",
]

InjectMode = Literal["auto", "type", "paste"]
"""How the app inserts a reply: ``auto`` picks typed keys for short text the keyboard
layout can type and a clipboard paste otherwise."""


class Layer(enum.IntEnum):
    """Where a pack comes from; a higher layer overrides a lower one."""

    BUNDLED = 0
    TEAM = 1
    PERSONAL = 2

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Snippet:
    """One canned reply. ``body`` is the template source; ``template`` its parsed form."""

    id: str
    title: str
    body: str
    template: Template = field(repr=False, compare=False)
    pack: str
    trigger: str | None = None
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str | None = None
    word_boundary: bool = False
    propagate_case: bool = True
    inject: InjectMode = "auto"
    layer: Layer = Layer.TEAM
    location: SourceLocation = SourceLocation(None)

    @property
    def qualified_id(self) -> str:
        """``pack:id``, unique across a library even where ids repeat."""
        return f"{self.pack}:{self.id}"


@dataclass(frozen=True, slots=True)
class Pack:
    """A loaded pack: its manifest and the snippets that passed validation."""

    name: str
    version: str
    snippets: tuple[Snippet, ...]
    language: str | None = None
    description: str = ""
    author: str = ""
    layer: Layer = Layer.TEAM
    path: Path | None = None
    order_patterns: tuple[str, ...] = ()  # the shop's own order-number formats (regexes)


@dataclass(frozen=True, slots=True)
class Shadow:
    """A snippet hidden, by trigger or id, by one of a higher or later pack."""

    by: Literal["trigger", "id"]
    key: str
    winner: Snippet
    loser: Snippet

    def __str__(self) -> str:
        verb = "overrides" if self.winner.layer > self.loser.layer else "hides"
        return (
            f"{self.by} {self.key!r}: {self.winner.qualified_id} ({self.winner.layer.label}, "
            f"{self.winner.location}) {verb} {self.loser.qualified_id} "
            f"({self.loser.layer.label}, {self.loser.location})"
        )
