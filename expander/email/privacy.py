"""The personal-data masker: whatever Expander keeps or shares of a customer's
e-mail (learned examples and their exports, FAQ-gap e-mails of the statistics
and their exports) goes through :func:`mask_email` first, and only through it,
so everything kept is masked alike.

Masked are e-mail addresses, phone numbers, names (inflected forms too), order
numbers, payment cards, IBANs and bank account numbers, national ids, street
addresses and postcodes (English, Polish and Russian formats), and other long
numbers and codes; see :func:`mask_email`. Dates, amounts and times are kept:
the FAQ-gap report needs the question a masked e-mail still asks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from expander.email.cardexpiry import card_expiry_spans
from expander.email.clean import clean_email, limit_blank_runs
from expander.email.fields import (
    DEFAULT_ORDER_PATTERNS,
    EMAIL_ADDRESS_RE,
    extract_fields,
    find_names,
    find_phones,
    pattern_value_group,
)
from expander.email.language import detect_language
from expander.email.linkhandles import handle_spans
from expander.email.nameends import closing_name_start
from expander.email.othernames import full_name_spans, kin_name_spans
from expander.email.payment import iban_valid, longest_card_spans, luhn_valid
from expander.email.plainforms import obfuscated_emails, plain_characters, plain_email
from expander.email.signoffs import split_sign_off
from expander.ownpatterns import Finder, own_pattern

__all__ = ["MAX_EMAIL_CHARS", "mask_contacts_and_names", "mask_email", "mask_identifiers"]

MAX_EMAIL_CHARS = 1000
"""The most characters of an e-mail that are kept once masked."""


def mask_email(
    email: str, order_patterns: Sequence[str] = (), *, limit: int = MAX_EMAIL_CHARS
) -> str:
    """The customer's own words in ``email``, with personal data masked, on one
    line; "" when the customer wrote nothing of their own.

    Quotes, signature and headers are removed
    (:func:`~expander.email.clean.clean_email`). Masked are:

    - every e-mail address (``[email]``) and phone number (``[phone]``);
    - payment cards (Luhn-checked, ``[card]``), IBANs of every country with
      their country code and check digits (``[iban]``), bank accounts (Polish
      NRB, Russian 20-digit accounts and BIK, UK sort code and account, any
      number after "account", "konto", "счёт": ``[account]``), national ids
      (PESEL, NIP, UK NI, СНИЛС, ИНН, passports: ``[id]``);
    - street addresses, the whole address with its city and postcode
      (``[address]``), and postcodes alone (``[postcode]``);
    - every name the e-mail gives (:func:`~expander.email.fields.find_names`),
      in inflected forms too ("Kowalskiego"), a name greeted ("Hi Tom,"), and
      the sender's name that ends the text, whatever its case ("Pozdrawiam, jan
      kowalski"): ``[name]`` or ``[full_name]``; and anyone's full name, a
      known first name and a capitalised word in any case ("my mum Patricia
      Doyle", "за Ивановой Марией"): ``[full_name]``, and a
      first name after a word of kinship ("my son Tom"): ``[name]``
      (:mod:`~expander.email.othernames`);
    - a card's expiry date (``[card_expiry]``) and the handle in a link to a
      social profile (``facebook.com/[handle]``);
    - every order number the defaults or the pack's ``order_patterns`` find,
      not only the first (``[order]``);
    - any other long number or code: five digits or more, or a code with three
      digits or more (parcels, accounts, cards): ``[number]``.

    A number's groups may be apart by any blanks, dashes, dots, slashes or
    underscores ("601–234–567", "4111.1111.1111.1111"), save that with dots or
    slashes a date or an amount is kept ("12.05.2024", "1.234,56").
    Dates, amounts, quantities and short codes are kept. What is left is cut
    to ``limit`` characters at the end of a word. Idempotent: masking what it
    returns returns the same.
    """
    masked = _mask_once(email, order_patterns, limit)
    # Idempotent: what is kept is masked again on its way off the machine (exports,
    # reports), and must come out the same. One pass reads the e-mail with its lines,
    # quotes and signature; the kept text is one line, where a value those hid may
    # show (a name the lines kept from the finders): masked until nothing changes.
    for _ in range(_MOST_PASSES):
        again = _mask_once(masked, order_patterns, limit)
        if again == masked:
            break
        masked = again
    return masked


# Passes over the kept text (at most ``limit`` characters, so cheap) after the first;
# one or two change what they are given on tests/data's e-mails, never three.
_MOST_PASSES = 4


def _mask_once(email: str, order_patterns: Sequence[str], limit: int) -> str:
    """One masking pass of :func:`mask_email`."""
    # a quoted-printable body pasted as sent, "&#52;", "４", "An\u00adna": plain for
    # the cleaner and the name finders as for the detectors
    email = plain_email(email)
    clean = clean_email(email)
    body = clean.body.strip()
    if not body:
        return ""
    fields = extract_fields(email, order_patterns, cleaned=clean)
    # the detectors know one space, tab or hyphen between the groups of a number;
    # the fields and names are matched in the body as written, so alike
    body = _normalise(body)
    fields = {key: _normalise(value) for key, value in fields.items()}
    names = [_normalise(name) for name in find_names(cleaned=clean)]
    # addresses first: the end of one that ends the text ("John.Smith@Gmail.Com")
    # would be taken for a closing name ("Com") and the rest of it kept
    body = _mask_addresses(body)
    body = _mask_spans(body, handle_spans(body), "[handle]")  # "facebook.com/[handle]"
    at = closing_name_start(body)
    if at is not None:
        body = body[:at] + "[name]"
    elif (
        (m := _NAME_AFTER_ADDRESS.search(body))
        and m.group(1)[0].isupper()
        and not split_sign_off(m.group(1))
    ):
        body = body[: m.start(1)] + "[name]"  # "write to me at [email] Anna"
    # before phones: a phone pattern takes parts of cards, accounts and ids
    body = mask_identifiers(body)
    body = _mask_spans(body, card_expiry_spans(body), "[card_expiry]")  # "exp 09/27"
    masked = mask_contacts_and_names(body, fields, names)
    # anyone else's name: "my mum Ann Lee", "dla córki Zuzanny Kowalczyk", "my son Tom"
    masked = _mask_spans(masked, full_name_spans(masked), "[full_name]")
    masked = _mask_spans(masked, kin_name_spans(masked), "[name]")
    spans: list[tuple[int, int]] = []
    finders: list[Finder] = []
    for pattern in order_patterns:  # a pack's: with a time limit (expander.ownpatterns)
        try:
            finders.append(own_pattern(pattern))
        except re.error:
            continue
    finders += [re.compile(pattern, re.IGNORECASE) for pattern in DEFAULT_ORDER_PATTERNS]
    for finder in finders:
        for m in finder.finditer(masked):
            start, end = m.span(pattern_value_group(m))
            value = masked[start:end]
            if sum(ch.isdigit() for ch in value) >= 3 and not _DATE_LIKE.fullmatch(value):
                spans.append((start, end))
    masked = _mask_spans(masked, spans, "[order]")
    # after orders ("order 12345/2024" is one), before the long digit runs (which
    # would take "12345" of "12345.6789" and leave the rest)
    masked = _mask_labelled(masked, _grouped_numbers(masked))
    masked = _mask_spans(
        masked,
        (m.span() for m in _DIGIT_RUN.finditer(masked) if not _DATE_LIKE.fullmatch(m.group())),
        "[number]",
    )
    masked = _mask_spans(masked, (m.span("code") for m in _CODE.finditer(masked)), "[number]")
    masked = _NUMBER_PREFIX.sub("", _NUMBER_REST.sub(r"\1", masked))
    return _cut(" ".join(masked.split()), limit)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at the end of a word: a word cut in half
    ("Dzięku", "[na") would be read as something else by the next pass."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    if text[limit] != " " and " " in head:
        head = head[: head.rfind(" ")]
    return head.rstrip()


# What is left of a phone or a number a pass took only a part of: its last groups
# ("Tel. 022/123 45 67" -> "[number] 45 67") and its country and area code in
# brackets ("+48 (22) 123.45.67" -> "+48 (22) [number]"). Two groups at least after
# it, so that a count after a number stays ("order [number] 2 items").
_NUMBER_REST = re.compile(r"(\[(?:number|phone)\])(?:[ -]\d{1,4}){2,}(?![\w\[])")
_NUMBER_PREFIX = re.compile(r"(?<![\w\[])(?:\+\d{1,3} ?)?\(\d{1,5}\) ?(?=\[(?:number|phone)\])")


# one or two capitalised words after the address that ends the text: its writer's name,
# signed on the same line ("... write to me at anna@x.pl Anna"); not a sign-off ("Thanks")
_NAME_AFTER_ADDRESS = re.compile(
    r"\[email\][ \t]*[,;:–—-]?[ \t]*([^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?)[ \t]*[.!]?\Z"
)
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4}")
# (not from the year of a date: "28/11/2026 1 x Mug", "04/12/2026 21:47")
_DIGIT_RUN = re.compile(
    r"(?<![\w\[])(?<!\d\d/\d\d/)(?<!\d/\d\d/)(?<!\d\d/\d/)(?<!\d/\d/)"
    r"\+?\d(?:[ \u00a0-]?\d){4,}(?![\w\]])"
)
# A code starts only where its run of word characters, "/" and "-" starts (after
# any leading "/", "_" or "-"): tried at every "/" or "-" inside a long run, the
# lookaheads rescanned the rest of the run each time ("1/" * 15_000 took 16 s).
# Nothing in it backtracks (possessive runs, each lookahead reads the run once):
# given back one by one, the leading "/", "_" and "-" had the lookaheads read
# the rest of the run again each time ("hi " + "-" * 20_000 took 9 s). Three
# digits and a letter in the run, as before: "AB-12345", "ZK/2024/118", "x_1_2_3".
_CODE_NO_DIGITS = r"(?:[^\W\d]|[/-])*+"
_CODE = re.compile(
    r"(?<![\w\[/-])[/_-]*+"
    rf"(?P<code>(?={_CODE_NO_DIGITS}\d{_CODE_NO_DIGITS}\d{_CODE_NO_DIGITS}\d)"
    r"(?=[\d_/-]*+[^\W\d_])[^\W_][\w/-]{3,})(?![\w\]])"
)


# Line breaks other than "\n"; blanks of any width (U+2009, U+202F, U+3000, two
# spaces); dashes (en, figure, U+2010, minus) between letters or digits; the
# invisible soft hyphen and zero-width characters.
_LINE_BREAKS = re.compile(r"[\v\f\x1c-\x1e\x85\u2028\u2029]")
_BLANKS = re.compile(r"[^\S\n]+")
_JOINING_DASH = re.compile(r"(?<=[^\W_])[\u2010-\u2015\u2212\ufe58\ufe63\uff0d](?=[^\W_])")
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200d\u2060\ufeff]")


def _normalise(text: str) -> str:
    """``text`` with the groups of its numbers apart as the detectors know them:
    its characters plain (:func:`~expander.email.plainforms.plain_characters`:
    "&nbsp;", "４", "٤", no direction marks or zero-width characters), a run of
    blanks as one space, a line break inside a number of groups as a space (a
    number broken over two lines), a dash between two letters or digits as "-" (a card
    with narrow no-break spaces, "601–234–567", "PL61  1090" are masked as
    "4111 1111 ...", "601-234-567", "PL61 1090" are).
    What :func:`mask_email` keeps is one line of words apart by single spaces
    anyway; a dash between words ("10–15 pcs") becomes "-", one alone ("late –
    again") stays."""
    text = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", plain_characters(text)))
    text = _DIGIT_LINE_BREAK.sub(r"\1 ", _BLANKS.sub(" ", text))
    text = _DASH_LINE_BREAK.sub("-", text)
    return _JOINING_DASH.sub("-", text)


# A line break inside a number of groups apart by spaces, once blanks are one
# space: "4111 1111 1111\n1111", "601 234\n567". Not after a number of one group
# or of other signs: a date, an invoice or a house number ending a line is no part
# of what starts the next ("Date: 28/11/2026\n1 x Mug", "ul. Kwiatowa 12\n00-950").
_DIGIT_LINE_BREAK = re.compile(r"(?<=\d)( \d+) ?\n ?(?=\+?\d)")
# A number of groups apart by hyphens or dashes broken after one: "+48 601-234-\n567"
# (a dash ending a line between two digits joins them).
_DASH_LINE_BREAK = re.compile(r"(?<=\d)[-\u2010-\u2015\u2212] ?\n ?(?=\d)")


def _mask_addresses(text: str) -> str:
    """``text`` with every e-mail address masked as ``[email]``: plain ones, and
    those written with words or blanks for "@" and "." ("anna [at] x [dot] pl")."""
    spans = [(start, end, "[email]") for start, end in obfuscated_emails(text)]
    return EMAIL_ADDRESS_RE.sub("[email]", _mask_labelled(text, spans))


# Digit groups apart by ".", "/" or "_" ("4111.1111.1111.1111", "601/234/567",
# "PL61_1090_..."), which no detector reads as one number: masked as with spaces
# they would be (a card, an account, a phone, any number of five digits or more),
# unless a date or an amount, which are kept ("12.05.2024", "12/05/2024",
# "1.234,56", "1,234.56": next to "," and a digit it is no candidate). Also after
# a word and "." or "," with no space ("charged.4111.1111..."), and after a label
# and a separator: what is left of a number a detector took the start of ("konto
# [account].5678.9012").
_GROUPED_START = r"(?:(?<![\w.,/\[-])|(?<=[^\W\d_][.,])|(?<=\][./_]))"
_GROUPED_DIGITS = re.compile(rf"{_GROUPED_START}(?>\+?\d+(?:[./_]\d+)+)(?![\w\]]|[.,/_-]\d)")
_GROUPED_IBAN = re.compile(
    _GROUPED_START
    + r"(?>[A-Za-z]{2}\d{2}[A-Za-z\d]*(?:[./_][A-Za-z\d]+)+)(?![\w\]]|[.,/_-][A-Za-z\d])"
)
_DATE_OR_AMOUNT = re.compile(
    # "12.05.2024", "5/12/24", "2024/05/12", "05/2024", "2024.05", "2023/2024"
    r"\d{1,2}([./])\d{1,2}\1(?:\d{2}|\d{4})|\d{4}([./])\d{1,2}\2\d{1,2}|\d{1,2}[./]\d{4}"
    r"|\d{4}[./]\d{1,2}|(?:19|20)\d\d/(?:19|20)\d\d"
    # "1.234.567", "12.345", "12345.67" (what is before the "." is then a long number)
    r"|\d{1,3}(?:\.\d{3}){1,3}|\d+\.\d{1,2}"
)


def _grouped_numbers(text: str) -> list[tuple[int, int, str]]:
    """The numbers in ``text`` written in groups apart by ".", "/" or "_", with
    their labels: ``[iban]``, ``[account]``, ``[card]``, ``[phone]`` or
    ``[number]``."""
    spans = []
    for m in _GROUPED_IBAN.finditer(text):
        compact = re.sub(r"[./_]", "", m.group())
        if _ibans(compact) == [(0, len(compact), "[iban]")]:
            spans.append((*m.span(), "[iban]"))
    for m in _GROUPED_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) < 5 or _DATE_OR_AMOUNT.fullmatch(m.group().lstrip("+")):
            continue
        spans.append((*m.span(), _number_label(digits, re.sub(r"[/_]", " ", m.group()))))
    for m in _ODD_GROUPED.finditer(text):
        if re.match(r"[\w\]]", text[m.end() : m.end() + 1]):
            continue  # no number of its own: "1:2:3abc"
        digits = re.sub(r"\D", "", m.group())
        groups = len(re.findall(r"\d+", m.group()))
        if (
            len(digits) < 7
            or groups * 2 > len(digits)
            or len(set(re.sub(r"[\d+ ]", "", m.group()))) > 1
            or _TIME_OR_THOUSANDS.fullmatch(m.group())
        ):
            continue  # a list of small numbers, signs of two kinds, a time, "1,234,567"
        spans.append((*m.span(), _number_label(digits, re.sub(r"[^\d+]+", " ", m.group()))))
    return spans


def _number_label(digits: str, spaced: str) -> str:
    """The label of a number made of ``digits``, written ``spaced`` (its groups
    apart by spaces, or dots)."""
    if _is_account(digits):
        return "[account]"
    if len(digits) == 11 and _is_pesel(digits):
        return "[id]"
    if 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn_valid(digits):
        return "[card]"  # as _card_parts reads one
    if "." not in spaced and any(p.span() == (0, len(spaced)) for p in find_phones(spaced)):
        return "[phone]"  # (with dots, a phone is found before: this is an IP, a version)
    return "[number]"


# Digit groups apart by another sign: "4111·1111·1111·1111", "4111 | 1111 | ...",
# "4111*1111*...", "601,234,567", "4111:1111:...", "4111'1111'...". Seven digits
# or more, two a group on average (a list "1,2,3" is kept), one sign throughout
# ("12.05.2024,14:30" is a date and a time), and neither a time ("12:30:45") nor
# thousands ("1,234,567", "1'234'567"); never from the middle of a number
# ("12.05.2024,14:30" does not start at "2024"). Atomic and without a
# lookahead, so that a long run that turns out no number is read once, not again
# from each of its groups.
_ODD_GROUPED = re.compile(r"(?<![\w\[.,:;/·•∙‧|*~'’-])(?>\+?\d+(?:(?: ?[·•∙‧|*~] ?|[,:;'’])\d+)+)")
_TIME_OR_THOUSANDS = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?|\d{1,3}(?:,\d{3})+|\d{1,3}(?:['’]\d{3})+"
)


def _mask_spans(text: str, spans: Iterable[tuple[int, int]], label: str) -> str:
    """``text`` with each span, overlapping ones merged, replaced by ``label``."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return _mask_labelled(text, ((start, end, label) for start, end in merged))


def mask_contacts_and_names(
    text: str, fields: Mapping[str, str] | None = None, names: Iterable[str] = ()
) -> str:
    """``text`` with every e-mail address and phone number replaced by
    ``[email]`` / ``[phone]``, and the given ``name``, ``full_name`` (and each
    word of it) and ``order`` values by ``[name]``, ``[full_name]``, ``[order]``.

    The first pass of :func:`mask_email`, and not enough on its own for
    anything kept: dates, amounts, postcodes, tracking and order numbers are
    left as they are unless given as a field. Use :func:`mask_email`.

    ``names`` are more names to mask (see
    :func:`~expander.email.fields.find_names`): a name of two words or more
    becomes ``[full_name]``, and each of its words (and each part of a
    hyphenated one) ``[name]``. Names are matched as written (case-sensitive,
    whole words), so "Will" masks "Will" but not "will"; nor does a one-word
    name mask a question or a request that starts with the same word ("Will
    you ...?", "May I ...?", "Mark the order ..."). In Polish and Russian
    text their case forms are masked too ("Pana Kowalskiego", "Ирины").
    """
    masked = EMAIL_ADDRESS_RE.sub("[email]", limit_blank_runs(text))
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


# --- cards, bank accounts, national ids, addresses ---------------------------------


def mask_identifiers(text: str) -> str:
    """``text`` with payment cards, IBANs, bank accounts, national ids, street
    addresses and postcodes replaced by ``[card]``, ``[iban]``, ``[account]``,
    ``[id]``, ``[address]`` and ``[postcode]``; the pass of :func:`mask_email`
    that runs before phones and names (a phone pattern would take a part of a
    card and leave the rest).

    A number is labelled by what it is (a card passes the Luhn check, an IBAN
    has its country's length or a valid mod-97 check) and masked whole, with
    its separators; a number it cannot place is left to the "long number"
    pass of :func:`mask_email`. An address is a street (a house number and
    "Road", "ul.", "ул.", "д. 5", ...) or a postcode, together with the words
    next to it on its line that complete it (the city, the flat, the other
    parts of a Russian address), so nothing of it is left beside the label.
    """
    text = _mask_labelled(text, _ibans(text))
    found = [(*m.span("v"), _keyword_label(m.group("kw"))) for m in _KEYWORD_VALUE.finditer(text)]
    found += [(*m.span(), "[id]") for m in _ID.finditer(text)]
    found += [(*m.span("v"), "[number]") for m in _SECRET_CODE.finditer(text)]
    found += _long_numbers(text)
    text = _mask_labelled(text, found)
    return _mask_labelled(text, _addresses(text))


def _mask_labelled(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each span replaced by its label; of overlapping spans the
    first (the longest of those starting together) wins."""
    pieces: list[str] = []
    done = 0
    for start, end, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < end and start >= done:
            pieces += (text[done:start], label)
            done = end
    return "".join(pieces) + text[done:]


# IBAN lengths of the SWIFT registry; an IBAN of another country is masked
# when its mod-97 check holds.
_IBAN_LENGTHS = {
    entry[:2]: int(entry[2:])
    for entry in (
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 "
        "DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 "
        "GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 "
        "LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 "
        "PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 "
        "TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30"
    ).split()
}
# a country code and check digits ("PL61", "pl61", "PL 61"), then the rest in
# groups, on one line or broken over two; the rest is cut to the IBAN's length in _ibans
_IBAN_START = re.compile(
    r"(?<![\w\[])(?:(?-i:[A-Z]{2})[ \t\n]?|[A-Za-z]{2})\d{2}(?:[ \t\u00a0\n-]?[A-Za-z0-9]){10,34}"
)


def _iban_end(text: str, m: re.Match[str]) -> int | None:
    """Where the IBAN that ``m`` starts ends in ``text``, or None if it is none."""
    ends = [i + 1 for i in range(m.start(), m.end()) if text[i].isalnum()]
    compact = "".join(ch for ch in m.group() if ch.isalnum()).upper()
    length = _IBAN_LENGTHS.get(compact[:2])
    for n in range(len(compact), 14, -1):
        # an IBAN ends where its word ends: not inside "PL61 1090 ... 2874abc"
        if text[ends[n - 1] : ends[n - 1] + 1].isalnum():
            continue
        candidate = compact[:n]
        if iban_valid(candidate) or (
            n == length and sum(ch.isdigit() for ch in candidate[4:]) * 4 >= (n - 4) * 3
        ):
            return ends[n - 1]
    return None


def _ibans(text: str) -> list[tuple[int, int, str]]:
    """The IBANs in ``text``: a known country's length (its check digits may
    be mistyped, but the account must be mostly digits), or any length from
    15 to 34 that passes the mod-97 check."""
    spans = []
    m = _IBAN_START.search(text)
    while m:
        found = _iban_end(text, m)
        if found:
            spans.append((m.start(), found, "[iban]"))
        # a candidate that is no IBAN may have run into one: look again inside it
        m = _IBAN_START.search(text, found or m.start() + 1)
    return spans


# A number named by the words before it: "sort code 60-16-13", "PESEL
# 44051401359", "ИНН 7707083893", "паспорт серия 4506". The words are kept.
_KEYWORD_VALUE = re.compile(
    r"(?<!\w)(?P<kw>(?i:sort[ \t]?code|account(?:[ \t]number)?|acc(?:ount)?[ \t]?no|"
    r"kont[aoy]?|rachun\w*|сч[её]т\w*|р/с|к/с|бик|bik|pesel|nip|regon|инн|inn|кпп|огрн\w*|"
    r"снилс|snils|паспорт\w*|passport|dow[oó]d\w*|national[ \t]insurance(?:[ \t]number)?|"
    r"ni[ \t]number|nino))(?!\w)"
    r"(?:[ \t]*(?:(?i:nr|no|number|numer\w*|номер\w*|серия|series)\b|[№#:.\-–]))*[ \t]*"
    r"(?P<v>(?-i:[A-Z]{1,3}[ \t]?)?\d(?:[ \t\u00a0/-]?\d){3,33}(?:[ \t]?(?-i:[A-D]))?)(?![\w\]])"
)
# A card's security code or a PIN, three or four digits, named by the words before
# it: "CVV 123", "CVC2: 456", "kod CVV 123", "код CVC 123", "PIN 1234", "PIN-код 1234".
_SECRET_CODE = re.compile(
    r"(?<!\w)(?i:cvv2?|cvc2?|cvn|csc|security[ \t]code|pin(?:[ \t-]?(?:code|kod|код))?|"
    r"пин(?:[ \t-]?код)?|код[ \t]безопасности)(?!\w)"
    r"(?:[ \t]*(?:(?i:is|to|это|nr|no|code|kod|код)\b|[:#№.\-–=]))*[ \t]*"
    r"(?P<v>\d{3,4})(?![\w\]])"
)
_ACCOUNT_WORDS = re.compile(r"(?i)sort|acc|kont|rachun|сч|[рк]/с|бик|bik")


def _keyword_label(keyword: str) -> str:
    return "[account]" if _ACCOUNT_WORDS.match(keyword) else "[id]"


# National ids by their form alone: a UK National Insurance number
# ("QQ 12 34 56 C"), a СНИЛС ("112-233-445 95"), a Russian passport
# ("45 06 123456").
_ID = re.compile(
    r"(?<![\w\[+])(?:(?-i:[A-CEGHJ-PR-TW-Z]{2})[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?(?-i:[A-D])"
    r"|\d{3}-\d{3}-\d{3}[ -]\d{2}|\d{2}[ \t]\d{2}[ \t]\d{6})(?![\w\]])"
)
# A run of ten digits or more, in groups (cards, accounts, PESEL); "+" starts a phone.
_LONG_RUN = re.compile(r"(?<![\w\[+])\d(?:[ \t\u00a0-]?\d){9,}(?![\w\]])")


def _long_numbers(text: str) -> list[tuple[int, int, str]]:
    """Cards, bank accounts and PESEL numbers in the long digit runs of
    ``text``; a card may be one part of a run ("07700 900123 4111 1111 ...")."""
    spans = []
    for m in _LONG_RUN.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if _is_account(digits):
            spans.append((*m.span(), "[account]"))
        elif len(digits) == 11 and _is_pesel(digits):
            spans.append((*m.span(), "[id]"))
        elif len(m.group()) <= _MAX_CARD_RUN:
            groups = [g.span() for g in re.finditer(r"\d+", m.group())]
            spans += [
                (m.start() + a, m.start() + b, "[card]") for a, b in _card_parts(m.group(), groups)
            ]
    return spans


# Cards are looked for in runs up to this long (a few cards in a row); a
# longer run is no list of cards, and the long-number pass masks it whole.
_MAX_CARD_RUN = 200


def _card_parts(run: str, groups: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest card numbers made of whole groups of ``run``, left to right: any
    Luhn-valid 13 to 19 digits that start as cards do (the masker would rather
    mask a number that is no card than keep one that is)."""
    return longest_card_spans(
        run,
        groups,
        lambda digits, _part: len(digits) >= 13 and digits[0] in "23456" and luhn_valid(digits),
    )


def _is_account(digits: str) -> bool:
    """A Polish NRB (26 digits, the IBAN check with "PL") or a Russian account
    (20 digits, starting with 3 or 4 as the chart of accounts does)."""
    if len(digits) == 26:
        return iban_valid("PL" + digits)
    return len(digits) == 20 and digits[0] in "34"


def _is_pesel(digits: str) -> bool:
    month, day = int(digits[2:4]) % 20, int(digits[4:6])
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 10) % 10
    return 1 <= month <= 12 and 1 <= day <= 31 and check == int(digits[10])


_UP = "A-ZĄĆĘŁŃÓŚŹŻА-ЯЁ"
_NAME_WORD = rf"[{_UP}\d][\w'’.-]*"
_HOUSE = r"\d{1,4}[a-zA-Zа-я]?(?:[ \t]*/[ \t]*\d{1,4}[a-zA-Z]?)?"
# The parts of an address that say "address" on their own (strong), and the
# words that complete one only next to those (a city, "Flat 3", "Kwiatowa 12",
# the "7" of "ул. Тверская, 7").
_ADDRESS_STRONG = re.compile(
    # "14 Rosewood Lane", "221B Baker Street", "12 St Mary's Rd."
    rf"(?<![\w\[])\d{{1,5}}[A-Za-z]?(?:[-/]\d{{1,5}})?,?[ \t]+(?:[{_UP}][\w'’.-]*[ \t]+){{1,4}}"
    r"(?i:street|st|road|rd|lane|ln|avenue|ave|boulevard|blvd|drive|dr|close|court|ct|crescent|"
    r"place|pl|square|sq|terrace|way|gardens|grove|parade|row|mews|hill|highway|hwy|walk)\b\.?"
    # "ul. Kwiatowa 12/4 m. 5", "al. Jana Pawła II 23", "os. Tysiąclecia 5", "ulica 3 Maja"
    r"|(?<![\w.\]-])(?:(?i:ul|al|os|pl)\.|(?i:ulic[ay]|alej[ai]|osiedl[eu]|plac[u]?)(?!\w))[ \t]*"
    rf"(?:{_NAME_WORD}[ \t]+){{0,3}}{_NAME_WORD}(?:[ \t]+{_HOUSE})?"
    r"(?:[ \t]+(?:m|lok|mieszk)\.?[ \t]*\d{1,4})?"
    # "ул. Ленина", "пр. Мира 5", "улица 8 Марта", "д. 5", "кв. 12", "корп. 2"
    r"|(?<![\w.])(?:(?:ул|пр|просп|пр-т|пер|пл|наб|ш|б-р|бул|мкр|пр-д)\.|"
    r"(?:улиц[аеы]|проспект\w*|переул\w*|площад\w*|набережн\w*|бульвар\w*|шоссе)(?!\w))[ \t]*"
    rf"(?:{_NAME_WORD}[ \t]+){{0,3}}{_NAME_WORD}"
    rf"|(?<![\w.])(?:д|кв|корп|стр|оф|к)\.[ \t]*{_HOUSE}"
    # "Невский пр.", "Садовая ул."
    # (a name starts a word, never after a hyphen: tried after every "-" of a long
    # hyphenated run, "Ab-" * 10_000 took 2 s)
    rf"|(?<![\w\[-])[{_UP}][\w-]+[ \t]+(?:ул|пр|просп|пр-т|пер|наб|ш|б-р)\.(?!\w)"
)
_POSTCODE = re.compile(
    # UK ("BS1 4DJ", "SW1A 1AA"), a US state and ZIP ("CA 94105"), Polish ("00-950")
    # unless a range of amounts ("10-150 zł"), and a postcode named so
    rf"(?<![\w\[])(?:[A-Z]{{1,2}}\d[A-Z\d]?[ \t]?\d[A-Z]{{2}}|[A-Z]{{2}}[ \t]+\d{{5}}(?:-\d{{4}})?"
    r"|\d{2}-\d{3}(?![ \t]*(?i:zł|zl|pln|szt|eur|usd|km|kg|min|dni|lat|godz|%))"
    r"|(?i:zip(?:[ \t]?code)?|post(?:al)?[ \t]?code|kod[ \t]pocztowy|индекс)[ \t]*:?[ \t]*"
    r"(?:\d{2}-\d{3}|\d{5,6}(?:-\d{4})?))(?![\w\]/-])"
    # the city after it: "00-950 Warszawa"
    rf"(?:[ \t]+[{_UP}][\w-]+(?:[ \t-]+[{_UP}][\w-]+)?)?"
)
_ADDRESS_WEAK = re.compile(
    rf"(?<![\w\[-])(?:(?:[{_UP}][\w'’-]+[ \t]+){{0,2}}[{_UP}][\w'’-]+(?:[ \t]+{_HOUSE})?|{_HOUSE}"
    rf"|(?i:flat|apt|apartment|suite|unit)\.?[ \t]*{_HOUSE}"
    rf"|(?:г|гор|пос|с|дер|обл|р-н)\.[ \t]*[{_UP}][\w-]+(?:[ \t]+[{_UP}][\w-]+)?|\d{{6}})(?![\w\]])"
)
_ADDRESS_GAP = re.compile(r"[ \t]*,?[ \t]*")


def _addresses(text: str) -> list[tuple[int, int, str]]:
    """The addresses in ``text``: its strong parts with the parts next to them
    (apart by a space or a comma on the same line), as ``[address]``, or a
    postcode (with the city after it) and nothing else as ``[postcode]``."""
    strong = [(*m.span(), "street") for m in _ADDRESS_STRONG.finditer(text)]
    strong += [(*m.span(), "postcode") for m in _POSTCODE.finditer(text)]
    if not strong:
        return []
    parts = sorted(strong + [(*m.span(), "") for m in _ADDRESS_WEAK.finditer(text)])
    chains: list[tuple[int, int, set[str]]] = []
    for start, end, kind in parts:
        if chains and (
            start <= chains[-1][1] or _ADDRESS_GAP.fullmatch(text, chains[-1][1], start)
        ):
            first, last, kinds = chains[-1]
            chains[-1] = (first, max(last, end), kinds | {kind})
        else:
            chains.append((start, end, {kind}))
    postcodes = {(start, end) for start, end, kind in strong if kind == "postcode"}
    return [
        (start, end, "[postcode]" if (start, end) in postcodes else "[address]")
        for start, end, kinds in chains
        if kinds & {"street", "postcode"}
    ]
