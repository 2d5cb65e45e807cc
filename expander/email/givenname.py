"""The first name to greet with in a full name as the customer writes it: "Anna
Smith" → Anna, surname first ("Kowalski Jan", "Петрова Анна Сергеевна",
"Kuznetsova Yulia") → the first name, none for initials ("J. Smith", "Петров
И.И.", "J.R.") or a surname alone ("Zielińska", "Иванова"); and the initial a
name without its first name written out gives.
"""

from __future__ import annotations

import re

from expander.email.chinesenames import chinese_given_name, chinese_order_unclear
from expander.email.kinsigned import KIN_WORDS_EN, KIN_WORDS_PL, KIN_WORDS_RU
from expander.email.namelines import job_title, mentions_company, title_or_company
from expander.email.namevariants import short_form_of
from expander.email.namewords import (
    FIRST_NAMES,
    common_surname,
    east_asian_surname,
    foreign_name_in_cyrillic,
    is_first_name,
    is_word_too,
    not_a_name,
    place_or_family,
    syllable_pair,
)
from expander.email.vietnamesenames import vietnamese_given_name, vietnamese_order_unclear
from expander.textfold import fold_same_length, latin_to_cyrillic

__all__ = [
    "bracketed_first_name",
    "first_name",
    "from_line_sender",
    "genitive_sender",
    "given_beside_surname",
    "initial",
    "nickname_inside",
    "nominative_first_name",
    "polish_genitive_name",
    "polish_nominative",
    "polish_spelling",
    "signed_over_header",
    "surname_shaped",
]

# East Asian names written surname first with no comma ("Tanaka Kenji", "Wang Fang",
# "Kim Minji", "Park Eun-ji"): the given name second, when the first word is a common
# surname (:func:`~expander.email.namewords.east_asian_surname`) and the second a common
# given name of this list (folded) or two syllables joined by a hyphen.
_EAST_ASIAN_GIVEN = frozenset(
    "wei fang min jing li na mei lei jun yan hua ying xin hui ling tao jie hao yi bo qiang "
    "xiaoming xiaoling yu ming jian ping lan hong xiu yun chen jia yue kai "
    "kenji hiroshi takashi yuki akira haruto yuto sota yui hina aoi sakura yumi keiko "
    "naoko hiroko yoko kaori ayumi kenta daisuke shota takumi ryo satoshi makoto emi mai "
    "minji jiwoo seoyeon jimin minjun seojun hyun jisoo sooyoung eunji yuna hana minho "
    "junho jihoon sungmin jiyeon soojin hyejin "
    "anh linh minh thanh trang huong lan tuan hung duc nam mai thu hoa".split()
)


# The same names as Russian writes them (Palladius's Chinese, Polivanov's Japanese,
# Kontsevich's Korean, the usual Vietnamese): "Ли Хуэй", "Танака Кэндзи", "Нгуен Тхи
# Лан" are written surname first as the Latin ones are.
_CYRILLIC_EAST_ASIAN_SURNAMES = frozenset(
    "ли ван чжан лю чэнь чен ян хуан чжао чжоу сюй сунь чжу линь гао чжэн лян дэн фэн "
    "хань цао пэн цзэн сяо тянь дун пань юань цай цзян юй чэн вэй жэнь шэнь яо цзинь "
    "танака судзуки сузуки сато такахаси такахаши ватанабэ ватанабе ито ямамото накамура "
    "кобаяси кобаяши като ёсида йошида ямада сасаки ямагути мацумото иноуэ кимура хаяси "
    "симидзу ямадзаки икэда хасимото исикава огава окада маэда фудзита гото "
    "ким пак чхве цой чон кан чо юн лим хан квон хван тен "
    "нгуен нгуeн чан ле фам хоанг хюинь фан ву во данг буй нго зыонг".split()
)
_CYRILLIC_EAST_ASIAN_GIVEN = frozenset(
    "вэй фан мин цзин ли на мэй мэйлин лэй цзюнь янь хуа ин синь хуэй лин тао цзе хао бо "
    "цян сяомин сяолин юй цзянь пин лань хун сю сюин юнь цзя юэ кай сюэ тин цин фэй чао "
    "кэндзи кендзи кенджи хироси хироши такаси такаши юки акира харуто юто сота юи хина "
    "сакура юми кэйко кейко наоко хироко ёко йоко каори аюми кэнта кента дайсукэ дайсуке "
    "сёта шота такуми сатоси сатоши макото эми харуки харука юко акико томоко мэгуми мегуми "
    "минджи джиу соён джимин чимин минджун хён джису суён ынджи юна минхо джунхо джихун "
    "сонмин джиён суджин хеджин "
    "ань линь минь тхань чанг хыонг туан хунг дык нам май тху хоа лан лонг".split()
)


def _surname_of_east_asia(word: str) -> bool:
    """Whether ``word`` is a common East Asian family name, in Latin or Cyrillic letters."""
    return east_asian_surname(word) or fold_same_length(word) in _CYRILLIC_EAST_ASIAN_SURNAMES


def _given_of_east_asia(word: str) -> bool:
    """Whether ``word`` is a common East Asian given name, in Latin or Cyrillic letters
    ("Fang", "Kenji", "Хуэй", "Кэндзи"), or two syllables joined by a hyphen ("Eun-ji")."""
    folded = fold_same_length(word)
    return (
        folded in _EAST_ASIAN_GIVEN
        or folded.replace("-", "") in _EAST_ASIAN_GIVEN
        or folded in _CYRILLIC_EAST_ASIAN_GIVEN
        or syllable_pair(word)
    )


