"""The trained classifiers kept on disk (expander/suggest/classifier_cache.py):
read back by a later index bit for bit, trained again when any input, setting,
the code or the machine's arithmetic changes, a damaged file ignored and
replaced, one owner-only file per encoder and language under EXPANDER_HOME, and
classifiers trained with a learned e-mail only beside the learned examples,
gone with them."""

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
import expander.suggest.classifier as classifier
import expander.suggest.classifier_cache as classifier_cache
from expander.suggest import accept, forget_snippet_vectors, learned_examples, suggester_for
from expander.suggest.classifier import NaiveBayes, SoftmaxClassifier
from expander.suggest.classifier_cache import classifier_file, trained
from expander.suggest.learning import LearnedExamples
from expander.suggest.ranker import Suggester
from expander.suggest.vector_cache import cache_dir
from tests.suggest.test_vector_cache import FakeEncoder, forget_in_memory


def packs(polish_examples: int = 9) -> dict[str, str]:
    """An English and a Polish pack of two snippets each, with enough examples to
    train each language's classifiers (8 a snippet), unless ``polish_examples``
    is fewer."""
    texts = {}
    for language, snippets, count in (
        ("en", ("late", "refund"), 9),
        ("pl", ("spozniona", "zwrot"), polish_examples),
    ):
        text = f'[pack]\nname = "shop-{language}"\nversion = "1.0.0"\nlanguage = "{language}"\n'
        for snippet in snippets:
            examples = ", ".join(f'"{snippet} question {n} in {language}"' for n in range(count))
            text += f"""
[[snippets]]
id = "{snippet}"
title = "{snippet} {language}"
examples = [{examples}]
body = "The {snippet} reply."
"""
        texts[f"shop-{language}.toml"] = text
    return texts


PACKS = packs()
EMAIL = "Hi, I am Jane Roe and my parcel 48213 never came to Zyxwvut Orchard, where is it?"
QUERIES = ("late question again", "zwrot question in pl please", "refund it")


class CountingSoftmax(SoftmaxClassifier):
    """Counts the softmax classifiers trained (not those read back)."""

    fitted = 0

    @classmethod
    def fit(cls, *args: Any, **kwargs: Any) -> SoftmaxClassifier:
        CountingSoftmax.fitted += 1
        return super().fit(*args, **kwargs)


class CountingBayes(NaiveBayes):
    """Counts the naive Bayes classifiers trained (not those read back)."""

    fitted = 0

    @classmethod
    def fit(cls, *args: Any, **kwargs: Any) -> NaiveBayes:
        CountingBayes.fitted += 1
        return super().fit(*args, **kwargs)


@pytest.fixture(autouse=True)
def counting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier_cache, "SoftmaxClassifier", CountingSoftmax)
    monkeypatch.setattr(classifier_cache, "NaiveBayes", CountingBayes)
    reset()


def reset() -> None:
    CountingSoftmax.fitted = CountingBayes.fitted = 0


def fitted() -> tuple[int, int]:
    return CountingSoftmax.fitted, CountingBayes.fitted


def library(tmp_path: Path, texts: dict[str, str] = PACKS, **options: Any) -> expander.Library:
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return expander.load(*(tmp_path / name for name in texts), include_bundled=False, **options)


def build(lib: expander.Library, **options: Any) -> Suggester:
    """A fresh process's index: English snippets in their own space, the others in
    the multilingual one (two encoders, a classifier per language)."""
    forget_in_memory()
    return Suggester(
        lib, embedder=FakeEncoder("fake-multi"), embedders={"en": FakeEncoder()}, **options
    )


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("classifiers-*")) if folder.is_dir() else []


def state(suggester: Suggester) -> list[Any]:
    """Every classifier's arrays, bytes and all, and every query's scores."""
    out: list[Any] = []
    for space in suggester._spaces:  # noqa: SLF001
        for members, softmax, bayes in space.classifiers:
            out.append((members.tobytes(), softmax.weights.tobytes(), softmax.bias.tobytes()))
            out.append((bayes.log_probabilities.tobytes(), list(bayes.columns.items())))
            assert softmax.weights.dtype == softmax.bias.dtype == np.float32
    return out + [suggester.scores(query).tobytes() for query in QUERIES]


def english() -> Path:
    """The English classifiers' file in the cache (English snippets, their own encoder)."""
    return classifier_file("fake", "en")


def polish() -> Path:
    """The Polish classifiers' file in the cache (the multilingual encoder's space)."""
    return classifier_file("fake-multi", "pl")


def test_a_later_index_reads_the_classifiers_back_bit_for_bit(tmp_path: Path) -> None:
    lib = library(tmp_path)
    first = state(build(lib))
    assert fitted() == (2, 2)  # English and Polish
    assert files(cache_dir()) == sorted([english().name, polish().name])
    reset()
    assert state(build(lib)) == first
    assert fitted() == (0, 0)  # both read back


