"""Classes of Russian e-mails whose first name or order was missed (session 25a): each
rule on the e-mail that showed it and invented ones of its kind, and the look-alikes it
must leave as they were.

A. a formal claim whose writer introduces herself surname first with a patronymic ("Я,
   Максимова Татьяна Алексеевна, ...") and signs with the surname and spaced initials
   ("Максимова Т. А."), or writes the name first ("Я, Татьяна Алексеевна Максимова");
B. the writer's own text and signature under a forwarded notification: closed by a rule,
   an end marker, or (an automatic sender's notification) by nothing but a blank line;
   signed by a name alone over a phone, as well as after a sign-off;
C. the order number a few words and a colon after "номер заказа" ("Номер заказа у меня
   записан в тетради: 12-334-90");
D. a Russian e-mail whose only name is its bare From: address in Latin letters
   ("kira.melnikova.86@..."): the first name in Cyrillic (Кира).
"""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.clean import clean_email
from expander.email.givenname import given_beside_surname
from tests.email.fieldcases import name_of, order_of

# --- A. a claim's writer: surname, first name, patronymic; signed with initials -----

_CLAIM = """ПРЕТЕНЗИЯ

Я, Максимова Татьяна Алексеевна, 28.11 приобрела в вашем интернет-магазине игровую \
приставку (заказ № 3398120, кассовый чек № 18865, сумма 52 999 руб.).

Через 9 дней после получения приставка перестала включаться. 08.12 я сдала её в ваш \
пункт приёма на проверку качества (акт приёма № 0412). С тех пор прошло 10 дней, \
никакого ответа я не получила, на звонки по номеру 8-800 отвечают «ожидайте».

В соответствии с Законом РФ «О защите прав потребителей» требую вернуть уплаченную за \
товар сумму в полном объёме. Прошу подтвердить получение настоящей претензии и сообщить \
срок её рассмотрения. В случае отказа буду вынуждена обратиться в Роспотребнадзор и в суд.

Приложения: копия кассового чека, копия акта приёма.

18.12
Максимова Т. А.
"""


def test_the_claim_of_the_task() -> None:
    fields = extract_fields(_CLAIM)
    assert fields["name"] == "Татьяна"
    assert fields["order"] == "3398120"


def _claim(intro: str, signed: str) -> str:
    return (
        f"ПРЕТЕНЗИЯ\n\nЯ, {intro}, 05.03 купил(а) в вашем магазине пылесос (заказ № 5512093).\n\n"
        "Через неделю он перестал включаться. Требую вернуть уплаченную сумму.\n\n"
        f"12.03\n{signed}\n"
    )


@pytest.mark.parametrize(
    ("intro", "signed", "name"),
    [
        ("Максимова Татьяна Алексеевна", "Максимова Т. А.", "Татьяна"),
        ("Максимова Татьяна Алексеевна", "Т. А. Максимова", "Татьяна"),
        ("Максимова Татьяна Алексеевна", "Максимова Т.А.", "Татьяна"),
        ("Максимова Татьяна Алексеевна", "/подпись/", "Татьяна"),
        ("Татьяна Алексеевна Максимова", "Максимова Т. А.", "Татьяна"),
        ("Татьяна Алексеевна Максимова", "", "Татьяна"),
        ("Иванов Сергей Петрович", "Иванов С. П.", "Сергей"),
        ("Иванов Сергей Петрович", "С уважением,\nИванов С. П.", "Сергей"),
        ("Сергей Петрович Иванов", "Иванов С. П.", "Сергей"),
        ("Иванов Сергей Петрович", "", "Сергей"),
        ("Кузнецова Ольга Ильинична", "Кузнецова О. И.", "Ольга"),
        ("Иванова Анна", "Иванова А. С.", "Анна"),
        # no first name written out, or another one's initial: none
        ("Максимова Т. А.", "Максимова Т. А.", ""),
        ("Максимова", "Максимова Т. А.", ""),
        ("как постоянный покупатель", "Максимова Т. А.", ""),
        ("конечно", "Максимова Т. А.", ""),
        ("Максимова Татьяна Алексеевна", "Максимова Л. А.", ""),
    ],
)
def test_a_claims_writer_signing_with_spaced_initials(intro: str, signed: str, name: str) -> None:
    assert name_of(_claim(intro, signed)) == name


