"""Classes of names and order numbers emails_blind10 missed or took wrong (session 13,
second pass): each rule on e-mails of its kind, in new wording, and the traps where it
must give nothing or the other value."""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.clean import clean_email
from tests.email.fieldcases import name_of, order_of


# 1. what a document or a number is for, right before a marked code: "a tracking number
# for #N", "an invoice for AB-N" name the order the document is for, not the document
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("morning, is there a tracking number for #71840 yet? ta, Leo", "71840"),
        ("Could you email me a receipt for KM-3317 please? It's for work. Priya", "KM-3317"),
        ("Dzień dobry, poproszę fakturę do #60219, dane firmy w stopce.", "60219"),
        ("Здравствуйте, нужен чек для №44812, спасибо.", "44812"),
        # the code of a ticket or a carrier stays theirs; the invoice's own code is no
        # order's, not even as the last resort (session 20)
        ("Is there an update on the ticket for #71840?", ""),
        ("any tracking for DPD-40127711? thanks", ""),
        ("Please resend the invoice for INV-2026-0043.", ""),
        # a price or a phone after "for" is no order
        ("I paid for the invoice for 24.99 GBP yesterday, can you confirm?", ""),
        ("What is the phone number for 0161 496 0000?", ""),
    ],
)
def test_a_documents_code_for_an_order(text: str, order: str) -> None:
    assert order_of(text) == order


# 2. the order's number written in groups of digits after the words for it
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("hi the order number is 52 7710 and nothing came yet", "52 7710"),
        ("Dzień dobry, nr zamówienia: 318 204, paczka nie dotarła.", "318 204"),
        ("Номер заказа 40 5512, когда доставка?", "40 5512"),
        # a month and a year, an amount, or more groups (a phone) are no order's
        ("order no 11 2025 was the one I meant, it never came", ""),
        ("Order number 12 450 zł was charged twice", ""),
        ("my order number is 07 700 900 123 I think", ""),
        # a plain number is still read as before
        ("Order number 48213, 12 items missing", "48213"),
    ],
)
def test_order_number_in_digit_groups(text: str, order: str) -> None:
    assert order_of(text) == order


# 3. a shop's code in brackets or with a slash after the word for the parcel
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Paczka (KD/51207) przyszła niepełna, brakuje ładowarki.", "KD/51207"),
        ("The parcel (HB-20931) arrived without the lid.", "HB-20931"),
        ("Посылка (МР-33018) пришла мятая.", "МР-33018"),
        # a carrier's code in brackets stays the carrier's
        ("Paczka (DPD/33018) leży w sortowni od tygodnia.", ""),
    ],
)
def test_parcel_code_in_brackets_or_with_a_slash(text: str, order: str) -> None:
    assert order_of(text) == order


# 4. a notice that is no customer's (a phishing notice to the shop) carries no order:
# its reference is not taken as the last resort
def test_a_notices_reference_is_no_order() -> None:
    text = (
        "Dear Merchant,\n\nYour store account will be suspended unless you confirm your "
        "payout details within 48 hours.\n\nCompliance Team\nRef: VRF-2027-10455"
    )
    assert order_of(text) == ""
    # nor is an invoice's code the order's (session 20: it was the last resort)
    assert order_of("Hello, could you resend invoice FV-2026-3318? Thanks, Ola") == ""


# 5. an introduction right after a greeting with no mark between them
@pytest.mark.parametrize(
    ("text", "name", "full_name"),
    [
        ("hi this is Grace Whitfield I bought two lamps last week", "Grace", "Grace Whitfield"),
        ("dzien dobry tu Jadwiga Kurek zamowilam lampe tydzien temu", "Jadwiga", "Jadwiga Kurek"),
        ("здравствуйте это Олеся Гущина заказала лампу на прошлой неделе", "Олеся", "Олеся Гущина"),
    ],
)
def test_introduction_after_a_bare_greeting(text: str, name: str, full_name: str) -> None:
    fields = extract_fields(text)
    assert (fields.get("name"), fields.get("full_name")) == (name, full_name)


@pytest.mark.parametrize(
    "text",
    [
        "hello this is urgent, the lamp 40127 came broken",
        "добрый день это срочно, лампа разбита",
        "hi this is Tuesday's delivery, still not here",
    ],
)
def test_no_name_from_a_bare_greeting_and_a_word(text: str) -> None:
    assert name_of(text) == ""


