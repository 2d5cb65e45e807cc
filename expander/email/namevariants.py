"""Other forms of one first name: the same name in another script, and a short form
of another shape than the written name's start.

- **A name of the English-speaking world written in Cyrillic** ("Кевин", "Линда",
  "Джон", "Майкл"): a Russian e-mail's writer who signs with a foreign name spells it
  as Russian spells such names, and the Russian tables do not list it (and "Кевин"
  ends as the surname "Ильин" does). :func:`latin_reading_in` reads the word letter
  by letter as English spells the sounds (дж: j or g; и: i, ee or y; a final silent
  e: "Кейт" is Kate) and looks the readings up in the Latin tables it is given; a few
  common names that English spells past any such reading ("Майкл": Michael) are listed
  as Russian writes them. A word of three letters or fewer is never read ("Том" is a
  volume, "Дон" a river).
- **A short form of another shape** (:func:`short_form_of`): "Sasha" of Oleksandr,
  "Bill" of William, "Kasia" of Katarzyna, "Паша" of Павел, which share no start with
  the full name. A customer who writes the full name in a ``From:`` header and signs
  with such a form is greeted as they sign (:func:`~expander.email.givenname.signed_form_of`
  takes the forms that start the full name).
"""

from __future__ import annotations

import re
from functools import lru_cache

from expander.textfold import fold_same_length

__all__ = ["latin_reading_in", "may_read_as", "short_form_of"]

# How English spells the sounds of each Cyrillic letter, as Russian writes foreign names
# (the more usual spelling first). Letter pairs are read before single letters.
_PAIRS = {
    "дж": ("j", "g"),
    "кс": ("x", "ks"),
    "ай": ("ai", "ay", "i", "y"),
    "ей": ("ey", "ay", "ei", "a"),
    "эй": ("ay", "ey", "a"),
    "ой": ("oy", "oi"),
    "ий": ("y", "ie", "i"),
    "ия": ("ia", "ya"),
    "ью": ("ew", "u"),
}
_LETTERS = {
    "а": ("a",),
    "б": ("b",),
    "в": ("v", "w"),
    "г": ("g",),
    "д": ("d",),
    "е": ("e",),
    "ё": ("yo", "e"),
    "ж": ("zh", "j"),
    "з": ("z",),
    "и": ("i", "ee", "y"),
    "й": ("y", "i"),
    "к": ("k", "c"),
    "л": ("l",),
    "м": ("m",),
    "н": ("n",),
    "о": ("o", "oh"),
    "п": ("p",),
    "р": ("r",),
    "с": ("s", "c"),
    "т": ("t", "th"),
    "у": ("u", "oo"),
    "ф": ("f", "ph"),
    "х": ("h", "kh"),
    "ц": ("ts", "tz"),
    "ч": ("ch",),
    "ш": ("sh",),
    "щ": ("sch",),
    "ъ": ("",),
    "ы": ("y",),
    "ь": ("",),
    "э": ("e", "a"),
    "ю": ("yu", "u"),
    "я": ("ya", "ia"),
}

# Common names of the English-speaking world that English spells past a letter-by-letter
# reading of their Russian spelling (silent letters, vowels written otherwise).
_SPELT_OTHERWISE = frozenset(
    w.lower()
    for w in (
        "Майкл Джеймс Джордж Стивен Стив Мэтью Мэттью Эндрю Дэвид Дэниел Дэниэл Питер "
        "Кэтрин Кэти Мэри Джессика Элизабет Джейн Шон Кристофер Энтони Уильям Чарльз "
        "Джозеф Пол Эмили Хлоя Рэйчел Шарлотта Джулия Брайан Райан Нейтан Джошуа Эшли "
        "Хизер Бетти Сьюзан Карен Дженнифер Мишель Стефани Николас Грегори Уэйн Нил Дуглас"
    ).split()
)

_CYRILLIC_WORD = re.compile(r"[а-яё]+")


@lru_cache(maxsize=4)
def _prefixes(names: frozenset[str]) -> frozenset[str]:
    return frozenset(name[:i] for name in names for i in range(1, len(name) + 1))


@lru_cache(maxsize=4096)
def latin_reading_in(word: str, names: frozenset[str]) -> str | None:
    """The name of ``names`` (folded, lower-case Latin) that ``word``, a Cyrillic word of
    four letters or more, reads as ("Кевин": kevin, "Джон": jon), else None."""
    low = word.lower().replace("ё", "е")
    if len(low) < 4 or not _CYRILLIC_WORD.fullmatch(low):
        return None
    if low in _SPELT_OTHERWISE:
        return low
    prefixes = _prefixes(names)

    def read(at: int, sofar: str) -> str | None:
        if at == len(low):
            for ending in ("", "e"):  # "Кейт": Kate, "Стив": Steve
                if sofar + ending in names:
                    return sofar + ending
            return None
        steps = [(low[at : at + 2], 2)] if low[at : at + 2] in _PAIRS else []
        steps.append((low[at], 1))
        for letters, size in steps:
            for latin in _PAIRS.get(letters) or _LETTERS.get(letters, ()):
                reading = sofar + latin
                if reading and reading not in prefixes:
                    continue
                if found := read(at + size, reading):
                    return found
        return None

    return read(0, "")


