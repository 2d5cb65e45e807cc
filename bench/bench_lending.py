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
from pathlib import Path

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="emails_blind2", help="a folder of tests/data")
    parser.add_argument("--packs", nargs="+", default=["manager", "manager2"])
    args = parser.parse_args()
    sets, missing = suggest_quality.read_sets()
    if args.set not in sets:
        print(f"{args.set}: not found ({'; '.join(missing)})", file=sys.stderr)
        return 1
    folder = Path(tempfile.mkdtemp(prefix="expander-bench-lending-"))
    sources = {"manager": suggest_quality.MANAGER, "manager2": suggest_quality.MANAGER2}
    for packs in args.packs:
        for seed in SEEDS:
            library, dropped = dropped_library(sources[packs], seed, folder)
            for label, bank in (("nothing lent", None), ("examples lent", "default")):
                suggester = Suggester(library, example_bank=bank)
                n = top1 = right = wrong = orphans = orphans_answered = 0
                for emails in sets[args.set].values():
                    for email in emails:
                        if email["expected"] == "none":
                            continue
                        ranked = suggester.suggest(email["text"], 1, min_score=0)
                        top = ranked[0].snippet.id if ranked else None
                        confident = bool(ranked) and ranked[0].confident
                        answers = {email["expected"], *email.get("also", [])} - dropped
                        if not answers:
                            orphans += 1
                            orphans_answered += confident
                            continue
                        n += 1
                        top1 += top in answers
                        right += confident and top in answers
                        wrong += confident and top not in answers
                shares = f"{100 * top1 / n:.1f} / {100 * right / n:.1f} / {100 * wrong / n:.1f}"
                print(f"{packs} {args.set} draw {seed} ({len(dropped)} dropped) {label}: "
                      f"top-1 / confident right / wrong {shares} % of {n}; {orphans_answered} "
                      f"of {orphans} whose snippet was dropped answered", flush=True)  # fmt: skip
        for seed in SEEDS:
            library = expander.load(*sorted(sources[packs].glob("*.toml")),
                                    include_bundled=False, strict=True)  # fmt: skip
            rng = random.Random(seed)
            alone = {s.id for s in library.snippets if rng.random() < DROP_SHARE}
            bank = [b for b in bundled_examples() if b.id not in alone]
            for label, lent in (("nothing lent", None), ("the others borrow", bank)):
                suggester = Suggester(library, example_bank=lent)
                n = top1 = right = wrong = 0
                for emails in sets[args.set].values():
                    for email in emails:
                        if email["expected"] not in alone:
                            continue
                        ranked = suggester.suggest(email["text"], 1, min_score=0)
                        top = ranked[0].snippet.id if ranked else None
                        confident = bool(ranked) and ranked[0].confident
                        answers = {email["expected"], *email.get("also", [])}
                        n += 1
                        top1 += top in answers
                        right += confident and top in answers
                        wrong += confident and top not in answers
                shares = f"{100 * top1 / n:.1f} / {100 * right / n:.1f} / {100 * wrong / n:.1f}"
                print(f"{packs} {args.set} draw {seed} ({len(alone)} without a counterpart) "
                      f"{label}: their e-mails' top-1 / confident right / wrong {shares} % "
                      f"of {n}", flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
