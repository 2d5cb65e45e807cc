from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expander.errors import MissingFieldsError, TemplateError
from expander.template import FieldSpec, RenderContext, Template, parse

FRIDAY = dt.date(2026, 11, 20)


def render(text: str, **fields: str) -> str:
    return parse(text).render(RenderContext(fields=fields, today=FRIDAY)).text


# --- fields, defaults, escapes -----------------------------------------------------


def test_field_is_replaced_by_its_value() -> None:
    assert render("Hello {name}!", name="Anna") == "Hello Anna!"


def test_default_is_used_when_field_missing_or_blank() -> None:
    assert render("Hello {name|there}!") == "Hello there!"
    assert render("Hello {name|there}!", name="   ") == "Hello there!"
    assert render("Hello {name|there}!", name="Anna") == "Hello Anna!"


def test_default_may_contain_a_pipe_and_be_empty() -> None:
    assert render("[{x|a|b}]") == "[a|b]"
    assert render("[{x|}]") == "[]"


def test_missing_field_without_default_stays_visible_and_is_reported() -> None:
    out = parse("Order {order} for {name}").render(RenderContext())
    assert out.text == "Order {order} for {name}"
    assert out.missing == ("order", "name")


def test_missing_policy_empty_and_error() -> None:
    template = parse("Order {order}.")
    assert template.render(RenderContext(missing="empty")).text == "Order ."
    with pytest.raises(MissingFieldsError, match="order"):
        template.render(RenderContext(missing="error"), snippet_id="s")


def test_double_braces_are_literal() -> None:
    assert render("{{name}} and }}{{") == "{name} and }{"


def test_unicode_field_names_and_values() -> None:
    assert render("{imię} {имя}", **{"imię": "Zażółć", "имя": "Ёлка 🎄"}) == "Zażółć Ёлка 🎄"


def test_field_values_are_never_interpreted() -> None:
    value = "{clipboard} {date} {{ {snippet:x} {#a}b{/a} {cursor} {name}"
    out = parse("[{name}]").render(RenderContext(fields={"name": value}, clipboard="SECRET"))
    assert out.text == f"[{value}]"
    assert out.cursor == len(out.text)


# --- syntax errors carry line and column ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("Hello {name", "never closed", 1, 7),
        ("a\nb }", "lone '}'", 2, 3),
        ("x {}", "empty tag", 1, 3),
        ("{#order}open", "never closed", 1, 1),
        ("{/order}", "never opened", 1, 1),
        ("{#a}{#b}{/a}{/b}", "open section is {#b}", 1, 9),
        ("{cursor}{cursor}", "more than once", 1, 9),
        ("{date+2x}", "bad date tag", 1, 1),
        ("{date:foo}", "bad date format", 1, 1),
        ("{choice:only}", "at least two", 1, 1),
        ("{choice:a||b}", "at least two non-empty", 1, 1),
        ("{snippet:}", "bad snippet tag", 1, 1),
        ("{na me}", "cannot read tag", 1, 1),
        ("{date|x}", "bad date tag", 1, 1),
        ("{clipboard|x}", "built-in", 1, 1),
        ("{#clipboard}x{/clipboard}", "built-in", 1, 1),
        ("{a {b}}", "never closed", 1, 1),
    ],
)
def test_syntax_errors_say_what_and_where(text: str, message: str, line: int, column: int) -> None:
    with pytest.raises(TemplateError) as info:
        parse(text)
    assert message in info.value.message
    assert (info.value.line, info.value.column) == (line, column)


def test_unknown_tag_suggests_the_builtin_meant() -> None:
    with pytest.raises(TemplateError, match=r"did you mean \{clipboard"):
        parse("{clipbord:x}")


def test_fields_named_like_builtins_are_fields() -> None:
    assert (
        render(
            "{dates} {snippets} {choices} {date_of_order}",
            dates="1",
            snippets="2",
            choices="3",
            date_of_order="4",
        )
        == "1 2 3 4"
    )


# --- built-ins ---------------------------------------------------------------------------


def test_dates_with_offsets_and_formats() -> None:
    assert render("{date}") == "20 November 2026"
    assert render("{date:iso} {date+3d:iso} {date-1d:iso} {date+1w:iso}") == (
        "2026-11-20 2026-11-23 2026-11-19 2026-11-27"
    )
    assert render("{date+2wd:long}") == "Tuesday, 24 November 2026"


def test_date_names_follow_the_language() -> None:
    template = parse("{date+2wd} | {date+2wd:long} | {date+3wd:on} | {date:LLLL}")

    def in_language(language: str) -> str:
        return template.render(RenderContext(today=FRIDAY, language=language)).text

    assert in_language("pl") == (
        "24 listopada 2026 | wtorek, 24 listopada 2026 | w środę | listopad"
    )
    assert in_language("ru-RU") == ("24 ноября 2026 | вторник, 24 ноября 2026 | в среду | ноябрь")
    assert in_language("de") == (
        "24 November 2026 | Tuesday, 24 November 2026 | on Wednesday | November"
    )


def test_clipboard_is_inserted_literally_or_reported_missing() -> None:
    template = parse("See: {clipboard}")
    assert template.render(RenderContext(clipboard="{name} x")).text == "See: {name} x"
    out = template.render(RenderContext())
    assert out.text == "See: {clipboard}"
    assert out.missing == ("clipboard",)
    assert template.uses_clipboard


def test_cursor_offset_counts_characters_and_defaults_to_end() -> None:
    out = parse("Dzień dobry {name},\n{cursor}\nPozdrawiam").render(
        RenderContext(fields={"name": "Łucja"})
    )
    assert out.text == "Dzień dobry Łucja,\n\nPozdrawiam"
    assert out.text[: out.cursor] == "Dzień dobry Łucja,\n"
    plain = parse("abc").render(RenderContext())
    assert plain.cursor == 3


