"""The suggestion index of a loaded library (expander/suggest/library_index.py):
kept with the library, rebuilt after an accepted reply, built once."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import expander
import expander.suggest.library_index
from expander.errors import ExpanderError
from expander.suggest import accept, learned_examples, suggest, suggester_for
from expander.suggest.ranker import Suggester

SNIPPETS = Path(__file__).resolve().parents[2] / "snippets"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, list[str]]]:
    """Each index build's learned examples; the indexes rank on words alone (fast)."""
    built: list[dict[str, list[str]]] = []

    def lexical(library: expander.Library, *, learned: Any, learned_folder: Any) -> Suggester:
        built.append(learned)
        return Suggester(library, learned=learned, embedder=None, learned_folder=learned_folder)

    monkeypatch.setattr(expander.suggest.library_index, "Suggester", lexical)
    return built


def english(**kwargs: Any) -> expander.Library:
    return expander.load(SNIPPETS / "en.toml", include_bundled=False, **kwargs)


def test_the_index_is_built_once_and_kept(builds: list[Any]) -> None:
    library = english()
    first = suggester_for(library)
    assert suggester_for(library) is first
    suggest(library, "Where is my parcel?")
    assert len(builds) == 1
    assert suggester_for(english()) is not first  # another library, another index


def test_threads_asking_at_once_share_one_build(builds: list[Any]) -> None:
    library = english()
    got: list[Suggester] = []
    threads = [
        threading.Thread(target=lambda: got.append(suggester_for(library))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and len(got) == 4 and all(s is got[0] for s in got)


def test_accepting_a_reply_rebuilds_the_index_with_the_new_example(builds: list[Any]) -> None:
    library = english(include_user=True)
    before = suggester_for(library)
    accept(library, "return-en", "How do I send the lamp back?")
    after = suggester_for(library)
    assert after is not before
    assert builds == [{}, {"return-en": ["How do I send the lamp back?"]}]
    learned = learned_examples(library)
    assert learned is not None and learned.by_snippet() == builds[-1]


def test_without_the_user_folder_nothing_is_learned(builds: list[Any]) -> None:
    library = english()
    assert learned_examples(library) is None
    with pytest.raises(ExpanderError, match="include_user=True"):
        accept(library, "return-en", "How do I send the lamp back?")


def test_the_index_goes_with_its_library(builds: list[Any]) -> None:
    library = english()
    suggester_for(library)
    gone: Callable[[], object] = weakref.ref(library)
    del library
    gc.collect()
    assert gone() is None


def test_a_snippet_that_cannot_render_is_left_out_not_the_whole_answer(tmp_path: Path) -> None:
    # a pack whose checks failed (two snippets including each other) still loads, with
    # its problems; a suggestion must not fail on it
    pack = tmp_path / "loop.toml"
    pack.write_text(
        '[pack]\nname = "loop"\nversion = "1.0.0"\nlanguage = "en"\n\n'
        '[[snippets]]\nid = "where"\ntitle = "Where is my parcel"\n'
        'keywords = ["parcel", "late", "arrived"]\nbody = "{snippet:again}"\n\n'
        '[[snippets]]\nid = "again"\ntitle = "Again"\nbody = "{snippet:where}"\n\n'
        '[[snippets]]\nid = "refund"\ntitle = "Refund"\nkeywords = ["refund"]\n'
        'body = "Your refund is on its way."\n',
        encoding="utf-8",
    )
    library = expander.load(pack, include_bundled=False)
    assert any(p.is_error for p in library.problems)
    answer = suggest(library, "My parcel is late, it has not arrived.", 3, min_score=0)
    assert [s.snippet.id for s in answer] == ["refund"]
