"""The HTTP client's own rules: unsafe redirects, untrustworthy Last-Modified, and
no network code loaded by ``import expander``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from expander.errors import SourceError
from expander.team.http_client import http_get, redirect_problem, safe_last_modified
from tests.team.helpers import serving


def test_a_last_modified_from_the_same_second_is_not_trusted() -> None:
    now = "Sun, 22 Nov 2026 11:17:20 GMT"
    assert safe_last_modified("Sun, 22 Nov 2026 11:17:20 GMT", now) is None
    assert safe_last_modified("Sun, 22 Nov 2026 11:17:19 GMT", now) is not None
    assert safe_last_modified("Sun, 22 Nov 2026 11:17:19 GMT", None) is not None
    assert safe_last_modified("garbage", now) is None


def test_importing_expander_does_not_import_the_network_code() -> None:
    code = "import sys, expander.cli.main; print('urllib.request' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_a_redirect_from_https_down_to_http_is_refused() -> None:
    assert redirect_problem("https://a.example/i.json", "http://a.example/i.json")
    assert redirect_problem("http://a.example/i.json", "file:///etc/passwd")
    assert redirect_problem("http://a.example/i.json", "https://b.example/i.json") is None
    assert redirect_problem("https://a.example/i.json", "https://b.example/i.json") is None


def test_a_file_redirect_and_a_redirect_loop_say_what_happened(tmp_path: Path) -> None:
    with serving(tmp_path / "www") as server:
        server.redirects["index.json"] = "file:///etc/passwd"
        with pytest.raises(SourceError) as refused:
            http_get(f"{server.url}index.json", timeout=5, max_bytes=1 << 20)
        server.redirects["a.json"] = f"{server.url}b.json"
        server.redirects["b.json"] = f"{server.url}a.json"
        with pytest.raises(SourceError) as loop:
            http_get(f"{server.url}a.json", timeout=5, max_bytes=1 << 20)
    assert str(refused.value) == (
        f"{server.url}index.json redirects to file:///etc/passwd: refused (Expander only "
        "follows redirects to http(s) addresses)"
    )
    assert str(loop.value) == (
        f"{server.url}a.json: the server redirects in a loop (or more than 10 times): "
        "ask the publisher to fix the address"
    )
    for error in (refused.value, loop.value):
        assert "try again later" not in str(error) and "\n" not in str(error)
