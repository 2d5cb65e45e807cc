"""Customer fields found in pasted e-mails, and masking personal data.

Whole e-mails first (each language, each mail program), then each rule on
its own: order-number forms, names, e-mail addresses, phone numbers and the
numbers that must not be taken for phones. ``HELD_OUT`` e-mails were written
after the code was finished and are kept as first run.
"""

from __future__ import annotations

import re
import textwrap
import time

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import expander
from expander.email.clean import clean_email
from expander.email.fields import (
    DEFAULT_ORDER_PATTERNS,
    CustomerFields,
    extract_fields,
    find_emails,
    find_phones,
)
from expander.email.privacy import mask_contacts_and_names
from tests.email.test_clean import HELD_OUT, Mail


def dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


# --- whole e-mails ------------------------------------------------------------------

EMAILS: list[tuple[str, str, dict[str, str]]] = [
    (
        "en-gmail-reply",
        """
        Hi there,

        I still haven't received my refund for order #48213. I sent the jacket back on
        the 20th. You can reach me on 07700 900123 if needed.

        Thanks,
        Emma Clarke

        On Tue, Nov 4, 2025 at 9:12 AM Northwind Outfitters <support@northwind.example> wrote:
        > Hi Emma,
        > Call us on +44 20 7946 0000 if you have questions. Order #11111.
        """,
        {
            "name": "Emma",
            "full_name": "Emma Clarke",
            "order": "48213",
            "phone": "07700 900123",
        },
    ),
    (
        "en-outlook-signature-block",
        """
        Hello,

        The invoice for order number KC-2025-11873 has the wrong VAT number. Please reissue.

        Kind regards

        Margaret Hughes
        Office Manager | Brightline Dental Ltd
        Tel: +44 20 7946 0958
        m.hughes@brightline.example

        ________________________________
        From: Kettle & Co Support <care@kettleco.example>
        Sent: 03 November 2025 16:40
        To: Margaret Hughes <m.hughes@brightline.example>
        Subject: RE: order 99999
        """,
        {
            "name": "Margaret",
            "full_name": "Margaret Hughes",
            "order": "KC-2025-11873",
            "email": "m.hughes@brightline.example",
            "phone": "+44 20 7946 0958",
        },
    ),
    (
        "en-pasted-headers",
        """
        From: "Smith, Anna" <anna.smith@example.com>
        To: help@shop.example
        Subject: Damaged parcel

        The box was crushed and the lamp inside is broken. Order 553201.
        """,
        {
            "name": "Anna",
            "full_name": "Anna Smith",
            "order": "553201",
            "email": "anna.smith@example.com",
        },
    ),
    (
        "pl-gmail-no-diacritics",
        """
        Dzien dobry,
        zamowilem buty (zamowienie nr 123456) i do dzis nie ma wysylki.
        Moj numer: 601 234 567, mail jan.nowak@wp.pl

        Pozdrawiam
        Jan Nowak

        pt., 31 paź 2025 o 14:02 Sklep Butik <kontakt@butik.example> napisał(a):
        > Dzień dobry Panie Janie, zamówienie nr 999999 przyjęte. Tel. 22 123 45 67
        """,
        {
            "name": "Jan",
            "full_name": "Jan Nowak",
            "order": "123456",
            "email": "jan.nowak@wp.pl",
            "phone": "601 234 567",
        },
    ),
    (
        "pl-outlook-polish-letters",
        """
        Dzień dobry,

        w zamówieniu nr ZAM/2024/0815 brakuje jednej poduszki. Proszę o dosłanie.

        Z poważaniem
        Łukasz Żółkiewski
        kom. +48 601 234 567

        Od: Sklep Dom <sklep@dom.example>
        Wysłano: poniedziałek, 3 listopada 2025 09:41
        Do: Łukasz Żółkiewski <lukasz.z@example.pl>
        Temat: Zamówienie ZAM/2024/0001
        """,
        {
            "name": "Łukasz",
            "full_name": "Łukasz Żółkiewski",
            "order": "ZAM/2024/0815",
            "phone": "+48 601 234 567",
        },
    ),
    (
        "pl-hyphenated-name-postcode",
        """
        Witam, proszę o zmianę adresu dostawy zamówienia 778812 na:
        ul. Długa 5/3, 00-950 Warszawa.
        Dziękuję
        Anna-Maria Wiśniewska-Kowalczyk
        """,
        {
            "name": "Anna-Maria",
            "full_name": "Anna-Maria Wiśniewska-Kowalczyk",
            "order": "778812",
        },
    ),
    (
        "ru-gmail-reply",
        """
        Здравствуйте!
        По заказу № 77-1932 посылка так и не пришла. Мой телефон +7 (912) 345-67-89.

        С уважением,
        Иван Петров

        пн, 3 нояб. 2025 г. в 10:15, Магазин <info@shop.example>:
        > Добрый день, Иван! Ваш заказ 11111 отправлен. Тел. 8 800 555 35 35
        """,
        {
            "name": "Иван",
            "full_name": "Иван Петров",
            "order": "77-1932",
            "phone": "+7 (912) 345-67-89",
        },
    ),
    (
        "ru-patronymic-company",
        """
        Добрый день!

        Прошу выставить счет по заказу 20451 на организацию.

        С уважением,
        Петрова Анна Сергеевна
        менеджер по закупкам
        ООО «Ромашка»
        тел. 8 912 345 67 89
        petrova@romashka.example
        """,
        {
            "name": "Анна",
            "full_name": "Петрова Анна Сергеевна",
            "order": "20451",
            "email": "petrova@romashka.example",
            "phone": "8 912 345 67 89",
        },
    ),
    (
        "ru-pasted-headers",
        """
        От: Сергей Смирнов <s.smirnov@mail.example>
        Тема: Возврат

        еще не получил деньги за заказом 5521 возвращенный
        """,
        {
            "name": "Сергей",
            "full_name": "Сергей Смирнов",
            "order": "5521",
            "email": "s.smirnov@mail.example",
        },
    ),
    (
        "html-gmail",
        """
        <div dir="ltr">Hi,<div>the zip on the backpack (order 31337) broke after a week.</div>
        <div>Thanks,</div><div class="gmail_signature">Chloe Martin<br>+1 (555) 123-4567</div></div>
        <div class="gmail_quote"><div class="gmail_attr">On Mon, Nov 3, 2025 Trail Gear
        &lt;help@trailgear.example&gt; wrote:</div><blockquote class="gmail_quote">
        Call +1 (555) 999-0000. Order 10000.</blockquote></div>
        """,
        {
            "name": "Chloe",
            "full_name": "Chloe Martin",
            "order": "31337",
            "phone": "+1 (555) 123-4567",
        },
    ),
]


