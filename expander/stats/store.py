"""Usage statistics and the FAQ-gap report, kept on the agent's machine.

What is recorded, in ``usage.sqlite3`` in the user's data folder:

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

The reports (:func:`summarize`, :func:`cluster_gaps`) work on plain rows, so
one agent's store and the merge of a team's CSV exports give the same report.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from expander.email.privacy import mask_email
from expander.errors import StatsError
from expander.model import Pack, Snippet

if TYPE_CHECKING:
    from expander.engine import Expansion
    from expander.library import Library
    from expander.suggest.ranker import Embedder, Suggestion

__all__ = [
    "CSV_HEADER",
    "EVENTS",
    "MAX_EMAILS",
    "MAX_EMAIL_AGE_DAYS",
    "ExportedStats",
    "GapCluster",
    "GapEmail",
    "PackStats",
    "SnippetStats",
    "StatsError",
    "StatsSummary",
    "UsageRow",
    "UsageStore",
    "cluster_gaps",
    "default_store_path",
    "mask_email",
    "parse_since",
    "read_exports",
    "summarize",
    "write_export",
]

log = logging.getLogger("expander.stats.store")

Event = Literal["expanded", "shown", "accepted", "requested", "unmatched"]
EVENTS: tuple[str, ...] = ("expanded", "shown", "accepted", "requested", "unmatched")
"""What a counter counts: ``expanded`` (an abbreviation typed), ``shown`` (a
snippet offered in the reply picker, at ``rank``), ``accepted`` (chosen there,
at ``rank``); per day only (no pack, no snippet): ``requested`` (the picker
opened on an e-mail) and ``unmatched`` (no suggestion accepted or confident)."""

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


# --- rows -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UsageRow:
    """One counter: how often ``event`` happened to a snippet on a day.

    ``pack``, ``version`` and ``snippet`` are empty for the per-day events
    (``requested``, ``unmatched``); ``rank`` (1 = first) is 0 except for
    ``shown`` and ``accepted``.
    """

    day: str
    pack: str
    version: str
    snippet: str
    event: str
    rank: int
    count: int
    agent: str = ""


@dataclass(frozen=True, slots=True)
class GapEmail:
    """An e-mail (cleaned and masked) that no suggestion answered."""

    day: str
    text: str
    language: str = ""
    reason: str = "none-accepted"
    agent: str = ""


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
    ) -> None:
        self._db = connection
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
    ) -> UsageStore:
        """Open (creating when missing) the store at ``path``, by default
        :func:`default_store_path`; ``":memory:"`` gives a private empty one.

        Raises :class:`StatsError` when the file is not a usable store.
        """
        memory = str(path) == ":memory:"
        target = None if memory else Path(path) if path is not None else default_store_path()
        try:
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(
                ":memory:" if target is None else str(target),
                timeout=2.0,
                isolation_level=None,
                check_same_thread=False,
            )
        except (OSError, sqlite3.Error) as exc:
            raise StatsError(f"{target}: cannot open the usage store: {exc}") from None
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

    def use_library(self, library: Library | Iterable[Pack]) -> None:
        """Remember the loaded packs' versions, recorded with each event (call it
        again after a reload)."""
        from expander.library import Library

        packs = library.packs if isinstance(library, Library) else library
        self.versions = {pack.name: pack.version for pack in packs}

    def expansion_listener(self, library: Callable[[], Library]) -> Callable[[Expansion], None]:
        """A callback for :meth:`Engine.on_expansion <expander.engine.Engine.on_expansion>`
        that records each expansion (``library`` gives the library in effect)."""

        def listener(expansion: Expansion) -> None:
            try:
                snippet = library().find(expansion.snippet_id)
            except Exception:  # a listener must never break typing
                log.exception("usage statistics: the library could not be read")
                return
            if snippet is not None:
                self.record_expansion(snippet)

        return listener

    def record_expansion(self, snippet: Snippet, pack_version: str | None = None) -> None:
        """An abbreviation was typed and expanded to ``snippet``."""
        self._write(lambda db: self._count(db, snippet, "expanded", 0, pack_version))

    def record_suggestions_shown(
        self, suggestions: Sequence[Snippet | Suggestion], *, requested: bool = True
    ) -> None:
        """The reply picker offered these snippets, best first (rank 1, 2, ...);
        ``requested`` also counts one suggestion request."""
        self._write(lambda db: self._count_shown(db, suggestions, requested))

    def record_accepted(
        self, snippet: Snippet | Suggestion, rank: int, pack_version: str | None = None
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
        suggestions: Sequence[Suggestion],
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
        leaving no trace of them in the file; returns how many."""
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
        snippet: Snippet,
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
        self, db: sqlite3.Connection, suggestions: Sequence[Snippet | Suggestion], requested: bool
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
        query = "SELECT day, pack, version, snippet, event, rank, count FROM usage"
        params: tuple[Any, ...] = ()
        if since is not None:
            query += " WHERE day >= ?"
            params = (since.isoformat(),)
        query += " ORDER BY day, pack, snippet, event, rank, version"
        return [UsageRow(*row) for row in self._read(query, params)]

    def gaps(self, since: dt.date | None = None) -> list[GapEmail]:
        """The kept e-mails from ``since`` on (all when None), oldest first."""
        query = "SELECT day, text, language, reason FROM gaps"
        params: tuple[Any, ...] = ()
        if since is not None:
            query += " WHERE day >= ?"
            params = (since.isoformat(),)
        query += " ORDER BY id"
        return [GapEmail(*row) for row in self._read(query, params)]

    def _read(self, query: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        try:
            with self._lock:
                return list(self._db.execute(query, params).fetchall())
        except sqlite3.Error as exc:
            raise StatsError(f"{self.path}: cannot read the usage store: {exc}") from None


def _gap_text(email: str, keep: bool, order_patterns: Sequence[str]) -> tuple[str, str]:
    """The masked text to keep of an unmatched e-mail and its language, or
    ("", "") without the opt-in; never raises (nothing is kept if masking fails)."""
    if not keep:
        return "", ""
    try:
        text = mask_email(email, order_patterns)
        if not text:
            return "", ""
        from expander.email.language import detect_language

        return text, detect_language(text) or ""
    except Exception:  # masking must not break the app either
        log.exception("an e-mail could not be masked; it is not kept")
        return "", ""


def _snippet_of(item: Snippet | Suggestion) -> Snippet:
    return item if isinstance(item, Snippet) else item.snippet


# --- --since --------------------------------------------------------------------------------

_SINCE_RE = re.compile(r"^\s*(\d+)\s*([dwm])\s*$", re.IGNORECASE)


def parse_since(text: str, today: dt.date | None = None) -> dt.date:
    """The first day of a period: ``30d`` (days), ``12w`` (weeks), ``6m`` (30-day
    months) back from ``today`` (the day itself counts), or an ISO date."""
    today = today or dt.date.today()
    m = _SINCE_RE.match(text)
    if m:
        n = int(m.group(1))
        if n < 1:
            raise StatsError(f"--since {text!r}: the period must be at least one day")
        days = n * {"d": 1, "w": 7, "m": 30}[m.group(2).lower()]
        return today - dt.timedelta(days=days - 1)
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise StatsError(
            f"--since {text!r}: expected a period like 30d, 12w or 6m, or a date as YYYY-MM-DD"
        ) from None


# --- the summary -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SnippetStats:
    pack: str
    snippet: str
    title: str
    expanded: int = 0
    shown: int = 0
    accepted: int = 0
    rank_sum: int = 0

    @property
    def uses(self) -> int:
        """Expansions plus accepted suggestions: how often the reply was sent."""
        return self.expanded + self.accepted

    @property
    def mean_rank(self) -> float | None:
        return self.rank_sum / self.accepted if self.accepted else None

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack,
            "snippet": self.snippet,
            "title": self.title,
            "uses": self.uses,
            "expanded": self.expanded,
            "shown": self.shown,
            "accepted": self.accepted,
            "mean_accepted_rank": _round(self.mean_rank),
        }


