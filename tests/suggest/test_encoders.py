"""The suggester's sentence encoders (expander/suggest/encoders.py): which
snippets each one embeds, which one a query runs, and the vectors kept between
builds of the index."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tomli_w

import expander
import expander.suggest.encoders
from expander.suggest import suggest
from expander.suggest.encoders import (
    EMBED_WEIGHT,
    NEAREST_BACKGROUND_FACTOR,
    EmbeddingSpace,
    default_embedder,
    forget_snippet_vectors,
)
from expander.suggest.minilm import english_encoder
from expander.suggest.ranker import Suggester

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets"


class Counting:
    """An encoder that counts the texts it is asked to encode."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.texts = 0

    def encode(self, texts: list[str]) -> Any:
        self.texts += len(texts)
        return self.inner.encode(texts)


@pytest.fixture(scope="module")
def bundled() -> expander.Library:
    return expander.load()


def english_only() -> expander.Library:
    return expander.load(SNIPPETS / "en.toml", include_bundled=False)


def test_english_snippets_get_the_english_encoder_and_the_rest_the_multilingual_one(
    bundled: expander.Library,
) -> None:
    suggester = Suggester(bundled)
    english = [s.language == "en" for s in suggester.snippets]
    assert any(english) and not all(english)
    spaces = suggester._by_language  # noqa: SLF001
    assert list(spaces) == ["en"]
    assert spaces["en"].embedder is english_encoder()
    assert list(spaces["en"].members) == english
    multilingual = suggester._multilingual  # noqa: SLF001
    assert multilingual is not None and multilingual.embedder is default_embedder()
    assert list(multilingual.members) == [not e for e in english]
    # the English snippets join the multilingual space when an e-mail in another
    # language comes, to be matched across languages
    assert suggester._across is None  # noqa: SLF001
    suggester.scores("Dzień dobry, paczka nadal nie dotarła.")
    across = suggester._across  # noqa: SLF001
    assert across is not None and across.embedder is default_embedder()
    assert list(across.members) == english


@pytest.mark.parametrize(
    ("email", "english_runs", "multilingual_runs"),
    [
        ("Hi, my parcel still hasn't arrived. Where is it?", 1, 1),
        ("Dzień dobry, paczka nadal nie dotarła. Gdzie jest?", 0, 1),
        ("Здравствуйте, посылка до сих пор не пришла.", 0, 1),
    ],
)
def test_a_query_runs_the_english_encoder_only_when_it_may_be_english(
    bundled: expander.Library, email: str, english_runs: int, multilingual_runs: int
) -> None:
    english, multilingual = Counting(english_encoder()), Counting(default_embedder())
    suggester = Suggester(bundled, embedder=multilingual, embedders={"en": english})
    suggester.scores(email)  # the first one in Polish or Russian embeds the English snippets
    english.texts = multilingual.texts = 0
    suggester.scores(email)
    assert (english.texts, multilingual.texts) == (english_runs, multilingual_runs)


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("Dzień dobry, chcę anulować zamówienie, już go nie potrzebuję.", "cancel-order-en"),
        ("Здравствуйте, хочу вернуть куртку, она не подошла по размеру.", "return-en"),
    ],
)
def test_english_snippets_still_answer_e_mails_in_other_languages(
    email: str, expected: str
) -> None:
    # a team with English replies only: the multilingual encoder matches across
    # languages, among the first three (e5 does a little worse there than the
    # Universal Sentence Encoder did: Polish e-mails of tests/data/emails to the
    # English pack, top-1 51 % against 54 %; the first one here comes third, 0.6
    # points behind)
    ids = [s.snippet.id for s in suggest(english_only(), email, 3, min_score=0)]
    assert expected in ids


def test_a_snippet_in_the_e_mails_language_outranks_a_weak_match_in_another(
    tmp_path: Path,
) -> None:
    # English snippets are scored by MiniLM, Polish and Russian ones by e5, whose
    # cosines run higher: with the other-language factor at 0.85 remedy-options-ru
    # came first for this English e-mail in packs of titles
    # and bodies only (tests/data/emails, the bundled packs without examples
    # and keywords); the English size exchange comes first now
    files = []
    for source in sorted(SNIPPETS.glob("*.toml")):
        document = tomllib.loads(source.read_text("utf-8"))
        for snippet in document["snippets"]:
            snippet.pop("examples", None)
            snippet.pop("keywords", None)
        files.append(tmp_path / source.name)
        files[-1].write_bytes(tomli_w.dumps(document).encode("utf-8"))
    library = expander.load(*files, include_bundled=False, strict=True)
    email = (
        "hello the jumper drowns me, its massive. would it be possible to get a small one instead"
    )
    best = suggest(library, email, 1, min_score=0)
    assert best[0].snippet.id == "size-exchange-en"


