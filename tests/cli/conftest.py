from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import Cli


@pytest.fixture
def cli(
    expander_home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Cli:
    """``expander ...`` in this process, with the test's EXPANDER_HOME, in tmp_path."""
    return Cli(expander_home, tmp_path, capsys, monkeypatch)
