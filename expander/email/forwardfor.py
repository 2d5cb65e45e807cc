"""A message forwarded on its author's behalf: its author is the customer.

Someone forwards another person's message to the shop and says so in their note
("my colleague Grace asked me to forward this", "przesyłam poniżej wiadomość od naszej
klientki ... odpowiedzcie bezpośrednio do niej"): the one to answer is the forwarded
message's author, not the forwarder who signs the note. Only on an explicit request
(to forward it, or to reply to its author) or a note naming its author as the one the
message is from, and only when the note names that author (by the first name of the
forwarded ``From:``). Never for the shop's own message the customer replies above
("Hi Sarah, ... From: Sarah Jones", a shop's mailbox or domain), nor a message written
to the forwarder (a ``To:`` in its header, or its text greeting the forwarder: "Anna,
two boxes came crushed"): "on behalf of my husband" or "the email from our supplier"
in such a reply is the forwarder's own business.
"""

from __future__ import annotations

import re

from expander.email.clean import CleanEmail
from expander.email.givenname import first_name, polish_nominative
from expander.email.nameforms import ROLE_MAILBOX, display_name, from_header_value, sender_person
from expander.email.namelines import name_of_line
from expander.email.namewords import is_first_name
from expander.textfold import fold_same_length

__all__ = ["forwarded_for_another"]

# an explicit request (folded): to forward the message below for its author, or to
# answer its author ("asked me to forward", "forwarding this on behalf of Grace",
# "prosiła mnie o przesłanie", "по её просьбе пересылаю", "please reply to her directly")
_ASKED_TO_FORWARD = re.compile(
    r"asked me to (?:forward|send|pass)|"
    r"forward\w*(?: (?:this|it))? (?:for|on behalf of) (?!(?:my|our)\b)|"
    r"(?:reply|respond|write) (?:directly )?to (?:her|him)\b|"
    r"(?:po)?prosil\w* (?:mnie )?o (?:przeslanie|przekazanie)|"
    r"(?:przesylam|przekazuje)\w*(?: \w+){0,2} w (?:jej|jego) imieniu|"
    r"odpowiedz\w* (?:bezposrednio )?(?:do niej|do niego|jej|jemu)\b|"
    r"по (?:е[еёe]|его) просьбе|(?:по)?просил\w* (?:меня )?(?:переслать|передать)|"
    r"ответьте (?:ей|ему)\b"
)

# the note naming the one the message below is from, within a few words: "the message from
# my neighbour Grace", "wiadomość od pani Zofii" (folded; the name follows, checked apart)
_MESSAGE_FROM = re.compile(
    r"(?:message|e-?mail|note|letter|wiadomosc\w*|mail\w*|list\w*|письм\w*|сообщени\w*) "
    r"(?:from|od|от)(?P<after>(?:[ ,]+[^\W\d_]+){1,4})"
)

# the note saying a customer wrote the message below (folded): "a customer wrote to sales",
# "klientka napisała", "клиентка написала", "письмо от покупателя" (not "your customer
# service wrote": the shop's own message, which a customer forwards)
_CUSTOMER = (
    r"(?:customers?|clients?|klient\w{0,4}|клиент\w{0,4}|покупател\w{0,4})\b"
    r"(?! (?:service|support|care))"
)
_WRITER = r"(?:i|we|ja|my|я|мы)"  # "as a customer I sent you": the writer is the customer
# the note's writer bought the goods from the shop (folded): a reseller or a designer
# forwarding their own client's complaint is the shop's customer ("Towar kupiliśmy u
# Państwa", "Товар мы закупали у вас", "which I ordered from you for her")
_FORWARDER_BOUGHT = re.compile(
    r"\b(?:(?:i|we) (?:\w+ ){0,2}(?:bought|ordered|purchased)\b[^.\n]{0,40}? from you|"
    r"(?:kupil|zamowil|kupowal|zamawial)\w{0,4} (?:\w+ ){0,3}u (?:was|panstwa)\b|"
    r"(?:закупал|купил|заказал|заказывал|покупал)\w{0,2} (?:\w+ ){0,3}у вас\b)"
)
_CUSTOMER_WROTE = re.compile(
    rf"(?<!\w){_CUSTOMER}(?: (?!{_WRITER}\b)[^\W\d_]+){{0,2}} (?:wrote|sent|emailed|"
    r"napisal\w{0,3}|przyslal\w{0,3}|написал\w{0,2}|прислал\w{0,2})\b|"
    rf"(?:from|od|от) (?:a |the |our |one of our |naszej |naszego |нашей |нашего )?{_CUSTOMER}"
)

# a greeting opening the note, and the one it greets: "Hi Sarah,", "Здравствуйте, Ольга!",
# "Dzień dobry Panie Tomaszu" (folded)
_NOTE_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|dzien dobry|witam|witaj|"
    r"czesc|szanown\w*|здравствуйте|добрый (?:день|вечер)|доброе утро|привет|уважаем\w*)"
    r"[ ,!]+(?:(?:mr|mrs|ms|miss|pan|pani|panie)\.? )?(?P<name>[^\W\d_]+)",
    re.MULTILINE,
)