def test_choices_are_fields_with_options() -> None:
    template = parse("We offer {choice:a refund|an exchange}. Or {choice:x|y}. {choice fix:A|B}")
    assert template.fields == (
        FieldSpec("choice", "choice", options=("a refund", "an exchange")),
        FieldSpec("choice2", "choice", options=("x", "y")),
        FieldSpec("fix", "choice", options=("A", "B")),
    )
    out = template.render(RenderContext(fields={"choice": "an exchange", "fix": "B"}))
    assert out.text == "We offer an exchange. Or {choice:x|y}. B"
    assert out.missing == ("choice2",)


def test_optional_sections_and_inverted_sections() -> None:
    text = "Hi{#name} {name}{/name}{^name} there{/name}!{#order} Order {order}.{/order}"
    assert render(text) == "Hi there!"
    assert render(text, name="Jan", order="#1") == "Hi Jan! Order #1."


def test_missing_field_inside_a_hidden_section_is_not_reported() -> None:
    out = parse("{#order}{order} {tracking}{/order}").render(RenderContext())
    assert out.text == ""
    assert out.missing == ()


def test_nested_sections() -> None:
    text = "{#a}A{#b}B{/b}{/a}"
    assert render(text) == ""
    assert render(text, a="1") == "A"
    assert render(text, a="1", b="1") == "AB"


def test_include_renders_nested_snippet_with_the_same_fields() -> None:
    templates = {"sig": (parse("Regards, {agent|Support}"), "en")}
    out = parse("Thanks {name}.\n{snippet:sig}").render(
        RenderContext(fields={"name": "Ola", "agent": "Kasia"}, resolve=templates.__getitem__)
    )
    assert out.text == "Thanks Ola.\nRegards, Kasia"


def test_include_cycle_is_an_error_not_a_hang() -> None:
    templates: dict[str, tuple[Template, str | None]] = {
        "a": (parse("A{snippet:b}"), None),
        "b": (parse("B{snippet:a}"), None),
    }
    with pytest.raises(TemplateError, match="cycle: a -> b -> a"):
        templates["a"][0].render(RenderContext(resolve=templates.__getitem__), snippet_id="a")


def test_include_outside_a_library_is_an_error() -> None:
    with pytest.raises(TemplateError, match="outside a library"):
        parse("{snippet:sig}").render()


def test_includes_and_fields_are_listed_once_in_order() -> None:
    template = parse("{snippet:a}{name}{snippet:b}{snippet:a}{#order}{name|x}{/order}")
    assert template.includes == ("a", "b")
    assert [f.name for f in template.fields] == ["name", "order"]


def test_parse_once_render_many_times() -> None:
    template = parse("Hello {name}")
    assert [template.render(RenderContext(fields={"name": n})).text for n in "ABC"] == [
        "Hello A",
        "Hello B",
        "Hello C",
    ]


# --- properties ------------------------------------------------------------------------

_values = st.text(max_size=40)
_fields = st.dictionaries(st.sampled_from(["name", "order", "x", "choice"]), _values, max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80), _fields, st.text(max_size=20) | st.none())
def test_any_text_parses_or_raises_template_error_only(
    text: str, fields: dict[str, str], clip: str | None
) -> None:
    try:
        template = parse(text)
    except TemplateError:
        return
    try:
        out = template.render(RenderContext(fields=fields, clipboard=clip, today=FRIDAY))
    except TemplateError:  # a {snippet:...} with no library
        return
    assert 0 <= out.cursor <= len(out.text)


_alphabet = st.sampled_from(list("{}|#^/:+-abcnamedtlipoursh 2wd"))


@settings(max_examples=400, deadline=None)
@given(st.text(_alphabet, max_size=60), _fields)
def test_template_like_text_never_raises_anything_else(text: str, fields: dict[str, str]) -> None:
    try:
        parse(text).render(RenderContext(fields=fields, today=FRIDAY))
    except TemplateError:
        pass


@settings(max_examples=300, deadline=None)
@given(_values, _values)
def test_field_values_are_inserted_verbatim(name: str, order: str) -> None:
    template = parse("A {name} B {order} C")
    fields = {"name": name, "order": order}
    out = template.render(RenderContext(fields=fields, clipboard="CLIP", today=FRIDAY))
    expected_name = name if name.strip() else "{name}"
    expected_order = order if order.strip() else "{order}"
    assert out.text == f"A {expected_name} B {expected_order} C"


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_characters="{}"), max_size=60))
def test_text_without_braces_renders_to_itself(text: str) -> None:
    assert parse(text).render().text == text


def test_render_takes_the_fields_as_a_dict_as_the_readme_shows() -> None:
    template = parse("Hello {name|there}, order {order}")
    assert template.render({"name": "Anna"}) == template.render(
        RenderContext(fields={"name": "Anna"})
    )
    assert template.render({"name": "Anna"}).text == "Hello Anna, order {order}"


def test_a_date_past_the_calendar_is_a_template_error_not_a_crash() -> None:
    """``expand --today 9999-12-30`` with ``{date+2wd}`` raised OverflowError (review,
    session 30)."""
    template = parse("Due {date+2wd}.")
    with pytest.raises(TemplateError, match=r"\{date\+2wd\} falls outside the calendar"):
        template.render(RenderContext(today=dt.date(9999, 12, 30)))
    assert template.render(RenderContext(today=dt.date(2026, 12, 4))).text == "Due 8 December 2026."
