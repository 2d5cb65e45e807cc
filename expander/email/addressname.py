"""The first name a Russian e-mail's ``From:`` address spells in Latin letters.

A Russian e-mail that gives no name but a pasted ``From:`` line with a bare address
("From: kira.melnikova.86@post.example") names its writer in the address: the reply,
written in Russian, greets her in Cyrillic, as Russian writes the name (Кира). The
address's first word is read back letter by letter, with the spellings Russian names
take in Latin letters ("ya": я or ья, "l": л or ль, "iy", "y": ий: "tatyana" Татьяна,
"olga" Ольга, "dmitriy" Дмитрий), and taken only when the reading is a listed first
name. After it: a surname (a Russian surname's ending, read either way: "melnikova",
"sorokina"), digits, or nothing; a first name that is a word as well ("vera", "mir")
only with a surname. Not a shop's mailbox ("info@", "zakaz@"), nor an address under a
display name (the sender's own name is read from that), nor a surname alone, nor an
e-mail in another language (an English one keeps the Latin name of
:func:`~expander.email.names.customer_name`).
"""

from __future__ import annotations

import re

from expander.email.givenname import surname_shaped
from expander.email.language import detect_language
from expander.email.nameforms import ROLE_MAILBOX, from_header_value
from expander.email.namewords import is_first_name, is_word_too
from expander.textfold import latin_to_cyrillic

__all__ = ["russian_address_name"]

# the address alone on the From: line (in angle brackets or not), its local part: a first
# name, then a surname, digits or nothing ("kira.melnikova.86", "kira_m86", "kira1990")
_BARE_ADDRESS = re.compile(
    r"[ \t]*<?(?P<first>[a-z]{3,12})(?:[._-](?P<last>[a-z]{2,20}))?(?:[._-]?\d{1,4})?"
    r"@[\w-]+(?:\.[\w-]+)+>?[ \t]*",
    re.IGNORECASE,
)

# How Russian names are spelt in Latin letters, read back (longer spellings first; the
# first reading of each is the usual one)
_SPELLINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shch", ("щ",)), ("sch", ("щ",)), ("zh", ("ж",)), ("kh", ("х",)), ("ch", ("ч",)),
    ("sh", ("ш",)), ("ts", ("ц", "тс")), ("tz", ("ц",)),
    ("yu", ("ю", "ью")), ("ju", ("ю",)), ("iu", ("ию", "ью", "ю")),
    ("ya", ("я", "ья")), ("ja", ("я",)), ("ia", ("ия", "ья", "я")),
    ("yo", ("ё", "ьо")), ("jo", ("ё",)), ("ye", ("е", "ье")), ("ie", ("ие", "ье")),
    ("iy", ("ий",)), ("ii", ("ий",)), ("yi", ("ий", "ый")),
    ("ay", ("ай",)), ("ey", ("ей",)), ("oy", ("ой",)),
    ("ks", ("кс",)), ("x", ("кс",)),
    ("a", ("а",)), ("b", ("б",)), ("v", ("в",)), ("w", ("в",)), ("g", ("г",)),
    ("d", ("д",)), ("e", ("е", "э")), ("z", ("з",)), ("i", ("и", "й")), ("j", ("й",)),
    ("k", ("к",)), ("q", ("к",)), ("l", ("л", "ль")), ("m", ("м",)), ("n", ("н",)),
    ("o", ("о",)), ("p", ("п",)), ("r", ("р",)), ("s", ("с",)), ("t", ("т",)),
    ("u", ("у",)), ("f", ("ф",)), ("h", ("х",)), ("c", ("ц", "к")),
    ("y", ("ы", "й", "и", "ий")),
)  # fmt: skip
_MAX_READINGS = 4096  # each spelling read one way or two: a bound on the search


def _cyrillic_first_name(word: str) -> str | None:
    """The listed first name, in Cyrillic, that ``word`` (Latin letters) spells, or None."""
    low = word.lower()
    tried = 0

    def read(at: int, sofar: str) -> str | None:
        nonlocal tried
        tried += 1
        if tried > _MAX_READINGS:
            return None
        if at == len(low):
            name = sofar.capitalize()
            return name if is_first_name(name) else None
        for latin, readings in _SPELLINGS:
            if low.startswith(latin, at):
                for cyrillic in readings:
                    if found := read(at + len(latin), sofar + cyrillic):
                        return found
        return None

    return read(0, "")


def _surname(word: str) -> bool:
    """Whether ``word`` (Latin letters) reads as a surname, as written ("Melnikova") or
    read back in Cyrillic ("sorokina": Сорокина, "belykh": Белых)."""
    return surname_shaped(word.capitalize()) or surname_shaped(latin_to_cyrillic(word).capitalize())


def russian_address_name(headers: str, body: str, signature: str = "") -> tuple[str, str] | None:
    """The first name in Cyrillic that a bare ``From:`` address of ``headers`` spells in a
    Russian ``body``, with the name as the address writes it ("From:
    kira.melnikova.86@post.example": Кира, "Kira Melnikova"); else None. Not when the
    text or the ``signature`` writes the name in Latin letters ("Спасибо,\nOlga"): the
    customer is greeted as she signs."""
    for line in headers.split("\n"):
        value = from_header_value(line)
        if value is None or ROLE_MAILBOX.search(value):
            continue
        m = _BARE_ADDRESS.fullmatch(value)
        if m is None:
            continue
        first, last = m.group("first"), m.group("last")
        if last is not None and not _surname(last):
            continue  # "anna.flowers@", "kira.shop@": no surname
        name = _cyrillic_first_name(first)
        if name is None or (last is None and is_word_too(name)):
            continue  # "vera@", "mir@": a word as well as a name, not alone
        if detect_language(body) != "ru" or re.search(
            rf"(?<![\w.@-]){re.escape(first)}(?![\w@-]|\.\w)", f"{body}\n{signature}", re.IGNORECASE
        ):
            return None
        return name, " ".join(w.capitalize() for w in (first, last) if w)
    return None
