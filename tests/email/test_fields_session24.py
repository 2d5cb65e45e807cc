"""Classes of names and order numbers a new blind set missed (session 24): each rule on
invented e-mails of its kind, in English, Polish and Russian where it applies, and the
e-mails like them it must leave as they were."""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.namewords import not_a_name
from tests.email.fieldcases import name_of, order_of

_LATE = "Hi, my order 71001 has not arrived yet.\n\nRegards,\n"

# A. the end of the first name in brackets after the full name is the form gone by


@pytest.mark.parametrize(
    ("signed", "name"),
    [
        ("Oluwaseun Adeyemi (Seun)", "Seun"),
        ("Alexander Grant (Xander)", "Xander"),
        ("Christina Walsh (Tina)", "Tina"),
        ("Elizabeth Moore (Beth)", "Beth"),
        ("Alessandra Rossi (Sandra)", "Sandra"),
        ("Katarzyna Wójcik (Kasia)", "Kasia"),
        # a town, a department, a note: no short form, the first name written
        ("Ben Carter (Bristol)", "Ben"),
        ("Anna Smith (Sales)", "Anna"),
        ("Tom Hardy (Leeds office)", "Tom"),
        ("Marianne Stone (Wales)", "Marianne"),
    ],
)
def test_the_end_of_the_first_name_in_brackets_is_the_name_gone_by(signed: str, name: str) -> None:
    assert name_of(_LATE + signed) == name


# B. a lower-case listed first name after a dash closes the e-mail


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ordered size 4 nappies got size 2?? order 71010. down to the last 5 - jess", "Jess"),
        ("ordered size 4 nappies got size 2?? order 71011. down to the last 5 -jess", "Jess"),
        ("the oat milk from 71012 came warm and split. can u resend - megan", "Megan"),
        ("zamówiłam pieluchy 4 a przyszły 2, zamówienie 71013, zostało nam 5 — ania", "Ania"),
        ("заказала подгузники 4, пришли 2, заказ 71014, осталось 5 штук – маша", "Маша"),
        # no name: a word, or a name that is a common word too ("mark", "will")
        ("ordered size 4 got size 2?? order 71015. we're down to the last 5 - thanks", ""),
        ("ordered size 4 got size 2?? order 71016. please sort it - asap", ""),
        ("ordered size 4 got size 2?? order 71017. see the photo - mark", ""),
        ("ordered size 4 got size 2?? order 71018. let me know what you will do - will", ""),
    ],
)
def test_a_lower_case_first_name_after_a_closing_dash(text: str, name: str) -> None:
    assert name_of(text) == name


# C. a listed first name with an -ing ending is no verb's form


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hi,\nwhere is my order?\n\nThanks,\nAisling", "Aisling"),
        ("Hi,\nwhere is order 71020?\n\nCheers,\nIrving", "Irving"),
        (
            "Love the candles, order 71021 came fine.\n\nKeep up the good work,\nAisling\n"
            "The Bramble Room, Galway",
            "Aisling",
        ),
        (
            "Love the mugs, order 71022 came fine.\n\nKeep up the great work,\nMegan\n"
            "The Corner Café, Leeds",
            "Megan",
        ),
        (
            "Świetne świece, zamówienie 71023 doszło.\n\nTak trzymać!\nAgnieszka\n"
            "Kawiarnia Pod Lipą, Gdańsk",
            "Agnieszka",
        ),
        (
            "Отличные свечи, заказ 71024 пришёл.\n\nТак держать!\nОксана\nКофейня «Липа», Тверь",
            "Оксана",
        ),
        # -ing words alone stay no name
        ("Hi,\nwhere is my order?\n\nThanks,\nWaiting", ""),
        ("Hi,\nwhere is my order?\n\nThanks,\nChecking", ""),
        ("Hi,\nwhere is my order?\n\nThanks,\nNothing", ""),
        ("Hi,\nwhere is my order?\n\nRegards,\nGreetings", ""),
    ],
)
def test_a_listed_first_name_ending_in_ing(text: str, name: str) -> None:
    assert name_of(text) == name


@pytest.mark.parametrize("word", ["Waiting", "Checking", "Nothing", "Greetings", "Regarding"])
def test_an_ing_word_alone_is_still_no_name(word: str) -> None:
    assert not_a_name(word)


@pytest.mark.parametrize("name", ["Aisling", "Irving", "Blessing"])
def test_a_listed_ing_name_is_a_name(name: str) -> None:
    assert not not_a_name(name)


# D. a Polish couple signing together gives no first name


_PL_LATE = "Dzień dobry, zamówienie 71030 jeszcze nie dotarło. Kiedy możemy się go spodziewać?\n\n"


