"""The CLI on a personal pack nested too deeply for the TOML parser, and on a
folder where nothing can be saved (session 31b)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tests.cli.runner import Cli

PACK_HEAD = '[pack]\nname = "personal"\nversion = "1.0.0"\n'
DEEP_TABLE = "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n"
SNIPPET = '[[snippets]]\nid = "hi"\ntitle = "Hi"\nbody = "Hi!"\n'


def test_check_and_new_name_the_file_and_keep_it(cli: Cli, expander_home: Path) -> None:
    personal = expander_home / "personal.toml"
    personal.parent.mkdir(parents=True)
    personal.write_text(PACK_HEAD + DEEP_TABLE, encoding="utf-8")
    before = personal.read_bytes()
    checked = cli("check", "--no-bundled")
    assert checked.code == 1
    assert f"{personal}: error: invalid TOML: arrays or inline tables are nested" in checked.out
    assert "Traceback" not in checked.err
    added = cli("new", "--id", "thanks", "--body", "Thanks!")
    assert added.code == 1 and "nested too deeply" in added.err
    assert personal.read_bytes() == before


def test_a_save_that_fails_names_the_personal_file_not_a_temp_file(
    cli: Cli, expander_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    personal = expander_home / "personal.toml"
    personal.parent.mkdir(parents=True)
    personal.write_text(PACK_HEAD + SNIPPET, encoding="utf-8")
    before = personal.read_bytes()
    real_fsync = __import__("os").fsync

    def full_disk(fd: int) -> None:  # a full disk fails in write or fsync, naming no file
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("os.fsync", full_disk)
    added = cli("new", "--id", "thanks", "--body", "Thanks!")
    monkeypatch.setattr("os.fsync", real_fsync)
    assert added.code == 1
    assert added.err == f"Error: No space left on device ({personal}.bak)\n"
    assert personal.read_bytes() == before
    assert sorted(p.name for p in expander_home.iterdir()) == ["personal.toml"]  # no temp left
