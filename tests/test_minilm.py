"""The bundled English sentence encoder (expander/minilm.py) and its use by the suggester."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import expander
from expander.minilm import (
    MODEL_DIR,
    MiniLMEncoder,
    WordPieceTokenizer,
    english_encoder,
    load_encoder,
)
from expander.suggest import Suggester, default_embedder

# Token ids from Hugging Face tokenizers 0.23.3 with the model's own tokenizer.json
# (BertNormalizer lowercase + strip accents, BertPreTokenizer, WordPiece, [CLS]/[SEP]).
# The same comparison on 13,098 texts (BANKING77 and tests/data) found no difference.
REFERENCE_IDS = [
    (
        "Where is my parcel? Order #48213, placed 3 days ago.",
        [101, 2073, 2003, 2026, 20463, 1029, 2344, 1001, 4466, 17465, 2509, 1010, 2872, 1017,
         2420, 3283, 1012, 102],
    ),
    (
        "Zażółć gęślą jaźń: zamówienie ZAM/2024/0815",
        [101, 23564, 6844, 18818, 2278, 16216, 14540, 2050, 14855, 2480, 2078, 1024, 23564,
         5302, 9148, 18595, 2063, 23564, 2213, 1013, 16798, 2549, 1013, 5511, 16068, 102],
    ),
    (
        "Посылка № 77-1932 не пришла, ёлки!",
        [101, 1194, 14150, 29747, 29113, 29436, 28598, 1578, 6255, 1011, 4673, 1192, 15290,
         1194, 16856, 10325, 29753, 29436, 10260, 1010, 1185, 29436, 23925, 10325, 999, 102],
    ),
    ("Thanks 😀 naïve café", [101, 4283, 100, 15743, 7668, 102]),
    ("中文 test\u200b\u00ad\x00x\ttab", [101, 1746, 1861, 3231, 2595, 21628, 102]),
    ("don't $100+ ^_^ ¿qué?", [101, 2123, 1005, 1056, 1002, 2531, 1009, 1034, 1035, 1034, 1094,
                               10861, 1029, 102]),
    ("a" * 101 + " ok", [101, 100, 7929, 102]),
]  # fmt: skip


@pytest.fixture(scope="module")
def tokenizer() -> WordPieceTokenizer:
    return WordPieceTokenizer.from_file(MODEL_DIR / "vocab.txt")


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    loaded = english_encoder()
    assert loaded is not None, "the English encoder ships with the package"
    return loaded


@pytest.mark.parametrize(("text", "ids"), REFERENCE_IDS)
def test_tokenizer_gives_the_reference_ids(
    tokenizer: WordPieceTokenizer, text: str, ids: list[int]
) -> None:
    assert tokenizer.encode(text) == ids


def test_long_texts_are_cut_to_256_tokens(tokenizer: WordPieceTokenizer) -> None:
    ids = tokenizer.encode("parcel " * 1000)
    assert len(ids) == 256
    assert (ids[0], ids[-1]) == (tokenizer.start, tokenizer.end)
    assert tokenizer.encode("") == [tokenizer.start, tokenizer.end]


def test_vectors_are_unit_length_and_paraphrases_are_closest(encoder: MiniLMEncoder) -> None:
    vectors = encoder.encode(
        [
            "My new card still hasn't arrived.",
            "Where is the card you sent me? It's been two weeks.",
            "What exchange rate do you use for euros?",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    similar, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert similar > unrelated + 0.3


def test_a_texts_vector_does_not_depend_on_the_texts_beside_it(encoder: MiniLMEncoder) -> None:
    # the activations are quantised per input: texts are run one by one, so that the
    # index's vectors are the ones the same texts get as queries
    texts = ["Refund?", "I returned the shoes two weeks ago and the money is not back yet.", "ok"]
    together = encoder.encode(texts * 5)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert np.array_equal(together[:3], alone) and np.array_equal(together[-3:], alone)


def test_a_missing_or_damaged_model_is_left_out(tmp_path: Path) -> None:
    assert load_encoder(tmp_path) is None
    with pytest.raises(FileNotFoundError, match="model-int8.onnx"):
        MiniLMEncoder(tmp_path)
    shutil.copy(MODEL_DIR / "vocab.txt", tmp_path)
    (tmp_path / "model-int8.onnx").write_bytes(b"not a model")
    assert load_encoder(tmp_path) is None


def test_english_snippets_use_the_english_encoder_and_the_rest_the_multilingual_one() -> None:
    library = expander.load()
    suggester = Suggester(library)
    english = [(s.language or "").startswith("en") for s in suggester.snippets]
    by_encoder = {id(space.embedder): space.members for space in suggester._spaces}  # noqa: SLF001
    assert set(by_encoder) == {id(english_encoder()), id(default_embedder())}
    assert list(by_encoder[id(english_encoder())]) == english
    assert list(by_encoder[id(default_embedder())]) == [not e for e in english]
    # without it (embedders={}), every snippet is in the multilingual space
    plain = Suggester(library, embedders={})
    assert [id(space.embedder) for space in plain._spaces] == [id(default_embedder())]  # noqa: SLF001
    # lexical only stays lexical
    assert Suggester(library, embedder=None)._spaces == []  # noqa: SLF001
