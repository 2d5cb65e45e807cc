"""A line that names a town, which is never its writer's name.

An address under a text ends with the town's line, and a town may be named like a
person: "Charlotte, NC 28203", "Lincoln LN2 5RT", "24-120 Kazimierz Dolny". A line is
a town's when it has one of the shapes a postal address gives it:

- the United States' "City, ST 12345" (a state's two capitals and a ZIP code, the
  comma or not: "Charlotte NC 28203", "Jackson, MS 39211-1234");
- the United Kingdom's "Town POSTCODE" ("Lincoln LN2 5RT", "Hope, S33 6RD");
- Poland's "NN-NNN Town" ("24-120 Kazimierz Dolny", "30-001 Kraków") or the town
  before its postcode ("Kraków 30-001");
- a Polish place of two words whose second is a place's adjective ("Kazimierz Dolny",
  "Brzeg Dolny", "Kazimierz Biskupi", "Busko Zdrój"); an adjective that is a common
  surname too ("Wola Mała"; "Wiesław Górny" is a man) or a region's ("Ostrów
  Wielkopolski", "Tomaszów Mazowiecki"; "Tadeusz Mazowiecki" is a man) only after a
  word that is no first name.

A signer's name on the line before the town ("Hope Adeyemi, Lincoln LN2 5RT", "Dean
Miller, Charlotte, NC 28203") makes it no town's line: the name is read there.
"""

from __future__ import annotations

import re

from expander.email.namewords import is_first_name
from expander.textfold import fold_same_length

__all__ = ["town_line"]

# The states' and territories' two-letter codes of the US Postal Service
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    "NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI"
)
# A town's name: one to four capitalised words ("Charlotte", "Salt Lake City",
# "Winston-Salem", "St. Louis", "Coeur d'Alene" with its particle in lower case)
_TOWN = r"[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|d'\w+|de|du|la|le|upon|on|in|of|the)){0,3}"
_US_TOWN = re.compile(rf"{_TOWN},?[ \t]+(?:{_US_STATES})[ \t]+\d{{5}}(?:-\d{{4}})?")
_UK_TOWN = re.compile(rf"{_TOWN},?[ \t]+[A-Z]{{1,2}}\d[A-Z\d]?[ \t]+\d[A-Z]{{2}}")
_PL_TOWN = re.compile(
    r"\d{2}-\d{3}[ \t]+[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3}"
    r"|[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3},?[ \t]+\d{2}-\d{3}"
)
# The adjectives that end a Polish place's name of two words (folded, each gender):
# "Kazimierz Dolny", "Dąbrowa Górnicza", "Kalwaria Zebrzydowska" is no such
_PLACE_ADJECTIVES = frozenset(
    fold_same_length(w)
    for w in (
        "Dolny Dolna Dolne Górny Górna Górne Wielki Wielka Wielkie Mały Mała Małe "
        "Biskupi Biskupia Biskupie Nowy Nowa Nowe Stary Stara Stare Zdrój Królewski "
        "Królewska Kościelny Kościelna Kościelne Szlachecki Szlachecka Średni Średnia "
        "Górnicza Odrzański Odrzańska Lubuski Lubuska"
    ).split()
)
# Those of them that are common surnames too: after a first name, a person ("Wiesław
# Górny", "Jan Mały", "Anna Kościelna"); after any other word, a place ("Ustka Mała")
_SURNAMES_TOO = frozenset(
    fold_same_length(w)
    for w in (
        "Górny Górna Mały Mała Wielki Wielka Nowy Nowa Stary Stara Królewski Królewska "
        "Kościelny Kościelna Szlachecki Szlachecka Średni Średnia Lubuski Lubuska"
    ).split()
)
# The regions' adjectives after a town's name ("Ostrów Wielkopolski", "Tomaszów
# Mazowiecki", "Starogard Gdański"), surnames too: only after a word that is no first name
_REGION_ADJECTIVES = re.compile(
    r"(?:wielkopolsk|mazowieck|gdansk|slask|kujawsk|pomorsk|podlask|malopolsk|lubelsk|"
    r"warminsk|mazursk|trybunalsk|kaszubsk|krajensk|swietokrzysk|podkarpack|opolsk|"
    r"sieradzk|leczyck|kieleck|krakowsk)(?:i|a|ie)\Z"
)


def _polish_place_pair(words: list[str]) -> bool:
    """Whether two capitalised words are a Polish place by the adjective after its
    name: "Kazimierz Dolny", "Wola Mała"; a region's ("Ostrów Wielkopolski") only
    after a word that is no first name."""
    if len(words) != 2 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    second = fold_same_length(words[1])
    if second in _PLACE_ADJECTIVES and second not in _SURNAMES_TOO:
        return True  # "Kazimierz Dolny", "Kazimierz Biskupi", "Busko Zdrój"
    surname_too = second in _SURNAMES_TOO or bool(_REGION_ADJECTIVES.search(second))
    return surname_too and not is_first_name(words[0])


def town_line(line: str) -> bool:
    """Whether ``line`` is a town's line of an address, never a name: "Charlotte, NC
    28203", "Lincoln LN2 5RT", "24-120 Kazimierz Dolny", "Kazimierz Dolny" (see the
    module's docstring); not "Hope Adeyemi, Lincoln LN2 5RT", a signer beside it."""
    text = line.strip().rstrip(".")
    if not text or len(text) > 60:
        return False
    if _US_TOWN.fullmatch(text) or _UK_TOWN.fullmatch(text) or _PL_TOWN.fullmatch(text):
        return True
    return _polish_place_pair(text.split())