@pytest.mark.parametrize(("id", "raw", "expected"), EMAILS, ids=[e[0] for e in EMAILS])
def test_whole_emails(id: str, raw: str, expected: dict[str, str]) -> None:
    assert extract_fields(dedent(raw)) == expected


def test_the_keys_found_are_those_customer_fields_names() -> None:
    """CustomerFields documents the result of extract_fields: all its keys are
    found in these e-mails and no other, but for a pack's own field names."""
    found: set[str] = set()
    for _, raw, _ in EMAILS:
        found.update(extract_fields(dedent(raw)))
    for case in HELD_OUT:
        found.update(extract_fields(case.raw))
    assert found == CustomerFields.__optional_keys__ == set(CustomerFields.__annotations__)
    assert expander.CustomerFields is CustomerFields
    extra = extract_fields("Tracking 1Z999AA10123456784", field_patterns={"tracking": [r"(1Z\w+)"]})
    assert extra == {"tracking": "1Z999AA10123456784"}


@pytest.mark.parametrize("case", HELD_OUT, ids=lambda c: c.id)
def test_held_out_emails(case: Mail) -> None:
    assert extract_fields(case.raw) == case.fields


@pytest.mark.parametrize(
    "raw",
    [
        "Hi, do you ship to Norway?",
        "Hello,\n\nIs the green sofa back in stock?\n\nThanks!",
        "Dzień dobry, czy wysyłacie za granicę?\n\nPozdrawiam",
        "Dzien dobry, ile kosztuje wysylka do Niemiec? Paczka wazy okolo 5 kg.",
        "Здравствуйте, есть ли доставка в Казань?\n\nСпасибо",
        "Добрый день. Сколько стоит доставка 2 кг до 15.11.2025?",
        "I paid 1 299,00 zł on 12.03.2024 at 10:15, postcode 00-950.",
        "",
        "<p>&nbsp;</p>",
    ],
)
def test_emails_without_fields(raw: str) -> None:
    assert extract_fields(raw) == {}


