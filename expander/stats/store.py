"""The local usage store: what the app records, in SQLite, on the agent's machine.

What is recorded, in ``usage.sqlite3`` in the user's data folder (the file and
its ``-wal``/``-shm`` side files 0600, the folder 0700):

* per day, pack, pack version and snippet: expansions by abbreviation,
  suggestions shown (at which rank), suggestions accepted (at which rank);
  per day: suggestion requests and e-mails no suggestion answered;
* only when the agent has switched on "help improve our FAQ"
  (``keep_emails=True``): the e-mails no suggestion answered, cleaned (quotes
  and signature removed) and masked (names, e-mail addresses, phone numbers,
  order numbers and other long numbers), capped in size and age.

Never any typed text, never the reply sent. The store is SQLite in WAL mode:
each record is one short transaction, so a kill mid-write leaves the last
committed state, and the CLI reads while the app writes. Recording never
raises into the caller (the app's typing path): an unusable store is logged
and the record dropped.

The store knows nothing of the engine, the library or the suggester: it
records plain values (pack, snippet id, version, rank) read through the
narrow protocols below, which a ``Snippet``, a ``Pack``, a ``Library``, a
``Suggestion`` and an ``Expansion`` each meet. It gives back plain
:class:`~expander.stats.rows.UsageRow` and :class:`~expander.stats.rows.GapEmail`
rows for the reports.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, runtime_checkable

from expander.email.limit import within_limit
from expander.email.privacy import mask_email
from expander.errors import StatsError, log_failure
from expander.fsutil import make_private, private_dir, private_file
from expander.stats.rows import GapEmail, UsageRow

__all__ = [
    "COUNTER_DAYS",
    "MAX_EMAILS",
    "MAX_EMAIL_AGE_DAYS",
    "ExpansionDone",
    "LoadedPacks",
    "Offered",
    "PackVersion",
    "SnippetKey",
    "SnippetLookup",
    "UsageStore",
    "default_store_path",
    "masked_again",
]

log = logging.getLogger("expander.stats.store")

MAX_EMAILS = 2000
"""At most this many kept e-mails; the oldest go first."""
MAX_EMAIL_AGE_DAYS = 90
COUNTER_DAYS = 400
"""Counters older than this are pruned (a little over a year of history)."""

_SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS usage (
    day TEXT NOT NULL,
    pack TEXT NOT NULL,
    version TEXT NOT NULL,
    snippet TEXT NOT NULL,
    event TEXT NOT NULL,
    rank INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, pack, version, snippet, event, rank)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS gaps (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    language TEXT NOT NULL,
    reason TEXT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (day, text)
);
CREATE INDEX IF NOT EXISTS gaps_by_day ON gaps (day);
"""
_ON_CONFLICT_ADD = (
    "ON CONFLICT (day, pack, version, snippet, event, rank) DO UPDATE SET count = count + 1"
)


def default_store_path() -> Path:
    """``usage.sqlite3`` in the user's data folder (``EXPANDER_HOME`` honoured)."""
    from expander.paths import user_paths

    return user_paths().data_dir / "usage.sqlite3"


# --- what the store reads of its callers' objects ------------------------------------------


class SnippetKey(Protocol):
    """What a counter keeps of a snippet: its pack and its id (a ``Snippet``)."""

    @property
    def pack(self) -> str: ...

    @property
    def id(self) -> str: ...


@runtime_checkable
class Offered(Protocol):
    """A snippet offered in the reply picker and whether the match was
    confident (a suggester's ``Suggestion``)."""

    @property
    def snippet(self) -> SnippetKey: ...

    @property
    def confident(self) -> bool: ...