@dataclass(frozen=True, slots=True)
class PackStats:
    pack: str
    versions: tuple[str, ...]
    expanded: int
    shown: int
    accepted: int
    rank_sum: int
    snippets_used: int
    unused: tuple[str, ...]

    @property
    def acceptance_rate(self) -> float | None:
        """Accepted / shown: how often a suggestion of this pack was chosen when offered."""
        return self.accepted / self.shown if self.shown else None

    @property
    def mean_rank(self) -> float | None:
        return self.rank_sum / self.accepted if self.accepted else None

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack,
            "versions": list(self.versions),
            "expanded": self.expanded,
            "shown": self.shown,
            "accepted": self.accepted,
            "acceptance_rate": _round(self.acceptance_rate, 3),
            "mean_accepted_rank": _round(self.mean_rank),
            "snippets_used": self.snippets_used,
            "unused": list(self.unused),
        }


@dataclass(frozen=True, slots=True)
class StatsSummary:
    """What ``expander stats`` reports, for one agent or a merged team."""

    since: dt.date | None
    first_day: str | None
    last_day: str | None
    agents: tuple[str, ...]
    snippets: tuple[SnippetStats, ...]  # used ones, most used first
    unused: tuple[SnippetStats, ...]  # in the library, never used in the period
    packs: tuple[PackStats, ...]
    requested: int
    accepted: int
    unmatched: int
    rank_sum: int
    days: tuple[tuple[str, int], ...]  # (day, uses) for each day with any use
    library_known: bool = True

    @property
    def acceptance_rate(self) -> float | None:
        """Suggestion requests that ended with a suggested reply chosen."""
        return min(1.0, self.accepted / self.requested) if self.requested else None

    @property
    def mean_rank(self) -> float | None:
        return self.rank_sum / self.accepted if self.accepted else None

    @property
    def expanded(self) -> int:
        return sum(s.expanded for s in self.snippets)

    def to_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "first_day": self.first_day,
            "last_day": self.last_day,
            "agents": list(self.agents),
            "expanded": self.expanded,
            "suggestions": {
                "requested": self.requested,
                "accepted": self.accepted,
                "unmatched": self.unmatched,
                "acceptance_rate": _round(self.acceptance_rate, 3),
                "mean_accepted_rank": _round(self.mean_rank),
            },
            "top_snippets": [s.to_json() for s in self.snippets[:limit]],
            "unused_snippets": (
                [{"pack": s.pack, "snippet": s.snippet, "title": s.title} for s in self.unused]
                if self.library_known
                else None
            ),
            "packs": [p.to_json() for p in self.packs],
            "days": [{"day": d, "uses": n} for d, n in self.days],
        }


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def summarize(
    rows: Iterable[UsageRow],
    library: Library | Iterable[Snippet] | None = None,
    *,
    since: dt.date | None = None,
) -> StatsSummary:
    """Top snippets, unused snippets, acceptance and mean accepted rank, per pack.

    Rows before ``since`` are left out. Unused snippets need the ``library``
    (the snippets in effect); without it ``unused`` is empty and
    ``library_known`` False.
    """
    snippets = list(library) if library is not None else []
    titles = {(s.pack, s.id): s.title for s in snippets}
    counts: dict[tuple[str, str], dict[str, int]] = {}
    versions: dict[str, set[str]] = {}
    per_day: dict[str, int] = {}
    agents: set[str] = set()
    totals = {"requested": 0, "unmatched": 0}
    days_seen: list[str] = []
    for row in rows:
        if since is not None and row.day < since.isoformat():
            continue
        days_seen.append(row.day)
        if row.agent:
            agents.add(row.agent)
        if row.event in totals:
            totals[row.event] += row.count
            continue
        key = (row.pack, row.snippet)
        entry = counts.setdefault(key, {"expanded": 0, "shown": 0, "accepted": 0, "rank_sum": 0})
        entry[row.event] = entry.get(row.event, 0) + row.count
        if row.event == "accepted":
            entry["rank_sum"] += row.rank * row.count
        if row.version:
            versions.setdefault(row.pack, set()).add(row.version)
        if row.event in ("expanded", "accepted"):
            per_day[row.day] = per_day.get(row.day, 0) + row.count

    stats = [
        SnippetStats(
            pack,
            snippet,
            titles.get((pack, snippet), snippet),
            c["expanded"],
            c["shown"],
            c["accepted"],
            c["rank_sum"],
        )
        for (pack, snippet), c in counts.items()
    ]
    used = sorted(
        (s for s in stats if s.uses), key=lambda s: (-s.uses, -s.shown, s.pack, s.snippet)
    )
    offered_only = sorted(
        (s for s in stats if not s.uses), key=lambda s: (-s.shown, s.pack, s.snippet)
    )
    used_keys = {(s.pack, s.snippet) for s in used}
    offered = {(s.pack, s.snippet): s for s in offered_only}
    unused = [
        offered.get((s.pack, s.id), SnippetStats(s.pack, s.id, s.title))
        for s in snippets
        if (s.pack, s.id) not in used_keys
    ]
    unused.sort(key=lambda s: (s.pack, s.snippet))
    pack_names = sorted({s.pack for s in stats} | {s.pack for s in snippets})
    packs = []
    for name in pack_names:
        mine = [s for s in stats if s.pack == name]
        packs.append(
            PackStats(
                pack=name,
                versions=tuple(sorted(versions.get(name, ()), key=_version_key)),
                expanded=sum(s.expanded for s in mine),
                shown=sum(s.shown for s in mine),
                accepted=sum(s.accepted for s in mine),
                rank_sum=sum(s.rank_sum for s in mine),
                snippets_used=sum(1 for s in mine if s.uses),
                unused=tuple(s.snippet for s in unused if s.pack == name),
            )
        )
    packs.sort(key=lambda p: (-(p.expanded + p.accepted), p.pack))
    return StatsSummary(
        since=since,
        first_day=min(days_seen) if days_seen else None,
        last_day=max(days_seen) if days_seen else None,
        agents=tuple(sorted(agents)),
        snippets=tuple(used),
        unused=tuple(unused),
        packs=tuple(packs),
        requested=totals["requested"],
        accepted=sum(s.accepted for s in stats),
        unmatched=totals["unmatched"],
        rank_sum=sum(s.rank_sum for s in stats),
        days=tuple(sorted(per_day.items())),
        library_known=library is not None,
    )


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"[.+-]", version))