def test_the_greeting_of_the_new_text_names_the_agent_not_the_customer() -> None:
    assert "name" not in extract_fields("Hi Kasia,\n\nwhere is my order 12345?")
    assert "name" not in extract_fields("Здравствуйте, Ольга!\nГде мой заказ 12345?")


def test_greeting_in_the_quoted_shop_reply_names_the_customer() -> None:
    raw = dedent(
        """
        Still nothing arrived.

        On Mon, 3 Nov 2025 at 10:15, Shop <help@shop.example> wrote:
        > Dear Emma,
        > your parcel is on its way.
        """
    )
    assert extract_fields(raw)["name"] == "Emma"


def test_polish_vocative_greeting_in_quote_gives_the_nominative() -> None:
    # the vocative ("Pani Anno") is never the name as written; the known first
    # name it addresses is (session 10: the blind sets record "Iwona" under
    # "Pani Iwono", "Jacek" under "Panie Jacku")
    raw = "Nadal nic.\n\nW dniu 3.11.2025 o 10:15, Sklep pisze:\n> Dzień dobry Pani Anno,\n> ok"
    fields = extract_fields(raw)
    assert fields["name"] == "Anna"
    assert "Anno" not in fields.values()
    raw = "Nadal nic.\n\nW dniu 3.11.2025 o 10:15, Sklep pisze:\n> Dzień dobry Panie Marku,\n> ok"
    assert extract_fields(raw)["name"] == "Marek"


def test_polish_vocative_of_no_known_first_name_is_not_taken() -> None:
    raw = "Nadal nic.\n\nW dniu 3.11.2025 o 10:15, Sklep pisze:\n> Dzień dobry Pani Xyzo,\n> ok"
    assert "name" not in extract_fields(raw)


def test_quote_headers_do_not_name_the_customer() -> None:
    raw = dedent(
        """
        Where is it?

        From: Jan Nowak <jan.nowak@shop.example>
        Sent: Monday, November 3, 2025 10:15 AM
        To: customer@example.com
        Subject: RE: order
        """
    )
    assert extract_fields(raw) == {}


# --- order numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Where is my order #48213?", "48213"),
        ("Re: # 48213", "48213"),
        ("Zamówienie ZAM/2024/0815 nie dotarło.", "ZAM/2024/0815"),
        ("Заказ № 77-1932 не пришел", "77-1932"),
        ("Посылка №77-1932", "77-1932"),
        ("I'm writing about order 12345.", "12345"),
        ("Order no. 12345 is late", "12345"),
        ("my order number: AB-12345", "AB-12345"),
        ("Order ID is 5567812", "5567812"),
        ("orders 11223 and 11224", "11223"),
        ("zamówienie nr 12345", "12345"),
        ("zamowienie nr 12345", "12345"),
        ("W zamówieniu nr 12345 brakuje kabla", "12345"),
        ("Co z moim zamówieniem 12345?", "12345"),
        ("numer zamówienia: 12345", "12345"),
        ("nr zam. 12345", "12345"),
        ("zamówienia o numerze 12345", "12345"),
        ("заказ 12345", "12345"),
        ("По заказу 12345 ничего", "12345"),
        ("Что с заказом 12345?", "12345"),
        ("в заказе №12345 нет чехла", "12345"),
        ("номер заказа: 12345", "12345"),
        ("ЗАКАЗ N 12345", "12345"),
        ("Ваш заказ #A-4471 готов", "A-4471"),
    ],
)
def test_order_forms(text: str, order: str) -> None:
    assert extract_fields(text).get("order") == order


def test_an_invoices_own_code_is_no_order() -> None:
    # (session 20: it was taken as the last resort)
    assert "order" not in extract_fields("Invoice for INV-2024-00012 please")


@pytest.mark.parametrize(
    "text",
    [
        "I ordered 2 pairs of shoes.",
        "I want to order 100 pieces.",
        "The order of 150 zł was paid.",
        "zamówienie za 1500 zł",
        "order placed on 12.03.2024",
        "zamówienie z 2024-03-12",
        "заказ на 3000 руб.",
        "заказ на 3000 ₽",
        "This is my #1 priority",
        "Zamówiłam 3 sztuki",
    ],
)
def test_not_order_numbers(text: str) -> None:
    assert "order" not in extract_fields(text)