class PackVersion(Protocol):
    """A loaded pack's name and version (a ``Pack``)."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...


@runtime_checkable
class LoadedPacks(Protocol):
    """Whatever holds the loaded packs (a ``Library``)."""

    @property
    def packs(self) -> Sequence[PackVersion]: ...


class SnippetLookup(Protocol):
    """Finds a snippet by id (a ``Library``)."""

    def find(self, key: str) -> SnippetKey | None: ...


class ExpansionDone(Protocol):
    """An expansion the engine reports: the id of the snippet expanded (an ``Expansion``)."""

    @property
    def snippet_id(self) -> str: ...


# --- the store ----------------------------------------------------------------------------


def _today() -> dt.date:
    return dt.date.today()


class UsageStore:
    """The local usage store: cheap, crash-safe writes, and the queries for the reports.

    Open with :meth:`open`; use as a context manager or call :meth:`close`.
    Thread-safe (one connection, one lock). The ``record_*`` methods never
    raise: a failing write is logged and dropped, since statistics must not
    break typing. ``today`` is the clock for the day of a record (tests).
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path | None,
        *,
        max_emails: int = MAX_EMAILS,
        max_email_age_days: int = MAX_EMAIL_AGE_DAYS,
        counter_days: int = COUNTER_DAYS,
        today: Callable[[], dt.date] = _today,
        read_only: bool = False,
    ) -> None:
        self._db = connection
        self.read_only = read_only
        self.path = path
        self.max_emails = max_emails
        self.max_email_age_days = max_email_age_days
        self.counter_days = counter_days
        self.today = today
        self.versions: dict[str, str] = {}
        self._lock = threading.Lock()
        self._pruned_on: dt.date | None = None

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        max_emails: int = MAX_EMAILS,
        max_email_age_days: int = MAX_EMAIL_AGE_DAYS,
        counter_days: int = COUNTER_DAYS,
        today: Callable[[], dt.date] = _today,
        read_only: bool = False,
    ) -> UsageStore:
        """Open (creating when missing) the store at ``path``, by default
        :func:`default_store_path`; ``":memory:"`` gives a private empty one.

        ``read_only`` opens an existing store for the reports without writing
        anything (no file, side file or table created), so a store in a read-only
        folder or file (a read-only mount, a home made 0555) can still be read;
        its ``record_*`` methods then record nothing and :meth:`forget_emails`
        raises.

        Raises :class:`StatsError` when the file is not a usable store.
        """
        memory = str(path) == ":memory:"
        target = None if memory else Path(path) if path is not None else default_store_path()
        if read_only and target is not None:
            return cls(
                _open_read_only(target),
                target,
                max_emails=max_emails,
                max_email_age_days=max_email_age_days,
                counter_days=counter_days,
                today=today,
                read_only=True,
            )
        try:
            if target is not None:
                _make_store_private(target)
            db = sqlite3.connect(
                ":memory:" if target is None else str(target),
                timeout=2.0,
                isolation_level=None,
                check_same_thread=False,
            )
        except (OSError, sqlite3.Error) as exc:
            raise _CannotOpen(f"{target}: cannot open the usage store: {exc}") from None
        try:
            db.execute("PRAGMA busy_timeout = 2000")
            if target is not None:
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA secure_delete = ON")  # a deleted e-mail leaves no trace
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > _SCHEMA_VERSION:
                raise StatsError(
                    f"{target}: the usage store was written by a newer Expander "
                    f"(schema {version}); update Expander to read it"
                )
            if version < _SCHEMA_VERSION:
                db.executescript(
                    f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version = {_SCHEMA_VERSION};COMMIT;"
                )
        except sqlite3.Error as exc:
            db.close()
            if not _is_damaged(exc):  # a full or read-only disk: the store itself is fine
                raise _CannotOpen(f"{target}: cannot open the usage store: {exc}") from None
            raise StatsError(
                f"{target}: not a usable usage store ({exc}); move it away and Expander "
                "starts a new one"
            ) from None
        except BaseException:
            db.close()
            raise
        return cls(
            db,
            target,
            max_emails=max_emails,
            max_email_age_days=max_email_age_days,
            counter_days=counter_days,
            today=today,
        )

    @classmethod
    def open_to_read(cls, path: Path | None = None) -> UsageStore:
        """The existing store at ``path`` (by default :func:`default_store_path`) opened
        for the reports: as :meth:`open` does, or read-only when it cannot be written
        (a read-only mount, a folder or file without write permission), so that
        reading it needs no write access. Raises :class:`StatsError` when it cannot
        be read either, with the reason the ordinary open gave."""
        try:
            return cls.open(path)
        except _CannotOpen as first:
            try:
                return cls.open(path or default_store_path(), read_only=True)
            except _CannotOpen:
                raise first from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> UsageStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- recording (never raises) --------------------------------------------------

    def use_library(self, library: LoadedPacks | Iterable[PackVersion]) -> None:
        """Remember the loaded packs' versions, recorded with each event (call it
        again after a reload)."""
        packs = library.packs if isinstance(library, LoadedPacks) else library
        self.versions = {pack.name: pack.version for pack in packs}

    def expansion_listener(
        self, library: Callable[[], SnippetLookup]
    ) -> Callable[[ExpansionDone], None]:
        """A callback for :meth:`Engine.on_expansion <expander.engine.Engine.on_expansion>`
        that records each expansion (``library`` gives the library in effect)."""

        def listener(expansion: ExpansionDone) -> None:
            try:
                snippet = library().find(expansion.snippet_id)
            except Exception:  # a listener must never break typing
                log.exception("usage statistics: the library could not be read")
                return
            if snippet is not None:
                self.record_expansion(snippet)

        return listener

    def record_expansion(self, snippet: SnippetKey, pack_version: str | None = None) -> None:
        """An abbreviation was typed and expanded to ``snippet``."""
        self._write(lambda db: self._count(db, snippet, "expanded", 0, pack_version))

    def record_suggestions_shown(
        self, suggestions: Sequence[SnippetKey | Offered], *, requested: bool = True
    ) -> None:
        """The reply picker offered these snippets, best first (rank 1, 2, ...);
        ``requested`` also counts one suggestion request."""
        self._write(lambda db: self._count_shown(db, suggestions, requested))

    def record_accepted(
        self, snippet: SnippetKey | Offered, rank: int, pack_version: str | None = None
    ) -> None:
        """The agent chose ``snippet``, offered at ``rank`` (1 = first)."""
        chosen = _snippet_of(snippet)
        self._write(lambda db: self._count(db, chosen, "accepted", max(1, rank), pack_version))

    def record_unmatched(
        self,
        email: str,
        *,
        keep_emails: bool,
        order_patterns: Sequence[str] = (),
        reason: str = "none-accepted",
    ) -> bool:
        """Count an e-mail no suggestion answered; keep it (masked, see
        :func:`mask_email`) only when ``keep_emails`` (the agent's opt-in to
        "help improve our FAQ"). Returns whether text was kept."""
        text, language = _gap_text(email, keep_emails, order_patterns)
        written = self._write(lambda db: self._count_unmatched(db, text, language, reason))
        return written and bool(text)

    def record_suggestion_flow(
        self,
        email: str,
        suggestions: Sequence[Offered],
        chosen: int | None,
        *,
        keep_emails: bool,
        order_patterns: Sequence[str] = (),
    ) -> None:
        """Everything about one use of the reply picker, in one transaction: the
        suggestions shown, the one chosen (index into ``suggestions``, None when
        the agent chose none), and the e-mail as a gap when nothing was chosen
        or nothing was confident (kept only with ``keep_emails``, masked)."""
        accepted = chosen is not None and 0 <= chosen < len(suggestions)
        unmatched = not accepted or not any(s.confident for s in suggestions)
        text, language = _gap_text(email, keep_emails and unmatched, order_patterns)

        def write(db: sqlite3.Connection) -> None:
            self._count_shown(db, suggestions, True)
            if accepted:
                assert chosen is not None
                self._count(db, suggestions[chosen].snippet, "accepted", chosen + 1, None)
            if unmatched:
                reason = "none-confident" if accepted else "none-accepted"
                self._count_unmatched(db, text, language, reason)

        self._write(write)

    def forget_emails(self) -> int:
        """Delete every kept e-mail (call it when the agent switches the opt-in off),
        leaving no trace of them in the file; returns how many.

        Raises :class:`StatsError` on a store opened read-only: the e-mails stay."""
        if self.read_only:
            raise StatsError(
                f"{self.path}: the kept e-mails cannot be deleted: the usage store was "
                "opened read-only"
            )
        deleted: list[int] = []

        def write(db: sqlite3.Connection) -> None:
            deleted.append(db.execute("DELETE FROM gaps").rowcount)

        if self._write(write):
            try:
                with self._lock:  # and out of the write-ahead log too
                    self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                log.warning("usage statistics: the log was not emptied: %s", exc)
        return deleted[0] if deleted else 0

    def _day(self) -> str:
        return self.today().isoformat()

    def _count(
        self,
        db: sqlite3.Connection,
        snippet: SnippetKey,
        event: str,
        rank: int,
        version: str | None,
    ) -> None:
        if version is None:
            version = self.versions.get(snippet.pack, "")
        db.execute(
            "INSERT INTO usage (day, pack, version, snippet, event, rank, count) "
            "VALUES (?, ?, ?, ?, ?, ?, 1) " + _ON_CONFLICT_ADD,
            (self._day(), snippet.pack, version, snippet.id, event, rank),
        )

    def _count_day(self, db: sqlite3.Connection, event: str) -> None:
        db.execute(
            "INSERT INTO usage (day, pack, version, snippet, event, rank, count) "
            "VALUES (?, '', '', '', ?, 0, 1) " + _ON_CONFLICT_ADD,
            (self._day(), event),
        )

    def _count_shown(
        self, db: sqlite3.Connection, suggestions: Sequence[SnippetKey | Offered], requested: bool
    ) -> None:
        if requested:
            self._count_day(db, "requested")
        for rank, item in enumerate(suggestions, start=1):
            self._count(db, _snippet_of(item), "shown", rank, None)

    def _count_unmatched(
        self, db: sqlite3.Connection, text: str, language: str, reason: str
    ) -> None:
        self._count_day(db, "unmatched")
        if text:
            db.execute(
                "INSERT OR IGNORE INTO gaps (day, language, reason, text) VALUES (?, ?, ?, ?)",
                (self._day(), language, reason, text),
            )
            self._prune_emails(db)

    def _prune_emails(self, db: sqlite3.Connection) -> None:
        cutoff = self.today() - dt.timedelta(days=self.max_email_age_days)
        db.execute("DELETE FROM gaps WHERE day < ?", (cutoff.isoformat(),))
        db.execute(
            "DELETE FROM gaps WHERE id NOT IN (SELECT id FROM gaps ORDER BY id DESC LIMIT ?)",
            (self.max_emails,),
        )

    def _prune_daily(self, db: sqlite3.Connection) -> None:
        today = self.today()
        if self._pruned_on == today:
            return
        self._pruned_on = today
        cutoff = today - dt.timedelta(days=self.counter_days)
        db.execute("DELETE FROM usage WHERE day < ?", (cutoff.isoformat(),))
        self._prune_emails(db)

    def _write(self, action: Callable[[sqlite3.Connection], None]) -> bool:
        """Run ``action`` in one short transaction; log and drop any failure."""
        if self.read_only:
            log.warning("usage statistics not recorded: the store was opened read-only")
            return False
        try:
            with self._lock:
                db = self._db
                db.execute("BEGIN IMMEDIATE")
                try:
                    action(db)
                    self._prune_daily(db)
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
            return True
        except Exception as exc:  # sqlite3.Error, a closed store, a full disk, ...
            log.warning("usage statistics not recorded: %s", exc)
            return False

    # --- reading -----------------------------------------------------------------------

    def rows(self, since: dt.date | None = None) -> list[UsageRow]:
        """Every counter from ``since`` on (all when None), oldest day first."""
        select = "SELECT day, pack, version, snippet, event, rank, count FROM usage"
        order = "day, pack, snippet, event, rank, version"
        return [UsageRow(*row) for row in self._read(select, since, order)]

    def gaps(self, since: dt.date | None = None) -> list[GapEmail]:
        """The kept e-mails from ``since`` on (all when None), oldest first."""
        select = "SELECT day, text, language, reason FROM gaps"
        return [GapEmail(*row) for row in self._read(select, since, "id")]

    def _read(self, select: str, since: dt.date | None, order: str) -> list[tuple[Any, ...]]:
        """The rows of ``select`` from the day ``since`` on, in ``order``; raises
        :class:`StatsError` when the store cannot be read."""
        params: tuple[Any, ...] = ()
        if since is not None:
            select += " WHERE day >= ?"
            params = (since.isoformat(),)
        try:
            with self._lock:
                return list(self._db.execute(f"{select} ORDER BY {order}", params).fetchall())
        except sqlite3.Error as exc:
            raise StatsError(f"{self.path}: cannot read the usage store: {exc}") from None


