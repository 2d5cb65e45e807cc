"""Names of people other than the customer that an e-mail writes, for the masker
(:mod:`expander.email.privacy`): the field finders read for the customer's own
name, and a third person's is kept unless found here.

- :func:`full_name_spans`: a known first name and a capitalised word beside it,
  in any grammatical case: "my mum Patricia Doyle", "w imieniu mamy, Barbary
  Nowak", "dla córki Zuzanny Kowalczyk", and the surname first with a Russian or
  Polish surname's ending: "за Ивановой Марией", "от имени Петрова Ивана",
  "Kowalski Jan". A first name that is a common word too ("Will", "May", "Rose",
  "Вера") is one only in a form that is no word ("Веры Ивановой").
- :func:`kin_name_spans`: a first name alone after a word of kinship or of a
  person close to the writer: "my son Tom", "mój syn Kuba", "мой сын Ваня",
  "dla córki Zuzanny", "my neighbour Emma". There a capitalised word is a name,
  a common word's too ("my daughter May", "сестра Вера").

Every pattern is tried at word starts only and reads two words: linear in the
text's length.
"""

from __future__ import annotations

import re

from expander.email.language import detect_language
from expander.email.namewords import (
    NOT_NAME_WORDS,
    is_first_name,
    is_word_too,
    not_a_name,
    organisation_word,
)
from expander.textfold import fold_same_length

__all__ = ["first_name_form", "full_name_spans", "kin_name_spans"]

_UP = "A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ"
_LOW = "a-ząćęłńóśźżа-яё"
_WORD = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
# (at each word's start, without taking it: "Thanks Anna Lee" is read at "Anna" too)
_PAIR = re.compile(rf"(?<![\w\[-])(?=({_WORD})[ \t]+({_WORD})(?![\w\]-]))")
_PAIR_SPAN = re.compile(rf"{_WORD}[ \t]+{_WORD}")

# Case endings of Polish and Russian first names, longest first ("Barbary",
# "Zuzannie", "Марией", "Ивана", "Ольгой").
_ENDINGS = sorted(
    set(
        "a y i ie ę ą o u owi em iem om ego emu ii ji iej "
        "а я ы и е у ю ой ей ом ем ем ью ию ии".split()
    ),
    key=len,
    reverse=True,
)
_SLAVIC_LETTERS = re.compile(r"[ąćęłńóśźżĄĆĘŁŃŚŹŻ\u0400-\u04ff]")


def first_name_form(word: str, *, slavic: bool) -> str | None:
    """The known first name ``word`` is a Polish or Russian case form of ("Barbary" →
    Barbara, "Zuzannie" → Zuzanna, "Marka" → Marek, "Pawła" → Paweł, "Марией" →
    Мария, "Ивана" → Иван, "Игорем" → Игорь), or None. Only in Polish or Russian
    text (``slavic``) or for a word in Polish or Cyrillic letters: "Danny" in
    English is no form of "Dan". Never a name that is a common word too (of "Вера",
    "Róża": its forms are "веры", "róży" as well)."""
    if not (slavic or _SLAVIC_LETTERS.search(word)):
        return None
    for ending in _ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 2:
            continue
        stem = word[: -len(ending)]
        for candidate in _nominatives(stem, ending):
            if is_first_name(candidate) and not is_word_too(candidate):
                return candidate
    return None


def _nominatives(stem: str, ending: str) -> list[str]:
    """The nominatives a first name's ``stem`` may have had before ``ending``."""
    out = [stem + "a", stem + "ia", stem + "а", stem + "я", stem, stem + "ь", stem + "й"]
    if ending == "e" and stem.endswith("rz"):
        out.append(stem[:-2] + "ra")  # Barbarze → Barbara
    if ending == "e" and stem.endswith("c"):
        out.append(stem[:-1] + "ka")  # Agnieszce → Agnieszka
    if len(stem) > 2 and stem[-2] == "ь":
        out.append(stem[:-2] + "е" + stem[-1])  # Льва → Лев
    if len(stem) > 2:
        # a vowel dropped before the last consonant: Marka → Marek, Pawła → Paweł,
        # Павла → Павел
        out += [stem[:-1] + "e" + stem[-1], stem[:-1] + "е" + stem[-1]]
    return out


# A surname's endings, in any case: Russian "-ов", "-ев", "-ин", "-ский" (Петрова,
# Ивановой, Смирнову, Достоевского), Polish "-ski", "-cki", "-wicz", "-czyk", "-ak"
# (Kowalskiego, Nowakowi, Kowalczyk).
_SURNAME_SHAPE = re.compile(
    r"(?:(?:[оеё]в|[иы]н|[сц]к)(?:а|у|ым|ом|е|ой|ою|ую|ы|ого|ому|ий|ая|им|их)?"
    r"|(?:[sc]k|dzk)(?:i|a|iego|iemu|im|iej|ą|ę)"
    r"|(?:wicz|czyk|ak|uk)(?:a|owi|iem|em|u)?)$"
)


