"""The usage store opened read-only, for the reports on a home that cannot be written
(session 32; the CLI end to end, held to permission bits as root, is in
tests/cli/test_stats_readonly_session32.py). Reading writes nothing: no file, side
file or table is created, and nothing is recorded or deleted."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from expander.errors import StatsError
from expander.stats.store import UsageStore


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _store(path: Path) -> Path:
    with UsageStore.open(path) as store:
        store.record_expansion(SimpleNamespace(pack="team", id="hello"))
        store.record_unmatched("Where is my parcel?", keep_emails=True)
    return path


def test_read_only_reads_everything_and_writes_nothing(tmp_path: Path) -> None:
    path = _store(tmp_path / "usage.sqlite3")
    before = path.read_bytes()
    with UsageStore.open(path, read_only=True) as store:
        assert [(r.snippet, r.event, r.count) for r in store.rows()] == [
            ("", "unmatched", 1),
            ("hello", "expanded", 1),
        ]
        assert [g.text for g in store.gaps()] == ["Where is my parcel?"]
        store.record_expansion(SimpleNamespace(pack="team", id="hello"))  # never raises
        with pytest.raises(StatsError, match="cannot be deleted: the usage store was opened"):
            store.forget_emails()
    # (in a folder it may write, SQLite leaves its -shm and an empty -wal beside the file)
    assert path.read_bytes() == before
    assert path.with_name("usage.sqlite3-wal").read_bytes() == b""


def test_a_store_with_no_tables_yet_reads_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "usage.sqlite3"
    path.write_bytes(b"")  # created by an open that was stopped before its first write
    with UsageStore.open(path, read_only=True) as store:
        assert (store.rows(), store.gaps()) == ([], [])
    assert _listing(tmp_path) == {"usage.sqlite3": b""}


def test_read_only_still_refuses_a_newer_schema_and_a_damaged_file(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    sqlite3.connect(newer).execute("PRAGMA user_version = 7").connection.close()
    with pytest.raises(StatsError, match=r"written by a newer Expander \(schema 7\)"):
        UsageStore.open(newer, read_only=True)
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database " * 200)
    with pytest.raises(StatsError, match="move it away and Expander starts a new one"):
        UsageStore.open(damaged, read_only=True)
    with pytest.raises(StatsError, match="move it away and Expander starts a new one"):
        UsageStore.open_to_read(damaged)


def test_open_to_read_opens_a_writable_store_as_open_does(tmp_path: Path) -> None:
    path = _store(tmp_path / "usage.sqlite3")
    with UsageStore.open_to_read(path) as store:
        assert not store.read_only
        assert [g.text for g in store.gaps()] == ["Where is my parcel?"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["usage.sqlite3"]


def test_a_missing_store_is_not_created_by_reading_it(tmp_path: Path) -> None:
    with pytest.raises(StatsError, match="cannot read the usage store"):
        UsageStore.open(tmp_path / "none.sqlite3", read_only=True)
    assert list(tmp_path.iterdir()) == []
