"""Snippets without examples whose score the classifiers may raise but not
lower, for an e-mail whose best lexical match is one of them
(``Suggester._unaided`` and the ``unaided`` mask of ``EmbeddingSpace.blend``).
The e-mails are invented for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import expander
from expander.suggest.encoders import CLASSIFIER_WEIGHT, WORDS_CLASSIFIER_WEIGHT, EmbeddingSpace
from expander.suggest.ranker import Suggester

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets"

# a team's own question: no bundled snippet answers it, so it has no examples
GIFT_WRAP = """
[pack]
name = "team-en"
version = "1.0.0"
language = "en"

[[snippets]]
id = "gift-wrap-en"
title = "Gift wrapping and a greeting card"
keywords = ["gift wrap", "wrapping paper", "greeting card"]
body = "Hello, we can wrap your order as a gift and add a card with your message."
"""


class _Unused:
    """An encoder that is never asked to encode (the vectors are given)."""

    def encode(self, texts: list[str]) -> Any:
        raise AssertionError("not to be called")


class _Fixed:
    """A classifier whose probabilities are the same for every query."""

    def __init__(self, probabilities: list[float]) -> None:
        self.fixed = np.asarray(probabilities)

    def probabilities(self, query: Any) -> Any:
        return self.fixed


def test_the_classifiers_do_not_lower_the_unaided_snippets_only() -> None:
    x, y = np.eye(2, dtype=np.float32)
    vectors = np.stack([x, y])
    members = np.ones(2, dtype=bool)
    space = EmbeddingSpace(_Unused(), members, vectors, np.asarray([0, 1]))
    space.classifiers = [(members, _Fixed([0.9, 0.1]), _Fixed([0.8, 0.2]))]  # type: ignore[list-item]
    query = (x + y) / np.linalg.norm(x + y)
    plain, mixed, unaided = np.zeros(2), np.zeros(2), np.zeros(2)
    EmbeddingSpace(_Unused(), members, vectors, np.asarray([0, 1])).blend(
        query, {}, plain, only=members
    )
    space.blend(query, {}, mixed, only=members)
    space.blend(query, {}, unaided, only=members, unaided=np.asarray([False, True]))
    kept = 1 - CLASSIFIER_WEIGHT - WORDS_CLASSIFIER_WEIGHT
    assert mixed[1] == pytest.approx(
        kept * plain[1] + CLASSIFIER_WEIGHT * 0.1 + WORDS_CLASSIFIER_WEIGHT * 0.2
    )
    assert mixed[1] < plain[1]
    assert unaided[1] == plain[1]  # the blend alone, not lowered
    assert unaided[0] == mixed[0]  # the other snippet keeps the classifiers' share
    # the classifiers may still raise an unaided snippet's score
    lifted = np.zeros(2)
    space.blend(query, {}, lifted, only=members, unaided=np.asarray([True, False]))
    assert mixed[0] > plain[0]
    assert lifted[0] == mixed[0]
    again = np.zeros(2)
    space.blend(query, {}, again, only=members, unaided=None)
    assert np.array_equal(again, mixed)


def _lexical_suggester(tmp_path: Path) -> Suggester:
    team = tmp_path / "team.toml"
    team.write_text(GIFT_WRAP, encoding="utf-8")
    library = expander.load(SNIPPETS / "en.toml", team, include_bundled=False)
    return Suggester(library, embedder=None, example_bank=None)


def test_unaided_only_where_the_best_lexical_match_has_no_examples(tmp_path: Path) -> None:
    suggester = _lexical_suggester(tmp_path)
    without = ~suggester.with_examples
    assert without.any() and not without.all()
    gift = [s.id for s in suggester.snippets].index("gift-wrap-en")
    assert without[gift]
    everyone = np.ones(len(suggester.snippets), dtype=bool)
    lexical = np.full(len(suggester.snippets), 0.1)
    lexical[gift] = 0.5
    unaided = suggester._unaided(lexical, everyone)  # noqa: SLF001
    assert unaided is not None and np.array_equal(unaided, without)
    # a snippet with examples matches best: nothing changes for this e-mail
    with_examples = int(np.flatnonzero(suggester.with_examples)[0])
    lexical[with_examples] = 0.9
    assert suggester._unaided(lexical, everyone) is None  # noqa: SLF001
    # ... unless it is not among the snippets scored
    outside = everyone.copy()
    outside[with_examples] = False
    assert suggester._unaided(lexical, outside) is not None  # noqa: SLF001
    # no words in common with any snippet: no evidence
    assert suggester._unaided(np.zeros(len(suggester.snippets)), everyone) is None  # noqa: SLF001


def test_unaided_never_when_all_or_none_have_examples(tmp_path: Path) -> None:
    team = tmp_path / "team.toml"
    team.write_text(GIFT_WRAP, encoding="utf-8")
    alone = Suggester(expander.load(team, include_bundled=False), embedder=None, example_bank=None)
    assert not alone.with_examples.any()
    lexical = np.ones(len(alone.snippets))
    everyone = np.ones(len(alone.snippets), dtype=bool)
    assert alone._unaided(lexical, everyone) is None  # noqa: SLF001
    bundled = Suggester(expander.load(SNIPPETS / "en.toml", include_bundled=False), embedder=None)
    assert bundled.with_examples.all()
    lexical = np.ones(len(bundled.snippets))
    everyone = np.ones(len(bundled.snippets), dtype=bool)
    assert bundled._unaided(lexical, everyone) is None  # noqa: SLF001


def test_a_teams_own_question_beside_snippets_with_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = tmp_path / "team.toml"
    team.write_text(GIFT_WRAP, encoding="utf-8")
    library = expander.load(SNIPPETS / "en.toml", team, include_bundled=False)
    suggester = Suggester(library, example_bank=None)
    assert suggester._by_language["en"].classifiers  # noqa: SLF001
    gift = [s.id for s in suggester.snippets].index("gift-wrap-en")
    about_gift = "Hi, could you gift wrap my order and add a greeting card? Thanks, Ann"
    about_tracking = "Hi, where is my parcel? I need the tracking number for order 5521."
    with_rule = {e: suggester.scores(e, "en") for e in (about_gift, about_tracking)}
    monkeypatch.setattr(Suggester, "_unaided", lambda self, lexical, wanted: None)
    without_rule = {e: suggester.scores(e, "en") for e in (about_gift, about_tracking)}
    # the team's snippet keeps the higher of its blend and the classifiers' mix ...
    assert with_rule[about_gift][gift] >= without_rule[about_gift][gift]
    others = np.arange(len(suggester.snippets)) != gift
    assert np.array_equal(with_rule[about_gift][others], without_rule[about_gift][others])
    # ... and every score is the same for an e-mail a snippet with examples matches best
    assert np.array_equal(with_rule[about_tracking], without_rule[about_tracking])