def _east_asian_given(words: list[str]) -> str | None:
    """The given name of an East Asian name of two words written surname first
    ("Tanaka Kenji", "Ли Хуэй"; Vietnamese ones of three are
    :mod:`~expander.email.vietnamesenames`'s)."""
    if len(words) != 2:
        return None
    first, second = (w.strip(",") for w in words)
    if not _surname_of_east_asia(first):
        return None
    if not _given_of_east_asia(second):
        # "Yamamoto Haruka": a first name of the other tables after a family name
        return second if is_first_name(second) and not is_first_name(first) else None
    if _given_of_east_asia(first) and _surname_of_east_asia(second) and not _CYRILLIC.search(first):
        return None  # "Wei Li", "Li Wei": either order; no change (Russian puts the surname first)
    return words[1]


def _east_asian_order_unclear(words: list[str]) -> bool:
    """Whether ``words`` are two, a common East Asian family name and a word no table
    knows ("Sato Haruki", "Park Jiwon", "Ли Сюэлянь"): most likely a given name after
    the family name, but the tables cannot tell, and greeting someone by their family
    name is worse than no name. Not when the first word is a first name too ("Kim",
    "Lee", "Ян") or the second a first name, a surname or a family name of East Asia
    ("Kim Dohyun", "Ким Ольга", "Park Anderson", "Li Wang"). Russian writes Chinese,
    Japanese and Korean names surname first, so in Cyrillic a family name that is a
    given name too opens the name as well ("Ли Сюэлянь")."""
    if len(words) != 2:
        return False
    first, second = (w.strip(",") for w in words)
    return (
        len(first) >= 2
        and _surname_of_east_asia(first)
        and (_CYRILLIC.search(first) is not None or not _given_of_east_asia(first))
        and not is_first_name(first)
        and second.istitle()
        and not _given_of_east_asia(second)
        and not _surname_of_east_asia(second)
        and not is_first_name(second)
        and not surname_shaped(second)
    )


_BRACKETED = re.compile(r"[ \t]*\((?P<nick>[^\W\d_][\w'’-]{1,20})\)")


# a full name in brackets after a short form: "Dot (Dorothy Henshaw)"
_BRACKETED_FULL = re.compile(
    r"[ \t]*\((?P<given>[^\W\d_][\w'’-]{1,20})(?:[ \t]+[^\W\d_][\w'’-]{1,30}){1,2}\)"
)


def _short_form_of(short: str, given: str) -> bool:
    """Whether ``short``, one word no table knows as a first name, is a short form of
    ``given``, a known first name that is no common word ("Dot" of Dorothy): the
    bracketed name is the one to greet with. A known short form ("Kasia (Katarzyna
    Nowak)", "Kate (Katherine Doyle)") is kept: the customer signs with it."""
    return (
        " " not in short
        and short.istitle()
        and not is_first_name(short)
        and is_first_name(given)
        and not is_word_too(given)
        and given.istitle()
        and len(short) < len(given)
        and fold_same_length(given).lower().startswith(fold_same_length(short[0]).lower())
    )


# The endings of a short form made from a name's first letters: "Mirka" of Mirosława,
# "Jarek" of Jarosław, "Wiesia" of Wiesława, "Гоша" of Георгий (folded)
_DIMINUTIVE_END = re.compile(r"(?:ka|ek|sia|zia|nia|cia|dzia|sza|ша|ня|ля|ся|ка|ша|уся)$")


def signed_form_of(signed: str, given: str) -> bool:
    """Whether ``signed``, a known first name the customer signs with, is the
    customer's own form of ``given``, the first name of a header or a form: its
    start ("Doug" of Douglas), its first three letters and a diminutive's ending
    ("Mirka" of Mirosława, "Jarek" of Jarosław), a known short form of another shape
    ("Sasha" of Oleksandr, "Bill" of William), or the same name in the other script
    ("Ольга" under "From: Petrova Olga"). The signed form is the one to greet with."""
    key, full = fold_same_length(signed).lower(), fold_same_length(given).lower()
    if len(key) >= 3 and short_form_of(signed, given):
        return True  # the table vouches for a form the name lists miss ("Liv" of Olivia)
    if not is_first_name(signed) or len(key) < 3:
        return False
    if _CYRILLIC.search(key) != _CYRILLIC.search(full):
        return _cyrillic_key(key) == _cyrillic_key(full)
    if len(full) <= len(key):
        return False
    return full.startswith(key) or (full[:3] == key[:3] and bool(_DIMINUTIVE_END.search(key)))


_CYRILLIC = re.compile("[а-яё]")


def signed_over_header(name: str, signed: str) -> str:
    """``name`` (a header's or a form's, two words or more) as the customer signs
    it (``signed``): the signed name wins, whichever form is the fuller. A full
    name with the same surname and another first name ("From: Ola Wiśniewska-Kruk"
    signed "Aleksandra Wiśniewska-Kruk": Aleksandra; and the other way round); the
    customer's own form of the first name ("Douglas Reid" signed "Doug"); the word
    signed first when :func:`first_name` would take none ("Zhang Mei" signed "Mei" is
    Mei Zhang). A surname signing alone ("Andrew Mitchell" signed "Mitchell") keeps
    ``name``."""
    words = name.split()
    given = first_name(name) or ""
    if " " in signed:
        own = signed.split()
        same_surname = fold_same_length(own[-1]).lower() == fold_same_length(words[-1]).lower()
        signed_given = first_name(signed) or ""
        other = fold_same_length(signed_given).lower() != fold_same_length(given).lower()
        if same_surname and other and signed_given == own[0] and not not_a_name(signed_given):
            return signed
        return name
    key = fold_same_length(signed)
    if fold_same_length(given) == key and given != words[0] and len(words) == 2:
        return f"{words[1]} {words[0]}"  # "Zhang Mei" signed "Mei": Mei Zhang
    if signed_form_of(signed, given):
        return signed  # "Douglas Reid" signed "Doug", "Mirosława" "Mirka", "Petrova Olga" "Ольга"
    if fold_same_length(given) == key or is_first_name(given) or not is_first_name(signed):
        return name  # "Andrew Mitchell" signed "Mitchell": a surname signing
    for i, word in enumerate(words[1:], 1):
        if fold_same_length(word) == key:
            return " ".join([word, *words[:i], *words[i + 1 :]])
    return name


