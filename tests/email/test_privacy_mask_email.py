"""The one masker, :func:`expander.email.privacy.mask_email`, on whole e-mails: what the
usage store keeps of an unanswered e-mail and what a learned example keeps."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expander.email.privacy import mask_email

MASKING = [
    pytest.param(
        "Hello, this is Ruth Adams. The case you sent fits a different phone model.\n\n"
        "Thanks,\nRuth",
        "Hello, this is [full_name]. The case you sent fits a different phone model.",
        id="en: a surname given only in the body, the sign-off has the first name",
    ),
    pytest.param(
        "From: Anna Kowalska <anna.k@wp.pl>\n\nHello,\nmy order #48213 and order 55120-B never "
        "came. Call 601 234 567 or +48 22 123 45 67, or write to anna.k@wp.pl.\n\n"
        "Thanks,\nAnna Kowalska\nul. Długa 5, 00-001 Warszawa",
        "Hello, my order #[order] and order [order] never came. Call [phone] or [phone], or "
        "write to [email].",
        id="en: From header, orders, phones, e-mail, signature",
    ),
    pytest.param(
        "Dzień dobry Panie Tomku,\nnazywam się Jan Kowalski. Zamówienie nr ZAM-2024-88123 nie "
        "dotarło. Proszę o kontakt: jan.kowalski@gmail.com lub 601-234-567. Pana Kowalskiego "
        "nie ma w domu.\n\nPozdrawiam\nJan Kowalski",
        "Dzień dobry Panie [name], nazywam się [full_name]. Zamówienie nr [order] nie dotarło. "
        "Proszę o kontakt: [email] lub [phone]. Pana [name] nie ma w domu.",
        id="pl: greeting, introduction, inflected surname",
    ),
    pytest.param(
        "Здравствуйте, Мария!\nМеня зовут Петрова Анна Сергеевна, заказ № 77-1932 не пришёл. "
        "Мой телефон +7 (912) 345-67-89. Анны Петровой нет дома.\n\nС уважением,\nАнна",
        "Здравствуйте, [name]! Меня зовут [full_name], заказ № [order] не "
        "пришёл. Мой телефон [phone]. [name] [name] нет дома.",
        id="ru: greeting, full name with patronymic, inflections",
    ),
    pytest.param(
        "Do you offer gift wrapping? Thanks, Tom Smith",
        "Do you offer gift wrapping?",
        id="a sign-off and a name on the same line",
    ),
    pytest.param(
        "Hi, Kate here again. Can I buy a gift card? Thanks, Kate",
        "Hi, [full_name] here again. Can I buy a gift card?",
        id="the signed name wherever else it appears",
    ),
    pytest.param(
        "Can I buy a gift card for my mum? Kate",
        "Can I buy a gift card for my mum? [name]",
        id="a name alone after the last sentence",
    ),
    pytest.param(
        "czy sklep jest otwarty w niedzielę? pozdrawiam, jan kowalski",
        "czy sklep jest otwarty w niedzielę? pozdrawiam, [name]",
        id="a name in lower case after the closing sign-off",
    ),
    pytest.param(
        "My card 4111 1111 1111 1111 was charged twice, parcel PX1234567890PL and account "
        "PL61109010140000071219812874.",
        "My card [card] was charged twice, parcel [order] and account [iban].",
        id="cards, accounts, the pack's own parcel number format",
    ),
    pytest.param(
        "I ordered on 2026-03-12 and paid 1500 PLN for 3 items, code SPRING20.",
        "I ordered on 2026-03-12 and paid 1500 PLN for 3 items, code SPRING20.",
        id="dates, amounts, quantities and short codes are kept",
    ),
]


@pytest.mark.parametrize(("email", "expected"), MASKING)
def test_every_kind_of_personal_data_is_masked(email: str, expected: str) -> None:
    assert mask_email(email, (r"\bPX\d{10}PL\b",)) == expected


def test_masking_drops_quotes_and_signatures() -> None:
    email = (
        "Where is my parcel?\n\n-- \nRuth Adams | ACME Ltd | +44 20 7946 0958\n\n"
        "On Mon, 4 Mar 2024, Shop <help@shop.example> wrote:\n> Hello Ruth, order 48213 ships."
    )
    assert mask_email(email) == "Where is my parcel?"


# --- a property: no seeded value of any kind survives ----------------------------------

QUESTIONS = [
    "Hello, where is my parcel?",
    "I ordered a blue lamp on 12.03.2024 and it has not arrived.",
    "Can I return the chair I bought for 49.99 EUR?",
    "Could you deliver it on Friday at 10:30?",
    "Dzień dobry, kiedy wyślecie zamówienie?",
    "Zapłaciłam 249,99 zł za dwie sukienki.",
    "Czy mogę zmienić adres dostawy?",
    "Здравствуйте, когда придёт посылка?",
    "Я заплатил 2 500 руб. 3 июня.",
    "Можно ли вернуть товар?",
]


def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (1 if i % 2 else 2)
        total += d - 9 if d > 9 else d
    return str(-total % 10)


def _iban(country: str, bban: str) -> str:
    number = int("".join(str(int(ch, 36)) for ch in bban + country + "00"))
    return f"{country}{98 - number % 97:02d}{bban}"


def _grouped(value: str, spaced: bool, size: int = 4) -> str:
    return " ".join(value[i : i + size] for i in range(0, len(value), size)) if spaced else value


DIGITS = st.text("0123456789", min_size=1, max_size=1)


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


@st.composite
def _card(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["4", "51", "55", "2221", "6011"]))
    body = prefix + draw(_digits(15 - len(prefix)))
    number = body + _luhn_digit(body)
    separator = draw(st.sampled_from([" ", "-", ""]))
    return separator.join(number[i : i + 4] for i in range(0, 16, 4))


@st.composite
def _iban_value(draw: st.DrawFn) -> str:
    country, letters, digits = draw(
        st.sampled_from([("GB", 4, 14), ("PL", 0, 24), ("DE", 0, 18), ("FR", 0, 23), ("NL", 4, 10),
                         ("ES", 0, 20), ("CH", 0, 17), ("UA", 0, 25), ("NO", 0, 11)])
    )  # fmt: skip
    bban = draw(st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=letters, max_size=letters))
    return _grouped(_iban(country, bban + draw(_digits(digits))), draw(st.booleans()))


@st.composite
def _nrb(draw: st.DrawFn) -> str:
    digits = _iban("PL", draw(_digits(24)))[2:]
    return digits[:2] + " " + _grouped(digits[2:], True) if draw(st.booleans()) else digits


@st.composite
def _pesel(draw: st.DrawFn) -> str:
    year = draw(st.integers(0, 99))
    month = draw(st.integers(1, 12)) + draw(st.sampled_from([0, 20]))
    body = f"{year:02d}{month:02d}{draw(st.integers(1, 28)):02d}{draw(_digits(4))}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    return body + str(-sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 10)


STREETS = st.sampled_from(["Rosewood", "Mill", "Station", "Kwiatowa", "Długa", "Ленина", "Мира"])
CITIES = st.sampled_from(["Bristol", "Leeds", "Warszawa", "Kraków", "Москва", "Казань"])


def _fmt(template: str, *parts: st.SearchStrategy[object]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map(lambda values: template.format(*values))


SEEDED = st.one_of(
    _card(),
    _iban_value(),
    _nrb(),
    _pesel(),
    _fmt("account 408{}", _digits(17)),
    _fmt("БИК 04{}", _digits(7)),
    _fmt("ИНН {}", _digits(12)),
    _fmt("NIP {}-{}-{}-{}", _digits(3), _digits(3), _digits(2), _digits(2)),
    _fmt("sort code {}-{}-{}, account {}", _digits(2), _digits(2), _digits(2), _digits(8)),
    _fmt("{}{} {}{}{} {}", st.sampled_from(["AB", "QQ", "JG", "ZX"]), _digits(2), _digits(2),
         _digits(2), _digits(2), st.sampled_from("ABCD")),
    _fmt("{}-{}-{} {}", _digits(3), _digits(3), _digits(3), _digits(2)),
    _fmt("паспорт {} {} {}", _digits(2), _digits(2), _digits(6)),
    _fmt("{} {} Road, {} {}{} {}{}", st.integers(1, 999), STREETS, CITIES,
         st.sampled_from(["BS", "LS", "M", "SW"]), st.integers(1, 99), DIGITS,
         st.sampled_from(["AA", "DJ", "XE"])),
    _fmt("ul. {} {}/{}, {}-{} {}", STREETS, st.integers(1, 200), st.integers(1, 99),
         _digits(2), _digits(3), CITIES),
    _fmt("г. {}, ул. {}, д. {}, кв. {}", CITIES, STREETS, st.integers(1, 200),
         st.integers(1, 300)),
    _fmt("{}-{} {}", _digits(2), _digits(3), CITIES),
)  # fmt: skip


def _secrets(value: str) -> list[str]:
    """The parts of a seeded value that must not survive: the value, its
    number without the keyword, the street and house number of an address."""
    number = re.sub(r"^(?:account|БИК|ИНН|NIP|sort code|паспорт)\s+", "", value)
    found = [value, number]
    found += re.findall(r"\d+/\d+|(?<=ul\. )\w+|(?<=ул\. )\w+|\d+ \w+ Road|д\. \d+|кв\. \d+", value)
    return found


@settings(max_examples=200, deadline=timedelta(seconds=2))
@given(
    parts=st.lists(st.tuples(st.sampled_from(QUESTIONS), SEEDED), min_size=1, max_size=5),
    spacing=st.sampled_from([" ", "\n", "\n\n"]),
)
def test_no_seeded_value_survives_masking(parts: list[tuple[str, str]], spacing: str) -> None:
    text = spacing.join(f"{question} {value}." for question, value in parts)
    questions = re.sub(r"[\s-]", "", " ".join(q for q, _ in parts))
    masked = mask_email(text, limit=10**6)
    compact = re.sub(r"[\s-]", "", masked)
    for _, value in parts:
        for secret in _secrets(value):
            assert secret not in masked, masked
            digits = re.sub(r"\D", "", secret)
            if len(digits) >= 4 and digits not in questions:
                assert digits not in compact, masked
