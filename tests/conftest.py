from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

WriteFile = Callable[[str, str], Path]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The Xvfb tests share one X server and one keyboard: with ``-n`` (pytest-xdist,
    ``--dist loadgroup``, as ``make test`` runs) they all go to one worker, in
    order, while the other workers run the rest."""
    for item in items:
        if item.get_closest_marker("desktop"):
            item.add_marker(pytest.mark.xdist_group("desktop"))


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
