"""The usage report as one self-contained HTML page, for a manager who never opens a terminal.

No script, no external asset (fonts, styles, images): the bar charts are inline
SVG, the styles inline CSS, so the file can be mailed, attached to a ticket or
opened offline. Every text from the data (snippet titles, the masked e-mails)
is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from expander.stats.gaps import GapCluster, cluster_gaps
from expander.stats.store import UsageStore, default_store_path, masked_again
from expander.stats.summary import StatsSummary, summarize

if TYPE_CHECKING:
    from expander.model import Snippet

__all__ = ["render_report", "write_report"]

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       margin: 0 auto; max-width: 960px; padding: 24px; color: #1f2933; background: #fff; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #d9e2ec; padding-bottom: 4px; }
p.meta, p.note { color: #52606d; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid #d9e2ec; border-radius: 6px; padding: 10px 14px; min-width: 140px; }
.card .value { font-size: 1.5em; font-weight: 600; }
.card .label { color: #52606d; font-size: 0.9em; }
svg.chart { width: 100%; height: auto; display: block; margin: 8px 0 4px; }
svg.chart text { font-size: 12px; fill: #1f2933; }
svg.chart text.value { fill: #52606d; }
.legend span { display: inline-block; margin-right: 16px; font-size: 0.9em; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
            vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.95em; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e4e7eb;
         vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.name { white-space: nowrap; }
blockquote { margin: 0; color: #323f4b; }
.also { color: #7b8794; font-size: 0.9em; margin-top: 2px; }
"""

_TYPED = "#2f80ed"
_ACCEPTED = "#27ae60"
_RATE = "#9b51e0"
_GAP = "#eb5757"
_DAY = "#2f80ed"


