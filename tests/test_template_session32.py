"""A template of one brace kind run long (session 32): finding the next brace
looked to the end of the body for the kind that was not there, at every brace, so
a body of 800,000 "{" took 3 s to parse and a pack file's largest body (4 MiB) a
minute, in ``expander check`` and in the app's loader. Now one search per brace.
No timed test: the timeout fails it if the quadratic search comes back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from expander.packs import load_pack
from expander.template import Text, parse


@pytest.mark.timeout(30)
@pytest.mark.parametrize("brace", ["{", "}"])
def test_a_long_run_of_one_brace_parses_in_one_pass(brace: str) -> None:
    template = parse(brace * 3_000_000 + "{name}")
    assert template.nodes[0] == Text(brace * 1_500_000)  # one literal brace per pair
    assert [spec.name for spec in template.fields] == ["name"]


@pytest.mark.timeout(30)
def test_a_pack_body_of_open_braces_is_reported_with_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "p.toml"
    body = "{" * 2_999_999
    pack.write_text(
        '[pack]\nname = "p"\nversion = "1.0.0"\n\n[[snippets]]\nid = "s"\ntrigger = ";s"\n'
        f'title = "T"\nbody = {json.dumps(body)}\n',
        encoding="utf-8",
    )
    loaded = load_pack(pack)
    assert [(p.path, p.line, p.message) for p in loaded.problems] == [
        (
            pack,
            9,
            "snippet 's': in body: '{' is never closed: close the tag with '}', "
            "or write '{{' for a literal brace",
        )
    ]
