"""Hostile e-mails that hung or crashed the field finders, the masker and
``expander suggest`` (session 32).

* 50,000 lines of a bare ">" (a long quote gone wrong): the quoted-greeting
  pattern's ``(?:>\\s*)*`` ran on across lines from each line's start and back:
  12 s for 10,000 characters, minutes for 100,000. Now read line by line.
* HTML cut short or a run of openings nothing closes ("<a <a <a ...", "<a x='>' y
  ...", "<!-- <!-- ...", "<a href='..."): Python's HTML parser looked for the end of
  each to the end of the text (20 s for 40,000 characters of "<a "), and the
  is-it-HTML hint did the same for each "<a ". Now one pass.
* A marked section Python's parser does not know ("<![x>", "<![ xx"): it raised
  ``AssertionError``, a traceback from ``expander suggest``. Now read as HTML reads
  one: a bogus comment up to the next ">".

No timed test: each input below took minutes before; a generous timeout fails it
if it comes back, and the outputs are asserted exactly.
"""

from __future__ import annotations

import pytest

from expander.email.fields import extract_fields
from expander.email.html import html_to_text, looks_like_html, plain_text
from expander.email.names import _QUOTED_GREETING
from expander.email.privacy import mask_email


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (">\n" * 50_000, {}),
        (
            "> \n" * 33_000 + "> Hi Anna,\n> your parcel left today.\n",
            {"name": "Anna", "full_name": "Anna"},  # as with 3 lines above it
        ),
        (">\t\n>>\n" * 20_000, {}),
    ],
    ids=["bare", "spaced-then-greeting", "tabs-and-depths"],
)
def test_many_bare_quote_lines_finish(text: str, fields: dict[str, str]) -> None:
    assert extract_fields(text) == fields
    mask_email(text)


def test_a_quoted_greeting_is_still_read_on_its_own_line() -> None:
    found = [m.group("name") for m in _QUOTED_GREETING.finditer(">\n>\n> > Hi Anna,\n")]
    assert found == ["Anna"]
    found = [m.group("name") for m in _QUOTED_GREETING.finditer(">> \u00a0Dear Mr. Smith!\n")]
    assert found == ["Smith"]
    assert _QUOTED_GREETING.search(">\nnot a greeting\n") is None


HOSTILE_HTML = {
    "open-tags": "<a ",
    "open-tags-newlines": "<a\n",
    "attributes-with-gt": "<a x='>' y ",
    "unclosed-href": "<a href='",
    "open-comments": "<!--",
    "comment-then-gt": "<!--x>",
    "cdata": "<![CDATA[x>",
    "end-tags": "</a ",
    "processing": "<?",
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("unit", HOSTILE_HTML.values(), ids=HOSTILE_HTML.keys())
def test_html_nothing_closes_finishes(unit: str) -> None:
    text = "<p>Hello, where is my order 12345?</p>" + _fill(unit, 100_000)
    assert looks_like_html(text)
    assert plain_text(text).startswith("Hello, where is my order 12345?")
    assert extract_fields(text)["order"] == "12345"
    assert "12345" not in mask_email(text)


def test_the_html_hint_stops_at_the_next_tag() -> None:
    assert looks_like_html("<a " * 30_000 + "<b>")
    assert not looks_like_html("<a " * 30_000)
    assert looks_like_html('<p class="x">Hi</p>')
    assert not looks_like_html("From: Pavel <p.gurov@vector-m.ru>")


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            "<p>Hi Anna,</p><![x><p>where is my order 12345?</p>",
            "Hi Anna,\n\nwhere is my order 12345?",
        ),
        ("<p>Hi</p><![ xx", "Hi\n<![ xx"),
        ("<p>Hi</p><![Cx>y]]>", "Hi\ny]]>"),
        ("<p>Hi</p><![if !mso]><p>Order 12345</p><![endif]>", "Hi\n\nOrder 12345"),
        ("<p>Hi</p><![CDATA[x]]><p>Bye</p>", "Hi\n\nBye"),
    ],
    ids=["unknown-keyword", "no-name", "keyword-then-text", "outlook-conditional", "cdata"],
)
def test_marked_sections_never_raise(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_an_unknown_marked_section_keeps_the_fields() -> None:
    html = "<p>Hi,</p><![x><p>where is my order 12345?</p><p>Thanks,<br>Anna</p>"
    assert extract_fields(html) == {"name": "Anna", "full_name": "Anna", "order": "12345"}


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            "<p>Hello Anna,</p><p>where is order 12345?</p><a href='https://x.example/track",
            "Hello Anna,\n\nwhere is order 12345?\n<a href='https://x.example/track",
        ),
        ("<p>Hello</p><br", "Hello\n<br"),
        ("<p>Thanks,</p><p>Anna</p><!-- x -->", "Thanks,\n\nAnna"),
        ("<p>Hi</p><style><!-- p {color: red} </style><p>Order 12345</p>", "Hi\n\nOrder 12345"),
        ("<p>Hi</p><!-- note <b>bold</b>", "Hi\n<!-- note bold"),
    ],
    ids=["cut-in-a-link", "cut-in-a-tag", "closed-comment", "unclosed-in-style", "unclosed"],
)
def test_html_cut_short_reads_its_tail_as_text(html: str, text: str) -> None:
    """As before, except an unclosed comment: the tags after it are read as tags
    (Python's parser showed them as text up to the next ">")."""
    assert html_to_text(html) == text
