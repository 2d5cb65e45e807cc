"""The summary per snippet and pack, and the ``--since`` period."""

from __future__ import annotations

import datetime as dt

import pytest

import expander
from expander.stats import StatsError, UsageRow, parse_since, summarize

# --- --since ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30d", "2026-10-22"), ("1d", "2026-11-20"), ("7d", "2026-11-14"), ("12w", "2026-08-29"),
     ("6m", "2026-05-25"), ("2026-01-31", "2026-01-31")],
)  # fmt: skip
def test_since_takes_days_weeks_months_or_a_date(text: str, expected: str) -> None:
    assert parse_since(text, dt.date(2026, 11, 20)).isoformat() == expected


@pytest.mark.parametrize("text", ["", "30", "d30", "0d", "2026-13-01", "last week"])
def test_since_rejects_anything_else_clearly(text: str) -> None:
    with pytest.raises(StatsError, match=r"--since|at least one day"):
        parse_since(text, dt.date(2026, 11, 20))


# --- the summary --------------------------------------------------------------------------------


def rows_for_summary() -> list[UsageRow]:
    return [
        UsageRow("2026-11-01", "shop", "1.1.0", "late", "expanded", 0, 4),
        UsageRow("2026-11-18", "shop", "1.2.0", "late", "expanded", 0, 3),
        UsageRow("2026-11-18", "shop", "1.2.0", "late", "shown", 1, 4),
        UsageRow("2026-11-18", "shop", "1.2.0", "late", "accepted", 1, 3),
        UsageRow("2026-11-18", "shop", "1.2.0", "refund", "shown", 2, 4),
        UsageRow("2026-11-18", "shop", "1.2.0", "refund", "accepted", 2, 1),
        UsageRow("2026-11-18", "shop", "1.2.0", "invoice", "shown", 3, 4),
        UsageRow("2026-11-19", "", "", "", "requested", 0, 5),
        UsageRow("2026-11-19", "", "", "", "unmatched", 0, 1),
    ]


def test_summary_top_unused_acceptance_and_mean_rank_per_pack(lib: expander.Library) -> None:
    summary = summarize(rows_for_summary(), lib)
    assert [(s.snippet, s.uses, s.expanded, s.accepted) for s in summary.snippets] == [
        ("late", 10, 7, 3),
        ("refund", 1, 0, 1),
    ]
    assert [(s.snippet, s.shown) for s in summary.unused] == [("invoice", 4), ("never", 0)]
    (pack,) = summary.packs
    assert pack.versions == ("1.1.0", "1.2.0")
    assert (pack.shown, pack.accepted, pack.acceptance_rate) == (12, 4, 4 / 12)
    assert pack.mean_rank == (1 * 3 + 2 * 1) / 4
    assert (summary.requested, summary.accepted, summary.unmatched) == (5, 4, 1)
    assert summary.acceptance_rate == 4 / 5
    assert summary.days == (("2026-11-01", 4), ("2026-11-18", 7))
    data = summary.to_json()
    assert data["suggestions"] == {
        "requested": 5, "accepted": 4, "unmatched": 1, "acceptance_rate": 0.8,
        "mean_accepted_rank": 1.25,
    }  # fmt: skip
    assert data["packs"][0]["unused"] == ["invoice", "never"]


def test_summary_since_leaves_out_older_days(lib: expander.Library) -> None:
    summary = summarize(rows_for_summary(), lib, since=dt.date(2026, 11, 10))
    assert summary.snippets[0].expanded == 3
    assert summary.packs[0].versions == ("1.2.0",)
    assert summary.first_day == "2026-11-18"


def test_summary_without_the_library_does_not_guess_unused_snippets() -> None:
    summary = summarize(rows_for_summary())
    assert summary.unused == () and not summary.library_known
    assert summary.to_json()["unused_snippets"] is None


def test_since_a_day_in_the_future_is_an_error_saying_so() -> None:
    today = dt.date(2026, 11, 20)
    assert parse_since("2026-11-20", today) == today
    with pytest.raises(StatsError, match=r"'2026-11-21' is in the future \(today is 2026-11-20\)"):
        parse_since("2026-11-21", today)
