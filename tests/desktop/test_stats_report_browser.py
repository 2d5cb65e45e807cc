"""The usage report in a real browser: ``expander stats report`` writes the page,
headless Chromium (Debian's ``chromium``, installed by ``make test``) renders it,
and we read back over DevTools what a manager would see: the charts laid out,
their bars painted in their colours (read from a screenshot), no request for
any external file, nothing wider than the window."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import expander
from expander.stats.store import UsageStore
from expander.suggest import suggest
from tests.conftest import WriteFile
from tests.desktop import browsers, harness

pytestmark = pytest.mark.desktop

PACK = """
[pack]
name = "support-team"
version = "1.2.0"
language = "en"

[[snippets]]
id = "late"
trigger = ";late"
title = "Order late"
keywords = ["parcel", "arrived"]
examples = ["Where is my parcel? It has not arrived yet."]
body = "Your parcel is on its way."

[[snippets]]
id = "refund"
trigger = ";ref"
title = "Refund status"
keywords = ["refund", "money back"]
examples = ["When do I get my money back?"]
body = "Your refund was issued today."

[[snippets]]
id = "unused"
title = "Never used"
body = "Nobody sends this."
"""

GAPS = (
    "Do you sell gift cards?",
    "Can I buy a gift card for my mum?",
    "Czy macie karty podarunkowe?",
    "Is your shop open on Sundays?",
)


class HeadlessChromium:
    """Headless Chromium on one page, driven over the DevTools protocol."""

    def __init__(self, url: str, width: int = 1000, height: int = 3000) -> None:
        harness.require_programs("chromium")
        self.url = url
        self.profile = tempfile.mkdtemp(prefix="expander-report-")
        port = harness.free_port()
        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", "--force-device-scale-factor=1", "--password-store=basic",
             f"--window-size={width},{height}", f"--user-data-dir={self.profile}",
             f"--remote-debugging-port={port}", url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        self._id = 0
        try:
            self.ws = browsers.devtools_page(port)
            if not harness.wait_until(self._loaded, 30, 0.1):
                raise RuntimeError("the report did not load in Chromium")
        except BaseException:
            self.close()
            raise

    def _loaded(self) -> bool:
        # the first page DevTools lists may still be about:blank, complete before ours
        state = self.evaluate("[location.href, document.readyState]")
        return bool(state == [self.url, "complete"])

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def pixel(self, x: float, y: float) -> tuple[int, int, int]:
        """The colour painted at page position (x, y), read from a screenshot."""
        shot = self.call(
            "Page.captureScreenshot",
            format="png",
            clip={"x": x, "y": y, "width": 1, "height": 1, "scale": 1},
            captureBeyondViewport=True,
        )
        return _png_first_pixel(base64.b64decode(shot["data"]))

    def close(self) -> None:
        if getattr(self, "ws", None) is not None:
            self.ws.close()
        harness.kill_group(self.proc)
        shutil.rmtree(self.profile, ignore_errors=True)


def _png_first_pixel(data: bytes) -> tuple[int, int, int]:
    """The top-left pixel of an 8-bit RGB or RGBA PNG (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, _, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), (depth, colour)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    # raw[0] is the first row's filter; every PNG filter leaves the first pixel of the
    # first row as it is (its left and upper neighbours count as zero)
    r, g, b = raw[1 : 1 + 3]
    assert width >= 1 and channels in (3, 4)
    return r, g, b


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


