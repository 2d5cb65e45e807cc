"""The name that ends the customer's text without a signature block: after the
last sentence on its line ("... is broken. Anna", "... кв. 5. Лариса", "... не
срывала. Ксения (Ксюша)"), a full name alone on one
of the last lines, after a thanks ("... ring me thanks maureen"), after a
dash ("... VAT GB 304 2281 90. - Ana"), the last word of a text written all
in lower case ("... can u help. bev"), and where such a name starts, for the
masker (:func:`closing_name_start`); never a town or a colour after an address's
or a product's number ("... Suite 200. Charlotte", "... shade no. 12. Olive").
Also whether an "its ..." introduction reads as one (:func:`its_introduction_fits`).
"""

from __future__ import annotations

import re

from expander.email.addressblock import after_place_word
from expander.email.firmsigned import firm_signed_name
from expander.email.givenname import first_name
from expander.email.kinsigned import closing_kin_noted
from expander.email.nameforms import SELF_REFERENCE, from_header_value, tidy_case
from expander.email.namelines import (
    label_follows,
    looks_like_address,
    mentions_company,
    name_of_line,
    opens_greeting_no_one,
    signed_name,
)
from expander.email.namewords import (
    CARRIERS_AND_MARKETS,
    CLOSING_WORDS,
    common_surname,
    is_first_name,
    is_word_too,
    not_a_name,
    organisation_word,
    place_or_family,
    place_phrase,
    used_as_common_word,
)
from expander.email.runonsignoff import run_on_signed_name
from expander.email.signoffs import split_sign_off
from expander.textfold import fold_same_length

__all__ = [
    "closing_name",
    "closing_name_start",
    "initials_signed_name",
    "its_introduction_fits",
    "lower_case_closing_name",
    "own_forwarded_signer",
]


# A name after the last sentence of the text, on its line: "... is broken. Anna".
# An emoji or an emoticon ends a sentence as well: "... came broken 😢 Megan",
# "... customer here :) Ellie", and brackets alone, as Russian texts smile or frown:
# "... k pyatnice(( Lena", "... спасибо)) Оля".
_EMOJI = "\u2600-\u27bf\U0001f300-\U0001faff"
_NAME_AFTER_LAST_SENTENCE = re.compile(
    rf"[^\W\d_][^\n]*?(?:[.!?]|[{_EMOJI}][\ufe0f\u200d{_EMOJI}]*|(?<!\S)[:;=]['’-]?[()DPp]+|"
    r"(?<=[^\W\d_])(?:\({2,}|\){2,}))[ \t]+"
    r"(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*)?)"
    r"[ \t]*\Z"
)


# A thanks and a known first name ending the text with no sentence's end before
# them, in any case: "... can someone ring me thanks maureen", "... dzięki ola", and
# who they are in brackets: "... thanks, Karen (daughter)", and kisses: "... thanks jess x";
# a kiss alone ("... lol x Jess"), not a size or a count ("2 x Anna"); a Polish greeting
# that signs a chat line: "... proszę o dosłanie pozdrawiam Janusz"
_THANKS_THEN_FIRST_NAME = re.compile(
    r"(?i:(?<![\d×])(?<![\d×][ \t])\b(?P<kisses>xo|x{1,3}|xoxo)|\b(?:thanks|thank you|thank u|"
    r"thx|cheers|ta|dzi[eę]ki|dzi[eę]kuj[eę]|(?P<greets>pozdrawiam|pozdr)|spasibo|спасибо|спс|пасиб[оа]?))"
    r"[ \t,!.:-]+"
    r"(?P<name>[^\W\d_][\w'’-]*)[ \t.!]*(?:\([^()\n]{1,30}\)[ \t.!]*|(?i:xo|x{1,3})[ \t.!]*)?\Z"
)

# the writer's age in brackets after the name: "Ron (aged 79)", "Zofia (lat 82)", "Нина
# (78 лет)", "Ron (79)"
_AGE_TAIL = re.compile(
    r"[ \t]*\([ \t]*(?:(?i:aged?|wiek|lat|возраст)[ \t:]*)?\d{2,3}"
    r"(?:[ \t]*(?i:years?(?:[ \t]+old)?|yrs?|y\.?o\.?|lat[a]?|лет|года?))?[ \t]*\)[ \t.!]*\Z"
)


def _age_after_name(before: str, age: str) -> bool:
    """Whether an age in brackets follows a name: said to be one ("(aged 79)", "(78
    лет)"), or a bare number after a known first name ("Margaret (82)", not "Room
    (101)")."""
    if any(c.isalpha() for c in age):
        return True
    words = before.split()
    return bool(words) and is_first_name(words[-1].strip(".,!"))


# a full name in brackets ending a line, after the name to greet with
_BRACKETED_FULL_NAME = re.compile(r"[ \t]+\((?P<full>[^\W\d_][^()\n]{2,60})\)[ \t]*\Z")

# a sentence's end inside a tail, not an abbreviation's point ("г. Пушкин")
_SENTENCE_INSIDE = re.compile(r"[^\W\d_]{3}[.!?][ \t]")
_COMMA_TAIL = re.compile(r"[ \t]*,[ \t]*(?P<firm>[^,\n]{2,60})\Z")
# a sentence ending inside such a tail, one word after it: "..., NIP 7791234561. Ela" (the
# firm's details, then the name)
_NAME_ENDS_TAIL = re.compile(r"[.!?][ \t]+[^\W\d_][\w'’-]*[ \t]*\Z")


# The marks of a dictated text, spoken as words ("... what do I do full stop Henry Wood",
# "... co mam zrobić kropka Henryk", "... позвоните запятая ... точка спасибо Зинаида")
_SPOKEN_MARK = re.compile(
    r"(?i:\b(?:full stop|period|comma|question mark|exclamation mark|new line|new paragraph|"
    r"kropka|przecinek|znak zapytania|wykrzyknik|nowa linia|akapit|"
    r"точка|запятая|вопросительный знак|восклицательный знак|новая строка|абзац)\b)"
)


