"""Two ways to run ``expander ...`` in tests, both returning a :class:`Result`.

:class:`Cli` calls :func:`expander.cli.main.main` in this process (fast: no
interpreter start, the embedding model loaded once per session) with a private
EXPANDER_HOME, stdin, working folder and captured output, all restored after the
call, so nothing leaks from one run to the next. :func:`run_process` runs
``python -m expander`` as a user does; tests keep it for what only a real
process shows: exit codes seen by the shell, the output encoding, a closed pipe.
Both assert that no traceback ever reaches the user.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from expander.cli.main import main


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    """``expander ARGS`` run in this process with EXPANDER_HOME=home, in ``cwd``."""

    def __init__(
        self,
        home: Path,
        cwd: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        self.home = home
        self.cwd = cwd
        self._capsys = capsys
        self._monkeypatch = monkeypatch

    @property
    def personal(self) -> Path:
        return self.home / "personal.toml"

    def __call__(self, *args: str | Path, input: str | bytes | None = None) -> Result:
        """Run ``main(ARGS)`` with ``input`` on stdin (empty, like /dev/null, by default);
        bytes come through a UTF-8 text stream, as from a pipe."""
        self._capsys.readouterr()  # only this run's output
        with self._monkeypatch.context() as patch:
            patch.setenv("EXPANDER_HOME", str(self.home))
            stdin = (
                io.TextIOWrapper(io.BytesIO(input), encoding="utf-8")
                if isinstance(input, bytes)
                else io.StringIO(input or "")
            )
            patch.setattr(sys, "stdin", stdin)
            patch.chdir(self.cwd)
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse: --help, --version and usage errors
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
            out, err = self._capsys.readouterr()
        assert "Traceback" not in err, err
        return Result(code, out, err)


def run_process(
    *args: str | Path,
    home: Path,
    cwd: Path,
    input: str | None = None,
    extra_env: dict[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> Result:
    """Run ``python -m expander ARGS`` with EXPANDER_HOME=home; never shows a traceback.
    ``preexec_fn`` runs in the child before it starts (tests/permission_bits.py)."""
    env = {**os.environ, "EXPANDER_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    env.update(extra_env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "expander", *map(str, args)],
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        cwd=cwd,
        timeout=120,
        preexec_fn=preexec_fn,
    )
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
    return Result(proc.returncode, proc.stdout, proc.stderr)


def flat(text: str) -> str:
    """Text with every run of white space as one space, as ``--help`` rewraps it."""
    return " ".join(text.split())
