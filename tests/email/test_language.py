"""Detecting the language of an e-mail: English, Polish, Russian, or unsure."""

from __future__ import annotations

import textwrap

import pytest

from expander.email.clean import clean_email
from expander.email.language import _CYRILLIC_LETTER, _LATIN_LETTER, detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Where is my parcel?", "en"),
        ("hi, any update on my refund", "en"),
        ("I ordered a blue dress but got a red one.", "en"),
        ("Gdzie jest moja paczka?", "pl"),
        ("Dzień dobry, kiedy wysyłka?", "pl"),
        ("dzien dobry, kiedy wysylka?", "pl"),
        ("prosze o zwrot pieniedzy za uszkodzony towar", "pl"),
        ("Witam", "pl"),
        ("Nie dostalem faktury", "pl"),
        ("Где мой заказ?", "ru"),
        ("еще не пришел", "ru"),
        ("Спасибо", "ru"),
        ("Zdravstvuyte, gde moy zakaz?", "ru"),
        # Russian in Latin letters around an English error message the site showed
        ('Hi, kupon v korzine ne rabotaet, pishet "this code is not valid for your cart"', "ru"),
        ("Oplata ne prohodit, pishet oshibka, deneg na karte hvataet. Chto delat?", "ru"),
        # Polish without diacritics, none of the words the older list knew
        ("czesc, mozecie sprawdzic co z kasa? brak na koncie", "pl"),
        ("kupilam buty, prawy nie dziala od poczatku, co robic", "pl"),
        ("My name is Łukasz Żółkiewski and my parcel from Kraków is late.", "en"),
        ("Wo ist meine Bestellung? Ich warte seit zwei Wochen.", None),
        ("Où est ma commande? J'attends depuis deux semaines.", None),
        ("Де моє замовлення? Чекаю вже два тижні.", None),
        ("OK", None),
        ("12345", None),
        ("", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_quote_in_another_language_does_not_change_detection() -> None:
    raw = textwrap.dedent(
        """\
        Dzien dobry, nadal czekam na zwrot pieniedzy.

        On Mon, 3 Nov 2025 at 10:15, Shop <help@shop.example> wrote:
        > Hello, thank you for your message. We have received your return and the refund
        > will be processed within the next five business days. If you have any other
        > questions about your order, please let us know and we will be happy to help.
        """
    )
    assert detect_language(raw) == "en"  # the whole thread would mislead
    assert detect_language(clean_email(raw).body) == "pl"


def test_email_addresses_and_urls_do_not_count_as_words() -> None:
    assert detect_language("jan.kowalski@wp.pl https://sklep.example/zamowienie") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Dzień dobry, chciałabym zwrócić źle dobrany rozmiar butów.",
        "Proszę o informację, kiedy zostanie wysłane moje zamówienie.",
        "Niestety paczka przyszła uszkodzona, w środku był rozbity wazon.",
        "Czy mogę zmienić adres dostawy na inny?",
    ],
)
def test_polish_without_diacritics_is_still_polish(sentence: str) -> None:
    stripped = sentence.translate(str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ"))
    assert detect_language(sentence) == "pl"
    assert detect_language(stripped) == "pl"


def test_russian_with_e_for_yo() -> None:
    assert detect_language("Ещё не получил заказ") == "ru"
    assert detect_language("Еще не получил заказ") == "ru"


@pytest.mark.parametrize(
    "sentence",
    [
        "dobryi den, hochu vernut tovar, ne podoshel razmer",
        "privet, posylku tak i ne poluchila, skazhite kogda budet",
        "zdravstvuite! kurer ne priekhal, mozhno perenesti dostavku na zavtra?",
        "oplatil kartoi, den'gi spisali a zakaz vse eshe ne oplachen",
        "a etot chekhol podoidet k moemu telefonu?",
    ],
)
def test_russian_in_latin_letters_is_russian(sentence: str) -> None:
    # a Russian e-mail typed on a Latin keyboard: its snippets, threshold and
    # language preference are the Russian ones (most were "unsure" before)
    assert detect_language(sentence) == "ru"


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Czy ona dostała już paczkę? Nas nikt nie poinformował, kto ją odbierze.", "pl"),
        ("kto moze mi pomoc, nie dostalam zwrotu za zamowienie", "pl"),
        ("The net price on the invoice is wrong, please send a corrected one.", "en"),
        ("We went on a trek and the zip of the backpack broke on day one.", "en"),
    ],
)
def test_words_shared_with_english_or_polish_do_not_make_russian(sentence: str, lang: str) -> None:
    assert detect_language(sentence) == lang


def test_the_letters_counted_per_script_are_every_letter_of_its_ranges() -> None:
    # detect_language counts them with two character classes instead of a loop over
    # str.isalpha: the same characters, for every code point
    wrong = []
    for point in range(0x110000):
        if 0xD800 <= point <= 0xDFFF:
            continue
        ch = chr(point)
        cyrillic = ch.isalpha() and "\u0400" <= ch <= "\u04ff"
        latin = ch.isalpha() and (ch.isascii() or "\u00c0" <= ch <= "\u024f")
        if (
            bool(_CYRILLIC_LETTER.fullmatch(ch)) != cyrillic
            or bool(_LATIN_LETTER.fullmatch(ch)) != latin
        ):
            wrong.append(f"U+{point:04X}")
    assert not wrong
