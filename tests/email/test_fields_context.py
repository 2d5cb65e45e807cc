"""Issue #14: no greeting, request or common noun as a name; the name wherever
the e-mail gives it; order numbers written bare but in context, and the
numbers that are never an order's."""

from __future__ import annotations

import pytest

from expander import extract_fields

EN = "Hello,\nmy parcel is late, could you check?\n\n"
PL = "Dzień dobry,\npaczka się spóźnia, czy możecie sprawdzić?\n\n"
RU = "Здравствуйте,\nпосылка задерживается, проверьте, пожалуйста.\n\n"


# --- words that are no name ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        RU + "Помогите",
        RU + "Подскажите",
        RU + "Спасибо заранее.\nПожалуйста",
        "Добрый день.\nДата доставки прошла, новая дата не названа.\n\nДата",
        PL + "Proszę",
        PL + "Dziękuję\nWitam",
        PL + "Sprawdźcie",
        EN + "Urgent",
        EN + "Thanks\nRegards",
        EN + "Please",
        EN + "Help!",
        "Dobryy den, posylka ne prishla.\nPomogite pozhaluysta\nPomogite",
        RU + "Срочно!",
    ],
)
def test_a_closing_line_that_is_no_name_gives_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


# --- the name, wherever the e-mail gives it ----------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "full_name"),
    [
        ("Hi, I'm Anna Smith. Order 49987 is late.", "Anna", "Anna Smith"),
        ("Hi Mark, thanks. I'm Anna, and the parcel is late.", "Anna", "Anna"),
        ("Hi, Jake here - the parcel is late.", "Jake", "Jake"),
        ("Hello, my name is anna smith and the parcel is late", "Anna", "Anna Smith"),
        ("Dzień dobry, tu Anna Kowalska. Paczka nie doszła.", "Anna", "Anna Kowalska"),
        ("Dzień dobry, jestem Anna Nowak, paczka nie doszła.", "Anna", "Anna Nowak"),
        ("Добрый день! Это Ольга. Посылка не пришла.", "Ольга", "Ольга"),
        (RU + "С уважением,\nменеджер Ольга", "Ольга", "Ольга"),
        (RU + "С уважением,\nбухгалтер Светлана Волкова", "Светлана", "Светлана Волкова"),
        (RU + "С ув., Петров И.И.", None, "Петров И.И"),  # initials: no first name
        (RU + "С уважением,\nФедоров И. Н.", None, "Федоров И. Н"),
        (EN + "Thanks,\nElla R.", "Ella", "Ella R"),
        (PL + "Z poważaniem\nmgr inż. Jan Nowak", "Jan", "Jan Nowak"),
        (PL + "Pozdrawiam serdecznie,\nAnia z Gdańska", "Ania", "Ania"),
        (EN + "Best regards,\nAnna (Mrs)", "Anna", "Anna"),
        (EN + "—Anna", "Anna", "Anna"),
        (EN + "Anna xx", "Anna", "Anna"),
        (RU + "С уважением,\nТкаченко Виталий", "Виталий", "Ткаченко Виталий"),
        ("Hi,\nthe lamp is broken.\n\nAnna Smith\nCould you reply soon", "Anna", "Anna Smith"),
        ("Dzień dobry,\nlampa zepsuta.\n\nAnna Nowak\nCzy mogę ją odesłać", "Anna", "Anna Nowak"),
        ("Здравствуйте, лампа сломалась. Ольга", "Ольга", "Ольга"),
        ("Good morning, Anna here from Leeds. The lamp is broken.", "Anna", "Anna"),
        ("Hi it's Anna. Lamp broken", "Anna", "Anna"),
        ("Добрый вечер!\nЯ Светлана, заказывала чайник. Он течёт.", "Светлана", "Светлана"),
        ("Zdravstvuyte, posylka ne prishla.\nS uvazheniem, Olga", "Olga", "Olga"),
        ("Privet, posylka ne prishla. Spasibo, Igor", "Igor", "Igor"),
        ("Witam, pisze Anna Nowak. Lampa nie działa.", "Anna", "Anna Nowak"),
        ("Здравствуйте, на связи Ольга. Лампа не работает.", "Ольга", "Ольга"),
        (
            "Hi, the lamp is broken\n\nKind Regards\n\nAnna Smith\n"
            "Head of Operations | Smith & Co\nT: 020 7946 0000",
            "Anna",
            "Anna Smith",
        ),
    ],
)
def test_the_name_given_in_the_email(text: str, name: str | None, full_name: str) -> None:
    got = extract_fields(text)
    assert (got.get("name"), got.get("full_name")) == (name, full_name)


