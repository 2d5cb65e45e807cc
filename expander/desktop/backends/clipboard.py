"""The system clipboard through pyperclip (xclip/xsel on X11, the OS API elsewhere)."""

from __future__ import annotations

from expander.errors import BackendError

__all__ = ["read_text"]


def read_text() -> str:
    """The clipboard's text; raises :class:`BackendError` when there is no clipboard."""
    try:
        import pyperclip
    except ImportError as exc:  # the desktop extra is not installed
        raise BackendError(
            "reading the clipboard needs pyperclip: pip install 'expander[desktop]'"
        ) from exc
    try:
        text = pyperclip.paste()
    except pyperclip.PyperclipException as exc:
        raise BackendError(
            f"the clipboard cannot be read here ({exc}); on Linux install xclip or xsel "
            "and run inside a graphical session"
        ) from exc
    return str(text or "")
