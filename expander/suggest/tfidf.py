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
import operator
from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any, SupportsIndex, overload

import numpy as np

from expander.suggest.onnxrun import release_freed_memory
from expander.suggest.vocabulary import Vocabulary

__all__ = [
    "CentroidIndex",
    "Featurize",
    "PackedRows",
    "PackedCounts",
    "Postings",
    "SparseVector",
    "TfIdf",
    "cosine",
    "similarity_matrix",
    "unit",
]

Featurize = Callable[[str, str | None], list[str]]
SparseVector = dict[int, float]

_REMEMBERED = 2048
"""Features a vocabulary answers from a dict: the ones looked up lately, and as
many before them (at most 0.5 MB). Over BANKING77's queries 11 % of the
character n-grams and 29 % of the words (mostly ones it has not) are looked
up in its arrays then."""


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
        self,
        featurize: Featurize,
        vocab: Mapping[str, int] | Vocabulary,
        idf: np.ndarray[Any, Any],
    ) -> None:
        self.featurize = featurize
        # packed: the bundled packs' features took 10 MB as a dict (see Vocabulary)
        self.vocab = (
            vocab if isinstance(vocab, Vocabulary) else Vocabulary(vocab, remember=_REMEMBERED)
        )
        self.idf = idf

    @property
    def names(self) -> Vocabulary:
        """Feature id -> feature."""
        return self.vocab

    @classmethod
    def fit(
        cls, featurize: Featurize, docs: Sequence[str], languages: Sequence[str | None]
    ) -> tuple[TfIdf, list[dict[int, int]]]:
        """The model fitted on ``docs`` (each in the language beside it, None
        to detect it), and each document's feature counts by feature id."""
        model, counts = cls.fit_packed(featurize, docs, languages)
        return model, [counts.of(i) for i in range(len(docs))]

    @classmethod
    def fit_packed(
        cls, featurize: Featurize, docs: Sequence[str], languages: Sequence[str | None]
    ) -> tuple[TfIdf, PackedCounts]:
        """:meth:`fit`, the counts packed in two flat arrays (:class:`PackedCounts`).

        A feature's text is kept once, in the vocabulary: counted by text per
        document, the bundled packs' character n-grams took 120 MB while the
        index was built (and the heap stayed that large after). By id, a dict
        per document, they still took 22 MB for a moment: packed into two
        arrays instead (see :class:`CentroidIndex`)."""
        vocab: dict[str, int] = {}
        counts = PackedCounts()
        df = array("q")  # feature id -> documents with it
        for doc, lang in zip(docs, languages, strict=True):
            doc_counts: dict[int, int] = {}
            for f in featurize(doc, lang):
                fid = vocab.setdefault(f, len(vocab))
                doc_counts[fid] = doc_counts.get(fid, 0) + 1
            df.extend(repeat(0, len(vocab) - len(df)))
            for fid in doc_counts:
                df[fid] += 1
            counts.add(doc_counts)
        n_docs = max(1, len(docs))
        idf = np.zeros(len(vocab), dtype=np.float64)
        for fid, d in enumerate(df):
            if d:
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
        ids = self.vocab.ids(list(counts))
        by_id = {fid: n for fid, n in zip(ids, counts.values(), strict=True) if fid is not None}
        return self.weigh_ids(by_id)

    def weigh_ids(self, counts: Mapping[int, int]) -> SparseVector:
        """:meth:`weigh` for counts by feature id (all in the vocabulary)."""
        return unit({fid: (1 + math.log(n)) * float(self.idf[fid]) for fid, n in counts.items()})

    def vector(self, text: str, language: str | None = None) -> SparseVector:
        """The unit vector of ``text``; ``language`` None means detect it."""
        return self.weigh(_counts(self.featurize, text, language))


class PackedCounts:
    """Each document's feature counts, by feature id, in two flat arrays in the
    order the features first came in the document (a dict's order)."""

    def __init__(self) -> None:
        self.ids = array("i")  # 4 bytes: feature ids and counts stay far below 2**31
        self.counts = array("i")
        self.ends = array("q")

    def add(self, counts: Mapping[int, int]) -> None:
        self.ids.extend(counts.keys())
        self.counts.extend(counts.values())
        self.ends.append(len(self.ids))

    def of(self, doc: int) -> dict[int, int]:
        """Document ``doc``'s counts, as :meth:`TfIdf.fit` gives them."""
        start = self.ends[doc - 1] if doc else 0
        end = self.ends[doc]
        return dict(zip(self.ids[start:end], self.counts[start:end], strict=True))