@pytest.fixture
def report(write: WriteFile, expander_home: Path, tmp_path: Path) -> Path:
    """The report a manager gets after a week of one agent's work, made by the CLI."""
    pack = write("team.toml", PACK)
    lib = expander.load(pack, include_bundled=False)
    today = dt.date.today()
    for back in range(6, -1, -1):
        day = today - dt.timedelta(days=back)
        with UsageStore.open(today=lambda day=day: day) as store:
            store.use_library(lib)
            for _ in range(back + 1):
                store.record_expansion(lib.get("late"))
            if back % 2 == 0:
                store.record_expansion(lib.get("refund"))
            email = "When do I get my money back for the return?"
            store.record_suggestion_flow(email, suggest(lib, email, 3, min_score=0), 0,
                                         keep_emails=True)  # fmt: skip
            gap = GAPS[back % len(GAPS)]
            store.record_suggestion_flow(gap, suggest(lib, gap, 3, min_score=0), None,
                                         keep_emails=True)  # fmt: skip
    # the agent helps improve the FAQ, or the report (as the app) shows no kept e-mail
    (expander_home / "settings.toml").write_text(
        "[statistics]\nhelp_improve_faq = true\n", encoding="utf-8"
    )
    target = tmp_path / "report.html"
    env = {**os.environ, "EXPANDER_HOME": str(expander_home)}
    subprocess.run(
        [sys.executable, "-m", "expander", "stats", "report", "-o", str(target),
         "--no-bundled", "--no-user", "--pack", str(pack)],
        check=True, capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    return target


@pytest.fixture
def browser(report: Path) -> Iterator[HeadlessChromium]:
    chromium = HeadlessChromium(report.as_uri())
    try:
        yield chromium
    finally:
        chromium.close()


CHARTS_JS = """
[...document.querySelectorAll('svg.chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  return {
    name: svg.dataset.chart,
    width: box.width, height: box.height,
    bars: [...svg.querySelectorAll('rect.bar')].map(r => {
      const b = r.getBoundingClientRect();
      return {x: b.left + window.scrollX, y: b.top + window.scrollY, width: b.width,
              height: b.height, fill: r.getAttribute('fill'),
              painted: getComputedStyle(r).fill, visible: getComputedStyle(r).visibility};
    }),
  };
})
"""


def test_the_report_renders_its_charts_in_a_real_browser(browser: HeadlessChromium) -> None:
    assert browser.evaluate("document.title") == "Expander usage report"
    charts = browser.evaluate(CHARTS_JS)
    assert [c["name"] for c in charts] == ["top-snippets", "acceptance", "per-day", "gaps"]
    for chart in charts:
        assert chart["width"] > 300 and chart["height"] > 20, chart["name"]
        assert chart["bars"], chart["name"]
        for bar in chart["bars"]:
            assert bar["width"] >= 1 and bar["height"] >= 1, (chart["name"], bar)
            assert bar["visible"] == "visible"
            assert bar["painted"] == "rgb({}, {}, {})".format(*_hex(bar["fill"]))
    by_name = {c["name"]: c for c in charts}
    assert len(by_name["per-day"]["bars"]) == 7
    top = by_name["top-snippets"]["bars"]
    assert top[0]["width"] > top[-1]["width"]  # "Order late" (28 typed) is the longest bar
    gaps = by_name["gaps"]["bars"]
    assert [round(b["width"]) for b in gaps] == sorted((round(b["width"]) for b in gaps),
                                                       reverse=True)  # fmt: skip


def test_the_bars_are_painted_in_their_colours(browser: HeadlessChromium) -> None:
    charts = browser.evaluate(CHARTS_JS)
    for chart in charts:
        bar = max(chart["bars"], key=lambda b: b["width"] * b["height"])
        x, y = bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2
        painted = browser.pixel(x, y)
        expected = _hex(bar["fill"])
        assert all(abs(p - e) <= 6 for p, e in zip(painted, expected, strict=True)), (
            chart["name"], painted, expected,
        )  # fmt: skip
        assert browser.pixel(x, bar["y"] - 2) == (255, 255, 255)  # the page around it


def test_the_report_needs_nothing_from_outside_and_fits_the_window(
    browser: HeadlessChromium,
) -> None:
    assert browser.evaluate("performance.getEntriesByType('resource').length") == 0
    assert browser.evaluate("document.scripts.length") == 0
    assert browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        "the page is wider than the window"
    )
    text = browser.evaluate("document.body.innerText")
    for heading in (
        "Most used replies",
        "Suggestions accepted, per pack",
        "Replies per day",
        "Questions without a good reply: the FAQ entries to write next",
        "Replies nobody used (candidates for removal)",
    ):
        assert heading in text
    assert "Never used" in text
    assert "gift card" in text