def _cyrillic_key(name: str) -> str:
    """A Russian first name in either script, spelt alike: "Olga" and "Ольга",
    "Sergey" and "Сергей", "Dmitry" and "Дмитрий", "Natalya" and "Наталья"."""
    cyrillic = latin_to_cyrillic(name) if not _CYRILLIC.search(name) else name
    return re.sub(r"[ьъй]", "", cyrillic.replace("ё", "е").replace("ы", "и"))


# A nickname in quotes or brackets between the first name and the surname ('David
# "Dave" O'Connor', "Zofia (Zosia) Lewandowska"): what the customer goes by. A form in
# brackets after the name ("Katarzyna (Kasia)") only explains the name signed, as does
# the full form in brackets after a known short form of it signed ("Bill (William)
# Tanner"), unless the bracket asks to be called so (_CALL_ME_BRACKET).
_NICKNAME_INSIDE = re.compile(
    r"[ \t]+(?:\((?P<bracketed>[^\W\d_][\w'’-]{1,14})\)"
    r"|[\"“„«](?P<quoted>[^\W\d_][\w'’-]{1,14})[\"”»])"
    r"[ \t]+(?=[^\W\d_][\w'’])"
)
# a surname after a bracketed name: "Bill (William) Tanner"
_SURNAME_AFTER = re.compile(r"[ \t]+[^\W\d_][\w'’-]")
# a bracket after the name asking to be called by the name in it: "(call me Liz)", "(just
# Sam)", "(mów mi Gosia)", "(po prostu Kasia)", "(можно просто Лиза)"
_CALL_ME_BRACKET = re.compile(
    r"[ \t]*\((?:(?:but\s+)?(?:please\s+)?(?:call|calls)\s+me|just|simply|or\s+just|"
    r"everyone\s+calls\s+me|(?:a\s+)?po\s+prostu|mów(?:cie)?\s+(?:do\s+mnie\s+)?mi|"
    r"mówcie\s+do\s+mnie|dla\s+znajomych|(?:можно\s+)?(?:просто|зовите(?:\s+меня)?)|"
    r"для\s+друзей)[ \t]+(?P<nick>[^\W\d_][\w'’-]{1,20})[ \t]*[.!]?\)[ \t]*(?:\n|\Z)"
    # the name first: "(Woj to my friends)", "(Kasia dla znajomych)", "(Лиза для друзей)"
    r"|[ \t]*\((?P<before>[^\W\d_][\w'’-]{1,20})[ \t]+"
    r"(?:to[ \t]+(?:my[ \t]+)?friends|for[ \t]+short|"
    r"dla[ \t]+(?:znajomych|przyjaci[óo][łl]|bliskich)|для[ \t]+(?:друзей|своих|близких))"
    r"[ \t]*[.!]?\)[ \t]*(?:\n|\Z)",
    re.IGNORECASE,
)


def _introduced_as(nick: str, text: str) -> bool:
    """Whether ``text`` has the writer introduce herself by ``nick`` ("Это снова Саша",
    "это Саша", "меня зовут Саша", "Я Саша", "Я — Саша"): the name she goes by with the
    shop."""
    return (
        re.search(
            rf"(?i)(?<!\w)(?:это(?:[ \t]+(?:снова|опять|же))?|меня[ \t]+зовут|"
            rf"я(?:[ \t]*[—–-])?)[ \t,]+"
            rf"{re.escape(nick)}(?!\w)",
            text,
        )
        is not None
    )


def nickname_inside(text: str, given: str, context: str = "") -> str | None:
    """The nickname written in quotes or brackets right after ``given`` (the first
    name found) and before a surname in ``text``: a known first name, or the start
    of ``given`` ("Beatrice (Bea) Whitfield"); no common word, title or company
    ("Anna (Sales) Nowak"). Only a form made from the written name's own letters (its
    first two letters in it, in that order: Dave of David, Tom of Thomas, Gosia of
    Małgorzata); a name of another shape explains the one written ('Alexandra "Sasha"
    Petrova', 'Robert "Bob" Hale': the written one). Not on a work signature's name
    line, above a job title or a company ('Bradley "Brad" Kowalczyk / Sales Director'):
    there the full form is the one the customer signs with. A Russian diminutive in
    brackets explains the full name, unless ``text`` or ``context`` (the rest of the
    e-mail) has the writer introduce herself by it."""
    at = text.find(given)
    while at >= 0:
        m = _NICKNAME_INSIDE.match(text, at + len(given))
        nick = (m.group("bracketed") or m.group("quoted")) if m else ""
        line_end = text.find("\n", at)
        below = text[line_end + 1 :].split("\n", 1)[0].strip() if line_end >= 0 else ""
        short, full_form = fold_same_length(nick).lower(), fold_same_length(given).lower()
        if (
            nick
            and (at == 0 or not text[at - 1].isalnum())
            # "Александра (Саша) Клюева": a Russian reply to a stranger greets by the full
            # name the signer writes first, the diminutive between only explains it
            # (unless she introduces herself by it: "Это снова Саша")
            and not (
                m
                and m.group("bracketed")
                and _CYRILLIC.search(given.lower())
                and not _introduced_as(nick, f"{text}\n{context}")
            )
            and nick.istitle()
            and nick != given
            # "Ted (Edward) Hollis": the full form of the short one signed explains it (not
            # "Jan (Janek) Kowalski", 'Ed "Eddie" Marsh': a nickname, longer or not)
            and not short_form_of(given, nick)
            and not not_a_name(nick)
            and not title_or_company(nick)
            and (is_first_name(nick) or full_form.startswith(short))
            and re.search(".*".join(map(re.escape, short[:2])), full_form) is not None
            and not (below and (job_title(below) or mentions_company(below)))
        ):
            return nick
        at = text.find(given, at + 1)
    return None


