"""``expander stats ...``: usage statistics and the FAQ-gap report from the command line.

A thin layer over :mod:`expander.stats.store` (and :mod:`expander.stats.report` for
the HTML page), added to the main parser by :func:`add_stats_commands`. Like
the rest of the CLI it prints, and raises :class:`~expander.errors.ExpanderError`
for :func:`~expander.cli.common.run_command` to turn into ``Error: ...`` and
exit code 1.

The commands on this machine's store honour the privacy settings of the user's
settings file exactly as the app does (:func:`_privacy`): without "help improve
our FAQ" no kept e-mail is shown or exported, and those kept before are deleted.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from expander.cli.common import (
    EXIT_OK,
    SubParsers,
    add_command,
    add_json_option,
    add_library_options,
    load_library,
    positive_int,
    print_json,
    warn,
)
from expander.errors import ExpanderError

if TYPE_CHECKING:
    from expander.desktop.settings import StatisticsSettings
    from expander.stats import GapCluster, GapEmail, StatsSummary, UsageRow

# expander.stats (SQLite, csv, the report) is imported by the commands that use it,
# not by every expander command (expander suggest loads this module too)

__all__ = ["add_stats_commands"]

SINCE_HELP = "only from this day on: a period back from today (30d, 7d, 12w, 6m) or YYYY-MM-DD"
OPT_IN = "'help improve our FAQ' in the settings"


# --- helpers ------------------------------------------------------------------------------


def _since(args: argparse.Namespace) -> dt.date | None:
    from expander.stats import parse_since

    text = getattr(args, "since", None)
    return parse_since(text) if text else None


def _privacy() -> StatisticsSettings:
    """The statistics settings of the user's settings file, read as the app reads
    them (a problem in the file is printed, its setting at the default). With
    statistics off, says that nothing new is recorded, as the app's report does."""
    from expander.desktop.settings import load_settings
    from expander.paths import user_paths

    settings, problems = load_settings()
    for problem in problems:
        warn(f"Note: {problem}")
    if not settings.statistics.enabled:
        warn(
            "Note: usage statistics are off ([statistics] enabled = false in "
            f"{user_paths().settings_file}): nothing new is recorded."
        )
    return settings.statistics


def _recorded(
    since: dt.date | None, privacy: StatisticsSettings
) -> tuple[list[UsageRow], list[GapEmail]]:
    """This machine's counters and kept e-mails; nothing when none was recorded yet.

    Without the FAQ opt-in no e-mail is returned and those kept before are deleted
    from the store, as the app does when it starts or its settings change: an
    agent who opted out never sees them again, whichever runs first.

    The store is read without writing (a home on a read-only mount, or made
    read-only, is still reported); only deleting e-mails kept before the opt-out
    writes, and a store that cannot be written is then named in a note.
    """
    from expander.stats import UsageStore, default_store_path

    path = default_store_path()
    if not path.exists():
        return [], []
    with UsageStore.open_to_read(path) as store:
        rows = store.rows(since)
        if privacy.help_improve_faq:
            return rows, store.gaps(since)
        kept = bool(store.gaps())
    if kept:
        _forget_emails(path)
    return rows, []


