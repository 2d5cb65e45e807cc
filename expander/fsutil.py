"""Writing files so that a crash or a full disk never leaves half a file behind,
and keeping files with personal data readable by their owner alone."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "atomic_write_bytes",
    "fsync_dir",
    "make_private",
    "not_a_regular_file",
    "private_dir",
    "private_file",
]

_SHARED_BITS = 0o077
"""Group and other permission bits: what a private file or folder must not have."""


def atomic_write_bytes(
    path: Path,
    data: bytes | Sequence[bytes | memoryview],
    *,
    backup: bool = False,
    mode: int | None = None,
    sync_folder: bool = True,
) -> None:
    """Replace ``path`` with ``data`` atomically (temp file, fsync, rename).

    With ``backup``, the previous content is first kept as ``<name>.bak`` (also
    written atomically), so one bad save can always be undone by hand. Readers see
    either the old file or the new one, never a mix.

    The new file gets ``mode`` when given; otherwise the replaced file's
    permissions, or those of a fresh temp file (0600) when there was none.
    ``sync_folder=False`` leaves out the fsync of the folder after the rename,
    for shared folders whose file system refuses it (the rename is still atomic).
    ``data`` may be a sequence of parts (``bytes`` or ``memoryview``), written
    one after the other: a large file needs no joined copy in memory.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if backup and path.exists():
        atomic_write_bytes(path.with_name(path.name + ".bak"), path.read_bytes())
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        _raise_naming(exc, path, exc.filename)
        raise
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            for part in [data] if isinstance(data, bytes) else data:
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError):
            _raise_naming(exc, path, tmp_name)
        raise
    if sync_folder:
        fsync_dir(path.parent, best_effort=False)


def _raise_naming(exc: OSError, path: Path, tmp_name: str | None) -> None:
    """Raise ``exc`` as naming ``path``, the file being saved (unchanged), where it
    named no file (a full disk fails in ``write``) or the temp file (a read-only
    folder); return when it names another file."""
    if exc.errno is not None and exc.filename in (None, tmp_name):
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def fsync_dir(folder: Path, *, best_effort: bool = True) -> None:
    """Make a folder's entries (a rename, a new file) reach the disk.

    Does nothing where folders cannot be opened (Windows). With
    ``best_effort`` a system that refuses the fsync is not an error: the
    entries are then as durable as that file system makes them.
    """
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(*((OSError,) if best_effort else ())):
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def make_private(path: Path) -> bool:
    """Take away group and other access from ``path`` (a file or a folder) when it
    has any, leaving the owner's bits; returns whether the mode changed.

    A missing path is no error (nothing to protect). Windows permissions are not
    POSIX modes, so there it does nothing. Raises ``OSError`` when the mode
    cannot be changed (a file of another user), so that personal data is never
    written into a file others can read without saying so.
    """
    if os.name == "nt":
        return False
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return False
    if not mode & _SHARED_BITS:
        return False
    os.chmod(path, mode & ~_SHARED_BITS)
    return True


def private_dir(folder: Path) -> Path:
    """``folder``, made (with missing parents) when missing and owner-only (0700):
    the folder of files with personal data, tightened when it was open to others.

    Parents keep the modes the user's umask gives: they are not Expander's.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    make_private(folder)
    return folder


def private_file(path: Path) -> Path:
    """``path`` made to exist, readable by its owner alone (0600), its content
    untouched: created empty when missing, tightened when it was open to others.
    Call it before a library (SQLite) creates or opens the file with its own mode."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    make_private(path)
    return path


def not_a_regular_file(mode: int | None) -> str | None:
    """What a path is when it is not a regular file, in words ("a named pipe (FIFO)");
    None for a file, or when its mode is unknown. Packs and shared folders read only
    regular files: opening a named pipe with no writer waits for ever."""
    if mode is None or stat.S_ISREG(mode):
        return None
    kinds = [
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((words for test, words in kinds if test(mode)), "not a regular file")
