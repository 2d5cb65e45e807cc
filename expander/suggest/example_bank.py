"""Examples lent by the bundled packs to a team's snippets that have none.

A team's own pack has titles, keywords and replies, but no example e-mails,
and examples carry much of the ranking's quality. The bundled packs have 13
to 15 hand-written examples for each of the questions online shops get most
(short and long, calm and angry, with typos, Polish without diacritics, Russian
in Latin letters; eight of each written in session 15 from the snippets alone).
A snippet without examples of its own borrows those of its counterpart
among the bundled snippets: in its language, the bundled snippet nearest to it
by its encoder's vector of title, keywords and body, when it is also the
nearest to that bundled snippet among the library's snippets without examples
(each counterpart lends once) and their cosine reaches the encoder's
threshold (:data:`BORROW_MIN_COSINE`); pairs found leave the table and the rest
are matched again, in rounds. A snippet with no counterpart borrows
nothing and ranks as before.

Measured on e-mails nobody tuned on (tests/data/emails_blind2) with packs
written as a manager would (bench/packs/manager2), nothing lent -> lent:
top-1 en 67.7 -> 88.7 %, pl 63.4 -> 87.3 %, ru 56.7 -> 83.3 %; confident and
right 40 -> 57, 35 -> 56, 38 -> 58 %. Those packs answer the bundled packs'
questions; with 30 % of their snippets dropped at random (3 draws, both
manager sets), the e-mails still answerable gained as much (top-1 61.6-71.8 ->
82.8-89.6 %), and of the e-mails whose snippet was dropped 27 of 222 got a
confident (wrong) reply instead of 24. The cost falls on a team's own
questions: with 30 % of the snippets finding no counterpart, their e-mails
lost 4-17 points of top-1 to the borrowers (bench/bench_lending.py,
bench/UNTUNED.md).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from expander.model import Layer, Snippet
from expander.suggest.encoders import Embedder, snippet_vectors, whole_passages
from expander.suggest.features import base_language, body_text, snippet_passage

if TYPE_CHECKING:
    from expander.library import Library

__all__ = ["BORROW_MIN_COSINE", "bundled_examples", "lent_examples"]

log = logging.getLogger(__name__)

BORROW_MIN_COSINE: Mapping[str, float] = {"minilm": 0.6, "e5": 0.9}
"""Per encoder (its ``pool_name``), the cosine a snippet and its bundled
counterpart must reach; an encoder not named here lends nothing. Chosen on
bench/packs/manager (written from the bundled snippets' ids and titles, never
their text): the highest thresholds that keep every counterpart found there
(the lowest cosine of a true pair: MiniLM 0.62, e5 0.92; the highest of a
false one: 0.75 and 0.94, which the mutual-nearest rule keeps out). With any
one snippet of those packs removed, a wrong counterpart was found for 0 of
the 28 English snippets and for 1 of the 30 Polish and 28 Russian each (a
generic "we are looking into it" reply taken for "glad we could help" or the
signature)."""

ROUND_MARGIN = 0.25
"""How far below the cosine of its nearest bundled snippet a team's snippet may
be paired in a later round (:func:`_mutual_nearest_pairs`), as a share of the room
above the encoder's threshold (1 − :data:`BORROW_MIN_COSINE`: e5 0.025, MiniLM 0.1)."""

_lock = threading.Lock()
_bundled: tuple[Snippet, ...] | None = None


def bundled_examples(library: Library | None = None) -> tuple[Snippet, ...]:
    """The bundled packs' snippets that have examples, loaded once per process
    (none when the packs cannot be read: nothing is lent then). Taken from
    ``library`` where it holds every bundled pack, unchanged, as loaded from the
    bundled folder (a fresh ``expander suggest`` then does not parse them twice:
    0.1-0.2 s of its start on a 2-CPU machine)."""
    global _bundled
    with _lock:
        if _bundled is None:
            from expander.packs import load_pack
            from expander.paths import bundled_dir

            snippets: list[Snippet] = []
            try:
                paths = sorted(bundled_dir().glob("*.toml"))
                loaded = (
                    {p.path: p for p in library.packs if p.layer is Layer.BUNDLED}
                    if library
                    else {}
                )
                if paths and all(path in loaded for path in paths):
                    snippets = [s for path in paths for s in loaded[path].snippets]
                else:
                    for path in paths:
                        pack = load_pack(path).pack
                        snippets += pack.snippets if pack is not None else ()
            except OSError as error:  # a broken installation: rank without them
                log.warning("bundled packs not read (%s): no examples are lent", error)
            _bundled = tuple(s for s in snippets if s.examples and s.language)
        return _bundled