@pytest.mark.parametrize(
    "text",
    [
        "Hi, I'm Polish and my order 49987 is late.",
        "Hi, I'm not sure the size is right.",
        "Your mailbox is full. Click here to verify it.",
        "Dzień dobry, jestem zła, paczka nie doszła.",
        "Добрый день! Это срочно. Посылка не пришла.",
        "I want my money back. Now",
        "The lamp is broken and the box was wet. Help",
    ],
)
def test_a_word_after_an_introduction_phrase_that_is_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


def test_the_agents_team_sign_off_in_a_quoted_reply_is_not_the_customer() -> None:
    text = (
        "Hello\n\nI need help with the refund.\n\n-----Original Message-----\n"
        "From: Shop <s@x.example>\nSent: Monday\nTo: anna@x.example\nSubject: Order\n\n"
        "Hello,\nyour refund is done.\nBest regards\nThe Customer Care Team"
    )
    assert "name" not in extract_fields(text)


# --- order numbers in context --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Hi,\nPlease don't ship 49987, I found it locally.\nThanks,\nAnna", "49987"),
        ("Can you cancel #49987 please?", "49987"),
        ("Hello, where is 49987?", "49987"),
        ("Dzień dobry, proszę o zwrot za 49987.", "49987"),
        ("Hi, ordered on 12/03, number 49987, still nothing", "49987"),
        ("Hi, my order (49987) is late", "49987"),
        ("Hi, my order, 49987, never came", "49987"),
        ("hi order49987 late", "49987"),
        ("Hi, ORD-49987 is late", "ORD-49987"),
        ("Subject: Re: 49987 late\n\nwhere is it?", "49987"),
        ("Subject: 49987\n\nwhere is it?", "49987"),
        ("Proszę nie wysyłać 49987, kupiłam gdzie indziej.", "49987"),
        ("Sprawdźcie proszę 49987, status stoi.", "49987"),
        ("Zamówienie złożone 3 marca, nr 49987, nie dotarło", "49987"),
        ("Gdzie jest 49987? Miało być wczoraj.", "49987"),
        ("Не отправляйте 49987, я передумала.", "49987"),
        ("Заказ под номером 49987 не пришёл", "49987"),
        ("Где 49987? Жду неделю.", "49987"),
        ("Номер заказа: 9-14-2207", "9-14-2207"),  # no month 14, no year 2207: not a date
        ("Zdravstvuyte! Gde moy zakaz 49987? Uzhe nedelyu zhdu.", "49987"),  # typed in Latin
        ("Dobryy den, nomer zakaza: 49987", "49987"),
        ("Здравствуйте, зак. 49987 не пришёл", "49987"),
        ("Hi, ord. 49987 is late", "49987"),
        ("Hi, I'm chasing 49987 again", "49987"),
        ("Regarding 49987 - still nothing", "49987"),
        ("Dzień dobry, w sprawie 49987: nie doszło", "49987"),
        ("Здравствуйте, по поводу 49987 — не пришло", "49987"),
        ("Czekam na 49987 od tygodnia", "49987"),
        ("Жду 49987 уже неделю", "49987"),
        # the word for an order in another language, or shortened without a point
        ("Hallo, Bestellnummer 61230 is still not here", "61230"),
        ("Hola, my pedido 61230 never came", "61230"),
        ("Добрий день, замовлення 61230 досі не прийшло", "61230"),
        ("witam zam 61230 nie doszlo", "61230"),
    ],
)
def test_an_order_number_written_bare_in_context(text: str, order: str) -> None:
    assert extract_fields(text).get("order") == order


@pytest.mark.parametrize(
    "text",
    [
        "Please call me, my number 601234567",
        "My phone number: 60123456",
        "Tel. nr 601234567",
        "IBAN PL61 1090 1014 0000 0712 1981 2874",
        "card number 41111111",
        "Please check tracking 00340434161234567890",
        "Adres: ul. Długa 5, 00-950 Warszawa",
        "Отправьте на адрес 101000, Москва, ул. Ленина 1",
        "I paid 12500 for it, where is it?",
        "Check 15000 zł refund",
        "Проверьте, пожалуйста, 12.03.2024",
        "Hi, my customer no. 123456",
        "Nr konta 12345678",
        "Номер телефона 89123456",
        "NIP nr 5271037727",
        "ISO-9001 certified",
        "My SKU-12345 item is broken",
        "Subject: Ticket 12345\n\nHi",
        "Subject: Faktura 12345\n\nDzień dobry",
        "Subject: Delivery to 101000 Moscow\n\nHi",
        "Can you check 2024 orders",
        "ship 12345 pieces",
        "I checked 10000 times",
        "It cost about 12000 rubles",
        "Czekam na 10000 zł zwrotu",
        "Жду 10000 рублей",
    ],
)
def test_numbers_that_are_never_an_order(text: str) -> None:
    assert "order" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi, my name is Tomasz and the kettle leaks.\n\nRegards,\nT. Wrona", "Tomasz"),
        ("Dzień dobry, lampa nie świeci.\n\nPozdrawiam\nK. Wrona\n(Krystyna)", "Krystyna"),
        ("Добрый день. Меня зовут Павел, чайник течёт.\n\nС уважением,\nП. Зуев", "Павел"),
        (
            "Директору ООО «Чайник»\nот Зуева Павла Олеговича\n\nПРЕТЕНЗИЯ\n\n"
            "Чайник течёт, прошу вернуть деньги.\n\nЗуев П. О.",
            "Павел",
        ),
        ("Директору магазина\nот Смирновой Ольги Петровны\n\nПрошу вернуть деньги.", "Ольга"),
        ("Добрый день, меня зовут Игорь, чайник течёт.\n\nС уважением,\nПетров И.И.", "Игорь"),
    ],
)
def test_a_first_name_signed_as_an_initial_is_found_where_written_out(text: str, name: str) -> None:
    assert extract_fields(text).get("name") == name