@dataclass(frozen=True, slots=True)
class _Bar:
    label: str
    segments: tuple[tuple[float, str, str], ...]  # (value, colour, what)
    note: str = ""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _hbar_chart(
    name: str, title: str, bars: Sequence[_Bar], *, maximum: float | None = None
) -> str:
    """A horizontal bar chart: a label column, bars scaled to the largest total."""
    width, label_w, value_w, row_h, top = 760, 280, 110, 26, 8
    plot_w = width - label_w - value_w
    top_value = maximum or max((sum(v for v, _, _ in b.segments) for b in bars), default=0) or 1
    height = top + row_h * len(bars) + 8
    parts = [
        f'<svg class="chart" data-chart="{_e(name)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_e(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_e(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = top + i * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end">'
            f"<title>{_e(bar.label)}</title>{_e(_short(bar.label, 38))}</text>"
        )
        x = float(label_w)
        for value, colour, what in bar.segments:
            w = plot_w * value / top_value
            if w <= 0:
                continue
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y + 4}" width="{max(w, 1):.1f}" '
                f'height="{row_h - 8}" fill="{colour}" rx="2">'
                f"<title>{_e(bar.label)}: {_e(what)}</title></rect>"
            )
            x += w
        parts.append(
            f'<text class="value" x="{x + 6:.1f}" y="{y + row_h / 2 + 4:.1f}">{_e(bar.note)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _column_chart(name: str, title: str, days: Sequence[tuple[str, int]]) -> str:
    """Replies sent per day, one column a day."""
    width, height, left, bottom, top = 760, 200, 40, 28, 12
    plot_w, plot_h = width - left - 8, height - top - bottom
    top_value = max((n for _, n in days), default=0) or 1
    step = plot_w / max(1, len(days))
    parts = [
        f'<svg class="chart" data-chart="{_e(name)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{_e(title)}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_e(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" '
        'stroke="#9aa5b1"/>',
        f'<text class="value" x="{left - 6}" y="{top + 10}" text-anchor="end">{top_value}</text>',
        f'<text class="value" x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    label_every = max(1, len(days) // 8)
    for i, (day, count) in enumerate(days):
        h = plot_h * count / top_value
        x = left + i * step
        bar_w = max(min(step * 0.7, 40.0), 1.0)
        parts.append(
            f'<rect class="bar" x="{x + (step - bar_w) / 2:.1f}" y="{top + plot_h - h:.1f}" '
            f'width="{bar_w:.1f}" height="{max(h, 1):.1f}" fill="{_DAY}">'
            f"<title>{_e(day)}: {count} repl{'y' if count == 1 else 'ies'}</title></rect>"
        )
        if i % label_every == 0:
            parts.append(
                f'<text class="value" x="{x + step / 2:.1f}" y="{height - 8}" '
                f'text-anchor="middle">{_e(day[5:])}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _card(value: str, label: str) -> str:
    return (
        f'<div class="card"><div class="value">{_e(value)}</div>'
        f'<div class="label">{_e(label)}</div></div>'
    )


def render_report(
    summary: StatsSummary,
    clusters: Sequence[GapCluster] = (),
    *,
    title: str = "Expander usage report",
    generated: dt.datetime | None = None,
    limit: int = 15,
    emails_kept: bool = True,
) -> str:
    """The whole report as one HTML page: key numbers, the most used replies,
    acceptance per pack, replies per day, the FAQ gaps, and the unused replies.

    ``emails_kept`` False says that no e-mail text was collected (the agents'
    "help improve our FAQ" switch is off), instead of an empty gap list.
    """
    generated = generated or dt.datetime.now().astimezone()
    period = (
        f"{summary.first_day} to {summary.last_day}" if summary.first_day else "no data recorded"
    )
    if summary.since is not None:
        period = f"since {summary.since.isoformat()} ({period})"
    agents = (
        f" · {len(summary.agents)} agent(s): {', '.join(summary.agents)}" if summary.agents else ""
    )
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">Period: {_e(period)}{_e(agents)} · made '
        f"{_e(generated.strftime('%Y-%m-%d %H:%M'))}</p>",
        '<div class="cards">',
        _card(str(summary.expanded + summary.accepted), "replies sent from snippets"),
        _card(str(summary.expanded), "typed by abbreviation"),
        _card(
            _percent(summary.acceptance_rate),
            f"suggestions accepted ({summary.accepted} of {summary.requested} e-mails)",
        ),
        _card(
            "–" if summary.mean_rank is None else f"{summary.mean_rank:.1f}",
            "mean rank of the accepted suggestion (1 = first)",
        ),
        _card(str(summary.unmatched), "e-mails without a good reply"),
        "</div>",
    ]

    out.append('<h2 id="top">Most used replies</h2>')
    top = list(summary.snippets[:limit])
    if top:
        out.append(
            '<p class="legend">'
            f'<span><i style="background:{_TYPED}"></i>typed by abbreviation</span>'
            f'<span><i style="background:{_ACCEPTED}"></i>chosen from suggestions</span></p>'
        )
        bars = [
            _Bar(
                f"{s.title} ({s.pack})",
                (
                    (float(s.expanded), _TYPED, f"{s.expanded} typed"),
                    (float(s.accepted), _ACCEPTED, f"{s.accepted} chosen from suggestions"),
                ),
                str(s.uses),
            )
            for s in top
        ]
        out.append(_hbar_chart("top-snippets", "Most used replies", bars))
    else:
        out.append('<p class="note">No reply was used in this period.</p>')

    out.append('<h2 id="packs">Suggestions accepted, per pack</h2>')
    shown_packs = [p for p in summary.packs if p.shown]
    if shown_packs:
        bars = [
            _Bar(
                p.pack,
                ((p.acceptance_rate or 0.0, _RATE, f"{_percent(p.acceptance_rate)} accepted"),),
                f"{_percent(p.acceptance_rate)} ({p.accepted} of {p.shown})",
            )
            for p in shown_packs
        ]
        out.append(_hbar_chart("acceptance", "Suggestions accepted, per pack", bars, maximum=1.0))
    else:
        out.append('<p class="note">No suggestion was shown in this period.</p>')
    out.append(
        "<table><thead><tr><th>Pack</th><th>Versions</th><th class=num>Typed</th>"
        "<th class=num>Shown</th><th class=num>Accepted</th><th class=num>Rate</th>"
        "<th class=num>Mean rank</th><th class=num>Used</th><th class=num>Unused</th>"
        "</tr></thead><tbody>"
    )
    for p in summary.packs:
        rank = "–" if p.mean_rank is None else f"{p.mean_rank:.1f}"
        out.append(
            f'<tr><td class="name">{_e(p.pack)}</td><td>{_e(", ".join(p.versions) or "–")}</td>'
            f"<td class=num>{p.expanded}</td><td class=num>{p.shown}</td>"
            f"<td class=num>{p.accepted}</td><td class=num>{_percent(p.acceptance_rate)}</td>"
            f"<td class=num>{rank}</td><td class=num>{p.snippets_used}</td>"
            f"<td class=num>{len(p.unused)}</td></tr>"
        )
    out.append("</tbody></table>")

    if summary.days:
        out.append('<h2 id="days">Replies per day</h2>')
        out.append(_column_chart("per-day", "Replies sent per day", summary.days))

    out.append('<h2 id="gaps">Questions without a good reply: the FAQ entries to write next</h2>')
    if clusters:
        out.append(
            '<p class="note">Customer e-mails no suggestion answered, grouped by question '
            "(names, addresses, phone and order numbers masked), largest group first.</p>"
        )
        bars = [
            _Bar(c.example, ((float(c.count), _GAP, f"{c.count} e-mail(s)"),), str(c.count))
            for c in clusters[:limit]
        ]
        out.append(_hbar_chart("gaps", "Questions without a good reply", bars))
        out.append(
            "<table><thead><tr><th class=num>E-mails</th><th>Example</th><th>Languages</th>"
            "</tr></thead><tbody>"
        )
        for c in clusters:
            languages = ", ".join(f"{lang} {n}" for lang, n in c.languages.items())
            others = [m for m in c.members if m != c.example][:3]
            also = "".join(f'<div class="also">also: {_e(m)}</div>' for m in others)
            out.append(
                f"<tr><td class=num>{c.count}</td><td><blockquote>{_e(c.example)}</blockquote>"
                f"{also}</td><td>{_e(languages)}</td></tr>"
            )
        out.append("</tbody></table>")
    elif emails_kept:
        out.append('<p class="note">No unanswered e-mail was kept in this period.</p>')
    else:
        out.append(
            '<p class="note">No e-mail text was collected: agents switch on "help improve '
            'our FAQ" in the settings to share the (masked) questions no reply answered.</p>'
        )

    out.append('<h2 id="unused">Replies nobody used (candidates for removal)</h2>')
    if not summary.library_known:
        out.append('<p class="note">Not known: the report was made without the packs.</p>')
    elif summary.unused:
        out.append(
            "<table><thead><tr><th>Pack</th><th>Snippet</th><th>Title</th>"
            "<th class=num>Shown as suggestion</th></tr></thead><tbody>"
        )
        for s in summary.unused:
            out.append(
                f'<tr><td class="name">{_e(s.pack)}</td><td>{_e(s.snippet)}</td>'
                f"<td>{_e(s.title)}</td>"
                f"<td class=num>{s.shown}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append('<p class="note">Every reply was used in this period.</p>')
    out.append("</body></html>\n")
    return "\n".join(out)


def write_report(
    target: Path | None = None,
    *,
    library: Iterable[Snippet] | None = None,
    since: dt.date | None = None,
    store: Path | None = None,
    title: str = "Expander usage report",
    limit: int = 15,
) -> Path:
    """Write this machine's report (from ``store``, by default the user's usage
    store) to ``target`` (by default ``usage-report.html`` in the data folder),
    atomically, and return where: what the tray's "Usage report" opens.

    ``library`` gives the snippets in effect (a ``Library``), for the unused ones.
    The kept e-mails are masked again (see :func:`masked_again`), as by
    ``expander stats report``: the page may be passed on. Raises
    :class:`~expander.errors.StatsError` for an unusable store, ``OSError``
    when ``target`` cannot be written.
    """
    from expander.fsutil import atomic_write_bytes, private_dir

    source = store or default_store_path()
    rows, gaps = [], []
    if source.exists():
        with UsageStore.open_to_read(source) as opened:
            rows, gaps = opened.rows(since), opened.gaps(since)
    gaps = masked_again(gaps)  # an older Expander's masker let more through
    summary = summarize(rows, library, since=since)
    page = render_report(
        summary,
        cluster_gaps(gaps),
        title=title,
        limit=limit,
        emails_kept=bool(gaps) or not summary.unmatched,
    )
    if target is None:  # beside the store, in the agent's private data folder
        target = default_store_path().with_name("usage-report.html")
        private_dir(target.parent)
    atomic_write_bytes(target, page.encode("utf-8"))
    return target
