"""Session 25b: three classes of e-mail whose writer's first name was missed or wrong.

1. A sign-off run into the last line of the text, as a text dictated by voice ends
   ("... na kartę pozdrawiam Marek Jabłoński", "... thanks a lot regards John Smith",
   "... спасибо с уважением Иван Петров"): the name after the last sign-off, when it
   starts with a capitalised known first name; words that are no name after it give
   none ("pozdrawiam serdecznie cały zespół").
2. A Polish religious title before the name ("s. Faustyna Wrona", "siostra Faustyna",
   "ks. Jan", "o. Paweł", "br. Marek"): the first name after it; "Z Panem Bogiem,"
   and "Szczęść Boże" are sign-offs, never names; "s. 12" (a page) and "o godz. 15"
   stay what they are.
3. A Chinese given name of two words beside a one-syllable family name, as Singapore,
   Malaysia and Hong Kong write it ("Mei Ling Tan", "Tan Mei Ling" → Mei Ling).
"""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.chinesenames import chinese_given_name, chinese_order_unclear
from expander.email.namelines import name_of_line, religious_title
from expander.email.runonsignoff import run_on_signed_name
from expander.email.signoffs import split_sign_off

# --- 1. a sign-off run into the last line -------------------------------------------

DICTATED_PL = (
    "Dzień dobry chciałbym anulować zamówienie numer 51903 bo żona już kupiła taki sam "
    "ekspres do kawy kropka proszę o potwierdzenie i zwrot pieniędzy na kartę pozdrawiam "
    "Marek Jabłoński"
)
PL = "Dzień dobry chciałbym anulować zamówienie numer 51903 proszę o zwrot na kartę "
EN = "Hi I would like to cancel order 51903 because my wife already bought one please refund "
RU = "Здравствуйте хочу отменить заказ 51903 жена уже купила такой же прошу вернуть деньги "


def test_the_dictated_polish_e_mail_of_the_task() -> None:
    assert extract_fields(DICTATED_PL) == {
        "name": "Marek",
        "full_name": "Marek Jabłoński",
        "order": "51903",
    }


@pytest.mark.parametrize(
    ("text", "name", "full_name"),
    [
        (EN + "to my card thanks a lot regards John Smith", "John", "John Smith"),
        (RU + "на карту спасибо с уважением Иван Петров", "Иван", "Иван Петров"),
        (PL + "z poważaniem Katarzyna Nowak", "Katarzyna", "Katarzyna Nowak"),
        (PL + "dziękuję Marek Jabłoński", "Marek", "Marek Jabłoński"),
        (EN + "thanks John Smith", "John", "John Smith"),
        (EN + "kind regards Sarah Jane Cole", "Sarah Jane", "Sarah Jane Cole"),
        (EN + "regards Dave", "Dave", "Dave"),  # a first name alone after a closing
        (RU + "с уважением Иван", "Иван", "Иван"),
        (RU + "с уважением Иван Петрович Сидоров", "Иван", "Иван Петрович Сидоров"),
        # the same end after a sentence, or under a greeting on its own line
        (
            "I would like to cancel order 51903. Please refund to my card. Thanks a lot "
            "regards John Smith",
            "John",
            "John Smith",
        ),
        ("Hello\n\n" + EN + "thanks a lot regards John Smith", "John", "John Smith"),
    ],
)
def test_a_name_after_a_sign_off_run_into_the_text(text: str, name: str, full_name: str) -> None:
    assert extract_fields(text) == {"name": name, "full_name": full_name, "order": "51903"}


