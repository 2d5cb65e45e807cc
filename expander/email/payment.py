"""Payment card numbers and IBANs in an e-mail's text, hidden from the order finder.

A customer who writes "I paid for my order with 4111 1111 1111 1111" gives a
card, not an order: taken as the ``{order}`` field it would be typed into the
reply, and the card number would go back out by e-mail. So :func:`hide_payment_numbers`
writes over every card and IBAN before :mod:`expander.email.orders` looks for the
order, and nothing of them (not "4111", a group of the card) can be taken; when
that leaves no other number, the e-mail has no order field.

What counts as a card follows the masker's notion (:mod:`expander.email.privacy`,
which this module cannot import: it imports the fields): 13 to 19 digits,
with or without single spaces or hyphens between groups, made of whole groups
of a run of digits, passing the Luhn check. Some shops' order numbers are as long,
and one random number in ten passes the Luhn check, so a number is a card here
only when it also starts as a major network's cards do, or the words beside it
speak of a card or of paying with it ("karta", "карта", "paid with"); and, for
the networks' shape alone, when it is grouped as cards are printed (in fours),
not as Amazon's 3-7-7 order numbers are. An IBAN is two letters, two check
digits and 11 to 30 capitals or digits (spaces between groups allowed), half
of them digits at least, that pass the mod-97 check (a mistyped check digit
is not caught: the masker's table of each country's length is not copied
here); a Polish account written without its "PL" (26 digits) is the same
number and is hidden too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from expander.email.clean import CleanEmail
from expander.textfold import fold_same_length

__all__ = [
    "hide_payment_numbers",
    "iban_valid",
    "luhn_valid",
    "payment_spans",
    "without_payment_numbers",
]

# A run of digits with single blanks or hyphens between them, as the masker reads one;
# not one joined to a code's letters ("ZAM-4111111111111111", "INV/4111..."): that is the
# code's number, and a customer writing a card adds no letters to it.
_DIGIT_RUN = re.compile(r"(?<![\w\[+])(?<![^\W\d_][-/])\d(?:[ \t\u00a0-]?\d){12,}(?![\w\]])")
# Runs longer than this are no card, nor a few in a row (the masker's limit too).
_MAX_RUN = 200

# The first digits of the major networks' cards: Visa 4; Mastercard 51-55 and
# 2221-2720; American Express 34, 37; Discover 6011, 644-649, 65; JCB 35;
# UnionPay 62; Mir 2200-2204.
_NETWORK_START = re.compile(
    r"4|5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720|3[457]|6011|64[4-9]|65|62|220[0-4]"
)

# Words that make a Luhn-valid number a card whatever its first digits: a card in
# en/pl/ru (any case of "karta", "карта"), a network's name, or paying with it (folded:
# "kartą" as "karta"); not "karton", "картон", "картридж".
_CARD_WORDS = re.compile(
    r"\bcards?\b|\bkart(?:a|y|e|o|om|ach|ami)?\b|\bкарт(?:а|ы|е|у|ой|ою|очк\w*)?\b|"
    r"\b(?:visa|mastercard|maestro|amex)\b|\b(?:paid|pay|paying|payed)[ \t]+(?:with|by)\b"
)
# the words for an order (folded), which name the number after them as the order's
_ORDER_WORDS = re.compile(r"order|\bzam|заказ|zakaz")
_CLAUSE_END = re.compile(r"[\n,;.!?]")
_WORDS_BEFORE = 40  # characters before the number, on its line, the words are looked for in
_WORDS_AFTER = 30  # and after it ("4111 ... is my card")

# A country's two letters, two check digits, then the rest in groups ("PL61 1090 1014
# ..."); cut to where the mod-97 check holds in _iban_end. Its letters in capitals, as
# banks print them: in "Order AB 12 345 has not arrived" a check of "AB12345HAS..."
# may hold by chance.
_IBAN_START = re.compile(
    r"(?<![\w\[])(?:[A-Z]{2}[ \t]?|[A-Za-z]{2})\d{2}(?:[ \t\u00a0-]?[A-Z0-9]){11,30}"
)
# A Polish account number (NRB): the IBAN's 26 digits without "PL", in groups or not.
_NRB = re.compile(r"(?<![\w\[+])\d{2}(?:[ \t\u00a0-]?\d){24}(?![\w\]])")


def luhn_valid(digits: str) -> bool:
    """Whether ``digits`` pass the Luhn check every payment card number passes."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _said_to_be_a_card(text: str, start: int, end: int) -> bool:
    """Whether the words beside ``text[start:end]`` on its line call it a card: before
    it with no word for the order between ("paid by card: 1234 ..."; not "paid by card
    for order 1234 ..."), or after it in its clause ("1234 ... is my card"; not
    "order 1234 ..., paid by card", which says how the order was paid)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = fold_same_length(text[max(line_start, start - _WORDS_BEFORE) : start])
    after = fold_same_length(_CLAUSE_END.split(text[end : end + _WORDS_AFTER], 1)[0])
    said = [m.end() for m in _CARD_WORDS.finditer(before)]
    ordered = [m.end() for m in _ORDER_WORDS.finditer(before)]
    return bool(said and (not ordered or said[-1] > ordered[-1])) or bool(_CARD_WORDS.search(after))


def _printed_as_card(sizes: list[int]) -> bool:
    """Whether digit groups of these sizes are a card's as cards print it: one run,
    fours (the last group shorter: "4111 1111 1111 1", "... 1111 111"), or the
    American Express and Diners 4-6-5 and 4-6-4. Not Amazon's order numbers,
    3-7-7 ("405-8812736-1120345"), of which one in ten passes the Luhn check."""
    if len(sizes) == 1 or tuple(sizes) in ((4, 6, 5), (4, 6, 4)):
        return True
    return all(size == 4 for size in sizes[:-1]) and 1 <= sizes[-1] <= 4


def _is_card(digits: str, sizes: list[int], text: str, start: int, end: int) -> bool:
    """A Luhn-valid number of 13 to 19 digits (in groups of ``sizes``) that starts as
    a network's cards do and is grouped as cards are printed, or that the words
    beside it call a card. "Order number 4111111111111111" is a card too: a shop's
    order number that is also a valid Visa number is rare, and taking a customer's
    card for the order would send it out in the reply, so no order is the safer loss."""
    if not (13 <= len(digits) <= 19 and luhn_valid(digits)):
        return False
    return bool(_NETWORK_START.match(digits) and _printed_as_card(sizes)) or _said_to_be_a_card(
        text, start, end
    )


def _cards(text: str) -> list[tuple[int, int]]:
    """The card numbers in ``text``: the longest made of whole groups of a run of
    digits, left to right (a card may be one part of a run: "07700 900123 4111 ...")."""

    def is_card(digits: str, part: Sequence[tuple[int, int]]) -> bool:
        sizes = [b - a for a, b in part]
        return _is_card(digits, sizes, text, part[0][0], part[-1][1])

    spans = []
    for run in _DIGIT_RUN.finditer(text):
        if len(run.group()) > _MAX_RUN:
            continue
        groups = [
            (run.start() + g.start(), run.start() + g.end())
            for g in re.finditer(r"\d+", run.group())
        ]
        spans += longest_card_spans(text, groups, is_card)
    return spans


def longest_card_spans(
    text: str,
    groups: Sequence[tuple[int, int]],
    is_card: Callable[[str, Sequence[tuple[int, int]]], bool],
) -> list[tuple[int, int]]:
    """The longest card numbers made of whole digit ``groups`` of ``text`` (spans in
    it, in order), left to right. ``is_card(digits, part)`` says whether the digits
    of the groups ``part`` are a card; at most 19 digits are tried from each group."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(groups):
        digits, best = "", None
        for j in range(i, len(groups)):
            digits += text[groups[j][0] : groups[j][1]]
            if len(digits) > 19:
                break
            if is_card(digits, groups[i : j + 1]):
                best = j
        if best is None:
            i += 1
        else:
            found.append((groups[i][0], groups[best][1]))
            i = best + 1
    return found


