"""A fitted TF-IDF vocabulary (feature -> id) packed into a few arrays.

As a dict the bundled packs' 78,600 features (character n-grams, stems and
stem bigrams) took 10 MB that the app kept for good: a string object for each
feature, an int object for each id and the dict's tables. Packed, the features
are one string and their ids are found through a sorted table of their
hashes: 2.4 MB. The sentence encoders' tokenizers keep their pieces so too
(e5's 46,730: 6.7 MB as a dict, 1.7 MB packed; MiniLM's 30,522: 3.4 and 0.8
MB). A lookup goes many features at a time (:meth:`Vocabulary.ids`): a query's,
or every candidate piece of a text's words; a few at a time by bisection in
Python; and the TF-IDF's remember the features looked up lately in a small dict
(a query shares most of its features with the ones before it).
"""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any, Generic, TypeVar, overload

import numpy as np

__all__ = ["RecentItems", "Vocabulary"]

_SORT_FIRST = 32
"""Features looked up at once above which their hashes are sorted first: the
search of 1,700 (a 2 KB e-mail's character n-grams) took a third as long."""
_FEW = 8
"""Features looked up at once up to which each is looked up alone (bisection in
Python); above, all at once with numpy."""
K = TypeVar("K")
V = TypeVar("V")
_UNSEEN: Any = object()
"""Not looked up lately (None: looked up, not in the vocabulary)."""


class Vocabulary(Sequence[str]):
    """The features of a fitted model: ``vocabulary[fid]`` is a feature,
    :meth:`get` and :meth:`ids` give features' ids. Immutable.

    A feature is found by its ``hash()`` (the process's own: the table is never
    saved) and then compared whole, so two features with the same hash are
    still told apart."""

    def __init__(self, ids: Mapping[str, int], *, remember: int = 0) -> None:
        """``remember``: how many features looked up lately :meth:`ids` keeps in
        a dict (and as many before those), 0 for none. Immutable all the same."""
        self._recent: RecentItems[str, int | None] | None = (
            RecentItems(remember) if remember else None
        )
        features = list(ids)
        if not all(map(operator.eq, ids.values(), range(len(features)))):
            features.sort(key=ids.__getitem__)  # a fitted dict is in id order already
            if [ids[f] for f in features] != list(range(len(features))):
                raise ValueError("feature ids must run from 0 without gaps")
        self._pack(features)

    @classmethod
    def of_features(cls, features: Sequence[str], *, remember: int = 0) -> Vocabulary:
        """The vocabulary of distinct ``features``, each's id its place: a
        tokenizer's pieces, read in order, without a dict made of them first."""
        vocabulary = cls({}, remember=remember)
        vocabulary._pack(list(features))
        return vocabulary

    @classmethod
    def from_packed(
        cls, text: str, bounds: np.ndarray[Any, Any], *, remember: int = 0
    ) -> Vocabulary:
        """The vocabulary :meth:`packed` gave (its hash table made again: the
        process's ``hash()`` differs from the one that packed it). ValueError
        when the bounds do not cut ``text`` into features."""
        ends = np.asarray(bounds, dtype=np.int64)
        if ends.ndim != 1 or not len(ends) or ends[0] != 0 or ends[-1] != len(text):
            raise ValueError("the feature bounds do not span the features' text")
        if np.any(np.diff(ends) < 0):
            raise ValueError("the feature bounds go backwards")
        cuts = ends.tolist()
        features = list(map(text.__getitem__, map(slice, cuts, cuts[1:])))
        return cls.of_features(features, remember=remember)

    def packed(self) -> tuple[str, np.ndarray[Any, np.dtype[np.int64]]]:
        """Every feature in id order, joined, and where each starts (and the last
        ends): what :meth:`from_packed` takes."""
        return self._text, np.asarray(self._bounds, dtype=np.int64)

    def _pack(self, features: list[str]) -> None:
        self._text = "".join(features)
        wide = len(self._text) >= 2**31 or len(features) >= 2**31  # never, in practice
        # 32 bits: 0.6 MB less for the bundled packs
        code, offsets = ("q", np.int64) if wide else ("i", np.int32)
        lengths = np.fromiter(map(len, features), dtype=np.int64, count=len(features))
        hashes = np.fromiter(map(hash, features), dtype=np.int64, count=len(features))
        by_hash = np.argsort(hashes, kind="stable")  # feature ids in hash order
        # Each table is kept once, as a Python array (bisect searches it for a
        # few features, see _look_up_one) seen by numpy without a copy (the many).
        # Feature fid is self._text[self._bounds[fid] : self._bounds[fid + 1]].
        self._bound_list = _array(code, np.concatenate([[0], np.cumsum(lengths)]), offsets)
        self._fid_list = _array(code, by_hash, offsets)
        self._hash_list = _array("q", hashes[by_hash], np.int64)
        self._bounds: np.ndarray[Any, Any] = np.frombuffer(self._bound_list, offsets)
        self._by_hash: np.ndarray[Any, Any] = np.frombuffer(self._fid_list, offsets)
        self._hashes: np.ndarray[Any, Any] = np.frombuffer(self._hash_list, np.int64)

    def __len__(self) -> int:
        return len(self._by_hash)

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
        return self._text[int(self._bounds[fid]) : int(self._bounds[fid + 1])]

    def __iter__(self) -> Iterator[str]:
        return map(
            self._text.__getitem__,
            map(slice, self._bounds[:-1].tolist(), self._bounds[1:].tolist()),
        )

    def __contains__(self, feature: object) -> bool:
        return isinstance(feature, str) and self.get(feature) is not None

    def get(self, feature: str) -> int | None:
        """The id of ``feature``, or None when it is not in the vocabulary."""
        return self.ids([feature])[0]

    def ids(self, features: Sequence[str]) -> list[int | None]:
        """The id of each of ``features`` (None where one is not in the vocabulary).

        With ``remember`` the features looked up lately are answered from a dict
        (a query shares most of its features with the ones before it), and only
        the others looked up in the arrays."""
        recent = self._recent
        if recent is None:
            return self._look_up(features)
        found = recent.all_of(features)
        if found is not None:
            return found
        known, new = recent.split(features)
        if new:
            looked_up = dict(zip(new, self._look_up(new), strict=True))
            known.update(looked_up)
            recent.add(looked_up)
        return [known[feature] for feature in features]

    def _look_up(self, features: Sequence[str]) -> list[int | None]:
        """:meth:`ids` in the arrays.

        A call costs a dozen numpy calls however many features it looks up, and
        then each feature found is compared with the vocabulary's text in place
        (its length, then ``str.startswith``: no string made): give it a query's
        features or every candidate piece of a text at once, not one by one."""
        if len(features) <= _FEW:
            return [self._look_up_one(feature) for feature in features]
        found: list[int | None] = [None] * len(features)
        if not len(self):
            return found
        hashes = np.fromiter(map(hash, features), dtype=np.int64, count=len(features))
        if len(hashes) > _SORT_FIRST:  # numpy searches sorted keys from the last one found
            order = hashes.argsort()
            at = np.empty_like(order)
            at[order] = self._hashes.searchsorted(hashes[order])
        else:
            at = self._hashes.searchsorted(hashes)
        # a hash above every one is searched past the end: clipped to the last, no hit
        hit = np.flatnonzero(self._hashes.take(at, mode="clip") == hashes)
        if not len(hit):
            return found
        fids = self._by_hash[at[hit]]
        starts = self._bounds[fids]
        hits, fid_list, start_list = hit.tolist(), fids.tolist(), starts.tolist()
        wanted = list(map(features.__getitem__, hits))
        lengths = (self._bounds[fids + 1] - starts).tolist()
        if list(map(len, wanted)) == lengths and all(
            map(self._text.startswith, wanted, start_list)
        ):  # the usual case: each hash found is its feature's
            for i, fid in zip(hits, fid_list, strict=True):
                found[i] = fid
            return found
        for i, fid, feature, start, length in zip(
            hits, fid_list, wanted, start_list, lengths, strict=True
        ):
            if len(feature) == length and self._text.startswith(feature, start):
                found[i] = fid
            else:  # another feature with the same hash: look at the others that share it
                found[i] = self._look_up_one(feature)
        return found

    def _look_up_one(self, feature: str) -> int | None:
        """One feature's id, found by bisection in Python: a few features take
        less so than the dozen numpy calls of a look-up of many (each 1 us)."""
        hashes, wanted = self._hash_list, hash(feature)
        at = bisect_left(hashes, wanted)
        while at < len(hashes) and hashes[at] == wanted:
            fid = self._fid_list[at]
            start = self._bound_list[fid]
            if self._bound_list[fid + 1] - start == len(feature) and self._text.startswith(
                feature, start
            ):
                return fid
            at += 1  # another feature with the same hash
        return None


