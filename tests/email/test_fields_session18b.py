"""Classes of names emails_blind14 missed (session 18, second pass): each rule on
invented e-mails of its kind in three languages, and the near-misses where it must
give no name."""

from __future__ import annotations

import pytest

from expander.email.clean import clean_email
from expander.email.namelines import leading_name, name_of_line
from expander.email.signoffs import split_sign_off
from tests.email.fieldcases import name_of, order_of

# A. A sign-off with the name on its line, over a marketplace's footer that relays the
# buyer's message: the footer ends the customer's text, so the sign-off ends it.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "eBay message\n\nMessage:\nHi, the lamp from order 12-34567-89012 came with a "
            "cracked shade. Can I get a new shade?\nThanks, Rosie\n\nTo reply to this "
            "message, please reply to this e-mail or go to My eBay.\n",
            "Rosie",
        ),
        (
            "--- Buyer message ---\n\nOrder ID: 171-2233445-5566778\n\nMessage:\nHello, can "
            "you send it before Friday? It's a birthday present.\nMany thanks, Gavin\n\nTo "
            "respond to this buyer, please reply to this e-mail or visit your account.\nWe "
            "will never ask you for your password.\n--- End of message ---\n",
            "Gavin",
        ),
        (
            "Allegro: wiadomość od kupującego\n\nDzień dobry, czy paczka 88123 wyjdzie "
            "jeszcze dziś?\nPozdrawiam, Marta\n\nAby odpowiedzieć kupującemu, kliknij "
            "Odpowiedz w serwisie.\n",
            "Marta",
        ),
        (
            "Сообщение покупателя\n\nДобрый день! Когда отправите заказ 55123?\nСпасибо, "
            "Ирина\n\nЧтобы ответить покупателю, перейдите в личный кабинет продавца.\n",
            "Ирина",
        ),
    ],
)
def test_a_sign_off_over_a_marketplace_footer_signs(text: str, name: str) -> None:
    assert name_of(text) == name


def test_the_marketplace_footer_goes_with_the_signature() -> None:
    clean = clean_email(
        "Message:\nWhere is my parcel?\nCheers, Jo\n\nTo respond to this customer, please "
        "reply to this e-mail.\n"
    )
    assert clean.sign_off == "Cheers, Jo"
    assert "respond" not in clean.body


# B. A known first name after a comma ending a one-line message, after a short fragment.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gdzie jest moja paczka? Czekam od tygodnia. Zam. 77120, Kasia", "Kasia"),
        ("Parcel still not here after nine days. Order 66201, Declan", "Declan"),
        ("Где посылка? Жду уже две недели. Заказ 44120, Ольга", "Ольга"),
    ],
)
def test_a_name_after_a_comma_ends_a_one_line_message(text: str, name: str) -> None:
    assert name_of(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "I ordered the lamp as a present for my sister, Anna",  # about someone
        "Zamówienie 55123 dla mojej mamy, Ewa",
        "Please check it again please, Anna",  # speaks to the reader
        "Hi Tom, where is my order? Order 66201, Tom",  # the one greeted
        "Is the order 66201 ready, Grace?",  # a question to someone
        "The parcel is late again and nobody answers my e-mails, Anna",  # a long clause
        "Order 66201 is late, May",  # a name that is a common word too
    ],
)
def test_a_comma_and_a_name_that_does_not_sign(text: str) -> None:
    assert name_of(text) == ""


# C. Two people signing together: the first one writes, and is greeted.


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Pauline and Keith", "Pauline"),
        ("Helen & Tom", "Helen"),
        ("Helen and Tom Hart", "Helen Hart"),
        ("Helen Hart and Tom Jones", "Helen Hart"),
        ("Anna i Tomek", "Anna"),
        ("Ольга и Сергей", "Ольга"),
    ],
)
def test_two_people_signing_give_the_first(line: str, name: str) -> None:
    assert name_of_line(line) == name


@pytest.mark.parametrize("line", ["Marks and Spencer", "Brook & Lyle", "Rose and Tom"])
def test_a_firm_or_a_word_joined_to_a_name_is_no_couple(line: str) -> None:
    assert name_of_line(line) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hello,\n\nthe sofa from order 50210 is lovely.\n\nKind regards,\nHelen and Tom", "Helen"),
        # a Polish couple is greeted as "Państwo": no first name (session 24)
        ("Dzień dobry,\n\ndziękujemy za zamówienie 50211.\n\nPozdrawiamy\nAnna i Tomek", ""),
        ("Здравствуйте!\n\nСпасибо за заказ 50212.\n\nС уважением,\nОльга и Сергей", "Ольга"),
    ],
)
def test_a_couple_signing_an_e_mail(text: str, name: str) -> None:
    assert name_of(text) == name


# D. A maiden name or a note in brackets after the full name; and two sign-offs joined.


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Charlotte Ashworth (née Bell)", "Charlotte Ashworth"),
        ("Anna Kowalska (z d. Nowak)", "Anna Kowalska"),
        ("Anna Kowalska (z domu Nowak)", "Anna Kowalska"),
        ("Анна Петрова (урожд. Иванова)", "Анна Петрова"),
        ("Sam Jones (account holder)", "Sam Jones"),
    ],
)
def test_a_bracketed_note_after_the_name(line: str, name: str) -> None:
    assert name_of_line(line) == name
    assert leading_name(line) == name


