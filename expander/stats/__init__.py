"""Usage statistics kept on the agent's machine: the SQLite store (:mod:`.store`),
the summary per snippet and pack (:mod:`.summary`), the FAQ-gap report
(:mod:`.gaps`), the team's CSV exports (:mod:`.exports`) and the HTML page for
managers (:mod:`.report`), all over the plain rows of :mod:`.rows`. Only masked
text is ever kept (see ``expander.email.privacy``).
"""

from __future__ import annotations

from expander.email.privacy import mask_email
from expander.errors import StatsError
from expander.stats.exports import CSV_HEADER, ExportedStats, read_exports, write_export
from expander.stats.gaps import GapCluster, cluster_gaps
from expander.stats.report import render_report, write_report
from expander.stats.rows import EVENTS, GapEmail, UsageRow
from expander.stats.store import (
    MAX_EMAIL_AGE_DAYS,
    MAX_EMAILS,
    UsageStore,
    default_store_path,
    masked_again,
)
from expander.stats.summary import (
    PackStats,
    SnippetStats,
    StatsSummary,
    parse_since,
    summarize,
)

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
    "masked_again",
    "parse_since",
    "read_exports",
    "render_report",
    "summarize",
    "write_export",
    "write_report",
]
