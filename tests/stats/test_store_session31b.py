"""A usage store SQLite cannot open because of the disk, not its content (session
31b): the error said "move it away and Expander starts a new one" for a full disk
too, advice that throws the agent's statistics away and fixes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from expander.errors import StatsError
from expander.stats.store import UsageStore


def test_a_store_the_disk_refuses_is_not_called_unusable(tmp_path: Path) -> None:
    path = tmp_path / "usage.sqlite3"
    UsageStore.open(path).close()
    kept = path.read_bytes()
    Path(f"{path}-wal").mkdir()  # SQLite cannot make its log beside the store
    with pytest.raises(StatsError) as raised:
        UsageStore.open(path)
    assert str(raised.value) == f"{path}: cannot open the usage store: unable to open database file"
    assert path.read_bytes() == kept


def test_a_file_that_is_not_a_store_is_still_to_be_moved_away(tmp_path: Path) -> None:
    path = tmp_path / "usage.sqlite3"
    path.write_bytes(b"not a database " * 200)
    with pytest.raises(StatsError, match="move it away and Expander starts a new one"):
        UsageStore.open(path)
