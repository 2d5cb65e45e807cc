"""A payment card's number or an IBAN the customer writes near the word "order" is
never the ``{order}`` field, nor a group of it ("4111" of "4111 1111 1111 1111"):
the reply would carry the card out by e-mail (:mod:`expander.email.payment`).

Before the fix "I paid for my order with 4111111111111111" gave that number as the
order, "my order number is 5500 0000 0000 0004" gave "5500", and "I paid for the
order with PL61109010140000071219812874." gave the IBAN. The order numbers that are
long digit strings (a 12-digit one, a 16-digit one failing the Luhn check, Amazon's
3-7-7) stay orders; so does an order written beside a card."""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.payment import hide_payment_numbers, payment_spans


def _order(text: str) -> str | None:
    return extract_fields(text).get("order")


@pytest.mark.parametrize(
    "text",
    [
        # the cases reported
        "Hi, I paid for my order with 4111111111111111 and it never came. Where is it?\n\nAnna\n",
        "the order with 4111111111111111 never came",
        "заказ 4111111111111111",
        "I paid for my order with 4111 1111 1111 1111",
        "my order number is 5500 0000 0000 0004",
        # "order number" said in so many words, a valid Visa number: a card all the same,
        # the privacy-safe loss (no order) over sending a card out in a reply
        "My order number is 4111111111111111, where is it?",
        # with hyphens, and the networks' other shapes
        "Order 4111-1111-1111-1111 has not arrived.",
        "my order # 5555 5555 5555 4444 is late",
        "Where is order 3782 822463 10005? (Amex)",
        "order 6011111111111117 never shipped",
        "order no. 3530111333300000 please check",
        "order 6200 0000 0000 0005 is missing",
        "order 2223 0031 2200 3222 is missing",
        "order 2200 1234 5678 9019 is missing",
        # Polish
        "Zapłaciłam kartą 4111 1111 1111 1111 za zamówienie i nic nie przyszło.",
        "zamówienie nr 4111-1111-1111-1111 nie doszło",
        "Numer zamówienia: 5500000000000004",
        # Russian
        "Оплатил заказ картой 5500 0000 0000 0004, где он?",
        "Номер заказа 4111 1111 1111 1111, подскажите, где посылка",
        # a Luhn-valid number of no network's shape that the words call a card
        "I paid by card 1234 5678 1234 5670 for the order, nothing came",
        "zamówienie opłacone, karta 1234567812345670",
        "order 1234567812345670 is my card number, sorry",
        "zamówienie 1234567812345670 (to numer mojej karty), co dalej?",
        "заказ 1234 5678 1234 5670 это номер моей карты",
        # the subject line
        "Subject: Order 4111 1111 1111 1111\n\nHi, where is it?\n\nTom",
    ],
)
def test_a_card_number_is_never_the_order(text: str) -> None:
    assert _order(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "I paid for the order with PL61109010140000071219812874.",
        "order PL61 1090 1014 0000 0712 1981 2874 please refund",
        "Refund for order to GB82 WEST 1234 5698 7654 32 please",
        "zamówienie: zwrot na konto DE89370400440532013000",
        "заказ, верните деньги на IBAN DE89 3704 0044 0532 0130 00",
        # a Polish account written without its "PL" is the same number
        "zamówienie 61 1090 1014 0000 0712 1981 2874",
    ],
)
def test_an_iban_is_never_the_order(text: str) -> None:
    assert _order(text) is None


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("order 55123, paid with card 4111 1111 1111 1111", "55123"),
        ("Zamówienie 55123, płaciłam kartą 4111-1111-1111-1111.", "55123"),
        ("Заказ 55123, оплатил картой 4111 1111 1111 1111.", "55123"),
        ("1234 5678 1234 5670 is my card number, order 55123", "55123"),
        ("I paid for my order with 4111111111111111. Order number 48213.", "48213"),
        ("Refund my order 48213 to PL61109010140000071219812874 please", "48213"),
    ],
)
def test_an_order_beside_a_card_or_an_iban_is_kept(text: str, order: str) -> None:
    assert _order(text) == order


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("my order 55123 is late", "55123"),
        ("Where is my order 12345678?", "12345678"),
        ("zamówienie nr 4412907 nie dotarło", "4412907"),
        ("заказ 7745120 не пришёл", "7745120"),
        ("order 123456789012 is late", "123456789012"),
        # sixteen digits, a Visa's first digit, but no Luhn check: no card
        ("order 4111111111111112 is late", "4111111111111112"),
        # sixteen digits passing the Luhn check, of no network and called no card
        ("order 1234567812345670 is late", "1234567812345670"),
        # the card words say how the order was paid, not what its number is
        ("order 1234567812345670, paid with card", "1234567812345670"),
        ("paid by card for order 1234567812345670", "1234567812345670"),
        # Amazon's order numbers, 3-7-7 digits: one in ten passes the Luhn check, and
        # this one starts as a Visa does; cards are not printed in such groups
        ("Amazon order 405-8812736-1120345 never came", "405-8812736-1120345"),
        ("my order 204-5519372-1188347 is late", "204-5519372-1188347"),
        # a code whose own letters name it an order's: the shop's number, not a card
        # (a customer writing a card adds no letters and no dash to it)
        ("order ZAM-4111111111111111 is late", "ZAM-4111111111111111"),
        ("my order ORD-5500000000000004 is late", "ORD-5500000000000004"),
        # thirteen digits with a Visa's first digit but failing the Luhn check
        ("order 4111111111111 is late", "4111111111111"),
        # a carton is no card ("karton", "картон")
        ("zamówienie w kartonie 1234567812345670 przyszło zgniecione", None),
    ],
)
def test_long_order_numbers_that_are_no_card_are_kept(text: str, order: str | None) -> None:
    assert _order(text) == order


def test_card_and_iban_spans_cover_the_whole_number() -> None:
    text = "card 4111 1111 1111 1111, IBAN PL61 1090 1014 0000 0712 1981 2874 and order 55123"
    spans = payment_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "4111 1111 1111 1111",
        "PL61 1090 1014 0000 0712 1981 2874",
    ]
    hidden = hide_payment_numbers(text)
    assert len(hidden) == len(text)
    assert "4111" not in hidden and "1090" not in hidden and "55123" in hidden


def test_a_card_inside_a_longer_run_is_found_by_its_groups() -> None:
    # a phone then a card, as the masker reads such a run
    text = "call 07700 900123 4111 1111 1111 1111"
    assert [text[a:b] for a, b in payment_spans(text)] == ["4111 1111 1111 1111"]
