"""Team packs end to end: a real HTTP server on 127.0.0.1, real archives, real processes.

The server (stdlib ``http.server`` in a thread) serves a folder the way a static
web server does, with ETag and Last-Modified, and can misbehave on purpose for
one path: answer 500, drop the connection halfway, or stall. Every failure case
ends by checking that the installed pack is byte for byte what it was before,
and that ``expander.load(include_user=True)`` still loads it.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import http.server
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import expander
from expander.errors import PackError
from expander.paths import user_paths
from expander.team.manager import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    DistributeError,
    FileEntry,
    LockTimeoutError,
    Manifest,
    PackManager,
    SourceError,
    VerificationError,
    _safe_last_modified,
    _sign,
    _zip_bytes,
    build_pack,
    compare_versions,
    generate_key,
    inspect_archive,
    key_id,
    publish_pack,
    read_public_key,
)

REPO = Path(__file__).resolve().parents[1]
NAME = "support-team"
V1 = {"late": "Sorry for the delay.", "refund": "Your refund is on its way.", "old": "Old reply."}
V2 = {
    "late": "Sorry for the delay, {name|there}!",
    "refund": "Your refund is on its way.",
    "new": "A brand new reply.",
    "thanks": "Thank you!",
}
V3 = {**V2, "later": "Another one."}

# Runs the CLI with `pack` wired in, whether or not cli.py already does it.
CLI_RUNNER = """
import argparse, sys
from expander.cli import main as cli
from expander.cli.pack import add_pack_commands
_build = cli.build_parser
def build_parser():
    parser = _build()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if "pack" not in sub.choices:
        add_pack_commands(sub)
    return parser
