from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import expander
from expander.suggest.onnxrun import query_threads

# Stands for ONNX Runtime's first import, whose extension module releases the GIL
# while it sets the runtime up (pybind11's gil_scoped_release): a daemon thread
# that takes the GIL back there after the interpreter began finalizing is ended
# inside a C++ destructor, and the process aborts ("terminate called without an
# active exception"; seen once in CI when the app quit during its index build).
FAKE_ONNXRUNTIME = """
import __main__

__main__.importing.set()
__main__.gate.acquire()  # blocks without the GIL, as the real setup runs without it
print("imported", flush=True)


def disable_telemetry_events():
    pass
"""

EXIT_DURING_THE_IMPORT = """
import atexit, sys, threading

from expander.suggest.onnxrun import import_onnxruntime

# the threads change hands only where one blocks: the import is let go by the
# exit itself, and takes the GIL back only if the exit waits for it
sys.setswitchinterval(10)
importing = threading.Event()
gate = threading.Lock()
gate.acquire()
atexit.register(gate.release)  # runs before onnxrun's own exit hook (registered first)
threading.Thread(target=import_onnxruntime, daemon=True).start()
importing.wait()
# the main thread ends here: the interpreter exits with the import under way
"""


def test_the_exit_waits_for_onnx_runtime_being_imported_in_a_daemon_thread(
    tmp_path: Path,
) -> None:
    fake = tmp_path / "onnxruntime" / "__init__.py"
    fake.parent.mkdir()
    fake.write_text(textwrap.dedent(FAKE_ONNXRUNTIME), encoding="utf-8")
    root = Path(expander.__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(root)])}
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(EXIT_DURING_THE_IMPORT)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    # the import finished before the interpreter went down: the thread was not
    # ended inside it (with the real runtime, the abort)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "imported\n", "")


def test_a_query_runs_on_two_threads_unless_the_process_may_use_one_core() -> None:
    cores = os.sched_getaffinity(0)
    assert query_threads() == min(2, len(cores))
    os.sched_setaffinity(0, {min(cores)})
    try:
        assert query_threads() == 1
    finally:
        os.sched_setaffinity(0, cores)