def test_pack_patterns_are_tried_first() -> None:
    text = "Order 12345 - our system shows it as SO-778899."
    assert extract_fields(text)["order"] == "12345"
    assert extract_fields(text, [r"\bSO-(\d{6})\b"])["order"] == "778899"
    assert extract_fields(text, [r"\bSO-(?P<order>\d{6})\b"])["order"] == "778899"
    assert extract_fields(text, [r"\bSO-\d{6}\b"])["order"] == "SO-778899"
    assert extract_fields(text, [r"\bXX-\d+"])["order"] == "12345"  # no match: defaults
    assert "order" not in extract_fields("order 12345", [r"SO-\d+"], include_defaults=False)


def test_pack_field_patterns() -> None:
    text = "Hi, the tracking number is 1Z999AA10123456784 for order 55123."
    fields = extract_fields(text, field_patterns={"tracking": [r"\b(1Z[0-9A-Z]{16})\b"]})
    assert fields == {"order": "55123", "tracking": "1Z999AA10123456784"}
    fields = extract_fields(text, field_patterns={"order": [r"tracking number is (\w+)"]})
    assert fields["order"] == "1Z999AA10123456784"


def test_invalid_pack_pattern_raises() -> None:
    with pytest.raises(re.error):
        extract_fields("order 12345", ["(unclosed"])


def test_order_in_new_text_beats_quoted_and_quoted_is_the_fallback() -> None:
    quote = "\n\nOn Mon, 3 Nov 2025, Shop <a@shop.example> wrote:\n> Your order #48213 shipped."
    assert extract_fields("Order 55555 is missing." + quote)["order"] == "55555"
    assert extract_fields("Still nothing arrived." + quote)["order"] == "48213"


def test_default_patterns_compile_and_capture_one_group() -> None:
    for pattern in DEFAULT_ORDER_PATTERNS:
        assert re.compile(pattern, re.IGNORECASE).groups == 1


# --- names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name", "full_name"),
    [
        ("Where is it?\n\nPozdrawiam\nJan Kowalski", "Jan", "Jan Kowalski"),
        ("Gdzie paczka?\nPozdrawiam, Jan Kowalski", "Jan", "Jan Kowalski"),
        ("Где посылка?\n\nС уважением,\nИван Петров", "Иван", "Иван Петров"),
        ("Any news?\n\nBest,\nAnna", "Anna", "Anna"),
        ("Any news?\nThanks, Anna", "Anna", "Anna"),
        ("any news?\nthanks\nanna", "Anna", "Anna"),
        ("Any news?\n\nRegards,\nŁukasz Żółkiewski", "Łukasz", "Łukasz Żółkiewski"),
        ("Any news?\n\nCheers,\nMary-Jane Watson", "Mary-Jane", "Mary-Jane Watson"),
        ("Any news?\n\nKind regards,\nSeán O'Brien", "Seán", "Seán O'Brien"),
        ("Co z paczką?\n\nZ poważaniem\nKowalski Jan", "Jan", "Kowalski Jan"),
        ("Где заказ?\n\nСпасибо,\nПетров Иван", "Иван", "Петров Иван"),
        ("Где заказ?\n\nС уважением,\nИванов Иван Иванович", "Иван", "Иванов Иван Иванович"),
        ("Hi,\nmy name is Sarah Connor and I ordered a lamp.", "Sarah", "Sarah Connor"),
        ("Dzień dobry, nazywam się Ewa Nowak, zamówiłam lampę.", "Ewa", "Ewa Nowak"),
        ("Здравствуйте, меня зовут Ольга. Где посылка?", "Ольга", "Ольга"),
        ("Hello, this is Tom from Berlin. Any update?", "Tom", "Tom"),
        ("Where is my refund?\n\n-- \nRachel Kim\nAcme Inc.", "Rachel", "Rachel Kim"),
        ("Where is my refund?\n\nRachel Kim | Acme Inc.\n+1 555 123 4567", "Rachel", "Rachel Kim"),
        ("Where is my refund?\nAnna", "Anna", "Anna"),
        # the first name written as an initial only: no first name to greet with
        ("Where is my refund?\n\nRegards,\nMr J. Smith", None, "J. Smith"),
    ],
)
def test_names(raw: str, name: str | None, full_name: str) -> None:
    fields = extract_fields(raw)
    assert (fields.get("name"), fields.get("full_name")) == (name, full_name)


