"""Customer fields found in an e-mail: name, order number, e-mail address, phone.

The values fill a reply's ``{name}``, ``{full_name}``, ``{order}``, ``{email}``
and ``{phone}``. They are data: the template renderer inserts them literally,
never as template code, and this module returns them as the customer wrote
them (a display name ``{clipboard}`` stays ``{clipboard}``).

Where each field is looked for, most trusted first:

- name: the pasted ``From:`` header, a contact form's name field ("Imię i
  nazwisko: Jan Kowalski"), the sign-off ("Thanks, Anna", "Anna from ACME"),
  the line under it or under the ``-- `` delimiter (or under a job title and
  a company line), "my name is ..." in the body, and last the
  greeting of the quoted earlier message (the shop's reply that greeted the
  customer). The greeting of the customer's own text names the agent, so it
  is never used.
- order: the customer's new text, then the signature, then the quoted
  messages (a reply to "your order #48213 has shipped" is about #48213).
  A number written bare ("#5531", "№ 12-34", "FV/12/2024") that the words
  before it name as something else (an invoice, a tracking number, a ticket)
  is not taken; a document code so named only when nothing else is found.
- e-mail: the ``From:`` header, then the new text, then the signature.
- phone: the new text, then the signature; never the quoted messages, which
  carry the shop's own number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from expander.email.clean import (
    _COMPANY,
    _NOT_NAMES,
    CleanEmail,
    _fold,
    clean_email,
    detect_language,
    leading_name,
    name_of_line,
    signed_name,
    split_sign_off,
)

__all__ = [
    "DEFAULT_ORDER_PATTERNS",
    "extract_fields",
    "find_emails",
    "find_names",
    "find_phones",
    "mask_personal_data",
]

_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]*\w@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

# --- order numbers -----------------------------------------------------------------

# What an order number looks like: an optional letter prefix, then a digit and
# more digits, letters, dashes or slashes ("48213", "AB-12345", "ZK/123/2024").
_VALUE = r"((?:[A-ZА-Я]{1,5}[-/]?)?\d[\dA-Z/_-]{2,})"
# After a keyword ("order", "zamówienie", "заказ") a bare number needs four
# characters: "order 100 pieces" is a quantity.
_LONG_VALUE = r"((?:[A-ZА-Я]{1,5}[-/]?)?\d[\dA-Z/_-]{3,})"
_LINK_EN = (
    r"(?:\s*(?:(?:confirmation|reference|ref|number|num|no|nr|id|code|is|was)\b\.?|[#:\-–—]))*\s*"
)
_LINK_PL = r"(?:\s*(?:(?:nr|numer|numerze|numerem|o|to|jest)\b\.?|[#:\-–—]))*\s*"
_LINK_RU = r"(?:\s*(?:(?:номер|номером|ном|н|n|no|это)\b\.?|[#№:\-–—]))*\s*"

# Order numbers as shops write them; the captured group is the number itself.
# Matched case-insensitively.
DEFAULT_ORDER_PATTERNS: tuple[str, ...] = (
    # "#48213", "# 48213"
    r"(?<![\w&])#\s?" + _VALUE,
    # "№ 77-1932", "N° 12345", "Nº 12345"
    r"(?:№|N°|Nº)\s?" + _VALUE,
    # "ZAM/2024/0815", "INV-2024-00012", "ZK/123/2024"
    r"(?<![\w/-])((?-i:[A-Z]{2,6})[/-]\d{1,6}(?:[/-]\d{1,8})+)(?![\w/-])",
    # "order 12345", "order no. 12345", "order number: AB-12345", "order ID is 12345"
    r"\borders?\b" + _LINK_EN + _LONG_VALUE,
    # "zamówienie nr 12345", "zamówieniu numer 12345", "zamowienia o numerze 12345", "zam. 12345"
    r"\bzam(?:[óo]wie[nń]\w*|\.)" + _LINK_PL + _LONG_VALUE,
    # "nr zamówienia 12345", "numer zamówienia: 12345", "numerem zamówienia 12345"
    r"\b(?:nr\.?|numer\w*)\s+zam(?:[óo]wienia|\.)" + _LINK_PL + _LONG_VALUE,
    # "заказ 12345", "заказу № 12345", "заказом номер 12345", "заказ N 12345"
    r"\bзаказ(?:а|у|ом|е|ы|ов|ам|ами|ах)?\b" + _LINK_RU + _LONG_VALUE,
    # "номер заказа 12345", "№ заказа: 12345"
    r"(?:\bномер\w*|№)\s+заказа\b" + _LINK_RU + _LONG_VALUE,
)
_DATE = re.compile(
    r"\d{1,2}([./])\d{1,2}\1\d{2,4}|\d{4}([./-])\d{1,2}\2\d{1,2}|\d{1,2}-\d{1,2}-\d{4}"
)
_AMOUNT_AFTER = re.compile(
    r"\s?(?:zł|zl\b|pln|eur|€|usd|\$|gbp|£|руб|р\.|₽|rub|uah|грн|%|szt|pcs|kg\b|km\b|ml\b|"
    r"cm\b|mm\b|euro|dollar|złot|zlot|рубл|pieces|items|units|pairs|sets|sztuk|par\b|шт)",
    re.IGNORECASE,
)


# The default patterns that carry no word for "order" ("#48213", "№ 77-1932",
# "ZAM/2024/0815"): a number the words before them name as something else
# ("invoice #5531", "faktura FV/12/2024", "счёт № 12-34", "tracking # ...") is
# not the order's.
# A document code ("INV-2024-00012") so named is still taken when nothing
# else in the e-mail looks like an order number.
_BARE_ORDER_PATTERNS = frozenset(DEFAULT_ORDER_PATTERNS[:3])
_CODE_PATTERN = DEFAULT_ORDER_PATTERNS[2]
_NOT_ORDER_CONTEXT = re.compile(
    r"invoice|\binv\b|receipt|faktur|rachun|paragon|сч[еe]т|квитанц|чек\b|tracking|\btrack|"
    r"trek|трек|отслеж|накладн|przesylk|paczk|parcel|shipment|consignment|waybill|\bawb|"
    r"ticket|\bcase\b|\brma\b|complaint|claim|zgloszen|reklamacj|sprawy|обращен|заявк|"
    r"претензи|тикет|\bref\b|reference|account|konto|customer|klienta|клиент|договор|umow|"
    r"contract|\biban|\bcard|karta|карт|transakc|transaction|транзакц|payment|platnos|"
    r"плат[еe]ж|\bsku|serial|seryjn|imei|voucher|coupon|kupon|kod\b|code\b|promo"
)
_ORDER_WORD = re.compile(r"order|\bzam|заказ")


def _named_otherwise(text: str, start: int) -> bool:
    """Whether the words right before ``start`` (on its line) name the number
    there as something other than an order."""
    line_start = text.rfind("\n", 0, start) + 1
    before = _fold(text[max(line_start, start - 40) : start])
    negative = [n.end() for n in _NOT_ORDER_CONTEXT.finditer(before)]
    if not negative:
        return False
    return not any(o.start() >= negative[-1] for o in _ORDER_WORD.finditer(before))


@functools.lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _value_group(m: re.Match[str]) -> int | str:
    if "order" in m.re.groupindex:
        return "order"
    return 1 if m.re.groups else 0


def _first(
    text: str,
    patterns: Sequence[re.Pattern[str]],
    *,
    is_order: bool = False,
    fallback: list[str] | None = None,
) -> str | None:
    """The earliest match of any pattern in ``text``.

    With ``is_order`` (the default order patterns) a match must look like an
    order number: three digits or more, not a date, not an amount or a
    quantity, not a number the words before it name as something else (a
    document code so named goes to ``fallback`` instead). A pack's own
    patterns are trusted as they are.
    """
    best: tuple[int, str] | None = None
    for pattern in patterns:
        for m in pattern.finditer(text):
            if best is not None and m.start() >= best[0]:
                break
            group = _value_group(m)
            value = (m.group(group) or "").strip()
            if is_order:
                value = value.rstrip("-/_.,;:")
                if sum(ch.isdigit() for ch in value) < 3 or _DATE.fullmatch(value):
                    continue
                if _AMOUNT_AFTER.match(text, m.start(group) + len(value)):
                    continue
                if pattern.pattern in _BARE_ORDER_PATTERNS and _named_otherwise(text, m.start()):
                    if fallback is not None and pattern.pattern == _CODE_PATTERN:
                        fallback.append(value)
                    continue
            if value:
                best = (m.start(), value)
                break
    return best[1] if best else None


# --- phones ------------------------------------------------------------------------

# A run of digit groups joined by single separators, taken whole (atomic), so
# a longer number is never cut down to a phone-sized piece of it.
_GROUP = r"(?:\(\d{1,5}\)|\d+)"
_PHONE_RE = re.compile(
    r"(?<![\w+#№/@])(?<!\d[.,-])"
    rf"(?>(?:\+[ \u00a0]?)?{_GROUP}(?:(?:[ \u00a0.\-]|[ \u00a0]?(?=\())?{_GROUP})*)"
    r"(?![\w@]|[.,/-]\d)"
)
_PHONE_CONTEXT = re.compile(
    r"tel|phone|mobile|\bmob\b|\bcell|\bcall|telefon|komork|\bkom\.|zadzwo|dzwon|тел|моб|"
    r"сотов|звон|whatsapp|viber|telegram|\bsms|fax|факс|contact|kontakt|связ"
)
_NOT_PHONE_CONTEXT = re.compile(
    r"order|zamow|\bzam\.|заказ|invoice|faktur|сч[еe]т|tracking|\btrack|przesylk|paczk|"
    r"nadani|przewozow|трек|отслеж|накладн|посылк|iban|account|konto|rachun|\bnip|regon|"
    r"pesel|\bkrs|инн|огрн|кпп|\bcard|karta|карт|\bref|ticket|zgloszen|обращен|\bcase|"
    r"\btrek|\bsku|\bean|serial|seryjn|imei|\bawb|parcel|shipment|consignment|transaction|"
    r"transakc|транзакц|payment|platnos|плат[еe]ж|\bid\b|#|№|numer\s+(?:klienta|umowy)|"
    r"customer\s+(?:no|number|id)|договор|umow"
)


def _phone_ok(text: str, m: re.Match[str]) -> bool:
    raw = m.group(0)
    digits = re.sub(r"\D", "", raw)
    groups = re.findall(r"\d+", raw)
    if raw.startswith("+"):
        if not 8 <= len(digits) <= 15:
            return False
    elif raw.startswith("00") and len(digits) >= 11:
        if not 10 <= len(digits) <= 15:
            return False
    elif not 9 <= len(digits) <= 11:
        return False
    if len(groups) >= 2 and max(len(g) for g in groups) > 8:
        return False
    if _DATE.search(raw):
        return False
    if _AMOUNT_AFTER.match(text, m.end()):
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = _fold(text[max(line_start, m.start() - 40) : m.start()])
    positive = [p.end() for p in _PHONE_CONTEXT.finditer(before)]
    negative = [n.end() for n in _NOT_PHONE_CONTEXT.finditer(before)]
    if not negative or (positive and positive[-1] > negative[-1]):
        return True
    # "order 123456789" names this number; "order 55123, 601 234 567" another one.
    return any(ch.isdigit() for ch in before[negative[-1] :])


def find_phones(text: str) -> Iterator[re.Match[str]]:
    """The phone numbers in ``text``, as matches (for their spans).

    International ("+48 601 234 567", "+7 (912) 345-67-89", "0044 20 7946 0958")
    and national ("601-234-567", "8 912 345 67 89", "020 7946 0958") forms;
    not dates, postcodes, amounts, or numbers that the words before them name
    as something else (an order, a parcel, an account, an invoice, ...).
    """
    for m in _PHONE_RE.finditer(text):
        if _phone_ok(text, m):
            yield m


def find_emails(text: str) -> list[str]:
    """The e-mail addresses in ``text``, in order."""
    return _EMAIL_RE.findall(text)


# --- names -------------------------------------------------------------------------

_FROM_LINE = re.compile(
    r"^\s*\*?(?:from|od|от кого|от|de|von)\s*\*?\s*:\s*(?P<value>.+)$", re.IGNORECASE
)
# A contact form's name field: "Name: Anna Smith", "Imię i nazwisko: Jan Kowalski", "ФИО: ..."
_LABELLED_NAME = re.compile(
    r"^\s*(?i:name|full name|your name|customer name|first name|imi[eę](?:\s+i\s+nazwisko)?|"
    r"nazwisko\s+i\s+imi[eę]|имя(?:\s+и\s+фамилия)?|фамилия\s+и\s+имя|фио)\s*:\s*(?P<value>.+)$",
    re.MULTILINE,
)
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$")
_SURNAME = re.compile(
    r"(?:ов|ев|ин|ын|ова|ева|ина|ына|ский|ская|цкий|цкая|ski|ska|cki|cka|dzki|dzka|wicz)$"
)
_MY_NAME = re.compile(
    r"(?i:\bmy name is|\bmy name's|(?:^|[,.!]\s*)this is|\bnazywam si[eę]|\bmam na imi[eę]|"
    r"\bz tej strony|\bменя зовут|\bс вами|\bпишет вам)\s+(?P<name>(?:\S+\s+){0,2}\S+)",
    re.MULTILINE,
)
# Introductions only masked, never taken as the name to greet with: a surname
# alone ("Моя фамилия Волкова"), or "I'm"/"I am" followed by a full name (one
# capitalised word after "I'm" is as often a nationality or a mood).
_MORE_INTRODUCTIONS = re.compile(
    r"(?i:\bmoja? (?:nazwisko|imi[eę]) to|\bmoje (?:nazwisko|imi[eę]) to|\bмоя фамилия|"
    r"\bмо[её] имя|(?P<two>\bI'm|\bI’m|\bI am|\bjestem|\bэто))[ \t:,]+"
    r"(?P<name>(?:\S+\s+){0,2}\S+)",
)
_QUOTED_GREETING = re.compile(
    r"^(?:>\s*)*(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening)|dzie[nń] dobry|witam|"
    r"cze[sś][cć]|szanown\w+|здравствуйте|добрый (?:день|вечер)|уважаем\w+|привет)"
    r"[ ,!]+(?P<title>(?i:mr|mrs|ms|miss|pan|pani|panie)\.?\s+)?"
    r"(?P<name>[^,!.\n]{1,60})(?:[,!.]|$)",
    re.MULTILINE,
)


def _tidy_case(name: str) -> str:
    letters = [ch for ch in name if ch.isalpha()]
    if letters and all(ch.isalpha() or ch in " -'’." for ch in name):
        if all(ch.islower() for ch in letters) or (
            len(letters) > 3 and all(ch.isupper() for ch in letters)
        ):
            return name.title()
    return name


def _display_name(value: str) -> str | None:
    """The person in a ``From:`` value: ``"Kowalski, Jan" <jan@wp.pl>`` → Jan Kowalski."""
    value = re.sub(r"<[^>]*>|\[mailto:[^\]]*\]|\([^)]*\)", " ", value)
    value = re.sub(r"\s+(?:via|przez|через)\s+.*$", "", value, flags=re.IGNORECASE)
    value = value.strip().strip("\"'“”«»").strip()
    if not value or "@" in value or any(ch.isdigit() for ch in value):
        return None
    if "," in value:
        last, _, first = value.partition(",")
        value = f"{first.strip()} {last.strip()}".strip()
    words = value.split()
    if not 1 <= len(words) <= 5:
        return None
    if any(_fold(w.strip(".,")) in _NOT_NAME_WORDS for w in words):
        return None  # "Customer Service", "Sklep XYZ"
    return _tidy_case(" ".join(words))


def _first_name(full: str) -> str:
    """The first name to greet with: "Петрова Анна Сергеевна" → Анна, "Kowalski Jan" → Jan."""
    words = full.split()
    if len(words[0].rstrip(".")) <= 1:
        return full  # "J. Smith": greet with all of it
    if len(words) >= 2:
        for i in range(1, len(words)):
            if _PATRONYMIC.search(words[i].lower()):
                return words[i - 1]
        if len(words) == 2:
            first, second = (w.lower() for w in words)
            if _SURNAME.search(first) and not _SURNAME.search(second):
                return words[1]
            # "Nowak Katarzyna", "Wójcik Magdalena": surname first, as Polish
            # and Russian forms and registers write it.
            if _fold(second) in _FIRST_NAMES and _fold(first) not in _FIRST_NAMES:
                return words[1]
    return words[0]


# Common Polish and Russian first names (folded), to tell a surname written
# first ("Nowak Katarzyna") when the surname has no telling ending. Names
# that are also common English surnames (Adam, Daniel, Robert, Roman, ...)
# are left out: "Chris Roman" is Chris.
_FIRST_NAMES = frozenset(
    _fold(w)
    for w in (
        "Anna Maria Katarzyna Małgorzata Agnieszka Barbara Ewa Krystyna Elżbieta Zofia "
        "Teresa Magdalena Joanna Janina Monika Danuta Jadwiga Aleksandra Halina Irena "
        "Beata Marta Dorota Karolina Justyna Jolanta Natalia Iwona Grażyna Paulina Renata "
        "Agata Hanna Urszula Sylwia Alicja Wiktoria Julia Patrycja Ewelina Kamila Izabela "
        "Emilia Weronika Marianna Dominika Martyna Edyta Wanda Aneta Stanisława Helena "
        "Bożena Zuzanna Oliwia Lena Maja Kinga Klaudia Gabriela Marzena Wioletta Lidia "
        "Kasia Basia Gosia Asia Ola Ania Madzia Magda Piotr Krzysztof Andrzej Tomasz Jan "
        "Paweł Michał Marcin Stanisław Jakub Marek Łukasz Grzegorz Mateusz Wojciech "
        "Mariusz Dariusz Zbigniew Jerzy Maciej Rafał Kamil Józef Henryk Ryszard "
        "Kazimierz Tadeusz Dawid Jacek Sebastian Szymon Artur Przemysław Patryk "
        "Sławomir Bartosz Leszek Waldemar Zdzisław Mirosław Filip Igor Karol "
        "Damian Wiesław Bartek Kuba Wojtek Tomek Kacper Antoni Franciszek "
        "Анна Мария Елена Ольга Наталья Татьяна Ирина Екатерина Светлана Юлия Анастасия "
        "Марина Людмила Галина Валентина Надежда Любовь Виктория Ксения Дарья Алина "
        "Евгения Елизавета Полина Вера Алёна Оксана Лариса Нина Тамара Софья Кристина "
        "Александр Сергей Дмитрий Андрей Алексей Максим Евгений Иван Михаил Артём Никита "
        "Владимир Николай Павел Роман Олег Игорь Денис Виктор Константин Антон Юрий "
        "Илья Кирилл Вадим Василий Георгий Борис Григорий Фёдор Егор Станислав Руслан "
        "Тимур Леонид Геннадий Вячеслав Валерий Анатолий Пётр Степан Ярослав Даниил"
    ).split()
)


def _signature_name(clean: CleanEmail) -> str | None:
    if clean.sign_off:
        split = split_sign_off(clean.sign_off)
        if split and split[1]:
            name = signed_name(split[1])  # "Thanks, Anna"; not "Dziękuję za pomoc"
            if name:
                return name
    lines = clean.signature.split("\n")
    if clean.sign_off and lines and lines[0].strip() == clean.sign_off:
        lines = lines[1:]
    expected = bool(clean.sign_off)  # right under a sign-off, a name is expected
    skipped: list[str] = []  # job title and company lines above the name
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped in ("--", "-- ", "—", "---"):
            continue
        split = split_sign_off(stripped)
        if split is not None and not skipped:  # a sign-off under the "-- " delimiter
            if split[1]:
                return signed_name(split[1])
            expected = True
            continue
        if not skipped:
            name = leading_name(stripped, relaxed=expected)
            if name is not None or not _title_or_company(stripped):
                return name
        elif name := leading_name(stripped):
            # "Менеджер по закупкам / ООО «Ромашка» / Татьяна Волкова": a name
            # under a company line, or one that starts with a known first name
            # (a company's own name may look like a person's).
            company = any(_COMPANY.search(_fold(s)) for s in skipped)
            if company or _fold(name.split()[0]) in _FIRST_NAMES:
                return name
            return None
        elif not _title_or_company(stripped):
            return None
        skipped.append(stripped)
        if len(skipped) > 3:
            return None
    return None


def _title_or_company(line: str) -> bool:
    """Whether a signature line is a job title or a company ("Purchasing
    Manager", "Kierownik działu zakupów", "ООО «Ромашка»"), not a name."""
    folded = _fold(line)
    if _COMPANY.search(folded):
        return True
    if len(line.split()) > 5 or any(ch.isdigit() or ch == "@" for ch in line):
        return False
    words = [_fold(w.strip(",.;:()\"'«»")) for w in line.split()]
    return any(w in _TITLE_WORDS or w in _NOT_NAMES for w in words)


# Job titles that head a signature line (folded).
_TITLE_WORDS = frozenset(
    _fold(w)
    for w in (
        "manager director head owner founder ceo cfo coo cto assistant coordinator "
        "specialist officer buyer purchasing procurement accountant administrator "
        "kierownik kierowniczka dyrektor prezes właściciel właścicielka specjalista "
        "specjalistka asystent asystentka koordynator koordynatorka księgowa księgowy "
        "zaopatrzenie zakupów менеджер директор руководитель начальник владелец "
        "специалист бухгалтер ассистент помощник закупщик снабжения закупкам"
    ).split()
)


def _body_name(body: str) -> str | None:
    for m in _MY_NAME.finditer(body):
        if name := _introduced(m.group("name")):
            return name
    return None


def _body_names(body: str) -> Iterator[str]:
    """Every name the customer introduces themself with in ``body``."""
    for m in _MY_NAME.finditer(body):
        if name := _introduced(m.group("name")):
            yield name
    for m in _MORE_INTRODUCTIONS.finditer(body):
        if (name := _introduced(m.group("name"))) and (
            not m.group("two") or len(name.split()) >= 2
        ):
            yield name


def _introduced(text: str) -> str | None:
    """The name that ``text`` (the words after "my name is") starts with."""
    words: list[str] = []
    for word in text.split():
        words.append(word.rstrip(",.!?;:"))
        if word[-1] in ",.!?;:":
            break  # a name does not run over punctuation
    for n in range(len(words), 0, -1):
        candidate = words[:n]
        if all(w[:1].isupper() for w in candidate) and (name := name_of_line(" ".join(candidate))):
            return name
    return None


def _quoted_greeting_name(quoted: str) -> str | None:
    m = _QUOTED_GREETING.search(quoted)
    if not m or (m.group("title") and _fold(m.group("title")).startswith("pan")):
        return None  # Polish "Pani Anno" is a vocative, not the name as written
    return name_of_line(m.group("name"))


def _name(clean: CleanEmail) -> str | None:
    for line in clean.headers.split("\n"):
        m = _FROM_LINE.match(line)
        if m and (name := _display_name(m.group("value"))):
            return name
    for part in (clean.body, clean.signature):
        for m in _LABELLED_NAME.finditer(part):
            if name := _display_name(m.group("value")):
                return name
    found = _signature_name(clean) or _body_name(clean.body) or _quoted_greeting_name(clean.quoted)
    return _tidy_case(found) if found else None


def find_names(text: str = "", *, cleaned: CleanEmail | None = None) -> list[str]:
    """Every name an e-mail gives for a person, not only the one
    :func:`extract_fields` picks: the ``From:`` display names, a contact form's
    name field, the name under or after the sign-off, every self-introduction
    ("this is Ruth Adams", "my name is ...", "nazywam się ...", "меня зовут
    ...", "моя фамилия ..."), and the name greeted, in the customer's text
    (the agent's) and in the quoted reply (the customer's).

    For masking: anything kept from an e-mail must not name anyone, so a
    surname given only in the body ("this is Ruth Adams ... Thanks, Ruth") is
    masked too. Pass ``cleaned`` when :func:`clean_email` has already run.
    """
    clean = cleaned if cleaned is not None else clean_email(text)
    found: list[str] = []
    for line in clean.headers.split("\n"):
        m = _FROM_LINE.match(line)
        if m and (name := _display_name(m.group("value"))):
            found.append(name)
    for part in (clean.body, clean.signature):
        for m in _LABELLED_NAME.finditer(part):
            if name := _display_name(m.group("value")):
                found.append(name)
    if name := _signature_name(clean):
        found.append(name)
    found.extend(_body_names(clean.body))
    for part in (clean.body, clean.quoted):
        for m in _QUOTED_GREETING.finditer(part):
            if name := name_of_line(m.group("name")):
                found.append(name)
    return list(dict.fromkeys(_tidy_case(name) for name in found))


_NOT_NAME_WORDS = frozenset(
    _fold(w)
    for w in (
        "customer service support team shop store sales info office admin noreply no-reply "
        "notifications helpdesk orders sklep obsługa klienta biuro zespół dział магазин "
        "служба поддержки поддержка отдел продаж mailer-daemon"
    ).split()
)


# --- extraction ----------------------------------------------------------------------


def extract_fields(
    text: str,
    order_patterns: Iterable[str] = (),
    *,
    include_defaults: bool = True,
    field_patterns: Mapping[str, Iterable[str]] | None = None,
    cleaned: CleanEmail | None = None,
) -> dict[str, str]:
    """The customer fields found in an e-mail (plain text or HTML).

    Keys, when found: ``name`` (first name, for greetings), ``full_name``,
    ``order``, ``email``, ``phone``; an e-mail with none of them gives ``{}``.
    ``order_patterns`` are extra regular expressions (a pack's own order-number
    formats), tried before the defaults; the group named ``order``, else the
    first group, else the whole match is the number. ``field_patterns`` maps
    other field names (or ``order``) to a pack's patterns, read the same way;
    they win over what is found otherwise. Patterns match case-insensitively;
    an invalid one raises :class:`re.error`. Pass ``cleaned`` when the caller
    has already run :func:`clean_email` on ``text``.
    """
    clean = cleaned if cleaned is not None else clean_email(text)
    extra = {key: [_compile(p) for p in pats] for key, pats in (field_patterns or {}).items()}
    pack_orders = [_compile(p) for p in order_patterns] + extra.pop("order", [])
    default_orders = [_compile(p) for p in DEFAULT_ORDER_PATTERNS] if include_defaults else []
    current = [part for part in (clean.body, clean.signature) if part]
    fields: dict[str, str] = {}

    full_name = _name(clean)
    if full_name:
        fields["name"] = _first_name(full_name)
        fields["full_name"] = full_name

    order = None
    named_otherwise: list[str] = []
    for region in (*current, clean.quoted):
        order = _first(region, pack_orders) or _first(
            region, default_orders, is_order=True, fallback=named_otherwise
        )
        if order:
            break
    order = order or next(iter(named_otherwise), None)
    if order:
        fields["order"] = order

    from_emails = [
        e for line in clean.headers.split("\n") if _FROM_LINE.match(line) for e in find_emails(line)
    ]
    emails = from_emails + [e for part in current for e in find_emails(part)]
    if emails:
        fields["email"] = emails[0]

    order_digits = re.sub(r"\D", "", order or "")
    for part in current:
        phone = next(
            (
                m.group(0).strip()
                for m in find_phones(part)
                if re.sub(r"\D", "", m.group(0)) != order_digits
            ),
            None,
        )
        if phone:
            fields["phone"] = phone
            break

    for key, patterns in extra.items():
        for region in current:
            value = _first(region, patterns)
            if value:
                fields[key] = value
                break
    return fields


def mask_personal_data(
    text: str, fields: Mapping[str, str] | None = None, names: Iterable[str] = ()
) -> str:
    """``text`` with every e-mail address and phone number replaced by
    ``[email]`` / ``[phone]``, and the given ``name``, ``full_name`` (and each
    word of it) and ``order`` values by ``[name]``, ``[full_name]``, ``[order]``.

    ``names`` are more names to mask (see :func:`find_names`): a name of two
    words or more becomes ``[full_name]``, and each of its words (and each
    part of a hyphenated one) ``[name]``.

    For anything Expander keeps from an e-mail: learned examples, statistics.
    Dates, amounts, postcodes, tracking and order numbers are left as they
    are unless given as a field. Names are matched as written (case-sensitive,
    whole words), so "Will" masks "Will" but not "will"; nor does a one-word
    name mask a question or a request that starts with the same word ("Will
    you ...?", "May I ...?", "Mark the order ..."). In Polish and Russian
    text their case forms are masked too ("Pana Kowalskiego", "Ирины").
    """
    masked = _EMAIL_RE.sub("[email]", text)
    spans = [m.span() for m in find_phones(masked)]
    for start, end in reversed(spans):
        masked = masked[:start] + "[phone]" + masked[end:]

    values: dict[str, str] = {}
    given = fields or {}
    for key in ("email", "phone"):
        if given.get(key):
            values[given[key]] = f"[{key}]"
    for key in ("order", "full_name", "name"):
        value = given.get(key, "")
        if len(value) >= 2:
            values.setdefault(value, f"[{key}]")
    more = [name.strip() for name in names]
    for name in more:
        if len(name.split()) >= 2:
            values.setdefault(name, "[full_name]")
    for full in (given.get("full_name", ""), *more):
        for word in full.split():
            word = word.strip(".,")
            # "Nowak-Kowalska", and "Nowak" and "Kowalska" alone
            for part in (word, *(re.split(r"[-‐]", word) if "-" in word or "‐" in word else ())):
                if len(part) >= 2 and part[0].isupper():
                    values.setdefault(part, "[name]")
    if not values:
        return masked
    alternatives = sorted(values, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)")

    def replace(m: re.Match[str]) -> str:
        word = m.group(0)
        label = values[word]
        if (
            label in ("[name]", "[full_name]")
            and " " not in word
            and _ASKING_NEXT.match(m.string, m.end())
            and _starts_sentence(m.string, m.start())
        ):
            return word  # "Will you ...", "May I ...": no name
        return label

    masked = pattern.sub(replace, masked)
    words = [w for w, label in values.items() if label in ("[name]", "[full_name]")]
    return _mask_inflected(masked, [w for w in words if " " not in w])


# Case endings of Polish and Russian names: "Kowalskiego", "Anny", "Волковой".
_ENDINGS = sorted(
    set(
        "a e i y o u ę ą ie iej ej em iem om owi ego emu iego iemu im ich ów owie ach ami "
        "а я ы и е у ю ой ей ом ем ым им ого его ому ему ую ою ею ах ям ами".split()
    ),
    key=len,
    reverse=True,
)
_FINAL_VOWEL = frozenset("aeiouyąęаяеиоуыэюйь")
_INFLECTED = re.compile(r"[ąćęłńóśźżĄĆĘŁŃŚŹŻ\u0400-\u04ff]")


def _mask_inflected(text: str, names: Sequence[str]) -> str:
    """``text`` with Polish and Russian case forms of ``names`` masked as
    ``[name]`` ("Jan Kowalski" → "Pana Kowalskiego", "Ирина" → "Ирины"); only
    in Polish or Russian text, or for names in Polish or Cyrillic letters
    ("Willy" in English text is not a form of "Will")."""
    if not names:
        return text
    slavic = detect_language(text) in ("pl", "ru")
    stems = set()
    for name in names:
        if not name.isalpha() or len(name) < 3 or not (slavic or _INFLECTED.search(name)):
            continue
        stems.add(name[:-1] if name[-1].lower() in _FINAL_VOWEL else name)
    if not stems:
        return text
    pattern = re.compile(
        r"(?<![\w\[])(?:"
        + "|".join(map(re.escape, sorted(stems, key=len, reverse=True)))
        + ")(?:"
        + "|".join(_ENDINGS)
        + r")(?![\w\]])"
    )
    return pattern.sub(lambda m: m.group(0) if m.group(0) in _NOT_FORMS else "[name]", text)


# Common words that look like a case form of a short name ("Ale" of "Ala").
_NOT_FORMS = frozenset({"Ale", "Ile"})


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a sentence (or the text, or a line) starts at ``at``."""
    i = at
    while i > 0 and text[i - 1] in " \t\"'“«(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?…:;\n"


# The words that follow a verb starting a question or a request ("Will you",
# "May I", "Mark the order"), not a name starting a statement ("Will said").
_ASKING_NEXT = re.compile(
    r"\s+(?:I|you|we|they|he|she|it|this|that|these|those|there|someone|somebody|anyone|"
    r"anybody|everyone|my|your|our|their|his|her|its|the|a|an)(?![\w'’-])"
)
