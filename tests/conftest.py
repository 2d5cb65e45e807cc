from __future__ import annotations

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
