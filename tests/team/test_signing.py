"""Signing keys: keygen's files and permissions, reading public keys, and life without
``cryptography``."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from expander.team import DistributeError, generate_key, inspect_archive, read_public_key
from tests.team.helpers import V1, build


def test_keygen_writes_a_private_key_only_its_owner_reads(
    tmp_path: Path, keys: tuple[Path, str]
) -> None:
    private, public = keys
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert public.startswith("ed25519:")
    assert read_public_key(private.with_name("publisher.key.pub")) == public
    assert read_public_key(public) == public
    with pytest.raises(DistributeError, match="already exists"):
        generate_key(private)
    with pytest.raises(DistributeError, match="not an Ed25519 public key"):
        read_public_key("ed25519:AAAA")


def test_without_cryptography_signing_fails_with_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in (
        "cryptography.hazmat.primitives",
        "cryptography.hazmat.primitives.asymmetric.ed25519",
    ):
        monkeypatch.setitem(sys.modules, module, None)  # makes `import` fail
    with pytest.raises(DistributeError, match=r"pip install 'expander\[signing\]'"):
        generate_key(tmp_path / "k")
    archive = build(tmp_path, "1.0.0", V1)  # unsigned packs need no cryptography
    assert inspect_archive(archive).signed is False
