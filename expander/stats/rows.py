"""The plain rows every statistics report works on: a counter and a kept e-mail.

The store reads them out, the CSV exports carry them between machines, and
the summary and the gap clustering take them in, so one agent's store and
the merge of a team's exports give the same report.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EVENTS", "GapEmail", "UsageRow"]

EVENTS: tuple[str, ...] = ("expanded", "shown", "accepted", "requested", "unmatched")
"""What a counter counts: ``expanded`` (an abbreviation typed), ``shown`` (a
snippet offered in the reply picker, at ``rank``), ``accepted`` (chosen there,
at ``rank``); per day only (no pack, no snippet): ``requested`` (the picker
opened on an e-mail) and ``unmatched`` (no suggestion accepted or confident)."""


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
