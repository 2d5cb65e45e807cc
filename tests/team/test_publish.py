"""Publishing to a shared folder: the archive and index written, and what is refused."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from expander.team import DistributeError, VerificationError, build_pack, publish_pack
from tests.team.helpers import NAME, V1, V2, build, craft, pack_folder, pack_toml


def test_publish_writes_the_archive_and_an_index(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    first = publish_pack(build(tmp_path, "1.0.0", V1), shared)
    assert first.previous_version is None
    second = publish_pack(build(tmp_path, "1.1.0", V2), shared)
    assert second.previous_version == "1.0.0"
    index = json.loads((shared / "index.json").read_text())
    entry = index["packs"][NAME]
    assert entry["version"] == "1.1.0"
    assert entry["file"] == "support-team-1.1.0.zip"
    data = (shared / "support-team-1.1.0.zip").read_bytes()
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert (shared / "support-team-1.0.0.zip").is_file()  # agents mid-download finish it
    assert sorted(p.name for p in shared.iterdir()) == [
        "index.json",
        "support-team-1.0.0.zip",
        "support-team-1.1.0.zip",
    ]


def test_publish_refuses_going_backwards_or_changing_a_published_version(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "shared"
    publish_pack(build(tmp_path, "1.1.0", V2), shared)
    with pytest.raises(DistributeError, match="publish a higher version"):
        publish_pack(build(tmp_path, "1.0.0", V1), shared)
    changed = pack_folder(tmp_path / "changed", "1.1.0", V1)
    with pytest.raises(DistributeError, match="already published with other content"):
        publish_pack(build_pack(changed, tmp_path / "c.zip").archive, shared)
    publish_pack(shared / "support-team-1.1.0.zip", shared)  # the same again is fine


def test_publish_refuses_an_archive_agents_would_refuse(tmp_path: Path) -> None:
    bad = craft(tmp_path / "bad.zip", {"pack.toml": pack_toml("1.1.0", "Hi {name")})
    with pytest.raises(VerificationError, match="invalid snippets"):
        publish_pack(bad, tmp_path / "shared")
    assert not (tmp_path / "shared").exists()
