"""What the suggester derives from learned examples (their vectors, the lexical
indexes fitted with them), kept beside the learned examples' own file
(LearnedExamples.derived_dir): read back by a later index instead of encoding and
fitting again, owner-only, never in the snippet-text caches, kept only where the
caller names the folder, and deleted once the examples are gone."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import expander
import expander.suggest.index_cache as index_cache
from expander.suggest import accept, learned_examples, suggester_for
from expander.suggest.index_cache import index_file
from expander.suggest.learning import LearnedExamples
from expander.suggest.ranker import Suggester
from expander.suggest.vector_cache import cache_dir, cache_file, text_key
from tests.suggest.test_index_cache import CountingIndex
from tests.suggest.test_vector_cache import PACK, FakeEncoder, forget_in_memory

EMAIL = "Hi, I am Jane Roe and my parcel 48213 never came to Zyxwvut Orchard, where is it?"
QUERIES = ("Where is my parcel? It never came.", "I would like my money back")


@pytest.fixture(autouse=True)
def kept_from_one_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """This small pack's indexes are kept too (by default only from 200 texts)."""
    monkeypatch.setattr(index_cache, "MIN_DOCS_KEPT", 1)
    monkeypatch.setattr(index_cache, "CentroidIndex", CountingIndex)
    CountingIndex.fitted = 0


def learned_library(tmp_path: Path) -> tuple[expander.Library, LearnedExamples, str]:
    """A library with one accepted e-mail, its store and the example kept (masked)."""
    path = tmp_path / "shop.toml"
    path.write_text(PACK, encoding="utf-8")
    lib = expander.load(path, include_bundled=False, include_user=True)
    accept(lib, "late", EMAIL)
    learned = learned_examples(lib)
    assert learned is not None
    (example,) = learned.by_snippet()["late"]
    return lib, learned, example


def build(lib: expander.Library, learned: LearnedExamples, encoder: FakeEncoder,
          **options: Any) -> Suggester:  # fmt: skip
    return Suggester(lib, learned=learned.by_snippet(), embedder=encoder, embedders={}, **options)


def scores(suggester: Suggester) -> list[list[float]]:
    return [suggester.scores(query).tolist() for query in QUERIES]


def test_a_later_index_reads_the_learned_examples_vectors_and_indexes_back(
    tmp_path: Path,
) -> None:
    lib, learned, example = learned_library(tmp_path)
    first = FakeEncoder()
    fitted = scores(build(lib, learned, first, learned_folder=learned.derived_dir))
    assert example in first.encoded
    assert CountingIndex.fitted == 2
    forget_in_memory()  # a new process: only what is on disk
    CountingIndex.fitted = 0
    again = FakeEncoder()
    read_back = scores(build(lib, learned, again, learned_folder=learned.derived_dir))
    assert again.encoded == list(QUERIES)  # neither the example nor a snippet text encoded
    assert CountingIndex.fitted == 0  # both indexes read back
    assert np.array_equal(np.asarray(fitted), np.asarray(read_back))


def test_a_new_example_is_encoded_alone_and_the_indexes_fitted_again(tmp_path: Path) -> None:
    lib, learned, _ = learned_library(tmp_path)
    build(lib, learned, FakeEncoder(), learned_folder=learned.derived_dir)
    accept(lib, "refund", "Please give me my money back for the broken kettle")
    (newer,) = learned.by_snippet()["refund"]
    forget_in_memory()
    CountingIndex.fitted = 0
    encoder = FakeEncoder()
    build(lib, learned, encoder, learned_folder=learned.derived_dir)
    assert encoder.encoded == [newer]
    assert CountingIndex.fitted == 2


def test_they_stay_beside_the_examples_owner_only_and_out_of_the_caches(
    tmp_path: Path, expander_home: Path
) -> None:
    old = os.umask(0o022)
    try:
        lib, learned, example = learned_library(tmp_path)
        build(lib, learned, FakeEncoder(), learned_folder=learned.derived_dir)
    finally:
        os.umask(old)
    folder = learned.derived_dir
    assert folder.parent == learned.path.parent and folder.is_relative_to(expander_home)
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == ["lexical-chars.npz", "lexical-words.npz", "vectors-fake.bin"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE((folder / name).stat().st_mode) == 0o600 for name in kept)
    assert text_key(example) in cache_file("fake", folder).read_bytes()
    # the snippet-text caches: the packs' vectors, and no index (it has a learned text)
    cached = b"".join(p.read_bytes() for p in cache_dir().iterdir())
    assert text_key("Order delayed") in cached
    assert text_key(example) not in cached and b"zyxwvut" not in cached.lower()
    (vector,) = FakeEncoder().encode([example])
    assert vector.astype("<f4").tobytes() not in cached
    assert not any(index_file(kind).exists() for kind in ("words", "chars"))


