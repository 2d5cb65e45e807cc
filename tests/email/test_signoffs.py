"""Sign-off phrases: each recognised, with and without diacritics, and split from a name."""

from __future__ import annotations

import pytest

from expander.email.signoffs import SIGN_OFFS, split_sign_off


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Best regards,", ("Best regards", "")),
        ("Thanks, Anna", ("Thanks", "Anna")),
        ("Thanks again!", ("Thanks again", "")),
        ("Dzięki :)", ("Dzięki", "")),
        ("Z poważaniem, Jan Kowalski", ("Z poważaniem", "Jan Kowalski")),
        ("Z powazaniem", ("Z powazaniem", "")),
        ("С уважением, Иван", ("С уважением", "Иван")),
        ("Спасибо большое!", ("Спасибо большое", "")),
        ("Большое спасибо", ("Большое спасибо", "")),
        ("Regarding my order", None),
        ("Bestellung 123", None),
        ("Thanksgiving sale?", None),
    ],
)
def test_split_sign_off(line: str, expected: tuple[str, str] | None) -> None:
    got = split_sign_off(line)
    if expected is None:
        assert got is None
    else:
        assert got is not None
        assert got[0].rstrip(",.!") == expected[0]
        assert got[1] == expected[1]


def test_every_sign_off_is_recognised_with_and_without_diacritics() -> None:
    table = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻё", "acelnoszzACELNOSZZе")
    for phrase in SIGN_OFFS:
        for variant in (phrase, phrase.capitalize() + ",", phrase.translate(table)):
            assert split_sign_off(variant) is not None, variant
