"""Classes of names and order numbers emails_blind12 missed or took wrong (session 15):
each rule on e-mails of its kind, in new wording, and the traps where it must give
nothing or the other value."""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.orderpick import request_about
from expander.email.privacy import mask_email
from tests.email.fieldcases import name_of, order_of

# 1. an automatic reply (out of office) answers the shop: no name and no order number,
# neither the absent person's signature nor the order its quoted subject names


@pytest.mark.parametrize(
    "text",
    [
        "Subject: Automatic reply: Re: Your order 61234 is on its way\n\n"
        "Thanks for your message. I am out of the office until 4 January with no access "
        "to email. For anything urgent please call Marta Reyes on 0161 496 0123.\n\n"
        "Kind regards,\nGraham Oakes",
        "Temat: Odpowiedź automatyczna: Re: Zamówienie 55231 zostało wysłane\n\n"
        "Dzień dobry, jestem na urlopie do 3 stycznia, bez dostępu do poczty. W pilnych "
        "sprawach proszę dzwonić do biura.\n\nPozdrawiam\nKrzysztof Malinowski",
        "Тема: Автоответ: Re: Ваш заказ 77341 отправлен\n\n"
        "Здравствуйте! Я в отпуске до 10 января, доступа к почте нет. По срочным вопросам "
        "звоните в офис.\n\nС уважением,\nИгорь Белов",
    ],
)
def test_an_automatic_reply_gives_no_name_and_no_order(text: str) -> None:
    fields = extract_fields(text)
    assert "name" not in fields
    assert "full_name" not in fields
    assert "order" not in fields


def test_an_automatic_replys_signer_is_still_masked() -> None:
    # no name to greet, but a kept copy must still name nobody
    text = (
        "Subject: Automatic reply: Re: Your order 61234 is on its way\n\n"
        "I am out of the office until 4 January with no access to email. For urgent "
        "matters please contact the office.\n\nBest regards,\nGraham Oakes"
    )
    assert "Graham" not in mask_email(text)


def test_a_customer_back_from_holiday_is_still_answered() -> None:
    text = (
        "Hi, I was on holiday until Monday so I missed the courier for order 61890. "
        "Can you rebook it?\n\nThanks,\nGraham"
    )
    assert name_of(text) == "Graham"
    assert order_of(text) == "61890"


# 2. a first name signed with another form of it in brackets: the one signed, whether
# the bracket holds the short form or the full one


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hello, the scarf from order 40871 has a hole. Regards, Magdalena (Magda)", "Magdalena"),
        ("Hi, is the blue kettle back in stock? Thanks, Liz (Elizabeth)", "Liz"),
        ("Dzień dobry, kiedy wyślecie zamówienie 30987?\nPozdrawiam\nBasia (Barbara)", "Basia"),
        ("Dzień dobry, proszę o fakturę do zamówienia 30988.\nDorota (Dora)", "Dorota"),
        ("Здравствуйте, где мой заказ 51220?\nСпасибо, Женя (Евгения)", "Женя"),
        ("Dobryi den', kogda budet zakaz 51221?\nNatalya (Natasha)", "Natalya"),
    ],
)
def test_a_first_name_signed_with_another_form_in_brackets(text: str, name: str) -> None:
    assert name_of(text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a full name or initials with the first name in brackets: the bracketed one
        ("Hi,\nwhere is order 51234?\nRegards,\nWang Mei (Mei)", "Mei"),
        ("Hi,\ninvoice for order 62210 please.\nThanks,\nT. Adeyemi (Tobi)", "Tobi"),
        # a word in brackets that is no name: the signed one
        ("Hi,\nwhere is order 51234?\nRegards,\nFiona (daughter)", "Fiona"),
    ],
)
def test_the_bracket_after_a_full_name_still_counts(text: str, name: str) -> None:
    assert name_of(text) == name


