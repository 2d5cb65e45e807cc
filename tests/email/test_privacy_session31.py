"""Personal data in disguised forms (session 31): invisible format characters,
digits of other scripts and widths, HTML character references, quoted-printable
bodies, numbers broken over lines or grouped with other signs, addresses
written "anna [at] x [dot] pl", link escapes, the rest of a phone a pass took a
part of, card security codes and PINs. Each is masked, the look-alikes that are
no personal data are kept, and hostile inputs stay linear."""

from __future__ import annotations

import re
import stat
import unicodedata
from pathlib import Path

import pytest

from expander.email.fields import find_phones
from expander.email.privacy import mask_email
from expander.suggest.learning import LearnedExamples

CARD = "4532 0151 1283 0366"


def _no_digits_of(value: str, masked: str) -> None:
    """No group of three digits or more of ``value`` is left in ``masked``."""
    for group in re.findall(r"\d{3,}", value):
        assert group not in re.sub(r"\D", "", masked) or len(group) < 3, (group, masked)


@pytest.mark.parametrize(
    "sep",
    ["\u200e", "\u200f", "\u202a", "\u2066", "\ufe0f", "\u2063", "\u061c", "\U000e0020"],
    ids=["lrm", "rlm", "lre", "lri", "vs16", "invisible-sep", "alm", "tag"],
)
def test_a_card_split_by_an_invisible_format_character_is_masked(sep: str) -> None:
    card = CARD.replace(" ", sep)
    assert mask_email(f"My card {card} was charged twice.") == "My card [card] was charged twice."
    iban = "PL61 1090 1014 0000 0712 1981 2874".replace(" ", sep)
    assert mask_email(f"Refund to {iban} please.") == "Refund to [iban] please."