cli.build_parser = build_parser
sys.exit(cli.main(sys.argv[1:]))
"""


# --- packs ---------------------------------------------------------------------------------


def pack_folder(folder: Path, version: str, snippets: dict[str, str], *, name: str = NAME) -> Path:
    """A pack folder: pack.toml with the first snippet, more/rest.toml with the others."""
    folder.mkdir(parents=True, exist_ok=True)
    items = list(snippets.items())

    def entry(sid: str, body: str) -> str:
        return f'[[snippets]]\nid = "{sid}"\ntrigger = ";{sid}"\ntitle = "{sid}"\nbody = "{body}"\n'

    head = f'[pack]\nname = "{name}"\nversion = "{version}"\nlanguage = "en"\n\n'
    (folder / "pack.toml").write_text(head + entry(*items[0]), encoding="utf-8")
    (folder / "more").mkdir(exist_ok=True)
    rest = "\n".join(entry(s, b) for s, b in items[1:])
    (folder / "more" / "rest.toml").write_text(rest, encoding="utf-8")
    return folder


def build(
    tmp_path: Path,
    version: str,
    snippets: dict[str, str],
    *,
    sign: Path | None = None,
    min_version: str | None = None,
    name: str = NAME,
) -> Path:
    src = pack_folder(tmp_path / "src" / f"{name}-{version}", version, snippets, name=name)
    out = tmp_path / "built"
    out.mkdir(exist_ok=True)
    return build_pack(src, out, signing_key=sign, min_expander_version=min_version).archive


def craft(
    path: Path,
    files: dict[str, bytes],
    *,
    version: str = "1.1.0",
    listed: dict[str, FileEntry] | None = None,
    sign: Path | None = None,
    extra: dict[str, bytes] | None = None,
    tamper_manifest: bool = False,
) -> Path:
    """An archive made by hand, for what `build_pack` would never write."""
    entries = listed or {
        n: FileEntry(hashlib.sha256(d).hexdigest(), len(d)) for n, d in files.items()
    }
    manifest = Manifest(NAME, version, "2026-01-01T00:00:00Z", "0.1.0", entries, snippets=1)
    manifest_bytes = manifest.to_bytes()
    members = [(MANIFEST_NAME, manifest_bytes)]
    if sign is not None:
        members.append((SIGNATURE_NAME, _sign(manifest_bytes, sign)[0]))
    if tamper_manifest:
        members[0] = (MANIFEST_NAME, manifest_bytes.replace(b'"author": ""', b'"author": "x"'))
    members += [*files.items(), *(extra or {}).items()]
    path.write_bytes(_zip_bytes(members, manifest.created))
    return path


def serve_raw(root: Path, archive: Path, version: str, *, sha256: str | None = None) -> None:
    """Put an archive and an index naming it in ``root``, as publish would, unchecked."""
    root.mkdir(parents=True, exist_ok=True)
    file_name = f"{NAME}-{version}.zip"
    data = archive.read_bytes()
    (root / file_name).write_bytes(data)
    index = {
        "format": 1,
        "packs": {
            NAME: {
                "version": version,
                "file": file_name,
                "sha256": sha256 or hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "min_expander_version": "0.1.0",
            }
        },
    }
    (root / "index.json").write_text(json.dumps(index), encoding="utf-8")


def pack_toml(version: str, body: str = "Hello.") -> bytes:
    return (
        f'[pack]\nname = "{NAME}"\nversion = "{version}"\n\n'
        f'[[snippets]]\nid = "late"\ntitle = "Late"\nbody = "{body}"\n'
    ).encode()


# --- what is installed -----------------------------------------------------------------------


def pointer(name: str = NAME) -> Path:
    return user_paths().team_packs_dir / name


def snapshot(name: str = NAME) -> dict[str, bytes]:
    """Every byte the loader reads for the pack, and which version folder it reads."""
    link = pointer(name)
    found = {"<points to>": os.readlink(link).encode() if link.is_symlink() else b"<copy>"}
    for path in sorted(link.rglob("*")):
        if path.is_file():
            found[path.relative_to(link).as_posix()] = path.read_bytes()
    return found


def loaded_bodies() -> dict[str, str]:
    lib = expander.load(include_bundled=False, include_user=True)
    assert not lib.errors, lib.errors
    return {s.id: s.body for s in lib.snippets}


def state_file(name: str = NAME) -> dict[str, object]:
    data = (user_paths().data_dir / "pack-store" / name / "state.json").read_bytes()
    result: dict[str, object] = json.loads(data)
    return result


def leftovers() -> list[str]:
    """Anything an interrupted or finished operation should not have left behind."""
    data = user_paths().data_dir
    found = [p.name for p in (data / "packs").iterdir() if p.name.startswith(".")]
    store = data / "pack-store"
    found += [p.name for p in store.iterdir() if p.name not in (".lock",) and p.name[0] == "."]
    for folder in store.iterdir():
        if folder.is_dir() and not folder.name.startswith("."):
            found += [p.name for p in folder.iterdir() if p.name.startswith(".")]
    return found


# --- the server ---------------------------------------------------------------------------------


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class PackServer:
    """A static file server on 127.0.0.1 with ETag/Last-Modified, that can misbehave."""

    root: Path
    seen: list[Seen] = field(default_factory=list)
    misbehave: dict[str, str] = field(default_factory=dict)  # path -> 500 | drop | stall
    redirects: dict[str, str] = field(default_factory=dict)  # path -> Location (302)
    stalled: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/packs/"

    def requests(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    owner: PackServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _record(self, path: str, status: int) -> None:
        self.owner.seen.append(Seen(path, dict(self.headers.items()), status))

    def do_GET(self) -> None:
        path = urlsplit(self.path).path.removeprefix("/packs/")
        mode = self.owner.misbehave.get(path)
        file = self.owner.root / path
        if path in self.owner.redirects:
            self._record(path, 302)
            self.send_response(302)
            self.send_header("Location", self.owner.redirects[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if mode == "500":
            self._record(path, 500)
            self.send_error(500, "Internal Server Error")
            return
        if not file.is_file():
            self._record(path, 404)
            self.send_error(404, "Not Found")
            return
        data = file.read_bytes()
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        mtime = int(file.stat().st_mtime)
        if_none_match = self.headers.get("If-None-Match")
        if_modified = self.headers.get("If-Modified-Since")
        unchanged = if_none_match == etag
        if if_none_match is None and if_modified:
            unchanged = email.utils.parsedate_to_datetime(if_modified).timestamp() >= mtime
        if unchanged:
            self._record(path, 304)
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._record(path, 200)
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(mtime, usegmt=True))
        self.end_headers()
        if mode == "trickle":  # every piece well within the read timeout, the whole far too slow
            with contextlib.suppress(OSError):  # the client gives up and hangs up
                for start in range(0, len(data), 16):
                    self.wfile.write(data[start : start + 16])
                    self.wfile.flush()
                    time.sleep(0.02)
            self.close_connection = True
            return
        if mode in ("drop", "stall"):
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            if mode == "stall":
                self.owner.stalled.set()
                self.owner.release.wait(10)
            return
        self.wfile.write(data)


@contextlib.contextmanager
def serving(root: Path) -> Iterator[PackServer]:
    """Serve ``root`` at http://127.0.0.1:PORT/packs/ until the block ends."""
    owner = PackServer(root)
    root.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (_Handler,), {"owner": owner})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    owner.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield owner
    finally:
        owner.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


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


