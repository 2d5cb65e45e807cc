"""A person's name in one line of text: the line rules the e-mail's name rules
and its signature rules (:mod:`expander.email.clean`) start from.

A line that is a name ("Anna", "Jan Kowalski", "Mr J. Smith" → "J. Smith"),
the name a signature line starts with ("Anna Smith | ACME Ltd"), the name
after a sign-off phrase ("Anna from ACME"), and the lines that are no name: a
sentence, a company, an address, a job title; and whether the greeting that
opens a text names someone ("Hi Kate," against "Hello," and "Dzień dobry,").
The tables of words behind them are in :mod:`expander.email.namewords`.
"""

from __future__ import annotations

import re
import unicodedata

from expander.email.kinsigned import after_kin_word
from expander.email.namevariants import short_form_of
from expander.email.namewords import (
    NOT_NAME_WORDS,
    east_asian_surname,
    is_first_name,
    is_word_too,
    not_a_name,
    organisation_word,
    place_or_family,
    place_phrase,
    syllable_pair,
)
from expander.email.townlines import town_line
from expander.email.vietnamesenames import family_name_first
from expander.textfold import fold_same_length

__all__ = [
    "after_title",
    "job_title",
    "label_follows",
    "leading_name",
    "looks_like_address",
    "looks_like_sentence",
    "lower_case_signed_name",
    "mentions_company",
    "name_of_line",
    "opens_greeting_no_one",
    "qualified_signed_name",
    "religious_title",
    "shop_role",
    "signed_name",
    "thanks_phrase",
    "thanked_above_signer",
    "title_or_company",
]


# --- a name in a line ---------------------------------------------------------------

_COMPANY = re.compile(
    r"\b(?:ltd|llc|inc|gmbh|plc|corp|s\.a\b|sp\.\s*z\s*o\.?\s*o|sp\.\s*[jk]\b|s\.c\b|nip|"
    r"regon|krs|vat\s*(?:no|id|number|reg)|company\s+(?:no|number|reg)|registered\s+in|"
    r"ооо|оао|зао|пао|ип|инн|кпп|огрн|бик)(?!\w)|\s&\s*co\b|"
    # a law or a tax firm of partners: "Kancelaria ... Bielecka i Wspólnicy"
    r"\bkancelari[ae]\b|\bi\s+wspolnicy\b|"
    # an institution: "Przedszkole Miejskie nr 5 \"Słoneczko\"", "МБДОУ № 12 «Ромашка»"
    r"\b(?:przedszkol|szkol[ay]\b|urzad|szpital|fundacj|stowarzyszen|nursery|primary school|"
    r"hospital|council|university|детск\w+ сад|школ[аы]\b|гимнази|лице[йя]|больниц|"
    r"поликлиник|мбдоу|мадоу|мбоу|гбоу|гбу|мбу|мку)|\b(?:nr|no|№)\.?\s*\d+\s*[\"„«“]|"
    # a charity: "St Brigid's Community Trust", "Reg. Charity No. 1187332", "фонд «Тёплые руки»"
    # (not the bare word: Charity is a first name too)
    r"\b(?:registered\s+)?charity\s+(?:no\b|number|reg|shop|commission)|\bregistered\s+charity\b|"
    r"\bcharitable\b|\b(?:community|charitable|housing|wildlife|hospice)\s+trust\b|"
    r"\bfoundation\b|\bфонд[а-я]?\b"
)


def mentions_company(line: str) -> bool:
    """Whether ``line`` names a company or its registration ("Bloom Ltd", "ACME
    sp. z o.o.", "ООО «Ромашка»", "NIP 123-456-78-90", "Hattie & Fern
    Interiors"): a signature line, not a name or a sentence."""
    return bool(_COMPANY.search(fold_same_length(line)) or _firm(line))


def _firm(line: str) -> bool:
    """Capitalised words joined by "&": a firm ("Smith & Sons", "Hattie & Fern Interiors")."""
    words = line.split()
    return (
        "&" in words[1:-1] and len(words) <= 6 and all(w == "&" or w[:1].isupper() for w in words)
    )


# Address lines: postcodes (PL 00-950, RU 101000, UK SW1A 1AA) next to a word, or a
# street word (matched on the folded line).
_ADDRESS = re.compile(
    r"\b\d{2}-\d{3}\s+[^\W\d]|[^\W\d]\s+\d{2}-\d{3}\b|"
    r"\b[a-z]{1,2}\d[a-z\d]?\s\d[a-z]{2}\b|^\s*(?:ul|al|pl|os|ул|пр|просп|пер)\.\s|^\s*c/o\s|"
    r"\b(?:street|st\.|road|rd\.|avenue|ave\.|lane|suite|floor|ulica|улица|проспект)\b|"
    r"\w(?:str\.|strasse|straße)\s*\d"
)
# The abbreviations of an address's parts, opening the line or a part of it after
# a comma: "г. Тверь", "Казань, ул. Баумана, д. 12, кв. 40", "al. Jerozolimskie".
# A place's name after them starts with a capital, a house's number with a digit
# ("в 2024 г. заказал" is a year); "г." and "д." only in lower case ("Г. Петров"
# is an initial).
_ADDRESS_PART = re.compile(
    r"(?:^|[,;(]\s*)(?:(?i:ul|al|pl|os|ул|пр|просп|пер|пос|обл|мкр|кв|корп|стр)|г|д)\.\s*"
    r"(?:\d|(?-i:[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ]))"
)


# A Russian postcode before a town's name ("630099, Novosibirsk", "101000 г. Москва");
# not six digits before any word ("550618 przyszła": an order), nor before "I" ("pls
# cancel 771045, I ordered ..."): a town's name has two letters at least
_POSTCODE_TOWN = re.compile(r"\b\d{6},?\s+(?:[A-ZА-ЯЁ][^\W\d_]|(?i:г)\.)")


def looks_like_address(line: str) -> bool:
    """Whether ``line`` holds a postal address or a part of one ("ul. Długa 5",
    "00-950 Warszawa", "г. Казань, ул. Баумана, д. 12", "10 Downing Street", "c/o
    Brook & Lyle": care of someone, over an address)."""
    return bool(
        _ADDRESS.search(fold_same_length(line))
        or _ADDRESS_PART.search(line)
        or _POSTCODE_TOWN.search(line)
    )