@pytest.mark.parametrize(
    ("digits", "label"),
    [
        ("０１２３４５６７８９", "fullwidth"),
        ("٠١٢٣٤٥٦٧٨٩", "arabic-indic"),
        ("۰۱۲۳۴۵۶۷۸۹", "persian"),
        ("०१२३४५६७८९", "devanagari"),
        ("𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "math-bold"),
    ],
)
def test_digits_of_other_scripts_and_widths_are_read_as_digits(digits: str, label: str) -> None:
    def spell(text: str) -> str:
        return "".join(digits[int(ch)] if ch.isdigit() else ch for ch in text)

    assert mask_email(f"My card {spell(CARD)} was charged.") == "My card [card] was charged.", label
    assert mask_email(f"Call me on {spell('+44 20 7946 0958')} please.") == (
        "Call me on [phone] please."
    )


def test_fullwidth_letters_and_signs_are_read_plainly() -> None:
    iban = "ＰＬ６１ １０９０ １０１４ ００００ ０７１２ １９８１ ２８７４"
    assert mask_email(f"Refund to {iban} thanks.") == "Refund to [iban] thanks."
    assert mask_email("Write to anna＠example．pl please.") == "Write to [email] please."
    assert mask_email("My phone ⑥⓪①②③④⑤⑥⑦ please") == "My phone [phone] please"
    # a sign that reads as a word stays: "№" is not "No"
    assert mask_email("Zakaz № 12 nie doszedł.") == "Zakaz № 12 nie doszedł."


def test_marks_on_digits_are_taken_off() -> None:
    card = "4\u03015\u0301" + CARD[2:] + "\u20e3"
    assert mask_email(f"My card {card} was charged.") == "My card [card] was charged."


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("My card 4532&nbsp;0151&nbsp;1283&nbsp;0366 was charged.", "My card [card] was charged."),
        ("My card &#52;532 0151 1283 0366 was charged.", "My card [card] was charged."),
        ("My card 4532&#x20;0151&#x20;1283&#x20;0366 was charged.", "My card [card] was charged."),
        ("Write to anna&#64;example.pl please.", "Write to [email] please."),
        ("Write to anna&commat;example.pl please.", "Write to [email] please."),
        ("Hello, my name is Zo&euml; Smith and my parcel is late.",
         "Hello, my name is [full_name] and my parcel is late."),
        # an HTML e-mail: its references are decoded by the HTML converter
        ("<p>My card 4532&nbsp;0151&nbsp;1283&nbsp;0366 was charged.</p>",
         "My card [card] was charged."),
        # kept: references that hide nothing
        ("R&amp;D and AT&T &amp; co", "R&D and AT&T & co"),
    ],
)  # fmt: skip
def test_character_references_are_decoded(email: str, masked: str) -> None:
    assert mask_email(email) == masked


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("Write to anna.kowal=\nska@example.pl please.", "Write to [email] please."),
        ("My card 4532 0151 1283 03=\n66 was charged.", "My card [card] was charged."),
        ("My card 45320151=\n12830366 was charged.", "My card [card] was charged."),
        ("Refund to PL61 1090 1014 0000 0712 19=\n81 2874 please.", "Refund to [iban] please."),
        ("Dzie=C5=84 dobry, karta 4532=200151=201283=200366 zosta=C5=82a obci=C4=85=C5=BCona.",
         "Dzień dobry, karta [card] została obciążona."),
        ("Dzie=C5=84 dobry, nazywam si=C4=99 =C5=81ucja =C5=BB=C3=B3=C5=82kiewska, gdzie paczka?",
         "Dzień dobry, nazywam się [full_name], gdzie paczka?"),
        # no quoted-printable: an "=" in a sentence stays
        ("Is size=42 the same as 2+2=4?", "Is size=42 the same as 2+2=4?"),
    ],
)  # fmt: skip
def test_a_quoted_printable_body_is_decoded(email: str, masked: str) -> None:
    assert mask_email(email) == masked


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("My card 4532 0151 1283\n0366 was charged.", "My card [card] was charged."),
        ("My card 4532 0151\n1283 0366 was charged.", "My card [card] was charged."),
        ("Call me on 601 234\n567 please.", "Call me on [phone] please."),
        ("Call me on +44 20\n7946 0958 please.", "Call me on [phone] please."),
        ("Refund to GB82 WEST\n1234 5698 7654 32 please.", "Refund to [iban] please."),
        ("Refund to PL61 1090 1014\n0000 0712 1981 2874 please.", "Refund to [iban] please."),
    ],
)
def test_a_number_broken_over_two_lines_is_masked_whole(email: str, masked: str) -> None:
    assert mask_email(email) == masked


@pytest.mark.parametrize("sep", ["·", "•", ",", ":", "*", "|", " | ", " · ", "'", "~"])
def test_digit_groups_apart_by_other_signs_are_masked(sep: str) -> None:
    card = CARD.replace(" ", sep)
    assert mask_email(f"My card {card} was charged.") == "My card [card] was charged."
    if sep not in (",", "'"):  # "601,234,567" is written as an amount is: kept
        phone = "601 234 567".replace(" ", sep)
        assert mask_email(f"Proszę dzwonić {phone} dziękuję.").startswith("Proszę dzwonić [")


@pytest.mark.parametrize(
    "kept",
    [
        "I paid 1,234,567 PLN",
        "at 12:30:45 on Monday",
        "items 1,2,3,4,5,6,7 are missing",
        "On 12.05.2024,14:30 I paid",
        "a price of 1'234'567 CHF",
        "score 3:2, then 10:8",
    ],
)
def test_amounts_times_and_lists_with_other_signs_are_kept(kept: str) -> None:
    assert mask_email(f"{kept}, is that fine?") == f"{kept}, is that fine?"


