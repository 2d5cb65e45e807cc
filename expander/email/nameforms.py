"""Names an e-mail gives in so many words: the display name of a pasted ``From:``
(or ``Reply-To:``) header and a contact form's name fields ("Name: Anna Smith",
"Imię i nazwisko: Jan Kowalski", "ФИО: ...", "First name: Amy / Last name: Pond").

The most trusted sources of the customer's name (:mod:`expander.email.names`
tries them first); a value is a person's name only when a line rule of
:mod:`expander.email.namelines` takes it as one ("Name: N/A", "Customer
Service" are not).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from expander.email.chatheaders import chat_speaker_name
from expander.email.givenname import first_name, polish_genitive_name, surname_shaped
from expander.email.namelines import (
    looks_like_address,
    mentions_company,
    name_of_line,
    opens_greeting_no_one,
    shop_role,
    signed_name,
    title_or_company,
)
from expander.email.namewords import (
    CARRIERS_AND_MARKETS,
    is_first_name,
    is_word_too,
    not_a_name,
    organisation_word,
)
from expander.email.signoffs import split_sign_off
from expander.textfold import fold_same_length

__all__ = [
    "PERSONAL_MAIL",
    "SELF_REFERENCE",
    "claim_sender",
    "ROLE_MAILBOX",
    "display_name",
    "from_header_value",
    "handle_name",
    "heading_name",
    "labelled_names",
    "nominative_called",
    "sender_person",
    "signed_forwarded_author",
    "own_delivery_name",
    "sole_trader_owner",
    "speaker_label",
    "tidy_case",
    "writer_for_another",
]


_FROM_LINE = re.compile(
    r"^\s*\*?(?:from|sender|od|от кого|от|de|von)\s*\*?\s*:\s*\**\s*(?P<value>.+)$", re.IGNORECASE
)
# A contact form's name field: "Name: Anna Smith", "Imię i nazwisko: Jan Kowalski", "ФИО:
# ...", "Contact name*: ...", "Klient: ...", "Покупатель: ..."; and a "Reply-To:" header;
# the value after a colon, a bar or a tab ("Name | Jane Foster").
# Not a sender's or a recipient's (a parcel's "Nadawca:", "Отправитель:" is a shop's; a
# gift's "Recipient:" another person), nor a card holder's.
_LABELLED_NAME = re.compile(
    r"^[ \t]*\*?(?i:(?:(?:your|twoje|twoj|twój|ваше|ваш)[ \t]+)?"  # "Twoje imię", "Ваше ФИО"
    r"(?:(?:(?:your|full|customer(?:'s)?|contact|billing|buyer(?:'s)?|client)[ \t]+)?"
    r"name(?:[ \t]+on[ \t]+(?:the[ \t]+)?(?:order|account))?|first[ \t]+name|customer|client|"
    r"buyer|purchaser|reply-to|imi[eę](?:\s+i\s+nazwisko)?|nazwisko\s+i\s+imi[eę]|"
    r"klient(?:ka)?|osoba\s+kontaktowa|zamawiaj[aą]c[ya]|kupuj[aą]c[ya]|"
    r"имя(?:\s+(?:и\s+)?фамилия)?|фамилия\s+(?:и\s+)?имя(?:\s+отчество)?|ф\.?[ \t]?и\.?[ \t]?о\.?|"
    r"покупатель|клиент|контактное\s+лицо|заказчик))"
    # "(required)", "*"; then a colon, a bar, a tab or a dash between blanks
    r"[ \t]*(?:\([^()\n]{1,20}\))?[ \t]*\*?[ \t]*(?::|\||\t|[-–—](?=[ \t]))"
    r"[ \t]*\**[ \t]*(?:\n[ \t]*)?(?P<value>\S.*)$",  # or on the line under it
    re.MULTILINE,
)
# A label that names a role, not a name: its value may be a firm's
_ROLE_LABEL = re.compile(
    r"^(?!.*name)(?:.*(?:customer|client|buyer|purchaser|klient|zamawiaj|"
    r"kupuj|покупател|клиент|заказчик))"
)
# The surname's own field, under a first name's ("First name: Amy / Last name: Pond")
_SURNAME_FIELD = re.compile(
    r"^[ \t]*\*?(?i:last[ \t]+name|surname|family[ \t]+name|nazwisko|фамилия)[ \t]*\*?[ \t]*"
    r"(?::|\||\t)"
    r"[ \t]*(?P<value>[^\W\d_][\w'’-]*)[ \t]*$",
    re.MULTILINE,
)


def labelled_names(part: str) -> Iterator[str]:
    """The names of a contact form's name fields in ``part`` (see
    :data:`_LABELLED_NAME`), each a person's name as a line would hold it;
    a first name's field with the surname's under it gives both."""
    for m in _LABELLED_NAME.finditer(part):
        name = display_name(m.group("value"))
        if name is None or mentions_company(name):
            continue
        if not (name := name_of_line(name, relaxed=name.isupper())):
            continue  # "Name: N/A", "Customer: Order 12345"
        label = m.group(0)[: m.start("value") - m.start()].lower()
        if " " not in name and _ROLE_LABEL.search(label) and not is_first_name(name):
            continue  # "Klient: Meblex": a firm's name as well as a person's
        surname = _SURNAME_FIELD.search(part, m.end(), m.end() + 80)
        if " " not in name and surname and name_of_line(surname.group("value")):
            last = surname.group("value")
            name = f"{name} {last.title() if last.isupper() else tidy_case(last)}"  # "DOE": Doe
        yield name


def tidy_case(name: str) -> str:
    letters = [ch for ch in name if ch.isalpha()]
    if letters and all(ch.isalpha() or ch in " -'’." for ch in name):
        if all(ch.islower() for ch in letters) or (
            len(letters) > 3 and all(ch.isupper() for ch in letters)
        ):
            return name.title()
    return name


# A marketplace's user name, then the person's name in brackets: "wool_and_wander
# (Rosie)", "kasia_88 (Kasia Nowak)", "ivan.petrov77 (Иван)"
_HANDLE_NAMED = re.compile(r"[ \t]*(?P<handle>[^\s()]+)[ \t]*\((?P<name>[^()\n]{2,40})\)[ \t]*")


def handle_name(value: str) -> str | None:
    """The person's name in brackets after a user name or an address (``value`` of a
    ``From:`` or a buyer's label: "wool_and_wander (Rosie)" → Rosie), when it starts
    with a known first name; the user name is one word with "_", ".", "@" or a digit,
    or in lower case (not "Rosie (Sales)", "Anna (daughter)")."""
    m = _HANDLE_NAMED.fullmatch(value)
    if m is None:
        return None
    handle = m.group("handle")
    if not (re.search(r"[_.@\d]", handle) or handle.islower()):
        return None
    name = name_of_line(m.group("name"))
    given = name.split()[0] if name else ""
    return name if given.istitle() and is_first_name(given) and not is_word_too(given) else None


# What a customer's own mail program or the customer writes for the sender of the
# customer's own message: "From: me", "Od: ja", "От: я" (never a name "Me")
SELF_REFERENCE = re.compile(r"(?i:me|myself|ja|mnie|я|меня)")


def display_name(value: str) -> str | None:
    """The person in a ``From:`` value: ``"Kowalski, Jan" <jan@wp.pl>`` → Jan Kowalski."""
    if (named := handle_name(value)) is not None:
        return named  # "wool_and_wander (Rosie)": the name, not the user name
    value = re.sub(r"<[^>]*>|\[mailto:[^\]]*\]|\([^)]*\)", " ", value)
    value = re.sub(
        r"\s+(?:via|przez|через|on behalf of|w imieniu|от имени)\s+.*$", "", value, flags=re.I
    )
    value = value.strip().strip("\"'“”«»").strip()
    if SELF_REFERENCE.fullmatch(value):
        return None  # "From: me", "Od: ja": the customer's own earlier message, no name
    if not value or "@" in value or any(ch.isdigit() for ch in value):
        return None
    if re.fullmatch(r"[^\W\d_]{2,}[._][^\W\d_]{2,}", value):
        value = re.sub(r"[._]", " ", value)  # "anna.smith", an address's first part as the name
    if "," in value:
        last, _, first = value.partition(",")
        last, first = last.strip(), first.strip()
        if len(last) > 1 and last.isupper() and first.istitle():
            last = last.title()  # "OKONKWO, Chidinma": the surname in capitals, as forms ask
        value = f"{first} {last}".strip()
    words = value.split()
    if not 1 <= len(words) <= 5:
        return None
    if any(fold_same_length(w.strip(".,")) in _NOT_PERSON_WORDS for w in words):
        return None  # "Customer Service", "Sklep XYZ"
    if mentions_company(value) or any(organisation_word(w) for w in words):
        return None  # "Bloom Studio Ltd", "Amazon Marketplace": a business
    # (not an initial's point: "J. Porter" is no "DUBOIS Chloé")
    capitals = [w for w in words if len(w.rstrip(".")) > 1 and w.isupper()]
    if len(words) == 2 and len(capitals) == 1 and words[0] in capitals:
        # "DUBOIS Chloé": the surname in capitals first, as a firm's address book writes it
        return f"{words[1]} {words[0].title()}"
    name = tidy_case(" ".join(words))
    return polish_genitive_name(name) or name  # "Od: Jana Kowalskiego <...>": Jan Kowalski


# Words of a sender's display name that make it a team or a shop, not a person.
_NOT_PERSON_WORDS = frozenset(
    fold_same_length(w)
    for w in (
        "customer service support team shop store sales info office admin noreply no-reply "
        "notifications helpdesk orders sklep obsługa klienta biuro zespół dział магазин "
        "служба поддержки поддержка отдел продаж mailer-daemon security alerts alert center "
        "centre resolution billing accounts helpdesk desk services notification verification "
        "bezpieczeństwo powiadomienia centrum безопасность уведомления центр "
        "newsletter newsletters digest editorial editors magazine redakcja magazyn "
        "редакция рассылка журнал"
    ).split()
)


def from_header_value(line: str) -> str | None:
    """What follows the label of a pasted ``From:`` (``Od:``, ``От:``, ``Von:``,
    ...) header line, or None when ``line`` is no such line."""
    m = _FROM_LINE.match(line)
    return m.group("value") if m else None


# A full name heading the text, then the data of the request after a comma:
# "Kowalska Anna, zamówienie A-77120.", "Tom Baker, order 55102", "Петрова Анна, заказ 6612",
# or the writer's firm: "Зарипов Фарид, ИП (ИНН 165812604377).", "Jan Nowak, firma JN-Bud"
_HEADING = re.compile(
    r"(?P<name>[^\W\d_][^,\n]{2,40}?)[ \t]*,[ \t]*"
    r"(?i:order|ord\.|zam[óo]wieni\w*|zam\.|nr\b|no\.|#|№|заказ\w*|tel\w*|тел\w*|\d|"
    r"(?:ип|ооо|инн|огрн\w*|nip|firma|ltd|llc)\b)"
)


# A line that gives the order's number, under a heading's name
_ORDER_LINE = re.compile(
    r"(?i:order|zam[óo]wieni\w*|nr zam\w*|заказ\w*|номер заказа)\b[ \t#№:]*\w*\d"
)
# Titles a heading may address someone with (folded)
_ADDRESSING = frozenset(
    "pani pan panie szanowna szanowny mr mrs ms miss dr dear господин госпожа "
    "уважаемая уважаемый".split()
)


def heading_name(body: str) -> str | None:
    """The full name a line opening the text (or the one under its greeting) starts
    with, before a comma and the request's data ("Kowalska Anna, zamówienie
    A-77120."): a name of two or three words whose first name is a known one and
    whose other word reads as a surname (a first name alone there may be the
    agent's, greeted; "Florence Vase" or "Victoria Station" is a product or a place)."""
    lines = [line.strip() for line in body.split("\n")[:4] if line.strip()]
    for i, line in enumerate(lines[:2]):
        m = _HEADING.match(line)
        if fold_same_length((m.group("name") if m else line).split()[0]).lower().strip(".") in (
            _ADDRESSING
        ):
            continue  # "Pani Anna Nowak, zamówienie ...": someone addressed, maybe the agent
        name = name_of_line(m.group("name")) if m else None
        if m is None and i + 1 < len(lines) and _ORDER_LINE.match(lines[i + 1]):
            name = name_of_line(line)  # "Петренко Ольга" over "Заказ 2026-114573"
        given = first_name(name) if name else None
        others = [w for w in name.split() if w != given] if name else []
        if (
            name
            and given
            and 2 <= len(name.split()) <= 3
            and is_first_name(given)
            # a surname written first ("Zając Paulina"), or one after the first name
            # that reads as a surname: not "Florence Vase, order ...", "Victoria Station"
            and (name.split()[0] != given or any(surname_shaped(w) for w in others))
        ):
            return name
    return None


# "От: Шереметьев Вениамин Аркадьевич, г. Санкт-Петербург, ...", "From: John Smith,
# 14 High Street, Leeds": a formal letter's sender line, the name and an address
_CLAIM_FROM = re.compile(
    r"^[ \t]*(?i:от|от кого|from|od)[ \t]*:[ \t]*(?P<name>[^,\n@<]{3,60}),(?P<address>[^\n@<]+)$",
    re.MULTILINE,
)


# "Я, Соколов Виктор Андреевич, 14.12 оформил ...", "Ja, Anna Nowak, zamieszkała ...",
# "I, Margaret Hill, of ...": a claim's introduction, the full name between commas
_CLAIM_INTRODUCTION = re.compile(
    r"(?:^|(?<=[.!?:])[ \t]+)[ \t]*(?i:я|ja|i),[ \t]*"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){1,2})[ \t]*,",
    re.MULTILINE,
)