def test_the_first_name_beside_a_surname() -> None:
    text = "Я, Татьяна Алексеевна Максимова, ... Орлова Ирина ... Ирина Орлова"
    assert given_beside_surname("Максимова", text) == ["Татьяна"]
    assert given_beside_surname("Орлова", text) == ["Ирина", "Ирина"]
    assert given_beside_surname("Максимова", "Максимова пишет, Максимова просит") == []


# --- B. the writer's text and name under a forwarded notification ---------------------

_FORWARDED = """Здравствуйте!

В приложении написано, что заказ ZK-120377 вручён 17.12 в 14:05 в пункте выдачи на ул. \
Ленина, 8. Но я его не забирала! Код получения мне не приходил, а в пункт я в тот день \
вообще не заходила — была на работе до восьми вечера.

Вот что пришло на почту:

---------- Пересланное сообщение ----------
От: Уведомления <noreply@punkt-vydachi.example>
Дата: 17 дек., 14:06
Тема: Ваш заказ получен

Заказ ZK-120377 выдан получателю. Спасибо, что пользуетесь нашим сервисом!
-------------------------------------------

В посылке были подарки детям — смарт-часы и гирлянда-штора. Пожалуйста, разберитесь, кто \
его получил, в пункте же наверняка есть камеры.

Анастасия Белова
тел. 8-916-000-33-21
"""


def test_the_forward_of_the_task() -> None:
    fields = extract_fields(_FORWARDED)
    assert fields["name"] == "Анастасия"
    assert fields["full_name"] == "Анастасия Белова"
    assert fields["order"] == "ZK-120377"
    assert fields["phone"] == "8-916-000-33-21"
    cleaned = clean_email(_FORWARDED)
    assert "Пожалуйста, разберитесь" in cleaned.body
    assert "Спасибо, что пользуетесь" not in cleaned.body
    assert "Заказ ZK-120377 выдан получателю" in cleaned.forwarded


_NOTE = (
    "Здравствуйте! Пишут, что заказ ZK-120377 вручён, но я его не забирала.\n\n"
    "Вот что пришло на почту:\n\n"
)
_NOTIFICATION = "\nЗаказ ZK-120377 выдан получателю. Спасибо, что пользуетесь нашим сервисом!\n"
_OWN = "\n\nВ посылке были подарки детям. Пожалуйста, разберитесь, кто его получил.\n\n"
_HEADERS = {
    "gmail-ru": "---------- Пересланное сообщение ----------\nОт: Уведомления "
    "<noreply@punkt.example>\nДата: 17 дек., 14:06\nТема: Ваш заказ получен\n",
    "gmail-en": "---------- Forwarded message ---------\nFrom: Notifications "
    "<noreply@punkt.example>\nDate: Tue, 17 Dec 2024 at 14:06\nSubject: Your order\n"
    "To: <a.belova@gmail.com>\n",
    "yandex": '-------- Пересылаемое сообщение --------\n17.12.2024, 14:06, "Уведомления" '
    "<noreply@punkt.example>:\n",
    "mailru": "-------- Пересылаемое сообщение --------\nОт кого: Уведомления "
    "<noreply@punkt.example>\nКому: a.belova@mail.ru\nДата: Вторник, 17 декабря 2024, "
    "14:06 +03:00\nТема: Ваш заказ получен\n",
    "outlook-ru": "________________________________\nОт: Уведомления <noreply@punkt.example>\n"
    "Отправлено: 17 декабря 2024 г. 14:06\nКому: a.belova@example.ru\nТема: Ваш заказ\n",
    "outlook-en": "-----Original Message-----\nFrom: Notifications <noreply@punkt.example>\n"
    "Sent: 17 December 2024 14:06\nTo: a.belova@example.ru\nSubject: Your order\n",
    "apple": "Begin forwarded message:\n\nFrom: Notifications <noreply@punkt.example>\n"
    "Date: 17 December 2024 at 14:06\nSubject: Your order\n",
}
_CLOSINGS = {
    "dashes": "-------------------------------------------",
    "underscores": "______________________________",
    "end-ru": "-------- Конец пересылаемого сообщения --------",
    "end-en": "----- End forwarded message -----",
    "none": "",
}


