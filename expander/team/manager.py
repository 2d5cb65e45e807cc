"""Team packs: build, publish, install, subscribe, update and roll back.

A manager builds a pack folder into a versioned archive (:func:`build_pack`),
optionally signed with an Ed25519 key (:func:`generate_key`), and publishes it
to a shared folder or any static HTTP server (:func:`publish_pack` writes the
archive and an ``index.json`` naming the latest version of each pack).

On an agent's machine :class:`PackManager` installs archives, follows
subscriptions and rolls back. Its promises:

- **The installed version is never touched by a failed update.** A download
  goes to a temporary place; its checksums, signature (where a key is pinned),
  required Expander version and every snippet are checked; only then is the
  new version made active, by one atomic rename. A process killed at any
  point (SIGKILL included) leaves the previous version loading.
- **One process at a time.** Every change happens under a file lock, so the
  app's periodic check and a CLI ``pack update`` cannot interleave.
- **Cheap checks.** An HTTP source is asked with ``If-None-Match`` /
  ``If-Modified-Since``: an unchanged pack costs one small request answered
  304. A folder source is compared by its index's digest.
- **Read-only installs.** Installed files are made read-only on disk; agents
  override team snippets with personal ones, never by editing them.

The layout under the data folder (see :mod:`expander.paths`)::

    packs/<name>                   -> ../pack-store/<name>/<version>-<digest>  (a symlink)
    pack-store/<name>/<version>-<digest>/   the active and previous versions, read-only
    pack-store/<name>/state.json   source, pinned key, ETag, last check, status, history
    pack-store/.lock               the lock; .tmp-*/ and .trash-*/ are leftovers to clean

``packs/<name>`` is what :func:`expander.load` reads (``include_user=True``):
a folder with a ``pack.toml``. Where symlinks cannot be made (Windows without
the privilege), it is a read-only copy swapped by two renames instead, and an
interrupted swap is undone the next time a pack command runs.

The archive is a zip file holding the pack's ``.toml`` files, a manifest
(``expander-pack.json``: name, version, description, author, language,
created, min_expander_version and a SHA-256 and size for every file) and,
when signed, ``expander-pack.sig`` (an Ed25519 signature over the manifest's
exact bytes). ``cryptography`` is imported only to sign and verify.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import difflib
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import struct
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any, Literal

from expander.errors import (
    DistributeError,
    LockTimeoutError,
    PackError,
    SourceError,
    VerificationError,
)
from expander.fsutil import atomic_write_bytes
from expander.model import Layer, Pack, Problem, Severity
from expander.packs import _PACK_NAME_RE, _SEMVER_RE, MANIFEST, load_pack, pack_files
from expander.paths import Paths, user_paths

__all__ = [
    "ArchiveInfo",
    "BuildResult",
    "DistributeError",
    "FileEntry",
    "InstalledPack",
    "LockTimeoutError",
    "Manifest",
    "PackChange",
    "PackManager",
    "Progress",
    "PublishResult",
    "SourceError",
    "UpdateResult",
    "VerificationError",
    "build_pack",
    "compare_versions",
    "generate_key",
    "inspect_archive",
    "key_id",
    "publish_pack",
    "read_public_key",
]

FORMAT = 1
MANIFEST_NAME = "expander-pack.json"
SIGNATURE_NAME = "expander-pack.sig"
INDEX_NAME = "index.json"
ARCHIVE_SUFFIX = ".zip"
STATE_NAME = "state.json"
STORE_NAME = "pack-store"
KEEP_PREVIOUS = 2
"""How many earlier versions of each pack stay installed for rollback."""
MAX_INDEX_BYTES = 1 << 20
MAX_ARCHIVE_BYTES = 64 << 20
MAX_UNPACKED_BYTES = 64 << 20
MAX_FILES = 2000
MAX_CENTRAL_DIRECTORY_BYTES = (MAX_FILES + 2) * 512
DEFAULT_TIMEOUT = 30.0
DEFAULT_DOWNLOAD_LIMIT = 90.0
"""Seconds one download may take in all: a server trickling bytes just within
``timeout`` would otherwise hold the team packs lock for as long as it likes
(kept below the lock timeout, so a second process waiting for the lock gets it)."""
DEFAULT_LOCK_TIMEOUT = 120.0
KEY_PREFIX = "ed25519:"

Progress = Callable[[str, int, int | None], None]
"""Called as a download goes: (what, bytes so far, total bytes if known)."""


# --- errors --------------------------------------------------------------------------


# --- versions ------------------------------------------------------------------------

_SEMVER_PARTS_RE = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\Z"
)
_LOOSE_VERSION_RE = re.compile(r"(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)\Z")

_VersionKey = tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]


def _version_key(version: str) -> _VersionKey:
    """Semver precedence: a pre-release sorts before its release; build metadata is ignored.

    Expander's own version may be PEP 440 (``0.2.0.dev1``); anything after the
    numbers then counts as a pre-release, which is the safe reading.
    """
    match = _SEMVER_PARTS_RE.match(version)
    if match:
        major, minor, patch, pre = match.groups()
    else:
        loose = _LOOSE_VERSION_RE.match(version.strip().lstrip("vV"))
        if loose is None:
            raise ValueError(f"not a version: {version!r}")
        major, minor, patch = (g or "0" for g in loose.groups()[:3])
        pre = loose.group(4).strip(".-+") or None
    identifiers: tuple[tuple[int, int | str], ...] = ()
    if pre:
        identifiers = tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split("."))
    return (int(major), int(minor), int(patch), 0 if pre else 1, identifiers)


def compare_versions(a: str, b: str) -> int:
    """-1, 0 or 1 as version ``a`` is older than, the same as, or newer than ``b``."""
    ka, kb = _version_key(a), _version_key(b)
    return (ka > kb) - (ka < kb)


def _expander_version() -> str:
    from expander import __version__

    return __version__


def _release_of(version: str) -> str:
    major, minor, patch, _, _ = _version_key(version)
    return f"{major}.{minor}.{patch}"


def _check_compatible(name: str, version: str, needs: str) -> None:
    current = _expander_version()
    if compare_versions(current, needs) < 0:
        raise VerificationError(
            f"{name} {version} needs Expander {needs} or newer (this is {current}): "
            "update Expander, then run the update again"
        )


# --- keys and signatures ------------------------------------------------------------------


def _crypto_missing() -> DistributeError:
    return DistributeError(
        "signing and verifying packs needs the 'cryptography' package: "
        "pip install 'expander[signing]' (or pip install cryptography)"
    )


def key_id(public_key: str) -> str:
    """A short, stable name for a public key (16 hex digits of its SHA-256)."""
    raw = _public_key_bytes(public_key)
    return hashlib.sha256(raw).hexdigest()[:16]


def _public_key_bytes(public_key: str) -> bytes:
    text = public_key.strip()
    if text.lower().startswith(KEY_PREFIX):
        text = text[len(KEY_PREFIX) :]
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise DistributeError(
            f"{public_key.strip()[:60]!r} is not an Ed25519 public key: use the "
            f"'{KEY_PREFIX}...' line that 'expander pack keygen' printed (or its .pub file)"
        )
    return raw


def read_public_key(value: str | Path) -> str:
    """A public key given as its text (``ed25519:...``) or as a ``.pub`` file, normalised.

    Lines starting with ``#`` in the file are comments. Raises
    :class:`DistributeError` when it is neither.
    """
    text = str(value)
    candidate = Path(value)
    is_key_text = text.strip().lower().startswith(KEY_PREFIX)
    if not is_key_text and candidate.is_file():
        try:
            content = candidate.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DistributeError(f"cannot read the public key file {candidate}: {exc}") from None
        lines = [ln.strip() for ln in content.splitlines() if ln.strip() and ln[:1] != "#"]
        if not lines:
            raise DistributeError(f"{candidate} holds no public key")
        text = lines[0]
    elif not is_key_text and ("/" in text or "\\" in text or text.endswith(".pub")):
        raise DistributeError(f"no such public key file: {text}")
    raw = _public_key_bytes(text)
    return KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def generate_key(private_key_path: str | Path, *, overwrite: bool = False) -> str:
    """Make an Ed25519 key pair for signing packs; returns the public key text.

    The private key is written as PEM (PKCS #8, unencrypted) readable by its
    owner only (0600); keep it off shared folders. The public key is written
    beside it as ``<file>.pub``, one ``ed25519:...`` line that agents pin with
    ``--key``. An existing key is never replaced unless ``overwrite``.
    """
    path = Path(private_key_path)
    pub_path = path.with_name(path.name + ".pub")
    if not overwrite:
        for existing in (path, pub_path):
            if existing.exists():
                raise DistributeError(
                    f"{existing} already exists: choose another file name, or delete it "
                    "first (agents who pinned its public key would refuse packs signed "
                    "with a new key)"
                )
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    except ImportError:
        raise _crypto_missing() from None
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    public = KEY_PREFIX + base64.b64encode(raw).decode("ascii")
    atomic_write_bytes(path, pem)  # a fresh temp file is 0600 already
    os.chmod(path, 0o600)
    atomic_write_bytes(pub_path, (public + "\n").encode("ascii"))
    os.chmod(pub_path, 0o644)
    return public


def _sign(manifest_bytes: bytes, private_key_path: Path) -> tuple[bytes, str]:
    """The signature file's bytes for a manifest, and the signing key's public text."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    except ImportError:
        raise _crypto_missing() from None
    try:
        pem = private_key_path.read_bytes()
    except OSError as exc:
        raise DistributeError(
            f"cannot read the signing key {private_key_path}: {exc.strerror or exc}"
        ) from None
    from cryptography.exceptions import UnsupportedAlgorithm

    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except TypeError:
        raise DistributeError(
            f"{private_key_path} is encrypted with a passphrase, which Expander does not "
            "support: make a key with 'expander pack keygen'"
        ) from None
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise DistributeError(
            f"{private_key_path} is not a private key in PEM format ({exc}): "
            "make one with 'expander pack keygen'"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise DistributeError(
            f"{private_key_path} is not an Ed25519 key: make one with 'expander pack keygen'"
        )
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    public = KEY_PREFIX + base64.b64encode(raw).decode("ascii")
    signature = {
        "algorithm": "ed25519",
        "key_id": key_id(public),
        "signature": base64.b64encode(key.sign(manifest_bytes)).decode("ascii"),
    }
    return _json_bytes(signature), public


def _verify_signature(
    name: str, manifest_bytes: bytes, signature_bytes: bytes | None, public_key: str
) -> str:
    """Check the signature against the pinned key; returns the key id. Raises if it fails."""
    expected = key_id(public_key)
    if signature_bytes is None:
        raise VerificationError(
            f"{name} is not signed, but its publisher's key {expected} is pinned: "
            "refused (ask the publisher to sign it with 'expander pack build --sign')"
        )
    try:
        data = json.loads(signature_bytes.decode("utf-8"))
        algorithm = data["algorithm"]
        signature = base64.b64decode(data["signature"], validate=True)
        signed_by = str(data.get("key_id", "?"))
    except (ValueError, KeyError, TypeError, RecursionError):
        raise VerificationError(f"{name}: the signature file is damaged: refused") from None
    if algorithm != "ed25519":
        raise VerificationError(f"{name}: unknown signature algorithm {algorithm!r}: refused")
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        raise _crypto_missing() from None
    try:
        Ed25519PublicKey.from_public_bytes(_public_key_bytes(public_key)).verify(
            signature, manifest_bytes
        )
    except InvalidSignature:
        other = f" (it names key {signed_by})" if signed_by != expected else ""
        raise VerificationError(
            f"{name}: the signature does not verify with the pinned key {expected}{other}: "
            "refused; the archive was changed or signed by someone else"
        ) from None
    return expected


# --- the manifest ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file of an archive: its SHA-256 (hex) and size in bytes."""

    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an archive says about itself; signed when the pack is signed."""

    name: str
    version: str
    created: str
    min_expander_version: str
    files: Mapping[str, FileEntry]
    description: str = ""
    author: str = ""
    language: str | None = None
    snippets: int = 0
    format: int = FORMAT

    def to_bytes(self) -> bytes:
        return _json_bytes(
            {
                "format": self.format,
                "name": self.name,
                "version": self.version,
                "description": self.description,
                "author": self.author,
                "language": self.language,
                "created": self.created,
                "min_expander_version": self.min_expander_version,
                "snippets": self.snippets,
                "files": {
                    path: {"sha256": e.sha256, "size": e.size}
                    for path, e in sorted(self.files.items())
                },
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes, where: str) -> Manifest:
        """Parse and check a manifest; :class:`VerificationError` names what is wrong."""

        def bad(what: str) -> VerificationError:
            return VerificationError(f"{where}: the manifest {what}: not a valid pack archive")

        try:
            raw = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):
            raise bad("is not valid JSON") from None
        if not isinstance(raw, dict):
            raise bad("is not a JSON object")
        fmt = raw.get("format")
        if not isinstance(fmt, int):
            raise bad("has no format number")
        if fmt > FORMAT:
            raise VerificationError(
                f"{where} was made by a newer Expander (archive format {fmt}): update Expander"
            )
        name, version = raw.get("name"), raw.get("version")
        if not isinstance(name, str) or not _PACK_NAME_RE.match(name):
            raise bad(f"has an invalid pack name {name!r}")
        if not isinstance(version, str) or not _SEMVER_RE.match(version):
            raise bad(f"has an invalid version {version!r}")
        needs = raw.get("min_expander_version", "0.0.0")
        if not isinstance(needs, str) or not _SEMVER_RE.match(needs):
            raise bad(f"has an invalid min_expander_version {needs!r}")
        files_raw = raw.get("files")
        if not isinstance(files_raw, dict) or not files_raw:
            raise bad("lists no files")
        if len(files_raw) > MAX_FILES:
            raise bad(f"lists more than {MAX_FILES} files")
        files: dict[str, FileEntry] = {}
        for path, entry in files_raw.items():
            problem = _member_name_problem(path)
            if problem:
                raise bad(f"lists {path!r}, which {problem}")
            if not isinstance(entry, dict):
                raise bad(f"has a bad entry for {path!r}")
            digest, size = entry.get("sha256"), entry.get("size")
            if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
                raise bad(f"has a bad SHA-256 for {path!r}")
            if not isinstance(size, int) or size < 0:
                raise bad(f"has a bad size for {path!r}")
            files[path] = FileEntry(digest, size)
        folded = {path.casefold() for path in files}
        if len(folded) != len(files):
            raise bad("lists two files whose names differ only in case (one on Windows and macOS)")
        if MANIFEST not in files:
            raise bad(f"has no {MANIFEST}")
        texts: dict[str, str] = {}
        for key in ("created", "description", "author"):
            value = raw.get(key, "")
            texts[key] = value if isinstance(value, str) else ""
        language = raw.get("language")
        snippets = raw.get("snippets", 0)
        return cls(
            name=name,
            version=version,
            created=texts["created"],
            min_expander_version=needs,
            files=files,
            description=texts["description"],
            author=texts["author"],
            language=language if isinstance(language, str) else None,
            snippets=snippets if isinstance(snippets, int) else 0,
            format=fmt,
        )


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


_MEMBER_PART_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._ -]*[A-Za-z0-9_-])?\Z")
_WINDOWS_DEVICE_RE = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?\Z", re.I)


def _member_name_problem(name: object) -> str | None:
    """Why an archive member name is unsafe to extract, or None."""
    if not isinstance(name, str) or not name or len(name) > 255:
        return "is not a usable file name"
    if "\\" in name or name.startswith("/") or ":" in name:
        return "is not a relative path"
    parts = PurePosixPath(name).parts
    if any(part in ("", ".", "..") for part in parts) or name.endswith("/"):
        return "leaves the pack folder"
    if not all(_MEMBER_PART_RE.match(part) for part in parts):
        return "has a hidden or unusual name"
    if any(_WINDOWS_DEVICE_RE.match(part) for part in parts):
        return "is a device name on Windows"
    if not name.endswith(".toml"):
        return "is not a .toml file"
    return None


# --- building -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BuildResult:
    """A built archive: where it is, its manifest, who signed it, and non-fatal problems."""

    archive: Path
    manifest: Manifest
    signed_by: str | None
    warnings: tuple[Problem, ...]


def _created_now() -> str:
    # SOURCE_DATE_EPOCH makes a build reproducible byte for byte
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    else:
        moment = dt.datetime.now(dt.UTC)
    return _iso(moment)


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_iso(text: object) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def _zip_bytes(members: Sequence[tuple[str, bytes]], created: str) -> bytes:
    stamp = _parse_iso(created) or dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    date_time = max(stamp.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _library_errors(pack: Pack, own_files: set[Path]) -> list[Problem]:
    """Problems only visible across packs ({snippet:...} references, cycles), in this pack.

    References are resolved with the bundled packs loaded too, as agents have them.
    """
    from expander.library import Library, pack_paths_in
    from expander.paths import bundled_dir

    bundled = [
        loaded.pack
        for path in pack_paths_in(bundled_dir())
        if (loaded := load_pack(path, Layer.BUNDLED)).pack is not None
    ]
    library = Library([*bundled, pack])
    return [
        p
        for p in library.problems
        if p.path is not None and p.path in own_files and p.severity is not Severity.INFO
    ]


def build_pack(
    source: str | Path,
    output: str | Path | None = None,
    *,
    signing_key: str | Path | None = None,
    min_expander_version: str | None = None,
    created: str | None = None,
) -> BuildResult:
    """Build a pack archive from a pack folder (or a single pack ``.toml`` file).

    Every problem the loader finds that is an error is fatal: nothing is
    written and :class:`~expander.errors.PackError` carries every problem with
    its file and line, so a broken pack never reaches agents. ``output`` may be
    a file or an existing folder (default: ``<name>-<version>.zip`` in the
    current folder). ``min_expander_version`` defaults to this Expander's
    release, the oldest one known to read the pack as it was checked here.
    """
    source = Path(source)
    if not source.exists():
        raise DistributeError(f"no such pack folder or file: {source}")
    if source.is_file() and source.suffix.lower() != ".toml":
        hint = (
            ": it is an archive already; publish it with 'expander pack publish'"
            if source.suffix.lower() == ARCHIVE_SUFFIX
            else ""
        )
        raise DistributeError(f"{source} is not a pack folder or a pack .toml file{hint}")
    loaded = load_pack(source)
    errors = [p for p in loaded.problems if p.is_error]
    if loaded.pack is None or errors:
        problems = errors or list(loaded.problems)
        raise PackError(
            f"{len(problems)} error(s) in the pack: fix them and build again; nothing was built",
            None,
            None,
            problems,
        )
    pack = loaded.pack
    files = pack_files(source)
    cross = _library_errors(pack, set(files))
    cross_errors = [p for p in cross if p.is_error]
    if cross_errors:
        raise PackError(
            f"{len(cross_errors)} error(s) in the pack: fix them and build again; "
            "nothing was built",
            None,
            None,
            cross_errors,
        )
    warnings = tuple(p for p in (*loaded.problems, *cross) if p.severity is Severity.WARNING)

    needs = min_expander_version or _release_of(_expander_version())
    if not _SEMVER_RE.match(needs):
        raise DistributeError(f"--min-expander-version {needs!r} is not a version such as 0.1.0")
    members: list[tuple[str, bytes]] = []
    for path in files:
        arcname = MANIFEST if not source.is_dir() else path.relative_to(source).as_posix()
        problem = _member_name_problem(arcname)
        if problem:
            raise DistributeError(f"{path}: the file name {arcname!r} {problem}: rename it")
        members.append((arcname, path.read_bytes()))
    manifest = Manifest(
        name=pack.name,
        version=pack.version,
        created=created or _created_now(),
        min_expander_version=needs,
        files={n: FileEntry(hashlib.sha256(d).hexdigest(), len(d)) for n, d in members},
        description=pack.description,
        author=pack.author,
        language=pack.language,
        snippets=len(pack.snippets),
    )
    manifest_bytes = manifest.to_bytes()
    head: list[tuple[str, bytes]] = [(MANIFEST_NAME, manifest_bytes)]
    signed_by: str | None = None
    if signing_key is not None:
        signature, public = _sign(manifest_bytes, Path(signing_key))
        head.append((SIGNATURE_NAME, signature))
        signed_by = key_id(public)
    data = _zip_bytes([*head, *members], manifest.created)

    target = Path(output) if output is not None else Path.cwd()
    if output is None or target.is_dir() or str(output).endswith(("/", os.sep)):
        target = target / f"{pack.name}-{pack.version}{ARCHIVE_SUFFIX}"
    atomic_write_bytes(target, data)
    return BuildResult(target, manifest, signed_by, warnings)


# --- reading archives ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArchiveInfo:
    """A checked archive: its manifest, the id of its manifest, and its signature status.

    ``signed_by`` is the key id that verified the signature, or the key id the
    signature names when no key was given to check it against.
    """

    manifest: Manifest
    digest: str
    signed: bool
    signed_by: str | None
    verified: bool

    @property
    def install_id(self) -> str:
        """The folder name of this version in the store: version plus manifest digest."""
        return f"{self.manifest.version}-{self.digest[:12]}"


@dataclass(frozen=True, slots=True)
class _Opened:
    info: ArchiveInfo
    manifest_bytes: bytes
    signature: bytes | None
    files: Mapping[str, bytes]


def _open_archive(
    path: Path, where: str, public_key: str | None, *, check_version: bool = True
) -> _Opened:
    """Read an archive completely and check everything but the snippets.

    Checks, in order: it is a zip; members are only the manifest, the
    signature and the listed files; the manifest; the signature (when a key is
    given; then a missing signature is refused); the Expander version it needs;
    each file's size and SHA-256.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceError(f"cannot read {where}: {exc.strerror or exc}") from None
    if size > MAX_ARCHIVE_BYTES:
        raise VerificationError(f"{where} is larger than {MAX_ARCHIVE_BYTES >> 20} MB: refused")
    problem = _central_directory_problem(path, size)
    if problem is not None:
        raise VerificationError(f"{where}: {problem}: refused")
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if len(names) != len(set(names)):
                raise VerificationError(f"{where}: the archive lists a file twice: refused")
            if MANIFEST_NAME not in names:
                raise VerificationError(
                    f"{where} is not a pack archive (no {MANIFEST_NAME}): "
                    "build one with 'expander pack build'"
                )
            manifest_bytes = _read_member(archive, MANIFEST_NAME, 1 << 20, where)
            manifest = Manifest.from_bytes(manifest_bytes, where)
            digest = hashlib.sha256(manifest_bytes).hexdigest()
            signature = (
                _read_member(archive, SIGNATURE_NAME, 1 << 16, where)
                if SIGNATURE_NAME in names
                else None
            )
            label = f"{manifest.name} {manifest.version}"
            signed_by: str | None = None
            verified = False
            if public_key is not None:
                signed_by = _verify_signature(label, manifest_bytes, signature, public_key)
                verified = True
            elif signature is not None:
                with contextlib.suppress(ValueError, KeyError, TypeError, RecursionError):
                    signed_by = str(json.loads(signature.decode("utf-8"))["key_id"])
            if check_version:
                _check_compatible(manifest.name, manifest.version, manifest.min_expander_version)
            extra = set(names) - set(manifest.files) - {MANIFEST_NAME, SIGNATURE_NAME}
            if extra:
                raise VerificationError(
                    f"{where}: the archive holds files its manifest does not list "
                    f"({', '.join(sorted(extra)[:3])}): refused"
                )
            total = sum(e.size for e in manifest.files.values())
            if total > MAX_UNPACKED_BYTES:
                raise VerificationError(f"{where}: the pack is too large unpacked: refused")
            files: dict[str, bytes] = {}
            for name, entry in manifest.files.items():
                if name not in names:
                    raise VerificationError(
                        f"{where}: {name} is listed in the manifest but missing: refused"
                    )
                data = _read_member(archive, name, entry.size, where)
                if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
                    raise VerificationError(
                        f"{label}: checksum mismatch for {name}: the archive is damaged or "
                        "was changed after it was built: refused"
                    )
                files[name] = data
    except zipfile.BadZipFile as exc:
        raise VerificationError(
            f"{where} is not a readable pack archive ({exc}): a truncated download or "
            "not a .zip made by 'expander pack build'"
        ) from None
    except (EOFError, zipfile.LargeZipFile, NotImplementedError, ValueError, RuntimeError) as exc:
        # RuntimeError: an encrypted member; ValueError: a name that is not UTF-8
        raise VerificationError(f"{where}: the archive is damaged ({exc}): refused") from None
    info = ArchiveInfo(manifest, digest, signature is not None, signed_by, verified)
    return _Opened(info, manifest_bytes, signature, files)


def _central_directory_problem(path: Path, size: int) -> str | None:
    """Why the archive's list of files is too large to read, from its end record.

    ``zipfile`` reads every entry of the central directory into memory before
    anything can be checked: a 64 MB archive of empty entries costs about a
    gigabyte. A pack has at most :data:`MAX_FILES` files and is never Zip64.
    A file with no end record is left for ``zipfile`` to refuse.
    """
    tail_length = min(size, 22 + 0xFFFF)
    try:
        with open(path, "rb") as handle:
            handle.seek(size - tail_length)
            tail = handle.read(tail_length)
    except OSError:
        return None
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    entries, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
    zip64_locator = at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07"
    if zip64_locator or entries == 0xFFFF:
        return "it is a Zip64 archive, which 'expander pack build' never makes"
    if entries > MAX_FILES + 2 or directory_size > MAX_CENTRAL_DIRECTORY_BYTES:
        return f"it holds more than the {MAX_FILES} files a pack may have"
    return None


def _read_member(archive: zipfile.ZipFile, name: str, limit: int, where: str) -> bytes:
    """A member's bytes, reading at most ``limit + 1`` so a zip bomb cannot fill memory."""
    try:
        with archive.open(name) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, RuntimeError) as exc:
        raise VerificationError(f"{where}: {name} is damaged ({exc}): refused") from None
    if len(data) > limit:
        raise VerificationError(f"{where}: {name} is larger than its manifest says: refused")
    return data


def _validate_folder(folder: Path, manifest: Manifest) -> Pack:
    """Load an unpacked archive as the app would; any error refuses it."""
    loaded = load_pack(folder, Layer.TEAM)
    errors = [p for p in loaded.problems if p.is_error]
    label = f"{manifest.name} {manifest.version}"
    if errors or loaded.pack is None:
        shown = []
        for problem in errors[:3]:
            where = problem.path.relative_to(folder).as_posix() if problem.path else "?"
            if problem.path and problem.path == folder:
                where = "."
            line = f":{problem.line}" if problem.line else ""
            shown.append(f"{where}{line}: {problem.message}")
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        raise VerificationError(
            f"{label} has invalid snippets, so it was not installed: {'; '.join(shown)}{more}"
        )
    pack = loaded.pack
    if (pack.name, pack.version) != (manifest.name, manifest.version):
        raise VerificationError(
            f"{label}: its pack.toml says {pack.name} {pack.version}: refused "
            "(rebuild the archive with 'expander pack build')"
        )
    return pack


def inspect_archive(
    path: str | Path, *, public_key: str | None = None, check_expander_version: bool = True
) -> ArchiveInfo:
    """Check an archive completely, as an install would, without installing it.

    Raises :class:`VerificationError` for anything an agent's app would refuse.
    ``check_expander_version=False`` leaves out the one check that depends on
    the Expander running it (the pack's ``min_expander_version``).
    """
    path = Path(path)
    opened = _open_archive(path, str(path), public_key, check_version=check_expander_version)
    with tempfile.TemporaryDirectory(prefix="expander-check-") as tmp:
        _write_files(Path(tmp), opened.files)
        _validate_folder(Path(tmp), opened.info.manifest)
    return opened.info


def _write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` under ``folder``, durably: the files and every folder's
    entries reach the disk before the caller renames ``folder`` into place."""
    folders = {folder}
    for name, data in files.items():
        target = folder.joinpath(*PurePosixPath(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        folders.update(p for p in target.parents if p == folder or folder in p.parents)
        with open(target, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    for written in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        _fsync_dir(written)


# --- publishing -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublishResult:
    """A published archive: where it went, the index that names it, what it replaced."""

    archive: Path
    index: Path
    name: str
    version: str
    previous_version: str | None


def _index_entry_problem(name: str, entry: object) -> str | None:
    if not isinstance(entry, dict):
        return f"the entry for {name!r} is not an object"
    version, file = entry.get("version"), entry.get("file")
    if not isinstance(version, str) or not _SEMVER_RE.match(version):
        return f"the entry for {name!r} has an invalid version {version!r}"
    if not isinstance(file, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._+-]*\.zip", file):
        return f"the entry for {name!r} has an invalid file name {file!r}"
    digest = entry.get("sha256")
    if digest is not None and (
        not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest)
    ):
        return f"the entry for {name!r} has an invalid sha256"
    needs = entry.get("min_expander_version")
    if needs is not None and (not isinstance(needs, str) or not _SEMVER_RE.match(needs)):
        return f"the entry for {name!r} has an invalid min_expander_version"
    return None


def _parse_index(data: bytes, where: str) -> dict[str, dict[str, Any]]:
    """The ``packs`` of an index, checked; :class:`SourceError` if it is not one."""
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        raise SourceError(f"{where} is not a valid index (not JSON)") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("packs"), dict):
        raise SourceError(f'{where} is not a valid index (no "packs" object)')
    fmt = raw.get("format", FORMAT)
    if isinstance(fmt, int) and fmt > FORMAT:
        raise SourceError(f"{where} was written by a newer Expander: update Expander")
    packs: dict[str, dict[str, Any]] = {}
    for name, entry in raw["packs"].items():
        problem = _index_entry_problem(name, entry)
        if problem:
            raise SourceError(f"{where} is not a valid index: {problem}")
        packs[name] = entry
    return packs


def publish_pack(archive: str | Path, dest_dir: str | Path) -> PublishResult:
    """Copy an archive into a shared folder and name it in the folder's ``index.json``.

    The archive is checked as an agent's app would check it first. It is
    written as ``<name>-<version>.zip`` before the index is updated (each
    atomically), so an agent never sees an index naming a missing archive.
    Older archives stay, so agents halfway through a download finish it.
    Publishing a version lower than the one the index names, or the same
    version with different content, is refused: agents only move forward.
    To publish on a web server, publish to a local folder and upload it.
    """
    archive, dest = Path(archive), Path(dest_dir)
    # the version it needs is the agents' concern: a publisher may run an older Expander
    info = inspect_archive(archive, check_expander_version=False)
    manifest = info.manifest
    data = archive.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    file_name = f"{manifest.name}-{manifest.version}{ARCHIVE_SUFFIX}"
    index_path = dest / INDEX_NAME
    if dest.exists() and not dest.is_dir():
        raise DistributeError(f"{dest} is not a folder")
    dest.mkdir(parents=True, exist_ok=True)
    document: dict[str, Any] = {"format": FORMAT, "packs": {}}
    if index_path.exists():
        existing = index_path.read_bytes()
        _parse_index(existing, str(index_path))
        document = json.loads(existing.decode("utf-8-sig"))
    previous = document["packs"].get(manifest.name)
    previous_version = previous["version"] if previous else None
    if previous_version is not None:
        order = compare_versions(manifest.version, previous_version)
        if order < 0:
            raise DistributeError(
                f"{index_path} already names {manifest.name} {previous_version}, newer than "
                f"{manifest.version}: agents only move forward, so publish a higher version"
            )
        if order == 0 and previous.get("sha256") not in (None, digest):
            raise DistributeError(
                f"{manifest.name} {manifest.version} is already published with other "
                "content: agents who have it would never get the change; raise the version "
                "in pack.toml and build again"
            )
    target = dest / file_name
    if target.exists() and target.read_bytes() != data:
        raise DistributeError(
            f"{target} already exists with other content: raise the version in pack.toml "
            "and build again"
        )
    if not target.exists():
        _publish_write(target, data)
    document["format"] = FORMAT
    document["generated"] = _iso(dt.datetime.now(dt.UTC))
    document["packs"][manifest.name] = {
        "version": manifest.version,
        "file": file_name,
        "sha256": digest,
        "size": len(data),
        "min_expander_version": manifest.min_expander_version,
        "description": manifest.description,
        "published": document["generated"],
    }
    document["packs"] = dict(sorted(document["packs"].items()))
    _publish_write(index_path, _json_bytes(document))
    return PublishResult(target, index_path, manifest.name, manifest.version, previous_version)


def _publish_write(path: Path, data: bytes) -> None:
    """Atomic write for shared folders, where fsync on a folder may be refused."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # a web server or other agents must be able to read it
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


# --- fetching -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Source:
    """Where a subscribed pack is published: an index on a web server or in a folder."""

    kind: Literal["http", "folder"]
    index: str

    @property
    def display(self) -> str:
        if self.kind == "folder":
            return str(Path(self.index).parent)
        return self.index

    def archive_location(self, file_name: str, fetched: _Fetched) -> str:
        """Where the index names an archive: relative to the index as it was last fetched.

        After a redirect that is the address redirected to (RFC 3986, 5.1.3).
        """
        if self.kind == "folder":
            return str(Path(self.index).parent / file_name)
        from urllib.parse import urljoin

        return urljoin(fetched.url or self.index, file_name)

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "index": self.index}

    @staticmethod
    def from_json(data: object) -> _Source | None:
        if isinstance(data, dict) and data.get("kind") in ("http", "folder"):
            index = data.get("index")
            if isinstance(index, str):
                return _Source(data["kind"], index)
        return None


def _is_url(text: str) -> bool:
    return bool(re.match(r"https?://", text, re.I))


def _file_url_path(text: str) -> Path | None:
    """The folder a ``file://`` URL names, the way this system spells paths
    (``file:///C:/packs`` is ``C:\\packs`` on Windows; ``file://server/share``
    a UNC path there, and refused elsewhere: mount the share and name the folder)."""
    if not text.lower().startswith("file://"):
        return None
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    parts = urlsplit(text)
    path = url2pathname(parts.path)
    host = parts.netloc
    if host and host.lower() != "localhost":
        if os.name != "nt":
            raise DistributeError(
                f"{text}: a file URL naming another computer ({host}) cannot be read here; "
                "mount the shared folder and subscribe to its path"
            )
        path = f"\\\\{host}{path}"
    return Path(path)


def _parse_source(text: str) -> _Source:
    """Read what an agent subscribes to: a published folder, its index.json, or a URL."""
    text = text.strip()
    if _is_url(text):
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(text)
        url_path = parts.path or "/"
        if url_path.lower().endswith(ARCHIVE_SUFFIX):
            raise DistributeError(
                f"{text} is one archive: subscribe to the folder it is published in "
                "(with its index.json), or install it once with 'expander pack install'"
            )
        if not url_path.lower().endswith(".json"):
            url_path = url_path.rstrip("/") + "/" + INDEX_NAME
        return _Source("http", urlunsplit((parts.scheme, parts.netloc, url_path, parts.query, "")))
    path = _file_url_path(text) or Path(text).expanduser()
    if path.suffix.lower() == ARCHIVE_SUFFIX:
        raise DistributeError(
            f"{path} is one archive: subscribe to the folder it is published in, or "
            "install it once with 'expander pack install'"
        )
    if path.is_dir():
        path = path / INDEX_NAME
    if not path.is_file():
        where = path.parent if path.name == INDEX_NAME else path
        raise SourceError(
            f"no published packs at {where}: expected a folder with an {INDEX_NAME} "
            "(written by 'expander pack publish') or an http(s):// address"
        )
    return _Source("folder", str(path.resolve()))


@dataclass(frozen=True, slots=True)
class _Fetched:
    status: int  # 200, or 304 when unchanged
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    url: str | None = None  # after redirects


def _http_get(
    url: str,
    *,
    timeout: float,
    max_bytes: int,
    limit: float = DEFAULT_DOWNLOAD_LIMIT,
    headers: Mapping[str, str] | None = None,
    sink: IO[bytes] | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> _Fetched:
    """GET ``url``; 304 is an answer, every other failure a :class:`SourceError`.

    Each read waits at most ``timeout`` seconds, the whole download at most
    about ``limit``. The body goes to ``sink`` when given (it is not kept in
    memory). A body shorter than its Content-Length is an error:
    ``http.client`` returns a short read silently when a server drops the
    connection.
    """
    import http.client
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"Expander/{_expander_version()}",
            "Accept-Encoding": "identity",
            **(headers or {}),
        },
    )
    try:
        opener = urllib.request.build_opener(_safe_redirects())
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        with contextlib.closing(exc):
            if exc.code == 304:
                return _Fetched(304, b"")
            hint = {
                404: ": nothing is published at this address; check it with the publisher",
                401: ": the server asks for a login, which Expander does not support",
                403: ": the server refuses access",
            }.get(exc.code, ": try again later")
            raise SourceError(
                f"{url}: the server answered HTTP {exc.code} {exc.reason}{hint}"
            ) from None
    except urllib.error.URLError as exc:
        raise SourceError(f"{url}: {_network_reason(exc.reason, timeout)}") from None
    except (TimeoutError, OSError, http.client.HTTPException, ValueError) as exc:
        raise SourceError(f"{url}: {_network_reason(exc, timeout)}") from None
    with response:
        started = time.monotonic()
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        if total is not None and total > max_bytes:
            raise SourceError(f"{url} is {total} bytes, more than the {max_bytes} allowed")
        body = bytearray()
        received = 0
        try:
            while True:
                # read1: what one receive brings, so the time limit is checked between
                # receives (read() would wait for the whole 64 KiB of a trickle)
                chunk = response.read1(1 << 16)
                if not chunk:
                    break
                received += len(chunk)
                if time.monotonic() - started > limit:
                    of = f" of {total}" if total is not None else ""
                    raise SourceError(
                        f"{url}: the download took longer than {limit:g} s "
                        f"({received}{of} bytes received): the connection is too slow; "
                        "try again later"
                    )
                if received > max_bytes:
                    raise SourceError(f"{url} is larger than the {max_bytes} bytes allowed")
                if sink is not None:
                    sink.write(chunk)
                else:
                    body += chunk
                if progress is not None:
                    progress(received, total)
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            raise SourceError(
                f"{url}: the download failed after {received} bytes: "
                f"{_network_reason(exc, timeout)}"
            ) from None
        if total is not None and received < total:
            raise SourceError(
                f"{url}: the download was cut off after {received} of {total} bytes "
                "(the connection was dropped): try again later"
            )
        return _Fetched(
            200,
            bytes(body),
            response.headers.get("ETag"),
            _safe_last_modified(
                response.headers.get("Last-Modified"), response.headers.get("Date")
            ),
            response.geturl(),
        )


def _redirect_problem(old_url: str, new_url: str) -> str | None:
    """Why a redirect must not be followed: not to http(s), or from https down to http."""
    from urllib.parse import urlsplit

    old, new = urlsplit(old_url).scheme.lower(), urlsplit(new_url).scheme.lower()
    if new not in ("http", "https"):
        return "Expander only follows redirects to http(s) addresses"
    if old == "https" and new == "http":
        return "a redirect from https to plain http would let the network change the pack"
    return None


def _safe_redirects() -> type:
    import urllib.request

    class SafeRedirects(urllib.request.HTTPRedirectHandler):
        """urllib's redirects, refusing other schemes (ftp) and https -> http."""

        def redirect_request(  # type: ignore[no-untyped-def]
            self, req, fp, code, msg, headers, newurl
        ):
            problem = _redirect_problem(req.full_url, newurl)
            if problem is not None:
                fp.close()
                raise SourceError(f"{req.full_url} redirects to {newurl}: refused ({problem})")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return SafeRedirects


def _safe_last_modified(last_modified: str | None, date: str | None) -> str | None:
    """Last-Modified, unless the file changed within the second the response was made.

    Last-Modified has one-second resolution: a file written again in that same
    second would keep it, and a check with If-Modified-Since would miss the
    change for good (RFC 9110, 8.8.2.2). Then the next check asks afresh.
    """
    if last_modified is None or date is None:
        return last_modified
    from email.utils import parsedate_to_datetime

    try:
        age = parsedate_to_datetime(date) - parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return None
    return last_modified if age.total_seconds() >= 1 else None


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError) or "timed out" in str(reason):
        return f"no answer within {timeout:g} s (timed out): is the server up?"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused: is the server up?"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def _copy_local(
    src: Path, sink: IO[bytes], max_bytes: int, progress: Callable[[int, int | None], None] | None
) -> None:
    try:
        total = src.stat().st_size
        if total > max_bytes:
            raise SourceError(f"{src} is {total} bytes, more than the {max_bytes} allowed")
        done = 0
        with open(src, "rb") as handle:
            while chunk := handle.read(1 << 16):
                sink.write(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
    except FileNotFoundError:
        raise SourceError(f"{src} does not exist: check the path") from None
    except OSError as exc:
        raise SourceError(f"cannot read {src}: {exc.strerror or exc}") from None


# --- installed packs: data ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PackChange:
    """What one install, update or rollback changed, by snippet id.

    ``str()`` gives the line for a notification:
    ``support-team 1.4.0: 3 new, 2 changed, 1 removed``.
    """

    name: str
    old_version: str | None
    new_version: str
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    snippets: int = 0

    @property
    def is_first_install(self) -> bool:
        return self.old_version is None

    def __str__(self) -> str:
        if self.old_version is None:
            return f"{self.name} {self.new_version}: installed, {self.snippets} snippet(s)"
        counts = [
            f"{len(ids)} {word}"
            for ids, word in (
                (self.added, "new"),
                (self.changed, "changed"),
                (self.removed, "removed"),
            )
            if ids
        ]
        return f"{self.name} {self.new_version}: {', '.join(counts) or 'no snippet changed'}"


@dataclass(frozen=True, slots=True)
class UpdateResult:
    """How checking one pack went.

    ``outcome``: ``updated`` (``change`` says what changed), ``unchanged``,
    ``failed`` (``message`` says why; the installed version is untouched) or
    ``skipped`` (nothing to check, or checked too recently).

    ``reload`` is True when the version the loader reads changed: the app
    reloads its library then. ``repeated`` is True for a failure with the same
    reason as the previous check's, which the app need not announce again.
    """

    name: str
    outcome: Literal["updated", "unchanged", "failed", "skipped"]
    version: str | None
    change: PackChange | None = None
    message: str = ""
    reload: bool = False
    repeated: bool = False

    @property
    def ok(self) -> bool:
        return self.outcome != "failed"

    @property
    def notify(self) -> bool:
        """Whether the app should tell the agent: a new version, or a new failure."""
        return self.reload or (self.outcome == "failed" and not self.repeated)

    def __str__(self) -> str:
        if self.change is not None:
            return str(self.change)
        if self.outcome == "failed":
            kept = f" ({self.version} is still installed)" if self.version else ""
            return f"{self.name}: update failed: {self.message}{kept}"
        version = f" {self.version}" if self.version else ""
        return f"{self.name}{version}: {self.message or self.outcome}"


@dataclass(frozen=True, slots=True)
class InstalledPack:
    """One pack in the team packs folder, as ``pack list`` shows it.

    ``managed`` is False for a pack copied there by hand: Expander loads it
    but does not update or remove it. ``status`` is ``ok``, ``error`` (the
    last check failed: ``error`` says why, the installed version still
    works), ``not installed`` (subscribed, first install interrupted) or
    ``unmanaged``.
    """

    name: str
    version: str | None
    path: Path
    managed: bool = True
    source: str | None = None
    source_kind: Literal["http", "folder"] | None = None
    installed_from: str | None = None
    key_id: str | None = None
    signed_by: str | None = None
    last_check: dt.datetime | None = None
    last_update: dt.datetime | None = None
    status: str = "ok"
    error: str | None = None
    previous_versions: tuple[str, ...] = ()
    skipped_version: str | None = None
    last_change: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "managed": self.managed,
            "source": self.source,
            "source_kind": self.source_kind,
            "installed_from": self.installed_from,
            "key_id": self.key_id,
            "signed_by": self.signed_by,
            "last_check": _iso(self.last_check) if self.last_check else None,
            "last_update": _iso(self.last_update) if self.last_update else None,
            "status": self.status,
            "error": self.error,
            "previous_versions": list(self.previous_versions),
            "skipped_version": self.skipped_version,
            "last_change": self.last_change,
            "path": str(self.path),
        }


@dataclass(frozen=True, slots=True)
class _State:
    """What is remembered about one managed pack (``pack-store/<name>/state.json``).

    Which version is active is never stored: the ``packs/<name>`` pointer is
    the truth, so the state cannot contradict what the loader sees.
    """

    name: str
    source: _Source | None = None
    key: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    index_digest: str | None = None
    last_check: str | None = None
    last_update: str | None = None
    status: str = "ok"
    error: str | None = None
    history: tuple[str, ...] = ()  # earlier install ids, oldest first
    skipped_version: str | None = None
    last_change: str | None = None
    installed_from: str | None = None

    def to_bytes(self) -> bytes:
        return _json_bytes(
            {
                "format": FORMAT,
                "name": self.name,
                "source": self.source.to_json() if self.source else None,
                "key": self.key,
                "etag": self.etag,
                "last_modified": self.last_modified,
                "index_digest": self.index_digest,
                "last_check": self.last_check,
                "last_update": self.last_update,
                "status": self.status,
                "error": self.error,
                "history": list(self.history),
                "skipped_version": self.skipped_version,
                "last_change": self.last_change,
                "installed_from": self.installed_from,
            }
        )

    @staticmethod
    def from_bytes(name: str, data: bytes) -> _State:
        try:
            raw = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):
            raw = None
        if not isinstance(raw, dict):
            return _State(name, status="error", error="the state file was unreadable; reset")

        def text(key: str) -> str | None:
            value = raw.get(key)
            return value if isinstance(value, str) else None

        history = raw.get("history")
        return _State(
            name=name,
            source=_Source.from_json(raw.get("source")),
            key=text("key"),
            etag=text("etag"),
            last_modified=text("last_modified"),
            index_digest=text("index_digest"),
            last_check=text("last_check"),
            last_update=text("last_update"),
            status=text("status") or "ok",
            error=text("error"),
            history=tuple(h for h in history if isinstance(h, str))
            if isinstance(history, list)
            else (),
            skipped_version=text("skipped_version"),
            last_change=text("last_change"),
            installed_from=text("installed_from"),
        )


@dataclass(frozen=True, slots=True)
class _Active:
    install_id: str
    folder: Path  # the folder the loader reads (through the pointer)
    manifest: Manifest


# --- file system helpers ----------------------------------------------------------------------


def _make_read_only(folder: Path) -> None:
    for root, dirs, files in os.walk(folder):
        for name in files:
            os.chmod(os.path.join(root, name), 0o444)
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o555)
    os.chmod(folder, 0o555)


def _remove(path: Path) -> None:
    """Remove a file, symlink or read-only folder tree; missing is fine."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return
    if not path.exists():
        return
    for root, dirs, files in os.walk(path):
        os.chmod(root, 0o700)
        for name in dirs:
            full = os.path.join(root, name)
            if not os.path.islink(full):
                os.chmod(full, 0o700)
        for name in files:
            full = os.path.join(root, name)
            if not os.path.islink(full):
                os.chmod(full, 0o600)
    shutil.rmtree(path, ignore_errors=False)


def _fsync_dir(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _token() -> str:
    return secrets.token_hex(6)


def _checkpoint(point: str) -> None:
    """A test hook: stop here so a test can kill this process at a chosen moment.

    With ``EXPANDER_TEST_PAUSE_AT=<point>`` the process writes its pid to
    ``EXPANDER_TEST_PAUSE_FILE`` and sleeps ``EXPANDER_TEST_PAUSE_SECONDS``
    (default 30). Points: ``downloaded``, ``before-swap``, ``after-swap``.
    """
    if os.environ.get("EXPANDER_TEST_PAUSE_AT") != point:
        return
    marker = os.environ.get("EXPANDER_TEST_PAUSE_FILE")
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="ascii")
    time.sleep(float(os.environ.get("EXPANDER_TEST_PAUSE_SECONDS", "30")))


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


_LEFTOVER_RE = re.compile(r"\.(?P<name>.+)\.(?P<kind>tmp|new|old|gone)-[0-9a-f]{12}\Z")


def _snippet_signature(pack: Pack | None) -> dict[str, tuple[object, ...]]:
    if pack is None:
        return {}
    return {
        s.id: (
            s.title,
            s.body,
            s.trigger,
            s.keywords,
            s.examples,
            s.tags,
            s.word_boundary,
            s.propagate_case,
            s.inject,
            s.language,
        )
        for s in pack.snippets
    }


def _diff(name: str, old: Pack | None, old_version: str | None, new: Pack) -> PackChange:
    before, after = _snippet_signature(old), _snippet_signature(new)
    return PackChange(
        name=name,
        old_version=old_version,
        new_version=new.version,
        added=tuple(sorted(set(after) - set(before))),
        changed=tuple(sorted(i for i in set(after) & set(before) if after[i] != before[i])),
        removed=tuple(sorted(set(before) - set(after))),
        snippets=len(new.snippets),
    )


# --- the manager ---------------------------------------------------------------------------------


class PackManager:
    """Installs, updates, lists, removes and rolls back the user's team packs.

    Every change takes the team packs lock (waiting up to ``lock_timeout``
    seconds, calling ``on_wait`` once if it has to wait) and first cleans up
    whatever an interrupted process left. Network reads time out after
    ``timeout`` seconds of silence, and a download that takes longer than
    ``download_limit`` seconds in all fails. ``link_mode`` is ``auto`` (symlinks where
    the system allows them), or ``symlink`` / ``copy`` to force one.
    """

    def __init__(
        self,
        paths: Paths | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        download_limit: float = DEFAULT_DOWNLOAD_LIMIT,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
        on_wait: Callable[[], None] | None = None,
        link_mode: Literal["auto", "symlink", "copy"] = "auto",
    ) -> None:
        self.paths = paths or user_paths()
        self.packs_dir = self.paths.team_packs_dir
        self.store = self.paths.data_dir / STORE_NAME
        self.timeout = timeout
        self.download_limit = download_limit
        self.lock_timeout = lock_timeout
        self.on_wait = on_wait
        self._link_mode = link_mode
        self._symlinks: bool | None = None

    # --- public operations -------------------------------------------------------------

    def has_subscriptions(self) -> bool:
        """Whether any installed pack follows a source, so :meth:`update` has work to do.

        Cheap, and safe to call at any time: it takes no lock, creates nothing
        and touches no network, so the app can skip its periodic check (and
        the lock) on machines without team packs.
        """
        return any(
            state is not None and state.source is not None
            for state in map(self._read_state, self._managed_names())
        )

    def installed(self) -> list[InstalledPack]:
        """Every pack in the team packs folder, managed or copied by hand, by name.

        Reads without the lock: the state files and the active pointers are
        each replaced atomically, so a concurrent update shows the old or the
        new version, never a mix.
        """
        found: dict[str, InstalledPack] = {}
        if self.store.is_dir():
            for folder in sorted(self.store.iterdir()):
                if folder.name.startswith(".") or not (folder / STATE_NAME).is_file():
                    continue
                state = self._read_state(folder.name)
                if state is not None:
                    found[folder.name] = self._describe(state, self._active(folder.name))
        if self.packs_dir.is_dir():
            from expander.library import pack_paths_in

            for path in pack_paths_in(self.packs_dir):
                name = path.stem if path.is_file() else path.name
                if name in found or self._is_managed_pointer(path):
                    continue
                loaded = load_pack(path)
                found[name] = InstalledPack(
                    name=loaded.pack.name if loaded.pack else name,
                    version=loaded.pack.version if loaded.pack else None,
                    path=path,
                    managed=False,
                    status="unmanaged",
                    source="copied by hand",
                )
        return [found[name] for name in sorted(found)]

    def install(
        self,
        source: str | Path,
        *,
        key: str | None = None,
        progress: Progress | None = None,
    ) -> PackChange:
        """Install one archive from a file or an http(s) URL, and make it active.

        With ``key`` (or a key pinned for this pack earlier) the archive must
        be signed by it. An installed pack's subscription is kept. A lower
        version than the active one is allowed here: the user asked for it.
        """
        pinned = read_public_key(key) if key else None
        text = str(source)
        with self._locked(), self._workspace() as work:
            archive = work / "download.zip"
            if _is_url(text):
                self._download(text, archive, None, progress, label=text.rsplit("/", 1)[-1])
            else:
                path = _file_url_path(text) or Path(text).expanduser()
                if path.is_dir():
                    hint = (
                        "subscribe to it with 'expander pack subscribe'"
                        if (path / INDEX_NAME).is_file()
                        else "build it first with 'expander pack build'"
                    )
                    raise DistributeError(f"{path} is a folder, not a pack archive: {hint}")
                if path.suffix.lower() == ".json":
                    raise DistributeError(
                        f"{path} is an index: subscribe to it with 'expander pack subscribe'"
                    )
                with open(archive, "wb") as sink:
                    _copy_local(path, sink, MAX_ARCHIVE_BYTES, self._bind(progress, path.name))
                text = str(path.resolve())
            peek = _open_archive(archive, text, None).info.manifest
            state = self._read_state(peek.name) or _State(peek.name)
            if pinned and state.key and pinned != state.key:
                raise DistributeError(
                    f"{peek.name} is pinned to key {key_id(state.key)}, not "
                    f"{key_id(pinned)}: to change the pinned key, subscribe again with --key"
                )
            state = replace(state, key=pinned or state.key)
            change, state = self._install_archive(archive, text, state, expected_name=None)
            now = _iso(dt.datetime.now(dt.UTC))
            self._write_state(
                replace(state, status="ok", error=None, last_update=now, last_change=str(change))
            )
            return change

    def subscribe(
        self,
        source: str | Path,
        *,
        name: str | None = None,
        key: str | None = None,
        progress: Progress | None = None,
    ) -> PackChange:
        """Follow a published folder or URL: install its latest version now, update later.

        All or nothing: if the first install fails, nothing is recorded.
        ``name`` picks the pack when the index names several. ``key`` pins
        the publisher's public key (replacing an earlier pin); without it an
        earlier pin stays. A version already installed that is newer than the
        source's is kept.
        """
        src = _parse_source(str(source))
        pinned = read_public_key(key) if key else None
        with self._locked(), self._workspace() as work:
            fetched = self._fetch_index(src, None, force=True)
            packs = _parse_index(fetched.body, src.index)
            chosen = self._choose(packs, name, src)
            entry = packs[chosen]
            state = self._read_state(chosen) or _State(chosen)
            state = replace(state, source=src, key=pinned or state.key)
            active = self._active(chosen)
            if (
                active is not None
                and compare_versions(entry["version"], active.manifest.version) < 0
            ):
                change = PackChange(
                    chosen,
                    active.manifest.version,
                    active.manifest.version,
                    snippets=active.manifest.snippets,
                )
            else:
                _check_compatible(
                    chosen, entry["version"], entry.get("min_expander_version", "0.0.0")
                )
                archive = work / "download.zip"
                location = src.archive_location(entry["file"], fetched)
                self._download_entry(src, location, entry, archive, chosen, progress)
                change, state = self._install_archive(archive, location, state, chosen)
            now = _iso(dt.datetime.now(dt.UTC))
            self._write_state(
                replace(_validated(state, fetched, now), last_update=now, last_change=str(change))
            )
            return change

    def update(
        self,
        name: str | None = None,
        *,
        force: bool = False,
        min_interval: float | None = None,
        progress: Progress | None = None,
    ) -> list[UpdateResult]:
        """Check subscribed packs (one, or all) and install newer versions.

        Never raises for one pack's failure: each result says how it went,
        the reason is also kept for ``pack list``, and the installed version
        stays as it was. ``force`` skips the conditional request and installs
        the source's latest version even if it is the one rolled back from.
        ``min_interval`` (seconds) skips packs checked more recently than
        that, so the app can call this on every start without hammering
        servers. Raises :class:`DistributeError` only for an unknown ``name``.
        """
        with self._locked():
            if name is not None:
                if self._read_state(name) is None:
                    raise self._unknown(name)
                names = [name]
            else:
                names = self._managed_names()
            return [self._update_one(n, force, min_interval, progress) for n in names]

    def remove(self, name: str) -> InstalledPack:
        """Uninstall a managed pack and forget its subscription; returns what it was."""
        with self._locked():
            state = self._read_state(name)
            if state is None:
                raise self._unknown(name)
            before = self._describe(state, self._active(name))
            self._write_state(replace(state, status="removing"))
            self._finish_removal(name)
            return before

    def rollback(self, name: str) -> PackChange:
        """Make the previously active version active again.

        The version rolled back from is remembered and skipped by later
        updates until a newer one is published (or ``update(force=True)``).
        """
        with self._locked():
            state = self._read_state(name)
            if state is None:
                raise self._unknown(name)
            active = self._active(name)
            if active is None:
                raise DistributeError(f"{name} is not installed: nothing to roll back")
            if not state.history:
                raise DistributeError(
                    f"no earlier version of {name} is kept (only {active.manifest.version} "
                    "has been installed): nothing to roll back to"
                )
            previous = state.history[-1]
            target = self.store / name / previous
            manifest = self._verify_installed(target, name)
            new_pack = _validate_folder(target, manifest)
            old_loaded = load_pack(active.folder)
            change = _diff(name, old_loaded.pack, active.manifest.version, new_pack)
            self._point(name, target)
            _checkpoint("after-swap")
            now = _iso(dt.datetime.now(dt.UTC))
            self._write_state(
                replace(
                    state,
                    history=state.history[:-1],
                    skipped_version=active.manifest.version,
                    last_update=now,
                    last_change=f"rolled back from {active.manifest.version}: {change}",
                    status="ok",
                    error=None,
                    installed_from=None,
                )
            )
            _remove(self.store / name / active.install_id)
            return change

    # --- one pack's update -----------------------------------------------------------------

    def _update_one(
        self, name: str, force: bool, min_interval: float | None, progress: Progress | None
    ) -> UpdateResult:
        state = self._read_state(name)
        assert state is not None
        active = self._active(name)
        version = active.manifest.version if active else None
        if state.source is None:
            return UpdateResult(
                name,
                "skipped",
                version,
                message="installed from a file, no source to update from "
                "(subscribe to one with 'expander pack subscribe')",
            )
        now = dt.datetime.now(dt.UTC)
        last = _parse_iso(state.last_check)
        if min_interval is not None and not force and last is not None:
            age = (now - last).total_seconds()
            if 0 <= age < min_interval:
                return UpdateResult(name, "skipped", version, message="checked recently")
        before = active.install_id if active else None
        try:
            with self._workspace() as work:
                result = self._check_source(name, state, active, force, work, progress)
        except (DistributeError, OSError) as exc:
            message = str(exc) if isinstance(exc, DistributeError) else _os_message(exc)
            latest = self._read_state(name) or state
            self._write_state(replace(latest, last_check=_iso(now), status="error", error=message))
            repeated = state.status == "error" and state.error == message
            return UpdateResult(
                name,
                "failed",
                version,
                message=message,
                reload=self._moved(name, before),
                repeated=repeated,
            )
        return replace(result, reload=self._moved(name, before))

    def _moved(self, name: str, before: str | None) -> bool:
        """Whether ``packs/<name>`` shows another version than ``before`` now."""
        after = self._active(name)
        return (after.install_id if after else None) != before

    def _check_source(
        self,
        name: str,
        state: _State,
        active: _Active | None,
        force: bool,
        work: Path,
        progress: Progress | None,
    ) -> UpdateResult:
        assert state.source is not None
        src = state.source
        now = _iso(dt.datetime.now(dt.UTC))
        version = active.manifest.version if active else None
        # The validators are saved only after a successful check: a failed
        # download must not turn the next check into a 304 that hides the update.
        fetched = self._fetch_index(src, state if active else None, force=force)
        if fetched.status == 304:
            self._write_state(replace(state, last_check=now, status="ok", error=None))
            message = "up to date"
            skipped = state.skipped_version
            if skipped and version and compare_versions(skipped, version) > 0:
                message += f" (skipping {skipped}, which was rolled back)"
            return UpdateResult(name, "unchanged", version, message=message)
        packs = _parse_index(fetched.body, src.index)
        if name not in packs:
            raise SourceError(
                f"{src.display} no longer publishes {name} (its index names: "
                f"{', '.join(sorted(packs)) or 'nothing'})"
            )
        entry = packs[name]
        offered = entry["version"]
        current = _validated(state, fetched, now)
        if active is not None and not force:
            order = compare_versions(offered, active.manifest.version)
            message = "up to date"
            if order < 0:
                message = f"up to date (the source offers the older {offered})"
            elif order > 0 and offered == state.skipped_version:
                message = (
                    f"skipping {offered}, which was rolled back ('pack update --force' installs it)"
                )
            if order <= 0 or offered == state.skipped_version:
                self._write_state(current)
                return UpdateResult(name, "unchanged", version, message=message)
        _check_compatible(name, offered, entry.get("min_expander_version", "0.0.0"))
        archive = work / "download.zip"
        location = src.archive_location(entry["file"], fetched)
        self._download_entry(src, location, entry, archive, name, progress)
        change, installed = self._install_archive(archive, location, state, name)
        skipped = installed.skipped_version
        if skipped is not None and compare_versions(offered, skipped) >= 0:
            skipped = None
        self._write_state(
            replace(
                _validated(installed, fetched, now),
                last_update=now,
                last_change=str(change),
                skipped_version=skipped,
            )
        )
        return UpdateResult(name, "updated", offered, change=change)

    # --- installing --------------------------------------------------------------------------

    def _install_archive(
        self, archive: Path, where: str, state: _State, expected_name: str | None
    ) -> tuple[PackChange, _State]:
        """Verify ``archive`` completely, then make it the active version.

        Returns the change and the state as written before the swap (with the
        previous version pushed onto the history), for the caller to complete.
        """
        opened = _open_archive(archive, where, state.key)
        manifest = opened.info.manifest
        name = manifest.name
        if expected_name is not None and name != expected_name:
            raise VerificationError(f"{where} holds the pack {name}, not {expected_name}: refused")
        if state.name != name:
            raise VerificationError(f"{where} holds the pack {name}, not {state.name}: refused")
        self._check_pointer_free(name)
        _checkpoint("downloaded")
        folder = self.store / name
        folder.mkdir(parents=True, exist_ok=True)
        install_id = opened.info.install_id
        final = folder / install_id
        incoming = folder / f".incoming-{_token()}"
        try:
            incoming.mkdir()
            _write_files(incoming, {MANIFEST_NAME: opened.manifest_bytes, **opened.files})
            if opened.signature is not None:
                _write_files(incoming, {SIGNATURE_NAME: opened.signature})
            new_pack = _validate_folder(incoming, manifest)
            active = self._active(name)
            old_pack = load_pack(active.folder).pack if active else None
            change = _diff(name, old_pack, active.manifest.version if active else None, new_pack)
            if active is not None and active.install_id == install_id:
                return replace(change, added=(), changed=(), removed=()), state
            if final.is_dir():
                _remove(incoming)  # the same content was installed before: reuse it
            else:
                _make_read_only(incoming)
                os.rename(incoming, final)
                _fsync_dir(folder)
        finally:
            if incoming.exists():
                _remove(incoming)
        history = [h for h in state.history if h != install_id]
        if active is not None:
            history.append(active.install_id)
        before_swap = replace(
            state,
            history=tuple(history[-KEEP_PREVIOUS:]),
            installed_from=where,
        )
        # written first, so that after a crash at any later point the previous
        # version is still on the history (rollback works) and the source is known
        self._write_state(before_swap)
        _checkpoint("before-swap")
        self._point(name, final)
        _checkpoint("after-swap")
        with contextlib.suppress(OSError):  # the next command's _tidy retries
            self._prune(name, before_swap, install_id)
        return change, before_swap

    def _point(self, name: str, target: Path) -> None:
        """Make ``packs/<name>`` show ``target``, atomically where the system allows."""
        self.packs_dir.mkdir(parents=True, exist_ok=True)
        pointer = self.packs_dir / name
        if self._use_symlinks():
            link = self.packs_dir / f".{name}.tmp-{_token()}"
            os.symlink(os.path.relpath(target, self.packs_dir), link, target_is_directory=True)
            if pointer.is_symlink() or not os.path.lexists(pointer):
                os.replace(link, pointer)
                _fsync_dir(self.packs_dir)
                return
            new = link  # replacing a copy made earlier: swap by renames
        else:
            new = self.packs_dir / f".{name}.new-{_token()}"
            shutil.copytree(target, new, symlinks=False)
            _make_read_only(new)
        # Two renames: a crash between them leaves .<name>.old-*, which the next
        # command (see _tidy) renames back, so the previous version returns.
        old = self.packs_dir / f".{name}.old-{_token()}"
        if os.path.lexists(pointer):
            os.rename(pointer, old)
        os.rename(new, pointer)
        _fsync_dir(self.packs_dir)
        _remove(old)

    def _prune(self, name: str, state: _State, active_id: str) -> None:
        keep = {*state.history, active_id}
        folder = self.store / name
        for entry in folder.iterdir():
            if entry.is_dir() and not entry.name.startswith(".") and entry.name not in keep:
                _remove(entry)

    def _finish_removal(self, name: str) -> None:
        pointer = self.packs_dir / name
        if os.path.lexists(pointer) and self._is_managed_pointer(pointer):
            if pointer.is_symlink():
                pointer.unlink()
            else:
                gone = self.packs_dir / f".{name}.gone-{_token()}"
                os.rename(pointer, gone)
                _remove(gone)
        _fsync_dir(self.packs_dir)
        trash = self.store / f".trash-{name}-{_token()}"
        os.rename(self.store / name, trash)
        _remove(trash)

    def _verify_installed(self, folder: Path, name: str) -> Manifest:
        """Re-check a kept version's files against its manifest before using it again."""
        try:
            manifest_bytes = (folder / MANIFEST_NAME).read_bytes()
        except OSError:
            raise DistributeError(
                f"the kept version of {name} at {folder} is incomplete: cannot roll back"
            ) from None
        manifest = Manifest.from_bytes(manifest_bytes, str(folder))
        for path, entry in manifest.files.items():
            try:
                data = folder.joinpath(*PurePosixPath(path).parts).read_bytes()
            except OSError:
                data = b""
            if hashlib.sha256(data).hexdigest() != entry.sha256:
                raise VerificationError(
                    f"the kept version {manifest.version} of {name} was changed on disk "
                    f"({path}): cannot roll back to it"
                )
        return manifest

    # --- sources ------------------------------------------------------------------------------

    def _fetch_index(self, src: _Source, state: _State | None, *, force: bool) -> _Fetched:
        if src.kind == "folder":
            path = Path(src.index)
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                raise SourceError(
                    f"no {INDEX_NAME} in {path.parent}: is the shared folder mounted, and "
                    "was a pack published there?"
                ) from None
            except OSError as exc:
                raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
            if len(data) > MAX_INDEX_BYTES:
                raise SourceError(f"{path} is too large to be an index")
            digest = hashlib.sha256(data).hexdigest()
            if state is not None and not force and state.index_digest == digest:
                return _Fetched(304, b"")
            return _Fetched(200, data)
        headers = {"Cache-Control": "max-age=0", "Accept": "application/json"}
        if state is not None and not force:
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
        return _http_get(
            src.index,
            timeout=self.timeout,
            max_bytes=MAX_INDEX_BYTES,
            limit=self.download_limit,
            headers=headers,
        )

    def _download_entry(
        self,
        src: _Source,
        location: str,
        entry: Mapping[str, Any],
        archive: Path,
        name: str,
        progress: Progress | None,
    ) -> None:
        label = f"{name} {entry['version']}"
        if src.kind == "folder":
            with open(archive, "wb") as sink:
                _copy_local(Path(location), sink, MAX_ARCHIVE_BYTES, self._bind(progress, label))
        else:
            self._download(location, archive, entry.get("size"), progress, label)
        expected = entry.get("sha256")
        if expected:
            digest = hashlib.sha256(archive.read_bytes()).hexdigest()
            if digest != expected:
                raise VerificationError(
                    f"{label}: checksum mismatch: the downloaded archive is not the one the "
                    "index names (a truncated or changed download): refused"
                )

    def _download(
        self,
        url: str,
        archive: Path,
        size: object,
        progress: Progress | None,
        label: str,
    ) -> None:
        limit = MAX_ARCHIVE_BYTES
        if isinstance(size, int) and size > limit:
            raise SourceError(f"{url} is {size} bytes, more than the {limit} allowed")
        with open(archive, "wb") as sink:
            _http_get(
                url,
                timeout=self.timeout,
                max_bytes=limit,
                limit=self.download_limit,
                sink=sink,
                progress=self._bind(progress, label),
            )

    @staticmethod
    def _bind(progress: Progress | None, label: str) -> Callable[[int, int | None], None] | None:
        if progress is None:
            return None
        return lambda done, total: progress(label, done, total)

    @staticmethod
    def _choose(packs: Mapping[str, Any], name: str | None, src: _Source) -> str:
        if name is not None:
            if name not in packs:
                close = difflib.get_close_matches(name, list(packs), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise DistributeError(
                    f"{src.display} publishes no pack named {name!r} "
                    f"(it has: {', '.join(sorted(packs)) or 'none'}){hint}"
                )
            return name
        if not packs:
            raise SourceError(f"{src.display} publishes no packs yet")
        if len(packs) > 1:
            raise DistributeError(
                f"{src.display} publishes several packs ({', '.join(sorted(packs))}): "
                "choose one with --name"
            )
        return next(iter(packs))

    # --- state and pointers ------------------------------------------------------------------

    def _state_path(self, name: str) -> Path:
        return self.store / name / STATE_NAME

    def _read_state(self, name: str) -> _State | None:
        if not _PACK_NAME_RE.match(name):
            return None
        try:
            data = self._state_path(name).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return _State.from_bytes(name, data)

    def _write_state(self, state: _State) -> None:
        atomic_write_bytes(self._state_path(state.name), state.to_bytes())

    def _managed_names(self) -> list[str]:
        if not self.store.is_dir():
            return []
        return sorted(
            d.name
            for d in self.store.iterdir()
            if not d.name.startswith(".") and (d / STATE_NAME).is_file()
        )

    def _unknown(self, name: str) -> DistributeError:
        names = self._managed_names()
        close = difflib.get_close_matches(name, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        pointer = self.packs_dir / name
        if os.path.lexists(pointer) and not self._is_managed_pointer(pointer):
            return DistributeError(
                f"{pointer} was not installed with 'expander pack': Expander loads it but "
                "does not manage it; move or delete it yourself"
            )
        listed = f" (installed: {', '.join(names)})" if names else " (none is installed)"
        return DistributeError(f"no team pack named {name!r}{listed}{hint}")

    def _is_managed_pointer(self, pointer: Path) -> bool:
        if pointer.is_symlink():
            target = Path(os.path.normpath(self.packs_dir / os.readlink(pointer)))
            return target.parent.parent == self.store
        return pointer.is_dir() and (pointer / MANIFEST_NAME).is_file()

    def _check_pointer_free(self, name: str) -> None:
        pointer = self.packs_dir / name
        if os.path.lexists(pointer) and not self._is_managed_pointer(pointer):
            raise DistributeError(
                f"{pointer} already exists and was not installed with 'expander pack': "
                "move it away first, then install again"
            )

    def _active(self, name: str) -> _Active | None:
        """The version ``packs/<name>`` shows now, or None (missing, dangling, unmanaged)."""
        pointer = self.packs_dir / name
        if not self._is_managed_pointer(pointer):
            return None
        try:
            manifest_bytes = (pointer / MANIFEST_NAME).read_bytes()
        except OSError:
            return None
        try:
            manifest = Manifest.from_bytes(manifest_bytes, str(pointer))
        except VerificationError:
            return None
        digest = hashlib.sha256(manifest_bytes).hexdigest()
        return _Active(f"{manifest.version}-{digest[:12]}", pointer, manifest)

    def _describe(self, state: _State, active: _Active | None) -> InstalledPack:
        status = state.status
        if status == "ok" and active is None:
            status = "not installed"
        signed_by: str | None = None
        if active is not None and (active.folder / SIGNATURE_NAME).is_file():
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError, RecursionError):
                raw = json.loads((active.folder / SIGNATURE_NAME).read_text(encoding="utf-8"))
                signed_by = str(raw["key_id"])
        # read without the lock: a crashed install may have left the active
        # version, or a removed one, on the history until the next command tidies
        previous = [
            install_id.rsplit("-", 1)[0]
            for install_id in reversed(state.history)
            if (active is None or install_id != active.install_id)
            and (self.store / state.name / install_id).is_dir()
        ]
        return InstalledPack(
            name=state.name,
            version=active.manifest.version if active else None,
            path=self.packs_dir / state.name,
            managed=True,
            source=state.source.display if state.source else None,
            source_kind=state.source.kind if state.source else None,
            installed_from=state.installed_from,
            key_id=key_id(state.key) if state.key else None,
            signed_by=signed_by,
            last_check=_parse_iso(state.last_check),
            last_update=_parse_iso(state.last_update),
            status=status,
            error=state.error,
            previous_versions=tuple(previous),
            skipped_version=state.skipped_version,
            last_change=state.last_change,
        )

    def _use_symlinks(self) -> bool:
        if self._link_mode != "auto":
            return self._link_mode == "symlink"
        if self._symlinks is None:
            probe = self.packs_dir / f".probe.tmp-{_token()}"
            try:
                os.symlink(".", probe, target_is_directory=True)
            except (OSError, NotImplementedError):
                self._symlinks = False
            else:
                probe.unlink()
                self._symlinks = True
        return self._symlinks

    # --- the lock and recovery ------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.store.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.store / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + self.lock_timeout
            waited = False
            while not _try_lock(fd):
                if not waited and self.on_wait is not None:
                    self.on_wait()
                waited = True
                if time.monotonic() >= deadline:
                    raise LockTimeoutError(
                        f"another Expander process has been changing team packs for "
                        f"{self.lock_timeout:g} s: try again when it has finished"
                    )
                time.sleep(0.05)
            try:
                self._tidy()
                yield
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def _workspace(self) -> Iterator[Path]:
        work = self.store / f".tmp-{_token()}"
        work.mkdir(parents=True)
        try:
            yield work
        finally:
            _remove(work)

    def _tidy(self) -> None:
        """Finish or undo what an interrupted process left; runs under the lock.

        Removes download folders, half-extracted versions and orphaned
        versions; renames back a pointer caught between two renames; finishes
        an interrupted removal; and drops from each history the versions that
        are gone or active.
        """
        for entry in self.store.iterdir():
            if entry.name.startswith((".tmp-", ".trash-")):
                _remove(entry)
        if self.packs_dir.is_dir():
            for entry in sorted(self.packs_dir.iterdir()):
                leftover = _LEFTOVER_RE.match(entry.name)
                if leftover is not None:
                    base = self.packs_dir / leftover.group("name")
                    if leftover.group("kind") == "old" and not os.path.lexists(base):
                        os.rename(entry, base)
                    else:
                        _remove(entry)
                elif entry.is_symlink() and not entry.exists() and self._is_managed_pointer(entry):
                    entry.unlink()
        for folder in sorted(self.store.iterdir()):
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            name = folder.name
            for partial in folder.glob(".incoming-*"):
                _remove(partial)
            state = self._read_state(name)
            if state is not None and state.status == "removing":
                self._finish_removal(name)
                continue
            active = self._active(name)
            if state is None:
                if active is None:
                    _remove(folder)
                    continue
                state = _State(name, error=None)
            history = tuple(
                h
                for h in state.history
                if (folder / h).is_dir() and (active is None or h != active.install_id)
            )
            keep = {*history, *([active.install_id] if active else [])}
            for entry in folder.iterdir():
                if entry.is_dir() and not entry.name.startswith(".") and entry.name not in keep:
                    _remove(entry)
            if history != state.history or not (folder / STATE_NAME).is_file():
                self._write_state(replace(state, history=history))


def _validated(state: _State, fetched: _Fetched, now: str) -> _State:
    """The state after a successful check: the index's validators kept for the next one."""
    return replace(
        state,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        index_digest=hashlib.sha256(fetched.body).hexdigest(),
        last_check=now,
        status="ok",
        error=None,
    )


def _os_message(exc: OSError) -> str:
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"