def _dictated_name(body: str) -> str | None:
    """The name that closes a dictated text, one with no written mark of a sentence's
    end but its marks spoken ("... zrobic kropka Henryk Wojcik"): the words after the
    last spoken mark, after a sign-off there or not, when they are a name that starts
    with a known first name; and only where two marks are spoken, or the sign-off
    is there ("... привезут точка спасибо Зинаида Фёдоровна")."""
    if re.search(r"[.!?]", body):
        return None
    marks = list(_SPOKEN_MARK.finditer(body[-2000:]))
    if not marks:
        return None
    last = body[-2000:][marks[-1].end() :].strip(" \t\n,:;-–—")
    signed = split_sign_off(last)
    if signed:
        last = signed[1]
    elif len(marks) < 2:
        return None
    name = name_of_line(last) if len(last) <= 60 else None
    return name if name and is_first_name(name.split()[0]) else None


# Someone's name and the place they are from, on a line of its own under the text:
# "Irena z Łodzi", "Anna from Leeds", "Ольга из Твери", "Tom from Milton Keynes"
_NAME_FROM_PLACE = re.compile(
    # and with a title: "Pani Bożena z Sopotu"
    r"(?:(?P<title>(?i:pani|pan|mrs|mr|ms|miss|госпожа|господин))\.?[ \t]+)?"
    r"(?P<name>[^\W\d_][\w'’-]+)[ \t]+(?i:z|ze|from|из|со?)[ \t]+"
    r"(?P<place>(?-i:[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ])[\w'’.-]+(?:[ \t]+(?-i:[A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ])[\w'’.-]+)?)"
    rf"[ \t.!{_EMOJI}\ufe0f\u200d]*"
)

# where an agent, not a customer, is from: a department ("Sarah from Customer Care",
# "Pani Ewa z Obsługi Klienta"); the couriers and marketplaces are CARRIERS_AND_MARKETS
_DEPARTMENT = re.compile(
    r"(?i:customer|client|support|service|care|sales|returns?|help\w*|team|office|warehouse|"
    r"dzia\w*|obs[lł]ug\w*|bok|biur\w*|sklep\w*|magazyn\w*|отдел\w*|служб\w*|поддержк\w*|"
    r"магазин\w*|склад\w*)\b"
)


def _name_from_place(line: str) -> str | None:
    """The known first name (no common word) of a last line that gives a name and a
    place only ("Irena z Łodzi", "Anna from Leeds"), capitalised as a name is, or of
    the words after the line's last sentence with a title ("... zakupów. Pani Bożena z
    Sopotu 🎄"; not "... rzucił pod drzwi. Marek z Gdyni", a name the text tells of).
    Never one from a courier, a marketplace or a department ("Pan Marek z DPD", "Mike
    from DPD", "Sarah from Customer Care"): an agent the customer tells of."""
    m = _NAME_FROM_PLACE.fullmatch(line)
    if m is None and (ends := list(re.finditer(r"[.!?][ \t]+", line))):
        m = _NAME_FROM_PLACE.fullmatch(line, ends[-1].end())
        if m is not None and m.group("title") is None:
            return None
    if m is None or not m.group("name").istitle() or not _name_only(m.group("name")):
        return None
    place = m.group("place")
    if _DEPARTMENT.match(place) or any(
        fold_same_length(w.strip(".")) in CARRIERS_AND_MARKETS for w in place.split()
    ):
        return None
    return m.group("name")


def closing_name(body: str) -> str | None:
    """A name that closes the customer's text without a sign-off: after the
    last sentence on its line ("... is broken. Anna"), or a full name alone
    on one of the last two lines, under the text ("Anna Smith" and one more
    line: "Could you reply soon"), or after the last mark spoken in a dictated
    text ("... co mam zrobic kropka Henryk Wojcik")."""
    if name := _dictated_name(body) or run_on_signed_name(body):
        return name  # "... kropka Henryk Wojcik", "... na kartę pozdrawiam Marek Jabłoński"
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if len(lines) < 2 and not (lines and len(lines[0]) > 20):
        return None
    if len(lines) >= 2 and label_follows(lines[-2]):
        return None  # "... the name label like this:\nOliver, Year 6": the label's text
    if name := _name_with_contact(lines[-1], body):
        return name  # "kuba, tel 733 104 391", "Руслан 8-987-654-11-20"
    if name := _name_then_who(lines[-1], body):
        return name  # "Тимур, студент, если это важно)", "Kasia, stała klientka"
    if name := _kin_then_name(lines[-1]) or closing_kin_noted(lines):
        return name  # "... есть или нет? Бабушка Зина, 72 года", "Anna (mama Zosi), ..."
    thanks = _THANKS_THEN_FIRST_NAME.search(lines[-1][-60:])
    if thanks and _handle_signed(body, thanks):
        return thanks.group("name").capitalize()  # "From: kev_b_1979 ... cheers kev"
    if (
        thanks
        and not thanks.group("greets")  # "pozdrawiam Janusz": signed (one greeted: "Janusza")
        and not opens_greeting_no_one(body)
        and not _chat_signed(body, thanks)
    ):
        thanks = None  # "Kate, ... thanks Kate", or no greeting: Kate may be thanked
    if thanks and _named_before(body, thanks):
        thanks = None  # "hey jake, ... thx jake": the one greeted is thanked
    if thanks and is_first_name(thanks.group("name")):
        return tidy_case(thanks.group("name"))  # "... ring me 07700900312 thanks maureen"
    capitalised = thanks and thanks.group("name").istitle() and len(thanks.group("name")) > 2
    if thanks and capitalised:
        if name := name_of_line(thanks.group("name")):
            return name  # "... is late, thanks Anaïs"
    last = lines[-1][-200:]  # a sentence end and a name of two words fit in it
    full = _BRACKETED_FULL_NAME.search(last)
    if full and (written := name_of_line(full.group("full"))) and len(written.split()) >= 2:
        last = last[: full.start()]  # "... for the shipping? Kasia (Katarzyna Nowak)": Kasia
    if (age := _AGE_TAIL.search(last)) and _age_after_name(last[: age.start()], age.group()):
        last = last[: age.start()]  # "... talk to a person. Ron (aged 79)": Ron
    nick = _SHORT_FORM_AFTER.search(last)
    if nick and _short_form_fits(last[: nick.start()], nick.group("nick"), nick.group("town")):
        last = last[: nick.start()]  # "... Бирки не срывала. Ксения (Ксюша)": Ксения
    if name := _after_numbered_end(last):
        return name  # "... ул. Советская, д. 12, кв. 5. Лариса"
    firm = _COMMA_TAIL.search(last)
    if firm and mentions_company(firm["firm"]) and not _NAME_ENDS_TAIL.search(firm["firm"]):
        last = last[: firm.start()]  # "... Реквизиты ниже. Ярослав, ИП Беляев Я.В.": Ярослав
    elif firm and _place(firm.group("firm")) and not _SENTENCE_INSIDE.search(firm.group("firm")):
        # (not "..., 00-876 Warszawa. Sławomir": a sentence ends before the name)
        last = last[: firm.start()]  # "Людмила Ивановна, г. Пушкин", "... soon. Tom, Leeds"
        if (name := name_of_line(last)) and is_first_name(name.split()[0]):
            return name
    m = _NAME_AFTER_LAST_SENTENCE.search(last)
    token = last[: m.start("name")].split()[-1] if m else ""
    ended = token.strip("(\"'«».!?")
    if ended and re.fullmatch(rf"[{_EMOJI}\ufe0f\u200d]+", ended):
        ended = "emoji"  # no initial's point
    if len(ended) == 1 and token.endswith(("?", "!")):
        ended = "question"  # "... поменять S на M? Ксюша": a letter ending a question
    # not after an initial's or an address's point: "J. Smith", "г. Тверь", "ul. Długa"
    # the last sentence before the name (not "(order 772019, return ...)" sentences back)
    before = last[: m.start("name")].rstrip() if m else ""
    sentence = re.split(r"(?<=[.!?])[ \t]+", before[:-1])[-1] if before else ""
    if (
        m
        and ended
        and len(ended) > 1
        and (not looks_like_address(sentence) or _written_in_full(m.group("name"), before))
        and not _town_or_shade_after_number(before, m.group("name"), body)
        and not after_place_word(before)  # "..., дер. Надежда, ул. Садовая, д. 5"
    ):
        # a known first name after the last sentence ("... check please? Aisha"), or
        # one word that looks like one ("... another one? Esperanza"); not "... check
        # please? Paris", "... is broken. Philips" when the text names the maker
        name = name_of_line(m.group("name"))
        if name and is_first_name(name.split()[0]):
            return name
        if name and m.group("name") == name and _looks_like_first_name(name, body):
            return name  # and not after a point of its own: "... still nothing. Useless."
    if name := _dash_signed(lines[-1], body):
        return name
    if name := _name_from_place(lines[-1]) or firm_signed_name(lines, body):
        return name  # "... dla całego zespołu.\nIrena z Łodzi", "Tasha @ Pink Flamingo Café"
    if name := _comma_signed(lines[-1], body):
        return name  # "... Odesłałam 10 dni temu. Zam. 58112, Ola"
    for line in lines[1:][-2:]:
        if (name := name_of_line(line)) and len(name.split()) >= 2:
            return name
    return None


