"""Reading a customer's e-mail: HTML to text, quotes and signatures, language,
names and fields, and the one personal-data masker for everything kept or shared.

Pure: no desktop library, no model. Everything here works on ``str``.

Modules, each importing only those above it: ``folding`` (text folded for
matching), ``html`` (HTML to text), ``signoffs`` (sign-off phrases),
``language`` (:func:`detect_language`), ``names`` (every rule about people's
names), ``clean`` (:func:`clean_email`: quotes, signatures, headers),
``fields`` (:func:`extract_fields`: name, order, e-mail, phone), ``privacy``
(:func:`mask_email`, the masker), ``autoreply`` and ``noncustomer`` (mail no
canned reply answers: out-of-office notes; job applications, press, phishing).
The names below are the package's API; the other public names of those modules
serve the package's own modules.
"""

from __future__ import annotations

from expander.email.clean import CleanEmail, clean_email
from expander.email.fields import (
    DEFAULT_ORDER_PATTERNS,
    CustomerFields,
    extract_fields,
    find_emails,
    find_names,
    find_phones,
)
from expander.email.html import html_to_text
from expander.email.language import detect_language
from expander.email.namelines import leading_name, name_of_line, signed_name
from expander.email.privacy import MAX_EMAIL_CHARS, mask_email
from expander.email.signoffs import SIGN_OFFS, split_sign_off

__all__ = [
    "DEFAULT_ORDER_PATTERNS",
    "MAX_EMAIL_CHARS",
    "SIGN_OFFS",
    "CleanEmail",
    "CustomerFields",
    "clean_email",
    "detect_language",
    "extract_fields",
    "find_emails",
    "find_names",
    "find_phones",
    "html_to_text",
    "leading_name",
    "mask_email",
    "name_of_line",
    "signed_name",
    "split_sign_off",
]
