"""Shorthands for the field-class tests: the one field a case is about."""

from __future__ import annotations

from expander import extract_fields

__all__ = ["name_of", "order_of"]


def order_of(text: str) -> str:
    """The order number found in ``text``, "" for none."""
    return extract_fields(text).get("order", "")


def name_of(text: str) -> str:
    """The customer's first name found in ``text``, "" for none."""
    return extract_fields(text).get("name", "")
