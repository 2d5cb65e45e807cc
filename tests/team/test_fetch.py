"""Reading a shared folder (expander/team/fetch.py): only regular files, and never
longer than a download may take (issue #13, problem 11).

Each test that could hang before the fix runs the read on a thread and asserts
it ended well within a generous bound, then opens any FIFO for writing so a
stuck reader is released.
"""

from __future__ import annotations

import contextlib
import io
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from expander.errors import SourceError
from expander.team import PackManager, fetch, publish_pack
from tests.team.helpers import NAME, V1, build

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

BOUND = 20.0  # seconds: proves "does not hang", not how fast


@contextlib.contextmanager
def released(fifo: Path) -> Iterator[None]:
    """Afterwards, a writer opens and closes ``fifo``: a reader stuck on it returns."""
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def ends(action: Callable[[], object]) -> BaseException | None:
    """What ``action`` raised, asserting it returned within :data:`BOUND` seconds."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(BOUND)
    assert outcome, f"still reading after {BOUND} s"
    return outcome[0]


def test_a_fifo_named_as_the_archive_is_refused_at_once(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    result = publish_pack(build(tmp_path, "1.0.0", V1), shared)
    result.archive.unlink()
    os.mkfifo(result.archive)
    with released(result.archive):
        error = ends(lambda: PackManager(timeout=2.0, lock_timeout=10.0).subscribe(shared))
    assert isinstance(error, SourceError)
    assert f"{result.archive} is a named pipe (FIFO), not a file: refused" in str(error)


def test_a_fifo_as_the_index_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.mkfifo(shared / "index.json")
    with released(shared / "index.json"):
        error = ends(lambda: PackManager(timeout=2.0).subscribe(shared))
    assert isinstance(error, SourceError) and "is a named pipe (FIFO), not a file" in str(error)


def test_a_fifo_index_after_subscribing_fails_the_update_without_hanging(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    publish_pack(build(tmp_path, "1.0.0", V1), shared)
    mgr = PackManager(timeout=2.0, lock_timeout=10.0)
    mgr.subscribe(shared)
    (shared / "index.json").unlink()
    os.mkfifo(shared / "index.json")
    with released(shared / "index.json"):
        assert ends(lambda: mgr.update()) is None
        [result] = mgr.update()
    assert result.outcome == "failed" and "named pipe" in result.message
    assert mgr.installed()[0].name == NAME


@pytest.mark.parametrize(("device", "words"), [("/dev/zero", "a device"), ("/", "a folder")])
def test_devices_and_folders_are_refused(device: str, words: str) -> None:
    with pytest.raises(SourceError, match=f"is {words}, not a file: refused"):
        fetch.read_local(Path(device), io.BytesIO(), 1 << 20, None)


def test_a_read_without_data_for_the_timeout_gives_up(tmp_path: Path) -> None:
    """A read the file system does not answer, played by a progress call that stalls."""
    path = tmp_path / "big.zip"
    path.write_bytes(b"x" * (1 << 18))
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"no data within 0.3 s \(timed out\)"):
        fetch.read_local(
            path, io.BytesIO(), 1 << 20, lambda done, total: time.sleep(5), timeout=0.3
        )
    assert time.monotonic() - started < 5


def test_a_read_slower_than_the_download_limit_gives_up(tmp_path: Path) -> None:
    path = tmp_path / "big.zip"
    path.write_bytes(b"x" * (1 << 20))
    with pytest.raises(SourceError, match=r"took longer than 0.5 s"):
        fetch.read_local(
            path, io.BytesIO(), 1 << 21, lambda done, total: time.sleep(0.1), timeout=5, limit=0.5
        )
