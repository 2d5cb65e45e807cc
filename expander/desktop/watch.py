"""Hot reload: notice edited snippet and settings files, and reload them safely.

:class:`FileWatcher` polls file metadata on a thread: no extra dependency, the
same behaviour on every platform and file system (inotify misses edits on
network shares and in some editors' save dances; a poll of a few dozen files
twice a second costs nothing). A change is reported once the files have been
still for one interval, so an editor's several writes for one save give one
reload. With the default half-second interval an edit is reported 0.5-1 s
after it is saved.

:func:`reload_library` (and :func:`reload_value` for anything else that loads with
problems, such as settings) decides whether a new load replaces the old one: a
broken edit keeps the last good snippets working and says why.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from expander.model import Problem, Severity, SourceLocation

if TYPE_CHECKING:
    from expander.library import Library

__all__ = [
    "FileWatcher",
    "ReloadDecision",
    "Snapshot",
    "reload_library",
    "reload_value",
    "snapshot",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

_Stamp = tuple[int, int, int, int]
Snapshot = dict[Path, _Stamp]
"""Each watched file that exists, with what changes when it is written
(modification and change times in ns, size, inode: an atomic save by rename
changes the inode even within one timestamp tick)."""


def _stamp(path: Path) -> _Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _toml_files(folder: Path) -> Iterable[Path]:
    """The ``*.toml`` files under ``folder``, skipping hidden files and folders
    (editors' swap and lock files, ``.git``) as the pack loader does."""
    try:
        found = list(folder.rglob("*.toml"))
    except OSError:
        return ()
    return (
        p for p in found if not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """The current state of the given files and of the ``*.toml`` files in the
    given folders. Paths that do not exist (yet) are simply absent, so a file
    created later shows up as a change."""
    result: Snapshot = {}
    for path in paths:
        if path.is_dir():
            candidates: Iterable[Path] = _toml_files(path)
        else:
            candidates = (path,)
        for candidate in candidates:
            stamp = _stamp(candidate)
            if stamp is not None and not candidate.is_dir():
                result[candidate] = stamp
    return result


def _differences(old: Snapshot, new: Snapshot) -> frozenset[Path]:
    return frozenset(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))


class FileWatcher:
    """Calls ``on_change(changed_paths)`` when watched files are created, edited
    or deleted.

    ``paths_provider`` is asked for the paths at every poll, so folders and
    files that appear later (a newly installed team pack, a settings file
    written for the first time) are picked up. A folder stands for all the
    ``*.toml`` files under it. Changes are debounced: they are reported once
    nothing has changed for one ``interval``, all together. ``on_change`` runs
    on the watcher's thread; an exception in it is logged and watching goes on.

    :meth:`poll` does one step by hand, for tests and for callers with their
    own loop; :meth:`start` and :meth:`stop` run it on a daemon thread.
    """

    def __init__(
        self,
        paths_provider: Callable[[], Iterable[Path]],
        on_change: Callable[[frozenset[Path]], object],
        interval: float = 0.5,
    ) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self.paths_provider = paths_provider
        self.on_change = on_change
        self.interval = interval
        self._reported: Snapshot | None = None
        self._last_seen: Snapshot | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _scan(self) -> Snapshot:
        try:
            paths = [Path(p) for p in self.paths_provider()]
        except Exception:  # a failing provider must not end hot reload for good
            log.exception("the list of files to watch could not be made")
            return dict(self._last_seen or {})
        return snapshot(paths)

    def baseline(self) -> None:
        """Take the current state as known: only changes after this are reported."""
        self._reported = self._last_seen = self._scan()

    def poll(self) -> frozenset[Path]:
        """Look once; report (and return) what changed if it has now been still
        for one poll, else return an empty set."""
        if self._reported is None:
            self.baseline()
            return frozenset()
        current = self._scan()
        if current != self._last_seen:
            self._last_seen = current  # still changing: wait until it is still
            return frozenset()
        assert self._reported is not None
        changed = _differences(self._reported, current)
        if not changed:
            return frozenset()
        self._reported = current
        try:
            self.on_change(changed)
        except Exception:
            log.exception("reloading after a change to %s failed", ", ".join(map(str, changed)))
        return changed

    def start(self) -> None:
        """Start watching. The state at this moment is the baseline, so an edit
        made right after ``start()`` returns is reported."""
        if self._thread is not None:
            raise RuntimeError("this FileWatcher has already been started")
        self.baseline()
        self._thread = threading.Thread(target=self._run, name="file-watcher", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.poll()

    def stop(self, timeout: float | None = None) -> None:
        """Stop watching and wait for the thread to end (a reload in progress is
        finished first). Safe to call twice, before start, or from ``on_change``."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> FileWatcher:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


# --- deciding whether a reload replaces what is running --------------------------------


@dataclass(frozen=True, slots=True)
class ReloadDecision(Generic[T]):
    """The outcome of a reload.

    ``value`` is what to use from now on: the new load, or the old one when
    the new load brought errors the old one did not have (``kept_old``).
    ``new_errors`` are those errors (empty when the new load was taken);
    ``problems`` are all problems of the new load, for the log.
    """

    value: T
    kept_old: bool
    new_errors: tuple[Problem, ...]
    problems: tuple[Problem, ...]

    @property
    def reloaded(self) -> bool:
        return not self.kept_old

    def summary(self, what: str = "snippets", limit: int = 3) -> str:
        """One message for a notification: why the old ``what`` were kept, with
        file:line of the first errors; or that the new ones are in use."""
        if not self.kept_old:
            return f"{what} reloaded"
        shown = "; ".join(f"{p.location}: {p.message}" for p in self.new_errors[:limit])
        more = len(self.new_errors) - limit
        extra = f" (and {more} more)" if more > 0 else ""
        return f"broken file kept last good {what}: {shown}{extra}"


_LINE_REF_RE = re.compile(r":\d+\b")


def _error_key(problem: Problem) -> tuple[str, str]:
    """An error's identity across two loads: file and message, without line
    numbers, so an old error that only moved (a line added above it) is not new."""
    return (str(problem.path), _LINE_REF_RE.sub(":#", problem.message))


def reload_value(
    old: T,
    old_problems: Sequence[Problem],
    load: Callable[[], tuple[T, Sequence[Problem]]],
) -> ReloadDecision[T]:
    """Load anew and decide between the new value and ``old``.

    The new value is taken unless it has errors the old one did not have (an
    error that was there before and is still there does not block an edit
    elsewhere). If ``load`` raises, the old value is kept and the exception is
    reported as the reason: a running app must not lose what works.
    """
    try:
        value, problems = load()
    except Exception as exc:
        log.exception("reloading failed")
        failure = Problem(
            Severity.ERROR, f"reloading failed: {type(exc).__name__}: {exc}", SourceLocation(None)
        )
        return ReloadDecision(old, True, (failure,), (failure,))
    problems = tuple(problems)
    before = Counter(_error_key(p) for p in old_problems if p.is_error)
    fresh: list[Problem] = []
    for problem in problems:
        if not problem.is_error:
            continue
        key = _error_key(problem)
        if before[key] > 0:
            before[key] -= 1
        else:
            fresh.append(problem)
    if fresh:
        return ReloadDecision(old, True, tuple(fresh), problems)
    return ReloadDecision(value, False, (), problems)


def reload_library(old_library: Library, load_fn: Callable[[], Library]) -> ReloadDecision[Library]:
    """Load the snippets anew; keep ``old_library`` if the new load is broken
    where the old one was not (see :func:`reload_value`)."""

    def load() -> tuple[Library, Sequence[Problem]]:
        library = load_fn()
        return library, library.problems

    return reload_value(old_library, old_library.problems, load)
