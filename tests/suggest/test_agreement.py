"""The agreement rule: a best reply the lexical ranking has first too may be
confident lower down (``ranker.AGREEMENT``). Invented snippets and e-mails."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import expander
from expander.suggest.confidence import AGREEMENT, agreed_lead
from expander.suggest.ranker import Suggester

PACK = """
[pack]
name = "agree"
version = "1.0.0"
language = "en"

[[snippets]]
id = "tracking"
title = "Where is my parcel: tracking number"
keywords = ["tracking number", "where is my parcel"]
examples = ["Where is my parcel?", "Can I have the tracking number of my order?"]
body = "Your parcel is on its way; here is its tracking number."

[[snippets]]
id = "invoice"
title = "Invoice for an order"
keywords = ["invoice", "VAT"]
body = "Your invoice is attached to this message."

[[snippets]]
id = "opening-hours"
title = "Our opening hours"
keywords = ["opening hours", "open on Sunday"]
body = "We are open Monday to Friday, 9 to 5."
"""

EMAIL = "Hello, where is my parcel? Could you send me the tracking number please?"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> expander.Library:
    pack = Path(tmp_path_factory.mktemp("agree")) / "agree.toml"
    pack.write_text(PACK, encoding="utf-8")
    return expander.load(pack, include_bundled=False)


def test_an_agreed_best_is_confident_down_to_a_share_of_its_threshold(
    library: expander.Library,
) -> None:
    suggester = Suggester(library, embedder=None)  # lexical alone: threshold 27, no agreement
    assert suggester.agreement == {}
    suggester.agreement = {"en": (0.8, 0.05)}  # down to 0.8 × 27 = 21.6, 0.05 ahead
    own = {"with_examples": True}
    assert suggester.is_confident(22.0, 21.0, "en", agreed_lead=0.06, **own)
    assert suggester.is_confident(22.0, None, "en", agreed_lead=0.05, **own)
    assert suggester.is_confident(22.0, 21.0, "en", agreed_lead=0.06, lent=True)
    assert not suggester.is_confident(22.0, 21.0, "en", agreed_lead=0.04, **own)  # too close
    assert not suggester.is_confident(21.5, 21.0, "en", agreed_lead=0.5, **own)  # too low
    assert not suggester.is_confident(22.0, 21.0, "en", **own)  # the rankings differ
    assert not suggester.is_confident(22.0, 21.0, "pl", agreed_lead=0.5, **own)  # not Polish
    assert not suggester.is_confident(22.0, 21.0, None, agreed_lead=0.5, **own)  # nor unknown
    # a best snippet without examples: the two rankings agree on wrong replies too
    assert not suggester.is_confident(22.0, 21.0, "en", agreed_lead=0.5)
    # the cut e-mail's offset lowers the threshold it is a share of: 0.8 × 25 = 20
    assert suggester.is_confident(20.0, 19.0, "en", agreed_lead=0.06, cut=True, **own)


def test_no_agreement_rule_is_the_off_switch(library: expander.Library) -> None:
    suggester = Suggester(library, embedder=None)
    suggester.agreement = {}
    assert not suggester.is_confident(26.0, 25.5, "en", agreed_lead=1.0, with_examples=True)
    assert suggester.is_confident(27.0, 26.5, "en", agreed_lead=None)  # the threshold stays


def test_suggest_knows_when_the_lexical_ranking_agrees(library: expander.Library) -> None:
    suggester = s = Suggester(library)  # the bundled encoders
    assert suggester.agreement == AGREEMENT
    first, *rest = suggester.suggest(EMAIL, 3, min_score=0)
    assert first.snippet.id == "tracking"
    # the lexical lead is a difference of cosines
    assert first.agreed_lead is not None and 0 < first.agreed_lead <= 1
    assert all(s.agreed_lead is None for s in rest)  # said of the best one only
    # the reasons say so where the rule is on for the e-mail's language
    suggester.agreement = {}
    assert "first on the words alone too" not in suggester.suggest(EMAIL, 1, min_score=0)[0].reasons
    suggester.agreement = {"en": (0.9, 0.0)}
    assert "first on the words alone too" in suggester.suggest(EMAIL, 1, min_score=0)[0].reasons
    # out of reach of every threshold, the agreement alone makes it confident
    for table in (s.min_scores, s.min_scores_with_examples, s.min_scores_lent):
        table["en"] = 1000.0
    suggester.agreement = {}
    assert suggester.suggest(EMAIL) == []
    suggester.agreement = {"en": (0.0, 0.0)}
    [confident] = suggester.suggest(EMAIL)
    assert confident.snippet.id == "tracking" and confident.confident


def test_no_agreement_where_the_lexical_best_is_another_snippet(
    library: expander.Library,
) -> None:
    suggester = Suggester(library, embedder=None)
    [first] = suggester.suggest("Can I get a VAT invoice for my parcel?", 1, min_score=0)
    assert first.snippet.id == "invoice" and first.agreed_lead is not None
    # with the encoders off the two rankings are one: they never disagree; the
    # lexical best losing to another snippet is shown by the helper itself
    assert agreed_lead(np.asarray([0.3, 0.5, 0.1]), 0) is None
    assert agreed_lead(np.asarray([0.5, 0.3, -np.inf]), 0) == pytest.approx(0.2)
    assert agreed_lead(np.asarray([0.0, 0.0]), 0) is None
