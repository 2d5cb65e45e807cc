"""Names: a line that is a name, the name after a sign-off, every name an e-mail gives."""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.fields import find_names
from expander.email.givenname import first_name
from expander.email.namelines import looks_like_address, name_of_line, signed_name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Anna", "Anna"),
        ("Jan Kowalski", "Jan Kowalski"),
        ("Łukasz Żółkiewski", "Łukasz Żółkiewski"),
        ("Anna Wiśniewska-Kowalczyk", "Anna Wiśniewska-Kowalczyk"),
        ("Mr J. Smith", "J. Smith"),
        ("Seán O'Brien", "Seán O'Brien"),
        ("Al Smith", "Al Smith"),
        ("Anna van der Berg", "Anna van der Berg"),
        ("van der Berg", None),
        ("Иван Петров", "Иван Петров"),
        ("Петрова Анна Сергеевна", "Петрова Анна Сергеевна"),
        ("Customer Service", None),
        ("Thank You", None),
        ("ACME", None),
        ("the parcel", None),
        ("Order 12345", None),
        ("Sent from my iPhone", None),
        ("Dr. Patel", None),  # a title and a surname: no name to greet with
        ("Mrs Hughes", None),
        ("Mrs Ann Hughes", "Ann Hughes"),
        ("Я Светлана", None),  # a pronoun, no initial
        ("W Krakowie", None),  # a preposition
        ("K Wrona", "K Wrona"),
    ],
)
def test_name_of_line(line: str, name: str | None) -> None:
    assert name_of_line(line) == name


@pytest.mark.parametrize(
    ("rest", "name"),
    [
        ("Anna", "Anna"),
        ("Anna from ACME", "Anna"),
        ("Anna (ACME Ltd)", "Anna"),
        ("Анна, менеджер ООО «Ромашка»", "Анна"),
        ("Ola z Krakowa", "Ola"),
        ("Anna, I will wait for the refund", None),
        ("John, you are great", None),
        ("Apple - I'll wait", None),
        ("but the parcel is still missing", None),
    ],
)
def test_signed_name(rest: str, name: str | None) -> None:
    assert signed_name(rest) == name


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Hello, this is Ruth Adams. The case is wrong.\n\nThanks,\nRuth", ["Ruth", "Ruth Adams"]),
        ("From: Adams, Ruth <r@example.com>\nSubject: case\n\nWrong case.\n\nThanks,\nRuth",
         ["Ruth Adams", "Ruth"]),
        ("Dzień dobry Panie Tomku,\nnazywam się Anna Nowak-Kowalska. Paczka nie dotarła.",
         ["Anna Nowak-Kowalska", "Tomku"]),
        ("Здравствуйте! Меня зовут Ирина Волкова. Не тот цвет.\n\nС уважением,\nИрина",
         ["Ирина", "Ирина Волкова"]),
        ("Добрый день. Моя фамилия Волкова, заказ не пришёл. Спасибо, Ирина", ["Ирина", "Волкова"]),
        ("Hi, I'm Priya Shah and the lamp is broken.", ["Priya Shah"]),
        ("Hi, I'm Polish and the lamp is broken.", []),  # one word after "I'm": no name
        ("Imię i nazwisko: Jan Kowalski\nWiadomość: gdzie paczka?", ["Jan Kowalski"]),
        ("Where is it?\n\n> Hello Kate, your parcel has shipped.", ["Kate"]),
        ("Hello team, where is my parcel?", []),
    ],
)  # fmt: skip
def test_find_names_gives_every_name(raw: str, names: list[str]) -> None:
    assert find_names(raw) == names


@pytest.mark.parametrize(
    ("line", "address"),
    [
        ("г. Самара", True),
        ("Самара, ул. Гагарина, д. 7, кв. 3", True),
        ("al. Jerozolimskie 12, 00-950 Warszawa", True),
        ("Hauptstr. 5, 10115 Berlin", True),
        ("в 2023 г. заказала", False),  # a year
        ("С уважением, Г. Петров", False),  # an initial
        ("Anna Smith", False),
    ],
)
def test_looks_like_address(line: str, address: bool) -> None:
    assert looks_like_address(line) is address


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a town under the name is no name, however it ends
        ("Добрый день. Утюг не греется.\n\nМарина\nг. Самара", "Марина"),
        # a pickup point's name opening an address line is no person
        ("Добрый день.\nПеренесите доставку сюда:\nOzon, г. Самара, ул. Гагарина, 7\n\n"
         "Марина Лебедева", "Марина"),
        ("Dzień dobry. Żelazko nie grzeje.\n\nMarek\nul. Długa 5", "Marek"),
    ],
)  # fmt: skip
def test_an_address_line_is_no_name(text: str, name: str) -> None:
    assert extract_fields(text).get("name") == name


