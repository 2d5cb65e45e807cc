"""A suggestion runs only the encoders whose snippets could rank (``Suggester._final_scores``).

A snippet in another language than the e-mail's scores at most 100 × the other-language
factor, so where the e-mail's own language fills the places shown above that bound, the
other languages' encoders (e5 for Polish and Russian snippets, and for Russian typed in
Latin letters) are not run. These tests count the runs of each real encoder and check that
the suggestions are exactly those of a ranking that runs every encoder.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w

import expander
from expander.suggest import Suggester
from expander.suggest.e5 import E5Encoder
from expander.suggest.minilm import MiniLMEncoder
from expander.suggest.onnxrun import OnnxSentenceEncoder

DATA = Path(__file__).parent.parent / "data"
PER_LANGUAGE = 8

LATE_PARCEL = (
    "Hello,\n\nmy order 48213 was supposed to arrive last Tuesday and it still hasn't come. "
    "The tracking page has said 'in transit' for a week. Where is my parcel?\n\nThanks,\nAnna"
)
OFF_TOPIC = "Hi, who founded your company and in which year? Just curious. Mark"


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """The runs of each encoder (by class name) while the test suggests."""
    counted: Counter[str] = Counter()
    encode_one = OnnxSentenceEncoder._encode_one

    def counting(self: OnnxSentenceEncoder, text: str) -> object:
        counted[type(self).__name__] += 1
        return encode_one(self, text)

    monkeypatch.setattr(OnnxSentenceEncoder, "_encode_one", counting)
    yield counted


@pytest.fixture(scope="module")
def bundled() -> Suggester:
    return Suggester(expander.load())


@pytest.fixture(scope="module")
def with_borrowers(tmp_path_factory: pytest.TempPathFactory) -> Suggester:
    """The bundled packs and a team's pack whose English snippets have no examples:
    they borrow the bundled ones' (their lenders, loaded too, stand aside for them)."""
    source = tomllib.loads((Path(expander.bundled_dir()) / "en.toml").read_text("utf-8"))
    team = {
        "pack": {"name": "team-en", "version": "1.0.0", "language": "en"},
        "snippets": [
            {"id": f"team-{s['id']}", "title": s["title"], "body": s["body"]}
            for s in source["snippets"][:25]
        ],
    }
    pack = tmp_path_factory.mktemp("team") / "team-en.toml"
    pack.write_bytes(tomli_w.dumps(team).encode("utf-8"))
    suggester = Suggester(expander.load(pack, include_bundled=True, strict=True))
    assert suggester._lender_in_library, "no team snippet borrowed: the test proves nothing"
    return suggester


def emails() -> list[str]:
    texts = [LATE_PARCEL, OFF_TOPIC]
    for language in ("en", "pl", "ru"):
        document = tomllib.loads((DATA / "emails_holdout" / f"{language}.toml").read_text("utf-8"))
        texts += [email["text"] for email in document["emails"][:PER_LANGUAGE]]
    return texts


def outcome(suggester: Suggester, text: str, limit: int) -> list[tuple[str, float, bool, object]]:
    return [
        (s.snippet.id, s.score, s.confident, s.agreed_lead)
        for s in suggester.suggest(text, limit, min_score=0)
    ]


def every_encoder(suggester: Suggester, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``suggester`` rank as before: no snippet's encoder left out."""
    monkeypatch.setattr(suggester, "_other_languages", lambda language: None)


def test_an_english_email_runs_the_english_encoder_alone(
    bundled: Suggester, runs: Counter[str]
) -> None:
    found = bundled.suggest(LATE_PARCEL, 3, min_score=0)
    assert found[0].snippet.language == "en"
    assert runs == Counter({MiniLMEncoder.__name__: 1})


def test_without_the_bound_every_encoder_runs(
    bundled: Suggester, runs: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the counterpart of the test above: the e-mail is also scored against the Polish and
    # Russian snippets by e5, and against the Russian ones once more in Cyrillic letters
    every_encoder(bundled, monkeypatch)
    bundled.suggest(LATE_PARCEL, 3, min_score=0)
    assert runs == Counter({MiniLMEncoder.__name__: 1, E5Encoder.__name__: 2})


def test_an_email_that_matches_nothing_well_runs_every_encoder(
    bundled: Suggester, runs: Counter[str]
) -> None:
    # its best English snippets score under the other languages' bound, so those
    # could rank: they are scored
    found = bundled.suggest(OFF_TOPIC, 10, min_score=0)
    assert found[-1].score <= 20
    assert runs[E5Encoder.__name__] >= 1


@pytest.mark.parametrize("limit", [1, 3, 10])
@pytest.mark.parametrize("fixture", ["bundled", "with_borrowers"])
def test_the_suggestions_are_those_of_every_encoder(
    fixture: str, limit: int, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    suggester: Suggester = request.getfixturevalue(fixture)
    texts = emails()
    pruned = [outcome(suggester, text, limit) for text in texts]
    defaults = [[s.snippet.id for s in suggester.suggest(text)] for text in texts]
    every_encoder(suggester, monkeypatch)
    assert pruned == [outcome(suggester, text, limit) for text in texts]
    assert defaults == [[s.snippet.id for s in suggester.suggest(text)] for text in texts]
