"""The running app and team packs: a pack subscribed over HTTP is checked when the
app starts, a new version goes live without a restart and the agent is told what
changed; a failed check keeps the installed version working and says why.

A real HTTP server on 127.0.0.1 serves what ``expander pack publish`` wrote.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w

from tests.desktop import harness
from tests.desktop.conftest import App

pytestmark = pytest.mark.desktop


class Site:
    """A static web server on 127.0.0.1 for a folder, as a manager would use."""

    def __init__(self, folder: Path) -> None:
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

        handler = functools.partial(Quiet, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def expander_cli(home: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "expander", *args],
        env={**os.environ, "EXPANDER_HOME": str(home)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def publish(
    home: Path, work: Path, site: Path, version: str, snippets: list[dict[str, str]]
) -> None:
    source = work / f"src-{version}"
    source.mkdir()
    doc = {"pack": {"name": "support-team", "version": version}, "snippets": snippets}
    (source / "pack.toml").write_bytes(tomli_w.dumps(doc).encode("utf-8"))
    archive = work / f"support-team-{version}.zip"
    expander_cli(home, "pack", "build", str(source), "-o", str(archive))
    expander_cli(home, "pack", "publish", str(archive), str(site))


RETURNS_V1 = {"id": "returns", "trigger": ";ret", "title": "Returns", "body": "Returns v1"}
RETURNS_V2 = {**RETURNS_V1, "body": "Zwroty v2: 14 dni"}
EXCHANGE = {"id": "exchange", "trigger": ";exch", "title": "Exchange", "body": "Обмен"}


@pytest.fixture
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, Site]]:
    """An agent subscribed to a site at 1.0.0, with 1.1.0 published since: each test
    gets its own, so none depends on what another installed."""
    work = tmp_path_factory.mktemp("team")
    home, folder = work / "home", work / "site"
    home.mkdir()
    folder.mkdir()
    site = Site(folder)
    publish(home, work, folder, "1.0.0", [RETURNS_V1])
    expander_cli(home, "pack", "subscribe", site.url)
    publish(home, work, folder, "1.1.0", [RETURNS_V2, EXCHANGE])  # while the app is not running
    yield home, folder, site
    site.stop()


def expands(target: harness.TkTarget, trigger: str, expected: str) -> str:
    target.clear()
    target.focus()
    harness.type_text(trigger)
    return target.wait_for_text(expected, timeout=3)


def test_a_new_version_is_installed_at_start_and_live_without_a_restart(
    xdisplay: str, tk_target: harness.TkTarget, setup: tuple[Path, Path, Site]
) -> None:
    home, _, _ = setup
    app = App(home, "--no-bundled")
    try:
        assert harness.wait_until(lambda: "Team pack updated" in app.log, 20), app.log
        assert "support-team 1.1.0: 1 new, 1 changed" in app.log
        assert expands(tk_target, ";ret", RETURNS_V2["body"]) == RETURNS_V2["body"]
        assert expands(tk_target, ";exch", EXCHANGE["body"]) == EXCHANGE["body"]
    finally:
        assert app.stop() == 0, app.log
    assert "Traceback" not in app.log
    listed = expander_cli(home, "pack", "list")
    assert "support-team" in listed and "1.1.0" in listed


def test_a_failed_check_keeps_the_installed_version_and_says_why(
    xdisplay: str, tk_target: harness.TkTarget, setup: tuple[Path, Path, Site]
) -> None:
    home, _, site = setup
    expander_cli(home, "pack", "update")  # 1.1.0 installed ...
    site.stop()  # ... then the server goes down
    app = App(home, "--no-bundled")
    try:
        assert harness.wait_until(lambda: "Team pack not updated" in app.log, 30), app.log
        assert "support-team: update failed" in app.log
        assert "1.1.0 is still installed" in app.log
        assert expands(tk_target, ";ret", RETURNS_V2["body"]) == RETURNS_V2["body"]
    finally:
        assert app.stop() == 0, app.log
    assert "Traceback" not in app.log