# 6. a dictated text: its marks spoken as words, the name after the last one
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "hello my kettle stopped working comma the light comes on but no heat full stop "
            "what should I do full stop Margaret Hale",
            "Margaret",
        ),
        (
            "dzien dobry zamowilem czajnik przecinek nie grzeje kropka prosze o kontakt "
            "kropka Zbigniew Malec",
            "Zbigniew",
        ),
        ("добрый день чайник не греет точка спасибо Валентина Петровна", "Валентина"),
    ],
)
def test_name_after_the_last_spoken_mark(text: str, name: str) -> None:
    assert name_of(text) == name


@pytest.mark.parametrize(
    "text",
    [
        # one spoken word and no sign-off: a return period, a store's name
        "my kettle broke within the return period John Lewis",
        # a product after the last mark, no name
        "the kettle is broken kropka prosze o wymiane kropka Bosch TWK",
        # the mark word inside a written sentence: no dictation
        "The dots are fine. I ordered the kropka pattern. Thanks",
    ],
)
def test_no_name_after_a_spoken_mark_but_a_word(text: str) -> None:
    assert name_of(text) == ""


# 7. a signature's job title and its employer on one line, after a comma
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Здравствуйте!\nВ коробке не было красок.\n\nСпасибо!\nИрина Павловна Котова\n"
            "методист, детский сад «Юнга»\nтел. 8 (843) 555-20-11",
            "Ирина",
        ),
        (
            "Dzień dobry,\nbrakuje farb w paczce.\n\nDziękuję!\nBeata Zając\n"
            "kierowniczka, świetlica środowiskowa „Bajka”\ntel. 601 234 567",
            "Beata",
        ),
    ],
)
def test_title_and_employer_line_under_the_name(text: str, name: str) -> None:
    assert name_of(text) == name


def test_a_title_comma_and_a_sentence_is_no_signature_line() -> None:
    text = "Hi,\nthe box was empty.\n\nmanager, please call me back\nThanks"
    assert name_of(text) == ""


# 8. a contact form's fields under a rule of dashes: the form, not a quoted message
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Wiadomość z formularza\n-------------------------------\nTwoje imię: Wiesława\n"
            "E-mail: w.k@example.pl\nTreść: kiedy wyślecie zamówienie?",
            "Wiesława",
        ),
        (
            "New website enquiry\n------------------------------\nYour name: Tobias\n"
            "Phone: 07700 900456\nMessage: has my order shipped?",
            "Tobias",
        ),
    ],
)
def test_form_fields_under_a_rule(text: str, name: str) -> None:
    assert name_of(text) == name
    assert clean_email(text).quoted == ""


def test_a_rule_over_a_quoted_header_still_quotes() -> None:
    text = (
        "Thanks, that works.\n\n------------------------------\nFrom: Shop <help@shop.example>\n"
        "Sent: Monday\nSubject: Your order\n\nHi Tobias, your order has shipped."
    )
    assert "From: Shop" in clean_email(text).quoted


# --- a reviewer's pass over session 13's rules ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a parcel's own number "for #..." and a bank account "на №..." are no orders
        "Hi, the tracking number for #1Z999AA10123456784 is wrong. Thanks, Jane",
        "Здравствуйте, номер счёта на №40817810. Спасибо, Ольга",
        # three groups of digits are a phone's, not an order number's
        "Dzień dobry, numer zamówienia 501 234 567 - to mój numer telefonu. Kasia",
        "Hi, order #: 441 0022 9911. Jane",
    ],
)
def test_no_order_from_a_parcel_number_an_account_or_a_phone(text: str) -> None:
    assert order_of(text) == ""


@pytest.mark.parametrize(
    "text",
    [
        "hello this is Terrible, order 48213 broken",
        "hey this is Unacceptable!! order 48213",
        "hello this is Tom from DPD, I could not deliver your parcel today",
    ],
)
def test_this_is_after_a_bare_greeting_needs_a_first_name_of_no_firm(text: str) -> None:
    assert name_of(text) == ""


def test_a_shop_message_forwarded_keeps_its_own_signature() -> None:
    # a rule over the shop's closing is no end of the forward: "we" is how a shop speaks
    text = (
        "Why was this sent to me?\n\n---------- Forwarded message ---------\n"
        "From: Shop <a@shop.example>\nSubject: Order 48213\n\nYour order has shipped.\n"
        "----------\nWe are sorry for the delay, our courier was late.\nBest regards,\nKate\n"
    )
    assert name_of(text) == ""
    assert clean_email(text).body == "Why was this sent to me?"
