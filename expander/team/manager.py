"""The manager of an agent's team packs: install, subscribe, update, remove, roll back.

:class:`PackManager` orchestrates; the work is done by :mod:`~expander.team.fetch`
(bringing indexes and archives here), :mod:`~expander.team.archive` (every
check of an archive) and :mod:`~expander.team.store` (versions, state,
pointers, the lock and recovery). Its promises:

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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from expander.errors import DistributeError, SourceError, VerificationError
from expander.packs import load_pack
from expander.paths import Paths, user_paths
from expander.team.archive import open_archive, validate_folder, verify_kept_version
from expander.team.fetch import Fetcher, Source, Validators, parse_source
from expander.team.formats import (
    DEFAULT_DOWNLOAD_LIMIT,
    DEFAULT_LOCK_TIMEOUT,
    DEFAULT_TIMEOUT,
    KEEP_PREVIOUS,
    STORE_NAME,
    Progress,
    iso,
    parse_iso,
)
from expander.team.http_client import Fetched
from expander.team.publish import parse_index
from expander.team.results import InstalledPack, PackChange, UpdateResult, diff_packs
from expander.team.signing import key_id, read_public_key
from expander.team.state import ActiveVersion, PackState
from expander.team.store import PackStore, remove_tree
from expander.team.versions import check_compatible, compare_versions

__all__ = ["InstallStage", "PackManager"]

InstallStage = Literal["downloaded", "before-swap", "after-swap"]
"""The moments of an install (and of a rollback: ``after-swap``) where a crash must
leave a pack that loads: after the download is verified, after the state that
keeps rollback possible is written, and after the pack folder is switched."""


class PackManager:
    """Installs, updates, lists, removes and rolls back the user's team packs.

    Every change takes the team packs lock (waiting up to ``lock_timeout``
    seconds, calling ``on_wait`` once if it has to wait) and first cleans up
    whatever an interrupted process left. Network reads time out after
    ``timeout`` seconds of silence, and a download that takes longer than
    ``download_limit`` seconds in all fails. ``link_mode`` is ``auto`` (symlinks where
    the system allows them), or ``symlink`` / ``copy`` to force one. ``on_stage``
    is called at each :data:`InstallStage` (for progress, or for a test to stop the
    process there).
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
        on_stage: Callable[[InstallStage], None] | None = None,
    ) -> None:
        self.paths = paths or user_paths()
        self.packs_dir = self.paths.team_packs_dir
        self.store = self.paths.data_dir / STORE_NAME
        self.timeout = timeout
        self.download_limit = download_limit
        self.lock_timeout = lock_timeout
        self.on_wait = on_wait
        self.on_stage = on_stage
        self._store = PackStore(self.store, self.packs_dir, link_mode)

    def _stage(self, stage: InstallStage) -> None:
        """Tell ``on_stage`` (if any) that an install or rollback reached ``stage``."""
        if self.on_stage is not None:
            self.on_stage(stage)

    # --- public operations -------------------------------------------------------------

    def has_subscriptions(self) -> bool:
        """Whether any installed pack follows a source, so :meth:`update` has work to do.

        Cheap, and safe to call at any time: it takes no lock, creates nothing
        and touches no network, so the app can skip its periodic check (and
        the lock) on machines without team packs.
        """
        return any(
            state is not None and state.source is not None
            for state in map(self._store.read_state, self._store.managed_names())
        )

    def installed(self) -> list[InstalledPack]:
        """Every pack in the team packs folder, managed or copied by hand, by name.

        Reads without the lock: the state files and the active pointers are
        each replaced atomically, so a concurrent update shows the old or the
        new version, never a mix.
        """
        return self._store.installed()

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
        with self._locked(), self._store.workspace() as work:
            archive = work / "download.zip"
            text = self._fetcher().fetch_archive(text, archive, progress)
            peek = open_archive(archive, text, None).info.manifest
            state = self._store.read_state(peek.name) or PackState(peek.name)
            if pinned and state.key and pinned != state.key:
                raise DistributeError(
                    f"{peek.name} is pinned to key {key_id(state.key)}, not "
                    f"{key_id(pinned)}: to change the pinned key, subscribe again with --key"
                )
            state = replace(state, key=pinned or state.key)
            change, state = self._install_archive(archive, text, state, expected_name=None)
            now = iso(dt.datetime.now(dt.UTC))
            self._store.write_state(
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
        src = parse_source(str(source))
        pinned = read_public_key(key) if key else None
        with self._locked(), self._store.workspace() as work:
            fetched = self._fetcher().fetch_index(src, None)
            packs = parse_index(fetched.body, src.index)
            chosen = _choose(packs, name, src)
            entry = packs[chosen]
            state = self._store.read_state(chosen) or PackState(chosen)
            state = replace(state, source=src, key=pinned or state.key)
            active = self._store.active(chosen)
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
                change, state = self._install_entry(src, fetched, entry, state, work, progress)
            now = iso(dt.datetime.now(dt.UTC))
            self._store.write_state(
                replace(
                    state.checked(Validators.of(fetched), now),
                    last_update=now,
                    last_change=str(change),
                )
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
        the source's latest version even if it is the one rolled back from; an
        update never installs a version older than the active one (that is what
        :meth:`rollback` is for).
        ``min_interval`` (seconds) skips packs checked more recently than
        that, so the app can call this on every start without hammering
        servers. Raises :class:`DistributeError` only for an unknown ``name``.
        """
        with self._locked():
            if name is not None:
                if self._store.read_state(name) is None:
                    raise self._store.unknown(name)
                names = [name]
            else:
                names = self._store.managed_names()
            return [self._update_one(n, force, min_interval, progress) for n in names]

    def remove(self, name: str) -> InstalledPack:
        """Uninstall a managed pack and forget its subscription; returns what it was."""
        with self._locked():
            state = self._store.read_state(name)
            if state is None:
                raise self._store.unknown(name)
            before = self._store.describe(state, self._store.active(name))
            self._store.write_state(replace(state, status="removing"))
            self._store.finish_removal(name)
            return before

    def rollback(self, name: str) -> PackChange:
        """Make the previously active version active again.

        The version rolled back from is remembered and skipped by later
        updates until a newer one is published (or ``update(force=True)``).
        """
        with self._locked():
            state = self._store.read_state(name)
            if state is None:
                raise self._store.unknown(name)
            active = self._store.active(name)
            if active is None:
                raise DistributeError(f"{name} is not installed: nothing to roll back")
            if not state.history:
                raise DistributeError(
                    f"no earlier version of {name} is kept (only {active.manifest.version} "
                    "has been installed): nothing to roll back to"
                )
            previous = state.history[-1]
            target = self._store.version_folder(name, previous)
            manifest = verify_kept_version(target, name)
            new_pack = validate_folder(target, manifest)
            old_loaded = load_pack(active.folder)
            change = diff_packs(name, old_loaded.pack, active.manifest.version, new_pack)
            self._store.point(name, target)
            self._stage("after-swap")
            now = iso(dt.datetime.now(dt.UTC))
            self._store.write_state(
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
            remove_tree(self._store.version_folder(name, active.install_id))
            return change

    # --- one pack's update -----------------------------------------------------------------

    def _update_one(
        self, name: str, force: bool, min_interval: float | None, progress: Progress | None
    ) -> UpdateResult:
        """Check one subscribed pack and install a newer version; a failure is a result."""
        state = self._store.read_state(name)
        assert state is not None
        active = self._store.active(name)
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
        last = parse_iso(state.last_check)
        if min_interval is not None and not force and last is not None:
            age = (now - last).total_seconds()
            if 0 <= age < min_interval:
                return UpdateResult(name, "skipped", version, message="checked recently")
        before = active.install_id if active else None
        try:
            with self._store.workspace() as work:
                result = self._check_source(name, state, active, force, work, progress)
        except (DistributeError, OSError) as exc:
            message = str(exc) if isinstance(exc, DistributeError) else _os_message(exc)
            latest = self._store.read_state(name) or state
            self._store.write_state(
                replace(latest, last_check=iso(now), status="error", error=message)
            )
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
        after = self._store.active(name)
        return (after.install_id if after else None) != before

    def _check_source(
        self,
        name: str,
        state: PackState,
        active: ActiveVersion | None,
        force: bool,
        work: Path,
        progress: Progress | None,
    ) -> UpdateResult:
        """Ask the source about pack ``name`` and install what it offers if it is newer,
        unless it is the version rolled back from (installed anyway with ``force``).
        The archive itself must hold the version offered, and a newer one."""
        assert state.source is not None
        src = state.source
        now = iso(dt.datetime.now(dt.UTC))
        version = active.manifest.version if active else None
        # The validators are saved only after a successful check: a failed
        # download must not turn the next check into a 304 that hides the update.
        fetched = self._fetcher().fetch_index(
            src, state.validators if active is not None and not force else None
        )
        if fetched.status == 304:
            self._store.write_state(replace(state, last_check=now, status="ok", error=None))
            message = "up to date"
            skipped = state.skipped_version
            if skipped and version and compare_versions(skipped, version) > 0:
                message += f" (skipping {skipped}, which was rolled back)"
            return UpdateResult(name, "unchanged", version, message=message)
        packs = parse_index(fetched.body, src.index)
        if name not in packs:
            raise SourceError(
                f"{src.display} no longer publishes {name} (its index names: "
                f"{', '.join(sorted(packs)) or 'nothing'})"
            )
        entry = packs[name]
        offered = entry["version"]
        current = state.checked(Validators.of(fetched), now)
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
                self._store.write_state(current)
                return UpdateResult(name, "unchanged", version, message=message)
        change, installed = self._install_entry(
            src, fetched, entry, state, work, progress, forward_only=True
        )
        skipped = installed.skipped_version
        if skipped is not None and compare_versions(offered, skipped) >= 0:
            skipped = None
        self._store.write_state(
            replace(
                installed.checked(Validators.of(fetched), now),
                last_update=now,
                last_change=str(change),
                skipped_version=skipped,
            )
        )
        return UpdateResult(name, "updated", offered, change=change)

    # --- installing --------------------------------------------------------------------------

    def _install_entry(
        self,
        src: Source,
        fetched: Fetched,
        entry: Mapping[str, Any],
        state: PackState,
        work: Path,
        progress: Progress | None,
        *,
        forward_only: bool = False,
    ) -> tuple[PackChange, PackState]:
        """Install the version of pack ``state.name`` an index ``entry`` names: refused
        before any download when it needs a newer Expander, and after it unless the
        archive holds the very version the entry names; see :meth:`_install_archive`."""
        name = state.name
        check_compatible(name, entry["version"], entry.get("min_expander_version", "0.0.0"))
        archive = work / "download.zip"
        location = src.archive_location(entry["file"], fetched)
        self._fetcher().download_entry(src, location, entry, archive, name, progress)
        return self._install_archive(
            archive,
            location,
            state,
            name,
            claimed_version=entry["version"],
            forward_only=forward_only,
        )

    def _install_archive(
        self,
        archive: Path,
        where: str,
        state: PackState,
        expected_name: str | None,
        *,
        claimed_version: str | None = None,
        forward_only: bool = False,
    ) -> tuple[PackChange, PackState]:
        """Verify ``archive`` completely, then make it the active version.

        The index naming an archive is not signed, but the archive's manifest is:
        ``claimed_version`` (what the index says the archive holds) must be the
        manifest's version, and with ``forward_only`` (an update) the manifest's
        version must be newer than the active one, or an index rewritten to name
        an older signed archive would roll the agent back.

        Returns the change and the state as written before the swap (with the
        previous version pushed onto the history), for the caller to complete.
        """
        opened = open_archive(archive, where, state.key)
        manifest = opened.info.manifest
        name = manifest.name
        if expected_name is not None and name != expected_name:
            raise VerificationError(f"{where} holds the pack {name}, not {expected_name}: refused")
        if state.name != name:
            raise VerificationError(f"{where} holds the pack {name}, not {state.name}: refused")
        if claimed_version is not None and manifest.version != claimed_version:
            raise VerificationError(
                f"{name}: the index names version {claimed_version}, but its archive "
                f"{where} holds {manifest.version}: refused (the index was changed, or "
                "names the wrong archive)"
            )
        active = self._store.active(name)
        install_id = opened.info.install_id
        if (
            forward_only
            and active is not None
            and active.install_id != install_id
            and compare_versions(manifest.version, active.manifest.version) <= 0
        ):
            raise VerificationError(
                f"{name}: {where} holds {manifest.version}, not newer than the installed "
                f"{active.manifest.version}: refused (updates only move forward; "
                "'expander pack rollback' goes back)"
            )
        self._store.check_pointer_free(name)
        self._stage("downloaded")
        with self._store.unpacking(name) as incoming:
            opened.unpack_into(incoming)
            new_pack = validate_folder(incoming, manifest)
            old_pack = load_pack(active.folder).pack if active else None
            change = diff_packs(
                name, old_pack, active.manifest.version if active else None, new_pack
            )
            if active is not None and active.install_id == install_id:
                return replace(change, added=(), changed=(), removed=()), state
            final = self._store.keep_version(incoming, name, install_id, where)
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
        self._store.write_state(before_swap)
        self._stage("before-swap")
        self._store.point(name, final)
        self._stage("after-swap")
        with contextlib.suppress(OSError):  # the next command's tidy-up retries
            self._store.prune(name, before_swap, install_id)
        return change, before_swap

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        """The team packs lock, with this manager's timeout and waiting callback."""
        return self._store.locked(timeout=self.lock_timeout, on_wait=self.on_wait)

    def _fetcher(self) -> Fetcher:
        """A fetcher with this manager's time limits as they are now."""
        return Fetcher(timeout=self.timeout, download_limit=self.download_limit)


def _choose(packs: Mapping[str, Any], name: str | None, src: Source) -> str:
    """The pack to follow from an index: ``name``, or the only one it publishes."""
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


def _os_message(exc: OSError) -> str:
    """An operating system error as one line for ``pack list``: the reason and the file."""
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{exc.strerror or exc}{where}"
