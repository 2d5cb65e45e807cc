"""A Russian or Polish signer who writes who they are in the family: "внучка Лена",
"дочь Аня", "сын Паша", "wnuczka Ola", "córka Kasia", "babcia Zosia".

A word of kinship, then a listed first name in the nominative, is the writer's name:
the granddaughter Лена signs for the order she placed for her grandmother. The same
word with a name in the genitive names someone else, whose relative writes: "мама
Лены", "mama Kasi", "babcia Zosi" (Kasia's mother, Zosia's grandmother): no name is
read there, for the name is the child's (the masker still gets it:
:func:`names_after_kin_words`). A name that is a genitive of another listed name as
well as a name ("Dominika", of Dominik) is left too.

A note of kinship in brackets after the writer's name is read the same way: "Anna (mama
Zosi), mąż Marcin też prosi o szybką odpowiedź" is signed by Anna (Zosia is the child,
Marcin the husband), under a sign-off ("Pozdrawiam"), whatever the clause after it.

A name, a comma and such a note run on after the text's last sentence, on its line, sign
it too: "... у него температура. Лена, мама Вани Орлова", "... Lena, mama Vani Orlova"
(Russian in Latin letters), "... Sarah, Lily's mum" → Лена, Lena, Sarah; not a name
the text writes elsewhere (the teacher greeted at the top: "Марина Викторовна, ...").
"""

from __future__ import annotations

import re

from expander.email.namewords import FIRST_NAMES, is_first_name
from expander.email.signoffs import split_sign_off
from expander.textfold import fold_same_length

__all__ = [
    "KIN_WORDS_EN",
    "KIN_WORDS_PL",
    "KIN_WORDS_RU",
    "after_kin_word",
    "closing_kin_noted",
    "kin_noted_name",
    "names_after_kin_words",
    "nominative_name",
    "run_on_kin_signed",
]

# Words of kinship, in the nominative, per language: what a writer signs with ("внучка
# Лена", "ciocia Ela"), or notes in brackets after a name ("Sarah (Lily's mum)", "Anna
# Nowak (córka)": givenname's relations too); the younger and the same generation, and
# the older ones
KIN_WORDS_RU = tuple(
    "внучка внук дочь дочка доча сын сынок сестра сестрёнка брат жена муж мама мать "
    "папа отец племянница племянник невестка зять крестница крестник бабушка баба "
    "дедушка деда тётя тетя дядя".split()
)
KIN_WORDS_PL = tuple(
    "wnuczka wnuczek wnuk córka córeczka syn synek siostra brat żona mąż mama tata "
    "bratanica bratanek siostrzenica siostrzeniec synowa zięć chrześnica chrześniak "
    "babcia babunia dziadek dziadzio ciocia wujek".split()
)
KIN_WORDS_EN = tuple(
    "mum mom mummy mommy mother dad daddy father grandma granny nan nana grandad grandpa "
    "grandmother grandfather wife husband daughter son sister brother aunt auntie uncle "
    "niece nephew granddaughter grandson gran".split()
)
# The words a writer signs with (folded): Polish and Russian ("Ваша внучка Лена")
_KIN_WORDS = frozenset(fold_same_length(w) for w in (*KIN_WORDS_RU, *KIN_WORDS_PL))
# "Ваша внучка Лена", "Twoja córka Kasia": a possessive before the word
_POSSESSIVE = frozenset(
    fold_same_length(w) for w in "ваша ваш твоя твой wasza wasz twoja twój".split()
)
# English words of kinship, inside a note in brackets only ("Sarah (Lily's mum)")
_ENGLISH_KIN = "|".join(KIN_WORDS_EN)


def _oblique(word: str) -> bool:
    """Whether ``word`` may be another listed first name in the genitive: "Лены",
    "Kasi", "Zosi", "Dominika" (of Dominik), "Павла" (of Павел)."""
    stem, last = word[:-1], word[-1:].lower()
    if last in ("i", "y", "ы", "и"):  # a woman's name, or a short form: Лена, Kasia, Миша
        forms = [stem + "a", stem + "ia", stem + "а", stem + "я"]
        return any(is_first_name(f) for f in forms)
    if last not in ("a", "а", "я") or len(stem) < 2:
        return False
    # a man's name in the Polish and Russian tables: Dominik, Павел, Игорь, Marek
    forms = [stem, stem + "ь", stem + "й", stem[:-1] + "e" + stem[-1], stem[:-1] + "е" + stem[-1]]
    return any(fold_same_length(f) in FIRST_NAMES for f in forms)


def nominative_name(word: str) -> bool:
    """Whether ``word`` is a listed first name in the nominative, not also another's
    genitive: "Лена", "Kasia", "Паша"; not "Лены", "Kasi", "Dominika"."""
    return word[:1].isupper() and is_first_name(word) and not _oblique(word)