@pytest.mark.parametrize(
    "text",
    [
        # another person's name, not the initial's
        "Hi, my name is Tomasz's wife and the kettle leaks.\n\nRegards,\nK. Wrona",
        "Hello, Anna asked me to write: the kettle leaks.\n\nRegards,\nK. Wrona",
        "Добрый день. Меня зовут Павел, чайник течёт.\n\nС уважением,\nЗуев И. О.",
        # a surname alone, introduced or signed
        "Dzień dobry, nazywam się Zielińska, czajnik przecieka.",
        "Dzień dobry, czajnik przecieka.\n\nPozdrawiam\nZielińska",
        "Добрый день, чайник течёт.\n\nС уважением,\nИванова",
    ],
)
def test_an_initial_with_no_first_name_of_its_letter_gives_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hi, the kettle from 61230 leaks at the base.",
        "Hello, I bought two mugs on 61230 and one came chipped.",
        "Dzień dobry, lampa (61230) nie świeci po tygodniu.",
        "Добрый день, куртка из 61230 оказалась мала.",
        "Something went wrong with 61230 again - what now?",
    ],
)
def test_the_one_number_a_message_carries_bare_is_its_order(text: str) -> None:
    """With no word naming it, the one number of five to eight digits in the
    customer's text is the order's."""
    assert extract_fields(text).get("order") == "61230"


@pytest.mark.parametrize(
    "text",
    [
        "The lamp from 61230 and the chair from 61231 are broken.",  # two: which one?
        "Hello, I was charged 12999 twice for one lamp.",
        "I collected 20000 points, can I spend them?",
        "Model 55123 stopped working after a week.",
        "Hello, the blender 55123 model leaks from the base.",
        "I live in Springfield 62704 and the parcel never came.",
        "Wyślijcie na 00-950 Warszawa, ul. Długa 61230",
        "Доставьте в 101000 Москва, пожалуйста",
        "Please call me back on 01632 960001.",
        "Zapłaciłam 12999 i nic nie przyszło.",
    ],
)
def test_a_bare_number_that_is_something_else_is_no_order(text: str) -> None:
    assert "order" not in extract_fields(text)


def test_a_keyword_order_number_beats_a_bare_one_and_a_quoted_one() -> None:
    text = (
        "Please cancel 11111, and where is order 22222?\n\n"
        "On Mon, 3 Nov 2025, Shop <a@shop.example> wrote:\n> Your order #33333 shipped."
    )
    assert extract_fields(text)["order"] == "22222"
    bare = "Please cancel 11111.\n\nOn Mon, 3 Nov 2025, Shop <a@shop.example> wrote:\n> #33333"
    assert extract_fields(bare)["order"] == "11111"


