"""The one atomic writer: permissions it gives, and when it syncs the folder."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from expander import fsutil
from expander.fsutil import atomic_write_bytes, fsync_dir


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_is_private(tmp_path: Path) -> None:
    shared = tmp_path / "shared.txt"
    shared.write_bytes(b"old")
    shared.chmod(0o640)
    atomic_write_bytes(shared, b"new")
    assert (shared.read_bytes(), mode_of(shared)) == (b"new", 0o640)
    fresh = tmp_path / "fresh.txt"
    atomic_write_bytes(fresh, b"data")
    assert mode_of(fresh) == 0o600


def test_mode_sets_the_permissions_whatever_the_replaced_file_had(tmp_path: Path) -> None:
    key = tmp_path / "publisher.key"
    key.write_bytes(b"old")
    key.chmod(0o644)
    atomic_write_bytes(key, b"secret", mode=0o600)
    assert (key.read_bytes(), mode_of(key)) == (b"secret", 0o600)
    index = tmp_path / "index.json"
    atomic_write_bytes(index, b"{}", mode=0o644)
    assert mode_of(index) == 0o644


def test_the_folder_is_synced_unless_told_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(fsutil, "fsync_dir", lambda folder, **_: synced.append(folder))
    atomic_write_bytes(tmp_path / "a.txt", b"a")
    assert synced == [tmp_path]
    atomic_write_bytes(tmp_path / "b.txt", b"b", sync_folder=False)
    assert synced == [tmp_path]
    assert (tmp_path / "b.txt").read_bytes() == b"b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]  # no temp files


@pytest.mark.skipif(not hasattr(os, "O_DIRECTORY"), reason="folders cannot be opened here")
def test_fsync_dir_raises_only_when_not_best_effort(tmp_path: Path) -> None:
    fsync_dir(tmp_path)
    fsync_dir(tmp_path / "missing")  # best effort: a folder that cannot be opened is no error
    with pytest.raises(FileNotFoundError):
        fsync_dir(tmp_path / "missing", best_effort=False)


# --- private files and folders ---------------------------------------------------------------


@pytest.fixture
def shared_umask() -> Iterator[None]:
    """The usual umask (022): what Python's own file creation leaves readable by all."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.usefixtures("shared_umask")
def test_private_dir_makes_the_folder_owner_only_and_its_parents_as_usual(tmp_path: Path) -> None:
    folder = fsutil.private_dir(tmp_path / "parent" / "data")
    assert (mode_of(folder), mode_of(folder.parent)) == (0o700, 0o755)


@pytest.mark.usefixtures("shared_umask")
def test_private_dir_tightens_a_folder_open_to_others(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o755)
    (folder / "kept.txt").write_bytes(b"kept")
    fsutil.private_dir(folder)
    assert mode_of(folder) == 0o700
    assert (folder / "kept.txt").read_bytes() == b"kept"


@pytest.mark.usefixtures("shared_umask")
def test_private_file_creates_0600_and_tightens_keeping_the_content(tmp_path: Path) -> None:
    fresh = fsutil.private_file(tmp_path / "fresh.db")
    assert (mode_of(fresh), fresh.read_bytes()) == (0o600, b"")
    old = tmp_path / "old.db"
    old.write_bytes(b"counters")
    old.chmod(0o664)
    fsutil.private_file(old)
    assert (mode_of(old), old.read_bytes()) == (0o600, b"counters")


def test_make_private_keeps_the_owners_bits_and_ignores_a_missing_path(tmp_path: Path) -> None:
    script = tmp_path / "run.sh"
    script.write_bytes(b"#!/bin/sh\n")
    script.chmod(0o755)
    assert fsutil.make_private(script) is True
    assert mode_of(script) == 0o700
    assert fsutil.make_private(script) is False
    assert fsutil.make_private(tmp_path / "missing") is False


def test_parts_are_written_one_after_the_other_with_no_temp_file_left(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    table = bytearray(range(256)) * 4
    atomic_write_bytes(path, [b"head", memoryview(table)[8:], b"tail"], mode=0o600)
    assert path.read_bytes() == b"head" + bytes(table[8:]) + b"tail"
    assert [p.name for p in tmp_path.iterdir()] == ["big.bin"]
