"""A Polish couple signing together ("Pozdrawiamy\\nAnna i Piotr Dąbrowscy", "Ela i
Tomek Sadowscy"): a Polish reply greets the two as "Państwo", never by one first name,
so the e-mail gives no first name to greet with. English couples ("Pauline and Keith")
and Russian ones ("Ольга и Сергей") keep the first one's name: their replies greet the
one who writes. A writer who introduces herself alone in the text ("Dzień dobry, tu
Anna") is greeted by that name, whoever signs with her.
"""

from __future__ import annotations

import re

from expander.email.names import EmailParts, _body_names
from expander.email.namewords import is_first_name, is_word_too
from expander.email.signoffs import split_sign_off
from expander.textfold import fold_same_length

__all__ = ["polish_couple_signs"]

_WORD = r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)?"
# two first names joined by the Polish "i", a shared surname (or the first one's own)
# perhaps after them: "Anna i Piotr", "Anna i Piotr Dąbrowscy", "Marta Szulc i Piotr"
_COUPLE = re.compile(
    rf"(?P<first>{_WORD})(?:[ \t]+{_WORD})?[ \t]+i[ \t]+(?P<second>{_WORD})"
    rf"(?:[ \t]+{_WORD})?[ \t.!]*"
)


def _signed(line: str) -> str:
    """``line`` without a sign-off opening it ("Pozdrawiamy, Anna i Piotr")."""
    line = line.strip()
    split = split_sign_off(line)
    return (split[1] if split is not None else line).strip(" \t.!")


def _couple_names(line: str) -> tuple[str, str] | None:
    """The two first names of ``line`` when it is a couple's signature, else None."""
    m = _COUPLE.fullmatch(_signed(line))
    if m is None:
        return None
    first, second = m.group("first"), m.group("second")
    if not all(w.istitle() and is_first_name(w) and not is_word_too(w) for w in (first, second)):
        return None
    return first, second


def _closing_lines(clean: EmailParts) -> list[str]:
    """The lines a couple signs on: the last three of the text, the first four of the
    signature."""
    body = [line for line in clean.body.split("\n") if line.strip()]
    signature = [line for line in clean.signature.split("\n") if line.strip()]
    return body[-3:] + signature[:4]


def polish_couple_signs(clean: EmailParts, name: str, language: str | None) -> bool:
    """Whether ``name``, the first name found in a Polish e-mail (``language`` "pl"), is
    one of a couple signing together with "i" ("Anna i Piotr Dąbrowscy") and the text
    introduces no one of that name alone ("tu Anna", "nazywam się Anna")."""
    if language != "pl":
        return False
    key = fold_same_length(name).lower()
    lines = _closing_lines(clean)
    if any(fold_same_length(_signed(line)).lower() == key for line in lines):
        return False  # "Pozdrawiam\nAnna", then "Anna i Piotr Dąbrowscy" as the household
    for line in lines:
        couple = _couple_names(line)
        if couple is None or key not in {fold_same_length(w).lower() for w in couple}:
            continue
        introduced = {fold_same_length(n.split()[0]).lower() for n in _body_names(clean.body)}
        return key not in introduced
    return False
