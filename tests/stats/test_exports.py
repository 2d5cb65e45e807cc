"""Team statistics: CSV export from each agent's store, and the merge."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import expander
from expander.stats import (
    CSV_HEADER,
    GapEmail,
    StatsError,
    UsageRow,
    UsageStore,
    read_exports,
    summarize,
    write_export,
)
from tests.stats.conftest import Day

# --- CSV export and merge -------------------------------------------------------------------------


def agent_store(path: Path, lib: expander.Library, expansions: int, gap: str | None) -> UsageStore:
    store = UsageStore.open(path, today=Day())
    store.use_library(lib)
    for _ in range(expansions):
        store.record_expansion(lib.get("late"))
    store.record_suggestions_shown([lib.get("refund"), lib.get("late")])
    store.record_accepted(lib.get("late"), 2)
    if gap:
        store.record_unmatched(gap, keep_emails=True)
    return store


def test_export_then_merge_sums_counters_across_agents(
    tmp_path: Path, lib: expander.Library
) -> None:
    a = agent_store(tmp_path / "a.sqlite3", lib, 3, "Do you sell gift cards? Thanks, Kate")
    b = agent_store(tmp_path / "b.sqlite3", lib, 2, "Can I buy a gift card?")
    # late expanded, shown at 2 and accepted at 2; refund shown at 1; requested; unmatched
    assert write_export(tmp_path / "a.csv", a.rows(), a.gaps(), agent="kate") == (6, 1)
    assert write_export(tmp_path / "b.csv", b.rows(), (), agent="bob") == (6, 0)
    merged = read_exports([tmp_path / "a.csv", tmp_path / "b.csv"])
    assert merged.agents == ("bob", "kate")
    late_expanded = [r for r in merged.summed() if r.event == "expanded"]
    assert late_expanded == [UsageRow("2026-11-20", "shop", "1.2.0", "late", "expanded", 0, 5)]
    assert [g.text for g in merged.gaps] == ["Do you sell gift cards?"]
    summary = summarize(merged.rows, lib)
    assert summary.agents == ("bob", "kate")
    late = summary.snippets[0]
    assert (late.snippet, late.expanded, late.accepted, late.mean_rank) == ("late", 5, 2, 2.0)
    assert (summary.requested, summary.accepted) == (2, 2)
    # the same report as from both stores' rows together
    together = summarize([*a.rows(), *b.rows()], lib)
    assert summary.snippets == together.snippets and summary.packs == together.packs
    a.close()
    b.close()


def test_export_has_one_row_per_day_agent_pack_version_snippet_counter(
    tmp_path: Path, lib: expander.Library
) -> None:
    with agent_store(tmp_path / "a.sqlite3", lib, 1, None) as store:
        write_export(tmp_path / "a.csv", store.rows(), agent="kate")
    lines = (tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(CSV_HEADER)
    assert "usage,2026-11-20,kate,shop,1.2.0,late,accepted,2,1,," in lines
    assert "usage,2026-11-20,kate,,,,requested,0,1,," in lines


_FIELD = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.builds(
            UsageRow,
            day=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)).map(dt.date.isoformat),
            pack=_FIELD.filter(bool),
            version=_FIELD,
            snippet=_FIELD.filter(bool),
            event=st.sampled_from(["expanded", "shown", "accepted"]),
            rank=st.integers(0, 20),
            count=st.integers(1, 10**9),
        ),
        max_size=8,
    ),
    gaps=st.lists(
        st.builds(
            GapEmail,
            day=st.just("2026-11-20"),
            text=_FIELD.filter(str.strip),
            language=st.sampled_from(["", "en", "pl", "ru"]),
            reason=st.sampled_from(["none-accepted", "none-confident"]),
        ),
        max_size=4,
    ),
    agent=_FIELD,
)
def test_an_export_reads_back_exactly(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[UsageRow],
    gaps: list[GapEmail],
    agent: str,
) -> None:
    unique = list(
        {(r.day, r.pack, r.version, r.snippet, r.event, r.rank): r for r in rows}.values()
    )
    path = tmp_path_factory.mktemp("export") / "agent.csv"
    write_export(path, unique, gaps, agent=agent)
    back = read_exports([path])
    assert sorted(back.rows, key=repr) == sorted(
        (UsageRow(r.day, r.pack, r.version, r.snippet, r.event, r.rank, r.count, agent)
         for r in unique), key=repr,
    )  # fmt: skip
    assert back.gaps == tuple(GapEmail(g.day, g.text, g.language, g.reason, agent) for g in gaps)


BAD_CSV = [
    ("day,count\n2026-01-01,1\n", 1, "not an Expander stats export: the first line must be"),
    ("{h}\nusage,2026-1-01,a,shop,1,late,expanded,0,1,,\n", 2, "day '2026-1-01' is not a date"),
    ("{h}\nusage,2026-02-30,a,shop,1,late,expanded,0,1,,\n", 2, "day '2026-02-30' is not a date"),
    ("{h}\nusage,2026-01-01,a,shop,1,late,typed,0,1,,\n", 2, "event 'typed' is not one of"),
    ("{h}\nusage,2026-01-01,a,shop,1,late,expanded,0,many,,\n", 2, "must be whole numbers"),
    ("{h}\nusage,2026-01-01,a,shop,1,late,expanded,0,0,,\n", 2, "count 1 or more"),
    ("{h}\n\nusage,2026-01-01,a,shop,1,late\n", 3, "expected 11 fields, found 6"),
    ("{h}\nusage,2026-01-01,a,,,,expanded,0,1,,\n", 2, "needs a pack and a snippet"),
    ("{h}\nrow,2026-01-01,a,shop,1,late,expanded,0,1,,\n", 2, "neither 'usage' nor 'gap'"),
    ("{h}\ngap,2026-01-01,a,,,,none-accepted,0,1,en,\n", 2, "a gap record without text"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD_CSV)
def test_a_malformed_export_is_rejected_with_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "agent.csv"
    path.write_text(text.format(h=",".join(CSV_HEADER)), encoding="utf-8")
    with pytest.raises(StatsError) as info:
        read_exports([path])
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert message in str(info.value)


def test_the_same_export_merged_twice_is_refused(tmp_path: Path, lib: expander.Library) -> None:
    with agent_store(tmp_path / "a.sqlite3", lib, 1, None) as store:
        write_export(tmp_path / "a.csv", store.rows(), agent="kate")
    copy = tmp_path / "copy.csv"
    copy.write_bytes((tmp_path / "a.csv").read_bytes())
    with pytest.raises(StatsError, match=r"copy\.csv:2: this counter is already in .*a\.csv:2"):
        read_exports([tmp_path / "a.csv", copy])


def test_a_binary_file_is_no_export(tmp_path: Path) -> None:
    path = tmp_path / "agent.csv"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(StatsError, match="not UTF-8 text"):
        read_exports([path])


FORMULAS = ['=HYPERLINK("http://x","y")', "+48 600", "-1+2", "@SUM(A1)", "\tx", "\rx", "'=x", "'a"]


def test_export_cells_are_no_formulas_and_read_back_as_written(tmp_path: Path) -> None:
    """OWASP CSV injection: a cell a spreadsheet would run starts with ' in the file."""
    import csv

    gaps = [GapEmail("2026-01-0" + str(i + 1), t, "en", "none-accepted", "") for i, t in
            enumerate(FORMULAS)]  # fmt: skip
    rows = [UsageRow("2026-01-01", "=shop", "1.0", "@late", "expanded", 0, 1, "")]
    path = tmp_path / "agent.csv"
    write_export(path, rows, gaps, agent="-anna")
    with open(path, encoding="utf-8", newline="") as handle:
        cells = [cell for line in csv.reader(handle) for cell in line]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    back = read_exports([path])
    assert [g.text for g in back.gaps] == FORMULAS
    assert back.rows == (
        UsageRow("2026-01-01", "=shop", "1.0", "@late", "expanded", 0, 1, "-anna"),
    )
