"""Where packs come from: sources (a URL, a published folder, an archive file) and
the :class:`Fetcher` that brings their indexes and archives here.

A folder source is compared by its index's digest; an HTTP source is asked
with the validators of the last successful check, so an unchanged pack costs
one small request answered 304.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from expander.errors import DistributeError, SourceError, VerificationError
from expander.fsutil import not_a_regular_file
from expander.team.formats import (
    ARCHIVE_SUFFIX,
    DEFAULT_DOWNLOAD_LIMIT,
    DEFAULT_TIMEOUT,
    INDEX_NAME,
    MAX_ARCHIVE_BYTES,
    MAX_INDEX_BYTES,
    Progress,
)
from expander.team.http_client import Fetched, http_get

__all__ = [
    "Fetcher",
    "Source",
    "Validators",
    "copy_local",
    "file_url_path",
    "is_url",
    "parse_source",
    "read_local",
]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a subscribed pack is published: an index on a web server or in a folder."""

    kind: Literal["http", "folder"]
    index: str

    @property
    def display(self) -> str:
        """The source as the agent named it: the folder, or the index's address."""
        if self.kind == "folder":
            return str(Path(self.index).parent)
        return self.index

    def archive_location(self, file_name: str, fetched: Fetched) -> str:
        """Where the index names an archive: relative to the index as it was last fetched.

        After a redirect that is the address redirected to (RFC 3986, 5.1.3).
        """
        if self.kind == "folder":
            return str(Path(self.index).parent / file_name)
        from urllib.parse import urljoin

        return urljoin(fetched.url or self.index, file_name)

    def to_json(self) -> dict[str, str]:
        """The source as kept in the state file."""
        return {"kind": self.kind, "index": self.index}

    @staticmethod
    def from_json(data: object) -> Source | None:
        """The source a state file names, or None when it names none that is valid."""
        if isinstance(data, dict) and data.get("kind") in ("http", "folder"):
            index = data.get("index")
            if isinstance(index, str):
                return Source(data["kind"], index)
        return None


def is_url(text: str) -> bool:
    """Whether ``text`` is an http(s) address (rather than a path or a ``file://`` URL)."""
    return bool(re.match(r"https?://", text, re.I))


def file_url_path(text: str) -> Path | None:
    """The folder a ``file://`` URL names, the way this system spells paths
    (``file:///C:/packs`` is ``C:\\packs`` on Windows; ``file://server/share``
    a UNC path there, and refused elsewhere: mount the share and name the folder)."""
    if not text.lower().startswith("file://"):
        return None
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    parts = urlsplit(text)
    path = url2pathname(parts.path)
    host = parts.netloc
    if host and host.lower() != "localhost":
        if os.name != "nt":
            raise DistributeError(
                f"{text}: a file URL naming another computer ({host}) cannot be read here; "
                "mount the shared folder and subscribe to its path"
            )
        path = f"\\\\{host}{path}"
    return Path(path)


def parse_source(text: str) -> Source:
    """Read what an agent subscribes to: a published folder, its index.json, or a URL."""
    text = text.strip()
    if is_url(text):
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(text)
        url_path = parts.path or "/"
        if url_path.lower().endswith(ARCHIVE_SUFFIX):
            raise DistributeError(
                f"{text} is one archive: subscribe to the folder it is published in "
                "(with its index.json), or install it once with 'expander pack install'"
            )
        if not url_path.lower().endswith(".json"):
            url_path = url_path.rstrip("/") + "/" + INDEX_NAME
        return Source("http", urlunsplit((parts.scheme, parts.netloc, url_path, parts.query, "")))
    path = file_url_path(text) or Path(text).expanduser()
    if path.suffix.lower() == ARCHIVE_SUFFIX:
        raise DistributeError(
            f"{path} is one archive: subscribe to the folder it is published in, or "
            "install it once with 'expander pack install'"
        )
    if path.is_dir():
        path = path / INDEX_NAME
    kind = not_a_regular_file(path.stat().st_mode) if path.exists() else None
    if kind is not None:
        raise SourceError(f"{path} is {kind}, not a file: refused (only regular files are read)")
    if not path.is_file():
        where = path.parent if path.name == INDEX_NAME else path
        raise SourceError(
            f"no published packs at {where}: expected a folder with an {INDEX_NAME} "
            "(written by 'expander pack publish') or an http(s):// address"
        )
    return Source("folder", str(path.resolve()))