@pytest.mark.parametrize("closing", list(_CLOSINGS))
@pytest.mark.parametrize("header", list(_HEADERS))
def test_the_writers_name_under_a_forwarded_notification(header: str, closing: str) -> None:
    text = (
        _NOTE
        + _HEADERS[header]
        + _NOTIFICATION
        + _CLOSINGS[closing]
        + _OWN
        + "Анастасия Белова\nтел. 8-916-000-33-21\n"
    )
    assert name_of(text) == "Анастасия"
    assert "Пожалуйста, разберитесь" in clean_email(text).body


@pytest.mark.parametrize(
    "signed",
    [
        "Анастасия Белова",
        "Анастасия",
        "Анастасия Белова\nanastasia.b@mail.ru",
        "Анастасия Белова\n+7 916 000-33-21\nanastasia.b@mail.ru",
        "С уважением,\nАнастасия Белова",
    ],
)
def test_a_name_alone_under_the_writers_text_signs_it(signed: str) -> None:
    text = _NOTE + _HEADERS["gmail-ru"] + _NOTIFICATION + "-----" + _OWN + signed + "\n"
    assert name_of(text) == "Анастасия"


def test_an_english_writer_under_a_forwarded_notification() -> None:
    text = (
        "Hi, the app says order 77120 was collected, but I never picked it up. Here's the "
        "e-mail:\n\n" + _HEADERS["gmail-en"] + "\nOrder 77120 has been collected. Thanks for "
        "using our service!\n\nCan you check who collected it? I was at work all day.\n\n"
        "Sarah Jones\n07700 900123\n"
    )
    assert extract_fields(text)["name"] == "Sarah"


_G = "---------- Пересланное сообщение ----------\nОт: {sender}\nДата: 17 дек., 14:06\n\n"
_NOREPLY = "Уведомления <noreply@punkt.example>"


@pytest.mark.parametrize(
    "text",
    [
        # a person's message goes on after a blank line, signed by its author
        _NOTE
        + _G.format(sender="Ирина Котова <irina.k@mail.ru>")
        + "Настя, твоя посылка у меня, забери вечером.\n\nИрина Котова\n+7 903 000-11-22\n",
        # a person's message, and under a blank line the writer's text: no line closes it
        _NOTE
        + _G.format(sender="Ирина Котова <irina.k@mail.ru>")
        + "Настя, посылка у меня.\n\nПожалуйста, разберитесь, кто его получил.\n\n"
        "Анастасия Белова\n",
        # under a rule, the forwarded message's author signs alone
        _NOTE
        + _G.format(sender="Ирина Котова <irina.k@mail.ru>")
        + "Настя, посылка у меня.\n-----\nЯ её оставлю у консьержа.\nИрина\n",
        # a notification's courier under a label, its team, its agent over her team's line
        _NOTE
        + _G.format(sender=_NOREPLY)
        + "Заказ передан курьеру.\n\nВаш курьер:\nИван Петров\n+7 900 000-00-00\n",
        _NOTE
        + _G.format(sender=_NOREPLY)
        + "Заказ выдан получателю.\n\nС уважением,\nКоманда Punkt\n",
        _NOTE
        + _G.format(sender="Магазин <noreply@shop.example>")
        + "Заказ выдан. Если у вас есть вопросы, пишите.\n\nС уважением,\nМарина\n"
        "Служба поддержки\n",
        # a notification's footer under a rule
        _NOTE
        + _G.format(sender=_NOREPLY)
        + "Заказ выдан.\n-----\nPunkt Vydachi | ул. Ленина, 8 | www.punkt.example\n",
        # a shop's agent alone under a rule, speaking as a shop does
        "Hi, see below, the parcel never came.\n\n---------- Forwarded message ---------\n"
        "From: Lantern Home <orders@lantern.example>\nDate: 6 March\nSubject: order\n\n"
        "Your order is on its way.\n-----\nAny questions? Just reply to this email.\nSophie\n",
    ],
    ids=[
        "person-unclosed",
        "person-then-writer-unclosed",
        "author-alone-under-rule",
        "courier-label",
        "team",
        "agent-role",
        "footer",
        "agent-alone",
    ],
)
def test_no_name_from_the_forwarded_message(text: str) -> None:
    assert name_of(text) == ""
    assert clean_email(text).body.endswith(("на почту:", "never came."))


