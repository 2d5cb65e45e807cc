"""The bundled multilingual sentence encoder (expander/suggest/e5.py)."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import numpy as np
import pytest

from expander.suggest import onnxrun
from expander.suggest.e5 import (
    MODEL_DIR,
    E5Encoder,
    UnigramTokenizer,
    load_e5,
    multilingual_encoder,
)
from expander.suggest.minilm import MiniLMEncoder
from expander.suggest.onnxrun import OnnxSentenceEncoder, mapped_tables

# Upstream pieces of e-mails in en/pl/ru and edge cases, from SentencePiece itself
# on the full 250,002-piece vocabulary (tests/data/e5_tokens.json says how).
REFERENCE = json.loads(
    (Path(__file__).parents[1] / "data" / "e5_tokens.json").read_text(encoding="utf-8")
)["texts"]


@pytest.fixture(scope="module")
def tokenizer() -> UnigramTokenizer:
    return UnigramTokenizer.from_file(MODEL_DIR / "tokenizer.tsv")


@pytest.fixture(scope="module")
def encoder() -> E5Encoder:
    loaded = multilingual_encoder()
    assert loaded is not None, "the multilingual encoder ships with the package"
    return loaded


def piece_names(tokenizer: UnigramTokenizer) -> dict[int, str]:
    return {index: piece for piece, index in tokenizer.ids.items()} | {3: "<unk>"}


def test_the_tokenizer_cuts_texts_as_sentencepiece_does(tokenizer: UnigramTokenizer) -> None:
    # Where the trimmed vocabulary keeps every upstream piece of a text, the best
    # cut over it is upstream's: the ids must give upstream's pieces exactly.
    names = piece_names(tokenizer)
    kept = [t for t in REFERENCE if all(p in tokenizer.ids or p == "<unk>" for p in t["pieces"])]
    assert len(kept) >= 0.9 * len(REFERENCE)
    for text in kept:
        assert [names[i] for i in tokenizer.pieces(text["text"])] == text["pieces"], text["text"]


def test_edge_cases_of_normalisation_are_in_the_reference(tokenizer: UnigramTokenizer) -> None:
    texts = {t["text"] for t in REFERENCE}
    assert "tabs\tand\nnew  lines   and\u00a0spaces " in texts  # white space folded
    assert any("\u200b" in t for t in texts)  # zero-width characters
    assert any("ｆｕｌｌ" in t for t in texts)  # NFKC
    names = piece_names(tokenizer)
    assert [names[i] for i in tokenizer.pieces("a\x00\x07b")] == ["▁ab"]


def test_a_trimmed_piece_falls_back_to_smaller_pieces_and_unknown_runs_are_one_unk(
    tokenizer: UnigramTokenizer,
) -> None:
    assert "▁日本" not in tokenizer.ids  # Japanese is trimmed away
    ids = tokenizer.pieces("日本語 ok")
    assert ids[:2] == [tokenizer.ids["▁"], tokenizer.unknown]
    assert ids.count(tokenizer.unknown) == 1


def test_texts_are_cut_to_512_tokens_with_start_and_end(tokenizer: UnigramTokenizer) -> None:
    ids = tokenizer.encode("paczka " * 1000)
    assert len(ids) == 512 and (ids[0], ids[-1]) == (0, 2)
    assert tokenizer.encode("") == [0, 2]


REPLIES_AND_REQUESTS = {
    "en": (
        ["Your parcel is delayed and will arrive in two days", "How to get a refund",
         "Resetting the password of your account"],
        ["Where is my package? It should have come yesterday.", "I want my money back.",
         "I forgot my password and cannot log in."],
    ),
    "pl": (
        ["Twoja paczka jest opóźniona i dotrze za dwa dni", "Jak otrzymać zwrot pieniędzy",
         "Resetowanie hasła do konta"],
        ["Gdzie jest moja przesyłka? Miała być wczoraj.", "Chcę odzyskać pieniądze.",
         "Nie pamiętam hasła i nie mogę się zalogować."],
    ),
    "ru": (
        ["Ваша посылка задерживается и придёт через два дня", "Как вернуть деньги",
         "Сброс пароля от личного кабинета"],
        ["Где мой заказ? Он должен был прийти вчера.", "Хочу получить деньги обратно.",
         "Забыл пароль и не могу войти."],
    ),
}  # fmt: skip


@pytest.mark.parametrize("language", list(REPLIES_AND_REQUESTS))
def test_vectors_are_unit_length_and_requests_find_their_reply(
    encoder: E5Encoder, language: str
) -> None:
    replies, requests = REPLIES_AND_REQUESTS[language]
    passages, queries = encoder.encode(replies), encoder.encode_queries(requests)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1, atol=1e-3)
    assert list((queries @ passages.T).argmax(axis=1)) == [0, 1, 2]


def test_a_query_and_a_passage_of_one_text_differ_by_their_prefix(encoder: E5Encoder) -> None:
    text = "Where is my parcel?"
    passage, query = encoder.encode([text])[0], encoder.encode_queries([text])[0]
    assert encoder.token_ids("passage: " + text) != encoder.token_ids("query: " + text)
    assert not np.allclose(passage, query)
    assert 0.8 < float(passage @ query) < 1


def test_a_missing_or_damaged_model_is_left_out(tmp_path: Path) -> None:
    assert load_e5(tmp_path) is None
    with pytest.raises(FileNotFoundError, match="model-int8.onnx"):
        E5Encoder(tmp_path)
    shutil.copy(MODEL_DIR / "tokenizer.tsv", tmp_path)
    (tmp_path / "model-int8.onnx").write_bytes(b"not a model")
    assert load_e5(tmp_path) is None


@pytest.mark.parametrize(
    ("encoder_class", "table"),
    [(E5Encoder, "table"), (MiniLMEncoder, "bert.embeddings.word_embeddings.weight_quantized")],
)
def test_the_word_table_is_mapped_from_the_model_file_and_gives_the_same_vectors(
    encoder_class: type[OnnxSentenceEncoder], table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the table is read from the file as runs need its rows, not copied in whole
    mapped = encoder_class()  # type: ignore[call-arg]
    assert list(mapped._mapped) == [table]  # noqa: SLF001
    monkeypatch.setattr(onnxrun, "mapped_tables", lambda model: [])
    copied = encoder_class()  # type: ignore[call-arg]
    assert copied._mapped == {}  # noqa: SLF001
    texts = ["Dzień dobry, gdzie jest moja paczka?", "Хочу вернуть куртку", "Where is my order?"]
    assert np.array_equal(mapped.encode(texts), copied.encode(texts))


def test_only_large_tables_of_a_model_file_are_mapped(tmp_path: Path) -> None:
    (name, array), *others = mapped_tables(MODEL_DIR / "model-int8.onnx")
    assert (name, array.shape, array.dtype, others) == ("table", (46730, 384), np.int8, [])
    assert not array.flags.writeable
    assert mapped_tables(MODEL_DIR / "model-int8.onnx", at_least=10**9) == []
    for junk in (b"", b"not a model", b"\x3a\xff\xff\xff\x0f"):
        (tmp_path / "model.onnx").write_bytes(junk)
        assert mapped_tables(tmp_path / "model.onnx") == []


def resident_kb(path: Path) -> int:
    """Resident KB of this process's mappings of ``path`` (/proc/self/smaps)."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if "-" in fields[0] and len(fields) >= 5:  # a mapping's header line
            inside = len(fields) >= 6 and fields[5] == str(path.resolve())
        elif inside and fields[0] == "Rss:":
            total += int(fields[1])
    return total


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="Linux's /proc/self/smaps")
def test_the_mapped_table_leaves_resident_memory_when_freed_memory_is_released(
    encoder: E5Encoder,
) -> None:
    model = MODEL_DIR / "model-int8.onnx"
    data = Path(__file__).parents[1] / "data" / "emails"
    emails = [
        email["text"]
        for language in ("en", "pl", "ru")
        for email in tomllib.loads((data / f"{language}.toml").read_text("utf-8"))["emails"]
    ]
    onnxrun.drop_mapped_pages()
    before = resident_kb(model)
    encoder.encode_queries(emails)  # the rows of thousands of words: read from the file
    read = resident_kb(model)
    onnxrun.release_freed_memory()  # what the app does after a suggestion or a build
    after = resident_kb(model)
    assert read > before + 1_000 and after < read - 1_000, (before, read, after)
    assert np.isfinite(encoder.encode_queries(["Где моя посылка?"])).all()  # read again


