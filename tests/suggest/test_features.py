"""What the lexical ranking sees in a text (expander/suggest/features.py)."""

from __future__ import annotations

import pytest


def test_a_stemmer_release_without_polish_leaves_polish_words_unstemmed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # snowballstemmer 2.2 raises KeyError for "polish": suggestions must still work
    import snowballstemmer

    from expander.suggest import features

    real = snowballstemmer.stemmer

    def without_polish(lang: str) -> object:
        if lang == "polish":
            raise KeyError(lang)
        return real(lang)

    monkeypatch.setattr(snowballstemmer, "stemmer", without_polish)
    features._stemmers.cache_clear()
    try:
        assert "polish" not in features._stemmers()
        assert features.word_features("Gdzie jest moja paczka?", "pl")
    finally:
        features._stemmers.cache_clear()


def test_two_threads_stemming_at_once_get_the_stems_one_thread_gets() -> None:
    # the app builds an index at start and another when a team pack is updated,
    # both at once: with the stemmers shared unguarded, stems came out wrong or
    # stemWord raised IndexError (a few of 6,000 words)
    import sys
    import threading

    from expander.suggest import features

    words = [f"przesyłkami{i}x" for i in range(3000)] + [f"отправлениями{i}" for i in range(3000)]
    expected = {word: features.stem.__wrapped__(word, "pl") for word in words}  # uncached
    got: dict[str, str] = {}
    failures: list[BaseException] = []

    def stem_all(some: list[str]) -> None:
        try:
            got.update({word: features.stem(word, "pl") for word in some})
        except Exception as error:
            failures.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the threads change hands as often as they can
    try:
        threads = [threading.Thread(target=stem_all, args=(words[i::2],)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
        features.stem.cache_clear()  # the stems of these made-up words go
    assert failures == []
    assert got == expected


def test_shouted_words_are_read_in_lower_case_and_short_acronyms_stay() -> None:
    from expander.suggest.features import prepare_query, unshouted

    assert unshouted("PROSZĘ NIE WYSYŁAĆ, status DOSTARCZONA") == (
        "proszę nie wysyłać, status dostarczona"
    )
    assert unshouted("ЗАКАЗ НЕ ПРИШЁЛ") == "заказ не пришёл"
    assert unshouted("I am VERY angry. OK?") == "I am very angry. OK?"
    assert unshouted("Sent by DPD, SMS and VAT invoice, iPhone, McDonald") == (
        "Sent by DPD, SMS and VAT invoice, iPhone, McDonald"
    )
    query, language = prepare_query("WHERE IS MY ORDER 48213? It was DELIVERED they say")
    assert query == "where is my order 48213? It was delivered they say"
    assert language == "en"
