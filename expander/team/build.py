"""Building a pack folder into a versioned, optionally signed archive.

The build checks the pack exactly as agents' apps will (with the bundled
packs loaded beside it, for references across packs), so a broken pack never
reaches anyone; and it is reproducible byte for byte with ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from expander.errors import DistributeError, PackError
from expander.fsutil import atomic_write_bytes
from expander.model import Layer, Pack, Problem, Severity
from expander.packs import MANIFEST, SEMVER_RE, load_pack, pack_files
from expander.team.formats import ARCHIVE_SUFFIX, MANIFEST_NAME, SIGNATURE_NAME, iso, parse_iso
from expander.team.manifest import FileEntry, Manifest, member_name_problem
from expander.team.signing import key_id, sign_manifest
from expander.team.versions import expander_version, release_of

__all__ = ["BuildResult", "build_pack", "zip_bytes"]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """A built archive: where it is, its manifest, who signed it, and non-fatal problems."""

    archive: Path
    manifest: Manifest
    signed_by: str | None
    warnings: tuple[Problem, ...]


def _created_now() -> str:
    """When the build happens, as written in the manifest: ``SOURCE_DATE_EPOCH`` if set,
    which makes a build reproducible byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    else:
        moment = dt.datetime.now(dt.UTC)
    return iso(moment)


def zip_bytes(members: Sequence[tuple[str, bytes]], created: str) -> bytes:
    """A zip file of ``members`` in the given order, every entry dated ``created`` (so
    rebuilds are identical) and readable by everyone once extracted."""
    stamp = parse_iso(created) or dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
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


def _refuse_links_out_of(folder: Path, files: Sequence[Path]) -> None:
    """Refuse a pack file that is a symbolic link to a file outside ``folder``: the
    build would publish to every agent whatever file it points to (another pack, a
    file of the manager's home), which nobody sees in the folder itself."""
    root = folder.resolve()
    for path in files:
        target = path.resolve()
        if not target.is_relative_to(root):
            raise DistributeError(
                f"{path} is a link to {target}, outside the pack folder: copy the file "
                "into the folder if it belongs to the pack; nothing was built"
            )


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

    needs = min_expander_version or release_of(expander_version())
    if not SEMVER_RE.match(needs):
        raise DistributeError(f"--min-expander-version {needs!r} is not a version such as 0.1.0")
    if source.is_dir():
        _refuse_links_out_of(source, files)
    members: list[tuple[str, bytes]] = []
    for path in files:
        arcname = MANIFEST if not source.is_dir() else path.relative_to(source).as_posix()
        problem = member_name_problem(arcname)
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
        signature, public = sign_manifest(manifest_bytes, Path(signing_key))
        head.append((SIGNATURE_NAME, signature))
        signed_by = key_id(public)
    data = zip_bytes([*head, *members], manifest.created)

    target = Path(output) if output is not None else Path.cwd()
    if output is None or target.is_dir() or str(output).endswith(("/", os.sep)):
        target = target / f"{pack.name}-{pack.version}{ARCHIVE_SUFFIX}"
    atomic_write_bytes(target, data)
    return BuildResult(target, manifest, signed_by, warnings)