# a short form in brackets after the name that ends the text: "Ксения (Ксюша)", perhaps
# the town after it ("Евгения (Женя), г. Пермь")
_SHORT_FORM_AFTER = re.compile(
    r"[ \t]+\((?P<nick>[^\W\d_][\w'’-]{1,20})\)(?:,[ \t]*(?P<town>[^,()\n]{2,40}?))?[ \t.!]*\Z"
)


def _short_form_fits(before: str, nick: str, town: str | None) -> bool:
    """Whether the bracketed ``nick`` after ``before`` is the short form of a name: a
    known first name ("Ксения (Ксюша)"), or a capitalised word that is no common word
    nor a place ("Aleksander (Olek)"; the name before it is judged as any closing name
    is); a town after it only as a place."""
    if town is not None and not _place(town):
        return False
    if is_first_name(nick):
        return True
    common = is_word_too(nick) or not_a_name(nick) or place_or_family(nick)
    given = before.split()[-1] if before.split() else ""
    return bool(given) and not is_word_too(given) and nick.istitle() and not common


_NAME_AFTER_NUMBER = re.compile(
    r"(?<![\w.])\d{1,8}\.[ \t]+(?P<name>[^\W\d_][\w'’-]{1,20})[ \t.!]*\Z"
)


# Given names that are common towns' names too ("... Suite 200. Charlotte", "...
# 67-410. Sława", "пгт Ольга"): after an address with no town, the town (folded)
_TOWNS_NAMED_LIKE_PEOPLE = frozenset(
    fold_same_length(w.lower())
    for w in (
        "Victoria Charlotte Savannah Madison Austin Florence Augusta Adelaide Alexandria "
        "Beverly Chelsea Eugene Georgia Helena Jackson Lincoln Marion Orlando Regina Sydney "
        "Tyler Troy Warren Kingston Preston Hamilton Camden Clifton Chester Darwin Dallas "
        "Houston Raleigh Paris Sofia Vienna Shelby Carson Aurora Laurel Cheyenne Phoenix "
        "Lafayette Milton Ashley Beaumont Stanley Sława Ольга Анна Кира Лида"
    ).split()
)
# an address's words: a street, a unit, a flat, a postcode
_ADDRESS_WORD = re.compile(
    r"(?i:\b(?:unit|suite|ste|apt|apartment|flat|floor|st|street|rd|road|ave|avenue|lane|"
    r"ln|drive|dr|blvd|way|close|court|house|ul|al|os|pl|m|lok|кв|д|ул|дом|корп|стр)\b\.?)"
    r"|\b\d{2}-\d{3}\b"
)
_TOWN_WORD = re.compile(
    r"(?i:\b(?:г|гор|город|пгт|пос|пос[её]лок|с|дер|city|town|miasto|m\.st)\b\.?)"
)
_POSTCODE_END = re.compile(r"\b\d{2}-\d{3}[ \t]*[.,]?[ \t]*\Z")
# a product's number before it: "shade no. 12. Olive", "kolor nr 4. Róża"
_PRODUCT_NUMBER_END = re.compile(
    r"(?i:\b(?:shade|colou?r|tone|hue|paint|finish|model|item|art|sku|print|pattern|design|"
    r"style|variant|variety|wz[oó]r|wzoru|nadruk\w{0,2}|принт\w{0,2}|узор\w{0,2}|сорт\w{0,2}|"
    r"odcie[nń]|kolor|farb\w{0,2}|"
    r"model|оттен\w{0,3}|цвет\w{0,2}|модел\w{0,2}|артикул))\b[^\n\d]{0,12}\d{1,6}[ \t]*\.?[ \t]*\Z"
)


