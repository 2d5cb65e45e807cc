"""Team statistics: each agent exports counters (and kept, masked e-mails) as
CSV; the manager merges the exports into one report.

A counter is one ``usage`` line, a kept e-mail one ``gap`` line, under the
fixed :data:`CSV_HEADER`. Reading checks every line and names the file and
line of the first wrong one. A cell a spreadsheet would run as a formula (it
starts with ``=``, ``+``, ``-``, ``@``, a tab or CR: an e-mail's text can) is
written with a leading ``'`` and read back as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from expander.errors import StatsError
from expander.stats.rows import EVENTS, GapEmail, UsageRow

__all__ = ["CSV_HEADER", "ExportedStats", "read_exports", "write_export"]

CSV_HEADER = (
    "record", "day", "agent", "pack", "version", "snippet", "event", "rank", "count",
    "language", "text",
)  # fmt: skip
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV
# injection"); the quote itself is escaped too, so reading undoes exactly one.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


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
        _write_row(writer,
            ["usage", r.day, agent or r.agent, r.pack, r.version, r.snippet, r.event,
             r.rank, r.count, "", ""]
        )  # fmt: skip
        n_rows += 1
    for g in gaps:
        _write_row(
            writer, ["gap", g.day, agent or g.agent, "", "", "", g.reason, 0, 1, g.language, g.text]
        )
        n_gaps += 1
    atomic_write_bytes(target, buffer.getvalue().encode("utf-8"))
    return n_rows, n_gaps


def _write_row(writer: Any, values: Sequence[str | int]) -> None:
    """One CSV line, each text cell that a spreadsheet would run as a formula
    prefixed with ``'`` (undone by :func:`_unescape` on reading)."""
    writer.writerow(
        [f"'{v}" if isinstance(v, str) and v.startswith(_FORMULA_START) else v for v in values]
    )


def _unescape(cell: str) -> str:
    """A cell as it was before :func:`_write_row` protected it."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_START) else cell


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
    """Each non-empty line of one export with its line number; raises
    :class:`StatsError` as ``file:line: what is wrong`` for anything else."""
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
                yield line, _parse_record(f"{path}:{line}", [_unescape(v) for v in values])
        except UnicodeDecodeError:
            raise StatsError(f"{path}: not UTF-8 text: not an Expander stats export") from None
        except csv.Error as exc:
            raise StatsError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from None


def _parse_record(where: str, values: list[str]) -> UsageRow | GapEmail:
    """One CSV line as a counter or a kept e-mail, every field checked."""
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