def after_kin_word(words: list[str]) -> list[str] | None:
    """The words of a name after a word of kinship that opens ``words`` ("внучка Лена"
    → [Лена], "Ваша дочь Аня Петрова" → [Аня, Петрова]); [] when the name after it is
    none in the nominative ("мама Лены", "babcia Zosi": someone else's relative) or
    there is none ("Спасибо!\nсын"); None when ``words`` open with no word of kinship."""
    at = 1 if len(words) > 1 and fold_same_length(words[0]) in _POSSESSIVE else 0
    if len(words) <= at or fold_same_length(words[at].strip(",.!")) not in _KIN_WORDS:
        return None
    rest = words[at + 1 :]
    return rest if rest and nominative_name(rest[0].strip(",.!")) else []


# "Anna (mama Zosi), mąż Marcin też prosi ...", "Ольга (мама Миши)", "Sarah (Lily's mum)"
_KIN_NOTED = re.compile(
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?)[ \t]*"
    r"\((?P<note>[^()\n]{3,40})\)[ \t]*(?:[,;.–—-][^\n]{0,120})?"
)
_ENGLISH_NOTE = re.compile(
    rf"(?i:[\w'’-]+['’]s[ \t]+(?:{_ENGLISH_KIN})|(?:{_ENGLISH_KIN})[ \t]+of[ \t]+\w+)"
)


def kin_noted_name(line: str) -> str | None:
    """The first name before a note of kinship in brackets on a signature's line,
    whatever follows it ("Anna (mama Zosi), mąż Marcin też prosi o szybką odpowiedź"
    → Anna, "Sarah (Lily's mum)" → Sarah), when it is a listed one in the nominative;
    else None."""
    m = _KIN_NOTED.fullmatch(line.strip())
    if m is None:
        return None
    note = m.group("note").split()
    kin = fold_same_length(note[0]) in _KIN_WORDS and len(note) <= 3
    if not kin and not _ENGLISH_NOTE.fullmatch(m.group("note").strip()):
        return None
    words = m.group("name").split()
    if not nominative_name(words[0]) or (len(words) > 1 and not words[1][:1].isupper()):
        return None
    return m.group("name")


def closing_kin_noted(lines: list[str]) -> str | None:
    """The name of :func:`kin_noted_name` on the text's last line (of ``lines``, the
    non-blank ones) right under a sign-off alone ("Pozdrawiam\\nAnna (mama Zosi), mąż
    Marcin też prosi o szybką odpowiedź")."""
    if len(lines) < 2 or (split := split_sign_off(lines[-2])) is None or split[1]:
        return None
    return kin_noted_name(lines[-1])


_KIN_THEN_WORD = re.compile(r"(?<![\w-])(?P<kin>[^\W\d_]+)(?=[ \t(]+(?P<word>[^\W\d_][\w'’-]*))")


def names_after_kin_words(text: str) -> list[str]:
    """Every capitalised word after a word of kinship in ``text``, in any case form
    ("mama Kasi", "babcia Zosi", "внучка Лена" → Kasi, Zosi, Лена): for masking, where
    the child named in the genitive is a person too, though no one to greet."""
    return [
        m.group("word")
        for m in _KIN_THEN_WORD.finditer(text)
        if m.group("word")[0].isupper() and fold_same_length(m.group("kin")) in _KIN_WORDS
    ]


# Words of kinship in Russian typed in Latin letters ("Lena, mama Vani Orlova"), folded,
# for a note after a name only
_TRANSLITERATED_KIN = frozenset(
    "mama papa babushka dedushka tetya tyotya dyadya sestra brat doch dochka syn".split()
)
# The last sentence of a line, after another: a name (a first name, perhaps a surname), a
# comma and the note ("... у него температура. Лена, мама Вани Орлова")
_RUN_ON_NOTE = re.compile(
    r"(?<=[.!?)])[ \t]+(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?)[ \t]*,[ \t]*"
    r"(?P<note>[^\W\d_][^\n,.!?;:()]{2,40}?)[ \t.!)]*\Z"
)


def run_on_kin_signed(body: str) -> str | None:
    """The name run on after the last sentence of ``body``'s last line before a note of
    who the writer is in a child's family ("... у него температура. Лена, мама Вани
    Орлова" → Лена): a listed first name in the nominative, a word of kinship and the
    child's name after it (or "Lily's mum", "mum of Lily"); None when the text writes
    the name elsewhere too (the person greeted) or the line ends otherwise."""
    m = _RUN_ON_NOTE.search(body.rstrip()[-160:])
    if m is None:
        return None
    name, note = m.group("name").split(), m.group("note").split()
    if not nominative_name(name[0]) or any(w.isupper() or not w.istitle() for w in name):
        return None
    kin = fold_same_length(note[0])
    kin_then_child = (
        2 <= len(note) <= 3
        and (kin in _KIN_WORDS or kin in _TRANSLITERATED_KIN)
        and all(w[:1].isupper() for w in note[1:])
    )
    if not kin_then_child and not _ENGLISH_NOTE.fullmatch(m.group("note").strip()):
        return None
    stem = re.escape(name[0][: max(3, len(name[0]) - 1)])
    if len(re.findall(rf"(?i)(?<!\w){stem}\w{{0,2}}(?!\w)", body)) > 1:
        return None  # "Марина Викторовна, добрый вечер! ... Марина, мама Вани": greeted
    return " ".join(name)
