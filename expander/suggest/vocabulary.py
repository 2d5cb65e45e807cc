"""A fitted TF-IDF vocabulary (feature -> id) packed into a few arrays.

As a dict the bundled packs' 78,600 features (character n-grams, stems and
stem bigrams) took 10 MB that the app kept for good: a string object for each
feature, an int object for each id and the dict's tables. Packed, the features
are one string and their ids are found through a sorted table of their
hashes: 2.4 MB. The sentence encoders' tokenizers keep their pieces so too
(e5's 46,730: 6.7 MB as a dict, 1.7 MB packed; MiniLM's 30,522: 3.4 and 0.8
MB). A lookup goes many features at a time (:meth:`Vocabulary.ids`): a query's,
or every candidate piece of a text's words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import numpy as np

__all__ = ["Vocabulary"]


class Vocabulary(Sequence[str]):
    """The features of a fitted model: ``vocabulary[fid]`` is a feature,
    :meth:`get` and :meth:`ids` give features' ids. Immutable.

    A feature is found by its ``hash()`` (the process's own: the table is never
    saved) and then compared whole, so two features with the same hash are
    still told apart."""

    def __init__(self, ids: Mapping[str, int]) -> None:
        features = sorted(ids, key=ids.__getitem__)  # a fitted dict is in id order already
        if [ids[f] for f in features] != list(range(len(features))):
            raise ValueError("feature ids must run from 0 without gaps")
        self._text = "".join(features)
        wide = len(self._text) >= 2**31 or len(features) >= 2**31  # never, in practice
        offsets = np.int64 if wide else np.int32  # 32 bits: 0.6 MB less for the bundled packs
        lengths = np.fromiter(map(len, features), dtype=np.int64, count=len(features))
        self._ends: np.ndarray[Any, Any] = np.cumsum(lengths).astype(offsets)
        hashes = np.fromiter(map(hash, features), dtype=np.int64, count=len(features))
        # feature ids in hash order
        self._by_hash: np.ndarray[Any, Any] = np.argsort(hashes, kind="stable").astype(offsets)
        self._hashes = hashes[self._by_hash]

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, fid: int) -> str: ...
    @overload
    def __getitem__(self, fid: slice) -> Sequence[str]: ...
    def __getitem__(self, fid: Any) -> Any:
        if isinstance(fid, slice):
            return [self[i] for i in range(*fid.indices(len(self)))]
        if not -len(self) <= fid < len(self):
            raise IndexError(fid)
        fid %= len(self)
        start = int(self._ends[fid - 1]) if fid else 0
        return self._text[start : int(self._ends[fid])]

    def __iter__(self) -> Iterator[str]:
        start = 0
        for end in self._ends.tolist():
            yield self._text[start:end]
            start = end

    def __contains__(self, feature: object) -> bool:
        return isinstance(feature, str) and self.get(feature) is not None

    def get(self, feature: str) -> int | None:
        """The id of ``feature``, or None when it is not in the vocabulary."""
        return self.ids([feature])[0]

    def ids(self, features: Sequence[str]) -> list[int | None]:
        """The id of each of ``features`` (None where one is not in the vocabulary)."""
        found: list[int | None] = [None] * len(features)
        if not features or not len(self):
            return found
        hashes = np.fromiter(map(hash, features), dtype=np.int64, count=len(features))
        at = np.minimum(np.searchsorted(self._hashes, hashes), len(self) - 1)
        hit = np.flatnonzero(self._hashes[at] == hashes)
        if not len(hit):
            return found
        fids = self._by_hash[at[hit]]
        starts = np.where(fids > 0, self._ends[fids - 1], 0)
        text = self._text
        for i, first, fid, start, end in zip(
            hit.tolist(),
            at[hit].tolist(),
            fids.tolist(),
            starts.tolist(),
            self._ends[fids].tolist(),
            strict=True,
        ):
            if text[start:end] == features[i]:
                found[i] = fid
            else:  # another feature with the same hash: look at the others that share it
                found[i] = self._among_same_hash(features[i], first)
        return found

    def _among_same_hash(self, feature: str, first: int) -> int | None:
        at = first + 1
        while at < len(self) and self._hashes[at] == self._hashes[first]:
            fid = int(self._by_hash[at])
            if self[fid] == feature:
                return fid
            at += 1
        return None
