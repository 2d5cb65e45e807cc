"""How the lines of a plain-text e-mail are laid out: a quoted message's header
fields (From:, Sent:, Od:, От:), a form's fields ("Order ID: 4417"), and what a
line of dashes alone means: a heading's underline, a form's rule, the rule under
a relayed message's header, or (none of these) a quoted message's separator.
"""

from __future__ import annotations

import re

__all__ = [
    "FORM_FIELD",
    "FROM_FIELD",
    "FROM_LABELS",
    "HEADER_FIELD",
    "HEADER_LABELS",
    "RULE",
    "closes_relay_header",
    "form_rule",
    "next_nonblank",
    "underline",
]

FROM_LABELS = r"from|sender|od|от|от кого|de|von"
HEADER_LABELS = (
    r"from|sender|sent|to|cc|bcc|subject|date|reply-to|od|wyslano|wyslane|data|do|temat|dw|udw|"
    r"от кого|от|отправлено|дата|кому|копия|тема|de|von|gesendet|an|betreff|objet|envoye"
)
HEADER_FIELD = re.compile(rf"^\s*\*?(?:{HEADER_LABELS})\s*\*?\s*:")
FROM_FIELD = re.compile(rf"^\s*\*?(?:{FROM_LABELS})\s*\*?\s*:")
# a line of dashes, underscores or equals signs alone
RULE = re.compile(r"^\s*(?:-{3,}|_{3,}|={3,})\s*$")
_RELAY_HEADER_LINES = 40


def next_nonblank(lines: list[str], i: int) -> int:
    """The first line from ``i`` on with text (``len(lines)`` if none)."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def underline(folded: list[str], i: int) -> bool:
    """Whether line ``i``, a run of dashes alone, underlines the text line right above
    it, as long as it ("Contact form submission\n-----------------------"): a heading's
    rule, not a quoted message's separator (an Outlook rule of underscores always is)."""
    rule = folded[i].strip()
    above = folded[i - 1].strip() if i > 0 else ""
    return (
        bool(above)
        and len(set(rule)) == 1
        and rule[0] in "-="
        and any(ch.isalpha() for ch in above)
        and abs(len(rule) - len(above)) <= 2
    )


# a form's field: "Ваше имя: Фарида", "E-mail: ...", "Numer zamówienia (jeśli jest): 4417"
FORM_FIELD = re.compile(
    r"\s*\*?[^\W\d_][\w.-]*(?:[ \t]+[\w.-]+){0,3}(?:[ \t]*\([^()\n]{1,30}\))?"
    r"[ \t]*\*?:[ \t]*\S"
)


def form_rule(folded: list[str], i: int) -> bool:
    """Whether line ``i``, a run of dashes or equals signs alone, opens a contact form's
    fields (a heading, the rule, then "Ваше имя: Фарида", "E-mail: ..."): the two lines
    under it are fields, and none is a quoted message's header (From:, Sent:)."""
    if not set(folded[i].strip()) <= set("-="):
        return False
    below = [ln for ln in folded[i + 1 : i + 6] if ln.strip()][:2]
    return len(below) == 2 and all(
        FORM_FIELD.match(ln) and not HEADER_FIELD.match(ln) for ln in below
    )


def closes_relay_header(folded: list[str], i: int, start: int = 0) -> bool:
    """Whether line ``i``, a rule alone, closes the header a marketplace or a form
    puts above the message it relays ("Amazon Marketplace - message from buyer",
    "Buyer: ...", "Order ID: ...", then a rule, then the buyer's message): every
    line from ``start`` (under a pasted header block) up to it is a field or a
    heading, at least two of them fields (none a quoted message's From:/Sent:),
    and no quoted message's header follows it. Cut there, the message would be
    lost with what really is quoted. Such a header opens the text: a rule more
    than :data:`_RELAY_HEADER_LINES` lines down closes none (and is read in
    constant time)."""
    if not RULE.match(folded[i]) or not 0 <= i - start <= _RELAY_HEADER_LINES:
        return False
    above = [ln for ln in folded[start:i] if ln.strip()]
    below = next_nonblank(folded, i + 1)
    if len(above) < 2 or len(above) > 8 or below >= len(folded):
        return False
    if HEADER_FIELD.match(folded[below]) or RULE.match(folded[below]):
        return False
    fields = 0
    for ln in above:
        if HEADER_FIELD.match(ln):
            return False
        if FORM_FIELD.match(ln):
            fields += 1
        elif len(ln.split()) > 8 or ln.rstrip()[-1] in ".?!:;,":  # a sentence, not a heading
            return False
    return fields >= 2
