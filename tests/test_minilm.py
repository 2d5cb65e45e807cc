"""The bundled English sentence encoder (expander/suggest/minilm.py) and the suggester's use."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import expander
import expander.suggest.ranker
from expander.suggest.minilm import (
    MODEL_DIR,
    MiniLMEncoder,
    WordPieceTokenizer,
    english_encoder,
    load_encoder,
)
from expander.suggest.ranker import Suggester, default_embedder, forget_snippet_vectors

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"

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
    alone = np.vstack([encoder.encode([t]) for t in texts])
    for copies in (5, 45):  # 135 texts are spread over threads, where there are 2 cores
        together = encoder.encode(texts * copies)
        assert np.array_equal(together, np.vstack([alone] * copies))


def test_a_missing_or_damaged_model_is_left_out(tmp_path: Path) -> None:
    assert load_encoder(tmp_path) is None
    with pytest.raises(FileNotFoundError, match="model-int8.onnx"):
        MiniLMEncoder(tmp_path)
    shutil.copy(MODEL_DIR / "vocab.txt", tmp_path)
    (tmp_path / "model-int8.onnx").write_bytes(b"not a model")
    assert load_encoder(tmp_path) is None


class Counting:
    """An encoder that counts the texts it is asked to encode."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.texts = 0

    def encode(self, texts: list[str]) -> Any:
        self.texts += len(texts)
        return self.inner.encode(texts)


@pytest.fixture(scope="module")
def bundled() -> expander.Library:
    return expander.load()


def english_only() -> expander.Library:
    return expander.load(SNIPPETS / "en.toml", include_bundled=False)


def test_english_snippets_get_the_english_encoder_and_the_rest_the_multilingual_one(
    bundled: expander.Library,
) -> None:
    suggester = Suggester(bundled)
    english = [s.language == "en" for s in suggester.snippets]
    assert any(english) and not all(english)
    spaces = suggester._by_language  # noqa: SLF001
    assert list(spaces) == ["en"]
    assert spaces["en"].embedder is english_encoder()
    assert list(spaces["en"].members) == english
    multilingual = suggester._multilingual  # noqa: SLF001
    assert multilingual is not None and multilingual.embedder is default_embedder()
    assert list(multilingual.members) == [not e for e in english]
    # the English snippets join the multilingual space when an e-mail in another
    # language comes, to be matched across languages
    assert suggester._across is None  # noqa: SLF001
    suggester.scores("Dzień dobry, paczka nadal nie dotarła.")
    across = suggester._across  # noqa: SLF001
    assert across is not None and across.embedder is default_embedder()
    assert list(across.members) == english


@pytest.mark.parametrize(
    ("email", "english_runs", "multilingual_runs"),
    [
        ("Hi, my parcel still hasn't arrived. Where is it?", 1, 1),
        ("Dzień dobry, paczka nadal nie dotarła. Gdzie jest?", 0, 1),
        ("Здравствуйте, посылка до сих пор не пришла.", 0, 1),
    ],
)
def test_a_query_runs_the_english_encoder_only_when_it_may_be_english(
    bundled: expander.Library, email: str, english_runs: int, multilingual_runs: int
) -> None:
    english, multilingual = Counting(english_encoder()), Counting(default_embedder())
    suggester = Suggester(bundled, embedder=multilingual, embedders={"en": english})
    suggester.scores(email)  # the first one in Polish or Russian embeds the English snippets
    english.texts = multilingual.texts = 0
    suggester.scores(email)
    assert (english.texts, multilingual.texts) == (english_runs, multilingual_runs)


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("Dzień dobry, chcę anulować zamówienie, już go nie potrzebuję.", "cancel-order-en"),
        ("Здравствуйте, хочу вернуть куртку, она не подошла по размеру.", "return-en"),
    ],
)
def test_english_snippets_still_answer_e_mails_in_other_languages(
    email: str, expected: str
) -> None:
    # a team with English replies only: the multilingual encoder matches across languages
    best = english_only().suggest(email, 1, min_score=0)[0]
    assert best.snippet.id == expected


def test_language_codes_are_compared_by_their_base(tmp_path: Path) -> None:
    text = (SNIPPETS / "en.toml").read_text(encoding="utf-8")
    files = []
    for name, language_line in [("gb", 'language = "EN-GB"\n'), ("none", "")]:
        pack = text.replace('name = "support-en"', f'name = "support-{name}"')
        pack = pack.replace('language = "en"\n', language_line)
        for old, new in [('id = "', 'id = "{}-'), ('trigger = ";', 'trigger = ";{}'),
                         ("{snippet:", "{{snippet:{}-")]:  # fmt: skip
            pack = pack.replace(old, new.format(name))
        files.append(tmp_path / f"{name}.toml")
        files[-1].write_text(pack, encoding="utf-8")
    library = expander.load(*files, include_bundled=False, strict=True)
    suggester = Suggester(library)
    in_english_space = suggester._by_language["en"].members  # noqa: SLF001
    for index, snippet in enumerate(suggester.snippets):
        assert in_english_space[index] == snippet.id.startswith("gb-"), snippet.id
    # an "EN-GB" snippet is not penalised as another language for an English e-mail
    best = suggester.suggest("Hi, where is my parcel? It has not arrived yet.", 1, min_score=0)
    assert best[0].snippet.id.startswith("gb-")


def test_without_the_english_encoder_english_uses_the_multilingual_one(
    bundled: expander.Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(expander.suggest.ranker, "english_encoder", lambda: None)
    suggester = Suggester(bundled)
    assert suggester._by_language == {}  # noqa: SLF001
    best = suggester.suggest("Hi, where is my parcel? It has not arrived yet.", 1)
    assert best and best[0].snippet.id in {"order-delayed-en", "tracking-en"}
    # and ranking on words alone loads no encoder at all
    assert Suggester(bundled, embedder=None)._spaces == []  # noqa: SLF001


def test_english_snippets_and_queries_never_run_the_multilingual_encoder() -> None:
    # neither to build the index nor for a query (the 5 ms budget, and half the
    # build time of an English library)
    english, multilingual = Counting(english_encoder()), Counting(default_embedder())
    suggester = Suggester(english_only(), embedder=multilingual, embedders={"en": english})
    built = english.texts
    suggester.scores("Where is my parcel? It has not arrived yet.")
    assert (english.texts - built, multilingual.texts) == (1, 0)


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


def test_a_rebuilt_index_encodes_only_the_new_texts() -> None:
    # after an accepted suggestion the index is rebuilt with one more example
    library = english_only()
    english, multilingual = Counting(english_encoder()), Counting(default_embedder())
    first = Suggester(library, embedder=multilingual, embedders={"en": english})
    assert english.texts > 100
    english.texts = 0
    learned = {"return-en": ["Can I send the lamp back? It is too bright for the room."]}
    again = Suggester(library, learned=learned, embedder=multilingual, embedders={"en": english})
    assert (english.texts, multilingual.texts) == (1, 0)
    # and ranks as a fresh build does
    email = "Hi, the lamp is far too bright, how do I return it?"
    forget_snippet_vectors()
    fresh = Suggester(library, learned=learned, embedder=multilingual, embedders={"en": english})
    assert np.array_equal(again.scores(email), fresh.scores(email))
    assert not np.array_equal(first.scores(email), fresh.scores(email))  # the example counts
