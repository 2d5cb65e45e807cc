"""Session 25: "bike" is not the bank code BIK (orders._NOT_ORDER_CONTEXT), which the
order number's context rule took it for, so no order near a bike was ever found."""

from __future__ import annotations

import pytest

from expander import extract_fields


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Order for my new bike: 40981, has it shipped?", "40981"),
        ("Bike 40981 still not here, where is it?", "40981"),
        ("my bikes order 55120 has not arrived", "55120"),
        # the bank code itself still names no order; the order beside it is found
        ("BIK 044525225, заказ 55120", "55120"),
        ("Реквизиты: БИК 044525225", ""),
        ("BIK: 044525225", ""),
    ],
)
def test_a_bike_is_no_bank_code(text: str, order: str) -> None:
    assert extract_fields(text).get("order", "") == order