@pytest.mark.parametrize(
    "signed",
    [
        "Pozdrawiamy\nAnna i Piotr Dąbrowscy",
        "Pozdrawiamy\nEla i Tomek Sadowscy",
        "Pozdrawiamy\nZosia i Marek Zielińscy",
        "Pozdrawiamy,\nOla i Bartek Nowiccy",
        "Z poważaniem\nMarta i Piotr Szulc",
        "Pozdrawiamy, Kasia i Michał",
        "Anna i Piotr",
    ],
)
def test_a_polish_couple_gives_no_name(signed: str) -> None:
    fields = extract_fields(_PL_LATE + signed)
    assert fields.get("name", "") == ""
    assert fields.get("full_name", "") == ""
    assert fields.get("order") == "71030"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the writer introduces herself alone: greeted
        (
            "Dzień dobry, tu Anna. Zamówienie 71031 nie dotarło.\n\nPozdrawiamy\n"
            "Anna i Piotr Dąbrowscy",
            "Anna",
        ),
        # one person signing, a family or a household after: as it was
        (_PL_LATE + "Pozdrawiam\nAnna Dąbrowska", "Anna"),
        (_PL_LATE + "Pozdrawiamy\nAnia i rodzina Nowaków", "Ania"),
        (_PL_LATE + "Pozdrawiam\nMarta", "Marta"),
        # English and Russian couples: the first one, as before
        ("Hi, order 71032 never came.\n\nBest,\nPauline and Keith", "Pauline"),
        ("Hello,\n\nthe sofa from order 71033 is lovely.\n\nKind regards,\nHelen and Tom", "Helen"),
        ("Здравствуйте!\n\nСпасибо за заказ 71034.\n\nС уважением,\nОльга и Сергей", "Ольга"),
    ],
)
def test_other_couples_and_single_writers_stay(text: str, name: str) -> None:
    assert name_of(text) == name


# E. a Russian diminutive in brackets between the first name and the surname


@pytest.mark.parametrize(
    ("signed", "name"),
    [
        ("Александра (Саша) Клюева", "Александра"),
        ("Александр (Саша) Белов", "Александр"),
        ("Екатерина (Катя) Смирнова", "Екатерина"),
        ("Дмитрий (Дима) Орлов", "Дмитрий"),
        # a bracket asking to be called so: the nickname
        ("Александра Клюева (можно просто Саша)", "Саша"),
    ],
)
def test_a_russian_diminutive_between_the_names_gives_the_full_name(signed: str, name: str) -> None:
    text = f"Здравствуйте! Заказ 71040 не пришёл.\n\nС уважением,\n{signed}"
    assert name_of(text) == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # English and Polish stay with the nickname
        ("Hello,\nis the teapot back in stock?\n\nCheers,\nRebecca (Becca) Lowe", "Becca"),
        (
            "Dzień dobry,\nkiedy wyślecie zamówienie 71041?\n\nPozdrawiam\nElżbieta (Ela) Wrona",
            "Ela",
        ),
    ],
)
def test_a_nickname_between_the_names_stays_in_english_and_polish(text: str, name: str) -> None:
    assert name_of(text) == name


# F. a commercial offer's, a quotation's or a price list's number is no order


@pytest.mark.parametrize(
    "text",
    [
        "Subject: Коммерческое предложение № КП-0724/15 — упаковка\n\n"
        "Добрый день! Направляем вам наше предложение на упаковку.",
        "Subject: КП № 1187-24\n\nДобрый день! Во вложении КП на поставку коробок.",
        "Subject: Oferta handlowa nr OF-2024/115\n\nDzień dobry, przesyłamy ofertę na opakowania.",
        "Dzień dobry, w załączeniu oferta nr 2024/1187 na kartony.",
        "Subject: Quotation #Q-55123\n\nHello, please find our quotation for the boxes attached.",
        "Hello, our quote no. 55124 for the labels is attached, valid for 30 days.",
        "Hello, please see our proposal ref PR-55125 for the new packaging.",
    ],
)
def test_an_offers_number_is_no_order(text: str) -> None:
    assert order_of(text) == ""


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Hi, please quote your order number #48213 when replying.", "48213"),
        ("Hi, can I get a quote to change order 48214 to next-day delivery?", "48214"),
        ("Dzień dobry, zamówienie 48215 z oferty promocyjnej nie dotarło.", "48215"),
        ("Добрый день! Заказ 48216 по вашему прайсу ещё не пришёл.", "48216"),
    ],
)
def test_an_order_beside_an_offers_word_stays(text: str, order: str) -> None:
    assert order_of(text) == order


# G. a subscription's number is the order the customer asks about


@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            "Dzień dobry, dostałem maila „Nie udało się pobrać płatności za subskrypcję "
            "SUB-4451”. Co mam zrobić?",
            "SUB-4451",
        ),
        ("Dzień dobry, moja subskrypcja SUB-4452 nie działa od wczoraj.", "SUB-4452"),
        ("Dzień dobry, płatność za abonament AB-7781 nie przeszła.", "AB-7781"),
        (
            "Здравствуйте, пришло письмо «Не удалось списать оплату за подписку SUB-4453». "
            "Что делать?",
            "SUB-4453",
        ),
        ("Здравствуйте, платёж по подписке SUB-4454 не прошёл.", "SUB-4454"),
        ("Hi, my subscription SUB-4455 renewal failed.", "SUB-4455"),
        ("Hi, I got 'Payment for your subscription SUB-4456 failed'. What now?", "SUB-4456"),
    ],
)
def test_a_subscriptions_number_is_the_order(text: str, order: str) -> None:
    assert order_of(text) == order


@pytest.mark.parametrize(
    "text",
    [
        # still no order: a payment's or an invoice's number without a subscription
        "Dzień dobry, płatność PAY-4457 nie przeszła, proszę o kontakt.",
        "Hi, the invoice INV-4458 for last month is wrong.",
    ],
)
def test_a_payments_number_without_a_subscription_stays_none(text: str) -> None:
    assert order_of(text) == ""
