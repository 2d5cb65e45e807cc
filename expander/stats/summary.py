"""What ``expander stats`` reports: per snippet and per pack, from plain counter rows.

Top snippets, snippets never used, how often a suggestion was accepted and at
which rank, and the ``--since`` period. Works on :class:`UsageRow` rows, so
one agent's store and a team's merged exports summarize alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from expander.errors import StatsError
from expander.model import Snippet
from expander.stats.rows import UsageRow

__all__ = ["PackStats", "SnippetStats", "StatsSummary", "parse_since", "summarize"]

_SINCE_RE = re.compile(r"^\s*(\d+)\s*([dwm])\s*$", re.IGNORECASE)


def parse_since(text: str, today: dt.date | None = None) -> dt.date:
    """The first day of a period: ``30d`` (days), ``12w`` (weeks), ``6m`` (30-day
    months) back from ``today`` (the day itself counts), or an ISO date; a day after
    ``today`` is a :class:`StatsError` (a typo, which would otherwise read as "no usage")."""
    today = today or dt.date.today()
    m = _SINCE_RE.match(text)
    if m:
        n = int(m.group(1))
        if n < 1:
            raise StatsError(f"--since {text!r}: the period must be at least one day")
        days = n * {"d": 1, "w": 7, "m": 30}[m.group(2).lower()]
        if days - 1 > (today - dt.date.min).days:  # date would overflow
            raise StatsError(f"--since {text!r}: the period reaches back before the year 1")
        return today - dt.timedelta(days=days - 1)
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise StatsError(
            f"--since {text!r}: expected a period like 30d, 12w or 6m, or a date as YYYY-MM-DD"
        ) from None
    if day > today:
        raise StatsError(
            f"--since {text!r} is in the future (today is {today.isoformat()}): "
            "nothing can be recorded from then yet"
        )
    return day


# --- the summary -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SnippetStats:
    """One snippet's counters in the period (``rank_sum`` adds the ranks it was accepted at)."""

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
        return _mean_rank(self.rank_sum, self.accepted)

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
    """One pack's counters in the period: the sums of its snippets', the
    versions seen, and the ids of its snippets nobody used."""

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
        return _mean_rank(self.rank_sum, self.accepted)

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
        return _mean_rank(self.rank_sum, self.accepted)

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


def _mean_rank(rank_sum: int, accepted: int) -> float | None:
    """The mean rank (1 = first) a suggestion was accepted at; None when none was."""
    return rank_sum / accepted if accepted else None


def summarize(
    rows: Iterable[UsageRow],
    library: Iterable[Snippet] | None = None,
    *,
    since: dt.date | None = None,
) -> StatsSummary:
    """Top snippets, unused snippets, acceptance and mean accepted rank, per pack.

    Rows before ``since`` are left out. Unused snippets need the ``library``
    (the snippets in effect: a ``Library`` is one); without it ``unused`` is
    empty and ``library_known`` False.
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
