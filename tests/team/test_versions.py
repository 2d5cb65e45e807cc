"""Versions compare by semver precedence, Expander's own PEP 440 versions included."""

from __future__ import annotations

import pytest

from expander.team import compare_versions


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        ("1.0.0", "1.0.1"),
        ("1.9.0", "1.10.0"),
        ("1.0.0-alpha", "1.0.0"),
        ("1.0.0-alpha", "1.0.0-alpha.1"),
        ("1.0.0-alpha.1", "1.0.0-beta"),
        ("1.0.0-beta.2", "1.0.0-beta.11"),
        ("1.0.0-rc.1", "1.0.0"),
        ("0.1.0", "0.2.0.dev1"),
        ("0.2.0.dev1", "0.2.0"),
    ],
)
def test_versions_compare_by_semver(older: str, newer: str) -> None:
    assert compare_versions(older, newer) == -1
    assert compare_versions(newer, older) == 1
    assert compare_versions(older, older) == 0
    assert compare_versions("1.0.0+build.5", "1.0.0") == 0