def bracketed_first_name(text: str, full: str) -> str | None:
    """The first name or nickname written in brackets after ``full`` in ``text``
    ("Lin Mei (Mei)", "P. A. Lindqvist (Patricia)"): the name the customer wants
    to be greeted with; only a known first name that is no common word
    ("(daughter)", "(Nana)", "(Sales)" give none), unless ``full`` gives its first
    name as an initial the word begins with ("D. Whitaker (Dale)"). A known first
    name signed alone keeps it: the other form in brackets after it explains it
    ("Katarzyna (Kasia)", "Sasha (Aleksandra)": the name as signed); so does a short
    form the tables know signed with a surname ("Bill Thornton (William)")."""
    if (called := _called_in_brackets(text, full)) is not None:
        return called
    if " " not in full and is_first_name(full) and not is_word_too(full):
        return None
    letter = initial(full)
    at = text.find(full)
    while at >= 0:
        m = _BRACKETED.match(text, at + len(full))
        nick = m.group("nick") if m else ""
        if m and _SURNAME_AFTER.match(text, m.end()):
            nick = ""  # "Bill (William) Tanner": the name signed outside the brackets
        if nick and _full_form_explains(full.split()[0], nick):
            nick = ""  # "Bill Thornton (William)": the full form explains the short one signed
        if nick and _cut_from_one_syllable(full.split()[0], nick):
            nick = ""  # "John Smith (Jo)": someone else's name, or a note; John signs
        if fold_same_length(nick).lower() in _RELATIONS:
            nick = ""  # "Mason Harrison (Son)": who the writer is to the customer
        if is_first_name(nick) and (
            not is_word_too(nick) or (letter is not None and nick[0] == letter and nick.istitle())
        ):
            return nick
        if nick and _end_of_given(full.split()[0], nick):
            return nick  # "Oluwaseun Adeyemi (Seun)", "Alexander Grant (Xander)"
        if nick and _start_of_given(full.split()[0], nick):
            return nick  # "Maximilian Ross (Max)", "Penelope Hart (Penny)"
        if letter is not None and _spelt_out_initial(nick, letter, text):
            return nick  # "B. J. Harrowgate (Bartholomew)": the initial written out
        if (given := _BRACKETED_FULL.match(text, at + len(full))) and _short_form_of(
            full, given.group("given")
        ):
            return given.group("given")  # "Dot (Dorothy Henshaw)": Dorothy
        at = text.find(full, at + 1)
    return None


_PLAIN_VOWELS = "aeiouąęóаеёиоуыэюяі"
_VOWELS = re.compile(f"[{_PLAIN_VOWELS}y]+")  # a vowel group; "y" too ("Lynn")


# Who the signer is to someone, in brackets after the name: "Mason Harrison (Son)",
# "Anna Nowak (córka)", "Ольга Белова (дочь)" (folded)
_RELATIONS = frozenset(
    map(
        fold_same_length,
        (
            *KIN_WORDS_EN,
            *KIN_WORDS_PL,
            *KIN_WORDS_RU,
            *"partner carer guardian opiekun opiekunka".split(),
        ),
    )
)


def _may_be_short_form(bracketed: str) -> bool:
    """Whether ``bracketed``, written in brackets after a full name, may be a short form
    of it: capitalised, no common word, place, title, company or relative."""
    return (
        bracketed.istitle()
        and fold_same_length(bracketed).lower() not in _RELATIONS
        and not not_a_name(bracketed)
        and not place_or_family(bracketed)
        and not title_or_company(bracketed)
    )


def _end_of_given(signed: str, bracketed: str) -> bool:
    """Whether ``bracketed`` (after a full name) is the end of ``signed``, the first name
    written ("Seun" of Oluwaseun, "Xander" of Alexander, "Tina" of Christina): the short
    form the writer goes by, though no table knows it; never a common word, a place, a
    title or a company ("Ben Carter (Bristol)", "Anna Smith (Sales)"). One no table
    lists starts a syllable with a consonant, has four letters at least and no silent
    "-e" after a consonant: a name's ending cut off is none ("Josephine (Ephine)",
    "Caroline (Line)", "Augustine (Tine)", "Bartholomew (Mew)")."""
    low, end = fold_same_length(signed).lower(), fold_same_length(bracketed).lower()
    if not (
        signed.istitle()
        and len(end) >= 3
        and len(low) >= len(end) + 2
        and low.endswith(end)
        and not is_word_too(bracketed)
        and _may_be_short_form(bracketed)
    ):
        return False
    if is_first_name(bracketed):
        return True
    return (
        len(end) >= 4
        and end[0] not in _PLAIN_VOWELS + "y"
        and not (end.endswith("e") and end[-2] not in _PLAIN_VOWELS + "y")
    )


