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
    ["-", "/", "_", "-/_", "/_", "_-", "1.", "1/", "a.", "PL61_", "].1"],
    ids=[
        "dashes",
        "slashes",
        "underscores",
        "mixed",
        "slash-underscore",
        "underscore-dash",
        "digits-dots",
        "digits-slashes",
        "letters-dots",
        "iban-start-underscores",
        "label-dot-digit",
    ],
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


# --- digit groups apart by other blanks, dashes, ".", "/" or "_" ---------------------

_SEPARATORS = {
    "two spaces": "  ",
    "U+202F": "\u202f",
    "U+2009": "\u2009",
    "U+3000": "\u3000",
    "tab and spaces": " \t ",
    "en dash": "–",
    "figure dash": "‒",
    "U+2010": "\u2010",
    "minus": "\u2212",
    "soft hyphen": "\u00ad",
    "zero-width space": "\u200b",
    "dot": ".",
    "slash": "/",
    "underscore": "_",
}
_NUMBERS = [
    ("My card {} was charged twice.", ["4111", "1111", "1111", "1111"], "[card]"),
    ("My card {} was charged twice.", ["5500", "0000", "0000", "0004"], "[card]"),
    (
        "Please refund to {} today.",
        ["PL61", "1090", "1014", "0000", "0712", "1981", "2874"],
        "[iban]",
    ),
    ("Please refund to {} today.", ["GB29", "NWBK", "6016", "1331", "9268", "19"], "[iban]"),
    ("Please call me on {}, I am home.", ["601", "234", "567"], "[phone]"),
    ("Please call me on {}, I am home.", ["+48", "601", "234", "567"], "[phone]"),
]


@pytest.mark.parametrize("separator", _SEPARATORS.values(), ids=_SEPARATORS.keys())
@pytest.mark.parametrize(("sentence", "groups", "label"), _NUMBERS)
def test_a_number_in_groups_is_masked_whatever_parts_them(
    separator: str, sentence: str, groups: list[str], label: str
) -> None:
    """Only one space, a no-break space, a tab or a hyphen between the groups was
    known: with any other separator the number was kept, and read like one
    written with spaces once the blanks were joined."""
    masked = mask_email(sentence.format(separator.join(groups)))
    assert masked == sentence.format(label), masked


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        # Luhn-valid or not, five digits or more in groups are a number, as with spaces
        ("Card 4111.1111.1111.1112, charged.", "Card [number], charged."),
        ("The code 123.456.78 and 12/34/56/78 came?", "The code [number] and [number] came?"),
        ("Ticket 2024_05_12_3456 is open.", "Ticket [number] is open."),
        ("My IP is 192.168.1.10, blocked?", "My IP is [number], blocked?"),
        # what a detector took the start of: the rest is masked too
        (
            "Please pay to konto 1234.5678.9012.3456 today.",
            "Please pay to konto [account].[number] today.",
        ),
        ("Mój numer to 4405/1401/359, proszę o zwrot.", "Mój numer to [id], proszę o zwrot."),
        # an NRB in groups of four
        (
            "Nr rachunku: 61.1090.1014.0000.0712.1981.2874, dziękuję.",
            "Nr rachunku: [account], dziękuję.",
        ),
        # an order number with slashes is still the order
        ("My order 12345/2024 is late.", "My order [order] is late."),
        ("Order ZK/2024/118 is late.", "Order [order] is late."),
        # two spaces in a phone's first group, a card after a sentence's full stop
        ("Call +48  22  123  45  67.", "Call [phone]."),
        ("It was charged.4111.1111.1111.1111", "It was charged.[card]"),
        ("card 4111/1111/1111/1111, thanks", "card [card], thanks"),
    ],
)
def test_numbers_in_groups_with_dots_slashes_and_underscores(email: str, masked: str) -> None:
    assert mask_email(email) == masked


@pytest.mark.parametrize(
    "kept",
    [
        "12.05.2024",
        "12/05/2024",
        "2024/05/12",
        "2024.05.12",
        "5/12/24",
        "05/2024",
        "2023/2024",
        "12.05.2024, 14:30",
        "12.05.2024,14:30",
        "1.234,56 zł",
        "1,234.56 USD",
        "1.299.000,00 zł",
        "12.345 zł",
        "1.234.567 PLN",
        "€12.30",
        "1/2 of it",
        "sizes 38/40/42",
        "v1.2.3",
        "10-15 pcs",
        "24/7",
    ],
)
def test_dates_and_amounts_in_groups_are_kept(kept: str) -> None:
    assert mask_email(f"On {kept} I paid, is that fine?") == f"On {kept} I paid, is that fine?"


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("12–05–2024", "12-05-2024"),
        ("10–15 pcs", "10-15 pcs"),
        ("1 234,56\u202fzł", "1 234,56 zł"),
        ("Monday–Friday — or not", "Monday-Friday — or not"),
    ],
)
def test_a_dash_between_digits_or_letters_is_kept_as_a_hyphen(written: str, kept: str) -> None:
    """The masker keeps one line of words apart by single spaces; a dash that
    joins two words or numbers is now a hyphen there, one between words stays."""
    assert mask_email(f"On {written} I paid, is that fine?") == f"On {kept} I paid, is that fine?"


def test_a_name_written_with_unusual_blanks_is_masked_whole() -> None:
    email = "Hello, this is Ruth\u202fAdams. Is the case in stock?\n\nThanks,\nRuth"
    assert mask_email(email) == "Hello, this is [full_name]. Is the case in stock?"


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        (
            "Is the blue jacket in stock? Write to me at anna@x.pl Anna",
            "Is the blue jacket in stock? Write to me at [email] [name]",
        ),
        ("Write to me at anna@x.pl Anna Nowak.", "Write to me at [email] [name]"),
        ("Где заказ? Напишите на anna@x.ru Анна", "Где заказ? Напишите на [email] [name]"),
        ("Is it in stock? Write to me, thanks Anna", "Is it in stock? Write to me, thanks [name]"),
        (
            "Czy jest w magazynie? Napiszcie, pozdrawiam Kasia",
            "Czy jest w magazynie? Napiszcie, pozdrawiam [name]",
        ),
        # not names: a word in lower case, a sign-off, a clause without a sign-off
        ("Send it to me at anna@x.pl asap", "Send it to me at [email] asap"),
        ("Send it to me at anna@x.pl Thanks", "Send it to me at [email] Thanks"),
        ("Is it in stock? Write to me, thanks", "Is it in stock? Write to me, thanks"),
        (
            "Where is it? I paid, I waited, I wrote twice",
            "Where is it? I paid, I waited, I wrote twice",
        ),
    ],
)
def test_a_name_signed_on_the_last_line_of_text_is_masked(email: str, masked: str) -> None:
    """The review of session 30: "... at anna@x.pl Anna" and "..., thanks Anna" kept
    the name (a sign-off or an address on the same line as the text)."""
    assert mask_email(email) == masked