@pytest.mark.parametrize(
    "raw",
    [
        "Gdzie paczka?\nDziękuję za pomoc",
        "Where is it?\nThank you for your help",
        "Где посылка?\nСпасибо за помощь",
        "Where?\nThanks\nlooking forward",
        "Where?\nThanks, got it",
        "Hi Kasia,\nwhere is my order?",
    ],
)
def test_sign_off_words_are_not_names(raw: str) -> None:
    assert "name" not in extract_fields(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Zamówienie: 123456\nImię i nazwisko: Jan Kowalski\nTelefon: 601 234 567\n"
            "Wiadomość: Proszę o fakturę.",
            {"name": "Jan", "full_name": "Jan Kowalski", "order": "123456", "phone": "601 234 567"},
        ),
        (
            "Name: ANNA SMITH\nEmail: anna@example.com\nOrder number: 55123\nMessage: where is it",
            {
                "name": "Anna",
                "full_name": "Anna Smith",
                "order": "55123",
                "email": "anna@example.com",
            },
        ),
        (
            "ФИО: Петров Иван Сергеевич\nТелефон: 89123456789\nСообщение: где заказ 12345?",
            {
                "name": "Иван",
                "full_name": "Петров Иван Сергеевич",
                "order": "12345",
                "phone": "89123456789",
            },
        ),
    ],
)
def test_contact_form_emails(raw: str, expected: dict[str, str]) -> None:
    assert extract_fields(raw) == expected


def test_capitals_under_a_sign_off_are_a_name() -> None:
    fields = extract_fields("Gdzie?\nPozdrawiam\nKOWALSKI JAN")
    assert (fields["name"], fields["full_name"]) == ("Jan", "Kowalski Jan")


def test_quoted_greeting_followed_by_text_on_the_same_line() -> None:
    raw = "Nothing yet.\n\nOn 3 Nov 2025, Shop <a@shop.example> wrote:\n> Hi Emma, it ships today."
    assert extract_fields(raw)["name"] == "Emma"


@pytest.mark.parametrize(
    ("from_line", "full_name", "name"),
    [
        ("From: Anna Smith <anna@example.com>", "Anna Smith", "Anna"),
        ('From: "Smith, Anna" <anna@example.com>', "Anna Smith", "Anna"),
        ("From: ANNA SMITH <anna@example.com>", "Anna Smith", "Anna"),
        ("From: anna smith <anna@example.com>", "Anna Smith", "Anna"),
        ("Od: Jan Kowalski <jan@wp.pl>", "Jan Kowalski", "Jan"),
        ('Od: "Żółkiewski Łukasz" <lz@onet.pl>', "Żółkiewski Łukasz", "Łukasz"),
        ("От: Иван Петров <ivan@mail.ru>", "Иван Петров", "Иван"),
        ("From: Anna Smith [mailto:anna@example.com]", "Anna Smith", "Anna"),
        ("From: Anna Smith via Shop Help <help@shop.example>", "Anna Smith", "Anna"),
    ],
)
def test_names_from_pasted_from_line(from_line: str, full_name: str, name: str) -> None:
    fields = extract_fields(f"{from_line}\nSubject: Order\n\nWhere is my parcel?")
    assert (fields["full_name"], fields["name"]) == (full_name, name)


@pytest.mark.parametrize(
    "from_line",
    [
        "From: anna@example.com",
        "From: <anna@example.com>",
        "From: Customer Service <cs@shop.example>",
        "Od: Sklep <sklep@example.pl>",
        "Od: Sklep XYZ <sklep@example.pl>",
        "От кого: Служба поддержки <help@example.ru>",
    ],
)
def test_from_lines_without_a_person(from_line: str) -> None:
    fields = extract_fields(f"{from_line}\nSubject: Order\n\nWhere is my parcel?")
    assert "name" not in fields


# --- e-mail addresses ---------------------------------------------------------------


def test_email_from_header_body_and_signature() -> None:
    assert extract_fields("Please write to anna.k+shop@example.co.uk instead.") == {
        "email": "anna.k+shop@example.co.uk"
    }
    raw = "From: Anna <anna@example.com>\nTo: x@shop.example\n\nMy other one is a@b.example"
    assert extract_fields(raw)["email"] == "anna@example.com"
    raw = "Where?\n\nBest,\nAnna\nanna@example.com\n\nOn 3 Nov 2025, S <s@shop.example> wrote:\n> x"
    assert extract_fields(raw)["email"] == "anna@example.com"


def test_find_emails() -> None:
    text = (
        "Write to jan.kowalski@wp.pl, ivan@почта.рф or <a_b-c@sub.example.com>. Not user@localhost."
    )
    assert find_emails(text) == ["jan.kowalski@wp.pl", "ivan@почта.рф", "a_b-c@sub.example.com"]


