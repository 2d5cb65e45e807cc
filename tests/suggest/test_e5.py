"""The bundled multilingual sentence encoder (expander/suggest/e5.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from expander.suggest.e5 import (
    MODEL_DIR,
    E5Encoder,
    UnigramTokenizer,
    load_e5,
    multilingual_encoder,
)

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
