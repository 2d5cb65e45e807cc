"""The sentence encoders, the vectors of snippet texts, and the embedding
spaces the suggester scores a query in.

English snippets are embedded with all-MiniLM-L6-v2
(:mod:`expander.suggest.minilm`), the others with multilingual-e5-small
(:mod:`expander.suggest.e5`); both are bundled, 8-bit, and run offline on ONNX
Runtime.

The vectors of snippet texts are kept in memory between builds of the index
and, for an encoder that names itself (``cache_identity``, see
:class:`~expander.suggest.vector_cache.CachedEncoder`), on disk between
processes (:mod:`expander.suggest.vector_cache`): a fresh process runs an
encoder's model only for texts neither holds, or for the e-mail itself. The
classifiers trained in a space are kept on disk too
(:mod:`expander.suggest.classifier_cache`).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from expander.suggest.classifier import NaiveBayes, SoftmaxClassifier, worth_training
from expander.suggest.classifier_cache import (
    forget_cached_classifiers,
    keep_only_classifiers,
    trained,
)
from expander.suggest.e5 import multilingual_encoder
from expander.suggest.index_cache import forget_cached_indexes, kept_in
from expander.suggest.minilm import english_encoder
from expander.suggest.onnxrun import release_freed_memory
from expander.suggest.tfidf import CentroidIndex
from expander.suggest.vector_cache import (
    CachedEncoder,
    cache_dir,
    encode_with_cache,
    forget_cached_vectors,
)

__all__ = [
    "CLASSIFIER_WEIGHT",
    "EMBED_WEIGHT",
    "WORDS_CLASSIFIER_WEIGHT",
    "Embedder",
    "EmbeddingSpace",
    "SnippetText",
    "default_embedder",
    "forget_snippet_vectors",
    "cosine_floor",
    "language_encoders",
    "query_vector",
    "snippet_vectors",
    "whole_passages",
]

EMBED_WEIGHT = 2 / 3
"""The semantic score's share of the blend with the lexical one."""
CLASSIFIER_WEIGHT = 0.2
"""The share of the softmax classifier's probability, where one is trained."""
WORDS_CLASSIFIER_WEIGHT = 0.1
"""The share of the naive Bayes classifier's probability, where one is trained."""
NEAREST_BACKGROUND_FACTOR = 1.0
"""How much of the typical lift that examples lent by the bundled packs give a
borrowing snippet's nearest-text cosine (:meth:`EmbeddingSpace.nearest_background`)
is taken off it. Chosen (per-snippet lifts, session 9) on bench/packs/manager
with 30 % of its snippets' lenders taken away, as for a team's own questions,
over tests/data/emails, emails_holdout and emails_blind (3 draws): those
snippets' e-mails, top-1 61.4 -> 67.0 % (0.5: 63.7, 1.5: 69.6, 2: 70.5), the
borrowers' 89.2 -> 89.6 (1.5: 88.7, 2: 87.6). With the one typical lift: 66.4
and 88.8; every lender: unchanged."""
_BACKGROUND_TEXTS = 256
"""Texts of the space (evenly spread) that measure the lift (512 gave the same
figures above)."""


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors (one row per text)."""

    def encode(self, texts: list[str]) -> Any: ...


def default_embedder() -> Embedder | None:
    """The multilingual sentence encoder (e5), loaded once per process; None
    when it cannot run here (the suggester then ranks on words alone)."""
    return multilingual_encoder()


def query_vector(embedder: Embedder, text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The vector of a query (an e-mail): encoders trained with a query prefix
    (e5: ``encode_queries``) embed it as a query, the others as any text."""
    encode = getattr(embedder, "encode_queries", embedder.encode)
    return np.asarray(np.asarray(encode([text]))[0], dtype=np.float32)


def cosine_floor(embedder: Embedder) -> float:
    """The cosine an encoder gives unrelated texts, mapped to 0 in the blend
    (see :data:`expander.suggest.e5.E5Encoder.cosine_floor`); 0 for the others."""
    return float(getattr(embedder, "cosine_floor", 0.0))