# "От: Кузнецов Павел Андреевич", "Заявитель: ...", "ФИО: ...": a Russian claim's
# sender line, the surname, the first name and the patronymic, alone on the line
_CLAIM_LABELLED = re.compile(
    r"^[ \t]*(?i:от|от кого|заявитель|отправитель|потребитель|покупатель|фио|ф\.и\.о\.)"
    r"[ \t]*:[ \t]*(?P<name>(?-i:[А-ЯЁ][а-яё-]+[ \t]+[А-ЯЁ][а-яё]+[ \t]+[А-ЯЁ][а-яё]+"
    r"(?:вич|вна|ична|инична)))[ \t]*[,.]?[ \t]*$",
    re.MULTILINE,
)


def claim_sender(body: str) -> str | None:
    """The full name on the sender's line that heads a formal letter in the text
    (one of its first six lines): "От:" or "From:", a name of two or three words
    with a known first name, a comma and the sender's address; a Russian claim's
    labelled line of a surname, a first name and a patronymic ("От: Кузнецов Павел
    Андреевич", "Заявитель: ..."); or the name a claim introduces its sender with
    ("Я, Соколов Виктор Андреевич, ...")."""
    for m in _CLAIM_INTRODUCTION.finditer(body[:3000]):
        name = name_of_line(m.group("name"))
        given = first_name(name) if name else None
        if name and given and len(name.split()) >= 2 and given.istitle() and is_first_name(given):
            return name
    opening = "\n".join([line for line in body.split("\n") if line.strip()][:6])
    for m in _CLAIM_LABELLED.finditer(opening):
        given = first_name(m.group("name"))
        if given and is_first_name(given):
            return m.group("name")
    for m in _CLAIM_FROM.finditer(opening):
        name = name_of_line(m.group("name"))
        given = first_name(name) if name else None
        if (
            name
            and given
            and 2 <= len(name.split()) <= 3
            and is_first_name(given)
            and looks_like_address(m.group("address").strip())
        ):
            return name
    return None