@pytest.mark.parametrize(
    ("line", "name"),
    [("Mia 🌷", "Mia"), ("🌸 Ania Kwiatek", "Ania Kwiatek"), ("Оля ❤️", "Оля"), ("🌷", None)],
)
def test_emoji_around_a_name_are_not_part_of_it(line: str, name: str | None) -> None:
    assert name_of_line(line) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hello! I make candles and would love to sell yours.\n\nMia 🌷\n@mia_makes", "Mia"),
        # a name, a job title and a phone under the text, no sign-off
        ("Dzień dobry,\noferujemy magazynowanie towaru.\n\nPiotr Zieliński\n"
         "specjalista ds. sprzedaży\n+48 601 234 567", "Piotr"),
        ("Добрый день!\nПредлагаем доставку по городу.\n\nЕгор Лаптев\nменеджер по продажам\n"
         "+7 495 000-00-00", "Егор"),
    ],
)  # fmt: skip
def test_a_name_over_a_job_title_or_with_an_emoji_closes_the_email(text: str, name: str) -> None:
    assert extract_fields(text).get("name") == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi, the sofa leg snapped.\n\nGrazie mille,\nLuca Ferri", "Luca"),
        ("Hi, the sofa leg snapped. Can you check? Gracias, Lucía", "Lucía"),
        ("Добрий день, ніжка дивана зламалась.\n\nЗ повагою,\nОксана Мельник", "Оксана"),
        ("Доброго дня, ніжка зламалась. Дякую, Оксана", "Оксана"),
        # a sign-off of no listed language, told by its shape: a word and a comma
        # over a full name
        ("Hi, the sofa leg snapped.\n\nTschüssi,\nJonas Weber", "Jonas"),
    ],
)
def test_a_sign_off_in_another_language_is_no_name(text: str, name: str) -> None:
    assert extract_fields(text).get("name") == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hey the blender lid cracked on day one. can i get a new one. thanks kim x", "Kim"),
        ("hi the blender lid cracked. what do i do now. kim", "Kim"),
        ("dzien dobry, blender peknal po tygodniu. co teraz? kuba", "Kuba"),
        ("добрый день, блендер треснул. что теперь делать? настя", "Настя"),
    ],
)
def test_the_name_closing_a_text_written_in_lower_case(text: str, name: str) -> None:
    assert extract_fields(text).get("name") == name


@pytest.mark.parametrize(
    "text",
    [
        "hi the blender lid cracked. what do i do now. ugh",
        "hi the blender lid cracked. can you send a new one. cheers mate",
        "hi the blender lid cracked. need a new one. asap",
        "hi the blender lid cracked again. anyway",
        "hi the blender lid cracked again. mum",
        "zamowilam blender. pokrywka pekla. pomocy",
        "zamowilam blender. pokrywka pekla. ratunku",
        "dzien dobry, blender peknal. co teraz? dzieki wielkie",
        "Hi, the blender lid cracked. What do I do now? kim",  # capitals written: no guess
        "hi the lid cracked. kim says it is common. kim",  # the word is used in a sentence
    ],
)
def test_a_closing_word_of_a_lower_case_text_that_is_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


FORWARDED_OWN = (
    "---------- Forwarded message ---------\nFrom: Nina Park <nina.park@gmail.com>\n"
    "Date: Mon, 3 Feb\nSubject: broken lid\nTo: help@blendco.example\n\n"
    "The lid cracked on day one and nobody has answered for a week."
)
SHOP_TO_CUSTOMER = (
    "Still nothing, see below.\n\n-----Original Message-----\n"
    "From: BlendCo <support@blendco.example>\nSent: Monday\n"
    "To: Nina Park <nina.park@gmail.com>\nSubject: Re: lid\n\nWe are looking into it."
)
FRIEND_TO_CUSTOMER = (
    "Please read this.\n\n---------- Forwarded message ---------\n"
    "From: Mike Lee <mike.lee@gmail.com>\nDate: Mon, 3 Feb\nSubject: lid\n"
    "To: Nina Park <nina.park@gmail.com>\n\nthe lid you gave me cracked"
)


def test_the_sender_of_a_forwarded_message_to_a_shops_mailbox_is_the_customer() -> None:
    assert extract_fields(FORWARDED_OWN).get("name") == "Nina"


def test_the_addressee_of_a_quoted_message_from_a_shops_mailbox_is_the_customer() -> None:
    assert extract_fields(SHOP_TO_CUSTOMER).get("name") == "Nina"


def test_a_message_between_two_people_names_no_customer() -> None:
    assert "name" not in extract_fields(FRIEND_TO_CUSTOMER)


FORWARDED_FROM_A_NEIGHBOUR = (
    "Hello, my neighbour took in the parcel for me and wrote this:\n\n"
    "---------- Forwarded message ---------\nFrom: {sender}\nDate: Tue 4 Feb\n"
    "Subject: your parcel\n\nthe box was open when the driver gave it to me, sorry\n\n"
    "{question}\n{signed}"
)


@pytest.mark.parametrize(
    ("sender", "question", "signed", "name"),
    [
        ("Pat Green", "What should I do with it now?", "Nadia", "Nadia"),
        ("Pat Green", "What should I do with it now?", "Pat", None),  # the sender's own
        ("Pat Green", "Hope this helps.", "Nadia", None),  # no question to the shop
        ("Shop <help@shop.example>", "What should I do now?", "Nadia", None),  # a shop's
    ],
)
def test_the_name_under_a_forwarded_message(
    sender: str, question: str, signed: str, name: str | None
) -> None:
    text = FORWARDED_FROM_A_NEIGHBOUR.format(sender=sender, question=question, signed=signed)
    assert extract_fields(text).get("name") == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hi the mug handle snapped off. can i get a new one. ta rosie", "Rosie"),
        # a firm's name under the signed name
        ("Hello! Do you sell wholesale?\n\nHattie\nHattie & Fern Interiors\nhello@hf.example",
         "Hattie"),
        # a sentence that opens with a word and a comma is no signature's name
        ("Директору магазина\n\nПРЕТЕНЗИЯ\n\nДиван, доставленный вчера, порван. Прошу заменить.",
         None),
    ],
)  # fmt: skip
def test_names_of_the_signature_block(text: str, name: str | None) -> None:
    assert extract_fields(text).get("name") == name


