"""Team packs end to end through :class:`PackManager`: a real HTTP server on
127.0.0.1, real archives, folder and file sources.

Every failure case ends by checking that the installed pack is byte for byte
what it was before, and that ``expander.load(include_user=True)`` still loads it.
"""

from __future__ import annotations

import hashlib
import json
import socket
import time
from pathlib import Path

import pytest

import expander
from expander.paths import user_paths
from expander.team import (
    DistributeError,
    FileEntry,
    PackManager,
    SourceError,
    VerificationError,
    generate_key,
    inspect_archive,
    publish_pack,
)
from expander.team.build import zip_bytes
from expander.team.formats import MANIFEST_NAME
from tests.team.helpers import (
    NAME,
    V1,
    V2,
    PackServer,
    assert_untouched,
    build,
    craft,
    leftovers,
    loaded_bodies,
    pack_toml,
    publish,
    serve_raw,
    snapshot,
)

# --- subscribing and updating over HTTP ---------------------------------------------


def test_publish_subscribe_publish_update_over_http(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    assert loaded_bodies() == V1
    publish(tmp_path, server, "1.1.0", V2)
    [result] = mgr.update()
    assert result.outcome == "updated"
    assert str(result) == f"{NAME} 1.1.0: 2 new, 1 changed, 1 removed"
    assert result.change is not None
    assert result.change.added == ("new", "thanks")
    assert result.change.changed == ("late",)
    assert result.change.removed == ("old",)
    assert loaded_bodies() == V2
    [listed] = mgr.installed()
    assert (listed.version, listed.status, listed.source) == (
        "1.1.0",
        "ok",
        server.url + "index.json",
    )
    assert listed.previous_versions == ("1.0.0",)
    assert listed.last_change == str(result)
    assert [s.path for s in server.seen] == ["index.json", "support-team-1.1.0.zip"]
    assert server.seen[0].headers.get("If-None-Match")  # validators from the subscribe


def test_an_unchanged_pack_costs_one_conditional_request_answered_304(
    server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    [result] = mgr.update()
    assert (result.outcome, result.message) == ("unchanged", "up to date")
    [seen] = server.seen
    assert seen.path == "index.json"
    assert seen.headers["If-None-Match"].startswith('"')
    assert "If-Modified-Since" in seen.headers
    assert seen.status == 304
    assert mgr.installed()[0].last_check is not None
    assert_untouched(installed_v1)


def test_min_interval_skips_recent_checks_and_force_asks_unconditionally(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    [result] = mgr.update(min_interval=3600)
    assert (result.outcome, result.message) == ("skipped", "checked recently")
    assert server.seen == []
    [result] = mgr.update(force=True)  # no conditional request; same version: nothing to do
    assert result.outcome == "updated"
    assert str(result) == f"{NAME} 1.0.0: no snippet changed"
    assert "If-None-Match" not in server.seen[0].headers
    assert_untouched(installed_v1)


# --- failures leave the installed version untouched -----------------------------------------------


def test_http_500_keeps_the_installed_version_and_says_why(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    publish(tmp_path, server, "1.1.0", V2)
    server.misbehave["support-team-1.1.0.zip"] = "500"
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert "HTTP 500" in result.message
    assert str(result).endswith("(1.0.0 is still installed)")
    assert_untouched(installed_v1)
    [listed] = mgr.installed()
    assert (listed.status, listed.version) == ("error", "1.0.0")
    assert listed.error is not None and "HTTP 500" in listed.error
    # the index's validators were not kept: the next check is not a 304 that hides 1.1.0
    del server.misbehave["support-team-1.1.0.zip"]
    [result] = mgr.update()
    assert result.outcome == "updated"
    assert mgr.installed()[0].status == "ok"
    assert mgr.installed()[0].error is None


def test_http_500_on_the_index(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    server.misbehave["index.json"] = "500"
    [result] = mgr.update()
    assert result.outcome == "failed" and "HTTP 500 Internal Server Error" in result.message
    assert_untouched(installed_v1)


def test_a_connection_dropped_halfway(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    publish(tmp_path, server, "1.1.0", V2)
    server.misbehave["support-team-1.1.0.zip"] = "drop"
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert "cut off after" in result.message
    assert_untouched(installed_v1)
    assert leftovers() == []


@pytest.mark.parametrize(
    ("misbehaviour", "manager", "reason"),
    [
        ("stall", {"timeout": 0.3}, "timed out"),  # half the archive, then silence
        # a few bytes at a time, each within the read timeout: the total limit ends it
        ("trickle", {"timeout": 2.0, "download_limit": 0.5}, "took longer than 0.5 s"),
    ],
)
def test_a_server_too_slow_to_finish_fails_in_bounded_time(
    tmp_path: Path,
    server: PackServer,
    installed_v1: dict[str, bytes],
    misbehaviour: str,
    manager: dict[str, float],
    reason: str,
) -> None:
    publish(tmp_path, server, "1.1.0", V2)
    server.misbehave["support-team-1.1.0.zip"] = misbehaviour
    started = time.monotonic()
    [result] = PackManager(**manager).update()
    assert time.monotonic() - started < 5
    assert result.outcome == "failed" and reason in result.message
    assert_untouched(installed_v1)
    assert leftovers() == []


def test_a_server_that_is_down(
    tmp_path: Path, mgr: PackManager, installed_v1: dict[str, bytes], server: PackServer
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    state = user_paths().data_dir / "pack-store" / NAME / "state.json"
    data = json.loads(state.read_text())
    data["source"]["index"] = f"http://127.0.0.1:{port}/packs/index.json"
    state.write_text(json.dumps(data))
    [result] = mgr.update()
    assert result.outcome == "failed" and "connection refused" in result.message
    assert_untouched(installed_v1)


def test_an_archive_that_is_not_the_one_the_index_names(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    publish(tmp_path, server, "1.1.0", V2)
    published = server.root / "support-team-1.1.0.zip"
    data = bytearray(published.read_bytes())
    data[len(data) // 2] ^= 0xFF
    published.write_bytes(bytes(data))
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert "checksum mismatch" in result.message
    assert_untouched(installed_v1)


def test_a_file_that_does_not_match_its_manifest_checksum(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    good = pack_toml("1.1.0")
    wrong = {"pack.toml": FileEntry(hashlib.sha256(b"other").hexdigest(), len(good))}
    serve_raw(server.root, craft(tmp_path / "x.zip", {"pack.toml": good}, listed=wrong), "1.1.0")
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert "checksum mismatch for pack.toml" in result.message
    assert_untouched(installed_v1)


def test_signed_update_with_a_pinned_key(
    tmp_path: Path,
    server: PackServer,
    mgr: PackManager,
    keys: tuple[Path, str],
    pinned_v1: dict[str, bytes],
) -> None:
    publish(tmp_path, server, "1.1.0", V2, sign=keys[0])
    [result] = mgr.update()
    assert result.outcome == "updated"
    [listed] = mgr.installed()
    assert listed.key_id is not None and listed.key_id == listed.signed_by


def test_a_signature_by_another_key_is_refused(
    tmp_path: Path, server: PackServer, mgr: PackManager, pinned_v1: dict[str, bytes]
) -> None:
    other = tmp_path / "other.key"
    generate_key(other)
    publish(tmp_path, server, "1.1.0", V2, sign=other)
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert "does not verify with the pinned key" in result.message
    assert_untouched(pinned_v1)


def test_a_changed_signed_manifest_is_refused(
    tmp_path: Path,
    server: PackServer,
    mgr: PackManager,
    keys: tuple[Path, str],
    pinned_v1: dict[str, bytes],
) -> None:
    files = {"pack.toml": pack_toml("1.1.0")}
    forged = craft(tmp_path / "f.zip", files, sign=keys[0], tamper_manifest=True)
    serve_raw(server.root, forged, "1.1.0")
    [result] = mgr.update()
    assert result.outcome == "failed" and "does not verify" in result.message
    assert_untouched(pinned_v1)


def test_a_missing_signature_is_refused_where_a_key_is_pinned(
    tmp_path: Path, server: PackServer, mgr: PackManager, pinned_v1: dict[str, bytes]
) -> None:
    publish(tmp_path, server, "1.1.0", V2)
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert "is not signed, but its publisher's key" in result.message
    assert_untouched(pinned_v1)
    assert "not signed" in (mgr.installed()[0].error or "")


def test_an_invalid_snippet_in_an_otherwise_good_pack_is_refused(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    files = {
        "pack.toml": pack_toml("1.1.0"),
        "more/rest.toml": b'[[snippets]]\nid = "bad"\ntitle = "Bad"\nbody = "Hi {name"\n',
    }
    serve_raw(server.root, craft(tmp_path / "x.zip", files), "1.1.0")
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert "invalid snippets, so it was not installed: more/rest.toml:4:" in result.message
    assert_untouched(installed_v1)
    assert leftovers() == []


def test_invalid_toml_is_refused(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    files = {"pack.toml": pack_toml("1.1.0") + b"\n[[snippets]\n"}
    serve_raw(server.root, craft(tmp_path / "x.zip", files), "1.1.0")
    [result] = mgr.update()
    assert result.outcome == "failed" and "invalid TOML" in result.message
    assert_untouched(installed_v1)


def test_a_pack_needing_a_newer_expander_is_refused_before_download(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    publish(tmp_path, server, "1.1.0", V2, min_version="99.0.0")
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert f"needs Expander 99.0.0 or newer (this is {expander.__version__})" in result.message
    assert [s.path for s in server.seen] == ["index.json"]
    assert_untouched(installed_v1)
    with pytest.raises(VerificationError, match="needs Expander 99.0.0"):
        mgr.install(server.root / "support-team-1.1.0.zip")
    assert_untouched(installed_v1)


def test_an_index_that_no_longer_names_the_pack(
    server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    (server.root / "index.json").write_text('{"format": 1, "packs": {}}')
    [result] = mgr.update()
    assert result.outcome == "failed" and "no longer publishes support-team" in result.message
    assert_untouched(installed_v1)


def test_a_folder_source(tmp_path: Path, mgr: PackManager) -> None:
    shared = tmp_path / "shared"
    publish_pack(build(tmp_path, "1.0.0", V1), shared)
    assert str(mgr.subscribe(shared)) == f"{NAME} 1.0.0: installed, 3 snippet(s)"
    [result] = mgr.update()
    assert (result.outcome, result.message) == ("unchanged", "up to date")
    publish_pack(build(tmp_path, "1.1.0", V2), shared)
    [result] = mgr.update()
    assert str(result) == f"{NAME} 1.1.0: 2 new, 1 changed, 1 removed"
    assert loaded_bodies() == V2
    [listed] = mgr.installed()
    assert (listed.source, listed.source_kind) == (str(shared.resolve()), "folder")
    before = snapshot()
    (shared / "index.json").rename(shared / "moved.json")  # an unmounted share
    [result] = mgr.update()
    assert result.outcome == "failed" and "no index.json in" in result.message
    assert snapshot() == before


def test_a_folder_source_named_by_a_file_url(tmp_path: Path, mgr: PackManager) -> None:
    shared = tmp_path / "team share"
    publish_pack(build(tmp_path, "1.0.0", V1), shared)
    url = shared.resolve().as_uri()  # file:///.../team%20share
    assert "%20" in url
    assert str(mgr.subscribe(url)) == f"{NAME} 1.0.0: installed, 3 snippet(s)"
    [listed] = mgr.installed()
    assert (listed.source, listed.source_kind) == (str(shared.resolve()), "folder")
    localhost = url.replace("file://", "file://localhost", 1)
    mgr.subscribe(localhost)  # the same folder, named another way
    [listed] = mgr.installed()
    assert listed.source == str(shared.resolve())


def test_a_file_url_naming_another_computer_is_refused_with_what_to_do(
    mgr: PackManager,
) -> None:
    with pytest.raises(DistributeError, match="mount the shared folder"):
        mgr.subscribe("file://fileserver/support/packs")


def test_install_from_a_file_and_from_a_url(
    tmp_path: Path, server: PackServer, mgr: PackManager
) -> None:
    change = mgr.install(build(tmp_path, "1.0.0", V1))
    assert str(change) == f"{NAME} 1.0.0: installed, 3 snippet(s)"
    [result] = mgr.update()
    assert result.outcome == "skipped" and "no source" in result.message
    publish(tmp_path, server, "1.1.0", V2)
    change = mgr.install(server.url + "support-team-1.1.0.zip")
    assert str(change) == f"{NAME} 1.1.0: 2 new, 1 changed, 1 removed"
    assert loaded_bodies() == V2
    with pytest.raises(DistributeError, match="is a folder, not a pack archive"):
        mgr.install(tmp_path)
    with pytest.raises(SourceError, match="HTTP 404"):
        mgr.install(server.url + "missing.zip")


def test_a_pinned_key_applies_to_installs_from_files_too(
    tmp_path: Path, server: PackServer, mgr: PackManager, pinned_v1: dict[str, bytes]
) -> None:
    unsigned = build(tmp_path, "1.1.0", V2)
    with pytest.raises(VerificationError, match="not signed"):
        mgr.install(unsigned)
    other = tmp_path / "other.key"
    with pytest.raises(DistributeError, match="pinned to key"):
        mgr.install(unsigned, key=generate_key(other))
    assert snapshot() == pinned_v1


def test_subscribe_is_all_or_nothing(tmp_path: Path, server: PackServer, mgr: PackManager) -> None:
    with pytest.raises(SourceError, match="HTTP 404"):
        mgr.subscribe(server.url)
    bad = craft(tmp_path / "bad.zip", {"pack.toml": pack_toml("1.0.0", "Hi {x")}, version="1.0.0")
    serve_raw(server.root, bad, "1.0.0")
    with pytest.raises(VerificationError, match="invalid snippets"):
        mgr.subscribe(server.url)
    assert mgr.installed() == []
    assert loaded_bodies() == {}
    with pytest.raises(DistributeError, match="is one archive"):
        mgr.subscribe(server.url + "support-team-1.0.0.zip")


def test_an_index_with_several_packs_needs_a_name(tmp_path: Path, mgr: PackManager) -> None:
    shared = tmp_path / "shared"
    publish_pack(build(tmp_path, "1.0.0", V1), shared)
    publish_pack(build(tmp_path, "2.0.0", {"x": "Other."}, name="billing"), shared)
    with pytest.raises(DistributeError, match=r"several packs \(billing, support-team\)"):
        mgr.subscribe(shared)
    with pytest.raises(DistributeError, match="did you mean 'billing'"):
        mgr.subscribe(shared, name="biling")
    assert str(mgr.subscribe(shared, name="billing")) == "billing 2.0.0: installed, 1 snippet(s)"


# --- archives and indexes that break the parsers, not just the checks -----------------------


def encrypted(archive: Path) -> Path:
    """The same archive with every member flagged as encrypted (bit 0 of the flags)."""
    data = bytearray(archive.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            data[at + offset] |= 1
            start = at + 4
    archive.write_bytes(bytes(data))
    return archive


def test_an_encrypted_archive_is_a_failed_update_not_a_crash(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    archive = encrypted(build(tmp_path, "1.1.0", V2))
    serve_raw(server.root, archive, "1.1.0")
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert "encrypted" in result.message
    assert_untouched(installed_v1)
    with pytest.raises(VerificationError, match="encrypted"):
        inspect_archive(archive)


def test_a_member_name_that_is_not_utf8_is_a_failed_update_not_a_crash(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    archive = craft(
        tmp_path / "x.zip", {"pack.toml": pack_toml("1.1.0")}, extra={"\u00e9.toml": b""}
    )
    archive.write_bytes(archive.read_bytes().replace(b"\xc3\xa9.toml", b"\xea\xa9.toml"))
    serve_raw(server.root, archive, "1.1.0")
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert_untouched(installed_v1)


def test_a_deeply_nested_index_is_a_failed_update_not_a_crash(
    server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    (server.root / "index.json").write_text("[" * 200_000)
    [result] = mgr.update()
    assert result.outcome == "failed" and "not a valid index" in result.message
    assert_untouched(installed_v1)


def test_a_deeply_nested_manifest_is_refused(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    archive = tmp_path / "deep.zip"
    archive.write_bytes(zip_bytes([(MANIFEST_NAME, b"[" * 200_000)], "2026-01-01T00:00:00Z"))
    serve_raw(server.root, archive, "1.1.0")
    [result] = mgr.update()
    assert result.outcome == "failed" and "not valid JSON" in result.message
    assert_untouched(installed_v1)


# --- what the app needs for its periodic check ---------------------------------------------------


def test_has_subscriptions_is_cheap_and_counts_only_packs_with_a_source(
    tmp_path: Path, server: PackServer
) -> None:
    mgr = PackManager(timeout=2.0)
    store = user_paths().data_dir / "pack-store"
    assert mgr.has_subscriptions() is False
    assert not store.exists()  # no lock file, no folder: nothing was created
    mgr.install(build(tmp_path, "0.9.0", V1))
    assert mgr.has_subscriptions() is False  # installed from a file: nothing to check
    publish(tmp_path, server, "1.0.0", V1)
    mgr.subscribe(server.url)
    assert mgr.has_subscriptions() is True
    mgr.remove(NAME)
    assert mgr.has_subscriptions() is False


def test_results_say_when_to_reload_and_when_to_tell_the_agent(
    tmp_path: Path, server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    [result] = mgr.update()
    assert (result.outcome, result.reload, result.notify) == ("unchanged", False, False)
    [result] = mgr.update(min_interval=3600)
    assert (result.outcome, result.reload, result.notify) == ("skipped", False, False)
    publish(tmp_path, server, "1.1.0", V2)
    server.misbehave["support-team-1.1.0.zip"] = "500"
    [first] = mgr.update()
    [again] = mgr.update()
    assert (first.outcome, first.reload, first.repeated, first.notify) == (
        "failed",
        False,
        False,
        True,
    )
    assert (again.outcome, again.repeated, again.notify) == ("failed", True, False)
    assert_untouched(installed_v1)
    del server.misbehave["support-team-1.1.0.zip"]
    [result] = mgr.update()
    assert (result.outcome, result.reload, result.notify) == ("updated", True, True)
    [result] = mgr.update(force=True)  # the same version again: nothing to reload
    assert (result.outcome, result.reload, result.notify) == ("updated", False, False)


# --- redirects ---------------------------------------------------------------------------------


def test_archives_are_found_next_to_the_index_a_redirect_led_to(
    tmp_path: Path, server: PackServer, mgr: PackManager
) -> None:
    publish(tmp_path, server, "1.0.0", V1)
    server.redirects["moved/index.json"] = "/packs/index.json"
    change = mgr.subscribe(server.url + "moved/")
    assert str(change) == f"{NAME} 1.0.0: installed, 3 snippet(s)"
    assert [s.path for s in server.seen] == [
        "moved/index.json",
        "index.json",
        "support-team-1.0.0.zip",
    ]
    assert loaded_bodies() == V1


def test_a_redirect_away_from_http_is_refused(
    server: PackServer, mgr: PackManager, installed_v1: dict[str, bytes]
) -> None:
    server.redirects["index.json"] = "ftp://127.0.0.1:9/index.json"
    [result] = mgr.update()
    assert result.outcome == "failed"
    assert "redirects to ftp://127.0.0.1:9/index.json: refused" in result.message
    assert_untouched(installed_v1)