# --- phones -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "+48 601 234 567",
        "601-234-567",
        "601 234 567",
        "601234567",
        "+48601234567",
        "+7 (912) 345-67-89",
        "8 912 345 67 89",
        "8 (912) 345-67-89",
        "+44 20 7946 0958",
        "020 7946 0958",
        "+1 (555) 123-4567",
        "(22) 123 45 67",
        "0048 601 234 567",
        "601.234.567",
    ],
)
def test_phone_forms(phone: str) -> None:
    for text in (f"My phone: {phone}", f"Call me at {phone}.", f"{phone}", f"tel. {phone}, thanks"):
        assert extract_fields(text).get("phone") == phone, text


@pytest.mark.parametrize(
    "text",
    [
        "Order 123456789 is late",
        "zamówienie nr 1234567890",
        "заказ 89123456789",
        "Tracking number 00359007738012345678",
        "Numer przesyłki: 623456789012345678901234",
        "Trek: 12345678901",
        "Delivered on 12.03.2024 at 10:15",
        "Ordered 2024-03-12 14:30",
        "Postcode 00-950 Warszawa",
        "I paid 1 299,99 zł",
        "The total was 12 345 678 zł",
        "IBAN PL61 1090 1014 0000 0712 1981 2874",
        "konto 61 1090 1014 0000 0712 1981 2874",
        "NIP 123-456-78-90",
        "EAN 5901234123457",
        "Card ending 4242 4242 4242 4242",
    ],
)
def test_not_phones(text: str) -> None:
    assert "phone" not in extract_fields(text)


def test_phone_keyword_wins_over_earlier_order_keyword() -> None:
    fields = extract_fields("Order 55123, my phone is 601 234 567")
    assert fields == {"order": "55123", "phone": "601 234 567"}


def test_a_keyword_before_another_number_does_not_hide_a_phone() -> None:
    fields = extract_fields("Order 55123, 601 234 567")
    assert fields == {"order": "55123", "phone": "601 234 567"}
    assert mask_contacts_and_names("Order 55123, 601 234 567") == "Order 55123, [phone]"
    assert mask_contacts_and_names("Order 123456789") == "Order 123456789"


def test_find_phones_spans() -> None:
    text = "Tel. +48 601 234 567 lub 22 123 45 67, zamówienie 5512345678."
    assert [m.group(0) for m in find_phones(text)] == ["+48 601 234 567", "22 123 45 67"]


# --- values are data ----------------------------------------------------------------


def test_values_are_returned_literally_and_render_literally() -> None:
    raw = dedent(
        """
        From: "{clipboard} Smith" <{clipboard}.smith@example.com>
        Subject: hi

        Ref: {date} - where is it?
        """
    )
    # (a display name no table knows gives a name when it is two words that the
    # address bears out: a sender can write both)
    fields = extract_fields(raw, [r"Ref:\s*(\S+)"])
    assert fields["name"] == "{clipboard}"
    assert fields["full_name"] == "{clipboard} Smith"
    assert fields["order"] == "{date}"
    context = expander.RenderContext(fields=fields, clipboard="SECRET")
    rendered = expander.parse_template("Hi {name}, order {order}.").render(context)
    assert rendered.text == "Hi {clipboard}, order {date}."
    assert "SECRET" not in rendered.text


def test_name_with_template_braces_in_signature_is_not_a_name() -> None:
    assert "name" not in extract_fields("Where?\n\nBest,\n{cursor}{snippet:x}")


PHONE_FORMATS = st.sampled_from(
    ["+48 {a} {b} {c}", "{a}-{b}-{c}", "{a} {b} {c}", "+7 ({a}) {b}-{d}-{e}", "8 {a} {b} {d} {e}"]
)


