"""Classes of names and order numbers the English development set 18 missed or took
wrong (session 22): each rule on invented e-mails of its kind, and the ordinary
e-mails it must leave as they were."""

from __future__ import annotations

import pytest

from expander import extract_fields
from tests.email.fieldcases import name_of, order_of

# A. a name introduced in lower case is greeted capitalised; "I" is no surname


@pytest.mark.parametrize(
    ("text", "name", "full_name"),
    [
        ("hi this is dan I ordered the lamp, order 55120, where is it", "Dan", "Dan"),
        ("hello this is tom I need help with order 55121 please", "Tom", "Tom"),
        ("hi my name is anna smith and my order 55122 is late", "Anna", "Anna Smith"),
        ("hi my name is kate I think my order 55123 got lost", "Kate", "Kate"),
    ],
)
def test_lower_case_introduction(text: str, name: str, full_name: str) -> None:
    found = extract_fields(text)
    assert (found.get("name"), found.get("full_name")) == (name, full_name)


# B. a name after "Thanks" is the one thanked when another name signs below


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Brilliant, that's all sorted then. Thanks Sophie!\nJoe\n\n"
            "> Hi Joe, the new pump went out today. Sophie",
            "Joe",
        ),
        ("Got it today, all fine. Thank you so much Grace!\nTom", "Tom"),
        ("Paczka doszła, wszystko w porządku. Dziękuję, Ewa!\nMarek", "Marek"),
        ("Всё получил, всё в порядке. Спасибо, Ольга!\nДенис", "Денис"),
        # not changed: no one signs below, or the same person does
        ("Brilliant, that's all sorted then. Thanks Sophie!", "Sophie"),
        ("The parcel came today, all good.\nThanks, Anna\nAnna Smith", "Anna"),
        ("The parcel came today, all good.\nThanks, Anna\n07911 123 456", "Anna"),
        ("The parcel came today, all good.\nThanks Sophie!\nAcme Ltd", "Sophie"),
    ],
)
def test_thanked_above_the_signer(text: str, name: str) -> None:
    assert name_of(text) == name


# C. the name the writer asks to be called by, in brackets after the signed name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The TV came cracked, order 600441.\n\nWojciech Nowak (please call me Woj)", "Woj"),
        ("The TV came cracked, order 600442.\n\nAlexander Smith (call me Alex)", "Alex"),
        ("The TV came cracked, order 600443.\n\nWojciech Nowak (Woj to my friends)", "Woj"),
        ("Telewizor pęknięty, zamówienie 600444.\n\nMałgorzata Nowak (mówcie mi Gosia)", "Gosia"),
        ("Телевизор треснул, заказ 600445.\n\nЕлизавета Петрова (Лиза для друзей)", "Лиза"),
        # no nickname: a request to ring back or a phone number
        (
            "The TV came cracked, order 600446.\n\nAlexander Smith (please call me back)",
            "Alexander",
        ),
        (
            "The TV came cracked, order 600447.\n\n"
            "Alexander Smith (please call me on 07911 123456)",
            "Alexander",
        ),
    ],
)
def test_asked_to_be_called(text: str, name: str) -> None:
    assert name_of(text) == name


# D. "SURNAME, Given" in a contact form's name field


@pytest.mark.parametrize(
    ("text", "full_name"),
    [
        (
            "New contact form submission\n\nName: OKONKWO, Chidinma\nEmail: c.o@example.com\n\n"
            "Message:\nThe gift set came without the serum.",
            "Chidinma Okonkwo",
        ),
        ("Name: Smith, John\nMessage: where is order 55120?", "John Smith"),
        ("Imię i nazwisko: NOWAK, Grażyna\nWiadomość: gdzie jest paczka?", "Grażyna Nowak"),
        ("Имя: ИВАНОВА, Мария\nСообщение: где мой заказ?", "Мария Иванова"),
        # a company, not a person
        ("Name: Acme, Ltd\nMessage: where is order 55120?", ""),
        ("Name: ACME, Ltd\nMessage: where is order 55120?", ""),
    ],
)
def test_surname_comma_given_in_a_form(text: str, full_name: str) -> None:
    assert extract_fields(text).get("full_name", "") == full_name


# E. a name closing the text with the writer's age in brackets


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "What is your telephone number and what time can I ring? I'd rather talk to a "
            "person. Ron (aged 79)",
            "Ron",
        ),
        ("Is the parcel lost? Please ring me. Ron (79)", "Ron"),
        ("Gdzie jest moja paczka? Nic nie przyszło. Zofia (lat 82)", "Zofia"),
        ("Где моя посылка? Ничего не пришло. Нина (78 лет)", "Нина"),
        # a year in brackets after a place is no age and no name
        ("I bought the lamp. It is broken. London (2019)", ""),
    ],
)
def test_name_then_age(text: str, name: str) -> None:
    assert name_of(text) == name


# F. an explicit order label beats a marketplace listing's item number


@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            "eBay message\nRe: Item #334920118742 - Cycling helmet\nOrder number: 23-11942-77305"
            "\n\nHello, the helmet is the wrong colour.",
            "23-11942-77305",
        ),
        (
            "Re: item no. 334920118743 - lamp\nOrder ID: 23-11942-77306\n\nIt came broken.",
            "23-11942-77306",
        ),
        (
            "Przedmiot nr 3349201187 - lampa\nNumer zamówienia: 23-11942-77307\n\nLampa pęknięta.",
            "23-11942-77307",
        ),
        # no order label: the item number stays taken
        (
            "Re: Item #334920118744 - helmet\n\nHello, the helmet is the wrong colour.",
            "334920118744",
        ),
    ],
)
def test_order_label_over_item_number(text: str, order: str) -> None:
    assert order_of(text) == order


# G. the shop's reference beside the buyer's own purchase order


@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            "We placed a bulk order (your ref B2B-0457, our PO-7731) and half is missing.",
            "B2B-0457",
        ),
        ("Our PO 7731 / your reference 40-1187 - where is the delivery?", "40-1187"),
        ("Nasz nr 7731, Wasz nr ZK-0457. Gdzie jest dostawa?", "ZK-0457"),
        ("Ваш номер ЗК-0457, наш заказ 7731. Где поставка?", "ЗК-0457"),
        # the buyer's purchase order alone stays taken
        ("Our PO-7731 is late, please check.", "PO-7731"),
    ],
)
def test_shop_reference_beside_own_purchase_order(text: str, order: str) -> None:
    assert order_of(text) == order


# H. a clause between the words for the order's number and the number


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("My order reference, as printed on the delivery note, is 330-1178.", "330-1178"),
        ("My order number, according to the letter in the box, is 104482.", "104482"),
        ("The order ref, as on my receipt, was KX-44120.", "KX-44120"),
        # no number after the clause
        ("My order reference, as printed on the note, is missing.", ""),
    ],
)
def test_clause_before_is(text: str, order: str) -> None:
    assert order_of(text) == order