# Lower-case words inside a name: "Anna van der Berg", "Luis de la Cruz".
_NAME_PARTICLES = {
    "van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "del", "della", "dos",
    "das", "ten", "ter", "bin", "ibn", "al", "el", "y",
}  # fmt: skip
# Lower-case words a job title may hold without becoming a sentence.
_TITLE_PARTICLES = {
    "of", "and", "for", "the", "at", "in", "a", "i", "z", "w", "ds", "do", "po", "по", "и", "в",
    "на", "с",
}  # fmt: skip
_TITLES = {
    fold_same_length(t)
    for t in (
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "dame", "rev", "revd",
        "fr", "capt", "hon", "lady", "lord", "ks", "pan", "pani", "inż", "mgr", "господин",
        "adw", "mec", "r.pr", "radca",  # a lawyer's: "adw. Olga Pietrzak", "mec. Jan Nowak"
        "госпожа",
        "ип",  # "ИП Соколов А.В.": a sole trader's mark, before the name
        # the family's titles, before a first name ("Grandma Betty", "ciocia Ela")
        "grandma", "granny", "grandad", "grandpa", "auntie", "aunty", "aunt", "uncle",
        "babcia", "dziadek", "ciocia", "wujek", "бабушка", "дедушка", "тётя", "тетя", "дядя",
        # a nickname's adjective before the first name ("Big Dave", "Little Jo")
        "big", "little", "lil",
        # academic and medical degrees ("к.м.н. Татьяна Орлова", "dr hab. Anna Nowak",
        # "lek. med. Piotr Lis", "проф. Ирина Ким")
        "проф", "доц", "к.м.н", "д.м.н", "к.т.н", "д.т.н", "к.э.н", "д.э.н", "к.ю.н", "д.ю.н",
        "к.п.н", "к.ф.н", "к.б.н", "к.х.н", "hab", "lek", "med", "phd", "ph.d", "dipl",
    )
}  # fmt: skip
# The titles a first name follows, not a surname ("Pani Anna", "Grandma Betty")
_GIVEN_NAME_TITLES = frozenset(
    fold_same_length(t)
    for t in (
        "pan", "pani", "grandma", "granny", "grandad", "grandpa", "auntie", "aunty", "aunt",
        "uncle", "babcia", "dziadek", "ciocia", "wujek", "бабушка", "дедушка", "тётя", "тетя",
        "дядя", "big", "little", "lil",
    )
)  # fmt: skip


# A religious title before a first name, as a nun, a priest or a friar signs or says
# who they are: "s. Faustyna Wrona" (siostra), "ks. Jan" (ksiądz), "o. Paweł" (ojciec),
# "br. Marek" (brat), or written out ("siostra Faustyna"); the name after it is the
# first name to greet with, not a surname. Folded; an abbreviation only with its point
# ("s" alone is no word, "o" a preposition: "o godz. 15")
_RELIGIOUS_TITLES = frozenset(
    fold_same_length(t) for t in "s. o. br. ks. ks siostra ojciec brat ksiądz".split()
)


def religious_title(word: str, following: str) -> bool:
    """Whether ``word`` is a religious title before ``following``, a capitalised known
    first name ("s. Faustyna", "ks. Jan", "siostra Faustyna"); not "s. 12" (a page) or
    "o. Kowalski" (no first name after it: a surname, or an initial's point)."""
    given = following.rstrip(",.!?;:")
    return (
        fold_same_length(word) in _RELIGIOUS_TITLES
        and given.istitle()
        and given.isalpha()
        and is_first_name(given)
    )


# The words of one letter (no point after them) that open a sentence in Russian
# and Polish: a pronoun or a preposition, not an initial ("A", an English
# article and an initial alike, is left out).
_ONE_LETTER_WORDS = frozenset("я в с к у о и w z i o u".split())
# The contractions a sentence starts with (an apostrophe in them, as in "O'Neil")
_CONTRACTIONS = frozenset(
    "it's i'm i'll i've i'd that's there's here's what's he's she's we're you're they're "
    "let's who's".split()
)


def _name_token(token: str, relaxed: bool) -> bool:
    token = token.strip(",.;")
    if not token or len(token) > 40:
        return False  # no name's word is longer
    if re.fullmatch(r"[^\W\d_](?:\.[^\W\d_]){0,2}\.?", token):  # initials: "J.", "K", "И.И."
        return token[0].isupper()
    parts = re.split(r"[-'’]", token)
    if not all(p.isalpha() for p in parts):
        return False
    if relaxed:
        return len(token) > 1
    for i, part in enumerate(parts):
        if i > 0 and len(part) == 1:  # "d'", "O'"
            continue
        if not part[0].isupper() or (len(part) > 3 and part.isupper()):
            return False
    return True


def _strip_symbols(line: str) -> str:
    """``line`` without the emoji and other symbols around it ("Zoe ✨" → "Zoe")."""
    start, end = 0, len(line)
    while start < end and (line[start].isspace() or _symbol(line[start])):
        start += 1
    while end > start and (line[end - 1].isspace() or _symbol(line[end - 1])):
        end -= 1
    return line[start:end]


def _symbol(ch: str) -> bool:
    # a symbol (So, Sm, Sk, Sc), an emoji's variation selector or joiner
    return unicodedata.category(ch)[0] == "S" or ch in "\ufe0f\u200d"


_AND_FAMILY = re.compile(  # starting a run of blanks only: linear on a long one
    r"(?<![ \t])[ \t]+(?:&|\+|(?i:and|i|и))[ \t]+"
    r"(?i:(?:the[ \t]+)?(?:family|kids|boys|girls)|dzieci|дети|"
    # a household by its surname: "& the Campbells", "& the Harper family", "i rodzina
    # Nowaków", "и семья Ивановых"
    r"the[ \t]+[^\W\d_][\w'’-]*(?:s|[ \t]+family)|"
    r"(?:cała[ \t]+)?rodzina(?:[ \t]+[^\W\d_][\w'’-]*)?|"
    r"(?:вся[ \t]+)?семья(?:[ \t]+[^\W\d_][\w'’-]*)?)[ \t.!]*$"
)