@settings(max_examples=200, deadline=None)
@given(
    fmt=PHONE_FORMATS,
    a=st.integers(100, 999),
    b=st.integers(100, 999),
    c=st.integers(100, 999),
    d=st.integers(10, 99),
    e=st.integers(10, 99),
    before=st.sampled_from(["Call me: ", "tel. ", "Мой телефон ", "Mój numer to ", ""]),
    after=st.sampled_from(["", ".", ", thanks", " (mobile)", "\nAnna"]),
)
def test_generated_phones_are_found_and_masked(
    fmt: str, a: int, b: int, c: int, d: int, e: int, before: str, after: str
) -> None:
    phone = fmt.format(a=a, b=b, c=c, d=d, e=e)
    text = f"{before}{phone}{after}"
    assert extract_fields(text).get("phone") == phone
    assert "[phone]" in mask_contacts_and_names(text)
    assert not re.search(r"\d{3}", mask_contacts_and_names(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_extract_and_mask_accept_any_text(text: str) -> None:
    assume("<" not in text and "&" not in text)  # HTML is decoded, so not a substring
    fields = extract_fields(text)
    for key in ("order", "email", "phone"):
        if key in fields:
            assert fields[key] in text
    masked = mask_contacts_and_names(text)
    assert not find_emails(masked)
    assert not list(find_phones(masked))
    assert mask_contacts_and_names(masked) == masked


NOT_PHONES = st.one_of(
    st.builds(
        "{:02d}.{:02d}.{}".format, st.integers(1, 31), st.integers(1, 12), st.integers(1990, 2035)
    ),
    st.builds(
        "{}-{:02d}-{:02d}".format, st.integers(1990, 2035), st.integers(1, 12), st.integers(1, 31)
    ),
    st.builds("{:02d}-{:03d}".format, st.integers(0, 99), st.integers(0, 999)),
    st.builds(
        "{} {:03d},{:02d} zł".format, st.integers(1, 999), st.integers(0, 999), st.integers(0, 99)
    ),
    st.builds(
        "{} {:03d} {:03d} руб.".format,
        st.integers(1, 999),
        st.integers(0, 999),
        st.integers(0, 999),
    ),
    st.builds("#{}".format, st.integers(100_000, 999_999_999_999)),
    st.builds("order {}".format, st.integers(100_000_000, 99_999_999_999)),
    st.builds("tracking {}".format, st.integers(10**11, 10**22)),
    st.builds("{}".format, st.integers(10**12, 10**20)),
)


@settings(max_examples=300, deadline=None)
@given(value=NOT_PHONES, before=st.sampled_from(["", "Hi, ", "Paid on ", "Zamówienie: ", "Дата "]))
def test_dates_amounts_postcodes_orders_and_tracking_are_never_phones(
    value: str, before: str
) -> None:
    text = f"{before}{value}, thanks"
    assert "phone" not in extract_fields(text)
    assert mask_contacts_and_names(text) == text


@settings(max_examples=100, deadline=None)
@given(
    local=st.from_regex(r"[a-z][a-z0-9._+-]{0,15}[a-z0-9]", fullmatch=True),
    domain=st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]\.(com|pl|ru|co\.uk)", fullmatch=True),
)
def test_generated_addresses_are_found_and_masked(local: str, domain: str) -> None:
    address = f"{local}@{domain}"
    text = f"Please reply to {address}, thanks."
    assert extract_fields(text)["email"] == address
    assert mask_contacts_and_names(text) == "Please reply to [email], thanks."


def test_cleaned_argument_avoids_cleaning_twice() -> None:
    raw = "Where is order 12345?\n\nThanks,\nAnna"
    assert extract_fields(raw, cleaned=clean_email(raw)) == extract_fields(raw)


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "text",
    [
        "a" * 50_000,  # one huge token, like a pasted base64 image
        "-" * 50_000,
        "a." * 25_000 + "@",
        "order" + " " * 20_000 + "x",
        "1 2 3 4 5 6 " * 5_000,
        "<div>" * 2_000 + "text" + "</div>" * 2_000,
        "Anna\n" * 5_000,
    ],
    ids=["token", "dashes", "dots", "spaces", "digits", "html", "lines"],
)
def test_pathological_input_stays_linear(text: str) -> None:
    """Each took from seconds to a minute before the regular expressions were
    made linear; now each takes a few hundredths of a second, and four times the
    text takes about four times as long (a quadratic path takes sixteen times as
    long: "spaces" went from 2 s to 8 s for twice the text before clean.py's
    signature-line split was skipped for lines without a separator). CPU time of
    this process, and a factor of 8 between the two, so that a busy machine
    cannot make a linear path look quadratic."""
    once, four_times = _best_seconds(text), _best_seconds(text * 4)
    assert four_times < 8 * once + 0.05, f"{once:.3f} s, then {four_times:.3f} s for 4x the text"


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("head", "blank", "tail"),
    [
        ("order", " ", "12345"),
        ("Zamówienie nr", "\t", "ZM"),
        ("nr", " ", "x"),
        ("заказ", "\u00a0", ": 4"),
        ("Anna", " ", "+48 600 100 200"),
    ],
    ids=["order-spaces-digits", "zamowienie-tabs", "nr-spaces", "zakaz-nbsp", "name-phone"],
)
def test_one_long_run_of_blanks_stays_linear(head: str, blank: str, tail: str) -> None:
    """Four times the text above repeats it, which a path quadratic in one run of
    blanks passes: "nr", 20,000 spaces and "x" took 10 s, "order", 40,000 spaces and
    "12345" 6 s (order patterns splitting the blanks two ways, " *:? *"). Every run
    is now cut at the door (clean.limit_blank_runs). Here the one run grows."""
    once = _best_seconds(f"{head}{blank * 10_000}{tail}")
    four_times = _best_seconds(f"{head}{blank * 40_000}{tail}")
    assert four_times < 8 * once + 0.05, f"{once:.3f} s, then {four_times:.3f} s for 4x the run"


