"""How the per-language confidence thresholds (``ranker.MIN_SCORES``) and the
other-language factor (``ranker._OTHER_LANGUAGE_FACTOR``) were chosen (issue #14).

On the tuning set alone (tests/data/emails), with the bundled packs as shipped,
without ``examples``, and without ``examples`` and ``keywords``: each e-mail's
scores are computed once (what ``Suggester.suggest`` ranks, before the language
factor), then the factor and the thresholds are swept over them.

- The factor: the largest from 0.85 down (steps of 0.05) at which top-1 and top-3
  on the three pack variants stop improving, per language of the e-mail.
- A threshold per language: the lowest at which at most 3 % of the answerable
  e-mails get a confident wrong reply with both stripped variants.

    python bench/tune_untuned.py

emails_holdout, emails_blind and the manager packs are never scored here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import suggest_quality  # noqa: E402

from expander.suggest import Suggester  # noqa: E402
from expander.suggest.features import has_cyrillic, latin_to_cyrillic, prepare_query  # noqa: E402
from expander.suggest.ranker import CLOSE_FACTOR, DEFAULT_MIN_SCORE, LEAD_FACTOR  # noqa: E402

VARIANTS = ("full", "no-examples", "no-examples-no-keywords")
STRIPPED = ("no-examples", "no-examples-no-keywords")
FACTORS = (0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.5)
THRESHOLDS = tuple(range(38, 56))
WRONG_SHARE = 0.03
Row = tuple[set[str], str, np.ndarray[Any, np.dtype[np.float64]]]


def raw_scores(suggester: Suggester, text: str) -> tuple[np.ndarray[Any, Any], str]:
    """What ``Suggester.suggest`` ranks, before the language factor (same steps)."""
    query, detected = prepare_query(text)
    language = detected or ""
    raw = suggester.scores(query, language)
    russian = suggester._russian_mask  # noqa: SLF001
    if russian is not None and not has_cyrillic(query):
        again = suggester.scores(latin_to_cyrillic(query), "ru", among=russian)
        raw = np.where(russian, np.maximum(raw, again), raw)
    bonus, _ = suggester._keyword_bonus(query)  # noqa: SLF001
    return np.clip(raw + bonus, 0, 1) * 100, language


def counts(rows: list[Row], languages: np.ndarray[Any, Any], ids: list[str],
           factor: float, threshold: float) -> dict[str, int]:  # fmt: skip
    out = {"n": 0, "top1": 0, "top3": 0, "right": 0, "wrong": 0}
    for right, language, scores in rows:
        if language:
            scores = scores * np.where(np.isin(languages, [language, ""]), 1.0, factor)
        order = np.argsort(-scores, kind="stable")[:3]
        first, second = scores[order[0]], scores[order[1]]
        sure = first >= threshold or (
            first >= CLOSE_FACTOR * threshold and first - second >= LEAD_FACTOR * threshold
        )
        if not right:
            continue
        top = [ids[i] for i in order]
        out["n"] += 1
        out["top1"] += top[0] in right
        out["top3"] += bool(right & set(top))
        out["right"] += bool(sure and top[0] in right)
        out["wrong"] += bool(sure and top[0] not in right)
    return out


def main() -> int:
    import tempfile

    sets, _ = suggest_quality.read_sets()
    tuning = sets["emails"]
    folder = Path(tempfile.mkdtemp(prefix="expander-tune-"))
    data: dict[tuple[str, str], list[Row]] = {}
    meta: dict[str, tuple[list[str], np.ndarray[Any, Any]]] = {}
    for variant in VARIANTS:
        suggester = Suggester(suggest_quality.variant_library(variant, folder))
        meta[variant] = ([s.id for s in suggester.snippets],
                         np.asarray(suggester._languages))  # noqa: SLF001  # fmt: skip
        for language, emails in tuning.items():
            rows = []
            for email in emails:
                scores, detected = raw_scores(suggester, email["text"])
                right = (
                    set()
                    if email["expected"] == "none"
                    else {email["expected"], *email.get("also", ())}
                )
                rows.append((right, detected, scores))
            data[(variant, language)] = rows
    languages = sorted(tuning)
    print("other-language factor: top-1 / top-3 per variant (full, -examples, -examples -keywords)")
    chosen: dict[str, float] = {}
    for language in languages:
        best: tuple[int, ...] | None = None
        for factor in FACTORS:
            cells = []
            for variant in VARIANTS:
                ids, langs = meta[variant]
                c = counts(data[(variant, language)], langs, ids, factor, DEFAULT_MIN_SCORE)
                cells += [c["top1"], c["top3"]]
            if best is None or tuple(cells) > best and sum(cells) > sum(best):
                best, chosen[language] = tuple(cells), factor
            print(f"  {language} {factor:.2f}  {cells}")
    factor = min(chosen.values())
    print(f"factor per language {chosen}: chosen {factor}")
    for language in languages:
        for threshold in THRESHOLDS:
            found: dict[str, dict[str, int]] = {}
            for variant in VARIANTS:
                ids, langs = meta[variant]
                found[variant] = counts(data[(variant, language)], langs, ids, factor, threshold)
            ok = all(found[v]["wrong"] <= WRONG_SHARE * found[v]["n"] for v in STRIPPED)
            shown = "  ".join(
                f"{v}: {r['right']}/{r['wrong']} of {r['n']}" for v, r in found.items()
            )
            print(f"  {language} {threshold}  right/wrong {shown}{'  <- chosen' if ok else ''}")
            if ok:
                break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