# A shop's or a team's mailbox: "sales@...", "biuro@...", "zakaz@..."
ROLE_MAILBOX = re.compile(
    r"(?<![\w.+-])(?:sales|support|help|helpdesk|info|contact|hello|service|cs|"
    r"customer[._-]?(?:service|care|support)|care|orders?|shop|store|office|returns?|"
    r"complaints|feedback|noreply|no-reply|do-not-reply|donotreply|sklep|sprzedaz|biuro|bok|"
    r"kontakt|obsluga|pomoc|zamowienia|"
    r"reklamacje|zwroty|zakaz|zakazy|podderzhka|otdel|prodazhi|magazin|office)"
    r"(?:[._-][\w]+)*@",
    re.IGNORECASE,
)


# The mailboxes people have at home (a shop's agents write from the shop's domain)
PERSONAL_MAIL = re.compile(
    r"@(?:g(?:oogle)?mail|yahoo|hotmail|outlook|live|msn|icloud|me|aol|btinternet|sky|"
    r"virginmedia|gmx|web|proton(?:mail)?|pm|wp|o2|onet|op|interia|poczta|gazeta|tlen|vp|"
    r"mail|bk|list|inbox|yandex|ya|rambler|ukr|qq|163)\.",
    re.IGNORECASE,
)