@pytest.mark.parametrize("surname", ["Nowak", "Wójcik", "Kubiak", "Adamczyk", "Kowalczuk"])
def test_a_polish_surname_alone_gives_no_first_name(surname: str) -> None:
    fields = extract_fields(f"Dzień dobry, czajnik przecieka.\n\nPozdrawiam\n{surname}")
    assert (fields.get("name"), fields.get("full_name")) == (None, surname)


@pytest.mark.parametrize("word", ["Допоможіть", "Підкажіть", "Перевірте", "Терміново", "Будь"])
def test_a_ukrainian_request_closing_the_text_is_no_name(word: str) -> None:
    assert "name" not in extract_fields(f"Доброго дня, замовлення не прийшло.\n\n{word}")


def test_a_ukrainian_first_name_is_a_name() -> None:
    fields = extract_fields("Доброго дня, замовлення не прийшло.\n\nЗ повагою,\nІгор Шевчук")
    assert (fields.get("name"), fields.get("full_name")) == ("Ігор", "Ігор Шевчук")


@pytest.mark.parametrize(
    ("text", "name", "full_name"),
    [
        ("Hi, this is Rachel Booth. The cushions are the wrong colour.\n\nThanks\nBooth",
         "Rachel", "Rachel Booth"),
        ("Dzień dobry, nazywam się Ewelina Dudek. Poduszki są w złym kolorze.\n\n"
         "Dziękuję\nDudek", "Ewelina", "Ewelina Dudek"),
        ("Здравствуйте, меня зовут Лариса Шмидт. Подушки не того цвета.\n\nСпасибо\nШмидт",
         "Лариса", "Лариса Шмидт"),
        ("Hello,\nwhen will the refund come?\n\nRegards,\nFenwick\n\n"
         "-----Original Message-----\nFrom: Homely Returns <returns@homely.example>\n"
         "To: Stuart Fenwick\nSubject: Return label\n\nDear Stuart, the label is attached.",
         "Stuart", "Stuart Fenwick"),
    ],
)  # fmt: skip
def test_a_surname_signing_gives_the_first_name_given_elsewhere(
    text: str, name: str, full_name: str
) -> None:
    fields = extract_fields(text)
    assert (fields["name"], fields["full_name"]) == (name, full_name)


@pytest.mark.parametrize(
    "text",
    [
        "OK, I'll wait.\n\nOn Wed, 9 Apr 2025 at 14:03, Homely <care@homely.example> wrote:\n"
        "> Good afternoon,\n> a courier will collect it on Friday.\n>\n"
        "> On Tue, 8 Apr 2025 at 10:20, <k.osei@gmail.com> wrote:\n"
        ">> Hi Joshua, the table wobbles. Can you collect it?",
        "Хорошо, жду.\n\n-----Исходное сообщение-----\nОт: Уютный дом <care@uyut.example>\n"
        "Отправлено: 9 апреля 2025 г. 14:03\nКому: k.z@mail.ru\nТема: RE: стол\n\n"
        "Добрый день!\nКурьер заберёт стол в пятницу.\n\n-----Исходное сообщение-----\n"
        "От: k.z@mail.ru\nОтправлено: 8 апреля 2025 г. 10:20\nКому: care@uyut.example\n"
        "Тема: стол\n\nЗдравствуйте, Артём! Стол шатается.",
    ],
)
def test_a_greeting_in_an_older_quoted_message_names_the_agent_not_the_customer(
    text: str,
) -> None:
    assert "name" not in extract_fields(text)


