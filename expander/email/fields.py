"""Customer fields found in an e-mail: name, order number, e-mail address, phone.

The values fill a reply's ``{name}``, ``{full_name}``, ``{order}``, ``{email}``
and ``{phone}``. They are data: the template renderer inserts them literally,
never as template code, and this module returns them as the customer wrote
them (a display name ``{clipboard}`` stays ``{clipboard}``).

Where each field is looked for, most trusted first (the name rules themselves
are in :mod:`expander.email.names`):

- name: the pasted ``From:`` header, a contact form's name field ("Imię i
  nazwisko: Jan Kowalski"), the sign-off ("Thanks, Anna", "Anna from ACME"),
  the line under it or under the ``-- `` delimiter (or under a job title and
  a company line), "my name is ..." in the body, the name closing a text
  written in lower case, the header of a forwarded message, and last the
  greeting of the quoted earlier message (the shop's reply that greeted the
  customer). The greeting of the customer's own text names the agent, so it
  is never used. A Russian e-mail that names no one but a bare ``From:`` address
  in Latin letters is greeted with the first name the address spells, in Cyrillic
  ("kira.melnikova.86@...": Кира; :mod:`expander.email.addressname`). A first
  name written as an initial only ("J. Smith") gives no ``name`` unless the e-mail
  writes it out elsewhere; a well-known English double first name is greeted
  whole ("Mary Ellen", :mod:`~expander.email.doublenames`).
- order: the customer's new text, then the signature, then the quoted
  messages (the rules are in :mod:`expander.email.orders`).
- e-mail: the ``From:`` header, then the new text, then the signature.
- phone: the new text, then the signature; never the quoted messages, which
  carry the shop's own number.

An automatic reply (:func:`~expander.email.autoreply.is_auto_reply`: an out-of-office
note) gives no name and no order: its signer is no customer to greet, and the order
its quoted subject names ("Re: Your order 59012 has been dispatched") asks for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TypedDict

from expander.email.addressname import russian_address_name
from expander.email.autoreply import is_auto_reply
from expander.email.clean import CleanEmail, clean_email, limit_blank_runs
from expander.email.couples import polish_couple_signs
from expander.email.doublenames import double_first_name
from expander.email.forwardfor import forwarded_for_another
from expander.email.givenname import bracketed_first_name, nickname_inside, polish_spelling
from expander.email.language import detect_language
from expander.email.names import (
    customer_name,
    first_name,
    first_name_elsewhere,
    from_header_value,
    names_in_email,
)
from expander.email.orders import (
    _AMOUNT_AFTER,
    _DATE,
    DEFAULT_ORDER_PATTERNS,
    _compile,
    _first,
    find_order,
    pattern_value_group,
)
from expander.email.ownscript import own_script_name
from expander.ownpatterns import own_pattern
from expander.textfold import fold_same_length

__all__ = [
    "DEFAULT_ORDER_PATTERNS",
    "EMAIL_ADDRESS_RE",
    "CustomerFields",
    "extract_fields",
    "find_emails",
    "find_names",
    "find_phones",
    "pattern_value_group",
]

EMAIL_ADDRESS_RE = re.compile(r"(?<![\w.+-])[\w.+-]*\w@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
"""An e-mail address, as :func:`find_emails` finds it."""


class CustomerFields(TypedDict, total=False):
    """The fields :func:`extract_fields` finds, each key present only when found;
    exported as ``expander.CustomerFields``.

    The keys a reply's template can use as ``{name}``, ``{full_name}``,
    ``{order}``, ``{email}`` and ``{phone}``. A pack's ``field_patterns`` may
    add keys of their own (``{tracking}``), which no type can name in advance.

    Why :func:`extract_fields` is still annotated ``dict[str, str]``: a
    TypedDict with keys chosen at run time needs ``extra_items=str`` (PEP 728),
    which mypy does not support yet; and without it mypy refuses a TypedDict
    where a ``Mapping[str, str]`` is expected (``Library.render``), so every
    caller would need a cast. Annotate the result as ``CustomerFields`` once
    ``extra_items`` can be used.
    """

    name: str
    """The first name, to greet with ("Anna" of "Anna Kowalska", "Анна" of
    "Петрова Анна Сергеевна")."""
    full_name: str
    """The name as the customer gives it."""
    order: str
    """The order number, as written ("48213", "ZK/123/2024")."""
    email: str
    """The customer's e-mail address."""
    phone: str
    """The customer's phone number, as written ("+48 601 234 567")."""


