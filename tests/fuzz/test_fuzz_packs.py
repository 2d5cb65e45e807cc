"""Random pack files through the loader and the library: loading never raises,
``strict=True`` raises only :class:`~expander.errors.PackError`, and every
snippet that loads renders or raises Expander's own error, within the budget.

Packs are drawn two ways: as TOML documents (the ``[pack]`` table and
``[[snippets]]`` with keys right, misspelt or unknown and values of every TOML
type, templates from the template grammar), then perhaps cut or spliced as
text; and as raw text or bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

import expander
from expander.library import Library
from expander.model import Layer
from expander.packs import PACK_KEYS, SNIPPET_KEYS, load_pack
from tests.fuzz.conftest import FUZZ, LIBRARY_ERRORS, TIMEOUT, bounded
from tests.fuzz.test_fuzz_templates import SNIPPET_IDS, templates

pytestmark = [pytest.mark.slow, pytest.mark.timeout(TIMEOUT)]

_scalars = st.one_of(
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True),
    st.booleans(),
    st.datetimes(timezones=st.none() | st.just(dt.UTC)),
    st.dates(),
    st.times(),
)
_toml_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
_keys = st.sampled_from([*PACK_KEYS, *SNIPPET_KEYS, "nmae", "Body", "snippets", "pack", ""])


def _value_for(key: str) -> st.SearchStrategy[Any]:
    """A plausible value for ``key`` most of the time, anything TOML can hold otherwise."""
    plausible: dict[str, st.SearchStrategy[Any]] = {
        "name": st.sampled_from(["support-en", "x", "Bad Name", "a" * 70]),
        "version": st.sampled_from(["1.0.0", "1.0", "1.0.0-rc.1+b", "01.0.0", ""]),
        "language": st.sampled_from(["en", "pl", "pt-BR", "english", "e"]),
        "inject": st.sampled_from(["auto", "type", "paste", "clipboard"]),
        "order_patterns": st.lists(
            st.sampled_from([r"#(\d{6})", r"(?P<order>[A-Z]{2}-\d+)", "(", "[", r"a{99999}"])
            | st.text(st.sampled_from("()[]{}?*+|\\d.P<>a1"), max_size=10),
            max_size=3,
        ),
        "id": st.sampled_from(SNIPPET_IDS) | st.text(max_size=8),
        "trigger": st.sampled_from([";a", ";b", ";ab", ";", "a b", ";\x00"]) | st.text(max_size=5),
        "title": st.text(max_size=10),
        "body": templates,
        "keywords": st.lists(st.text(max_size=8), max_size=3),
        "examples": st.lists(st.text(max_size=30), max_size=2),
        "tags": st.lists(st.text(max_size=8), max_size=2),
        "word_boundary": st.booleans(),
        "propagate_case": st.booleans(),
    }
    if key not in plausible:
        return _toml_values
    return plausible[key] | _toml_values


@st.composite
def _table(draw: st.DrawFn, keys: list[str], required: tuple[str, ...]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for key in required:
        if draw(st.integers(0, 9)):  # a required key is left out one time in ten
            table[key] = draw(_value_for(key))
    for key in draw(st.lists(st.sampled_from(keys) | _keys, max_size=4)):
        table[key] = draw(_value_for(key))
    return table


_pack_table = _table(list(PACK_KEYS), ("name", "version"))
_snippet_table = _table(list(SNIPPET_KEYS), ("id", "title", "body"))


@st.composite
def pack_documents(draw: st.DrawFn, header: bool = True) -> str:
    """A pack file's TOML, from a document of random tables, perhaps cut or spliced."""
    doc: dict[str, Any] = {}
    if header and draw(st.integers(0, 9)):
        doc["pack"] = draw(_pack_table)
    doc["snippets"] = draw(st.lists(_snippet_table, max_size=4))
    if not draw(st.integers(0, 9)):
        doc[draw(st.text(max_size=5))] = draw(_toml_values)
    text = tomli_w.dumps(doc)
    cut = draw(st.integers(0, len(text)))
    edit = draw(st.sampled_from(["keep", "keep", "cut", "splice", "drop-line"]))
    if edit == "cut":
        text = text[:cut]
    elif edit == "splice":
        text = (
            text[:cut]
            + draw(st.text(st.sampled_from("[]{}\"'=\n#\\ ,x1"), max_size=4))
            + text[cut:]
        )
    elif edit == "drop-line":
        lines = text.splitlines(keepends=True)
        if lines:
            del lines[cut % len(lines)]
        text = "".join(lines)
    return text


_raw = st.one_of(
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.binary(max_size=300),
    pack_documents().map(lambda t: b"\xef\xbb\xbf" + t.encode()),
)


def _load_everything(path: Path) -> None:
    """What the app and the CLI do with a pack: load it, merge it, render every snippet."""
    loaded = load_pack(path, Layer.TEAM)
    assert all(problem.path is not None for problem in loaded.problems)
    library = Library([loaded.pack] if loaded.pack else [], loaded.problems)
    _ = library.errors, library.triggers
    for snippet in library.snippets:
        _ = library.fields_of(snippet), library.uses_clipboard(snippet)
        _render(library, snippet.id)
    expander.load(path, include_bundled=False, strict=True)  # PackError when anything is wrong


def _render(library: Library, snippet_id: str) -> None:
    try:
        library.render(snippet_id, {"name": "Ann"}, today=dt.date(2026, 1, 2))
    except LIBRARY_ERRORS:
        pass


@FUZZ
@given(text=pack_documents())
def test_a_random_pack_file_loads_with_problems_never_an_exception(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(text, encoding="utf-8")
    bounded(lambda: _load_everything(path), memory_mib=32, allowed=LIBRARY_ERRORS)


@FUZZ
@given(manifest=pack_documents(), more=st.lists(pack_documents(header=False), max_size=2))
def test_a_random_pack_folder_loads_with_problems_never_an_exception(
    tmp_path: Path, manifest: str, more: list[str]
) -> None:
    folder = tmp_path / "folder"
    (folder / "more").mkdir(parents=True, exist_ok=True)
    (folder / "pack.toml").write_text(manifest, encoding="utf-8")
    for old in (folder / "more").iterdir():
        old.unlink()
    for number, text in enumerate(more):
        (folder / "more" / f"{number}.toml").write_text(text, encoding="utf-8")
    bounded(lambda: _load_everything(folder), memory_mib=32, allowed=LIBRARY_ERRORS)


@FUZZ
@given(raw=_raw)
def test_random_bytes_as_a_pack_file_load_with_problems_never_an_exception(
    tmp_path: Path, raw: bytes
) -> None:
    path = tmp_path / "pack.toml"
    path.write_bytes(raw)
    bounded(lambda: _load_everything(path), memory_mib=32, allowed=LIBRARY_ERRORS)
