"""How much of a customer's e-mail Expander reads: the suggestions, the learned
examples and the FAQ-gap report all read an e-mail through :func:`within_limit`.

An e-mail arrives from the clipboard or stdin, whatever its size; reading it
(cleaning, fields, the encoders) costs its length, so a paste gone wrong must
not keep a core busy for minutes or take gigabytes.
"""

from __future__ import annotations

__all__ = ["MAX_EMAIL_CHARS", "within_limit"]

MAX_EMAIL_CHARS = 100_000
"""Of a longer e-mail only its first 100,000 characters (about 25 pages) are read, up to
the last line break among them: the customer's own words come first, and what runs
on is a quoted thread or a paste gone wrong. Reading costs its length: a pasted 10 MB
took 80 s on the side thread and a 1 MB line 5 GB; 100,000 characters take well
under a second."""


def within_limit(text: str) -> str:
    """``text``, or its first :data:`MAX_EMAIL_CHARS` characters cut after a line break,
    or after a blank when they have none: never inside a word ("Dzięku" would be read
    as a name)."""
    if len(text) <= MAX_EMAIL_CHARS:
        return text
    head = text[:MAX_EMAIL_CHARS]
    end = head.rfind("\n")
    if end <= 0 and not text[MAX_EMAIL_CHARS].isspace():
        end = max(head.rfind(" "), head.rfind("\t"))
    return head[: end + 1] if end > 0 else head
