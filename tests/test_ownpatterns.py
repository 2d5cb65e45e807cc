"""A pack's own patterns run with a time limit (expander.ownpatterns): one that
backtracks without end is refused when its pack is loaded, and skipped when it still
runs too long on an e-mail; nothing hangs and the built-in formats still work."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from expander import extract_fields
from expander.email.privacy import mask_email
from expander.ownpatterns import own_pattern, pattern_problem
from expander.packs import load_pack

# takes time that doubles with each "a" of a run it almost matches (regex 2026: 0.3 s at 28)
CATASTROPHIC = "(a|aa)+b"
EMAIL = "Hello,\nwhere is my parcel? Order ZAM-12345. " + "a" * 80 + "!\nThanks, Anna\n"


@pytest.mark.parametrize(
    "pattern",
    [r"ZAM-\d{6}", r"(?P<order>[A-Z]{2}\d{8})", r"(?:ORD|ZAM)-?\d{4,8}", r"#(\d{6})", r"x*"],
)
def test_an_ordinary_pattern_has_no_problem(pattern: str) -> None:
    assert pattern_problem(pattern) is None


def test_a_pattern_that_does_not_compile_is_named_so() -> None:
    assert (problem := pattern_problem("(unclosed"))
    assert problem.startswith("not a valid regular expression (")


@pytest.mark.parametrize("pattern", [CATASTROPHIC, "(x|xx)+y", "(-|--)+z"])
def test_a_pattern_that_backtracks_without_end_is_refused(pattern: str) -> None:
    assert (problem := pattern_problem(pattern))
    assert problem.startswith("too slow: it backtracks without end on a run of ")


def test_a_pack_with_such_a_pattern_names_its_line_and_keeps_the_good_ones(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "shop.toml"
    pack.write_text(
        '[pack]\nname = "shop"\nversion = "1.0.0"\n'
        f"order_patterns = ['{CATASTROPHIC}', 'ZAM-\\d{{5}}']\n\n"
        '[[snippets]]\nid = "r1"\ntitle = "Where is my order"\nbody = "Order {order}"\n',
        encoding="utf-8",
    )
    loaded = load_pack(pack)
    [problem] = loaded.problems
    assert problem.is_error
    assert (problem.path, problem.line) == (pack, 4)
    assert f"order_patterns: '{CATASTROPHIC}' is too slow" in problem.message
    assert loaded.pack.order_patterns == (r"ZAM-\d{5}",)


def test_a_pattern_that_runs_too_long_on_an_email_is_skipped_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    slow = "(a|aa)+c"  # not used by another test: skipped for the rest of this process
    with caplog.at_level(logging.WARNING, logger="expander"):
        fields = extract_fields(EMAIL, [slow])
        assert fields["order"] == "ZAM-12345"  # the built-in formats still read it
        assert extract_fields(EMAIL, [slow])["order"] == "ZAM-12345"
        masked = mask_email(EMAIL, [slow])
    warnings = [r.getMessage() for r in caplog.records if slow in r.getMessage()]
    assert len(warnings) == 1, warnings
    assert "skipped from now on" in warnings[0]
    assert "Anna" not in warnings[0] and "ZAM" not in warnings[0]  # the pattern, no text
    assert "ZAM-12345" not in masked and "[order]" in masked


def test_a_pack_pattern_still_wins_over_the_built_in_formats() -> None:
    text = "Hi, my order is KX1234B and the box 555123 is damaged. Anna"
    assert extract_fields(text, [r"\b(KX\d{4}[A-Z])\b"])["order"] == "KX1234B"
    assert extract_fields(text, [r"(?P<order>KX\d+)[A-Z]"])["order"] == "KX1234"


def test_an_invalid_pattern_raises_re_error_as_before() -> None:
    with pytest.raises(re.error):
        own_pattern("[unclosed")
