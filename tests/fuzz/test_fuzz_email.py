"""Random e-mails through everything that reads one: ``clean_email``,
``extract_fields``, ``detect_language`` and ``mask_email`` never raise, within
the time and memory budget, whatever the text: HTML, quoted replies,
signatures, random unicode, bytes decoded with replacement, and long runs of
one token (where a regular expression that backtracks shows up).
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from expander.email.clean import clean_email
from expander.email.fields import extract_fields
from expander.email.language import detect_language
from expander.email.privacy import MAX_EMAIL_CHARS, mask_email
from tests.fuzz.conftest import FUZZ, TIMEOUT, bounded

pytestmark = [pytest.mark.slow, pytest.mark.timeout(TIMEOUT)]

_LINES = [
    "Hi Anna,",
    "Dzień dobry Panie Janie,",
    "Здравствуйте, Иван!",
    "Where is my order #123456? It was due on 2026-01-02.",
    "Zamówienie nr PL-2024-0042 nie dotarło, tel. +48 601 234 567.",
    "Мой заказ № 778899 не пришёл, телефон 8 (916) 123-45-67.",
    "My name is Priya Patel and my email is priya.patel@example.com",
    "Thanks, Priya",
    "Best regards,",
    "Pozdrawiam,\nJan Kowalski",
    "С уважением,\nИван Петров",
    "--",
    "-- ",
    "Sent from my iPhone",
    "John Smith | Sales Manager | Acme Ltd | +44 1632 960001",
    "On Mon, 5 Jan 2026 at 10:00, Support <help@shop.example> wrote:",
    "W dniu 5.01.2026 o 10:00 Sklep <sklep@example.pl> pisze:",
    "5 янв. 2026 г., в 10:00, Магазин <shop@example.ru> написал(а):",
    "-----Original Message-----",
    "From: Anna Nowak <anna@example.com>",
    "Subject: Re: Order 123456",
    "To: support@shop.example",
    "> Your order has shipped.",
    ">> > nested quote",
    "P.S. the box was damaged",
    "CONFIDENTIALITY NOTICE: this e-mail is confidential.",
    "",
    " ",
]
_HTML = [
    "<html><head><style>p {color: red}</style></head><body>",
    "</body></html>",
    "<p>",
    "</p>",
    "<br>",
    "<br/>",
    "<div>",
    "</div>",
    '<blockquote type="cite">',
    "</blockquote>",
    '<div class="gmail_quote">',
    "<script>alert(1)</script>",
    "<!-- a comment -->",
    "<!--",
    "&nbsp;&amp;&lt;&gt;&#1078;&#x41;&bogus;&#99999999;",
    "<a href='mailto:x@y.z'>x@y.z</a>",
    "<table><tr><td>cell</td></tr></table>",
    "<",
    ">",
    "<p class=",
    "<ul><li>one<li>two</ul>",
    "<![CDATA[ x ]]>",
    "<?xml version='1.0'?>",
]
# Tokens whose long runs test the regular expressions for backtracking.
_RUN_TOKENS = [
    "a",
    "1",
    "1 ",
    "1-",
    "+1 ",
    "a1",
    "Ab ",
    "@",
    "a@",
    ".",
    "#",
    "-",
    "> ",
    "<p>",
    "\n",
]

_unicode = st.text(st.characters(codec="utf-8"), max_size=60)
_replaced = st.binary(max_size=120).map(lambda b: b.decode("utf-8", "replace"))
_runs = st.builds(
    lambda token, count: token * count, st.sampled_from(_RUN_TOKENS), st.integers(1, 3000)
)
_pieces = st.one_of(st.sampled_from(_LINES), st.sampled_from(_HTML), _unicode, _replaced, _runs)
emails = st.lists(_pieces, max_size=16).flatmap(
    lambda parts: st.sampled_from(["\n", "", "\r\n", " "]).map(lambda sep: sep.join(parts))
)
"""An e-mail: lines and HTML pieces in any order, random text, long runs."""

_ORDER_PATTERNS = st.lists(
    st.sampled_from([r"#(\d{6})", r"(?P<order>[A-Z]{2}-\d{4}-\d{4})", r"\b\d{6}\b", r"x*"]),
    max_size=2,
)


@FUZZ
@given(email=emails, order_patterns=_ORDER_PATTERNS)
def test_a_random_email_is_read_and_masked_without_an_exception(
    email: str, order_patterns: list[str]
) -> None:
    def run() -> None:
        clean = clean_email(email)
        assert all(isinstance(part, str) for part in (clean.body, clean.signature, clean.quoted))
        fields = extract_fields(email, order_patterns)
        assert all(isinstance(v, str) and v for v in fields.values())
        assert detect_language(email) in (None, "en", "pl", "ru")
        masked = mask_email(email, order_patterns)
        assert len(masked) <= MAX_EMAIL_CHARS
        assert "\n" not in masked

    bounded(run, memory_mib=64)


@FUZZ
@given(text=_unicode | _replaced | st.text(max_size=2000))
def test_random_text_is_read_and_masked_without_an_exception(text: str) -> None:
    def run() -> None:
        clean_email(text)
        extract_fields(text)
        detect_language(text)
        mask_email(text)

    bounded(run, memory_mib=32)


# Long runs of one token, up to 30,000 characters (a pasted URL, base64, a
# table of numbers): the CPU budget catches a regular expression that takes
# quadratic time. Finding 3 (fixed in clean.py): "a-1" * 10_000 took 8 s in
# clean_email's contact pattern, and mask_email's code pattern ("1/" * 15_000
# took 16 s).


# Up to 30,000 characters under tracemalloc take about 1.5 s where they are linear
# (up to 3 s of CPU since masking reads the kept text twice); the quadratic cases
# found took 8-16 s without it.
@FUZZ
@example(token="a-1", length=30_000)
@given(
    token=st.sampled_from([*_RUN_TOKENS, "a-1", "1/", "-a", "Ab-", "a |"]),
    length=st.integers(1, 30_000),
)
def test_a_long_run_of_one_token_is_read_within_the_budget(token: str, length: int) -> None:
    text = (token * (length // len(token) + 1))[:length]

    def run() -> None:
        clean_email(text)
        extract_fields(text)
        detect_language(text)
        mask_email(text)

    bounded(run, memory_mib=64, cpu_seconds=6)