def _counts(featurize: Featurize, text: str, language: str | None) -> dict[str, int]:
    # Counter counts in C, in the order the features first come (a dict's order)
    return Counter(featurize(text, language))


class Postings:
    """Sparse rows, inverted (feature -> rows), to take the dot product of one
    query with every row at once."""

    def __init__(self, rows: Sequence[Mapping[int, float]], n_features: int) -> None:
        self._pack([_row_arrays(row) for row in rows], n_features)

    @classmethod
    def from_arrays(
        cls, rows: Sequence[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]], n_features: int
    ) -> Postings:
        """The postings of rows given as (feature ids, values) arrays (:func:`_row_arrays`)."""
        postings = cls.__new__(cls)
        postings._pack(rows, n_features)
        return postings

    def _pack(
        self, rows: Sequence[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]], n_features: int
    ) -> None:
        # every (feature, row, value), sorted by feature with a stable sort: each
        # feature's rows stay in row order (numpy: 4x faster than grouping in Python).
        # From arrays, not Python lists of every value: the bundled packs' character
        # n-grams peaked 10 MB higher so.
        lengths = np.asarray([len(ids) for ids, _ in rows], dtype=np.int64)
        feature_ids = np.concatenate([ids for ids, _ in rows]) if rows else np.zeros(0, np.int64)
        order = np.argsort(feature_ids, kind="stable")
        # rows and features fit 32 bits (a suggestion indexes with them): half the memory
        self.indices = np.repeat(np.arange(len(rows), dtype=np.int32), lengths)[order]
        values = np.concatenate([v for _, v in rows]) if rows else np.zeros(0, np.float64)
        self.data = values[order]
        self.indptr = np.zeros(n_features + 1, dtype=np.int64)
        np.cumsum(np.bincount(feature_ids, minlength=n_features), out=self.indptr[1:])
        self.n = len(rows)

    def scores(self, query: Mapping[int, float]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The dot product of ``query`` with each row.

        Every posting of the query's features at once, each row's products
        summed in the query's order (``bincount`` adds them one by one, as a
        loop over the features did: the same sums to the last bit). A loop
        indexing the rows with 32-bit ids took twice as long (numpy converts
        them at each step); this takes a third of its time."""
        if not query:  # bincount of nothing counts in integers
            return np.zeros(self.n, dtype=np.float64)
        fids = np.fromiter(query.keys(), dtype=np.int64, count=len(query))
        weights = np.fromiter(query.values(), dtype=np.float64, count=len(query))
        starts = self.indptr[fids]
        lengths = self.indptr[fids + 1] - starts
        # each posting's place: its feature's first, plus its rank among the feature's
        at = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        at += np.arange(len(at))
        products = self.data[at] * np.repeat(weights, lengths)
        sums = np.bincount(self.indices[at], weights=products, minlength=self.n)
        return np.asarray(sums, dtype=np.float64)  # float64 already: no copy


class PackedRows(Sequence[SparseVector]):
    """Sparse rows kept as arrays, each given back as the dict it was (the same
    ids, values and order) when asked for: the bundled packs' word centroids
    took 3.6 MB as dicts (a float and an int object an entry), 0.5 MB so."""

    def __init__(self) -> None:
        self._rows: list[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]] = []

    def append(self, row: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]) -> None:
        ids, values = row
        self._rows.append((ids.astype(np.int32), values))

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: SupportsIndex) -> SparseVector: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[SparseVector]: ...
    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        ids, values = self._rows[operator.index(index)]
        return dict(zip(ids.tolist(), values.tolist(), strict=True))


def _row_arrays(
    row: Mapping[int, float],
) -> tuple[np.ndarray[Any, np.dtype[np.int64]], np.ndarray[Any, np.dtype[np.float64]]]:
    """A sparse row's feature ids and values, in its order."""
    ids = np.fromiter(row.keys(), dtype=np.int64, count=len(row))
    return ids, np.fromiter(row.values(), dtype=np.float64, count=len(row))


