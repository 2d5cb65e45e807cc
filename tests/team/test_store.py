"""The store on disk through real processes: updaters killed at chosen moments or
running at once, the lock, rollback, removal, read-only installs, packs copied by
hand, and copies where symlinks cannot be made."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from expander.paths import user_paths
from expander.team import DistributeError, LockTimeoutError, PackManager, publish_pack
from tests.team.helpers import (
    NAME,
    V1,
    V2,
    V3,
    PackServer,
    assert_untouched,
    build,
    leftovers,
    loaded_bodies,
    pack_folder,
    pointer,
    publish,
    snapshot,
)
from tests.waiting import wait_until

# --- processes killed, and processes at the same time ---------------------------------------------


# An updater in its own process. With PAUSE_AT=<stage> it writes its pid to
# PAUSE_FILE when the install reaches that stage and sleeps PAUSE_SECONDS there,
# so a test can kill it at that moment (or let a second updater meet its lock).
UPDATER = """
import os, sys, time
from pathlib import Path
from expander.team import PackManager

def stop_here(stage):
    if os.environ.get("PAUSE_AT") == stage:
        Path(os.environ["PAUSE_FILE"]).write_text(str(os.getpid()), encoding="ascii")
        time.sleep(float(os.environ.get("PAUSE_SECONDS", "30")))

