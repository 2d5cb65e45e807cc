"""Random templates from the template grammar, parsed and rendered: only
:class:`~expander.errors.TemplateError` or :class:`~expander.errors.MissingFieldsError`
may come out, within the time and memory budget.

Templates are kept small (a few snippets, a few includes each): the limits on
include depth and rendered length are not in this module's reach, and a
template bomb is a separate, targeted test there.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expander.errors import TemplateError
from expander.template import RenderContext, Template, parse
from tests.fuzz.conftest import FUZZ, LIBRARY_ERRORS, TIMEOUT, bounded

pytestmark = [pytest.mark.slow, pytest.mark.timeout(TIMEOUT)]

SNIPPET_IDS = ("a", "b", "c", "missing", "x.y-z")
FIELD_NAMES = ("name", "order", "Имя", "imię", "x-y", "date", "dates", "choice", "snippet", "_")

_names = st.sampled_from(FIELD_NAMES) | st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=6
)
_plain = st.text(
    st.sampled_from("ab ,.:|#^/\\-+\n\t{}ąяé'\"") | st.characters(codec="utf-8"), max_size=12
)
_date_format = st.sampled_from(
    ["short", "medium", "long", "iso", "D MMMM YYYY", "dddd", "'of' MMMM", "'", "Y", "x"]
) | st.text(st.sampled_from("DMYLd' .-/%x"), max_size=8)


def _field() -> st.SearchStrategy[str]:
    default = st.none() | _plain
    return st.builds(lambda n, d: "{" + n + ("" if d is None else "|" + d) + "}", _names, default)


_date = st.builds(
    lambda sign, count, unit, fmt: (
        "{date"
        + (f"{sign}{count}{unit}" if sign else "")
        + (f":{fmt}" if fmt is not None else "")
        + "}"
    ),
    st.sampled_from(["", "+", "-"]),
    st.integers(0, 99_999),
    st.sampled_from(["d", "wd", "w", "x", ""]),
    st.none() | _date_format,
)
_choice = st.builds(
    lambda name, options: "{choice" + (f" {name}" if name else "") + ":" + "|".join(options) + "}",
    st.none() | _names,
    st.lists(_plain, max_size=4),
)
_include = st.builds(lambda i: "{snippet:" + i + "}", st.sampled_from(SNIPPET_IDS) | _plain)
_atoms = st.one_of(
    _plain,
    _field(),
    _date,
    _choice,
    _include,
    st.sampled_from(["{cursor}", "{clipboard}", "{", "}", "{{", "}}", "{}", "{ }", "{#}", "{/}"]),
)


def _section(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda kind, name, inner, close: "{" + kind + name + "}" + inner + "{/" + close + "}",
        st.sampled_from(["#", "^", "# ", "/"]),
        _names,
        children,
        _names,
    )


templates = st.recursive(
    st.lists(_atoms, max_size=6).map("".join),
    lambda children: st.lists(children | _section(children), max_size=4).map("".join),
    max_leaves=12,
)
"""Template text built from the grammar's pieces, well formed or not."""

_fields = st.dictionaries(_names, _plain, max_size=4)
_days = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))  # a real 'today', see the report


@FUZZ
@given(
    body=templates,
    others=st.dictionaries(st.sampled_from(SNIPPET_IDS[:3]), templates, max_size=3),
    fields=_fields,
    today=_days,
    holidays=st.lists(_days, max_size=5),
    clipboard=st.none() | _plain,
    language=st.sampled_from([None, "en", "pl", "ru", "pt-BR", "xx"]),
    missing=st.sampled_from(["keep", "empty", "error"]),
)
def test_a_random_template_parses_and_renders_or_raises_a_template_error(
    body: str,
    others: dict[str, str],
    fields: dict[str, str],
    today: dt.date,
    holidays: list[dt.date],
    clipboard: str | None,
    language: str | None,
    missing: str,
) -> None:
    def resolve(snippet_id: str) -> tuple[Template, str | None]:
        if snippet_id not in others:
            raise TemplateError(f"no snippet {snippet_id!r}")
        return parse(others[snippet_id]), language

    def run() -> None:
        template = parse(body)
        assert template.walk is not None
        _ = template.fields, template.includes, template.uses_clipboard
        context = RenderContext(
            fields=fields,
            today=today,
            clipboard=clipboard,
            language=language,
            holidays=holidays,
            resolve=resolve,
            missing=missing,  # type: ignore[arg-type]
        )
        out = template.render(context, snippet_id="fuzzed")
        assert 0 <= out.cursor <= len(out.text)

    bounded(run, memory_mib=32, allowed=LIBRARY_ERRORS)


@FUZZ
@given(st.text(max_size=200) | st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace")))
def test_random_text_as_a_template_parses_or_raises_a_template_error(text: str) -> None:
    bounded(lambda: parse(text).render(RenderContext()), memory_mib=16, allowed=LIBRARY_ERRORS)
