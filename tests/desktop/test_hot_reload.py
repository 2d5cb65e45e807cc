"""Hot reload: a snippet file edited on disk is live within 2 s; a broken edit keeps
the last good snippets and says where the problem is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w

from tests.desktop import harness
from tests.desktop.conftest import App

pytestmark = pytest.mark.desktop


def write_pack(path: Path, body: str) -> None:
    doc = {
        "pack": {"name": "live", "version": "1.0.0"},
        "snippets": [{"id": "live", "trigger": ";live", "title": "Live", "body": body}],
    }
    path.write_bytes(tomli_w.dumps(doc).encode("utf-8"))


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("live") / "live.toml"
    write_pack(path, "first version")
    return path


@pytest.fixture(scope="module")
def app(xdisplay: str, pack: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    running = App(tmp_path_factory.mktemp("home"), "--no-bundled", "--no-user", "--pack", str(pack))
    yield running
    assert running.stop() == 0, running.log


def expands_to(target: harness.TkTarget, expected: str, timeout: float = 2.0) -> bool:
    return harness.expands_within(target, ";live", expected, timeout)


def test_an_edit_is_live_within_two_seconds(
    app: App, tk_target: harness.TkTarget, pack: Path
) -> None:
    write_pack(pack, "first version")  # as the app started, whatever ran before
    assert expands_to(tk_target, "first version")
    write_pack(pack, "second version")
    assert expands_to(tk_target, "second version", timeout=2.0)


def test_a_broken_edit_keeps_the_last_good_snippets(
    app: App, tk_target: harness.TkTarget, pack: Path
) -> None:
    write_pack(pack, "good version")
    assert expands_to(tk_target, "good version", timeout=2.0)
    pack.write_text(pack.read_text("utf-8").replace('body = "', 'body = "{oops '), "utf-8")
    assert harness.wait_until(lambda: "kept the last good snippets" in app.log, 5), app.log
    assert f"{pack}:" in app.log.split("kept the last good snippets")[-1]
    assert expands_to(tk_target, "good version")