@pytest.mark.parametrize(
    "text",
    [
        PL + "pozdrawiam serdecznie cały zespół",  # words that are no name
        RU + "спасибо всей команде",
        PL + "pozdrawiam marek jabłoński",  # no capital tells a name
        EN + "REGARDS JOHN SMITH",
        EN + "thanks a lot regards John Smith 07700 900123",  # not the text's end
        EN + "and I just wanted to say thank you Anna Nowak",  # a thanks passed on
        EN + "please tell me which one is best Anna Nowak",  # "best" is a word of the sentence
        EN + "please write on the card with love from Anna Nowak",  # a card's words
        EN + "regards Mark",  # a first name that is a word too, alone
        RU + "с уважением Петров Иван",  # no known first name right after the sign-off
        PL + "dziękuję Philips Sonicare",
        # the one greeted at the top is the one thanked
        "Dzień dobry Pani Anno chciałabym anulować zamówienie numer 51903 proszę o zwrot "
        "dziękuję Anna Nowak",
        "Hi Anna I would like to cancel order 51903 please refund thanks Anna Smith",
    ],
)
def test_no_name_after_a_run_on_sign_off(text: str) -> None:
    fields = extract_fields(text)
    assert fields.get("name", "") == ""
    assert fields.get("full_name", "") == ""
    assert fields["order"] == "51903"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("please refund to my card thanks a lot regards John Smith", "John Smith"),
        ("proszę o zwrot pieniędzy spasibo pozdrawiam Marek Jabłoński", "Marek Jabłoński"),
        ("please refund to my card thanks Anna", None),  # a thanks and a first name: nameends'
        ("please refund to my card regards", None),
        ("regards John Smith", None),  # no text before it
        ("please refund to my card regards Ta Nguyen", None),  # "Ta" is a sign-off too
    ],
)
def test_run_on_signed_name(body: str, name: str | None) -> None:
    assert run_on_signed_name(body) == name


def test_the_one_word_rule_for_a_thanks_is_unchanged() -> None:
    # a thanks and a known first name ending the text were nameends' rule already
    assert extract_fields(PL + "pozdrawiam Marek")["name"] == "Marek"
    assert extract_fields(RU + "спасибо Иван")["name"] == "Иван"


# --- 2. Polish religious titles -----------------------------------------------------

SISTER = """Szanowni Państwo,

nazywam się s. Faustyna Wrona i prowadzę świetlicę dla dzieci przy parafii św. Józefa \
w Radomiu. Co roku staramy się przygotować dla naszych podopiecznych (ok. 35 dzieci \
w wieku 6–14 lat) małe paczki świąteczne.

Chciałabym zapytać, czy Państwa sklep byłby skłonny przekazać w tym roku drobne upominki \
– np. słuchawki, lampki czy powerbanki z końcówek kolekcji – lub wesprzeć nas w inny \
sposób. Chętnie umieścimy podziękowanie i logo sklepu na naszej stronie.

Z Panem Bogiem,
s. Faustyna Wrona
Świetlica „Promyk”
ul. Kościelna 4, 26-600 Radom
tel. 48 360 22 10
"""
ASK = "Dzień dobry,\n\nchciałabym zapytać o zamówienie 48213 – kiedy zostanie wysłane?\n\n"


def test_the_sister_of_the_task() -> None:
    assert extract_fields(SISTER) == {
        "name": "Faustyna",
        "full_name": "Faustyna Wrona",
        "phone": "48 360 22 10",
    }


@pytest.mark.parametrize(
    ("text", "name", "full_name"),
    [
        (ASK + "Z Panem Bogiem,\nsiostra Faustyna", "Faustyna", "Faustyna"),
        (ASK + "Szczęść Boże,\nbr. Marek", "Marek", "Marek"),
        (ASK + "Szczęść Boże\nks. Jan", "Jan", "Jan"),
        (ASK + "Pozdrawiam\nks. Jan Kowalski", "Jan", "Jan Kowalski"),
        # not "Anny" of the parish's line under it
        (ASK + "Z Panem Bogiem\no. Paweł Nowak\nParafia św. Anny", "Paweł", "Paweł Nowak"),
        (ASK + "Pozdrawiam\nO. Paweł Nowak", "Paweł", "Paweł Nowak"),
        (ASK + "Pozdrawiam\nS. Faustyna Wrona", "Faustyna", "Faustyna Wrona"),
        (
            "Szczęść Boże,\n\nnazywam się siostra Faustyna i piszę w sprawie zamówienia "
            "48213. Kiedy zostanie wysłane?\n\nZ Bogiem",
            "Faustyna",
            "Faustyna",
        ),
        (
            "Szczęść Boże!\n\nJestem o. Paweł z parafii w Radomiu. Zamówienie 48213 nie "
            "dotarło.\n\nBóg zapłać",
            "Paweł",
            "Paweł",
        ),
        (
            "Dzień dobry, zamówienie 48213 nie dotarło. Proszę o informację. s. Faustyna",
            "Faustyna",
            "Faustyna",
        ),
        # "Szczęść Boże" greeting at the top; the signer under the sign-off
        (
            "Szczęść Boże!\n\nZamówienie 48213 nie dotarło, proszę o informację.\n\n"
            "Pozdrawiam\nAnna Kowalska",
            "Anna",
            "Anna Kowalska",
        ),
    ],
)
def test_a_religious_title_before_the_first_name(text: str, name: str, full_name: str) -> None:
    assert extract_fields(text) == {"name": name, "full_name": full_name, "order": "48213"}


