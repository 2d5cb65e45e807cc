"""Team packs: one person publishes a pack, every agent's Expander stays current.

A manager builds a pack folder into a versioned archive (:func:`build_pack`),
optionally signed with an Ed25519 key (:func:`generate_key`), and publishes it
to a shared folder or any static HTTP server (:func:`publish_pack` writes the
archive and an ``index.json`` naming the latest version of each pack). On an
agent's machine :class:`PackManager` installs archives, follows subscriptions,
updates and rolls back.

Modules, from the bottom up: ``formats`` (names, limits, encodings),
``versions``, ``manifest``, ``signing``, ``archive`` (reading and checking),
``build``, ``publish``, ``http_client``, ``fetch`` (sources), ``results``,
``state``, ``lock``, ``store`` (the installed versions on disk) and
``manager``.
"""

from __future__ import annotations

from expander.errors import DistributeError, LockTimeoutError, SourceError, VerificationError
from expander.team.archive import ArchiveInfo, inspect_archive
from expander.team.build import BuildResult, build_pack
from expander.team.formats import Progress
from expander.team.manager import PackManager
from expander.team.manifest import FileEntry, Manifest
from expander.team.publish import PublishResult, publish_pack
from expander.team.results import InstalledPack, PackChange, UpdateResult
from expander.team.signing import generate_key, key_id, read_public_key
from expander.team.versions import compare_versions

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
