"""The store of installed team packs on disk: versions, states, active pointers.

The layout under the data folder (see :mod:`expander.paths`)::

    packs/<name>                   -> ../pack-store/<name>/<version>-<digest>  (a symlink)
    pack-store/<name>/<version>-<digest>/   the active and previous versions, read-only
    pack-store/<name>/state.json   source, pinned key, ETag, last check, status, history
    pack-store/.lock               the lock; .tmp-*/ and .trash-*/ are leftovers to clean

``packs/<name>`` is what :func:`expander.load` reads (``include_user=True``):
a folder with a ``pack.toml``. Where symlinks cannot be made (Windows without
the privilege), it is a read-only copy swapped by two renames instead, and an
interrupted swap is undone the next time a pack command runs. Which version
is active is never stored elsewhere: the pointer is the truth.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Literal

from expander.errors import DistributeError, VerificationError
from expander.fsutil import atomic_write_bytes, fsync_dir
from expander.packs import PACK_NAME_RE, load_pack
from expander.team.formats import MANIFEST_NAME, SIGNATURE_NAME, STATE_NAME, parse_iso
from expander.team.lock import hold_lock
from expander.team.manifest import Manifest, install_id_for
from expander.team.results import InstalledPack
from expander.team.signing import key_id, named_signer
from expander.team.state import ActiveVersion, PackState

_FROM = ".from"  # beside a version folder: the archive or address it was installed from

__all__ = ["PackStore", "make_read_only", "remove_tree"]

_LEFTOVER_RE = re.compile(r"\.(?P<name>.+)\.(?P<kind>tmp|new|old|gone)-[0-9a-f]{12}\Z")


def make_read_only(folder: Path) -> None:
    """Make a folder tree read-only on disk: agents override team snippets, never edit them."""
    for root, dirs, files in os.walk(folder):
        for name in files:
            os.chmod(os.path.join(root, name), 0o444)
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o555)
    os.chmod(folder, 0o555)


def remove_tree(path: Path) -> None:
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


def _token() -> str:
    """A random suffix that keeps temporary names apart across processes."""
    return secrets.token_hex(6)


class PackStore:
    """The ``pack-store`` folder at ``root`` and the ``packs_dir`` pointers into it.

    ``link_mode`` is ``auto`` (symlinks where the system allows them), or
    ``symlink`` / ``copy`` to force one. Changes belong under :meth:`locked`;
    reads (:meth:`installed`, :meth:`active`, :meth:`read_state`) are safe
    without it, since every file and pointer is replaced atomically.
    """

    def __init__(
        self,
        root: Path,
        packs_dir: Path,
        link_mode: Literal["auto", "symlink", "copy"] = "auto",
    ) -> None:
        self.root = root
        self.packs_dir = packs_dir
        self._link_mode = link_mode
        self._symlinks: bool | None = None

    def installed(self) -> list[InstalledPack]:
        """Every pack in the team packs folder, managed or copied by hand, by name.

        Reads without the lock: the state files and the active pointers are
        each replaced atomically, so a concurrent update shows the old or the
        new version, never a mix.
        """
        found: dict[str, InstalledPack] = {}
        if self.root.is_dir():
            for folder in sorted(self.root.iterdir()):
                if folder.name.startswith(".") or not (folder / STATE_NAME).is_file():
                    continue
                state = self.read_state(folder.name)
                if state is not None:
                    found[folder.name] = self.describe(state, self.active(folder.name))
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

    # --- state ------------------------------------------------------------------------------

    def _state_path(self, name: str) -> Path:
        """Where pack ``name``'s state file is."""
        return self.root / name / STATE_NAME

    def read_state(self, name: str) -> PackState | None:
        """What is remembered about managed pack ``name``; None when it is not managed
        (or ``name`` could not be a pack's name, so no path is ever built from it)."""
        if not PACK_NAME_RE.match(name):
            return None
        try:
            data = self._state_path(name).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return PackState.from_bytes(name, data)

    def write_state(self, state: PackState) -> None:
        """Replace the pack's state file atomically."""
        atomic_write_bytes(self._state_path(state.name), state.to_bytes())

    def managed_names(self) -> list[str]:
        """The names of the managed packs (those with a state file), sorted."""
        if not self.root.is_dir():
            return []
        return sorted(
            d.name
            for d in self.root.iterdir()
            if not d.name.startswith(".") and (d / STATE_NAME).is_file()
        )

    def unknown(self, name: str) -> DistributeError:
        """The error for a command naming no managed pack: what is there, or a close name."""
        names = self.managed_names()
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

    # --- pointers ---------------------------------------------------------------------------

    def _is_managed_pointer(self, pointer: Path) -> bool:
        """Whether ``pointer`` was made by this store: a link into it, or a copy with a manifest."""
        if pointer.is_symlink():
            target = Path(os.path.normpath(self.packs_dir / os.readlink(pointer)))
            return target.parent.parent == self.root
        return pointer.is_dir() and (pointer / MANIFEST_NAME).is_file()

    def check_pointer_free(self, name: str) -> None:
        """Refuse to install ``name`` over a pack someone put in the folder by hand."""
        pointer = self.packs_dir / name
        if os.path.lexists(pointer) and not self._is_managed_pointer(pointer):
            raise DistributeError(
                f"{pointer} already exists and was not installed with 'expander pack': "
                "move it away first, then install again"
            )

    def active(self, name: str) -> ActiveVersion | None:
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
        return ActiveVersion(install_id_for(manifest.version, digest), pointer, manifest)

    def describe(self, state: PackState, active: ActiveVersion | None) -> InstalledPack:
        """A managed pack as ``pack list`` shows it."""
        status = state.status
        if status == "ok" and active is None:
            status = "not installed"
        signed_by: str | None = None
        if active is not None and (active.folder / SIGNATURE_NAME).is_file():
            with contextlib.suppress(OSError):
                signed_by = named_signer((active.folder / SIGNATURE_NAME).read_bytes())
        # read without the lock: a crashed install may have left the active
        # version, or a removed one, on the history until the next command tidies
        previous = [
            install_id.rsplit("-", 1)[0]
            for install_id in reversed(state.history)
            if (active is None or install_id != active.install_id)
            and (self.root / state.name / install_id).is_dir()
        ]
        return InstalledPack(
            name=state.name,
            version=active.manifest.version if active else None,
            path=self.packs_dir / state.name,
            managed=True,
            source=state.source.display if state.source else None,
            source_kind=state.source.kind if state.source else None,
            installed_from=self._installed_from(state, active),
            key_id=key_id(state.key) if state.key else None,
            signed_by=signed_by,
            last_check=parse_iso(state.last_check),
            last_update=parse_iso(state.last_update),
            status=status,
            error=state.error,
            previous_versions=tuple(previous),
            skipped_version=state.skipped_version,
            last_change=state.last_change,
        )

    def _use_symlinks(self) -> bool:
        """Whether pointers are symlinks: as ``link_mode`` says, or as a probe finds once."""
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

    def point(self, name: str, target: Path) -> None:
        """Make ``packs/<name>`` show ``target``, atomically where the system allows."""
        self.packs_dir.mkdir(parents=True, exist_ok=True)
        pointer = self.packs_dir / name
        if self._use_symlinks():
            link = self.packs_dir / f".{name}.tmp-{_token()}"
            os.symlink(os.path.relpath(target, self.packs_dir), link, target_is_directory=True)
            if pointer.is_symlink() or not os.path.lexists(pointer):
                os.replace(link, pointer)
                fsync_dir(self.packs_dir)
                return
            new = link  # replacing a copy made earlier: swap by renames
        else:
            new = self.packs_dir / f".{name}.new-{_token()}"
            shutil.copytree(target, new, symlinks=False)
            make_read_only(new)
        # Two renames: a crash between them leaves .<name>.old-*, which the next
        # command (see _tidy) renames back, so the previous version returns.
        old = self.packs_dir / f".{name}.old-{_token()}"
        if os.path.lexists(pointer):
            os.rename(pointer, old)
        os.rename(new, pointer)
        fsync_dir(self.packs_dir)
        remove_tree(old)

    def prune(self, name: str, state: PackState, active_id: str) -> None:
        """Remove the versions of ``name`` that are neither active nor on the history."""
        _remove_versions_except(self.root / name, {*state.history, active_id})

    def finish_removal(self, name: str) -> None:
        """Remove pack ``name``'s pointer, then its versions and state (after a crash: the rest)."""
        pointer = self.packs_dir / name
        if os.path.lexists(pointer) and self._is_managed_pointer(pointer):
            if pointer.is_symlink():
                pointer.unlink()
            else:
                gone = self.packs_dir / f".{name}.gone-{_token()}"
                os.rename(pointer, gone)
                remove_tree(gone)
        fsync_dir(self.packs_dir)
        trash = self.root / f".trash-{name}-{_token()}"
        os.rename(self.root / name, trash)
        remove_tree(trash)

    # --- versions ---------------------------------------------------------------------------

    def version_folder(self, name: str, install_id: str) -> Path:
        """Where version ``install_id`` of pack ``name`` is kept (whether or not it is)."""
        return self.root / name / install_id

    @contextlib.contextmanager
    def unpacking(self, name: str) -> Iterator[Path]:
        """A fresh folder beside pack ``name``'s versions to unpack one into; whatever
        :meth:`keep_version` has not taken from it is removed on leaving."""
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        incoming = folder / f".incoming-{_token()}"
        try:
            incoming.mkdir()
            yield incoming
        finally:
            if incoming.exists():
                remove_tree(incoming)

    def keep_version(self, incoming: Path, name: str, install_id: str, where: str) -> Path:
        """Make an unpacked, checked version a read-only version of the store, noting
        ``where`` it came from beside it; returns its folder. The same content
        installed before is reused as it is."""
        folder = self.root / name
        final = folder / install_id
        atomic_write_bytes(folder / f"{install_id}{_FROM}", where.encode("utf-8"))
        if final.is_dir():
            remove_tree(incoming)
        else:
            make_read_only(incoming)
            os.rename(incoming, final)
            fsync_dir(folder)
        return final

    def _installed_from(self, state: PackState, active: ActiveVersion | None) -> str | None:
        """Where the active version came from: the note kept with it, so a crash between
        writing the state and the swap does not name the archive that was never
        swapped in; the state's word for versions kept before notes were."""
        if active is not None:
            with contextlib.suppress(OSError, UnicodeDecodeError):
                return (self.root / state.name / f"{active.install_id}{_FROM}").read_text("utf-8")
        return state.installed_from

    # --- the lock and recovery -------------------------------------------------------------

    @contextlib.contextmanager
    def locked(
        self, *, timeout: float, on_wait: Callable[[], None] | None = None
    ) -> Iterator[None]:
        """Hold the team packs lock (see :func:`hold_lock`), after finishing or undoing
        whatever an interrupted process left."""
        self.root.mkdir(parents=True, exist_ok=True)
        with hold_lock(self.root / ".lock", timeout=timeout, on_wait=on_wait):
            self._tidy()
            yield

    @contextlib.contextmanager
    def workspace(self) -> Iterator[Path]:
        """A fresh folder for downloads, removed on leaving (or by the next tidy-up)."""
        work = self.root / f".tmp-{_token()}"
        work.mkdir(parents=True)
        try:
            yield work
        finally:
            remove_tree(work)

    def _tidy(self) -> None:
        """Finish or undo what an interrupted process left; runs under the lock.

        Removes download folders, half-extracted versions and orphaned
        versions; renames back a pointer caught between two renames; finishes
        an interrupted removal; and drops from each history the versions that
        are gone or active.
        """
        for entry in self.root.iterdir():
            if entry.name.startswith((".tmp-", ".trash-")):
                remove_tree(entry)
        if self.packs_dir.is_dir():
            for entry in sorted(self.packs_dir.iterdir()):
                leftover = _LEFTOVER_RE.match(entry.name)
                if leftover is not None:
                    base = self.packs_dir / leftover.group("name")
                    if leftover.group("kind") == "old" and not os.path.lexists(base):
                        os.rename(entry, base)
                    else:
                        remove_tree(entry)
                elif entry.is_symlink() and not entry.exists() and self._is_managed_pointer(entry):
                    entry.unlink()
        for folder in sorted(self.root.iterdir()):
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            name = folder.name
            for partial in folder.glob(".incoming-*"):
                remove_tree(partial)
            state = self.read_state(name)
            if state is not None and state.status == "removing":
                self.finish_removal(name)
                continue
            active = self.active(name)
            if state is None:
                if active is None:
                    remove_tree(folder)
                    continue
                state = PackState(name, error=None)
            history = tuple(
                h
                for h in state.history
                if (folder / h).is_dir() and (active is None or h != active.install_id)
            )
            _remove_versions_except(folder, {*history, *([active.install_id] if active else [])})
            if history != state.history or not (folder / STATE_NAME).is_file():
                self.write_state(replace(state, history=history))


def _remove_versions_except(folder: Path, keep: set[str]) -> None:
    """Remove the version folders in a pack's ``folder`` whose names are not in ``keep``,
    with the notes of where they came from."""
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.name.startswith(".") and entry.name not in keep:
            remove_tree(entry)
        elif entry.name.endswith(_FROM) and entry.name.removesuffix(_FROM) not in keep:
            entry.unlink(missing_ok=True)