def _town_or_shade_after_number(before: str, name: str, body: str) -> bool:
    """Whether ``name``, closing the text after ``before`` (which ends with a number and
    its point), is a town or a colour rather than a signer: after a postcode ("ul. Lipowa
    3, 67-410. Sława"), a product's number ("shade no. 12. Olive"), or an address that
    names no town yet when the name is a town's too ("Harbour Road, Unit 5. Victoria";
    not "г. Самара, ..., кв. 3. Лариса", "пгт Ольга, ул. Ленинская, д. 8. Ольга")."""
    tail = before[-80:]
    if _POSTCODE_END.search(tail) or _PRODUCT_NUMBER_END.search(tail):
        return True
    if fold_same_length(name.lower()) not in _TOWNS_NAMED_LIKE_PEOPLE:
        return False
    sentence = tail.rsplit(":", 1)[-1]
    if not _ADDRESS_WORD.search(sentence):
        return False
    named = re.search(rf"(?i:\b{re.escape(name)}\b)", body[: max(0, len(body) - len(name) - 1)])
    return _TOWN_WORD.search(sentence) is None and named is None


def _after_numbered_end(last: str) -> str | None:
    """The name that ends ``last`` (the text's last line) after a sentence that ends
    with a number (a flat's, an order's: "... кв. 5. Лариса", "... order 81046. Tash"):
    a known first name that is no common word and no place ("... д. 12. Тверь" is an
    address going on)."""
    tail = last[-40:]
    m = _NAME_AFTER_NUMBER.search(tail)
    if m is None or not m.group("name").istitle():
        return None
    name = m.group("name")
    if _town_or_shade_after_number(last[: len(last) - len(tail) + m.start("name")], name, last):
        return None
    return name if _name_only(name) and not place_or_family(name) else None


def _written_in_full(name: str, text: str) -> bool:
    """Whether ``text`` writes the first name ``name`` with a surname after it: a name
    closing a text after an address ("... firma FOTO-X Sławomir Bąk, ul. Ogrodowa 2,
    00-876 Warszawa. Sławomir") signs it, the writer's own full name given above."""
    return (
        is_first_name(name)
        and re.search(rf"(?<!\w){re.escape(name)}[ \t]+[A-ZŁŚŻŹĆ]\w", text) is not None
    )


# the endings of words that are no name: "Unacceptable", "Ridiculous", "Hopeless",
# "Fixed" (a past form of four letters or more: the known names "Fred", "Ahmed" are
# never asked about)
_WORD_ENDING = re.compile(r"(?:able|ible|ous|ful|less|ness|ment|tion|sion|ical|ally|..ed)\Z")


def _looks_like_first_name(word: str, body: str) -> bool:
    """Whether ``word``, one capitalised word no table knows as a first name, that
    ends ``body`` after its last sentence, looks like the signer's name ("Bongani",
    "Bianka", "Шухрат"): a first name by its form (no surname's ending), of no
    class of words (a greeting, a request, a role, a place, a verb's form, a common
    word a message ends with: "Tomorrow", "Skandal", "Сегодня"), not written in lower
    case or after an article ("the Aurora lamp"), and a word the text writes only
    there: a maker, a product or a town the e-mail names elsewhere is no signer."""
    if " " in word or not word.isalpha() or not word.istitle() or not 3 <= len(word) <= 14:
        return False
    folded = fold_same_length(word)
    if folded in CLOSING_WORDS or _WORD_ENDING.search(folded) or first_name(word) != word:
        return False
    if not_a_name(word) or common_surname(word) or organisation_word(word):
        return False
    if used_as_common_word(word, body):
        return False
    stem = re.escape(folded[: max(3, len(folded) - 2)])
    # the customer's own address may start with the name ("nika.sh@example.ru ... Nika")
    text = _ADDRESS_LOCAL_PART.sub("@", fold_same_length(body))
    return len(re.findall(rf"(?<!\w){stem}", text)) == 1


_ADDRESS_LOCAL_PART = re.compile(r"(?<![\w.+-])[\w.+-]+@(?=[\w-]+\.)")


def _chat_signed(body: str, thanks: re.Match[str]) -> bool:
    """Whether a name after a chat sign-off ends a text that greets no one and is the
    signer's: after kisses ("xo Bri", "xx Tom"), never said to an agent; after a thanks,
    a known first name written in lower case that the text names nowhere else ("...
    all good thx jake", "... dzieki, ania")."""
    word = thanks.group("name")
    stem = re.escape(word[: max(2, len(word) - 1)])  # "Pani Ewo ... dziękuję ewa": greeted
    once = len(re.findall(rf"(?i)(?<!\w){stem}", body)) == 1
    if thanks.group("kisses"):
        return once and word[:1].isupper() and len(word) > 1
    return word.islower() and once and _name_only(word)


# A marketplace's "From:" line with the buyer's user name among the text's first lines:
# "From: kev_b_1979", "Od: ania.k88"
_FROM_HANDLE = re.compile(
    r"^[ \t]*(?i:from|od|от)[ \t]*:[ \t]*(?P<handle>[^\W\d_]{2,20})[_.\d][\w.-]{0,40}[ \t]*$",
    re.MULTILINE,
)


def _handle_signed(body: str, thanks: re.Match[str]) -> bool:
    """Whether the lower-case word after a closing thanks ("... cheers kev") starts the
    buyer's user name on a "From:" line among the text's first four lines ("From:
    kev_b_1979"): the buyer signs with it (not "cheers mate", "thanks again")."""
    word = thanks.group("name")
    if thanks.group("kisses") or not word.islower() or len(word) < 3 or not_a_name(word):
        return False
    head = "\n".join(body.lstrip().split("\n", 4)[:4])
    return any(
        fold_same_length(m.group("handle")).lower() == fold_same_length(word)
        for m in _FROM_HANDLE.finditer(head)
    )


