"""The dependency pins in pyproject.toml allow no release the code cannot run on."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"

# Measured by installing each release: snowballstemmer 2.2.0, 3.0.0.1 and 3.0.1 have no
# Polish stemmer (stemmer("polish") raises KeyError; 3.0.0 has none at all), 3.1.0 has it.
FIRST_WITH_POLISH = (3, 1)


def _lowest(requirement: str) -> tuple[int, ...]:
    match = re.search(r">=\s*([\d.]+)", requirement)
    assert match, f"{requirement}: no lower bound"
    return tuple(int(part) for part in match.group(1).split("."))


def test_snowballstemmer_is_pinned_to_a_release_with_a_polish_stemmer() -> None:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    [pin] = [d for d in dependencies if d.startswith("snowballstemmer")]
    assert _lowest(pin) >= FIRST_WITH_POLISH


def test_the_installed_snowballstemmer_stems_english_polish_and_russian() -> None:
    import snowballstemmer

    for language in ("english", "polish", "russian"):
        assert snowballstemmer.stemmer(language).stemWord("a")
