"""The usage store: the real SQLite file under a private EXPANDER_HOME, fed by the
real engine and suggester; what it keeps and never keeps, caps, and a kill -9
in the middle of writes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import expander
from expander.desktop.backends.fake import FakeKeySource, FakeTextBox
from expander.engine import Engine
from expander.stats import StatsError, UsageRow, UsageStore, default_store_path, summarize
from expander.suggest import suggest
from tests.conftest import WriteFile
from tests.stats.conftest import PACK, Day

REPO = Path(__file__).resolve().parents[2]

PARCEL_EMAIL = (
    "From: Anna Kowalska <anna.kowalska@example.com>\n\n"
    "Hello,\nwhere is my parcel? It has not arrived yet, order #48213.\n\n"
    "Best regards,\nAnna Kowalska"
)
GIFT_EMAIL = (
    "Hi Tom,\ndo you offer gift wrapping? My phone is +44 7700 900123, order 55120-B.\n\n"
    "Thanks,\nRuth Adams\nruth.adams@example.com"
)


def store_bytes(path: Path) -> bytes:
    """Everything SQLite wrote: the database, its WAL and its shared memory."""
    return b"".join(
        p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()
    )


# --- where and how it is stored ------------------------------------------------------------


def test_the_store_lives_in_the_users_data_folder(expander_home: Path) -> None:
    assert default_store_path() == expander_home / "data" / "usage.sqlite3"
    with UsageStore.open() as store:
        assert store.path == default_store_path()
    db = sqlite3.connect(default_store_path())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_file_that_is_no_store_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "usage.sqlite3"
    bad.write_bytes(b"this is not a database at all, just text" * 100)
    with pytest.raises(StatsError, match=r"usage\.sqlite3: not a usable usage store .* move it"):
        UsageStore.open(bad)


def test_recording_never_raises_into_the_typing_path(
    store: UsageStore, lib: expander.Library, caplog: pytest.LogCaptureFixture
) -> None:
    store.close()
    store.record_expansion(lib.get("late"))  # the store is gone: logged, dropped
    store.record_accepted(lib.get("late"), 1)
    assert store.record_unmatched(PARCEL_EMAIL, keep_emails=True) is False
    assert "usage statistics not recorded" in caplog.text


# --- recording from the engine and the suggestion flow --------------------------------------


def test_expansions_typed_in_the_engine_are_counted_per_day_pack_and_version(
    store: UsageStore, lib: expander.Library, day: Day
) -> None:
    box = FakeTextBox()
    keys = FakeKeySource(box)
    engine = Engine(lib, box, clipboard=box.clipboard, clock=lambda: 0.0)
    engine.on_expansion(store.expansion_listener(lambda: lib))
    keys.start(engine.handle)
    keys.type(";late ;late ")
    day.day = dt.date(2026, 11, 21)
    keys.type(";ref ")
    assert box.text.count("your parcel is on its way") == 2
    assert store.rows() == [
        UsageRow("2026-11-20", "shop", "1.2.0", "late", "expanded", 0, 2),
        UsageRow("2026-11-21", "shop", "1.2.0", "refund", "expanded", 0, 1),
    ]


def test_nothing_typed_and_no_reply_is_ever_stored(
    store: UsageStore, lib: expander.Library
) -> None:
    box = FakeTextBox()
    keys = FakeKeySource(box)
    engine = Engine(lib, box, clipboard=box.clipboard, clock=lambda: 0.0)
    engine.on_expansion(store.expansion_listener(lambda: lib))
    keys.start(engine.handle)
    keys.type("Secretword123 is typed here ;late ")
    store.close()
    raw = store_bytes(default_store_path())
    assert b"Secretword123" not in raw
    assert b"your parcel is on its way" not in raw
    assert b"late" in raw  # the snippet id is what is counted


def test_the_suggestion_flow_records_shown_ranks_and_the_accepted_rank(
    store: UsageStore, lib: expander.Library
) -> None:
    email = "Where is my parcel? It has not arrived yet."
    suggestions = suggest(lib, email, 3, min_score=0)
    assert suggestions[0].snippet.id == "late" and suggestions[0].confident
    store.record_suggestion_flow(email, suggestions, 0, keep_emails=True)
    refund_email = "I sent the return two weeks ago, when do I get my money back?"
    suggestions = suggest(lib, refund_email, 3, min_score=0)
    picked = next(i for i, s in enumerate(suggestions) if s.snippet.id == "refund")
    store.record_suggestion_flow(refund_email, suggestions, picked, keep_emails=True)
    rows = store.rows()
    shown = {(r.snippet, r.rank): r.count for r in rows if r.event == "shown"}
    assert sum(shown.values()) == 6
    assert shown[("late", 1)] == 1
    accepted = [(r.snippet, r.rank, r.count) for r in rows if r.event == "accepted"]
    assert accepted == [("late", 1, 1), ("refund", picked + 1, 1)]
    per_day = {r.event: r.count for r in rows if not r.pack}
    assert per_day == {"requested": 2}
    assert store.gaps() == []  # both answered: nothing to learn for the FAQ


def test_an_e_mail_no_suggestion_answered_is_a_gap_only_with_the_opt_in(
    store: UsageStore, lib: expander.Library, expander_home: Path
) -> None:
    suggestions = suggest(lib, GIFT_EMAIL, 3, min_score=0)
    store.record_suggestion_flow(GIFT_EMAIL, suggestions, None, keep_emails=False)
    assert store.gaps() == []
    per_day = {r.event: r.count for r in store.rows() if not r.pack}
    assert per_day == {"requested": 1, "unmatched": 1}
    store.close()
    raw = store_bytes(default_store_path())
    for word in (b"gift", b"wrapping", b"Ruth", b"7700", b"55120", b"example.com"):
        assert word not in raw, word

    with UsageStore.open(today=Day()) as store:
        store.record_suggestion_flow(GIFT_EMAIL, suggestions, None, keep_emails=True)
        (gap,) = store.gaps()
    assert gap.text == (
        "Hi [name], do you offer gift wrapping? My phone is [phone], order [order]."
    )
    assert (gap.day, gap.language, gap.reason) == ("2026-11-20", "en", "none-accepted")
    raw = store_bytes(default_store_path())
    for word in (b"Ruth", b"Tom", b"7700", b"55120", b"example.com"):
        assert word not in raw, word


def test_an_accepted_suggestion_that_was_not_confident_is_a_gap_too(
    store: UsageStore, lib: expander.Library
) -> None:
    email = "Do you ship to Iceland by boat?"
    suggestions = suggest(lib, email, 3, min_score=0)
    assert not any(s.confident for s in suggestions)
    store.record_suggestion_flow(email, suggestions, 1, keep_emails=True)
    (gap,) = store.gaps()
    assert (gap.text, gap.reason) == (email, "none-confident")
    assert [r.rank for r in store.rows() if r.event == "accepted"] == [2]


def test_kept_e_mails_are_capped_in_number_and_age(lib: expander.Library) -> None:
    day = Day("2026-01-01")
    with UsageStore.open(today=day, max_emails=3, max_email_age_days=90) as store:
        for i in range(5):
            store.record_unmatched(f"Question number {'one two three four five'.split()[i]}?",
                                   keep_emails=True)  # fmt: skip
        assert [g.text for g in store.gaps()] == [
            "Question number three?", "Question number four?", "Question number five?",
        ]  # fmt: skip
        day.day = dt.date(2026, 3, 31)  # 89 days later: still kept
        store.record_unmatched("Do you sell gift cards?", keep_emails=True)
        assert len(store.gaps()) == 3
        day.day = dt.date(2026, 4, 2)  # 91 days after the first three
        store.record_unmatched("Can I pay by bank transfer?", keep_emails=True)
        assert [g.text for g in store.gaps()] == [
            "Do you sell gift cards?", "Can I pay by bank transfer?",
        ]  # fmt: skip


def test_a_long_e_mail_is_cut_and_the_same_one_twice_a_day_kept_once(store: UsageStore) -> None:
    long_text = "Why " + "very " * 400 + "long?"
    assert store.record_unmatched(long_text, keep_emails=True)
    assert store.record_unmatched(long_text, keep_emails=True)
    (gap,) = store.gaps()
    assert len(gap.text) <= 1000 and gap.text.startswith("Why very very")
    assert [r.count for r in store.rows() if r.event == "unmatched"] == [2]


def test_forget_emails_deletes_every_kept_e_mail_without_a_trace(store: UsageStore) -> None:
    store.record_unmatched("Do you sell gift cards?", keep_emails=True)
    store.record_unmatched("Can I pay by bank transfer?", keep_emails=True)
    assert b"bank transfer" in store_bytes(default_store_path())
    assert store.forget_emails() == 2
    assert store.gaps() == []
    raw = store_bytes(default_store_path())
    assert b"gift cards" not in raw and b"bank transfer" not in raw
    assert [r.count for r in store.rows() if r.event == "unmatched"] == [2]  # counts stay


def test_threads_recording_at_once_lose_nothing(store: UsageStore, lib: expander.Library) -> None:
    import threading

    late, refund = lib.get("late"), lib.get("refund")

    def work() -> None:
        for _ in range(100):
            store.record_expansion(late)
            store.record_accepted(refund, 2)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {(r.snippet, r.event, r.count) for r in store.rows()} == {
        ("late", "expanded", 400),
        ("refund", "accepted", 400),
    }


def test_the_pack_version_comes_from_the_library_or_the_caller(
    store: UsageStore, lib: expander.Library
) -> None:
    store.record_expansion(lib.get("late"))
    store.record_expansion(lib.get("late"), "1.1.0")
    store.versions = {}  # a library not told to the store: the version stays empty
    store.record_accepted(lib.get("late"), 1)
    assert [(r.event, r.version) for r in store.rows()] == [
        ("accepted", ""),
        ("expanded", "1.1.0"),
        ("expanded", "1.2.0"),
    ]


# --- crash safety and concurrency -----------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import expander
    from expander.stats.store import UsageStore

    lib = expander.load(sys.argv[2], include_bundled=False)
    late = lib.get("late")
    store = UsageStore.open(Path(sys.argv[1]), max_emails=20)  # pruning in every write
    store.use_library(lib)
    n = 0
    while True:
        store.record_expansion(late)
        store.record_suggestions_shown([late, lib.get("refund")])
        store.record_unmatched(f"Question {n} about gift cards?", keep_emails=True)
        n += 1
        if n in (50, 100):
            print(n, flush=True)
    """
)


