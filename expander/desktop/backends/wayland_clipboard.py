"""The clipboard in a Wayland session, through wl-clipboard (``wl-paste``, ``wl-copy``).

With the IBus backend nothing is pasted: the clipboard is only read (``{clipboard}``,
the reply picker, "Set customer from clipboard", a new snippet from the selection)
and written by the picker's "copy". Wayland gives the clipboard only to the focused
window or to a helper the compositor trusts, which wl-clipboard is; XWayland's
copy of it can lag behind or be empty for native windows.
"""

from __future__ import annotations

import logging
import shutil
import subprocess

from expander.errors import BackendError

__all__ = ["WaylandClipboard", "wl_clipboard_installed"]

log = logging.getLogger("expander")

_TIMEOUT = 2.0  # a compositor that does not answer by then has no clipboard for us
_TEXT = "text/plain;charset=utf-8"


def wl_clipboard_installed() -> bool:
    return shutil.which("wl-paste") is not None and shutil.which("wl-copy") is not None


class WaylandClipboard:
    """SelectionClipboard for Wayland: the clipboard and the primary selection."""

    def __init__(self) -> None:
        if not wl_clipboard_installed():
            raise BackendError(
                "reading the clipboard in a Wayland session needs wl-clipboard "
                "(Debian, Ubuntu: sudo apt install wl-clipboard)"
            )

    def read_text(self) -> str | None:
        return self._paste()

    def read_primary(self) -> str | None:
        return self._paste("--primary")

    def set_text(self, text: str) -> None:
        try:
            # wl-copy forks to serve the text until another program takes the clipboard;
            # the fork keeps any pipe open, so none is given. The text goes through stdin,
            # never the command line, which every user of the machine can read.
            subprocess.run(
                ["wl-copy", "--type", _TEXT],
                input=text.encode("utf-8"),
                check=True,
                timeout=_TIMEOUT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise BackendError(f"cannot set the clipboard: {_reason(exc)}") from exc

    def close(self) -> None:
        """Nothing to release: wl-copy serves what we copied after we quit, as a copy should."""

    def _paste(self, *options: str) -> str | None:
        try:
            result = subprocess.run(
                ["wl-paste", "--no-newline", *options, "--type", "text"],
                capture_output=True,
                timeout=_TIMEOUT,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            log.info("the clipboard could not be read: %s", _reason(exc))
            return None
        if result.returncode != 0:
            return None  # empty clipboard, or no text in it ("No selection", "No suitable type")
        return result.stdout.decode("utf-8", errors="replace")


def _reason(exc: BaseException) -> str:
    """What went wrong, in our words: never the clipboard's text."""
    if isinstance(exc, subprocess.CalledProcessError):
        return f"wl-copy exited with {exc.returncode} (is the compositor running?)"
    if isinstance(exc, subprocess.TimeoutExpired):
        return "wl-clipboard did not answer (is the compositor running?)"
    return str(exc)
