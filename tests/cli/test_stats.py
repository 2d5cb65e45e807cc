"""``expander stats ...`` (expander/cli/stats.py) as a user runs it: a private
EXPANDER_HOME whose usage store the real recording API filled, the exact text
users see. Runs call the CLI in this process (:class:`tests.cli.runner.Cli`)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

import expander
from expander.cli.main import build_parser
from expander.paths import user_paths
from expander.stats import CSV_HEADER, UsageStore, default_store_path
from expander.suggest import suggest
from tests.cli.runner import Cli, flat
from tests.conftest import WriteFile

REPO = Path(__file__).resolve().parents[2]

PACK = """
[pack]
name = "shop"
version = "1.4.0"
language = "en"

[[snippets]]
id = "late"
trigger = ";late"
title = "Order late"
keywords = ["parcel", "arrived"]
examples = ["Where is my parcel? It has not arrived yet."]
body = "Your parcel is on its way."

[[snippets]]
id = "refund"
trigger = ";ref"
title = "Refund status"
keywords = ["refund", "money back"]
examples = ["When do I get my money back?"]
body = "Your refund was issued today."

[[snippets]]
id = "never"
trigger = ";never"
title = "Never used"
body = "Nobody sends this."
"""

STATS_COMMANDS = ("gaps", "report", "export", "merge")


@pytest.fixture
def pack(write: WriteFile) -> Path:
    return write("shop.toml", PACK)


def only(pack: Path) -> tuple[str, ...]:
    return ("--no-bundled", "--no-user", "--pack", str(pack))


def set_statistics(**values: bool) -> None:
    """Write the ``[statistics]`` settings as the agent would in settings.toml."""
    lines = [f"{key} = {str(value).lower()}" for key, value in values.items()]
    user_paths().settings_file.parent.mkdir(parents=True, exist_ok=True)
    user_paths().settings_file.write_text("\n".join(["[statistics]", *lines, ""]), encoding="utf-8")


def record(pack: Path, *, today: dt.date | None = None, keep_emails: bool = True) -> None:
    """What an agent's day leaves in the store: 4 typed, one suggestion accepted at
    rank 1, two e-mails (the same question) that no snippet answered, kept when
    ``keep_emails`` (the agent's opt-in, written in the settings as the app had it)."""
    set_statistics(help_improve_faq=keep_emails)
    lib = expander.load(pack, include_bundled=False)
    day = today or dt.date.today()
    with UsageStore.open(today=lambda: day) as store:
        store.use_library(lib)
        for key in ("late", "late", "late", "refund"):
            store.record_expansion(lib.get(key))
        email = "Where is my parcel? It has not arrived yet."
        store.record_suggestion_flow(
            email, suggest(lib, email, 3, min_score=0), 0, keep_emails=keep_emails
        )
        for email in (
            "Do you sell gift cards?\n\nThanks,\nKate Brown",
            "Can I buy a gift card for my mum? Kate",
        ):
            store.record_suggestion_flow(
                email, suggest(lib, email, 3, min_score=0), None, keep_emails=keep_emails
            )


def stats_parsers() -> dict[str, argparse.ArgumentParser]:
    top = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    stats = top.choices["stats"]
    sub = next(a for a in stats._actions if isinstance(a, argparse._SubParsersAction))
    return {"": stats, **sub.choices}


# --- help and documentation -----------------------------------------------------------------


@pytest.mark.parametrize("command", ["", *STATS_COMMANDS])
def test_every_stats_command_describes_itself_and_every_option(cli: Cli, command: str) -> None:
    parser = stats_parsers()[command]
    result = cli("stats", *([command] if command else []), "--help")
    assert result.code == 0
    assert result.out.startswith(f"usage: expander stats {command}".rstrip())
    assert parser.description and flat(parser.description) in flat(result.out)
    for action in parser._actions:
        for option in action.option_strings:
            assert option in result.out, option


def test_every_stats_command_is_in_the_stats_doc() -> None:
    doc = (REPO / "docs" / "stats.md").read_text(encoding="utf-8")
    assert set(stats_parsers()) == {"", *STATS_COMMANDS}
    missing = [name for name in STATS_COMMANDS if f"expander stats {name}" not in doc]
    assert missing == []
    for parser in stats_parsers().values():
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in doc, option


# --- expander stats ----------------------------------------------------------------------------


def test_stats_with_nothing_recorded_says_so_and_creates_nothing(cli: Cli, pack: Path) -> None:
    result = cli("stats", *only(pack))
    assert result.code == 0
    assert result.out.startswith(f"No usage recorded yet in {default_store_path()}.\n")
    assert "Unused snippets (candidates for removal):\n  shop:late  Order late\n" in result.out
    assert not default_store_path().exists()


def test_stats_prints_top_unused_and_acceptance_per_pack(cli: Cli, pack: Path) -> None:
    record(pack)
    result = cli("stats", *only(pack))
    assert (result.code, result.err) == (0, "")
    today = dt.date.today().isoformat()
    lines = result.out.splitlines()
    assert lines[:3] == [
        f"Usage {today} to {today}",
        "Replies sent: 5 (4 typed by abbreviation, 1 chosen from suggestions)",
        "Suggestions: 1 of 3 e-mail(s) answered from a suggestion (33%), mean accepted rank "
        "1.0; 2 without a good reply",
    ]
    assert lines[4:8] == [
        "Top snippets:",
        "  Uses  Typed  Chosen  Shown  Snippet",
        "     4      3       1      3  shop:late  Order late",
        "     1      1       0      3  shop:refund  Refund status",
    ]
    assert (
        "  shop 1.4.0: 5 use(s); suggestions accepted 1 of 9 shown (11%), mean rank 1.0; "
        "2 snippet(s) used, 1 unused" in lines
    )
    assert lines[-2:] == [
        "Unused snippets (candidates for removal):",
        "  shop:never  Never used (shown 3 time(s), never chosen)",
    ]


def test_stats_json(cli: Cli, pack: Path) -> None:
    record(pack)
    data = cli("stats", "--json", *only(pack)).json
    assert data["expanded"] == 4
    assert data["suggestions"] == {
        "requested": 3, "accepted": 1, "unmatched": 2, "acceptance_rate": 0.333,
        "mean_accepted_rank": 1.0,
    }  # fmt: skip
    assert [(s["snippet"], s["uses"]) for s in data["top_snippets"]] == [("late", 4), ("refund", 1)]
    assert data["unused_snippets"] == [{"pack": "shop", "snippet": "never", "title": "Never used"}]
    assert data["packs"][0]["versions"] == ["1.4.0"]


def test_stats_since_leaves_out_older_days(cli: Cli, pack: Path) -> None:
    record(pack, today=dt.date.today() - dt.timedelta(days=45))
    record(pack)
    assert cli("stats", "--json", *only(pack)).json["expanded"] == 8
    assert cli("stats", "--since", "30d", "--json", *only(pack)).json["expanded"] == 4
    old = (dt.date.today() - dt.timedelta(days=50)).isoformat()
    assert cli("stats", "--since", old, "--json", *only(pack)).json["expanded"] == 8


@pytest.mark.parametrize("since", ["yesterday", "0d", "2026-02-30"])
def test_a_bad_since_is_a_clear_error(cli: Cli, pack: Path, since: str) -> None:
    result = cli("stats", "--since", since, *only(pack))
    assert result.code == 1 and result.out == ""
    assert result.err.startswith(f"Error: --since {since!r}: ")


def test_a_bad_limit_is_a_usage_error(cli: Cli) -> None:
    result = cli("stats", "--limit", "0")
    assert result.code == 2
    assert "argument --limit: expected 1 or more, got 0" in result.err


def test_a_broken_store_is_a_clear_error(cli: Cli, pack: Path) -> None:
    default_store_path().parent.mkdir(parents=True)
    default_store_path().write_bytes(b"not a database " * 200)
    result = cli("stats", *only(pack))
    assert result.code == 1
    assert result.err == (
        f"Error: {default_store_path()}: not a usable usage store (file is not a database); "
        "move it away and Expander starts a new one\n"
    )


# --- expander stats gaps -------------------------------------------------------------------------


def test_gaps_groups_the_kept_e_mails(cli: Cli, pack: Path) -> None:
    record(pack)
    result = cli("stats", "gaps")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "1 question(s) from 2 e-mail(s) without a good reply, largest first:"
    assert lines[1] in (
        "     2  Do you sell gift cards?",
        "     2  Can I buy a gift card for my mum? [name]",
    )
    assert lines[2] == "        (en 2)"
    assert "Kate" not in result.out and "Brown" not in result.out
    data = cli("stats", "gaps", "--json").json
    assert [(c["count"], c["languages"]) for c in data] == [(2, {"en": 2})]
    assert len(data[0]["others"]) == 1


_NO_GAPS = (
    "No e-mail without a good reply was kept. E-mails are kept (masked) only when "
    "'help improve our FAQ' in the settings is on.\n"
)


def test_gaps_without_the_opt_in_explains_how_to_get_them(cli: Cli, pack: Path) -> None:
    record(pack, keep_emails=False)
    result = cli("stats", "gaps")
    assert (result.code, result.out) == (0, _NO_GAPS)
    assert cli("stats", "gaps", "--json").json == []


def test_e_mails_kept_before_the_opt_in_was_switched_off_are_never_shown_again(
    cli: Cli, pack: Path, tmp_path: Path
) -> None:
    """The app deletes them when it starts or reloads its settings; the CLI, run
    before that, must not show, export or report them either, and deletes them too."""
    record(pack)  # kept while the agent had opted in
    set_statistics(help_improve_faq=False)
    result = cli("stats", "gaps")
    assert (result.code, result.out) == (0, _NO_GAPS)
    assert cli("stats", "gaps", "--json").json == []
    out = tmp_path / "me.csv"
    result = cli("stats", "export", "-o", out, "--agent", "")
    assert " and 0 masked e-mail(s) " in result.out
    assert "gift" not in out.read_text(encoding="utf-8")
    page = tmp_path / "report.html"
    assert cli("stats", "report", "-o", page, *only(pack)).code == 0
    assert "gift" not in page.read_text(encoding="utf-8")
    assert "No e-mail text was collected" in page.read_text(encoding="utf-8")
    with UsageStore.open() as store:
        assert (store.gaps(), len(store.rows()) > 0) == ([], True)


def test_with_statistics_off_the_cli_says_that_nothing_new_is_recorded(
    cli: Cli, pack: Path
) -> None:
    record(pack)
    set_statistics(enabled=False, help_improve_faq=True)
    result = cli("stats", *only(pack))
    assert result.code == 0
    assert result.err == (
        "Note: usage statistics are off ([statistics] enabled = false in "
        f"{user_paths().settings_file}): nothing new is recorded.\n"
    )
    assert "Replies sent: 5 " in result.out  # what was recorded before, as the app's report


def test_a_wrong_privacy_setting_is_named_with_file_and_line(cli: Cli, pack: Path) -> None:
    record(pack)
    user_paths().settings_file.write_text(
        "[statistics]\nhelp_improve_faq = 'yes'\n", encoding="utf-8"
    )
    result = cli("stats", "gaps")
    assert result.err.startswith(f"Note: {user_paths().settings_file}:2")
    assert "help_improve_faq" in result.err
    assert result.out == _NO_GAPS  # the default, off, as the app has it


# --- expander stats report ------------------------------------------------------------------------


def test_report_writes_one_html_page(cli: Cli, pack: Path, tmp_path: Path) -> None:
    record(pack)
    target = tmp_path / "out" / "report.html"
    target.parent.mkdir()  # a missing folder is an error (test_trust.py)
    result = cli("stats", "report", "-o", target, "--title", "Team ACME", *only(pack))
    assert (result.code, result.out) == (0, f"Wrote the usage report to {target}\n")
    page = target.read_text(encoding="utf-8")
    assert "<title>Team ACME</title>" in page
    for chart in ("top-snippets", "acceptance", "per-day", "gaps"):
        assert f'data-chart="{chart}"' in page
    assert "Do you sell gift cards?" in page or "Can I buy a gift card" in page


# --- expander stats export / merge ---------------------------------------------------------------


def test_export_then_merge_makes_the_team_report(cli: Cli, pack: Path, tmp_path: Path) -> None:
    record(pack)
    with UsageStore.open() as store:
        n = len(store.rows())
    a = tmp_path / "kate.csv"
    result = cli("stats", "export", "-o", a, "--agent", "kate")
    assert result.code == 0
    assert result.out.splitlines() == [
        f"Exported {n} counter row(s) and 2 masked e-mail(s) for agent 'kate' to {a}",
        "Your manager merges the team's exports with: expander stats merge FILE.csv ...",
    ]
    assert a.read_text(encoding="utf-8").splitlines()[0] == ",".join(CSV_HEADER)
    b = tmp_path / "bob.csv"
    assert cli("stats", "export", "-o", b, "--agent", "bob", "--no-emails").code == 0
    assert "gap," not in b.read_text(encoding="utf-8")

    report = tmp_path / "team.html"
    result = cli("stats", "merge", a, b, "-o", report, *only(pack))
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0] == "Merged 2 export(s)."
    assert lines[1].endswith(", 2 agent(s)")
    assert "Replies sent: 10 (8 typed by abbreviation, 2 chosen from suggestions)" in lines
    assert "     8      6       2      6  shop:late  Order late" in lines
    assert "1 question(s) from 2 e-mail(s) without a good reply, largest first:" in lines
    assert lines[-1] == f"Wrote the usage report to {report}"
    assert 'data-chart="gaps"' in report.read_text(encoding="utf-8")

    result = cli("stats", "merge", a, b, "--json", "-o", report, *only(pack))
    data = result.json
    assert result.err == f"Wrote the usage report to {report}\n"
    assert data["agents"] == ["bob", "kate"]
    assert data["files"] == [str(a), str(b)]
    assert data["expanded"] == 8
    assert [c["count"] for c in data["gaps"]] == [2]


