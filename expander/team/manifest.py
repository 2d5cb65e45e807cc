"""The manifest: what an archive says about itself, and which member names are safe.

``expander-pack.json`` names the pack, its version, the oldest Expander that
may install it, and a SHA-256 and size for every file. When the pack is
signed, the signature covers the manifest's exact bytes, so every file is
covered through its checksum.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from expander.errors import VerificationError
from expander.packs import MANIFEST, PACK_NAME_RE, SEMVER_RE
from expander.team.formats import FORMAT, MAX_FILES, json_bytes

__all__ = ["FileEntry", "Manifest", "install_id_for", "member_name_problem"]


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
        """The manifest's exact bytes, as written to the archive and signed."""
        return json_bytes(
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
        if not isinstance(name, str) or not PACK_NAME_RE.match(name):
            raise bad(f"has an invalid pack name {name!r}")
        if not isinstance(version, str) or not SEMVER_RE.match(version):
            raise bad(f"has an invalid version {version!r}")
        needs = raw.get("min_expander_version", "0.0.0")
        if not isinstance(needs, str) or not SEMVER_RE.match(needs):
            raise bad(f"has an invalid min_expander_version {needs!r}")
        files_raw = raw.get("files")
        if not isinstance(files_raw, dict) or not files_raw:
            raise bad("lists no files")
        if len(files_raw) > MAX_FILES:
            raise bad(f"lists more than {MAX_FILES} files")
        files: dict[str, FileEntry] = {}
        for path, entry in files_raw.items():
            problem = member_name_problem(path)
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
        folders = {
            parent.as_posix().casefold()
            for path in files
            for parent in PurePosixPath(path).parents
            if parent.parts
        }
        if clash := sorted(path for path in files if path.casefold() in folders):
            raise bad(f"lists {clash[0]!r} both as a file and as a folder of other files")
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


_MEMBER_PART_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._ -]*[A-Za-z0-9_-])?\Z")
_WINDOWS_DEVICE_RE = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?\Z", re.I)


def member_name_problem(name: object) -> str | None:
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


def install_id_for(version: str, manifest_digest: str) -> str:
    """The folder name of a version in the store: the version and its manifest's digest,
    so two builds of one version never share a folder."""
    return f"{version}-{manifest_digest[:12]}"
