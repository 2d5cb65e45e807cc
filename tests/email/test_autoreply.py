"""Automatic replies (out-of-office notes) are told from customers' e-mails."""

from __future__ import annotations

import pytest

import expander
from expander.email.autoreply import is_auto_reply
from expander.suggest import suggest

AUTOMATIC = [
    # the subject's marker, pasted with its header or as the first line
    "Subject: Automatic reply: Your order has shipped\n\nThank you for your email.",
    "Out of Office: Re: order 123\n\nI am away.",
    "Temat: Odpowiedź automatyczna: Zamówienie 123\n\nDziękuję za wiadomość.",
    "Тема: Автоответ: Ваш заказ отправлен\n\nСпасибо за письмо.",
    "Автоматический ответ: Re: заказ 5521\n\nСпасибо, ваше письмо получено.",
    # no subject: away, a date or a pointer elsewhere, and the mailbox
    "Hello, I am currently on annual leave with limited access to email until 3 March.",
    "Thank you for your message. I'm out of the office until Monday 6 January with no "
    "access to email. For urgent matters please contact reception on 0161 496 0000.",
    "Dzień dobry,\njestem na urlopie do 15 stycznia i mam ograniczony dostęp do poczty. "
    "W pilnych sprawach proszę dzwonić.",
    "Здравствуйте! Я нахожусь в отпуске до 20.01, доступа к почте нет. "
    "По срочным вопросам звоните.",
    # or says so
    "This is an automated response: we have received your message.",
    "To jest automatyczna odpowiedź, prosimy na nią nie odpowiadać.",
    "Это автоматическое уведомление, отвечать на него не нужно.",
]

CUSTOMERS = [
    # away, and back, but no mailbox: a customer's own story
    "Hi, I was on holiday until Monday so the courier missed me. Where is my parcel 12345?",
    "Dzień dobry, byłam na urlopie do wczoraj i paczka wróciła do nadawcy. Co teraz?",
    "Здравствуйте, я был в отпуске до 10 числа, посылку вернули. Что делать? Срочно!",
    # the mailbox, but not away
    "Hi, I cannot access my email account to confirm the order until you reset my "
    "password, urgent please",
    # the words, but not at the start
    "My automatic reply says the order confirmation never came. Can you resend it?",
    "Where is my order? I am going to be out of the office from Friday.",
]


@pytest.mark.parametrize("text", AUTOMATIC)
def test_an_automatic_reply_is_told(text: str) -> None:
    assert is_auto_reply(text)


@pytest.mark.parametrize("text", CUSTOMERS)
def test_a_customer_e_mail_is_no_automatic_reply(text: str) -> None:
    assert not is_auto_reply(text)


def test_an_automatic_reply_gets_no_confident_suggestion() -> None:
    # with the bundled packs this note got a confident "no confirmation" reply (52.0)
    library = expander.load()
    note = (
        "Subject: Automatic reply: Your order has shipped\n\nThank you for your email. I am "
        "out of the office until Monday 6 January with no access to email. For urgent "
        "matters please contact reception on 0161 496 0000."
    )
    assert suggest(library, note) == []
    shown = suggest(library, note, 3, min_score=0)  # still shown when asked for all
    assert shown and not any(s.confident for s in shown)
    assert suggest(library, "Hi, my parcel 12345 is late. Where is it?")  # others still are