r = PackManager(timeout=5, on_stage=stop_here).update()
print("\\n".join(map(str, r)))
sys.exit(0 if all(x.ok for x in r) else 1)
"""


def start_updater(tmp_path: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", UPDATER],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )


@pytest.mark.parametrize("point", ["downloaded", "before-swap", "after-swap"])
def test_an_updater_killed_mid_install_leaves_a_pack_that_loads(
    tmp_path: Path,
    server: PackServer,
    mgr: PackManager,
    installed_v1: dict[str, bytes],
    point: str,
) -> None:
    publish(tmp_path, server, "1.1.0", V2)
    marker = tmp_path / "paused"
    proc = start_updater(tmp_path, PAUSE_AT=point, PAUSE_FILE=str(marker))
    try:
        assert wait_until(marker.exists, 15)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    [listed] = mgr.installed()  # read without the lock, before anything tidies
    assert listed.status == "ok"
    shown_version = "1.1.0" if point == "after-swap" else "1.0.0"  # the truth: where it is from
    assert listed.installed_from == f"{server.url}support-team-{shown_version}.zip"
    if point == "after-swap":  # the swap happened: the new version, with rollback possible
        assert loaded_bodies() == V2
        assert listed.version == "1.1.0"
        assert listed.previous_versions == ("1.0.0",)
        [result] = mgr.update()
        assert (result.outcome, result.version) == ("unchanged", "1.1.0")
        mgr.rollback(NAME)
    else:
        assert_untouched(installed_v1)
        assert listed.version == "1.0.0"
        assert listed.previous_versions == ()
        [result] = mgr.update()
        assert result.outcome == "updated"
        assert loaded_bodies() == V2
    assert leftovers() == []


def test_an_updater_killed_mid_download_leaves_the_pack_untouched(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    publish(tmp_path, server, "1.1.0", V2)
    server.misbehave["support-team-1.1.0.zip"] = "stall"
    proc = start_updater(tmp_path)
    try:
        assert server.stalled.wait(15)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
    assert_untouched(installed_v1)
    assert mgr.installed()[0].status == "ok"
    del server.misbehave["support-team-1.1.0.zip"]
    [result] = mgr.update()
    assert result.outcome == "updated"
    assert leftovers() == []


def test_two_updaters_at_once_install_once(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    publish(tmp_path, server, "1.1.0", V2)
    marker = tmp_path / "paused"
    first = start_updater(
        tmp_path,
        PAUSE_AT="before-swap",
        PAUSE_FILE=str(marker),
        PAUSE_SECONDS="0.5",
    )
    try:
        assert wait_until(
            marker.exists, 15
        )  # the first holds the lock, halfway through its install
        second = start_updater(tmp_path)
        out2, err2 = second.communicate(timeout=30)
    finally:
        out1, err1 = first.communicate(timeout=30)
    assert (first.returncode, out1.strip()) == (0, f"{NAME} 1.1.0: 2 new, 1 changed, 1 removed")
    assert (second.returncode, out2.strip()) == (0, f"{NAME} 1.1.0: up to date"), err2
    assert len(server.requests("support-team-1.1.0.zip")) == 1
    assert [s.status for s in server.requests("index.json")] == [200, 304]
    assert loaded_bodies() == V2
    assert mgr.installed()[0].previous_versions == ("1.0.0",)
    assert leftovers() == []


def test_two_updaters_started_together_end_consistent(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    publish(tmp_path, server, "1.1.0", V2)
    procs = [start_updater(tmp_path) for _ in range(2)]
    outputs = sorted(p.communicate(timeout=30)[0].strip() for p in procs)
    assert [p.returncode for p in procs] == [0, 0]
    assert outputs == [
        f"{NAME} 1.1.0: 2 new, 1 changed, 1 removed",
        f"{NAME} 1.1.0: up to date",
    ]
    assert loaded_bodies() == V2
    assert leftovers() == []


def test_a_held_lock_times_out_with_a_clear_error(installed_v1: dict[str, bytes]) -> None:
    import fcntl

    lock = user_paths().data_dir / "pack-store" / ".lock"
    waited: list[bool] = []
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        manager = PackManager(lock_timeout=0.2, on_wait=lambda: waited.append(True))
        with pytest.raises(LockTimeoutError, match="another Expander process"):
            manager.update()
    assert waited == [True]
    assert_untouched(installed_v1)


# --- rollback, removal, folders -----------------------------------------------------


def test_rollback_restores_the_previous_version_and_updates_skip_the_bad_one(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    publish(tmp_path, server, "1.1.0", V2)
    mgr.update()
    change = mgr.rollback(NAME)
    assert (change.old_version, change.new_version) == ("1.1.0", "1.0.0")
    assert str(change) == f"{NAME} 1.0.0: 1 new, 1 changed, 2 removed"
    assert snapshot() == installed_v1  # the very same files, not a copy of them
    assert loaded_bodies() == V1
    [result] = mgr.update()
    assert result.outcome == "unchanged"
    assert "skipping 1.1.0" in result.message
    with pytest.raises(DistributeError, match="no earlier version"):
        mgr.rollback(NAME)
    publish(tmp_path, server, "1.2.0", V3)
    [result] = mgr.update()
    assert (result.outcome, result.version) == ("updated", "1.2.0")
    [listed] = mgr.installed()
    assert (listed.skipped_version, listed.previous_versions) == (None, ("1.0.0",))
    [result] = mgr.update(force=True)  # installs what the source offers
    assert result.version == "1.2.0"


def test_only_a_few_previous_versions_are_kept(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    for minor in range(1, 5):
        publish(tmp_path, server, f"1.{minor}.0", {**V2, "v": f"v{minor}"})
        mgr.update()
    assert mgr.installed()[0].previous_versions == ("1.3.0", "1.2.0")
    store = user_paths().data_dir / "pack-store" / NAME
    assert len([p for p in store.iterdir() if p.is_dir()]) == 3


def test_installed_files_are_read_only(installed_v1: dict[str, bytes]) -> None:
    folder = pointer().resolve()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o555
    assert stat.S_IMODE((folder / "more").stat().st_mode) == 0o555
    for path in folder.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o444, path


def test_remove_uninstalls_and_unsubscribes(
    mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    removed = mgr.remove(NAME)
    assert (removed.name, removed.version) == (NAME, "1.0.0")
    assert not os.path.lexists(pointer())
    assert not (user_paths().data_dir / "pack-store" / NAME).exists()
    assert loaded_bodies() == {}
    assert mgr.installed() == []
    assert mgr.update() == []
    with pytest.raises(DistributeError, match="no team pack named 'support-team'"):
        mgr.remove(NAME)


def test_packs_copied_by_hand_are_listed_but_never_touched(
    tmp_path: Path, mgr: PackManager
) -> None:
    hand = pack_folder(user_paths().team_packs_dir / NAME, "0.9.0", {"x": "By hand."})
    [listed] = mgr.installed()
    assert (listed.managed, listed.status, listed.version) == (False, "unmanaged", "0.9.0")
    with pytest.raises(DistributeError, match="was not installed with 'expander pack'"):
        mgr.install(build(tmp_path, "1.0.0", V1))
    with pytest.raises(DistributeError, match="does not manage it"):
        mgr.remove(NAME)
    assert (hand / "pack.toml").is_file()


# --- where symlinks cannot be made ---------------------------------------------------------------


def test_copy_mode_installs_updates_and_rolls_back(tmp_path: Path) -> None:
    mgr = PackManager(link_mode="copy")
    shared = tmp_path / "shared"
    publish_pack(build(tmp_path, "1.0.0", V1), shared)
    mgr.subscribe(shared)
    assert not pointer().is_symlink() and loaded_bodies() == V1
    publish_pack(build(tmp_path, "1.1.0", V2), shared)
    [result] = mgr.update()
    assert result.outcome == "updated" and loaded_bodies() == V2
    mgr.rollback(NAME)
    assert loaded_bodies() == V1
    assert leftovers() == []
    assert stat.S_IMODE((pointer() / "pack.toml").stat().st_mode) == 0o444
    mgr.remove(NAME)
    assert not pointer().exists()


def test_a_copy_swap_interrupted_between_its_two_renames_is_undone(tmp_path: Path) -> None:
    mgr = PackManager(link_mode="copy")
    shared = tmp_path / "shared"
    publish_pack(build(tmp_path, "1.0.0", V1), shared)
    mgr.subscribe(shared)
    before = snapshot()
    packs = user_paths().team_packs_dir
    # as if killed after `rename(pointer, old)`, before `rename(new, pointer)`
    os.rename(pointer(), packs / f".{NAME}.old-0123456789ab")
    (packs / f".{NAME}.new-ba9876543210").mkdir()
    [result] = mgr.update()  # takes the lock, tidies first
    assert result.outcome == "unchanged"
    assert snapshot() == before
    assert leftovers() == []
