"""The ports the operating system fills without a desktop library: the clock, and
opening a folder or a page with the desktop's own programs."""

from __future__ import annotations

import subprocess
import threading
import time
import webbrowser
from pathlib import Path

__all__ = ["SystemClock", "SystemLauncher"]


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        return stop.wait(seconds)


class SystemLauncher:
    def open_folder(self, folder: Path) -> None:
        """Open ``folder`` in the file manager (xdg-open), without waiting for it."""
        subprocess.Popen(["xdg-open", str(folder)], start_new_session=True)

    def open_page(self, page: Path) -> bool:
        return webbrowser.open(page.as_uri())
