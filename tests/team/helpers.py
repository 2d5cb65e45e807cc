"""What the team pack tests share: packs built and crafted on disk, what is installed,
and a real HTTP server on 127.0.0.1.

The server (stdlib ``http.server`` in a thread) serves a folder the way a static
web server does, with ETag and Last-Modified, and can misbehave on purpose for
one path: answer 500, drop the connection halfway, stall, or trickle.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import http.server
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import expander
from expander.paths import user_paths
from expander.team import FileEntry, Manifest, build_pack, publish_pack
from expander.team.build import zip_bytes
from expander.team.formats import MANIFEST_NAME, SIGNATURE_NAME
from expander.team.signing import sign_manifest

NAME = "support-team"
V1 = {"late": "Sorry for the delay.", "refund": "Your refund is on its way.", "old": "Old reply."}
V2 = {
    "late": "Sorry for the delay, {name|there}!",
    "refund": "Your refund is on its way.",
    "new": "A brand new reply.",
    "thanks": "Thank you!",
}
V3 = {**V2, "later": "Another one."}


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
        members.append((SIGNATURE_NAME, sign_manifest(manifest_bytes, sign)[0]))
    if tamper_manifest:
        members[0] = (MANIFEST_NAME, manifest_bytes.replace(b'"author": ""', b'"author": "x"'))
    members += [*files.items(), *(extra or {}).items()]
    path.write_bytes(zip_bytes(members, manifest.created))
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


def forge_index(root: Path, version: str, file_name: str) -> None:
    """Rewrite ``root``'s index.json to name ``file_name`` (an archive already in ``root``)
    as ``version``, with its true SHA-256 and size, as anyone who can write there could."""
    index_path = root / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    data = (root / file_name).read_bytes()
    index["packs"][NAME].update(
        version=version, file=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data)
    )
    index_path.write_text(json.dumps(index), encoding="utf-8")


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


def assert_untouched(before: dict[str, bytes]) -> None:
    assert snapshot() == before
    assert loaded_bodies() == V1
