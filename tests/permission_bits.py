"""Running ``python -m expander`` held to permission bits, as root too (session 32).

CI runs the tests as root, whom permission bits do not stop. :func:`run_bound` runs
the command in a real process from which the capabilities that let root pass
permission bits (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER) are dropped
from the bounding set before it starts (``prctl(PR_CAPBSET_DROP)``, as ``setpriv
--bounding-set`` does), so the kernel refuses its reads and writes exactly as it
refuses the owner of a 0400 file or a 0555 folder. No fake: the files, SQLite and
the modes are real. A user who is not root needs no drop. :func:`require_bound`
skips a test where the drop is not allowed or does not hold.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.runner import Result, run_process

PR_CAPBSET_DROP = 24
CAPS_OVER_PERMISSION_BITS = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def _bound_by_permission_bits() -> None:
    """In the child before exec: root keeps no capability that passes permission bits."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in CAPS_OVER_PERMISSION_BITS:
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) refused")


def run_bound(*args: str | Path, home: Path, cwd: Path) -> Result:
    """``python -m expander ARGS`` held to permission bits; never shows a traceback."""
    return run_process(*args, home=home, cwd=cwd, preexec_fn=_bound_by_permission_bits)


def require_bound(tmp_path: Path) -> None:
    """Skip unless a process held to permission bits is refused a write into a 0555 folder."""
    folder = tmp_path / "probe"
    folder.mkdir(mode=0o555)
    probe = [sys.executable, "-c", f"open({str(folder / 'x')!r}, 'w')"]
    try:
        refused = subprocess.run(
            probe, capture_output=True, preexec_fn=_bound_by_permission_bits, timeout=60
        )
    except subprocess.SubprocessError as exc:  # the drop itself was refused
        pytest.skip(f"cannot drop the capabilities that pass permission bits: {exc}")
    finally:
        folder.chmod(0o755)
    if refused.returncode == 0:
        pytest.skip("writes into a 0555 folder pass here: nothing read-only to test")
