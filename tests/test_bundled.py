"""The default packs we ship must be valid, complete and usable as they are."""

from __future__ import annotations

import datetime as dt

import pytest

import expander
from expander.library import pack_paths_in
from expander.packs import load_pack
from expander.paths import bundled_dir

LANGUAGES = ("en", "pl", "ru")
STANDARD_FIELDS = {
    "name",
    "order",
    "email",
    "phone",
    "tracking",
    "product",
    "amount",
    "code",
    "agent",
    "shop",
}


@pytest.fixture(scope="module")
def library() -> expander.Library:
    return expander.load()


def test_every_bundled_pack_loads_without_any_problem(library: expander.Library) -> None:
    assert [str(p) for p in library.problems] == []
    assert sorted(p.language or "" for p in library.packs) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_at_least_24_complete_snippets(
    library: expander.Library, language: str
) -> None:
    snippets = [s for s in library if s.language == language]
    assert len(snippets) >= 24
    for s in snippets:
        assert s.trigger and s.trigger.startswith(";"), s.id
        assert s.title.strip(), s.id
        assert len(s.keywords) >= 3, s.id
        assert len(s.examples) >= 3, s.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_snippets_render_completely_when_every_field_is_given(
    library: expander.Library, language: str
) -> None:
    for s in (s for s in library if s.language == language):
        fields = {name: f"<{name}>" for name in STANDARD_FIELDS}
        fields |= {f.name: f.options[0] for f in library.fields_of(s) if f.kind == "choice"}
        out = library.render(s, fields, clipboard="<clip>", today=dt.date(2026, 11, 20))
        assert out.missing == (), (s.id, out.missing)
        assert "{" not in out.text and "}" not in out.text, (s.id, out.text)
        assert library.render(s).text.strip(), s.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_snippets_use_only_the_standard_field_names(
    library: expander.Library, language: str
) -> None:
    for s in (s for s in library if s.language == language):
        for spec in library.fields_of(s):
            if spec.kind != "choice":
                assert spec.name in STANDARD_FIELDS, (s.id, spec.name)


def test_triggers_and_ids_are_unique_across_all_bundled_packs() -> None:
    triggers: dict[str, str] = {}
    ids: dict[str, str] = {}
    for path in pack_paths_in(bundled_dir()):
        loaded = load_pack(path)
        assert loaded.pack is not None
        for s in loaded.pack.snippets:
            assert s.trigger not in triggers, (s.trigger, triggers.get(s.trigger or ""))
            assert s.id not in ids
            triggers[s.trigger or ""] = s.id
            ids[s.id] = s.trigger or ""


@pytest.mark.parametrize(("language", "letters"), [("pl", "ąćęłńóśźż"), ("ru", "абвгдеёжз")])
def test_non_english_packs_are_written_in_their_language(
    library: expander.Library, language: str, letters: str
) -> None:
    text = " ".join(s.body + s.title for s in library if s.language == language).lower()
    assert sum(text.count(ch) for ch in letters) > 200
