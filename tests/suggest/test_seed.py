"""The seed shipped with the bundled packs (expander/suggest/seed/, written by
``make seed``): a first run reads their texts' vectors and their lexical indexes
from it instead of encoding and fitting them, and a text it lacks or another model
is encoded as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import expander
import expander.suggest.index_cache as index_cache
import expander.suggest.vector_cache as vector_cache
from expander.suggest.encoders import default_embedder
from expander.suggest.minilm import english_encoder
from expander.suggest.ranker import Suggester
from expander.suggest.vector_cache import cache_file, encode_with_cache
from tests.suggest.test_index_cache import CountingIndex
from tests.suggest.test_vector_cache import FakeEncoder, forget_in_memory

EMAILS = (
    "Hello, my order has not arrived yet, where is it?",
    "Dzień dobry, chcę zwrócić buty, jak to zrobić?",
    "Здравствуйте, посылка пришла повреждённой, что делать?",
)


def test_a_first_run_on_the_bundled_packs_encodes_only_the_e_mails_and_fits_nothing(
    monkeypatch: pytest.MonkeyPatch, expander_home: Path
) -> None:
    encoded: list[str] = []
    for encoder in (default_embedder(), english_encoder()):
        assert encoder is not None
        original = encoder.encode

        def counting(texts: list[str], original: Any = original) -> Any:
            encoded.extend(texts)
            return original(texts)

        monkeypatch.setattr(encoder, "encode", counting)
    monkeypatch.setattr(index_cache, "CentroidIndex", CountingIndex)
    CountingIndex.fitted = 0
    forget_in_memory()  # a new process: nothing in memory, and EXPANDER_HOME is empty
    suggester = Suggester(expander.load())
    for email in EMAILS:
        assert suggester.suggest(email, 1)  # each language's spaces, the English one's too
    stale = "the seed is out of date: run `make seed` and commit expander/suggest/seed/"
    assert len(encoded) <= 2 * len(EMAILS), stale  # the e-mails, and no snippet text
    # The indexes' key holds the feature code's fingerprint, the stemmers' files with
    # it: with other stemmers installed (make test-lowest) they are fitted, as they
    # must be; with the seed's own, never.
    with np.load(index_cache.index_file("words", vector_cache.SEED_DIR)) as seed:
        same_code = bytes(seed["code"]) == index_cache._code_fingerprint()  # noqa: SLF001
        # Expander's own feature code must be the seed's whatever the stemmers: after
        # an edit of it every first run fitted anew (+1.2 s CPU in session 29's bench)
        assert bytes(seed["own_code"]) == index_cache.own_code_fingerprint(), stale
    assert CountingIndex.fitted == (0 if same_code else 2), stale


def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, texts: list[str]) -> Path:
    """A seed folder holding FakeEncoder's vectors of ``texts`` (model "m1")."""
    folder = tmp_path / "seed"
    encode_with_cache(FakeEncoder(), texts, keep=texts, folder=folder)
    monkeypatch.setattr(vector_cache, "SEED_DIR", folder)
    return folder


def test_seeded_vectors_are_read_not_encoded_and_join_the_users_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(tmp_path, monkeypatch, ["Order delayed", "Refund sent"])
    encoder = FakeEncoder()
    vectors = encode_with_cache(encoder, ["Order delayed", "New text"], keep=["Order delayed"])
    assert encoder.encoded == ["New text"]
    assert np.array_equal(vectors, FakeEncoder().encode(["Order delayed", "New text"]))
    assert cache_file("fake").is_file()  # the user's own cache, for the next run


def test_a_seed_of_another_model_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(tmp_path, monkeypatch, ["Order delayed"])
    newer = FakeEncoder(model="m2")
    encode_with_cache(newer, ["Order delayed"], keep=["Order delayed"])
    assert newer.encoded == ["Order delayed"]


def test_learned_examples_never_look_in_the_seed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(tmp_path, monkeypatch, ["Order delayed"])
    encoder = FakeEncoder()
    folder = tmp_path / "learned-index"
    encode_with_cache(encoder, ["Order delayed"], keep=["Order delayed"], folder=folder)
    assert encoder.encoded == ["Order delayed"]  # the seed is for the packs' cache only