def _start_of_given(signed: str, bracketed: str) -> bool:
    """Whether ``bracketed`` (after a full name) starts as ``signed``, the first name
    written, does: its first three letters the same ("Max" of Maximilian, "Penny" of
    Penelope, "Alex" of Alexandra), shorter than it, and a listed first name (a common
    word too: the shared start shows it is the name; not "Penelope Hart (Penrith)")."""
    low, short = fold_same_length(signed).lower(), fold_same_length(bracketed).lower()
    return (
        signed.istitle()
        and 3 <= len(short) < len(low)
        and short[:3] == low[:3]
        and _may_be_short_form(bracketed)
        and is_first_name(bracketed)
    )


def _cut_from_one_syllable(signed: str, bracketed: str) -> bool:
    """Whether ``bracketed`` is the start of ``signed``, a first name of one syllable
    ("Jo" of John, "Ma" of Mark): no short form, for a name of one syllable is not
    cut ("Thomas Hale (Tom)", "Daniel Reed (Dan)" are)."""
    low, cut = fold_same_length(signed).lower(), fold_same_length(bracketed).lower()
    return (
        signed.istitle()
        and len(cut) < len(low)
        and low.startswith(cut)
        and len(_VOWELS.findall(low)) == 1
        # a cut inside the vowels is a short form made of the name ("Joan Hart (Jo)")
        and not (cut[-1] in _PLAIN_VOWELS and low[len(cut)] in _PLAIN_VOWELS)
    )


def _full_form_explains(signed: str, bracketed: str) -> bool:
    """Whether ``bracketed`` (after a full name) is the full form of ``signed``, the
    first name signed: only a short form the tables know ("Bill" of William); a name
    that merely shares letters is a nickname gone by ("Tom Hale (Tommy)", "Jan
    Kowalski (Janek)"), as is "Katarzyna Nowak (Kasia)"."""
    return short_form_of(signed, bracketed)


def _called_in_brackets(text: str, full: str) -> str | None:
    """The name a bracket after ``full`` asks to be called by, closing the line the
    name is signed on ("Елизавета (можно просто Лиза)", "Elizabeth Hart (call me Liz)",
    "Lizzie Hart (Liz to my friends)"): a known first name or the written one's start
    ("Wojciech Nowak (please call me Woj)"), no common word. Not in a sentence ("Меня
    зовут Станислав (можно просто Стас). Хочу ...": the name introduced)."""
    at = text.find(full)
    while at >= 0:
        if (at == 0 or not text[at - 1].isalnum()) and (
            m := _CALL_ME_BRACKET.match(text, at + len(full))
        ):
            nick = m.group("nick") or m.group("before")
            # a known first name, or one cut from the written one ("Wojciech Nowak (please
            # call me Woj)"): the customer asks for it
            cut = nick.istitle() and len(nick) >= 2 and full.startswith(nick) and nick != full
            if (is_first_name(nick) or cut) and not not_a_name(nick):
                return nick
        at = text.find(full, at + 1)
    return None


def _spelt_out_initial(nick: str, letter: str, text: str) -> bool:
    """Whether ``nick`` (in brackets after a name given by its initial ``letter``)
    writes that initial out: a capitalised word of four letters or more that
    begins with it, no job title, company or common word ("(Sales)", "(Director)"),
    and not written in lower case in ``text`` too ("(Home)" by "at home")."""
    return (
        len(nick) >= 4
        and nick[0] == letter
        and nick.istitle()
        and not not_a_name(nick)
        and not title_or_company(nick)
        and re.search(r"(?<!\w)" + re.escape(nick.lower()) + r"(?!\w)", text) is None
    )


# (and typed in Latin letters: "Sergeevna", "Nikolaevich"; not "-ich" alone: Dietrich)
_PATRONYMIC = re.compile(
    r"(?:ович|евич|ич|овна|евна|ична|инична|ovich|evich|ovna|evna|ichna|inichna)$"
)
_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|цкий|цкая|енко|ук|юк|ых|их|ski|ska|cki|cka|dzki|"
    r"dzka|wicz)$"
)
# The endings of Russian surnames typed in Latin letters ("Kuznetsova", "Belov",
# "Zhukovsky", "Shevchenko"), on a word of five letters or more (not "Lev")
_LATIN_SURNAME = re.compile(r"(?:ov|ova|ev|eva|yov|yova|sky|skiy|skii|skaya|enko|chuk)$")
# The surname endings no first name has (not -ин, -ина: Марина, Валентин)
_SURNAME_ALONE = re.compile(
    r"(?:ski|ska|cki|cka|dzki|dzka|wicz|czyk|czak|iak|cik|ak|uk|"
    r"ов|ев|ёв|ова|ева|ёва|ский|ская|цкий|цкая|енко)$"  # "Ковалёва", "Королёв": with ё
)
# Cyrillic -ин/-ын/-ына surname endings (Ильин, Сорокин), which a few first names
# share (Валентин): only on a word that is no known first name; not -ина (Катерина)
_RU_SURNAME_IN = re.compile(r"[а-яё](?:ин|ын|ына)$")
# Western surname endings no common first name has (on a word that is no known
# first name: "Robertson", "Svensson", "Fernandez", "Crawford", "Goldstein")
_WESTERN_SURNAME = re.compile(
    r"(?:.{3}son|.{3}sen|.{4}[eai]z|.{2}ford|.{2}field|.{2}wood|.{2}worth|.{2}stein|.{2}berg|"
    r".{2}ington|.{2}mann)$"
)
# a surname with a particle and an apostrophe: "O'Neill", "O’Connor", "D'Souza", "Dell'Orto"
_APOSTROPHE_SURNAME = re.compile(r"(?:o|d|dell|dall|l|mc|mac)['’][^\W\d_]{2,}$")
# a Gaelic or Norman surname with a capital inside: "MacLeod", "McKenzie", "FitzGerald"
# (not "De", "La": "DeAndre", "LaToya" are first names)
_PREFIXED_SURNAME = re.compile(r"(?:Mc|Mac|Fitz)[A-Z][a-z]{2,}")
_INITIALS = re.compile(r"[^\W\d_](?:\.[^\W\d_]){0,2}\.?")


