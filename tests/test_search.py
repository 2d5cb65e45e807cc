"""The search palette's ranking (expander/search.py): finding a snippet by what the
agent remembers of it, typed in a hurry."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import expander
from expander.library import Library
from expander.search import HALF_LIFE_DAYS, SnippetIndex, frecency, index_for

PACK = """\
[pack]
name = "shop"
version = "1.0.0"

[[snippets]]
id = "delay"
trigger = ";delay"
title = "Order delayed: apology and new date"
body = "Dear {name}, your order is late; it will arrive soon."

[[snippets]]
id = "track"
trigger = ";track"
title = "Tracking request"
keywords = ["where is my parcel"]
body = "Your tracking number is {tracking}; follow the parcel on our site."

[[snippets]]
id = "pieniadze"
trigger = ";pieniadze"
title = "Status zwrotu pieniędzy"
body = "Zwrot pieniędzy został zlecony."

[[snippets]]
id = "wymiana"
trigger = ";wymiana"
title = "Wymiana towaru"
body = "Prosimy o odesłanie towaru w celu wymiany."

[[snippets]]
id = "povrezhden"
trigger = ";povr"
title = "Повреждённая посылка"
body = "Пришлите, пожалуйста, фото повреждений."

[[snippets]]
id = "otmena"
trigger = ";otmena"
title = "Отмена заказа"
body = "Ваш заказ отменён, деньги вернутся в течение 5 дней."

[[snippets]]
id = "sig"
trigger = ";sig"
title = "Sign-off"
body = "Kind regards, {agent}"
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    path = tmp_path_factory.mktemp("packs") / "shop.toml"
    path.write_text(PACK, encoding="utf-8")
    loaded = expander.load(path, include_bundled=False)
    assert not loaded.errors
    return loaded


def ids(library: Library, query: str, **kwargs: object) -> list[str]:
    return [hit.snippet.id for hit in index_for(library).search(query, **kwargs)]  # type: ignore[arg-type]


def test_the_trigger_title_keywords_and_body_are_all_searched(library: Library) -> None:
    assert ids(library, "delay")[0] == "delay"  # the trigger, and the title's "delayed"
    assert ids(library, "where is my parcel")[0] == "track"  # keywords
    assert ids(library, "tracking number")[0] == "track"  # title and body


def test_a_typo_still_finds_the_snippet(library: Library) -> None:
    assert ids(library, "dleayed")[0] == "delay"
    assert ids(library, "trakcing")[0] == "track"


def test_a_word_being_typed_matches_as_a_prefix(library: Library) -> None:
    assert ids(library, "trac")[0] == "track"
    assert ids(library, "order dela")[0] == "delay"


def test_polish_typed_without_diacritics_finds_the_polish_snippet(library: Library) -> None:
    assert ids(library, "zwrot pieniedzy")[0] == "pieniadze"
    assert ids(library, "wymiana towaru")[0] == "wymiana"


def test_russian_typed_in_latin_letters_finds_the_russian_snippet(library: Library) -> None:
    assert ids(library, "povrezhdennaya posylka")[0] == "povrezhden"
    assert ids(library, "otmena zakaza")[0] == "otmena"
    assert ids(library, "Отмена")[0] == "otmena"  # and in Cyrillic, of course


def test_words_match_in_any_order(library: Library) -> None:
    index = index_for(library)
    forward = index.search("order delayed")
    backward = index.search("delayed order")
    assert [h.snippet.id for h in forward] == [h.snippet.id for h in backward]
    assert forward[0].snippet.id == "delay" and forward[0].score == backward[0].score


def test_a_snippet_with_every_query_word_outranks_one_with_some(library: Library) -> None:
    hits = index_for(library).search("parcel tracking")
    assert hits[0].snippet.id == "track"
    assert all(h.score < hits[0].score for h in hits[1:])


def test_a_query_nothing_resembles_finds_nothing(library: Library) -> None:
    assert ids(library, "xylophone") == []


def test_a_one_letter_word_looks_at_triggers_and_titles_not_bodies(library: Library) -> None:
    # "f" begins "follow" and "фото" in bodies only: being typed, it means nothing yet
    assert ids(library, "f") == []
    assert ids(library, "s") == ["sig", "pieniadze"]  # ";sig", "Sign-off"; "Status"


def test_the_empty_query_lists_the_most_used_first_then_the_rest(library: Library) -> None:
    today = dt.date(2026, 12, 5)
    usage = frecency(
        [
            ("shop:track", "2026-11-05", 5),  # often, a month ago
            ("shop:sig", "2026-12-05", 1),  # once, today
            ("shop:otmena", "2026-12-04", 3),  # three times, yesterday
        ],
        today,
    )
    assert ids(library, "", usage=usage) == [
        "otmena",
        "sig",
        "track",
        "delay",
        "pieniadze",
        "wymiana",
        "povrezhden",
    ]
    assert ids(library, "  ", usage=usage, limit=2) == ["otmena", "sig"]


def test_usage_breaks_ties_between_equal_matches_only(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "twins.toml"
    twins = "\n".join(
        f'[[snippets]]\nid = "{name}"\ntitle = "Refund issued"\nbody = "Done."\n'
        for name in ("first", "second")
    )
    path.write_text(f'[pack]\nname = "t"\nversion = "1.0.0"\n\n{twins}', encoding="utf-8")
    twin_library = expander.load(path, include_bundled=False)
    assert ids(twin_library, "refund") == ["first", "second"]
    assert ids(twin_library, "refund", usage={"t:second": 0.1}) == ["second", "first"]
    # usage never lifts a worse match over a better one
    assert ids(library, "wymiana towaru", usage={"shop:pieniadze": 99.0})[0] == "wymiana"


def test_frecency_halves_a_use_every_half_life() -> None:
    today = dt.date(2026, 12, 5)
    week_ago = (today - dt.timedelta(days=int(HALF_LIFE_DAYS))).isoformat()
    scores = frecency(
        [("a:x", today.isoformat(), 2), ("a:y", week_ago, 2), ("a:y", "not a day", 9)], today
    )
    assert scores == {"a:x": 2.0, "a:y": pytest.approx(1.0)}


def test_the_index_is_built_once_per_library(library: Library) -> None:
    assert index_for(library) is index_for(library)
    assert isinstance(index_for(library), SnippetIndex) and len(index_for(library)) == 7


def test_the_ranking_loads_no_numpy_nor_desktop_library() -> None:
    code = (
        "import sys, expander.search; "
        "bad = {'numpy', 'tkinter', 'pynput', 'onnxruntime'} & set(sys.modules); "
        "sys.exit(sorted(bad) or 0)"
    )
    root = str(Path(__file__).resolve().parents[1])
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
