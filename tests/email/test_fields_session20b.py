"""Classes of names and order numbers emails_blind17 missed or took wrong (session 20b):
each rule on invented e-mails of its kind, in the three languages where it applies, and
the traps where it must give nothing or the other value."""

from __future__ import annotations

import pytest

from expander import extract_fields
from tests.email.fieldcases import name_of, order_of

# 1. a marketplace notice's item line numbers the listing, not the order labelled apart


@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            "--- Marketplace ---\nNew message from: garden_gnome22\n"
            "Item: Oak Bird Feeder - Hanging (#284019937615)\nOrder number: 07-22841-11093\n\n"
            '"Hi, the feeder came with a cracked roof. Can I get a new one?"',
            "07-22841-11093",
        ),
        (
            "Wiadomość od kupującego: ola_kwiat\nPrzedmiot: Kubek ceramiczny (#1358842771)\n"
            "Numer zamówienia: 55120\n\nKubek przyszedł stłuczony.",
            "55120",
        ),
        (
            "Сообщение от покупателя\nТовар: Плед шерстяной (№ 4401288)\nЗаказ: 66105\n\n"
            "Плед пришёл с дыркой.",
            "66105",
        ),
    ],
)
def test_item_line_number_is_the_listing(text: str, order: str) -> None:
    assert order_of(text) == order


def test_item_line_alone_gives_no_order() -> None:
    # the listing's number is no order's, and nothing else names one
    text = "Item: Oak Bird Feeder (#284019937615)\n\nIs this back in stock soon?"
    assert order_of(text) == ""


def test_hash_number_elsewhere_still_an_order() -> None:
    assert order_of("Hi, my order #58812 has not arrived. The item: a lamp.") == "58812"


# 2. four digits and a group after an order word are one number


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("dzien dobry zamowienie numer 5102 774 z piatku nie doszlo prosze o info", "5102 774"),
        ("Hi, my order 3318 4420 still shows as processing.", "3318 4420"),
        ("Здравствуйте, заказ 7730 215 не пришёл, где он?", "7730 215"),
        ("Hi, order 48213 was meant to come yesterday.", "48213"),
    ],
)
def test_four_digits_and_a_group(text: str, order: str) -> None:
    assert order_of(text) == order


@pytest.mark.parametrize(
    "text",
    [
        "Zamówienie 4011 852 zł to za dużo, prosze o rabat.",  # an amount
        "order 4011, 852 items of stock were listed",  # a list, not one number
    ],
)
def test_four_digits_and_a_group_traps(text: str) -> None:
    assert order_of(text) != "4011 852"


# 3. a clause in commas between the order number's words and the number


@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            "Dzień dobry, numer zamówienia, który podała mi córka, to 72014. Kiedy wysyłka?",
            "72014",
        ),
        ("Здравствуйте! Номер заказа, который пришёл в смс, — 72014. Где посылка?", "72014"),
        ("Hello, the order number, as far as I can see, is 72014. Any news?", "72014"),
    ],
)
def test_clause_between_label_and_number(text: str, order: str) -> None:
    assert order_of(text) == order


def test_clause_with_a_phone_is_no_order() -> None:
    text = "Numer zamówienia, niestety, zgubiłam. Mój telefon to 601 234 567."
    assert order_of(text) == ""


# 4. the order "with you", then a few words to a dash, or the number right after


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Добрый день. Отправил подарок, заказ у вас 38-204. Трек не обновляется.", "38-204"),
        ("Наш заказ у вас на поставку — 6613 от 20.11, а пришло не то.", "6613"),
        ("Dzień dobry, zamówienie u Was – 61087, a paczki nie ma.", "61087"),
        ("Hi, my order with you: 61087 - still nothing.", "61087"),
    ],
)
def test_order_with_you(text: str, order: str) -> None:
    assert order_of(text) == order


