"""The packed vocabulary (expander/suggest/vocabulary.py): the dict it replaces, exactly."""

from __future__ import annotations

import pytest

import expander.suggest.vocabulary as vocabulary_module
from expander.suggest.vocabulary import RecentItems, Vocabulary

FEATURES = {"c: pa": 0, "w:parcel": 1, "▁посыл": 2, "": 3, "b:where_parcel": 4, "##ka": 5}


def test_it_answers_as_the_dict_did() -> None:
    vocabulary = Vocabulary(FEATURES)
    assert len(vocabulary) == len(FEATURES)
    assert list(vocabulary) == list(FEATURES)
    assert [vocabulary[i] for i in range(len(FEATURES))] == list(FEATURES)
    assert vocabulary[-1] == "##ka"
    assert vocabulary.ids([*FEATURES, "w:parce", "zebra", "w:parcel"]) == [
        0,
        1,
        2,
        3,
        4,
        5,
        None,
        None,
        1,
    ]
    assert vocabulary.get("▁посыл") == 2 and vocabulary.get("▁посылка") is None
    assert "b:where_parcel" in vocabulary and "b:where" not in vocabulary
    assert Vocabulary({}).ids(["a"]) == [None]
    with pytest.raises(IndexError):
        vocabulary[len(FEATURES)]


def test_features_with_the_same_hash_are_told_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vocabulary_module, "hash", lambda text: len(text) % 2, raising=False)
    vocabulary = Vocabulary(FEATURES)
    assert vocabulary.ids([*reversed(FEATURES), "w:parcels", "x"]) == [5, 4, 3, 2, 1, 0, None, None]


def test_ids_must_run_from_zero() -> None:
    with pytest.raises(ValueError):
        Vocabulary({"a": 0, "b": 2})


MANY = {f"c:{i:03d}": i for i in range(100)}
"""Enough features for a lookup of many (numpy), not one by one."""


@pytest.mark.parametrize("count", [1, 8, 9, 32, 33, 150])
def test_a_lookup_of_few_or_many_answers_as_the_dict(
    monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    wanted = [f"c:{i:03d}" for i in range(0, 3 * count, 3)][:count]
    expected = [MANY.get(f) for f in wanted]
    assert Vocabulary(MANY).ids(wanted) == expected
    monkeypatch.setattr(vocabulary_module, "hash", lambda text: len(text) % 3, raising=False)
    assert Vocabulary(MANY).ids(wanted) == expected  # every feature shares its hash


def test_features_looked_up_lately_are_remembered_and_answered_the_same() -> None:
    vocabulary = Vocabulary(MANY, remember=4)
    for round_ in range(3):  # the remembered ones age and go, others come
        for start in range(0, 120, 7):
            wanted = [f"c:{i:03d}" for i in range(start, start + 12)] + ["c:007", "x"]
            assert vocabulary.ids(wanted) == [MANY.get(f) for f in wanted], round_
    assert vocabulary._recent is not None and len(vocabulary._recent) < 2 * (4 + 14)


def test_a_vocabulary_of_features_in_order_is_the_dict_of_their_places() -> None:
    vocabulary = Vocabulary.of_features(list(FEATURES))
    assert list(vocabulary) == list(FEATURES)
    assert vocabulary.ids([*FEATURES, "zebra"]) == [*FEATURES.values(), None]


def test_recent_items_keep_the_keys_in_use_and_at_most_twice_their_size() -> None:
    recent: RecentItems[str, int] = RecentItems(2)
    assert recent.all_of(["a"]) is None
    assert recent.split(["a", "b", "a"]) == ({}, ["a", "b"])
    recent.add({"a": 1, "b": 2})  # full: this generation becomes the older one
    assert recent.all_of(["a"]) is None  # only in the older generation now ...
    assert recent.split(["a", "c"]) == ({"a": 1}, ["c"])  # ... found there, moved back
    assert recent.all_of(["a"]) == [1]
    recent.add({"c": 3})  # full again: "b", not used since, is forgotten
    assert recent.split(["a", "b", "c"]) == ({"a": 1, "c": 3}, ["b"])


def test_recent_items_remember_a_key_without_a_value() -> None:
    recent: RecentItems[str, int | None] = RecentItems(4)
    recent.add({"unknown": None})  # looked up: not in the vocabulary
    assert recent.all_of(["unknown"]) == [None]
    assert recent.split(["unknown", "new"]) == ({"unknown": None}, ["new"])


def test_packed_and_unpacked_it_answers_the_same() -> None:
    vocabulary = Vocabulary(FEATURES)
    text, bounds = vocabulary.packed()
    again = Vocabulary.from_packed(text, bounds, remember=4)
    assert list(again) == list(vocabulary)
    assert again.ids([*FEATURES, "zebra"]) == vocabulary.ids([*FEATURES, "zebra"])


@pytest.mark.parametrize(
    "bounds",
    [[0, 3, 2, 5], [1, 5], [0, 4], []],
    ids=["backwards", "not-from-0", "short-of-the-end", "empty"],
)
def test_bounds_that_do_not_cut_the_text_into_features_are_refused(bounds: list[int]) -> None:
    import numpy as np

    with pytest.raises(ValueError, match="bounds"):
        Vocabulary.from_packed("abcde", np.asarray(bounds, dtype=np.int64))
