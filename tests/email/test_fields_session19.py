"""Classes of names and orders emails_blind15 missed (session 19): each rule on
invented e-mails of its kind, and the near-misses where it must give no value."""

from __future__ import annotations

import pytest

from expander.email.namevariants import latin_reading_in, short_form_of
from expander.email.namewords import foreign_name_in_cyrillic
from tests.email.fieldcases import name_of, order_of

# 1. A name of the English-speaking world written in Cyrillic, signing a Russian e-mail.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Добрый день! Посылка 61720 так и не пришла. Простите за ошибки.\nКевин", "Кевин"),
        ("Здравствуйте, хочу вернуть куртку из заказа 40917, не подошла.\nСпасибо,\nЭрин", "Эрин"),
        ("Привет. Где мой заказ 38211? Я плохо пишу по-русски.\nКолин", "Колин"),
        ("Здравствуйте, пришёл не тот цвет, заказ 70155.\nЛинда", "Линда"),
    ],
)
def test_foreign_name_in_cyrillic_signs(text: str, name: str) -> None:
    assert name_of(text) == name


def test_russian_surname_alone_still_no_name() -> None:
    assert name_of("Добрый день, где заказ 55123? Спасибо.\nИльин") == ""
    assert name_of("Добрый день, где заказ 55123? Спасибо.\nСорокин") == ""


@pytest.mark.parametrize("word", ["Кевин", "Джон", "Майкл", "Эрин", "Колин"])
def test_cyrillic_reads_as_latin_name(word: str) -> None:
    assert foreign_name_in_cyrillic(word)


@pytest.mark.parametrize(
    "word", ["Ильин", "Сорокин", "Жена", "Мебель", "Сети", "Меры", "Том", "Алине", "Диме"]
)
def test_russian_words_read_as_no_name(word: str) -> None:
    assert not foreign_name_in_cyrillic(word)


def test_latin_reading_needs_four_letters() -> None:
    assert latin_reading_in("Том", frozenset({"tom"})) is None
    assert latin_reading_in("Кейт", frozenset({"kate"})) == "kate"


# 2. A Russian claim's labelled sender line: surname, first name, patronymic.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "ПРЕТЕНЗИЯ\n\nОт: Соловьёв Игорь Николаевич\nАдрес: г. Тула, ул. Мира, д. 3\n\n"
            "Прошу вернуть деньги за заказ 77120, товар неисправен.",
            "Игорь",
        ),
        ("Заявитель: Белова Ирина Сергеевна\n\nПрошу заменить чайник по заказу 30418.", "Ирина"),
        (
            "ФИО: Орлов Денис Викторович\nТел.: +7 915 111-22-33\n\nЗаказ 41520 не доставлен.",
            "Денис",
        ),
    ],
)
def test_claim_labelled_sender(text: str, name: str) -> None:
    assert name_of(text) == name


def test_claim_label_without_patronymic_gives_no_name_from_it() -> None:
    assert name_of("От: ООО Ромашка Плюс\n\nПрошу выставить счёт по заказу 30418.") == ""


# 3. A chat's speaker label with an initial, the message on the same line.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Wildberries · Чат с продавцом\nОльга Т.: Добрый день, отмените заказ 55412, "
            "пожалуйста.",
            "Ольга",
        ),
        ("Allegro · czat\nMarta W.: Dzień dobry, czy zamówienie 66120 już wyszło?", "Marta"),
        ("Marketplace chat\nGavin R.: Hi, please cancel order 40115, found it cheaper.", "Gavin"),
    ],
)
def test_inline_speaker_label(text: str, name: str) -> None:
    assert name_of(text) == name


def test_two_inline_speakers_give_none() -> None:
    text = "Чат\nОльга Т.: Здравствуйте, отмените заказ 55412\nАнна В.: Добрый день, отменили"
    assert name_of(text) == ""


# 4. A From: header with the full name, signed with a short form of another shape.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "From: Oleksandr Kovalenko <ok@example.com>\n\nHi, any news on order 41290?\n\n"
            "Thanks,\nSasha",
            "Sasha",
        ),
        ("From: William Hart <wh@example.com>\n\nWhere is order 52210?\n\nCheers,\nBill", "Bill"),
        (
            "From: Katarzyna Zielińska <kz@example.com>\n\nDzień dobry, gdzie jest zamówienie "
            "52210?\n\nPozdrawiam,\nKasia",
            "Kasia",
        ),
        (
            "From: Pawel Krol <pk@example.com>\n\nDzień dobry, gdzie jest zamówienie 52210?\n\n"
            "Pozdrawiam,\nPawel",
            "Paweł",
        ),
        ("From: William Hart <wh@example.com>\n\nWhere is order 52210?\n\nCheers,\nTom", "William"),
    ],
)
def test_short_form_signed_under_from(text: str, name: str) -> None:
    assert name_of(text) == name


def test_short_form_of() -> None:
    assert short_form_of("Sasha", "Oleksandr")
    assert short_form_of("Паша", "Павел")
    assert not short_form_of("Sasha", "William")


# 5. Order numbers: words between "order number" and "is", digits in groups.


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("My order number, as far as I can see on the receipt, is 230871. Thanks", "230871"),
        ("my order number on the confirmation I got was 88120, can you check", "88120"),
        ("Dzień dobry, zamówienie nr 48 517 nadal nie dotarło.", "48 517"),
        ("Здравствуйте, заказ 71 03 92 где сейчас?", "71 03 92"),
        ("Hi, order no. 12 345 67 still not here", "12 345 67"),
    ],
)
def test_order_forms(text: str, order: str) -> None:
    assert order_of(text) == order


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Hi, I want to order 12 items for the shop", ""),
        ("zamówienie 61204 z 12 09 nie dotarło", "61204"),
        ("Zamówienie 12 09 2024 złożyłam, nie ma paczki", ""),
        ("order 09 2024 still not here", ""),
        ("order 601 234 567 call me back", ""),
        ("zamówienie 12 500 zł zapłacone", ""),
        ("заказ 15 000 руб оплачен", ""),
        ("zamówienie na adres 00-950 Warszawa", ""),
        ("zamówienie nr 61 204, tel. 601 234 567", "61 204"),
    ],
)
def test_order_forms_near_misses(text: str, order: str) -> None:
    assert order_of(text) == order