def _best_seconds(text: str) -> float:
    """The shortest of three runs of field extraction and masking on ``text``, in
    CPU seconds of this process."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        extract_fields(text)
        mask_contacts_and_names(text, {"name": "Anna", "full_name": "Anna Smith"})
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Invoice #5531 is wrong, it is for order 22334.", "22334"),
        ("Faktura nr FV/12/2024 dotyczy zamówienia 55667.", "55667"),
        ("Na fakturze FV/2024/03/112 jest zły NIP. Dotyczy zamówienia 61200.", "61200"),
        ("Счёт № 1234-56 по заказу 77889 не оплачен.", "77889"),
        ("Ticket #44556 still open, order 99887 missing.", "99887"),
        ("The invoice for order #48213 is missing.", "48213"),
    ],
)
def test_a_number_named_as_something_else_is_not_the_order(text: str, order: str) -> None:
    assert extract_fields(text).get("order") == order


@pytest.mark.parametrize(
    "text",
    [
        "my parcel tracking # 00340434161234567890 shows nothing",
        "RMA #77123 - returned item not refunded.",
        "Invoice #5531 is wrong.",
    ],
)
def test_a_bare_number_named_as_something_else_alone_is_no_order(text: str) -> None:
    assert "order" not in extract_fields(text)


@pytest.mark.parametrize(
    ("raw", "name", "full_name"),
    [
        ("Proszę o fakturę.\n\nZ poważaniem\nWójcik Magdalena", "Magdalena", "Wójcik Magdalena"),
        ("Proszę o fakturę.\n\nZ poważaniem\nNowak Katarzyna", "Katarzyna", "Nowak Katarzyna"),
        ("Прошу счёт.\n\nС уважением,\nИванова Мария", "Мария", "Иванова Мария"),
        (  # a job title and a company above the name
            "Прошу выставить счёт.\n\nС уважением,\nМенеджер по закупкам\nООО «Ромашка»\n"
            "Татьяна Волкова",
            "Татьяна",
            "Татьяна Волкова",
        ),
        (
            "Please send the invoice.\n\nBest regards,\nPurchasing Manager\nBloom Ltd\nSandra Lee",
            "Sandra",
            "Sandra Lee",
        ),
        (
            "Still waiting on #123456.\n\nKind regards\nSandra\n"
            "Sales Manager | Bloom Ltd | +44 1632 960001",
            "Sandra",
            "Sandra",
        ),
        ("Where is order 12345?\nRegards, Anna from Kraków", "Anna", "Anna"),
        ("Где заказ 12345?\nС уважением, Анна, менеджер ООО Ромашка", "Анна", "Анна"),
    ],
)
def test_names_in_company_signatures(raw: str, name: str, full_name: str) -> None:
    fields = extract_fields(raw)
    assert (fields.get("name"), fields.get("full_name")) == (name, full_name)


@pytest.mark.parametrize(
    "raw",
    [
        "Please send the invoice.\n\nBest regards,\nThe Bloom team",
        "Please send the invoice.\n\nBest regards,\nCustomer Service\nBloom Ltd",
        "Please send the invoice.\n\nBest regards,\nPurchasing Manager\nGreen Interiors",
        "Where is it?\nThanks, Apple - I'll wait",
    ],
)
def test_no_name_from_titles_companies_or_sentences_after_a_sign_off(raw: str) -> None:
    assert "name" not in extract_fields(raw)
