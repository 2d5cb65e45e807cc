"""The benchmark's data is well formed: the blind and development e-mail sets in tests/data and
the manager packs in bench/packs, which bench/suggest_quality.py and
bench/fields_quality.py score (a typo in an id would silently count as a miss)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import expander

REPO = Path(__file__).resolve().parents[2]
BLIND_SETS = sorted(  # the blind sets and the development sets written the same way
    p.name for d in ("emails_blind*", "emails_dev*") for p in (REPO / "tests" / "data").glob(d)
)
MANAGER_PACKS = sorted(p.name for p in (REPO / "bench" / "packs").iterdir() if p.is_dir())
LANGUAGES = ("en", "pl", "ru")


@pytest.fixture(scope="module")
def bundled_ids() -> dict[str, set[str]]:
    library = expander.load(strict=True)
    ids: dict[str, set[str]] = {}
    for snippet in library.snippets:
        ids.setdefault(snippet.language, set()).add(snippet.id)
    return ids


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", BLIND_SETS)
def test_blind_set_names_bundled_ids_and_records_fields(
    name: str, language: str, bundled_ids: dict[str, set[str]]
) -> None:
    path = REPO / "tests" / "data" / name / f"{language}.toml"
    emails = tomllib.loads(path.read_text("utf-8"))["emails"]
    assert len(emails) >= 50
    assert len({e["text"] for e in emails}) == len(emails), "duplicate e-mail"
    for email in emails:
        assert email["expected"] == "none" or email["expected"] in bundled_ids[language], email
        assert set(email.get("also", [])) <= bundled_ids[language], email["also"]
        assert isinstance(email["name"], str) and isinstance(email["order"], str)
    assert sum(e["expected"] == "none" for e in emails) >= 5


@pytest.mark.parametrize("pack", MANAGER_PACKS)
def test_manager_packs_load_and_answer_with_bundled_ids(
    pack: str, bundled_ids: dict[str, set[str]]
) -> None:
    files = sorted((REPO / "bench" / "packs" / pack).glob("*.toml"))
    library = expander.load(*files, include_bundled=False, strict=True)
    assert {s.language for s in library.snippets} == set(LANGUAGES)
    for snippet in library.snippets:
        assert snippet.id in bundled_ids[snippet.language], snippet.id
        assert not snippet.examples, snippet.id  # written as a manager would: no examples
