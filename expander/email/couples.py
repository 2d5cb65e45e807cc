"""A Polish couple signing together ("Pozdrawiamy\\nAnna i Piotr Dąbrowscy", "Ela i
Tomek Sadowscy"): a Polish reply greets the two as "Państwo", never by one first name,
so the e-mail gives no first name to greet with. English couples ("Pauline and Keith")
and Russian ones ("Ольга и Сергей") keep the first one's name: their replies greet the
one who writes. A writer who introduces herself alone in the text ("Dzień dobry, tu
Anna") is greeted by that name, whoever signs with her.
"""

from __future__ import annotations

import re

from expander.email.names import EmailParts, body_names
from expander.email.namewords import is_first_name, is_word_too, place_or_family
from expander.email.signoffs import split_sign_off
from expander.textfold import fold_same_length

__all__ = ["polish_couple_signs"]

_WORD = r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)?"
# two first names joined by the Polish "i", a shared surname (or the first one's own)
# perhaps after them: "Anna i Piotr", "Anna i Piotr Dąbrowscy", "Marta Szulc i Piotr"
_COUPLE = re.compile(
    rf"(?P<first>{_WORD})(?:[ \t]+{_WORD})?[ \t]+i[ \t]+(?P<second>{_WORD})"
    rf"(?:[ \t]+{_WORD})?[ \t.!]*"
)


def _signed(line: str) -> str:
    """``line`` without a sign-off opening it ("Pozdrawiamy, Anna i Piotr")."""
    line = line.strip()
    split = split_sign_off(line)
    return (split[1] if split is not None else line).strip(" \t.!")


def _couple_names(line: str) -> tuple[str, str] | None:
    """The two first names of ``line`` when it is a couple's signature, else None."""
    m = _COUPLE.fullmatch(_signed(line))
    if m is None:
        return None
    first, second = m.group("first"), m.group("second")
    if not all(w.istitle() and is_first_name(w) and not is_word_too(w) for w in (first, second)):
        return None
    return first, second


def _closing_lines(clean: EmailParts) -> list[str]:
    """The lines a couple signs on: the last three of the text, the first six of the
    signature (a household's address block may follow the writer's own name)."""
    body = [line.strip() for line in clean.body.split("\n") if line.strip()]
    signature = [line.strip() for line in clean.signature.split("\n") if line.strip()]
    return body[-3:] + signature[:6]


# a sign-off of one writer ("Pozdrawiam", "Serdecznie pozdrawiam"; not "Pozdrawiamy") and
# a verb of the first person plural ("zamówiliśmy", "czekamy"): who writes (folded)
_SINGULAR_SIGN_OFF = re.compile(r"(?:^|\s)pozdrawiam(?!\w)")
_PLURAL_VERB = re.compile(
    r"\w+(?:lismy|lysmy|libysmy|lybysmy)(?!\w)|"
    r"(?<!\w)(?:prosimy|czekamy|dziekujemy|pozdrawiamy|chcemy|mozemy|mamy)(?!\w)"
)


def _signs_alone(lines: list[str], key: str) -> bool:
    """Whether a line of ``lines`` is the writer's name alone: the first name, or the
    first name and a surname ("Pozdrawiam\nAnna Dąbrowska", then "Anna i Piotr")."""
    for line in lines:
        words = fold_same_length(_signed(line)).lower().split()
        if 1 <= len(words) <= 2 and words[0] == key and "i" not in words:
            return True
    return False


# a verb of the first person singular in the past or the conditional ("zamówiłam",
# "nie dostałem", "chciałabym"; not "proszę", which a couple writes too)
_SINGULAR_VERB = re.compile(r"(?i)(?<!\w)(?:nie[ \t]+)?\w+ł(?:am|em|abym|bym)(?!\w)")


def _one_writer(clean: EmailParts, lines: list[str]) -> bool:
    """Whether the e-mail is one writer's: a sign-off in the singular ("Pozdrawiam";
    "Z poważaniem" says neither) or a verb of the first person singular in the text
    ("zamówiłam", "dostałem"), and no verb of the first person plural."""
    singular = _SINGULAR_VERB.search(clean.body) is not None or any(
        (split := split_sign_off(line)) is not None
        and _SINGULAR_SIGN_OFF.search(fold_same_length(split[0]).lower()) is not None
        for line in lines
    )
    # the sign-off aside: "Pozdrawiamy" under "nie dostałem" is the couple's greeting
    # to the shop, not who wrote
    text = "\n".join(
        line
        for line in fold_same_length(f"{clean.body}\n{clean.signature}").lower().split("\n")
        if split_sign_off(line) is None
    )
    return singular and not _PLURAL_VERB.search(text)


def _contact_line(line: str) -> bool:
    """Whether ``line`` is a signature's contact or address line ("tel. 600 312 845",
    "ul. Lipowa 4, 30-001 Kraków", "Gdańsk"), no name's."""
    return any(ch.isdigit() for ch in line) or "@" in line or place_or_family(line.strip(" .,"))


def _signing_place(lines: list[str], at: int) -> bool:
    """Whether the couple's line ``lines[at]`` is where a signature stands: right under
    a sign-off (or opening with one: "Pozdrawiamy, Kasia i Michał"), or the last name
    line, only contact lines after it; not an engraving's text or a note higher up
    ("Treść grawera:\nAnna i Piotr")."""
    if split_sign_off(lines[at]) is not None or all(map(_contact_line, lines[at + 1 :])):
        return True
    above = split_sign_off(lines[at - 1]) if at > 0 else None
    return above is not None and not above[1]


def polish_couple_signs(clean: EmailParts, name: str, language: str | None) -> bool:
    """Whether ``name``, the first name found in a Polish e-mail (``language`` "pl"), is
    one of a couple signing together with "i" ("Anna i Piotr Dąbrowscy") where a
    signature stands, and the writer neither signs alone too ("Pozdrawiam\nAnna
    Nowak\nAnna i Piotr Nowakowie"), nor writes as one ("Pozdrawiam" or "zamówiłam",
    and no "we" verb), nor introduces herself alone in the text ("tu Anna", "nazywam
    się Anna")."""
    if language != "pl":
        return False
    key = fold_same_length(name).lower()
    lines = _closing_lines(clean)
    if _signs_alone(lines, key) or _one_writer(clean, lines):
        return False
    for at, line in enumerate(lines):
        couple = _couple_names(line)
        if couple is None or key not in {fold_same_length(w).lower() for w in couple}:
            continue
        if not _signing_place(lines, at):
            continue
        introduced = {fold_same_length(n.split()[0]).lower() for n in body_names(clean.body)}
        return key not in introduced
    return False