def _known_given(name: str) -> bool:
    """Whether a first name is a known one, or each part of a hyphenated one is
    ("Sarah-Jane", "Anna-Maria")."""
    return bool(name) and all(is_first_name(part) for part in name.split("-"))


def sender_person(name: str, value: str) -> bool:
    """Whether the display name ``name`` of a ``From:`` value ``value`` (with its
    address) is a person's to greet: its first name a known one, or the address
    bears it out ("Olena Kovalenko <olena.k@...>"). Not a word no table knows alone
    ("Cobalt", "Bristol"), a firm's on a role mailbox ("Harbour Lights <info@...>") or
    on a mailbox of its own name ("Zielona Dolina <zielonadolina@...>"), nor two words
    the address does not bear out ("Mercer Holt <mh@...>")."""
    given = first_name(name)
    if given is None and " " in name:
        return True  # "M Kowalczyk": an initial, a person's (its first name is found elsewhere)
    if _known_given(given := given or ""):
        return True
    address = value.lower()
    local = address[address.find("<") + 1 : address.find("@")] if "@" in address else ""
    folded = fold_same_length(given).lower()
    return (
        " " in name
        and len(folded) >= 3
        and not ROLE_MAILBOX.search(value)
        and folded[:3] in local
        and f"{fold_same_length(name).replace(' ', '').lower()}@" not in address
    )


# "this is actually her granddaughter Grace writing", "it's his son Tom writing": one
# person writing for the one a form or a header names
_WRITING_FOR = re.compile(
    r"\b(?i:this[ \t]+is|it['’]?s|it[ \t]+is)[ \t]+(?i:actually[ \t]+|just[ \t]+)?"
    r"(?:(?i:his|her|their|my)[ \t]+(?:[a-z-]+[ \t]+){1,2})?"
    r"(?P<name>[A-Z][a-z'’-]+)[ \t]+(?i:writing|typing|emailing)\b"
)


def writer_for_another(body: str) -> str | None:
    """A known first name of the person who says they write for another ("Hello,
    this is actually her granddaughter Grace writing"), the one to reply to: not
    the name a form's field or a header gives (the account holder's)."""
    m = _WRITING_FOR.search(body)
    if m is None or not is_first_name(m.group("name")):
        return None
    return m.group("name")


