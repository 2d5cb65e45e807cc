"""Fixtures of the team pack tests: the server, a manager, a key pair, and a
pack already installed by subscribing (plain, or with the publisher's key pinned)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from expander.team import PackManager, generate_key
from tests.team.helpers import NAME, V1, PackServer, publish, serving, snapshot


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PackServer]:
    with serving(tmp_path / "www") as owner:
        yield owner


@pytest.fixture
def mgr() -> PackManager:
    return PackManager(timeout=2.0, lock_timeout=10.0)


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, str]:
    private = tmp_path / "keys" / "publisher.key"
    return private, generate_key(private)


@pytest.fixture
def installed_v1(tmp_path: Path, server: PackServer, mgr: PackManager) -> dict[str, bytes]:
    """1.0.0 published and subscribed to over HTTP; returns what is installed."""
    publish(tmp_path, server, "1.0.0", V1)
    an_hour_ago = time.time() - 3600  # a Last-Modified from this very second is not kept
    os.utime(server.root / "index.json", (an_hour_ago, an_hour_ago))
    change = mgr.subscribe(server.url)
    assert str(change) == f"{NAME} 1.0.0: installed, 3 snippet(s)"
    server.seen.clear()
    return snapshot()


@pytest.fixture
def pinned_v1(
    tmp_path: Path, server: PackServer, mgr: PackManager, keys: tuple[Path, str]
) -> dict[str, bytes]:
    """1.0.0 signed, subscribed with the publisher's key pinned."""
    private, public = keys
    publish(tmp_path, server, "1.0.0", V1, sign=private)
    mgr.subscribe(server.url, key=public)
    server.seen.clear()
    return snapshot()
