"""FAQ-gap clustering quality: the test e-mails in tests/data grouped by
:func:`expander.stats.cluster_gaps` against the question each one asks (its
``expected`` snippet id without the language suffix, read through
:data:`QUESTIONS` where the three packs name one question differently, so the
same question in English, Polish and Russian is one question; ``none`` rows
are left out).

Each set runs twice: ``raw`` (the e-mails as written, with their file's
language) and ``masked`` (as the stats store keeps them: quotes and signature
removed, personal data masked, language detected). Per run: clusters (against
questions), purity (share of e-mails in their cluster's majority question),
language purity (the same with each cluster split by language), inverse
purity (share in their question's largest cluster), B-cubed F, cross-language
recall (per e-mail, the share of its question's e-mails in other languages
that share its cluster) and the number of clusters holding more than one
language. ``emails`` and ``emails_holdout`` chose the weights and thresholds;
``emails_blind`` did not, and ``emails_blind2`` was first measured after the
choice (the figures to quote). Texts repeated within a set count once; the first
run's CPU time includes loading the model. Nothing is written to disk.

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

from expander.email.language import detect_language  # noqa: E402
from expander.email.privacy import mask_email  # noqa: E402
from expander.stats import GapEmail, cluster_gaps  # noqa: E402

DATA = REPO / "tests" / "data"
SETS = ("emails", "emails_holdout", "emails_blind", "emails_blind2")
QUESTIONS = {
    # one question, other ids in other packs (read from the snippets' titles in
    # snippets/*.toml, e.g. "Contact details and customer service opening hours",
    # "Godziny pracy i dane kontaktowe", "Часы работы и контакты службы поддержки")
    "tracking-request": "tracking",
    "shipping-options": "delivery-options",
    "address-change": "change-address",
    "order-cancel": "cancel-order",
    "order-confirmation-missing": "no-confirmation",
    "return-howto": "return",
    "defective-product": "defective-item",
    "warranty-repair": "warranty",
    "looking-into-it": "investigating",
    "remedy-offer": "offer-options",
    "remedy-options": "offer-options",
    "photos-request": "more-info",
    "photo-request": "more-info",
    "review-thanks": "feedback-thanks",
    "invoice-documents": "invoice",
    "promo-code": "discount-code",
    "hours-contact": "contact-hours",
    "hours-contacts": "contact-hours",
}
"""Question ids of one pack -> the id the figures use for that question."""


def load(name: str, masked: bool = False) -> tuple[list[GapEmail], list[str], list[str]]:
    """The distinct e-mails of a set (``masked``: as the store keeps them), their
    questions and their file's languages."""
    seen: dict[str, tuple[str, str, str]] = {}
    for path in sorted((DATA / name).glob("*.toml")):
        for email in tomllib.loads(path.read_text(encoding="utf-8"))["emails"]:
            if email["expected"] != "none":
                question = str(email["expected"]).rsplit("-", 1)[0]
                text, language = str(email["text"]), path.stem
                if masked:
                    text = mask_email(text)
                    language = detect_language(text) or "" if text else ""
                if text:
                    seen.setdefault(text, (QUESTIONS.get(question, question), path.stem, language))
    gaps = [GapEmail("", t, seen[t][2]) for t in seen]
    return gaps, [seen[t][0] for t in seen], [seen[t][1] for t in seen]


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
    split = [[i for i in g if language[i] == lang] for g in groups for lang in set(language[g])]
    by_language = sum(int(np.unique(topic[g], return_counts=True)[1].max()) for g in split) / n
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
        "language_purity": by_language,
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
        for masked in (False, True):
            gaps, questions, languages = load(name, masked)
            start = time.process_time()
            clusters = cluster_gaps(gaps)
            cpu = time.process_time() - start
            row = {g.text: i for i, g in enumerate(gaps)}
            groups = [[row[m] for m in c.members] for c in clusters]
            shown = figures(groups, questions, languages)
            print(
                f"{name} {'masked' if masked else 'raw'}: "
                + " ".join(
                    f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in shown.items()
                )
                + f" (cpu {cpu:.1f} s)"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
