"""Expander: canned replies for customer-support teams.

The library loads snippet packs, renders snippets with customer fields, and
(with the desktop extras) drives the tray app. The public API is what
``__all__`` names; everything else is private and may change::

    import expander
    lib = expander.load("team-pack/", "my.toml")
    out = lib.render(";delay", fields={"name": "Anna", "order": "#4821"})
    out.text, out.cursor, out.missing

Importing ``expander`` loads no desktop library (pynput, pystray, pyperclip,
tkinter): those are imported only by ``expander.desktop.backends`` and the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from expander.email.clean import CleanEmail, clean_email
from expander.email.fields import CustomerFields, extract_fields
from expander.email.language import detect_language
from expander.errors import (
    BackendError,
    ExpanderError,
    MissingFieldsError,
    PackError,
    TemplateError,
    UnknownSnippetError,
)
from expander.library import Library, load
from expander.model import Layer, Pack, Problem, Severity, Shadow, Snippet, SourceLocation
from expander.packs import LoadedPack, add_personal_snippet, load_pack
from expander.paths import Paths, bundled_dir, user_paths
from expander.template import FieldSpec, RenderContext, Rendered, Template
from expander.template import parse as parse_template

if TYPE_CHECKING:
    from expander.suggest.ranker import Suggestion

__version__ = "0.1.0"

__all__ = [
    "BackendError",
    "CleanEmail",
    "CustomerFields",
    "ExpanderError",
    "FieldSpec",
    "Layer",
    "Library",
    "LoadedPack",
    "MissingFieldsError",
    "Pack",
    "PackError",
    "Paths",
    "Problem",
    "RenderContext",
    "Rendered",
    "Severity",
    "Shadow",
    "Snippet",
    "SourceLocation",
    "Suggestion",
    "Template",
    "TemplateError",
    "UnknownSnippetError",
    "__version__",
    "add_personal_snippet",
    "bundled_dir",
    "clean_email",
    "detect_language",
    "extract_fields",
    "load",
    "load_pack",
    "parse_template",
    "user_paths",
]


def __getattr__(name: str) -> Any:
    # Suggestion lives with numpy-based code: import it only when asked for.
    if name == "Suggestion":
        from expander.suggest.ranker import Suggestion

        return Suggestion
    raise AttributeError(f"module 'expander' has no attribute {name!r}")
