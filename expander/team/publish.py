"""Publishing: an archive copied into a shared folder, named in its ``index.json``.

The index is what subscribers read (:func:`parse_index`): for each pack the
latest version, its archive's file name, SHA-256 and size, and the oldest
Expander that may install it. Publishing only ever moves a pack forward.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from expander.errors import DistributeError, SourceError
from expander.fsutil import atomic_write_bytes
from expander.packs import SEMVER_RE
from expander.team.archive import inspect_archive
from expander.team.formats import ARCHIVE_SUFFIX, FORMAT, INDEX_NAME, iso, json_bytes
from expander.team.versions import compare_versions

__all__ = ["PublishResult", "parse_index", "publish_pack"]


@dataclass(frozen=True, slots=True)
class PublishResult:
    """A published archive: where it went, the index that names it, what it replaced."""

    archive: Path
    index: Path
    name: str
    version: str
    previous_version: str | None


def _index_entry_problem(name: str, entry: object) -> str | None:
    """Why an index's entry for pack ``name`` is unusable, or None."""
    if not isinstance(entry, dict):
        return f"the entry for {name!r} is not an object"
    version, file = entry.get("version"), entry.get("file")
    if not isinstance(version, str) or not SEMVER_RE.match(version):
        return f"the entry for {name!r} has an invalid version {version!r}"
    if not isinstance(file, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._+-]*\.zip", file):
        return f"the entry for {name!r} has an invalid file name {file!r}"
    digest = entry.get("sha256")
    if digest is not None and (
        not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest)
    ):
        return f"the entry for {name!r} has an invalid sha256"
    needs = entry.get("min_expander_version")
    if needs is not None and (not isinstance(needs, str) or not SEMVER_RE.match(needs)):
        return f"the entry for {name!r} has an invalid min_expander_version"
    return None


def parse_index(data: bytes, where: str) -> dict[str, dict[str, Any]]:
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
        parse_index(existing, str(index_path))
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
        _write_shared(target, data)
    document["format"] = FORMAT
    document["generated"] = iso(dt.datetime.now(dt.UTC))
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
    _write_shared(index_path, json_bytes(document))
    return PublishResult(target, index_path, manifest.name, manifest.version, previous_version)


def _write_shared(path: Path, data: bytes) -> None:
    """Write atomically into a shared folder: readable by a web server and other
    agents (0644), and without the folder fsync such folders may refuse."""
    atomic_write_bytes(path, data, mode=0o644, sync_folder=False)