# --- phones ------------------------------------------------------------------------

# A run of digit groups joined by single separators, taken whole (atomic), so
# a longer number is never cut down to a phone-sized piece of it. What may not
# follow it (_PHONE_END) is checked after the match: as a lookahead, a run that
# failed it was read again from each of its groups ("123 45 45 45 ... 45x", 33,000
# groups, took two minutes), and each of those reads ends where the first did.
_GROUP = r"(?:\(\d{1,5}\)|\d+)"
_PHONE_RE = re.compile(
    r"(?<![\w+#№/@])(?<!\d[.,-])"
    rf"(?>(?:\+[ \u00a0]?)?{_GROUP}(?:(?:[ \u00a0.\-]|[ \u00a0]?(?=\())?{_GROUP})*)"
)
_PHONE_END = re.compile(r"[\w@]|[.,/-]\d")
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
    r"customer\s+(?:no|number|id)|договор|umow|"
    r"\bбик|\bbic\b|swift|\bр/с|\bк/с|sort\s+code"  # a bank's code, not a phone: "БИК 044525225"
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
    before = fold_same_length(text[max(line_start, m.start() - 40) : m.start()])
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
        if not _PHONE_END.match(text, m.end()) and _phone_ok(text, m):
            yield m


def find_emails(text: str) -> list[str]:
    """The e-mail addresses in ``text``, in order."""
    return EMAIL_ADDRESS_RE.findall(text)


def find_names(text: str = "", *, cleaned: CleanEmail | None = None) -> list[str]:
    """Every name an e-mail gives for a person, not only the one
    :func:`extract_fields` picks (see :func:`~expander.email.names.names_in_email`).

    For masking: anything kept from an e-mail must not name anyone, so a
    surname given only in the body ("this is Ruth Adams ... Thanks, Ruth") is
    masked too. Pass ``cleaned`` when :func:`clean_email` has already run.
    """
    return names_in_email(cleaned if cleaned is not None else clean_email(text))


# --- extraction ----------------------------------------------------------------------


# a line wholly in brackets, of three words or more: a note under the signer's name
_NOTE_LINE = re.compile(r"[ \t]*\((?=[^()\n]*\s\S+\s)[^()\n]+\)[ \t]*")


# a shorter note in brackets (one to five words) above contact lines: who the writer
# is ("(мама жениха)", "(mother of the bride)", "(Firma Krzak)")
_ROLE_NOTE_LINE = re.compile(r"[ \t]*\([^\W\d_][\w'’.-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,4}\)[ \t]*")


# a line of a phone number or an e-mail address alone, under a signer's name and note
_CONTACT_LINE = re.compile(
    r"[ \t]*(?:(?i:tel|phone|mob|mobile|тел|телефон)\.?:?[ \t]*)?\+?\d[\d() \t.-]{6,}\d[ \t]*"
    r"|[ \t]*[\w.+-]+@[\w-]+\.[\w.]+[ \t]*"
)


def _without_closing_note(text: str, clean: CleanEmail) -> str | None:
    """``text`` without the bracketed note on the last line of the customer's text
    ("Mateusz\n(ew. moja żona Patrycja odbierze telefon)"), or on the last line above
    contact lines ("Коваленко Юлия\n(подружка невесты)\n+7 903 ...", "Смирнова
    Ольга\n(мама жениха)\nolga@example.ru"), or None when there is none."""
    lines = (clean.signature or clean.body).rstrip().split("\n")
    contact = False
    while len(lines) > 2 and _CONTACT_LINE.fullmatch(lines[-1]):
        lines.pop()  # the phone under the note: the name is above the note still
        contact = True
    last = lines[-1]
    note = _NOTE_LINE.fullmatch(last) or (contact and _ROLE_NOTE_LINE.fullmatch(last))
    if len(lines) < 2 or not note:
        return None
    at = text.rfind(last)
    return text[:at] + text[at + len(last) :] if at >= 0 else None