# the forwarded message's header block written to someone: the forwarder who passes it on
_TO_LINE = re.compile(r"^\s*\*?(?:to|do|кому)\s*\*?\s*:", re.IGNORECASE)

# a shop's domain: its agents write from it ("emma.stone@potteryshop.example")
_SHOP_DOMAIN = re.compile(r"@[\w.-]*(?:shop|store|sklep|magazin|market)", re.IGNORECASE)


def _named(given: str, text: str) -> bool:
    """Whether ``text`` (folded) names ``given`` (folded), or in another case when it is
    four letters or more: "Jadwigi" of Jadwiga, "Нины" of Нина."""
    if len(given) < 4:
        return re.search(rf"(?<!\w){re.escape(given)}(?!\w)", text) is not None
    return re.search(rf"(?<!\w){re.escape(given[:-1])}\w{{0,2}}(?!\w)", text) is not None


def _greets(word: str, given: str) -> bool:
    """Whether a greeted ``word`` (folded) is ``given`` or its Polish vocative."""
    return word == given or fold_same_length(polish_nominative(word.capitalize()) or "") == given


def _message_lines(lines: list[str], at: int) -> tuple[list[str], list[str]]:
    """The header lines after the ``From:`` at ``at``, and the message's first lines."""
    end = next((i for i in range(at + 1, len(lines)) if not lines[i].strip()), len(lines))
    text = [ln.lstrip("> \t").strip() for ln in lines[end : end + 8]]
    return lines[at + 1 : end], [ln for ln in text if ln][:2]


# a sign-off and the name after it on the forwarded message's last line: "Regards, Alan
# Smith, Smith's Bakery"
_SIGNED_LINE = re.compile(
    r"^[ \t>]*(?i:regards|kind regards|best regards|best wishes|thanks|thank you|cheers|"
    r"pozdrawiam|z powa[żz]aniem|с уважением|спасибо)[ \t]*[,!]?[ \t]*"
    r"(?P<name>[^\W\d_][\w'’-]{1,20}(?:[ \t]+[^\W\d_][\w'’-]{1,25})?)[ \t]*(?:,|\Z)"
)


def _signed_below(lines: list[str]) -> str | None:
    """The name that signs the forwarded message (``lines``, from its ``From:``) when its
    header gives the address only: "Regards, Alan Smith, Smith's Bakery" (a known first
    name first)."""
    for line in reversed([ln for ln in lines[-12:] if ln.strip()][-3:]):
        m = _SIGNED_LINE.match(line)
        if m and (name := name_of_line(m.group("name"))) and is_first_name(name.split()[0]):
            return name
    return None


def forwarded_for_another(clean: CleanEmail, forwarder: str | None = None) -> str | None:
    """The name of the author of the message forwarded in ``clean`` when the
    forwarder's own note asks for it to be dealt with for that person, or says it is
    from them, and names them; else None. ``forwarder`` is the name the note would
    give on its own (the one who signs it)."""
    if not clean.quoted:
        return None
    note = f"{clean.body}\n{clean.signature}"
    folded_note = fold_same_length(note)
    asked = _ASKED_TO_FORWARD.search(folded_note) is not None
    # a colleague's note: "Клиентка написала в отдел продаж, пересылаю вам" (the author
    # is the customer though the note does not name her)
    from_customer = (
        _CUSTOMER_WROTE.search(folded_note) is not None
        and _FORWARDER_BOUGHT.search(folded_note) is None
    )
    if not asked and not from_customer and not _MESSAGE_FROM.search(folded_note):
        return None
    lines = clean.quoted.split("\n")
    at = next((i for i, ln in enumerate(lines) if from_header_value(ln) is not None), None)
    if at is None:
        return None
    value = from_header_value(lines[at]) or ""
    author = display_name(value)
    if author is None and from_customer and not _SHOP_DOMAIN.search(value):
        return _signed_below(lines[at:])  # "From: info@smithsbakery..." ... "Regards, Alan Smith"
    if author is None or ROLE_MAILBOX.search(value) or _SHOP_DOMAIN.search(value):
        return None  # the shop's reply, quoted under the customer's own text
    if not sender_person(author, value) or not (given := first_name(author)):
        return None
    key = fold_same_length(given)
    head = "\n".join(folded_note.split("\n")[:3])
    if any(_greets(m.group("name"), key) for m in _NOTE_GREETING.finditer(head)):
        return None  # "Hi Sarah, ... From: Sarah Jones": a reply to the shop's Sarah
    header, opening = _message_lines(lines, at)
    if any(_TO_LINE.match(line) for line in header):
        return None  # "To: anna.price@...": written to the forwarder, who asks
    signer = fold_same_length(first_name(forwarder) or "") if forwarder else ""
    if signer and signer != key and any(_named(signer, fold_same_length(ln)) for ln in opening):
        return None  # "Anna, two boxes came crushed": written to the forwarder
    if from_customer:
        return author
    if not _named(key, folded_note):
        return None
    if not asked:
        # "the message from our neighbour Grace", "wiadomość od mamy, Jadwigi Kos": the
        # author named as the one it is from
        from_note = _MESSAGE_FROM.search(folded_note)
        if from_note is None or not _named(key, from_note["after"]):
            return None
    return author