class _Copy:
    """One local file copied to a sink on a worker thread, so that a read the file
    system never answers (an unreachable network share) cannot hold the caller."""

    def __init__(
        self,
        src: Path,
        sink: IO[bytes],
        max_bytes: int,
        progress: Callable[[int, int | None], None] | None,
    ) -> None:
        self.src, self.sink, self.max_bytes, self.progress = src, sink, max_bytes, progress
        self.last_data = time.monotonic()
        self.cancelled = False
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self._copy()
        except BaseException as exc:  # handed to the waiting caller
            self.error = exc

    def _copy(self) -> None:
        # O_NONBLOCK: opening a FIFO with no writer would wait forever; its mode is seen first
        fd = os.open(
            self.src, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        )
        info = os.fstat(fd)
        kind = not_a_regular_file(info.st_mode)
        if kind is not None:
            os.close(fd)
            raise SourceError(
                f"{self.src} is {kind}, not a file: refused (only regular files are read "
                "from a shared folder)"
            )
        with open(fd, "rb") as handle:
            if hasattr(os, "O_NONBLOCK"):
                os.set_blocking(fd, True)
            total = info.st_size
            if total > self.max_bytes:
                raise SourceError(
                    f"{self.src} is {total} bytes, more than the {self.max_bytes} allowed"
                )
            done = 0
            while not self.cancelled and (chunk := handle.read(1 << 16)):
                self.last_data = time.monotonic()
                done += len(chunk)
                if done > self.max_bytes:
                    raise SourceError(
                        f"{self.src} is larger than the {self.max_bytes} bytes allowed"
                    )
                self.sink.write(chunk)
                if self.progress is not None:
                    self.progress(done, total)


def read_local(
    src: Path,
    sink: IO[bytes],
    max_bytes: int,
    progress: Callable[[int, int | None], None] | None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    limit: float = DEFAULT_DOWNLOAD_LIMIT,
) -> None:
    """Copy the regular file ``src`` to ``sink`` under the limits of an HTTP download:
    at most ``timeout`` seconds without data, ``limit`` in all, ``max_bytes``.

    Raises :class:`SourceError` for a FIFO, device or folder (reading a FIFO would
    wait for a writer forever), a file too large or too slow; ``OSError`` (such as
    ``FileNotFoundError``) when it cannot be opened. A read still blocked when time
    is up is left to its daemon thread, which writes nothing more.
    """
    copy = _Copy(src, sink, max_bytes, progress)
    worker = threading.Thread(target=copy.run, name=f"read {src.name}", daemon=True)
    started = time.monotonic()
    worker.start()
    while worker.is_alive():
        worker.join(0.05)
        now = time.monotonic()
        problem = None
        if now - copy.last_data > timeout:
            problem = f"no data within {timeout:g} s (timed out): is the shared folder reachable?"
        elif now - started > limit:
            problem = f"reading it took longer than {limit:g} s: the shared folder is too slow"
        if problem is not None and worker.is_alive():
            copy.cancelled = True
            raise SourceError(f"{src}: {problem}; try again later")
    if copy.error is not None:
        raise copy.error


def copy_local(
    src: Path,
    sink: IO[bytes],
    max_bytes: int,
    progress: Callable[[int, int | None], None] | None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    limit: float = DEFAULT_DOWNLOAD_LIMIT,
) -> None:
    """Copy a local archive to ``sink`` by :func:`read_local`, refusing one over
    ``max_bytes`` before reading it; every failure is a :class:`SourceError`."""
    try:
        read_local(src, sink, max_bytes, progress, timeout=timeout, limit=limit)
    except FileNotFoundError:
        raise SourceError(f"{src} does not exist: check the path") from None
    except OSError as exc:
        raise SourceError(f"cannot read {src}: {exc.strerror or exc}") from None


@dataclass(frozen=True, slots=True)
class Validators:
    """What the last successful check of an index saw, so the next check can ask
    "changed since?" instead of reading it all again."""

    etag: str | None = None
    last_modified: str | None = None
    index_digest: str | None = None

    @classmethod
    def of(cls, fetched: Fetched) -> Validators:
        """The validators of an index as it was just fetched."""
        return cls(fetched.etag, fetched.last_modified, hashlib.sha256(fetched.body).hexdigest())


def _labelled(progress: Progress | None, label: str) -> Callable[[int, int | None], None] | None:
    """``progress`` with ``label`` filled in, for a download that knows only its bytes."""
    if progress is None:
        return None
    return lambda done, total: progress(label, done, total)