def _named_before(body: str, thanks: re.Match[str]) -> bool:
    """Whether the name after a closing thanks is written earlier in ``body`` too."""
    word = re.escape(thanks.group("name"))
    return len(re.findall(rf"(?i)(?<!\w){word}(?!\w)", body)) > 1


# A known first name alone on the last line (or with the surname, either side of it:
# "Гарипов Ренат, тел. 8 917 ..."), then a phone: "kuba, tel 733 104 391",
# "Руслан 8-987-654-11-20", "maya, 07700 900123"
_NAME_THEN_PHONE = re.compile(
    r"(?P<name>[^\W\d_][\w'’-]+(?:[ \t]+[^\W\d_][\w'’-]+)?)[ \t]*[,;|/-]?[ \t]*"
    r"(?P<label>(?i:(?:tel|phone|mob|kom|тел)\.?:?[ \t]*))?"
    r"\+?\d[\d \t()*•-]{6,18}\d"  # a phone's digits, some masked: "+7 921 ***-**-08"
)


def _name_with_contact(line: str, body: str) -> str | None:
    """The known first name that a last line gives with a phone after it, or None;
    on the line or after its last sentence ("... kiedy? kuba, tel 733 104 391"). A
    name that is a word too is one before a phone's label ("Роман, тел. 8-911-...",
    "Will, tel. 07700 ..."), when the text does not use the word in lower case."""
    line = re.split(r"(?<=[.!?])(?<!(?i:tel|тел|kom|mob)\.)[ \t]+", line[-80:])[-1]  # not "тел. +7"
    if len(line) > 60:
        return None  # a name and a phone are short (and the pattern stays linear)
    m = _NAME_THEN_PHONE.fullmatch(line)
    if m is None:
        return None
    name = m.group("name")
    if " " in name:  # a full name: its first name a known one, the other word no word
        full = name_of_line(name)
        given = first_name(full) if full and len(full.split()) == 2 else None
        other = name.replace(given, "", 1).strip() if given else ""
        if given and given.istitle() and _name_only(given) and not not_a_name(other):
            return tidy_case(full or name)
        return None
    labelled = m.group("label") and name.istitle() and is_first_name(name)
    if not _name_only(name) and not (labelled and not used_as_common_word(name, body)):
        return None
    return tidy_case(m.group("name"))


# A known first name opening the last line, then a comma and who the signer is: "Тимур,
# студент, если это важно)", "Kasia, stała klientka :)", "Priya, a long-time customer"
# (a word for a person, at most one word before it); not "Anna, can you check it?"
_NAME_THEN_WHO = re.compile(
    r"(?P<name>[^\W\d_][\w'’-]+)[ \t]*,[ \t]*"
    r"(?:(?i:a|an|the|your|wasz\w*|ваш\w*)[ \t]+)?(?:[\w-]+[ \t]+)?"
    r"(?i:customer|client|student|mum|mom|mother|dad|father|husband|wife|son|daughter|"
    r"grand(?:ma|mother|pa|father)|pensioner|retiree|teacher|member|buyer|subscriber|parent|"
    r"klient|student|mam[aą]|tat[aą]|m[aą][żz]|[żz]on[aą]|syn|c[óo]rk|babci|dziadek|emeryt|"
    r"nauczyciel|kupuj[aą]c|zamawiaj[aą]c|rodzic|"
    r"клиент|студент|мам[аы]|пап[аы]|муж|жена|сын|доч|бабушк|дедушк|пенсионер|учител|"
    r"покупател|родител|школьни)[^\W\d_]*(?![\w-])"
    # a service or a number of the customer's is no person: "Tom, customer service was ..."
    r"(?![ \t]+(?i:service|care|support|team|account|number|id|obs[łl]ug|сервис|поддержк|номер))"
    # then at most two words ("мама Лизы", "student at UCL"), and a remark after a mark
    r"(?:[ \t]+[^\W\d_]+){0,2}[ \t]*(?:[,;.!:()][^?\n]{0,60})?\Z"
)

# A known first name and a pupil's class or year as the whole last line, nothing after:
# "Emily, Year 9", "Соня, 8 класс", "Ola, klasa 3b", "Jack, 9th grade"
_NAME_THEN_CLASS = re.compile(
    r"(?P<name>[^\W\d_][\w'’-]+)[ \t]*,[ \t]*(?:"
    r"\d{1,2}(?:-?(?:st|nd|rd|th|й|я|[a-zа-я]))?[ \t]+(?i:класс|klas[ay]?|grade|form)"
    r"|(?i:year|grade|form|klasa|kl\.|класс)[ \t]*\d{1,2}(?:[a-zа-я])?(?![\w-]))[ \t.]*"
)

# A text that orders for a child or asks for a name on a label: the class then is the
# child's, to write on it ("... for my son. Max, Year 3", "подпишите бирку")
_FOR_A_CHILD_OR_LABEL = re.compile(
    r"(?i:\bfor[ \t]+(?:my|our|the)[ \t]+(?:son|daughter|child|children|kids?|boy|girl|"
    r"grandson|granddaughter|nephew|niece)\b|\bdla[ \t]+(?:mojego[ \t]+|mojej[ \t]+)?"
    r"(?:syna|synka|c[óo]rki|c[óo]reczki|dziecka|dzieci|wnuka|wnuczki)\b|"
    r"(?<![\w-])для[ \t]+(?:мо\w+[ \t]+)?(?:сына|сынишки|дочки|дочери|дочурки|ребёнка|"
    r"ребенка|детей|внука|внучки)(?![\w-])|"
    r"\blabel|\bname[ \t-]?tag|\bpodpis|\bmetk|\bnaszywk|подпиш|подписа|бирк|нашивк)"
)


def _name_then_who(line: str, body: str) -> str | None:
    """The known first name opening the text's last line before a comma and a word
    for who the signer is ("Тимур, студент, ..."), or a pupil's class as all the line
    says ("Emily, Year 9") unless the text orders for a child or asks for a label;
    when the text names it only there (not the agent greeted at the top and addressed
    again)."""
    m = _NAME_THEN_WHO.match(line[-120:]) if len(line) <= 120 else None
    if m is None and len(line) <= 60 and not _FOR_A_CHILD_OR_LABEL.search(body):
        m = _NAME_THEN_CLASS.fullmatch(line)
    if m is None or not m.group("name").istitle() or not _name_only(m.group("name")):
        return None
    name = m.group("name")
    if len(re.findall(rf"(?i)(?<!\w){re.escape(name)}(?!\w)", body)) > 1:
        return None
    return name


