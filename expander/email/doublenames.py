"""An English double first name, greeted whole: "Mary Ellen", "Sarah Jane", "Billy Bob".

Some English first names come in well-known pairs that their bearers sign and are
greeted with as one name, with or without a surname after them ("Thank you kindly,
Mary Ellen", "Mary Kate Olsen", "Jo Ann"); before a word that is a first name too
("Anna Mae Lee", "Mary Kate Lee") the second may be a middle name: the first alone.
Only the pairs listed here: the second name of other pairs is often a surname ("Grace
Kelly", "Mary Rose", "Anna May", "Vera Lynn"), and the other way round ("Ellen Mary")
is no such pair. A two-word Chinese given name ("Mei Ling Tan") is
:mod:`~expander.email.chinesenames`'s, and a three-word name ending with another listed
second name ("Mary Beth Carter") is already read by
:func:`~expander.email.givenname.first_name`.
"""

from __future__ import annotations

from expander.email.namewords import is_first_name
from expander.textfold import fold_same_length

__all__ = ["double_first_name"]

# The pairs, folded; the second name of none of them is a common surname
_DOUBLE_NAMES = frozenset(
    fold_same_length(pair)
    for pair in (
        "Mary Ellen", "Mary Jane", "Mary Beth", "Mary Kate", "Mary Ann", "Mary Anne",
        "Mary Lou", "Mary Jo", "Mary Sue", "Mary Kay", "Mary Louise", "Mary Alice",
        "Anne Marie", "Ann Marie", "Anna Marie", "Rose Marie", "Lisa Marie",
        "Sarah Jane", "Sara Jane", "Emma Jane",
        "Ella Mae", "Anna Mae", "Ellie Mae", "Lilly Mae", "Lillie Mae", "Annie Mae",
        "Billy Bob", "Billy Joe", "Billy Jo", "Billie Jo", "Bobbie Jo", "Betty Jo",
        "Betty Lou", "Peggy Sue", "Jim Bob", "Joe Bob", "Billy Ray", "Bobby Joe",
        "Jo Ann", "Jo Anne", "Lou Ann", "Lee Ann", "Leigh Ann", "Ruth Ann", "Carol Ann",
        "Julie Ann", "Sue Ellen",
    )
)  # fmt: skip


def double_first_name(full: str) -> str | None:
    """The double first name ``full`` opens with, as written ("Mary Ellen" of "Mary
    Ellen" or "Mary Ellen Smith"), or None: not "Grace Kelly", "Ellen Mary", "Mary
    Jones", nor a pair written with initials; nor a pair before a word that is a first
    name too ("Anna Mae Lee": Anna, as :func:`~expander.email.givenname.first_name`
    reads a middle name)."""
    words = full.split()
    if not 2 <= len(words) <= 3 or not all(w.isalpha() for w in words):
        return None
    if len(words) == 3 and is_first_name(words[2]):
        return None  # "Anna Mae Lee", "Mary Kate Lee": a middle name, perhaps
    pair = f"{words[0]} {words[1]}"
    return pair if fold_same_length(pair) in _DOUBLE_NAMES else None