# A message written for a relative or a friend named in brackets, a verb of writing or
# of asking on their behalf right before: "Напишу за жену (Мария Ткаченко)", "I'm writing
# on behalf of my mum (Joan Baker)", "piszę w imieniu żony (Anna Nowak)"; not "I bought a
# necklace for my wife (Anna Smith)", "я оплатил заказ за дочь (...)", "dziękuję za męża"
_FOR_NAMED_KIN = re.compile(
    r"(?i:\b(?:writ(?:e|es|ing)|e-?mail(?:ing)?|messag(?:e|ing)|contact(?:ing)?|ask(?:ing)?|"
    r"enquir(?:e|ing)|inquir(?:e|ing))[ \t]+(?:for|on[ \t]+behalf[ \t]+of)[ \t]+my[ \t]+"
    r"(?:wife|husband|partner|mum|mom|mother|"
    r"dad|father|daughter|son|sister|brother|grandma|grandmother|gran|nan|grandad|grandfather|"
    r"friend|neighbour|neighbor|colleague)|"
    r"\b(?:pisz[ęe]|napisz[ęe]|piszemy|zwracam[ \t]+si[ęe]|pytam)[ \t]+"
    r"(?:w[ \t]+imieniu[ \t]+(?:mojej[ \t]+|mojego[ \t]+)?(?:[żz]ony|m[ęe][żz]a|mamy|"
    r"taty|c[óo]rki|syna|siostry|brata|babci|dziadka|kole[żz]anki|kolegi|s[ąa]siadki|s[ąa]siada|"
    r"partnerki|partnera)|za[ \t]+(?:moj[ąa][ \t]+|mojego[ \t]+)?(?:[żz]on[ęe]|m[ęe][żz]a|mam[ęe]|"
    r"tat[ęe]|c[óo]rk[ęe]|syna|siostr[ęe]|brata|babci[ęe]|dziadka|kole[żz]ank[ęe]|koleg[ęe]|"
    r"s[ąa]siadk[ęe]|s[ąa]siada|partnerk[ęe]|partnera))|"
    r"(?<![\w-])(?:пишу|напишу|пишем|напишем|обращаюсь|обращаемся|спрашиваю)[ \t]+"
    r"(?:за|от[ \t]+имени|вместо)[ \t]+(?:мо[юегй]\w*[ \t]+)?(?:жену|жены|мужа|маму|мамы|"
    r"папу|папы|отца|дочь|дочери|сына|сестру|сестры|брата|бабушку|бабушки|дедушку|дедушки|"
    r"подругу|подруги|друга|соседку|соседки|соседа|коллегу|коллеги))"
    r"[ \t]*\((?P<name>[^\W\d_][^()\n,]{2,40})\)"
)


def named_kin_written_for(body: str) -> str | None:
    """The full name in brackets of the one a message is written for ("Напишу за жену
    (Мария Ткаченко), она на работе"): the customer, when nobody signs. Only a known
    first name and a surname; not "(she is at work)"."""
    m = _FOR_NAMED_KIN.search(body)
    name = name_of_line(m.group("name")) if m else None
    if name is None or len(name.split()) != 2 or not is_first_name(name.split()[0]):
        return None
    return name


# a rule between the parts of a message: "Seba, send this on ... / --- / Dzień dobry, ..."
_PART_RULE = re.compile(r"\n[ \t]*(?:-{3,}|_{3,}|\*{3,})[ \t]*\n")


# A message a seller writes to the customer ("your order has shipped", "dziękujemy za
# zakupy", "ваш заказ отправлен"): its author is not the one who complains
_SELLER_SPEAKS = re.compile(
    r"(?i:\b(?:your|twoje|twoja|pana|pani|państwa|panstwa|ваш|ваша|вашу|вашего|вашей)[ \t]+"
    r"(?:order|parcel|package|purchase|zam[óo]wienie|paczka|przesy[łl]ka|заказ\w*|посылк\w*)|"
    r"\bthank(?:s| you) for (?:your (?:order|purchase)|shopping)|"
    r"dzi[ęe]kujemy za (?:zakup|zam[óo]wienie)|"
    r"спасибо за (?:покупку|заказ))"
)


