"""The masker, :func:`expander.email.privacy.mask_email`, on what a review found it
slow on or leaving unmasked: long runs of "-", "/" and "_"; cards, IBANs and phones
whose digit groups are apart by something other than one space or hyphen; an e-mail
address with capitals at the end of the text."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expander.email import privacy
from expander.email.privacy import mask_email

# --- long runs of "-", "/" and "_" ---------------------------------------------------

# The code pattern before it was made linear, to compare what the two find.
_QUADRATIC_CODE = re.compile(
    r"(?<![\w\[/-])[/_-]*"
    r"(?P<code>(?=(?:[\w/-]*\d){3})(?=[\w/-]*[^\W\d_])[^\W_][\w/-]{3,})(?![\w\]])"
)

CODE_TEXTS = [
    "My parcel AB-12345 never came.",
    "Invoice ZK/2024/118 is wrong, and so is ZK/2024/119.",
    "The file x_1_2_3 and the code --AB12-34 are both broken.",
    "Ticket /_-A1B2C3 was closed; ticket [number] too.",
    "Kod odbioru: PL-2024-AA-9 (zamówienie 12345).",
    "Код заказа ЯК-77-1932-Б, трек RR123456785RU.",
    "Ref AB12, ref A1B2, ref ABC-1-2-3] and A-1-2-3-].",
    "Size 38/40, 10-15 pcs, 2024-05-12, v1.2.3, 12:30, ab_cd_ef-gh/ij.",
    "__init__ x1y2z3_ _x1y2z3 -x1y2z3- /x1y2z3/ [x1y2z3] x1y2z3]",
    "Mixed: 1a2b3c, a1/b2/c3, 1-2-3-a, a-1-2-3, 1_2_3_a, 12345a, a12345.",
    "hi " + "-" * 300,
    "hi " + "/_" * 150 + "AB123",
    "hi " + "_" * 300 + " x1y2z3",
    "hi " + "-/" * 150 + "1" * 3,
    "a1/" * 100 + "]",
    "Runs: " + " ".join("-" * n + "AB" + "1" * n for n in range(6)),
]


@pytest.mark.parametrize("text", CODE_TEXTS)
def test_the_code_pattern_finds_what_it_found_before(text: str) -> None:
    old = [m.span("code") for m in _QUADRATIC_CODE.finditer(text)]
    assert [m.span("code") for m in privacy._CODE.finditer(text)] == old


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="aZé19_-/[] .\n", max_size=24))
def test_the_code_pattern_finds_what_it_found_before_on_any_text(text: str) -> None:
    old = [m.span("code") for m in _QUADRATIC_CODE.finditer(text)]
    assert [m.span("code") for m in privacy._CODE.finditer(text)] == old


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "run",
    ["-", "/", "_", "-/_", "/_", "_-"],
    ids=["dashes", "slashes", "underscores", "mixed", "slash-underscore", "underscore-dash"],
)
def test_a_run_of_separators_stays_linear(run: str) -> None:
    """ "Hello, where is my refund? " and 30,000 "-" took 20 s of CPU to mask, and
    twice the run four times as long: the code pattern gave the leading "-" back
    one at a time and read the rest of the run again each time. CPU time of this
    process, and a factor of 8 for four times the run (a quadratic path takes
    sixteen times as long), as in test_fields.test_pathological_input_stays_linear."""
    once = _best_seconds(run, 5_000)
    four_times = _best_seconds(run, 20_000)
    assert four_times < 8 * once + 0.05, f"{once:.3f} s, then {four_times:.3f} s for 4x the run"


def _best_seconds(run: str, length: int) -> float:
    """The shortest of three runs of :func:`mask_email` on a question with ``run``
    repeated to ``length`` characters in it, in CPU seconds of this process."""
    text = "Hello, where is my refund? " + (run * length)[:length] + " thanks"
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        mask_email(text)
        best = min(best, time.process_time() - start)
    return best


# --- an e-mail address with capitals -------------------------------------------------


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        (
            "Where is my order? Contact me at John.Smith@Gmail.Com",
            "Where is my order? Contact me at [email]",
        ),
        ("Hello,\nwrite to ANNA.KOWALSKA@EXAMPLE.COM", "Hello, write to [email]"),
        ("Where is it? jan.kowalski@ONET.PL", "Where is it? [email]"),
        ("Where is my parcel?\nJohn.Smith@Gmail.Com", "Where is my parcel? [email]"),
        (
            "Please reply to JOHN@EXAMPLE.CO.UK, not to Mary.Jones@Example.Com. Thanks",
            "Please reply to [email], not to [email]. Thanks",
        ),
        ("My order 12345 is late, mail ANNA@GMAIL.COM", "My order [order] is late, mail [email]"),
        (
            "Kate.Smith@Gmail.Com wrote twice, is it in stock?",
            "[email] wrote twice, is it in stock?",
        ),
        # a closing name after the address is still masked, or dropped as a signature
        ("Is it in stock? Write to anna@x.pl. Anna", "Is it in stock? Write to [email]. [name]"),
        ("Is it in stock? Write to Anna.K@Wp.Pl. Anna", "Is it in stock? Write to [email]. [name]"),
        (
            "Where is my order? Write to me at anna@x.pl\nAnna",
            "Where is my order? Write to me at [email]",
        ),
        (
            "Where is my order? Write to me at Anna.K@Wp.Pl\nAnna Kowalska",
            "Where is my order? Write to me at [email]",
        ),
        (
            "Can I change the address? Write to TOM@X.COM\n\nThanks,\nTom",
            "Can I change the address? Write to [email]",
        ),
    ],
)
def test_an_address_with_capitals_is_masked_whole(email: str, masked: str) -> None:
    """The closing name was looked for before addresses were masked, and "Com" of
    "...@Gmail.Com" at the end of the text taken for one: "John.Smith@Gmail.[name]"."""
    assert mask_email(email) == masked