def _vectors(encoder: Embedder, snippets: Sequence[Snippet]) -> np.ndarray[Any, Any]:
    """One unit vector per snippet, as its encoder's space sees a snippet without
    examples: its passage (e5), or the sum of its title's, keywords' and body's."""
    if whole_passages(encoder):
        texts = [snippet_passage(s.title, s.keywords, s.body) for s in snippets]
        return np.asarray(snippet_vectors(encoder, texts), dtype=np.float64)
    parts = [
        [s.title, *([" ".join(s.keywords)] if s.keywords else []), body_text(s.body)]
        for s in snippets
    ]
    flat = [text for texts in parts for text in texts if text.strip()]
    encoded = np.asarray(snippet_vectors(encoder, flat), dtype=np.float64)
    row = dict(zip(flat, encoded, strict=True))
    summed = np.stack([sum(row[t] for t in texts if t.strip()) for texts in parts])
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    return summed / np.where(norms > 0, norms, 1)


def lent_examples(
    snippets: Sequence[Snippet],
    encoder_for: Callable[[str], Embedder | None],
    bank: Sequence[Snippet],
) -> dict[int, Snippet]:
    """Per index in ``snippets`` of a snippet without examples, the snippet of
    ``bank`` that lends it its examples (see the module's docstring).
    ``encoder_for`` gives the encoder that scores a language's snippets."""
    lent: dict[int, Snippet] = {}
    languages = sorted({base_language(s.language) for s in bank} - {""})
    for language in languages:
        wanting = [
            i
            for i, s in enumerate(snippets)
            if not s.examples and base_language(s.language) == language
        ]
        encoder = encoder_for(language)
        threshold = BORROW_MIN_COSINE.get(str(getattr(encoder, "pool_name", "")))
        if not wanting or encoder is None or threshold is None:
            continue
        lenders = [b for b in bank if base_language(b.language) == language]
        similarity = _vectors(encoder, [snippets[i] for i in wanting]) @ (
            _vectors(encoder, lenders).T
        )
        for row, column in _mutual_nearest_pairs(similarity, threshold):
            lent[wanting[row]] = lenders[column]
    return lent


def _mutual_nearest_pairs(
    similarity: np.ndarray[Any, Any], threshold: float
) -> list[tuple[int, int]]:
    """(row, column) pairs each the other's nearest, at ``threshold`` or more, found
    in rounds: a pair found leaves the table, and the rest are matched again. One
    round alone left a team's "no confirmation e-mail" without its counterpart because
    the bundled "cancel order" was nearer to it, though "cancel order" went to the
    team's own "cancel order": 7 of the 265 snippets of bench/packs/manager, manager2
    and manager3 found none, in rounds 1 does (at a cosine of 0.575, under MiniLM's
    threshold). A later round pairs a row only as near as :data:`ROUND_MARGIN` allows to
    the column nearest to it of all: a team's second reply to one question ("Delivery
    delayed, sorry" beside "Your order is running late") lost the bundled "order
    delayed" to the first, and must not take the next one ("no confirmation", 0.21
    below) instead; the seven above were 0 to 0.019 below theirs."""
    pairs: list[tuple[int, int]] = []
    if not similarity.size:
        return pairs
    nearest = similarity.max(axis=1)
    margin = ROUND_MARGIN * (1.0 - threshold)
    table = np.where(similarity >= threshold, similarity, -np.inf)
    later = False
    while np.isfinite(table).any():
        best_column = table.argmax(axis=1)
        best_row = table.argmax(axis=0)
        found = [
            (row, int(column))
            for row, column in enumerate(best_column)
            if np.isfinite(table[row, column]) and int(best_row[column]) == row
        ]
        if not found:
            break
        for row, column in found:
            if not later or similarity[row, column] >= nearest[row] - margin:
                pairs.append((row, column))
                table[:, column] = -np.inf
            table[row, :] = -np.inf  # paired, or too far from its nearest: no more rounds
        later = True
    return pairs
