"""The names, limits and encodings every part of team packs agrees on.

File names in archives, published folders and the store; the archive format
number; the size and time limits that bound what a source can make us read
or wait for; and the JSON and timestamp spellings written to disk.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

__all__ = [
    "ARCHIVE_SUFFIX",
    "DEFAULT_DOWNLOAD_LIMIT",
    "DEFAULT_LOCK_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "FORMAT",
    "INDEX_NAME",
    "KEEP_PREVIOUS",
    "MANIFEST_NAME",
    "MAX_ARCHIVE_BYTES",
    "MAX_CENTRAL_DIRECTORY_BYTES",
    "MAX_FILES",
    "MAX_INDEX_BYTES",
    "MAX_UNPACKED_BYTES",
    "SIGNATURE_NAME",
    "STATE_NAME",
    "STORE_NAME",
    "Progress",
    "iso",
    "json_bytes",
    "parse_iso",
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

Progress = Callable[[str, int, int | None], None]
"""Called as a download goes: (what, bytes so far, total bytes if known)."""


def json_bytes(data: Any) -> bytes:
    """``data`` as the indented UTF-8 JSON every team file is written in."""
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def iso(moment: dt.datetime) -> str:
    """A moment as the UTC timestamp written in manifests, indexes and state files."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: object) -> dt.datetime | None:
    """The moment an :func:`iso` timestamp names, or None for anything else."""
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
