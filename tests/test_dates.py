from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expander.dates import check_format, format_date, shift, supported_language

FRI = dt.date(2026, 11, 20)
SAT = dt.date(2026, 11, 21)


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        (FRI, 1, dt.date(2026, 11, 23)),  # Friday + 1 working day = Monday
        (FRI, 2, dt.date(2026, 11, 24)),
        (FRI, 5, dt.date(2026, 11, 27)),
        (SAT, 1, dt.date(2026, 11, 23)),
        (SAT, 0, dt.date(2026, 11, 23)),  # due today on a Saturday means Monday
        (dt.date(2026, 11, 23), -1, FRI),
        (FRI, 0, FRI),
    ],
)
def test_working_days_skip_weekends(start: dt.date, offset: int, expected: dt.date) -> None:
    assert shift(start, offset, "wd") == expected


def test_working_days_skip_holidays() -> None:
    christmas = {dt.date(2026, 12, 24), dt.date(2026, 12, 25)}
    assert shift(dt.date(2026, 12, 23), 1, "wd", christmas) == dt.date(2026, 12, 28)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)), st.integers(0, 60))
def test_working_day_results_are_weekdays_with_the_right_count(start: dt.date, n: int) -> None:
    end = shift(start, n, "wd")
    assert end.weekday() < 5
    between = [start + dt.timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(d.weekday() < 5 for d in between) == max(n, 1 if start.weekday() >= 5 else 0)


def test_calendar_days_and_weeks() -> None:
    assert shift(FRI, 3, "d") == dt.date(2026, 11, 23)
    assert shift(FRI, -2, "w") == dt.date(2026, 11, 6)


@pytest.mark.parametrize(
    ("language", "fmt", "expected"),
    [
        ("en", "medium", "20 November 2026"),
        ("en", "short", "20/11/2026"),
        ("pl", "short", "20.11.2026"),
        ("pl", "long", "piątek, 20 listopada 2026"),
        ("pl", "day-month", "20 listopada"),
        ("ru", "long", "пятница, 20 ноября 2026"),
        ("ru", "on", "в пятницу"),
        ("pl", "on", "w piątek"),
        ("en", "on", "on Friday"),
        ("ru", "D MMM YYYY", "20 нояб. 2026"),
        ("pl", "LLLL YYYY", "listopad 2026"),
        ("en", "ddd D MMM YY", "Fri 20 Nov 26"),
        ("en", "'week of' D.M.", "week of 20.11."),
        ("en", "weekday", "Friday"),
        ("en", "iso", "2026-11-20"),
    ],
)
def test_formats(language: str, fmt: str, expected: str) -> None:
    assert format_date(FRI, fmt, language) == expected


@pytest.mark.parametrize(
    ("month", "pl", "ru"),
    [
        (1, "stycznia", "января"),
        (3, "marca", "марта"),
        (5, "maja", "мая"),
        (12, "grudnia", "декабря"),
    ],
)
def test_month_names_with_a_day_are_genitive(month: int, pl: str, ru: str) -> None:
    day = dt.date(2027, month, 5)
    assert format_date(day, "medium", "pl") == f"5 {pl} 2027"
    assert format_date(day, "medium", "ru") == f"5 {ru} 2027"


def test_weekday_with_preposition_in_every_language() -> None:
    monday = dt.date(2026, 11, 23)
    week = [monday + dt.timedelta(days=i) for i in range(7)]
    assert [format_date(d, "on", "pl") for d in week] == [
        "w poniedziałek",
        "we wtorek",
        "w środę",
        "w czwartek",
        "w piątek",
        "w sobotę",
        "w niedzielę",
    ]
    assert [format_date(d, "on", "ru") for d in week] == [
        "в понедельник",
        "во вторник",
        "в среду",
        "в четверг",
        "в пятницу",
        "в субботу",
        "в воскресенье",
    ]


def test_language_codes_fall_back_to_english() -> None:
    assert supported_language("pl-PL") == "pl"
    assert supported_language("RU") == "ru"
    assert supported_language("fr") == "en"
    assert supported_language(None) == "en"


def test_check_format() -> None:
    assert check_format("long") is None
    assert check_format("D MMMM") is None
    assert check_format("nonsense") is not None
    assert check_format("D 'of MMMM") is not None