# 3. a surname first in an English sign-off: a Gaelic or Norman surname with a capital
# inside ("McKenzie", "FitzGerald") before a known first name; the Scottish first names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hello, please cancel order 77120, it was a mistake.\n\nThanks,\nMcKenzie Ruth", "Ruth"),
        ("Hi,\nthe lamp from order 66031 flickers.\n\nRegards,\nFitzGerald Aoife", "Aoife"),
        ("Hi,\nwhere is my order 66032?\n\nKind regards,\nMacDonald Shona", "Shona"),
        ("Hi,\nwhere is my order 66033?\n\nRegards,\nRobertson Elspeth", "Elspeth"),
    ],
)
def test_a_surname_first_in_an_english_sign_off(text: str, name: str) -> None:
    assert name_of(text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a first name no table knows before a surname that is a first name too, even
        # with a capital inside
        ("Hi,\nwhere is my order 66034?\n\nThanks,\nDeShawn Michael", "DeShawn"),
        ("Hi,\nwhere is my order 66035?\n\nThanks,\nKwabena Thomas", "Kwabena"),
        ("Hello,\nplease check order 70012.\n\nRegards,\nKemi Adebayo", "Kemi"),
    ],
)
def test_a_first_name_first_stays(text: str, name: str) -> None:
    assert name_of(text) == name


# 4. a claim's introduction, surname first with the patronymic ("Я, Фамилия Имя
# Отчество, ..."), and its signature in initials; a full name surname first before a
# phone; a short name no table knew after a question, with a product named like it;
# a word for a relative before the name that ends the text, a remark after it


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "ПРЕТЕНЗИЯ\n\nЯ, Кравцов Дмитрий Олегович, 02.11.2026 приобрёл у вас чайник, "
            "заказ № 40-1187. Чайник протекает. Требую вернуть деньги.\n\nКравцов Д.О.",
            "Дмитрий",
        ),
        (
            "Претензия\n\nЯ, Лебедева Оксана Викторовна, купила у вас пылесос (заказ 40188). "
            "Прошу заменить товар.",
            "Оксана",
        ),
        (
            "Reklamacja\n\nJa, Grażyna Wróbel, zamieszkała w Łodzi, składam reklamację "
            "zamówienia 40189. Żądam zwrotu pieniędzy.",
            "Grażyna",
        ),
        (
            "Complaint\n\nI, Harold Pickering, of 9 Mill Lane, Ripon, bought a heater from you "
            "(order 40190). It stopped working.",
            "Harold",
        ),
    ],
)
def test_a_claims_introduction_names_the_sender(text: str, name: str) -> None:
    assert name_of(text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Здравствуйте.\nКурьер не приехал, заказ 61550.\nВчера тоже никого не было.\n"
            "Жду ответа.\nХабибуллин Тимур, тел. 8 927 301-22-40",
            "Тимур",
        ),
        (
            "Dzień dobry,\npaczka 61551 nie doszła.\nKurier nie dzwonił.\nProszę o kontakt.\n"
            "Zając Bartosz, tel. 601 200 300",
            "Bartosz",
        ),
    ],
)
def test_a_full_name_surname_first_before_a_phone(text: str, name: str) -> None:
    assert name_of(text) == name


def test_a_short_name_after_a_question_with_a_product_named_like_it() -> None:
    text = 'Купила платье "Милан синий", пришло зелёное. Заказ 70881. Как обменять? Мила'
    assert name_of(text) == "Мила"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Здравствуйте, внук заказал мне тонометр, заказ 30771, а он не работает. "
            "Куда звонить? Бабушка Нина, 78 лет, извините за ошибки",
            "Нина",
        ),
        (
            "Dzień dobry, wnuczka zamówiła mi czajnik, zamówienie 30772, nie działa. "
            "Co zrobić? Babcia Halina, 80 lat, przepraszam za błędy",
            "Halina",
        ),
        (
            "Hello, my grandson ordered me a radio, order 30773, and it hisses. "
            "What can I do? Grandma Edith, aged 84, sorry if this is muddled",
            "Edith",
        ),
    ],
)
def test_a_relative_word_before_the_closing_name(text: str, name: str) -> None:
    assert name_of(text) == name


@pytest.mark.parametrize(
    "text",
    [
        # a relative named in the text, no signer
        "Hi, I ordered a scarf for my aunt. Aunt Mabel loved it, thanks!",
        "Здравствуйте, заказ 30774 для мамы. Мама Оля просила узнать, когда доставка?",
        # a firm's name and a phone: no person
        "The parcel never came, order 56123.\nGreen Lane 07700 900123",
    ],
)
def test_no_name_from_a_relative_named_in_passing(text: str) -> None:
    assert name_of(text) == ""


