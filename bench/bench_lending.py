"""Examples lent by the bundled packs when a team's pack covers other questions
(issue #14), ranked with and without lent examples
(``expander.suggest.example_bank``), two ways:

- **dropped**: the manager packs with 30 % of their snippets dropped at random,
  so the e-mails those answered become unanswerable. Per draw: top-1, confident
  and right, confident and wrong of the e-mails still answerable, and how many of
  the e-mails whose snippet was dropped got a confident (so wrong) reply.
- **unlent**: 30 % of the snippets, at random, find no counterpart (theirs is
  taken out of the bank), as for a team's own questions: top-1 and confident
  right / wrong of those snippets' e-mails, when the others borrow and when
  nothing is lent (do borrowers crowd out the snippets that cannot borrow?).

All three languages together; a few minutes.

    python bench/bench_lending.py [--set emails_blind2] [--packs manager manager2]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import suggest_quality  # noqa: E402

import expander  # noqa: E402
from expander.suggest import Suggester  # noqa: E402
from expander.suggest.example_bank import bundled_examples  # noqa: E402

DROP_SHARE = 0.3
SEEDS = (1, 2, 3)


def dropped_library(source: Path, seed: int, folder: Path) -> tuple[expander.Library, set[str]]:
    """The packs in ``source`` without a random 30 % of their snippets."""
    rng = random.Random(seed)
    dropped: set[str] = set()
    paths = []
    for path in sorted(source.glob("*.toml")):
        document = tomllib.loads(path.read_text("utf-8"))
        kept = []
        for snippet in document["snippets"]:
            if rng.random() >= DROP_SHARE:
                kept.append(snippet)
            else:
                dropped.add(snippet["id"])
        document["snippets"] = kept
        target = folder / f"{seed}-{path.name}"
        target.write_text(tomli_w.dumps(document), "utf-8")
        paths.append(target)
    return expander.load(*paths, include_bundled=False, strict=True), dropped


@dataclass
class Tally:
    """What the default answer gave for some e-mails (see :func:`tally`)."""

    n: int = 0
    top1: int = 0
    right: int = 0
    wrong: int = 0
    orphans: int = 0  # e-mails whose every answer was dropped
    orphans_answered: int = 0  # ... that got a confident (so wrong) reply

    def shares(self) -> str:
        """Top-1 / confident right / confident wrong, in % of the answerable."""
        n = max(1, self.n)
        return (
            f"{100 * self.top1 / n:.1f} / {100 * self.right / n:.1f} / {100 * self.wrong / n:.1f}"
        )


def tally(
    suggester: Suggester,
    emails: Iterable[Mapping[str, Any]],
    answers_of: Callable[[Mapping[str, Any]], set[str] | None],
) -> Tally:
    """The best suggestion for each e-mail whose ``answers_of`` is not None, scored
    against those answers (an empty set: the e-mail's snippets were dropped)."""
    out = Tally()
    for email in emails:
        answers = answers_of(email)
        if answers is None:
            continue
        ranked = suggester.suggest(email["text"], 1, min_score=0)
        top = ranked[0].snippet.id if ranked else None
        confident = bool(ranked) and ranked[0].confident
        if not answers:
            out.orphans += 1
            out.orphans_answered += confident
            continue
        out.n += 1
        out.top1 += top in answers
        out.right += confident and top in answers
        out.wrong += confident and top not in answers
    return out


def answers(email: Mapping[str, Any]) -> set[str]:
    return {email["expected"], *email.get("also", [])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="emails_blind2", help="a folder of tests/data")
    parser.add_argument("--packs", nargs="+", default=["manager", "manager2"])
    args = parser.parse_args()
    sets, missing = suggest_quality.read_sets()
    if args.set not in sets:
        print(f"{args.set}: not found ({'; '.join(missing)})", file=sys.stderr)
        return 1
    emails = [email for per_language in sets[args.set].values() for email in per_language]
    folder = Path(tempfile.mkdtemp(prefix="expander-bench-lending-"))
    sources = {"manager": suggest_quality.MANAGER, "manager2": suggest_quality.MANAGER2}
    for packs in args.packs:
        for seed in SEEDS:
            library, dropped = dropped_library(sources[packs], seed, folder)
            for label, bank in (("nothing lent", None), ("examples lent", "default")):
                got = tally(
                    Suggester(library, example_bank=bank),
                    emails,
                    lambda e, gone=dropped: None if e["expected"] == "none" else answers(e) - gone,
                )
                print(f"{packs} {args.set} draw {seed} ({len(dropped)} dropped) {label}: "
                      f"top-1 / confident right / wrong {got.shares()} % of {got.n}; "
                      f"{got.orphans_answered} of {got.orphans} whose snippet was dropped "
                      "answered", flush=True)  # fmt: skip
        for seed in SEEDS:
            library = expander.load(*sorted(sources[packs].glob("*.toml")),
                                    include_bundled=False, strict=True)  # fmt: skip
            rng = random.Random(seed)
            alone = {s.id for s in library.snippets if rng.random() < DROP_SHARE}
            bank = [b for b in bundled_examples() if b.id not in alone]
            for label, lent in (("nothing lent", None), ("the others borrow", bank)):
                got = tally(
                    Suggester(library, example_bank=lent),
                    emails,
                    lambda e, alone=alone: answers(e) if e["expected"] in alone else None,
                )
                print(f"{packs} {args.set} draw {seed} ({len(alone)} without a counterpart) "
                      f"{label}: their e-mails' top-1 / confident right / wrong "
                      f"{got.shares()} % of {got.n}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
