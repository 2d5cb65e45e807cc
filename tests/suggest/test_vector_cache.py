"""The vectors of snippet texts kept on disk (expander/suggest/vector_cache.py):
read back by a later index, missed after a pack edit, a damaged or foreign
file ignored and replaced, owner-only files under EXPANDER_HOME, and never a
customer's e-mail."""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import expander
import expander.suggest.encoders
from expander.suggest import accept, learned_examples, suggest, suggester_for
from expander.suggest.ranker import Suggester
from expander.suggest.vector_cache import (
    cache_dir,
    cache_file,
    encode_with_cache,
    forget_cached_vectors,
    text_key,
)

DIMENSIONS = 8


class FakeEncoder:
    """Deterministic unit vectors from a hash of each text; counts what it encodes."""

    def __init__(self, name: str = "fake", model: str = "m1") -> None:
        self.cache_identity = (name, model)
        self.encoded: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        self.encoded += texts
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
            row = np.random.default_rng(seed).normal(size=DIMENSIONS).astype(np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), DIMENSIONS)


PACK = """
[pack]
name = "shop"
version = "1.0.0"
language = "en"

[[snippets]]
id = "late"
title = "Order delayed"
keywords = ["late", "not arrived"]
examples = ["where is my parcel", "my order has not arrived"]
body = "Sorry, {name|there}: your order is late."

[[snippets]]
id = "refund"
title = "Refund on its way"
examples = ["I want my money back"]
body = "Your refund is on its way."
"""


def library(tmp_path: Path, text: str = PACK) -> expander.Library:
    path = tmp_path / "shop.toml"
    path.write_text(text, encoding="utf-8")
    return expander.load(path, include_bundled=False)


def forget_in_memory() -> None:
    """What a fresh process has: no vectors in memory (the disk cache stays)."""
    expander.suggest.encoders._SNIPPET_VECTORS.clear()  # noqa: SLF001


def build(lib: expander.Library, encoder: FakeEncoder) -> Suggester:
    return Suggester(lib, embedder=encoder, embedders={})


def test_a_later_index_reads_the_vectors_instead_of_encoding(tmp_path: Path) -> None:
    lib = library(tmp_path)
    first = FakeEncoder()
    email = "Hello, my parcel has not arrived yet, where is it?"
    before = build(lib, first).scores(email)
    assert len(first.encoded) == 9  # 2 titles, 1 keyword list, 3 examples, 2 bodies, + the e-mail
    assert cache_file("fake").is_file()
    forget_in_memory()
    again = FakeEncoder()
    after = build(lib, again).scores(email)
    assert again.encoded == [email]  # only the e-mail: every snippet text came from disk
    assert np.array_equal(before, after)


def test_an_edited_pack_encodes_only_its_new_text_and_keeps_it(tmp_path: Path) -> None:
    build(library(tmp_path), FakeEncoder())
    forget_in_memory()
    edited = library(tmp_path, PACK.replace("Refund on its way", "Refund sent today"))
    encoder = FakeEncoder()
    build(edited, encoder)
    assert encoder.encoded == ["Refund sent today"]
    forget_in_memory()
    encoder = FakeEncoder()
    build(edited, encoder)
    assert encoder.encoded == []


def test_another_model_of_the_encoder_misses_and_replaces_the_file(tmp_path: Path) -> None:
    lib = library(tmp_path)
    build(lib, FakeEncoder(model="m1"))
    forget_in_memory()
    newer = FakeEncoder(model="m2")
    build(lib, newer)
    assert len(newer.encoded) == 8
    forget_in_memory()
    again = FakeEncoder(model="m2")
    build(lib, again)
    assert again.encoded == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"not a cache file at all",
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-40] + bytes([data[-40] ^ 0xFF]) + data[-39:],  # a flipped byte
        lambda data: data.replace(b'"fake"', b'"fako"'),  # another encoder's file
    ],
    ids=["empty", "foreign", "truncated", "flipped", "other-encoder"],
)
def test_a_damaged_or_foreign_file_is_ignored_logged_and_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: Any
) -> None:
    lib = library(tmp_path)
    expected = build(lib, FakeEncoder()).scores("my parcel is late")
    path = cache_file("fake")
    path.write_bytes(damage(path.read_bytes()))
    forget_in_memory()
    encoder = FakeEncoder()
    with caplog.at_level(logging.WARNING, logger="expander.suggest.vector_cache"):
        scores = build(lib, encoder).scores("my parcel is late")
    assert np.array_equal(scores, expected)  # the same ranking, encoded again
    assert len(encoder.encoded) == 9
    assert any("ignored and replaced" in r.getMessage() for r in caplog.records)
    forget_in_memory()
    healed = FakeEncoder()
    build(lib, healed)
    assert healed.encoded == []  # the file was replaced by a good one