def signed_forwarded_author(quoted: str) -> str | None:
    """The author of the first message forwarded in ``quoted`` when she is the
    customer: a person (no shop's or no-reply mailbox) who signs her message with the
    name of its ``From:`` header, at a personal mailbox (:data:`PERSONAL_MAIL`: not an
    agent at the shop's domain), and whose message, or a part of it after a rule,
    opens with a greeting to no one, as a message to a shop does ("Od: Paulina Żmuda
    ... Do: Sebastian ... Seba, wyślij to do sklepu ... --- Dzień dobry, składam
    reklamację ... Paulina Żmuda"). For a forward the customer does not sign."""
    lines = quoted.split("\n")
    at = next((i for i, ln in enumerate(lines) if from_header_value(ln.lstrip("> "))), None)
    if at is None:
        return None
    value = from_header_value(lines[at].lstrip("> ")) or ""
    author = display_name(value)
    if author is None or ROLE_MAILBOX.search(value) or not sender_person(author, value):
        return None
    if not PERSONAL_MAIL.search(value):
        return None  # an agent of the shop, at the shop's domain, signs the shop's reply
    given = first_name(author)
    start = next((i for i in range(at, len(lines)) if not lines[i].strip()), len(lines))
    message: list[str] = []
    for line in lines[start:]:
        if from_header_value(line.lstrip("> ")) is not None:
            break  # the next message
        message.append(line.lstrip("> ") if line.startswith(">") else line)
    text = "\n".join(message).strip()
    if _SELLER_SPEAKS.search(text):
        return None  # a seller at a personal mailbox: "Hi, your order 12345 has shipped"
    last = text.rsplit("\n", 1)[-1].strip()
    split = split_sign_off(last)
    signer = signed_name(split[1]) if split and split[1] else name_of_line(last)
    if not given or not signer or fold_same_length(signer.split()[0]) != fold_same_length(given):
        return None
    parts = _PART_RULE.split(text)
    return author if any(opens_greeting_no_one(part) for part in parts) else None


def nominative_called(name: str) -> str | None:
    """The name of "меня ... зовут" in the nominative: as written ("меня Ольга
    зовут"), or a known first name from the instrumental ("Ольгой" → Ольга,
    "Игорем" → Игорь, "Иваном" → Иван); None for another instrumental."""
    first, *rest = name.split()
    if not re.search(r"(?:ой|ей|ёй|ом|ем|ём)$", first) or is_first_name(first):
        return name
    stem = first[:-2]
    for candidate in (stem + "а", stem + "я", stem + "ь", stem + "й", stem):
        if is_first_name(candidate):
            return candidate  # a surname after it is in the instrumental too
    return None


# A sole trader's firm on an invoice request: by Polish law its name holds the owner's
# full name ("firma PAW-TECH Paweł Jankowski, ul. Długa 5", "nabywca: Usługi Remontowe
# Jan Nowak, NIP ..."); the owner writes when no one else is named. Not a relative's
# firm ("na firmę męża, Jan Nowak"), nor a company of partners ("... Nowak sp. z o.o.").
_SOLE_TRADER = re.compile(
    r"\b(?i:firma|firmę|firmy|nabywca|działalność|dzialalnosc)\b[ \t:]*(?P<firm>[^\n,;:()]{4,80})"
)
_PARTNERS = re.compile(r"(?i)\b(?:sp\.|spółka|spolka|s\.c\.|s\.a\.)")
_POLISH_WORD = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,}(?:-[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,})?")
_INVOICE = re.compile(r"(?i)\b(?:faktur\w*|nip)\b")
_RELATIVE_FIRM = re.compile(
    r"(?i)\b(?:mę[żz]\w*|męża|żon\w*|zon[aey]|syn\w*|córk\w*|cork\w*|ojc\w*|mam\w*|brat\w*|"
    r"siostr\w*|taty|teści\w*|szwagr\w*|kolegi|koleżanki|znajom\w*|szef\w*)\b"
)


def sole_trader_owner(body: str) -> str | None:
    """The owner's full name in a sole trader's firm named on an invoice request
    (see :data:`_SOLE_TRADER`), when the first name is a known one and the surname
    none; else None."""
    if not _INVOICE.search(body):
        return None
    for m in _SOLE_TRADER.finditer(body):
        firm = m.group("firm")
        if _PARTNERS.search(firm) or _RELATIVE_FIRM.search(body[max(0, m.start() - 40) : m.end()]):
            continue  # "fakturę na firmę męża: Jan Nowak", "Nowak sp. z o.o."
        words = firm.split()
        for given, surname in zip(words, words[1:], strict=False):
            if (
                _POLISH_WORD.fullmatch(given)
                and _POLISH_WORD.fullmatch(surname)
                and is_first_name(given)
                and not is_first_name(surname)
                and not organisation_word(surname)
            ):
                return f"{given} {surname}"
    return None