def test_a_writer_who_signed_above_keeps_her_name() -> None:
    text = (
        "Здравствуйте, вот письмо, заказ я не получала.\nАнастасия\n\n"
        + _G.format(sender=_NOREPLY)
        + "Заказ выдан.\n-----\nОценить доставку можно в приложении.\nИван\n"
    )
    assert name_of(text) == "Анастасия"


# --- C. the order number after a few words and a colon --------------------------------

_PENSIONER = """Уважаемые господа!

Обращается к вам пенсионер из Твери. В ноябре прошлого года я купил в вашем магазине \
телевизор, доставку оплачивал внук. Две недели назад телевизор перестал показывать \
изображение: звук есть, а экран чёрный. Внук говорит, что гарантия на него два года.

Номер заказа у меня записан в тетради: 12-334-90. Серийный номер на задней стенке: SN \
4K55A0098123. Куплен 14.11.2023 за 38 990 рублей.

Прошу сообщить, как сдать его в ремонт. Сам я отвезти не могу — телевизор тяжёлый, а у \
меня больная спина. Может быть, его можно забрать курьером?

С уважением,
Виктор Павлович Зуев, 1949 г.р.
Тел. домашний 8 (4822) 00-41-77
"""


def test_the_order_of_the_task() -> None:
    fields = extract_fields(_PENSIONER)
    assert fields["order"] == "12-334-90"
    assert fields["name"] == "Виктор"
    assert fields["phone"] == "8 (4822) 00-41-77"


@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            "Здравствуйте. Номер заказа записан у меня на последней странице: 55-120-33.",
            "55-120-33",
        ),
        ("Номер заказа, насколько я помню: 12-334-90. Телевизор не включается.", "12-334-90"),
        ("Номер заказа у меня записан в тетради: 12334. Помогите.", "12334"),
        (
            "Hello, the order number as I wrote it down: 55-120-33. Serial: 4K55A0098123.",
            "55-120-33",
        ),
        ("My order number, which I copied from the box: 1209-7743", "1209-7743"),
        ("Dzień dobry, numer zamówienia mam zapisany w zeszycie: 12-334-90.", "12-334-90"),
        # none: another number named, the order's not known, a phone's or a date's shape
        ("Номер заказа не помню, но телефон: 8-912-345-67-89", ""),
        ("Номер заказа не помню. Серийный номер на задней стенке: SN 4K55A0098123", ""),
        ("Номер заказа не сохранился, есть только чек: 12-334-90", ""),
        ("Номер заказа потерялся, мой телефон для связи: 8-912-345-67", ""),
        ("Номер заказа и дата покупки: 14.11.2023", ""),
        ("Номер заказа у меня записан в тетради: 8-800-555-35-35", ""),
        ("Order number lost, tracking: 1209-7743", ""),
        ("The order number I don't have, my phone: 0791-112-3456", ""),
        ("Numer zamówienia nie pamiętam, paragon: 12-334-90", ""),
        (
            "Номер заказа у меня записан в тетради, а тетрадь у внука. Мой телефон: "
            "8 (4822) 00-41-77",
            "",
        ),
    ],
)
def test_the_order_number_a_few_words_and_a_colon_on(text: str, order: str) -> None:
    assert order_of(text) == order