class Fetcher:
    """Brings indexes and archives here, each read waiting at most ``timeout``
    seconds and each download taking at most ``download_limit`` seconds in all."""

    def __init__(
        self, *, timeout: float = DEFAULT_TIMEOUT, download_limit: float = DEFAULT_DOWNLOAD_LIMIT
    ) -> None:
        self.timeout = timeout
        self.download_limit = download_limit

    def fetch_archive(self, text: str, archive: Path, progress: Progress | None) -> str:
        """Bring the one archive ``text`` names (a file, a ``file://`` or http(s) URL)
        to ``archive``; returns where it came from, as messages and ``pack list`` name it."""
        if is_url(text):
            self.download(text, archive, None, progress, label=text.rsplit("/", 1)[-1])
            return text
        path = file_url_path(text) or Path(text).expanduser()
        if path.is_dir():
            hint = (
                "subscribe to it with 'expander pack subscribe'"
                if (path / INDEX_NAME).is_file()
                else "build it first with 'expander pack build'"
            )
            raise DistributeError(f"{path} is a folder, not a pack archive: {hint}")
        if path.suffix.lower() == ".json":
            raise DistributeError(
                f"{path} is an index: subscribe to it with 'expander pack subscribe'"
            )
        with open(archive, "wb") as sink:
            copy_local(
                path, sink, MAX_ARCHIVE_BYTES, _labelled(progress, path.name), **self._limits
            )
        return str(path.resolve())

    @property
    def _limits(self) -> dict[str, float]:
        """The time limits of a local read, the same as a download's."""
        return {"timeout": self.timeout, "limit": self.download_limit}

    def fetch_index(self, src: Source, known: Validators | None) -> Fetched:
        """The source's index; answered 304 (empty) when it is unchanged since ``known``
        was seen. ``known=None`` reads it in full."""
        if src.kind == "folder":
            path = Path(src.index)
            buffer = io.BytesIO()
            try:
                read_local(path, buffer, MAX_INDEX_BYTES, None, **self._limits)
            except FileNotFoundError:
                raise SourceError(
                    f"no {INDEX_NAME} in {path.parent}: is the shared folder mounted, and "
                    "was a pack published there?"
                ) from None
            except OSError as exc:
                raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
            data = buffer.getvalue()
            digest = hashlib.sha256(data).hexdigest()
            if known is not None and known.index_digest == digest:
                return Fetched(304, b"")
            return Fetched(200, data)
        headers = {"Cache-Control": "max-age=0", "Accept": "application/json"}
        if known is not None:
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
        return http_get(
            src.index,
            timeout=self.timeout,
            max_bytes=MAX_INDEX_BYTES,
            limit=self.download_limit,
            headers=headers,
        )

    def download_entry(
        self,
        src: Source,
        location: str,
        entry: Mapping[str, Any],
        archive: Path,
        name: str,
        progress: Progress | None,
    ) -> None:
        """Bring the archive an index ``entry`` names to ``archive``, and check it is the
        one the index names (its SHA-256) before anything else reads it."""
        label = f"{name} {entry['version']}"
        if src.kind == "folder":
            with open(archive, "wb") as sink:
                copy_local(
                    Path(location),
                    sink,
                    MAX_ARCHIVE_BYTES,
                    _labelled(progress, label),
                    **self._limits,
                )
        else:
            self.download(location, archive, entry.get("size"), progress, label)
        expected = entry.get("sha256")
        if expected:
            digest = hashlib.sha256(archive.read_bytes()).hexdigest()
            if digest != expected:
                raise VerificationError(
                    f"{label}: checksum mismatch: the downloaded archive is not the one the "
                    "index names (a truncated or changed download): refused"
                )

    def download(
        self,
        url: str,
        archive: Path,
        size: object,
        progress: Progress | None,
        label: str,
    ) -> None:
        """Download ``url`` to ``archive``, refusing at once a ``size`` over the limit."""
        limit = MAX_ARCHIVE_BYTES
        if isinstance(size, int) and size > limit:
            raise SourceError(f"{url} is {size} bytes, more than the {limit} allowed")
        with open(archive, "wb") as sink:
            http_get(
                url,
                timeout=self.timeout,
                max_bytes=limit,
                limit=self.download_limit,
                sink=sink,
                progress=_labelled(progress, label),
            )
