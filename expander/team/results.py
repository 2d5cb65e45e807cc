"""What the team pack operations report: a change, an update's outcome, an installed pack."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from expander.model import Pack
from expander.team.formats import iso

__all__ = ["InstalledPack", "PackChange", "UpdateResult", "diff_packs"]


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
        """Whether no version of the pack was installed before."""
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
        """Whether the check went without failure (skipped and unchanged count)."""
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
        """The pack as ``pack list --json`` prints it."""
        return {
            "name": self.name,
            "version": self.version,
            "managed": self.managed,
            "source": self.source,
            "source_kind": self.source_kind,
            "installed_from": self.installed_from,
            "key_id": self.key_id,
            "signed_by": self.signed_by,
            "last_check": iso(self.last_check) if self.last_check else None,
            "last_update": iso(self.last_update) if self.last_update else None,
            "status": self.status,
            "error": self.error,
            "previous_versions": list(self.previous_versions),
            "skipped_version": self.skipped_version,
            "last_change": self.last_change,
            "path": str(self.path),
        }


def _snippet_signature(pack: Pack | None) -> dict[str, tuple[object, ...]]:
    """Each snippet's id with every field an agent would notice a change in."""
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


def diff_packs(name: str, old: Pack | None, old_version: str | None, new: Pack) -> PackChange:
    """What changed between two versions of pack ``name``, by snippet id: any field
    an agent would notice (text, trigger, keywords, ...) makes a snippet changed."""
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