def _double_given(words: list[str]) -> bool:
    """Whether a full name of three words opens with two first names that go
    together ("Mary Beth Carter", "Sarah Jane Whitcombe"): a known first name, then
    one of the names that double names end with (not "James Lee Thompson",
    "Muhammad Ali Khan": one to greet with), and a last word that is no first name."""
    first, second, last = words
    return (
        all(w.isalpha() and w[0].isupper() and w[1:].islower() for w in words)
        and second in _SECOND_OF_DOUBLE
        and is_first_name(first)
        and not is_first_name(last)
    )


# The second halves of English double first names people greet with whole ("Mary
# Beth", "Sarah Jane"); a Polish second name is not greeted with ("Anna Maria
# Wiśniewska": Anna)
_SECOND_OF_DOUBLE = frozenset(
    "Ann Anne Beth Ellen Jane Jo Kay Lou Louise Lynn Mae Marie May Rose Sue".split()
)


def surname_shaped(word: str) -> bool:
    """Whether ``word`` reads as a surname: a common one (Thompson, Kaczmarek) or one
    with a surname's ending (Kowalska, Петренко, Robertson, Kuznetsova), and no
    known first name. "Vase" in "Florence Vase" or "Station" does not."""
    if is_first_name(word):
        return False
    low = word.lower()
    return bool(
        common_surname(word)
        or _SURNAME.search(low)
        or _SURNAME_ALONE.search(low)
        or _RU_SURNAME_IN.search(low)
        or _WESTERN_SURNAME.search(low)
        or (len(low) >= 5 and _LATIN_SURNAME.search(low))
    )


def first_name(full: str) -> str | None:
    """The first name to greet with: "Петрова Анна Сергеевна" → Анна, "Kowalski Jan" → Jan;
    None when the first name is written as an initial only ("J. Smith", "Петров И.И.")."""
    words = full.split()
    if len(words[0].rstrip(".")) <= 1 or _INITIALS.fullmatch(words[0]):
        return None  # "J. Smith", "J.R."
    initials = "".join(words[1:]).replace(".", "")
    if len(words) >= 2 and all(_INITIALS.fullmatch(w) for w in words[1:]) and len(initials) >= 2:
        # "Петров И.И.", "Федоров И. Н.": a surname, then the initials of the
        # first name and patronymic; no first name written out. ("Ella R." is
        # Ella: one initial is the surname's.)
        return None
    if len(words) == 1 and _SURNAME_ALONE.search(full.lower()) and not is_first_name(full):
        return None  # "Zielińska", "Иванова": a surname alone
    if (
        len(words) == 1
        and _RU_SURNAME_IN.search(full)
        and not is_first_name(full)
        and not foreign_name_in_cyrillic(full)  # "Кевин" signing a Russian e-mail
    ):
        return None  # "Ильин", "Сорокин": no known first name, a surname's ending
    if len(words) == 1 and common_surname(full):
        return None  # "Thompson", "Fletcher": a common surname alone
    if vietnamese_order_unclear(words):
        return None  # "Thu Ha Nguyen": Thu, or Ha of Thu Ha
    if given := (
        vietnamese_given_name(words) or _east_asian_given(words) or chinese_given_name(words)
    ):
        return given  # "Tanaka Kenji": Kenji; "Mei Ling Tan", "Tan Mei Ling": Mei Ling
    if _east_asian_order_unclear(words) or chinese_order_unclear(words):
        return None
    if len(words) >= 2:
        for i in range(1, len(words)):
            if _PATRONYMIC.search(words[i].lower()):
                return words[i - 1]
        if (
            len(words) >= 3
            and _SURNAME_ALONE.search(words[0].lower())
            and not is_first_name(words[0])
            and is_first_name(words[1])
        ):
            return words[1]  # "Wiśniewska Anna Maria": a surname first, then two first names
        if len(words) == 3 and _double_given(words):
            return f"{words[0]} {words[1]}"  # "Mary Beth Carter", "Sarah Jane Whitcombe"
        if len(words) == 2:
            first, second = (w.lower() for w in words)
            latin_surname = len(first) >= 5 and bool(_LATIN_SURNAME.search(first))
            if latin_surname and len(words[1].rstrip(".")) == 1 and not is_first_name(first):
                return None  # "Ivanova E.": a surname typed in Latin letters and an initial
            if (
                _SURNAME.search(first)
                and not _SURNAME.search(second)
                and not foreign_name_in_cyrillic(words[0])  # "Кевин Смит": Kevin Smith
            ):
                # "Иванов Игорь"; not "Иванов И.", a surname and an initial; but
                # "Ирина В.", a first name with a surname's ending and an initial
                if len(words[1].rstrip(".")) > 1:
                    return words[1]
                return words[0] if is_first_name(words[0]) else None
            # "Nowak Katarzyna", "Wójcik Magdalena": surname first, as Polish
            # and Russian forms and registers write it.
            if (
                fold_same_length(second) in FIRST_NAMES
                and fold_same_length(first) not in FIRST_NAMES
            ):
                return words[1]
            if _SURNAME.search(first) and is_first_name(words[1]) and not is_first_name(words[0]):
                return words[1]  # "Магомедова Мадина": both end as a surname may; one is a name
            if common_surname(words[0]):
                # "Watson Holmes", "Hughes Anna": a common surname first, then a known
                # first name or none to greet with
                return words[1] if is_first_name(words[1]) else None
            if (
                (
                    _WESTERN_SURNAME.search(first)
                    or _APOSTROPHE_SURNAME.match(first)
                    or _PREFIXED_SURNAME.fullmatch(words[0])
                )
                and is_first_name(second)
                and not is_word_too(second)
                and not is_first_name(first)
            ):
                return words[1]  # "Robertson Andrew", "Fernandez Lucia", "McKenzie Ruth"
            if (
                len(first) >= 5
                and _LATIN_SURNAME.search(first)
                and is_first_name(second)
                and not is_first_name(first)
            ):
                return words[1]  # "Kuznetsova Yulia": a Russian surname typed in Latin letters
    return words[0]