# --- gap clustering -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GapCluster:
    """Similar unmatched e-mails: one FAQ entry to write.

    ``example`` is the medoid (the e-mail most similar to the rest); ``count``
    counts every e-mail, repeats included; ``languages`` maps a language to
    how many of them are in it.
    """

    example: str
    count: int
    members: tuple[str, ...]
    languages: Mapping[str, int] = field(default_factory=dict)
    first_day: str = ""
    last_day: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "example": self.example,
            "languages": dict(self.languages),
            "first_day": self.first_day,
            "last_day": self.last_day,
            "others": [m for m in self.members if m != self.example],
        }


SIMILARITY_THRESHOLD = 0.3
"""Average-link similarity above which two groups of e-mails are one question
(blend of the multilingual embedding and lexical TF-IDF, as the suggester's)."""
LEXICAL_THRESHOLD = 0.25
"""The same with the lexical similarity only (no embedding model installed)."""


def _lexical_matrix(texts: Sequence[str], languages: Sequence[str | None]) -> Any:
    """Cosine similarities of TF-IDF vectors: word stems and bigrams, and
    character 3-5-grams (typos, Polish without diacritics), half each."""
    import math

    import numpy as np

    from expander.suggest.ranker import char_features, word_features

    n = len(texts)
    total = np.zeros((n, n), dtype=np.float64)
    for featurize in (word_features, char_features):
        counts = []
        df: dict[str, int] = {}
        for text, language in zip(texts, languages, strict=True):
            c: dict[str, int] = {}
            for f in featurize(text, language):
                c[f] = c.get(f, 0) + 1
            counts.append(c)
            for f in c:
                df[f] = df.get(f, 0) + 1
        vocab = {f: i for i, f in enumerate(df)}
        postings: list[list[tuple[int, float]]] = [[] for _ in vocab]
        rows: list[dict[int, float]] = []
        for doc, c in enumerate(counts):
            vec = {
                vocab[f]: (1 + math.log(k)) * (math.log((n + 1) / (df[f] + 1)) + 1)
                for f, k in c.items()
            }
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            vec = {fid: v / norm for fid, v in vec.items()}
            rows.append(vec)
            for fid, v in vec.items():
                postings[fid].append((doc, v))
        post_idx = [np.asarray([d for d, _ in p], dtype=np.int64) for p in postings]
        post_val = [np.asarray([v for _, v in p], dtype=np.float64) for p in postings]
        for doc, vec in enumerate(rows):
            if not vec:
                continue
            idx = np.concatenate([post_idx[fid] for fid in vec])
            val = np.concatenate([post_val[fid] * w for fid, w in vec.items()])
            total[doc] += 0.5 * np.bincount(idx, weights=val, minlength=n)
    return total


