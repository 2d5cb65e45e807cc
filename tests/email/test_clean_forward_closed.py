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


# Second review: a rule inside the forwarded message is its own when the writer signed
# above the forward's header, or when the text under it is a shop's to its customer.

_SHOP_FOOTER = (
    "\n\nFrom: Lantern Home <orders@lantern.example>\nSubject: Delivered: order {order}\n"
    "Date: 4 March 2026 at 11:20\nTo: Nora Finch <nora@example.com>\n\n"
    "Hi Nora,\nYour order {order} has been delivered.\n\n"
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # signed above "Begin forwarded message:", the shop's footer under its rule
        (
            "Hi, this is the e-mail I got, but nothing came.\nThanks\nNora\n\n"
            "Begin forwarded message:"
            + _SHOP_FOOTER.format(order="71201")
            + "______________________________\nIf you have any questions, just reply to this "
            "email.\nKind regards,\nSophie\nLantern Home",
            "Nora",
        ),
        # the name alone above a Gmail forward
        (
            "Never got this parcel.\nNora\n\n---------- Forwarded message ---------"
            + _SHOP_FOOTER.format(order="71202")
            + "-----\nAny questions? Just reply to this email.\nKind regards,\nSophie\n"
            "Lantern Home",
            "Nora",
        ),
        # the agent's sentence and sign-off under the rule, over her team's line
        (
            "Still no refund, see below.\n\nNora\n\nBegin forwarded message:"
            + _SHOP_FOOTER.format(order="71203")
            + "----------\nI have passed order 71203 to our finance team, the refund should "
            "show within 5 working days.\nKind regards,\nMegan\nCustomer Care",
            "Nora",
        ),
        # a friend's first-person text under a rule in her own message
        (
            "Hi, my friend got the gift I sent her, look! Order 71204.\nThanks,\nNora\n\n"
            "---------- Forwarded message ---------\nFrom: Jenny Lowe <jenny@example.com>\n"
            "Date: 7 March 2026 at 18:44\nSubject: your present!\n\n"
            "Hi Nora, the parcel arrived but the vase was broken :(\n\n-----\n"
            "I've attached photos of the box.\nLove,\nJenny",
            "Nora",
        ),
        (
            "Dzień dobry, nadal brak zwrotu, poniżej odpowiedź.\nPozdrawiam\nMagda\n\n"
            "---------- Wiadomość przekazana ---------\nOd: Sklep Lniany <sklep@lniany.example>\n"
            "Data: 3 marca 2026 o 10:14\nTemat: Zwrot 71205\n\nDzień dobry,\n\n-----\n"
            "Zwrot za zamówienie 71205 został zlecony.\nPozdrawiam\nJustyna\nObsługa klienta",
            "Magda",
        ),
        (
            "Здравствуйте, так и не вернули деньги, ответ ниже.\nС уважением,\nОльга\n\n"
            "---------- Пересылаемое сообщение ----------\nОт: Магазин Уют <shop@uyut.example>\n"
            "Дата: 3 марта 2026 г., 10:14\nТема: Возврат 71206\n\nЗдравствуйте!\n\n-----\n"
            "Возврат по заказу 71206 оформлен.\nС уважением,\nМарина\nСлужба поддержки",
            "Ольга",
        ),
    ],
    ids=["begin-footer", "gmail-name-alone", "agent-team", "friend", "pl-agent", "ru-agent"],
)
def test_a_writer_who_signed_above_the_forward_keeps_her_name(text: str, name: str) -> None:
    cleaned = clean_email(text)
    assert name in cleaned.body + cleaned.signature
    assert extract_fields(text).get("name") == name


@pytest.mark.parametrize(
    ("below", "agent"),
    [
        (
            "-----\nAny questions? Just reply to this email.\nKind regards,\nSophie\nLantern Home",
            "Sophie",
        ),
        (
            "----------\nThe refund for order 71210 has been processed.\nKind regards,\n"
            "Megan\nCustomer Care",
            "Megan",
        ),
        (
            "----------\nPrzelew do zamówienia 71211 wróci w ciągu 5 dni.\nPozdrawiam\n"
            "Justyna\nObsługa klienta",
            "Justyna",
        ),
        (
            "----------\nЕсли у вас есть вопросы, пишите.\nС уважением,\nМарина\nМагазин Уют",
            "Марина",
        ),
        (
            "----------\nDeliveries of order 71213 go out on Mondays.\nKind regards,\n"
            "Megan\nSupport Team",
            "Megan",
        ),
    ],
    ids=["reply-to-this", "team-line", "pl-team-line", "ru-questions", "support-team"],
)
def test_a_shops_text_under_a_rule_stays_forwarded(below: str, agent: str) -> None:
    # the writer did not sign above, yet the text under the rule is the shop's
    text = (
        f"{_NOTE}\n\n---------- Forwarded message ---------\nFrom: Lantern Home "
        "<orders@lantern.example>\nDate: 6 March 2026 at 08:15\nSubject: order\n\n"
        f"Your order is on its way.\n{below}"
    )
    assert clean_email(text).body == _NOTE
    assert extract_fields(text).get("name") != agent


def test_a_writers_role_under_her_own_name_closes_the_forward() -> None:
    # she did not sign above; her job's line under her name is her own
    text = (
        "Здравствуйте, пересылаю письмо от нашего завхоза, см. ниже. Заказ оформляла я.\n\n"
        "---------- Пересылаемое сообщение ----------\nОт: Николай Рябов <n@example.ru>\n"
        "Дата: 3 марта 2026 г., 09:40\nТема: стулья\n\nЕвгения, привезли 8 стульев из 10.\n"
        "-------------------------\n\nЗаказ 2026-11873. Прошу довезти недостающие 2 стула "
        "до пятницы.\n\n"
        "С уважением,\nЕвгения Миронова\nофис-менеджер ООО «ТехЛайн»"
    )
    assert "Прошу довезти" in clean_email(text).body
    assert extract_fields(text).get("name") == "Евгения"
