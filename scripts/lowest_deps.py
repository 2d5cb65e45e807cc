#!/usr/bin/env python3
"""Print Expander's runtime dependencies pinned to the lowest versions pyproject.toml
allows (``name>=1.2`` becomes ``name==1.2``), for ``make test-lowest``: the suite run
on those versions proves the lower bounds are true, not hopeful."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def lowest_pins(pyproject: Path = PYPROJECT) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)", requirement)
        if match is None:
            sys.exit(f"{requirement!r}: every dependency needs a lower bound (>=)")
        pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


if __name__ == "__main__":
    print(" ".join(lowest_pins()))
