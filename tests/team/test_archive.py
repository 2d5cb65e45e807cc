"""Hostile archives refused before anything is written: names that escape the pack
folder or land elsewhere on Windows and macOS, and central directories too large to read."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from expander.team import VerificationError, inspect_archive
from expander.team.formats import MANIFEST_NAME
from tests.team.helpers import craft, pack_toml


def test_files_outside_the_pack_folder_are_refused(tmp_path: Path) -> None:
    evil = {"../evil.toml": pack_toml("1.1.0")}
    with pytest.raises(VerificationError, match="leaves the pack folder"):
        inspect_archive(craft(tmp_path / "e.zip", {"pack.toml": pack_toml("1.1.0"), **evil}))
    unlisted = craft(tmp_path / "u.zip", {"pack.toml": pack_toml("1.1.0")}, extra={"x.toml": b""})
    with pytest.raises(VerificationError, match="does not list"):
        inspect_archive(unlisted)


@pytest.mark.parametrize(
    ("member", "problem"),
    [
        ("con.toml", "device name on Windows"),
        ("more/LPT1.toml", "device name on Windows"),
        ("more /x.toml", "unusual name"),  # Windows drops the trailing space
        ("more./x.toml", "unusual name"),  # and the trailing dot
        ("Pack.toml", "differ only in case"),
    ],
)
def test_names_windows_or_macos_would_write_elsewhere_are_refused(
    tmp_path: Path, member: str, problem: str
) -> None:
    files = {"pack.toml": pack_toml("1.1.0"), member: b""}
    with pytest.raises(VerificationError, match=problem):
        inspect_archive(craft(tmp_path / "w.zip", files))


def many_entries(path: Path, count: int) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(MANIFEST_NAME, b"{}")
        for number in range(count):
            archive.writestr(f"{number}.toml", b"")
    return path


@pytest.mark.parametrize(
    ("count", "problem"),
    [(2100, "more than the 2000 files a pack may have"), (70_000, "Zip64")],
)
def test_an_archive_listing_too_many_files_is_refused_before_zipfile_reads_them(
    tmp_path: Path, count: int, problem: str
) -> None:
    archive = many_entries(tmp_path / "many.zip", count)
    with pytest.raises(VerificationError, match=problem):
        inspect_archive(archive)