def _similarity(
    texts: Sequence[str], languages: Sequence[str | None], embedder: Embedder | None
) -> tuple[Any, float]:
    import numpy as np

    lexical = _lexical_matrix(texts, languages)
    if embedder is None:
        return lexical, LEXICAL_THRESHOLD
    vectors = np.asarray(embedder.encode(list(texts)), dtype=np.float64)
    semantic = np.clip(vectors @ vectors.T, 0, 1)
    return (2 / 3) * semantic + (1 / 3) * lexical, SIMILARITY_THRESHOLD


def cluster_gaps(
    gaps: Iterable[GapEmail | str],
    *,
    threshold: float | None = None,
    embedder: Embedder | None | str = "default",
) -> list[GapCluster]:
    """Group the unmatched e-mails into questions, largest group first.

    Similarity is the suggester's: the multilingual sentence embedding (when
    installed) blended with lexical TF-IDF, so the same question asked in other
    words (or another language) falls in one group. Groups are merged by
    average link while their similarity is at least ``threshold``; each group's
    example is its medoid. Identical texts count once each time they occur.
    """
    import numpy as np

    items = [g if isinstance(g, GapEmail) else GapEmail("", g) for g in gaps]
    items = [g for g in items if g.text.strip()]
    if not items:
        return []
    unique: dict[str, list[GapEmail]] = {}
    for g in items:
        unique.setdefault(g.text, []).append(g)
    texts = list(unique)
    weights = np.asarray([len(unique[t]) for t in texts], dtype=np.float64)
    languages = [next((g.language for g in unique[t] if g.language), None) for t in texts]
    if embedder == "default":
        from expander.suggest.ranker import default_embedder

        model = default_embedder()
    else:
        model = embedder  # type: ignore[assignment]
    sim, default_threshold = _similarity(texts, languages, model)
    limit = default_threshold if threshold is None else threshold
    groups = _average_link(sim, limit)
    clusters: list[GapCluster] = []
    for members in groups:
        sub = sim[np.ix_(members, members)]
        w = weights[members]
        medoid = members[int(np.argmax(sub @ w))]
        emails = [g for m in members for g in unique[texts[m]]]
        language_counts: dict[str, int] = {}
        for g in emails:
            key = g.language or "?"
            language_counts[key] = language_counts.get(key, 0) + 1
        days = sorted(g.day for g in emails if g.day)
        ordered = sorted(members, key=lambda m: (-float(sim[medoid, m]), texts[m]))
        clusters.append(
            GapCluster(
                example=texts[medoid],
                count=len(emails),
                members=tuple(texts[m] for m in ordered),
                languages=dict(sorted(language_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
                first_day=days[0] if days else "",
                last_day=days[-1] if days else "",
            )
        )
    clusters.sort(key=lambda c: (-c.count, c.example))
    return clusters


def _average_link(sim: Any, threshold: float) -> list[list[int]]:
    """Agglomerative clustering, average link, stopping below ``threshold``.

    Keeps each row's best partner, so a merge costs O(n) plus the rows whose
    best partner was one of the merged groups: about O(n²) in all.
    """
    import numpy as np

    n = sim.shape[0]
    sizes = np.ones(n)
    sums = sim.astype(np.float64).copy()  # sum of pair similarities between groups
    average = sums.copy()
    np.fill_diagonal(average, -np.inf)
    best = average.max(axis=1) if n else np.zeros(0)
    partner = average.argmax(axis=1) if n else np.zeros(0, dtype=np.int64)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    active = np.ones(n, dtype=bool)
    while len(members) > 1:
        i = int(np.argmax(best))
        if best[i] < threshold:
            break
        j = int(partner[i])
        i, j = min(i, j), max(i, j)
        sums[i, :] += sums[j, :]
        sums[:, i] = sums[i, :]
        sizes[i] += sizes[j]
        members[i] += members.pop(j)
        active[j] = False
        row = np.where(active, sums[i, :] / (sizes[i] * sizes), -np.inf)
        row[i] = -np.inf
        average[i, :] = row
        average[:, i] = row
        average[j, :] = -np.inf
        average[:, j] = -np.inf
        best[j] = -np.inf
        stale = np.flatnonzero((partner == i) | (partner == j))
        for k in (i, *stale.tolist()):
            if k != j:
                partner[k] = int(np.argmax(average[k]))
                best[k] = average[k, partner[k]]
        better = average[:, i] > best
        best[better] = average[better, i]
        partner[better] = i
    return [sorted(m) for m in members.values()]


# --- CSV export and merge ----------------------------------------------------------------------

CSV_HEADER = (
    "record", "day", "agent", "pack", "version", "snippet", "event", "rank", "count",
    "language", "text",
)  # fmt: skip
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class ExportedStats:
    """The rows and kept e-mails read from one or more CSV exports."""

    rows: tuple[UsageRow, ...]
    gaps: tuple[GapEmail, ...]
    files: tuple[Path, ...] = ()

    @property
    def agents(self) -> tuple[str, ...]:
        agents = {r.agent for r in self.rows} | {g.agent for g in self.gaps}
        return tuple(sorted(a for a in agents if a))

    def summed(self) -> list[UsageRow]:
        """The counters summed across agents (the agent kept where only one counted)."""
        return _sum_rows(self.rows)


def write_export(
    target: Path,
    rows: Iterable[UsageRow],
    gaps: Iterable[GapEmail] = (),
    *,
    agent: str = "",
) -> tuple[int, int]:
    """Write counters (and kept, masked e-mails) as CSV for the manager to merge,
    atomically. Returns (counter rows, e-mails) written."""
    import io

    from expander.fsutil import atomic_write_bytes

    buffer = io.StringIO()
    writer = csv.writer(buffer)  # "\r\n" ends a row: a lone \r or \n in a field is quoted
    writer.writerow(CSV_HEADER)
    n_rows = n_gaps = 0
    for r in rows:
        writer.writerow(
            ["usage", r.day, agent or r.agent, r.pack, r.version, r.snippet, r.event,
             r.rank, r.count, "", ""]
        )  # fmt: skip
        n_rows += 1
    for g in gaps:
        writer.writerow(
            ["gap", g.day, agent or g.agent, "", "", "", g.reason, 0, 1, g.language, g.text]
        )
        n_gaps += 1
    atomic_write_bytes(target, buffer.getvalue().encode("utf-8"))
    return n_rows, n_gaps


def read_exports(paths: Sequence[Path]) -> ExportedStats:
    """Read agents' CSV exports, for :func:`summarize` (which sums the counters
    across agents; :meth:`ExportedStats.summed` does it alone).

    Raises :class:`StatsError` as ``file:line: what is wrong`` for a file that
    is not an export, a malformed row, or the same agent's counter twice (one
    export given twice).
    """
    rows: list[UsageRow] = []
    gaps: list[GapEmail] = []
    seen: dict[tuple[str, ...], str] = {}
    for path in paths:
        for line, record in _read_csv(path):
            where = f"{path}:{line}"
            if isinstance(record, GapEmail):
                gaps.append(record)
                continue
            key = (record.agent, record.day, record.pack, record.version, record.snippet,
                   record.event, str(record.rank))  # fmt: skip
            if key in seen:
                raise StatsError(
                    f"{where}: this counter is already in {seen[key]} (agent "
                    f"{record.agent or '(none)'}, {record.day}, {record.event}): "
                    "was one export given twice?"
                )
            seen[key] = where
            rows.append(record)
    return ExportedStats(tuple(rows), tuple(gaps), tuple(paths))


def _sum_rows(rows: Iterable[UsageRow]) -> list[UsageRow]:
    """Counters summed across agents (the agent kept when only one)."""
    summed: dict[tuple[str, str, str, str, str, int], list[Any]] = {}
    for r in rows:
        key = (r.day, r.pack, r.version, r.snippet, r.event, r.rank)
        entry = summed.setdefault(key, [0, set()])
        entry[0] += r.count
        entry[1].add(r.agent)
    result = []
    for (day, pack, version, snippet, event, rank), (count, agents) in sorted(summed.items()):
        agent = next(iter(agents)) if len(agents) == 1 else ""
        result.append(UsageRow(day, pack, version, snippet, event, rank, count, agent))
    return result


def _read_csv(path: Path) -> Iterator[tuple[int, UsageRow | GapEmail]]:
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise StatsError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None or tuple(h.strip() for h in header) != CSV_HEADER:
                raise StatsError(
                    f"{path}:1: not an Expander stats export: the first line must be "
                    f"{','.join(CSV_HEADER)} (make one with: expander stats export -o FILE)"
                )
            for values in reader:
                line = reader.line_num
                if not values or values == [""]:
                    continue
                yield line, _parse_record(f"{path}:{line}", values)
        except UnicodeDecodeError:
            raise StatsError(f"{path}: not UTF-8 text: not an Expander stats export") from None
        except csv.Error as exc:
            raise StatsError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from None


def _parse_record(where: str, values: list[str]) -> UsageRow | GapEmail:
    if len(values) != len(CSV_HEADER):
        raise StatsError(f"{where}: expected {len(CSV_HEADER)} fields, found {len(values)}")
    record, day, agent, pack, version, snippet, event, rank_text, count_text, language, text = (
        values
    )
    if not _DAY_RE.match(day):
        raise StatsError(f"{where}: day {day!r} is not a date as YYYY-MM-DD")
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        raise StatsError(f"{where}: day {day!r} is not a date as YYYY-MM-DD") from None
    if record == "gap":
        if not text.strip():
            raise StatsError(f"{where}: a gap record without text")
        return GapEmail(day, text, language, event or "none-accepted", agent)
    if record != "usage":
        raise StatsError(f"{where}: record {record!r} is neither 'usage' nor 'gap'")
    if event not in EVENTS:
        raise StatsError(f"{where}: event {event!r} is not one of {', '.join(EVENTS)}")
    try:
        rank = int(rank_text)
        count = int(count_text)
    except ValueError:
        raise StatsError(f"{where}: rank and count must be whole numbers") from None
    if rank < 0 or count < 1:
        raise StatsError(f"{where}: rank must be 0 or more and count 1 or more")
    if event in ("expanded", "shown", "accepted") and not (pack and snippet):
        raise StatsError(f"{where}: a {event!r} counter needs a pack and a snippet")
    return UsageRow(day, pack, version, snippet, event, rank, count, agent)