# A word for a relative, then a known first name, ending the text after its last
# sentence, perhaps with a remark after a comma: "... есть или нет? Бабушка Зина, 72
# года, простите если непонятно", "... co robić? Babcia Zosia", "Grandma Jean, 80"
_KIN_THEN_NAME = re.compile(
    r"(?:^|(?<=[.!?)])[ \t]+)"
    r"(?i:бабушка|баба|дедушка|деда|тётя|тетя|дядя|мама|папа|"
    r"babcia|babunia|dziadek|dziadzio|ciocia|wujek|mama|tata|"
    r"grandma|granny|gran|nana|nan|grandad|grandpa|auntie|aunt|uncle)"
    r"[ \t]+(?P<name>[^\W\d_][\w'’-]*)[ \t]*(?:[,;.!:][^?\n]{0,60})?\Z"
)


def _kin_then_name(line: str) -> str | None:
    """The known first name after a word for a relative that ends the text ("...
    нет? Бабушка Зина, 72 года"): the signer, as the family calls them."""
    m = _KIN_THEN_NAME.search(line[-120:])
    if m is None or not m.group("name").istitle() or not _name_only(m.group("name")):
        return None
    return m.group("name")


# A name after a dash that ends the text: "... VAT GB 304 2281 90. - Ana", "- Marisol
# from Austin" on a line of its own, "ORDER 81452 - DEREK".
_DASH_SIGNED = re.compile(
    # or a slash between spaces: "... zamowienie 90412 / Ola"
    r"(?:(?:^|(?<=\s))[-–—~]+|(?<=\s)/(?=[ \t]))[ \t]*(?P<rest>[^\W\d_][^-–—~/\n]{0,60}?)[ \t.!]*\Z"
)


# Words that close a message before a signing dash: "... asap pls - tim", "спасибо - саша"
_CLOSING_BEFORE_DASH = frozenset(
    map(
        fold_same_length,
        "pls plz please thanks thx ty tia cheers asap спасибо спс пожалуйста плиз заранее "
        "dzięki dziękuję dzieki dziekuje pozdrawiam pozdro prosze proszę".split(),
    )
)


def _lower_name_after_dash(word: str, before: str, body: str) -> str | None:
    """The lower-case listed first name ``word`` after a dash that ends the text ("...
    down to the last 5 - jess"), capitalised: only where ``before`` ends a sentence or
    the message (a point, "!", "?", a digit, an emoji, a closing word: "asap pls - tim",
    "спасибо - саша"), never after an ordinary word (the scent, style or place named so:
    "the other scent - rosemary", "in Melbourne - victoria"), never a word the text
    writes in lower case elsewhere ("the chelsea boots ... - chelsea"), no common word
    ("- thanks", "- mark")."""
    if not (word.isalpha() and is_first_name(word)) or is_word_too(word) or not_a_name(word):
        return None
    last = before.split()[-1] if before.split() else ""
    ended = (
        not before
        or before[-1] in ".!?)"
        or before[-1].isdigit()
        or bool(re.search(rf"[{_EMOJI}]\ufe0f?$", before))
        or fold_same_length(last.lower()).strip(",;:") in _CLOSING_BEFORE_DASH
    )
    if not ended:
        return None
    if len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", body)) > 1:
        return None  # the word is the text's own: a product's, a colour's name
    return word.capitalize()


def _dash_signed(line: str, body: str) -> str | None:
    """The name after a dash at the end of ``line`` (the text's last line): any
    name after a sentence's end or opening the line ("- Marisol from Austin",
    "... 90. - Ana"), only a known first name elsewhere ("ORDER 81452 - DEREK",
    not "the kettle arrived broken - Philips"); a name in capitals, in a text
    written in capitals."""
    m = _DASH_SIGNED.search(line[-80:])
    if m is None:
        return None
    rest = m.group("rest")
    before = line[: len(line) - len(line[-80:]) + m.start()].rstrip()
    if rest.islower():
        return _lower_name_after_dash(rest.strip(), before, body)  # "... last 5 - jess"
    if rest.isupper():
        if not before.isupper() and before:
            return None  # "Samsung TV - LG": a maker's name in capitals
        name = name_of_line(rest, relaxed=True)
        return tidy_case(name) if name and _name_only(name.split()[0]) else None
    name = signed_name(rest)
    if name is None:
        return None
    after_sentence = not before or before[-1] in ".!?)" or bool(re.search(rf"[{_EMOJI}]$", before))
    # after an order's number: "just checking on 72030 - Mark" (a word too, capitalised)
    after_order = re.search(r"(?<![\d.,])\d{4,}\Z", before) is not None and rest.istitle()
    if after_order and is_first_name(name.split()[0]):
        return name
    return name if after_sentence or _name_only(name.split()[0]) else None


# A known first name after a comma ending the text's last line, after a short fragment:
# "... Odesłałam 10 dni temu. Zam. 58112, Ola", "... still nothing. Order 40213, Tom"
_COMMA_SIGNED = re.compile(
    rf"(?:\A|(?<=[.!?:;])[ \t]+|(?<=[{_EMOJI}])[ \t]*)(?P<fragment>[^.!?:;\n{_EMOJI}]{{1,60}}?)"
    r"(?<=[^\W_])[ \t]*,[ \t]*(?P<name>[^\W\d_][\w'’-]+)[ \t.!]*\Z"
)
# Words of a fragment that speaks to the reader: a name after it may be the agent's
# ("Let me know please, Anna", "Czekam na odpowiedź od Pani, Ewa")
_ADDRESSING_WORDS = frozenset(
    map(
        fold_same_length,
        "you your yours u ya please pls plz thanks thank thx cheers hi hello hey dear "
        "pan pani panie panstwo państwo wy was wam wasz proszę prosze dzięki dziękuję witam "
        "вы вас вам ваш ваша ваше ты тебя тебе пожалуйста спасибо привет здравствуйте".split(),
    )
)