def test_language_codes_are_compared_by_their_base(tmp_path: Path) -> None:
    text = (SNIPPETS / "en.toml").read_text(encoding="utf-8")
    files = []
    for name, language_line in [("gb", 'language = "EN-GB"\n'), ("none", "")]:
        pack = text.replace('name = "support-en"', f'name = "support-{name}"')
        pack = pack.replace('language = "en"\n', language_line)
        for old, new in [('id = "', 'id = "{}-'), ('trigger = ";', 'trigger = ";{}'),
                         ("{snippet:", "{{snippet:{}-")]:  # fmt: skip
            pack = pack.replace(old, new.format(name))
        files.append(tmp_path / f"{name}.toml")
        files[-1].write_text(pack, encoding="utf-8")
    library = expander.load(*files, include_bundled=False, strict=True)
    suggester = Suggester(library)
    in_english_space = suggester._by_language["en"].members  # noqa: SLF001
    for index, snippet in enumerate(suggester.snippets):
        assert in_english_space[index] == snippet.id.startswith("gb-"), snippet.id
    # an "EN-GB" snippet is not penalised as another language for an English e-mail
    best = suggester.suggest("Hi, where is my parcel? It has not arrived yet.", 1, min_score=0)
    assert best[0].snippet.id.startswith("gb-")


