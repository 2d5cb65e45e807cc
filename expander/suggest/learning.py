"""Learning from accepted suggestions, on the agent's machine only.

When an agent accepts a suggested reply for an e-mail, the e-mail (cleaned of
quotes and signature, with personal data masked by
:func:`~expander.email.privacy.mask_email`: names, e-mail addresses, phones,
order numbers, cards, bank accounts, national ids, addresses) becomes an extra
example for that snippet, so the next similar e-mail ranks it higher. The agent
can export the examples for the manager to fold into the team pack; the export
masks each example again, so examples kept by older versions leave masked as
today's are. Nothing leaves the machine by itself; the file is the owner's alone
(0600, in a 0700 folder).

What the suggester derives from these examples (their vectors, the lexical
indexes fitted and the classifiers trained with them) may be kept beside the
file, in :attr:`LearnedExamples.derived_dir`, so that a fresh ``expander
suggest`` does not embed every learned e-mail and fit its indexes again (54
learned e-mails: 2.1 s a call instead of 1.0). It is as private as the file and
comes from the examples the file holds: each index build cuts it down to them
(see :class:`~expander.suggest.ranker.Suggester` and
:mod:`~expander.suggest.classifier_cache`), a first example learned after the
file was deleted starts it afresh, and :meth:`LearnedExamples.forget` deletes
both. The snippet-text caches never hold any of it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from expander.email.limit import within_limit
from expander.email.privacy import mask_email
from expander.fsutil import atomic_write_bytes, make_private, private_dir, private_file

__all__ = ["LearnedExample", "LearnedExamples"]

MAX_PER_SNIPPET = 50
MAX_EXAMPLE_CHARS = 1000


@dataclass(frozen=True, slots=True)
class LearnedExample:
    snippet_id: str
    text: str
    day: str


class LearnedExamples:
    """An append-only JSON Lines file of masked example e-mails per snippet id."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @property
    def derived_dir(self) -> Path:
        """The folder, beside the file, of what the suggester derives from the
        examples (see the module's docstring)."""
        return self.path.with_name(self.path.stem + "-index")

    def forget_derived(self) -> None:
        """Delete :attr:`derived_dir` (the examples are gone)."""
        shutil.rmtree(self.derived_dir, ignore_errors=True)

    def forget(self) -> int:
        """Delete every learned example and what was derived from them; how many
        examples there were."""
        count = len(self.all())
        self.path.unlink(missing_ok=True)
        self.forget_derived()
        return count

    def add(
        self, snippet_id: str, email: str, order_patterns: Sequence[str] = ()
    ) -> LearnedExample | None:
        """Keep ``email`` (cleaned and masked) as an example for ``snippet_id``.

        ``order_patterns`` are the packs' own order-number formats, masked too.
        Returns what was stored, or None when nothing was left to learn from.
        """
        # the one masker of everything kept: as thorough as for statistics
        masked = mask_email(within_limit(email), order_patterns, limit=MAX_EXAMPLE_CHARS)
        if not masked:
            return None
        example = LearnedExample(snippet_id, masked, dt.date.today().isoformat())
        if masked in self.by_snippet().get(snippet_id, []):
            return example
        if not self.path.exists():  # a first example, or the file deleted: nothing older stays
            self.forget_derived()
        private_dir(self.path.parent)
        private_file(self.path)  # masked e-mails still say what a customer asked
        line = json.dumps(
            {"snippet": snippet_id, "text": masked, "day": example.day}, ensure_ascii=False
        )
        # One write of one line in append mode: a crash leaves at most a torn last
        # line, which reading skips.
        torn = self.path.stat().st_size > 0 and not _ends_with_newline(self.path)
        with open(self.path, "a", encoding="utf-8") as handle:
            # after a crash mid-write the last line may be torn: start a fresh line
            handle.write(("\n" if torn else "") + line + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        return example

    def all(self) -> list[LearnedExample]:
        if not self.path.exists():
            return []
        make_private(self.path)  # a file an older Expander left readable by others
        found: list[LearnedExample] = []
        for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
                found.append(LearnedExample(str(record["snippet"]), str(record["text"]),
                                            str(record.get("day", ""))))  # fmt: skip
            except (ValueError, KeyError, TypeError):
                continue
        return found

    def by_snippet(self) -> dict[str, list[str]]:
        """The newest examples per snippet id (at most MAX_PER_SNIPPET each)."""
        grouped: dict[str, list[str]] = {}
        for example in self.all():
            texts = grouped.setdefault(example.snippet_id, [])
            if example.text not in texts:
                texts.append(example.text)
        return {k: v[-MAX_PER_SNIPPET:] for k, v in grouped.items()}

    def export(
        self,
        target: Path,
        snippet_titles: Mapping[str, str] | None = None,
        order_patterns: Sequence[str] = (),
    ) -> int:
        """Write the examples as TOML ``[[snippets]]`` entries (id, title, examples)
        for the manager to merge into the team pack; returns how many snippets.

        Each example is masked again with the current masker on the way out:
        examples kept by an older version, which masked less (cards, IBANs,
        addresses), leave the machine masked as today's are.
        """
        grouped: dict[str, list[str]] = {}
        for snippet_id, texts in self.by_snippet().items():
            masked = [mask_email(t, order_patterns, limit=MAX_EXAMPLE_CHARS) for t in texts]
            kept = list(dict.fromkeys(t for t in masked if t))
            if kept:
                grouped[snippet_id] = kept
        titles = snippet_titles or {}
        document = {
            "snippets": [
                {"id": snippet_id, "title": titles.get(snippet_id, snippet_id), "examples": texts}
                for snippet_id, texts in sorted(grouped.items())
            ]
        }
        header = (
            "# Customer e-mails agents answered with these snippets (personal data masked).\n"
            "# Merge the examples into the team pack's snippets with the same id.\n"
        )
        atomic_write_bytes(target, (header + tomli_w.dumps(document)).encode("utf-8"))
        return len(grouped)


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"
