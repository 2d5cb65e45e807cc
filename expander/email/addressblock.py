"""The lines of a postal address written in the e-mail, which are never its writer's name.

A customer gives a new address under "New address:", "wyślijcie na adres:", "на
новый адрес:", or writes one without an introduction ("send to my new place\\n12
High St\\nMarket Harborough"). A line of it may start with a word that is a first
name too: a house's name ("Rose Cottage", "Will Farm"), a street ("Robin Hood
Way"), a town under the street ("Hope", "Market Harborough"). A signer's name over
or under an address in a signature, under a sign-off, is not judged here.
"""

from __future__ import annotations

import re
from typing import Protocol

from expander.email.namelines import looks_like_address
from expander.email.namewords import is_first_name

# A line that introduces an address under it: "New address if needed:", "send it
# to:", "Proszę wysłać na adres:", "смените адрес доставки заказа 3310:"
_INTRODUCES_ADDRESS = re.compile(
    r"(?i:\b(?:address|adres\w*|адрес\w*)\b[^\n]{0,40}:|\b(?:to|na|на)[ \t]*:)[ \t]*\Z"
)
# A postcode: UK's ("NR14 7PQ"), Polish ("30-001"), Russian ("190000"), a US ZIP
# after a state ("NY 10001")
_POSTCODE = re.compile(
    r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}\b|\b\d{2}-\d{3}\b|(?<![\d-])\d{6}(?![\d-])|"
    r"\b[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?\b"
)
# The words naming a street or a house in English ("Castle Street", "Rose Cottage"):
# fewer than namelines' house words, which take "Hall", "Hill", "Green" too, surnames
# here ("Victoria Hall, 12 Station Road" signs)
_STREET_WORDS = (
    r"street|st|road|rd|lane|ln|way|avenue|ave|close|drive|court|crescent|terrace|grove|"
    r"gardens|mews|cottage|cottages|farm|house|lodge|barn|manor"
)
# a house's number and a street word after it: "5 Castle Street", "12 High St"
_NUMBERED_STREET = re.compile(rf"(?i:\b\d{{1,5}}[a-z]?\b,?[ \t]+[^\n]*\b(?:{_STREET_WORDS})\b)")
# a street or a house word after a line's first word: "Rose Cottage", "Robin Hood Way"
_HOUSE_NAMED = re.compile(rf"(?i:^[ \t]*\S+[ \t]+(?:\S+[ \t]+)*(?:{_STREET_WORDS})\b\.?[ \t]*\Z)")


def _street_line(line: str) -> bool:
    """Whether ``line`` holds a street with its house's number or an address's part
    ("5 Castle Street", "ul. Lipowa 4", "г. Тверь, ул. Садовая 5")."""
    return bool(_NUMBERED_STREET.search(line)) or looks_like_address(line)


def _address_evidence(line: str) -> bool:
    """Whether ``line`` shows an address: a postcode, a street, a house's name."""
    return bool(_POSTCODE.search(line) or _HOUSE_NAMED.search(line)) or _street_line(line)


# a house's number and its street alone on a line, the town to come under it: "12 High St"
_BARE_STREET = re.compile(
    r"(?i:^(?:flat[ \t]+\d+,?[ \t]+)?\d{1,5}[a-z]?,?(?:[ \t]+[^\W\d_][\w'’-]*){0,2}"
    rf"[ \t]+(?:{_STREET_WORDS})\.?\Z)"
)
_ADDRESS_LINE_MAX = 60


def _address_shaped(line: str) -> bool:
    """Whether ``line`` may be a line of an address: short, no sentence's end."""
    return len(line) <= _ADDRESS_LINE_MAX and not re.search(r"[?!]|[^\W\d_]{4}\.\Z", line)


def _block_above(lines: list[str]) -> tuple[list[str], bool]:
    """The address-shaped lines right above a line (the last of ``lines``, a blank
    line before them ending the block) and whether a line introduces the address
    over them ("New address if needed:", "wyślijcie na adres:", "на новый адрес:")."""
    block: list[str] = []
    gap = False
    for prior in reversed(lines):
        stripped = prior.strip()
        if not stripped:
            if block:
                return block, False
            gap = True  # "address:\n\nRose Cottage": a blank line under the introduction
            continue
        if _INTRODUCES_ADDRESS.search(stripped):
            return block, True
        if gap or not _address_shaped(stripped):
            return block, False
        block.insert(0, stripped)
    return block, False


# A line opening with a first name, then a comma or a capitalised word (a surname, a
# patronymic, or a house's word judged apart): "Hope Adeyemi, Lincoln LN2 5RT", "Tom,
# Hill Farm", "Надежда Ивановна", "Emma House"
_NAME_OPENS = re.compile(r"^(?P<first>[^\W\d_][\w'’-]*)(?:[ \t]+(?P<second>[^\W\d_][\w'’-]*))?")
_HOUSE_WORD = re.compile(rf"(?i:(?:{_STREET_WORDS})\Z)")
# a town's mark in a Russian address: "г. Тверь", "125009, г. Москва"
_TOWN_MARK = re.compile(r"(?<![^\W\d_])(?:г|гор)\.[ \t]*[^\W\d_]")
# a house's number opening a line: "2 Rectory Lane", "Flat 2, 40"
_HOUSE_NUMBER_FIRST = re.compile(r"(?i:^(?:flat[ \t]+)?\d{1,5}[a-z]?\b)")


