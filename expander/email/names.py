"""Names of people in an e-mail: the customer's, and every other one given.

The name under or after the sign-off ("Thanks, Anna"), a signature block without one, a
``From:`` header's display name, a form's name field, self-introductions ("my name is ...",
"меня зовут ..."), a forwarded message's header, the name greeted in a quoted reply or the
customer's own earlier message quoted under a follow-up, and the first name to greet with
(none for "J. Smith", unless written out elsewhere). Headers and forms are read by
:mod:`~expander.email.nameforms`, a name ending the text by :mod:`~expander.email.nameends`,
one line by :mod:`~expander.email.namelines`; see also :mod:`~expander.email.givenname`.
The rules reading a whole e-mail take its parts (:class:`EmailParts`, which a
:class:`~expander.email.clean.CleanEmail` is); ``clean.py`` needs the line rules here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Protocol

from expander.email import nameends as _ends
from expander.email.addressblock import in_address_block
from expander.email.givenname import (
    first_name,
    from_line_sender,
    genitive_sender,
    given_beside_surname,
    nominative_first_name,
    polish_nominative,
    signed_over_header,
)
from expander.email.givenname import initial as initial_of
from expander.email.introduced import introduced_name
from expander.email.kinsigned import names_after_kin_words
from expander.email.nameends import closing_name, initials_signed_name, lower_case_closing_name
from expander.email.nameforms import (
    PERSONAL_MAIL,
    ROLE_MAILBOX,
    claim_sender,
    display_name,
    from_header_value,
    handle_name,
    heading_name,
    labelled_names,
    named_kin_written_for,
    nominative_called,
    own_delivery_name,
    sender_person,
    signed_forwarded_author,
    sole_trader_owner,
    speaker_label,
    tidy_case,
    writer_for_another,
)
from expander.email.namelines import (
    after_title,
    label_follows,
    leading_name,
    looks_like_address,
    looks_like_sentence,
    lower_case_signed_name,
    mentions_company,
    name_of_line,
    opens_greeting_no_one,
    qualified_signed_name,
    shop_role,
    signed_name,
    thanked_above_signer,
    thanks_phrase,
    title_or_company,
)
from expander.email.namewords import (
    FIRST_NAMES,
    NOT_NAME_WORDS,
    is_first_name,
    is_word_too,
    not_a_name,
    place_or_family,
    place_phrase,
    used_as_common_word,
)
from expander.email.signoffs import AFTER_BARE_GREETING, split_sign_off
from expander.email.townlines import town_line
from expander.textfold import fold_same_length

__all__ = [
    "EmailParts",
    "body_names",
    "customer_name",
    "first_name",
    "first_name_elsewhere",
    "from_header_value",
    "names_in_email",
]


class EmailParts(Protocol):
    """The parts of a cleaned e-mail the name rules read (see
    :class:`~expander.email.clean.CleanEmail` for what each holds)."""

    @property
    def body(self) -> str: ...
    @property
    def signature(self) -> str: ...
    @property
    def quoted(self) -> str: ...
    @property
    def sign_off(self) -> str: ...
    @property
    def headers(self) -> str: ...
    @property
    def signature_gap(self) -> bool: ...


# --- names in an e-mail -------------------------------------------------------------

_MY_NAME = re.compile(
    r"(?i:\bmy (?:name|nmae|naem|anme) is|\bmy name's|"
    rf"(?:^|[,.!]\s*|(?P<bare>{AFTER_BARE_GREETING}))this is|"
    r"\bnazywam si[eę]|\bmam na imi[eę]|"
    # as people new to the language write it: "my name Dmytro", "moja nazywa się Dmytro",
    # "меня звать Дмитро" (only before a capital: not "my name on the order")
    r"\bmy name(?=[ \t]+(?-i:[A-Z]))|\b(?:moja|mnie|mi) nazywa si[eę]|\bменя (?:звать|звут)|"
    r"\bz tej strony|\bменя зовут|\bmenya zovut|\bс вами|\bпишет вам|"
    # "Это снова я, Оксана", "To znowu ja, Ania", "It's me again, Tom"
    r"\b(?:это|to|it['’]?s|it is)(?:\s+(?:снова|опять|znowu|again))?\s+(?:я|ja|me)"
    r"(?:\s+(?:снова|опять|znowu|again))?\s*[,—–-]|"
    r"(?:^|[,.!]\s*|\bвас\s+)беспокоит|"
    # a name given as data: "the invoice with my name Anika Schulz", "na nazwisko Anna
    # Nowak", "на имя Анны Смирновой" (in the genitive: Анна)
    r"(?P<data>\b(?:with|under|in|on) my (?:full )?name|\bna (?:moje )?(?:imi[eę] i nazwisko|"
    r"nazwisko)|\bна (?:мо[её] )?(?P<genitive>имя)))\s+"
    r"(?P<name>(?:\S+\s+){0,2}\S+)",
    re.MULTILINE,
)
# Introductions only masked, never taken as the name to greet with: a surname
# alone ("Моя фамилия Волкова").
_MORE_INTRODUCTIONS = re.compile(
    r"(?i:\bmoja? (?:nazwisko|imi[eę]) to|\bmoje (?:nazwisko|imi[eę]) to|\bмоя фамилия|"
    r"\bмо[её] имя|(?P<two>\bI'm|\bI’m|\bI am|\bjestem|\bэто))[ \t:,]+"
    r"(?P<name>(?:\S+\s+){0,2}\S+)",
)
_AGAIN = r"(?:[ \t]+(?i:снова|опять|znowu|again|snova|opyat))?"  # "это снова Светлана"
# Introductions whose one word may be a mood or a nationality as well as a
# name ("I'm Anna" / "I'm Polish"; "Jestem Kasia" / "jestem zła"; "Tu Anna";
# "Это Ольга" / "Это срочно"): a name of two words, a known first name, or a
# word that closes its clause ("I'm Sarah, and ...") is taken; "tu" and
# "это" only where a sentence starts.
_SELF_INTRODUCTION = re.compile(
    r"(?:(?i:\bI'm|\bI’m|\bI am|\bjestem)|"
    rf"(?:^|(?<=[,.!?:;])|(?<=[-–—] )|{AFTER_BARE_GREETING})[ \t]*"
    r"(?i:tu|это|я|eto|ya|it's|it’s|it is|its|pisze|piszę|пишет|на связи|na svyazi|to(?= znowu)))"
    rf"{_AGAIN}(?:[ \t]*[—–-])?[ \t]+(?P<name>(?:\S+[ \t]+){{0,2}}\S+)",  # "Я — Ольга"
    re.MULTILINE,
)
# "Jake here, ...", "Hi, Anna Smith here.", "Sam from Leeds here -", "Ольга на связи",
# "Kasia z tej strony" where a sentence starts, the clause closing after "here" (not
# "Click here to verify").
_NAME_HERE = re.compile(  # "hi bill here" too, after a greeting with no mark (_body_name)
    rf"(?:^|(?<=[,.!?:;])|(?P<greeted>{AFTER_BARE_GREETING}))"
    r"[ \t]*(?i:(?:it['’]?s|this[ \t]+is|i['’]?m)[ \t]+)?(?!(?i:hi|hiya|hey|hello)\b)"
    r"(?i:(?:mr|mrs|ms|miss|dr)\.?[ \t]+)?"
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*)?)"
    r"(?:[ \t]+(?i:from|of|at)[ \t]+(?-i:[A-Z][\w'’&-]*)(?:[ \t]+[A-Z&][\w'’&-]*){0,3})?"
    r"[ \t]+(?:here(?:[ \t]+again)?|(?i:на[ \t]+связи|z[ \t]+tej[ \t]+strony))"
    r"[ \t]*(?:[,.!;:]|[-–—][ \t]|$|(?i:from|of|at)\b|(?(greeted)(?<=[ \t])|(?!)))",
    re.MULTILINE,
)
# "Меня Ольга зовут": the name between
_CALLED = re.compile(
    r"(?i:\bменя)[ \t]+(?P<name>(?-i:[А-ЯЁ][а-яё-]+)(?:[ \t]+[А-ЯЁ][а-яё-]+)?)"
    r"[ \t]+(?i:зовут)\b"
)
_CLAUSE_END = re.compile(r"[ \t]*(?:[,.!;:)\n]|$|(?i:and|from|here|z|ze|и|из)\b)")

_ITS = re.compile(r"(?i)\bit(?:s|['’]s|\s+is)\s*\Z")


def _self_introductions(body: str) -> Iterator[tuple[int, str]]:
    """Where and whom "I'm ...", "it's ..." introductions in ``body`` name; one that
    names no one searched on from its second character ("I am - it's Maureen Doyle")."""
    at = 0
    while m := _SELF_INTRODUCTION.search(body, at):
        if name := _self_introduced(m):
            yield m.start(), name
        at = m.start() + 1


def _self_introduced(m: re.Match[str]) -> str | None:
    """The name of a "I'm ...", "jestem ...", "tu ...", "это ..." introduction."""
    name = introduced_name(m.group("name"))
    if name is not None and _ITS.search(m.group(0), 0, m.start("name") - m.start()):
        known = is_first_name(name.split()[0]) and not looks_like_address(m.group("name"))
        fits = known and _ends.its_introduction_fits(m.string, m.start(), m.start("name"), name)
        return fits or None  # "hi its jake"; not "Its Monday", "its may already"
    if name is None or len(name.split()) >= 2 or is_first_name(name):
        return name
    at = m.group("name").find(name)
    closes = at >= 0 and _CLAUSE_END.match(m.group("name"), at + len(name))
    return name if closes or at + len(name) == len(m.group("name")) else None


_QUOTED_GREETING = re.compile(
    r"^(?:>[^\S\n]*)*(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening)|dzie[nń] dobry|witam|"
    r"cze[sś][cć]|szanown\w+|здравствуйте|добрый (?:день|вечер)|уважаем\w+|привет|"
    r"zdravstvu[yij]te|privet)"
    r"[ ,!]+(?P<title>(?i:mr|mrs|ms|miss|pan|pani|panie)\.?\s+)?"
    r"(?P<name>[^,!.\n]{1,60})(?:[,!.]|$)",
    re.MULTILINE,
)


def first_name_elsewhere(clean: EmailParts, full: str) -> str | None:
    """The first name of a customer who signs with its initial only ("O. Smith",
    "Петров И. Н.") when the e-mail writes it out elsewhere with the same initial:
    an introduction ("my name is Olu"), a name in brackets in the signature
    ("(Bartosz)"), the "от Петрова Игоря Николаевича" line of a claim."""
    initial = initial_of(full)
    written = initials_signed_name(f"{clean.body}\n{clean.signature}")
    if written and (initial is None or written[0].upper() == initial.upper()):
        return written.split()[0]  # "J.M." under "Jadwiga Mazur" over an address
    if initial is None:
        return None
    found: list[str] = []
    for name in body_names(clean.body):
        if given := first_name(name):
            found.append(given)
    for line in clean.signature.split("\n"):
        stripped = line.strip()
        if stripped.startswith("(") and (bracketed := name_of_line(stripped.strip("()"))):
            found.append(first_name(bracketed) or "")  # "B. Adamczyk\n(Bartosz)"
    for line in clean.signature.split("\n"):
        written = name_of_line(line.strip())  # "G. Sikora\nGrzegorz Sikora"
        if written and written.split()[-1] == full.split()[-1] and (given := first_name(written)):
            found.append(given)
    if sender := genitive_sender(clean.body) or from_line_sender(clean.body):
        found.append(sender)
    # "E. Nowicka", "Соколов В.А.", "Максимова Т. А." signed: the surname, not an initial
    if surname := next((w for w in reversed(full.split()) if w.isalpha() and len(w) > 2), ""):
        found.extend(given_beside_surname(surname, f"{clean.body}\n{clean.signature}"))
    if signed := _signature_name(clean):
        found.append(first_name(signed) or "")  # "From: M Kowalczyk" over "Pozdrawiam, Magda"
    if greeted := _quoted_greeting_name(clean.quoted):
        found.append(first_name(greeted) or "")  # "A. Mitchell" under "> Dear Andrew,"
    return next((n for n in found if n and n[0].casefold() == initial.casefold()), None)


def _signature_name(clean: EmailParts, shop_side: frozenset[str] = frozenset()) -> str | None:
    """The name signing the customer's text: after the sign-off on its line, or on a
    line of the signature under it (or under a title and a company). A name after the
    sign-off that is one of ``shop_side`` (first names, folded) thanks the agent
    ("Спасибо, Анастасия!\nДенис"): the signer is looked for under it."""
    if any(shop_role(line, team=True) for line in clean.signature.split("\n")):
        return None  # "Павел, служба поддержки": the shop's reply pasted, not the customer
    if not clean.sign_off and label_follows(clean.body.rstrip().rsplit("\n", 1)[-1]):
        return None  # "... the name label like this:\nOliver, Year 6": the label's text
    if clean.sign_off:
        split = split_sign_off(clean.sign_off)
        if split and split[1] and _thanks_someone(clean, split[1]):
            split = None
        if split and split[1]:
            # "Thanks, Anna"; "С уважением, менеджер Ольга"; not "Dziękuję za pomoc"
            name = (
                signed_name(split[1])
                or after_title(split[1])
                or lower_case_signed_name(split[0], split[1])  # "Regards, chloé"
            )
            # "Thanks for your help, Kate": Kate signs, unless the customer may be
            # thanking Kate, an agent named or greeted (a full name is a signature's)
            qualified = None if name else qualified_signed_name(split[1])
            if qualified and (" " in qualified or opens_greeting_no_one(clean.body)):
                name = qualified
            if name and fold_same_length(name.split()[0]) not in shop_side:
                if not thanked_above_signer(clean.sign_off, clean.signature, name):
                    return name  # not "Thanks Sophie!\nJoe": Joe signs
    lines = clean.signature.split("\n")
    if clean.sign_off and lines and lines[0].strip() == clean.sign_off:
        lines = lines[1:]
    expected = bool(clean.sign_off)  # right under a sign-off, a name is expected
    skipped: list[str] = []  # job title and company lines above the name
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped in ("--", "-- ", "—", "---") or _IMAGE_LINE.match(stripped):
            continue  # and "[cid:image001.png@01DA...]", "[image: logo]": a picture's place
        if town_line(stripped):
            continue  # "Charlotte, NC 28203", "Kazimierz Dolny": a town, whatever is above it
        split = split_sign_off(stripped)
        if split is not None and not skipped:  # a sign-off under the "-- " delimiter
            if split[1]:
                return signed_name(split[1])
            expected = True
            continue
        if stripped.endswith(("!", "?")) and not skipped:
            return None  # "Помогите!", "Help!": an exclamation, not a signed name
        if not skipped and not expected and _sign_off_shaped(stripped, lines[i + 1 :]):
            expected = True  # "Grazie,\nMarco Bellini": a sign-off in any language
            continue
        place = _place_line(stripped) or (
            len(stripped.split()) <= 6 and looks_like_address(stripped)
        )
        if not skipped and place and i + 1 < len(lines):
            continue  # "С уважением,\nТверь\nИрина", "г. Калуга": the town above the name
        if not skipped and not expected and in_address_block(clean, lines, i):
            return None  # "address:\nRose Cottage\nLittle Marsh Lane": a house's name, no signer
        if not skipped:
            name = leading_name(stripped, relaxed=expected)
            if name is None and expected:
                # "Ania z Gdańska", "бухгалтер Светлана" right under a sign-off
                name = signed_name(stripped) or after_title(stripped)
            words = stripped.split()
            if name is None and expected and stripped.islower() and 2 <= len(words) <= 3:
                if is_first_name(words[0]) and (name := name_of_line(stripped.title())):
                    name = tidy_case(stripped)  # "chloé dubois" under "Thanks"
            if name is not None or not title_or_company(stripped):
                return name
        elif name := leading_name(stripped):
            # "Менеджер по закупкам / ООО «Ромашка» / Татьяна Волкова": a name
            # under a company line, or one that starts with a known first name
            # (a company's own name may look like a person's).
            # (or surname first: "Главный инженер / Белов Константин")
            company = any(mentions_company(s) for s in skipped)
            given = first_name(name)
            lead = name.split()[0]
            if company or fold_same_length(lead) in FIRST_NAMES:
                return name
            if is_first_name(lead) and not is_word_too(lead):
                return name  # "Office Manager / Rebecca Hollis"
            if given and given != name.split()[0] and is_first_name(given):
                return name
            return None
        elif not title_or_company(stripped) and not (skipped and _CONTACT_LINE.search(stripped)):
            return None  # contact details under a title or a company go on to the name
        skipped.append(stripped)
        if len(skipped) > 3:
            return None
    return None


def _thanks_someone(clean: EmailParts, rest: str) -> bool:
    """Whether the rest of a sign-off addresses the one it thanks: a title of
    address ("Dziękuję Pani Kasiu", the vocative), or a name with
    more text after it in the line that opens the text ("Thank you Grace, all
    sorted.": Grace is thanked; no one signs before the text)."""
    words = [w.strip(",.!") for w in rest.split()]
    if fold_same_length(words[0]) in ("pani", "panie", "pan"):
        # not "Pozdrawiam serdecznie, pani Halina z Gdyni": a signer's title and name
        phrase = (split_sign_off(clean.sign_off) or ("", ""))[0]
        return (
            thanks_phrase(phrase)
            or fold_same_length(words[0]) == "panie"  # the vocative: "Panie Janie"
            or len(words) < 2
            or not is_first_name(words[1])
        )
    opening = next((ln.strip() for ln in clean.body.split("\n") if ln.strip()), "")
    return opening == clean.sign_off.strip() and name_of_line(rest) is None


# A line of contact details: a phone ("T: +44 117 496 0321", "тел. 601 234 567"), an
# address of mail or of a website.
_CONTACT_LINE = re.compile(
    r"^(?:[^\W\d_]{1,10}\.?[ \t]*:?[ \t]*)?\+?[\d ()./-]{7,}$|@[\w-]+\.|\bwww\.|https?://"
)


_IMAGE_LINE = re.compile(r"(?i)\[(?:cid:|image\b)[^\]]*\]$|<?image\d*\.(?:png|jpe?g|gif)>?$")


def _place_line(line: str) -> bool:
    """Whether ``line`` is a place alone ("Тверь", "Kraków", "Milton Keynes")."""
    words = line.rstrip(".").split()
    if len(words) == 1:
        return place_or_family(words[0]) and fold_same_length(words[0]) not in NOT_NAME_WORDS
    return place_phrase(" ".join(words))


def _sign_off_shaped(line: str, below: list[str]) -> bool:
    """Whether ``line`` is a sign-off by its shape, whatever its language: one or
    two words and a comma, over a line that starts with a name of two words or
    more ("Grazie,\nMarco Bellini", "Saludos,\nAna Ruiz")."""
    if not line.endswith(",") or len(line.split()) > 2:
        return False
    rest = [ln.strip() for ln in below if ln.strip()]
    name = leading_name(rest[0]) if rest else None
    return name is not None and len(name.split()) >= 2


# The words after a name that make it another person's ("..., my husband", "mojego męża")
_ANOTHER_PERSON = re.compile(
    r"[^\n]{0,12}?[ \t,(–—-]+(?i:my|mojego|mojej|mój|moja|моего|моей|мой|моя|мою|his|her|"
    r"for|dla|для)\b"
)


def _body_name(body: str) -> str | None:
    """The first name the customer introduces themself with in ``body``."""
    found: list[tuple[int, str]] = []
    for m in _MY_NAME.finditer(body):
        name = introduced_name(m.group("name"))
        if name and not _bare_introduction_kept(body, m, name):
            continue
        if name and m.group("data") and _ANOTHER_PERSON.match(body, m.start("name") + len(name)):
            continue  # "на имя Ивана Петрова, моего мужа": another person's name
        if name and m.group("genitive"):
            first = name.split()[0]
            name = first if is_first_name(first) else nominative_first_name(first)
        if name:
            found.append((m.start(), name))
            break
    if introduced := next(_self_introductions(body), None):
        found.append(introduced)
    for pattern in (_NAME_HERE, _CALLED):
        for m in pattern.finditer(body):
            if (name := name_of_line(m.group("name"))) and pattern is _CALLED:
                name = nominative_called(name)  # "меня Ольгой зовут"
            elif pattern is _NAME_HERE and m.group("greeted") is not None and not name:
                word = m.group("name").capitalize()  # "hi bill here": a listed name, lower case
                name = word if m.group("name").isalpha() and is_first_name(word) else None
            if name:
                found.append((m.start(), name))
                break
    return min(found)[1] if found else None


def _bare_introduction_kept(body: str, m: re.Match[str], name: str) -> bool:
    """An introduction right after a greeting with no mark ("hello this is ...") gives
    only a known first name, and not one from a firm ("Tom from DPD"): "hey this is
    Unacceptable" is a complaint."""
    if m.group("bare") is None:
        return True
    after = body[m.start("name") + len(name) :]
    return is_first_name(name.split()[0]) and not _FROM_FIRM.match(after)


_FROM_FIRM = re.compile(r"(?i)[ \t]+(?:from|at|z|ze|из|от)\b")


def body_names(body: str) -> Iterator[str]:
    """Every name the customer introduces themself with in ``body``."""
    for m in _MY_NAME.finditer(body):
        if (name := introduced_name(m.group("name"))) and _bare_introduction_kept(body, m, name):
            yield name
    yield from (name for _, name in _self_introductions(body))
    for m in _MORE_INTRODUCTIONS.finditer(body):
        if (name := introduced_name(m.group("name"))) and (
            not m.group("two") or len(name.split()) >= 2
        ):
            yield name


# A line that starts another quoted message: a reply's attribution ("On ...
# wrote:", "12.03.2025, 10:15, Shop <help@shop.example>:") or a separator
# ("-----Original Message-----", "-----Исходное сообщение-----").
_NEXT_MESSAGE = re.compile(
    r"(?:^|\s)(?i:wrote|napisa[łl](?:\(a\)|a)?|pisze|пишет|написал(?:\(а\)|а)?|писал(?:\(а\)|а)?)"
    r"\s*:\s*$|@[\w.-]+>?\s*:\s*$|^[ \t]*(?:-{3,}|_{8,})"
)


def _first_quoted_message(quoted: str) -> str:
    """The first message of ``quoted``, the one the customer answers (the shop's
    reply): up to a deeper ``>`` level or to the header of the next quoted
    message; the customer's own earlier message below it greets the agent."""
    kept: list[str] = []
    depth: int | None = None
    for line in quoted.split("\n"):
        prefix = re.match(r"[>\s]*", line)
        level = prefix.group().count(">") if prefix else 0
        text = line.lstrip("> \t").strip()
        if depth is None and text and not _header_line(text):
            depth = level  # the level of the first message's text
        elif text and depth is not None:
            starts_next = from_header_value(text) is not None or _NEXT_MESSAGE.search(text)
            if level > depth or (starts_next and _past_header(kept)):
                break
        kept.append(line)
    return "\n".join(kept)


def _header_line(text: str) -> bool:
    """Whether ``text`` is a line of a quoted message's header: a field ("From:
    ...", "Отправлено: ..."), an attribution or a separator."""
    return bool(re.match(r"\*?[^\W\d_][\w -]{0,20}\*?:", text) or _NEXT_MESSAGE.search(text))


def _past_header(kept: list[str]) -> bool:
    """Whether ``kept`` holds a line of text that is no header line: the first
    message's own header block ("From: ...", "Sent: ...") is not its end."""
    return any((text := ln.lstrip("> \t").strip()) and not _header_line(text) for ln in kept)


def _quoted_greeting_name(quoted: str) -> str | None:
    first = _first_quoted_message(quoted)
    m = _QUOTED_GREETING.search(first)
    if not m and (named := _NAME_FIRST_GREETING.search(first)):
        return name_of_line(named.group("name"))  # "> Ирина, добрый день!"
    if not m:
        return None
    name = name_of_line(m.group("name"))
    if name and m.group("title") and fold_same_length(m.group("title")).startswith("pan"):
        # Polish "Pani Beato" is a vocative, not the name as written: Beata
        return polish_nominative(name.split()[0])
    return name


def _given_names(clean: EmailParts) -> Iterator[str]:
    """The names an e-mail gives in so many words: the display names of its
    ``From:`` header, then a contact form's name field in the body or signature."""
    for line in clean.headers.split("\n"):
        value = from_header_value(line)
        if value is not None and (name := display_name(value)):
            if not sender_person(name, value):
                continue  # "From: Cobalt <...>", "From: Harbour Lights <info@...>": no person's
            yield name
    for part in (clean.headers, clean.body, clean.signature):
        yield from labelled_names(part)


def _handle_named(body: str) -> str | None:
    """The name in brackets after a marketplace's user name on a "From:" line among
    the body's first lines ("From: wool_and_wander (Rosie)"): only when nothing signs
    the e-mail, since such a line may quote someone else ("I got this reply from the
    seller:\nFrom: craftsbyjane (Jane)")."""
    for line in [line for line in body.split("\n") if line.strip()][:4]:
        value = from_header_value(line)
        if value is not None and (name := handle_name(value)):
            return name
    return None


# "To: ...", "*Кому:* ..." (Outlook's bold labels, pasted as asterisks)
_TO_LINE = re.compile(
    r"^\s*\*?(?:to|do|кому|an|à|para)\s*\*?\s*:\s*\**\s*(?P<value>.+)$", re.IGNORECASE
)
# A shop's mailbox, not a person's: "sales@...", "obsluga.klienta@...", "help@..."


def _forwarded_customer(quoted: str) -> str | None:
    value = _forwarded_customer_header(quoted)
    return display_name(value) if value is not None else None


def _forwarded_customer_header(quoted: str) -> str | None:
    """The customer's ``From:`` or ``To:`` value in the header of a message quoted
    or forwarded whole: the sender of one written to a shop's mailbox ("From:
    Laura Pemberton <...>", "To: sales@shop.example": the customer forwarding
    her own message), or the addressee of one that a shop's mailbox sent."""
    lines = quoted.split("\n")
    for i, line in enumerate(lines):
        sender = from_header_value(line.lstrip("> "))
        if sender is None:
            continue
        for other in lines[i + 1 : i + 7]:
            to = _TO_LINE.match(other.lstrip("> "))
            if to is None:
                continue
            sender_is_shop = bool(ROLE_MAILBOX.search(sender))
            if ROLE_MAILBOX.search(to.group("value")) and not sender_is_shop:
                return sender
            if sender_is_shop and not ROLE_MAILBOX.search(to.group("value")):
                return to.group("value")
            break
    return None


def _name_under_forwarded(quoted: str) -> str | None:
    """The customer's name under a forwarded message, which the customer
    forwards from another person and asks about below it ("From: Mike ... box
    arrived squashed ... / Could you tell us what to do next? / Ruth"): a
    name alone on the last line, under a question, that is not the forwarded
    sender's, when one person (no shop's mailbox) sent what was forwarded."""
    lines = [ln.strip() for ln in quoted.split("\n") if ln.strip()]
    if len(lines) < 4 or any(ln.startswith(">") for ln in lines):
        return None
    senders = [v for ln in lines if (v := from_header_value(ln)) is not None]
    if len(senders) != 1 or ROLE_MAILBOX.search(senders[0]):
        return None
    sender = display_name(senders[0])
    name = name_of_line(lines[-1])
    if sender is None or name is None or len(name.split()) > 2 or not lines[-2].endswith("?"):
        return None
    sender_words = {fold_same_length(w.strip(".")) for w in sender.split()}
    if any(fold_same_length(w.strip(".")) in sender_words for w in name.split()):
        return None  # the forwarded message's own signature
    return name


# The person and the address of a quoted message's attribution: "On Mon, 3 Mar 2025 at
# 10:00, Anna Price <anna.price@gmail.com> wrote:", "W dniu ... Anna Nowak <...> pisze:",
# '03.03.2025, 10:00, "Ольга Кравцова" <olga.k@ya.ru>:'
_ATTRIBUTION = re.compile(
    r"(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’.-]*){0,3})[ \t]*[\"“”«»]?[ \t]*"
    r"<(?P<address>[^<>@\s]+@[^<>\s]+)>[ \t]*(?:(?i:wrote|napisa[łl](?:\(a\)|a)?|pisze|пишет|"
    r"написал(?:\(а\)|а)?|писал(?:\(а\)|а)?)[ \t]*)?:[ \t]*$",
    re.MULTILINE,
)


def _own_earlier_message(quoted: str) -> str | None:
    """The customer's own earlier message quoted under a short follow-up ("Any
    update?"): the first quoted message's attribution names a person at a
    personal mailbox (gmail, wp.pl, mail.ru, ...), and the message ends signed
    with that person's first name."""
    head = quoted.lstrip().split("\n", 1)[0]
    m = _ATTRIBUTION.search(head.lstrip("> \t"))
    if m is None or not PERSONAL_MAIL.search("@" + m.group("address").split("@")[1]):
        return None
    words = m.group("name").split()
    while words and not words[0][:1].isupper():
        words = words[1:]  # "W dniu ... Anna Nowak", "On Mon ... Anna Price"
    person = next((n for k in range(len(words)) if (n := name_of_line(" ".join(words[k:])))), None)
    given = first_name(person) if person else None
    if given is None:
        return None
    lines = [ln.lstrip("> \t").strip() for ln in _first_quoted_message(quoted).split("\n")]
    last = next((ln for ln in reversed(lines) if ln), "")
    split = split_sign_off(last)
    signer = signed_name(split[1]) if split and split[1] else name_of_line(last)
    if signer and fold_same_length(signer.split()[0]) == fold_same_length(given):
        return person
    return None


# A greeting with the name first: "Павел, добрый день!", "Tomasz, dzień dobry".
_NAME_FIRST_GREETING = re.compile(
    r"^[ \t]*(?:>[ \t]*)*(?P<name>[^\W\d_]+)[ \t]*,[ \t]*(?i:добрый|доброе|здравствуйте|привет|"
    r"dzie[nń] dobry|witam|cze[sś][cć]|hello|hi|hey|good (?:morning|afternoon|evening))",
    re.MULTILINE,
)


def _shop_side_names(clean: EmailParts) -> set[str]:
    """The first names (folded) of the shop's side of the thread, which a
    "Thanks, Daniel!" ending the customer's text addresses rather than signs:
    the name the customer's text greets ("Hi Daniel,", "Павел, добрый день!"),
    and the name signing the quoted reply of a shop's mailbox or one that greets
    the customer by name ("> Regards, Daniel")."""
    found: set[str] = set()
    head = "\n".join(clean.body.split("\n")[:3])
    for m in (*_QUOTED_GREETING.finditer(head), *_NAME_FIRST_GREETING.finditer(head)):
        if name := name_of_line(m.group("name")):
            found.add(fold_same_length(name.split()[0]))
    first = _first_quoted_message(clean.quoted)
    greeted = {
        fold_same_length(n.split()[0])
        for m in (*_QUOTED_GREETING.finditer(first), *_NAME_FIRST_GREETING.finditer(first))
        if (n := name_of_line(m.group("name")))
    }
    if not greeted and not ROLE_MAILBOX.search(clean.quoted[:600]):
        return found  # perhaps the customer's own earlier message, signed by the customer
    # the customer's own message, forwarded to the shop's mailbox, is signed by the customer
    own = _forwarded_customer(clean.quoted) or _ends.own_forwarded_signer(clean.quoted)
    own_key = fold_same_length(first_name(own) or "") if own else ""
    lines = [line.lstrip("> \t").strip() for line in first.split("\n")]
    for text, above in zip(lines, ["", *lines], strict=False):  # (a field's label above)
        if not text or _QUOTED_GREETING.match(text) or _NAME_FIRST_GREETING.match(text):
            continue
        split = split_sign_off(text)
        if split and split[1]:
            name = signed_name(split[1])  # "> Regards, Daniel"
        else:  # "> Daniel", "> Павел, служба поддержки"; not "> Татьяна, ваш заказ в пути!"
            # nor the customer's name under "> Adres dostawy:", "> Ship to:", "> Получатель:"
            name = None if above.endswith(":") else leading_name(text)
            if name and looks_like_sentence(text[len(name) :]):
                name = None
        key = fold_same_length(name.split()[0]) if name else ""
        if key and key not in greeted and key != own_key:
            found.add(key)
    return found


def customer_name(clean: EmailParts) -> str | None:
    """The customer's name as written, most trusted source first: the ``From:``
    header, a contact form's name field, the signature, "my name is ..." or
    "I'm ..." in the body, the greeting of the quoted reply. The greeting of the customer's own
    text names the agent, so it is never used."""
    if name := next(_given_names(clean), None):
        writer = writer_for_another(clean.body)  # "her granddaughter Grace writing"
        return writer if writer and writer not in name.split() else _given_name_first(clean, name)
    if name := _forwarded_customer(clean.headers):
        return name  # a shop's message to the customer pasted whole: "To: Ruth Adams <...>"
    whole = f"{clean.body}\n{clean.signature}\n{clean.quoted}"
    shop_side = _shop_side_names(clean)
    sources: tuple[Callable[[], str | None], ...] = (
        lambda: _signature_name(clean, frozenset(shop_side)),
        lambda: _body_name(clean.body),
        lambda: heading_name(clean.body),
        lambda: claim_sender(clean.body),  # "От: Шереметьев Вениамин Аркадьевич, г. ..."
        lambda: speaker_label(clean.body),  # a marketplace's chat: "Артём:" over the message
        lambda: closing_name(clean.body),
        lambda: genitive_sender(clean.body),
        lambda: lower_case_closing_name(clean.body),
        lambda: _handle_named(clean.body),  # "From: wool_and_wander (Rosie)", signed by none
        lambda: named_kin_written_for(clean.body),  # "Напишу за жену (Мария Ткаченко)"
        lambda: _forwarded_customer(clean.quoted) or _ends.own_forwarded_signer(clean.quoted),
        lambda: signed_forwarded_author(clean.quoted),  # "Od: Paulina Ż. ... Paulina Ż."
        lambda: _own_earlier_message(clean.quoted),
        lambda: _name_under_forwarded(clean.quoted),
        lambda: _quoted_greeting_name(clean.quoted),
        lambda: sole_trader_owner(clean.body),  # "firma PAW-TECH Paweł Jankowski"
        lambda: own_delivery_name(clean.body),  # "change my address to:\n\nAnna Lee\n2 Elm St"
        lambda: _from_address_name(clean),
    )
    for source in sources:
        found = source()
        # a one-word name the customer also writes in lower case is a common
        # word that opens a line ("Дата"), not a name
        if found and fold_same_length(found.split()[0]) in shop_side:
            continue  # "Hi Daniel, ... Thanks, Daniel!": the agent thanked, not the signer
        if found and len(found.split()) == 1 and _titled_surname(found, whole):
            # "Regards,\nMitchell" under "Dear Mr Mitchell": a surname alone
            if fuller := _fuller_name(clean, found):
                return tidy_case(fuller)
            continue
        if found and not (
            len(found.split()) == 1
            and (used_as_common_word(found, whole) or _named_as_place(found, whole))
        ):
            if fuller := _fuller_name(clean, found):
                return tidy_case(fuller)
            if (given := _first_name_over_surname(clean, found)) is not None:
                return tidy_case(given)
            return tidy_case(_signed_in_full(clean, found) or found)
    return None


def _given_name_first(clean: EmailParts, name: str) -> str:
    """``name`` (a header's or a form's) as the customer signs it, when the customer
    signs: see :func:`~expander.email.givenname.signed_over_header`."""
    if len(name.split()) < 2:
        return name
    signed = _signature_name(clean) or closing_name(clean.body)
    return signed_over_header(name, signed) if signed else name


_ADDRESS_LOCAL = re.compile(r"(?<![\w.+-])([^\W\d_]{2,})[._-]([^\W\d_]{2,})\d{0,4}@[\w-]+\.")


def _address_names(clean: EmailParts) -> Iterator[str]:
    """The two words of the customer's e-mail addresses written "first.last@"
    ("andrew.mitchell@...": "Andrew Mitchell"), from the ``From:`` header, the
    text and the signature; only to tell a surname signing alone, never a name
    by themselves."""
    for part in (clean.headers, clean.body, clean.signature):
        for m in _ADDRESS_LOCAL.finditer(part):
            words = [w.capitalize() for w in m.groups()]
            if not any(not_a_name(w, alone=False) for w in words):
                yield " ".join(words)


def _from_address_name(clean: EmailParts) -> str | None:
    """The name of a pasted ``From:`` header's address written "first.last@" with a
    known first name ("From: jake.peralta@gmail.com": Jake Peralta), where the
    e-mail gives no name otherwise; not a shop's mailbox."""
    for line in clean.headers.split("\n"):
        value = from_header_value(line)
        if value is None or ROLE_MAILBOX.search(value):
            continue
        for m in _ADDRESS_LOCAL.finditer(value):
            first, last = (w.capitalize() for w in m.groups())
            if is_first_name(first) and not not_a_name(last, alone=False):
                return f"{first} {last}"
    return None


_SURNAME_TITLE = r"(?i:\b(?:mr|mrs|ms|miss|dr|господин|госпожа|г-н|г-жа)\.?)"  # not "Pani Anna"


def _titled_surname(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` after a title ("Dear Mr Mitchell",
    "Уважаемый господин Коваль"): a surname, not a name to greet with."""
    return bool(re.search(rf"{_SURNAME_TITLE}[ \t]+{re.escape(word)}(?![\w'’])", text))


# The prepositions of a place ("in Kendal", "do Wąchocka", "в Урюпинске"), folded;
# not "to", "from", "z", "с", which take a person as well.
_PLACE_PREPOSITION = (
    r"(?<!\w)(?:in|near|outside|around|w|we|do|pod|kolo|niedaleko|в|во|из|под|около|г\.)"
)


def _named_as_place(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` (one word, not a known first name) after a
    preposition of place, in any case ending: "Thanks\nKendal" under "the courier
    in Kendal", "Pozdrawiam\nWąchock" under "paczka do Wąchocka"."""
    if is_first_name(word) or len(word) < 4:
        return False
    folded = fold_same_length(word)
    # the last letter goes in the other cases; a fleeting vowel too ("Sulejówek" → "w
    # Sulejówku", "Торжок" → "в Торжке")
    cut = 2 if re.search(r"(?:ek|ec|ok|ек|ец|ок|ёк)$", folded) and len(folded) > 5 else 1
    stem = re.escape(folded[:-cut])
    return bool(
        re.search(rf"{_PLACE_PREPOSITION}\s+{stem}\w{{0,3}}(?![\w'’])", fold_same_length(text))
    )


def _first_name_over_surname(clean: EmailParts, name: str) -> str | None:
    """The first name the customer introduces themself with ("I'm Andrew", "меня
    зовут Ольга") or the quoted reply greets them with ("> Ольга, добрый день!"),
    when ``name`` (one word, signing) is a surname: it has a surname's ending
    ("Смирнова", "Zielińska"), or (against an introduction only) it is no known
    first name while the other one is ("Mitchell" under "I'm Andrew")."""
    if " " in name:
        return None
    if not is_first_name(name) and (sender := genitive_sender(clean.body)):
        return sender  # "Г.П. Сорокина" under "от Сорокиной Галины Павловны": Галина
    surname = first_name(name) is None
    introduced, greeted = _body_name(clean.body), _quoted_greeting_name(clean.quoted)
    for other, trusted in ((introduced, True), (greeted, False)):
        if not other or len(other.split()) != 1:
            continue
        if fold_same_length(other) == fold_same_length(name):
            return None  # the same name: it is the customer's first name
        # a greeting quoted only against a surname's ending: the quoted message
        # may be another person's
        if surname or (trusted and is_first_name(other) and not is_first_name(name)):
            return other
    return None


def _fuller_name(clean: EmailParts, name: str) -> str | None:
    """The full name, given elsewhere in the e-mail, of a customer who signs with
    the surname alone ("Thanks\nBooth" under "this is Rachel Booth", "Pozdrawiam\nLis"
    under a shop's message to "Bartosz Lis"): a self-introduction or the customer
    in a quoted message's header whose first name is another word."""
    if " " in name:
        return None
    key = fold_same_length(name)
    others = (*body_names(clean.body), _forwarded_customer(clean.quoted), *_address_names(clean))
    for other in others:
        if not other or len(other.split()) < 2:
            continue
        given = first_name(other)
        words = {fold_same_length(w) for w in other.split()}
        if given and key in words and fold_same_length(given) != key:
            # the surname as the customer writes it ("Wróbel", not "Wrobel" of an address)
            return " ".join(name if fold_same_length(w) == key else w for w in other.split())
    return None


def _signed_in_full(clean: EmailParts, name: str) -> str | None:
    """The full name of a customer who signs with the first name alone over a signature
    block that writes it out ("Thanks,\nKate\n\nKate Summers\nSenior Buyer"): a line of
    the signature that starts with that first name and a surname."""
    if " " in name:
        return None
    key = fold_same_length(name)
    for line in clean.signature.split("\n")[1:12]:
        full = leading_name(line.strip())
        if full and len(full.split()) >= 2 and fold_same_length(full.split()[0]) == key:
            return full
    return None


def names_in_email(clean: EmailParts) -> list[str]:
    """Every name the e-mail gives for a person, in order, each once: the ``From:``
    display names, a contact form's name field, the name under or after the sign-off,
    every self-introduction ("this is Ruth Adams", "my name is ...", "nazywam się ...",
    "меня зовут ...", "моя фамилия ..."), and the name greeted, in the customer's text
    (the agent's) and in the quoted reply (the customer's)."""
    found = list(_given_names(clean))
    if name := _handle_named(clean.body):
        found.append(name)
    if name := _signature_name(clean):
        found.append(name)
    found.extend(body_names(clean.body))
    found.extend(names_after_kin_words(f"{clean.body}\n{clean.signature}"))  # "mama Kasi"
    for extra in (lower_case_closing_name(clean.body), _forwarded_customer(clean.quoted)):
        if extra:
            found.append(extra)
    for part in (clean.body, clean.quoted):
        for m in _QUOTED_GREETING.finditer(part):
            if name := name_of_line(m.group("name")):
                found.append(name)
    return list(dict.fromkeys(tidy_case(name) for name in found))
