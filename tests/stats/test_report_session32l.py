"""The tray's "Usage report" (``write_report``) masks the kept e-mails again with
today's masker, as ``expander stats report`` does: an e-mail kept by an older
Expander, whose masker let a disguised card or address through, reaches the page
masked; the page is the agent's alone (0600, in the private data folder)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat

import expander
from expander.stats import UsageStore, default_store_path
from expander.stats.report import write_report

CARD = "4111\u200e1111\u200f1111\u200e1111"
ADDRESS = "kate.brown [at] postbox [dot] com"
OLD_KEPT = f"Can I pay with the card {CARD}? Write to {ADDRESS} please."


def keep_as_an_older_version_did(text: str) -> None:
    with UsageStore.open() as store:  # the schema, as the app makes it
        store.record_expansion(expander.load().get(";track"))
    with sqlite3.connect(default_store_path()) as db:
        db.execute(
            "INSERT INTO gaps (day, language, reason, text) VALUES (?, 'en', 'none-accepted', ?)",
            (dt.date.today().isoformat(), text),
        )


def test_the_trays_report_masks_an_e_mail_kept_by_an_older_version() -> None:
    keep_as_an_older_version_did(OLD_KEPT)
    page = write_report().read_text(encoding="utf-8")
    assert "1111" not in page and "kate.brown" not in page and "postbox" not in page
    assert "[card]" in page and "[email]" in page


def test_the_trays_report_is_private() -> None:
    keep_as_an_older_version_did(OLD_KEPT)
    page = write_report()
    assert page.parent == default_store_path().parent
    assert stat.S_IMODE(os.stat(page).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(page.parent).st_mode) == 0o700