def _name_shaped(line: str) -> tuple[bool, bool]:
    """Whether ``line`` opens with a listed first name and a comma or a surname (not a
    street's or a house's word), and whether it is that name alone (one or two
    words): "Hope Adeyemi, Lincoln LN2 5RT", "Tom, Hill Farm", "Lily Evans", "Вера"."""
    m = _NAME_OPENS.match(line)
    if m is None or not m["first"][0].isupper() or not is_first_name(m["first"]):
        return False, False
    second = m["second"]
    rest = line[m.end() :].strip()
    if second is None:
        return rest.startswith(","), not rest
    if not second[0].isupper() or _HOUSE_WORD.search(second) or rest[:1] not in ("", ","):
        return False, False  # not "Rose Cottage", "Robin Hood Way"
    return True, not rest


def _complete_above(before: list[str]) -> bool:
    """Whether the block ``before`` a line holds a whole address: a postcode or a
    town's mark ("30-001 Kraków", "г. Тверь, ул. Ленина 5"), so a name under it signs."""
    return any(_POSTCODE.search(part) or _TOWN_MARK.search(part) for part in before)


class _TextAbove(Protocol):
    """The customer's text over the signature (a cleaned e-mail's parts)."""

    @property
    def body(self) -> str: ...
    @property
    def signature_gap(self) -> bool: ...


def in_address_block(parts: _TextAbove, signature: list[str], index: int) -> bool:
    """Whether the line ``index`` of the ``signature``'s lines (under the text's
    ``parts``' body, a blank line parting them or not) is a line of a postal address
    rather than a name: under the first line of a block introduced as an address
    ("na adres:\nul. Lipowa 4\nRóża\n30-001 Kraków"; the first may name its
    recipient), and in a block with a postcode or a street, a house's or a street's
    name ("New address if needed:\nRose Cottage\nLittle Marsh Lane\nNorwich NR14
    7PQ", "Will Farm\nTarporley Road\nChester") or the town under a house's number and
    its street ("12 High St\nMarket Harborough"). Not a first name with a comma or a
    surname ("Hope Adeyemi, Lincoln LN2 5RT", "Tom, Hill Farm"), unless between the
    lines of an address ("5 Castle Street\nHope Valley\nS33 6RD"); nor one over a
    house's number ("Emma House\n2 Rectory Lane"), nor one under a whole address
    ("...\n30-001 Kraków\nRóża"), nor a name over an address with no introduction
    ("Rose Smith\n5 Castle Street\nLeeds LS1 1AA")."""
    line = signature[index].strip()
    gap = [""] if parts.signature_gap and parts.body else []  # a blank line ends the block
    above = [*parts.body.split("\n"), *gap, *signature[:index]]
    before, introduced = _block_above(above)
    after: list[str] = []
    for later in signature[index + 1 :]:
        if not later.strip() or not _address_shaped(later.strip()):
            break
        after.append(later.strip())
    if not _address_shaped(line):
        return False
    if not any(_address_evidence(part) for part in [*before, line, *after]):
        return False
    signer, alone = _name_shaped(line)
    follows = any(_address_evidence(part) for part in after)
    if signer and not (introduced and not before) and not (before and follows):
        return False  # "Anna Nowak, 00-950 Warszawa", "...Warrington WA1 2BB\nLily Evans"
    if alone and not follows and before and _complete_above(before):
        return False  # "...\n30-001 Kraków\nRóża": a name under a whole address signs
    words = line.split()
    if not introduced and len(words) == 2 and is_first_name(words[0]) and words[1][0].isupper():
        if after and _HOUSE_NUMBER_FIRST.search(after[0]):
            return False  # "Emma House\n2 Rectory Lane": the signer over her street
    if _HOUSE_NAMED.search(line) or _street_line(line):
        return True
    if introduced and before:  # the line heading it may be its recipient ("na:\nAnna Nowak")
        return True
    return bool(before) and _BARE_STREET.search(before[-1]) is not None


# The words a street's or a place's name follows: "ул. Садовая", "ulica Długa", "дер.
# Надежда", "г. Тверь"; the word after them is never a name
_PLACE_WORD_END = re.compile(
    r"(?<![^\W\d_])(?:(?i:ул|ul|улица|ulica|al|aleja|пр-т|просп|пер|дер|пос|пгт)|г)\.?[ \t]*\Z"
)


def after_place_word(before: str) -> bool:
    """Whether ``before`` (the text before a word) ends with a street's or a place's
    word, which makes the word after it a street or a place ("..., ул. Садовая")."""
    return bool(_PLACE_WORD_END.search(before))
