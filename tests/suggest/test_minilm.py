"""The bundled English sentence encoder (expander/suggest/minilm.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from expander.suggest import minilm
from expander.suggest.minilm import (
    MODEL_DIR,
    MiniLMEncoder,
    WordPieceTokenizer,
    english_encoder,
    load_encoder,
)

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
    # control characters that str.isspace() calls spaces are dropped, as BERT does
    ("a\x0cb c\x85d e\x1ff\x0bg", [101, 11113, 3729, 1041, 2546, 2290, 102]),
    # one letter at a time: a word-final capital sigma lowers to σ, not ς
    ("ΟΔΟΣ ΣΟΦΙΑ İstanbul", [101, 1169, 29722, 29730, 29733, 1173, 29730, 29736, 27432, 9960, 102]),
    ("x\u2028y\u3000z\u00a0w", [101, 1060, 1061, 1062, 1059, 102]),
    # ASCII is cleaned and lowered at once (ids from the rules applied one character at
    # a time, as before: tab, CR and LF are spaces, the other controls dropped)
    ("Tab\there\r\nNEW\x0bline\x1fend\x7fdel, OK?",
     [101, 21628, 2182, 2047, 4179, 10497, 9247, 1010, 7929, 1029, 102]),
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


def test_a_full_table_of_cleaned_characters_cleans_the_same(
    tokenizer: WordPieceTokenizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Characters past the table's limit are cleaned as they come, not kept: an
    e-mail of rare characters cannot grow it without end."""
    monkeypatch.setattr(minilm, "_CLEANED", minilm._CleanedCharacters())
    monkeypatch.setattr(minilm, "_CLEANED_KEPT", 3)
    for text, ids in REFERENCE_IDS:
        assert tokenizer.encode(text) == ids
    assert len(minilm._CLEANED) == 3


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
    alone = np.vstack([encoder.encode([t]) for t in texts])
    for copies in (5, 45):  # 135 texts are spread over threads, where there are 2 cores
        together = encoder.encode(texts * copies)
        assert np.array_equal(together, np.vstack([alone] * copies))


def test_a_texts_vector_does_not_depend_on_the_threads_that_encode_it(
    encoder: MiniLMEncoder,
) -> None:
    # a query runs on two threads where there are two cores; the vectors cached on
    # disk and the seed shipped with Expander may come from one
    texts = ["Refund?", "Where is my parcel? " * 40, "Zwrot pieniędzy za buty, zamówienie 49987."]
    one = MiniLMEncoder(threads=1).encode(texts)
    assert np.array_equal(MiniLMEncoder(threads=2).encode(texts), one)
    assert np.array_equal(encoder.encode(texts), one)


def test_a_missing_or_damaged_model_is_left_out(tmp_path: Path) -> None:
    assert load_encoder(tmp_path) is None
    with pytest.raises(FileNotFoundError, match="model-int8.onnx"):
        MiniLMEncoder(tmp_path)
    shutil.copy(MODEL_DIR / "vocab.txt", tmp_path)
    (tmp_path / "model-int8.onnx").write_bytes(b"not a model")
    assert load_encoder(tmp_path) is None


EXIT_WHILE_ENCODING = """
import sys, threading, time
from expander.suggest.minilm import english_encoder

def work():
    encoder = english_encoder()
    while True:
        encoder.encode(["Hello, where is my parcel? It has not arrived yet."] * int(sys.argv[2]))

threading.Thread(target=work, daemon=True).start()
time.sleep(float(sys.argv[1]))
"""


@pytest.mark.slow
@pytest.mark.parametrize(("delay", "texts"), [(0.05, 8), (0.3, 8), (1.0, 8), (1.0, 500)])
def test_the_process_exits_cleanly_while_a_daemon_thread_encodes(delay: float, texts: int) -> None:
    # the app builds its index in a daemon thread; quitting during the build used to
    # abort the process at exit ("terminate called without an active exception")
    proc = subprocess.run(
        [sys.executable, "-c", EXIT_WHILE_ENCODING, str(delay), str(texts)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    # with 500 texts the pool's threads are inside ONNX Runtime: they finish the
    # text at hand, not the whole list (about 1 s on two cores)


def test_encoding_during_the_exit_goes_on_one_by_one_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # at exit concurrent.futures refuses new work; the index thread encoding a batch
    # then printed "Exception in thread ... RuntimeError" (seen under load)
    import expander.suggest.onnxrun as onnxrun

    encoder = english_encoder()
    assert encoder is not None
    texts = ["Where is my parcel?", "I want a refund.", "Хочу вернуть товар."] * 100
    expected = encoder.encode(texts)

    class Exiting:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __enter__(self) -> Exiting:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def map(self, *args: object) -> None:
            raise RuntimeError("cannot schedule new futures after interpreter shutdown")

    monkeypatch.setattr(onnxrun, "ThreadPoolExecutor", Exiting)
    assert np.array_equal(encoder.encode(texts), expected)


def test_words_cut_lately_are_remembered_and_cut_the_same() -> None:
    tokenizer = WordPieceTokenizer.from_file(MODEL_DIR / "vocab.txt")
    for text, ids in REFERENCE_IDS * 2:  # the second time from what it remembers
        assert tokenizer.encode(text) == ids
    assert tokenizer._recent  # what it remembers (the second pass read it from there)
