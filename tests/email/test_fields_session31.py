"""Session 31: five classes of e-mail whose writer's first name or order number was
missed or wrong.

1. A Vietnamese name: the family name first (Nguyen, Trần, Lê ...), a middle name
   (Thi, Văn, Đức ...), the given name last, the one to greet with ("NGUYEN Thi Lan",
   "Nguyen Thi Lan" → Lan); in the Western order too ("Thi Lan Nguyen", "Lan Thi
   Nguyen" → Lan); none when the order cannot be told ("Thu Ha Nguyen").
2. A surname in capitals first in an introduction ("My name is KOWALSKI Jan.",
   "Nazywam się KOWALSKI Jan", "Меня зовут ИВАНОВА Мария") → Jan, Мария.
3. A product set's number ("the LEGO set 10316", "zestaw LEGO 10316", "набор 10316")
   is no order's, unless the words call it one ("my set order 10316").
4. An order code of capitals in brackets keeps its prefix ("(ZAM-88102)"); "zam. 88102"
   stays 88102.
5. A name and a note of kinship run on after the last sentence ("... у него
   температура. Лена, мама Вани Орлова") → Лена; not the person greeted.
"""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.givenname import first_name
from expander.email.introduced import introduced_name
from expander.email.kinsigned import run_on_kin_signed
from expander.email.namelines import leading_name
from expander.email.orderpick import item_line
from expander.email.vietnamesenames import (
    family_name_first,
    vietnamese_given_name,
    vietnamese_order_unclear,
)


def _name(text: str) -> str | None:
    return extract_fields(text).get("name")


def _order(text: str) -> str | None:
    return extract_fields(text).get("order")


# --- 1. Vietnamese names --------------------------------------------------------------

BODY = "Hello, my order 123456 has not arrived yet. Could you check it?\n\nBest regards,\n"


def test_the_introduction_of_the_task() -> None:
    text = "Hello,\nMy name is NGUYEN Thi Lan. My order 123456 has not arrived."
    assert extract_fields(text) == {
        "name": "Lan",
        "full_name": "Nguyen Thi Lan",
        "order": "123456",
    }


@pytest.mark.parametrize(
    ("signed", "name"),
    [
        ("NGUYEN Thi Lan", "Lan"),  # the task's signature: not "Thi"
        ("Nguyen Thi Lan", "Lan"),
        ("Nguyễn Thị Lan", "Lan"),
        ("NGUYỄN Thị Lan", "Lan"),
        ("Thi Lan Nguyen", "Lan"),  # the Western order, the middle name first
        ("Lan Thi Nguyen", "Lan"),  # the Western order as forms write it
        ("Lan Nguyen", "Lan"),
        ("Trần Văn Minh", "Minh"),
        ("TRAN Minh Duc", "Duc"),  # the surname in capitals first: kept in its order
        ("Hoang Anh Tuan", "Tuan"),  # a middle name that is no Thi or Van
        ("Dang Quang Huy", "Huy"),
        ("Nguyen Thi Thu Ha", "Ha"),  # two middle names
        ("Van Minh Tran", "Minh"),
        ("Нгуен Тхи Лан", "Лан"),
        ("Тхи Лан Нгуен", "Лан"),
    ],
)
def test_a_vietnamese_signature_greets_the_given_name(signed: str, name: str) -> None:
    assert _name(BODY + signed) == name


@pytest.mark.parametrize(
    "signed",
    [
        "Thu Ha Nguyen",  # Thu, or Ha of Thu Ha: no telling
        "Minh Duc Tran",
    ],
)
def test_a_vietnamese_name_whose_order_cannot_be_told_gives_none(signed: str) -> None:
    assert _name(BODY + signed) is None


@pytest.mark.parametrize(
    ("signed", "name"),
    [
        # look-alikes that stay as they were
        ("Anna Le Smith", "Anna"),
        ("Mei Ling Tan", "Mei Ling"),
        ("Tan Mei Ling", "Mei Ling"),
        ("Kim Park", "Kim"),
        ("John Tran", "John"),
        ("Le Anh", "Anh"),
        ("Nguyen Lan", "Lan"),
    ],
)
def test_names_that_are_no_vietnamese_name_of_three_stay(signed: str, name: str) -> None:
    assert _name(BODY + signed) == name