@pytest.mark.parametrize(
    "text",
    [
        "Szczęść Boże!\n\nZamówienie 48213 nie dotarło, proszę o informację.\n\nSzczęść Boże",
        "Dzień dobry,\n\nZamówienie 48213 nie dotarło, proszę o informację.\n\nZ Panem Bogiem",
        ASK + "Pozdrawiam\nks. Kowalski",  # a priest's surname: no first name to greet
        "Dzień dobry,\n\nkurier był o godz. 15 i nikogo nie zastał. Zamówienie 48213.\n\n"
        "Pozdrawiam",
        "Dzień dobry,\n\nproszę o kontakt z s. Kowalską w sprawie zamówienia 48213.\n\nPozdrawiam",
        # a genitive after the word: someone's sister or brother, not a title
        "Dzień dobry,\n\nz tej strony siostra Anny Nowak, zamówienie 48213 nie dotarło.\n\n"
        "Dziękuję",
        "Dzień dobry,\n\nz tej strony brat Marka Nowaka, zamówienie 48213 nie dotarło.\n\nDziękuję",
    ],
)
def test_no_name_from_a_blessing_or_a_look_alike(text: str) -> None:
    fields = extract_fields(text)
    assert fields.get("name", "") == ""
    assert fields.get("full_name", "") == ""
    assert fields["order"] == "48213"


def test_a_page_is_no_title() -> None:
    text = (
        "Dzień dobry,\n\nw instrukcji na s. 12 brakuje opisu. Zamówienie 48213.\n\n"
        "Pozdrawiam\nTomasz"
    )
    assert extract_fields(text) == {"name": "Tomasz", "full_name": "Tomasz", "order": "48213"}


@pytest.mark.parametrize(
    ("word", "following", "expected"),
    [
        ("s.", "Faustyna", True),
        ("ks.", "Jan", True),
        ("o.", "Paweł", True),
        ("br.", "Marek", True),
        ("Siostra", "Faustyna", True),
        ("ksiądz", "Jan,", True),
        ("s", "Faustyna", False),  # an abbreviation only with its point
        ("o", "Pawle", False),  # the preposition
        ("s.", "12", False),  # a page
        ("o.", "Kowalski", False),  # no known first name
        ("s.", "faustyna", False),
        ("dr", "Anna", False),  # a title of another kind
    ],
)
def test_religious_title(word: str, following: str, expected: bool) -> None:
    assert religious_title(word, following) is expected


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("s. Faustyna Wrona", "Faustyna Wrona"),
        ("Siostra Faustyna Wrona", "Faustyna Wrona"),
        ("siostra Faustyna", "Faustyna"),
        ("ks. Jan", "Jan"),
        ("o. Paweł", "Paweł"),
        ("br. Marek", "Marek"),
        ("ks. Kowalski", None),  # a surname after a title, as "Dr. Patel"
        ("s. 12", None),
    ],
)
def test_name_of_line_after_a_religious_title(line: str, name: str | None) -> None:
    assert name_of_line(line) == name


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("Z Panem Bogiem,", "Z Panem Bogiem"),
        ("Szczęść Boże!", "Szczęść Boże"),
        ("Bóg zapłać", "Bóg zapłać"),
        ("Храни вас Господь,", "Храни вас Господь"),
    ],
)
def test_a_blessing_is_a_sign_off(line: str, phrase: str) -> None:
    assert split_sign_off(line) == (phrase, "")


