"""Names given in so many words: a pasted header's display name and a contact
form's name fields (expander/email/nameforms.py), and what is no person's."""

from __future__ import annotations

import pytest

from expander import extract_fields
from expander.email.nameforms import display_name, labelled_names


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ('"DUBOIS Chloé" <c.dubois@example.com>', "Chloé Dubois"),
        ("KOWALSKI Jan <jan@example.pl>", "Jan Kowalski"),
        ("Chloe <chloe@example.com> on behalf of Bloom Studio", "Chloe"),
        ("Anna Smith via Shop Help <help@shop.example>", "Anna Smith"),
        ("Bloom Studio Ltd <hello@bloom.example>", None),
        ("Amazon Marketplace <marketplace@amazon.example>", None),
        ("ООО «Вектор» <zakupki@vektor.example>", None),
        ("Brightwave Interiors <accounts@brightwave.example>", None),
    ],
)
def test_display_name_is_a_persons_or_none(value: str, name: str | None) -> None:
    assert display_name(value) == name


@pytest.mark.parametrize(
    ("form", "names"),
    [
        ("Contact name: Harriet Vane\nOrder: 52871", ["Harriet Vane"]),
        ("Your Name*: Clara Oswald\nOrder number*: 12345", ["Clara Oswald"]),
        ("Billing name: Olu Adebayo", ["Olu Adebayo"]),
        ("Customer: Peter Wimsey", ["Peter Wimsey"]),
        ("First Name: Amy\nLast Name: Pond", ["Amy Pond"]),
        ("Imię: Zofia\nNazwisko: Nowak", ["Zofia Nowak"]),
        ("Klient: Tadeusz Nowak", ["Tadeusz Nowak"]),
        ("Osoba kontaktowa: Jolanta Mazur", ["Jolanta Mazur"]),
        ("Покупатель: Орлова Светлана", ["Орлова Светлана"]),
        ("Контактное лицо: Андрей Белов", ["Андрей Белов"]),
        ("Имя: Ксения\nФамилия: Лебедева", ["Ксения Лебедева"]),
        ("Name:\nChloé Dubois\n\nOrder number:\n58176", ["Chloé Dubois"]),
        # no person: a placeholder, a number, a team, a firm under a role's label
        ("Name: N/A", []),
        ("Customer: N/A", []),
        ("Name: Order 12345", []),
        ("Name: Customer Service", []),
        ("Klient: Meblex", []),
        ("Client: Acme Ltd", []),
    ],
)
def test_labelled_names(form: str, names: list[str]) -> None:
    assert list(labelled_names(form)) == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Name: Chloé Dubois\nOrder: 12345\nMessage: late", "Chloé"),
        ("Покупатель: Орлова Светлана\nЗаказ: 12345", "Светлана"),
        ("Reply-To: Fatima Khan <fatima.k@example.com>\nSubject: order 12345\n\nLate.", "Fatima"),
    ],
)
def test_a_form_or_header_name_fills_the_first_name(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


def test_a_firms_from_header_leaves_the_name_to_the_signature() -> None:
    text = (
        "From: Bloom Studio Ltd <hello@bloom.example>\nSubject: Order 58204\n\n"
        "Hi, we were sent 40 vases instead of 60.\n\nThanks,\nChloé"
    )
    assert extract_fields(text)["name"] == "Chloé"


def test_a_from_address_with_a_known_first_name_names_the_customer() -> None:
    text = "From: jake.peralta@gmail.example\nSubject: order 12345\n\nHi, it is late."
    fields = extract_fields(text)
    assert (fields["name"], fields["full_name"]) == ("Jake", "Jake Peralta")


@pytest.mark.parametrize(
    "address", ["sales.team@acme.example", "support.anna@shop.example", "xyz.abc@mail.example"]
)
def test_a_from_address_of_a_team_or_no_known_name_names_no_one(address: str) -> None:
    text = f"From: {address}\nSubject: order 12345\n\nHi, it is late."
    assert "name" not in extract_fields(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Twoje imię: Ola\nPytanie: kiedy dostawa?", "Ola"),
        ("Ваше ФИО: Соколова Анна\nВопрос: есть ли доставка?", "Анна"),
        ("Имя Фамилия: Дмитрий Орлов\nВопрос: сроки?", "Дмитрий"),
        ("Full Name (required): Marcus Bell\nMessage: hi", "Marcus"),
        ("Contact Name - Priya Shah\nQuery - stock?", "Priya"),
        ("Name | Jane Foster\nMessage | invoice?", "Jane"),
        ("Name\tJane Foster\nMessage\tinvoice?", "Jane"),
        ("First name: JOHN\nLast name: DOE\nMessage: where is it", "John"),
    ],
)
def test_form_labels_with_a_possessive_a_note_or_another_separator(text: str, name: str) -> None:
    assert extract_fields(text)["name"] == name


@pytest.mark.parametrize(
    "text",
    ["Name - N/A\nEmail - x@example.com", "Customer - Order 5512 missing"],
)
def test_a_dash_separated_field_with_no_name(text: str) -> None:
    assert "name" not in extract_fields(text)
