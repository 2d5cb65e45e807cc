from __future__ import annotations

import contextlib
import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

WriteFile = Callable[[str, str], Path]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """With ``-n`` (pytest-xdist, as ``make test`` runs) every test under
    tests/desktop goes to one worker, in file order: those tests share module-wide
    apps and windows on one X server, and the timing of real keys is best kept off
    a core that another X server also needs. The other workers take the rest,
    test by test.

    (pytest-xdist's own ``--dist loadgroup`` marks groups by rewriting node ids,
    which pytest 9 no longer allows.)"""
    from xdist.scheduler import LoadScopeScheduling

    class DesktopTogether(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return "tests/desktop" if nodeid.startswith("tests/desktop/") else nodeid

    return DesktopTogether(config, log)


_YIELDING_NICENESS = 10
_STARTING_NICENESS = os.getpriority(os.PRIO_PROCESS, 0)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Under pytest-xdist, a worker that runs a test outside tests/desktop yields the
    CPU to the one that runs the desktop tests (and to its X server, IBus and the
    windows it drives): those send real keys at 15 ms a key and read the result, so
    a busy neighbour can make a client drop or reorder keys where no person types
    that fast. Twice in CI an xterm fast-typing test under IBus lost keys for a
    minute on end and then passed alone (session 31; the cause was not pinned
    down, a busy neighbour the likeliest). The
    worker that took the desktop tests after others goes back to where it started
    (as root, as CI runs; a user may not lower it: then both yield alike). Nothing
    changes without xdist (``pytest`` alone runs every test in one process)."""
    if not hasattr(item.config, "workerinput"):
        return
    wanted = _STARTING_NICENESS if _desktop_test(item) else _YIELDING_NICENESS
    if os.getpriority(os.PRIO_PROCESS, 0) != wanted:
        with contextlib.suppress(PermissionError):
            os.setpriority(os.PRIO_PROCESS, 0, wanted)


def _desktop_test(item: pytest.Item) -> bool:
    return item.nodeid.startswith("tests/desktop/")


@pytest.fixture
def write(tmp_path: Path) -> WriteFile:
    """Write a dedented text file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def expander_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own empty EXPANDER_HOME, never the real user folders."""
    home = tmp_path / "home"
    monkeypatch.setenv("EXPANDER_HOME", str(home))
    yield home