# A request to send one's own order to a new address, the address block under it:
# "please change the delivery address to:\n\nAndrew Collins\n22 Beechwood Road ...";
# the name heading the block is the writer's when the e-mail speaks of no one else
_NEW_ADDRESS = re.compile(
    r"(?i:\b(?:change|update|amend|correct|send\w*|deliver\w*)\b[^\n]{0,60}?\b(?:address|it)\b[^\n]{0,20}"
    r"\bto\b|\b(?:zmie[nń]\w*|popraw\w*)\b[^\n]{0,40}?\badres\w*\b[^\n]{0,20}\bna\b|"
    r"\b(?:измени\w*|поменя\w*|исправ\w*)\b[^\n]{0,40}?\bадрес\w*\b[^\n]{0,20}\bна\b)"
    r"[ \t]*:?[ \t]*\n(?:[ \t]*\n)*[ \t]*(?P<name>[^\n]{3,60})\n[ \t]*(?P<address>[^\n]{3,80})"
)
_FIRST_PERSON = re.compile(r"(?i)\b(?:my|mój|moje|mojego|moją|mój|мой|мою|мне|мой)\b")
_SOMEONE_ELSE = re.compile(
    r"(?i)\b(?:gift|present|surprise|birthday|for (?:her|him|them)\b|mum|mom|mother|dad|"
    r"father|wife|husband|son|daughter|sister|brother|friend|neighbou?r|grand\w+|aunt|uncle|"
    r"partner|colleague|prezent\w*|upomin\w*|niespodziank\w*|mam[aiyę]|mamie|tat[aiyę]|"
    r"żon\w*|mę[żz]\w*|syn\w*|córk\w*|siostr\w*|brat\w*|babci\w*|dziadk\w*|znajom\w*|"
    r"przyjaci\w*|sąsiad\w*|подар\w*|сюрприз\w*|мам\w*|пап\w*|жен[аеуы]|муж\w*|сын\w*|"
    r"доч\w*|сестр\w*|брат\w*|бабушк\w*|дедушк\w*|друг\w*|подруг\w*|сосед\w*|коллег\w*)\b"
)


def own_delivery_name(body: str) -> str | None:
    """The full name heading the new address a customer asks to send their own order
    to (see :data:`_NEW_ADDRESS`): a known first name and a surname above an address
    line, in an e-mail that speaks of "my" and of no one else (no gift, no relative,
    no friend); else None."""
    m = _NEW_ADDRESS.search(body)
    if m is None or not _FIRST_PERSON.search(body) or _SOMEONE_ELSE.search(body):
        return None
    name = name_of_line(m.group("name").strip())
    address = m.group("address")
    if name is None or len(name.split()) < 2 or not is_first_name(name.split()[0]):
        return None
    if not (looks_like_address(address) or re.search(r"\d", address)):
        return None
    return name


# A marketplace chat's speaker label on a line of its own, over what the speaker wrote:
# "Артём:", "Павел К.:", "Kasia W.:", "Jamie:" (a first name, and a surname or its initial)
_SPEAKER_LABEL = re.compile(
    r"^[ \t]*(?P<given>[^\W\d_][\w'’-]+)(?:[ \t]+(?P<other>[^\W\d_][\w'’-]*\.?))?[ \t]*:[ \t]*$",
    re.MULTILINE,
)


# the label with a surname's initial, the message after it on its line: "Наталья К.:
# Здравствуйте, отмените ..." (an initial makes it a label, not a name addressed)
_INLINE_SPEAKER_LABEL = re.compile(
    r"^[ \t]*(?P<given>[^\W\d_][\w'’-]+)[ \t]+(?P<other>(?-i:[A-ZА-ЯЁ])\.)[ \t]*:[ \t]+(?=\S)"
)


# a first name opening the message's line, which the notice over it names its writer
# (the empty "other" group: the loop reads a label's surname or initial from it, as
# from _SPEAKER_LABEL's, and such a line gives the first name alone)
_OPENING_LABEL = re.compile(r"^[ \t]*(?P<given>[^\W\d_][\w'’-]+)(?P<other>)[ \t]*:[ \t]+(?=\S)")


# A marketplace's notice naming who wrote the message under it: "New message from Grace
# about ...", "Nowa wiadomość od Hope", "Новое сообщение от Веры Ивановой"; the whole
# sender, to the line's end, a stop or the words of what it is about
_MARKETS = "|".join(sorted(CARRIERS_AND_MARKETS))  # "Сообщение от покупателя Ozon: Дмитрий"
_MESSAGE_FROM = re.compile(
    r"(?i:\bmessage[ \t]+from|\bwiadomo[śs][ćc][ \t]+od|\bсообщени[ея][ \t]+от)[ \t]+"
    # the marketplace's role word first: "Message from Amazon customer Priyanka"
    r"(?:(?:[\w.-]{2,20}[ \t]+)?(?i:customer|buyer|kupuj[aą]c\w{0,3}|klient\w{0,3}|"
    r"покупател\w{0,3}|клиент\w{0,3})(?:[ \t]+(?i:" + _MARKETS + r"))?(?:[ \t]*:)?[ \t]+)?"
    r"(?P<sender>[^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*)*?)"
    r"(?=[ \t]*(?:\Z|[:,;!?(\"“”«»|]|[ \t]+[-–—]|[ \t]+(?i:about|re|regarding|on|w[ \t]+sprawie|"
    r"dot|o|ws|по[ \t]+поводу|о|об|про|насч[её]т|по)(?![^\W\d_])))"
)


