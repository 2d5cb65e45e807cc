"""The personal-data masker: whatever Expander keeps or shares of a customer's
e-mail (learned examples and their exports, FAQ-gap e-mails of the statistics
and their exports) goes through :func:`mask_email` first, and only through it,
so everything kept is masked alike.

Masked are e-mail addresses, phone numbers, names (inflected forms too), order
numbers and other long numbers and codes; see :func:`mask_email`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from expander.email.clean import clean_email
from expander.email.fields import (
    DEFAULT_ORDER_PATTERNS,
    EMAIL_ADDRESS_RE,
    extract_fields,
    find_names,
    find_phones,
    pattern_value_group,
)
from expander.email.language import detect_language
from expander.email.names import closing_name_start

__all__ = ["MAX_EMAIL_CHARS", "mask_contacts_and_names", "mask_email"]

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
    - every name the e-mail gives (:func:`~expander.email.fields.find_names`),
      in inflected forms too ("Kowalskiego"), a name greeted ("Hi Tom,"), and
      the sender's name that ends the text, whatever its case ("Pozdrawiam, jan
      kowalski"): ``[name]`` or ``[full_name]``;
    - every order number the defaults or the pack's ``order_patterns`` find,
      not only the first (``[order]``);
    - any other long number or code: five digits or more, or a code with three
      digits or more (parcels, accounts, cards): ``[number]``.

    Dates, amounts, quantities and short codes are kept. What is left is cut
    to ``limit`` characters.
    """
    clean = clean_email(email)
    body = clean.body.strip()
    if not body:
        return ""
    fields = extract_fields(email, order_patterns, cleaned=clean)
    at = closing_name_start(body)
    if at is not None:
        body = body[:at] + "[name]"
    masked = mask_contacts_and_names(body, fields, find_names(cleaned=clean))
    spans: list[tuple[int, int]] = []
    for pattern in (*order_patterns, *DEFAULT_ORDER_PATTERNS):
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error:
            continue
        for m in compiled.finditer(masked):
            start, end = m.span(pattern_value_group(m))
            value = masked[start:end]
            if sum(ch.isdigit() for ch in value) >= 3 and not _DATE_LIKE.fullmatch(value):
                spans.append((start, end))
    masked = _mask_spans(masked, spans, "[order]")
    masked = _mask_spans(
        masked,
        (m.span() for m in _DIGIT_RUN.finditer(masked) if not _DATE_LIKE.fullmatch(m.group())),
        "[number]",
    )
    masked = _mask_spans(masked, (m.span() for m in _CODE.finditer(masked)), "[number]")
    return " ".join(masked.split())[:limit].rstrip()


_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4}")
_DIGIT_RUN = re.compile(r"(?<![\w\[])\+?\d(?:[ \u00a0-]?\d){4,}(?![\w\]])")
_CODE = re.compile(r"(?<![\w\[])(?=(?:[\w/-]*\d){3})(?=[\w/-]*[^\W\d_])[^\W_][\w/-]{3,}(?![\w\]])")


def _mask_spans(text: str, spans: Iterable[tuple[int, int]], label: str) -> str:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[0] < s[1]):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    for start, end in reversed(merged):
        text = text[:start] + label + text[end:]
    return text


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
    masked = EMAIL_ADDRESS_RE.sub("[email]", text)
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
