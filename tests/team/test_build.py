"""Building a pack folder into an archive: the manifest, reproducibility, refusals, signing."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

import expander
from expander.errors import DistributeError, PackError
from expander.team import build_pack, inspect_archive, key_id
from expander.team.formats import MANIFEST_NAME
from tests.team.helpers import NAME, V1, build, pack_folder


def test_build_writes_a_manifest_with_a_checksum_per_file(tmp_path: Path) -> None:
    archive = build(tmp_path, "1.0.0", V1)
    assert archive.name == "support-team-1.0.0.zip"
    with zipfile.ZipFile(archive) as zf:
        assert zf.namelist() == [MANIFEST_NAME, "pack.toml", "more/rest.toml"]
        manifest = json.loads(zf.read(MANIFEST_NAME))
        for name, entry in manifest["files"].items():
            data = zf.read(name)
            assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    assert manifest["name"] == NAME
    assert manifest["version"] == "1.0.0"
    assert manifest["min_expander_version"] == expander.__version__
    assert manifest["snippets"] == 3
    assert manifest["created"].endswith("Z")
    assert inspect_archive(archive).manifest.version == "1.0.0"


def test_build_is_reproducible_with_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    src = pack_folder(tmp_path / "src", "1.0.0", V1)
    first = build_pack(src, tmp_path / "a.zip").archive.read_bytes()
    second = build_pack(src, tmp_path / "b.zip").archive.read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        assert json.loads(zf.read(MANIFEST_NAME))["created"] == "2026-01-01T00:00:00Z"


def test_build_refuses_a_broken_pack_naming_file_and_line(tmp_path: Path) -> None:
    src = pack_folder(tmp_path / "src", "1.0.0", V1)
    (src / "more" / "rest.toml").write_text(
        '[[snippets]]\nid = "ok"\ntitle = "Ok"\nbody = "fine"\n\n'
        '[[snippets]]\nid = "bad"\ntitle = "Bad"\nbody = "Hello {name"\n',
        encoding="utf-8",
    )
    with pytest.raises(PackError) as caught:
        build_pack(src, tmp_path / "out.zip")
    assert "nothing was built" in str(caught.value)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == (src / "more" / "rest.toml", 9)
    assert "'{' is never closed" in problem.message
    assert not (tmp_path / "out.zip").exists()


def test_build_refuses_a_reference_to_no_snippet(tmp_path: Path) -> None:
    src = pack_folder(tmp_path / "src", "1.0.0", {"a": "see {snippet:nowhere}"})
    with pytest.raises(PackError) as caught:
        build_pack(src, tmp_path / "out.zip")
    assert "refers to no loaded snippet" in caught.value.problems[0].message


def test_build_refuses_a_pack_file_linked_to_a_file_outside_the_folder(tmp_path: Path) -> None:
    src = pack_folder(tmp_path / "src", "1.0.0", V1)
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('[[snippets]]\nid = "far"\ntitle = "Far"\nbody = "from elsewhere"\n')
    (src / "more" / "far.toml").symlink_to(outside)
    with pytest.raises(DistributeError, match="outside the pack folder") as caught:
        build_pack(src, tmp_path / "out.zip")
    assert str(src / "more" / "far.toml") in str(caught.value)
    assert not (tmp_path / "out.zip").exists()


def test_build_takes_a_link_that_stays_inside_the_folder(tmp_path: Path) -> None:
    src = pack_folder(tmp_path / "src", "1.0.0", V1)
    (src / ".drafts").mkdir()  # hidden folders are no part of the pack
    (src / "more" / "rest.toml").rename(src / ".drafts" / "rest.toml")
    (src / "more" / "rest.toml").symlink_to(src / ".drafts" / "rest.toml")
    archive = build_pack(src, tmp_path / "out.zip").archive
    with zipfile.ZipFile(archive) as zf:
        assert zf.namelist() == [MANIFEST_NAME, "pack.toml", "more/rest.toml"]
        assert zf.read("more/rest.toml") == (src / ".drafts" / "rest.toml").read_bytes()


def test_build_can_sign_and_the_signature_verifies(tmp_path: Path, keys: tuple[Path, str]) -> None:
    private, public = keys
    archive = build(tmp_path, "1.0.0", V1, sign=private)
    info = inspect_archive(archive, public_key=public)
    assert (info.verified, info.signed, info.signed_by) == (True, True, key_id(public))
    unchecked = inspect_archive(archive)
    assert (unchecked.verified, unchecked.signed_by) == (False, key_id(public))