def test_an_edited_pack_trains_again_and_replaces_the_file(tmp_path: Path) -> None:
    build(library(tmp_path))
    before = polish().read_bytes(), english().read_bytes()
    edit = PACKS["shop-pl.toml"].replace("question 3 in pl", "question 3 in pl again")
    edited = library(tmp_path, {**PACKS, "shop-pl.toml": edit})
    reset()
    expected = state(build(edited))
    assert fitted() == (1, 1)  # Polish only: the English classifiers are read back
    assert polish().read_bytes() != before[0] and english().read_bytes() == before[1]
    reset()
    assert state(build(edited)) == expected and fitted() == (0, 0)
    assert files(cache_dir()) == sorted([english().name, polish().name])  # replaced, not piled up


def test_a_language_no_longer_trained_leaves_no_file(tmp_path: Path) -> None:
    build(library(tmp_path))
    build(library(tmp_path, packs(polish_examples=7)))  # too few Polish examples left
    assert files(cache_dir()) == [english().name]


def inputs() -> dict[str, Any]:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(40, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    counts = [{int(f): float(rng.random()) for f in rng.choice(50, 12, replace=False)}
              for _ in range(4)]  # fmt: skip
    return {"vectors": vectors, "labels": np.arange(40) % 4, "n_classes": 4, "counts": counts}


def train(folder: Path | None, **changed: Any) -> tuple[SoftmaxClassifier, NaiveBayes]:
    args = {**inputs(), **changed}
    return trained("fake", "en", args["vectors"], args["labels"], args["n_classes"],
                   args["counts"], folder=folder)  # fmt: skip


def same(a: tuple[SoftmaxClassifier, NaiveBayes], b: tuple[SoftmaxClassifier, NaiveBayes]) -> bool:
    return (
        a[0].weights.tobytes() == b[0].weights.tobytes()
        and a[0].bias.tobytes() == b[0].bias.tobytes()
        and a[1].log_probabilities.tobytes() == b[1].log_probabilities.tobytes()
        and list(a[1].columns.items()) == list(b[1].columns.items())
    )


def _one_ulp(vectors: Any) -> Any:
    changed = vectors.copy()
    changed[5, 3] = np.nextafter(changed[5, 3], np.float32(2))
    return changed


def _reordered(counts: list[dict[int, float]]) -> list[dict[int, float]]:
    return [dict(reversed(counts[0].items())), *counts[1:]]  # the same sums, other columns


def _reweighed(counts: list[dict[int, float]]) -> list[dict[int, float]]:
    first = dict(counts[0])
    first[next(iter(first))] += 1e-9
    return [first, *counts[1:]]


CHANGES = {
    "a-vector-by-one-ulp": lambda i: {"vectors": _one_ulp(i["vectors"])},
    "a-label": lambda i: {"labels": np.roll(i["labels"], 1)},
    "the-number-of-snippets": lambda i: {"n_classes": 5},
    "a-word-weight": lambda i: {"counts": _reweighed(i["counts"])},
    "the-words-order": lambda i: {"counts": _reordered(i["counts"])},
    "the-vectors-memory-order": lambda i: {"vectors": np.asfortranarray(i["vectors"])},
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_any_changed_input_trains_again(tmp_path: Path, change: Any) -> None:
    train(tmp_path)
    reset()
    changed = change(inputs())
    again = train(tmp_path, **changed)
    assert fitted() == (1, 1)
    assert same(again, train(None, **changed))  # what training on them gives


@pytest.mark.parametrize(
    "setting",
    [
        lambda m: m.setattr(classifier, "_LEARNING_RATE", 0.05),
        lambda m: m.setattr(classifier, "_NB_ALPHA", 0.1),
        lambda m: m.setattr(classifier_cache, "_fingerprint", b"another Expander's code"),
        lambda m: m.setattr(classifier_cache, "blas_identity", lambda: "openblas/SkylakeX/1"),
        lambda m: m.setattr(classifier_cache, "_numpy_identity", "numpy 3.0 AVX512F"),
    ],
    ids=["learning-rate", "smoothing", "code", "blas-kernel", "numpy"],
)
def test_another_setting_code_or_arithmetic_trains_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: Any
) -> None:
    train(tmp_path)
    setting(monkeypatch)
    reset()
    again = train(tmp_path)
    assert fitted() == (1, 1)
    assert same(again, train(None))


def test_the_same_inputs_read_back_what_training_gives(tmp_path: Path) -> None:
    made = train(tmp_path)
    reset()
    read = train(tmp_path)
    assert fitted() == (0, 0)
    assert same(read, made) and same(read, train(None))
    assert read[0].weights.flags.c_contiguous and read[1].log_probabilities.flags.c_contiguous


def _inconsistent(data: bytes) -> bytes:
    """A well-formed file of the right key whose naive Bayes columns are cut short."""
    with np.load(io.BytesIO(data)) as stored:
        arrays = dict(stored)
    arrays["columns"] = arrays["columns"][:-1]
    out = io.BytesIO()
    np.savez(out, **arrays)
    return out.getvalue()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"not classifiers at all",
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-600] + bytes([data[-600] ^ 0xFF]) + data[-599:],  # a flipped byte
        _inconsistent,
    ],
    ids=["empty", "foreign", "truncated", "flipped", "inconsistent"],
)
def test_a_damaged_file_is_ignored_logged_and_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: Any
) -> None:
    expected = train(tmp_path)
    path = classifier_file("fake", "en", tmp_path)
    path.write_bytes(damage(path.read_bytes()))
    reset()
    with caplog.at_level(logging.WARNING, logger="expander.suggest.classifier_cache"):
        assert same(train(tmp_path), expected)
    assert fitted() == (1, 1)
    assert any("ignored and replaced" in r.getMessage() for r in caplog.records)
    reset()
    train(tmp_path)
    assert fitted() == (0, 0)  # the file was replaced by a good one