def test_without_the_english_encoder_english_uses_the_multilingual_one(
    bundled: expander.Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(expander.suggest.encoders, "english_encoder", lambda: None)
    suggester = Suggester(bundled)
    assert suggester._by_language == {}  # noqa: SLF001
    best = suggester.suggest("Hi, where is my parcel? It has not arrived yet.", 1, min_score=0)
    assert best and best[0].snippet.id in {"order-delayed-en", "tracking-en"}
    # and ranking on words alone loads no encoder at all
    assert Suggester(bundled, embedder=None)._spaces == []  # noqa: SLF001


def test_english_snippets_and_queries_never_run_the_multilingual_encoder() -> None:
    # neither to build the index nor for a query (the 5 ms budget, and half the
    # build time of an English library)
    english, multilingual = Counting(english_encoder()), Counting(default_embedder())
    suggester = Suggester(english_only(), embedder=multilingual, embedders={"en": english})
    built = english.texts
    suggester.scores("Where is my parcel? It has not arrived yet.")
    assert (english.texts - built, multilingual.texts) == (1, 0)


def test_a_rebuilt_index_encodes_only_the_new_texts() -> None:
    # after an accepted suggestion the index is rebuilt with one more example
    library = english_only()
    english, multilingual = Counting(english_encoder()), Counting(default_embedder())
    first = Suggester(library, embedder=multilingual, embedders={"en": english})
    assert english.texts > 100
    english.texts = 0
    learned = {"return-en": ["Can I send the lamp back? It is too bright for the room."]}
    again = Suggester(library, learned=learned, embedder=multilingual, embedders={"en": english})
    assert (english.texts, multilingual.texts) == (1, 0)
    # and ranks as a fresh build does
    email = "Hi, the lamp is far too bright, how do I return it?"
    forget_snippet_vectors()
    fresh = Suggester(library, learned=learned, embedder=multilingual, embedders={"en": english})
    assert np.array_equal(again.scores(email), fresh.scores(email))
    assert not np.array_equal(first.scores(email), fresh.scores(email))  # the example counts


def test_english_snippets_are_scored_by_minilm_alone_for_an_english_e_mail() -> None:
    # e5 gave them a second opinion on branch s6-e5; it cost top-1 on the blind
    # e-mails, so an English e-mail never runs the multilingual encoder on them
    english, multilingual = Counting(english_encoder()), Counting(default_embedder())
    suggester = Suggester(english_only(), embedder=multilingual, embedders={"en": english})
    english.texts = multilingual.texts = 0
    suggester.scores("Hi, my parcel still hasn't arrived. Where is it?", "en")
    assert (english.texts, multilingual.texts) == (1, 0)
    assert suggester._across is None  # noqa: SLF001


def test_the_confidence_threshold_is_chosen_per_language_of_the_e_mail() -> None:
    suggester = Suggester(english_only())
    # English 51.5, Polish 53.5, Russian 67.5; unknown language: the strictest, 67.5
    # (the runner-up 5 points behind: too close for the clear-lead rules)
    assert not suggester.is_confident(67.0, 62.0, None)
    assert suggester.is_confident(67.5, 62.5, None)
    assert not suggester.is_confident(51.0, 46.0, "en")
    assert suggester.is_confident(51.5, 46.5, "en")
    assert not suggester.is_confident(53.0, 48.0, "pl")
    assert suggester.is_confident(53.5, 48.5, "pl")
    assert not suggester.is_confident(67.0, 62.0, "ru")
    assert suggester.is_confident(67.5, 62.5, "ru")
    # a snippet with examples of its own (in its pack or learned) scores higher:
    # English 54, Polish 54.5, Russian 52, unknown the strictest (54.5)
    assert not suggester.is_confident(53.5, 48.5, "en", with_examples=True)
    assert suggester.is_confident(54.0, 49.0, "en", with_examples=True)
    assert not suggester.is_confident(54.0, 49.0, "pl", with_examples=True)
    assert suggester.is_confident(54.5, 49.5, "pl", with_examples=True)
    assert not suggester.is_confident(51.5, 46.5, "ru", with_examples=True)
    assert suggester.is_confident(52.0, 47.0, "ru", with_examples=True)
    assert not suggester.is_confident(54.0, 49.0, None, with_examples=True)
    # one with examples lent by the bundled packs, less their lift: English 58,
    # Polish 53.5, Russian 56, unknown the strictest (58)
    assert not suggester.is_confident(57.5, 52.5, "en", with_examples=True, lent=True)
    assert suggester.is_confident(58.0, 53.0, "en", with_examples=True, lent=True)
    assert not suggester.is_confident(53.0, 48.0, "pl", with_examples=True, lent=True)
    assert suggester.is_confident(53.5, 48.5, "pl", with_examples=True, lent=True)
    assert not suggester.is_confident(55.5, 50.5, "ru", with_examples=True, lent=True)
    assert suggester.is_confident(56.0, 51.0, "ru", with_examples=True, lent=True)
    assert not suggester.is_confident(57.5, 52.5, None, with_examples=True, lent=True)
    assert suggester.is_confident(58.0, 53.0, None, with_examples=True, lent=True)
    # below the threshold, a clear lead: 15 % of it (English, own examples: 0.85 × 54
    # = 45.9 at least, 8.1 points ahead; lent: 0.85 × 58 = 49.3 and 8.7)
    assert suggester.is_confident(46.0, 37.8, "en", with_examples=True)
    assert not suggester.is_confident(46.0, 38.0, "en", with_examples=True)
    assert not suggester.is_confident(45.5, 30.0, "en", with_examples=True)
    assert suggester.is_confident(49.5, 40.7, "en", with_examples=True, lent=True)
    assert not suggester.is_confident(49.5, 40.9, "en", with_examples=True, lent=True)


def test_a_polish_or_russian_clear_winner_is_confident_lower_down() -> None:
    # WIDE_MARGINS: Polish right replies often score 40-45 with a clear lead.
    # Polish, no examples: down to 0.65 × 53.5 = 34.8 with a lead of 0.2 × 53.5 = 10.7
    suggester = Suggester(english_only())
    assert suggester.is_confident(40.0, 29.0, "pl")
    assert not suggester.is_confident(40.0, 29.5, "pl")
    assert not suggester.is_confident(34.5, 10.0, "pl")
    # Russian, no examples: down to 0.7 × 67.5 = 47.25 with 0.15 × 67.5 = 10.1 ahead
    assert suggester.is_confident(47.5, 37.0, "ru")
    assert not suggester.is_confident(47.5, 37.5, "ru")
    assert not suggester.is_confident(47.0, 20.0, "ru")
    # English has no wide margin: below 0.85 × 51.5 = 43.8 no lead is enough
    assert not suggester.is_confident(43.5, 10.0, "en")
    # nor does an e-mail of unknown language
    assert not suggester.is_confident(40.0, 10.0, None)
    # nor the lexical ranking alone (thresholds of the bundled encoders only)
    lexical = Suggester(english_only(), embedder=None)
    assert not lexical.is_confident(20.0, 5.0, "pl")


def test_an_email_the_encoders_read_in_part_has_lower_thresholds() -> None:
    # over MAX_QUERY_WORDS words the encoders read its start and end only, and its
    # scores run lower: every threshold is CUT_EMAIL_OFFSET (2) lower
    suggester = Suggester(english_only())
    assert not suggester.is_confident(49.5, 45.0, "en")
    assert suggester.is_confident(49.5, 45.0, "en", cut=True)
    assert not suggester.is_confident(49.0, 45.0, "en", cut=True)
    assert suggester.is_confident(52.0, 47.0, "en", with_examples=True, cut=True)


def test_a_near_tie_that_session_14s_thresholds_answered_is_no_longer_confident() -> None:
    # issue #14's confident wrong replies: two topics a customer's words share
    # (cancel / refund, tracking / order confirmation) at 45-55, a few points
    # apart; since the bundled packs' examples grew (session 15) scores run higher,
    # and the thresholds allow 1 % of the development e-mails such a reply
    # (CONFIDENT_WRONG_SHARE), not 1.5 %
    suggester = Suggester(english_only())
    near_ties = (  # (best, runner-up, language, with examples, lent)
        (50.0, 45.0, "en", False, False),  # none: was 49.5
        (53.0, 48.0, "pl", False, False),  # none: was 51.5
        (55.0, 50.0, "ru", False, False),  # none: was 53
        (52.0, 47.0, "en", True, False),  # own: was 50.5
        (50.0, 45.0, "en", True, True),  # lent: was 49.5
        (50.0, 45.0, "pl", True, True),  # lent: was 49.5
    )
    for best, runner_up, language, with_examples, lent in near_ties:
        assert not suggester.is_confident(
            best, runner_up, language, with_examples=with_examples, lent=lent
        )
    # a clear winner at the same score still is
    for best, _, language, with_examples, lent in near_ties:
        assert suggester.is_confident(
            best, best - 11.0, language, with_examples=with_examples, lent=lent
        )


class _Unused:
    """An encoder that is never asked to encode (the vectors are given)."""

    def encode(self, texts: list[str]) -> Any:
        raise AssertionError("not to be called")


def test_the_typical_lift_of_examples_lent_is_taken_off_each_borrower() -> None:
    # snippet 0: its own text on x and a lent example between x and y; snippet 1:
    # its own text on y, nothing lent; snippet 2: its own text on z and a lent
    # example nearer z than y. The lent examples bring 0 and 2 nearer to the other
    # snippets' texts than their own texts do: that lift, per borrower on average
    # over the other snippets' texts, then its median, is taken off both.
    x, y, z = np.eye(3, dtype=np.float32)
    toward_y = (x + y) / np.linalg.norm(x + y)
    less_toward_y = (z + 0.5 * y) / np.linalg.norm(z + 0.5 * y)
    vectors = np.stack([x, toward_y, y, z, less_toward_y])
    owners = np.asarray([0, 0, 1, 2, 2])
    lent = np.asarray([False, True, False, False, True])
    members = np.ones(3, dtype=bool)

    def lift(snippet: int) -> float:
        mine = owners == snippet
        own = mine & ~lent
        probes = vectors[~mine]
        gains = (vectors[mine] @ probes.T).max(axis=0) - (vectors[own] @ probes.T).max(axis=0)
        return float(gains.mean())

    assert lift(0) > lift(2) > 0
    typical = float(np.median([lift(0), lift(2)])) * NEAREST_BACKGROUND_FACTOR
    space = EmbeddingSpace(_Unused(), members, vectors, owners, lent)
    assert space.background[0] == pytest.approx(typical)
    assert space.background[2] == pytest.approx(typical)  # one figure: their order kept
    assert space.background[1] == 0.0
    # a pack's own examples (nothing marked lent) keep their lift
    assert not EmbeddingSpace(_Unused(), members, vectors, owners).background.any()
    # the blend takes it off the borrowers' nearest-text half of the semantic score
    query = (x + 2 * y) / np.linalg.norm(x + 2 * y)
    corrected, kept = np.zeros(3), np.zeros(3)
    space.blend(query, {}, corrected, only=members)
    EmbeddingSpace(_Unused(), members, vectors, owners).blend(query, {}, kept, only=members)
    assert kept[0] - corrected[0] == pytest.approx(EMBED_WEIGHT * 0.5 * typical)
    assert corrected[1] == kept[1]