def _comma_signed(line: str, body: str) -> str | None:
    """The known first name (no common word) that ends the text's last line after a
    comma and a short fragment of three words or fewer ("Zam. 58112, Ola"), when the
    text names it only there, and the fragment neither speaks to the reader ("Thanks,
    Anna", "please, Tom": a sign-off's rules or the agent's name) nor is about someone
    ("for my wife, Anna")."""
    m = _COMMA_SIGNED.search(line[-80:])
    if m is None or (m.start("fragment") == 0 and len(line) > 80):
        return None  # (the start of the last 80 characters is no fragment's)
    name, fragment = m.group("name"), m.group("fragment")
    words = [fold_same_length(w).lower().strip("'’\"«»()") for w in fragment.split()]
    if not 1 <= len(words) <= 3 or not name.istitle() or not _name_only(name):
        return None
    if any(w in _ADDRESSING_WORDS or w in _ABOUT_SOMEONE for w in words):
        return None
    if len(re.findall(rf"(?i)(?<!\w){re.escape(name)}(?!\w)", body)) > 1:
        return None  # "Hi Ola, ... 58112, Ola": the one greeted
    return name


def _place(text: str) -> bool:
    """Whether ``text`` is a place alone: "г. Пушкин", "Kraków", "Milton Keynes"."""
    words = text.strip().rstrip(".").split()
    if len(words) == 1:
        return place_or_family(words[0]) and not is_first_name(words[0])
    return len(words) <= 4 and (place_phrase(" ".join(words)) or looks_like_address(text))


def _name_only(word: str) -> bool:
    """A known first name that is no common word as well ("Derek"; not "May",
    "April", "Rose": "Please cancel - April", "NOT ARRIVED - MAY")."""
    return is_first_name(word) and not is_word_too(word)


# (a run of points entered at its first only: linear on "....." of any length)
_SENTENCE_START = re.compile(r"(?:\A|(?<![.!?])[.!?]++[ \t]+|\n[ \t]*)([^\W\d_])")
# The last sentence of the text: what follows the last ".", "!", "?" or line break.
_LAST_SEGMENT = re.compile(r"(?:(?<![.!?])[.!?]++[ \t]+|\n[ \t]*)(?P<last>[^.!?\n]+?)[ \t.!]*\Z")


def lower_case_closing_name(body: str) -> str | None:
    """The name that closes a text written all in lower case, where no capital
    tells a name: one word alone after the last sentence ("... can u help. bev"),
    or after a sign-off there ("... think about it. thanks jess x"). Only when
    every sentence of the text starts in lower case, and only a word that is
    of no closed class of words (a greeting, a request, "mate", "lol", ...)."""
    starts = [m.group(1) for m in _SENTENCE_START.finditer(body)]
    if len(starts) == 1 and starts[0].islower():
        return _unpunctuated_closing_name(body)
    if len(starts) < 2 or any(ch.isupper() for ch in starts):
        return None
    m = _LAST_SEGMENT.search(body)
    if not m:
        return None
    if re.search(r"(?:^|\s)[^\W\d_]\.[ \t]*$", body[: m.start("last")]):
        return None  # "thankyou mrs d. o'connor": after an initial's point, a surname
    last = m.group("last").strip()
    if signed := split_sign_off(last):
        last = signed[1]
    name = name_of_line(last, relaxed=True)
    if name is None or " " in name or len(name) < 3 or not name.islower():
        return None
    # a word the text uses once, and not as a part of another sentence
    # (its use in an e-mail address does not count: "bartek.zaj@o2.pl ... bartek")
    uses = re.findall(rf"(?<![\w.@]){re.escape(name)}(?![\w@]|[.+_-]\w)", body)
    return name if len(uses) == 1 else None


# Known first names that are common words as well, in lower case: not a name where
# no capital tells one ("... the pink one or the hazel", "... z kim"), nor are the
# names that are words too (will, may, bill, mark, rose: ``is_word_too``). Found in a
# word list (/usr/share/dict), not in the e-mails.
_LOWER_CASE_WORDS = frozenset(
    map(
        fold_same_length,
        "ally angel barb bobby bonnie brad dean derrick gill hank hazel hector jimmy marina "
        "mason maxim patsy poppy randy rick roger rosemary sherry terry troy viola warren gabby "
        "ion florin dev "
        "inna jagoda norma nora rosa maja dana kim ida ira tara gloria lila mercedes "
        "вера надежда любовь роман лев слава мила марина ада".split(),
    )
)
# The words before a name that make it someone the text is about, not its signer:
# "... send it to my wife anna", "... dla córki ola", "... для дочери маша"
_ABOUT_SOMEONE = frozenset(
    map(
        fold_same_length,
        "to for from with by at in on of about my his her our their your the a an and or "
        "wife husband son daughter mum mom dad mother father brother sister friend partner "
        "boyfriend girlfriend named called "
        "dla do od z ze i oraz u moja mojej mój mojego żona żony mąż męża syn syna córka córki "
        "mama mamy tata taty brat brata siostra siostry "
        "для от с и к у мой моя жена жены муж мужа сын сына дочь дочери мама мамы папа "
        "папы брат брата сестра сестры подруга подруги друг друга".split(),
    )
)


def _unpunctuated_closing_name(body: str) -> str | None:
    """The known first name in lower case that ends a text written in lower case with
    no sentence's end in it ("... did the order go through or do i order again kyle"):
    a name that is no common word as well, written only there, and not after a word
    that makes it someone the text is about ("... to my wife anna")."""
    words = body[-2000:].split()
    if len(words) < 8 or any(ch.isupper() for ch in body):
        return None
    last, before = words[-1], words[-2]
    if not last.isalpha() or len(last) < 3 or fold_same_length(last) in _LOWER_CASE_WORDS:
        return None
    if fold_same_length(before) in _ABOUT_SOMEONE or not _name_only(last) or not_a_name(last):
        return None
    uses = re.findall(rf"(?<![\w.@]){re.escape(last)}(?![\w@]|[.+_-]\w)", body)
    return last if len(uses) == 1 else None


# --- the name that ends an e-mail ---------------------------------------------------

# Words after a sign-off that make it a thanks, not a signed name ("Thank you
# for help"); compared case-folded.
_NOT_CLOSING_NAME_WORDS = frozenset(
    "for the a an and your you all in advance help to za i w z dla pomoc с за и в вам вас "
    "помощь все".split()
)