@pytest.mark.parametrize(
    "address",
    [
        "anna [at] example [dot] pl",
        "anna(at)example(dot)pl",
        "anna (at) example.pl",
        "anna{at}example{dot}co{dot}uk",
        "anna at example dot pl",
        "anna AT example DOT com",
        "anna.kowalska małpa example kropka pl",
        "anna собака example точка ru",
        "anna . kowalska @ example . pl",
        "anna.kowalska @ example.pl",
        '"anna kowalska"@example.pl',
        "anna@[192.168.0.1]",
    ],
)
def test_an_address_written_to_escape_programs_is_masked(address: str) -> None:
    assert mask_email(f"Please write to {address} about the order.") == (
        "Please write to [email] about the order."
    )


@pytest.mark.parametrize(
    "kept",
    [
        "Please look at it. Thanks for checking",
        "I was at home all day, the courier did not ring",
        "We met at the shop dot by dot",  # no top-level domain after the last "dot"
        "Version 2 . 5 at least",
    ],
)
def test_words_like_at_and_dot_in_a_sentence_are_kept(kept: str) -> None:
    assert mask_email(kept) == kept


def test_a_plain_address_before_a_sentence_ends_where_it_ends() -> None:
    assert mask_email("Reply to Mary.Jones@Example.Com. Thanks") == "Reply to [email]. Thanks"


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("See https://x.pl/unsubscribe?email=anna%40example.pl thanks",
         "See https://x.pl/unsubscribe?email=[email] thanks"),
        ("See https://shop.example/pay?card=4532%200151%201283%200366 thanks",
         "See https://shop.example/pay?card=[card] thanks"),
        ("See https://shop.example/pay?card=4532+0151+1283+0366 thanks",
         "See https://shop.example/pay?card=[card] thanks"),
        ("My card 4532%200151%201283%200366 was charged", "My card [card] was charged"),
        # kept: a percent sign that escapes nothing
        ("We got 50% off, 100% sure", "We got 50% off, 100% sure"),
    ],
)  # fmt: skip
def test_escapes_in_links_are_undone(email: str, masked: str) -> None:
    assert mask_email(email) == masked


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("Tel. 022/123 45 67 please", "Tel. [number] please"),
        ("Call me at +48 (22) 123.45.67 please", "Call me at [number] please"),
        ("Call me at (22) 123.45.67 please", "Call me at [number] please"),
        # a count after a number stays
        ("Ticket 1234567 has 2 items", "Ticket [number] has 2 items"),
    ],
)
def test_no_part_of_a_phone_is_left_beside_its_label(email: str, masked: str) -> None:
    assert mask_email(email) == masked


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("Card ends 0366, CVV 123, is it safe?", "Card ends 0366, CVV [number], is it safe?"),
        ("CVC2: 456 and my PIN is 1234", "CVC2: [number] and my PIN is [number]"),
        ("kod CVV 987, PIN-kod 1234", "kod CVV [number], PIN-kod [number]"),
        ("код CVC 123, пин-код 4321", "код CVC [number], пин-код [number]"),
        ("I need 3 pins and 123 hooks", "I need 3 pins and 123 hooks"),
    ],
)
def test_a_card_security_code_and_a_pin_are_masked(email: str, masked: str) -> None:
    assert mask_email(email) == masked


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("Hello, my name is An\u00adna Kowal\u00adska and my parcel is late.",
         "Hello, my name is [full_name] and my parcel is late."),
        (unicodedata.normalize("NFD", "Dzień dobry, nazywam się Łucja Żółkiewska, gdzie paczka?"),
         "Dzień dobry, nazywam się [full_name], gdzie paczka?"),
        (unicodedata.normalize("NFD", "Где мой заказ? Спасибо, Йосиф Ёлкин"), "Где мой заказ?"),
        ("Hello, my name is Ａｎｎａ Ｋｏｗａｌｓｋａ, my parcel is late.",
         "Hello, my name is [full_name], my parcel is late."),
    ],
)  # fmt: skip
def test_a_name_in_a_disguised_form_is_masked(email: str, masked: str) -> None:
    assert mask_email(email) == masked


