from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import expander

DESKTOP_MODULES = ("pynput", "pystray", "pyperclip", "tkinter", "_tkinter", "Xlib", "gi")
HEAVY_MODULES = ("numpy", "onnxruntime", "snowballstemmer")


def test_public_api_is_exactly_all() -> None:
    typing_helpers = {"annotations", "TYPE_CHECKING", "Any"}
    public = {name for name in vars(expander) if not name.startswith("_")} - typing_helpers
    modules = {name for name in public if type(getattr(expander, name)).__name__ == "module"}
    lazy = {"Suggestion"}  # imported on first use: it needs numpy
    assert (public - modules) | lazy == set(expander.__all__) - {"__version__"}
    assert sorted(expander.__all__) == expander.__all__
    for name in expander.__all__:
        assert getattr(expander, name) is not None


def test_package_is_typed() -> None:
    assert (Path(expander.__file__).parent / "py.typed").is_file()


def test_import_loads_no_desktop_library() -> None:
    code = (
        "import sys, json, expander; "
        "lib = expander.load(); lib.render(lib.snippets[0]); "
        f"print(json.dumps([m for m in {DESKTOP_MODULES!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(result.stdout) == []


def test_import_loads_no_heavy_module() -> None:
    code = (
        "import sys, json, expander; "
        f"print(json.dumps([m for m in {HEAVY_MODULES!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(result.stdout) == []


def test_version_matches_package_metadata() -> None:
    from importlib.metadata import version

    assert expander.__version__ == version("expander")
