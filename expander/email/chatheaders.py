"""The customer's name from the speaker lines of a pasted chat or marketplace
conversation: a line over each message that names who wrote it and when
("Erin M. - 11 Feb", "Покупатель Дмитрий К., 11 февраля, 22:14", "Kupująca Anna W.
· 11.02, 14:22", "Buyer Erin - 11 Feb").

A speaker line gives a name when it has the customer's role word (Buyer, Customer,
Kupujący, Klientka, Покупатель, ...) before the name, or, without one, a first
name with a surname's initial; never a seller's or an agent's line ("Продавец,
12 февраля", "Seller Anna - 12 Feb", "LunaKnitsStudio - 12 Feb"). Two customers
named give none: the lines are not one customer's.
"""

from __future__ import annotations

import re

from expander.email.namelines import name_of_line, shop_role
from expander.email.namewords import is_first_name, is_word_too
from expander.textfold import fold_same_length

_CUSTOMER_ROLE = (
    r"buyer|customer|client|kupuj[aą]c[ya]|klient(?:ka)?|"
    r"покупатель|покупательница|клиент(?:ка)?|pokupatel"
)
_SHOP_SIDE_ROLE = re.compile(
    r"(?i)^[ \t]*(?:seller|shop|store|support|agent|sprzedawca|sprzedaj[aą]c[ya]|sklep|"
    r"obs[lł]uga|konsultant(?:ka)?|продавец|магазин|поддержка|оператор|консультант|менеджер)\b"
)
# The speaker's own line in the customer's paste ("Me - 10:43", "You · 11 Feb", "Ja - 10:43",
# "Я, 12 февраля"): the other party's lines are then the shop's, whatever their names
_SELF_SPEAKER = re.compile(
    r"(?i)^[ \t]*(?:me|you|i|ja|я|вы)[ \t]*(?:[-–—·|,:][ \t]*|[ \t]\()[^\n]{0,25}\d[^\n]{0,25}$"
)
# What the shop's side says in a chat, under its speaker line: "how can I help", "thank
# you for waiting", "your order is ...", "w czym mogę pomóc", "чем могу помочь"
_SHOP_SAYS = re.compile(
    r"(?i)how (?:can|may) (?:i|we) help|thanks? (?:you )?for (?:contacting|reaching|waiting|"
    r"your (?:patience|message|order|purchase))|\b(?:i'll|i will|let me|we'll) (?:check|look)|"
    r"\byour (?:order|parcel|package|item|bouquet)s? (?:is|are|has|have|was|will)\b|"
    r"w czym (?:mog[eę]|mo[zż]emy) pom|dzi[eę]kujemy za|sprawdz(?:[eę]|imy)\b|"
    r"(?:pana|pani|pa[nń]stwa) (?:zam[oó]wienie|paczka)|"
    r"чем (?:могу|можем) помочь|спасибо за (?:обращение|ожидание)|\bваш заказ\b|провер(?:ю|им)\b"
)
# A date or a time after the speaker: "11 Feb", "11.02.2024", "22:14", "11 февраля"
_WHEN = r"[^\n]{0,25}\d[^\n]{0,25}"
_SPEAKER_LINE = re.compile(
    rf"^[ \t]*(?:(?P<role>(?i:{_CUSTOMER_ROLE}))[ \t]*:?[ \t]+)?"
    r"(?P<given>[^\W\d_][\w'’-]+)(?:[ \t]+(?P<other>[^\W\d_](?:\.|[\w'’-]+)))?"
    rf"[ \t]*(?:[-–—·|,][ \t]*|[ \t]\()(?P<when>{_WHEN})[ \t]*$"
)


def _speaker(line: str) -> str | None:
    """The customer's name a speaker line gives, or None."""
    m = _SPEAKER_LINE.match(line)
    if m is None or _SHOP_SIDE_ROLE.match(line) or shop_role(line):
        return None
    given, other = m.group("given"), m.group("other") or ""
    if not (given.istitle() and is_first_name(given)) or is_word_too(given):
        return None
    if (
        not re.search(r"\d", m.group("when"))
        or len(re.findall(r"[^\W\d_]{3,}", m.group("when"))) > 3
    ):
        return None  # "Anna - I bought 2 ...": a sentence, not a date
    initial = len(other.rstrip(".")) == 1 and other[:1].isupper()
    if not m.group("role") and not initial:
        return None  # "Anna - 11 Feb" alone may be anything: the initial marks a speaker
    if other and not initial and not (other.istitle() and name_of_line(f"{given} {other}")):
        return None
    return name_of_line(f"{given} {other}".strip()) or given


def chat_speaker_name(body: str) -> str | None:
    """The name of the one customer the speaker lines of a pasted chat in ``body``
    name, each over a message (see the module's note)."""
    lines = body.split("\n")
    self_spoken = any(_SELF_SPEAKER.match(line) for line in lines)
    found: dict[str, str] = {}
    shop_side: set[str] = set()
    for i, line in enumerate(lines):
        if len(line) > 80 or (name := _speaker(line)) is None:
            continue
        below = next((rest.strip() for rest in lines[i + 1 :] if rest.strip()), "")
        if not below or _speaker(below) is not None:
            continue  # a speaker line over nothing said
        key = fold_same_length(name.split()[0]).lower()
        found.setdefault(key, name)
        role = _SPEAKER_LINE.match(line)
        if not (role and role.group("role")) and (self_spoken or _SHOP_SAYS.search(below)):
            # "Kate B. - 10:42 / Hi, how can I help?", or over "Me - 10:43": the agent's
            shop_side.add(key)
    if len(found) != 1 or set(found) <= shop_side:
        return None
    return next(iter(found.values()))