def start_writer(tmp_path: Path, db: Path, pack: Path) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(db), str(pack)],
        stdout=subprocess.PIPE, text=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip


def test_a_kill_during_writes_leaves_a_readable_store(
    tmp_path: Path, write: WriteFile, lib: expander.Library
) -> None:
    db = tmp_path / "usage.sqlite3"
    proc = start_writer(tmp_path, db, write("shop.toml", PACK))
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "50"  # well into its loop of writes
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
        if proc.stdout is not None:
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    with UsageStore.open(db) as store:
        rows = store.rows()
        expanded = sum(r.count for r in rows if r.event == "expanded")
        requested = sum(r.count for r in rows if r.event == "requested")
        assert expanded >= 50
        assert requested in (expanded, expanded - 1)  # each record is whole or absent
        unmatched = sum(r.count for r in rows if r.event == "unmatched")
        assert unmatched in (requested, requested - 1)
        assert [g.text for g in store.gaps()] == [  # the newest 20, in order
            f"Question {n} about gift cards?" for n in range(unmatched - 20, unmatched)
        ]
        summary = summarize(rows, lib)
        assert summary.snippets[0].snippet == "late"
        store.record_expansion(lib.get("late"))  # and it takes new records
        assert sum(r.count for r in store.rows() if r.event == "expanded") == expanded + 1


def test_the_cli_reads_while_the_app_writes(
    tmp_path: Path, write: WriteFile, lib: expander.Library
) -> None:
    db = tmp_path / "usage.sqlite3"
    proc = start_writer(tmp_path, db, write("shop.toml", PACK))
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "50"
        with UsageStore.open(db) as reader:
            first = sum(r.count for r in reader.rows() if r.event == "expanded")
            assert proc.stdout.readline().strip() == "100"  # the writer went on meanwhile
            later = sum(r.count for r in reader.rows() if r.event == "expanded")
            assert 50 <= first < later
            assert len(reader.gaps()) == 20
    finally:
        proc.kill()
        proc.wait(30)
        if proc.stdout is not None:
            proc.stdout.close()