def full_name_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the full names in ``text``: a first name (known, or a Polish or
    Russian case form of one) and a capitalised word after it, or a surname's
    form and such a first name after it ("Петрова Ивана")."""
    slavic = detect_language(text) in ("pl", "ru")
    lower = _lower_case_words(text)
    spans = []
    for m in _PAIR.finditer(text):
        first, second = m.group(1), m.group(2)
        if _given(first, lower, slavic) and _may_be_surname(second, lower):
            pass
        elif _SURNAME_SHAPE.search(first.lower()) and not is_first_name(first):
            if not (_given(second, lower, slavic) and _may_be_surname(first, lower)):
                continue
        else:
            continue
        pair = _PAIR_SPAN.match(text, m.start())
        if pair:
            spans.append(pair.span())
    return spans


_LOWER_WORD = re.compile(rf"(?<![\w.@/+-])[{_LOW}]+(?![\w@]|[.+_-]\w)")


def _lower_case_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case (read once: asking the text about each
    candidate would read it again for each)."""
    return frozenset(_LOWER_WORD.findall(text))


def _given(word: str, lower: frozenset[str], slavic: bool) -> bool:
    """Whether ``word`` is a first name that is no common word, or a case form of
    one that the text does not write in lower case too (``lower``: "Marka" of "jaka
    marka")."""
    if is_first_name(word):
        return not is_word_too(word)
    if not_a_name(word, alone=False) or word.lower() in lower:
        return False
    return first_name_form(word, slavic=slavic) is not None


def _may_be_surname(word: str, lower: frozenset[str]) -> bool:
    """Whether ``word`` may be a surname: no word of a class no one is named with
    ("Street", "Dzień"), nor a firm's word, nor one the text writes in lower case."""
    folded = fold_same_length(word)
    return (
        folded not in NOT_NAME_WORDS and not organisation_word(word) and word.lower() not in lower
    )


# Words for a person close to the writer, before that person's first name: kin
# (from expander.email.kinsigned, in their case forms) and "neighbour", "friend".
_KIN_EN = (
    "mum mom mummy mommy mother dad daddy father grandma granny nan nana grandad grandpa "
    "grandmother grandfather wife husband daughter son sister brother aunt auntie uncle "
    "niece nephew granddaughter grandson gran partner fiancé fiancée fiance fiancee "
    "boyfriend girlfriend neighbour neighbor friend colleague flatmate"
)
_KIN_PL = (
    r"wnucz(?:ka|ki|ce|kę|ką|ek|ka|kowi|kiem)|wnu(?:k|ka|kowi|kiem|ku)|córk(?:a|i|ę|ą|ą)"
    r"|córce|córeczk[aięą]|córeczce|syn(?:a|owi|em|u|ek|ka|kowi|kiem)?|siostr(?:a|y|ę|ą|ze)"
    r"|bra(?:t|ta|tu|tem|cie)|żon(?:a|y|ie|ę|ą)|mę(?:ża|żowi|żem|żu)|mąż|mam(?:a|y|ie|ę|ą)"
    r"|tat(?:a|y|cie|ę|ą|o)|babci(?:a|ę|ą)?|dziad(?:ek|ka|kowi|kiem)|cioci(?:a|ę|ą)?"
    r"|wuj(?:ek|ka|kowi|kiem)|sąsiad(?:ka|ki|ce|kę|ką|a|owi|em)?|kole(?:żank[aiłęą]|żance"
    r"|ga|gi|dze|gę|gą)|znajom(?:a|y|ej|ego|emu|ą)|przyjaciel(?:a|owi|em)?"
    r"|przyjaciółk(?:a|i|ę|ą)|przyjaciółce|partner(?:a|owi|em|ka|ki|ce|kę|ką)?"
    r"|narzeczon(?:a|y|ej|ego|emu|ą)"
)
_KIN_RU = (
    r"сын(?:а|у|ом|е|ок|ка|ку|ком)?|доч(?:ь|ери|ерью|ка|ки|ке|ку|кой|а)|муж(?:а|у|ем|е)?"
    r"|жен(?:а|ы|е|у|ой)|мам(?:а|ы|е|у|ой)|мат(?:ь|ери|ерью)|пап(?:а|ы|е|у|ой)"
    r"|от(?:ец|ца|цу|цом|це)|сестр(?:а|ы|е|у|ой|ёнка)|бра(?:т|та|ту|том|те)"
    r"|бабушк(?:а|и|е|у|ой)|дедушк(?:а|и|е|у|ой)|внук(?:а|у|ом|е)?|внучк(?:а|и|е|у|ой)"
    r"|т[её]т(?:я|и|е|ю|ей)|дяд(?:я|и|е|ю|ей)|сосед(?:а|у|ом|е|ка|ки|ке|ку|кой)?"
    r"|друг(?:а|у|ом|е)?|подруг(?:а|и|е|у|ой)|коллег(?:а|и|е|у|ой)"
    r"|племянни(?:к|ка|ку|ком|це|ца|цы|цу|цей)"
)
_KIN_NAME = re.compile(
    rf"(?<![\w-])(?i:{'|'.join(_KIN_EN.split())}|{_KIN_PL}|{_KIN_RU})"
    rf"(?:,?[ \t]+|[ \t]*\([ \t]*)({_WORD})(?![\w\]-])"
)


def kin_name_spans(text: str) -> list[tuple[int, int]]:
    """The spans of a first name alone after a word of kinship ("my son Tom", "mój
    syn Kuba", "мой сын Ваня", "dla córki Zuzanny", "my neighbour (Emma)"): a
    known first name, a common word's too there, or a case form of one."""
    slavic = detect_language(text) in ("pl", "ru")
    lower = _lower_case_words(text)
    spans = []
    for m in _KIN_NAME.finditer(text):
        word = m.group(1)
        if is_first_name(word) or (
            first_name_form(word, slavic=slavic)
            and not not_a_name(word, alone=False)
            and word.lower() not in lower
        ):
            spans.append(m.span(1))
    return spans
