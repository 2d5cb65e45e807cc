"""The three text folds (``expander.textfold``) and the promise each one keeps."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expander.textfold import fold_loose, fold_same_length, latin_to_cyrillic, lower_char


@pytest.mark.parametrize(
    ("ch", "folded"),
    [("A", "a"), ("Ą", "ą"), ("Ж", "ж"), ("ą", "ą"), ("1", "1"), (" ", " "), ("İ", "İ")],
)
def test_lower_char_lowers_one_character_unless_it_would_grow(ch: str, folded: str) -> None:
    assert lower_char(ch) == folded


def test_lower_char_keeps_diacritics_and_yo() -> None:
    assert [lower_char(ch) for ch in "ŁÓDŹЁ"] == list("łódźё")


@given(st.characters())
def test_lower_char_always_gives_one_character(ch: str) -> None:
    assert len(lower_char(ch)) == 1


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zażółć GĘŚLĄ jaźń", "zazolc gesla jazn"),
        ("Pozdrawiam, Łukasz", "pozdrawiam, lukasz"),
        ("İstanbul", "İstanbul"),  # "İ".lower() is two characters: kept as it is
        ("STRASSE Straße", "strasse straße"),  # no case folding: ß stays one character
        ("Café", "café"),  # only Polish letters and ё lose their marks
    ],
)
def test_fold_same_length(text: str, folded: str) -> None:
    assert fold_same_length(text) == folded


def test_fold_same_length_turns_yo_into_the_latin_e() -> None:
    """As email/clean.py has always done: the ASCII "e", not the Cyrillic "е"."""
    assert fold_same_length("Ё") == fold_same_length("ё") == "e"
    assert fold_same_length("Ёж").startswith("e")
    assert fold_same_length("ёж") != "еж"  # Cyrillic е (U+0435) is not what comes out


@given(st.text())
def test_fold_same_length_keeps_every_offset(text: str) -> None:
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert [i for i, ch in enumerate(text) if ch == "\n"] == [
        i for i, ch in enumerate(folded) if ch == "\n"
    ]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zażółć GĘŚLĄ jaźń", "zazolc gesla jazn"),
        ("Ёлка и ЁЖ", "елка и еж"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),  # case folding may lengthen
        ("Café naïve", "cafe naive"),  # every diacritic goes
        ("ﬁle", "file"),  # compatibility forms are decomposed
        ("Йогурт", "иогурт"),  # й is и with a breve
    ],
)
def test_fold_loose(text: str, folded: str) -> None:
    assert fold_loose(text) == folded


@given(st.text())
def test_fold_loose_leaves_no_combining_mark_and_no_upper_case_yo(text: str) -> None:
    folded = fold_loose(text)
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert "ё" not in folded and "Ё" not in folded and "ł" not in folded


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("moy zakaz ne prishel", "мой заказ не пришел"),
        ("Zdravstvuyte, posylka", "здравствуйте, посылка"),  # й after a vowel, ы after not
        ("shchi, schet, zhdu, khorosho", "щи, щет, жду, хорошо"),  # the longest first
        ("yula yaschik yolka yest", "юла ящик ёлка ест"),
        ("jula jama", "юла яма"),
        ("taksi x", "такси кс"),  # "x" is two letters
        ("pis'mo", "письмо"),
        ("yy", "ый"),  # ы where nothing comes before, then й after that vowel
        ("zakaz 49987\n№", "заказ 49987\n№"),  # anything else stays
    ],
)
def test_latin_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin) == cyrillic
