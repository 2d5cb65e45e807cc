"""``expander suggest`` on hostile e-mails (session 32): an HTML e-mail with a
marked section Python's HTML parser rejects ("<![x>") printed a traceback, and one
with a run of tags nothing closes hung. Each now gives the usual answer."""

from __future__ import annotations

import pytest

from tests.cli.runner import Cli


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "email",
    [
        "<p>Hi,</p><![x><p>where is my order 12345?</p><p>Thanks, Anna</p>",
        "<p>Hi, where is my order 12345?</p>" + "<a x='>' y " * 8_000,
        "Hello, where is my order 12345?\n" + ">\n" * 40_000,
    ],
    ids=["unknown-marked-section", "tags-nothing-closes", "bare-quote-lines"],
)
def test_suggest_answers_a_hostile_email(cli: Cli, email: str) -> None:
    result = cli("suggest", "--json", "--all", input=email)
    assert (result.code, result.err) == (0, "")
    assert result.json["fields"]["order"] == "12345"