def test_the_greeting_of_the_quoted_reply_names_the_customer() -> None:
    text = (
        "Still nothing.\n\nOn Tue, 8 Apr 2025 at 10:20, Homely <care@homely.example> wrote:\n"
        "> Hi Kwame,\n> the courier comes on Friday.\n>\n"
        "> On Mon, 7 Apr 2025, <k.osei@gmail.com> wrote:\n>> Hi Joshua, it wobbles."
    )
    assert extract_fields(text)["name"] == "Kwame"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi,\nthe blender leaks at the base.\n\nRegards, chloé", "Chloé"),
        ("Dzień dobry,\nblender przecieka.\n\nPozdrawiam, zośka", "Zośka"),
        ("Здравствуйте!\nБлендер протекает.\n\nС уважением, светлана", "Светлана"),
        ("Hi,\nthe blender leaks.\n\nThanks, anna", "Anna"),
        ("Hi,\nthe blender leaks.\nThanks, megan x", "Megan"),
        ("Hi,\nthe blender leaks.\nCheers, dave", "Dave"),
        ("Здравствуйте, блендер течёт.\nСпасибо, оля", "Оля"),
        ("Hi, the blender came broken 😢 Megan", "Megan"),
    ],
)
def test_a_name_in_lower_case_after_a_sign_off_on_its_line(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "Hi,\nthe refund arrived.\n\nThanks, noted",
        "Здравствуйте!\nВозврат пришёл.\n\nСпасибо, понял",
        "Dzień dobry,\nzwrot dotarł.\n\nDzięki, rozumiem",
        "Hi,\nthe blender leaks.\n\nRegards, team",
        "Здравствуйте, где заказ?\n\nС уважением, покупатель",
        "Dzień dobry, gdzie zamówienie?\n\nPozdrawiam, klientka",
        "Dzień dobry, gdzie zamówienie?\n\nPozdrawiam, zdenerwowana",
    ],
)
def test_a_word_in_lower_case_after_a_sign_off_that_is_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name", "full_name"),
    [
        ("Hello,\nthe lamp arrived dented.\n\nRegards,\nMitchell\nandrew.mitchell@btinternet.com",
         "Andrew", "Andrew Mitchell"),
        ("Dzień dobry,\nlampa przyszła wgnieciona.\n\nPozdrawiam\nWróbel\n"
         "agnieszka.wrobel@wp.pl", "Agnieszka", "Agnieszka Wróbel"),
    ],
)  # fmt: skip
def test_a_surname_signing_gives_the_first_name_of_a_first_last_address(
    text: str, name: str, full_name: str
) -> None:
    fields = extract_fields(text)
    assert (fields["name"], fields["full_name"]) == (name, full_name)


def test_an_address_alone_gives_no_name() -> None:
    text = "Hello,\nthe lamp arrived dented.\n\nandrew.mitchell@btinternet.com"
    assert "name" not in extract_fields(text)


def test_outlooks_bold_labels_pasted_as_asterisks_are_no_part_of_the_name() -> None:
    text = (
        "Жду.\n\n*От:* Уютный дом <help@uyut.example>\n*Отправлено:* 10 марта 2025 г. 11:02\n"
        "*Кому:* Ирина Лебедева\n*Тема:* Возврат\n\nИрина, добрый день!\nВозврат оформлен."
    )
    fields = extract_fields(text)
    assert (fields["name"], fields["full_name"]) == ("Ирина", "Ирина Лебедева")


@pytest.mark.parametrize(
    "text",
    [
        "Когда вернут деньги?\n\nИрина\n\nВозврат по заказу 20455 оформлен.\nС уважением,\n"
        "Павел, служба поддержки",
        "When will I get my money?\n\nKaren\n\nYour refund is processed.\nKind regards,\n"
        "Daniel\nCustomer Support Team",
        "Kiedy zwrot?\n\nMonika\n\nZwrot został zlecony.\nPozdrawiam\nTomasz\n"
        "Dział Obsługi Klienta",
    ],
)
def test_a_signature_of_the_shops_support_team_names_no_customer(text: str) -> None:
    assert "name" not in extract_fields(text)


def test_a_buyers_job_title_in_customer_service_keeps_the_name() -> None:
    text = "Hello,\nplease send 20 more units.\n\nKind regards,\nAnna Smith\n"
    text += "Customer Service Manager\nBloom Ltd"
    assert extract_fields(text)["name"] == "Anna"


@pytest.mark.parametrize(
    "text",
    [
        "Hi, the courier in Kendal says he can't find us.\n\nThanks\nKendal",
        "Dzień dobry, paczka do Wąchocka nie dotarła.\n\nPozdrawiam\nWąchock",
        "Здравствуйте, посылку в Урюпинске не выдали.\n\nСпасибо\nУрюпинск",
        "Dzień dobry, paczka utknęła w Sulejówku.\n\nPozdrawiam\nSulejówek",
    ],
)
def test_a_word_the_email_names_as_a_place_is_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


def test_a_name_after_to_is_still_a_name() -> None:
    text = "Hi, please send it to Priya at the office.\n\nThanks\nPriya"
    assert extract_fields(text)["name"] == "Priya"


@pytest.mark.parametrize(
    "text",
    [
        "Hello, the lamp arrived dented.\n\nRegards,\nMitchell\n\nOn Mon, 10 Mar 2025, Homely "
        "<help@homely.example> wrote:\n> Dear Mr Mitchell,\n> your order has shipped.",
        "Добрый день. Лампа пришла помятой.\n\nС уважением,\nКоваль\n\n10.03.2025, 11:02, "
        '"Уют" <help@uyut.example>:\n> Уважаемый господин Коваль!\n> Заказ отправлен.',
    ],
)
def test_a_word_written_after_mr_is_a_surname_not_a_name_to_greet_with(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize("text", ["I love it 😍 Thanks", "The box is crushed 😡 Urgent please"])
def test_a_word_after_an_emoji_that_is_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hi Daniel,\nthe refund still hasn't arrived.\nThanks, Daniel!",
        "Павел, добрый день!\nВозврат так и не пришёл.\nСпасибо, Павел!",
        "Thanks Daniel\n\nOn Mon, 10 Mar 2025, Homely <help@homely.example> wrote:\n"
        "> Hello, your refund is done.\n> Regards, Daniel",
        "Dziękuję bardzo, Tomasz!\n\nW dniu 10.03.2025 o 11:02, BOK <bok@domowo.example> pisze:\n"
        "> Dzień dobry, zwrot zlecony.\n> Pozdrawiam, Tomasz",
        "Dziękuję, Panie Tomaszu!",
    ],
)
def test_the_agent_thanked_by_name_is_not_the_customer(text: str) -> None:
    assert "name" not in extract_fields(text)