# Two people signing together, "Pauline and Keith", "Anna i Tomek", "Ольга и Сергей",
# "Pauline and Keith Hart": the first one writes, and is the one to greet (the shared
# surname after the second name is the first one's too)
_AND_PARTNER = re.compile(
    r"(?P<first>[^\W\d_][\w'’-]*)(?P<own>[ \t]+[^\W\d_][\w'’-]*)?[ \t]+(?:and|&|\+|i|и)[ \t]+"
    r"(?P<second>[^\W\d_][\w'’-]*)(?P<surname>[ \t]+[^\W\d_][\w'’-]*)?[ \t.!]*"
)


def _without_bracketed_note(line: str) -> str:
    """``line`` without a note in brackets at its end (:data:`_BRACKETED_NOTE`)."""
    stripped = line.rstrip()
    return _BRACKETED_NOTE.sub("", stripped) if stripped.endswith((")", ").")) else line


def _first_of_two(line: str) -> str:
    """``line`` with the second of two people signing together left out (see
    :data:`_AND_PARTNER`); both first names known ones, no common words."""
    m = _AND_PARTNER.fullmatch(line)
    if m is None:
        return line
    first, second = m.group("first"), m.group("second")
    if not all(w.istitle() and is_first_name(w) and not is_word_too(w) for w in (first, second)):
        return line
    return first + (m.group("own") or m.group("surname") or "")


# A nickname in quotes between the names; degrees and honours after them
_NICKNAME = re.compile(r"(?<=\w)[ \t]+[\"“„«][^\"“”„«»\n]{2,20}[\"”»](?=[ \t]+\w)")
_POST_NOMINALS = re.compile(
    r"(?<![ \t])(?:,?[ \t]+(?:BSc|BA|BEng|MSc|MA|MEng|MBA|PhD|DPhil|MD|RN|CPA|ACA|FCA|ACCA|"
    r"CIMA|MRICS|FRICS|MCIPS|Esq|Jr|Sr|II|III|\(Hons\)|Hons|"
    # a doctor's, a vet's, a chemist's, an engineer's ("Dr Elaine Marsh BVSc MRCVS")
    r"MBBS|MBChB|BDS|DDS|BVSc|BVMS|DVM|MRCVS|MRCP|MRCS|FRCS|FRCP|MRCGP|MPharm|CEng|MIET|"
    r"MIMechE|FCCA|MCIPD|FHEA|PGCE|LLB|LLM|MPH|CFA)\.?)+[ \t]*$"
)


# An emoticon after a name: "Ania :)", "Tom ;-)", "Ola <3", "Kate :D"
_EMOTICON_AFTER = re.compile(r"(?:[ \t]+(?:[:;=8]['’-]?[()DPp]+|<3))+[ \t]*$")
_AFTER_NAME = re.compile(f"(?:{_AND_FAMILY.pattern})|(?:{_POST_NOMINALS.pattern})")


# A title in brackets after the name, as a register or a form writes it: "(Mr)", "(Mrs.)";
# starting a run of blanks only: linear on a long one (40,000 blanks took 1.4 s)
_BRACKETED_TITLE = re.compile(r"(?<![ \t])[ \t]+\((?i:mr|mrs|ms|miss|mx|dr|pan|pani)\.?\)[ \t]*$")
# A note in brackets after the name, starting in lower case: a maiden name ("Charlotte
# Ashworth (née Bell)", "Anna Kowalska (z d. Nowak)", "Анна Петрова (урожд. Иванова)"),
# who the signer is ("(account holder)"); a nickname in brackets is capitalised
_BRACKETED_NOTE = re.compile(
    r"(?<![ \t])[ \t]+\((?=[a-zß-ÿąćęłńóśźżа-яё])[^()\n!?]{1,40}\)[ \t.]*$"
)
# and before it, as a formal letter signs: "(Mrs) BLACKWOOD, Margaret E."
_LEADING_BRACKETED_TITLE = re.compile(
    r"^\((?i:mr|mrs|ms|miss|mx|dr)\.?\)[ \t]+(?=[^\W\d_][^\W\d_'’-]*,[ \t]+[^\W\d_])"
)

# a title in brackets before a name in any order, read as the title alone
# (and the Polish and Russian ones: "(Pani) Barbara Nowak", "(г-жа) Ольга Петрова")
_LEADING_TITLE_IN_BRACKETS = re.compile(
    r"\((?i:mr|mrs|ms|miss|mx|dr|pan|pani|г-н|г-жа|господин|госпожа)\.?\)[ \t]+(?=[^\W\d_])"
)


# a house's or a street's word after the name a bracketed title opens: "(Mrs) Rose
# Cottage, Little Milton" is an address
_HOUSE_WORD = re.compile(
    r"(?i:cottage|house|lodge|farm|farmhouse|barn|mill|manor|hall|villa|view|grange|court|"
    r"cottages|gardens|road|street|lane|close|avenue|drive|way|place|terrace|crescent|row|"
    r"hill|green|mews|rd|st|ln|ave)\b"
)


def _titled_name_follows(rest: str) -> bool:
    """Whether ``rest`` (what follows a title in brackets) is a known first name and a
    surname ("(Mrs) Margaret Ellison"): not a house's or a street's name ("(Mrs) Rose
    Cottage", "(Mr) Elm Lodge"), nor a first name alone, which a title does not go with
    ("(Mrs) Rose, Little Milton": a house and its village)."""
    words = rest.split()
    if len(words) < 2 or words[0].endswith(",") or not is_first_name(words[0].rstrip(".")):
        return False
    line_words = rest.split("\n", 1)[0].split()[1:4]  # "(Ms) Holly Tree Cottage"
    return not any(_HOUSE_WORD.fullmatch(w.rstrip(",.")) for w in line_words)