def test_merge_rejects_a_malformed_export_with_file_and_line(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        ",".join(CSV_HEADER) + "\nusage,2026-11-20,kate,shop,1.0,late,expanded,0,1,,\n"
        "usage,2026-11-20,kate,shop,1.0,late,typed,0,1,,\n",
        encoding="utf-8",
    )
    result = cli("stats", "merge", bad)
    assert result.code == 1 and result.out == ""
    assert result.err == (
        f"Error: {bad}:3: event 'typed' is not one of expanded, shown, accepted, requested, "
        "unmatched\n"
    )
    spreadsheet = tmp_path / "other.csv"
    spreadsheet.write_text("name,amount\nAnna,3\n", encoding="utf-8")
    result = cli("stats", "merge", spreadsheet)
    assert result.err.startswith(f"Error: {spreadsheet}:1: not an Expander stats export")
    result = cli("stats", "merge", tmp_path / "missing.csv")
    assert result.err == (
        f"Error: {tmp_path / 'missing.csv'}: cannot read it: No such file or directory\n"
    )


def test_merge_refuses_the_same_export_twice(cli: Cli, pack: Path, tmp_path: Path) -> None:
    record(pack)
    a = tmp_path / "kate.csv"
    cli("stats", "export", "-o", a, "--agent", "kate")
    result = cli("stats", "merge", a, a)
    assert result.code == 1
    assert result.err.startswith(f"Error: {a}:2: this counter is already in {a}:2 ")
    assert result.err.endswith("was one export given twice?\n")


def test_export_can_leave_the_agent_name_out(cli: Cli, pack: Path, tmp_path: Path) -> None:
    record(pack)
    with UsageStore.open() as store:
        n = len(store.rows())
    out = tmp_path / "me.csv"
    result = cli("stats", "export", "-o", out, "--agent", "", "--since", "7d")
    assert result.out.startswith(f"Exported {n} counter row(s) and 2 masked e-mail(s) to {out}\n")
    rows = out.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + n + 2 and all(row.split(",")[2] == "" for row in rows[1:])