def test_the_customer_greeted_name_first_in_the_quoted_reply() -> None:
    text = (
        'Спасибо, Павел!\n\n10.03.2025, 11:02, "Уют" <help@uyut.example>:\n'
        "> Ирина, добрый день! Возврат оформлен.\n> С уважением, Павел"
    )
    assert extract_fields(text)["name"] == "Ирина"


def test_the_customer_addressed_in_the_shops_quoted_text_is_not_the_agent() -> None:
    text = (
        "Спасибо, всё пришло.\n\nТатьяна\n\n-------- Исходное сообщение --------\n"
        "От: Заказы <orders@shop.example>\nДата: 14.02.2024 16:08\nТема: Заказ отправлен\n\n"
        "Татьяна, ваш заказ 26884 в пути!"
    )
    assert extract_fields(text)["name"] == "Татьяна"


@pytest.mark.parametrize(
    "text",
    [
        "Здравствуйте, пришлите счёт.\n\nС уважением,\nБухгалтерия",
        "Dzień dobry, proszę o fakturę.\n\nPozdrawiam\nKsięgowość",
        "Hi, please send the invoice.\n\nRegards,\nAccounts",
    ],
)
def test_a_department_signing_is_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Здравствуйте, меня зовут Ольга. Заказ не пришёл.\n\nС уважением,\nСмирнова", "Ольга"),
        ("Dzień dobry, mam na imię Beata. Paczka nie dotarła.\n\nPozdrawiam\nZielińska", "Beata"),
        ("Hi, I'm Andrew. The order hasn't arrived.\n\nRegards,\nMitchell", "Andrew"),
        ('Здравствуйте, заказ не пришёл.\n\nС уважением,\nСмирнова\n\n10.03.2025, 11:02, "Уют" '
         "<help@uyut.example>:\n> Ольга, добрый день!\n> Заказ отправлен.", "Ольга"),
        ("Hi, the order hasn't arrived.\n\nRegards,\nA. Mitchell\n\nOn Mon, 10 Mar 2025, Homely "
         "<help@homely.example> wrote:\n> Dear Andrew,\n> your order has shipped.", "Andrew"),
    ],
)  # fmt: skip
def test_the_first_name_given_elsewhere_over_a_surname_signing(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


def test_a_known_name_signing_stays_against_another_name_greeted_in_the_quote() -> None:
    text = (
        "The lamp arrived dented.\n\nThanks,\nKate\n\nOn Mon, 10 Mar 2025, Homely "
        "<help@homely.example> wrote:\n> Dear Andrew,\n> your order has shipped."
    )
    assert extract_fields(text)["name"] == "Kate"


def test_a_surname_and_an_initial_give_no_name() -> None:
    fields = extract_fields("Здравствуйте, где заказ?\n\nС уважением, Иванов И.")
    assert "name" not in fields


# --- session 9 (issue #14) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "full_name"),
    [
        # title, company and phone lines over the name under a sign-off
        (
            "Hi,\norder 12345 is late.\n\nRegards,\n\nHead of Operations\nAcme Ltd\n"
            "07700 900123\nJohn Smith",
            "John",
            "John Smith",
        ),
        (
            "Dzień dobry,\nzamówienie 12345.\nZ poważaniem\nKierownik Działu Zakupów\n"
            "Meble-Pol Sp. z o.o.\ntel. 601 234 567\nMarek Zieliński",
            "Marek",
            "Marek Zieliński",
        ),
        ("Hello,\norder 12345 is late.\n\nKind regards,\nSmith, John", "John", "John Smith"),
        ("Hello,\norder 12345.\nRegards\nRev. Thomas Hughes", "Thomas", "Thomas Hughes"),
        ("Hi, order 12345 is late.\nThanks for your help, Kate", "Kate", "Kate"),
        ("Dzień dobry,\nzamówienie 12345.\nZ góry dziękuję za pomoc, Ola", "Ola", "Ola"),
        ("Добрый день!\nЗаказ 12345 не пришёл.\nЗаранее благодарна, Ирина", "Ирина", "Ирина"),
        ("Hi, order 12345 is late. Thanks :) Zoë", "Zoë", "Zoë"),
        ("Hello,\norder 10101 is damaged.\nLove,\nGrandma Betty", "Betty", "Betty"),
        ("Hey! Order 44170. Wrong colour. Pls fix. Thx, Mo", "Mo", "Mo"),
        ("Hi,\norder 12345 is late.\nWarmest wishes,\nAurélie & family", "Aurélie", "Aurélie"),
        ("Hi, order 1.\n\nRegards,\nAlex Morgan BSc (Hons) MRICS", "Alex", "Alex Morgan"),
        ('Hi, order 1.\n\nThanks\nAlexandra "Sasha" Petrova', "Alexandra", "Alexandra Petrova"),
        ("Hi, order 1.\n\nRegards,\n*Chloé Dubois*\n*Office Manager*", "Chloé", "Chloé Dubois"),
        ("Hi, order 1.\n\nRegards,\n[cid:image001.png@01DA]\nAnna Smith", "Anna", "Anna Smith"),
        ("Hi, order 1.\nThanks,\nKate\n\nKate Summers\nSenior Buyer", "Kate", "Kate Summers"),
        ("Здравствуйте, Ольга на связи, заказ 12345.", "Ольга", "Ольга"),
        ("Dzień dobry, Kasia z tej strony, zamówienie 12345.", "Kasia", "Kasia"),
        ("Здравствуйте! Меня Ольга зовут, заказ 12345.", "Ольга", "Ольга"),
        ("Здравствуйте! Я — Ольга Смирнова, заказ 12345.", "Ольга", "Ольга Смирнова"),
        ("Hi, Sam from Marlow Joinery here - order 74406.", "Sam", "Sam"),
        ("hi its jake, order 14092 - the charger doesnt work", "Jake", "Jake"),
        ("Добрый день, Анастасия!\nЗаказ 19046.\nСпасибо, Анастасия!\nДенис", "Денис", "Денис"),
        ("hello i never got my parcel order 66021 thanks maureen", "Maureen", "Maureen"),
    ],
)
def test_names_found_in_session_9(text: str, name: str, full_name: str) -> None:
    fields = extract_fields(text)
    assert (fields.get("name"), fields.get("full_name")) == (name, full_name)