@pytest.mark.parametrize(
    "text",
    [
        "Заказ у вас оформлял 29.11, номер не помню.",  # a date
        "Заказ у вас стоит 4500 руб, это дорого.",  # an amount
        "заказ у вас 8-800-555-35-35 не отвечает",  # a phone
        "Заказ у вас 8800-555-35-35 не отвечает",
        "Zamówienie u Was: 0221 234 567, proszę oddzwonić",
    ],
)
def test_order_with_you_traps(text: str) -> None:
    assert order_of(text) == ""


# 5. a few words about the order, a colon, then a number: no order's (session 20's rule
# for "Заказ при этом один: 10-77-452" took dates, amounts, postcodes and phones; gone)


@pytest.mark.parametrize(
    "text",
    [
        "Zamówienie proszę wysłać na adres: 00-950 Warszawa, ul. Długa 5.",  # a postcode
        "Заказ оплатила картой: 4276 1234 5678 9012, деньги ушли.",  # a card
        "Order status, call me on: 07700 900123 please.",  # a phone
        "The order was placed on: 12-11-2024.",  # a date
        "my order arrived today: 15-11-24",
        "The order total was wrong: 12-50",
        "The order was sent to postcode: 12345",
        "заказ был на номер: 903-12-45",
        "заказ сделан с ИНН: 77012345",
        "Call me about the order on mobile: 0770-090-0123",
    ],
)
def test_words_then_colon_give_no_order(text: str) -> None:
    assert order_of(text) == ""


def test_words_then_colon_keep_the_phone() -> None:
    fields = extract_fields("Call me about the order on mobile: 0770-090-0123")
    assert fields.get("phone") == "0770-090-0123"


# 6. a number kept, said before it: the other one is the one acted on


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("I have two orders, 81120 and 81121. Please cancel 81121. Keep 81120 going.", "81121"),
        ("Mam dwa zamówienia, 81120 i 81121. Anulujcie 81121, zostawcie 81120.", "81121"),
        ("У меня два заказа, 81120 и 81121. Отмените 81121, оставьте 81120.", "81121"),
    ],
)
def test_kept_before_the_number(text: str, order: str) -> None:
    assert order_of(text) == order


def test_keep_on_hold_is_an_action() -> None:
    text = "Two orders, 81120 and 81121. Please keep 81120 on hold for now."
    assert order_of(text) == "81120"


# 7. a short form from inside the From: name, signed: "Liv" of Olivia


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("From: Olivia Brent <ob@mail.example>\n\nWrong colour sent.\n\nThanks,\nLiv", "Liv"),
        ("From: Christina Moss <cm@mail.example>\n\nParcel late.\n\nTina", "Tina"),
        ("From: Patricia Lowe <pl@mail.example>\n\nRefund please.\n\nCheers,\nTrish", "Trish"),
    ],
)
def test_inner_short_form_signed(text: str, name: str) -> None:
    assert name_of(text) == name


def test_unrelated_signed_word_keeps_the_header_name() -> None:
    text = "From: Olivia Brent <ob@mail.example>\n\nWrong colour sent.\n\nThanks,\nOB"
    assert name_of(text) == "Olivia"


# 8. an unknown word, then a first name that is a word too: the first word is the
# name (session 20's "Okafor Precious" rule took the word; gone)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi, where is my parcel?\n\nRegards,\nBryony Will", "Bryony"),
        ("Hi, where is my parcel?\n\nRegards,\nDympna May", "Dympna"),
        ("Hi, where is my parcel?\n\nRegards,\nNkechi Faith", "Nkechi"),
        ("Hi, where is my parcel?\n\nRegards,\nHelpdesk Joy", ""),
        ("Name: Precious Adeyemi\nEmail: pa@mail.example\nMessage: code not working", "Precious"),
    ],
)
def test_unknown_word_then_a_word_name(text: str, name: str) -> None:
    assert name_of(text) == name


# 9. "your <any word> customer NAME" signs


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Где посылка? Уже десятый день.\nВаш терпеливый клиент Гоша", "Гоша"),
        ("Gdzie paczka? Już dziesiąty dzień.\nWasza cierpliwa klientka Ola", "Ola"),
        ("Where is my parcel? Day ten now.\nYour patient customer, Dan", "Dan"),
    ],
)
def test_kind_of_customer_signs(text: str, name: str) -> None:
    assert name_of(text) == name