def closing_name_start(body: str) -> int | None:
    """Where the sender's name that ends ``body`` starts, whatever its case, or
    None: the name runs from there to the end of ``body``.

    After a sign-off that ends the text, one to three words are a name ("...
    Pozdrawiam, jan kowalski"; "... write to me, thanks Anna"); so is a name alone
    after the last sentence ("... for my mum? Kate"). For masking, where a name
    missed is worse than a word masked: no capital letter is required.
    """
    segments = [m for m in re.finditer(r"[^.!?\n]+[.!?]*", body) if m.group().strip()]
    if not segments:
        return None
    last = segments[-1]
    if len(segments) > 1 and name_of_line(last.group().strip()):
        return last.start() + len(last.group()) - len(last.group().lstrip())  # "... mum? Kate"
    signed = split_sign_off(last.group().strip())
    if not signed or not signed[1]:
        # a sign-off after the last comma of the last sentence: "Write to me, thanks Anna"
        clause = re.split(r"[,;]", last.group())[-1]
        signed = split_sign_off(clause.strip()) if clause != last.group() else None
        if not signed or not signed[1]:
            return None
    words = signed[1].rstrip(".!").split()
    if not 1 <= len(words) <= 3 or not all(w.replace("-", "").isalpha() for w in words):
        return None
    if any(w.casefold() in _NOT_CLOSING_NAME_WORDS for w in words):
        return None  # "Thank you for help"
    return last.start() + len(last.group().rstrip()) - len(signed[1])


_INITIALS_ONLY = re.compile(r"([^\W\d_])\.?[ \t]?([^\W\d_])\.?")


def initials_signed_name(text: str) -> str | None:
    """The full name that the initials signing ``text`` (the customer's text and
    signature) stand for, when the text writes it on a line of its own ("Jadwiga
    Mazur" over an address, signed "J.M."): two words, a known first name first."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines or not (m := _INITIALS_ONLY.fullmatch(lines[-1])) or not lines[-1].isupper():
        return None
    found = {
        name
        for line in lines[:-1]
        if (name := name_of_line(line)) is not None
        and len(words := name.split()) == 2
        and (words[0][0], words[1][0]) == (m.group(1), m.group(2))
        and is_first_name(words[0])
    }
    return found.pop() if len(found) == 1 else None


# What may come before an "its ..." introduction: the text's start, or a greeting (and
# whom it greets) only
_ITS_OPENING = re.compile(
    r"[\s>]*(?:(?i:hi|hiya|hey|heya|hello|hallo|morning|good[ \t]+(?:morning|afternoon|evening)|"
    r"dear|dzie[nń][ \t]+dobry|witam|cze[sś][cć]|здравствуйте|добрый[ \t]+(?:день|вечер)|"
    r"привет)\b(?:[ \t]+[^\W\d_]{1,20})?[ \t,!.]*)?\Z"
)
# What may follow its name: a clause's end, "here", "again", "from", "and", or a new
# clause ("its shauna my order ...", "it's jo i ordered ..."); not a noun or an
# adjective ("its grace period", "its ruby red", "its hope you can help")
_ITS_NAME_FOLLOWED = re.compile(
    r"[ \t]*(?:[,.!?;:)\n–—-]|\Z|(?i:here|again|from|and|my|i|i['’]m|im|i['’]?ve|i['’]?d|"
    r"i['’]?ll|we|our|about|re|regarding|can|could|would|will|just|did|do|is|are|was|please|"
    r"pls|plz|where|when|why|how|what|any|ordered|bought|placed|wondering|z|ze|и|из|тут|"
    r"здесь)\b)"
)
_WORD = re.compile(r"[ \t]*[^\W\d_][\w'’-]*")


def its_introduction_fits(text: str, start: int, name_at: int, name: str) -> str | None:
    """The name of the "its ..." introduction at ``start`` of ``text`` that names
    ``name`` from ``name_at``, when it reads as one: the name followed by a clause's end
    or a new clause ("hi its shauna my order ...", "its kian here"), and, typed in lower
    case (its first word only: "its may already") or an ordinary word too ("Its June
    3rd"), at the text's start or after a greeting; else None."""
    typed_lower = text[name_at : name_at + 1].islower()
    words = name.split()[:1] if typed_lower else name.split()
    at = name_at
    for _ in words:
        word = _WORD.match(text, at)
        if word is None:
            return None
        at = word.end()
    if not _ITS_NAME_FOLLOWED.match(text, at):
        return None
    if not typed_lower and not is_word_too(words[0]):
        return " ".join(words)
    opening = start <= 60 and _ITS_OPENING.fullmatch(text, 0, start) is not None
    return " ".join(words) if opening else None


_QUOTE_INTRO = re.compile(
    r"(?i:\b(?:wrote|napisa[łl]\w{0,2}|написал\w{0,2}|schrieb)[ \t]*:?[ \t]*\Z)"
)


def own_forwarded_signer(quoted: str) -> str | None:
    """The name signing the customer's own earlier message, which the customer forwards
    with its header's sender written as themself ("From: me", "Od: ja", "От: я"): the
    closing name of the message under that header block."""
    lines = quoted.split("\n")
    for i, line in enumerate(lines):
        value = from_header_value(line.lstrip("> "))
        if value is None or not SELF_REFERENCE.fullmatch(value.strip()):
            continue
        end = next((j for j in range(i + 1, len(lines)) if not lines[j].strip()), len(lines))
        # the message stops where a reply it quotes or another header begins ("On Mon,
        # Shop <...> wrote:", "> Kind regards, Tom", "From: ..."): the shop's words
        stop = next(
            (j for j in range(end, len(lines))
             if lines[j].lstrip().startswith(">") or from_header_value(lines[j]) is not None
             or _QUOTE_INTRO.search(lines[j])),
            len(lines),
        )  # fmt: skip
        message = "\n".join(lines[end:stop]).strip()
        last = message.rsplit("\n", 1)[-1].strip()
        split = split_sign_off(last)
        if split and split[1]:
            return signed_name(split[1])  # "Thanks, Nadia"
        return name_of_line(last) or closing_name(message) if message else None
    return None