def initial(full: str) -> str | None:
    """The initial a name without its first name written out gives for it: "J. Smith"
    → J, "Петров И.И." → И; None for a surname alone ("Zielińska")."""
    words = full.split()
    if len(words[0].rstrip(".")) <= 1 or (len(words) > 1 and _INITIALS.fullmatch(words[0])):
        return words[0][0]  # "J. Smith", "Г.П. Сорокина"
    return words[1][0] if len(words) > 1 and _INITIALS.fullmatch(words[1]) else None


def given_beside_surname(surname: str, text: str) -> list[str]:
    """The known first names ``text`` writes beside ``surname`` (of a name signed with
    initials, "Орлова И." or "Максимова Т. А."): right before it ("Ирина Орлова"), right
    after it ("Орлова Ирина", "Я, Максимова Татьяна Алексеевна, ..."), or before a
    patronymic before it ("Я, Татьяна Алексеевна Максимова, ..."), capitalised."""
    s = re.escape(surname)
    patterns = (
        rf"\b([^\W\d_]+)[ \t]+{s}\b",
        rf"\b{s}[ \t]+([^\W\d_]+)\b",
        rf"\b([^\W\d_]+)[ \t]+[^\W\d_]+(?:вич|вна|ична|vich|vna|ichna)[ \t]+{s}\b",
    )
    return [
        m.group(1)
        for pattern in patterns
        for m in re.finditer(pattern, text)
        if m.group(1).istitle() and is_first_name(m.group(1))
    ]


def polish_nominative(vocative: str) -> str | None:
    """The first name a Polish vocative addresses ("Pani Beato" → Beata, "Kasiu" →
    Kasia, "Panie Marku" → Marek, "Tomaszu" → Tomasz, "Janie" → Jan, "Piotrze" →
    Piotr, "Michale" → Michał, "Pawle" → Paweł, "Robercie" → Robert), when it is a
    known first name; else None (the vocative is never the name as written)."""
    w = vocative
    candidates = []
    if w.endswith(("o", "iu")):
        candidates.append(w[:-1] + "a")  # Beato, Kasiu
    elif w.endswith("ku"):
        candidates.append(w[:-2] + "ek")  # Marku, Jacku
    elif w.endswith("u"):
        candidates.append(w[:-1])  # Tomaszu, Kamilu, Grzegorzu
    if w.endswith("le"):
        candidates += [w[:-2] + "ł", w[:-2] + "eł"]  # Michale, Pawle
    if w.endswith("rze"):
        candidates.append(w[:-3] + "r")  # Piotrze, Sławomirze
    if w.endswith("cie"):
        candidates.append(w[:-3] + "t")  # Robercie
    if w.endswith("ie"):
        candidates.append(w[:-2])  # Janie, Krzysztofie
    return next((c for c in candidates if len(c) > 1 and is_first_name(c)), None)


# Polish first names whose spelling has diacritics, as a phone keyboard drops them
# ("Pawel", "Lukasz", "Malgosia"): an agent greets with the name as it is spelt.
# Only names with no other spelling of their own ("Lucja" is a name beside
# "Łucja", "Roza" beside "Róża": left out).
_POLISH_SPELLINGS = {
    fold_same_length(name): name
    for name in (
        "Paweł Michał Łukasz Rafał Mikołaj Bartłomiej Przemysław Stanisław Jarosław "
        "Mirosław Radosław Wiesław Zdzisław Bogusław Czesław Bronisław Władysław Sławomir "
        "Sławek Jędrzej Józef Staś Jaś Krzyś Michałek Małgorzata Małgosia Małgośka Gośka "
        "Żaneta Bożena Grażyna Józefa Elżbieta Bogumiła Ludmiła Wiesława Stanisława "
        "Jarosława Bronisława Władysława Czesława Sławomira Bogusława Mirosława Radosława "
        "Aśka Kaśka Baśka Józia Jadźka"
    ).split()
}


def polish_spelling(name: str) -> str:
    """``name`` spelt with its Polish diacritics when it is typed without them
    ("Pawel" → Paweł, "Zaneta" → Żaneta); any other name as it is. For names
    found in a Polish e-mail: elsewhere "Michal" may be a name of its own."""
    if not name.isascii():
        return name
    return _POLISH_SPELLINGS.get(name.lower(), name)


