"""The usage statistics of the running app (see docs/stats.md): the store is open
while ``[statistics] enabled`` says so, and an unusable store only turns
statistics off, since typing must never depend on them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from expander.engine import Expansion
    from expander.library import Library
    from expander.stats.store import UsageStore
    from expander.suggest.ranker import Suggestion

__all__ = ["UsageStatistics"]

log = logging.getLogger("expander")


class UsageStatistics:
    """Opens, feeds and closes this machine's :class:`~expander.stats.store.UsageStore`."""

    def __init__(self) -> None:
        self.store: UsageStore | None = None

    def switch(self, enabled: bool, library: Library) -> None:
        """Open the store (counting ``library``'s packs) or close it, as ``enabled`` says.
        A store that cannot be opened is logged and statistics stay off."""
        from expander.errors import StatsError
        from expander.stats.store import UsageStore

        if enabled and self.store is None:
            try:
                store = UsageStore.open()
            except StatsError as exc:
                log.warning("Usage statistics are off: %s", exc)
                return
            store.use_library(library)
            self.store = store
        elif not enabled and self.store is not None:
            store, self.store = self.store, None
            store.close()

    def use_library(self, library: Library) -> None:
        if self.store is not None:
            self.store.use_library(library)

    def record_expansion(self, library: Library, expansion: Expansion) -> None:
        store = self.store
        if store is None:
            return
        snippet = library.find(expansion.snippet_id)
        if snippet is not None:
            store.record_expansion(snippet)

    def record_suggestion_flow(
        self,
        email: str,
        suggestions: Sequence[Suggestion],
        chosen: int | None,
        *,
        keep_emails: bool,
        order_patterns: Sequence[str],
    ) -> None:
        store = self.store
        if store is not None:
            store.record_suggestion_flow(
                email, suggestions, chosen, keep_emails=keep_emails, order_patterns=order_patterns
            )

    def forget_kept_emails(self) -> None:
        """The agent switched "help improve our FAQ" off: delete the e-mails kept so
        far, from the open store or, with statistics off, from the store's file."""
        from expander.errors import StatsError
        from expander.stats.store import UsageStore, default_store_path

        if self.store is not None:
            forgotten = self.store.forget_emails()
        elif default_store_path().exists():
            try:
                with UsageStore.open() as store:
                    forgotten = store.forget_emails()
            except StatsError as exc:
                log.warning("The kept e-mails could not be deleted: %s", exc)
                return
        else:
            return
        if forgotten:
            log.info("Deleted %d kept e-mail(s): help improve our FAQ is off.", forgotten)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