@pytest.mark.parametrize(
    "text",
    [
        "Hi,\nPlease send a label for order 35172.\n\nRegards,\nHead of Facilities\n"
        "Northgate Primary School\n01632 960777",
        "Hello, I'm Jane Whitaker's assistant. She asked me to chase order 63318.",
        "Hello,\norder 41185 arrived cracked.\n\nMany thanks\nKensington Palace Gardens",
        "Dzień dobry,\nzamówienie 73390.\n\nDziękuję\nHurtownia Elektro",
        "Добрый день!\nЗаказ 24473.\nСпасибо\nСалон «Лилия»",
        "Здравствуйте. Меня беспокоит Сергей, ваш курьер. Заказ 40318.",
        "Hi, the parcel for order 65290 was left outside, thanks Evri",
        "Customer: N/A\nOrder: 66013",
    ],
)
def test_no_name_from_titles_firms_couriers_or_other_people(text: str) -> None:
    assert "name" not in extract_fields(text)


def test_a_sole_traders_mark_is_no_name() -> None:
    fields = extract_fields("Добрый день!\nЗаказ 82265.\n--\nС уважением,\nИП Соколов А.В.")
    assert "name" not in fields
    assert fields["full_name"] == "Соколов А.В"


@pytest.mark.parametrize(
    "text",
    [
        # no greeting, or one that names the agent: the name after the thanks may be
        # the agent's, thanked
        "Order 12345 is late.\nThanks for your help, Kate",
        "Hi Kate,\norder 12345 is late.\nThanks for your help, Kate",
        "Order 12345 is late, thanks Anaïs",
        "Hi Sarah, order 90613 is still missing, thanks Sarah",
        "Dzień dobry Pani Ewo, zamówienie 12345 nie dotarło, dziękuję ewa",
    ],
)
def test_a_name_after_a_thanks_that_may_thank_the_agent_is_not_taken(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hello,\norder 12345 is late.\nThanks for your help, Kate", "Kate"),
        ("Order 12345 is late.\nThanks for your help, Kate Moss", "Kate"),
        ("Hi, order 12345 is late, thanks Anaïs", "Anaïs"),
        ("hello i never got my parcel order 66021 thanks maureen", "Maureen"),
    ],
)
def test_a_name_after_a_thanks_signs_a_text_that_greets_no_one(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


# --- session 10: the classes of names missed or wrong on the development sets ------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a sign-off typed with a typo: the typo was the name
        ("Hi, the kettle leaks.\nRegrads,\nPauline", "Pauline"),
        ("Any news on my refund?\nThnaks\nCallum", "Callum"),
        ("Dzien dobry, kiedy wysylka?\nPozdrawim\nLukasz", "Łukasz"),
        ("Здравствуйте! Когда придёт заказ?\nС уваженем,\nОльга", "Ольга"),
        # the warm sign-offs of friends and regulars
        ("Is the rug back in stock?\nLove Bev x", "Bev"),
        ("Czy są jeszcze kubki? Buziaki, Ola", "Ola"),
        ("Подскажите статус возврата. Спасибо!\nОбнимаю, Лена", "Лена"),
        ("Товар пришел с браком, фото прикладываю.\nВаша Юля", "Юля"),
        ("Ну как вы там?\nЦелую, тётя Рая", "Рая"),
        ("hey!! love ur candles, collab?\n\nxoxo chloé", "Chloé"),
    ],
)
def test_a_typed_or_a_warm_sign_off_signs(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Can I get an invoice for order 40112? VAT GB 123 4567 89. - Ana", "Ana"),
        ("Is the mixer back soon? Thanks!\n- Marisol from Austin", "Marisol"),
        ("THE LAMP CAME SMASHED. ORDER 81452 - DEREK", "Derek"),
        ("hi i ordered size 10 boots and got 8. can i swap? thanks\n- jess", "Jess"),
    ],
)
def test_a_name_after_a_dash_ends_the_text(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "Hello, my kettle stopped working after a week - Philips HD9350.",
        "The kettle arrived broken - Philips",
        "ORDER 81452 ARRIVED BROKEN - PHILIPS",
        "Order 55102 - still waiting",
        "Please cancel - April",  # a name that is a word too: a month, not a signer
        "ORDER 5512 NOT ARRIVED - MAY",
    ],
)
def test_a_maker_or_a_phrase_after_a_dash_is_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a signature block with no sign-off: a firm, an address, a registration under the name
        (
            "The fryer trips the electrics. I want a refund.\n\nGareth Evans\n"
            "Evans Plumbing & Heating\nMob: 07700 900 561\nGas Safe Reg. No. 556677",
            "Gareth",
        ),
        (
            "Kosiarka nie zapala. Gdzie ją wysłać?\n\nStanisław Kubiak\n"
            "Gospodarstwo Ogrodnicze Kubiak\nWola Rzędzińska 112\ntel. 14 621 33 09",
            "Stanisław",
        ),
        # a long job title under the name, a mailing's footer under the signature
        (
            "Предлагаем упаковку.\n\nС уважением,\nДенис Шубин\n"
            "менеджер по работе с ключевыми клиентами\nООО «ПакЭксперт»\n\n"
            "Вы получили это письмо, так как подписаны на рассылку. Чтобы отписаться, ответьте.",
            "Денис",
        ),
        # a desk's rank and a surname first under it
        ("Прошу выставить счёт.\n--\nГлавный инженер\nБелов Константин\nООО «Техно»", "Константин"),
    ],
)
def test_the_name_over_a_signature_block(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


def test_an_address_in_angle_brackets_is_not_taken_for_html() -> None:
    # "<p.gurov@...>" read as a <p> tag once joined the whole e-mail into one line,
    # and the forwarded message's "Павел" ended it
    text = (
        "Пересылаю письмо сотрудника. Нужны документы.\n\nС уважением,\nКолесникова Ю. А.\n"
        "Главный бухгалтер\n\n---------- Forwarded message ---------\n"
        "От: Павел Гуров <p.gurov@vector-m.ru>\nДата: пт, 10 апр. 2026 г.\n"
        "Кому: Бухгалтерия <buh@vector-m.ru>\n\nКупил МФУ, заказ 50904.\nПавел"
    )
    fields = extract_fields(text)
    assert "name" not in fields  # the sender signs with initials only
    assert fields["order"] == "50904"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Privet, eto Olya, ya zakazyvala platye. Kak vernut?", "Olya"),
        ("Zdravstvujte, menya zovut Irina, ya zakazala divan.", "Irina"),
        ("Hi! It's Nadia here. Did you get my return?", "Nadia"),
        ("Quick one - when does the sale end? Cheers, Big Dave", "Dave"),
        ("Loyal customer here :) Ellie", "Ellie"),
        ("its for my mum, she cant do email. order 44012. thanks, Karen (daughter)", "Karen"),
        ("Arrived without the bolts!! Regards Maureen Tait (Nana)", "Maureen"),
        ("Dobryj den!\nKogda budet vozvrat?\n--\nKuznetsova Yulia", "Yulia"),
        ("Dzien dobry,\nprosze o zwrot.\nSlowik Jedrzej", "Jędrzej"),
    ],
)
def test_introductions_and_closing_names(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Sender: Marek Zając <m.zajac@interia.pl>\nSubject: faktura\n\nProszę o fakturę.",
            "Marek",
        ),
        # a shop's message pasted whole: its addressee is the customer
        (
            "From: Customer Care <help@shop.example>\nTo: Ruth Adams <ruth.adams@gmail.com>\n"
            "Subject: Your order\n\nDear Ruth, your order has shipped.",
            "Ruth",
        ),
        # a From: name in the order its bearer writes it, signed with the first name
        (
            "From: Zhang Mei <zhangmei@qq.com>\nSubject: lamp\n\nIs it in stock?\n\nBest,\nMei",
            "Mei",
        ),
        # ... but a surname signing alone keeps the header's first name
        (
            "From: Andrew Mitchell <am@bt.example>\nSubject: lamp\n\nDented.\n\nRegards,\nMitchell",
            "Andrew",
        ),
        # a contact form sent as an HTML table
        (
            "<table><tr><td>Name</td><td>Owen Price</td></tr>"
            "<tr><td>Phone</td><td>07700 900123</td></tr></table>",
            "Owen",
        ),
    ],
)
def test_headers_and_forms(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "Пишу по поручению директора Петрова А.В. Нужен счёт.\nСекретарь",
        "Please cancel order 44012.\nRegards,\nReception",
        "Love the new collection! When is the next sale?",
        "Regrads",
        "Где заказ?\nС уважением,\nООО Ромашка",  # a firm's form before its name
    ],
)
def test_a_desk_a_phrase_or_a_sign_off_alone_is_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Any update on this please?\n\nOn Mon, 3 Mar 2025 at 10:00, Lena Ward "
            "<lena.ward@gmail.com> wrote:\n> Hi, my order 12345 has not arrived.\n> Thanks, Lena",
            "Lena",
        ),
        (
            "Nadal nic.\n\nW dniu 3.03.2025 o 10:00 Ewa Lis <ewa.lis@wp.pl> pisze:\n"
            "> Dzień dobry, paczka nie dotarła.\n> Pozdrawiam, Ewa",
            "Ewa",
        ),
        # the customer's own message forwarded to the shop's mailbox: its signer is no agent
        (
            "Following up on the below.\n\n---------- Forwarded message ---------\n"
            "From: Tom Reed <tom.reed@gmail.com>\nTo: help@shop.example\nSubject: Parcel\n\n"
            "Hi, order 77120 never arrived.\nTom",
            "Tom",
        ),
    ],
)
def test_the_customers_own_earlier_message_quoted_under_a_follow_up(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


def test_an_agent_writing_from_the_shops_domain_is_not_the_customer() -> None:
    text = (
        "Thanks!\n\nOn Tue, 4 Mar 2025, Emma Watson <emma@shop.example> wrote:\n"
        "> Hi there,\n> Your refund is processed.\n> Emma"
    )
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Добрый день. Я вам звонила вчера, меня Ольгой зовут. Заказ 12055.", "Ольга"),
        ("Здравствуйте, меня Сергеем зовут, заказ 4410 не пришёл.", "Сергей"),
        ("Hello! Anna here again - still no parcel :(", "Anna"),
        ('From: "anna.smith" <anna.smith@gmail.com>\nSubject: order\n\nWhere is it?', "Anna"),
    ],
)
def test_an_instrumental_a_repeated_here_and_an_address_as_display_name(
    text: str, name: str
) -> None:
    assert extract_fields(text)["name"] == name


