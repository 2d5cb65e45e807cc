"""A third person's full name is masked (session 31): the masker masked the names the
field finders give, which read for the customer, and kept everyone else's full name
("on behalf of my mum (Patricia Doyle)", "my husband John Smith"): 84 of tests/data's
5,298 e-mails kept one. A known first name before a capitalised word is now
``[full_name]`` wherever it stands."""

from __future__ import annotations

import pytest

from expander.email.privacy import mask_email


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (
            "Hello, I'm writing on behalf of my mum (Joan Whitaker) as she is not online.\n"
            "Thanks,\nClaire",
            "Hello, I'm writing on behalf of my mum ([full_name]) as she is not online.",
        ),
        (
            "Hi, my husband Peter Lang ordered the sofa. Where is it?\nThanks, Mia",
            "Hi, my husband [full_name] ordered the sofa. Where is it?",
        ),
        (
            "Please leave it with my neighbour Emma Wilson at number 5. Thanks, Claire",
            "Please leave it with my neighbour [full_name] at number 5.",
        ),
        (
            "Dzień dobry, paczkę odbierze moja sąsiadka Anna Nowak. Pozdrawiam, Ewa",
            "Dzień dobry, paczkę odbierze moja sąsiadka [full_name].",
        ),
        (
            "Здравствуйте, посылку заберёт сосед Иван Петров. Спасибо, Анна",
            "Здравствуйте, посылку заберёт сосед [full_name].",
        ),
        (
            "Мне звонила ваша сотрудница Ольга Сергеевна, но не перезвонила. Где заказ?",
            "Мне звонила ваша сотрудница [full_name], но не перезвонила. Где заказ?",
        ),
        # read at each word: a word before the name does not hide it
        ("Thanks Anna Lee for the call yesterday, the box came.", "Thanks [full_name] for the"),
        ("Anne-Marie Dubois will collect it.", "[full_name] will collect it."),
    ],
)
def test_a_third_persons_full_name_is_masked(text: str, masked: str) -> None:
    assert mask_email(text).startswith(masked)


@pytest.mark.parametrize(
    "kept",
    [
        "Will Tuesday work for the delivery?",  # a first name that is a word too
        "Is the May Day sale still on?",
        "I love the Rose Garden print.",
        "I bought the Harlow Corner sofa.",  # no first name
        "Anna, where is it?",  # one word: the name finders' (and not here a full name)
    ],
)
def test_capitalised_words_that_are_no_full_name_are_kept(kept: str) -> None:
    assert "[full_name]" not in mask_email(kept)