@pytest.mark.parametrize(
    ("line", "split"),
    [
        ("With many thanks and kind regards,", ("With many thanks and kind regards", "")),
        ("Thanks and regards, Tom", ("Thanks and regards", "Tom")),
        ("Dzięki i pozdrawiam, Ola", ("Dzięki i pozdrawiam", "Ola")),
        ("Спасибо и всего доброго! Ольга", ("Спасибо и всего доброго", "Ольга")),
        # the second phrase must end the sign-off: "best of luck" is no sign-off
        ("Thanks and best of luck with the shop", ("Thanks", "and best of luck with the shop")),
    ],
)
def test_two_sign_offs_joined(line: str, split: tuple[str, str]) -> None:
    assert split_sign_off(line) == split


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Dear Sir or Madam,\n\nI would like to return the teapot from order 60210.\n\n"
            "With many thanks and kind regards,\n\nMargaret Hill (née Carter)\n12 Elm Road\n"
            "York YO1 6AB",
            "Margaret",
        ),
        (
            "Dzień dobry,\n\nproszę o zwrot za zamówienie 60211.\n\nZ poważaniem\n"
            "Barbara Nowicka (z d. Kowal)",
            "Barbara",
        ),
        (
            "Здравствуйте!\n\nХочу вернуть вазу из заказа 55123, она со сколом.\n\n"
            "Анна Петрова (урожд. Иванова)",
            "Анна",
        ),
    ],
)
def test_a_maiden_name_under_the_text(text: str, name: str) -> None:
    assert name_of(text) == name


# E. A business signature whose footer gives bank and registration details: the block
# is the signature's (a bar between an IBAN and a BIC made the line a sentence's).


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Dear team,\n\nour payment for order B-7711 failed twice.\n\nKind regards\n\n"
            "Lukas Berger\nAssistant Manager\nHotel Alpenblick GmbH\nTel. +43 6138 2241 0\n"
            "UID: ATU 63882014\nIBAN: AT61 1904 3002 3457 3201 | BIC: BKAUATWW",
            "Lukas",
        ),
        (
            "Dzień dobry,\n\npłatność za zamówienie 7713 nie przechodzi.\n\nZ poważaniem\n\n"
            "Marta Kowalczyk\nKierownik zakupów\nHotel Pod Lipami Sp. z o.o.\n"
            "NIP: 521-123-45-67\nIBAN: PL61 1090 1014 0000 0712 1981 2874 | BIC: WBKPPLPP",
            "Marta",
        ),
        (
            "Здравствуйте!\n\nОплата по заказу 7712 не проходит.\n\nС уважением,\n"
            "Дмитрий Орлов\nНачальник отдела снабжения\nООО «Берёза»\n"
            "ИНН 7701234567 / КПП 770101001\nр/с 40702810900000012345 | БИК 044525225",
            "Дмитрий",
        ),
    ],
)
def test_a_signature_with_bank_details_under_it(text: str, name: str) -> None:
    assert name_of(text) == name


def test_a_bank_code_is_no_phone() -> None:
    from expander import extract_fields

    text = "Добрый день!\n\nС уважением,\nДмитрий Орлов\nр/с 40702810900000012345 | БИК 044525225"
    assert "phone" not in extract_fields(text)


# F. A marketplace chat's speaker label on its own line, over the message.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Вопрос покупателя · Wildberries\nАртикул 22817733 · Плед\n\nКирилл:\n"
            "Здравствуйте! Плед пришёл, очень мягкий, спасибо.",
            "Кирилл",
        ),
        (
            "Сообщение от покупателя\nOzon · Заказ 51237781-0042\n\nМарина С.:\n"
            "Добрый день. В коробке не оказалось винтов.",
            "Марина",
        ),
        ("Buyer question · Etsy\n\nJamie:\nHi! Does the mug go in the dishwasher?", "Jamie"),
        (
            "Pytanie od kupującego · Allegro\n\nKasia W.:\nDzień dobry, czy krzesło jest "
            "dostępne w kolorze szarym?",
            "Kasia",
        ),
    ],
)
def test_a_speaker_label_names_the_customer(text: str, name: str) -> None:
    assert name_of(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "Вопрос покупателя · Ozon\n\nСообщение:\nЗдравствуйте, есть ли этот стул в сером цвете?",
        "Wiadomość od kupującego\n\nWiadomość:\nCzy wysyłacie paczkomatem?",
        "Buyer message\n\nMessage:\nDo you ship to Ireland?",
        "Вопрос покупателя · Wildberries\n\nПродавец:\nЗдравствуйте! Чем можем помочь?",
        "Chat z kupującym\n\nAnna (sprzedawca):\nDzień dobry, w czym mogę pomóc?",
        "Chat\n\nOlga Support:\nHello, how can I help?",
        # two speakers: the customer and the agent of a pasted chat
        "Chat\n\nTom:\nWhere is my parcel?\nAnna:\nHi Tom, it is on its way.",
        # a first line with a colon greets the agent
        "Kate:\nthe parcel from order 55102 has not arrived.",
    ],
)
def test_a_label_that_names_no_customer(text: str) -> None:
    assert name_of(text) == ""


def test_the_order_beside_a_speaker_label_stays() -> None:
    text = "Сообщение от покупателя\nOzon · Заказ 48213679-0051\n\nПавел К.:\nНе хватает болтов."
    assert (name_of(text), order_of(text)) == ("Павел", "48213679-0051")
