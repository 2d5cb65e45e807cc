"""What is remembered about one managed pack, and which version is active."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from expander.team.fetch import Source, Validators
from expander.team.formats import FORMAT, json_bytes
from expander.team.manifest import Manifest

__all__ = ["ActiveVersion", "PackState"]


@dataclass(frozen=True, slots=True)
class PackState:
    """What is remembered about one managed pack (``pack-store/<name>/state.json``).

    Which version is active is never stored: the ``packs/<name>`` pointer is
    the truth, so the state cannot contradict what the loader sees.
    """

    name: str
    source: Source | None = None
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

    @property
    def validators(self) -> Validators:
        """What the last successful check saw of the source's index."""
        return Validators(self.etag, self.last_modified, self.index_digest)

    def checked(self, seen: Validators, now: str) -> PackState:
        """The state after a successful check: the index's validators kept for the next one."""
        return replace(
            self,
            etag=seen.etag,
            last_modified=seen.last_modified,
            index_digest=seen.index_digest,
            last_check=now,
            status="ok",
            error=None,
        )

    def to_bytes(self) -> bytes:
        """The state as written to ``state.json``."""
        return json_bytes(
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
    def from_bytes(name: str, data: bytes) -> PackState:
        """The state a ``state.json`` holds; a damaged one is reset to an error state
        that says so, never a crash."""
        try:
            raw = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):
            raw = None
        if not isinstance(raw, dict):
            return PackState(name, status="error", error="the state file was unreadable; reset")

        def text(key: str) -> str | None:
            value = raw.get(key)
            return value if isinstance(value, str) else None

        history = raw.get("history")
        return PackState(
            name=name,
            source=Source.from_json(raw.get("source")),
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
class ActiveVersion:
    """The version ``packs/<name>`` shows now: its id in the store and its manifest."""

    install_id: str
    folder: Path  # the folder the loader reads (through the pointer)
    manifest: Manifest
