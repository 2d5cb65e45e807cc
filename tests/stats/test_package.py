"""The ``expander.stats`` package as a whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_import_expander_stats_stays_light() -> None:
    code = (
        "import sys, expander.stats; "
        "heavy = [m for m in "
        "('numpy', 'rapidfuzz', 'expander.suggest.ranker', 'tkinter', 'pynput') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert out.stdout.strip() == "[]"