def _forget_emails(path: Path) -> None:
    """Delete the e-mails kept before the FAQ opt-out was switched off; a store that
    cannot be written is named in a note (they are shown nowhere meanwhile)."""
    from expander.stats import UsageStore

    try:
        with UsageStore.open(path) as store:
            store.forget_emails()
            left = bool(store.gaps())
    except ExpanderError:
        left = True
    if left:
        warn(
            "Note: the e-mails kept before 'help improve our FAQ' was switched off in the "
            f"settings could not be deleted "
            f"from {path}: it cannot be written. They are not shown or exported, and are "
            "deleted when it can be written."
        )


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _rank(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _period(summary: StatsSummary) -> str:
    span = f"{summary.first_day} to {summary.last_day}" if summary.first_day else "nothing recorded"
    return f"since {summary.since.isoformat()} ({span})" if summary.since else span


def _print_summary(summary: StatsSummary, limit: int) -> None:
    agents = f", {len(summary.agents)} agent(s)" if summary.agents else ""
    print(f"Usage {_period(summary)}{agents}")
    total = summary.expanded + summary.accepted
    print(
        f"Replies sent: {total} ({summary.expanded} typed by abbreviation, "
        f"{summary.accepted} chosen from suggestions)"
    )
    print(
        f"Suggestions: {summary.accepted} of {summary.requested} e-mail(s) answered from a "
        f"suggestion ({_percent(summary.acceptance_rate)}), mean accepted rank "
        f"{_rank(summary.mean_rank)}; {summary.unmatched} without a good reply"
    )
    print()
    if summary.snippets:
        print("Top snippets:")
        print("  Uses  Typed  Chosen  Shown  Snippet")
        for s in summary.snippets[:limit]:
            print(
                f"  {s.uses:4}  {s.expanded:5}  {s.accepted:6}  {s.shown:5}  "
                f"{s.pack}:{s.snippet}  {s.title}"
            )
        hidden = len(summary.snippets) - limit
        if hidden > 0:
            print(f"  ... and {hidden} more (--limit N shows more)")
    else:
        print("Top snippets: none used in this period.")
    print()
    if summary.packs:
        print("Per pack:")
        for p in summary.packs:
            versions = " " + ", ".join(p.versions) if p.versions else ""
            print(
                f"  {p.pack}{versions}: {p.expanded + p.accepted} use(s); suggestions accepted "
                f"{p.accepted} of {p.shown} shown ({_percent(p.acceptance_rate)}), mean rank "
                f"{_rank(p.mean_rank)}; {p.snippets_used} snippet(s) used, {len(p.unused)} unused"
            )
        print()
    if not summary.library_known:
        return
    if summary.unused:
        print("Unused snippets (candidates for removal):")
        for p in summary.packs:
            mine = [s for s in summary.unused if s.pack == p.pack]
            for s in mine[:limit]:
                shown = f" (shown {s.shown} time(s), never chosen)" if s.shown else ""
                print(f"  {s.pack}:{s.snippet}  {s.title}{shown}")
            if len(mine) > limit:
                print(f"  ... and {len(mine) - limit} more in {p.pack} (--json lists all)")
    else:
        print("Unused snippets: none.")


def _print_gaps(clusters: Sequence[GapCluster], limit: int | None) -> None:
    emails = sum(c.count for c in clusters)
    print(
        f"{len(clusters)} question(s) from {emails} e-mail(s) without a good reply, largest first:"
    )
    for c in clusters[:limit]:
        languages = ", ".join(f"{lang} {n}" for lang, n in c.languages.items())
        print(f"  {c.count:4}  {c.example}")
        if languages:
            print(f"        ({languages})")
    hidden = len(clusters) - (limit or len(clusters))
    if hidden > 0:
        print(f"  ... and {hidden} more (--limit N shows more)")


def _no_gaps_message() -> str:
    return (
        "No e-mail without a good reply was kept. E-mails are kept (masked) only when "
        f"{OPT_IN} is on."
    )


@contextlib.contextmanager
def _writing(name: str, example: str) -> Iterator[Path]:
    """The file ``-o name`` asks for, checked before anything is computed, and a
    failure to write it named as that file (not the temp file written first).

    A manager expects a typo in the folder to be an error, not a new folder tree.
    """
    target = Path(name)
    if target.is_dir():
        raise ExpanderError(f"{name} is a folder: give a file name, e.g. -o {target / example}")
    folder = target.parent
    if not folder.is_dir():
        raise ExpanderError(
            f"cannot write {name}: the folder {folder} does not exist (create it first)"
        )
    try:
        yield target
    except OSError as exc:
        raise ExpanderError(f"cannot write {name}: {exc.strerror or exc}") from None


def _write_report(
    target: Path,
    summary: StatsSummary,
    clusters: Sequence[GapCluster],
    *,
    title: str,
    limit: int,
    emails_kept: bool,
) -> None:
    from expander.fsutil import atomic_write_bytes
    from expander.stats.report import render_report

    page = render_report(summary, clusters, title=title, limit=limit, emails_kept=emails_kept)
    atomic_write_bytes(target, page.encode("utf-8"))


# --- commands -------------------------------------------------------------------------------


def cmd_summary(args: argparse.Namespace) -> int:
    from expander.stats import default_store_path, summarize

    since = _since(args)
    rows, _ = _recorded(since, _privacy())
    summary = summarize(rows, load_library(args), since=since)
    if args.json:
        print_json(summary.to_json(args.limit))
    else:
        if not rows:
            print(f"No usage recorded yet in {default_store_path()}.")
            print("The app records it as you expand snippets and use suggestions.\n")
        _print_summary(summary, args.limit)
    return EXIT_OK


def cmd_gaps(args: argparse.Namespace) -> int:
    from expander.stats import cluster_gaps, masked_again

    since = _since(args)
    _, gaps = _recorded(since, _privacy())
    clusters = cluster_gaps(masked_again(gaps))  # an older Expander masked less
    if args.json:
        print_json([c.to_json() for c in clusters[: args.limit]])
    elif not clusters:
        print(_no_gaps_message())
    else:
        _print_gaps(clusters, args.limit)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the whole report (numbers, bar charts, the FAQ gaps, unused snippets) as one
    self-contained HTML page for a manager: no external files, opens offline in any
    browser."""
    from expander.stats import cluster_gaps, masked_again, summarize

    since = _since(args)
    privacy = _privacy()
    rows, gaps = _recorded(since, privacy)
    gaps = masked_again(gaps)  # the page leaves the machine
    summary = summarize(rows, load_library(args), since=since)
    with _writing(args.output, "usage-report.html") as target:
        _write_report(
            target,
            summary,
            cluster_gaps(gaps),
            title=args.title,
            limit=args.limit,
            emails_kept=privacy.help_improve_faq and (bool(gaps) or not summary.unmatched),
        )
    print(f"Wrote the usage report to {args.output}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Export the counters (per day, pack, version, snippet) and the kept masked e-mails as
    CSV, for the manager to merge with the team's: expander stats merge a.csv b.csv."""
    from expander.stats import masked_again, write_export

    since = _since(args)
    rows, gaps = _recorded(since, _privacy())
    gaps = [] if args.no_emails else masked_again(gaps)
    agent = args.agent if args.agent is not None else _login()
    with _writing(args.output, "usage.csv") as target:
        n_rows, n_gaps = write_export(target, rows, gaps, agent=agent)
    who = f" for agent {agent!r}" if agent else ""
    print(f"Exported {n_rows} counter row(s) and {n_gaps} masked e-mail(s){who} to {args.output}")
    print("Your manager merges the team's exports with: expander stats merge FILE.csv ...")
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge agents' CSV exports (expander stats export): counters are summed across agents
    and reported like 'expander stats', with the FAQ gaps of everyone's e-mails; -o also
    writes the HTML report."""
    from expander.stats import cluster_gaps, masked_again, read_exports, summarize

    since = _since(args)
    merged = read_exports([Path(f) for f in args.files])
    rows = [r for r in merged.rows if since is None or r.day >= since.isoformat()]
    # masked again: an agent's older Expander may have masked less
    gaps = masked_again(g for g in merged.gaps if since is None or g.day >= since.isoformat())
    summary = summarize(rows, load_library(args), since=since)
    clusters = cluster_gaps(gaps)
    if args.output:
        with _writing(args.output, "team-report.html") as target:
            _write_report(
                target,
                summary,
                clusters,
                title=args.title,
                limit=args.limit,
                emails_kept=bool(gaps) or not summary.unmatched,
            )
    if args.json:
        data = summary.to_json(args.limit)
        data["files"] = [str(f) for f in merged.files]
        data["gaps"] = [c.to_json() for c in clusters]
        print_json(data)
    else:
        print(f"Merged {len(merged.files)} export(s).")
        _print_summary(summary, args.limit)
        print()
        if clusters:
            _print_gaps(clusters, args.limit)
        else:
            print("No e-mail without a good reply in these exports.")
    if args.output:
        print(f"Wrote the usage report to {args.output}", file=sys.stderr if args.json else None)
    return EXIT_OK


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


# --- the parser ------------------------------------------------------------------------------


def _add_since(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", metavar="PERIOD", help=SINCE_HELP)


def _add_common(parser: argparse.ArgumentParser) -> None:
    """``--since``, ``--json`` and ``--limit``: the options of every printed report."""
    _add_since(parser)
    add_json_option(parser)
    parser.add_argument(
        "--limit", type=positive_int, default=10, metavar="N", help="show the first N (default 10)"
    )


def add_stats_commands(commands: SubParsers) -> argparse.ArgumentParser:
    """Add ``expander stats ...`` to the main parser's subcommands; returns its parser.

    ``expander stats`` alone prints the summary; its options count for it alone.
    """
    stats = add_command(
        commands,
        "stats",
        cmd_summary,
        help="usage statistics and the FAQ-gap report",
        description=(
            "Usage statistics recorded on this machine: the most used snippets, the unused "
            "ones (candidates for removal), and how often suggestions are accepted and at "
            "which rank, per pack. Nothing typed and no reply sent is ever recorded; "
            f"customer e-mails only with {OPT_IN}, masked."
        ),
        epilog=(
            "Without COMMAND it prints the summary. "
            "Run 'expander stats COMMAND --help' for the options of a command."
        ),
    )
    _add_common(stats)
    add_library_options(stats)
    sub = stats.add_subparsers(dest="stats_command", metavar="COMMAND")

    p = add_command(
        sub,
        "gaps",
        cmd_gaps,
        help="the questions no snippet answers yet, grouped",
        description=(
            "The kept e-mails no suggestion answered, grouped into questions (the same "
            "question asked in other words or another language falls in one group), largest "
            "first, each with an example and a count: the FAQ entries to write next. "
            f"Needs {OPT_IN}."
        ),
    )
    _add_common(p)

    p = add_command(sub, "report", cmd_report, help="write the report as one HTML page")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the .html file to write")
    _add_since(p)
    p.add_argument(
        "--limit", type=positive_int, default=15, metavar="N", help="bars per chart (default 15)"
    )
    p.add_argument("--title", default="Expander usage report", help="the page's title")
    add_library_options(p)

    p = add_command(
        sub, "export", cmd_export, help="export this machine's statistics as CSV for the manager"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the .csv file to write")
    _add_since(p)
    p.add_argument(
        "--agent",
        metavar="NAME",
        default=None,
        help="the name to export under (default: your login name; '' for none)",
    )
    p.add_argument("--no-emails", action="store_true", help="leave out the kept e-mails")

    p = add_command(sub, "merge", cmd_merge, help="merge agents' CSV exports into one team report")
    p.add_argument("files", nargs="+", metavar="FILE.csv", help="the agents' exports")
    _add_common(p)
    p.add_argument("-o", "--output", metavar="FILE", help="also write the HTML report here")
    p.add_argument("--title", default="Expander team usage report", help="the report's title")
    add_library_options(p)
    return stats