def _open_read_only(target: Path) -> sqlite3.Connection:
    """A connection that reads the store at ``target`` and writes nothing.

    SQLite's read-only mode still needs the write-ahead log's index (``-shm``)
    beside the file, which a read-only folder cannot get when the store was
    closed cleanly (it then has no ``-wal`` either, so nothing can be missed): the
    file is then read as immutable. With a ``-wal`` left beside it that cannot be
    read, the store is reported rather than read without its last writes. A
    store with no tables yet (created, never written) reads as empty.
    """
    with contextlib.suppress(OSError):  # tightened where we may; reading writes nothing else
        make_private(target)
    uri = target.absolute().as_uri()
    try:
        db = _connect_checked(f"{uri}?mode=ro")
    except sqlite3.Error as exc:
        wal = target.with_name(target.name + "-wal")
        if not target.is_file() or _is_damaged(exc) or _size(wal):
            raise _read_only_error(target, exc) from None
        try:
            db = _connect_checked(f"{uri}?mode=ro&immutable=1")
        except sqlite3.Error as again:
            raise _read_only_error(target, again) from None
    return db


def _connect_checked(uri: str) -> sqlite3.Connection:
    """Connect to ``uri`` and check the schema is one this Expander reads (SQLite
    opens lazily: a file it cannot use fails at the first statement)."""
    db = sqlite3.connect(uri, uri=True, timeout=2.0, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA busy_timeout = 2000")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > _SCHEMA_VERSION:
            db.close()
            raise _NewerSchema(version)
        if version < _SCHEMA_VERSION:  # no tables yet: reads as an empty store
            db.execute(
                "CREATE TEMP TABLE usage (day TEXT, pack TEXT, version TEXT, snippet TEXT, "
                "event TEXT, rank INTEGER, count INTEGER)"
            )
            db.execute(
                "CREATE TEMP TABLE gaps (id INTEGER, day TEXT, language TEXT, "
                "reason TEXT, text TEXT)"
            )
    except BaseException:
        db.close()
        raise
    return db


class _NewerSchema(sqlite3.Error):
    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def _read_only_error(target: Path, exc: sqlite3.Error) -> StatsError:
    if isinstance(exc, _NewerSchema):
        return StatsError(
            f"{target}: the usage store was written by a newer Expander "
            f"(schema {exc.version}); update Expander to read it"
        )
    if _is_damaged(exc):
        return StatsError(
            f"{target}: not a usable usage store ({exc}); move it away and Expander "
            "starts a new one"
        )
    return _CannotOpen(f"{target}: cannot read the usage store: {exc}")


class _CannotOpen(StatsError):
    """The store could not be opened for a reason outside its content (no permission,
    a read-only or full disk): reading it read-only may still work."""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _is_damaged(exc: sqlite3.Error) -> bool:
    """Whether SQLite failed on the file's content (not a database, corrupt), rather
    than on the disk (full, read-only, an I/O error): only then is moving it away the
    remedy; on a full disk that advice would throw away the agent's statistics."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def _make_store_private(target: Path) -> None:
    """The store's folder 0700 and its file 0600 before SQLite opens it, since
    counters and kept e-mails are personal data. SQLite gives the ``-wal`` and
    ``-shm`` files it creates the database file's mode; side files left by an
    older Expander with a wider mode are tightened here."""
    private_dir(target.parent)
    private_file(target)
    for suffix in ("-wal", "-shm", "-journal"):
        make_private(target.with_name(target.name + suffix))


def masked_again(gaps: Iterable[GapEmail]) -> list[GapEmail]:
    """Kept e-mails masked again with today's masker on their way off the machine
    (an export, a report): one kept by an older Expander, whose masker let more
    through (a card with invisible characters between its groups, an address
    written "anna [at] x [dot] pl"), leaves masked as today's are, as learned
    examples do (:meth:`~expander.suggest.learning.LearnedExamples.export`).
    Masking masked text keeps its labels; an e-mail masking empties is left out.
    About 20 ms an e-mail: seconds for the most a store keeps (:data:`MAX_EMAILS`)."""
    again = []
    for gap in gaps:
        text = mask_email(gap.text)
        if text:
            again.append(GapEmail(gap.day, text, gap.language, gap.reason, gap.agent))
    return again


def _gap_text(email: str, keep: bool, order_patterns: Sequence[str]) -> tuple[str, str]:
    """The masked text to keep of an unmatched e-mail and its language, or
    ("", "") without the opt-in; never raises (nothing is kept if masking fails)."""
    if not keep:
        return "", ""
    try:
        text = mask_email(within_limit(email), order_patterns)
        if not text:
            return "", ""
        from expander.email.language import detect_language

        return text, detect_language(text) or ""
    except Exception as exc:  # masking must not break the app either
        log_failure(log, "an e-mail could not be masked; it is not kept", exc)
        return "", ""


def _snippet_of(item: SnippetKey | Offered) -> SnippetKey:
    return item.snippet if isinstance(item, Offered) else item