_N = 100_000
_HOSTILE = {
    "phone groups then a letter": "Tel. 022/123" + " 45" * (_N // 3) + "x",
    "spaced dots": "a . " * (_N // 4),
    "sentences": "Yes. No. " * (_N // 9),
    "worded at and dots": "a at a" + " dot a" * (_N // 6) + "@",
    "bracketed at": "a [at] a" + " [dot] a" * (_N // 8) + "@",
    "spaced at": "a @ a" + " . a" * (_N // 4) + "@",
    "at signs": "a @ " * (_N // 4),
    "colons": "1:" * (_N // 2) + "x",
    "bars": "11 | " * (_N // 5),
    "commas": "12," * (_N // 3) + "x",
    "references": "&#52;" * (_N // 5),
    "ampersands": "&" * _N,
    "link escapes": "http://x/?a=" + "%41" * (_N // 3),
    "percent signs": "%" * _N,
    "qp blanks": "=20" * (_N // 3),
    "qp soft breaks": "a=\n" * (_N // 3),
    "format characters": "1\u200e" * (_N // 2),
    "digits over lines": "1\n" * (_N // 2),
    "iban starts over lines": "GB82\n" * (_N // 5),
    "quotes": '"' * _N + "@x.pl",
    "marks on digits": "1\u0301" * (_N // 2),
    "cvv words": "CVV " * (_N // 4),
}


@pytest.mark.timeout(120)  # about 2 s of a core here; many minutes when quadratic
@pytest.mark.parametrize("text", _HOSTILE.values(), ids=_HOSTILE.keys())
def test_hostile_input_stays_linear(text: str) -> None:
    mask_email("Hello,\n" + text + "\nThanks")  # the timeout is the check, or an exception


@pytest.mark.timeout(60)  # 0.3 s of a core here; two minutes before
def test_find_phones_reads_a_run_that_is_no_phone_once() -> None:
    text = "Tel. 022/123" + " 45" * 30_000 + "x"
    assert list(find_phones(text)) == []
    assert [m.group() for m in find_phones("Call 601 234 567, or 601 234 567x")] == ["601 234 567"]


def test_a_learned_example_of_a_disguised_e_mail_keeps_no_personal_value(tmp_path: Path) -> None:
    email = (
        "Dzień dobry,\n\nmoja karta ４５３２ ０１５１ １２８３ ０３６６ została obciążona "
        "dwa razy.\nProszę o zwrot na konto PL61\u200e1090\u200e1014\u200e0000\u200e0712"
        "\u200e1981\u200e2874 albo GB82 WEST\n1234 5698 7654 32. Telefon: +48 (22) 123.45.67, "
        "e-mail: anna [at] kowalska [dot] pl albo anna.kowal=\nska@example.pl, "
        "karta 4532·0151·1283·0366, CVV 123.\n\nPozdrawiam,\nŁucja Żółkiewska\n"
    )
    store = LearnedExamples(tmp_path / "data" / "learned.jsonl")
    assert store.add("refund", email) is not None
    kept = store.path.read_text(encoding="utf-8")
    flat = re.sub(r"\D", "", kept)
    for value in ("4532", "0151", "1283", "0366", "1090", "1014", "2874", "5698", "7654", "4567"):
        assert value not in flat, value
    for word in ("WEST", "GB82", "PL61", "kowal", "Łucj", "Żółk", "example", "123.45"):
        assert word.lower() not in kept.lower(), word
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    "kept",
    [
        "Invoice date: 28/11/2026\n1 x Mug, 2 x Plate",
        "Tea towels ❤️ and 2 500 m² of garden",
        "I run the profile @anna.k.home on Instagram",
        "Order No. 12\n2 x Mug",
    ],
)
def test_look_alikes_of_the_disguises_are_kept(kept: str) -> None:
    assert mask_email(kept) == " ".join(kept.split())
