"""FAQ-gap clustering quality: the test e-mails in tests/data grouped by
:func:`expander.stats.cluster_gaps` against the question each one asks (its
``expected`` snippet id without the language suffix, so the same question in
English, Polish and Russian is one question; ``none`` rows are left out).

Per set: clusters (against questions), purity (share of e-mails in their
cluster's majority question), inverse purity (share in their question's
largest cluster), B-cubed F, cross-language recall (per e-mail, the share of
its question's e-mails in other languages that share its cluster) and the
number of clusters holding more than one language. ``emails`` and
``emails_holdout`` chose the weights and threshold; ``emails_blind`` did not.
Texts repeated within a set count once; the first set's CPU time includes
loading the model. Nothing is written to disk.

    python bench/gaps_quality.py [SET ...]
"""

from __future__ import annotations

import sys
import time
import tomllib
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from expander.stats import GapEmail, cluster_gaps  # noqa: E402

DATA = REPO / "tests" / "data"
SETS = ("emails", "emails_holdout", "emails_blind")


def load(name: str) -> tuple[list[str], list[str], list[str]]:
    """The distinct texts of a set, their questions and languages."""
    seen: dict[str, tuple[str, str]] = {}
    for path in sorted((DATA / name).glob("*.toml")):
        for email in tomllib.loads(path.read_text(encoding="utf-8"))["emails"]:
            if email["expected"] != "none":
                question = str(email["expected"]).rsplit("-", 1)[0]
                seen.setdefault(str(email["text"]), (question, path.stem))
    texts = list(seen)
    return texts, [seen[t][0] for t in texts], [seen[t][1] for t in texts]


def figures(
    groups: list[list[int]], questions: list[str], languages: list[str]
) -> dict[str, float]:
    """The clustering figures of ``groups`` (row indices) against ``questions``."""
    topic, language = np.asarray(questions), np.asarray(languages)
    cluster = np.empty(len(topic), dtype=np.int64)
    for k, group in enumerate(groups):
        cluster[group] = k
    n = len(topic)
    purity = sum(int(np.unique(topic[g], return_counts=True)[1].max()) for g in groups) / n
    inverse = (
        sum(
            int(np.unique(cluster[topic == t], return_counts=True)[1].max()) for t in set(questions)
        )
        / n
    )
    together = cluster[:, None] == cluster[None, :]
    same = topic[:, None] == topic[None, :]
    precision = float(np.mean((together & same).sum(1) / together.sum(1)))
    recall = float(np.mean((together & same).sum(1) / same.sum(1)))
    other = same & (language[:, None] != language[None, :])
    has_other = other.sum(1) > 0
    cross = (together & other).sum(1)[has_other] / other.sum(1)[has_other]
    return {
        "emails": n,
        "questions": len(set(questions)),
        "clusters": len(groups),
        "purity": purity,
        "inverse_purity": inverse,
        "bcubed_f": 2 * precision * recall / (precision + recall),
        "cross_language_recall": float(cross.mean()) if cross.size else 0.0,
        "multilingual_clusters": sum(1 for g in groups if len(set(language[g])) > 1),
    }


def main(names: list[str]) -> None:
    for name in names or SETS:
        if not (DATA / name).is_dir():
            print(f"{name}: not present, skipped")
            continue
        texts, questions, languages = load(name)
        start = time.process_time()
        clusters = cluster_gaps(
            GapEmail("", t, lang) for t, lang in zip(texts, languages, strict=True)
        )
        cpu = time.process_time() - start
        row = {t: i for i, t in enumerate(texts)}
        groups = [[row[m] for m in c.members] for c in clusters]
        shown = figures(groups, questions, languages)
        print(
            f"{name}: "
            + " ".join(
                f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in shown.items()
            )
            + f" (cpu {cpu:.1f} s)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
