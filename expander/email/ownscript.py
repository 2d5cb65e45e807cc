"""The customer's name in the e-mail's own script.

A Russian e-mail whose writer introduces themselves in Cyrillic ("меня зовут Мишель
Дюбуа", "Меня зовут Джон") and signs in Latin letters ("Michelle Dubois", "John
Miller") names one person twice: the reply, written in Russian, greets them as the
e-mail writes them in its own script (Мишель, Джон).
"""

from __future__ import annotations

import re

from expander.email.namevariants import may_read_as
from expander.email.namewords import not_a_name

__all__ = ["own_script_name"]

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# the writer introducing themselves: "меня зовут Мишель Дюбуа", "моё имя Джон"
_INTRODUCED = re.compile(
    r"(?i:меня\s+зовут|м[оё]е\s+имя)[ \t]*[-—:]?[ \t]*"
    r"(?P<name>[А-ЯЁ][а-яё'-]+(?:[ \t]+[А-ЯЁ][а-яё'-]+)?)"
)


def own_script_name(body: str, full_name: str) -> str | None:
    """The first name a Russian ``body`` introduces its writer with, when
    ``full_name`` (the name found, in Latin letters) is the same person's: each of
    the introduction's words may be read as the signed name's word in its place
    ("Мишель Дюбуа" of "Michelle Dubois", "Джон" of "John Miller"); else None."""
    signed = full_name.split()
    if not signed or _CYRILLIC.search(full_name) or not _CYRILLIC.search(body):
        return None
    for m in _INTRODUCED.finditer(body):
        words = m.group("name").split()
        if len(words) == 2 and not_a_name(words[1], alone=False):
            words = words[:1]  # "меня зовут Джон Я заказывал": one name
        if len(words) <= len(signed) and all(
            may_read_as(w, s, whole=i == 0)
            for i, (w, s) in enumerate(zip(words, signed, strict=False))
        ):
            return words[0]
    return None
