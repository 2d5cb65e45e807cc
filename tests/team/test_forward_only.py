"""Agents only ever move forward, even when anyone can rewrite the (unsigned) index.

The index names each pack's version and archive, and it is not signed; the
archive's manifest is. An index rewritten to name an older signed archive as a
newer version, or any archive as another version than its manifest says, must
be refused like any other broken update: the installed version stays, and
``pack list`` says why. An explicit ``pack rollback`` still goes back.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from expander.team import PackManager, VerificationError
from tests.team.helpers import (
    NAME,
    V1,
    V2,
    V3,
    PackServer,
    build,
    forge_index,
    leftovers,
    loaded_bodies,
    publish,
    serve_raw,
    snapshot,
)


@pytest.fixture
def signed_v2(
    tmp_path: Path,
    server: PackServer,
    mgr: PackManager,
    keys: tuple[Path, str],
    pinned_v1: dict[str, bytes],
) -> dict[str, bytes]:
    """Signed 1.0.0 and 1.1.0 both published; the agent updated to 1.1.0 with the key pinned."""
    publish(tmp_path, server, "1.1.0", V2, sign=keys[0])
    [result] = mgr.update()
    assert (result.outcome, result.version) == ("updated", "1.1.0")
    server.seen.clear()
    return snapshot()


def assert_still_v2(before: dict[str, bytes], mgr: PackManager, error: str) -> None:
    """1.1.0 is active, byte for byte, and ``pack list`` shows the refusal as a failed check."""
    assert snapshot() == before
    assert loaded_bodies() == V2
    assert leftovers() == []
    [listed] = mgr.installed()
    assert (listed.version, listed.status, listed.error) == ("1.1.0", "error", error)
    assert listed.previous_versions == ("1.0.0",)


def test_an_index_rewritten_to_name_an_older_signed_archive_is_refused(
    server: PackServer, mgr: PackManager, signed_v2: dict[str, bytes]
) -> None:
    forge_index(server.root, "1.2.0", f"{NAME}-1.0.0.zip")
    [result] = mgr.update()
    message = (
        f"{NAME}: the index names version 1.2.0, but its archive "
        f"{server.url}{NAME}-1.0.0.zip holds 1.0.0: refused (the index was changed, "
        "or names the wrong archive)"
    )
    assert (result.outcome, result.version, result.message) == ("failed", "1.1.0", message)
    assert str(result) == f"{NAME}: update failed: {message} (1.1.0 is still installed)"
    assert_still_v2(signed_v2, mgr, message)
    [again] = mgr.update()  # the failed check kept no validators: the next one refuses again
    assert (again.outcome, again.message, again.repeated) == ("failed", message, True)
    assert_still_v2(signed_v2, mgr, message)


@pytest.mark.parametrize(
    ("holds", "claimed"),
    [("1.1.0", "1.2.0"), ("1.2.0", "1.3.0"), ("1.3.0", "1.2.0")],
    ids=["the-active-version", "newer-claimed-higher", "newer-claimed-lower"],
)
def test_an_index_naming_another_version_than_the_archive_holds_is_refused(
    tmp_path: Path,
    server: PackServer,
    mgr: PackManager,
    keys: tuple[Path, str],
    signed_v2: dict[str, bytes],
    holds: str,
    claimed: str,
) -> None:
    archive = build(tmp_path / holds, holds, V3, sign=keys[0])
    serve_raw(server.root, archive, claimed)  # published as <name>-<claimed>.zip
    [result] = mgr.update()
    message = (
        f"{NAME}: the index names version {claimed}, but its archive "
        f"{server.url}{NAME}-{claimed}.zip holds {holds}: refused (the index was changed, "
        "or names the wrong archive)"
    )
    assert (result.outcome, result.message) == ("failed", message)
    assert_still_v2(signed_v2, mgr, message)


def test_a_forced_update_never_installs_an_older_version(
    server: PackServer, mgr: PackManager, signed_v2: dict[str, bytes]
) -> None:
    forge_index(server.root, "1.0.0", f"{NAME}-1.0.0.zip")  # honest about the version
    [result] = mgr.update()
    assert (result.outcome, result.message) == (
        "unchanged",
        "up to date (the source offers the older 1.0.0)",
    )
    [result] = mgr.update(force=True)
    message = (
        f"{NAME}: {server.url}{NAME}-1.0.0.zip holds 1.0.0, not newer than the installed "
        "1.1.0: refused (updates only move forward; 'expander pack rollback' goes back)"
    )
    assert (result.outcome, result.message) == ("failed", message)
    assert_still_v2(signed_v2, mgr, message)


def test_a_genuine_newer_version_installs_after_a_refused_rollback(
    tmp_path: Path,
    server: PackServer,
    mgr: PackManager,
    keys: tuple[Path, str],
    signed_v2: dict[str, bytes],
) -> None:
    forge_index(server.root, "1.2.0", f"{NAME}-1.0.0.zip")
    assert mgr.update()[0].outcome == "failed"
    # the publisher's next version, above the one the forged index names
    publish(tmp_path, server, "1.3.0", V3, sign=keys[0])
    [result] = mgr.update()
    assert (result.outcome, result.version) == ("updated", "1.3.0")
    assert str(result) == f"{NAME} 1.3.0: 1 new"
    assert loaded_bodies() == V3
    [listed] = mgr.installed()
    assert (listed.version, listed.status, listed.error) == ("1.3.0", "ok", None)
    assert listed.previous_versions == ("1.1.0", "1.0.0")


def test_an_explicit_rollback_still_goes_back_and_force_goes_forward_again(
    server: PackServer, mgr: PackManager, signed_v2: dict[str, bytes], pinned_v1: dict[str, bytes]
) -> None:
    genuine = (server.root / "index.json").read_bytes()
    forge_index(server.root, "1.2.0", f"{NAME}-1.0.0.zip")
    assert mgr.update()[0].outcome == "failed"
    change = mgr.rollback(NAME)
    assert (change.old_version, change.new_version) == ("1.1.0", "1.0.0")
    assert snapshot() == pinned_v1
    assert loaded_bodies() == V1
    [listed] = mgr.installed()
    assert (listed.version, listed.status, listed.skipped_version) == ("1.0.0", "ok", "1.1.0")
    (server.root / "index.json").write_bytes(genuine)
    [result] = mgr.update(force=True)  # the version rolled back from, newer: installed
    assert (result.outcome, result.version) == ("updated", "1.1.0")
    assert loaded_bodies() == V2


def test_subscribing_to_an_index_naming_another_version_installs_nothing(
    tmp_path: Path, server: PackServer, mgr: PackManager
) -> None:
    serve_raw(server.root, build(tmp_path, "1.0.0", V1), "1.1.0")
    with pytest.raises(VerificationError) as refused:
        mgr.subscribe(server.url)
    assert str(refused.value) == (
        f"{NAME}: the index names version 1.1.0, but its archive {server.url}{NAME}-1.1.0.zip "
        "holds 1.0.0: refused (the index was changed, or names the wrong archive)"
    )
    assert mgr.installed() == []
    assert loaded_bodies() == {}