def _surname_comma_given(words: list[str]) -> list[str] | None:
    """The words of "SURNAME, Given" (a register's or an address book's order: the
    surname, in capitals or not, a comma, then a known first name that the
    surname is not) put in the order to greet with, or None."""
    if len(words) == 3 and re.fullmatch(r"[A-Z]\.?", words[2]) and words[0].endswith(","):
        words = words[:2]  # "BLACKWOOD, Margaret E.": the middle name's initial after
    if len(words) != 2 or not words[0].endswith(",") or not words[1][:1].isupper():
        return None
    surname, given = words[0].rstrip(","), words[1]
    if not re.fullmatch(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", surname) or not surname[0].isupper():
        return None
    if is_first_name(surname) or not_a_name(surname, alone=True):
        return None
    capitals = surname.isupper() and len(surname) > 1 and given[1:].islower()
    if not (is_first_name(given) or capitals):
        return None  # "Anna, Kate": a known first name, or a surname in capitals, to follow
    if surname.isupper() and len(surname) > 1:
        surname = "-".join(p.capitalize() for p in surname.split("-"))  # "MORRISON": Morrison
    return [given, surname]


# A capitalised nickname in brackets between two names: "Margaret (Peggy) Whitlow"
_BRACKETED_NICKNAME = re.compile(
    r"(?<=[^\W\d_])[ \t]\((?=[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ])[^\W\d_][\w'’-]{1,14}\)(?=[ \t][^\W\d_])"
)


# An initial with the first name it stands for in brackets after it, before the
# surname: "B. (Bartholomew) Okonkwo-Hale" is Bartholomew Okonkwo-Hale.
_INITIAL_WRITTEN_OUT = re.compile(
    r"^(?P<initial>[^\W\d_])\.?[ \t]*\((?P<given>(?P=initial)[^\W\d_'’-]{1,20})\)[ \t]+(?=[^\W\d_])"
)


def name_of_line(line: str, *, relaxed: bool = False) -> str | None:
    """The person's name that ``line`` consists of ("Anna", "Jan Kowalski",
    "Łukasz Żółkiewski-Nowak", "Mr J. Smith" → "J. Smith"), or None.

    ``relaxed`` also takes a name in capitals ("ANNA SMITH") or a single
    lower-case word ("thanks\\nanna"), as people sign; use it only where a
    name is expected, right under a sign-off.
    """
    if len(line) > 160 and len(line.strip()) > 160:
        return None  # a sentence or more: no name with its title and emoji is that long
    line = _strip_symbols(line).strip().strip("*_").strip()  # "Zoe ✨", "🌸 Anna", "*Anna*"
    if "(" in line:
        line = _INITIAL_WRITTEN_OUT.sub(r"\g<given> ", line)  # "B. (Bartholomew) Okonkwo-Hale"
    head, comma, tail = line.partition(",")
    if comma and tail.strip() and mentions_company(tail):
        line = head  # "Ярослав, ИП Беляев Я.В.", "Tom, Baker & Sons Ltd": the name before it
    if line.endswith((")", "D", "P", "p", "3")):
        line = _EMOTICON_AFTER.sub("", line)  # "Ania :)", "Tom ;-)", "Ola <3"
    if 0 < line.count(" ") < 10:  # a name's words and what may follow them
        # "Aurélie & family" (Aurélie signs for them), "Alex Morgan BSc (Hons) MRICS"
        line = _AFTER_NAME.sub("", line)
        if 1 < line.count(" ") < 5:
            line = _first_of_two(line)  # "Pauline and Keith": Pauline
        if any(q in line for q in '"“„«'):
            line = _NICKNAME.sub(" ", line)  # 'Alexandra "Sasha" Petrova'
    line = _BRACKETED_TITLE.sub("", line)  # "MORRISON, Alistair (Mr)": the title a form adds
    line = _without_bracketed_note(line)  # "Charlotte Ashworth (née Bell)"
    if line.startswith("(") and _surname_comma_given(
        (untitled := _LEADING_BRACKETED_TITLE.sub("", line)).rstrip(".").split()
    ):
        line = untitled  # "(Mrs) BLACKWOOD, Margaret E."; not "(Mrs) Smith, Leeds"
    elif (bracketed := _LEADING_TITLE_IN_BRACKETS.match(line)) and _titled_name_follows(
        line[bracketed.end() :]
    ):
        line = line[bracketed.end() :]  # "(Mrs) Margaret Ellison"; not "(Mrs) Smith, Leeds"
    words = line.strip().lstrip("-–—~").rstrip(".,!;").split()  # "-Tom", "—Anna"
    if (reordered := _surname_comma_given(words)) is not None:
        words = reordered  # "MORRISON, Alistair", "Morrison, Alistair" → Alistair Morrison
    if len(words) > 1 and re.fullmatch(r"x{1,4}", words[-1], re.IGNORECASE):
        words = words[:-1]  # "Anna xx"
    if len(words) > 1 and re.fullmatch(r"x{2,4}", words[0], re.IGNORECASE):
        words = words[1:]  # "xx Sarah"
    if len(words) >= 2 and religious_title(words[0], words[1]):
        words = words[1:]  # "s. Faustyna Wrona", "ks. Jan", "siostra Faustyna": a first name
    if (kin := after_kin_word(words)) is not None:
        if not kin:
            return None  # "mama Kasi", "мама Лены": a relative of the one named signs
        words = kin  # "внучка Лена", "córka Kasia": the name after the word of kinship
    titled = False
    while words and fold_same_length(words[0]).strip(".") in _TITLES:
        titled = titled or fold_same_length(words[0]).strip(".") not in _GIVEN_NAME_TITLES
        words = words[1:]
    if len(words) >= 2 and fold_same_length(words[0]) in _POSSESSIVES and is_first_name(words[1]):
        words = words[1:]  # "Twoja Kasia", "Ваша Марина"; never "Twój Sekretny Wielbiciel"
    if not 1 <= len(words) <= 4 or (titled and len(words) == 1):
        return None  # "Dr. Patel", "Mrs Hughes": a surname, no name to greet with
    core = [w for i, w in enumerate(words) if not (i and w.islower() and w in _NAME_PARTICLES)]
    if relaxed and not (len(words) == 1 or line.isupper()):
        relaxed = False  # "looking forward" is no name
    # "Park Eun-ji", "Eun-ji Park": a given name of two syllables beside an East Asian surname
    asian = len(core) == 2 and any(east_asian_surname(w) for w in core)
    if not core or not all(
        _name_token(w, relaxed) or (asian and syllable_pair(w.strip(",.;"))) for w in core
    ):
        return None
    if fold_same_length(words[0]) in ("panie", "szanowny", "szanowna"):
        return None  # "Panie Tomaszu": a man addressed (the vocative), not one signing
    if words[0].replace("’", "'").lower() in _CONTRACTIONS:
        return None  # "It's Nadia", "I'm Tom": a sentence's start, not a name's
    if fold_same_length(words[0]) in _ONE_LETTER_WORDS:
        return None  # "Я Светлана, ...", "W Krakowie": a pronoun or a preposition, no initial
    if "I" in words[1:]:
        return None  # "this is Bernard Gallagher I ordered ...": the pronoun after the name
    if all(len(w.strip(",.")) <= 2 for w in core) and not (
        len(core) == 1 and core[0].isalpha() and is_first_name(core[0])
    ):
        return None  # initials only; not "Jo", "Mo"
    if any(not_a_name(w, alone=len(words) == 1) for w in words):
        return None  # "Помогите", "Proszę", "Urgent", "Дата"
    if any(fold_same_length(w.strip(",.")) in _TITLE_WORDS for w in core) and not (
        _surname_like_title(core)
    ):
        return None  # "Head", "Działu Zakupów", "Менеджер": a job title's words
    if len(words) >= 2 and (organisation_word(words[0]) or organisation_word(words[-1])):
        return None  # "Jamie Fraser Photography", "Kwiaciarnia Róża": a business
    if len(words) >= 2 and _COMPANY.search(fold_same_length(words[0])):
        return None  # "ООО Ромашка", "ИП Ромашка": a company's form before its name
    if len(words) >= 2 and (
        place_phrase(joined := " ".join(words)) or looks_like_address(joined) or town_line(joined)
    ):
        return None  # "Milton Keynes", "Нижний Новгород", "Madison Avenue", "Kazimierz Dolny"
    if len(words) >= 2 and words[0].endswith(",") and place_or_family(words[0].rstrip(",")):
        return None  # "Belfast, Northern Ireland": a place and its region
    return " ".join(w.strip(",;") for w in words).rstrip(".")


_GREETING_WORDS = re.compile(
    r"[ \t]*(?i:hi|hello|hey|hiya|dear|good[ \t]+(?:morning|afternoon|evening|day)|"
    r"dzie[nń][ \t]+dobry|witam|witajcie|cze[sś][cć]|hej|szanown\w+|здравствуйте|"
    r"добрый[ \t]+(?:день|вечер)|доброе[ \t]+утро|привет|приветствую)(?![\w'’])"
)
# What may follow a greeting that names no one: "there", "team", "Sir", "Państwo"
_NOBODY_GREETED = frozenset(
    fold_same_length(w)
    for w in "there all team guys everyone folks sir sirs madam sir/madam customer support "
    "service państwo panowie zespół коллеги друзья".split()
)


_TITLE_GREETED = frozenset(
    fold_same_length(w)
    for w in "mr mrs ms miss dr pan pani panie господин госпожа уважаемый уважаемая".split()
)


def opens_greeting_no_one(body: str) -> bool:
    """Whether the customer's text opens with a greeting that names no one ("Hi,",
    "Hello there,", "Dzień dobry,", "Здравствуйте!", "hi i never got ..."), so a
    name after a thanks at its end signs it rather than thanks an agent."""
    m = _GREETING_WORDS.match(body.lstrip())
    if not m:
        return False
    rest = body.lstrip()[m.end() :].lstrip(" \t,!.:;-–—")
    word = re.match(r"[^\W\d_][\w'’-]*", rest)
    if word is None or rest[:1] == "\n":
        return True
    first = word.group()
    if fold_same_length(first) in _TITLE_GREETED:
        return False  # "Dzień dobry Pani Ewo", "Dear Mr Lee", "Уважаемая госпожа Орлова"
    if fold_same_length(first) in _NOBODY_GREETED or not first[:1].isupper() or first == "I":
        return True
    return name_of_line(first) is None  # "Hi Kate,", "Здравствуйте, Елена!": someone greeted


# Words of a sentence, not of a description ("Thanks, Apple - I'll wait").
_SPEAKER = re.compile(r"(?<!\w)(?:i|i'm|i'll|i've|we|you|ja|my|wy|я|мы|вы)(?!\w)|\?")
_AFTER_SIGNED_NAME = re.compile(r",|\s\(|\s[-–—|@]\s|\s(?:from|of|at|z|ze|из|от)\s")


# The possessive that opens a sign-off ("Your Anna", "Twoja Kasia", "Ваша Марина"):
# never a name itself
_POSSESSIVES = frozenset(
    fold_same_length(w) for w in "your yours twój twoja wasz wasza ваш ваша твой твоя".split()
)


def signed_name(rest: str) -> str | None:
    """The name after a sign-off phrase: "Anna" → Anna, and with a short
    description after it, "Anna from ACME", "Анна, менеджер ООО «Ромашка»",
    "Ola z Krakowa" → the name; not "Anna, I will wait for the refund"."""
    capitals = rest[:2].isupper() and 2 <= len(rest.split()) <= 3 and rest.split()[0].isupper()
    if capitals and _capitals_firm(rest.split()):
        return None  # "Pozdrawiam, BHP Serwis", "Regards, ACME Ltd", "KDS Trans": a firm
    if name := name_of_line(rest):
        return name
    if capitals:
        return leading_name(rest)  # "Regards, SHARMA Sunita": a surname in capitals first
    m = _AFTER_SIGNED_NAME.search(rest)
    if not m:
        return None
    tail = rest[m.end() :].strip(" )")
    if (
        not tail
        or len(tail.split()) > 5
        or looks_like_sentence(tail)
        or _SPEAKER.search(fold_same_length(tail))
    ):
        return None
    return name_of_line(rest[: m.start()])


def _capitals_firm(words: list[str]) -> bool:
    """Whether a word in capitals and the words after it are a firm's name: a word
    that makes them one ("BHP Serwis", "ACME Ltd"), or an acronym of three or four
    letters before no known first name ("KDS Trans"; not "LI Wei", "SHARMA Sunita")."""
    rest = words[1:]
    if any(organisation_word(w) or mentions_company(w) for w in rest):
        return True
    return 3 <= len(words[0]) <= 4 and not any(is_first_name(w.strip(",.")) for w in rest)


# What a thanks is for, then the name after a comma or a dash: "for your help, Kate",
# "za pomoc, Ola", "за помощь — Ирина"
_QUALIFIED_THEN_NAME = re.compile(
    r"^(?i:for|za|за)[ \t]+(?P<what>[^,;!?.\n]{1,40}?)[ \t]*(?:,|[ \t][-–—])[ \t]*"
    r"(?P<name>[^,;\n]+)$"
)


def qualified_signed_name(rest: str) -> str | None:
    """The name after what a thanks is for ("Thanks for your help, Kate" → Kate,
    "Dziękuję za pomoc, Ola", "Спасибо за помощь, Ирина"): the rest of a
    sign-off that starts with "for", "za", "за", a few words and then a name
    alone; not "for the help, I will wait"."""
    m = _QUALIFIED_THEN_NAME.match(rest.strip())
    if not m or len(m.group("what").split()) > 5:
        return None
    if _SPEAKER.search(fold_same_length(m.group("what"))):
        return None  # "for what you said, Anna": a sentence
    return name_of_line(m.group("name"))


# A sign-off that thanks ("Thanks", "Dzięki", "Спасибо"), after which a word in
# lower case may be a comment ("Thanks, noted", "Спасибо, понял"), not a name.
_THANKS = re.compile(
    r"thank|thx|thanx|thnx|tnx|tks|\bta\b|\btia\b|cheers|dzi[eę]k|спасибо|спс|благодар|"
    r"spasibo|blagodar|дякую|dank|merci|gracias|grazie|obrigad|bedankt|d[eě]kuji"
)


# A line that asks for the text after it to be printed or written as it stands ("put the
# name label on the kit like this:", "proszę podpisać jak poniżej:", "подпишите вот так:")
_LABEL_FOLLOWS = re.compile(
    r"(?i:like this|as follows|as below|exactly as|to read|jak poni[zż]ej|w ten spos[oó]b|"
    r"nast[eę]puj[aą]co|вот так|следующим образом|как ниже)[ \t]*:[ \t]*$"
)


# What is to carry the text: a label, a print, an engraving, a card ("My details are as
# follows:" or "reply to me as follows:" introduce the writer's own name, which signs)
_PRINTED_THING = re.compile(
    r"(?i:label|print|engrav|embroider|stitch|personali[sz]|inscri|\bread\b|writ|card|"
    r"\btag|sticker|patch|napis|nadruk|grawer|haft|naszyw|podpis|etykiet|kartk|"
    r"надпис|подпиш|подпис|гравир|печат|вышив|наклейк|бирк|открытк|напиш|нашивк)"
)


def label_follows(line: str) -> bool:
    """Whether ``line`` ends by asking for the text under it to be printed as it is
    ("... the name label like this:", "jak poniżej:", "вот так:"): a name under it
    is the label's, not the writer's signature."""
    return _LABEL_FOLLOWS.search(line[-80:]) is not None and bool(_PRINTED_THING.search(line))


def thanks_phrase(phrase: str) -> bool:
    """Whether a sign-off ``phrase`` thanks ("Thanks", "Dziękuję", "Спасибо")."""
    return _THANKS.search(fold_same_length(phrase)) is not None


def thanked_above_signer(sign_off: str, signature: str, name: str) -> bool:
    """Whether ``name``, after a thanks on the sign-off's line ("Thanks Sophie!"), is
    the one thanked: another first name alone signs on the next line ("Thanks
    Sophie!\nJoe", "Dziękuję, Pani Ewo!\nMarek", "Спасибо, Ольга!\nДенис"). Not a
    full name below: the writer's own in full under the short one they sign with
    ("Thanks, Liz\nElizabeth Hart", "Спасибо, Лиза\nЕлизавета Петрова"), or their
    firm's ("Thanks, Anna\nJohn Lewis Partnership")."""
    phrase = sign_off.strip()
    if not thanks_phrase(phrase):
        return False
    lines = [line.strip() for line in signature.split("\n")]
    under = lines[lines.index(phrase) + 1 :] if phrase in lines else lines  # the lines below
    below = next((line for line in under if line), "").rstrip(".,!")
    if len(below.split()) == 2:
        return _someone_else_in_full(below, name)  # "Thanks Grace!\nTom Baker"
    if len(below.split()) != 1 or not is_first_name(below):
        return False
    signer = leading_name(below, relaxed=True)
    return signer is not None and signer.split()[0] != name.split()[0]


def _someone_else_in_full(below: str, name: str) -> bool:
    """Whether ``below``, a first name and a surname, is another person than the
    ``name`` thanked above it: a known first name that holds not the first two letters
    of ``name`` ("Лиза" of Елизавета, "Tom" of Thomas may be) and of which ``name`` is no
    short form the tables know ("Bob" of Robert, "Маша" of Мария), and no firm's words
    ("John Lewis Partnership" has three)."""
    given, surname = below.split()
    thanked = name.split()[0]
    return (
        given.istitle()
        and surname.istitle()
        and is_first_name(given)
        and not is_word_too(given)
        and not is_first_name(surname)  # "Kowalska Anna", "Grace Anne": unsure which
        and not mentions_company(below)
        and not title_or_company(below)
        and fold_same_length(thanked[:2]).lower() not in fold_same_length(given).lower()
        and not short_form_of(thanked, given)
        and not short_form_of(given, thanked)
    )


def lower_case_signed_name(phrase: str, rest: str) -> str | None:
    """The name written in lower case after a sign-off on its line ("Regards,
    chloé", "Pozdrawiam, zośka", "С уважением, светлана"): one word of no
    closed class, after a sign-off that is no thanks; after a thanks only a
    known first name ("Thanks, anna"; not "Thanks, noted", "Спасибо, понял")."""
    if not rest.islower():
        return None
    name = name_of_line(rest, relaxed=True)  # "megan x": the kisses go
    if name is None or " " in name or len(name) < 3 or not name.replace("-", "").isalpha():
        return None
    if _THANKS.search(fold_same_length(phrase)) and not is_first_name(name):
        return None
    return name


def leading_name(line: str, *, relaxed: bool = False) -> str | None:
    """The name a signature line starts with: "Anna Smith | ACME Ltd" → Anna Smith,
    "Jan Kowalski, kierownik zakupów" → Jan Kowalski; a surname and a known first
    name after a comma, "Smith, John" → John Smith; a surname in capitals first,
    "SMITH John" → John Smith (a Vietnamese name stays so: "NGUYEN Thi Lan")."""
    line = _BRACKETED_TITLE.sub("", line)  # "MORRISON, Alistair (Mr)"
    line = _without_bracketed_note(line)  # "Анна Петрова (урожд. Иванова)"
    if _surname_comma_given(line.split()) and (whole := name_of_line(line)):
        return whole  # "MORRISON, Alistair": a surname in capitals, a comma, the first name
    surname, comma, given = line.strip().rstrip(".").partition(",")
    given = given.strip()
    if (
        comma
        and " " not in given
        and is_first_name(given)
        and not is_first_name(surname.split()[0] if surname.split() else "")
        and (last := name_of_line(surname))
        and name_of_line(given)
    ):
        return f"{given} {last}"
    words = line.split() if line.lstrip()[:2].isupper() else []
    if (
        2 <= len(words) <= 3
        and len(words[0]) > 1
        and words[0].isalpha()
        and words[0].isupper()
        and not _COMPANY.search(fold_same_length(words[0]))  # "ООО Ромашка"
        and not any(w.isupper() for w in words[1:])
        and (is_first_name(words[1]) or not is_first_name(words[0]))  # not "JOHN Smith"
        and (given_names := name_of_line(" ".join(words[1:])))
        and name_of_line(words[0].title())
    ):
        order = [words[0].title(), given_names]  # "SMITH John", "ИВАНОВА Мария": John Smith
        return " ".join(order if family_name_first(*order) else order[::-1])
    if "(" in line:
        # "Mrs Margaret (Peggy) Whitlow": the nickname between the names is read apart
        # (givenname.nickname_inside); cut there, the title would leave no first name
        line = _BRACKETED_NICKNAME.sub("", line, count=1)
    cut = len(line)
    for separator in ("|", ",", "/", "•", "·", " - ", " – ", " — ", " (", " @ "):
        at = line.find(separator)
        if 0 <= at < cut:
            cut = at
    name = name_of_line(line[:cut], relaxed=relaxed)
    if name and line.startswith(" @ ", cut) and not is_first_name(name.split()[0]):
        return None  # "Tasha @ Pink Flamingo Café"; not "Kitchen @ Pink Flamingo Café"
    if name is None and (titled := after_title(line[:cut])) and is_first_name(titled.split()[0]):
        name = titled  # a job title before the name: "Прораб Игорь Маслов" (not "Dział Kadr")
    if name is None:
        return None
    rest = line[cut:]
    if " " not in name and looks_like_address(rest):
        return None  # "Boxberry, г. Екатеринбург, ул. Малышева, 51": a place, not a person
    if len(rest.split()) > 8 or re.search(r"[.!?]\s+\S", rest):
        return None  # "Диван, доставленный 3 марта, имеет разрыв. Прошу ...": sentences
    return name


# The shop's side signing a message: a support team, a customer service
# (folded). ``support_team`` words alone: a job title ("Customer Service
# Manager" of a firm that buys) is not the shop's team.
_SHOP_ROLE = re.compile(
    r"support|customer (?:care|service)|helpdesk|obslug\w* klienta|dzial obslugi|"
    r"biuro obslugi|\bbok\b|служб\w* поддержки|поддержк|отдел\w* (?:продаж|обслуживания|заботы)|"
    r"интернет-магазин|менеджер магазина"
)
_SUPPORT_TEAM = re.compile(
    r"(?:support|customer (?:care|service|support)|helpdesk) team|customer support|"
    r"obslug\w* klienta|dzial obslugi|biuro obslugi|\bbok\b|служб\w* поддержки|"
    r"отдел\w* (?:обслуживания|заботы)|интернет-магазин|менеджер магазина"
)


def shop_role(line: str, *, team: bool = False) -> bool:
    """Whether ``line`` names the shop's side: a support team, a customer service
    ("Customer Support Team", "Dział Obsługi Klienta", "служба поддержки").
    ``team`` asks for a team's name only, not a job title ("Customer Service
    Manager" of a firm that buys)."""
    return bool((_SUPPORT_TEAM if team else _SHOP_ROLE).search(fold_same_length(line)))


def looks_like_sentence(line: str) -> bool:
    """Whether ``line`` reads as a sentence rather than a job title or a short description:
    three lower-case words or more (a job title has fewer: "Head of Purchasing", "Kierownik
    działu zakupów", "менеджер по закупкам"), or a closing "?" or "!"."""
    lower = 0
    for word in line.split():
        word = word.strip(",.;:()\"'")
        if len(word) > 1 and word.isalpha() and word.islower() and word not in _TITLE_PARTICLES:
            lower += 1
    return lower >= 3 or line.rstrip().endswith(("?", "!"))


def after_title(text: str) -> str | None:
    """The name after a job title that opens ``text`` ("менеджер Ольга",
    "księgowa Anna Nowak", "Purchasing Manager Tom Hale"), or None."""
    words = text.split()
    i = 0
    while i < len(words) and fold_same_length(words[i].strip(",.:")) in _TITLE_WORDS:
        i += 1
    return name_of_line(" ".join(words[i:])) if 0 < i < len(words) else None


# an institution's number in a title ("Chair, PTA of School No. 4", "председатель
# родительского комитета школы № 12")
_INSTITUTION_NUMBER = re.compile(r"(?<![ \t])(?i:[ \t]+(?:nr|no|№|#)\.?[ \t]*\d{1,4}\b)")
_INITIAL_POINT = re.compile(r"(?<![^\W\d_])[^\W\d_]\.")


# a registration in brackets after an employer's name: "(Reg. Charity No. 1187332)",
# "(KRS 0000123456)", "(ИНН 7701234567)"
_BRACKETED_REGISTRATION = re.compile(
    r"[ \t]*\((?i:reg\b|registered|charity|company|krs|nip|regon|инн|огрн)[^()\n]*\d[^()\n]*\)"
)


def job_title(line: str) -> bool:
    """Whether ``line`` is a job title ("менеджер по развитию", "Head of Purchasing",
    "Kierownik działu zakupów"): a short line, no sentence, with a title's word; or
    a longer one that starts with the title's word, with no punctuation inside
    ("менеджер по работе с ключевыми клиентами")."""
    line = _INSTITUTION_NUMBER.sub("", line)  # "Skarbnik Rady Rodziców SP nr 4 w Siedlcach"
    line = _BRACKETED_REGISTRATION.sub("", line)  # "..., Kendal Trust (Reg. Charity No. 118)"
    words = [fold_same_length(w.strip(",.;:()\"'«»")) for w in line.split()]
    if not 1 <= len(words) <= 7 or any(ch.isdigit() or ch == "@" for ch in line):
        return False
    if _surname_like_title(line.split()):
        return False  # "Piotr Trener": a first name and a surname
    # the initials of the one a title names do not count: "помощник директора Трофимова А. В."
    if _title_word(words[0]) and not re.search(r"[,.!?;:]", _INITIAL_POINT.sub("", line)):
        return True
    head, comma, tail = line.partition(",")
    if comma and _title_word(words[0]) and not re.search(r"[.!?;:]", head) and _named_body(tail):
        return True  # "администратор, детский центр «Радуга»": the title, the employer
    return len(words) <= 5 and not looks_like_sentence(line) and any(map(_title_word, words))


# an organisation's name in quotes: "«Радуга»", "„Bajka”", '"Little Owls"'
_QUOTED_NAME = re.compile(r"(?:«|„|“|\")[^\W\d_][^«»„“”\"\n]{0,40}(?:»|”|\")")


def _named_body(text: str) -> bool:
    """Whether ``text`` (what follows a job title and a comma) names an organisation:
    a few words with a name in quotes or a company's ("детский центр «Радуга»")."""
    return len(text.split()) <= 5 and bool(_QUOTED_NAME.search(text) or mentions_company(text))


def _title_word(word: str) -> bool:
    """Whether a folded word is a title's, or joins one with a hyphen ("офис-менеджер",
    "co-founder")."""
    if word in _TITLE_WORDS or word in _DEPARTMENT_WORDS:
        return True
    return "-" in word and any(p in _TITLE_WORDS for p in word.split("-"))


# A firm's department, signing as a title does ("отдел закупок, «СтройДом»", "Dział
# Zakupów"); no title before a name (not "Dział Księgowości": Księgowości)
_DEPARTMENT_WORDS = frozenset(map(fold_same_length, "отдел dział department".split()))


def title_or_company(line: str) -> bool:
    """Whether a signature line is a job title or a company ("Purchasing
    Manager", "Kierownik działu zakupów", "ООО «Ромашка»"), not a name."""
    if mentions_company(line):
        return True
    if len(line.split()) > 5 or any(ch.isdigit() or ch == "@" for ch in line):
        return False
    if _surname_like_title(line.split()):
        return False  # "Gary Coach": a first name and a surname
    words = [fold_same_length(w.strip(",.;:()\"'«»")) for w in line.split()]
    return any(_title_word(w) or w in NOT_NAME_WORDS for w in words)


# Job titles that head a signature line (folded).
_TITLE_WORDS = frozenset(
    fold_same_length(w)
    for w in (
        "manager director head owner founder ceo cfo coo cto assistant coordinator "
        "specialist officer buyer purchasing procurement accountant administrator "
        "kierownik kierowniczka dyrektor prezes właściciel właścicielka specjalista "
        "specjalistka asystent asystentka koordynator koordynatorka księgowa księgowy "
        "zaopatrzenie zakupów менеджер директор руководитель начальник владелец "
        "специалист бухгалтер ассистент помощник референт закупщик снабжения закупкам "
        "referent referentka "
        # the desks that sign for a firm ("Секретарь", "Reception", "Sekretariat")
        "secretary receptionist reception clerk sekretarka sekretariat recepcja "
        # engineers, consultants and the ranks before a title ("Главный инженер")
        "engineer inżynier инженер consultant konsultant konsultantka консультант chief senior "
        "deputy główny główna zastępca главный ведущий старший заместитель analyst analityk "
        "аналитик logistyk логист technik техник designer projektant дизайнер "
        "секретарь секретариат приёмная канцелярия бухгалтерия "
        # the keepers of a school's or an office's things ("Завхоз", "Caretaker", "Woźny")
        "завхоз кладовщик кладовщица завскладом caretaker janitor woźny woźna magazynier "
        # who runs a place's front desk or a part of it ("администратор, детский центр ...")
        "administratorka администратор координатор заведующий заведующая управляющий "
        "управляющая методист metodyk metodyczka "
        # the officers of an association, a council or a parents' committee
        "treasurer chair chairman chairwoman chairperson president skarbnik skarbniczka "
        "przewodniczący przewodnicząca sekretarz казначей председатель "
        # who runs a building site or a crew ("Прораб Игорь Маслов")
        "прораб бригадир foreman supervisor brygadzista "
        # who gives a charity time ("Volunteer Coordinator", "волонтёр фонда «Тёплые руки»")
        "volunteer wolontariusz wolontariuszka волонтёр волонтерка "
    ).split()
)
# Who teaches or coaches ("тренер, ДЮСШ «Вымпел»", "учитель начальных классов", "Head
# Coach"): titles too, but also surnames after a known first name ("Piotr Trener", "Gary
# Coach"), so such a line stays a name (_surname_like_title)
_TEACHING_WORDS = frozenset(
    fold_same_length(w)
    for w in (
        "teacher headteacher coach tutor instructor nauczyciel nauczycielka wychowawca "
        "wychowawczyni trener trenerka instruktor instruktorka учитель учительница тренер "
        "преподаватель воспитатель воспитательница инструктор"
    ).split()
)
_TITLE_WORDS = _TITLE_WORDS | _TEACHING_WORDS


def _surname_like_title(words: list[str]) -> bool:
    """Whether a line's words are a known first name and then, as the last word
    capitalised as a surname, a teacher's or a coach's title ("Piotr Trener", "Gary
    Coach"): a name, no role line (not "Head Coach", "trener, UKS Orlik")."""
    words = [w.strip(",.;:()\"'«»") for w in words]
    return (
        2 <= len(words) <= 3
        and words[-1].istitle()
        and fold_same_length(words[-1]) in _TEACHING_WORDS
        and is_first_name(words[0])
        and not any(fold_same_length(w) in _TITLE_WORDS for w in words[:-1])
    )
