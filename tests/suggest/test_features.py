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
