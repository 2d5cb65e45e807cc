"""Which words can be a name: word classes, word forms, lower-case use (issue #14)."""

from __future__ import annotations

import pytest

from expander.email.namewords import (
    is_first_name,
    is_word_too,
    not_a_name,
    place_or_family,
    place_phrase,
    used_as_common_word,
    verb_or_adverb_form,
)


@pytest.mark.parametrize(
    "word",
    [
        # greetings, pleasantries, requests, in three languages
        "Hello", "Thanks", "Regards", "Please", "Urgent", "Sorry",
        "Witam", "Pozdrawiam", "Dziękuję", "Proszę", "Pilne",
        "Здравствуйте", "Спасибо", "Пожалуйста", "Срочно",
        # the nouns of a support e-mail
        "Order", "Date", "Zamówienie", "Faktura", "Дата", "Заказ", "Доставка",
        # nationalities and moods after "I'm"
        "Polish", "Russian", "Furious",
    ],
)  # fmt: skip
def test_words_of_a_closed_class_are_no_name(word: str) -> None:
    assert not_a_name(word)


@pytest.mark.parametrize(
    "word",
    [
        # Russian imperatives, infinitives, first and third person, adverbs, adjectives
        "Помогите", "Подскажите", "Сделайте", "Проверьте", "Отменить", "Разобраться",
        "Прошу", "Понимаю", "Показывает", "Отправили", "Важно", "Уважаемые", "Вашего",
        # Polish first person, past, infinitive, plural imperative, adverb
        "Reklamuję", "Zamówiłam", "Chciałabym", "Anulować", "Sprawdźcie", "Możecie",
        "Brakuje", "Przyszła", "Pilnie", "Serdecznie",
        # English past, -ing and adverbs, as a one-word name
        "Ordered", "Delivered", "Waiting", "Honestly", "Unfortunately",
    ],
)  # fmt: skip
def test_verb_and_adverb_forms_are_no_name(word: str) -> None:
    assert verb_or_adverb_form(word)
    assert not_a_name(word)


@pytest.mark.parametrize(
    "word",
    [
        "Anna", "Ольга", "Юрий", "Дмитрий", "Сергей", "Алексей", "Павел", "Наталья", "Вася",
        "Michał", "Paweł", "Dawid", "Ludmiła", "Kasia", "Jovanović", "Иванов", "Ткаченко",
        "Emily", "Kelly", "Beverly", "Annie", "Ernie", "Marcie", "Jeremy", "Amy", "Alfred",
        "Mildred", "Mohammed", "Rasheed", "Will", "May", "Hope", "Grace",
    ],
)  # fmt: skip
def test_names_are_not_taken_for_other_words(word: str) -> None:
    assert not not_a_name(word)


@pytest.mark.parametrize("surname", ["Harding", "Fielding", "Manning", "Sterling"])
def test_an_english_ending_rules_out_a_word_alone_not_a_surname_in_a_full_name(
    surname: str,
) -> None:
    assert not_a_name(surname)
    assert not not_a_name(surname, alone=False)


def test_an_initial_is_never_ruled_out() -> None:
    """ "A", "I", "В" are words of a closed class and initials of names."""
    assert not any(not_a_name(w) for w in ("A.", "I", "В.", "О"))


def test_a_word_the_email_writes_in_lower_case_is_a_common_word() -> None:
    text = "Дата доставки прошла, а новая дата не названа.\nДата"
    assert used_as_common_word("Дата", text)
    assert not used_as_common_word("Ольга", text)


def test_lower_case_evidence_spares_known_names_and_addresses() -> None:
    assert not used_as_common_word("Will", "I will wait.\nWill")  # a name that is a word
    assert not used_as_common_word("Vera", "Vera")
    assert not used_as_common_word("Ben", "To: ben.carter@yahoo.co.uk\nBen")
    assert not used_as_common_word("anna", "thanks\nanna")  # written in lower case itself


@pytest.mark.parametrize(
    "word",
    [
        # cities of the tables, in the three languages
        "Leeds", "Glasgow", "Kraków", "Krakow", "Łódź", "Тверь", "Самара", "Казань", "Пермь",
        # a place's ending: Russian -ск, -бург, -град, -поль; Polish -ów, -owice; English
        "Новосибирск", "Оренбург", "Зеленоград", "Ставрополь", "Rzeszów", "Mysłowice",
        "Chichester", "Weymouth",
        # a family in the plural
        "Сидоровы", "Ивановых", "Nowakowie", "Nowaków", "Kowalskich", "Kowalscy",
        # smaller towns
        "Tewkesbury", "Kołobrzeg", "Елабуга",
    ],
)  # fmt: skip
def test_a_place_or_a_family_alone_is_no_name(word: str) -> None:
    assert place_or_family(word)
    assert not_a_name(word)


@pytest.mark.parametrize(
    "word", ["Florence", "Sydney", "Victoria", "Владимир", "Anna", "Ольга", "Иванов", "Nowak"]
)
def test_a_first_name_or_a_surname_is_no_place(word: str) -> None:
    assert not place_or_family(word)


def test_a_place_or_family_ending_rules_out_a_word_alone_not_a_surname_in_a_full_name() -> None:
    assert not not_a_name("Черных", alone=False)  # "Ирина Черных"
    assert not_a_name("Черных")


@pytest.mark.parametrize(
    "word", ["Family", "Rodzina", "Семья", "Семейство", "Команда", "Brilliant", "Lovely"]
)
def test_a_collective_word_or_a_praise_is_no_name(word: str) -> None:
    assert not_a_name(word)


@pytest.mark.parametrize(
    "words", ["Milton Keynes", "Zielona Góra", "Нижний Новгород", "Санкт-Петербург"]
)
def test_a_place_of_two_words(words: str) -> None:
    assert place_phrase(words)


def test_a_persons_name_is_no_place_of_two_words() -> None:
    assert not place_phrase("Anna Kowalska")
    assert not place_phrase("Milton Friedman")


@pytest.mark.parametrize("word", ["Marisol", "Rhonda", "Gerald", "Olya", "Sergey", "Рая"])
def test_common_first_names_are_known(word: str) -> None:
    assert is_first_name(word)


@pytest.mark.parametrize("word", ["Max", "Robin", "Sally"])
def test_names_that_are_words_too_are_told(word: str) -> None:
    assert is_first_name(word) and is_word_too(word)
