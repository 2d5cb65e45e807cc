"""The one masker, :func:`expander.email.privacy.mask_email`, on whole e-mails: what the
usage store keeps of an unanswered e-mail and what a learned example keeps."""

from __future__ import annotations

import pytest

from expander.email.privacy import mask_email

MASKING = [
    pytest.param(
        "Hello, this is Ruth Adams. The case you sent fits a different phone model.\n\n"
        "Thanks,\nRuth",
        "Hello, this is [full_name]. The case you sent fits a different phone model.",
        id="en: a surname given only in the body, the sign-off has the first name",
    ),
    pytest.param(
        "From: Anna Kowalska <anna.k@wp.pl>\n\nHello,\nmy order #48213 and order 55120-B never "
        "came. Call 601 234 567 or +48 22 123 45 67, or write to anna.k@wp.pl.\n\n"
        "Thanks,\nAnna Kowalska\nul. Długa 5, 00-001 Warszawa",
        "Hello, my order #[order] and order [order] never came. Call [phone] or [phone], or "
        "write to [email].",
        id="en: From header, orders, phones, e-mail, signature",
    ),
    pytest.param(
        "Dzień dobry Panie Tomku,\nnazywam się Jan Kowalski. Zamówienie nr ZAM-2024-88123 nie "
        "dotarło. Proszę o kontakt: jan.kowalski@gmail.com lub 601-234-567. Pana Kowalskiego "
        "nie ma w domu.\n\nPozdrawiam\nJan Kowalski",
        "Dzień dobry Panie [name], nazywam się [full_name]. Zamówienie nr [order] nie dotarło. "
        "Proszę o kontakt: [email] lub [phone]. Pana [name] nie ma w domu.",
        id="pl: greeting, introduction, inflected surname",
    ),
    pytest.param(
        "Здравствуйте, Мария!\nМеня зовут Петрова Анна Сергеевна, заказ № 77-1932 не пришёл. "
        "Мой телефон +7 (912) 345-67-89. Анны Петровой нет дома.\n\nС уважением,\nАнна",
        "Здравствуйте, [name]! Меня зовут [full_name], заказ № [order] не "
        "пришёл. Мой телефон [phone]. [name] [name] нет дома.",
        id="ru: greeting, full name with patronymic, inflections",
    ),
    pytest.param(
        "Do you offer gift wrapping? Thanks, Tom Smith",
        "Do you offer gift wrapping?",
        id="a sign-off and a name on the same line",
    ),
    pytest.param(
        "Hi, Kate here again. Can I buy a gift card? Thanks, Kate",
        "Hi, [full_name] here again. Can I buy a gift card?",
        id="the signed name wherever else it appears",
    ),
    pytest.param(
        "Can I buy a gift card for my mum? Kate",
        "Can I buy a gift card for my mum? [name]",
        id="a name alone after the last sentence",
    ),
    pytest.param(
        "czy sklep jest otwarty w niedzielę? pozdrawiam, jan kowalski",
        "czy sklep jest otwarty w niedzielę? pozdrawiam, [name]",
        id="a name in lower case after the closing sign-off",
    ),
    pytest.param(
        "My card 4111 1111 1111 1111 was charged twice, parcel PX1234567890PL and account "
        "PL61109010140000071219812874.",
        "My card [number] was charged twice, parcel [order] and account [number].",
        id="cards, accounts, the pack's own parcel number format",
    ),
    pytest.param(
        "I ordered on 2026-03-12 and paid 1500 PLN for 3 items, code SPRING20.",
        "I ordered on 2026-03-12 and paid 1500 PLN for 3 items, code SPRING20.",
        id="dates, amounts, quantities and short codes are kept",
    ),
]


@pytest.mark.parametrize(("email", "expected"), MASKING)
def test_every_kind_of_personal_data_is_masked(email: str, expected: str) -> None:
    assert mask_email(email, (r"\bPX\d{10}PL\b",)) == expected


def test_masking_drops_quotes_and_signatures() -> None:
    email = (
        "Where is my parcel?\n\n-- \nRuth Adams | ACME Ltd | +44 20 7946 0958\n\n"
        "On Mon, 4 Mar 2024, Shop <help@shop.example> wrote:\n> Hello Ruth, order 48213 ships."
    )
    assert mask_email(email) == "Where is my parcel?"