def _joined(parts: Sequence[np.ndarray[Any, Any]], dtype: Any) -> np.ndarray[Any, Any]:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


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
        self.model, counts = TfIdf.fit_packed(featurize, docs, languages)
        # one group at a time, its documents in their order (the same sums, added in
        # the same order, as over all groups at once): only the groups' postings stay
        # (and their centroids with ``keep_centroids``). With every document's counts
        # and every group's sum and unit vector held at once, as dicts, and the
        # postings made from lists, the bundled packs' character n-grams took Python
        # objects to 48 MB above where they started (tracemalloc); so, 19 MB. The
        # app's build peak went from 205 to 186 MiB with this alone.
        docs_of: list[list[int]] = [[] for _ in range(n_groups)]
        for i, owner in enumerate(owners):
            docs_of[owner].append(i)
        rows = []
        self.centroids = PackedRows()
        for group in docs_of:
            centroid: dict[int, float] = {}
            for i in group:
                for fid, value in self.model.weigh_ids(counts.of(i)).items():
                    centroid[fid] = centroid.get(fid, 0.0) + weights[i] * value
            rows.append(_row_arrays(unit(centroid)))
            if keep_centroids:  # not unit length: the groups' weighted sums
                self.centroids.append(_row_arrays(centroid))
        del counts
        self.postings = Postings.from_arrays(rows, len(self.model.vocab))
        # the n-grams counted and weighed are garbage now: given back before the next
        # part of an index build piles its own on them (the bundled packs' build
        # peaked at 175 MiB instead of 182; a few ms)
        release_freed_memory()

    @property
    def names(self) -> Vocabulary:
        return self.model.names

    def to_arrays(self) -> dict[str, np.ndarray[Any, Any]]:
        """The fitted index as flat arrays (:meth:`from_arrays` takes them back):
        what the index cache on disk keeps (:mod:`expander.suggest.index_cache`)."""
        text, bounds = self.model.vocab.packed()
        rows = self.centroids._rows
        return {
            "features": np.frombuffer(text.encode("utf-8"), dtype=np.uint8),
            "bounds": bounds,
            "idf": np.asarray(self.model.idf, dtype=np.float64),
            "indices": self.postings.indices,
            "data": self.postings.data,
            "indptr": self.postings.indptr,
            "groups": np.asarray([self.postings.n], dtype=np.int64),
            "centroid_ids": _joined([ids for ids, _ in rows], np.int32),
            "centroid_values": _joined([values for _, values in rows], np.float64),
            "centroid_ends": np.cumsum([len(ids) for ids, _ in rows], dtype=np.int64),
        }

    @classmethod
    def from_arrays(
        cls, featurize: Featurize, arrays: Mapping[str, np.ndarray[Any, Any]]
    ) -> CentroidIndex:
        """The index :meth:`to_arrays` gave, scoring as it did (the same arrays).
        ValueError (or KeyError) when the arrays do not fit together."""
        vocab = Vocabulary.from_packed(
            bytes(arrays["features"]).decode("utf-8"), arrays["bounds"], remember=_REMEMBERED
        )
        idf = np.asarray(arrays["idf"], dtype=np.float64)
        indptr = np.asarray(arrays["indptr"], dtype=np.int64)
        indices = np.asarray(arrays["indices"], dtype=np.int32)
        data = np.asarray(arrays["data"], dtype=np.float64)
        (n_groups,) = arrays["groups"].tolist()
        ends = np.asarray(arrays["centroid_ends"], dtype=np.int64)
        ids = np.asarray(arrays["centroid_ids"], dtype=np.int32)
        values = np.asarray(arrays["centroid_values"], dtype=np.float64)
        if not (len(idf) == len(vocab) == len(indptr) - 1 and indptr[0] == 0):
            raise ValueError("the vocabulary, its weights and its postings differ in size")
        if indptr[-1] != len(indices) or len(indices) != len(data) or np.any(np.diff(indptr) < 0):
            raise ValueError("the postings do not fit together")
        if len(indices) and not 0 <= int(indices.min()) <= int(indices.max()) < n_groups:
            raise ValueError("a posting names a group the index does not have")
        if len(ends) not in (0, n_groups) or len(ids) != len(values):
            raise ValueError("the centroids do not fit together")
        if len(ends) and (ends[-1] != len(ids) or np.any(np.diff(ends) < 0)):
            raise ValueError("the centroids do not fit together")
        if len(ids) and not 0 <= int(ids.min()) <= int(ids.max()) < len(vocab):
            raise ValueError("a centroid names a feature the vocabulary does not have")
        index = cls.__new__(cls)
        index.model = TfIdf(featurize, vocab, idf)
        index.postings = Postings.__new__(Postings)
        index.postings.indices, index.postings.data = indices, data
        index.postings.indptr, index.postings.n = indptr, int(n_groups)
        index.centroids = PackedRows()
        starts = [0, *ends.tolist()]
        for start, end in zip(starts, starts[1:], strict=False):
            index.centroids.append((ids[start:end], values[start:end]))
        return index

    def query(self, text: str, language: str | None = None) -> SparseVector:
        """The unit vector of a query; ``language`` None means detect it."""
        return self.model.vector(text, language)

    def scores(self, query: Mapping[int, float]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """The cosine of ``query`` with each group's centroid."""
        return self.postings.scores(query)
