"""Examples the bundled packs lend to a team's snippets that have none
(expander.suggest.example_bank), with the bundled encoders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tomli_w

import expander
from expander.suggest.example_bank import _mutual_nearest_pairs, bundled_examples
from expander.suggest.ranker import Suggester

pytestmark = pytest.mark.slow  # the sentence encoders embed every text

LATE = {
    "id": "late",
    "title": "Your order is running late",
    "keywords": ["late", "delay", "not arrived", "where is my order", "still waiting"],
    "body": "Hello {name}, we are sorry: your order {order} is delayed and will reach you "
    "within 3 working days.",
}
OFF_TOPIC = [  # questions the bundled packs have no snippet for
    {
        "id": "gift",
        "title": "Gift wrapping and gift messages",
        "keywords": ["gift wrap", "present", "card", "message", "wrapping paper"],
        "body": "Hello, we can gift-wrap any item for 3 EUR and add a handwritten card.",
    },
    {
        "id": "loyalty",
        "title": "Loyalty points: how to collect and spend them",
        "keywords": ["points", "loyalty", "club", "rewards", "balance"],
        "body": "Every 1 EUR spent gives you 1 point; 100 points are a 5 EUR voucher.",
    },
    {
        "id": "wholesale",
        "title": "Wholesale and business orders",
        "keywords": ["wholesale", "bulk", "b2b", "reseller", "price list"],
        "body": "For orders of 50 items or more our B2B team sends you the price list.",
    },
]
HURT = {  # Polish: wholesale orders, not a bundled question either
    "id": "hurt",
    "title": "Zamówienia hurtowe",
    "keywords": ["hurt", "hurtowe", "cennik", "firma", "duże zamówienie"],
    "body": "Przy zamówieniach od 50 sztuk oferujemy ceny hurtowe; cennik wyśle dział B2B.",
}
OPÓŹNIENIE = {
    "id": "opoznienie",
    "title": "Zamówienie się spóźnia",
    "keywords": ["opóźnienie", "spóźnia się", "nie dotarło", "gdzie paczka", "czekam"],
    "body": "Dzień dobry, przepraszamy: zamówienie {order} jest opóźnione, dotrze do "
    "Państwa w ciągu 3 dni roboczych.",
}


def team_pack(tmp_path: Path, language: str, *snippets: dict[str, object]) -> expander.Library:
    path = tmp_path / f"team-{language}.toml"
    document = {
        "pack": {"name": f"team-{language}", "version": "1.0.0", "language": language},
        "snippets": list(snippets),
    }
    path.write_text(tomli_w.dumps(document), "utf-8")
    return expander.load(path, include_bundled=False, strict=True)


def lent(suggester: Suggester) -> dict[str, str]:
    return {suggester.snippets[i].id: b.id for i, b in suggester.lenders.items()}


def test_a_snippet_without_examples_borrows_its_bundled_counterparts(tmp_path: Path) -> None:
    suggester = Suggester(team_pack(tmp_path, "en", LATE, *OFF_TOPIC))
    assert lent(suggester) == {"late": "order-delayed-en"}
    index = [s.id for s in suggester.snippets].index("late")
    assert suggester.with_examples[index]
    lender = suggester.lenders[index]
    assert lender.examples and all(e in suggester._examples_of[index] for e in lender.examples)  # noqa: SLF001


def test_polish_snippets_borrow_from_the_polish_pack_by_e5(tmp_path: Path) -> None:
    suggester = Suggester(team_pack(tmp_path, "pl", OPÓŹNIENIE, HURT))
    assert lent(suggester) == {"opoznienie": "order-delayed-pl"}


def test_questions_the_bundled_packs_do_not_answer_borrow_nothing(tmp_path: Path) -> None:
    assert lent(Suggester(team_pack(tmp_path, "en", *OFF_TOPIC))) == {}
    assert lent(Suggester(team_pack(tmp_path, "pl", HURT))) == {}


def test_a_bundled_snippet_lends_to_one_snippet_only(tmp_path: Path) -> None:
    twin = {**LATE, "id": "late-too", "title": "Delivery delayed, sorry"}
    assert list(lent(Suggester(team_pack(tmp_path, "en", LATE, twin))).values()) == [
        "order-delayed-en"
    ]


def test_a_snippet_with_examples_of_its_own_borrows_none(tmp_path: Path) -> None:
    own = {**LATE, "examples": ["my parcel is a week late"]}
    assert lent(Suggester(team_pack(tmp_path, "en", own))) == {}


def test_lent_examples_rank_the_right_reply_for_words_the_pack_never_uses(
    tmp_path: Path,
) -> None:
    # "courier", "days", "ages" appear in no text of the team's pack, but in the
    # bundled delay snippet's examples; the confident reply follows them
    library = team_pack(tmp_path, "en", LATE, *OFF_TOPIC)
    email = "Hi, ordered ages ago and the courier still has not brought anything. Any news?"
    with_bank = Suggester(library).suggest(email, 1, min_score=0)
    assert with_bank[0].snippet.id == "late"
    assert any(
        r.startswith("examples lent by the bundled “Order delayed") for r in with_bank[0].reasons
    )
    assert (
        with_bank[0].score
        > Suggester(library, example_bank=None).suggest(email, 1, min_score=0)[0].score
    )


def test_no_bank_or_an_encoder_of_ones_own_lends_nothing(tmp_path: Path) -> None:
    library = team_pack(tmp_path, "en", LATE)
    assert lent(Suggester(library, example_bank=None)) == {}
    assert lent(Suggester(library, embedder=None)) == {}


def test_the_bank_is_the_bundled_snippets_with_examples_in_a_language() -> None:
    bank = bundled_examples()
    assert {s.language for s in bank} == {"en", "pl", "ru"}
    assert all(s.examples for s in bank)
    assert bundled_examples() is bank  # loaded once


def test_with_the_bundled_packs_loaded_too_the_teams_reply_stands_in_for_its_lender(
    tmp_path: Path,
) -> None:
    path = tmp_path / "team.toml"
    document = {
        "pack": {"name": "team", "version": "1.0.0", "language": "en"},
        "snippets": [LATE],
    }
    path.write_text(tomli_w.dumps(document), "utf-8")
    library = expander.load(path, strict=True)  # the bundled packs and the team's
    suggester = Suggester(library)
    assert lent(suggester) == {"late": "order-delayed-en"}
    # worded like the bundled snippet's title: on its own score it ranks first
    email = "Sorry to bother you, what is the new delivery date for my delayed order?"
    ranked = [s.snippet.id for s in suggester.suggest(email, 5, min_score=0)]
    assert ranked[0] == "late"
    # the bundled reply it borrowed from is not offered beside it: a second copy of
    # the answer would take a candidate's place and, as the runner-up, hide the lead
    assert "order-delayed-en" not in ranked
    assert len(ranked) == 5
    everything = [s.snippet.id for s in suggester.suggest(email, 500, min_score=0)]
    assert "order-delayed-en" not in everything
    assert len(everything) == len(library.snippets) - 1


def test_a_borrower_is_judged_as_such_unless_its_lender_is_loaded_too(tmp_path: Path) -> None:
    # alone, "late" scores with the lent examples' lift taken off: the lent
    # examples' thresholds; beside its lender it takes the lender's score, from
    # examples of the lender's own: those thresholds
    alone = Suggester(team_pack(tmp_path, "en", LATE))
    assert alone._judged_as_lent == {0}  # noqa: SLF001
    path = tmp_path / "team.toml"
    document = {"pack": {"name": "team", "version": "1.0.0", "language": "en"}, "snippets": [LATE]}
    path.write_text(tomli_w.dumps(document), "utf-8")
    beside = Suggester(expander.load(path, strict=True))
    late = next(i for i, s in enumerate(beside.snippets) if s.id == "late")
    assert late in beside.lenders
    assert late not in beside._judged_as_lent  # noqa: SLF001


def test_beside_its_lender_a_borrowers_lead_is_over_the_next_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the bundled reply it borrowed from, a copy of the answer, must not be the
    # runner-up the confidence rule measures the lead over (it scored 0.01 below)
    path = tmp_path / "team.toml"
    document = {"pack": {"name": "team", "version": "1.0.0", "language": "en"}, "snippets": [LATE]}
    path.write_text(tomli_w.dumps(document), "utf-8")
    suggester = Suggester(expander.load(path, strict=True))
    judged: list[tuple[float, float | None]] = []
    is_confident = Suggester.is_confident

    def spy(
        self: Suggester, score: float, runner_up: float | None = None, *a: Any, **k: Any
    ) -> bool:
        judged.append((score, runner_up))
        return is_confident(self, score, runner_up, *a, **k)

    monkeypatch.setattr(Suggester, "is_confident", spy)
    ranked = suggester.suggest("hi my parcel is delayed, when will it come??", 2, min_score=0)
    assert [s.snippet.id for s in ranked][0] == "late"
    assert ranked[1].snippet.id != "order-delayed-en"
    assert judged[0] == (
        pytest.approx(ranked[0].score, abs=0.05),
        pytest.approx(ranked[1].score, abs=0.05),
    )
    assert judged[0][0] - judged[0][1] > 10  # a clear lead, not 0.01


NO_CONFIRMATION = {  # from a manager-written pack: nearer to the bundled "cancel order"
    "id": "brak-potwierdzenia",
    "title": "Nie przyszło potwierdzenie",
    "keywords": ["brak maila", "potwierdzenie", "nie dostałem", "czy zamówienie przeszło", "spam"],
    "body": "Dzień dobry,\n\nzamówienie {order} jest w naszym systemie i jest realizowane. "
    "Potwierdzenie wysłaliśmy ponownie – prosimy sprawdzić też folder spam.",
}
CANCEL = {
    "id": "anulowanie",
    "title": "Anulowanie zamówienia",
    "keywords": ["anuluj", "rezygnuję", "nie chcę", "odwołać zamówienie", "anulowanie"],
    "body": "Dzień dobry,\n\nzamówienie {order} zostało anulowane. Jeśli było już opłacone, "
    "pieniądze wrócą na konto w ciągu kilku dni roboczych.",
}


def test_a_snippet_whose_nearest_lender_went_to_another_borrows_its_own(tmp_path: Path) -> None:
    # the bundled "cancel order" is the nearest to both; it goes to the team's own
    # cancel reply, and in the next round "no confirmation" finds its counterpart
    suggester = Suggester(team_pack(tmp_path, "pl", NO_CONFIRMATION, CANCEL))
    assert lent(suggester) == {
        "anulowanie": "cancel-order-pl",
        "brak-potwierdzenia": "no-confirmation-pl",
    }


def test_pairs_are_found_in_rounds_but_not_far_below_a_rows_nearest() -> None:
    similarity = np.asarray(
        [
            [0.95, 0.94, 0.10],  # row 0: nearest column 0, which row 1 is nearer to
            [0.97, 0.20, 0.10],
            [0.96, 0.10, 0.91],  # row 2: its column 2 lies 0.05 below its nearest
        ]
    )
    # e5's threshold 0.9: a later round allows 0.25 × 0.1 below a row's nearest
    assert sorted(_mutual_nearest_pairs(similarity, 0.9)) == [(0, 1), (1, 0)]
    assert sorted(_mutual_nearest_pairs(similarity, 0.6)) == [(0, 1), (1, 0), (2, 2)]


def test_the_bank_is_taken_from_a_library_that_holds_the_bundled_packs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from expander.suggest import example_bank

    library = expander.load()
    monkeypatch.setattr(example_bank, "_bundled", None)
    bank = bundled_examples(library)
    in_library = {id(s) for pack in library.packs for s in pack.snippets}
    assert bank and all(id(s) in in_library for s in bank)  # not parsed again
    monkeypatch.setattr(example_bank, "_bundled", None)
    parsed = bundled_examples()
    assert [
        (s.qualified_id, s.title, s.keywords, s.examples, s.body, s.language) for s in bank
    ] == [(s.qualified_id, s.title, s.keywords, s.examples, s.body, s.language) for s in parsed]


def test_a_library_without_every_bundled_pack_leaves_the_bank_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from expander.suggest import example_bank

    none = expander.load(include_bundled=False)  # no bundled pack at all
    monkeypatch.setattr(example_bank, "_bundled", None)
    assert {s.language for s in bundled_examples(none)} == {"en", "pl", "ru"}
