"""A postal address written in the e-mail (session 24, a reviewer's invented e-mails):
its lines are never the writer's name, though a line may start with a first name (a
house's name "Rose Cottage", a street "Robin Hood Way", a town under the street "Hope",
a street after "ул." "Садовая"); a name signing over or under an address stays."""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.addressblock import after_place_word


@pytest.mark.parametrize(
    "text",
    [
        "Hi,\n\nI'm writing about order 31120. I got the wrong candle. Could you send the "
        "right one?\n\nNew address if needed:\nRose Cottage\nLittle Marsh Lane\nNorwich NR14 7PQ",
        "Hello, please send the replacement to my new address:\n5 Castle Street\nHope\n"
        "Hope Valley\nS33 6RD",
        "Hi, please change the delivery address on order 5512 to:\nMay Cottage\nMill Lane\n"
        "Leeds LS6 2QA",
        "Please send my replacement to:\nFlat 2, 40\nRobin Hood Way\nNottingham NG2 1AB",
        "hi pls send to my new place\n12 High St\nMarket Harborough",
        "Hello, could the courier deliver to my parents' instead:\nWill Farm\nTarporley Road\n"
        "Chester",
        "Hi, new address please:\nLily House\n3 Station Road\nYork YO1 6AB",
        "Hi, my order 4471 should go to:\n14 Grace Road\nKing's Lynn PE30 1AA",
        "Dzień dobry, proszę wysłać paczkę na nowy adres:\nul. Lipowa 4\nRóża\n30-001 Kraków",
        "Dzień dobry, zmieniam adres dostawy zamówienia 4411 na:\nos. Słoneczne 5\nDobra\n"
        "62-100 Wągrowiec",
        "Zamówienie 5120, proszę wysłać na adres:\nal. Róży 3\nWiktoria\n00-950 Warszawa",
        "Добрый день, смените адрес доставки заказа 3310:\nСмоленская обл., дер. Надежда, "
        "ул. Садовая, д. 5\nСпасибо",
        "Здравствуйте, отправьте заказ 7781 на новый адрес:\nул. Надежды, д. 4, кв. 2\n"
        "г. Тверь\n170000",
    ],
)
def test_an_address_line_is_no_name(text: str) -> None:
    assert extract_fields(text).get("name", "") == ""


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanks,\nRose\n5 Castle Street\nLeeds LS1 1AA", "Rose"),
        ("Pozdrawiam\nRóża Nowak\nul. Lipowa 4\n30-001 Kraków", "Róża"),
        ("С уважением,\nВера\nг. Тверь, ул. Садовая 5", "Вера"),
        (
            "Hi, where is order 4471? It is late.\n\nKind regards,\nMay Thompson\n12 Mill Lane\n"
            "Leeds LS6 2QA",
            "May",
        ),
        (
            "Hi, order 3310 arrived broken, please help.\n\nThanks\nWill\n\nWill Farmer\n"
            "2 Elm St\nChester CH1 1AA",
            "Will",
        ),
        (
            "Dzień dobry, gdzie jest zamówienie 4411?\n\nPozdrawiam\nNadzieja Kowalska\n"
            "os. Słoneczne 5\n62-100 Wągrowiec",
            "Nadzieja",
        ),
        (
            "Здравствуйте, где заказ 7781?\n\nС уважением,\nНадежда Иванова\nдер. Надежда, "
            "ул. Садовая, д. 5\n143000",
            "Надежда",
        ),
        # a name over an address with no introduction, or under a whole address
        ("Hello, order 1234 is missing.\nRose Smith\n5 Castle Street\nLeeds LS1 1AA", "Rose"),
        (
            "Hi, the order 8812 arrived damaged.\nOld flat: 52B Whitehorse Road, Croydon CR0 "
            "2JA\nMarcus Bell",
            "Marcus",
        ),
        # the new address's own recipient, in the customer's words about "my" address
        ("Hi, please change my address to:\n\nAnna Lee\n2 Elm St\nLeeds LS1 1AA", "Anna"),
        ("Witam, zamówienie 5120 nie dotarło.\nDziękuję\nHope", "Hope"),
        ("Hi, order 2207 came without the lid.\n\nCheers,\nRobin\n4 Mill Way\nBath", "Robin"),
        (
            "Здравствуйте, заказ 7781 не пришёл.\n\nСпасибо,\nЛюбовь\nпос. Вера, ул. Садовая, д. 3",
            "Любовь",
        ),
    ],
)
def test_a_name_by_an_address_stays(text: str, name: str) -> None:
    assert extract_fields(text).get("name", "").split()[0] == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # no sign-off, the name and the address on one line (a first name, then a surname
        # and/or a comma)
        (
            "Hello,\nParcel for order 71245 was left at the wrong house. Please advise.\n\n"
            "Hope Adeyemi, Lincoln LN2 5RT",
            "Hope",
        ),
        (
            "Hello,\nI still haven't received a refund for order 23811 returned on 3rd March.\n\n"
            "Florence Adams, 9 Park Lane, Kent TN1 2AA",
            "Florence",
        ),
        (
            "Hi, can I get a refund on order 24682? The print faded after one wash.\n\n"
            "Rose Smith, Leeds LS1 1AA",
            "Rose",
        ),
        (
            "Dzień dobry,\nproszę o numer przesyłki do zamówienia 24683.\n\n"
            "Anna Nowak, 00-950 Warszawa",
            "Anna",
        ),
        (
            "Здравствуйте, пришлите трек-номер заказа 24684.\n\n"
            "Вера Иванова, 190000 Санкт-Петербург",
            "Вера",
        ),
        (
            "Hi, the rug from order 24692 is the wrong size.\n\nVictoria Hall, 12 Station Road",
            "Victoria",
        ),
        # a first name with a comma, or a first name and a word over a house's number
        (
            "Hi, the fencing wire from order 55410 was 50m not 100m as listed. Can you send the "
            "rest?\n\nTom, Hill Farm\nLudlow SY8 1AB",
            "Tom",
        ),
        (
            "Hi, order 70017 came without the remote.\n\nEmma House\n2 Rectory Lane\n"
            "Oxford OX1 1AA",
            "Emma",
        ),
        # a name signed under the address's last line, with or without a blank line
        (
            "Hi, please change the address on order 24687 to:\n7 Chester Close\n"
            "Warrington WA1 2BB\nLily Evans",
            "Lily",
        ),
        (
            "Hi, please change the address on order 24688 to:\n7 Chester Close\n"
            "Warrington WA1 2BB\n\nLily Evans",
            "Lily",
        ),
        (
            "Dzień dobry, proszę zmienić adres dostawy zamówienia 33019 na:\nul. Lipowa 4\n"
            "30-001 Kraków\nRóża",
            "Róża",
        ),
        (
            "Dzień dobry, proszę zmienić adres dostawy zamówienia 24690 na:\nul. Lipowa 4\n"
            "30-001 Kraków\n\nRóża",
            "Róża",
        ),
        (
            "Здравствуйте! Заказ 7731 прошу отправить по новому адресу:\n"
            "г. Тверь, ул. Ленина 5, кв. 2\nВера",
            "Вера",
        ),
        (
            "Здравствуйте! Заказ 24689 прошу отправить по новому адресу:\n"
            "г. Тверь, ул. Ленина 5, кв. 2\n\nВера",
            "Вера",
        ),
        (
            "Добрый день, прошу изменить адрес доставки заказа 62001:\n125009, г. Москва\n"
            "ул. Тверская, д. 7, кв. 15\nНадежда Ивановна",
            "Надежда",
        ),
    ],
)
def test_a_signer_by_an_address_keeps_the_name(text: str, name: str) -> None:
    """The reviewer's cases (session 24) a first rule for addresses lost the signer of."""
    assert extract_fields(text).get("name", "").split()[0] == name


@pytest.mark.parametrize(
    "text",
    [
        # a first name between an address's lines is its town; a house's name over a street
        "Hi, please send it to my new address:\n5 Castle Street\nHope Valley\nS33 6RD",
        "Rose Cottage\nLittle Marsh Lane\nNorwich NR14 7PQ",
    ],
)
def test_an_address_line_shaped_like_a_name_is_none(text: str) -> None:
    assert extract_fields(text).get("name", "") == ""


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("..., ул. ", True),
        ("дер. ", True),
        ("ul. ", True),
        ("ulica ", True),
        ("улица ", True),
        ("пос. ", True),
        ("г. ", True),
        ("Г. ", False),  # an initial: "Г. Петров"
        ("... is broken. ", False),
        ("Regards, ", False),
    ],
)
def test_a_word_after_a_street_word_is_a_place(before: str, expected: bool) -> None:
    assert after_place_word(before) is expected
