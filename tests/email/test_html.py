"""HTML e-mails to plain text: entities, skipped tags, quotes, signatures, cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
    assert html_to_text("<table><tr><td>Size</td><td>M</td></tr></table>") == "Size M"


def test_plain_text_with_angle_brackets_is_not_taken_for_html() -> None:
    raw = "Hi, please write to <anna@example.com>, not the old address.\n\n> old"
    assert clean_email(raw).body == "Hi, please write to <anna@example.com>, not the old address."


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<blockquote>",
                                 "</blockquote>", "text", "&amp;", "<b>", "</b>", "\n"]),
                max_size=30))  # fmt: skip
def test_html_to_text_accepts_any_tag_soup(parts: list[str]) -> None:
    assert isinstance(html_to_text("".join(parts)), str)