def test_an_unreadable_folder_costs_only_the_training(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("a file where the folder should be")
    assert same(train(blocked), train(None))
    assert fitted() == (2, 2)


def test_files_are_owner_only_and_under_expander_home(tmp_path: Path, expander_home: Path) -> None:
    old = os.umask(0o022)
    try:
        build(library(tmp_path))
    finally:
        os.umask(old)
    for path in (english(), polish()):
        assert path.is_relative_to(expander_home)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_dir().stat().st_mode) == 0o700


def test_forgetting_the_snippet_vectors_forgets_the_classifiers_too(tmp_path: Path) -> None:
    build(library(tmp_path))
    forget_snippet_vectors()
    assert files(cache_dir()) == []


def learned_library(tmp_path: Path) -> tuple[expander.Library, LearnedExamples]:
    """The library with one accepted English e-mail (masked), and its store."""
    lib = library(tmp_path, include_user=True)
    accept(lib, "late", EMAIL)
    learned = learned_examples(lib)
    assert learned is not None
    return lib, learned


def build_learned(lib: expander.Library, learned: LearnedExamples, **options: Any) -> Suggester:
    return build(lib, learned=learned.by_snippet(), **options)


def test_classifiers_with_a_learned_e_mail_stay_beside_it_and_out_of_the_cache(
    tmp_path: Path, expander_home: Path
) -> None:
    lib, learned = learned_library(tmp_path)
    build(lib)  # the packs' classifiers, kept in the cache
    cached = {path: path.read_bytes() for path in (english(), polish())}
    reset()
    old = os.umask(0o022)
    try:
        first = state(build_learned(lib, learned, learned_folder=learned.derived_dir))
    finally:
        os.umask(old)
    assert fitted() == (2, 2)
    # the Polish ones too: their words' weights count the English e-mail's words
    folder = learned.derived_dir
    assert files(folder) == sorted([english().name, polish().name])
    assert folder.is_relative_to(expander_home)
    assert all(stat.S_IMODE((folder / name).stat().st_mode) == 0o600 for name in files(folder))
    assert {path: path.read_bytes() for path in cached} == cached  # the cache untouched
    reset()
    assert state(build_learned(lib, learned, learned_folder=folder)) == first
    assert fitted() == (0, 0)


def test_a_suggester_not_told_where_keeps_no_learned_classifier(tmp_path: Path) -> None:
    lib, learned = learned_library(tmp_path)
    build_learned(lib, learned)
    reset()
    build_learned(lib, learned)
    assert fitted() == (2, 2)
    assert files(cache_dir()) == [] and not learned.derived_dir.exists()


def test_an_example_removed_from_the_file_takes_its_classifiers_along(tmp_path: Path) -> None:
    lib, learned = learned_library(tmp_path)
    accept(lib, "zwrot", "Chcę zwrotu pieniędzy za zepsuty czajnik")
    build_learned(lib, learned, learned_folder=learned.derived_dir)
    names = (english().name, polish().name)
    before = {name: (learned.derived_dir / name).read_bytes() for name in names}
    lines = learned.path.read_text(encoding="utf-8").splitlines()
    learned.path.write_text(lines[1] + "\n", encoding="utf-8")  # the English one removed
    reset()
    build_learned(lib, learned, learned_folder=learned.derived_dir)
    assert fitted() == (2, 2)  # English: one example fewer; Polish: the words' weights
    for name, data in before.items():
        assert (learned.derived_dir / name).read_bytes() != data  # replaced


def test_deleting_the_learned_examples_deletes_their_classifiers(tmp_path: Path) -> None:
    lib, learned = learned_library(tmp_path)
    build_learned(lib, learned, learned_folder=learned.derived_dir)
    assert files(learned.derived_dir)
    learned.path.unlink()  # the agent deletes what was learned
    forget_in_memory()
    suggester_for(library(tmp_path, include_user=True))
    assert not learned.derived_dir.exists()