def whole_passages(embedder: Embedder) -> bool:
    """Whether the encoder embeds a snippet's title, keywords and body as one
    passage (e5, trained on such passages) rather than each on its own."""
    return bool(getattr(embedder, "whole_passages", False))


def language_encoders() -> dict[str, Embedder]:
    """The encoders, per language of snippets, that go with the default
    multilingual one: the bundled English encoder when it loads."""
    english = english_encoder()
    return {"en": english} if english is not None else {}


@dataclass(frozen=True, slots=True)
class SnippetText:
    """One text of a snippet in the index: its title, keywords, an example or its body."""

    text: str
    owner: int  # the snippet's index in the suggester
    weight: float  # in the snippet's lexical centroid
    kind: str  # "title", "keywords", "example", "body" or "passage" (embedded only)
    learned: bool = False  # an example learned from an accepted reply (a masked e-mail)
    lent: bool = False  # an example lent by the bundled packs

    def embedded_by(self, embedder: Embedder) -> bool:
        """Whether ``embedder`` embeds this text: title, keywords, body and
        examples each on its own, or (:func:`whole_passages`) examples and one
        passage. The body counts: a team's own pack has no examples, and the
        reply's words are then the best clue to what it answers (English
        e-mails, MiniLM, the bundled packs without examples and keywords:
        top-1 on emails_blind 55.0 -> 68.8 %, with the manager packs
        75.0 -> 76.2 %; session 8, bench/UNTUNED.md)."""
        if whole_passages(embedder):
            return self.kind in ("example", "passage")
        return self.kind in ("title", "keywords", "example", "body")


class _VectorCache:
    """The vectors of snippet texts already encoded, per encoder, most recent last.

    The index is rebuilt after each accepted suggestion (a new example) and
    each edit of a pack; with this only the new texts are encoded (the bundled
    packs: 2.3 s -> 0.4 s). Snippet texts and learned examples only, never a
    customer's e-mail being ranked; of these snippet texts go to the cache on
    disk, learned examples only to their own folder when the caller names it.
    Bounded: past ``max_texts`` per encoder the least recently used are dropped.
    """

    def __init__(self, max_texts: int = 20_000) -> None:
        self.max_texts = max_texts
        self._lock = threading.Lock()
        self._by_encoder: weakref.WeakKeyDictionary[Any, OrderedDict[str, Any]] = (
            weakref.WeakKeyDictionary()
        )

    def encode(
        self,
        embedder: Embedder,
        texts: Sequence[str],
        keep: Iterable[str] = (),
        *,
        learned: Iterable[str] = (),
        learned_folder: Path | None = None,
    ) -> np.ndarray[Any, Any]:
        """The vectors of ``texts``; those not in memory are read from the
        encoder's file on disk when it names itself (``keep``: the texts that
        may be written there, see :mod:`expander.suggest.vector_cache`). With
        ``learned_folder``, the ``learned`` examples among them (and not in
        ``keep``) are read from and written to the encoder's file in that folder
        instead; any other text is encoded and kept nowhere."""
        try:
            with self._lock:
                cache = self._by_encoder.setdefault(embedder, OrderedDict())
        except TypeError:  # an encoder that cannot be weakly referenced: no cache
            return np.asarray(embedder.encode(list(texts)), dtype=np.float32)
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            keep = set(keep)
            apart = set(learned) - keep if learned_folder is not None else set()
            fresh = self._encode_missing(embedder, missing, keep, apart, learned_folder)
        with self._lock:
            found = {t: cache[t] for t in texts if t in cache}
            if missing:
                found.update(zip(missing, fresh, strict=True))
                cache.update(zip(missing, fresh, strict=True))
            for text in found:
                cache[text] = found[text]
                cache.move_to_end(text)
            while len(cache) > self.max_texts:
                cache.popitem(last=False)
        return np.stack([found[t] for t in texts]) if texts else np.zeros((0, 0), np.float32)

    @staticmethod
    def _encode_missing(
        embedder: Embedder,
        texts: list[str],
        keep: set[str],
        learned: set[str],
        learned_folder: Path | None,
    ) -> np.ndarray[Any, Any]:
        """``texts`` encoded, or read from the cache files: the snippet texts' (those
        in ``keep`` may be added to it) and, for those in ``learned``, the learned
        examples' in ``learned_folder``."""
        if not isinstance(embedder, CachedEncoder):
            return np.asarray(embedder.encode(texts), dtype=np.float32)
        if not learned:
            return encode_with_cache(embedder, texts, keep)
        rows = {text: row for row, text in enumerate(texts)}
        parts = [
            ([t for t in texts if t not in learned], keep, None),
            ([t for t in texts if t in learned], learned, learned_folder),
        ]
        out: np.ndarray[Any, Any] | None = None
        for part, kept, folder in parts:
            if part:
                encoded = encode_with_cache(embedder, part, kept, folder=folder)
                if out is None:
                    out = np.empty((len(texts), encoded.shape[1]), dtype=np.float32)
                out[[rows[t] for t in part]] = encoded
        assert out is not None
        return out

    def clear(self) -> None:
        with self._lock:
            self._by_encoder.clear()


