"""The writer's own text under a forwarded message that a rule closes (session 24).

A customer forwards someone's message and writes on below it, after a rule of
dashes, underscores or "=" signs: that text is the body, its sign-off and name
the signature, as if the forwarded block were a quote. Only a rule closes the
block; the forwarded message's own "-- " signature, its footer, its text signed by
its own author, another header or a reply quote under the rule close nothing.
All e-mails are invented.
"""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.clean import clean_email

_RU = """Fwd: доставка воды в офис

Добрый день, пересылаю сообщение нашего водителя, см. ниже. Заказ делала я.

---------- Пересылаемое сообщение ----------
От: Аркадий Лунин <lunin@example.ru>
Дата: 3 марта 2026 г., 09:40
Тема: вода

Алина, привезли воду, бутылей 3 вместо 5.
---------------------------------------------

Заказ 2026-40417. Просьба довезти оставшиеся 2 бутыли до пятницы.

С уважением,
Алина Горбунова
администратор ООО «СеверТорг»
"""

_EN = """Hi there, passing on a note from our warehouse lead, see below.

Begin forwarded message:

From: Malcolm Birch <m.birch@example.com>
Date: 4 March 2026 at 10:12
Subject: chairs
To: Harriet Vale <h.vale@example.com>

Harriet, the chairs arrived but two of the six have cracked legs.
______________________________

Order 88314. Could two replacement chairs be sent out this week, please?

Kind regards,
Harriet Vale
Office Manager, Lantern Studio Ltd
"""

_PL = """Dzień dobry, przekazuję wiadomość od magazyniera, szczegóły poniżej.

-------- Wiadomość przekazana --------
Od: Zbigniew Kurek <z.kurek@example.pl>
Data: 5 marca 2026, 12:05
Temat: papier

Pani Marto, przyszło 8 ryz papieru zamiast 10, karton był rozdarty.
==========

Zamówienie 55-7120. Uprzejma prośba o dosłanie brakujących 2 ryz do piątku.

Pozdrawiam,
Marta Zielińska
Biuro Rachunkowe Saldo
"""


@pytest.mark.parametrize(
    ("text", "request_part", "name", "author"),
    [
        (_RU, "Просьба довезти оставшиеся 2 бутыли", "Алина", "Аркадий"),
        (_EN, "Could two replacement chairs be sent", "Harriet", "Malcolm"),
        (_PL, "prośba o dosłanie brakujących", "Marta", "Zbigniew"),
    ],
    ids=["ru", "en", "pl"],
)
def test_the_writers_text_under_a_closed_forward_is_the_body(
    text: str, request_part: str, name: str, author: str
) -> None:
    cleaned = clean_email(text)
    assert request_part in cleaned.body
    assert author not in cleaned.body  # the forwarded header stays quoted
    assert cleaned.signature.split("\n")[1].startswith(name)
    assert request_part not in cleaned.forwarded and cleaned.forwarded  # still kept apart
    fields = extract_fields(text)
    assert fields.get("name") == name
    assert fields.get("name") != author


_GMAIL_PL = "---------- Wiadomość przekazana dalej ---------"


def _forward(opening: str, author: str, message: str, below: str) -> str:
    """A note, a forwarded message from ``author`` opened by ``opening`` and its text,
    then ``below`` under it."""
    return (
        f"Hello, forwarding this one, see below.\n\n{opening}\nFrom: {author} "
        f"<a@example.com>\nDate: 6 March 2026 at 08:15\nSubject: parcel\n\n{message}\n{below}"
    )


_NOTE = "Hello, forwarding this one, see below."