def test_an_unreadable_cache_folder_costs_only_the_encoding(
    tmp_path: Path, expander_home: Path
) -> None:
    expander_home.mkdir(parents=True, exist_ok=True)
    (expander_home / "data").write_text("a file where the data folder should be")
    encoder = FakeEncoder()
    scores = build(library(tmp_path), encoder).scores("my parcel is late")
    assert len(encoder.encoded) == 9 and scores.shape == (2,)


def test_files_are_owner_only_and_under_expander_home(tmp_path: Path, expander_home: Path) -> None:
    old = os.umask(0o022)
    try:
        before = {p for p in tmp_path.rglob("*") if p.is_file()}
        lib = library(tmp_path)
        build(lib, FakeEncoder())
        written = (
            {p for p in tmp_path.rglob("*") if p.is_file()} - before - {tmp_path / "shop.toml"}
        )
    finally:
        os.umask(old)
    assert written == {cache_file("fake")}
    assert cache_dir().is_relative_to(expander_home)
    assert stat.S_IMODE(cache_file("fake").stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_dir().stat().st_mode) == 0o700


def test_the_e_mail_and_learned_examples_are_never_written(tmp_path: Path) -> None:
    path = tmp_path / "shop.toml"
    path.write_text(PACK, encoding="utf-8")
    lib = expander.load(path, include_bundled=False, include_user=True)
    email = "Hi, I am Jane Roe and my parcel 48213 never came to 12 Orchard Lane."
    encoder = FakeEncoder()
    assert Suggester(lib, embedder=encoder, embedders={}).suggest(email, 3, min_score=0)
    assert email in encoder.encoded  # the e-mail was encoded ...
    accept(lib, "late", email)  # ... and kept as a learned example (masked)
    learned = learned_examples(lib)
    assert learned is not None
    (example,) = learned.by_snippet()["late"]
    forget_in_memory()
    again = FakeEncoder()
    Suggester(lib, learned=learned.by_snippet(), embedder=again, embedders={})
    assert again.encoded == [example]  # encoded, but not kept on disk
    data = cache_file("fake").read_bytes()
    assert text_key("Order delayed") in data
    for secret in (email, example):
        assert text_key(secret) not in data
        assert secret.encode() not in data
        (vector,) = FakeEncoder().encode([secret])
        assert vector.astype("<f4").tobytes() not in data


def test_the_file_is_bounded_keeping_the_most_recent_texts() -> None:
    encoder = FakeEncoder()
    encode_with_cache(encoder, ["a", "b", "c"], keep=["a", "b", "c"], max_texts=3)
    encode_with_cache(encoder, ["d", "e"], keep=["d", "e"], max_texts=3)
    data = cache_file("fake").read_bytes()
    assert [text_key(t) in data for t in "abcde"] == [True, False, False, True, True]
    encoder.encoded.clear()
    encode_with_cache(encoder, ["a", "d", "e"], keep=["a", "d", "e"], max_texts=3)
    assert encoder.encoded == []


def test_forgetting_deletes_the_files(tmp_path: Path) -> None:
    build(library(tmp_path), FakeEncoder())
    assert cache_file("fake").is_file()
    forget_cached_vectors()
    assert not cache_file("fake").exists()


def test_the_bundled_encoders_name_themselves_by_their_model() -> None:
    from expander.suggest.encoders import default_embedder
    from expander.suggest.minilm import english_encoder

    english, multilingual = english_encoder(), default_embedder()
    assert english is not None and multilingual is not None
    name, model = english.cache_identity
    assert name == "all-MiniLM-L6-v2-int8" and len(model) == 32
    name, model = multilingual.cache_identity  # type: ignore[attr-defined]
    assert name == "multilingual-e5-small-int8" and len(model) == 32


def test_the_suggestion_the_cli_gives_is_the_same_from_the_cache(tmp_path: Path) -> None:
    lib = library(tmp_path)
    email = "My order has not arrived, where is my parcel?"
    cold = [(s.snippet.id, s.score) for s in suggest(lib, email, 2, min_score=0)]
    forget_in_memory()
    warm_lib = library(tmp_path)
    warm = [(s.snippet.id, s.score) for s in suggest(warm_lib, email, 2, min_score=0)]
    assert cold == warm and suggester_for(warm_lib) is not None
