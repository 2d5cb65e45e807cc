"""The packed vocabulary (expander/suggest/vocabulary.py): the dict it replaces, exactly."""

from __future__ import annotations

import pytest

import expander.suggest.vocabulary as vocabulary_module
from expander.suggest.vocabulary import Vocabulary

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