# --- D. a Russian e-mail's bare From: address in Latin letters -------------------------

_PAID = (
    "\n\nОплатила заказ час назад, деньги списались, а письма с подтверждением нет, и в "
    "спаме тоже нет. Это нормально?\n"
)
_PAID_EN = (
    "\n\nI paid for my order an hour ago, the money is gone but there is no confirmation "
    "e-mail. Is that normal?\n"
)
_PAID_PL = (
    "\n\nZapłaciłam za zamówienie godzinę temu, pieniądze zeszły, a potwierdzenia nie ma. "
    "Czy to normalne?\n"
)


def test_the_address_of_the_task() -> None:
    fields = extract_fields("From: kira.melnikova.86@post.example" + _PAID)
    assert fields["name"] == "Кира"
    assert fields["full_name"] == "Kira Melnikova"
    assert fields["email"] == "kira.melnikova.86@post.example"


@pytest.mark.parametrize(
    ("address", "name"),
    [
        ("kira.melnikova@post.example", "Кира"),
        ("kira_melnikova@mail.ru", "Кира"),
        ("kira1990@mail.ru", "Кира"),
        ("<kira.melnikova.86@post.example>", "Кира"),
        ("tatyana.ivanova@yandex.ru", "Татьяна"),
        ("olga.petrova@mail.ru", "Ольга"),
        ("dmitriy.sorokin@mail.ru", "Дмитрий"),
        ("ilya.belykh@mail.ru", "Илья"),
        ("natalia.ivanova@mail.ru", "Наталья"),
        ("alyona.smirnova@mail.ru", "Алёна"),
        ("xenia.orlova@mail.ru", "Ксения"),
        ("vera.ivanova@mail.ru", "Вера"),
        # a shop's mailbox, no name, a surname alone or first, a word alone
        ("info@shop.example", ""),
        ("zakaz@shop.example", ""),
        ("best.price@mail.ru", ""),
        ("melnikova@mail.ru", ""),
        ("melnikova.86@mail.ru", ""),
        ("melnikova.kira@mail.ru", ""),
        ("vera@mail.ru", ""),
        ("mir.obuvi@mail.ru", ""),
        ("kira.shop@mail.ru", ""),
        # a display name of no person's: the address is the firm's
        ("Магазин <anna@shop.ru>", ""),
        ("Кира <kira86@mail.ru>", "Кира"),
    ],
)
def test_a_russian_emails_address_gives_the_first_name_in_cyrillic(address: str, name: str) -> None:
    assert name_of(f"From: {address}" + _PAID) == name


@pytest.mark.parametrize(
    ("address", "english", "polish"),
    [
        ("kira.melnikova.86@post.example", "", ""),
        ("olga.petrova@mail.ru", "Olga", "Olga"),
        ("jake.peralta@gmail.com", "Jake", "Jake"),
        ("info@shop.example", "", ""),
    ],
)
def test_english_and_polish_emails_keep_the_address_as_it_was(
    address: str, english: str, polish: str
) -> None:
    assert name_of(f"From: {address}" + _PAID_EN) == english
    assert name_of(f"From: {address}" + _PAID_PL) == polish


def test_a_name_written_in_the_russian_email_wins_over_its_address() -> None:
    text = "From: kira.melnikova.86@post.example" + _PAID + "\nС уважением,\nЕкатерина\n"
    assert name_of(text) == "Екатерина"
    text = "From: olga.petrova@mail.ru" + _PAID + "\nСпасибо,\nOlga\n"
    assert name_of(text) == "Olga"  # signed in Latin letters: greeted as she signs
    text = "From: olga.petrova@mail.ru" + _PAID + "\nС уважением,\nOlga Petrova\n"
    assert name_of(text) == "Olga"
    # the address written again in the text is no name written
    text = (
        "From: kira.melnikova.86@post.example"
        + _PAID
        + "Мой e-mail: kira.melnikova.86@post.example\n"
    )
    assert name_of(text) == "Кира"
