"""``expander stats --since`` with a period longer than the calendar: an error, no
traceback (session 31: ``--since 1000000000d`` raised OverflowError)."""

from __future__ import annotations

import datetime as dt

import pytest

from expander.errors import StatsError
from expander.stats import parse_since
from tests.cli.runner import Cli


@pytest.mark.parametrize("period", ["1000000000d", "99999999999999999999m", "800000w"])
def test_a_period_before_the_year_one_is_an_error(cli: Cli, period: str) -> None:
    result = cli("stats", "--since", period)
    assert result.code == 1
    assert "reaches back before the year 1" in result.err
    assert "Traceback" not in result.err


def test_the_longest_period_goes_back_to_the_first_day() -> None:
    today = dt.date(2026, 1, 1)
    days = (today - dt.date.min).days + 1
    assert parse_since(f"{days}d", today) == dt.date.min
    with pytest.raises(StatsError):
        parse_since(f"{days + 1}d", today)
    assert parse_since("99999d", today) == today - dt.timedelta(days=99998)
