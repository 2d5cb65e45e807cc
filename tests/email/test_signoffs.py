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
        # the warm ones
        ("Love, Bev x", ("Love", "Bev x")),
        ("xoxo chloé", ("xoxo", "chloé")),
        ("Buziaki, Ola", ("Buziaki", "Ola")),
        ("Целую, тётя Рая", ("Целую", "тётя Рая")),
        ("Ваша Юля", ("Ваша", "Юля")),
        # one typo: a letter left out, added, changed, or two swapped
        ("Regrads,", ("Regrads", "")),
        ("Thnaks", ("Thnaks", "")),
        ("Kind Regard, Fiona", ("Kind Regard", "Fiona")),
        ("Pozdrawim", ("Pozdrawim", "")),
        ("С уваженем,", ("С уваженем", "")),
        ("Sincerly yours", ("Sincerly yours", "")),
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


@pytest.mark.parametrize(
    "line",
    [
        "Grazia",  # a first name a typo away from "grazie"
        "Danka",  # ... from "danke"
        "Rewarding experience",  # two typos from "regards"
        "Bset",  # four letters: too short to tell a typo ("Best")
        "Cheese, please",  # two letters changed ("Cheers")
        "Phanks",  # another first letter ("Thanks")
    ],
)
def test_a_typo_is_told_only_in_a_sign_off_of_five_letters_or_more(line: str) -> None:
    assert split_sign_off(line) is None
