"""The HTML usage report: one self-contained page, bar charts in inline SVG,
every text from the data escaped. (tests/desktop/test_stats_report_browser.py
renders it in a real browser.)"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest

import expander
from expander.stats import GapEmail, UsageRow, cluster_gaps, render_report, summarize
from tests.conftest import WriteFile

PACK = """
[pack]
name = "shop"
version = "2.0.0"

[[snippets]]
id = "late"
trigger = ";late"
title = "Order late <script>alert('title')</script>"
body = "Your parcel is on its way."

[[snippets]]
id = "refund"
trigger = ";ref"
title = "Refund & returns"
body = "Your refund was issued."

[[snippets]]
id = "unused"
title = "Never used"
body = "Nobody sends this."
"""

ROWS = [
    UsageRow("2026-11-18", "shop", "2.0.0", "late", "expanded", 0, 6),
    UsageRow("2026-11-19", "shop", "2.0.0", "late", "shown", 1, 3),
    UsageRow("2026-11-19", "shop", "2.0.0", "late", "accepted", 1, 2),
    UsageRow("2026-11-19", "shop", "2.0.0", "refund", "shown", 2, 3),
    UsageRow("2026-11-19", "shop", "2.0.0", "refund", "accepted", 2, 1),
    UsageRow("2026-11-20", "shop", "2.0.0", "refund", "expanded", 0, 2),
    UsageRow("2026-11-20", "", "", "", "requested", 0, 4),
    UsageRow("2026-11-20", "", "", "", "unmatched", 0, 3),
]
GAPS = [
    GapEmail("2026-11-20", "Do you sell gift cards? <img src=x onerror=alert(1)>", "en"),
    GapEmail("2026-11-20", "Can I buy a gift card for my mum?", "en"),
    GapEmail("2026-11-20", "Is your shop open on Sundays?", "en"),
]


class Page(HTMLParser):
    """Every element with its attributes, and the text, of an HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a
            for t, a in self.elements
            if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]


@pytest.fixture
def lib(write: WriteFile) -> expander.Library:
    return expander.load(write("shop.toml", PACK), include_bundled=False)


@pytest.fixture
def page(lib: expander.Library) -> str:
    return render_report(
        summarize(ROWS, lib),
        cluster_gaps(GAPS),
        generated=dt.datetime(2026, 11, 21, 9, 30),
    )


def test_the_report_is_one_self_contained_page(page: str) -> None:
    parsed = Page(page)
    tags = {tag for tag, _ in parsed.elements}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "video", "audio"}
    for tag, attrs in parsed.elements:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert "url(" not in page and "@import" not in page
    assert page.count("http") == page.count('xmlns="http://www.w3.org/2000/svg"')
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page


def test_the_report_has_a_bar_chart_for_each_part(page: str) -> None:
    parsed = Page(page)
    charts = [a["data-chart"] for a in parsed.all("svg")]
    assert charts == ["top-snippets", "acceptance", "per-day", "gaps"]
    bars = [a for a in parsed.all("rect", class_="bar")]
    # top: late (typed 6, chosen 2), refund (typed 2, chosen 1); acceptance: one pack;
    # per day: 3 days; gaps: gift cards (2), Sundays (1)
    assert len(bars) == 4 + 1 + 3 + 2
    assert all(float(a["width"] or 0) > 0 and float(a["height"] or 0) > 0 for a in bars)


def test_the_report_shows_the_numbers_a_manager_needs(page: str) -> None:
    text = " ".join(" ".join(Page(page).text).split())
    assert "Period: 2026-11-18 to 2026-11-20" in text
    assert "11 replies sent from snippets" in text
    assert "75% suggestions accepted (3 of 4 e-mails)" in text
    assert "3 e-mails without a good reply" in text
    assert "shop 2.0.0 8 6 3 50% 1.3 2 1" in text  # the per-pack table
    assert "shop unused Never used 0" in text  # the candidates for removal
    assert (
        "2 Can I buy a gift card for my mum? also: Do you sell gift cards? "
        "<img src=x onerror=alert(1)> en 2"
        in text
        or "2 Do you sell gift cards? <img src=x onerror=alert(1)> also: Can I buy a gift card "
        "for my mum? en 2"
        in text
    )  # the example is either of the two, the other is shown with it
    assert "1 Is your shop open on Sundays? en 1" in text


def test_every_text_from_the_data_is_escaped(page: str) -> None:
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page
    assert "Do you sell gift cards? &lt;img src=x onerror=alert(1)&gt;" in page
    assert "Refund &amp; returns" in page


def test_an_empty_period_says_so_instead_of_empty_charts(lib: expander.Library) -> None:
    page = render_report(summarize([], lib), [], emails_kept=False)
    parsed = Page(page)
    assert parsed.all("svg") == []
    text = " ".join(" ".join(parsed.text).split())
    assert "No reply was used in this period." in text
    assert "No suggestion was shown in this period." in text
    assert 'agents switch on "help improve our FAQ"' in text
    assert "Period: no data recorded" in text


def test_without_the_packs_the_report_does_not_guess_unused_replies() -> None:
    text = " ".join(" ".join(Page(render_report(summarize(ROWS), [])).text).split())
    assert "Not known: the report was made without the packs." in text


def test_write_report_makes_the_page_the_tray_opens(
    lib: expander.Library, expander_home: Path
) -> None:
    from expander.stats.report import write_report
    from expander.stats.store import UsageStore

    assert write_report(library=lib) == expander_home / "data" / "usage-report.html"
    assert not (expander_home / "data" / "usage.sqlite3").exists()  # nothing recorded yet
    with UsageStore.open() as store:
        store.use_library(lib)
        store.record_expansion(lib.get("late"))
        store.record_unmatched("Do you sell gift cards?", keep_emails=True)
    path = write_report(library=lib)
    page = Page(path.read_text(encoding="utf-8"))
    assert [a["data-chart"] for a in page.all("svg")] == ["top-snippets", "per-day", "gaps"]
    target = write_report(expander_home / "elsewhere" / "r.html", title="Mine")
    assert "<title>Mine</title>" in target.read_text(encoding="utf-8")


def test_the_report_explains_missing_e_mails_when_the_opt_in_is_off(
    lib: expander.Library,
) -> None:
    from expander.stats.report import write_report
    from expander.stats.store import UsageStore

    with UsageStore.open() as store:
        store.record_unmatched("Do you sell gift cards?", keep_emails=False)
    text = " ".join(" ".join(Page(write_report(library=lib).read_text("utf-8")).text).split())
    assert 'agents switch on "help improve our FAQ" in the settings' in text
