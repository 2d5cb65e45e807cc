"""HTML e-mails to plain text: entities, skipped tags, quotes, signatures, cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from expander import extract_fields
from expander.email.clean import clean_email
from expander.email.html import html_to_text


def test_html_to_text_entities_are_decoded_once() -> None:
    assert html_to_text("<p>5 &lt; 6 &amp;&amp; &amp;lt;</p>") == "5 < 6 && &lt;"


def test_html_to_text_skips_style_and_script() -> None:
    html = (
        "<html><head><style>p {color:red}</style><script>x=1</script></head>"
        "<body><p>Hi</p></body></html>"
    )
    assert html_to_text(html) == "Hi"


def test_html_to_text_marks_quotes_and_signature() -> None:
    text = html_to_text(
        '<div>New</div><div class="gmail_signature">Anna</div><blockquote>Old<br>older</blockquote>'
    )
    assert [ln for ln in text.splitlines() if ln] == ["New", "-- ", "Anna", "> Old", "> older"]


def test_html_to_text_keeps_table_cells_apart() -> None:
    row = "<table><tr><td>Lamp</td><td>1</td><td>£20</td></tr></table>"
    assert html_to_text(row) == "Lamp 1 £20"


def test_html_to_text_reads_a_row_of_a_label_and_its_value_as_a_field() -> None:
    # a contact form sent as a table reads as a plain one does
    html = (
        "<table><tr><td>Full name</td><td>Rosa Delgado</td></tr>"
        "<tr><td>Email</td><td>rosa.d@example.com</td></tr>"
        "<tr><td>12</td><td>x</td></tr></table>"
    )
    assert html_to_text(html).split("\n\n") == [
        "Full name: Rosa Delgado",
        "Email: rosa.d@example.com",
        "12 x",  # no label: a number
    ]
    assert extract_fields(html)["name"] == "Rosa"


def test_plain_text_with_angle_brackets_is_not_taken_for_html() -> None:
    raw = "Hi, please write to <anna@example.com>, not the old address.\n\n> old"
    assert clean_email(raw).body == "Hi, please write to <anna@example.com>, not the old address."


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<blockquote>",
                                 "</blockquote>", "text", "&amp;", "<b>", "</b>", "\n"]),
                max_size=30))  # fmt: skip
def test_html_to_text_accepts_any_tag_soup(parts: list[str]) -> None:
    assert isinstance(html_to_text("".join(parts)), str)
