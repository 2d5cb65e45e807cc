"""The name after a sign-off run into the last line of the text, with no mark or line
break before it, as a text dictated by voice or typed in one go ends: "... zwrot
pieniędzy na kartę pozdrawiam Marek Jabłoński", "... thanks a lot regards John Smith",
"... спасибо с уважением Иван Петров" → Marek, John, Иван.

Only a name that starts with a capitalised known first name, right after the last
sign-off phrase and ending the text: the words after a sign-off that are no name
give none ("pozdrawiam serdecznie cały zespół"). A first name alone only after a
closing (regards, pozdrawiam, с уважением), not after a thanks or a wish, which
may address the agent ("thanks Anna", "miłego dnia Anna"; a thanks and a first
name alone are :mod:`~expander.email.nameends`'s rules). Not after a sign-off that
is a word of a sentence too ("... which one is best Anna Nowak", "... with love
from Anna Nowak" on a card), nor one said on someone's behalf ("... please say
thank you Anna Nowak", "przekazać pozdrawiam ..."), nor a name the text names
elsewhere (the agent greeted at the top).

A name and a note of kinship run on after the last sentence sign so too ("... u nego
temperatura. Lena, mama Vani Orlova": :func:`~expander.email.kinsigned.run_on_kin_signed`).
"""

from __future__ import annotations

import re

from expander.email.kinsigned import run_on_kin_signed
from expander.email.namelines import name_of_line
from expander.email.namewords import is_first_name, is_word_too
from expander.email.signoffs import split_sign_off
from expander.textfold import fold_same_length

__all__ = ["run_on_signed_name"]

# Sign-offs that are words of a sentence too, or wish someone well: no signer after
# them in running text ("... which one is best Anna", "... love Rose Garden")
_AMBIGUOUS_SIGN_OFFS = frozenset(
    fold_same_length(s)
    for s in (
        "best", "love", "lots of love", "much love", "all my love", "love from", "with love",
        "peace", "peace and love", "yours", "your customer", "ваш", "ваша", "ta", "br", "kr",
        "bye", "bye for now", "hugs", "big hugs", "warmly", "blessings", "many blessings",
        "god bless", "stay blessed", "be blessed", "take care", "xoxo", "z bogiem", "с богом",
    )
)  # fmt: skip
# The closings a first name alone may follow ("... na kartę pozdrawiam Marek"): not a
# thanks ("... thanks Anna") or a wish ("... miłego dnia Anna"), said to the agent too
_CLOSING = re.compile(
    r"regards|rgds|sincerely|faithfully|truly|respectfully|pozdr|powazaniem|szacunku|"
    r"уважением|s uv|z panem bogiem"
)
# Words before a sign-off that make it something said or passed on, not a signature:
# "... please say thank you Anna Nowak", "... przekazać pozdrawiam", "... my regards"
_SAID_OR_PASSED_ON = frozenset(
    fold_same_length(w)
    for w in "to say said says saying send sends sending give pass my our his her their "
    "your the a no powiedzieć przekazać przekaż przekazuję mówię сказать передать "
    "передайте передаю говорю".split()
)
# A name's word: capitalised, hyphens and apostrophes inside ("Jabłońska-Nowak")
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*")


def run_on_signed_name(body: str) -> str | None:
    """The name signing ``body`` (the customer's text) after a sign-off run into its
    last line ("... na kartę pozdrawiam Marek Jabłoński" → Marek Jabłoński), or before
    a note of kinship run on so ("... Лена, мама Вани Орлова" → Лена), or None."""
    return _after_sign_off(body) or run_on_kin_signed(body)


def _after_sign_off(body: str) -> str | None:
    """The name after a sign-off run into ``body``'s last line, or None."""
    line = body.rstrip().rsplit("\n", 1)[-1].strip().rstrip(".!")
    words = line.split()
    for start in range(len(words) - 2, max(len(words) - 9, 2), -1):
        split = split_sign_off(" ".join(words[start:]))
        if split is None or not split[1]:
            continue
        phrase, rest = split
        if not _signs(phrase, rest, words[start - 1].strip(",.!?;:")):
            return None  # the last sign-off, with no name after it: "pozdrawiam cały zespół"
        given = rest.split()[0]  # and in another case: "Anno", "Anną" of Anna
        stem = re.escape(given[: max(3, len(given) - 1)])
        if len(re.findall(rf"(?i)(?<!\w){stem}\w{{0,2}}(?!\w)", body)) > 1:
            return None  # "Dzień dobry Pani Anno, ... dziękuję Anna Nowak": the agent
        return name_of_line(rest)
    return None


def _signs(phrase: str, rest: str, before: str) -> bool:
    """Whether ``rest``, after the sign-off ``phrase`` that follows the word
    ``before``, is a name signing: one to three capitalised words, a known first
    name first (alone only after a closing); the phrase no word of a sentence too."""
    names = rest.split()
    folded = fold_same_length(phrase)
    if folded in _AMBIGUOUS_SIGN_OFFS or fold_same_length(before) in _SAID_OR_PASSED_ON:
        return False
    if not 1 <= len(names) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in names):
        return False
    if not all(w[0].isupper() and not w.isupper() for w in names if len(w) > 1):
        return False
    if len(names) == 1 and (is_word_too(names[0]) or not _CLOSING.search(folded)):
        return False
    written = name_of_line(rest)
    return written is not None and written.split()[0] == names[0] and is_first_name(names[0])
