"""Classes of names and order numbers emails_blind9 missed or took wrong (session 13):
each rule on e-mails of its kind, in new wording, and the traps where it must give
nothing or the other value."""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.clean import clean_email
from tests.email.fieldcases import name_of, order_of


# 1. a bare number asked about after a preposition, in a question whose words for the
# order or the parcel come before an abbreviation's point ("tracking no. for ...?")
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("hiya, any tracking no. for 48831? nothing has come yet. Mo", "48831"),
        ("Could you send me the parcel ref. for 70452? I'm away Friday.", "70452"),
        ("dzień dobry, jaki jest nr. przesyłki dla 55231? pozdrawiam", "55231"),
        # a phone, a date or a postcode and its town after "for": no order
        ("hi, is there a tracking no. for 07700 900123? call me", ""),
        ("Any tracking no. for 12.03.2026? it was paid then", ""),
        ("Is there a delivery no. for 10115 Berlin?", ""),
    ],
)
def test_number_asked_about_after_an_abbreviation(text: str, order: str) -> None:
    assert order_of(text) == order


# 2. "nr"/"number" and a bare number: a payment or an account named in an earlier
# sentence does not name it; a payment named as the time it was shown does not either
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("zaplacilam za zamowienie ale platnosc wisi w koncie. nr 48120. co dalej?", "48120"),
        ("The payment failed twice on my account. No. 61733, please check it.", "61733"),
        ("Złożyłem zamówienie. Po płatności pokazał się numer 77310, a maila brak.", "77310"),
        ("After payment the page showed number 55710 but no e-mail came.", "55710"),
        ("Оформил заказ. После платежа высветился номер 20931, а письма нет.", "20931"),
        # still a payment's or an account's number in its own sentence, or one with no
        # word for it right after the sentence that names it
        ("Please refund to my bank account. 12345678 is its number.", ""),
        ("Zamówienie opłacone, numer płatności 88213, proszę sprawdzić.", ""),
        ("My payment no. 44821 failed, can you check?", ""),
        ("Заказ не пришёл, номер счёта 40817 указан верно?", ""),
    ],
)
def test_number_after_nr_not_named_by_an_earlier_sentence(text: str, order: str) -> None:
    assert order_of(text) == order


# 3. a number inside a link is no order's
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Your mailbox will be closed. Confirm here: https://secure-box.top/verify?id=55120", ""),
        ("Kliknij www.sklep-przyklad.pl/potwierdz/44120 aby potwierdzić konto.", ""),
        ("Подтвердите по ссылке hxxp://login-check.top/confirm?id=77213 в течение суток.", ""),
        # the order named in the text is still taken, the link's number is not
        ("Order 48213: the link https://shop.example/r?id=99120 does not open.", "48213"),
        ("The link shop.example/t/99120 is dead, where is my order? 48213 was paid.", "48213"),
    ],
)
def test_number_in_a_link_is_no_order(text: str, order: str) -> None:
    assert order_of(text) == order


# 10. the buyer's own purchase-order number is not the shop's order; "your ref." in a
# sentence about the order is the shop's reference for it
@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            "We placed an order (your ref. AB-40917; our purchase order 4500-7788) last week.",
            "AB-40917",
        ),
        (
            "Our internal purchase order no. 2026-118 covers order 58814, still not delivered.",
            "58814",
        ),
        ("Nasze zamówienie wewnętrzne nr ZW-2026-14, wasze zamówienie 66120 nie dotarło.", "66120"),
        # the buyer's number alone: no order
        ("Please find our purchase order PO-5521 attached for the invoice.", ""),
        # "your ref." with no order in the sentence stays a reference, not the order
        ("Thanks for the call. Your ref. CS-40112 for the complaint.", ""),
    ],
)
def test_purchase_order_is_the_buyers_own(text: str, order: str) -> None:
    assert order_of(text) == order


# 5. an East Asian name, surname first, with a given name of two syllables and a hyphen
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hello, two cups were missing from order 30114.\n\nThank you,\nKim Min-jun", "Min-jun"),
        ("Hi, the lid is cracked.\n\nBest regards,\nChen Mei-ling", "Mei-ling"),
        ("Hello, where is order 44120?\n\nThanks,\nSoo-ah Choi", "Soo-ah"),
        # parts both capitalised beside a name that is no East Asian surname: as before
        ("Hello, where is order 44120?\n\nRegards,\nAnne-Marie Dubois", "Anne-Marie"),
        # a hyphenated word that is no name stays no name
        ("Hi, is order 44120 ready?\n\nThanks,\nCheck-in Desk", ""),
    ],
)
def test_east_asian_given_name_with_a_hyphen(text: str, name: str) -> None:
    assert name_of(text) == name