_SNIPPET_VECTORS = _VectorCache()


def snippet_vectors(embedder: Embedder, texts: Sequence[str]) -> np.ndarray[Any, Any]:
    """The vectors of snippet texts (never an e-mail: they may be kept on disk),
    from memory or the disk cache where encoded before."""
    return _SNIPPET_VECTORS.encode(embedder, texts, keep=texts)


def forget_snippet_vectors() -> None:
    """Drop what is remembered of snippet texts: their vectors, in memory and on
    disk, and the lexical indexes and classifiers on disk. The next index encodes
    every text, fits its lexical indexes and trains its classifiers again
    (benchmarks measure such cold builds)."""
    _SNIPPET_VECTORS.clear()
    forget_cached_vectors()
    forget_cached_indexes()
    forget_cached_classifiers()


class EmbeddingSpace:
    """The snippets one encoder embeds, with their vectors and classifiers.

    English snippets are embedded by the English encoder, the others by the
    multilingual one. A query in English (or of unknown language) is scored
    against English snippets in the English space; a query in another
    language against every snippet in the multilingual one, which matches
    across languages, so the English snippets are embedded there too the
    first time such a query comes. The two encoders' cosines fall in the same
    range (on BANKING77 a query's nearest example has 0.88 and 0.86 on
    average), so the blend keeps its scale.
    """

    def __init__(
        self,
        embedder: Embedder,
        members: np.ndarray[Any, np.dtype[np.bool_]],
        vectors: np.ndarray[Any, np.dtype[np.float32]],
        owners: np.ndarray[Any, np.dtype[np.int64]],
        lent: np.ndarray[Any, np.dtype[np.bool_]] | None = None,
    ) -> None:
        self.embedder = embedder
        self.members = members
        self.vectors = vectors  # one row per embedded text, grouped by owner
        n = len(members)
        centroids = np.zeros((n, vectors.shape[1]), dtype=np.float32)
        np.add.at(centroids, owners, vectors)
        norms = np.linalg.norm(centroids, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        self.centroids = centroids / norms
        self.present = np.unique(owners)
        self.starts = np.searchsorted(owners, self.present)
        self.background = self.nearest_background(owners, lent)  # per snippet
        self.classifiers: list[tuple[Any, SoftmaxClassifier, NaiveBayes]] = []

    def nearest_background(
        self,
        owners: np.ndarray[Any, np.dtype[np.int64]],
        lent: np.ndarray[Any, np.dtype[np.bool_]] | None,
    ) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Per snippet, what :meth:`blend` takes off its nearest text's cosine:
        for each snippet with texts marked in ``lent`` (examples lent by the
        bundled packs), the typical lift they give it (the median, over those
        snippets, of how much they raise its nearest text's cosine for texts of
        other snippets, on average), times :data:`NEAREST_BACKGROUND_FACTOR`;
        0 for the others. The best of many texts scores high for any e-mail: a
        snippet that borrowed outranked one with only its title, keywords and
        body on that one's own e-mails (top-1 75.4 -> 61.4 % on the development
        e-mails, bench/bench_lending.py). One figure for all of them, so that
        the borrowers keep their order among themselves: each one's own lift
        re-ranked them as well, and a pack whose every snippet borrowed lost
        Russian top-1 on the blind e-mails (83.3 -> 76.7 % with
        bench/packs/manager2). Not for a pack's own examples or learned ones:
        correcting those cost the bundled packs confident answers (Russian,
        238 -> 219 of 327 at the same wrong ones), and an accepted reply is to
        lift its snippet."""
        background = np.zeros(len(self.members), dtype=np.float64)
        n_texts = len(self.vectors)
        if lent is None or not lent.any() or not NEAREST_BACKGROUND_FACTOR:
            return background
        rows = np.unique(np.linspace(0, n_texts - 1, min(n_texts, _BACKGROUND_TEXTS)).astype(int))
        probes, probe_owners = self.vectors[rows], owners[rows]
        ends = np.append(self.starts[1:], n_texts)
        raised = np.zeros(len(self.present), dtype=np.float64)
        for first in range(0, len(self.present), 256):  # a few MB at 10,000 snippets
            last = min(first + 256, len(self.present))
            start, end = int(self.starts[first]), int(ends[last - 1])
            sims = self.vectors[start:end] @ probes.T
            starts = self.starts[first:last] - start
            nearest = np.maximum.reduceat(sims, starts, axis=0)
            own_texts = np.maximum.reduceat(
                np.where(lent[start:end, None], np.float32(-1), sims), starts, axis=0
            )
            others = self.present[first:last, None] != probe_owners[None, :]
            gain = np.where(own_texts > -1.0, nearest - own_texts, 0.0) * others
            raised[first:last] = gain.sum(axis=1) / np.maximum(others.sum(axis=1), 1)
        borrowers = np.zeros(len(self.members), dtype=bool)
        borrowers[owners[lent]] = True
        typical = float(np.median(raised[borrowers[self.present]]))
        background[borrowers] = NEAREST_BACKGROUND_FACTOR * typical
        return background

    @classmethod
    def build(
        cls,
        embedder: Embedder,
        members: np.ndarray[Any, np.dtype[np.bool_]],
        docs: Sequence[SnippetText],
        languages: Sequence[str],
        words: CentroidIndex,
        train: Iterable[str],
        *,
        lift_off: bool = True,
        learned_folder: Path | None = None,
    ) -> EmbeddingSpace:
        """The space of ``members`` (a mask over all snippets) embedding
        ``docs`` with ``embedder``, with classifiers for the languages in
        ``train`` (see :meth:`train_classifiers`); with ``lift_off`` the
        lift of examples lent is taken off (:meth:`nearest_background`).
        ``learned_folder``: where learned examples' vectors may be kept."""
        docs = sorted(docs, key=lambda d: d.owner)
        unique = list(dict.fromkeys(d.text for d in docs))  # each text is encoded once
        row_of = {text: row for row, text in enumerate(unique)}
        keep = [d.text for d in docs if not d.learned]  # never a (masked) e-mail in the cache
        learned = [d.text for d in docs if d.learned]  # only beside the learned examples
        encoded = _SNIPPET_VECTORS.encode(
            embedder, unique, keep, learned=learned, learned_folder=learned_folder
        )
        vectors = encoded[[row_of[d.text] for d in docs]]
        owners = np.asarray([d.owner for d in docs], dtype=np.int64)
        lent = np.asarray([d.lent for d in docs], dtype=bool)
        space = cls(embedder, members, vectors, owners, lent if lift_off else None)
        space.train_classifiers(docs, languages, words, set(train))
        # its garbage (vectors read, the classifiers' training) given back before the
        # next space piles its own on it: the bundled packs' build peaked 2 MB lower
        release_freed_memory()
        return space

    def train_classifiers(
        self,
        docs: Sequence[SnippetText],
        languages: Sequence[str],
        words: CentroidIndex,
        train: set[str],
    ) -> None:
        """One classifier per language in ``train``, where there are examples enough.

        Per language, because translations of one reply are near-duplicates to
        a multilingual classifier: trained together, it would learn to tell
        languages apart rather than requests. Which language wins is left to
        the language preference, as without a classifier.

        Kept on disk where :meth:`classifier_folder` says, one file per
        language, and read back by a later index with the same inputs (the
        bundled packs: 0.2-0.27 s of training spared at every start); this space's
        encoder's files there for languages it no longer trains are deleted.
        """
        doc_languages = np.asarray([languages[d.owner] for d in docs])
        owners = np.asarray([d.owner for d in docs])
        examples = np.asarray([d.kind == "example" for d in docs])
        folder = self.classifier_folder(docs, words)
        embedder = self.embedder
        encoder = embedder.cache_identity[0] if isinstance(embedder, CachedEncoder) else ""
        kept: list[str] = []
        for language in sorted(train & {languages[int(i)] for i in np.flatnonzero(self.members)}):
            members = self.members & np.asarray([lang == language for lang in languages])
            rows = doc_languages == language
            if not worth_training(int(rows.sum()), int(examples[rows].sum()), int(members.sum())):
                continue
            label_of = np.cumsum(members) - 1  # snippet index -> class within the language
            classifier, naive_bayes = trained(
                encoder,
                language,
                self.vectors[rows],
                label_of[owners[rows]],
                int(members.sum()),
                [words.centroids[i] for i in np.flatnonzero(members)],
                folder=folder,
            )
            self.classifiers.append((members, classifier, naive_bayes))
            kept.append(language)
        if folder is not None and train:
            keep_only_classifiers(folder, encoder, kept)

    def classifier_folder(self, docs: Sequence[SnippetText], words: CentroidIndex) -> Path | None:
        """Where this space's classifiers, trained on ``docs`` and ``words``, may be
        kept: where ``words`` may be (:func:`~expander.suggest.index_cache.kept_in`:
        the cache folder only when every text of the index is a pack's, else the
        learned examples' own folder), for an encoder that names itself; never the
        cache folder with a learned example among ``docs``. None keeps nothing."""
        folder = kept_in(words)
        if folder is None or not isinstance(self.embedder, CachedEncoder):
            return None
        if any(d.learned for d in docs) and folder.resolve() == cache_dir().resolve():
            return None
        return folder

    def blend(
        self,
        q: np.ndarray[Any, np.dtype[np.float32]],
        word_query: Mapping[int, float],
        scores: np.ndarray[Any, np.dtype[np.float64]],
        only: np.ndarray[Any, np.dtype[np.bool_]],
        unaided: np.ndarray[Any, np.dtype[np.bool_]] | None = None,
    ) -> None:
        """Blend this space's semantic score for the query vector ``q`` into
        ``scores`` (lexical) of its snippets that ``only`` (a mask over all
        snippets) keeps, with the encoder's ``embed_weight`` (by default
        :data:`EMBED_WEIGHT`). The snippets in ``unaided`` (a mask) keep that
        blend where the classifiers' share would lower it, for this query (see
        ``Suggester.scores``)."""
        sims = self.vectors @ q
        nearest = np.zeros(len(self.members), dtype=np.float64)
        nearest[self.present] = np.maximum.reduceat(sims, self.starts)
        nearest -= self.background
        semantic = 0.5 * nearest + 0.5 * (self.centroids @ q)
        floor = cosine_floor(self.embedder)
        if floor:
            semantic = (semantic - floor) / (1 - floor)
        members = self.members & only
        weight = float(getattr(self.embedder, "embed_weight", EMBED_WEIGHT))
        scores[members] = weight * np.clip(semantic[members], 0, 1) + (1 - weight) * scores[members]
        for language_members, classifier, naive_bayes in self.classifiers:
            if (language_members & ~only).any():
                continue  # those snippets are scored in another space
            blended = scores[language_members]
            mixed = (
                (1 - CLASSIFIER_WEIGHT - WORDS_CLASSIFIER_WEIGHT) * blended
                + CLASSIFIER_WEIGHT * classifier.probabilities(q)
                + WORDS_CLASSIFIER_WEIGHT * naive_bayes.probabilities(word_query)
            )
            if unaided is not None:  # the classifiers may lift them, never lower them
                lifted = np.maximum(blended, mixed)
                mixed = np.where(unaided[language_members], lifted, mixed)
            scores[language_members] = mixed
