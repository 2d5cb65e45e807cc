"""The personal-data masker: what Expander keeps or shares of a customer's
e-mail (learned examples, FAQ-gap e-mails, exports) goes through here first.

Masked are e-mail addresses, phone numbers, names (inflected forms too), order
numbers and other long numbers and codes; see :func:`mask_email`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["MAX_EMAIL_CHARS", "mask_email"]

MAX_EMAIL_CHARS = 1000
"""The most characters of an e-mail that are kept once masked."""


_NOT_NAME_WORDS = frozenset(
    "for the a an and your you all in advance help to za i w z dla pomoc с за и в вам вас "
    "помощь все".split()
)
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4}")
_DIGIT_RUN = re.compile(r"(?<![\w\[])\+?\d(?:[ \u00a0-]?\d){4,}(?![\w\]])")
_CODE = re.compile(r"(?<![\w\[])(?=(?:[\w/-]*\d){3})(?=[\w/-]*[^\W\d_])[^\W_][\w/-]{3,}(?![\w\]])")


def _value_span(m: re.Match[str]) -> tuple[int, int]:
    if "order" in m.re.groupindex:
        return m.span("order")
    return m.span(1) if m.re.groups else m.span(0)


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


def _mask_closing_name(body: str) -> str:
    """The sender's name at the very end of ``body`` masked, whatever its case.

    After a sign-off that ends the e-mail, one to three words are a name
    ("... Pozdrawiam, jan kowalski"); so is a name alone after the last
    sentence ("... for my mum? Kate").
    """
    from expander.email.clean import name_of_line, split_sign_off

    segments = [m for m in re.finditer(r"[^.!?\n]+[.!?]*", body) if m.group().strip()]
    if not segments:
        return body
    last = segments[-1]
    if len(segments) > 1 and name_of_line(last.group().strip()):
        start = last.start() + len(last.group()) - len(last.group().lstrip())
        return body[:start] + "[name]"  # "... for my mum? Kate"
    signed = split_sign_off(last.group().strip())
    if not signed or not signed[1]:
        return body
    words = signed[1].rstrip(".!").split()
    if not 1 <= len(words) <= 3 or not all(w.replace("-", "").isalpha() for w in words):
        return body
    if any(w.casefold() in _NOT_NAME_WORDS for w in words):
        return body  # "Thank you for help"
    return body[: last.start()] + last.group().rstrip()[: -len(signed[1])] + "[name]"


def mask_email(
    email: str, order_patterns: Sequence[str] = (), *, limit: int = MAX_EMAIL_CHARS
) -> str:
    """The customer's own words in ``email``, with personal data masked, on one line.

    Quotes, signature and headers are removed (:func:`~expander.email.clean.clean_email`);
    masked are every e-mail address and phone number, every name the e-mail
    gives (:func:`~expander.email.fields.find_names`, in inflected forms too:
    "Kowalskiego"; a name greeted, "Hi Tom,"), every order number the default
    or the pack's ``order_patterns`` find (not only the first), and any other
    long number or code (five digits or more, codes with three digits or more:
    parcels, accounts, cards). What is left is cut to ``limit`` characters.
    """
    from expander.email.clean import clean_email
    from expander.email.fields import (
        DEFAULT_ORDER_PATTERNS,
        extract_fields,
        find_names,
        mask_personal_data,
    )

    clean = clean_email(email)
    body = clean.body.strip()
    if not body:
        return ""
    fields = extract_fields(email, order_patterns, cleaned=clean)
    body = _mask_closing_name(body)
    masked = mask_personal_data(body, fields, find_names(cleaned=clean))
    spans: list[tuple[int, int]] = []
    for pattern in (*order_patterns, *DEFAULT_ORDER_PATTERNS):
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error:
            continue
        for m in compiled.finditer(masked):
            start, end = _value_span(m)
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