def test_kind_of_customer_without_a_name() -> None:
    assert name_of("Where is my parcel? Day ten now.\nYour patient customer") == ""


# 10. a name over a volunteer's or a charity's lines


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Hello,\n\nTwo of our orders have not arrived. Could you check?\n\nMaureen Doyle\n"
            "Volunteer Coordinator, Hillside Community Trust (Reg. Charity No. 1099321)\n"
            "0161 496 0511",
            "Maureen",
        ),
        (
            "Dzień dobry,\n\nprosimy o fakturę na fundację.\n\nZ serdecznymi pozdrowieniami\n"
            "Joanna Bąk\nwolontariuszka\nFundacja „Ciepły Kąt” – organizacja pożytku publicznego",
            "Joanna",
        ),
        (
            "Здравствуйте!\nБудет ли поступление шарфов до декабря?\nЭмили Браун\n"
            "волонтёр фонда «Добрые руки»",
            "Эмили",
        ),
    ],
)
def test_name_over_charity_lines(text: str, name: str) -> None:
    assert name_of(text) == name


def test_charity_line_alone_is_no_name() -> None:
    text = "Hello,\n\nCan we get a discount?\n\nHillside Community Trust\n0161 496 0511"
    assert name_of(text) == ""


# 11. a marketplace notice names the writer, whose label opens the message


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            'Etsy - New message from Hope about "Linen Apron"\n\n'
            "Hope: Hi! Do you have the apron in green?",
            "Hope",
        ),
        ("Nowa wiadomość od Joy\n\nJoy: Czy fartuch jest w zielonym?", "Joy"),
    ],
)
def test_announced_speaker(text: str, name: str) -> None:
    assert name_of(text) == name


def test_word_label_without_notice_is_no_name() -> None:
    assert name_of("Allegro\nHope: Czy fartuch wróci?") == ""


@pytest.mark.parametrize(
    "text",
    [
        # the notice names a firm, not a person
        "New message from Hope Street Traders about your item\n\nHope: we shipped it yesterday",
        "Nowa wiadomość od Joy Interiors\n\nJoy: wysłaliśmy wczoraj",
    ],
)
def test_a_firm_announced_gives_no_speaker(text: str) -> None:
    assert name_of(text) == ""


# 12. rules framing a pasted message are no signature delimiter


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Cześć,\nsprzedaję Wasze kubki na Allegro. Klientka pisze:\n\n---\n"
            '"Kubek przyszedł bez ucha. Anna Lis"\n---\n\n'
            "Możecie dosłać nowy? Adres ten sam.\nTomek | KubkiTomka.pl",
            "Tomek",
        ),
        (
            "Добрый день! Пишет покупатель:\n---\nПокупатель, 02.12:\nПришёл не тот размер.\n"
            "---\nЧто будем делать?\n\nОлег Миронов\nИП Миронов О. В., ИНН 503412345678",
            "Олег",
        ),
    ],
)
def test_pasted_block_between_rules(text: str, name: str) -> None:
    assert name_of(text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name of the English-speaking world in Cyrillic, with its -ин ending, first:
        # the first name, not a surname first ("Иванов Игорь")
        ("Здравствуйте! Где мой заказ 12345?\n\nКевин Смит\nменеджер", "Кевин"),
        ("Добрый день, пришёл не тот цвет.\n\nКевин Браун", "Кевин"),
        # a Russian -ин surname first still gives the first name after it
        ("Здравствуйте! Где мой заказ 12345?\n\nИльин Игорь", "Игорь"),
        ("Добрый день, пришёл не тот цвет.\n\nСорокин Павел", "Павел"),
    ],
)
def test_a_foreign_first_name_in_cyrillic_before_the_surname(text: str, name: str) -> None:
    assert name_of(text) == name
