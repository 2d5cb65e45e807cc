"""A payment card's expiry date, for the masker (:mod:`expander.email.privacy`):
with the card's number (or its last digits) and security code it is what pays,
so it is masked when the words name it ("exp 09/27", "expiry 09/2027", "valid
thru 09/27", "ważna do 09/27", "data ważności 09/27", "срок действия 09/27") or it
follows a card ("[card] 09/27", "my card ... until 09/27", "карта ... до 09/27").
Other dates are kept: a delivery "on 09/27", "12.05.2024", "do 15.03", a
voucher "ważny do 10.12".

A month and a year only (01 to 12, "/", and two or four digits), never a full date.
"""

from __future__ import annotations

import re

__all__ = ["card_expiry_spans"]

# (with "/" only: "10.12" and "10-12" are a day and a month as often: "ważny do 10.12")
_MONTH_YEAR = r"(?P<v>(?:0?[1-9]|1[0-2])[ \t]?/[ \t]?(?:\d{2}|20\d{2}))(?![\w\]]|[/.\-]\d)"
_EXPIRY_WORDS = (
    r"exp(?:iry|ires|ired|iration)?(?:[ \t]+date)?\.?|valid[ \t]+(?:thru|through|until|till|to)"
    r"|good[ \t]+thru|ważna[ \t]+do|data[ \t]+ważności|termin[ \t]+ważności"
    r"|срок[ \t]+действия|действительн[аы][ \t]+до|годн[аы][ \t]+до"
)
# "exp 09/27", "expiry date: 09/2027", "data ważności: 09/27", "срок действия до 09/27"
_NAMED = re.compile(
    rf"(?<!\w)(?i:{_EXPIRY_WORDS})(?:[ \t]*(?:[:=–-]|(?i:is|do|до|to)(?!\w)))*[ \t]*{_MONTH_YEAR}"
)
# "[card] 09/27", "[card] (09/27)", "karta [card] do 09/27", "my card ending 1234 until 09/27",
# "карта Visa до 09/27": after a card, its label or a card word, within three words
_CARD = r"\[card\]|(?i:cards?|kart[aęyą]|карт[аеуыой]|картой)(?!\w)"
_AFTER_CARD = re.compile(
    rf"(?:{_CARD})(?:[ \t]+[^\s.!?]+){{0,3}}?[ \t]*[,;(]?[ \t]*"
    rf"(?i:do|до|until|till|thru)[ \t]*:?[ \t]*{_MONTH_YEAR}"
)
_AFTER_CARD_LABEL = re.compile(rf"\[card\][ \t]*[,;(]?[ \t]*{_MONTH_YEAR}")


def card_expiry_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the card expiry dates in ``text`` (the month and year only)."""
    spans = [m.span("v") for m in _NAMED.finditer(text)]
    spans += [m.span("v") for m in _AFTER_CARD.finditer(text)]
    spans += [m.span("v") for m in _AFTER_CARD_LABEL.finditer(text)]
    return spans