def extract_fields(
    text: str,
    order_patterns: Iterable[str] = (),
    *,
    include_defaults: bool = True,
    field_patterns: Mapping[str, Iterable[str]] | None = None,
    cleaned: CleanEmail | None = None,
) -> dict[str, str]:
    """The customer fields found in an e-mail (plain text or HTML), as a plain
    dict with the keys of :class:`CustomerFields` (``expander.CustomerFields``)
    and those of ``field_patterns``.

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
    text = limit_blank_runs(text)
    clean = cleaned if cleaned is not None else clean_email(text)
    # a pack's own patterns run with a time limit (expander.ownpatterns)
    extra = {key: [own_pattern(p) for p in pats] for key, pats in (field_patterns or {}).items()}
    pack_orders = [own_pattern(p) for p in order_patterns] + extra.pop("order", [])
    default_orders = [_compile(p) for p in DEFAULT_ORDER_PATTERNS] if include_defaults else []
    current = [part for part in (clean.body, clean.signature) if part]
    fields: dict[str, str] = {}
    # an out-of-office note answers the shop: its signer is no customer to greet, and
    # the order its quoted subject names ("Re: Your order 59012 ...") asks for nothing
    automatic = is_auto_reply(text, cleaned=clean)

    # "my colleague Grace asked me to forward this": the forwarded message's author
    signer = None if automatic else customer_name(clean)
    full_name = None if automatic else (forwarded_for_another(clean, signer) or signer)
    if (
        not automatic
        and not full_name
        and (trimmed := _without_closing_note(text, clean)) is not None
    ):
        full_name = customer_name(clean_email(trimmed))  # "Mateusz\n(ew. moja żona ...)"
    # "From: kira.melnikova.86@..." over a Russian text that names no one else: Кира,
    # as a Russian reply greets her (the name read from the address alone)
    from_address = (
        None if automatic else russian_address_name(clean.headers, clean.body, clean.signature)
    )
    if from_address and (not full_name or full_name == from_address[1]):
        fields["name"], fields["full_name"] = from_address
    elif full_name:
        # "J. Smith" gives no first name, unless the e-mail writes it out elsewhere
        own_text = f"{clean.signature}\n{clean.body}"
        # "Mary Ellen", "Sarah Jane Whitcombe": a double first name, greeted whole
        given = double_first_name(full_name) or first_name(full_name)
        if name := (
            (
                given
                and (
                    nickname_inside(clean.signature, given, clean.body)
                    or nickname_inside(clean.body, given)
                )
            )
            or bracketed_first_name(own_text, full_name)
            or given
            or first_name_elsewhere(clean, full_name)
        ):
            language = detect_language(clean.body)
            if language == "ru" and (own := own_script_name(clean.body, full_name)):
                name = own  # "меня зовут Джон ... John Miller": Джон, as the e-mail writes
            if language == "pl" and (spelt := polish_spelling(name)) != name:
                # "Pawel" typed on a phone: greeted as Paweł ("Pawel Krol": Paweł Krol)
                first, *rest = full_name.split(" ", 1)
                full_name = " ".join([spelt if first == name else first, *rest])
                name = spelt
            if polish_couple_signs(clean, name, language):
                # "Anna i Piotr Dąbrowscy": a Polish reply greets the two as "Państwo"
                full_name = ""
            else:
                fields["name"] = name
        if full_name:
            fields["full_name"] = full_name

    order = (
        None
        if automatic
        else find_order(clean, current, pack_orders, default_orders, include_defaults)
    )
    if order:
        fields["order"] = order

    from_emails = [
        e
        for line in clean.headers.split("\n")
        if from_header_value(line) is not None
        for e in find_emails(line)
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
