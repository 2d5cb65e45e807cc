"""Suggestions for a loaded :class:`~expander.library.Library`: its index, and
learning from the replies agents choose.

The index is built on first use and kept with the library (in
``Library.derived``), so it lives as long as the library and a reloaded
library gets its own. Recording an accepted reply drops it: the next
suggestion rebuilds it with the new example, encoding only the new texts (the
vectors of snippet texts are remembered per encoder, see
:mod:`expander.suggest.encoders`; those of learned examples beside them, see
:mod:`expander.suggest.learning`). The library itself knows nothing of
suggestions: this package builds on it, never the reverse.
"""

from __future__ import annotations

import threading

from expander.errors import ExpanderError
from expander.library import Library
from expander.model import Snippet
from expander.suggest.learning import LearnedExamples
from expander.suggest.onnxrun import release_freed_memory
from expander.suggest.ranker import Suggester, Suggestion

__all__ = ["accept", "learned_examples", "suggest", "suggester_for"]

_KEY = __name__
_slot_lock = threading.Lock()


class _Slot:
    """The suggester kept for one library, and the lock that builds it once."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.suggester: Suggester | None = None


def _slot(library: Library) -> _Slot:
    with _slot_lock:
        slot = library.derived.get(_KEY)
        if not isinstance(slot, _Slot):
            slot = library.derived[_KEY] = _Slot()
        return slot


def learned_examples(library: Library) -> LearnedExamples | None:
    """The examples learned from accepted replies, kept in the user's folder;
    None for a library loaded without it (``include_user=False``)."""
    if library.user is None:
        return None
    return LearnedExamples(library.user.learned_file)


def suggester_for(library: Library) -> Suggester:
    """The suggestion index for ``library`` with its learned examples, built
    on first use and kept until a reply is accepted. Threads asking while it
    is being built wait for that one build."""
    slot = _slot(library)
    with slot.lock:
        if slot.suggester is None:
            learned = learned_examples(library)
            examples = learned.by_snippet() if learned is not None else {}
            if learned is not None and not examples:
                learned.forget_derived()  # the examples were deleted: what came of them goes
            slot.suggester = Suggester(
                library,
                learned=examples,
                learned_folder=learned.derived_dir if learned is not None else None,
            )
            release_freed_memory()  # the build's garbage, and the models' loading
        return slot.suggester


def suggest(
    library: Library, text: str, limit: int = 3, *, min_score: float | None = None
) -> list[Suggestion]:
    """The snippets of ``library`` that best answer a customer's e-mail, best first.

    Each :class:`~expander.suggest.ranker.Suggestion` has a 0-100 score, the
    reasons for it, and the reply rendered with the fields found in the
    e-mail. An empty list means no confident match (``min_score=0`` lists the
    best candidates anyway).
    """
    suggestions = suggester_for(library).suggest(text, limit, min_score=min_score)
    release_freed_memory()  # what encoding the e-mail freed (16 MB and more): under 1 ms
    return suggestions


def accept(library: Library, key: str | Snippet, email: str) -> None:
    """Record that ``email`` was answered with this snippet: it becomes a
    (masked) example, so similar e-mails rank the snippet higher next time.

    Needs a library loaded with ``include_user=True`` (where examples live);
    raises :class:`~expander.errors.UnknownSnippetError` for an unknown key.
    """
    snippet = key if isinstance(key, Snippet) else library.get(key)
    learned = learned_examples(library)
    if learned is None:
        raise ExpanderError(
            "this library keeps no learned examples: load it with include_user=True"
        )
    patterns = [p for pack in library.packs for p in pack.order_patterns]
    learned.add(snippet.id, email, patterns)
    slot = _slot(library)
    with slot.lock:
        slot.suggester = None