# "от Федорова Игоря Николаевича" opening a line: the sender of a formal claim,
# in the genitive, as Russian claims head the page.
_FROM_GENITIVE = re.compile(
    r"^[ \t]*(?i:от)[ \t]+(?P<name>(?-i:[А-ЯЁ][а-яё-]+)(?:[ \t]+[А-ЯЁ][а-яё-]+){1,2})"
    r"[ \t]*,?[ \t]*$",
    re.MULTILINE,
)
_GENITIVE_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овн|евн|ичн|иничн)[аы]$")


def nominative_first_name(word: str) -> str | None:
    """The first name whose genitive ``word`` is ("Игоря" → Игорь, "Ольги" → Ольга,
    "Павла" → Павел, "Льва" → Лев), when it is one of :data:`FIRST_NAMES`; else None.
    The name is given with the "ё" it is signed with: "Петра" → Пётр, "Семена" →
    Семён, "Федора" → Фёдор (the genitive loses it, or was typed without it)."""
    stem = word[:-1]
    candidates = [
        stem, stem + "ь", stem + "й", stem + "а", stem + "я", stem[:-1] + "е" + stem[-1:]
    ]  # fmt: skip
    if len(stem) > 2 and stem[-2] == "ь":
        candidates.append(stem[:-2] + "е" + stem[-1])  # "Льва" → Лев
    for candidate in candidates:
        for spelt in (candidate, *_with_yo(candidate)):
            if fold_same_length(spelt) in FIRST_NAMES:
                return spelt
    return None


def _with_yo(word: str) -> list[str]:
    """``word`` with one of its "е" written "ё" ("Петр" → Пётр), each way."""
    return [word[:i] + "ё" + word[i + 1 :] for i, ch in enumerate(word) if ch == "е"]


def genitive_sender(body: str) -> str | None:
    """The first name of the "от Федорова Игоря Николаевича" line heading a claim."""
    for m in _FROM_GENITIVE.finditer(body):
        words = m.group("name").split()
        for i in range(1, len(words)):
            if _GENITIVE_PATRONYMIC.search(words[i]) and (
                name := nominative_first_name(words[i - 1])
            ):
                return name
    return None


# "from John Paul Smith", "od Jana Kowalskiego" alone on a line heading a formal
# complaint: used only against an initial signing ("J.P. Smith")
_FROM_LINE = re.compile(
    r"^[ \t]*(?i:from|od)[ \t]+(?P<name>(?-i:[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż-]+)"
    r"(?:[ \t]+[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż-]+){1,2})[ \t]*,?[ \t]*$",
    re.MULTILINE,
)


def from_line_sender(body: str) -> str | None:
    """The first name of a "from John Smith" / "od Jana Kowalskiego" heading line,
    in the nominative (Polish genitives: "Jana" → Jan, "Anny" → Anna)."""
    for m in _FROM_LINE.finditer(body):
        word = m.group("name").split()[0]
        stem = word[:-1]
        if word[-1] in "yi":  # "Anny", "Katarzyny" → Anna, Katarzyna
            candidates: tuple[str, ...] = (stem + "a",)
        elif word[-1] == "a":  # "Jana" → Jan, "Pawła" → Paweł
            candidates = (stem, stem[:-1] + "eł" if stem.endswith("ł") else "", word)
        else:
            candidates = (word,)
        for candidate in candidates:
            if candidate and is_first_name(candidate):
                return candidate
    return None


# A Polish surname in the genitive with an adjective's ending ("Kowalskiego",
# "Kowalskiej", "Zielińskiego"): the name is written as "from whom" ("Od: Jana
# Pawła Kowalskiego"), never as a sender's display name in the nominative.
_GENITIVE_SURNAME = re.compile(r"(?:[sc]ki|dzki|[sc]k|dzk|n|ow|ew)(?:ego|iej|ej)$")


def _genitive_first_name(word: str) -> str | None:
    """The known first name a Polish genitive is of ("Jana" → Jan, "Pawła" → Paweł,
    "Anny" → Anna, "Marii" → Maria), or None."""
    stem = word[:-1]
    if word.endswith("ii"):
        candidates: tuple[str, ...] = (stem + "a",)  # Marii → Maria
    elif word[-1] in "yi":
        candidates = (stem + "a",)  # Anny, Katarzyny → Anna, Katarzyna
    elif word.endswith("ka") and len(word) > 4:
        candidates = (stem[:-1] + "ek", stem)  # Marka → Marek
    elif word[-1] == "a":
        candidates = (stem, stem[:-1] + "eł" if stem.endswith("ł") else "")  # Jana, Pawła
    else:
        return None
    return next((c for c in candidates if c and is_first_name(c)), None)


def polish_genitive_name(name: str) -> str | None:
    """A Polish name written in the genitive ("Jana Pawła Kowalskiego", "Anny
    Nowickiej") in the nominative ("Jan Paweł Kowalski", "Anna Nowicka"), when
    the surname has an adjective's genitive ending and each first name before it
    is the genitive of a known first name; else None."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not _GENITIVE_SURNAME.search(words[-1].lower()):
        return None
    firsts = [_genitive_first_name(w) or "" for w in words[:-1]]
    surname = words[-1]
    masculine = surname.endswith("ego")
    if not all(f and f.endswith("a") != masculine for f in firsts):
        return None  # not every first name a known one's genitive, or "Jana Kowalskiej"
    if masculine:
        surname = surname[:-3] + ("" if surname[:-3].endswith("i") else "y")  # Kowalski, Nowy
    else:
        surname = surname[: -3 if surname.endswith("iej") else -2] + "a"  # Nowicka, Nowa
    return " ".join([*firsts, surname])
