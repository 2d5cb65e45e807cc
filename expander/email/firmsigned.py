"""A business writer's sign-off line: the first name, then the firm they write for.

A café, a shop or a workshop writes from a shared mailbox (info@, kontakt@) and signs
with the writer's first name and the firm on one line: "Tasha @ Pink Flamingo Café",
"Kasia | Kwiaciarnia Róża", "Tom from Hill & Dale Bakery", "Ольга @ Кофейня «Бриз»",
perhaps over the firm's town or its contact lines ("...\\nBrighton", "...\\n01273
555 010"). When that line closes the text and the cleaner kept it in the body (no
sign-off above it, no signature block made of it), the first name is the writer's.

Only a listed first name (with a surname or not) before "@", "|", "from", "z"/"ze",
"из" or "от", and a firm's name after it: capitalised words or a quoted name, no
sentence. Never a department or a courier ("Sarah from Customer Care", "Mike from
DPD": an agent or a driver the customer tells of), nor a name the text writes
elsewhere too (the agent greeted: "Hi Tasha, ... Tasha @ ...").
"""

from __future__ import annotations

import re

from expander.email.namelines import looks_like_address, name_of_line
from expander.email.namewords import (
    CARRIERS_AND_MARKETS,
    is_first_name,
    place_or_family,
    place_phrase,
)
from expander.email.townlines import town_line
from expander.textfold import fold_same_length

__all__ = ["firm_signed_name"]

_UPPER = "A-ZĄĆĘŁŃÓŚŹŻÀ-ÖØ-ÞА-ЯЁ"
_FIRM_SIGNED = re.compile(
    rf"(?P<name>[{_UPPER}][\w'’-]+(?:[ \t]+[{_UPPER}][\w'’-]+)?)"
    r"[ \t]+(?:@|\||(?i:from|z|ze|из|от))[ \t]+"
    # the firm: capitalised words, "&", a small word between them, or a quoted name
    rf"(?P<firm>[\"„“«]?[{_UPPER}\d][\w'’.&-]*"
    rf"(?:[ \t]+(?:[\"„“«]?[{_UPPER}\d&][\w'’.&»”\"-]*|(?i:and|of|the|de|la|na|pod|u|и)))"
    r"{0,5}[»”\"]?)[ \t]*"
)
# A department or a service of a firm, whose people are the shop's side
_DEPARTMENT = re.compile(
    r"(?i:customer|client|support|service|care|sales|returns?|help\w*|team|office|warehouse|"
    r"dzia\w*|obs[lł]ug\w*|bok|biur\w*|magazyn\w*|отдел\w*|служб\w*|поддержк\w*|склад\w*)\b"
)
# A line of contact details under the firm's: a phone, an e-mail address, a website
_CONTACT = re.compile(r"^[\w.:() \t]{0,12}\+?[\d() .-]{7,}$|@[\w-]+\.|\bwww\.|https?://")


def _under_signature(line: str) -> bool:
    """Whether ``line`` may come under a firm's sign-off line: its town, its address,
    its phone or website."""
    words = line.rstrip(".").split()
    return bool(
        (len(words) == 1 and place_or_family(words[0]))
        or (len(words) > 1 and place_phrase(" ".join(words)))
        or town_line(line)
        or looks_like_address(line)
        or _CONTACT.search(line)
    )


def firm_signed_name(lines: list[str], body: str) -> str | None:
    """The first name on the firm's sign-off line that closes ``body`` (its last
    non-blank ``lines``, stripped), over at most two lines of the firm's town or
    contacts: "Tasha @ Pink Flamingo Café\\nBrighton" → Tasha; or None."""
    at = len(lines) - 1
    while at > 0 and len(lines) - at <= 2 and _under_signature(lines[at]):
        at -= 1
    if at < 1 or len(lines[at]) > 80:
        return None  # the text itself above the line, or a sentence
    m = _FIRM_SIGNED.fullmatch(lines[at])
    if m is None:
        return None
    name = name_of_line(m.group("name"))
    firm = m.group("firm")
    if name is None or not is_first_name(name.split()[0]):
        return None  # "Sales @ Pink Flamingo", "Kitchen | ..."
    if _DEPARTMENT.match(firm) or any(
        fold_same_length(w.strip('"„“«»”.')) in CARRIERS_AND_MARKETS for w in firm.split()
    ):
        return None  # "Sarah from Customer Care", "Mike from DPD"
    given = re.escape(name.split()[0])
    if re.search(rf"(?<![\w-]){given}(?![\w-])", body.replace(lines[at], "")):
        return None  # "Hi Tasha, ...": the one greeted
    return name