def _array(code: str, values: np.ndarray[Any, Any], dtype: Any) -> array[int]:
    """``values`` as a Python array of type ``code`` (of numpy's ``dtype``)."""
    packed = array(code)
    packed.frombytes(np.ascontiguousarray(values, dtype=dtype).tobytes())
    return packed


class RecentItems(Generic[K, V]):
    """The values of the keys used lately, for the tokenizers' words: two
    generations of a dict. When the newer one holds ``size`` keys it becomes
    the older one; a key found in the older one moves back to the newer, so
    the keys still in use stay. At most twice ``size`` keys."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._recent: dict[K, V] = {}
        self._older: dict[K, V] = {}

    def __len__(self) -> int:
        """How many keys it holds, in both generations."""
        return len(self._recent) + len(self._older)

    def all_of(self, keys: Sequence[K]) -> list[V] | None:
        """The values of ``keys`` when every one was used lately (a dict's
        speed), else None."""
        values: list[Any] = list(map(self._recent.get, keys, repeat(_UNSEEN)))
        return None if _UNSEEN in values else values

    def split(self, keys: Sequence[K]) -> tuple[dict[K, V], list[K]]:
        """The values of the distinct ``keys`` used lately, and the others."""
        known: dict[K, V] = {}
        new: list[K] = []
        recent, older = self._recent, self._older
        for key in dict.fromkeys(keys):
            value = recent.get(key, _UNSEEN)
            if value is _UNSEEN:
                value = older.get(key, _UNSEEN)
                if value is _UNSEEN:
                    new.append(key)
                    continue
                recent[key] = value  # still in use: kept when the older ones go
            known[key] = value
        return known, new

    def add(self, items: Mapping[K, V]) -> None:
        """Remember ``items``; the older generation goes when the newer is full."""
        self._recent.update(items)
        if len(self._recent) >= self._size:
            self._older, self._recent = self._recent, {}