@pytest.mark.parametrize(
    "text",
    [
        "Zdravstvuyte!\nGde moj zakaz?\nS uvazheniem, Ivanova E.",  # a surname and an initial
        "Здравствуйте, меня Кротовой зовут.",  # an instrumental of no known first name
    ],
)
def test_a_surname_or_an_inflected_word_is_no_first_name(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dzień dobry, gdzie jest paczka?\nPozdrawiam,\nGosia :)", "Gosia"),
        ("Thanks for sorting it\nKate ;-)", "Kate"),
        ("Is the invoice ready?\n\nxx Sarah", "Sarah"),  # kisses before the name
        ("hi my nmae is Priya and the parcel is late", "Priya"),
    ],
)
def test_an_emoticon_after_the_name_and_a_typed_introduction(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


def test_initials_with_points_give_no_first_name() -> None:
    fields = extract_fields("Is order 4412 shipped?\n\nThanks!\nJ.R.")
    assert "name" not in fields


@pytest.mark.parametrize(
    "text",
    [
        "Thank you Grace, all sorted.",  # the text opens thanking someone: no one signs
        "Dziękuję Pani Kasiu, wszystko dotarło.",  # "Pani" and the vocative: addressed
        "Dziękuję Pani Kasiu!",
    ],
)
def test_a_thanks_that_opens_the_text_or_addresses_someone_signs_no_one(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi, where is it? Thanks, Anna from Leeds", "Anna"),
        ("Where is my refund?\nRegards, Mrs Anna Jones", "Anna"),
    ],
)
def test_a_sign_off_ending_the_text_still_signs(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gde zakaz?\nS uvazheniem,\nPetrov Igor Nikolaevich", "Igor"),  # surname first
        ("Gde zakaz?\nS uvazheniem,\nSmirnova Olga Petrovna", "Olga"),
        ("Regards,\nAnna Maria Dietrich", "Anna"),  # "-ich" alone is no patronymic
        ("Zdravstvuyte, na svyazi Olga, zakaz 1234 ne prishel.", "Olga"),
    ],
)
def test_russian_typed_in_latin_letters(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


@pytest.mark.parametrize(
    ("full", "given"),
    [
        ("Wiśniewska Anna Maria", "Anna"),  # a surname first, then two first names
        ("Kowalski Jan Paweł", "Jan"),
        ("Anna Maria Wiśniewska", "Anna"),
        ("Ivanova Anna Sergeevna", "Anna"),
        ("Kuznetsova Yulia", "Yulia"),
        ("Ivanova E.", None),
        ("Ирина В.", "Ирина"),
        ("J.R.", None),
    ],
)
def test_first_name_of_a_full_name(full: str, given: str | None) -> None:
    assert first_name(full) == given


def test_a_lower_case_word_after_an_initials_point_is_a_surname() -> None:
    text = "hello the lamp dosent work. i want my money back. thankyou mrs d. o'connor"
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Charity is a first name; only a charity's own words make a line a charity's
        ("Hello, where is my parcel?\n\nThanks,\nCharity Jones", "Charity"),
        ("My name is Charity Jones. Where is my order?", "Charity"),
        (
            "Hi,\nwhere is my parcel?\n\nBernadette Quinn\nVolunteer Coordinator, St Brigid's "
            "Community Trust (Reg. Charity No. 1187332)",
            "Bernadette",
        ),
    ],
)
def test_charity_as_a_name_and_as_a_charity(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name
