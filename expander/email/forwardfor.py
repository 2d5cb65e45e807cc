"""A message forwarded on its author's behalf: its author is the customer.

Someone forwards another person's message to the shop and says so in their note
("my colleague Grace asked me to forward this", "przesyłam poniżej wiadomość od naszej
klientki ... Zofia Lewandowska", "пересылаю письмо от мамы, Нины Петровны"): the one to
answer is the forwarded message's author, not the forwarder who signs the note. Only
when the note names that author (by the first name of the forwarded ``From:``), so a
forward of one's own message, or of a colleague's note to oneself, keeps the
forwarder ("Пересылаю письмо коллеги. Наш заказ ...").
"""

from __future__ import annotations

import re

from expander.email.clean import CleanEmail
from expander.email.givenname import first_name
from expander.email.nameforms import ROLE_MAILBOX, display_name, from_header_value, sender_person
from expander.textfold import fold_same_length

__all__ = ["forwarded_for_another"]

# the note saying the message below is another person's (folded)
_ON_BEHALF = re.compile(
    r"asked me to (?:forward|send|pass)|forward\w*(?: (?:this|it))? (?:on|for) (?:her|his|their)|"
    r"on (?:her|his|their) behalf|on behalf of|(?:message|e-?mail|note|letter) from (?:my|our)\b|"
    r"w (?:jej|jego) imieniu|w imieniu|wiadomosc\w* od|(?:po)?prosil\w* (?:mnie )?o (?:przeslanie|"
    r"przekazanie)|по (?:е[её]|его) просьбе|по просьбе|от (?:е[её]|его) имени|от имени|"
    r"(?:письмо|сообщение) от"
)


# the forwarded message's addressee, a person's mailbox: it was written to the forwarder,
# who takes the matter up ("Od: Tomasz ... Do: Daria Jankowska <daria.j@...>")
_TO_PERSON = re.compile(
    r"^\s*\*?(?:to|do|кому)\s*\*?\s*:\s*\**\s*(?!.*(?:sklep|shop|store|магазин))"
    r"(?P<value>[^\W\d_][^<@\n]*<[^>\n]*@[^>\n]*>)",
    re.IGNORECASE,
)


def forwarded_for_another(clean: CleanEmail) -> str | None:
    """The name of the author of the message forwarded in ``clean`` when the
    forwarder's own note says it is that person's and names them; else None."""
    note = f"{clean.body}\n{clean.signature}"
    if not clean.quoted or not _ON_BEHALF.search(fold_same_length(note).lower()):
        return None
    lines = clean.quoted.split("\n")
    for i, line in enumerate(lines):
        value = from_header_value(line)
        if value is None:
            continue
        author = display_name(value)
        if author is None or ROLE_MAILBOX.search(value) or not sender_person(author, value):
            return None
        if any(_TO_PERSON.match(other) for other in lines[i + 1 : i + 6]):
            return None  # "To: Claire Doyle <...>": written to the forwarder, who asks
        given = first_name(author)
        if given and re.search(rf"(?<!\w){re.escape(given)}(?!\w)", note):
            return author
        return None
    return None