def may_read_as(cyrillic: str, latin: str, *, whole: bool) -> bool:
    """Whether the Cyrillic word may write the Latin one: read letter by letter as
    English spells the sounds ("Джон": John), or, short of that (``whole`` False,
    or a name English spells past such a reading: "Мишель", "Дюбуа" of Dubois),
    starting with a letter that English spells with the Latin word's first one."""
    low, target = cyrillic.lower().replace("ё", "е"), fold_same_length(latin).lower()
    if not low or not target.isalpha():
        return False
    if latin_reading_in(cyrillic, frozenset({target})) == target:
        return True
    if whole and low not in _SPELT_OTHERWISE:
        return False
    starts = _PAIRS.get(low[:2], ()) + _LETTERS.get(low[0], ())
    return any(start and target.startswith(start[0]) for start in starts)


# Short forms that do not start as the full name does, by full name (folded, lower-case):
# the English ones, and the Polish, Russian and Ukrainian ones in both scripts.
_SHORT_FORMS_TEXT = (
    "william: bill billy will liam | robert: bob bobby rob robbie bert | richard: dick rick "
    "ricky | margaret: maggie peggy meg | elizabeth: liz lizzie beth betty bess eliza | "
    "edward: ted teddy ned eddie | james: jim jimmy jamie | john: jack johnny | anthony: "
    "tony | katherine catherine kathryn: kate katie kathy cathy kat | charles: chuck charlie "
    "| henry: harry hal | rebecca: becky becca | susan: sue suzy | olivia: liv livvy | "
    "christina christine kristina: tina | victoria: tori | isabella isabel: bella izzy | "
    "eleanor: ellie nell | patricia: trish tricia | alexander alexandra "
    "aleksander aleksandr oleksandr oleksandra olexandr aleksandra alejandro: sasha sacha "
    "sasza alex olek ola oles lesya sanya shura | jakub: kuba | katarzyna: kasia | "
    "małgorzata: gosia małgosia | joanna: asia | barbara: basia | zofia: zosia | "
    "jan: jasiek janek | józef: józek | józefa: józia | stanisław: staszek stasiek | "
    "władysław: władek | agnieszka: aga | dmitry dmitriy dmitrii dmytro: dima | pavel: "
    "pasha | ivan: vanya | maria: masha | evgeny yevhen evgeniy: zhenya | tatiana "
    "tatyana: tanya | natalia natalya nataliya: natasha | anastasia: nastya | aleksey "
    "aleksei alexey oleksii: lyosha alyosha | sergey sergei serhiy: seryozha | vladimir "
    "volodymyr: vova volodya | nikolay nikolai mykola: kolya | mikhail: misha | pyotr "
    "petr: petya | yekaterina ekaterina: katya | svetlana: sveta | lyudmila: lyuda | "
    "александр александра: саша шура | павел: паша | дмитрий: дима | иван: ваня | мария: "
    "маша | евгений евгения: женя | татьяна: таня | наталья: наташа | анастасия: настя | "
    "алексей: лёша алёша | сергей: серёжа | владимир: вова володя | николай: коля | "
    "михаил: миша | пётр: петя | екатерина: катя | елена: лена | ольга: оля | ирина: "
    "ира | людмила: люда | юрий: юра | анатолий: толя | константин: костя | григорий: "
    "гриша"
)
_SHORT_FORMS: dict[str, frozenset[str]] = {}
for _group in _SHORT_FORMS_TEXT.split("|"):
    _full, _short = _group.split(":")
    for _name in _full.split():
        _SHORT_FORMS[fold_same_length(_name)] = frozenset(
            fold_same_length(s) for s in _short.split()
        ) | _SHORT_FORMS.get(fold_same_length(_name), frozenset())


def short_form_of(signed: str, given: str) -> bool:
    """Whether ``signed`` is a known short form of ``given`` that does not start as
    ``given`` does ("Sasha" of Oleksandr, "Bill" of William, "Kasia" of Katarzyna)."""
    forms = _SHORT_FORMS.get(fold_same_length(given).lower(), frozenset())
    return fold_same_length(signed).lower() in forms