@pytest.mark.parametrize(
    ("text", "not_name"),
    [
        # no closing rule: the bottom is the forwarded message's (today's body)
        (
            _forward(
                "Begin forwarded message:",
                "Rowan Pike",
                "The parcel for order 77120 came open.",
                "\nOrder 77120. Please send the missing lid.\n\nKind regards,\nRowan Pike",
            ),
            "Rowan",
        ),
        # a blank line closes nothing, however long the gap
        (
            _forward(
                "---------- Forwarded message ---------",
                "Rowan Pike",
                "The parcel for order 77120 came open.",
                "\n\n\n\nOrder 77120. Please send the missing lid.\n\nKind regards,\nRowan Pike",
            ),
            "Rowan",
        ),
        # the forwarded message's own signature separator "-- "
        (
            _forward(
                "Begin forwarded message:",
                "Rowan Pike",
                "The parcel for order 77120 came open.",
                "-- \nOrder 77120 is on our list. Please call us back.\n\nThanks,\nDora Quill",
            ),
            "Dora",
        ),
        # a rule followed only by the forwarded message's footer
        (
            _forward(
                "---------- Forwarded message ---------",
                "Rowan Pike",
                "The parcel for order 77120 came open.",
                "----------\nLantern Studio Ltd | 4 Mill Lane, Leeds | www.lantern.example\n"
                "Registered in England No 01234567",
            ),
            "",
        ),
        # under the rule, the forwarded message goes on and its author signs it
        (
            _forward(
                "Begin forwarded message:",
                "Rowan Pike",
                "The parcel for order 77120 came open.",
                "__________\nOrder 77120. Please send the missing lid.\n\n"
                "Kind regards,\nRowan Pike",
            ),
            "Rowan",
        ),
        # a second forwarded header under the rule
        (
            _forward(
                "Begin forwarded message:",
                "Rowan Pike",
                "The parcel for order 77120 came open.",
                "__________\nFrom: Dora Quill <d@example.com>\nDate: 5 March 2026\n"
                "Subject: lid\n\nOrder 77120. Please send the missing lid.\n\nThanks,\nDora Quill",
            ),
            "Dora",
        ),
        # a reply quote under the rule
        (
            _forward(
                "Begin forwarded message:",
                "Rowan Pike",
                "The parcel for order 77120 came open.",
                "__________\n> Order 77120. Please send the missing lid.\n>\n"
                "> Thanks,\n> Dora Quill",
            ),
            "Dora",
        ),
        # a shop's own closing under a rule in its message speaks as "we"
        (
            _forward(
                "---------- Forwarded message ---------",
                "Sklep Lantern",
                "Zamówienie 77120 zostało wysłane.",
                "----------\nPrzepraszamy za opóźnienie, nasz kurier się spóźnił.\n\n"
                "Pozdrawiam,\nKasia",
            ),
            "Kasia",
        ),
    ],
    ids=[
        "no-rule",
        "blank-lines",
        "signature-dashes",
        "footer",
        "author-signs",
        "header",
        "quote",
        "shop-we",
    ],
)
def test_nothing_but_a_rule_and_the_writers_text_closes_a_forward(text: str, not_name: str) -> None:
    cleaned = clean_email(text)
    assert cleaned.body == _NOTE
    if not_name:
        assert extract_fields(text).get("name") != not_name


@pytest.mark.parametrize(
    "opening",
    [
        "---------- Forwarded message ---------",
        "-------- Original Message --------",
        "---------- Пересылаемое сообщение ----------",
        "-------- Wiadomość przekazana --------",
        "Początek przekazywanej wiadomości:",
        "Begin forwarded message:",
        _GMAIL_PL,
    ],
)
def test_every_forward_header_is_closed_by_a_rule(opening: str) -> None:
    text = (
        f"Fwd: lids\n\n{_NOTE}\n\n{opening}\nFrom: Rowan Pike <r@example.com>\n"
        "Date: 6 March 2026\nSubject: lids\n\nThe parcel for order 77120 came open.\n"
        "-----------\n\nOrder 77120. Please send the missing lid.\n\nKind regards,\nDora Quill"
    )
    cleaned = clean_email(text)
    assert "Please send the missing lid." in cleaned.body
    assert cleaned.signature == "Kind regards,\nDora Quill"
    assert extract_fields(text).get("name") == "Dora"