def test_the_vietnamese_tables() -> None:
    assert vietnamese_given_name(["Nguyen", "Thi", "Lan"]) == "Lan"
    assert vietnamese_given_name(["Thi", "Lan", "Nguyen"]) == "Lan"
    assert vietnamese_given_name(["Lan", "Thi", "Nguyen"]) == "Lan"
    assert vietnamese_given_name(["Anna", "Maria", "Nowak"]) is None
    assert vietnamese_given_name(["Nguyen", "Lan"]) is None  # two words: givenname's
    assert vietnamese_order_unclear(["Thu", "Ha", "Nguyen"])
    assert not vietnamese_order_unclear(["Thi", "Lan", "Nguyen"])
    assert not vietnamese_order_unclear(["Mary", "Ann", "Nguyen"])
    assert family_name_first("NGUYEN", "Thi Lan")
    assert not family_name_first("KOWALSKI", "Jan")
    assert not family_name_first("NGUYEN", "Lan")  # two words: "Lan Nguyen" is as good
    assert first_name("Nguyen Thi Lan") == "Lan"
    assert leading_name("NGUYEN Thi Lan") == "Nguyen Thi Lan"
    assert leading_name("SMITH John") == "John Smith"


# --- 2. a surname in capitals first in an introduction -----------------------------------


@pytest.mark.parametrize(
    ("text", "name", "full_name"),
    [
        (
            "Hello,\nMy name is KOWALSKI Jan. My order 123456 has not arrived.",
            "Jan",
            "Jan Kowalski",
        ),
        ("Dzień dobry,\nNazywam się KOWALSKI Jan. Zamówienie 123456 nie dotarło.", "Jan", None),
        ("Здравствуйте! Меня зовут ИВАНОВА Мария. Мой заказ 123456 не пришёл.", "Мария", None),
        ("Hi, I'm KOWALSKI Jan, order 123456 has not arrived.", "Jan", None),
        ("Dzień dobry, nazywam się WIŚNIEWSKA Anna Maria, zamówienie 123456.", "Anna", None),
        ("Hello, my name is Jan KOWALSKI. My order 123456 has not arrived.", "Jan", None),
    ],
)
def test_a_surname_in_capitals_first_in_an_introduction(
    text: str, name: str, full_name: str | None
) -> None:
    fields = extract_fields(text)
    assert fields.get("name") == name
    if full_name is not None:
        assert fields.get("full_name") == full_name


@pytest.mark.parametrize(
    "words",
    ["SO Happy to write", "URGENT Please help", "VERY Angry Customer", "NOT Happy with it"],
)
def test_capitals_before_no_first_name_introduce_no_one(words: str) -> None:
    assert introduced_name(words) is None


def test_the_capitals_introduction_reads_as_the_signature() -> None:
    assert introduced_name("KOWALSKI Jan. My order") == "Jan Kowalski"
    assert introduced_name("ИВАНОВА Мария. Мой заказ") == "Мария Иванова"
    assert introduced_name("NGUYEN Thi Lan. My order") == "Nguyen Thi Lan"
    assert introduced_name("ANNA Smith") is None  # a first name in capitals: no change


# --- 3. a product set's number is no order's ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hi, the LEGO set 10316 is out of stock. Can I get a notification?",
        "Subject: zestaw 10316\n\n"
        "czesc, zestaw LEGO 10316 (ten duzy z zamkiem) od tygodnia jest u was niedostepny",
        "Hi, when will set 75192 be back in stock?",
        "Hello, is the Lego Technic set no. 42115 coming back?",
        "Dzień dobry, kiedy będzie zestaw nr 10316?",
        "Здравствуйте, набор LEGO 10316 закончился, когда будет?",
        "Здравствуйте, когда будет конструктор 10316?",
        "Hi, the kit #4471 is missing a part.",
    ],
)
def test_a_set_number_is_no_order(text: str) -> None:
    assert _order(text) is None


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Hi, my set order 10316 has not arrived.", "10316"),
        ("Hi, order 10316 has not arrived.", "10316"),
        ("Dzień dobry, zamówienie 10316 nie dotarło.", "10316"),
        ("Здравствуйте, заказ 10316 не пришёл.", "10316"),
        ("Hi, I ordered the LEGO set 10316 and my order 55123 has not arrived.", "55123"),
        ("Hi, 10316 has not arrived, please check.", "10316"),  # a bare number as before
    ],
)
def test_an_order_named_so_stays(text: str, order: str) -> None:
    assert _order(text) == order


