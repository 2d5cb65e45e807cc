"""The running app writes nothing outside EXPANDER_HOME.

The app, a suggestion picked in it (both sentence encoders, ONNX Runtime among
them, which by default writes a device id under ~/.cache) and its usage report,
with HOME and the XDG folders pointing at an empty folder: that folder stays
empty. In a module of its own, so no other app runs beside this one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop import harness
from tests.desktop.conftest import App

pytestmark = pytest.mark.desktop

EMAIL = """Hi,

my parcel (order #77812) still has not arrived. Where is it?

Thanks,
Anna Smith
"""


@pytest.fixture
def empty_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """HOME and the XDG folders for the app's process: an empty folder."""
    home = tmp_path / "user"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name in [n for n in os.environ if n.startswith("ORT_")]:
        monkeypatch.delenv(name)
    yield home


def test_the_app_writes_nothing_outside_expander_home(
    xdisplay: str, tk_target: harness.TkTarget, tmp_path: Path, empty_home: Path
) -> None:
    settings = tmp_path / "expander" / "settings.toml"
    settings.parent.mkdir()
    settings.write_text("[statistics]\nhelp_improve_faq = true\n", encoding="utf-8")
    app = App(tmp_path / "expander")
    try:
        # an empty EXPANDER_HOME: the first suggestion encodes every bundled snippet
        # (about 9 s alone, more beside other tests; 15 s was once too short in CI)
        harness.open_picker(tk_target, EMAIL, timeout=90)
        harness.key("Return")
        assert harness.wait_until(lambda: "Anna" in tk_target.text(), 15), app.log
        assert harness.wait_until(lambda: "chosen from the picker" in app.log, 5), app.log
    finally:
        assert app.stop() == 0, app.log
    assert "Traceback" not in app.log, app.log
    assert sorted(p.relative_to(empty_home) for p in empty_home.rglob("*")) == []