# 6. a first name that is a common word as well, after a sign-off ending the one line
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Hi, the blue kettle from order 55120 leaks. Can I swap it? Thank you, Precious",
            "Precious",
        ),
        ("Hello, is the green coat back in stock? Thanks, Mercy", "Mercy"),
        (
            "Hello, I got the wrong size in order 48213, can I exchange it? Regards, Blessing",
            "Blessing",
        ),
        # the word in lower case inside a sentence is no name
        ("Thanks for your patience with order 55120, it came today.", ""),
    ],
)
def test_name_that_is_a_word_after_an_inline_sign_off(text: str, name: str) -> None:
    assert name_of(text) == name


# 7. a Russian claim headed "от" and the sender in the genitive, signed with initials:
# the first name in the nominative, with its "ё"
@pytest.mark.parametrize(
    ("header", "signed", "name"),
    [
        ("от Сидорова Петра Ивановича,", "Сидоров П. И.", "Пётр"),
        ("от Кузнецова Семена Олеговича", "Кузнецов С. О.", "Семён"),
        ("от Орлова Федора Николаевича,", "Орлов Ф. Н.", "Фёдор"),
        ("от Белова Льва Андреевича,", "Белов Л. А.", "Лев"),
        ("от Зайцевой Алены Игоревны,", "Зайцева А. И.", "Алёна"),
        # another initial under the claim: the header's name is not taken for it
        ("от Сидорова Петра Ивановича,", "Сидоров И. П.", ""),
    ],
)
def test_genitive_claim_header_gives_the_nominative(header: str, signed: str, name: str) -> None:
    text = (
        f"В ООО «Ромашка»\n{header}\nпроживающего по адресу: г. Тверь, ул. Мира, д. 5\n\n"
        "ПРЕТЕНЗИЯ\n\nЗаказ № РМ-004417 не доставлен в срок. Прошу вернуть деньги.\n\n"
        f"01.12.2026\n{signed}"
    )
    assert name_of(text) == name


# 8. a known first name opening the last line, a comma, who the signer is and a remark
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Добрый день, заказ 44120 не пришёл.\nОльга, пенсионерка, на всякий случай :)", "Ольга"),
        ("Dzień dobry, paczka 44120 nie doszła.\nKasia, emerytka, gdyby to było ważne", "Kasia"),
        ("Hello, my order 44120 has not come yet.\nPriya, student, in case it matters)", "Priya"),
        ("Добрый день, заказ 44120 не пришёл, трек не обновляется.\nОльга, мама Лизы", "Ольга"),
        # the agent addressed, a question, a service: no signer
        ("Hello, the order 44120 is late.\nAnna, can you check it?", ""),
        ("Hi, the parcel 44120 never came.\nTom, the customer service was useless", ""),
        ("Hi, the parcel 44120 never came.\nTom, customer service said to wait, why?", ""),
        ("Здравствуйте, Олег! Заказ 44120 не пришёл.\nОлег, клиент ждёт уже неделю", ""),
    ],
)
def test_name_then_who_the_signer_is(text: str, name: str) -> None:
    assert name_of(text) == name


# 9. a first name of two letters alone on the last line, only a known one
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Здравствуйте, отменил заказ Б-2291, деньги не вернулись. Когда ждать?\nЯн", "Ян"),
        ("Добрый день, где мой заказ 44120? Уже неделя прошла.\nИя", "Ия"),
        ("Hi, where is my order 44120? It's been a week.\nAl", "Al"),
        # two letters that are no known name: no name
        ("Hi, where is my order 44120? It's been a week.\nOk", ""),
        ("Добрый день, где мой заказ 44120? Уже неделя прошла.\nДа", ""),
    ],
)
def test_two_letter_name_alone_on_the_last_line(text: str, name: str) -> None:
    assert name_of(text) == name