# 5. a text in lower case with no sentence's end that ends with a known first name in
# lower case: the signer; never a name that is a common word as well, nor one the
# words before it make someone the text is about


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "hey paid for the lamp yesterday and got nothing since no email no text "
            "is it coming or should i pay again megan",
            "Megan",
        ),
        (
            "dzien dobry zaplacilam za buty wczoraj i nie mam maila z potwierdzeniem "
            "czy zamowienie przeszlo czy mam zamowic drugi raz ola",
            "Ola",
        ),
        (
            "здравствуйте оплатила заказ вчера а письма так и нет оно прошло или "
            "заказывать заново маша",
            "Маша",
        ),
    ],
)
def test_a_lower_case_text_ending_with_a_first_name(text: str, name: str) -> None:
    assert name_of(text) == name


@pytest.mark.parametrize(
    "text",
    [
        # names that are common words too
        "hi the box came crushed and the vase inside is broken what do i do now roger",
        "hi which colour is the throw in the photo it looks brown or maybe hazel",
        "hi is the kettle in stock yet i want to order it as soon as it comes back may",
        # someone the text is about
        "hi i ordered a necklace as a gift and it has not come yet it is for my wife anna",
        "dzien dobry zamowilam sukienke i nie doszla a to prezent dla mojej corki ola",
        # the name written earlier too: greeted
        "hi megan the lamp never came can you check the order for me please megan",
    ],
)
def test_no_name_from_a_common_word_or_someone_named(text: str) -> None:
    assert name_of(text) == ""


# 6. orders: a bare number after "parcel/package for"; of two orders given, the one the
# request is about (written again, or the other one stays); a courier's own number in
# its quoted message is not the shop's order when the customer gives that too


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("the package for 73318 arrived but the lid is missing. can you send one", "73318"),
        ("Paczka dla 73319 przyszła, ale bez pokrywki. Proszę o dosłanie.", "73319"),
    ],
)
def test_a_bare_number_after_parcel_for(text: str, order: str) -> None:
    assert order_of(text) == order


@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            "Hello, I placed two orders last month, 64410 (the rug) and 64475 (the cushions, "
            "arrived fine). On 64410 could you add gift wrapping please?\n\nThanks, Priya",
            "64410",
        ),
        (
            "Dzień dobry, mam dwa zamówienia u Państwa: 52210 i 52290. Pierwsze (52210) "
            "zostawiamy, a 52290 proszę anulować.\nPozdrawiam, Ewa",
            "52290",
        ),
        (
            "Здравствуйте! У меня два заказа: 38801 и 38802. Первый (38801) оставляем, "
            "а 38802 нужно отменить, он оформлен по ошибке.\nСпасибо, Ирина",
            "38802",
        ),
    ],
)
def test_the_order_of_two_the_request_is_about(text: str, order: str) -> None:
    assert order_of(text) == order


def test_two_numbers_asked_about_alike_give_none() -> None:
    text = "I have 64410 and 64475 with you. Could you ship 64410 and 64475 together?"
    assert request_about(["64410", "64475"], text) is None
    assert request_about(["64410", "64475"], text + " 64410 is urgent.") is None  # twice each
    assert request_about(["64410", "64475"], "64410, 64475: 64475 stays.") == "64410"


@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            'Здравствуйте. Пришло смс: "СДЭК: Заказ 2290451187 доставлен." Но я ничего не '
            "получала. Мой заказ у вас № 44710, плед.\nОльга",
            "44710",
        ),
        (
            'Dzień dobry, dostałam SMS "DPD: Zamówienie 6801234567 doręczone" ale nic nie '
            "dotarło. Moje zamówienie u Państwa to nr 44711.\nKasia",
            "44711",
        ),
        (
            'Hi, I got a text "DPD: your order 1550123456 was delivered" but nothing came. '
            "My order with you is #44712.\nTom",
            "44712",
        ),
    ],
)
def test_a_couriers_number_in_its_quoted_message(text: str, order: str) -> None:
    assert order_of(text) == order


def test_a_couriers_message_alone_keeps_its_order_number() -> None:
    # no other number: the courier's message names the shop's order
    text = 'Hi, I got a text "DPD: your order 44713 was delivered" but nothing came.\nTom'
    assert order_of(text) == "44713"