# --- 3. a Chinese given name of two words -------------------------------------------

SINGAPORE = """Hello,

I'm trying to order a coffee machine to be delivered to my parents in Norwich as a \
Christmas surprise, but I live in Singapore and my card keeps getting rejected at the last \
step. I get the message "Payment could not be authorised" after the 3D Secure screen. My \
bank says they haven't blocked anything. Is there a problem with foreign cards? What else \
can I try?

Thank you,
Mei Ling Tan
"""
LATE = "Hello,\n\nMy order 51903 has not arrived yet. Could you check please?\n\n"


def test_the_singapore_e_mail_of_the_task() -> None:
    assert extract_fields(SINGAPORE) == {"name": "Mei Ling", "full_name": "Mei Ling Tan"}


@pytest.mark.parametrize(
    ("signed", "name", "full_name"),
    [
        ("Thank you,\nWei Ming Lim", "Wei Ming", "Wei Ming Lim"),
        ("Thanks\nSiew Ling Ng", "Siew Ling", "Siew Ling Ng"),
        ("Thanks\nXiao Hui Chen", "Xiao Hui", "Xiao Hui Chen"),
        ("Regards,\nTan Mei Ling", "Mei Ling", "Tan Mei Ling"),
        ("Thank you,\nTAN Wei Ming", "Wei Ming", "Wei Ming Tan"),  # the surname in capitals
        ("Thanks\nKok Wai Lee", "Kok Wai", "Kok Wai Lee"),
        ("Thanks\nLin Mei Ling", "Mei Ling", "Lin Mei Ling"),
        # left as they were
        ("Thanks\nAnna Mae Lee", "Anna", "Anna Mae Lee"),
        ("Thanks\nMary Ann Wong", "Mary Ann", "Mary Ann Wong"),
        ("Thanks\nJun Li", "Jun", "Jun Li"),
        ("Thanks\nLi Wang", "Li", "Li Wang"),
        ("Thanks\nMei-Ling Tan", "Mei-Ling", "Mei-Ling Tan"),
        ("Thanks\nMichelle Tan Mei Ling", "Michelle", "Michelle Tan Mei Ling"),
        ("Thanks\nJohn Lee Tan", "John", "John Lee Tan"),
        ("Thanks\nNguyen Thi Lan", "Lan", "Nguyen Thi Lan"),
    ],
)
def test_a_chinese_given_name_of_two_words(signed: str, name: str, full_name: str) -> None:
    assert extract_fields(LATE + signed) == {
        "name": name,
        "full_name": full_name,
        "order": "51903",
    }


def test_a_chinese_name_in_a_header_or_an_introduction() -> None:
    header = "From: Siew Ling Ng <siewling.ng@gmail.com>\n\n" + LATE + "Thanks"
    assert extract_fields(header)["name"] == "Siew Ling"
    intro = "Hi, my name is Xiao Hui Chen and my order 51903 has not arrived yet.\n\nThanks"
    assert extract_fields(intro) == {
        "name": "Xiao Hui",
        "full_name": "Xiao Hui Chen",
        "order": "51903",
    }


def test_both_orders_fit_no_name() -> None:
    # Li Wei of the Lin family, or Wei Lin of the Li family: none rather than a family name
    assert extract_fields(LATE + "Thanks\nLi Wei Lin") == {
        "full_name": "Li Wei Lin",
        "order": "51903",
    }


@pytest.mark.parametrize(
    ("words", "given", "unclear"),
    [
        ("Mei Ling Tan", "Mei Ling", False),
        ("Tan Mei Ling", "Mei Ling", False),
        ("Wei Ming Lim", "Wei Ming", False),
        ("Li Wei Lin", None, True),
        ("Anna Mae Lee", None, False),
        ("Ho Chi Minh", None, False),
        ("Tan Ah Kow", None, False),
        ("Jun Li", None, False),
        ("mei ling tan", None, False),
    ],
)
def test_chinese_given_name(words: str, given: str | None, unclear: bool) -> None:
    assert chinese_given_name(words.split()) == given
    assert chinese_order_unclear(words.split()) is unclear