# 4. the customer's own text and sign-off under a forwarded message that a closing line
# ends ("----- End forwarded message -----", a rule of dashes under a dash-framed forward)
def _forward(intro: str, opening: str, header: tuple[str, str, str], text: str, rest: str) -> str:
    """An e-mail forwarding a message: the intro, the opening line, a header block of
    From, To and Subject (labelled in the message's language), its text and the rest."""
    labels = ("Od", "Do", "Temat") if "Od" in header[0][:3] else ("From", "To", "Subject")
    if header[0][:3] == "От:":
        labels = ("От", "Кому", "Тема")
    sender, to, subject = (h.split(": ", 1)[-1] for h in header)
    block = "\n".join(f"{k}: {v}" for k, v in zip(labels, (sender, to, subject), strict=True))
    return f"{intro}\n\n{opening}\n{block}\nDate: 30.11.2026 08:10\n\n{text}\n\n{rest}"


_FORWARD_CLOSED = [
    (
        _forward(
            "Hi, my son ordered this but asked me to sort it out.",
            "---------- Forwarded message ---------",
            ("From: Tom Reid <tom.r@example.com>", "To: Gareth Reid <g.reid@example.com>", "lamp"),
            "Dad can you email them, order LM-40917, the lamp shade is cracked.",
            "----- End forwarded message -----\n\nSo that's it. We'd like a new shade rather "
            "than a refund, if you have one.\n\nCheers,\nGareth",
        ),
        "Gareth",
    ),
    (
        _forward(
            "Dzień dobry, przesyłam wiadomość od żony.",
            "---------- Wiadomość przekazana dalej ---------",
            ("Od: Anna Wrona <anna.w@example.com>", "Do: Piotr Wrona <p.w@example.com>", "kurtka"),
            "Piotrek napisz do nich, zamówienie 55120, kurtka ma dziurę.",
            "----------\n\nJak wyżej. Mamy zdjęcia, możemy je przesłać. Proszę o wymianę."
            "\n\nPozdrawiam,\nPiotr",
        ),
        "Piotr",
    ),
    (
        _forward(
            "Добрый день, пересылаю письмо жены.",
            "-------- Пересылаемое сообщение --------",
            ("От: Ирина Белова <irina.b@example.ru>", "Кому: Денис <d.b@example.ru>", "чайник"),
            "Денис, напиши им, заказ 66120, чайник течёт.",
            "-------- Конец пересылаемого сообщения --------\n\nВот так. Мы хотим замену, "
            "а не возврат денег.\n\nС уважением,\nДенис",
        ),
        "Денис",
    ),
]


@pytest.mark.parametrize(("text", "name"), _FORWARD_CLOSED)
def test_sign_off_under_a_closed_forward(text: str, name: str) -> None:
    fields = extract_fields(text)
    assert fields.get("name") == name
    assert fields.get("order")  # the forwarded message's order is still read


def test_closed_forward_keeps_the_forwarded_text_apart() -> None:
    cleaned = clean_email(_FORWARD_CLOSED[0][0])
    assert "order LM-40917" in cleaned.forwarded
    assert "new shade" not in cleaned.forwarded and "new shade" in cleaned.body


_GMAIL = "---------- Forwarded message ---------"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # no closing line: the sign-off at the bottom is the forwarded sender's
        (
            _forward(
                "Hi, see below from my wife.",
                _GMAIL,
                ("From: Niamh Walsh <n.w@example.com>", "To: Ciaran <c.w@example.com>", "vase"),
                "Can you email them, order 40917, the vase is smashed.",
                "Thanks,\nNiamh",
            ),
            "",
        ),
        # a rule inside the forwarded message, over its sender's signature
        (
            _forward(
                "Hi, forwarding the note.",
                _GMAIL,
                ("From: Dana Cole <dana.c@example.com>", "To: Sam <s.cole@example.com>", "vase"),
                "The vase from order 40917 is smashed, please deal with it.",
                "----------\nDana Cole\nCole Interiors Ltd\n",
            ),
            "",
        ),
        # a rule over a shop's footer, signed by no person: not the name under its footer
        (
            _forward(
                "Fyi.",
                _GMAIL,
                ("From: Bramble Shop <hi@bramble.example>", "To: Kim Lowe <k@example.com>", "sent"),
                "Your order 40917 has shipped.",
                "----------\nYou get this e-mail because you shopped with us.\nTeam Bramble\nFlora",
            ),
            "",
        ),
    ],
)
def test_no_name_from_under_an_unclosed_forward(text: str, name: str) -> None:
    fields = extract_fields(text)
    assert fields.get("name", "") == name
    assert fields.get("order") == "40917"
