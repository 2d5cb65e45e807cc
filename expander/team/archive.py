"""Reading pack archives: every check an install makes before anything is written.

The archive is a zip file holding the pack's ``.toml`` files, a manifest
(``expander-pack.json``: name, version, description, author, language,
created, min_expander_version and a SHA-256 and size for every file) and,
when signed, ``expander-pack.sig`` (an Ed25519 signature over the manifest's
exact bytes). Reading is bounded against hostile archives: unsafe member
names (zip slip, devices, case clashes), too many entries, Zip64, members
larger than their manifest says (decompression bombs) and total size.
"""

from __future__ import annotations

import hashlib
import os
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from expander.errors import DistributeError, SourceError, VerificationError
from expander.fsutil import fsync_dir
from expander.library import include_problems
from expander.model import Layer, Pack
from expander.packs import load_pack
from expander.team.formats import (
    MANIFEST_NAME,
    MAX_ARCHIVE_BYTES,
    MAX_CENTRAL_DIRECTORY_BYTES,
    MAX_FILES,
    MAX_UNPACKED_BYTES,
    SIGNATURE_NAME,
)
from expander.team.manifest import Manifest, install_id_for
from expander.team.signing import named_signer, verify_signature
from expander.team.versions import check_compatible

__all__ = [
    "ArchiveInfo",
    "OpenedArchive",
    "inspect_archive",
    "open_archive",
    "validate_folder",
    "verify_kept_version",
    "write_files",
]


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
        return install_id_for(self.manifest.version, self.digest)


@dataclass(frozen=True, slots=True)
class OpenedArchive:
    """An archive read completely and checked: its parts, kept in memory until unpacked."""

    info: ArchiveInfo
    manifest_bytes: bytes
    signature: bytes | None
    files: Mapping[str, bytes]

    def unpack_into(self, folder: Path) -> None:
        """Write the manifest, the signature (if any) and every file under ``folder``, durably."""
        write_files(folder, {MANIFEST_NAME: self.manifest_bytes, **self.files})
        if self.signature is not None:
            write_files(folder, {SIGNATURE_NAME: self.signature})


def open_archive(
    path: Path, where: str, public_key: str | None, *, check_version: bool = True
) -> OpenedArchive:
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
                signed_by = verify_signature(label, manifest_bytes, signature, public_key)
                verified = True
            elif signature is not None:
                signed_by = named_signer(signature)
            if check_version:
                check_compatible(manifest.name, manifest.version, manifest.min_expander_version)
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
    return OpenedArchive(info, manifest_bytes, signature, files)


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
    """A member's bytes, reading at most ``limit + 1`` so a zip bomb cannot fill memory.

    Only stored and deflated members are read ('expander pack build' deflates):
    LZMA takes its dictionary size, up to 4 GB, from the member's own header,
    and its errors are not ``zlib``'s.
    """
    method = archive.getinfo(name).compress_type
    if method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise VerificationError(
            f"{where}: {name} is compressed with method {method}, which "
            "'expander pack build' never uses: refused"
        )
    try:
        with archive.open(name) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, RuntimeError) as exc:
        raise VerificationError(f"{where}: {name} is damaged ({exc}): refused") from None
    if len(data) > limit:
        raise VerificationError(f"{where}: {name} is larger than its manifest says: refused")
    return data


def validate_folder(folder: Path, manifest: Manifest) -> Pack:
    """Load an unpacked archive as the app would; any error refuses it, and so does an
    include cycle or a broken template limit (``library.include_problems``)."""
    loaded = load_pack(folder, Layer.TEAM)
    found = [*loaded.problems]
    if loaded.pack is not None:
        found += include_problems(loaded.pack.snippets)
    errors = [p for p in found if p.is_error]
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
    opened = open_archive(path, str(path), public_key, check_version=check_expander_version)
    with tempfile.TemporaryDirectory(prefix="expander-check-") as tmp:
        write_files(Path(tmp), opened.files)
        validate_folder(Path(tmp), opened.info.manifest)
    return opened.info


def write_files(folder: Path, files: Mapping[str, bytes]) -> None:
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
        fsync_dir(written, best_effort=True)


def verify_kept_version(folder: Path, name: str) -> Manifest:
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