def _announced_sender(line: str) -> str | None:
    """The first name a notice's line gives the writer of the message under it, when
    the sender it names is that first name alone or with one surname ("Hope", "Вера
    Иванова"; not a firm: "Hope Street Traders", "Grace Interiors")."""
    m = _MESSAGE_FROM.search(line)
    if m is None:
        return None
    words = m.group("sender").split()
    if len(words) > 2 or not (words[0].istitle() and is_first_name(words[0])):
        return None
    if any(organisation_word(word) for word in words):
        return None
    surname = words[1] if len(words) == 2 else ""
    if surname and (not surname.istitle() or is_word_too(surname) or not_a_name(surname)):
        return None  # "Hope Traders", "Grace hello": no surname after the name
    return words[0]


# the marketplaces (folded) whose notices name a buyer; not the couriers, whose notices
# name their drivers ("DPD / Message from Anthony, your driver")
_MARKETPLACES = frozenset(
    "amazon ebay etsy allegro olx vinted ozon wildberries avito aliexpress озон".split()
)
_BUYER_ROLE = re.compile(
    r"(?i:\b(?:customer|buyer|kupuj[aą]c\w{0,3}|klient\w{0,3}|покупател\w{0,3}|клиент\w{0,3}))"
)


def speaker_label(body: str) -> str | None:
    """The name of the one speaker a marketplace's chat labels in ``body`` ("Wildberries
    / ... / Артём: / Здравствуйте! ..."): a label of its own line, under the platform's
    lines (a first line "Kate:" greets the agent), over the message, whose first word is
    a known first name that is no common word; not a field's label ("Message:",
    "Сообщение:") or a role ("Продавец:", "Anna (sklep):"). A label with a surname's
    initial may open the line of the message ("Наталья К.: Здравствуйте, ..."), and so
    may a name the notice over it gives the writer ("New message from Grace ... / Grace:
    Hi! ...", where a name that is a common word too counts). Two
    speakers named (the customer and the agent of a pasted chat) give none. Else the
    customer's speaker lines (:func:`~expander.email.chatheaders.chat_speaker_name`)."""
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    found: dict[str, str] = {}
    announced: set[str] = set()  # the senders the notices over the line name
    for i, line in enumerate(lines):
        if i and (sender := _announced_sender(lines[i - 1])):
            announced.add(sender)
        m = _SPEAKER_LABEL.match(line) if i else None
        below = lines[i + 1] if i + 1 < len(lines) else ""
        if m is None and (m := _INLINE_SPEAKER_LABEL.match(line)):
            below = line[m.end() :]  # "Наталья К.: Здравствуйте, ...": the label opens the line
        if (
            m is None
            and (opening := _OPENING_LABEL.match(line))
            and opening.group("given") in announced
        ):
            m, below = opening, line[opening.end() :]  # "New message from Grace\nGrace: Hi!"
        if m is None:
            continue
        given, other = m.group("given"), m.group("other") or ""
        if fold_same_length(given).lower() in found:
            continue  # the same speaker again
        if not below or _SPEAKER_LABEL.match(below):
            continue
        if not (given.istitle() and is_first_name(given)):
            continue
        if is_word_too(given) and given not in announced:
            continue  # "Hope:" alone may be a word; not under "New message from Hope"
        initial = len(other.rstrip(".")) == 1  # "Kasia W.:"
        if other and (not other[:1].isupper() or shop_role(other)):
            continue
        if other and not initial and title_or_company(other):
            continue  # "Anna Consultant:", "Ольга Менеджер:"
        if name := name_of_line(f"{given} {other}".strip()):
            found[fold_same_length(given).lower()] = name
            if len(found) > 1:
                return None
    # or the customer's speaker lines: "Erin M. - 11 Feb", "Покупатель Дмитрий К., 11 февраля"
    if found or (chat := chat_speaker_name(body)):
        return next(iter(found.values()), None) or chat
    # or the sender a marketplace's frame over the message names: "--- Message from Amazon
    # customer Priyanka ---" (a rule around it: a notice, not a sentence naming someone)
    # or under the platform's name alone ("Ozon / Новое сообщение от покупателя Екатерина"),
    # a note perhaps above them ("Amazon's service forwarded this: / --- Message from ...")
    # The platform's line must open the text, and a note above a frame must leave a buyer
    # named in it: a customer pasting a seller's or a courier's notice under a note of
    # their own ("See below: / Etsy / New message from Gemma", "this is what I got: / ---
    # Message from Claire ---") is not that sender.
    for i, line in enumerate(lines[:3]):
        framed = re.match(r"[-=_*]{2,}[ \t]", line) is not None
        under_platform = i == 1 and fold_same_length(lines[0].strip().lower()) in _MARKETPLACES
        if framed and i > 0 and not _BUYER_ROLE.search(line):
            continue
        if framed or under_platform:
            return _announced_sender(line)
    return None
