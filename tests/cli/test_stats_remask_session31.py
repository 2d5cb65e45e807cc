"""Kept e-mails leave the machine masked by today's masker (session 31): an e-mail kept
by an older Expander, whose masker let a disguised card or address through, is masked
again by ``expander stats export``, ``report`` and ``merge``, as learned examples are
by their export. The old text is put in the store as an older version left it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from expander.stats import GapEmail, default_store_path, masked_again, write_export
from tests.cli.runner import Cli
from tests.cli.test_stats import PACK, record, set_statistics

# What an older masker kept: a card with direction marks between its groups and an
# address written to escape programs (both masked by today's masker).
CARD = "4111\u200e1111\u200f1111\u200e1111"
ADDRESS = "kate.brown [at] postbox [dot] com"
OLD_KEPT = f"Can I pay with the card {CARD}? Write to {ADDRESS} please."


def keep_as_an_older_version_did(text: str) -> None:
    with sqlite3.connect(default_store_path()) as db:
        db.execute(
            "INSERT INTO gaps (day, language, reason, text) VALUES (?, 'en', 'none-accepted', ?)",
            (dt.date.today().isoformat(), text),
        )


def assert_masked(written: str) -> None:
    assert "1111" not in written and "kate.brown" not in written and "postbox" not in written
    assert "[card]" in written and "[email]" in written


def test_masked_again_masks_what_an_older_masker_kept_and_keeps_labels() -> None:
    again = masked_again([GapEmail("2026-12-01", OLD_KEPT, "en", "none-accepted", "kate")])
    assert [(g.day, g.language, g.reason, g.agent) for g in again] == [
        ("2026-12-01", "en", "none-accepted", "kate")
    ]
    assert_masked(again[0].text)
    assert masked_again(again) == again  # today's masked text stays as it is


def test_export_and_report_mask_an_e_mail_kept_by_an_older_version(
    cli: Cli, tmp_path: Path
) -> None:
    pack = tmp_path / "shop.toml"
    pack.write_text(PACK, encoding="utf-8")
    record(pack)
    keep_as_an_older_version_did(OLD_KEPT)
    out = tmp_path / "kate.csv"
    result = cli("stats", "export", "-o", out, "--agent", "kate")
    assert result.code == 0
    assert "and 3 masked e-mail(s)" in result.out
    assert_masked(out.read_text(encoding="utf-8"))

    report = tmp_path / "report.html"
    assert cli("stats", "report", "-o", report).code == 0
    assert_masked(report.read_text(encoding="utf-8"))


def test_merge_masks_an_export_made_by_an_older_version(cli: Cli, tmp_path: Path) -> None:
    set_statistics(help_improve_faq=True)
    old = tmp_path / "old.csv"
    write_export(old, [], [GapEmail(dt.date.today().isoformat(), OLD_KEPT, "en")], agent="kate")
    assert CARD in old.read_text(encoding="utf-8")  # as the older version wrote it
    report = tmp_path / "team.html"
    result = cli("stats", "merge", old, "--json", "-o", report, "--no-bundled", "--no-user")
    assert result.code == 0
    assert_masked(result.out)
    assert_masked(report.read_text(encoding="utf-8"))