def test_a_suggester_not_told_where_keeps_nothing_of_them(tmp_path: Path) -> None:
    lib, learned, example = learned_library(tmp_path)
    build(lib, learned, FakeEncoder())
    forget_in_memory()
    CountingIndex.fitted = 0
    again = FakeEncoder()
    build(lib, learned, again)
    assert example in again.encoded
    assert CountingIndex.fitted == 2  # fitted again: kept nowhere
    assert not learned.derived_dir.exists()
    assert not any(index_file(kind).exists() for kind in ("words", "chars"))


def test_the_folder_is_never_the_snippet_text_cache(tmp_path: Path) -> None:
    lib, learned, _ = learned_library(tmp_path)
    with pytest.raises(ValueError, match="never kept"):
        build(lib, learned, FakeEncoder(), learned_folder=cache_dir())


def vector_keys(folder: Path) -> bytes:
    return cache_file("fake", folder).read_bytes()


def test_an_example_removed_from_the_file_takes_its_vectors_along(tmp_path: Path) -> None:
    lib, learned, first = learned_library(tmp_path)
    accept(lib, "refund", "Please give me my money back for the broken kettle")
    (second,) = learned.by_snippet()["refund"]
    build(lib, learned, FakeEncoder(), learned_folder=learned.derived_dir)
    assert text_key(first) in vector_keys(learned.derived_dir)
    lines = learned.path.read_text(encoding="utf-8").splitlines()
    learned.path.write_text(lines[1] + "\n", encoding="utf-8")  # the agent removes the first
    forget_in_memory()
    build(lib, learned, FakeEncoder(), learned_folder=learned.derived_dir)
    kept = vector_keys(learned.derived_dir)
    assert text_key(first) not in kept and text_key(second) in kept


def test_a_first_example_after_the_file_was_deleted_starts_afresh(tmp_path: Path) -> None:
    lib, learned, first = learned_library(tmp_path)
    build(lib, learned, FakeEncoder(), learned_folder=learned.derived_dir)
    learned.path.unlink()
    accept(lib, "refund", "Please give me my money back for the broken kettle")
    assert not learned.derived_dir.exists()  # nothing of the deleted examples waits there
    build(lib, learned, FakeEncoder(), learned_folder=learned.derived_dir)
    assert text_key(first) not in vector_keys(learned.derived_dir)


def test_a_later_build_in_another_language_keeps_nothing_once_the_folder_is_gone(
    tmp_path: Path,
) -> None:
    """The multilingual space of English snippets is built at the first e-mail in
    another language: by then the examples (and their folder) may be gone."""
    lib, learned, example = learned_library(tmp_path)
    suggester = Suggester(
        lib, learned=learned.by_snippet(), embedder=FakeEncoder("fake-multilingual"),
        embedders={"en": FakeEncoder()}, learned_folder=learned.derived_dir,
    )  # fmt: skip
    assert learned.derived_dir.is_dir()
    learned.forget()
    suggester.scores("Gdzie jest moja paczka? Zamówienie nie dotarło.", "pl")
    assert not learned.derived_dir.exists()


def test_forgetting_the_learned_examples_deletes_what_came_of_them(tmp_path: Path) -> None:
    lib, learned, _ = learned_library(tmp_path)
    build(lib, learned, FakeEncoder(), learned_folder=learned.derived_dir)
    assert learned.forget() == 1
    assert not learned.path.exists() and not learned.derived_dir.exists()


def test_deleting_the_learned_examples_deletes_what_came_of_them(tmp_path: Path) -> None:
    lib, learned, _ = learned_library(tmp_path)
    suggester_for(lib)  # the library's index, as the app and the CLI build it
    assert (learned.derived_dir / "lexical-words.npz").is_file()
    learned.path.unlink()  # the agent deletes what was learned
    path = tmp_path / "shop.toml"
    suggester_for(expander.load(path, include_bundled=False, include_user=True))
    assert not learned.derived_dir.exists()