# --- a place or a family signing, not a person ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        EN + "Thanks\nLeeds",
        EN + "Regards,\nManchester",
        EN + "Many thanks\nEdinburgh\n07700 900123",
        PL + "Pozdrawiam\nKraków",
        PL + "Dziękuję\nŁódź\ntel. 601 234 567",
        RU + "Спасибо\nТверь",
        RU + "С уважением,\nЕкатеринбург",
        "Здравствуйте.\nДеньги за чайник так и не вернули.\n\nСамара",
        EN + "Best wishes,\nThe Harrison family",
        PL + "Pozdrawiamy\nRodzina Nowaków",
        PL + "Z pozdrowieniami\nPaństwo Kowalczykowie",
        RU + "С уважением,\nСемья Ивановых",
        RU + "Ваша семья",
        RU + "Спасибо,\nСидоровы",
        RU + "С уважением,\nСемейство Петренко",
        RU + "Спасибо,\nСупруги Ивановы",
        PL + "Pozdrawiamy\nKowalscy",
        EN + "Thanks\nMilton Keynes",
        PL + "Pozdrawiam\nZielona Góra",
        RU + "С уважением,\nНижний Новгород",
        EN + "Kind regards\nBelfast, Northern Ireland",
    ],
)
def test_a_place_or_a_family_signing_gives_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (EN + "Cheers,\nNadia\nYork", "Nadia"),
        (PL + "Pozdrawiam\nNatalia\nLublin", "Natalia"),
        (RU + "С уважением,\nНаталья\nНовосибирск", "Наталья"),
        (RU + "С уважением,\nКравец Ольга\nСамара", "Ольга"),
        (RU + "С уважением,\nТверь\nИрина", "Ирина"),
        (PL + "Pozdrawiam\nKraków\nMagda", "Magda"),
        (RU + "Ирина\nСамара\n8 912 345 67 89", "Ирина"),
    ],
)
def test_a_place_over_or_under_the_name_is_not_the_name(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


# --- a ticket's or a return's code and the order's ----------------------------------


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Subject: Re: [#CS-20971] Missing panel\n\nAny news? The panel for NN-58120 is "
         "still missing.\n\nEllie\n\nOn 3 Apr 2025, at 09:00, Homely <care@homely.example> "
         "wrote:\n> Hi Ellie, we opened case CS-20971 for your order NN-58120.", "NN-58120"),
        ("Temat: Re: [#CS-20971] Brak panelu\n\nPanelu do NN-58120 nadal brak.\n\nOla\n\n"
         "W dniu 3.04.2025 o 09:00, BOK <bok@domowo.example> pisze:\n"
         "> Otworzyliśmy zgłoszenie CS-20971 do zamówienia NN-58120.", "NN-58120"),
        ("Тема: Re: [#CS-20971] нет панели\n\nПанели для NN-58120 так и нет.\n\nКсения\n\n"
         "3 апреля 2025 г., в 09:00, Уют <care@uyut.example> написал(а):\n"
         "> Мы открыли обращение CS-20971 по заказу NN-58120.", "NN-58120"),
        ("I was given RMA-44017 for the return of order HM-90233.", "HM-90233"),
        ("Мне выдали номер возврата RMA-44017 по заказу УД-90233.", "УД-90233"),
    ],
)  # fmt: skip
def test_a_code_named_a_ticket_anywhere_is_not_the_order(text: str, order: str) -> None:
    assert extract_fields(text)["order"] == order


def test_naschyot_about_is_no_invoice() -> None:
    """ "насчёт" (about) holds the letters of "счёт" (an invoice): not a word for it."""
    text = "Есть новости по обращению CS-31154? Обещали перезвонить насчёт UD-67012."
    assert extract_fields(text)["order"] == "UD-67012"


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Subject: Re: [CS-20971] Missing panel\n\nStill no panel for NN-58120.\nEllie",
         "NN-58120"),
        ("Temat: Re: [CS-20971] Brak panelu\n\nNadal brak panelu do NN-58120.\nOla", "NN-58120"),
        ("Тема: Re: [#20971] нет панели\n\nПанели для 58120 так и нет, жду 58120.\nКсения",
         "58120"),
        ("Subject: Re: Your order [#48213] has shipped\n\nIt has not arrived.\nEllie", "48213"),
        ("Subject: [Order #48213] late\n\nIt has not arrived.\nEllie", "48213"),
    ],
)  # fmt: skip
def test_a_helpdesk_tag_of_the_subject_is_a_tickets_not_the_order(text: str, order: str) -> None:
    assert extract_fields(text)["order"] == order


@pytest.mark.parametrize(
    "text",
    [
        "Hi, I got return number R-55120 for the boots.\nEllie",
        "Dzień dobry, numer zwrotu ZW-55120, kiedy pieniądze?\nOla",
        "Здравствуйте, номер возврата ВЗ-55120, когда вернут деньги?\nКсения",
        "Dzień dobry, w sprawie reklamacji RK/20971/2025 nadal brak odpowiedzi.\nOla",
        "Hi, about complaint CMP/2025/20971: still no answer.\nEllie",
    ],
)
def test_a_returns_or_a_complaints_code_is_never_the_order(text: str) -> None:
    assert "order" not in extract_fields(text)


def test_a_return_label_for_the_order_leaves_the_order() -> None:
    text = "Could you send the return label for #52230 to this address instead?"
    assert extract_fields(text)["order"] == "52230"


def test_a_return_number_names_the_number_after_it_only() -> None:
    text = "Здравствуйте, номер возврата ВЗ-55120, а посылка NN-58120 всё ещё у меня."
    assert extract_fields(text)["order"] == "NN-58120"