def test_an_index_build_encodes_e5_passages_on_one_thread(
    encoder: E5Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # two long passages at once took the app's first start to a 330 MiB peak
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a thread pool was started")

    monkeypatch.setattr(onnxrun, "ThreadPoolExecutor", no_pool)
    vectors = encoder.encode([f"Zwrot towaru numer {n}" for n in range(300)])
    assert vectors.shape == (300, 384) and np.isfinite(vectors).all()


def test_a_long_encode_releases_freed_memory_as_it_goes_and_a_query_does_not(
    encoder: E5Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a cold index build grew 50-80 MiB of freed heap and table pages above
    # what it keeps when released only at its end
    calls: list[int] = []
    monkeypatch.setattr(onnxrun, "release_freed_memory", lambda: calls.append(1))
    texts = [f"Zwrot towaru numer {n}" for n in range(40)]
    vectors = encoder.encode(texts)
    assert len(calls) >= 10  # every 4 texts
    calls.clear()
    encoder.encode_queries(["Где моя посылка?"])
    assert calls == []
    assert np.array_equal(vectors[7], encoder.encode([texts[7]])[0])  # the same vectors


def test_glibc_keeps_less_freed_memory_during_a_long_encode_only(
    encoder: E5Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # during an index build blocks of 1 MiB and more go back to the system when
    # freed; after it glibc's usual limits return, so a query reuses its memory
    settings: list[tuple[int, int]] = []

    class FakeLibc:
        def mallopt(self, option: int, value: int) -> int:
            settings.append((option, value))
            return 1

        def malloc_trim(self, pad: int) -> int:
            return 0

    monkeypatch.setattr(onnxrun, "_glibc", FakeLibc)
    encoder.encode_queries(["Где моя посылка?"])
    assert settings == []
    encoder.encode([f"Zwrot towaru numer {n}" for n in range(12)])
    mmap_threshold = -3  # M_MMAP_THRESHOLD in glibc's malloc.h
    assert [value for option, value in settings if option == mmap_threshold] == [1 << 20, 32 << 20]