def publish(
    tmp_path: Path,
    server: PackServer,
    version: str,
    snippets: dict[str, str],
    *,
    sign: Path | None = None,
    min_version: str | None = None,
) -> Path:
    archive = build(tmp_path, version, snippets, sign=sign, min_version=min_version)
    publish_pack(archive, server.root)
    return archive


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


def assert_untouched(before: dict[str, bytes]) -> None:
    assert snapshot() == before
    assert loaded_bodies() == V1


# --- building ------------------------------------------------------------------------------------


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


def test_build_can_sign_and_the_signature_verifies(tmp_path: Path, keys: tuple[Path, str]) -> None:
    private, public = keys
    archive = build(tmp_path, "1.0.0", V1, sign=private)
    info = inspect_archive(archive, public_key=public)
    assert (info.verified, info.signed, info.signed_by) == (True, True, key_id(public))
    unchecked = inspect_archive(archive)
    assert (unchecked.verified, unchecked.signed_by) == (False, key_id(public))


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


# --- publishing ----------------------------------------------------------------------------------


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


def test_a_last_modified_from_the_same_second_is_not_trusted() -> None:
    now = "Sun, 22 Nov 2026 11:17:20 GMT"
    assert _safe_last_modified("Sun, 22 Nov 2026 11:17:20 GMT", now) is None
    assert _safe_last_modified("Sun, 22 Nov 2026 11:17:19 GMT", now) is not None
    assert _safe_last_modified("Sun, 22 Nov 2026 11:17:19 GMT", None) is not None
    assert _safe_last_modified("garbage", now) is None


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


def test_files_outside_the_pack_folder_are_refused(tmp_path: Path) -> None:
    evil = {"../evil.toml": pack_toml("1.1.0")}
    with pytest.raises(VerificationError, match="leaves the pack folder"):
        inspect_archive(craft(tmp_path / "e.zip", {"pack.toml": pack_toml("1.1.0"), **evil}))
    unlisted = craft(tmp_path / "u.zip", {"pack.toml": pack_toml("1.1.0")}, extra={"x.toml": b""})
    with pytest.raises(VerificationError, match="does not list"):
        inspect_archive(unlisted)


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


# --- processes killed, and processes at the same time ---------------------------------------------

UPDATER = (
    "import sys; from expander.team.manager import PackManager; "
    "r = PackManager(timeout=5).update(); "
    "print('\\n'.join(map(str, r))); sys.exit(0 if all(x.ok for x in r) else 1)"
)


def start_updater(tmp_path: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", UPDATER],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )


def wait_for(condition: Callable[[], bool], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.02)


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
    proc = start_updater(
        tmp_path, EXPANDER_TEST_PAUSE_AT=point, EXPANDER_TEST_PAUSE_FILE=str(marker)
    )
    try:
        wait_for(marker.exists)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    [listed] = mgr.installed()  # read without the lock, before anything tidies
    assert listed.status == "ok"
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
        EXPANDER_TEST_PAUSE_AT="before-swap",
        EXPANDER_TEST_PAUSE_FILE=str(marker),
        EXPANDER_TEST_PAUSE_SECONDS="0.5",
    )
    try:
        wait_for(marker.exists)  # the first holds the lock, halfway through its install
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


# --- versions ------------------------------------------------------------------------------------


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


def test_importing_expander_does_not_import_the_network_code() -> None:
    code = "import sys, expander.cli.main; print('urllib.request' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


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
    archive.write_bytes(_zip_bytes([(MANIFEST_NAME, b"[" * 200_000)], "2026-01-01T00:00:00Z"))
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


def test_a_redirect_from_https_down_to_http_is_refused() -> None:
    from expander.team.manager import _redirect_problem

    assert _redirect_problem("https://a.example/i.json", "http://a.example/i.json")
    assert _redirect_problem("http://a.example/i.json", "file:///etc/passwd")
    assert _redirect_problem("http://a.example/i.json", "https://b.example/i.json") is None
    assert _redirect_problem("https://a.example/i.json", "https://b.example/i.json") is None


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
