"""Masking personal data: addresses, phones, given names and orders, and the case
forms of Polish and Russian names."""

from __future__ import annotations

import textwrap

import pytest

from expander.email.fields import extract_fields
from expander.email.privacy import mask_contacts_and_names


def dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n")


def test_mask_every_address_and_phone() -> None:
    text = dedent(
        """
        Hi, I'm Anna Smith (anna.smith@example.com, +44 20 7946 0958).
        My husband's number is 07700 900123 and his e-mail john@example.co.uk.
        Order #48213 from 12.03.2024, 1 299,99 zł, tracking 00359007738012345678, 00-950.
        """
    )
    masked = mask_contacts_and_names(text)
    assert masked == dedent(
        """
        Hi, I'm Anna Smith ([email], [phone]).
        My husband's number is [phone] and his e-mail [email].
        Order #48213 from 12.03.2024, 1 299,99 zł, tracking 00359007738012345678, 00-950.
        """
    )


def test_mask_given_names_and_order() -> None:
    text = "Anna Smith here. Mrs Smith ordered #48213; will Anna get it? I will wait."
    fields = {"name": "Anna", "full_name": "Anna Smith", "order": "48213"}
    assert mask_contacts_and_names(text, fields) == (
        "[full_name] here. Mrs [name] ordered #[order]; will [name] get it? I will wait."
    )


def test_mask_names_in_each_language() -> None:
    fields = extract_fields("Gdzie paczka?\n\nPozdrawiam\nŁukasz Żółkiewski")
    masked = mask_contacts_and_names("Łukasz Żółkiewski, tel. 601-234-567, Łukasz.", fields)
    assert masked == "[full_name], tel. [phone], [name]."
    fields = extract_fields("Где посылка?\n\nС уважением,\nИван Петров")
    assert mask_contacts_and_names("Иван Петров: ivan@mail.ru", fields) == "[full_name]: [email]"


def test_mask_more_names_with_their_words_and_hyphen_parts() -> None:
    text = "This is Anna Nowak-Kowalska. Pani Kowalska i pani Nowak-Kowalska. Anna."
    masked = mask_contacts_and_names(text, {}, ["Anna Nowak-Kowalska"])
    assert masked == "This is [full_name]. Pani [name] i pani [name]. [name]."


def test_mask_case_forms_of_names_in_polish_and_russian() -> None:
    fields = {"name": "Jan", "full_name": "Jan Kowalski"}
    text = "Pana Kowalskiego nie ma w domu, paczkę odbierze żona Jana. Pani Kowalska też."
    assert mask_contacts_and_names(text, fields, ["Anna Kowalska"]) == (
        "Pana [name] nie ma w domu, paczkę odbierze żona [name]. Pani [name] też."
    )
    text = "Передайте Ирине Волковой, что Анны Петровой нет дома."
    assert mask_contacts_and_names(text, {}, ["Ирина Волкова", "Анна Петрова"]) == (
        "Передайте [name] [name], что [name] [name] нет дома."
    )
    assert (
        mask_contacts_and_names("Ale Ali nie ma w domu.", {}, ["Ala"])
        == "Ale [name] nie ma w domu."
    )
    # in English text a longer word is not a form of the name
    assert mask_contacts_and_names("Willy and Janet came, not Will.", {}, ["Will", "Jan"]) == (
        "Willy and Janet came, not [name]."
    )


@pytest.mark.parametrize(
    ("name", "text", "masked"),
    [
        ("Will", "I will send it back. Will you refund it? Will said so.",
         "I will send it back. Will you refund it? [name] said so."),
        ("May", "May I return it? I bought it in May.", "May I return it? I bought it in [name]."),
        ("Mark", "Mark the order as urgent, please. Mark knows.",
         "Mark the order as urgent, please. [name] knows."),
        ("Will", "Hi,\nWill you check? Thanks", "Hi,\nWill you check? Thanks"),
    ],
)  # fmt: skip
def test_a_name_that_is_a_common_word_masks_only_the_name(
    name: str, text: str, masked: str
) -> None:
    assert mask_contacts_and_names(text, {}, [name]) == masked
    assert mask_contacts_and_names(text, {"name": name}) == masked


def test_mask_leaves_text_without_personal_data_alone() -> None:
    text = "Order 48213 from 12.03.2024 cost 1 299,99 zł; parcel 00359007738012345678.\n"
    assert mask_contacts_and_names(text) == text
    assert mask_contacts_and_names(text, {}) == text