def iban_valid(compact: str) -> bool:
    """Whether ``compact`` (an IBAN without spaces, capitals) passes its mod-97 check."""
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _iban_end(text: str, m: re.Match[str]) -> int | None:
    """Where the IBAN that ``m`` starts ends (the longest that passes the check, ends
    where a word does and is digits for half its account part at least), or None."""
    ends = [i + 1 for i in range(m.start(), m.end()) if text[i].isalnum()]
    compact = "".join(ch for ch in m.group() if ch.isalnum()).upper()
    # the check of each length in one pass (a run of "PL61 PL61 ..." is read in linear
    # time): the account part's remainder so far, then the country and check digits
    tail = int(f"{int(compact[0], 36)}{int(compact[1], 36)}{compact[2:4]}")
    remainder, digits, found = 0, 0, None
    for n, ch in enumerate(compact[4:], start=5):
        value = int(ch, 36)
        remainder = (remainder * (10 if value < 10 else 100) + value) % 97
        digits += value < 10
        if (
            n >= 15
            and digits * 2 >= n - 4
            and (remainder * 1_000_000 + tail) % 97 == 1
            and not text[ends[n - 1] : ends[n - 1] + 1].isalnum()  # not "... 2874abc"
        ):
            found = ends[n - 1]
    return found


def _ibans(text: str) -> list[tuple[int, int]]:
    """The IBANs in ``text`` (and Polish account numbers written without "PL")."""
    spans = []
    m = _IBAN_START.search(text)
    while m:
        end = _iban_end(text, m)
        if end is not None:
            spans.append((m.start(), end))
        # a candidate that is no IBAN may have run into one: look again inside it
        m = _IBAN_START.search(text, end or m.start() + 1)
    for nrb in _NRB.finditer(text):
        if iban_valid("PL" + re.sub(r"\D", "", nrb.group())):
            spans.append(nrb.span())
    return spans


def payment_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` gives a payment card's number or an IBAN, as (start, end)."""
    if not any(ch.isdigit() for ch in text):
        return []
    ibans = _ibans(text)
    # not a card among an IBAN's groups ("PL61 1090 1014 0000 0712 ..."): it is hidden whole
    cards = [c for c in _cards(text) if not any(a < c[1] and c[0] < b for a, b in ibans)]
    return sorted(ibans + cards)


def hide_payment_numbers(text: str) -> str:
    """``text`` with each card number and IBAN written over with ``*`` (its length
    kept): no order pattern reads a number there, nor one joined to it."""
    for start, end in payment_spans(text):
        text = text[:start] + "*" * (end - start) + text[end:]
    return text


def without_payment_numbers(clean: CleanEmail, parts: list[str]) -> tuple[CleanEmail, list[str]]:
    """``clean`` and ``parts`` of it (the customer's text and signature) with the cards
    and IBANs hidden in every part the order is looked for in: the subject, the text,
    the signature, the quoted messages (each read once: a long e-mail's body is a part
    too)."""
    hidden = {
        text: hide_payment_numbers(text)
        for text in dict.fromkeys(
            (clean.body, clean.signature, clean.quoted, clean.subject, *parts)
        )
    }
    return (
        replace(
            clean,
            body=hidden[clean.body],
            signature=hidden[clean.signature],
            quoted=hidden[clean.quoted],
            subject=hidden[clean.subject],
        ),
        [hidden[part] for part in parts],
    )
