"""TF-IDF over sparse features (numpy only): the one weighting the suggester's
lexical score and the clustering of unanswered e-mails share.

A text's features come from a ``featurize(text, language)`` function (see
:mod:`expander.suggest.features`). Term frequency is sublinear (1 + log n),
inverse document frequency smoothed (log((N + 1) / (df + 1)) + 1), and every
vector has unit length, so the dot product of two vectors is their cosine.
Vectors are ``{feature id: weight}`` dicts: texts share few features.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

__all__ = [
    "CentroidIndex",
    "Featurize",
    "Postings",
    "SparseVector",
    "TfIdf",
    "cosine",
    "similarity_matrix",
    "unit",
]

Featurize = Callable[[str, str | None], list[str]]
SparseVector = dict[int, float]


def unit(vector: Mapping[int, float]) -> SparseVector:
    """``vector`` scaled to length 1 (an empty or zero vector stays as it is)."""
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {fid: v / norm for fid, v in vector.items()}


def cosine(a: Mapping[int, float], b: Mapping[int, float]) -> float:
    """The cosine of two unit vectors (as :meth:`TfIdf.vector` gives)."""
    if len(b) < len(a):
        a, b = b, a
    return sum(weight * b[fid] for fid, weight in a.items() if fid in b)


class TfIdf:
    """A vocabulary and its inverse document frequencies, fitted on documents."""

    def __init__(
        self, featurize: Featurize, vocab: dict[str, int], idf: np.ndarray[Any, Any]
    ) -> None:
        self.featurize = featurize
        self.vocab = vocab
        self.idf = idf
        self.names = list(vocab)  # feature id -> feature (dicts keep insertion order)

    @classmethod
    def fit(
        cls, featurize: Featurize, docs: Sequence[str], languages: Sequence[str | None]
    ) -> tuple[TfIdf, list[dict[int, int]]]:
        """The model fitted on ``docs`` (each in the language beside it, None
        to detect it), and each document's feature counts by feature id.

        A feature's text is kept once, in the vocabulary: counted by text per
        document, the bundled packs' character n-grams took 120 MB while the
        index was built (and the heap stayed that large after)."""
        vocab: dict[str, int] = {}
        counts: list[dict[int, int]] = []
        df: dict[int, int] = {}
        for doc, lang in zip(docs, languages, strict=True):
            doc_counts: dict[int, int] = {}
            for f in featurize(doc, lang):
                fid = vocab.setdefault(f, len(vocab))
                doc_counts[fid] = doc_counts.get(fid, 0) + 1
            for fid in doc_counts:
                df[fid] = df.get(fid, 0) + 1
            counts.append(doc_counts)
        n_docs = max(1, len(docs))
        idf = np.zeros(len(vocab), dtype=np.float64)
        for fid, d in df.items():
            idf[fid] = math.log((n_docs + 1) / (d + 1)) + 1
        return cls(featurize, vocab, idf), counts

    @classmethod
    def fit_transform(
        cls, featurize: Featurize, docs: Sequence[str], languages: Sequence[str | None]
    ) -> tuple[TfIdf, list[SparseVector]]:
        """The model fitted on ``docs`` (as :meth:`fit`), and each document's vector in it."""
        model, counts = cls.fit(featurize, docs, languages)
        return model, [model.weigh_ids(c) for c in counts]

    def weigh(self, counts: Mapping[str, int]) -> SparseVector:
        """The unit vector of a text's feature counts; unknown features are left out."""
        by_id = {fid: n for f, n in counts.items() if (fid := self.vocab.get(f)) is not None}
        return self.weigh_ids(by_id)

    def weigh_ids(self, counts: Mapping[int, int]) -> SparseVector:
        """:meth:`weigh` for counts by feature id (all in the vocabulary)."""
        return unit({fid: (1 + math.log(n)) * float(self.idf[fid]) for fid, n in counts.items()})

    def vector(self, text: str, language: str | None = None) -> SparseVector:
        """The unit vector of ``text``; ``language`` None means detect it."""
        return self.weigh(_counts(self.featurize, text, language))


def _counts(featurize: Featurize, text: str, language: str | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in featurize(text, language):
        counts[f] = counts.get(f, 0) + 1
    return counts


class Postings:
    """Sparse rows, inverted (feature -> rows), to take the dot product of one
    query with every row at once."""

    def __init__(self, rows: Sequence[Mapping[int, float]], n_features: int) -> None:
        # every (feature, row, value), sorted by feature with a stable sort: each
        # feature's rows stay in row order (numpy: 4x faster than grouping in Python)
        features: list[int] = []
        values: list[float] = []
        row_of: list[int] = []
        for row, vec in enumerate(rows):
            features.extend(vec.keys())
            values.extend(vec.values())
            row_of.extend([row] * len(vec))
        feature_ids = np.asarray(features, dtype=np.int64)
        order = np.argsort(feature_ids, kind="stable")
        self.indices = np.asarray(row_of, dtype=np.int64)[order]
        self.data = np.asarray(values, dtype=np.float64)[order]
        self.indptr = np.zeros(n_features + 1, dtype=np.int64)
        np.cumsum(np.bincount(feature_ids, minlength=n_features), out=self.indptr[1:])
        self.n = len(rows)

    def scores(self, query: Mapping[int, float]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The dot product of ``query`` with each row."""
        scores = np.zeros(self.n, dtype=np.float64)
        for fid, weight in query.items():
            start, end = self.indptr[fid], self.indptr[fid + 1]
            if end > start:
                scores[self.indices[start:end]] += weight * self.data[start:end]
        return scores


def similarity_matrix(
    vectors: Sequence[Mapping[int, float]], n_features: int
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """The cosine of every pair of unit vectors (row i, column j: i with j)."""
    postings = Postings(vectors, n_features)
    if not vectors:
        return np.zeros((0, 0), dtype=np.float64)
    return np.stack([postings.scores(vec) for vec in vectors])


class CentroidIndex:
    """Groups of documents (a snippet's title, keywords, examples, body) as
    the weighted sum of their TF-IDF vectors, inverted to score one query
    against every group fast.

    ``owners[i]`` is the group of ``docs[i]`` (0 to ``n_groups - 1``),
    ``weights[i]`` its weight in the group's centroid. ``centroids`` keeps
    each group's vector unless ``keep_centroids=False`` (only scores needed).
    """

    def __init__(
        self,
        featurize: Featurize,
        docs: Sequence[str],
        languages: Sequence[str | None],
        owners: Sequence[int],
        weights: Sequence[float],
        n_groups: int,
        *,
        keep_centroids: bool = True,
    ) -> None:
        self.model, counts = TfIdf.fit(featurize, docs, languages)
        centroids: list[dict[int, float]] = [{} for _ in range(n_groups)]
        for i, (owner, weight) in enumerate(zip(owners, weights, strict=True)):
            vector = self.model.weigh_ids(counts[i])
            counts[i] = {}  # each document's vector in turn, not all at once
            for fid, value in vector.items():
                centroids[owner][fid] = centroids[owner].get(fid, 0.0) + weight * value
        self.postings = Postings([unit(c) for c in centroids], len(self.model.vocab))
        # not unit length: the groups' weighted sums; without ``keep_centroids``
        # only the postings stay (the character n-grams': 4 MB for the bundled packs)
        self.centroids = centroids if keep_centroids else []
        self.names = self.model.names

    def query(self, text: str, language: str | None = None) -> SparseVector:
        """The unit vector of a query; ``language`` None means detect it."""
        return self.model.vector(text, language)

    def scores(self, query: Mapping[int, float]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The cosine of ``query`` with each group's centroid."""
        return self.postings.scores(query)