def test_the_set_word_right_before() -> None:
    assert item_line("the LEGO set 10316", 13)
    assert item_line("zestaw LEGO 10316", 12)
    assert not item_line("my set order 10316", 13)
    assert not item_line("the set up 10316", 11)


# --- 4. an order code of capitals in brackets ----------------------------------------


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Dzień dobry, zamówienie jest na mnie (ZAM-88102). Kiedy wysyłka?", "ZAM-88102"),
        ("Dzień dobry, moje zamówienie ZAM-88102 nie dotarło.", "ZAM-88102"),
        ("Dzień dobry, paczka nie dotarła (ZAM/88102).", "ZAM/88102"),
        ("Dzień dobry, ZAM-88102 nie dotarło.", "ZAM-88102"),
        ("Hi, my parcel (ORD-88102) never came.", "ORD-88102"),
        # the abbreviation of "zamówienie" stays a keyword
        ("Dzień dobry, zam. 88102 nie dotarło.", "88102"),
        ("Dzień dobry, ZAM. 88102 nie dotarło.", "88102"),
        ("Dzień dobry, zam 88102 nie dotarło.", "88102"),
        ("Dzień dobry, zam-88102 nie dotarło.", "88102"),  # lower case: no code's prefix
    ],
)
def test_a_bracketed_code_keeps_its_prefix(text: str, order: str) -> None:
    assert _order(text) == order


# --- 5. a name and a note of kinship run on after the last sentence --------------------

TRANSLIT = (
    "Marina Viktorovna, dobryy vecher! Vanya zavtra v shkolu ne pridet, u nego "
    "temperatura. Lena, mama Vani Orlova"
)
CYRILLIC = "Марина Викторовна, добрый вечер! Ваня завтра не придет. Лена, мама Вани Орлова"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (TRANSLIT, "Lena"),
        (CYRILLIC, "Лена"),
        (CYRILLIC.replace(". Лена", ".\nЛена"), "Лена"),  # on its own line, as before
        (
            "Dear Mrs Brown, Lily won't be in school tomorrow, she has a fever. Sarah, Lily's mum",
            "Sarah",
        ),
        ("Dear Mrs Brown, Lily has a fever today. Sarah, mum of Lily", "Sarah"),
        (
            "Dzień dobry, Pani Aniu! Zosia jutro nie przyjdzie, ma gorączkę. "
            "Kasia, mama Zosi Nowak",
            "Kasia",
        ),
    ],
)
def test_a_run_on_kin_note_signs(text: str, name: str) -> None:
    assert _name(text) == name


@pytest.mark.parametrize(
    "text",
    [
        # the person greeted, named again: no signer
        "Марина Викторовна, добрый вечер! Ваня завтра не придет. Марина, мама Вани Орлова",
        "Marina Viktorovna, dobryy vecher! Vanya zavtra ne pridet. Marina, mama Vani Orlova",
        # a sentence, not a note
        "Здравствуйте! Ваня завтра не придет. Лена, мама сказала что он болен",
        "Здравствуйте! Ваня завтра не придет. Лена, мама Вани просила передать привет",
        "Здравствуйте! Ваня завтра не придет. Спасибо, мама Вани Орлова",
        "Здравствуйте! Ваня завтра не придет. ЛЕНА, мама Вани",
    ],
)
def test_look_alikes_of_a_run_on_kin_note_give_none(text: str) -> None:
    assert _name(text) is None
    assert run_on_kin_signed(text) is None
