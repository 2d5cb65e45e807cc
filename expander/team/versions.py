"""Versions: semver precedence, and whether this Expander may install a pack."""

from __future__ import annotations

import re

from expander.errors import VerificationError

__all__ = ["check_compatible", "compare_versions", "expander_version", "release_of"]

_SEMVER_PARTS_RE = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\Z"
)
_LOOSE_VERSION_RE = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)\Z")

_VersionKey = tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]


def _version_key(version: str) -> _VersionKey:
    """Semver precedence: a pre-release sorts before its release; build metadata is ignored.

    Expander's own version may be PEP 440 (``0.2.0.dev1``); anything after the
    numbers then counts as a pre-release, which is the safe reading.
    """
    match = _SEMVER_PARTS_RE.match(version)
    if match:
        major, minor, patch, pre = match.groups()
    else:
        loose = _LOOSE_VERSION_RE.match(version.strip().lstrip("vV"))
        if loose is None:
            raise ValueError(f"not a version: {version!r}")
        major, minor, patch = (g or "0" for g in loose.groups()[:3])
        pre = loose.group(4).strip(".-+") or None
    identifiers: tuple[tuple[int, int | str], ...] = ()
    if pre:
        identifiers = tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split("."))
    return (int(major), int(minor), int(patch), 0 if pre else 1, identifiers)


def compare_versions(a: str, b: str) -> int:
    """-1, 0 or 1 as version ``a`` is older than, the same as, or newer than ``b``."""
    ka, kb = _version_key(a), _version_key(b)
    return (ka > kb) - (ka < kb)


def expander_version() -> str:
    """The running Expander's version, as the ``expander`` package states it."""
    from expander import __version__

    return __version__


def release_of(version: str) -> str:
    """``major.minor.patch`` of a version, without pre-release or build parts."""
    major, minor, patch, _, _ = _version_key(version)
    return f"{major}.{minor}.{patch}"


def check_compatible(name: str, version: str, needs: str) -> None:
    """Refuse pack ``name`` ``version`` when it needs a newer Expander than this one."""
    current = expander_version()
    if compare_versions(current, needs) < 0:
        raise VerificationError(
            f"{name} {version} needs Expander {needs} or newer (this is {current}): "
            "update Expander, then run the update again"
        )
