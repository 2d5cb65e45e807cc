"""The lexical indexes kept on disk (expander/suggest/index_cache.py): read back
by a later index and scoring exactly as the fitted one, fitted again after a pack
edit or a code change, a damaged file ignored and replaced, owner-only files
under EXPANDER_HOME, and never an index with a learned e-mail in it."""

from __future__ import annotations

import io
import logging
import os
import stat
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import expander
import expander.suggest.index_cache as index_cache
from expander.suggest import accept, forget_snippet_vectors, learned_examples
from expander.suggest.index_cache import index_file
from expander.suggest.ranker import Suggester
from expander.suggest.tfidf import CentroidIndex
from tests.suggest.test_vector_cache import PACK as VECTOR_CACHE_PACK

PACK = (
    VECTOR_CACHE_PACK
    + """
[[snippets]]
id = "zwrot"
language = "pl"
title = "Zwrot pieniędzy"
keywords = ["zwrot", "pieniądze"]
body = "Zwrot przelaliśmy na Pani konto."

[[snippets]]
id = "dostavka"
language = "ru"
title = "Задержка доставки"
keywords = ["где посылка"]
body = "Извините за задержку: посылка уже в пути."
"""
)

EMAILS = (
    "Hello, my parcel has not arrived yet, where is it?",
    "Dzień dobry, kiedy dostanę zwrot pieniędzy za zamówienie?",
    "Здравствуйте, где моя посылка? Жду уже неделю.",
    "I would like my money back please",
)
KINDS = ("words", "chars")


class CountingIndex(CentroidIndex):
    """A CentroidIndex that counts the indexes fitted (not those read back)."""

    fitted = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        CountingIndex.fitted += 1
        super().__init__(*args, **kwargs)


@pytest.fixture(autouse=True)
def kept_from_one_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """This small pack's indexes are kept too (by default only from 200 texts)."""
    monkeypatch.setattr(index_cache, "MIN_DOCS_KEPT", 1)
    monkeypatch.setattr(index_cache, "CentroidIndex", CountingIndex)
    CountingIndex.fitted = 0


def library(tmp_path: Path, text: str = PACK, **options: Any) -> expander.Library:
    path = tmp_path / "shop.toml"
    path.write_text(text, encoding="utf-8")
    return expander.load(path, include_bundled=False, **options)


def build(lib: expander.Library, **options: Any) -> Suggester:
    return Suggester(lib, embedder=None, **options)


def answers(suggester: Suggester) -> list[Any]:
    """Every e-mail's scores and its suggestions with their reasons."""
    out: list[Any] = []
    for email in EMAILS:
        out.append(suggester.scores(email).tolist())
        out.append(
            [(s.snippet.id, s.score, s.reasons) for s in suggester.suggest(email, 4, min_score=0)]
        )
    return out


def test_a_later_index_is_read_back_and_scores_exactly_as_the_fitted_one(tmp_path: Path) -> None:
    lib = library(tmp_path)
    fitted = answers(build(lib))
    assert CountingIndex.fitted == 2
    assert all(index_file(kind).is_file() for kind in KINDS)
    CountingIndex.fitted = 0
    read_back = answers(build(lib))
    assert CountingIndex.fitted == 0  # both indexes came from disk
    assert read_back == fitted


def test_an_edited_pack_is_fitted_again_and_replaces_the_file(tmp_path: Path) -> None:
    build(library(tmp_path))
    before = index_file("words").read_bytes()
    edited = library(tmp_path, PACK.replace("Refund on its way", "Refund sent today"))
    CountingIndex.fitted = 0
    expected = answers(build(edited))
    assert CountingIndex.fitted == 2
    assert index_file("words").read_bytes() != before
    CountingIndex.fitted = 0
    assert answers(build(edited)) == expected
    assert CountingIndex.fitted == 0


def test_another_version_of_the_feature_code_fits_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = library(tmp_path)
    build(lib)
    monkeypatch.setattr(index_cache, "_fingerprint", b"code of another Expander")
    CountingIndex.fitted = 0
    build(lib)
    assert CountingIndex.fitted == 2


def _inconsistent(data: bytes) -> bytes:
    """A well-formed file of the right key whose postings are cut short."""
    with np.load(io.BytesIO(data)) as stored:
        arrays = dict(stored)
    arrays["indices"] = arrays["indices"][:-1]
    out = io.BytesIO()
    np.savez(out, **arrays)
    return out.getvalue()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"not an index at all",
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:200] + bytes([data[200] ^ 0xFF]) + data[201:],  # a flipped byte
        _inconsistent,
    ],
    ids=["empty", "foreign", "truncated", "flipped", "inconsistent"],
)
def test_a_damaged_file_is_ignored_logged_and_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: Any
) -> None:
    lib = library(tmp_path)
    expected = answers(build(lib))
    path = index_file("words")
    path.write_bytes(damage(path.read_bytes()))
    CountingIndex.fitted = 0
    with caplog.at_level(logging.WARNING, logger="expander.suggest.index_cache"):
        assert answers(build(lib)) == expected
    assert CountingIndex.fitted == 1  # the words fitted again; the characters read back
    assert any("ignored and replaced" in r.getMessage() for r in caplog.records)
    CountingIndex.fitted = 0
    build(lib)
    assert CountingIndex.fitted == 0  # the file was replaced by a good one


def test_files_are_owner_only_and_under_expander_home(tmp_path: Path, expander_home: Path) -> None:
    old = os.umask(0o022)
    try:
        build(library(tmp_path))
    finally:
        os.umask(old)
    for kind in KINDS:
        path = index_file(kind)
        assert path.is_relative_to(expander_home)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_an_index_with_a_learned_e_mail_is_neither_written_nor_read(tmp_path: Path) -> None:
    lib = library(tmp_path, include_user=True)
    build(lib)  # the packs' index, kept
    kept = {kind: index_file(kind).read_bytes() for kind in KINDS}
    email = "Hi, I am Jane Roe and my parcel 48213 never came to Zyxwvut Orchard."
    accept(lib, "late", email)
    learned = learned_examples(lib)
    assert learned is not None
    CountingIndex.fitted = 0
    suggester = build(lib, learned=learned.by_snippet())
    assert CountingIndex.fitted == 2  # fitted with the learned example, not read
    assert {kind: index_file(kind).read_bytes() for kind in KINDS} == kept
    assert "zyxwvut" in " ".join(suggester.words.names)  # the learned words are in the index
    cached = b"".join(p.read_bytes() for p in index_file("words").parent.iterdir())
    assert b"zyxwvut" not in cached and b"Zyxwvut" not in cached


def test_a_small_library_is_fitted_and_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_cache, "MIN_DOCS_KEPT", 200)
    build(library(tmp_path))
    assert not any(index_file(kind).exists() for kind in KINDS)


def test_forgetting_the_snippet_vectors_forgets_the_indexes_too(tmp_path: Path) -> None:
    build(library(tmp_path))
    forget_snippet_vectors()
    assert not any(index_file(kind).exists() for kind in KINDS)
