"""Classes of order numbers emails_blind7 missed or took wrong (session 12): each rule
on e-mails of its kind, in new wording, and the traps where it must give nothing
or the other number."""

from __future__ import annotations

import pytest

from tests.email.fieldcases import order_of


# 1. a code with a space or Cyrillic letters, right after the word for an order
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Hello, order KT 55120 came without the remote.", "KT 55120"),
        ("Dzień dobry, zamówienie WX 883104 nadal nie dotarło.", "WX 883104"),
        ("Здравствуйте. Заказ ПК 203311 пришёл без зарядки.", "ПК 203311"),
        ("Добрый день, по заказу 7712-ЛМ пришёл не тот цвет.", "7712-ЛМ"),
        ("Здравствуйте, заказ 30118-К не пришёл.", "30118-К"),
        # the word of the link, a currency, a carrier or an all-capitals sentence: not a prefix
        ("Hi, order NO 55120 is late.", "55120"),
        ("MY ORDER IS 55120 AND IT IS LATE", "55120"),
        ("I paid for my order PLN 1200 and got nothing", ""),
        ("My order DPD 12345678 is stuck", ""),
    ],
)
def test_order_code_with_a_space_or_cyrillic_letters(text: str, order: str) -> None:
    assert order_of(text) == order


# 2. a code opening the subject; "my parcel" and five or six digits; "nr" and four
# digits in a sentence that says what was ordered
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Subject: Re: 12-40771 nie dotarło\n\nPaczka nie przyszła.", "12-40771"),
        ("Subject: 77-30912 - wrong size\n\nThe shoes are too small.", "77-30912"),
        ("Subject: 12-2024 invoice\n\nPlease send the invoice.", ""),  # a month and a year
        ("Subject: 0800-123456 call me\n\nPlease call.", ""),  # a phone
        ("Any news about my parcel 48120? Still nothing.", "48120"),
        ("Подскажите, что с моей посылкой 770412? Жду неделю.", "770412"),
        ("Numer mojej przesyłki 20933, nadal nie ma.", ""),  # the carrier's number
        ("The tracking number of my parcel 48120 please", ""),
        ("Jaki jest status mojej paczki 20933? Numer zamówienia 55120.", "55120"),
        ("I ordered a lamp last week, no. 4417, still nothing.", "4417"),
        ("I bought two mugs on Friday, no. 6620, no e-mail since.", "6620"),
        ("Оформила заказ неделю назад, номер 6612, где он?", "6612"),
        ("zamówiłam kurtkę, ul. Mira nr 8831", ""),  # an address
        ("zamówiłam 3 sztuki nr 2024", ""),
        ("I ordered a lamp, it cost 4417 and my phone nr 4412 3345", ""),
    ],
)
def test_bare_order_in_subject_parcel_or_after_nr(text: str, order: str) -> None:
    assert order_of(text) == order


# 3. the order acted on wins over the one the customer keeps
@pytest.mark.parametrize(
    ("text", "order"),
    [
        (
            "Please cancel 61220, bought it twice - the other order is 61219, I'll keep that one.",
            "61220",
        ),
        (
            "Proszę anulować 30551, zamówiłam dwa razy; drugie zamówienie 30550 proszę zostawić.",
            "30551",
        ),
        ("Отмените, пожалуйста, 44120 — заказала дважды, другой заказ 44119 оставьте.", "44120"),
        # kept, with nothing acted on: still the order the e-mail names
        ("The other order is 61219, keep that one. Where is the refund?", "61219"),
    ],
)
def test_the_order_acted_on_wins_over_the_one_kept(text: str, order: str) -> None:
    assert order_of(text) == order


# 4. a newsletter's or a magazine's issue number is no order
@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Hi there, welcome to issue #212 of The Checkout Weekly! Unsubscribe", ""),
        ("Witamy w wydaniu #118 naszego newslettera!", ""),
        ("Выпуск № 157 нашей рассылки: новинки недели.", ""),
        # an issue with an order is still the order's
        ("I have an issue with order #48213, it is broken.", "48213"),
        ("Issue with #48213: the box was empty.", "48213"),
    ],
)
def test_an_issue_number_is_no_order(text: str, order: str) -> None:
    assert order_of(text) == order
