"""A pasted e-mail of any size is read only up to expander.email.limit's limit, and one
"word" of any length costs the multilingual tokenizer a bounded amount (session 31:
a 1 MB line took 76 s and 5 GB, 10 MB of text 80 s)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import expander
from expander.email.limit import MAX_EMAIL_CHARS, within_limit
from expander.suggest import ranker, suggest
from expander.suggest.e5 import MAX_TOKENS, MODEL_DIR, UnigramTokenizer
from expander.suggest.learning import LearnedExamples


def test_a_short_email_is_read_whole() -> None:
    text = "Hello,\nwhere is my order 12345?\nAnna\n"
    assert within_limit(text) is text
    exact = "x" * MAX_EMAIL_CHARS
    assert within_limit(exact) is exact


def test_a_long_email_is_cut_after_its_last_whole_line() -> None:
    line = "where is my order 12345, it is late\n"
    text = line * (2 * MAX_EMAIL_CHARS // len(line))
    cut = within_limit(text)
    assert len(cut) <= MAX_EMAIL_CHARS
    assert cut.endswith("\n") and text.startswith(cut)
    assert len(cut) > MAX_EMAIL_CHARS - len(line)


def test_a_long_line_without_breaks_is_cut_at_the_limit() -> None:
    assert within_limit("x" * (3 * MAX_EMAIL_CHARS)) == "x" * MAX_EMAIL_CHARS


def test_the_ranker_reads_no_more_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    library = expander.load()
    read: list[int] = []
    clean_email = ranker.clean_email

    def counting(text: str) -> Any:
        read.append(len(text))
        return clean_email(text)

    monkeypatch.setattr(ranker, "clean_email", counting)
    email = "Hello, where is my parcel? The tracking shows nothing.\n" * 40_000
    suggest(library, email, 3, min_score=0)
    assert read and max(read) <= MAX_EMAIL_CHARS


def test_a_learned_example_reads_no_more_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from expander.suggest import learning

    read: list[int] = []
    mask_email = learning.mask_email

    def counting(email: str, *args: Any, **kwargs: Any) -> str:
        read.append(len(email))
        return mask_email(email, *args, **kwargs)

    monkeypatch.setattr(learning, "mask_email", counting)
    examples = LearnedExamples(tmp_path / "learned.jsonl")
    stored = examples.add("tracking-en", "Where is my parcel?\n" + "y" * (5 * MAX_EMAIL_CHARS))
    assert stored is not None and stored.text.startswith("Where is my parcel?")
    assert read == [len("Where is my parcel?\n")]  # up to the last line break in the limit


@pytest.fixture(scope="module")
def tokenizer() -> UnigramTokenizer:
    return UnigramTokenizer.from_file(MODEL_DIR / "tokenizer.tsv")


def test_a_huge_word_cuts_a_bounded_number_of_spans(
    tokenizer: UnigramTokenizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_up: list[int] = []
    ids = tokenizer.vocabulary.ids

    def counting(texts: list[str]) -> Any:
        looked_up.append(len(texts))
        return ids(texts)

    monkeypatch.setattr(tokenizer.vocabulary, "ids", counting)
    longest = max(len(p) for p in tokenizer.ids)
    word = "abcdefghij" * 30_000  # 300,000 characters, not one space
    encoded = tokenizer.encode(f"query: {word} where is my order")
    assert len(encoded) == MAX_TOKENS
    assert sum(looked_up) <= (MAX_TOKENS * longest + 64) * longest


def test_words_under_the_cut_are_tokenized_as_before(tokenizer: UnigramTokenizer) -> None:
    # a long URL, a base64 run: pieces as when the whole word is cut
    for word in ("https://example.com/" + "track/abc123" * 40, "QUJD" * 2000):
        whole = tokenizer._cut_words([word])[0]
        assert tokenizer.encode(word) == [tokenizer.start, *whole[: MAX_TOKENS - 2], tokenizer.end]
